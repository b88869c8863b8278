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
