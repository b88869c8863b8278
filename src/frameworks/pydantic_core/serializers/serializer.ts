/**
 * pydantic-core's serializers: a core schema → a function that turns a validated value back
 * into Python data (`model_dump()`, `mode="python"`) or JSON-ready data (`mode="json"`,
 * `model_dump_json()`), honouring `include`/`exclude`, `by_alias`, `exclude_unset`,
 * `exclude_defaults` and `exclude_none` the way `SchemaSerializer.to_python` does.
 *
 * The schema decides the form: a `float` field prints `1.0` even when JavaScript holds `1`, a
 * `set` becomes a list in JSON, a `datetime` an ISO string, `bytes` UTF-8 text, a model a dict of
 * its fields (then its extras when `extra="allow"`).
 */
import { date, datetime, time, timedelta } from "../../python/datetime";
import { Decimal } from "../../python/decimal";
import { PyFloat, set_float_tag } from "../../python/json";
import { UUID } from "../../python/uuid";
import { utf8_decode } from "../../python/bytes";
import type { CoreSchema, DefaultSchema, ModelFieldsSchema } from "../core_schema";
import { EXTRA, fields_set_of } from "../validators/model";
import { date_json, datetime_json, time_json, timedelta_json } from "./json_writer";

export interface SerializeOptions {
  mode: "python" | "json";
  by_alias: boolean;
  exclude_unset: boolean;
  exclude_defaults: boolean;
  exclude_none: boolean;
  round_trip: boolean;
  /** Keep integral floats as `PyFloat` so the JSON writer prints `1.0` (model_dump_json's path). */
  exact_floats: boolean;
}

/** `include`/`exclude` as pydantic takes them: a set of names/indices, or a dict of nested filters. */
export type Filter = Set<string | number> | (string | number)[] | Record<string, unknown> | null | undefined;

export type Serialize = (value: unknown, o: SerializeOptions, include: Filter, exclude: Filter) => unknown;

interface Compiled {
  ser: Serialize;
}

export class SerDefinitions {
  readonly map = new Map<string, Compiled>();
}

function filter_has(f: Filter, key: string | number): boolean {
  if (!f) return false;
  if (f instanceof Set) return f.has(key);
  if (Array.isArray(f)) return f.includes(key);
  return key in f || String(key) in f;
}

/** The nested filter for one key: `true`/`...` means the whole value; a dict or set goes deeper. */
function filter_child(f: Filter, key: string | number): Filter {
  if (!f || f instanceof Set || Array.isArray(f)) return null;
  const v = (f as Record<string, unknown>)[String(key)] ?? (f as Record<string, unknown>)["__all__"];
  if (v === true || v === undefined || v === null) return null;
  return v as Filter;
}

/** True when the filter excludes the whole key (not just part of its value). */
function excludes_whole(f: Filter, key: string | number): boolean {
  if (!f) return false;
  if (f instanceof Set || Array.isArray(f)) return filter_has(f, key);
  const v = (f as Record<string, unknown>)[String(key)] ?? (f as Record<string, unknown>)["__all__"];
  return v === true;
}

function includes_key(f: Filter, key: string | number): boolean {
  if (!f) return true;
  if (f instanceof Set || Array.isArray(f)) return filter_has(f, key);
  return String(key) in f || "__all__" in f;
}

export function build_serializer(schema: CoreSchema, defs = new SerDefinitions()): Serialize {
  if (schema.ref) {
    const existing = defs.map.get(schema.ref);
    if (existing) return (v, o, i, e) => existing.ser(v, o, i, e);
    const slot: Compiled = { ser: () => null };
    defs.map.set(schema.ref, slot);
    slot.ser = build_inner(schema, defs);
    return slot.ser;
  }
  return build_inner(schema, defs);
}

function float_out(x: unknown, o: SerializeOptions): unknown {
  const n = x instanceof PyFloat ? x.value : Number(x);
  if (o.mode === "json" && o.exact_floats) return Number.isInteger(n) ? new PyFloat(n) : n;
  return n;
}

/** Does this schema hold a float (through `nullable`/`default`)? Its python-mode value is a bare number, so the dict or list that holds it is tagged (python/json.ts FLOAT_KEYS). */
function holds_float(schema: CoreSchema | undefined): boolean {
  if (!schema) return false;
  if (schema.type === "float") return true;
  if (schema.type === "nullable" || schema.type === "default") return holds_float(schema.schema as CoreSchema);
  return false;
}

/** An integral number a python-mode dump hands out for a float. */
function plain_integral(o: SerializeOptions, out: unknown): boolean {
  return o.mode === "python" && typeof out === "number" && Number.isInteger(out);
}

function build_inner(schema: CoreSchema, defs: SerDefinitions): Serialize {
  const sub = (s: CoreSchema | undefined) => (s ? build_serializer(s, defs) : infer_serialize);
  if (schema.serialization?.kind === "plain") {
    const fn = schema.serialization.function;
    return (v, o) => infer_serialize(fn(v, { mode: o.mode }), o, null, null);
  }
  switch (schema.type) {
    case "float":
      return (v, o) => float_out(v, o);
    case "int": case "bool": case "str": case "none": case "literal": case "enum":
      return (v, o, i, e) => (typeof v === "object" && v !== null ? infer_serialize(v, o, i, e) : v);
    case "bytes":
      return (v, o) => (o.mode === "json" && v instanceof Uint8Array ? utf8_decode(v, "replace") : v);
    case "decimal": case "uuid":
      return (v, o) => (o.mode === "json" && v !== null ? String(v) : v);
    case "date": case "datetime": case "time": case "timedelta":
      return (v, o) => (o.mode === "json" ? infer_serialize(v, o, null, null) : v);
    case "list": case "tuple": {
      const items = schema.type === "list" ? [sub(schema.items_schema)] : schema.items_schema.map(sub);
      const variadic = schema.type === "tuple" ? schema.variadic_item_index : 0;
      const floats = schema.type === "list" && holds_float(schema.items_schema);
      return (v, o, inc, exc) => {
        if (!Array.isArray(v)) return infer_serialize(v, o, inc, exc);
        const out: unknown[] = [];
        if (floats && o.mode === "python") set_float_tag(out, true);
        for (let i = 0; i < v.length; i++) {
          if (inc && !includes_key(inc, i)) continue;
          if (excludes_whole(exc, i)) continue;
          const s = variadic === undefined ? items[i] ?? infer_serialize : items[Math.min(i, items.length - 1)] ?? infer_serialize;
          out.push(s(v[i], o, filter_child(inc, i), filter_child(exc, i)));
        }
        return out;
      };
    }
    case "set": case "frozenset": {
      const item = sub(schema.items_schema);
      return (v, o) => {
        const values = [...(v as Iterable<unknown>)].map((x) => item(x, o, null, null));
        return o.mode === "json" ? values : new Set(values);
      };
    }
    case "dict": {
      const value = sub(schema.values_schema);
      const floats = holds_float(schema.values_schema);
      return (v, o, inc, exc) => {
        const out: Record<string, unknown> = {};
        if (floats && o.mode === "python") set_float_tag(out, true);
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
          if (inc && !includes_key(inc, k)) continue;
          if (excludes_whole(exc, k)) continue;
          out[k] = value(x, o, filter_child(inc, k), filter_child(exc, k));
        }
        return out;
      };
    }
    case "nullable": {
      const inner = sub(schema.schema);
      return (v, o, i, e) => (v === null || v === undefined ? null : inner(v, o, i, e));
    }
    case "union":
      return infer_serialize;
    case "default":
      return sub(schema.schema);
    case "function-before": case "function-after": case "function-wrap":
      return sub(schema.schema);
    case "function-plain":
      return infer_serialize;
    case "model":
      return model_serializer(schema.schema as ModelFieldsSchema, defs);
    case "definition-ref": {
      const ref = schema.schema_ref;
      return (v, o, i, e) => {
        const c = defs.map.get(ref);
        return c ? c.ser(v, o, i, e) : infer_serialize(v, o, i, e);
      };
    }
    case "definitions":
      for (const d of schema.definitions) build_serializer(d, defs);
      return build_serializer(schema.schema, defs);
    default:
      return infer_serialize;
  }
}

function deep_equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof PyFloat || b instanceof PyFloat) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deep_equal(x, b[i]));
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const eq = (a as { equals?: (o: unknown) => boolean }).equals;
    if (typeof eq === "function") return eq.call(a, b);
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deep_equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

function model_serializer(fields_schema: ModelFieldsSchema, defs: SerDefinitions): Serialize {
  const names = Object.keys(fields_schema.fields);
  const fields = names.map((name) => {
    const f = fields_schema.fields[name];
    const d = f.schema.type === "default" ? (f.schema as DefaultSchema) : null;
    return {
      name,
      alias: f.serialization_alias ?? name,
      exclude: f.serialization_exclude ?? false,
      ser: build_serializer(d ? d.schema : f.schema, defs),
      float: holds_float(f.schema),
      has_default: !!d && !d.default_factory && d.has_default,
      default: d?.default,
      default_factory: d?.default_factory,
    };
  });
  const computed = fields_schema.computed_fields ?? [];
  const computed_sers = computed.map((c) => ({ ...c, ser: build_serializer(c.return_schema, defs) }));
  return (v, o, inc, exc) => {
    if (v === null || typeof v !== "object") return infer_serialize(v, o, inc, exc);
    const obj = v as Record<string | symbol, unknown>;
    const out: Record<string, unknown> = {};
    const set = o.exclude_unset ? fields_set_of(obj, names) : null;
    let floats: Set<string> | null = null;
    for (const f of fields) {
      if (f.exclude) continue;
      if (inc && !includes_key(inc, f.name)) continue;
      if (excludes_whole(exc, f.name)) continue;
      if (set && !set.has(f.name)) continue;
      const value = obj[f.name];
      if (o.exclude_none && (value === null || value === undefined)) continue;
      if (o.exclude_defaults && (f.has_default ? deep_equal(value, f.default) : f.default_factory ? deep_equal(value, f.default_factory()) : false)) continue;
      const key = o.by_alias ? f.alias : f.name;
      const dumped = f.ser(value, o, filter_child(inc, f.name), filter_child(exc, f.name));
      out[key] = dumped;
      if (f.float && plain_integral(o, dumped)) (floats ??= new Set()).add(key);
    }
    if (floats) set_float_tag(out, floats);
    const extra = obj[EXTRA] as Record<string, unknown> | undefined;
    if (extra) {
      for (const k of Object.keys(extra)) {
        if (inc && !includes_key(inc, k)) continue;
        if (excludes_whole(exc, k)) continue;
        const value = extra[k];
        if (o.exclude_none && value === null) continue;
        out[k] = infer_serialize(value, o, filter_child(inc, k), filter_child(exc, k));
      }
    }
    for (const c of computed_sers) {
      const key = o.by_alias ? c.alias ?? c.property_name : c.property_name;
      if (inc && !includes_key(inc, c.property_name)) continue;
      if (excludes_whole(exc, c.property_name)) continue;
      const value = c.getter(obj);
      if (o.exclude_none && value === null) continue;
      out[key] = c.ser(value, o, null, null);
    }
    return out;
  };
}

/** A hook set by pydantic's BaseModel: serialize a model instance met where the schema said `Any`. */
let model_hook: ((value: object, o: SerializeOptions, inc: Filter, exc: Filter) => unknown) | null = null;
export function set_model_serialize_hook(fn: typeof model_hook): void {
  model_hook = fn;
}

/** Serialize by run-time type (pydantic-core's `infer_serialize`, used for `Any` and unions). */
export function infer_serialize(v: unknown, o: SerializeOptions, inc: Filter, exc: Filter): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object") return v;
  if (v instanceof PyFloat) return o.mode === "json" && o.exact_floats ? v : v.value;
  if (Array.isArray(v)) return v.map((x, i) => infer_serialize(x, o, filter_child(inc, i), filter_child(exc, i)));
  if (v instanceof Set) {
    const values = [...v].map((x) => infer_serialize(x, o, null, null));
    return o.mode === "json" ? values : new Set(values);
  }
  if (o.mode === "json") {
    if (v instanceof datetime) return datetime_json(v);
    if (v instanceof date) return date_json(v);
    if (v instanceof time) return time_json(v);
    if (v instanceof timedelta) return timedelta_json(v);
    if (v instanceof UUID || v instanceof Decimal) return String(v);
    if (v instanceof Uint8Array) return utf8_decode(v, "replace");
  }
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[String(k)] = infer_serialize(x, o, filter_child(inc, String(k)), filter_child(exc, String(k)));
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (inc && !includes_key(inc, k)) continue;
      if (excludes_whole(exc, k)) continue;
      out[k] = infer_serialize(x, o, filter_child(inc, k), filter_child(exc, k));
    }
    return out;
  }
  if (model_hook) {
    const r = model_hook(v, o, inc, exc);
    if (r !== undefined) return r;
  }
  return v;
}
