/**
 * jinja2.tests: the built-in tests (`{% if value is name(args) %}`), value + arguments → bool.
 *
 *   {{ 3 is odd }} → True      {{ x is defined }}      {{ 'upper' is filter }}
 */
import { has_html } from "../markupsafe";
import { py_mod } from "../python/arith";
import { PyFloat } from "../python/json";
import { TypeError } from "../python/builtins";
import { contains, eq, ge, gt, is_dict, le, lt, py_str, type_name } from "../python/operator";
import { Signature, with_signature } from "../python/signature";
import { Undefined } from "./runtime";
import { pass_environment } from "./utils";
import type { Environment } from "./environment";


// `value % 2 == 1`, as Python computes it: text is %-formatted, an undefined value fails.
export const test_odd = (value: unknown) => eq(py_mod(value, 2), 1);
export const test_even = (value: unknown) => eq(py_mod(value, 2), 0);
export const test_divisibleby = (value: unknown, num_: unknown) => eq(py_mod(value, num_), 0);
export const test_defined = (value: unknown) => !(value instanceof Undefined);
export const test_undefined = (value: unknown) => value instanceof Undefined;
export const test_filter = pass_environment((env: Environment, value: string) => Object.prototype.hasOwnProperty.call(env.filters, value));
export const test_test = pass_environment((env: Environment, value: string) => Object.prototype.hasOwnProperty.call(env.tests, value));
export const test_none = (value: unknown) => value === null || value === undefined;
export const test_boolean = (value: unknown) => typeof value === "boolean";
export const test_false = (value: unknown) => value === false;
export const test_true = (value: unknown) => value === true;
export const test_integer = (value: unknown) => (typeof value === "number" && Number.isInteger(value)) || typeof value === "bigint";
export const test_float = (value: unknown) => value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
export const test_lower = (value: unknown) => {
  const s = py_str(value);
  return /\p{Ll}/u.test(s) && s === s.toLowerCase();
};
export const test_upper = (value: unknown) => {
  const s = py_str(value);
  return /\p{Lu}/u.test(s) && s === s.toUpperCase();
};
export const test_string = (value: unknown) => typeof value === "string" || value instanceof String;
export const test_mapping = (value: unknown) => is_dict(value) || value instanceof Map;
export const test_number = (value: unknown) => typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value instanceof PyFloat;
export const test_sequence = (value: unknown) => typeof value === "string" || value instanceof String || Array.isArray(value) || is_dict(value) || value instanceof Map || (value !== null && typeof value === "object" && typeof (value as { __getitem__?: unknown }).__getitem__ === "function" && typeof (value as { __len__?: unknown }).__len__ === "function");
export const test_iterable = (value: unknown) => {
  if (typeof value === "string" || Array.isArray(value) || is_dict(value)) return true;
  return value !== null && typeof value === "object" && (Symbol.iterator in value || typeof (value as { __iter__?: unknown }).__iter__ === "function");
};
export const test_callable = (value: unknown) => typeof value === "function" || (value !== null && typeof value === "object" && typeof (value as { __call__?: unknown }).__call__ === "function");
export const test_sameas = (value: unknown, other: unknown) => value === other;
export const test_escaped = (value: unknown) => has_html(value);
export const test_in = (value: unknown, seq: unknown) => {
  try {
    return contains(seq, value);
  } catch (e) {
    // `value in seq` words a container that cannot be searched its own way.
    if (e instanceof TypeError && /object is not iterable$/.test(e.message)) throw new TypeError(`argument of type '${type_name(seq)}' is not iterable`);
    throw e;
  }
};

export const TESTS: Record<string, (...args: any[]) => unknown> = {
  odd: test_odd,
  even: test_even,
  divisibleby: test_divisibleby,
  defined: test_defined,
  undefined: test_undefined,
  filter: test_filter,
  test: test_test,
  none: test_none,
  boolean: test_boolean,
  false: test_false,
  true: test_true,
  integer: test_integer,
  float: test_float,
  lower: test_lower,
  upper: test_upper,
  string: test_string,
  mapping: test_mapping,
  number: test_number,
  sequence: test_sequence,
  iterable: test_iterable,
  callable: test_callable,
  sameas: test_sameas,
  escaped: test_escaped,
  in: test_in,
  "==": eq,
  eq: eq,
  equalto: eq,
  "!=": (a: unknown, b: unknown) => !eq(a, b),
  ne: (a: unknown, b: unknown) => !eq(a, b),
  ">": gt,
  gt: gt,
  greaterthan: gt,
  ge: ge,
  ">=": ge,
  "<": lt,
  lt: lt,
  lessthan: lt,
  "<=": le,
  le: le,
};

/**
 * Each built-in test's Python signature (`jinja2.tests`; the comparisons are the C functions of
 * Python's `operator` module): `{{ 4 is divisibleby }}` raises the TypeError Python would.
 */
const TEST_SIGNATURES: Record<string, string | Signature> = {
  odd: "test_odd(value)",
  even: "test_even(value)",
  divisibleby: "test_divisibleby(value, num)",
  defined: "test_defined(value)",
  undefined: "test_undefined(value)",
  filter: "test_filter(env, value)",
  test: "test_test(env, value)",
  none: "test_none(value)",
  boolean: "test_boolean(value)",
  false: "test_false(value)",
  true: "test_true(value)",
  integer: "test_integer(value)",
  float: "test_float(value)",
  lower: "test_lower(value)",
  upper: "test_upper(value)",
  string: "test_string(value)",
  mapping: "test_mapping(value)",
  number: "test_number(value)",
  sequence: "test_sequence(value)",
  iterable: "test_iterable(value)",
  callable: Signature.builtin_o("callable"),
  sameas: "test_sameas(value, other)",
  escaped: "test_escaped(value)",
  in: "test_in(value, seq)",
};
for (const [name, signature] of Object.entries(TEST_SIGNATURES)) with_signature(TESTS[name], signature);
for (const [names, operator] of [[["==", "eq", "equalto"], "eq"], [["!=", "ne"], "ne"], [[">", "gt", "greaterthan"], "gt"], [[">=", "ge"], "ge"], [["<", "lt", "lessthan"], "lt"], [["<=", "le"], "le"]] as const) {
  // One function per operator, as `operator.eq` is one object behind `==`, `eq` and `equalto`.
  const compare = TESTS[names[0]];
  const test = (a: unknown, b: unknown) => compare(a, b);
  with_signature(test, Signature.positional(operator, 2, 2, `_operator.${operator}`));
  for (const name of names) TESTS[name] = test;
}
