/**
 * pydantic-core's container validators: `list`, `set`/`frozenset`, `tuple` and `dict`, each
 * validating every item with its item validator and reporting every failing item (its index or
 * key joins the error's `loc`), then the length constraints (`too_short` / `too_long`).
 *
 * Lax mode takes any Python sequence that is not text (a list, tuple, set, generator…) where a
 * list is wanted; strict mode wants the exact container (JSON arrays always do).
 */
import { LineError } from "../errors";
import type { DictSchema, ListSchema, SetSchema, TupleSchema } from "../core_schema";
import { downgrade, fail as _fail, INVALID as _INVALID, is_dict, LAX, prefix_loc as _prefix_loc, type CompiledValidator, type ValidationState } from "./validator";
// Module-local copies: the hot path reads these without going through the import binding.
const INVALID = _INVALID;
const prefix_loc = _prefix_loc;
const fail = _fail;

function strict_of(st: ValidationState, own: boolean): boolean {
  return st.strict ?? own;
}

/** The items of a Python sequence-like input, or null (text, dicts, scalars are not sequences). */
function sequence_items(input: unknown, strict: boolean, exact: "list" | "set" | "tuple", st: ValidationState): unknown[] | null {
  if (Array.isArray(input)) {
    if (strict && exact === "set" && !st.json) return null;
    return input;
  }
  if (strict && !st.json) return exact === "set" && input instanceof Set ? [...input] : null;
  if (input instanceof Set) {
    if (exact !== "set") downgrade(st, LAX);
    return [...input];
  }
  if (input instanceof Map) return exact === "list" || exact === "tuple" ? null : null;
  if (input !== null && typeof input === "object" && typeof (input as Iterable<unknown>)[Symbol.iterator] === "function" && !is_dict(input) && !(input instanceof Uint8Array)) {
    downgrade(st, LAX);
    return [...(input as Iterable<unknown>)];
  }
  return null;
}

function length_check(st: ValidationState, input: unknown, n: number, field_type: string, min?: number, max?: number): boolean {
  if (min !== undefined && n < min) {
    fail(st, "too_short", input, { field_type, min_length: min, actual_length: n });
    return false;
  }
  if (max !== undefined && n > max) {
    fail(st, "too_long", input, { field_type, max_length: max, actual_length: n });
    return false;
  }
  return true;
}

export function list_validator(schema: ListSchema, item: CompiledValidator | null, config: { strict?: boolean }): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const item_validate = item?.validate ?? null;
  const validate = (input: unknown, st: ValidationState): unknown => {
    const items = sequence_items(input, strict_of(st, own_strict), "list", st);
    if (items === null) return fail(st, "list_type", input);
    const n = items.length;
    const out = new Array(n);
    let ok = true;
    if (item_validate) {
      for (let i = 0; i < n; i++) {
        const mark = st.errors.length;
        const v = item_validate(items[i], st);
        if (v === INVALID) {
          prefix_loc(st, mark, i);
          ok = false;
        } else out[i] = v;
      }
    } else for (let i = 0; i < n; i++) out[i] = items[i];
    if (!ok) return INVALID;
    if (!length_check(st, input, n, "List", schema.min_length, schema.max_length)) return INVALID;
    return out;
  };
  return { validate, name: `list[${item?.name ?? "any"}]` };
}

export function set_validator(schema: SetSchema, item: CompiledValidator | null, config: { strict?: boolean }): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const frozen = schema.type === "frozenset";
  const validate = (input: unknown, st: ValidationState): unknown => {
    const items = sequence_items(input, strict_of(st, own_strict), "set", st);
    if (items === null) return fail(st, frozen ? "frozen_set_type" : "set_type", input);
    const out = new Set<unknown>();
    let ok = true;
    for (let i = 0; i < items.length; i++) {
      const mark = st.errors.length;
      const v = item ? item.validate(items[i], st) : items[i];
      if (v === INVALID) {
        prefix_loc(st, mark, i);
        ok = false;
      } else out.add(v);
    }
    if (!ok) return INVALID;
    if (!length_check(st, input, out.size, frozen ? "Frozenset" : "Set", schema.min_length, schema.max_length)) return INVALID;
    return out;
  };
  return { validate, name: `${schema.type}[${item?.name ?? "any"}]` };
}

export function tuple_validator(schema: TupleSchema, items: CompiledValidator[], config: { strict?: boolean }): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const variadic = schema.variadic_item_index;
  const validate = (input: unknown, st: ValidationState): unknown => {
    const values = sequence_items(input, strict_of(st, own_strict), "tuple", st);
    if (values === null) return fail(st, "tuple_type", input);
    const out: unknown[] = [];
    let ok = true;
    const n = values.length;
    const run = (validator: CompiledValidator, i: number) => {
      const mark = st.errors.length;
      const v = validator.validate(values[i], st);
      if (v === INVALID) {
        prefix_loc(st, mark, i);
        ok = false;
      } else out.push(v);
    };
    if (variadic === undefined) {
      for (let i = 0; i < items.length; i++) {
        if (i >= n) {
          st.errors.push(missing_item(input, i));
          ok = false;
        } else run(items[i], i);
      }
      if (n > items.length) {
        length_check(st, input, n, "Tuple", undefined, items.length);
        return INVALID;
      }
    } else {
      const after = items.length - variadic - 1;
      for (let i = 0; i < n; i++) {
        const validator = i < variadic ? items[i] : i >= n - after ? items[items.length - (n - i)] : items[variadic];
        run(validator, i);
      }
      if (n < items.length - 1) for (let i = n; i < items.length - 1; i++) {
        st.errors.push(missing_item(input, i));
        ok = false;
      }
    }
    if (!ok) return INVALID;
    if (!length_check(st, input, n, "Tuple", schema.min_length, schema.max_length)) return INVALID;
    return out;
  };
  const label = variadic === undefined ? items.map((i) => i.name).join(", ") : `${items.map((i) => i.name).join(", ")}, ...`;
  return { validate, name: `tuple[${label}]` };
}

function missing_item(input: unknown, i: number): LineError {
  return new LineError("missing", input, undefined, [i]);
}

export function dict_validator(schema: DictSchema, keys: CompiledValidator | null, values: CompiledValidator | null, config: { strict?: boolean }): CompiledValidator {
  const validate = (input: unknown, st: ValidationState): unknown => {
    if (!is_dict(input)) return fail(st, "dict_type", input);
    const entries: [unknown, unknown][] = input instanceof Map ? [...input] : Object.entries(input);
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const [k, v] of entries) {
      let key: unknown = k;
      if (keys) {
        const mark = st.errors.length;
        key = keys.validate(k, st);
        if (key === INVALID) {
          prefix_loc(st, mark, "[key]");
          prefix_loc(st, mark, k as string);
          ok = false;
        }
      }
      let value: unknown = v;
      // The value is validated even when its key failed: both errors are reported.
      if (values) {
        const mark = st.errors.length;
        value = values.validate(v, st);
        if (value === INVALID) {
          prefix_loc(st, mark, k as string);
          ok = false;
          continue;
        }
      }
      if (!ok) continue;
      const name = String(key);
      if (name === "__proto__") Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
      else out[name] = value;
    }
    if (!ok) return INVALID;
    if (!length_check(st, input, entries.length, "Dictionary", schema.min_length, schema.max_length)) return INVALID;
    return out;
  };
  void config;
  return { validate, name: `dict[${keys?.name ?? "any"},${values?.name ?? "any"}]` };
}
