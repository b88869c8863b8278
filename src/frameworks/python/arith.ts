/**
 * Python's arithmetic operators on the JavaScript values that stand for Python ones:
 * `+ - * / // % **` and unary `-`/`+`, with Python's int/float split and its TypeError texts.
 *
 * An `int` is an integral `number` (a `bigint` past 2**53), a `float` a non-integral `number` or a
 * `PyFloat` (an integral float, so `4 / 2` prints `2.0`). Strings and lists concatenate and repeat;
 * `str % args` formats (python/format.ts). Objects may define `__add__`, `__radd__`, `__mod__` ….
 *
 *   py_add(1, 2)        // 3           py_truediv(4, 2)  // PyFloat(2) → prints "2.0"
 *   py_pow(2, 64)       // 18446744073709551616n
 *   py_add("a", 1)      // TypeError: can only concatenate str (not "int") to str
 */
import { TypeError, ZeroDivisionError } from "./builtins";
import { PyFloat } from "./json";
import { type_name } from "./operator";
import { PyTuple, tuple } from "./tuple";
import { percent_format } from "./format";

/** Is this a Python float? */
export function is_py_float(x: unknown): boolean {
  return x instanceof PyFloat || (typeof x === "number" && !Number.isInteger(x));
}

function is_numeric(x: unknown): boolean {
  return typeof x === "number" || typeof x === "boolean" || x instanceof PyFloat || typeof x === "bigint";
}

function to_num(x: unknown): number {
  if (typeof x === "number") return x;
  if (typeof x === "boolean") return x ? 1 : 0;
  if (x instanceof PyFloat) return x.value;
  return Number(x);
}

/** A float result: integral values are wrapped so they keep printing as floats (`2.0`). */
export function float_result(v: number): number | PyFloat {
  return Number.isInteger(v) ? new PyFloat(v) : v;
}

/** An int result: exact past 2**53 by switching to bigint. */
function int_result(v: number, exact: () => bigint): number | bigint {
  return Number.isSafeInteger(v) ? v : exact();
}

function big(x: unknown): bigint {
  return typeof x === "bigint" ? x : BigInt(to_num(x));
}

/** A bigint that fits a safe integer comes back as a number. */
function norm_big(b: bigint): number | bigint {
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

function numeric(a: unknown, b: unknown, op: string, ints: (x: number, y: number) => number, bigs: (x: bigint, y: bigint) => bigint, floats: (x: number, y: number) => number): unknown {
  if (is_py_float(a) || is_py_float(b)) return float_result(floats(to_num(a), to_num(b)));
  if (typeof a === "bigint" || typeof b === "bigint") return norm_big(bigs(big(a), big(b)));
  const x = to_num(a);
  const y = to_num(b);
  return int_result(ints(x, y), () => bigs(BigInt(x), BigInt(y)));
  void op;
}

function unsupported(op: string, a: unknown, b: unknown): never {
  throw new TypeError(`unsupported operand type(s) for ${op}: '${type_name(a)}' and '${type_name(b)}'`);
}

function dunder(a: unknown, b: unknown, name: string, rname: string): { found: boolean; value?: unknown } {
  const left = a as Record<string, unknown> | null;
  if (left !== null && typeof left === "object" && typeof left[name] === "function") return { found: true, value: (left[name] as (o: unknown) => unknown).call(a, b) };
  const right = b as Record<string, unknown> | null;
  if (right !== null && typeof right === "object" && typeof right[rname] === "function") return { found: true, value: (right[rname] as (o: unknown) => unknown).call(b, a) };
  return { found: false };
}

/** `a + b` */
export function py_add(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    return Number.isInteger(a) && Number.isInteger(b) ? int_result(r, () => BigInt(a) + BigInt(b)) : float_result(r);
  }
  const d = dunder(a, b, "__add__", "__radd__");
  if (d.found) return d.value;
  if (is_numeric(a) && is_numeric(b)) return numeric(a, b, "+", (x, y) => x + y, (x, y) => x + y, (x, y) => x + y);
  const a_str = typeof a === "string" || a instanceof String;
  if (a_str) {
    if (typeof b === "string" || b instanceof String) return a.valueOf() + b.valueOf();
    throw new TypeError(`can only concatenate str (not "${type_name(b)}") to str`);
  }
  if (a instanceof PyTuple) {
    if (b instanceof PyTuple) return tuple([...a, ...b]);
    throw new TypeError(`can only concatenate tuple (not "${type_name(b)}") to tuple`);
  }
  if (Array.isArray(a)) {
    if (Array.isArray(b) && !(b instanceof PyTuple)) return [...a, ...b];
    throw new TypeError(`can only concatenate list (not "${type_name(b)}") to list`);
  }
  return unsupported("+", a, b);
}

/** `a - b` */
export function py_sub(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number" && Number.isInteger(a) && Number.isInteger(b)) return int_result(a - b, () => BigInt(a) - BigInt(b));
  const d = dunder(a, b, "__sub__", "__rsub__");
  if (d.found) return d.value;
  if (is_numeric(a) && is_numeric(b)) return numeric(a, b, "-", (x, y) => x - y, (x, y) => x - y, (x, y) => x - y);
  return unsupported("-", a, b);
}

function repeat(seq: unknown, n: unknown): unknown {
  const count = Math.max(0, to_num(n));
  if (typeof seq === "string" || seq instanceof String) return seq.valueOf().repeat(count);
  const items = seq as unknown[];
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) out.push(...items);
  return seq instanceof PyTuple ? tuple(out) : out;
}

const is_int_like = (x: unknown) => (typeof x === "number" && Number.isInteger(x)) || typeof x === "boolean" || typeof x === "bigint";
const is_seq = (x: unknown) => typeof x === "string" || x instanceof String || Array.isArray(x);

/** `a * b` */
export function py_mul(a: unknown, b: unknown): unknown {
  const d = dunder(a, b, "__mul__", "__rmul__");
  if (d.found) return d.value;
  if (is_numeric(a) && is_numeric(b)) return numeric(a, b, "*", (x, y) => x * y, (x, y) => x * y, (x, y) => x * y);
  if (is_seq(a) && is_int_like(b)) return repeat(a, b);
  if (is_seq(b) && is_int_like(a)) return repeat(b, a);
  if (is_seq(a) || is_seq(b)) throw new TypeError(`can't multiply sequence by non-int of type '${type_name(is_seq(a) ? b : a)}'`);
  return unsupported("*", a, b);
}

/** `a / b`: always a float. */
export function py_truediv(a: unknown, b: unknown): unknown {
  const d = dunder(a, b, "__truediv__", "__rtruediv__");
  if (d.found) return d.value;
  if (!is_numeric(a) || !is_numeric(b)) return unsupported("/", a, b);
  const y = to_num(b);
  if (y === 0) throw new ZeroDivisionError(is_py_float(a) || is_py_float(b) ? "float division by zero" : "division by zero");
  return float_result(to_num(a) / y);
}

/** `a // b`: floor division (an int for ints). */
export function py_floordiv(a: unknown, b: unknown): unknown {
  const d = dunder(a, b, "__floordiv__", "__rfloordiv__");
  if (d.found) return d.value;
  if (!is_numeric(a) || !is_numeric(b)) return unsupported("//", a, b);
  const y = to_num(b);
  if (y === 0) throw new ZeroDivisionError(is_py_float(a) || is_py_float(b) ? "float floor division by zero" : "integer division or modulo by zero");
  const r = Math.floor(to_num(a) / y);
  return is_py_float(a) || is_py_float(b) ? float_result(r) : r;
}

/** `a % b`: modulo with the divisor's sign, or string formatting. */
export function py_mod(a: unknown, b: unknown): unknown {
  if (typeof a === "string") return percent_format(a, b);
  const d = dunder(a, b, "__mod__", "__rmod__");
  if (d.found) return d.value;
  if (a instanceof String) return percent_format(a.valueOf(), b);
  if (!is_numeric(a) || !is_numeric(b)) return unsupported("%", a, b);
  const y = to_num(b);
  if (y === 0) throw new ZeroDivisionError(is_py_float(a) || is_py_float(b) ? "float modulo" : "integer division or modulo by zero");
  const x = to_num(a);
  const r = x - Math.floor(x / y) * y;
  return is_py_float(a) || is_py_float(b) ? float_result(r) : r;
}

/** `a ** b` */
export function py_pow(a: unknown, b: unknown): unknown {
  const d = dunder(a, b, "__pow__", "__rpow__");
  if (d.found) return d.value;
  if (!is_numeric(a) || !is_numeric(b)) return unsupported("** or pow()", a, b);
  if (is_py_float(a) || is_py_float(b) || to_num(b) < 0) {
    if (to_num(a) === 0 && to_num(b) < 0) throw new ZeroDivisionError("0.0 cannot be raised to a negative power");
    return float_result(Math.pow(to_num(a), to_num(b)));
  }
  const r = Math.pow(to_num(a), to_num(b));
  return Number.isSafeInteger(r) ? r : norm_big(big(a) ** big(b));
}

/** `-a` */
export function py_neg(a: unknown): unknown {
  if (typeof a === "number") return a === 0 && Number.isInteger(a) ? 0 : -a;
  if (typeof a === "boolean") return a ? -1 : 0;
  if (a instanceof PyFloat) return new PyFloat(-a.value);
  if (typeof a === "bigint") return norm_big(-a);
  const obj = a as { __neg__?: () => unknown } | null;
  if (obj && typeof obj.__neg__ === "function") return obj.__neg__();
  throw new TypeError(`bad operand type for unary -: '${type_name(a)}'`);
}

/** `+a` */
export function py_pos(a: unknown): unknown {
  if (typeof a === "boolean") return a ? 1 : 0;
  if (is_numeric(a)) return a;
  throw new TypeError(`bad operand type for unary +: '${type_name(a)}'`);
}
