/**
 * pydantic-core's model validators: `model-fields` (a dict's keys → each field's validator, in
 * declaration order, then the extra keys), `model` (the instance built without calling
 * `__init__`), `default` (a missing field's default or factory) and the function validators
 * (`before`, `after`, `wrap`, `plain`) that `field_validator` / `model_validator` install.
 *
 * The model-fields validator is specialised per model when it is compiled: one record per
 * field with its lookup keys (alias first, then the name when `validate_by_name`), its compiled
 * validator and its default, walked in a plain loop; the instance is filled in place, so a valid
 * input allocates only the instance and its values.
 */
import { PyFloat } from "../../python/json";
import { AssertionError, ValueError } from "../../python/builtins";
import { LineError, PydanticCustomError, PydanticKnownError } from "../errors";
import type { DefaultSchema, FunctionSchema, ModelFieldsSchema, ModelSchema } from "../core_schema";
import { fail, INVALID as _INVALID, is_dict, prefix_loc as _prefix_loc, type CompiledValidator, type ValidationState, type Validator } from "./validator";
// Module-local copies: the hot path reads these without going through the import binding.
const INVALID = _INVALID;
const prefix_loc = _prefix_loc;

/** Where an instance keeps what pydantic keeps in `__pydantic_fields_set__` and `__pydantic_extra__`. */
export const FIELDS_SET = Symbol.for("pydantic.fields_set");
export const EXTRA = Symbol.for("pydantic.extra");

interface FieldRecord {
  name: string;
  keys: string[];
  validate: Validator;
  has_default: boolean;
  default_value: (data: Record<string, unknown>, st: ValidationState) => unknown;
  bit: number;
}

/** Copy a mutable default so no two instances share it (Pydantic copies `[]`, `{}`, sets). */
export function copy_default(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(copy_default) : [];
  if (v instanceof Set) return new Set(v);
  if (v instanceof Map) return new Map(v);
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = copy_default((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export interface FieldsFiller {
  /** Validate `input`'s fields into `target`; false when any failed (errors are in the state). */
  fill(target: Record<string | symbol, unknown>, input: unknown, st: ValidationState): boolean;
  field_names: string[];
}

export function model_fields_filler(schema: ModelFieldsSchema, compiled: Record<string, CompiledValidator>, config: { validate_by_name?: boolean; validate_by_alias?: boolean; extra?: string; from_attributes?: boolean }): FieldsFiller {
  const names = Object.keys(schema.fields);
  const extra = schema.extra_behavior ?? config.extra ?? "ignore";
  const records: FieldRecord[] = names.map((name, i) => {
    const f = schema.fields[name];
    const alias = typeof f.validation_alias === "string" ? f.validation_alias : null;
    const by_name = f.validate_by_name ?? config.validate_by_name ?? false;
    const by_alias = f.validate_by_alias ?? config.validate_by_alias ?? true;
    const keys = alias === null ? [name] : [...(by_alias ? [alias] : []), ...(by_name || !by_alias ? [name] : [])];
    const d = f.schema.type === "default" ? (f.schema as DefaultSchema) : null;
    const inner = compiled[name];
    const default_value = d ? default_getter(d, inner.validate) : () => INVALID;
    return { name, keys, validate: inner.validate, has_default: !!d?.has_default, default_value, bit: i < 31 ? 1 << i : 0 };
  });
  const known = new Set<string>(records.flatMap((r) => r.keys));
  const use_bits = names.length <= 31;

  const fill = (target: Record<string | symbol, unknown>, input: unknown, st: ValidationState): boolean => {
    const data = input instanceof Map ? Object.fromEntries(input) : (input as Record<string, unknown>);
    const errors = st.errors;
    let ok = true;
    let bits = 0;
    let set: Set<string> | null = use_bits ? null : new Set();
    let count = 0;
    const outer_data = st.data;
    st.data = target as Record<string, unknown>;
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const keys = r.keys;
      let key = keys[0];
      let raw = data[key];
      if (raw === undefined && keys.length > 1) {
        key = keys[1];
        raw = data[key];
      }
      if (raw === undefined) {
        if (r.has_default) {
          const v = r.default_value(target as Record<string, unknown>, st);
          if (v === INVALID) ok = false;
          else target[r.name] = v;
          continue;
        }
        errors.push(new LineError("missing", input, undefined, [keys[0]]));
        ok = false;
        continue;
      }
      const mark = errors.length;
      const v = r.validate(raw, st);
      if (v === INVALID) {
        prefix_loc(st, mark, key);
        ok = false;
        continue;
      }
      target[r.name] = v;
      count++;
      if (set) set.add(r.name);
      else bits |= r.bit;
    }
    if (extra !== "ignore") {
      const extras: Record<string, unknown> | null = extra === "allow" ? {} : null;
      for (const k of Object.keys(data)) {
        if (known.has(k)) continue;
        if (extras) extras[k] = data[k];
        else {
          errors.push(new LineError("extra_forbidden", data[k], undefined, [k]));
          ok = false;
        }
      }
      if (extras) {
        target[EXTRA] = extras;
        if (Object.keys(extras).length) {
          if (!set) set = set_from_bits(bits, names);
          for (const k of Object.keys(extras)) set.add(k);
        }
      }
    }
    st.data = outer_data;
    target[FIELDS_SET] = set ?? bits;
    st.fields_set_count = count;
    return ok;
  };
  return { fill, field_names: names };
}

function set_from_bits(bits: number, names: string[]): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i < names.length; i++) if (bits & (1 << i)) s.add(names[i]);
  return s;
}

/** `model_fields_set` from what the validator stored (a bitmask, or a Set past 31 fields). */
export function fields_set_of(obj: object, names: string[]): Set<string> {
  const stored = (obj as Record<symbol, unknown>)[FIELDS_SET];
  if (stored instanceof Set) return stored;
  return set_from_bits(typeof stored === "number" ? stored : 0, names);
}

function default_getter(d: DefaultSchema, validate: Validator): (data: Record<string, unknown>, st: ValidationState) => unknown {
  const produce = d.default_factory
    ? d.default_factory_takes_data
      ? (data: Record<string, unknown>) => d.default_factory!(data)
      : () => d.default_factory!()
    : () => copy_default(d.default);
  if (!d.validate_default) return produce;
  return (data, st) => validate(produce(data), st);
}

/** The `default` schema outside a model (a TypeAdapter of a defaulted type): validate the inner type. */
export function default_validator(_schema: DefaultSchema, inner: CompiledValidator): CompiledValidator {
  return inner;
}

/** `model`: an instance of the class passes as is; a dict (or, with `from_attributes`, an object) is validated into a new instance. */
export function model_validator(schema: ModelSchema, filler: FieldsFiller, config: { from_attributes?: boolean; revalidate_instances?: string }): CompiledValidator {
  const cls = schema.cls;
  const proto = cls.prototype;
  const post_init: ((self: unknown, ctx: unknown) => void) | null = schema.post_init ? (self, ctx) => (self as Record<string, (c: unknown) => void>)[schema.post_init!](ctx) : null;
  const validate = (input: unknown, st: ValidationState): unknown => {
    if (input instanceof cls && (config.revalidate_instances ?? "never") === "never") {
      st.fields_set_count = fields_set_of(input as object, filler.field_names).size;
      return input;
    }
    let source = input;
    if (!is_dict(input)) {
      if (input instanceof cls) source = { ...(input as object) };
      // (A float or text that happens to be a JavaScript object here — a JSON `2.0`, a Markup — is
      // a value, not an object with attributes.)
      else if ((st.from_attributes ?? config.from_attributes) && input !== null && typeof input === "object" && !Array.isArray(input) && !(input instanceof Uint8Array) && !(input instanceof PyFloat) && !(input instanceof String)) source = attributes_of(input);
      else if (st.from_attributes ?? config.from_attributes) return fail(st, "model_attributes_type", input);
      else return fail(st, "model_type", input, { class_name: cls.name });
    }
    const obj = Object.create(proto) as Record<string | symbol, unknown>;
    if (!filler.fill(obj, source, st)) return INVALID;
    if (post_init) post_init(obj, st.context);
    return obj;
  };
  return { validate, name: cls.name };
}

function attributes_of(obj: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let o: object | null = obj; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (k in out || k === "constructor") continue;
      const v = (obj as Record<string, unknown>)[k];
      if (typeof v !== "function") out[k] = v;
    }
  }
  return out;
}

/** What a validator function receives as `info` (pydantic's `ValidationInfo`). */
export interface ValidationInfo {
  data: Record<string, unknown>;
  field_name: string | null;
  mode: "python" | "json";
  context: unknown;
}

/** Turn an exception raised by a validator function into a line error (or rethrow it). */
function function_error(st: ValidationState, e: unknown, input: unknown): typeof INVALID {
  if (e instanceof PydanticCustomError) {
    st.errors.push(new LineError(e.error_type, input, e.context ?? undefined, [], e.message, false));
    return INVALID;
  }
  if (e instanceof PydanticKnownError) {
    st.errors.push(new LineError(e.error_type, input, e.context ?? undefined));
    return INVALID;
  }
  // ctx keeps the exception itself, as pydantic-core does (`errors()` shows `ValueError('…')`, `json()` its str).
  if (e instanceof ValueError) return fail(st, "value_error", input, { error: e });
  if (e instanceof AssertionError) return fail(st, "assertion_error", input, { error: e });
  throw e;
}

export function function_validator(schema: FunctionSchema, inner: CompiledValidator | null, data_of: (st: ValidationState) => Record<string, unknown>): CompiledValidator {
  const fn = schema.function;
  const info = (st: ValidationState): ValidationInfo => ({ data: data_of(st), field_name: schema.field_name ?? null, mode: st.json ? "json" : "python", context: st.context });
  const call = schema.info_arg ? (a: unknown, st: ValidationState, h?: unknown) => (h === undefined ? fn(a, info(st)) : fn(a, h, info(st))) : (a: unknown, _st: ValidationState, h?: unknown) => (h === undefined ? fn(a) : fn(a, h));
  const iv = inner?.validate ?? ((x: unknown) => x);
  let validate: Validator;
  switch (schema.type) {
    case "function-before":
      validate = (input, st) => {
        let v: unknown;
        try {
          v = call(input, st);
        } catch (e) {
          return function_error(st, e, input);
        }
        return iv(v, st);
      };
      break;
    case "function-after":
      validate = (input, st) => {
        const v = iv(input, st);
        if (v === INVALID) return v;
        try {
          return call(v, st);
        } catch (e) {
          return function_error(st, e, v);
        }
      };
      break;
    case "function-plain":
      validate = (input, st) => {
        try {
          return call(input, st);
        } catch (e) {
          return function_error(st, e, input);
        }
      };
      break;
    case "function-wrap":
      validate = (input, st) => {
        const handler = (value: unknown) => {
          const mark = st.errors.length;
          const v = iv(value, st);
          if (v === INVALID) throw new InnerValidationFailed(st.errors.splice(mark));
          return v;
        };
        try {
          return call(input, st, handler);
        } catch (e) {
          if (e instanceof InnerValidationFailed) {
            st.errors.push(...e.line_errors);
            return INVALID;
          }
          return function_error(st, e, input);
        }
      };
      break;
  }
  const label = `${schema.type}[${fn.name || "<lambda>"}()${inner ? `, ${inner.name}` : ""}]`;
  return { validate, name: label };
}

/** What a wrap validator's `handler(value)` raises when the inner validation fails (pydantic raises ValidationError). */
export class InnerValidationFailed extends ValueError {
  constructor(readonly line_errors: LineError[]) {
    super("validation failed");
  }
}
