/**
 * django.utils.timezone: "now" and aware/naive datetimes, as Django's USE_TZ setting wants them.
 *
 * With `USE_TZ = True` (the default) Django stores and compares aware datetimes in UTC;
 * `timezone.now()` is `datetime.now(tz=utc)`. This lab's simulated server has no time-zone
 * database, so the current and default time zones are fixed offsets: UTC, or the offset written
 * in TIME_ZONE when it is one of the `Etc/GMT±N` names.
 */
import { ValueError } from "../../python/builtins";
import { datetime, timedelta, timezone } from "../../python/datetime";
import { settings } from "../conf";

export const utc = timezone.utc;

let active: timezone | null = null;

/** The zone named by settings.TIME_ZONE, as a fixed offset. */
export function get_default_timezone(): timezone {
  const name: string = settings.TIME_ZONE ?? "UTC";
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(name);
  if (m) return new timezone(new timedelta({ hours: (m[1] === "+" ? -1 : 1) * Number(m[2]) }), name);
  return utc;
}

export function get_default_timezone_name(): string {
  return settings.TIME_ZONE ?? "UTC";
}

/** The zone `activate()` selected for this request, else the default one. */
export function get_current_timezone(): timezone {
  return active ?? get_default_timezone();
}

export function activate(tz: timezone): void {
  active = tz;
}

export function deactivate(): void {
  active = null;
}

/** `timezone.now()`: aware UTC when USE_TZ, else naive. Reads the (freezable) `time.time()` clock. */
export function now(): datetime {
  return settings.USE_TZ ? datetime.now(utc) : datetime.now();
}

/** An aware datetime knows its offset from UTC. */
export function is_aware(value: { utcoffset(): timedelta | null }): boolean {
  return value.utcoffset() !== null;
}

export function is_naive(value: { utcoffset(): timedelta | null }): boolean {
  return value.utcoffset() === null;
}

/** `make_aware(value, tz)`: attach a zone to a naive datetime (ValueError if already aware). */
export function make_aware(value: datetime, tz: timezone | null = null): datetime {
  if (is_aware(value)) throw new ValueError(`Not naive datetime (tzinfo is already set)`);
  return value.replace({ tzinfo: tz ?? get_current_timezone() });
}

/** `make_naive(value, tz)`: convert to `tz` and drop the zone (ValueError if naive). */
export function make_naive(value: datetime, tz: timezone | null = null): datetime {
  if (is_naive(value)) throw new ValueError("make_naive() cannot be applied to a naive datetime");
  return value.astimezone(tz ?? get_current_timezone()).replace({ tzinfo: null });
}

/** `localtime(value)`: an aware datetime converted to the current zone. */
export function localtime(value: datetime | null = null, tz: timezone | null = null): datetime {
  const v = value ?? now();
  if (is_naive(v)) throw new ValueError("localtime() cannot be applied to a naive datetime");
  return v.astimezone(tz ?? get_current_timezone());
}

/** `localdate(value=None, timezone=None)`: the date of `localtime(value, timezone)` (today in the current time zone). */
export function localdate(value: datetime | null = null, tz: timezone | null = null) {
  return localtime(value, tz).date();
}
