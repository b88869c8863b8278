/**
 * pydantic-core's JSON writer: Python values (as this port holds them) → the exact compact JSON
 * text `model_dump_json()` and `ValidationError.json()` print.
 *
 * serde_json's layout: no spaces (`{"a":1}`), non-ASCII written as is, floats in Python's repr
 * (`1.0`, `1e+22`), infinities and NaN as `null` (pydantic's default `ser_json_inf_nan`), big ints
 * exact (`bigint`), datetimes in ISO 8601 with `Z` for UTC, timedeltas as ISO durations, bytes as
 * UTF-8 text, sets as arrays. Model instances met inside `Any` values are dumped by their model.
 */
import { py_float_str, py_repr } from "../../python/builtins";
import { date, datetime, time, timedelta, timezone } from "../../python/datetime";
import { Decimal } from "../../python/decimal";
import { PyFloat } from "../../python/json";
import { UUID } from "../../python/uuid";
import { utf8_decode } from "../../python/bytes";

export interface JsonWriteOptions {
  indent?: number | null;
  /** Write `repr(value)` for values JSON has no form for (what `ValidationError.json()` does). */
  fallback_repr?: boolean;
}

/** A hook the model layer installs so `Any` values holding model instances dump as models. */
let model_to_jsonable: ((value: object) => unknown) | null = null;
export function set_model_to_jsonable(fn: (value: object) => unknown): void {
  model_to_jsonable = fn;
}

/** A JSON string literal as serde_json writes it (non-ASCII kept, control characters escaped). */
export function json_string(s: string): string {
  // JSON.stringify escapes exactly serde_json's set except lone surrogates; both keep non-ASCII.
  return JSON.stringify(s);
}

/** How inf and NaN are written: `null` (pydantic's default `ser_json_inf_nan`), or as the constants `Infinity`/`NaN`. */
let inf_nan_constants = false;

/**
 * Run `fn` with inf and NaN written as `Infinity`/`-Infinity`/`NaN` (`ser_json_inf_nan="constants"`):
 * FastAPI's `jsonable_encoder` reads a model's JSON back to get `model_dump(mode="json")`, where
 * an infinity stays a float (and `json.dumps(allow_nan=False)` then refuses it).
 */
export function with_inf_nan_constants<T>(fn: () => T): T {
  const previous = inf_nan_constants;
  inf_nan_constants = true;
  try {
    return fn();
  } finally {
    inf_nan_constants = previous;
  }
}

/** A float as pydantic writes it in JSON: Python's repr, `null` for inf and NaN. */
export function json_float(x: number): string {
  if (Number.isFinite(x)) return py_float_str(x);
  if (inf_nan_constants) return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
  return "null";
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** pydantic-core's time of day: `03:04:05`, `.123456` when there are microseconds. */
function time_text(h: number, m: number, s: number, us: number): string {
  const base = `${two(h)}:${two(m)}:${two(s)}`;
  return us ? `${base}.${String(us).padStart(6, "0")}` : base;
}

/** `Z` for a zero offset, else `+HH:MM` (pydantic-core's offset form). */
function offset_text(tz: timezone | null): string {
  if (!tz) return "";
  const total = tz.utcoffset().total_seconds();
  if (total === 0) return "Z";
  const sign = total < 0 ? "-" : "+";
  const a = Math.abs(total);
  return `${sign}${two(Math.floor(a / 3600))}:${two(Math.floor((a % 3600) / 60))}`;
}

export function datetime_json(d: datetime): string {
  return `${String(d.year).padStart(4, "0")}-${two(d.month)}-${two(d.day)}T${time_text(d.hour, d.minute, d.second, d.microsecond)}${offset_text(d.tzinfo)}`;
}

export function date_json(d: date): string {
  return `${String(d.year).padStart(4, "0")}-${two(d.month)}-${two(d.day)}`;
}

export function time_json(t: time): string {
  return time_text(t.hour, t.minute, t.second, t.microsecond) + offset_text(t.tzinfo);
}

/** ISO 8601 duration as pydantic-core writes a timedelta: `PT1H`, `P1DT30S`, `-PT1S`, `P1Y35D`. */
export function timedelta_json(td: timedelta): string {
  let us = td.total_microseconds();
  const negative = us < 0;
  if (negative) us = -us;
  let days = Math.floor(us / 86_400_000_000);
  let rest = us - days * 86_400_000_000;
  const years = Math.floor(days / 365);
  days -= years * 365;
  const secs_total = Math.floor(rest / 1_000_000);
  const micro = rest - secs_total * 1_000_000;
  rest = secs_total;
  const hours = Math.floor(rest / 3600);
  const minutes = Math.floor((rest % 3600) / 60);
  const seconds = rest % 60;
  let out = negative ? "-P" : "P";
  if (years) out += `${years}Y`;
  if (days) out += `${days}D`;
  let tpart = "";
  if (hours) tpart += `${hours}H`;
  if (minutes) tpart += `${minutes}M`;
  if (seconds || micro) tpart += micro ? `${seconds}.${String(micro).padStart(6, "0").replace(/0+$/, "")}S` : `${seconds}S`;
  if (tpart) out += `T${tpart}`;
  if (out === "P" || out === "-P") out += "T0S";
  return out;
}

/** Serialize a value held in a field typed `Any` (or an error's input) by its run-time type. */
export function to_json_text(value: unknown, options: JsonWriteOptions = {}): string {
  const indent = options.indent ?? null;
  const write = (v: unknown, level: number): string => {
    if (v === null || v === undefined) return "null";
    switch (typeof v) {
      case "string": return json_string(v);
      case "boolean": return v ? "true" : "false";
      case "bigint": return v.toString();
      case "number": return Number.isInteger(v) && !Object.is(v, -0) ? String(v) : json_float(v);
      default:
    }
    if (v instanceof PyFloat) return json_float(v.value);
    if (Array.isArray(v) || v instanceof Set) return seq([...v], level);
    if (v instanceof Map) return obj([...v].map(([k, x]) => [String(k), x]), level);
    if (v instanceof Uint8Array) return json_string(utf8_decode(v, "replace"));
    if (v instanceof datetime) return `"${datetime_json(v)}"`;
    if (v instanceof date) return `"${date_json(v)}"`;
    if (v instanceof time) return `"${time_json(v)}"`;
    if (v instanceof timedelta) return `"${timedelta_json(v)}"`;
    if (v instanceof UUID || v instanceof Decimal) return json_string(v.toString());
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) return obj(Object.entries(v as object), level);
    if (model_to_jsonable && typeof v === "object") {
      const plain = model_to_jsonable(v as object);
      if (plain !== undefined) return write(plain, level);
    }
    if (options.fallback_repr) return json_string(py_repr(v));
    throw new TypeError(`Unable to serialize unknown type: ${(v as object).constructor?.name ?? typeof v}`);
  };
  const pad = (level: number) => (indent === null ? "" : "\n" + " ".repeat(indent * level));
  const seq = (items: unknown[], level: number): string => {
    if (!items.length) return "[]";
    const inner = items.map((x) => pad(level + 1) + write(x, level + 1));
    return `[${inner.join(",")}${pad(level)}]`;
  };
  const obj = (entries: [string, unknown][], level: number): string => {
    if (!entries.length) return "{}";
    const sep = indent === null ? ":" : ": ";
    const inner = entries.map(([k, x]) => `${pad(level + 1)}${json_string(k)}${sep}${write(x, level + 1)}`);
    return `{${inner.join(",")}${pad(level)}}`;
  };
  return write(value, 0);
}
