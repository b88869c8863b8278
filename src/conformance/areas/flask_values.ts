/**
 * The value markers of FORMAT.md part C §1.2 for the `flask` area: JSON with `{"__tuple__": …}`,
 * `{"__float__": "2.0"}`, … ↔ the Python-like values the Flask port holds (PyTuple, PyFloat,
 * Markup, Uint8Array, datetime, UUID …), and an exception → `{"error", "message"}` as Python's
 * `type(e).__name__` and `str(e)`.
 */
import { Markup } from "../../frameworks/markupsafe";
import { py_tuple, PyTuple } from "../../frameworks/python/builtins";
import { utf8_encode } from "../../frameworks/python/bytes";
import { date, datetime, time, timedelta } from "../../frameworks/python/datetime";
import { Decimal } from "../../frameworks/python/decimal";
import { PyFloat, py_float_repr } from "../../frameworks/python/json";
import { UUID } from "../../frameworks/python/uuid";

export type Marked = null | boolean | number | string | Marked[] | { [k: string]: Marked };

function is_plain(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
}

/** JSON input (markers allowed) → a Python-like value (`common.decode`). */
export function decode(value: unknown): any {
  if (Array.isArray(value)) return value.map(decode);
  if (!is_plain(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const v = value[keys[0]] as any;
    switch (keys[0]) {
      case "__date__":
        return date.fromisoformat(v);
      case "__datetime__":
        return datetime.fromisoformat(v);
      case "__time__":
        return time.fromisoformat(v);
      case "__decimal__":
        return new Decimal(v);
      case "__float__": {
        const x = Number(v);
        return Number.isInteger(x) ? new PyFloat(x) : x;
      }
      case "__safe__":
        return new Markup(v);
      case "__bytes__":
        return utf8_encode(v);
      case "__tuple__":
        return py_tuple(...(v as unknown[]).map(decode));
      case "__uuid__":
        return new UUID(v);
      case "__timedelta__":
        return new timedelta({ seconds: v });
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decode(value[k]);
  return out;
}

/** A Python-like value → JSON with markers (`common.encode`). */
export function encode(value: unknown): Marked {
  if (value === null || value === undefined || typeof value === "boolean") return (value ?? null) as Marked;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { __float__: py_float_repr(value) };
    return value;
  }
  if (value instanceof PyFloat) return { __float__: py_float_repr(value.value) };
  if (value instanceof Markup) return { __safe__: value.valueOf() };
  if (typeof value === "string") return value;
  if (value instanceof String) return value.valueOf();
  if (value instanceof Uint8Array) return { __bytes__: bytes_text(value) };
  if (value instanceof PyTuple) return { __tuple__: [...value].map(encode) };
  if (Array.isArray(value)) return value.map(encode);
  if (value instanceof datetime) return { __datetime__: value.isoformat() };
  if (value instanceof date) return { __date__: value.isoformat() };
  if (value instanceof time) return { __time__: value.isoformat() };
  if (value instanceof timedelta) {
    const secs = value.total_seconds();
    return { __timedelta__: secs };
  }
  if (value instanceof Decimal) return { __decimal__: String(value) };
  if (value instanceof UUID) return { __uuid__: String(value) };
  if (value instanceof Set) return [...value].map(encode).sort() as Marked;
  if (is_plain(value)) {
    const out: Record<string, Marked> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encode(v);
    return out;
  }
  return { __repr__: (value as object).constructor?.name ?? "object" };
}

/** `bytes.decode("utf-8", "backslashreplace")` */
function bytes_text(b: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return [...b].map((c) => (c < 0x80 ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, "0")}`)).join("");
  }
}

/** `type(e).__name__` */
export function exc_name(e: unknown): string {
  const ctor = (e as { constructor?: { python_name?: string; name?: string } } | null)?.constructor;
  return ctor?.python_name ?? ctor?.name ?? typeof e;
}

/** `{"error": type(e).__name__, "message": str(e)}` */
export function error_of(e: unknown): { error: string; message: string } {
  return { error: exc_name(e), message: e instanceof Error ? String(e.toString === Error.prototype.toString ? e.message : e.toString()) : String(e) };
}

/** A parsed JSON body with Python floats back to plain numbers (for comparing with the corpus). */
export function plain(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(plain);
  if (is_plain(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

/** `json.dumps(spec, sort_keys=True)` — to tell equal view specs apart. */
export function sorted_json(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sorted_json).join(",")}]`;
  if (is_plain(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${sorted_json(value[k])}`).join(",")}}`;
  return JSON.stringify(value);
}
