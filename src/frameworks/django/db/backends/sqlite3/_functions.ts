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
import { date, datetime } from "../../../../python/datetime";
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

export const SQLITE_FUNCTIONS: Record<string, SqlFunction> = {
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
