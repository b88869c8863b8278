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

