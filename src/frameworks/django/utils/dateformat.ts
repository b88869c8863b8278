/**
 * django.utils.dateformat: a date, datetime or time → text, by PHP-style format characters.
 *
 *   format(new datetime(2024, 3, 5, 14, 7), "N j, Y, P")  // "March 5, 2024, 2:07 p.m."
 *   format(d, "\\Y\\e\\s: Y")                              // "Yes: 2024" (backslash escapes)
 *
 * `TimeFormat` knows the time characters (a A e f g G h H i O P s T u Z), `DateFormat` adds the
 * date ones. A plain `date` refuses time characters with a TypeError, as Django does. Naive
 * datetimes are taken to be in the default time zone (settings.TIME_ZONE) for O, T and Z.
 */
import { AttributeError, TypeError } from "../../python/builtins";
import { date, datetime, time, timedelta, type timezone } from "../../python/datetime";
import { get_default_timezone } from "./timezone";

const MONTHS = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTHS_AP = ["", "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const FORMAT_CHARS_RE = /(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])/;
const TIME_CHARS = new Set("aAefgGhHiOPsTuZ");

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

type Value = date | datetime | time;

/** The time format characters; `data` is a datetime or a time. */
export class TimeFormat {
  readonly data: Value;
  readonly timezone: timezone | null = null;

  constructor(obj: Value) {
    this.data = obj;
    if (obj instanceof datetime) this.timezone = obj.tzinfo ?? get_default_timezone();
  }

  /** Split the format into characters and literal text; each character becomes its method's output. */
  format(formatstr: string): string {
    const pieces: string[] = [];
    formatstr.split(FORMAT_CHARS_RE).forEach((piece, i) => {
      if (i % 2) {
        if (this.data instanceof date && !(this.data instanceof datetime) && TIME_CHARS.has(piece))
          throw new TypeError(`The format for date objects may not contain time-related format specifiers (found '${piece}').`);
        const method = (this as unknown as Record<string, () => unknown>)[piece];
        if (typeof method !== "function") throw new AttributeError(`'${this.constructor.name}' object has no attribute '${piece}'`);
        pieces.push(String(method.call(this)));
      } else if (piece) {
        pieces.push(piece.replace(/\\(.)/g, "$1"));
      }
    });
    return pieces.join("");
  }

  protected field(name: "year" | "month" | "day" | "hour" | "minute" | "second" | "microsecond"): number {
    const v = (this.data as unknown as Record<string, number | undefined>)[name];
    if (v === undefined) throw new AttributeError(`'${this.data.constructor.name}' object has no attribute '${name}'`);
    return v;
  }

  /** 'a.m.' or 'p.m.' */
  a(): string {
    return this.field("hour") > 11 ? "p.m." : "a.m.";
  }
  A(): string {
    return this.field("hour") > 11 ? "PM" : "AM";
  }
  /** Time zone name of an aware value ('' when naive). */
  e(): string {
    if (!this.timezone) return "";
    const tz = (this.data as datetime).tzinfo;
    return tz ? (this.data as datetime).tzname() ?? "" : "";
  }
  /** Hour and minutes, minutes left off when zero: '1', '1:30'. */
  f(): string {
    const minute = this.field("minute");
    return minute === 0 ? String(this.g()) : `${this.g()}:${this.i()}`;
  }
  g(): number {
    return this.field("hour") % 12 || 12;
  }
  G(): number {
    return this.field("hour");
  }
  h(): string {
    return pad(this.g());
  }
  H(): string {
    return pad(this.G());
  }
  i(): string {
    return pad(this.field("minute"));
  }
  /** Difference to UTC: '+0200'. */
  O(): string {
    if (!this.timezone) return "";
    const seconds = this.offset_seconds();
    const abs = Math.abs(seconds);
    return `${seconds < 0 ? "-" : "+"}${pad(Math.floor(abs / 3600))}${pad(Math.floor(abs / 60) % 60)}`;
  }
  /** '1 a.m.', '1:30 p.m.', 'midnight', 'noon'. */
  P(): string {
    const minute = this.field("minute");
    const hour = this.field("hour");
    if (minute === 0 && hour === 0) return "midnight";
    if (minute === 0 && hour === 12) return "noon";
    return `${this.f()} ${this.a()}`;
  }
  s(): string {
    return pad(this.field("second"));
  }
  T(): string {
    if (!this.timezone) return "";
    return String(this.timezone.tzname(this.data));
  }
  u(): string {
    return pad(this.field("microsecond"), 6);
  }
  /** Offset from UTC in seconds. */
  Z(): number | string {
    if (!this.timezone) return "";
    return this.offset_seconds();
  }

  private offset_seconds(): number {
    const offset: timedelta = this.timezone!.utcoffset(this.data);
    return offset.days * 86400 + offset.seconds;
  }
}

/** Date and time format characters. */
export class DateFormat extends TimeFormat {
  private as_date(): date {
    if (!(this.data instanceof date)) throw new AttributeError(`'${this.data.constructor.name}' object has no attribute 'year'`);
    return this.data;
  }
  b(): string {
    return MONTHS[this.field("month")].slice(0, 3).toLowerCase();
  }
  c(): string {
    return this.as_date().isoformat();
  }
  d(): string {
    return pad(this.field("day"));
  }
  D(): string {
    return WEEKDAYS[this.as_date().weekday()].slice(0, 3);
  }
  E(): string {
    return MONTHS[this.field("month")];
  }
  F(): string {
    return MONTHS[this.field("month")];
  }
  /** '1' if daylight saving time is in effect ('0' for the fixed offsets this lab knows). */
  I(): string {
    return this.timezone ? "0" : "";
  }
  j(): number {
    return this.field("day");
  }
  l(): string {
    return WEEKDAYS[this.as_date().weekday()];
  }
  L(): string {
    const y = this.field("year");
    return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? "True" : "False";
  }
  m(): string {
    return pad(this.field("month"));
  }
  M(): string {
    return MONTHS[this.field("month")].slice(0, 3);
  }
  n(): number {
    return this.field("month");
  }
  /** Month abbreviation in Associated Press style: 'Jan.', 'March', 'Sept.'. */
  N(): string {
    return MONTHS_AP[this.field("month")];
  }
  o(): number {
    return iso_calendar(this.as_date())[0];
  }
  /** RFC 5322: 'Thu, 21 Dec 2000 16:01:07 +0200'. */
  r(): string {
    return format(as_datetime(this.as_date()), "D, d M Y H:i:s O");
  }
  /** English ordinal suffix of the day: 'st', 'nd', 'rd', 'th'. */
  S(): string {
    const day = this.field("day");
    if (day >= 11 && day <= 13) return "th";
    return { 1: "st", 2: "nd", 3: "rd" }[day % 10] ?? "th";
  }
  t(): string {
    const d = this.as_date();
    const next = d.month === 12 ? new date(d.year + 1, 1, 1) : new date(d.year, d.month + 1, 1);
    return pad(next.toordinal() - new date(d.year, d.month, 1).toordinal());
  }
  /** Seconds since the Unix epoch. */
  U(): number {
    return Math.floor(as_datetime(this.as_date()).timestamp());
  }
  w(): number {
    return (this.as_date().weekday() + 1) % 7;
  }
  W(): number {
    return iso_calendar(this.as_date())[1];
  }
  y(): string {
    return pad(this.field("year") % 100);
  }
  Y(): string {
    return pad(this.field("year"), 4);
  }
  z(): number {
    const d = this.as_date();
    return d.toordinal() - new date(d.year, 1, 1).toordinal() + 1;
  }
}

function as_datetime(d: date): datetime {
  return d instanceof datetime ? d : new datetime(d.year, d.month, d.day);
}

/** [ISO year, ISO week number] */
function iso_calendar(d: date): [number, number] {
  const thursday = d.toordinal() - d.weekday() + 3;
  const year = date.fromordinal(thursday).year;
  const week = Math.floor((thursday - new date(year, 1, 1).toordinal()) / 7) + 1;
  return [year, week];
}

/** `dateformat.format(value, format_string)` */
export function format(value: Value, format_string: string): string {
  return new DateFormat(value).format(format_string);
}

/** `dateformat.time_format(value, format_string)`: time characters only. */
export function time_format(value: Value, format_string: string): string {
  return new TimeFormat(value).format(format_string);
}
