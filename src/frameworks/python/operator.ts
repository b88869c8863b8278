/**
 * Python's value semantics the template language leans on: `bool(x)`, `str(x)`, `len(x)`, `iter(x)`,
 * `==`, `<` and `in`, for the JavaScript values that stand in for Python ones.
 *
 * Python `str` is a string (or a SafeString, a `String` object), `int` an integral number, `float`
 * a non-integral number or a `PyFloat`, `Decimal` the python/decimal class, `None` null, `list` an
 * Array, `dict` a plain object or a Map, and Django's containers (QueryDict, MultiValueDict) offer
 * the duck-typed protocol `getitem / has / len / keys / items / values`.
 *
 *   truth([])            // false, as bool([])
 *   eq(true, 1)          // true, as True == 1
 *   lt(null, 1)          // raises TypeError, as None < 1
 *   contains("ell", "hello")  // true
 */
import { py_float_str, py_repr, type_name_of, TypeError } from "./builtins";
import { Decimal } from "./decimal";
import { date, time, timedelta } from "./datetime";
import { PyFloat } from "./json";

/** A plain JavaScript object standing for a Python dict. */
export function is_dict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A Python `str`: a primitive string or a String object (SafeString). */
// eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- a SafeString is a String object
export function is_str(value: unknown): value is string | String {
  return typeof value === "string" || value instanceof String;
}

/** Numbers in Python's numeric tower (bool counts as int). */
export function is_number(value: unknown): boolean {
  return typeof value === "number" || typeof value === "boolean" || value instanceof PyFloat || value instanceof Decimal;
}

/** `int` in Python: an integral JavaScript number (floats that happen to be integral are PyFloat). */
export function is_int(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** `float` in Python. */
export function is_float(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
}

function as_number(value: unknown): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  return Number(value);
}

/** `bool(x)` */
export function truth(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (value === true) return true;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return value.length > 0;
  if (value instanceof String) return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof PyFloat) return value.value !== 0;
  if (value instanceof Decimal) return value.is_nan() || value.digits !== "0";
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (value instanceof timedelta) return value.days !== 0 || value.seconds !== 0 || value.microseconds !== 0;
  if (is_dict(value)) return Object.keys(value).length > 0;
  const obj = value as { __bool__?: () => boolean; __len__?: () => number; len?: () => number };
  if (typeof obj.__bool__ === "function") return obj.__bool__();
  if (typeof obj.__len__ === "function") return obj.__len__() > 0;
  if (typeof obj.len === "function") return obj.len() > 0;
  return true;
}

/** `str(x)`: floats as Python prints them, None/True/False by name, lists and dicts as repr. */
export function py_str(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isInteger(value) ? integer_str(value) : py_float_str(value);
  if (value instanceof String) return value.valueOf();
  if (Array.isArray(value) || is_dict(value) || value instanceof Map) return py_repr(value);
  if (value instanceof Set) return value.size ? `{${[...value].map(py_repr).join(", ")}}` : "set()";
  return String(value);
}

function integer_str(n: number): string {
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

/** `len(x)`; TypeError for values without a length. */
export function len(value: unknown): number {
  if (typeof value === "string" || value instanceof String) return [...value.valueOf()].length;
  if (Array.isArray(value)) return value.length;
  if (value instanceof Map || value instanceof Set) return value.size;
  if (is_dict(value)) return Object.keys(value).length;
  const obj = value as { __len__?: () => number; len?: () => number } | null;
  if (obj && typeof obj.__len__ === "function") return obj.__len__();
  if (obj && typeof obj.len === "function") return obj.len();
  throw new TypeError(`object of type '${type_name(value)}' has no len()`);
}

/** Does `len(x)` work? */
export function has_len(value: unknown): boolean {
  try {
    len(value);
    return true;
  } catch {
    return false;
  }
}

/** `list(x)`: a dict gives its keys, a string its characters. TypeError when not iterable. */
export function iterate(value: unknown): unknown[] {
  if (typeof value === "string" || value instanceof String) return [...value.valueOf()];
  if (Array.isArray(value)) return value[Symbol.iterator] === Array.prototype[Symbol.iterator] ? value : [...value];
  if (is_dict(value)) return Object.keys(value);
  if (value instanceof Map) return [...value.keys()];
  const obj = value as { keys?: () => unknown[]; getitem?: unknown; [Symbol.iterator]?: () => Iterator<unknown> } | null;
  if (obj && typeof obj.getitem === "function" && typeof obj.keys === "function") return [...obj.keys()];
  if (obj && typeof obj[Symbol.iterator] === "function") return [...(obj as Iterable<unknown>)];
  throw new TypeError(`'${type_name(value)}' object is not iterable`);
}

/** Python's `type(x).__name__` for messages. */
export function type_name(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  if (typeof value === "bigint") return "int";
  if (is_dict(value)) return "dict";
  if (value instanceof PyFloat) return "float";
  return type_name_of(value);
}

/** `a == b` */
export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (is_str(a) || is_str(b)) return is_str(a) && is_str(b) && a.valueOf() === b.valueOf();
  if (is_number(a) && is_number(b)) return as_number(a) === as_number(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => eq(x, b[i]));
  }
  if (is_dict(a) && is_dict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && eq(a[k], b[k]));
  }
  const custom = a as { equals?: (o: unknown) => boolean; __eq__?: (o: unknown) => boolean };
  if (typeof custom.__eq__ === "function") return custom.__eq__(b);
  if (typeof custom.equals === "function") return custom.equals(b);
  return false;
}

/** `a < b`; TypeError when Python would refuse to order the two. */
export function lt(a: unknown, b: unknown): boolean {
  return compare(a, b, "<") < 0;
}

export function le(a: unknown, b: unknown): boolean {
  return compare(a, b, "<=") <= 0;
}

export function gt(a: unknown, b: unknown): boolean {
  return compare(a, b, ">") > 0;
}

export function ge(a: unknown, b: unknown): boolean {
  return compare(a, b, ">=") >= 0;
}

/** Three-way comparison with Python's ordering rules (the basis of `sorted`). */
export function compare(a: unknown, b: unknown, op = "<"): number {
  if (is_number(a) && is_number(b)) {
    const x = as_number(a);
    const y = as_number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (is_str(a) && is_str(b)) {
    const x = a.valueOf();
    const y = b.valueOf();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (eq(a[i], b[i])) continue;
      return compare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  if ((a instanceof date && b instanceof date) || (a instanceof time && b instanceof time) || (a instanceof timedelta && b instanceof timedelta))
    return (a as date).compare(b as date);
  throw new TypeError(`'${op}' not supported between instances of '${type_name(a)}' and '${type_name(b)}'`);
}

/** `item in container` */
export function contains(container: unknown, item: unknown): boolean {
  if (is_str(container)) {
    if (!is_str(item)) throw new TypeError(`'in <string>' requires string as left operand, not ${type_name(item)}`);
    return container.valueOf().includes(item.valueOf());
  }
  if (Array.isArray(container)) return container.some((x) => eq(x, item));
  if (is_dict(container)) return is_str(item) && Object.prototype.hasOwnProperty.call(container, item.valueOf());
  if (container instanceof Map) return container.has(is_str(item) ? item.valueOf() : item);
  if (container instanceof Set) return container.has(is_str(item) ? item.valueOf() : item);
  const obj = container as { __contains__?: (x: unknown) => boolean; has?: (x: unknown) => boolean } | null;
  if (obj && typeof obj.__contains__ === "function") return obj.__contains__(item);
  if (obj && typeof obj.has === "function") return obj.has(is_str(item) ? item.valueOf() : item);
  return iterate(container).some((x) => eq(x, item));
}
