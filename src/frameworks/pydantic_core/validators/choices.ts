/**
 * pydantic-core's validators that choose among alternatives: `nullable` (`T | None`), `union`
 * (smart mode), `literal` and `enum`.
 *
 * Smart mode tries every member in order, keeps the best success — the first *exact* match wins
 * at once; otherwise the one that set more model fields, then the most exact (strict beats lax)
 * — and, when all fail, reports each member's errors under its name in `loc` (`un.int`,
 * `un.str`, `pet.Cat.meows`).
 */
import { py_repr } from "../../python/builtins";
import { PyFloat } from "../../python/json";
import type { EnumSchema, LiteralSchema, NullableSchema, UnionSchema } from "../core_schema";
import { EXACT, fail as _fail, INVALID as _INVALID, prefix_loc, type CompiledValidator, type ValidationState } from "./validator";
// Module-local copies: the hot path reads these without going through the import binding.
const INVALID = _INVALID;
const fail = _fail;

export function nullable_validator(_schema: NullableSchema, inner: CompiledValidator): CompiledValidator {
  const v = inner.validate;
  return { validate: (input, st) => (input === null || input === undefined ? null : v(input, st)), name: `nullable[${inner.name}]` };
}

export function union_validator(schema: UnionSchema, choices: [CompiledValidator, string][]): CompiledValidator {
  const left_to_right = schema.mode === "left_to_right";
  const validate = (input: unknown, st: ValidationState): unknown => {
    const outer_exactness = st.exactness;
    const mark = st.errors.length;
    let best: unknown = INVALID;
    let best_exactness = -1;
    let best_fields: number | null = null;
    const failures: [number, number, string][] = [];
    for (const [choice, label] of choices) {
      st.exactness = EXACT;
      st.fields_set_count = -1;
      const before = st.errors.length;
      const v = choice.validate(input, st);
      if (v === INVALID) {
        if (best === INVALID) failures.push([before, st.errors.length, label]);
        continue;
      }
      const fields = st.fields_set_count >= 0 ? st.fields_set_count : null;
      if ((st.exactness === EXACT && fields === null) || left_to_right) {
        st.errors.length = mark;
        st.exactness = Math.min(outer_exactness, st.exactness);
        return v;
      }
      const better =
        best === INVALID ||
        (best_fields !== null && fields !== null && best_fields !== fields ? best_fields < fields : best_exactness < st.exactness);
      if (better) {
        best = v;
        best_exactness = st.exactness;
        best_fields = fields;
      }
    }
    if (best !== INVALID) {
      st.errors.length = mark;
      st.exactness = Math.min(outer_exactness, best_exactness);
      return best;
    }
    st.exactness = outer_exactness;
    for (const [from, to, label] of failures) prefix_loc_range(st, from, to, label);
    return INVALID;
  };
  return { validate, name: `union[${choices.map(([, l]) => l).join(",")}]` };
}

function prefix_loc_range(st: ValidationState, from: number, to: number, key: string): void {
  for (let i = from; i < to; i++) st.errors[i].loc.unshift(key);
}

/** `'a' or 'b'`, `'a', 'b' or 'c'`: pydantic-core's list of expected values. */
export function expected_text(values: unknown[]): string {
  const reprs = values.map((v) => py_repr(v));
  return reprs.length === 1 ? reprs[0] : `${reprs.slice(0, -1).join(", ")} or ${reprs[reprs.length - 1]}`;
}

export function literal_validator(schema: LiteralSchema): CompiledValidator {
  const expected = schema.expected;
  const text = expected_text(expected);
  const validate = (input: unknown, st: ValidationState): unknown => {
    for (let i = 0; i < expected.length; i++) if (expected[i] === input) return input;
    if (input === undefined && expected.includes(null)) return null;
    return fail(st, "literal_error", input, { expected: text });
  };
  return { validate, name: `literal[${expected.map((v) => py_repr(v)).join(",")}]` };
}

/** A Python `Enum` class: its members' values are what this port holds for members. */
const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);

export function enum_validator(schema: EnumSchema, config: { strict?: boolean }): CompiledValidator {
  const values = schema.values;
  const text = expected_text(values);
  const int_like = schema.sub_type === "int" || values.every((v) => typeof v === "number");
  const validate = (input: unknown, st: ValidationState): unknown => {
    for (let i = 0; i < values.length; i++) if (values[i] === input) return input;
    const strict = st.strict ?? schema.strict ?? config.strict ?? false;
    if (!strict && int_like) {
      // Lax mode reads an int from text (`" 2 "`, `"+1"`, `"1.0"`; no `_`), an integral float or a
      // bool; a number past an i64 is an int_parsing_size error naming the number.
      let n: number | null = null;
      if (typeof input === "string") {
        const m = /^\s*([+-]?\d+)(?:\.0*)?\s*$/.exec(input);
        if (m) {
          const whole = BigInt(m[1]);
          if (whole > I64_MAX || whole < I64_MIN) return fail(st, "int_parsing_size", whole);
          n = Number(whole);
        }
      } else if (input instanceof PyFloat && Number.isInteger(input.value)) n = input.value;
      else if (typeof input === "boolean") n = input ? 1 : 0;
      if (n !== null) for (let i = 0; i < values.length; i++) if (values[i] === n) return n;
    }
    return fail(st, "enum", input, { expected: text });
  };
  return { validate, name: schema.cls_name };
}

export { prefix_loc };
