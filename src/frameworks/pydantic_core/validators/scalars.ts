/**
 * pydantic-core's scalar validators: `int`, `float`, `bool`, `str`, `bytes`, `None`, `Any`,
 * `Decimal`, `UUID` — each a closure compiled once from its core schema.
 *
 * Lax mode coerces as pydantic-core does (`"5"` → 5, `5.0` → 5, `"yes"` → True, bytes → str);
 * strict mode accepts only the exact type (a JSON string still makes a UUID or bytes). Each
 * constraint is checked in pydantic-core's order and reports its own error type with its ctx.
 */
import { py_float_str } from "../../python/builtins";
import { utf8_decode, utf8_encode } from "../../python/bytes";
import { Decimal } from "../../python/decimal";
import { PyFloat } from "../../python/json";
import { UUID } from "../../python/uuid";
import type { BoolSchema, BytesSchema, DecimalSchema, FloatSchema, IntSchema, StrSchema, UuidSchema } from "../core_schema";
import { downgrade as _downgrade, EXACT, fail as _fail, INVALID as _INVALID, LAX, STRICT, type CompiledValidator, type ValidationState } from "./validator";
// Module-local copies: the hot path reads these without going through the import binding.
const INVALID = _INVALID;
const fail = _fail;
const downgrade = _downgrade;

/** Config values that reach scalar schemas (`str_strip_whitespace`, `strict`…). */
export interface ScalarConfig {
  strict?: boolean;
  str_strip_whitespace?: boolean;
  str_to_lower?: boolean;
  str_to_upper?: boolean;
  str_min_length?: number;
  str_max_length?: number;
}

const INT_TEXT = /^[+-]?\d+(?:_\d+)*(?:\.0*)?$/;
const FLOAT_TEXT = /^[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d+(?:_\d+)*|\d+(?:_\d+)*\.)(?:[eE][+-]?\d+)?$/;
const FLOAT_SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;
const BOOL_WORDS: Record<string, boolean> = {
  "0": false, off: false, f: false, false: false, n: false, no: false,
  "1": true, on: true, t: true, true: true, y: true, yes: true,
};

/** Python's `int(text)` as pydantic-core reads a string: whitespace, `_` between digits, `.0`. */
export function parse_int_text(text: string): number | bigint | null {
  const s = text.trim();
  if (!INT_TEXT.test(s)) return null;
  const digits = s.replace(/_/g, "").replace(/\.0*$/, "");
  const n = Number(digits);
  return Number.isSafeInteger(n) ? (Object.is(n, -0) ? 0 : n) : BigInt(digits);
}

/** Python's `float(text)` (pydantic-core's float parsing): `1e3`, `.5`, `inf`, `nan`, `1_0.5`. */
export function parse_float_text(text: string): number | null {
  const s = text.trim();
  if (FLOAT_SPECIAL.test(s)) {
    const neg = s.startsWith("-");
    return /nan/i.test(s) ? NaN : neg ? -Infinity : Infinity;
  }
  if (!FLOAT_TEXT.test(s)) return null;
  return Number(s.replace(/_/g, ""));
}

function strict_of(st: ValidationState, own: boolean): boolean {
  return st.strict ?? own;
}

/** The ctx value for a float constraint: a Python float, printed `0.0` in JSON. */
function float_ctx(x: number): unknown {
  return Number.isInteger(x) ? new PyFloat(x) : x;
}

function check_number<N extends number | bigint>(x: N, s: { gt?: unknown; ge?: unknown; lt?: unknown; le?: unknown; multiple_of?: unknown }, st: ValidationState, input: unknown, as_float: boolean): N | typeof INVALID {
  if (s.multiple_of !== undefined) {
    const m = Number(s.multiple_of);
    // A big int's remainder in exact arithmetic (Number(x) would round 99999999999999999999 up to 1e20).
    const r = typeof x === "bigint" && Number.isInteger(m) && m !== 0 ? Number(x % BigInt(m)) : Number(x) % m;
    if (as_float ? Math.abs(r) > 1e-9 && Math.abs(Math.abs(r) - Math.abs(m)) > 1e-9 : r !== 0) return fail(st, "multiple_of", input, { multiple_of: number_ctx(s.multiple_of, as_float) });
  }
  if (s.le !== undefined && !(x <= Number(s.le))) return fail(st, "less_than_equal", input, { le: number_ctx(s.le, as_float) });
  if (s.lt !== undefined && !(x < Number(s.lt))) return fail(st, "less_than", input, { lt: number_ctx(s.lt, as_float) });
  if (s.ge !== undefined && !(x >= Number(s.ge))) return fail(st, "greater_than_equal", input, { ge: number_ctx(s.ge, as_float) });
  if (s.gt !== undefined && !(x > Number(s.gt))) return fail(st, "greater_than", input, { gt: number_ctx(s.gt, as_float) });
  return x;
}

function number_ctx(v: unknown, as_float: boolean): unknown {
  return as_float ? float_ctx(Number(v)) : v;
}

function has_number_constraints(s: { gt?: unknown; ge?: unknown; lt?: unknown; le?: unknown; multiple_of?: unknown }): boolean {
  return s.gt !== undefined || s.ge !== undefined || s.lt !== undefined || s.le !== undefined || s.multiple_of !== undefined;
}

/**
 * pydantic-core holds an int from a float as an i64: a float at or past 2**63 (`1e19`, and any
 * JavaScript number that large, which can only have come from a float) does not fit.
 */
const I64_LIMIT = 2 ** 63;

/** `int`: ints as they are; bools, integral floats and numeric strings in lax mode. */
export function int_validator(schema: IntSchema, config: ScalarConfig): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const constrained = has_number_constraints(schema);
  const coerce = (input: unknown, st: ValidationState): unknown => {
    if (typeof input === "number") {
      if (Number.isInteger(input)) {
        if (Math.abs(input) >= I64_LIMIT) return fail(st, "int_parsing_size", input);
        return Object.is(input, -0) ? 0 : input;
      }
      if (strict_of(st, own_strict)) return fail(st, "int_type", input);
      if (!Number.isFinite(input)) return fail(st, "finite_number", input);
      return fail(st, "int_from_float", input);
    }
    if (typeof input === "bigint") return Number.isSafeInteger(Number(input)) ? Number(input) : input;
    const strict = strict_of(st, own_strict);
    if (input instanceof PyFloat) {
      if (strict) return fail(st, "int_type", input);
      if (!Number.isFinite(input.value)) return fail(st, "finite_number", input);
      if (!Number.isInteger(input.value)) return fail(st, "int_from_float", input);
      if (Math.abs(input.value) >= I64_LIMIT) return fail(st, "int_parsing_size", input);
      downgrade(st, st.json ? STRICT : LAX);
      return input.value === 0 ? 0 : input.value; // int(-0.0) is 0
    }
    if (strict) return fail(st, "int_type", input);
    if (typeof input === "boolean") {
      downgrade(st, LAX);
      return input ? 1 : 0;
    }
    if (typeof input === "string" || input instanceof Uint8Array) {
      const parsed = parse_int_text(typeof input === "string" ? input : utf8_decode(input, "replace"));
      if (parsed === null) return fail(st, "int_parsing", input);
      downgrade(st, LAX);
      return parsed;
    }
    if (input instanceof Decimal) {
      const x = input.valueOf();
      if (!Number.isFinite(x)) return fail(st, "finite_number", input);
      if (!Number.isInteger(x)) return fail(st, "int_from_float", input);
      downgrade(st, LAX);
      return x;
    }
    return fail(st, "int_type", input);
  };
  const validate = constrained
    ? (input: unknown, st: ValidationState) => {
        const x = coerce(input, st);
        return x === INVALID ? x : check_number(x as number, schema, st, input, false);
      }
    : coerce;
  return { validate, name: constrained ? "constrained-int" : "int" };
}

/** `float`: numbers; ints are exact-enough floats; bools and numeric strings in lax mode. */
export function float_validator(schema: FloatSchema, config: ScalarConfig & { allow_inf_nan?: boolean }): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const allow_inf_nan = schema.allow_inf_nan ?? config.allow_inf_nan ?? true;
  const constrained = has_number_constraints(schema);
  const validate = (input: unknown, st: ValidationState): unknown => {
    let x: number;
    if (typeof input === "number") {
      x = input;
      if (Number.isInteger(input)) downgrade(st, STRICT);
    } else if (input instanceof PyFloat) {
      x = input.value;
    } else if (typeof input === "bigint") {
      x = Number(input);
      downgrade(st, STRICT);
    } else if (strict_of(st, own_strict)) {
      return fail(st, "float_type", input);
    } else if (typeof input === "boolean") {
      x = input ? 1 : 0;
      downgrade(st, LAX);
    } else if (typeof input === "string" || input instanceof Uint8Array) {
      const parsed = parse_float_text(typeof input === "string" ? input : utf8_decode(input, "replace"));
      if (parsed === null) return fail(st, "float_parsing", input);
      x = parsed;
      downgrade(st, LAX);
    } else if (input instanceof Decimal) {
      x = input.valueOf();
      downgrade(st, LAX);
    } else return fail(st, "float_type", input);
    if (!allow_inf_nan && !Number.isFinite(x)) return fail(st, "finite_number", input);
    return constrained ? check_number(x, schema, st, input, true) : x;
  };
  return { validate, name: constrained ? "constrained-float" : "float" };
}

/** `bool`: True/False; 0/1 and the words yes/no, on/off, true/false, t/f, y/n, 1/0 in lax mode. */
export function bool_validator(schema: BoolSchema, config: ScalarConfig): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const validate = (input: unknown, st: ValidationState): unknown => {
    if (typeof input === "boolean") return input;
    if (strict_of(st, own_strict)) return fail(st, "bool_type", input);
    if (typeof input === "string" || input instanceof Uint8Array) {
      const word = BOOL_WORDS[(typeof input === "string" ? input : utf8_decode(input, "replace")).toLowerCase()];
      if (word === undefined) return fail(st, "bool_parsing", input);
      downgrade(st, LAX);
      return word;
    }
    const n = typeof input === "number" ? input : input instanceof PyFloat ? input.value : typeof input === "bigint" ? Number(input) : null;
    // Past an i64 a number is no candidate for 0 or 1 at all.
    if (n === null || Math.abs(n) >= I64_LIMIT) return fail(st, "bool_type", input);
    if (input instanceof PyFloat || typeof input === "number") {
      if (n === 0 || n === 1) {
        downgrade(st, LAX);
        return n === 1;
      }
      return Number.isInteger(n) ? fail(st, "bool_parsing", input) : fail(st, "bool_type", input);
    }
    if (n === 0 || n === 1) return n === 1;
    return fail(st, "bool_parsing", input);
  };
  return { validate, name: "bool" };
}

/** `str`: text; bytes decoded as UTF-8 in lax mode; then strip/lower/upper and the length/pattern checks. */
export function str_validator(schema: StrSchema, config: ScalarConfig): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const strip = schema.strip_whitespace ?? config.str_strip_whitespace ?? false;
  const lower = schema.to_lower ?? config.str_to_lower ?? false;
  const upper = schema.to_upper ?? config.str_to_upper ?? false;
  const min_length = schema.min_length ?? config.str_min_length;
  const max_length = schema.max_length ?? config.str_max_length;
  const pattern = schema.pattern === undefined ? null : compile_pattern(schema.pattern);
  const constrained = strip || lower || upper || min_length !== undefined || max_length !== undefined || pattern !== null;
  const validate = (input: unknown, st: ValidationState): unknown => {
    let s: string;
    if (typeof input === "string") s = input;
    else if (!strict_of(st, own_strict) && input instanceof Uint8Array) {
      try {
        s = utf8_decode(input, "strict");
      } catch {
        return fail(st, "string_unicode", input);
      }
      downgrade(st, LAX);
    } else return fail(st, "string_type", input);
    if (!constrained) return s;
    if (strip) s = s.trim();
    if (lower) s = s.toLowerCase();
    else if (upper) s = s.toUpperCase();
    if (min_length !== undefined || max_length !== undefined) {
      const n = code_points(s);
      if (min_length !== undefined && n < min_length) return fail(st, "string_too_short", input, { min_length });
      if (max_length !== undefined && n > max_length) return fail(st, "string_too_long", input, { max_length });
    }
    if (pattern && !pattern.test(s)) return fail(st, "string_pattern_mismatch", input, { pattern: schema.pattern });
    return s;
  };
  return { validate, name: constrained ? "constrained-str" : "str" };
}

function code_points(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/**
 * A field's `pattern` as a JavaScript RegExp with Rust `regex` semantics: searched, not anchored,
 * Unicode-aware. Python-only syntax (`(?P<name>…)`, `\Z`, `\A`) is translated.
 */
export function compile_pattern(pattern: string): RegExp {
  const source = pattern.replace(/\(\?P</g, "(?<").replace(/\\Z/g, "$").replace(/\\A/g, "^");
  return new RegExp(source, "u");
}

/** `bytes`: bytes; text encoded as UTF-8 in lax mode and from JSON. */
export function bytes_validator(schema: BytesSchema, config: ScalarConfig): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const validate = (input: unknown, st: ValidationState): unknown => {
    let b: Uint8Array;
    if (input instanceof Uint8Array) b = input;
    else if (typeof input === "string" && (st.json || !strict_of(st, own_strict))) {
      b = utf8_encode(input);
      if (!st.json) downgrade(st, LAX);
    } else return fail(st, "bytes_type", input);
    if (schema.min_length !== undefined && b.length < schema.min_length) return fail(st, "bytes_too_short", input, { min_length: schema.min_length });
    if (schema.max_length !== undefined && b.length > schema.max_length) return fail(st, "bytes_too_long", input, { max_length: schema.max_length });
    return b;
  };
  return { validate, name: "bytes" };
}

export function none_validator(): CompiledValidator {
  return { validate: (input, st) => (input === null || input === undefined ? null : fail(st, "none_required", input)), name: "none" };
}

export function any_validator(): CompiledValidator {
  return { validate: (input) => (input === undefined ? null : input), name: "any" };
}

/** `Decimal`: ints, floats (by their repr), numeric strings; `max_digits`/`decimal_places` checked. */
export function decimal_validator(schema: DecimalSchema, config: ScalarConfig): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const allow_inf_nan = schema.allow_inf_nan ?? false;
  const validate = (input: unknown, st: ValidationState): unknown => {
    let d: Decimal;
    if (input instanceof Decimal) d = input;
    else if (strict_of(st, own_strict) && !st.json) return fail(st, "is_instance_of", input, { class: "Decimal" });
    else if (typeof input === "string") {
      try {
        d = new Decimal(input.trim());
      } catch {
        return fail(st, "decimal_parsing", input);
      }
      downgrade(st, LAX);
    } else if (typeof input === "number" || input instanceof PyFloat || typeof input === "bigint") {
      const x = input instanceof PyFloat ? input.value : input;
      // A float becomes the Decimal of its repr, as `Decimal(str(1e300))` does.
      d = new Decimal(typeof x === "bigint" ? x.toString() : input instanceof PyFloat ? py_float_str(x as number) : (x as number));
      downgrade(st, LAX);
    } else return fail(st, "decimal_type", input);
    if (!allow_inf_nan && (d.is_nan() || d.is_infinite())) return fail(st, "finite_number", input);
    return check_decimal(d, schema, st, input);
  };
  return { validate, name: "decimal" };
}

function check_decimal(d: Decimal, s: DecimalSchema, st: ValidationState, input: unknown): unknown {
  if (s.max_digits !== undefined || s.decimal_places !== undefined) {
    const digits_text = d.digits.replace(/0+$/, "") || "0";
    const exp = (d.exponent as number) + (d.digits.length - digits_text.length);
    let digits: number;
    let decimals: number;
    if (exp >= 0) {
      digits = digits_text === "0" ? 1 : digits_text.length + exp;
      decimals = 0;
    } else {
      decimals = -exp;
      digits = Math.max(digits_text.length, decimals);
    }
    if (s.max_digits !== undefined && digits > s.max_digits) return fail(st, "decimal_max_digits", input, { max_digits: s.max_digits });
    if (s.decimal_places !== undefined && decimals > s.decimal_places) return fail(st, "decimal_max_places", input, { decimal_places: s.decimal_places });
    if (s.max_digits !== undefined && s.decimal_places !== undefined) {
      const whole = s.max_digits - s.decimal_places;
      if (digits - decimals > whole) return fail(st, "decimal_whole_digits", input, { whole_digits: whole });
    }
  }
  const x = d.valueOf();
  const ctx = (v: unknown) => (v instanceof Decimal ? v : new Decimal(String(v)));
  if (s.multiple_of !== undefined && x % Number(s.multiple_of) !== 0) return fail(st, "multiple_of", input, { multiple_of: ctx(s.multiple_of) });
  if (s.le !== undefined && !(x <= Number(s.le))) return fail(st, "less_than_equal", input, { le: ctx(s.le) });
  if (s.lt !== undefined && !(x < Number(s.lt))) return fail(st, "less_than", input, { lt: ctx(s.lt) });
  if (s.ge !== undefined && !(x >= Number(s.ge))) return fail(st, "greater_than_equal", input, { ge: ctx(s.ge) });
  if (s.gt !== undefined && !(x > Number(s.gt))) return fail(st, "greater_than", input, { gt: ctx(s.gt) });
  return d;
}

/** The `uuid` crate's parse errors, as pydantic-core reports them. */
export function uuid_parse_error(text: string): string | null {
  let s = text;
  let offset = 0;
  if (s.startsWith("urn:uuid:")) {
    s = s.slice(9);
    offset = 9;
  } else if (s.startsWith("{") && s.endsWith("}")) {
    s = s.slice(1, -1);
    offset = 1;
  }
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (!/[0-9a-fA-F-]/.test(ch)) return `invalid character: found \`${ch}\` at ${i + 1 + offset}`;
  }
  if (!s.includes("-")) return s.length === 32 ? null : `invalid length: expected length 32 for simple format, found ${s.length}`;
  const groups = s.split("-");
  if (groups.length !== 5) return `invalid group count: expected 5, found ${groups.length}`;
  const expected = [8, 4, 4, 4, 12];
  for (let g = 0; g < 5; g++) {
    if (groups[g].length !== expected[g]) return `invalid group length in group ${g}: expected ${expected[g]}, found ${groups[g].length}`;
  }
  return null;
}

/** `UUID`: UUID objects; hex text (simple, hyphenated, braced, URN) and 16 or 32 bytes in lax mode / JSON. */
export function uuid_validator(schema: UuidSchema, config: ScalarConfig): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const validate = (input: unknown, st: ValidationState): unknown => {
    let u: UUID;
    if (input instanceof UUID) u = input;
    else if (strict_of(st, own_strict) && !st.json) return fail(st, "is_instance_of", input, { class: "UUID" });
    else if (typeof input === "string" || input instanceof Uint8Array) {
      let text: string;
      if (input instanceof Uint8Array) {
        if (input.length === 16) text = [...input].map((b) => b.toString(16).padStart(2, "0")).join("");
        else text = utf8_decode(input, "replace");
      } else text = input;
      const error = uuid_parse_error(text);
      if (error) return fail(st, "uuid_parsing", input, { error });
      u = new UUID(text);
      downgrade(st, st.json ? STRICT : LAX);
    } else return fail(st, "uuid_type", input);
    if (schema.version !== undefined && u.version !== schema.version) return fail(st, "uuid_version", input, { expected_version: schema.version });
    return u;
  };
  return { validate, name: "uuid" };
}

export { EXACT };
