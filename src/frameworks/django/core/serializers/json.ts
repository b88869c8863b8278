/**
 * django.core.serializers.json (the encoder part): `DjangoJSONEncoder`, Python's JSONEncoder
 * taught the values Django models hold.
 *
 *   datetime  → ISO 8601, microseconds cut to milliseconds, `+00:00` written as `Z`
 *               (`2024-01-02T03:04:05.123Z`)
 *   date      → `2024-02-29`
 *   time      → `13:14:15.987` (aware times are refused)
 *   timedelta → ISO 8601 duration (`P1DT02H03M04S`)
 *   Decimal, UUID, lazy translation strings → `str()`
 *
 * `JsonResponse` uses it by default.
 */
import { ValueError } from "../../../python/builtins";
import { date, datetime, time, timedelta } from "../../../python/datetime";
import { Decimal } from "../../../python/decimal";
import { JSONEncoder } from "../../../python/json";
import { UUID } from "../../../python/uuid";
import { is_aware } from "../../utils/timezone";

/** `duration_iso_string(td)`: `P{days}DT{HH}H{MM}M{SS}[.ffffff]S`, with a leading `-` when negative. */
export function duration_iso_string(duration: timedelta): string {
  let sign = "";
  if (duration.total_microseconds() < 0) {
    sign = "-";
    duration = duration.neg();
  }
  const minutes_total = Math.floor(duration.seconds / 60);
  const seconds = duration.seconds % 60;
  const hours = Math.floor(minutes_total / 60);
  const minutes = minutes_total % 60;
  const ms = duration.microseconds ? `.${String(duration.microseconds).padStart(6, "0")}` : "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${sign}P${duration.days}DT${p(hours)}H${p(minutes)}M${p(seconds)}${ms}S`;
}

/** A lazy string (Django's `Promise`, e.g. `gettext_lazy`) is anything with a `__lazy__` marker. */
function is_promise(o: unknown): boolean {
  return typeof o === "object" && o !== null && (o as { __lazy__?: unknown }).__lazy__ === true;
}

export class DjangoJSONEncoder extends JSONEncoder {
  override default(o: any): unknown {
    if (o instanceof datetime) {
      let r = o.isoformat();
      if (o.microsecond) r = r.slice(0, 23) + r.slice(26);
      if (r.endsWith("+00:00")) r = r.slice(0, -6) + "Z";
      return r;
    }
    if (o instanceof date) return o.isoformat();
    if (o instanceof time) {
      if (is_aware(o)) throw new ValueError("JSON can't represent timezone-aware times.");
      const r = o.isoformat();
      return o.microsecond ? r.slice(0, 12) : r;
    }
    if (o instanceof timedelta) return duration_iso_string(o);
    if (o instanceof Decimal || o instanceof UUID || is_promise(o)) return String(o);
    return super.default(o);
  }
}
