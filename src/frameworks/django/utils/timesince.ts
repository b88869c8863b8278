/**
 * django.utils.timesince: two datetimes → "1 month, 2 weeks" (the largest two units that are not
 * zero, separated by non-breaking spaces so they never wrap).
 */
import { ValueError } from "../../python/builtins";
import { date, datetime, timezone } from "../../python/datetime";
import { avoid_wrapping } from "./html";
import { is_aware, is_naive, make_aware } from "./timezone";

const TIME_STRINGS: [string, string][] = [
  ["year", "years"],
  ["month", "months"],
  ["week", "weeks"],
  ["day", "days"],
  ["hour", "hours"],
  ["minute", "minutes"],
];
const TIME_CHUNKS = [60 * 60 * 24 * 7, 60 * 60 * 24, 60 * 60, 60];
const MONTHS_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function unit(i: number, n: number): string {
  return avoid_wrapping(`${n} ${TIME_STRINGS[i][n === 1 ? 0 : 1]}`);
}

function as_datetime(d: date): datetime {
  return d instanceof datetime ? d : new datetime(d.year, d.month, d.day);
}

/** `timesince(d, now)`: how long from `d` to `now` (now: the current time). */
export function timesince(d: date, now: date | null = null, reversed = false, depth = 2): string {
  if (depth <= 0) throw new ValueError("depth must be greater than 0.");
  let start = as_datetime(d);
  let end = now ? as_datetime(now) : datetime.now(is_aware(start) ? (start.tzinfo as timezone) : null);
  if (now && is_aware(end) && is_naive(start)) start = make_aware(start, end.tzinfo);
  if (reversed) [start, end] = [end, start];
  const delta = end.sub(start);
  const since = delta.days * 86400 + delta.seconds;
  if (since <= 0) return unit(5, 0);
  let total_months = (end.year - start.year) * 12 + (end.month - start.month);
  if (start.day > end.day || (start.day === end.day && start.time().compare(end.time()) > 0)) total_months -= 1;
  const years = Math.floor(total_months / 12);
  const months = total_months % 12;
  let pivot = start;
  if (years || months) {
    let pivot_year = start.year + years;
    let pivot_month = start.month + months;
    if (pivot_month > 12) {
      pivot_month -= 12;
      pivot_year += 1;
    }
    pivot = new datetime(pivot_year, pivot_month, Math.min(MONTHS_DAYS[pivot_month - 1], start.day), start.hour, start.minute, start.second, 0, start.tzinfo);
  }
  let remaining = end.sub(pivot).total_seconds();
  const partials = [years, months];
  for (const chunk of TIME_CHUNKS) {
    const count = Math.floor(remaining / chunk);
    partials.push(count);
    remaining -= chunk * count;
  }
  let i = partials.findIndex((v) => v !== 0);
  if (i < 0) return unit(5, 0);
  const result: string[] = [];
  while (i < TIME_STRINGS.length && result.length < depth && partials[i] !== 0) {
    result.push(unit(i, partials[i]));
    i += 1;
  }
  return result.join(", ");
}

/** `timeuntil(d, now)`: how long from `now` until `d`. */
export function timeuntil(d: date, now: date | null = null, depth = 2): string {
  return timesince(d, now, true, depth);
}
