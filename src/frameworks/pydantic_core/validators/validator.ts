/**
 * The validator contract shared by every pydantic-core validator: a compiled function
 * `(input, state) → value | INVALID`, and the state one validation carries.
 *
 * pydantic-core compiles a core schema into a tree of Rust validators once; here each node is a
 * JavaScript closure built once per schema. A failed check pushes a `LineError` into
 * `state.errors` and returns the `INVALID` sentinel (no exception per failure); the parent then
 * prefixes the errors' `loc` with its field name or item index. `state.exactness` says how
 * exactly the input matched (pydantic-core's `Exactness`: strict type, lax coercion…), which
 * smart-mode unions use to pick the best member.
 */
import { LineError } from "../errors";

export const INVALID: unique symbol = Symbol("INVALID");
export type Invalid = typeof INVALID;

/** How exactly an input matched: 2 = exact type, 1 = strict-valid (a subclass, int for float), 0 = lax. */
export const EXACT = 2;
export const STRICT = 1;
export const LAX = 0;

export interface ValidationState {
  /** `model_validate(..., { strict })`: overrides each schema's own strict flag when not null. */
  strict: boolean | null;
  /** The input came from JSON text (`model_validate_json`): JSON rules and messages apply. */
  json: boolean;
  /** `from_attributes=True`: objects are read by attribute like dicts. */
  from_attributes: boolean | null;
  errors: LineError[];
  exactness: number;
  /** Fields set by the last model-fields validation (smart unions prefer the model that set more). */
  fields_set_count: number;
  context: unknown;
  /** The fields validated so far by the innermost model (`info.data` for field validators). */
  data: Record<string, unknown> | null;
}

export type Validator = (input: unknown, state: ValidationState) => unknown;

/** A compiled validator with the name pydantic-core gives it (what unions put in `loc`). */
export interface CompiledValidator {
  validate: Validator;
  name: string;
}

export function new_state(options: Partial<ValidationState> = {}): ValidationState {
  return {
    strict: options.strict ?? null,
    json: options.json ?? false,
    from_attributes: options.from_attributes ?? null,
    errors: [],
    exactness: EXACT,
    fields_set_count: 0,
    context: options.context ?? null,
    data: null,
  };
}

/** Record one failed check and return the sentinel. */
export function fail(state: ValidationState, type: string, input: unknown, ctx?: Record<string, unknown>): Invalid {
  state.errors.push(new LineError(type, input, ctx));
  return INVALID;
}

/** Prefix the loc of every error pushed since `mark` with `key` (a field name or an index). */
export function prefix_loc(state: ValidationState, mark: number, key: string | number): void {
  const errors = state.errors;
  for (let i = mark; i < errors.length; i++) errors[i].loc.unshift(key);
}

/** Lower the state's exactness to `level` (never raises it). */
export function downgrade(state: ValidationState, level: number): void {
  if (state.exactness > level) state.exactness = level;
}

/** True for a Python `dict`: a plain object or a Map. */
export function is_dict(v: unknown): v is Record<string, unknown> | Map<unknown, unknown> {
  if (v === null || typeof v !== "object") return false;
  if (v instanceof Map) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
