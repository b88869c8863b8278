/**
 * speedate, the parser pydantic-core uses for dates and times: ISO 8601 / RFC 3339 text or unix
 * timestamps → `date`, `time`, `datetime`, `timedelta`, and its exact error texts
 * ("input is too short", "month value is outside expected range of 1-12", …).
 *
 * Hand-written over character codes (no regex, no allocation before success): the benchmark's
 * `created` field goes through `parse_datetime` on every validation.
 */
import { date as _date, datetime as _datetime, time, timedelta, timezone as _timezone } from "../python/datetime";
// Module-local copies: the hot path reads these without going through the import binding.
const date = _date;
type date = _date;
const datetime = _datetime;
type datetime = _datetime;
const timezone = _timezone;
type timezone = _timezone;

export class SpeedateError {
  constructor(readonly message: string) {}
}

const TZ_CACHE = new Map<number, timezone>();
/** A fixed-offset tzinfo (pydantic's `TzInfo(seconds)`), shared per offset. */
export function tz_from_seconds(seconds: number): timezone {
  let tz = TZ_CACHE.get(seconds);
  if (!tz) {
    tz = seconds === 0 ? timezone.utc : new timezone(new timedelta({ seconds }));
    TZ_CACHE.set(seconds, tz);
  }
  return tz;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function days_in_month(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

interface DateParts { y: number; m: number; d: number }

/** The `YYYY-MM-DD` at the start of `s`, or an error. */
function parse_date_prefix(s: string): DateParts | SpeedateError {
  if (s.length < 10) return new SpeedateError("input is too short");
  const y0 = digit(s, 0), y1 = digit(s, 1), y2 = digit(s, 2), y3 = digit(s, 3);
  if (y0 < 0 || y1 < 0 || y2 < 0 || y3 < 0) return new SpeedateError("invalid character in year");
  if (s.charCodeAt(4) !== 45) return new SpeedateError("invalid date separator, expected `-`");
  const m0 = digit(s, 5), m1 = digit(s, 6);
  if (m0 < 0 || m1 < 0) return new SpeedateError("invalid character in month");
  if (s.charCodeAt(7) !== 45) return new SpeedateError("invalid date separator, expected `-`");
  const d0 = digit(s, 8), d1 = digit(s, 9);
  if (d0 < 0 || d1 < 0) return new SpeedateError("invalid character in day");
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (m < 1 || m > 12) return new SpeedateError("month value is outside expected range of 1-12");
  if (d < 1 || d > days_in_month(y, m)) return new SpeedateError("day value is outside expected range");
  return { y, m, d };
}

interface TimeParts { h: number; mi: number; s: number; us: number; tz: number | null; end: number }

/** `HH:MM[:SS[.ffffff]][Z|±HH[:]MM]` from position `i` to the end of `s`. */
function parse_time_at(s: string, i: number): TimeParts | SpeedateError {
  if (s.length - i < 5) return new SpeedateError("input is too short");
  const h0 = digit(s, i), h1 = digit(s, i + 1);
  if (h0 < 0 || h1 < 0) return new SpeedateError("invalid character in hour");
  const h = h0 * 10 + h1;
  if (s.charCodeAt(i + 2) !== 58) return new SpeedateError("invalid time separator, expected `:`");
  const mi0 = digit(s, i + 3), mi1 = digit(s, i + 4);
  if (mi0 < 0 || mi1 < 0) return new SpeedateError("invalid character in minute");
  const mi = mi0 * 10 + mi1;
  if (h > 23) return new SpeedateError("hour value is outside expected range of 0-23");
  if (mi > 59) return new SpeedateError("minute value is outside expected range of 0-59");
  let k = i + 5;
  let sec = 0;
  let us = 0;
  if (s.charCodeAt(k) === 58) {
    if (s.length - k < 3) return new SpeedateError("input is too short");
    const s0 = digit(s, k + 1), s1 = digit(s, k + 2);
    if (s0 < 0 || s1 < 0) return new SpeedateError("invalid character in second");
    sec = s0 * 10 + s1;
    if (sec > 59) return new SpeedateError("second value is outside expected range of 0-59");
    k += 3;
    const c = s.charCodeAt(k);
    if (c === 46 || c === 44) {
      k++;
      let n = 0;
      let scale = 100000;
      const start = k;
      while (k < s.length) {
        const dg = digit(s, k);
        if (dg < 0) break;
        if (scale >= 1) n += dg * scale;
        scale /= 10;
        k++;
      }
      if (k === start) return new SpeedateError("second fraction value is more than 6 digits long");
      us = Math.floor(n);
    }
  }
  let tz: number | null = null;
  if (k < s.length) {
    const c = s.charCodeAt(k);
    if (c === 90 || c === 122) {
      tz = 0;
      k++;
    } else if (c === 43 || c === 45) {
      const sign = c === 45 ? -1 : 1;
      if (s.length - k < 3) return new SpeedateError("invalid timezone hour");
      const a = digit(s, k + 1), b = digit(s, k + 2);
      if (a < 0 || b < 0) return new SpeedateError("invalid timezone hour");
      const th = a * 10 + b;
      k += 3;
      let tm = 0;
      if (s.charCodeAt(k) === 58) k++;
      if (k < s.length) {
        const x = digit(s, k), y = digit(s, k + 1);
        if (x < 0 || y < 0) return new SpeedateError("invalid timezone minute");
        tm = x * 10 + y;
        k += 2;
      }
      if (th >= 24) return new SpeedateError("timezone offset must be less than 24 hours");
      tz = sign * (th * 3600 + tm * 60);
    } else return new SpeedateError("invalid timezone sign");
  }
  if (k < s.length) return new SpeedateError("unexpected extra characters at the end of the input");
  return { h, mi, s: sec, us, tz, end: k };
}

/** A string of digits with an optional sign and fraction: a unix timestamp. */
function numeric_text(s: string): number | null {
  const m = /^[+-]?(\d+)(\.\d+)?$/.exec(s);
  if (!m) return null;
  // The whole part is read as an i64: past 9223372036854775807 the text is tried as a date.
  const whole = m[1].replace(/^0+(?=\d)/, "");
  if (whole.length > 19 || (whole.length === 19 && whole > "9223372036854775807")) return null;
  return Number(s);
}

const MS_THRESHOLD = 2e10;

/** A unix timestamp (seconds, or milliseconds past 2e10) as an aware UTC datetime. */
export function datetime_from_timestamp(ts: number): datetime | SpeedateError {
  if (!Number.isFinite(ts)) return new SpeedateError("invalid digit in duration");
  let seconds = ts;
  if (Math.abs(seconds) > MS_THRESHOLD) seconds /= 1000;
  if (seconds > 253402300799) return new SpeedateError("dates after 9999 are not supported as unix timestamps");
  if (seconds < -62135596800) return new SpeedateError("dates before 0000 are not supported as unix timestamps");
  const whole = Math.floor(seconds);
  const us = Math.round((seconds - whole) * 1e6);
  const days = Math.floor(whole / 86400);
  const rem = whole - days * 86400;
  const d = date.fromordinal(719163 + days);
  return new datetime(d.year, d.month, d.day, Math.floor(rem / 3600), Math.floor((rem % 3600) / 60), rem % 60, us, timezone.utc);
}

/** speedate `DateTime::parse_str`: RFC 3339 datetime, a bare date (midnight), or a timestamp. */
export function parse_datetime(s: string): datetime | SpeedateError {
  const ts = numeric_text(s);
  if (ts !== null) return datetime_from_timestamp(ts);
  const dp = parse_date_prefix(s);
  if (dp instanceof SpeedateError) return dp;
  if (s.length === 10) return new datetime(dp.y, dp.m, dp.d);
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 95 && sep !== 32) return new SpeedateError("invalid datetime separator, expected `T`, `t`, `_` or space");
  const tp = parse_time_at(s, 11);
  if (tp instanceof SpeedateError) return tp;
  return new datetime(dp.y, dp.m, dp.d, tp.h, tp.mi, tp.s, tp.us, tp.tz === null ? null : tz_from_seconds(tp.tz));
}

/** speedate `Date::parse_str`: exactly `YYYY-MM-DD`, or a timestamp that falls on a midnight. */
export function parse_date(s: string): date | SpeedateError {
  const ts = numeric_text(s);
  if (ts !== null) return date_from_timestamp(ts);
  const dp = parse_date_prefix(s);
  if (dp instanceof SpeedateError) return dp;
  if (s.length > 10) return new SpeedateError("unexpected extra characters at the end of the input");
  return new date(dp.y, dp.m, dp.d);
}

export function date_from_timestamp(ts: number): date | SpeedateError {
  const dt = datetime_from_timestamp(ts);
  if (dt instanceof SpeedateError) return dt;
  if (dt.hour || dt.minute || dt.second || dt.microsecond) return new SpeedateError("__inexact__");
  return new date(dt.year, dt.month, dt.day);
}

/** speedate `Time::parse_str`. */
export function parse_time(s: string): time | SpeedateError {
  const tp = parse_time_at(s, 0);
  if (tp instanceof SpeedateError) return tp;
  return new time(tp.h, tp.mi, tp.s, tp.us, tp.tz === null ? null : tz_from_seconds(tp.tz));
}

/** Seconds since midnight as an aware (UTC) time, as pydantic-core reads a number. */
export function time_from_seconds(x: number): time | SpeedateError {
  if (x < 0) return new SpeedateError("time in seconds should be positive");
  if (x > 86399) return new SpeedateError("numeric times may not exceed 86,399 seconds");
  const whole = Math.floor(x);
  const us = Math.round((x - whole) * 1e6);
  return new time(Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60, us, timezone.utc);
}

/**
 * speedate `Duration::parse_str`: ISO 8601 (`P1DT2H`, `-PT1S`, `P1W`), or days and a clock time:
 * `1 day, 1:00:00`, `2d`, `12:30`, `123:30:00.5` (hours are not bounded by a day). Which of the
 * two plain forms is read depends on the text, as speedate decides: with a `d` in it, or shorter
 * than five characters, it is days (then perhaps a time); otherwise it is a time.
 */
export function parse_duration(s: string): timedelta | SpeedateError {
  if (s.length === 0) return new SpeedateError("input is too short");
  let i = 0;
  let sign = 1;
  if (s[i] === "-" || s[i] === "+") {
    if (s[i] === "-") sign = -1;
    i++;
  }
  if (s[i] === "P" || s[i] === "p") return parse_iso_duration(s, i + 1, sign);
  const rest = s.slice(i);
  if (/[dD]/.test(rest) || rest.length < 5) return parse_days_time(rest, sign);
  return parse_clock_duration(rest, sign, 0);
}

function parse_iso_duration(s: string, i: number, sign: number): timedelta | SpeedateError {
  let days = 0;
  let seconds = 0;
  let in_time = false;
  if (i >= s.length) return new SpeedateError("input is too short");
  while (i < s.length) {
    if (s[i] === "T" || s[i] === "t") {
      if (in_time) return new SpeedateError("`t` character repeated in duration");
      in_time = true;
      i++;
      // `PT` says nothing at all; `P1DT` has its days.
      if (i >= s.length && days === 0 && seconds === 0 && i === 2 + (s[0] === "-" || s[0] === "+" ? 1 : 0)) return new SpeedateError("input is too short");
      continue;
    }
    const m = /^\d+(?:[.,]\d+)?/.exec(s.slice(i));
    if (!m) return new SpeedateError("invalid digit in duration");
    const n = Number(m[0].replace(",", "."));
    i += m[0].length;
    const unit = (s[i] ?? "").toUpperCase();
    i++;
    if (!in_time && unit === "Y") days += n * 365;
    else if (!in_time && unit === "M") days += n * 30;
    else if (!in_time && unit === "W") days += n * 7;
    else if (!in_time && unit === "D") days += n;
    else if (in_time && unit === "H") seconds += n * 3600;
    else if (in_time && unit === "M") seconds += n * 60;
    else if (in_time && unit === "S") seconds += n;
    else return new SpeedateError(`quantity invalid in ${in_time ? "time" : "date"} part of duration`);
  }
  return new timedelta({ days: sign * days, seconds: sign * seconds });
}

const MAX_DURATION_DAYS = 999_999_999;

/** `N d`, `N day[s][,]`, then perhaps a clock time. */
function parse_days_time(s: string, sign: number): timedelta | SpeedateError {
  const digits = /^\d+/.exec(s);
  if (!digits) return new SpeedateError("invalid digit in duration");
  const days = Number(digits[0]);
  let j = digits[0].length;
  while (s[j] === " ") j++;
  if (s[j] !== "d" && s[j] !== "D") return new SpeedateError('"day" identifier in duration not correctly formatted');
  j++;
  if (s.slice(j, j + 2).toLowerCase() === "ay") {
    j += 2;
    if (s[j] === "s" || s[j] === "S") j++;
  } else if (s[j] === "a" || s[j] === "A") return new SpeedateError('"day" identifier in duration not correctly formatted');
  if (s[j] === ",") j++;
  while (s[j] === " ") j++;
  if (days > MAX_DURATION_DAYS) return new SpeedateError("durations may not exceed 999,999,999 days");
  if (j === s.length) return new timedelta({ days: sign * days });
  return parse_clock_duration(s.slice(j), sign, days);
}

/** `H…H:MM[:SS[.ffffff]]`, after `days` days: hours without a bound of 24. */
function parse_clock_duration(s: string, sign: number, days: number): timedelta | SpeedateError {
  if (s.length < 5) return new SpeedateError("input is too short");
  // More than nine characters before the first colon cannot be an hour count below a billion.
  if (s.indexOf(":") > 9) return new SpeedateError("durations may not exceed 999,999,999 hours");
  const hour_digits = /^\d+/.exec(s);
  if (!hour_digits || s[hour_digits[0].length] !== ":") return new SpeedateError("invalid character in hour");
  const hours = Number(hour_digits[0]);
  let j = hour_digits[0].length + 1;
  const two_digits = (at: number, what: "minute" | "second"): number | SpeedateError => {
    if (what === "minute" && at + 2 > s.length) return new SpeedateError("input is too short");
    return /^\d\d/.test(s.slice(at, at + 2)) ? Number(s.slice(at, at + 2)) : new SpeedateError(`invalid character in ${what}`);
  };
  const minutes = two_digits(j, "minute");
  if (minutes instanceof SpeedateError) return minutes;
  if (minutes > 59) return new SpeedateError("minute value is outside expected range of 0-59");
  j += 2;
  let seconds = 0;
  let microseconds = 0;
  if (s[j] === ":") {
    const sec = two_digits(j + 1, "second");
    if (sec instanceof SpeedateError) return sec;
    if (sec > 59) return new SpeedateError("second value is outside expected range of 0-59");
    seconds = sec;
    j += 3;
    if (s[j] === "." || s[j] === ",") {
      const fraction = /^\d+/.exec(s.slice(j + 1));
      if (!fraction) return new SpeedateError(`second fraction digits missing after \`${s[j]}\``);
      microseconds = Number(fraction[0].slice(0, 6).padEnd(6, "0"));
      j += 1 + fraction[0].length;
    }
  }
  if (j < s.length) return new SpeedateError("unexpected extra characters at the end of the input");
  // After a number of days the clock is a time of day; alone, it may count any number of hours.
  if (hours > MAX_DURATION_DAYS || (days > 0 && hours > 23)) return new SpeedateError("durations may not exceed 999,999,999 hours");
  return new timedelta({ days: sign * days, seconds: sign * (hours * 3600 + minutes * 60 + seconds), microseconds: sign * microseconds });
}
