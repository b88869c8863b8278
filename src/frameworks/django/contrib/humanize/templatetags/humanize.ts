/**
 * django.contrib.humanize.templatetags.humanize: numbers and dates → words a person reads
 * (`register`, the library `{% load humanize %}` loads).
 *
 * Each filter first tries to read its value as Python would (`int(value)`, a date's parts), and
 * returns the value unchanged when it cannot — text stays text, None prints "None".
 *   ordinal    3 → "3rd", 11 → "11th", a negative number as it is
 *   intcomma   1234567 → "1,234,567" (grouped as the active format groups; floats and Decimals too)
 *   intword    1200000 → "1.2 million" … "1.0 googol"; below a million as it is
 *   apnumber   1–9 → "one"–"nine" (the Associated Press style)
 *   naturalday today / tomorrow / yesterday, else the date formatted (DATE_FORMAT or the argument)
 *   naturaltime "now", "a second ago", "5 minutes ago", "an hour from now", then timesince's
 *               "1 day, 2 hours ago" (numbers and units joined by non-breaking spaces)
 */
import { TypeError, ValueError, int } from "../../../../python/builtins";
import { date as py_date, datetime, timezone as dt_timezone } from "../../../../python/datetime";
import { Decimal } from "../../../../python/decimal";
import { is_float, py_str } from "../../../../python/operator";
import { Library } from "../../../template/library";
import { date as date_filter, floatformat } from "../../../template/defaultfilters";
import { number_format } from "../../../utils/formats";
import { mark_safe } from "../../../utils/safestring";
import { timesince } from "../../../utils/timesince";
import { is_aware } from "../../../utils/timezone";

export const register = new Library();

/** `int(value)` as the filters try it: a whole number, or null when Python's int() raises. */
function as_int(value: unknown): number | bigint | null {
  if (typeof value === "bigint") return value;
  try {
    return int(value);
  } catch (e) {
    if (e instanceof TypeError || e instanceof ValueError) return null;
    throw e;
  }
}

/** `ordinal`: an integer → its English ordinal ("1st", "2nd", "3rd", "4th"; 11th–13th). */
export function ordinal(value: unknown): unknown {
  const n = as_int(value);
  if (n === null) return value;
  if (n < 0) return String(n);
  const last_two = Number(BigInt(n) % 100n);
  const suffix = [11, 12, 13].includes(last_two) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][last_two % 10];
  return mark_safe(`${n}${suffix}`);
}
register.filter("ordinal", ordinal, { is_safe: true, required_args: 0, max_args: 0 });

/**
 * `intcomma(value, use_l10n=True)`: an integer (or a float or Decimal) with its thousands grouped
 * by the active format; a value int() cannot read is grouped as text, from its leading digits.
 */
export function intcomma(value: unknown, use_l10n: unknown = true): unknown {
  if (use_l10n) {
    if (is_float(value) || value instanceof Decimal) return number_format(value, null, true, true);
    const n = as_int(value);
    if (n !== null) return number_format(n, null, true, true);
    return intcomma(value, false);
  }
  const result = py_str(value).valueOf();
  const match = /^-?\d+/.exec(result);
  if (!match) return result;
  const prefix = match[0];
  const sign = prefix.startsWith("-") ? "-" : "";
  const digits = prefix.slice(sign.length);
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ",");
  return sign + grouped + result.slice(prefix.length);
}
register.filter("intcomma", intcomma, { is_safe: true, required_args: 0, max_args: 1 });

/** `intword`'s scale: 10**exponent and its name. */
const INTWORD_CONVERTERS: [number, string, string][] = [
  [6, "million", "million"],
  [9, "billion", "billion"],
  [12, "trillion", "trillion"],
  [15, "quadrillion", "quadrillion"],
  [18, "quintillion", "quintillion"],
  [21, "sextillion", "sextillion"],
  [24, "septillion", "septillion"],
  [27, "octillion", "octillion"],
  [30, "nonillion", "nonillion"],
  [33, "decillion", "decillion"],
  [100, "googol", "googol"],
];

/**
 * `intword`: a large integer → "1.0 million", "1.2 billion"… (one decimal place, floatformat's
 * rounding), up to a googol; below a million the integer as it is.
 */
export function intword(value: unknown): unknown {
  const n = as_int(value);
  if (n === null) return value;
  const big = BigInt(n);
  const abs_value = big < 0n ? -big : big;
  if (abs_value < 1000000n) return n;
  for (const [exponent, singular, plural] of INTWORD_CONVERTERS) {
    const large_number = 10n ** BigInt(exponent);
    if (abs_value < large_number * 1000n) {
      const new_value = big_ratio(big, large_number);
      const rounded = round_away_from_one(new_value);
      return `${floatformat(new_value, 1)} ${Math.abs(rounded) === 1 ? singular : plural}`;
    }
  }
  return n;
}
register.filter("intword", intword, { is_safe: false, required_args: 0, max_args: 0 });

/** `value / large_number` as Python's true division of two ints: the nearest float. */
function big_ratio(value: bigint, divisor: bigint): number {
  const whole = value / divisor;
  const rest = value % divisor;
  return Number(whole) + Number((rest * 10n ** 17n) / divisor) / 1e17;
}

/** Django's `round_away_from_one`: `value - 1` rounded away from zero, plus one — the count ngettext picks singular or plural by. */
function round_away_from_one(value: number): number {
  const d = value - 1;
  return (d < 0 ? -Math.ceil(-d) : Math.ceil(d)) + 1;
}

const AP_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** `apnumber`: 1–9 spelled out, as the Associated Press style writes them; other integers as they are. */
export function apnumber(value: unknown): unknown {
  const n = as_int(value);
  if (n === null) return value;
  if (!(n > 0 && n < 10)) return n;
  return AP_NUMBERS[Number(n) - 1];
}
register.filter("apnumber", apnumber, { is_safe: true, required_args: 0, max_args: 0 });

/** `naturalday(value, arg=None)`: "today", "tomorrow" or "yesterday" for those dates, else the date formatted by `arg`. */
export function naturalday(value: unknown, arg: unknown = null): unknown {
  if (!(value instanceof py_date)) return value;
  const tzinfo = value instanceof datetime ? value.tzinfo : null;
  const day = new py_date(value.year, value.month, value.day);
  const today = datetime.now(tzinfo).date();
  const delta = Math.round((day.toordinal() - today.toordinal()));
  if (delta === 0) return "today";
  if (delta === 1) return "tomorrow";
  if (delta === -1) return "yesterday";
  return date_filter(day, arg);
}
register.filter("naturalday", naturalday, { expects_localtime: true, is_safe: false, required_args: 0, max_args: 1 });

const NBSP = "\u00a0";

/** `%(count)s unit` with Django's non-breaking space, and its "a …"/"an …" form for one. */
function count_phrase(count: number, one: string, many: string, tail: string): string {
  return count === 1 ? `${one} ${tail}` : `${count}${NBSP}${many} ${tail}`;
}

/**
 * `naturaltime`: a datetime → how long ago (or from now) it is. Within a day: "now", seconds,
 * minutes, hours ("an hour ago"); past a day, timesince's two largest units ("1 day, 2 hours ago").
 */
export function naturaltime(value: unknown): unknown {
  if (!(value instanceof datetime)) return value;
  const now = datetime.now(is_aware(value) ? dt_timezone.utc : null);
  const past = value.compare(now) < 0;
  const delta = past ? now.sub(value) : value.sub(now);
  const tail = past ? "ago" : "from now";
  if (delta.days !== 0) return `${past ? timesince(value, now) : timesince(now, value)} ${tail}`;
  if (delta.seconds === 0) return "now";
  if (delta.seconds < 60) return count_phrase(delta.seconds, "a second", "seconds", tail);
  if (delta.seconds < 3600) return count_phrase(Math.floor(delta.seconds / 60), "a minute", "minutes", tail);
  return count_phrase(Math.floor(delta.seconds / 3600), "an hour", "hours", tail);
}
register.filter("naturaltime", naturaltime, { is_safe: false, required_args: 0, max_args: 0 });
