/**
 * django.utils.dateparse: ISO-ish text → Python date, datetime and timedelta values, as Django
 * parses form input and the text SQLite stores ("2024-03-05", "2024-03-05 14:07:09.500000").
 * Each parser tries Python's own `fromisoformat` first (CPython 3.11's: basic forms such as
 * "20240305T1407", ISO weeks, an hour alone) and then Django's regular expression, whose `\d`
 * reads any Unicode digit and whose `$` also matches before a final newline.
 * Returns null when the text is not well formed; raises ValueError when it is but names an
 * impossible date ("2024-13-01").
 */
import { date, datetime, timedelta, timezone } from "../../python/datetime";
import { ValueError } from "../../python/builtins";
import { ascii_digits } from "../../python/unicodedata";

/** Python's `\s` in a str pattern (str.isspace()). */
const PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})\n?$/;
const DATETIME_RE = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})[T ](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:[.,](\\d{1,6})\\d{0,6})?)?${PY_SPACE}*(Z|[+-]\\d{2}(?::?\\d{2})?)?\\n?$`);

/** `f()`, or null when it raises ValueError (Django's `try: … fromisoformat(value) except ValueError:`). */
function unless_value_error<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof ValueError) return null;
    throw e;
  }
}

/** `django.utils.dateparse.parse_date`; ValueError for a well-formed but impossible date. */
export function parse_date(text: string): date | null {
  const iso = parse_iso_date(text) ?? unless_value_error(() => date.fromisoformat(text));
  if (iso) return iso;
  const m = DATE_RE.exec(ascii_digits(text));
  return m ? new date(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * The common case first, as Django tries `date.fromisoformat` before its regex: exactly
 * "YYYY-MM-DD" (what SQLite stores for a DateField), read digit by digit. Null for anything else.
 */
function parse_iso_date(text: string): date | null {
  const at = char_code_at;
  if (text.length !== 10 || at.call(text, 4) !== 45 || at.call(text, 7) !== 45) return null; // 45 is "-"
  // Each character minus "0" (48); as an unsigned number, anything but a digit is more than 9.
  const y1 = at.call(text, 0) - 48, y2 = at.call(text, 1) - 48, y3 = at.call(text, 2) - 48, y4 = at.call(text, 3) - 48;
  const m1 = at.call(text, 5) - 48, m2 = at.call(text, 6) - 48, d1 = at.call(text, 8) - 48, d2 = at.call(text, 9) - 48;
  if (y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || y4 >>> 0 > 9 || m1 >>> 0 > 9 || m2 >>> 0 > 9 || d1 >>> 0 > 9 || d2 >>> 0 > 9) return null;
  return new date(y1 * 1000 + y2 * 100 + y3 * 10 + y4, m1 * 10 + m2, d1 * 10 + d2);
}

/**
 * `String.prototype.charCodeAt`, held once. A class that extends String (Django's SafeString,
 * django/utils/safestring.ts) leaves String.prototype in V8's dictionary mode, where every
 * `text.charCodeAt(i)` looks the method up by hash (~17 ns); calling the held function costs ~3 ns.
 */
const char_code_at = String.prototype.charCodeAt;

/** `django.utils.dateparse.parse_datetime`: `datetime.fromisoformat`, else Django's pattern; ValueError for an impossible one. */
export function parse_datetime(text: string): datetime | null {
  const iso = unless_value_error(() => datetime.fromisoformat(text));
  if (iso) return iso;
  const m = DATETIME_RE.exec(ascii_digits(text));
  if (!m) return null;
  const us = m[7] ? Number(m[7].padEnd(6, "0")) : 0;
  let tz: timezone | null = null;
  if (m[8] === "Z") tz = timezone.utc;
  else if (m[8]) {
    const sign = m[8][0] === "-" ? -1 : 1;
    const digits = m[8].slice(1).replace(":", "");
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    tz = minutes === 0 ? timezone.utc : new timezone(new timedelta({ minutes: sign * minutes }));
  }
  return new datetime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), us, tz);
}


/*
 * Durations, in the three spellings `parse_duration` accepts, tried in this order:
 *   standard   "3 days, 10:15:30.5", "1 02:03:04", "15:30", "30" (Django's own duration_string)
 *   ISO 8601   "P4DT1H15M20S", "-P1D", "PT0.5S" (days, hours, minutes and seconds; no years or weeks)
 *   PostgreSQL "3 days 04:05:06", "3 days", "-1 day -01:00:00"
 * Each regex ends with Python's `$`, which also matches before one final newline.
 */
const STANDARD_DURATION_RE = /^(?:(?<days>-?\d+) (?:days?, )?)?(?<sign>-?)(?:(?<hours>\d+):(?=\d+:\d+))?(?:(?<minutes>\d+):)?(?<seconds>\d+)(?:[.,](?<microseconds>\d{1,6})\d{0,6})?\n?$/;
const ISO8601_DURATION_RE = /^(?<sign>[-+]?)P(?:(?<days>\d+(?:[.,]\d+)?)D)?(?:T(?:(?<hours>\d+(?:[.,]\d+)?)H)?(?:(?<minutes>\d+(?:[.,]\d+)?)M)?(?:(?<seconds>\d+(?:[.,]\d+)?)S)?)?\n?$/;
const POSTGRES_INTERVAL_RE = /^(?:(?<days>-?\d+) (?:days? ?))?(?:(?<sign>[-+])?(?<hours>\d+):(?<minutes>\d\d):(?<seconds>\d\d)(?:\.(?<microseconds>\d{1,6}))?)?\n?$/;

/**
 * `django.utils.dateparse.parse_duration`: text → timedelta, or null when no spelling matches.
 * The sign in front of the time applies to the time only ("-1 day, 23:00:00" is -1 hour), except
 * in ISO 8601 where it applies to the whole duration. Digits may be any Unicode decimal digits, as
 * Python's `\d` and `float()` read them. A duration past ±999999999 days raises OverflowError.
 */
export function parse_duration(value: string): timedelta | null {
  const text = ascii_digits(value);
  const standard = STANDARD_DURATION_RE.exec(text);
  const iso = standard ? null : ISO8601_DURATION_RE.exec(text);
  const match = standard ?? iso ?? POSTGRES_INTERVAL_RE.exec(text);
  if (!match) return null;
  const groups = match.groups!;
  const sign = groups.sign === "-" ? -1 : 1;
  const number = (name: string) => (groups[name] === undefined ? 0 : Number(groups[name].replace(",", ".")));
  const microseconds = groups.microseconds === undefined ? 0 : Number(groups.microseconds.padEnd(6, "0"));
  let days = new timedelta({ days: number("days") });
  if (iso) days = days.mul(sign);
  const time = new timedelta({ hours: number("hours"), minutes: number("minutes"), seconds: number("seconds"), microseconds });
  return days.add(time.mul(sign));
}
