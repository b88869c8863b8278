/**
 * fastapi.encoders: `jsonable_encoder(obj)` — any value a handler returns → plain JSON-able data
 * (dicts, lists, str, int, float, bool, None), what `JSONResponse` then dumps.
 *
 * A Pydantic model is dumped in JSON mode (its serializer decides: datetimes as ISO text,
 * Decimals as strings…) and the result encoded again; dicts and lists are walked (dict keys
 * encoded too, `None` values dropped with `exclude_none`); then by type: `datetime`/`date`/`time`
 * → `isoformat()`, `timedelta` → total seconds, `Decimal` → int when it has no fractional
 * exponent else float, `UUID` → str, `bytes` → decoded text, sets → lists; any other object by
 * its attributes (`vars(obj)`). Main function: `jsonable_encoder`.
 */
import { Exception } from "../python/builtins";
import { utf8_decode } from "../python/bytes";
import { date, time, timedelta } from "../python/datetime";
import { Decimal } from "../python/decimal";
import { PyFloat, float_tag, tagged_float } from "../python/json";
import { py_json_loads } from "../python/json_decoder";
import { UUID } from "../python/uuid";
import { AnyUrl } from "../pydantic/networks";
import { BaseModel } from "../pydantic/main";
import { with_inf_nan_constants } from "../pydantic_core/serializers/json_writer";
import { PydanticUndefined } from "../pydantic/fields";
import type { Filter } from "../pydantic_core/serializers/serializer";

export interface EncoderOptions {
  include?: Filter | null;
  exclude?: Filter | null;
  by_alias?: boolean;
  exclude_unset?: boolean;
  exclude_defaults?: boolean;
  exclude_none?: boolean;
  custom_encoder?: Map<Function, (o: any) => unknown> | null;
  sqlalchemy_safe?: boolean;
}

/** `decimal_encoder`: `Decimal("1")` → 1, `Decimal("1.0")` → 1.0 (a float), NaN stays a float. */
export function decimal_encoder(value: Decimal): number | bigint | PyFloat {
  if (typeof value.exponent === "number" && value.exponent >= 0) {
    const n = BigInt((value.sign ? "-" : "") + value.digits + "0".repeat(value.exponent));
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  const x = value.valueOf();
  return Number.isInteger(x) ? new PyFloat(x) : x;
}

function is_plain_object(o: unknown): o is Record<string, unknown> {
  if (o === null || typeof o !== "object") return false;
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

function key_set(filter: Filter | null | undefined): Set<unknown> | null {
  if (filter === null || filter === undefined) return null;
  if (filter instanceof Set) return filter;
  if (filter instanceof Map) return new Set(filter.keys());
  if (Array.isArray(filter)) return new Set(filter);
  return new Set(Object.keys(filter as object));
}

/** `jsonable_encoder(obj, include=None, exclude=None, by_alias=True, ...)` */
export function jsonable_encoder(obj: unknown, options: EncoderOptions = {}): unknown {
  const { custom_encoder = null, by_alias = true, exclude_none = false, sqlalchemy_safe = true } = options;
  if (custom_encoder) {
    for (const [type, encode] of custom_encoder) if (obj instanceof (type as new () => unknown)) return encode(obj);
  }
  if (obj instanceof BaseModel) {
    // model_dump(mode="json"), keeping Python's float-ness (2.0 stays a float) by reading its JSON back.
    const text = with_inf_nan_constants(() =>
      obj.model_dump_json({
        include: options.include ?? undefined,
        exclude: options.exclude ?? undefined,
        by_alias,
        exclude_unset: options.exclude_unset ?? false,
        exclude_none,
        exclude_defaults: options.exclude_defaults ?? false,
      }),
    );
    return jsonable_encoder(py_json_loads(text), { exclude_none, exclude_defaults: options.exclude_defaults, sqlalchemy_safe });
  }
  if (obj === null || obj === undefined || obj === PydanticUndefined) return null;
  if (typeof obj === "string" || typeof obj === "number" || typeof obj === "boolean" || typeof obj === "bigint" || obj instanceof PyFloat) return obj;
  if (obj instanceof Map || is_plain_object(obj)) return encode_dict(obj, options);
  if (Array.isArray(obj)) {
    const tag = float_tag(obj);
    return obj.map((item, i) => jsonable_encoder(tagged_float(tag, i, item), options));
  }
  if (obj instanceof Set) return [...obj].map((item) => jsonable_encoder(item, options));
  return encode_by_type(obj, options);
}

/**
 * A dict → a dict of encoded keys and values. A JavaScript object lists integer-like keys first,
 * ascending; when a Map (an ordered dict) has them in another order ("404" before "403"), the
 * result stays a Map, so JSON is written in the dict's order as Python writes it.
 */
function encode_dict(obj: Map<unknown, unknown> | Record<string, unknown>, options: EncoderOptions): Record<string, unknown> | Map<string, unknown> {
  const entries: [unknown, unknown][] = obj instanceof Map ? [...obj.entries()] : Object.entries(obj);
  const include = key_set(options.include);
  const exclude = key_set(options.exclude);
  const out: Record<string, unknown> = {};
  const sqlalchemy_safe = options.sqlalchemy_safe ?? true;
  const tag = obj instanceof Map ? undefined : float_tag(obj);
  const order: string[] = [];
  for (const [key, raw] of entries) {
    const value = tagged_float(tag, key as string, raw);
    if (sqlalchemy_safe && typeof key === "string" && key.startsWith("_sa")) continue;
    if (value === null && options.exclude_none) continue;
    if (include && !include.has(key)) continue;
    if (exclude && exclude.has(key)) continue;
    const nested = { ...options, include: null, exclude: null };
    const encoded = String(jsonable_encoder(key, nested));
    out[encoded] = jsonable_encoder(value, nested);
    order.push(encoded);
  }
  if (obj instanceof Map && Object.keys(out).some((key, i) => key !== order[i])) return new Map(order.map((key) => [key, out[key]]));
  return out;
}

function encode_by_type(obj: unknown, options: EncoderOptions): unknown {
  if (obj instanceof Uint8Array) return utf8_decode(obj);
  if (obj instanceof date || obj instanceof time) return obj.isoformat();
  if (obj instanceof timedelta) {
    const s = obj.total_seconds();
    return Number.isInteger(s) ? new PyFloat(s) : s;
  }
  if (obj instanceof Decimal) return decimal_encoder(obj);
  if (obj instanceof UUID) return String(obj);
  if (obj instanceof AnyUrl) return String(obj);
  if (typeof obj === "function") return {};
  if (obj instanceof Exception || obj instanceof Error) return {}; // vars(exception) is empty
  if (typeof (obj as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function") return [...(obj as Iterable<unknown>)].map((item) => jsonable_encoder(item, options));
  // dict(obj) fails for a plain object, so Python falls back to vars(obj): its attributes.
  const attributes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj as object)) attributes[k] = v;
  return jsonable_encoder(attributes, options);
}
