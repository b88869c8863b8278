/**
 * django.db.backends.sqlite3._functions: the user-defined SQL functions Django registers on every
 * SQLite connection, so `REGEXP`, date extraction and truncation work the way Python computes them.
 *
 *     WHERE "library_book"."title" REGEXP '^(The|A) '     → REGEXP(pattern, value) runs Python's re.search
 *     django_date_extract('month', "library_book"."published") = 11
 *
 * Values arrive as SQLite stores them: dates as "YYYY-MM-DD", datetimes as "YYYY-MM-DD HH:MM:SS[.ffffff]".
 */
import { search } from "../../../../python/re";
import { date, datetime, timedelta, timezone } from "../../../../python/datetime";
import { settings } from "../../../conf";
import { parse_datetime } from "../../../utils/dateparse";
import type { SqlValue } from "../driver";

type SqlFunction = (...args: SqlValue[]) => SqlValue;

/** `_sqlite_regexp(pattern, string)`: Python's `re.search`, None-propagating. */
function regexp(pattern: SqlValue, value: SqlValue): SqlValue {
  if (pattern === null || value === null) return null;
  return search(String(pattern), String(value)) ? 1 : 0;
}

function to_datetime(value: SqlValue): datetime | null {
  if (value === null) return null;
  const text = String(value);
  const dt = parse_datetime(text.length === 10 ? `${text} 00:00:00` : text);
  return dt ? dt.replace({ tzinfo: null }) : null;
}

/** ISO week number (Python's `isocalendar()[1]`) and ISO year. */
function iso_calendar(d: date): [number, number] {
  const weekday = d.isoweekday();
  const thursday = date.fromordinal(d.toordinal() + 4 - weekday);
  const jan1 = new date(thursday.year, 1, 1);
  return [thursday.year, Math.floor((thursday.toordinal() - jan1.toordinal()) / 7) + 1];
}

/** `_sqlite_datetime_extract` / `_sqlite_date_extract`. */
function extract(lookup_type: SqlValue, value: SqlValue): SqlValue {
  const dt = to_datetime(value);
  if (!dt) return null;
  switch (String(lookup_type)) {
    case "year": return dt.year;
    case "iso_year": return iso_calendar(dt)[0];
    case "quarter": return Math.ceil(dt.month / 3);
    case "month": return dt.month;
    case "week": return iso_calendar(dt)[1];
    case "week_day": return (dt.isoweekday() % 7) + 1;
    case "iso_week_day": return dt.isoweekday();
    case "day": return dt.day;
    case "hour": return dt.hour;
    case "minute": return dt.minute;
    case "second": return dt.second;
    default: return null;
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `_sqlite_date_trunc` / `_sqlite_datetime_trunc`: the truncated value as SQLite text. */
function trunc(lookup_type: SqlValue, value: SqlValue, with_time: boolean): SqlValue {
  const dt = to_datetime(value);
  if (!dt) return null;
  let [y, m, d] = [dt.year, dt.month, dt.day];
  let [H, M, S] = [0, 0, 0];
  switch (String(lookup_type)) {
    case "year": m = 1; d = 1; break;
    case "quarter": m = 3 * Math.floor((m - 1) / 3) + 1; d = 1; break;
    case "month": d = 1; break;
    case "week": {
      const monday = date.fromordinal(dt.toordinal() - dt.weekday());
      [y, m, d] = [monday.year, monday.month, monday.day];
      break;
    }
    case "day": break;
    case "hour": H = dt.hour; break;
    case "minute": H = dt.hour; M = dt.minute; break;
    case "second": H = dt.hour; M = dt.minute; S = dt.second; break;
  }
  const day = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return with_time ? `${day} ${pad(H)}:${pad(M)}:${pad(S)}` : day;
}

/**
 * Django's typecast_timestamp for an operand of date arithmetic: "YYYY-MM-DD" is a date; with a
 * time, a datetime (any offset dropped), aware in UTC when USE_TZ is on.
 */
function typecast_timestamp(value: SqlValue): date | datetime | null {
  const text = String(value);
  if (!text.includes(" ")) {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    return m ? new date(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  }
  const dt = to_datetime(text.replace(/([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)[+-]\d{2}:?\d{2}$/, "$1"));
  if (!dt) return null;
  return settings.USE_TZ ? dt.replace({ tzinfo: timezone.utc }) : dt;
}

/** `_sqlite_prepare_dtdelta_param`: microseconds become a timedelta for + and -, text a date(time). */
function dtdelta_param(connector: string, param: SqlValue): date | datetime | timedelta | SqlValue {
  if (connector !== "+" && connector !== "-") return param;
  if (typeof param === "number" && Number.isInteger(param)) return timedelta.from_microseconds(param);
  const value = typecast_timestamp(param);
  if (value === null) throw new TypeError("not a timestamp");
  return value;
}

/** `_sqlite_format_dtdelta(connector, lhs, rhs)`: date arithmetic, the result as SQLite text (str()). */
function format_dtdelta(connector: SqlValue, lhs: SqlValue, rhs: SqlValue): SqlValue {
  if (connector === null || lhs === null || rhs === null) return null;
  const op = String(connector).trim();
  let left: any, right: any;
  try {
    [left, right] = [dtdelta_param(op, lhs), dtdelta_param(op, rhs)];
  } catch {
    return null;
  }
  if (op === "+") return String(left instanceof timedelta && !(right instanceof timedelta) ? right.add(left) : left.add(right));
  if (op === "-") return String(left.sub(right));
  if (op === "*") return Number(left) * Number(right);
  return Number(left) / Number(right);
}

/** `_sqlite_timestamp_diff(lhs, rhs)`: lhs - rhs in microseconds. */
function timestamp_diff(lhs: SqlValue, rhs: SqlValue): SqlValue {
  if (lhs === null || rhs === null) return null;
  const [left, right] = [typecast_timestamp(lhs), typecast_timestamp(rhs)];
  if (!left || !right) return null;
  const as_datetime = (d: date | datetime) => (d instanceof datetime ? d : new datetime(d.year, d.month, d.day, 0, 0, 0, 0, settings.USE_TZ ? timezone.utc : null));
  return (left instanceof datetime || right instanceof datetime ? as_datetime(left).sub(as_datetime(right)) : (left as date).sub(right as date)).total_microseconds();
}

export const SQLITE_FUNCTIONS: Record<string, SqlFunction> = {
  django_format_dtdelta: format_dtdelta,
  django_timestamp_diff: timestamp_diff,
  REGEXP: regexp,
  django_date_extract: (lookup_type, value) => extract(lookup_type, value),
  django_datetime_extract: (lookup_type, value) => extract(lookup_type, value),
  django_date_trunc: (lookup_type, value) => trunc(lookup_type, value, false),
  django_datetime_trunc: (lookup_type, value) => trunc(lookup_type, value, true),
  django_datetime_cast_date: (value) => {
    const dt = to_datetime(value);
    return dt ? dt.date().isoformat() : null;
  },
  django_datetime_cast_time: (value) => {
    const dt = to_datetime(value);
    return dt ? dt.time().isoformat() : null;
  },
};

// --- aggregates: Python's statistics module, exact as it is ----------------------------------------

/** `float.as_integer_ratio()` (an int is itself over 1), as BigInts; anything else is Python's TypeError. */
function exact_ratio(x: SqlValue): [bigint, bigint] {
  if (typeof x === "bigint") return [x, 1n];
  if (typeof x !== "number" || !Number.isFinite(x)) throw new TypeError(`can't convert type '${x === null ? "NoneType" : typeof x}' to numerator/denominator`);
  if (Number.isSafeInteger(x)) return [BigInt(x), 1n];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const exponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (exponent !== 0) mantissa |= 1n << 52n;
  const e = (exponent === 0 ? 1 : exponent) - 1075;
  const signed = hi >>> 31 ? -mantissa : mantissa;
  return e >= 0 ? [signed << BigInt(e), 1n] : [signed, 1n << BigInt(-e)];
}

const bit_length = (n: bigint) => (n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length);

/** `statistics._ss`: the sum of squared deviations as an exact fraction [numerator, denominator]. */
function sum_of_squares(values: SqlValue[]): [bigint, bigint] {
  const ratios = values.map(exact_ratio);
  const common = ratios.reduce((m, [, d]) => (d > m ? d : m), 1n); // denominators are powers of two
  let sx = 0n;
  let sxx = 0n;
  for (const [num, den] of ratios) {
    const v = num * (common / den);
    sx += v;
    sxx += v * v;
  }
  const n = BigInt(values.length);
  return [n * sxx - sx * sx, n * common * common];
}

/** `float(Fraction(num, den))`: correctly rounded (round-to-odd on spare bits, then one rounding). */
function fraction_to_float(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const negative = num < 0n !== den < 0n;
  let a = num < 0n ? -num : num;
  let b = den < 0n ? -den : den;
  const shift = 66 - (bit_length(a) - bit_length(b));
  if (shift > 0) a <<= BigInt(shift);
  else b <<= BigInt(-shift);
  let q = a / b;
  if (a % b !== 0n) q |= 1n;
  const x = Number(q) * 2 ** -shift;
  return negative ? -x : x;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bit_length(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** `statistics._float_sqrt_of_frac`: the square root of n/m, correctly rounded. */
function sqrt_of_fraction(n: bigint, m: bigint): number {
  const rto = (a: bigint, b: bigint) => {
    const root = isqrt(a / b);
    return root | (root * root * b !== a ? 1n : 0n);
  };
  const q = Math.floor((bit_length(n) - bit_length(m) - 109) / 2);
  if (q >= 0) return Number(rto(n, m << BigInt(2 * q)) << BigInt(q));
  return fraction_to_float(rto(n << BigInt(-2 * q), m), 1n << BigInt(-q));
}

class StatisticsError extends Error {}

/** pvariance / variance / pstdev / stdev: the population or sample form, as a float. */
function spread(values: SqlValue[], sample: boolean, root: boolean): SqlValue {
  const n = BigInt(values.length);
  if (n < (sample ? 2n : 1n)) throw new StatisticsError(`${root ? "" : ""}requires at least ${sample ? "two data points" : "one data point"}`);
  const [num, den] = sum_of_squares(values);
  const divisor = sample ? n - 1n : n;
  return root ? sqrt_of_fraction(num, den * divisor) : fraction_to_float(num, den * divisor);
}

/** The aggregates Django's SQLite backend registers (its `_functions.register`), on Python's statistics. */
export const SQLITE_AGGREGATES: Record<string, (values: SqlValue[]) => SqlValue> = {
  STDDEV_POP: (values) => spread(values, false, true),
  STDDEV_SAMP: (values) => spread(values, true, true),
  VAR_POP: (values) => spread(values, false, false),
  VAR_SAMP: (values) => spread(values, true, false),
};

