/**
 * Python's `datetime` module in miniature: `date`, `datetime`, `time`, `timedelta`, `timezone`.
 *
 * Django's values are Python's values: a `DateTimeField` holds a `datetime`, a cookie's `expires`
 * may be one, `DjangoJSONEncoder` prints them with `isoformat()`. JavaScript's `Date` is neither
 * naive-or-aware nor microsecond-precise, so this module models Python's types instead: plain
 * fields (year … microsecond), an optional fixed-offset `tzinfo` (naive when absent), Python's
 * `isoformat()` / `str()`, comparisons and `datetime ± timedelta` arithmetic.
 *
 *   new datetime(2024, 1, 2, 3, 4, 5, 0, timezone.utc).isoformat()  // "2024-01-02T03:04:05+00:00"
 *   new timedelta({ days: 1, seconds: 30 }).total_seconds()         // 86430
 */
import { OverflowError, TypeError, ValueError } from "./builtins";
import { time as clock } from "./time";
// A cycle (_strptime imports these classes); the function is only called from methods, after both load.
import { strftime as format_by } from "./_strptime";

const US_PER_SECOND = 1_000_000;
const US_PER_DAY = 86_400 * US_PER_SECOND;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function is_leap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function days_in_month(year: number, month: number): number {
  return month === 2 && is_leap(year) ? 29 : DAYS_IN_MONTH[month];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Proleptic Gregorian ordinal: 0001-01-01 is day 1 (Python's `date.toordinal()`). */
function ordinal_from_ymd(year: number, month: number, day: number): number {
  const y = year - 1;
  let days = y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
  for (let m = 1; m < month; m++) days += days_in_month(year, m);
  return days + day;
}

function ymd_from_ordinal(ordinal: number): [number, number, number] {
  // Days since 0000-03-01 in the "civil from days" algorithm, shifted to Python's ordinal origin.
  const z = ordinal + 305; // days since 0000-03-01 (0001-01-01 is 306 days later)
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day];
}

function check_date_fields(year: number, month: number, day: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new ValueError(`year ${year} is out of range`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new ValueError("month must be in 1..12");
  if (!Number.isInteger(day) || day < 1 || day > days_in_month(year, month)) throw new ValueError("day is out of range for month");
}

function check_time_fields(hour: number, minute: number, second: number, microsecond: number): void {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new ValueError("hour must be in 0..23");
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw new ValueError("minute must be in 0..59");
  if (!Number.isInteger(second) || second < 0 || second > 59) throw new ValueError("second must be in 0..59");
  if (!Number.isInteger(microsecond) || microsecond < 0 || microsecond > 999999) throw new ValueError("microsecond must be in 0..999999");
}

/** Round half to even, as Python does when a timedelta gets fractional microseconds. */
function round_half_even(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export interface TimedeltaParts {
  days?: number;
  seconds?: number;
  microseconds?: number;
  milliseconds?: number;
  minutes?: number;
  hours?: number;
  weeks?: number;
}

/** `datetime.timedelta`: normalized to days, 0 ≤ seconds < 86400, 0 ≤ microseconds < 10⁶. */
export class timedelta {
  /** Its name in Python's messages (`'datetime.timedelta' object is not iterable`). */
  static readonly __tp_name__ = "datetime.timedelta";
  readonly days: number;
  readonly seconds: number;
  readonly microseconds: number;

  static readonly min_days = -999999999;
  static readonly max_days = 999999999;

  constructor(parts: TimedeltaParts = {}) {
    let d = (parts.days ?? 0) + (parts.weeks ?? 0) * 7;
    let s = (parts.seconds ?? 0) + (parts.minutes ?? 0) * 60 + (parts.hours ?? 0) * 3600;
    let us = (parts.microseconds ?? 0) + (parts.milliseconds ?? 0) * 1000;
    const d_whole = Math.trunc(d);
    s += (d - d_whole) * 86400;
    d = d_whole;
    const s_whole = Math.trunc(s);
    us += (s - s_whole) * US_PER_SECOND;
    s = s_whole;
    us = round_half_even(us);
    s += Math.floor(us / US_PER_SECOND);
    us -= Math.floor(us / US_PER_SECOND) * US_PER_SECOND;
    d += Math.floor(s / 86400);
    s -= Math.floor(s / 86400) * 86400;
    if (Math.abs(d) > timedelta.max_days) throw new OverflowError(`days=${d}; must have magnitude <= 999999999`);
    this.days = d;
    this.seconds = s;
    this.microseconds = us;
  }

  /** Build from a (possibly large) count of microseconds. */
  static from_microseconds(total: number): timedelta {
    const days = Math.floor(total / US_PER_DAY);
    return new timedelta({ days, microseconds: total - days * US_PER_DAY });
  }

  /** `td.total_seconds()` as a float. */
  total_seconds(): number {
    return (this.days * 86400 + this.seconds) + this.microseconds / US_PER_SECOND;
  }

  /** Total microseconds (exact while |days| < ~100 000 years of microseconds fit a double). */
  /** `<`, `<=`, `>`, `>=` compare timedeltas by length (ADR 0015). */
  valueOf(): number {
    return this.total_microseconds();
  }

  total_microseconds(): number {
    return (this.days * 86400 + this.seconds) * US_PER_SECOND + this.microseconds;
  }

  add(other: timedelta): timedelta {
    return new timedelta({ days: this.days + other.days, seconds: this.seconds + other.seconds, microseconds: this.microseconds + other.microseconds });
  }

  sub(other: timedelta): timedelta {
    return this.add(other.neg());
  }

  neg(): timedelta {
    return new timedelta({ days: -this.days, seconds: -this.seconds, microseconds: -this.microseconds });
  }

  mul(factor: number): timedelta {
    return timedelta.from_microseconds(round_half_even(this.total_microseconds() * factor));
  }

  compare(other: timedelta): number {
    return this.days - other.days || this.seconds - other.seconds || this.microseconds - other.microseconds;
  }

  equals(other: unknown): boolean {
    return other instanceof timedelta && this.compare(other) === 0;
  }

  /** `str(td)`: `1 day, 2:03:04.000005`, `-1 day, 23:59:59`. */
  toString(): string {
    const hh = Math.floor(this.seconds / 3600);
    const mm = Math.floor((this.seconds % 3600) / 60);
    const ss = this.seconds % 60;
    let s = `${hh}:${pad(mm)}:${pad(ss)}`;
    if (this.microseconds) s += `.${pad(this.microseconds, 6)}`;
    if (this.days) s = `${this.days} day${Math.abs(this.days) === 1 ? "" : "s"}, ${s}`;
    return s;
  }

  __repr__(): string {
    const parts: string[] = [];
    if (this.days) parts.push(`days=${this.days}`);
    if (this.seconds) parts.push(`seconds=${this.seconds}`);
    if (this.microseconds) parts.push(`microseconds=${this.microseconds}`);
    return `datetime.timedelta(${parts.join(", ") || "0"})`;
  }
}

/** `datetime.timezone`: a fixed offset from UTC, with `timezone.utc` for UTC itself. */
export class timezone {
  readonly offset: timedelta;
  readonly name: string | null;

  constructor(offset: timedelta, name: string | null = null) {
    if (Math.abs(offset.total_seconds()) >= 86400) throw new ValueError("offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).");
    this.offset = offset;
    this.name = name;
  }

  static readonly utc = new timezone(new timedelta(), "UTC");

  utcoffset(_dt?: unknown): timedelta {
    return this.offset;
  }

  tzname(_dt?: unknown): string {
    if (this.name !== null) return this.name;
    return this.offset.total_microseconds() === 0 ? "UTC" : `UTC${format_offset(this.offset, ":")}`;
  }

  toString(): string {
    return this.tzname();
  }
}

/** `+HH:MM[:SS[.ffffff]]` as `isoformat()` prints an offset. */
function format_offset(offset: timedelta, sep = ":"): string {
  let total = offset.total_microseconds();
  const sign = total < 0 ? "-" : "+";
  total = Math.abs(total);
  const us = total % US_PER_SECOND;
  let secs = Math.floor(total / US_PER_SECOND);
  const hh = Math.floor(secs / 3600);
  secs -= hh * 3600;
  const mm = Math.floor(secs / 60);
  const ss = secs - mm * 60;
  let s = `${sign}${pad(hh)}${sep}${pad(mm)}`;
  if (ss || us) s += `${sep}${pad(ss)}`;
  if (us) s += `.${pad(us, 6)}`;
  return s;
}

function format_time(hour: number, minute: number, second: number, microsecond: number, timespec = "auto"): string {
  const base = `${pad(hour)}:${pad(minute)}:${pad(second)}`;
  if (timespec === "seconds" || (timespec === "auto" && !microsecond)) return base;
  if (timespec === "milliseconds") return `${base}.${pad(Math.floor(microsecond / 1000), 3)}`;
  return `${base}.${pad(microsecond, 6)}`;
}

/*
 * ISO 8601 text → date and time parts, as CPython 3.11's `fromisoformat` reads it (the C parser in
 * _datetimemodule.c, mirrored by the pure-Python `_parse_isoformat_*` helpers of datetime.py).
 * Dates: "YYYY-MM-DD", "YYYYMMDD", ISO weeks "YYYY-Www[-D]" and "YYYYWww[D]". Times: "HH",
 * "HH:MM", "HHMM", "HH:MM:SS", "HHMMSS", each optionally followed by a "." or "," fraction of any
 * length (cut to microseconds) and an offset ("Z", "+HH", "+HH:MM", "+HHMM", "+HH:MM:SS.ffffff").
 * A datetime's date and time are joined by any one character. Digits are ASCII only.
 */

/** The invalid-string error every parse failure raises. */
function invalid_isoformat(text: string): ValueError {
  return new ValueError(`Invalid isoformat string: '${text}'`);
}

const is_ascii_digit = (ch: string | undefined) => ch !== undefined && ch >= "0" && ch <= "9";

/** `count` ASCII digits at `pos` as a number, or null. */
function parse_digits(text: string, pos: number, count: number): number | null {
  let value = 0;
  for (let i = pos; i < pos + count; i++) {
    if (!is_ascii_digit(text[i])) return null;
    value = value * 10 + (text.charCodeAt(i) - 48);
  }
  return value;
}

/** Where a datetime's date ends and its one-character separator sits (`_find_isoformat_datetime_separator`). */
function find_isoformat_datetime_separator(text: string): number {
  const len = text.length;
  if (len === 7) return 7;
  if (text[4] === "-") {
    if (text[5] !== "W") return 10; // YYYY-MM-DD
    if (len < 8) return -1;
    if (len > 8 && text[8] === "-") {
      if (len === 9) return -1;
      return len > 10 && is_ascii_digit(text[10]) ? 8 : 10; // YYYY-Www-HH… is read as YYYY-Www, then the time
    }
    return 8; // YYYY-Www
  }
  if (text[4] !== "W") return 8; // YYYYMMDD
  let end = 7;
  while (end < len && is_ascii_digit(text[end])) end++;
  if (end < 9) return end; // YYYYWww or YYYYWwwD
  return end % 2 === 0 ? 7 : 8;
}

/** The [year, month, day] of the first `len` characters, or null (`_parse_isoformat_date`). */
function parse_isoformat_date(text: string, len: number): [number, number, number] | null {
  const year = parse_digits(text, 0, 4);
  if (year === null) return null;
  let pos = 4;
  const uses_separator = text[pos] === "-";
  if (uses_separator) pos++;
  if (text[pos] === "W") {
    const week = parse_digits(text, pos + 1, 2);
    if (week === null) return null;
    pos += 3;
    let weekday = 1;
    if (pos < len) {
      if (uses_separator && text[pos++] !== "-") return null;
      const d = parse_digits(text, pos, 1);
      if (d === null) return null;
      weekday = d;
    }
    return iso_week_to_ymd(year, week, weekday);
  }
  const month = parse_digits(text, pos, 2);
  if (month === null) return null;
  pos += 2;
  if (uses_separator && text[pos++] !== "-") return null;
  const day = parse_digits(text, pos, 2);
  return day === null ? null : [year, month, day];
}

/** ISO year, week and weekday (Monday 1) → [year, month, day]; null for a week or day that does not exist. */
function iso_week_to_ymd(year: number, week: number, weekday: number): [number, number, number] | null {
  if (year < 1 || year > 9999 || weekday < 1 || weekday > 7) return null;
  const jan1 = ordinal_from_ymd(year, 1, 1);
  const jan1_weekday = (jan1 + 6) % 7; // Monday 0
  const has_53_weeks = jan1_weekday === 3 || (jan1_weekday === 2 && is_leap(year));
  if (week < 1 || week > (has_53_weeks ? 53 : 52)) return null;
  const week1_monday = jan1 - jan1_weekday + (jan1_weekday > 3 ? 7 : 0);
  return ymd_from_ordinal(week1_monday + (week - 1) * 7 + (weekday - 1));
}

type IsoTime = [hour: number, minute: number, second: number, microsecond: number];

/**
 * "HH[:MM[:SS[.f…]]]" or its basic form from `start` to `end` (`_parse_hh_mm_ss_ff`): the parts and
 * whether text is left over (an offset may follow), or null. A "." or "," may start the fraction
 * after any part.
 */
function parse_hh_mm_ss_ff(text: string, start: number, end: number): [IsoTime, boolean] | null {
  const parts = [0, 0, 0];
  let pos = start;
  let has_separator = true;
  for (let i = 0; i < 3; i++) {
    const value = parse_digits(text, pos, 2);
    if (value === null) return null;
    parts[i] = value;
    pos += 2;
    const c = text[pos++];
    if (i === 0) has_separator = c === ":";
    if (pos >= end) return [[parts[0], parts[1], parts[2], 0], c !== undefined];
    if (has_separator && c === ":") continue;
    if (c === "." || c === ",") break;
    if (has_separator) return null;
    pos--;
  }
  // What follows is the fraction (after "HH:MM:SS:" too, as CPython reads "03:04:05:06" as 03:04:05.06).
  const digits = Math.min(end - pos, 6);
  const value = parse_digits(text, pos, digits);
  if (value === null) return null;
  pos += digits;
  while (is_ascii_digit(text[pos])) pos++;
  return [[parts[0], parts[1], parts[2], value * 10 ** (6 - digits)], pos < text.length];
}

/** A time and its offset from `start` (`_parse_isoformat_time`); null when malformed. */
function parse_isoformat_time(text: string, start: number): [IsoTime, timezone | null] | null {
  let tz_pos = start;
  while (tz_pos < text.length && text[tz_pos] !== "Z" && text[tz_pos] !== "+" && text[tz_pos] !== "-") tz_pos++;
  const time_parts = parse_hh_mm_ss_ff(text, start, tz_pos);
  if (time_parts === null) return null;
  if (tz_pos === text.length) return time_parts[1] ? null : [time_parts[0], null];
  if (text[tz_pos] === "Z") return tz_pos + 1 === text.length ? [time_parts[0], timezone.utc] : null;
  const sign = text[tz_pos] === "-" ? -1 : 1;
  const offset_parts = parse_hh_mm_ss_ff(text, tz_pos + 1, text.length);
  if (offset_parts === null || offset_parts[1]) return null;
  const [h, m, sec, us] = offset_parts[0];
  const offset = new timedelta({ hours: sign * h, minutes: sign * m, seconds: sign * sec, microseconds: sign * us });
  return [time_parts[0], offset.total_microseconds() === 0 ? timezone.utc : new timezone(offset)];
}

/** `datetime.date`: a calendar day. */
export class date {
  /** Its name in Python's messages (`'datetime.date' object is not iterable`). */
  static readonly __tp_name__: string = "datetime.date";
  declare readonly year: number;
  declare readonly month: number;
  declare readonly day: number;

  constructor(year: number, month: number, day: number) {
    check_date_fields(year, month, day);
    this.year = year;
    this.month = month;
    this.day = day;
  }

  static fromordinal(ordinal: number): date {
    const [y, m, d] = ymd_from_ordinal(ordinal);
    return new date(y, m, d);
  }

  /** `date.fromisoformat("2024-02-29")`, also "20240229" and ISO weeks ("2024-W09-4"). */
  static fromisoformat(text: string): date {
    const len = text.length;
    const ymd = len === 7 || len === 8 || len === 10 ? parse_isoformat_date(text, len) : null;
    if (ymd === null) throw invalid_isoformat(text);
    return new date(...ymd);
  }

  /** `date.today()` in UTC (the lab's simulated server runs in UTC). */
  static today(): date {
    const now = datetime.now();
    return new date(now.year, now.month, now.day);
  }

  /** `<`, `<=`, `>`, `>=` compare dates by their day number (ADR 0015). */
  valueOf(): number {
    return this.toordinal();
  }

  toordinal(): number {
    return ordinal_from_ymd(this.year, this.month, this.day);
  }

  /** Monday is 0, Sunday is 6. */
  weekday(): number {
    return (this.toordinal() + 6) % 7;
  }

  isoweekday(): number {
    return this.weekday() + 1;
  }

  /** `value.strftime(format)`: `%Y-%m-%d`, `%H:%M`, … (see _strptime). */
  strftime(format: string): string {
    return format_by(this, format);
  }

  isoformat(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }

  toString(): string {
    return this.isoformat();
  }

  __repr__(): string {
    return `datetime.date(${this.year}, ${this.month}, ${this.day})`;
  }

  /** `date + timedelta` (the timedelta's seconds are ignored, as in Python). */
  add(delta: timedelta): date {
    return date.fromordinal(this.toordinal() + delta.days);
  }

  /** `date - timedelta` → date; `date - date` → timedelta. */
  sub(other: timedelta): date;
  sub(other: date): timedelta;
  sub(other: timedelta | date): date | timedelta {
    if (other instanceof timedelta) return this.add(other.neg());
    return new timedelta({ days: this.toordinal() - other.toordinal() });
  }

  compare(other: date): number {
    if (other instanceof datetime && !(this instanceof datetime)) throw new TypeError("can't compare datetime.datetime to datetime.date");
    return this.toordinal() - other.toordinal();
  }

  equals(other: unknown): boolean {
    return other instanceof date && !(other instanceof datetime) && other.toordinal() === this.toordinal();
  }
}

/** `datetime.time`: a time of day, naive or with a fixed-offset tzinfo. */
export class time {
  /** Its name in Python's messages (`'datetime.time' object is not iterable`). */
  static readonly __tp_name__ = "datetime.time";
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly microsecond: number;
  readonly tzinfo: timezone | null;

  constructor(hour = 0, minute = 0, second = 0, microsecond = 0, tzinfo: timezone | null = null) {
    check_time_fields(hour, minute, second, microsecond);
    this.hour = hour;
    this.minute = minute;
    this.second = second;
    this.microsecond = microsecond;
    this.tzinfo = tzinfo;
  }

  /** `time.fromisoformat("13:45:01.5+02:00")`; a leading "T" is allowed. */
  static fromisoformat(text: string): time {
    const parsed = parse_isoformat_time(text, text.startsWith("T") ? 1 : 0);
    if (parsed === null) throw invalid_isoformat(text);
    const [[h, m, s, us], tz] = parsed;
    return new time(h, m, s, us, tz);
  }

  utcoffset(): timedelta | null {
    return this.tzinfo ? this.tzinfo.utcoffset() : null;
  }

  /** `isoformat(timespec="auto")`: `13:45:01`, `13:45:01.500000`, plus `+HH:MM` when aware. */
  /** `value.strftime(format)`: `%Y-%m-%d`, `%H:%M`, … (see _strptime). */
  strftime(format: string): string {
    return format_by(this, format);
  }

  isoformat(timespec = "auto"): string {
    const s = format_time(this.hour, this.minute, this.second, this.microsecond, timespec);
    return this.tzinfo ? s + format_offset(this.tzinfo.utcoffset()) : s;
  }

  toString(): string {
    return this.isoformat();
  }

  __repr__(): string {
    const fields = [this.hour, this.minute, this.second, this.microsecond];
    while (fields.length > 2 && fields[fields.length - 1] === 0) fields.pop();
    return `datetime.time(${fields.join(", ")}${this.tzinfo ? `, tzinfo=${this.tzinfo}` : ""})`;
  }

  /** Microseconds since midnight (ignoring tzinfo). */
  private since_midnight(): number {
    return ((this.hour * 60 + this.minute) * 60 + this.second) * US_PER_SECOND + this.microsecond;
  }

  compare(other: time): number {
    if (!this.tzinfo !== !other.tzinfo) throw new TypeError("can't compare offset-naive and offset-aware times");
    const a = this.since_midnight() - (this.tzinfo?.utcoffset().total_microseconds() ?? 0);
    const b = other.since_midnight() - (other.tzinfo?.utcoffset().total_microseconds() ?? 0);
    return a - b;
  }

  equals(other: unknown): boolean {
    if (!(other instanceof time) || !this.tzinfo !== !other.tzinfo) return false;
    return this.compare(other) === 0;
  }
}

/** `datetime.datetime`: a date and a time of day; naive (`tzinfo` null) or aware. */
export class datetime extends date {
  static override readonly __tp_name__ = "datetime.datetime";
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly microsecond: number;
  readonly tzinfo: timezone | null;

  constructor(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, microsecond = 0, tzinfo: timezone | null = null) {
    super(year, month, day);
    check_time_fields(hour, minute, second, microsecond);
    this.hour = hour;
    this.minute = minute;
    this.second = second;
    this.microsecond = microsecond;
    this.tzinfo = tzinfo;
  }

  /** `datetime.fromisoformat("2024-01-02T03:04:05.123456+01:00")`: an ISO date, any one character, an ISO time. */
  static override fromisoformat(text: string): datetime {
    if (/[^\x00-\x7f]/.test(text)) throw invalid_isoformat(text);
    const separator = find_isoformat_datetime_separator(text);
    const ymd = separator < 0 ? null : parse_isoformat_date(text, separator);
    if (ymd === null) throw invalid_isoformat(text);
    if (text.length <= separator) return new datetime(...ymd);
    const parsed = parse_isoformat_time(text, separator + 1);
    if (parsed === null) throw invalid_isoformat(text);
    const [[h, m, s, us], tz] = parsed;
    return new datetime(...ymd, h, m, s, us, tz);
  }

  /** `datetime.fromtimestamp(ts, tz)`; naive results are in UTC (the simulated server's zone). */
  static fromtimestamp(ts: number, tz: timezone | null = null): datetime {
    const us = round_half_even(ts * US_PER_SECOND);
    const utc = datetime.EPOCH.add(timedelta.from_microseconds(us));
    if (!tz) return utc;
    return utc.add(tz.utcoffset()).replace({ tzinfo: tz });
  }

  /** `datetime.now(tz)`: reads `time.time()`, so a frozen clock freezes it too. */
  static now(tz: timezone | null = null): datetime {
    return datetime.fromtimestamp(clock(), tz);
  }

  static combine(d: date, t: time, tzinfo: timezone | null = t.tzinfo): datetime {
    return new datetime(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond, tzinfo);
  }

  static readonly EPOCH = new datetime(1970, 1, 1);

  /** `dt.replace(hour=0, tzinfo=None, …)` */
  replace(fields: Partial<Pick<datetime, "year" | "month" | "day" | "hour" | "minute" | "second" | "microsecond" | "tzinfo">>): datetime {
    const f = { ...this.fields(), ...fields };
    return new datetime(f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond, f.tzinfo);
  }

  private fields() {
    const { year, month, day, hour, minute, second, microsecond, tzinfo } = this;
    return { year, month, day, hour, minute, second, microsecond, tzinfo };
  }

  date(): date {
    return new date(this.year, this.month, this.day);
  }

  time(): time {
    return new time(this.hour, this.minute, this.second, this.microsecond);
  }

  timetz(): time {
    return new time(this.hour, this.minute, this.second, this.microsecond, this.tzinfo);
  }

  utcoffset(): timedelta | null {
    return this.tzinfo ? this.tzinfo.utcoffset(this) : null;
  }

  tzname(): string | null {
    return this.tzinfo ? this.tzinfo.tzname(this) : null;
  }

  /** Convert an aware datetime to another zone (a naive one is taken as UTC here). */
  astimezone(tz: timezone = timezone.utc): datetime {
    const utc = this.sub(this.utcoffset() ?? new timedelta());
    return utc.add(tz.utcoffset()).replace({ tzinfo: tz });
  }

  /** Seconds since the epoch; a naive datetime counts as UTC. */
  /** `<`, `<=`, `>`, `>=` compare the instants (a naive datetime counts as UTC; ADR 0015). */
  override valueOf(): number {
    const naive_utc = this.sub(this.utcoffset() ?? new timedelta()).replace({ tzinfo: null });
    return (naive_utc.toordinal() - 719_163) * 86_400_000_000 + ((naive_utc.hour * 60 + naive_utc.minute) * 60 + naive_utc.second) * 1_000_000 + naive_utc.microsecond;
  }

  timestamp(): number {
    const naive_utc = this.sub(this.utcoffset() ?? new timedelta()).replace({ tzinfo: null });
    return naive_utc.sub(datetime.EPOCH).total_seconds();
  }

  /** `isoformat(sep="T", timespec="auto")`: `2024-01-02T03:04:05.500000+00:00`. */
  override isoformat(sep = "T", timespec = "auto"): string {
    const s = `${super.isoformat()}${sep}${format_time(this.hour, this.minute, this.second, this.microsecond, timespec)}`;
    return this.tzinfo ? s + format_offset(this.tzinfo.utcoffset(this)) : s;
  }

  /** `str(dt)` is `isoformat(" ")`. */
  override toString(): string {
    return this.isoformat(" ");
  }

  override __repr__(): string {
    const fields = [this.year, this.month, this.day, this.hour, this.minute, this.second, this.microsecond];
    while (fields.length > 5 && fields[fields.length - 1] === 0) fields.pop();
    return `datetime.datetime(${fields.join(", ")}${this.tzinfo ? `, tzinfo=${this.tzinfo === timezone.utc ? "datetime.timezone.utc" : this.tzinfo}` : ""})`;
  }

  /** Microseconds since midnight. */
  private since_midnight(): number {
    return ((this.hour * 60 + this.minute) * 60 + this.second) * US_PER_SECOND + this.microsecond;
  }

  /** `datetime + timedelta` */
  override add(delta: timedelta): datetime {
    let days = this.toordinal() + delta.days;
    let us = this.since_midnight() + delta.seconds * US_PER_SECOND + delta.microseconds;
    days += Math.floor(us / US_PER_DAY);
    us -= Math.floor(us / US_PER_DAY) * US_PER_DAY;
    const [y, m, d] = ymd_from_ordinal(days);
    const secs = Math.floor(us / US_PER_SECOND);
    return new datetime(y, m, d, Math.floor(secs / 3600), Math.floor(secs / 60) % 60, secs % 60, us % US_PER_SECOND, this.tzinfo);
  }

  /** `datetime - timedelta` → datetime; `datetime - datetime` → timedelta (both naive or both aware). */
  override sub(other: timedelta): datetime;
  override sub(other: datetime): timedelta;
  override sub(other: any): any {
    if (other instanceof timedelta) return this.add(other.neg());
    if (!(other instanceof datetime)) throw new TypeError("unsupported operand type(s) for -: 'datetime.datetime' and 'datetime.date'");
    if (!this.tzinfo !== !other.tzinfo) throw new TypeError("can't subtract offset-naive and offset-aware datetimes");
    const offset = (this.utcoffset()?.total_microseconds() ?? 0) - (other.utcoffset()?.total_microseconds() ?? 0);
    return new timedelta({
      days: this.toordinal() - other.toordinal(),
      microseconds: this.since_midnight() - other.since_midnight() - offset,
    });
  }

  override compare(other: date): number {
    if (!(other instanceof datetime)) throw new TypeError("can't compare datetime.datetime to datetime.date");
    if (!this.tzinfo !== !other.tzinfo) throw new TypeError("can't compare offset-naive and offset-aware datetimes");
    const delta = this.sub(other);
    return delta.days || delta.seconds || delta.microseconds;
  }

  override equals(other: unknown): boolean {
    if (!(other instanceof datetime) || !this.tzinfo !== !other.tzinfo) return false;
    return this.compare(other) === 0;
  }
}
