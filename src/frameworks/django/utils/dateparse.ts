/**
 * django.utils.dateparse: ISO-ish text → Python date and datetime values, as Django parses form
 * input and the text SQLite stores ("2024-03-05", "2024-03-05 14:07:09.500000").
 * Returns null when the text is not well formed; raises ValueError when it is but names an
 * impossible date ("2024-13-01").
 */
import { date, datetime, timedelta, timezone } from "../../python/datetime";

const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATETIME_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d*)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** `django.utils.dateparse.parse_date`; ValueError for a well-formed but impossible date. */
export function parse_date(text: string): date | null {
  const iso = parse_iso_date(text);
  if (iso) return iso;
  const m = DATE_RE.exec(text);
  return m ? new date(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * The common case first, as Django tries `date.fromisoformat` before its regex: exactly
 * "YYYY-MM-DD" (what SQLite stores for a DateField), read digit by digit. Null for anything else.
 */
function parse_iso_date(text: string): date | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null; // 45 is "-"
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  // A character that is not a digit reads as NaN, which survives the arithmetic and fails this test.
  return year === year && month === month && day === day ? new date(year, month, day) : null;
}

/** The value of the ASCII digit at `i`, or NaN if it is not one. */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48; // 48 is "0"
  return d >= 0 && d <= 9 ? d : NaN;
}

export function parse_datetime(text: string): datetime | null {
  const m = DATETIME_RE.exec(text);
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

