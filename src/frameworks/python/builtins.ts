/**
 * Python's built-in exceptions, as JavaScript classes.
 *
 * Django code raises and catches these by class (`except ValueError`), so the TypeScript frameworks
 * do the same with `instanceof`. The class name is the Python name; the trace and the conformance
 * runner read it from `constructor.name` (the build keeps class names).
 */

export class Exception extends Error {
  /** Python's `exc.args`. */
  args: unknown[];

  constructor(message?: unknown, ...rest: unknown[]) {
    super(message === undefined ? "" : String(message));
    this.args = message === undefined ? [] : [message, ...rest];
    this.name = new.target.name;
  }

  /** `str(exc)` */
  override toString(): string {
    return this.message;
  }
}

export class ValueError extends Exception {}
export class TypeError extends Exception {}
export class RuntimeError extends Exception {}
export class AttributeError extends Exception {}
export class NotImplementedError extends Exception {}
export class UnicodeDecodeError extends ValueError {}
export class UnicodeEncodeError extends ValueError {}
export class AssertionError extends Exception {}
export class LookupError extends Exception {}
export class IndexError extends LookupError {}
export class ZeroDivisionError extends Exception {}
export class OverflowError extends Exception {}
export class StopIteration extends Exception {}
/** Python's "maximum recursion depth exceeded": what deep nesting raises instead of a JS stack overflow. */
export class RecursionError extends RuntimeError {}
/** Python's MemoryError: a value too large to build (the lab raises it before JS's "Invalid string length"). */
export class MemoryError extends Exception {}
/** Python's `SyntaxError` (what compiling generated code can raise, e.g. Werkzeug's URL builders). */
export class SyntaxError extends Exception {}
/** `OSError(errno, strerror)`: str() is "[Errno 111] Connection refused". */
export class OSError extends Exception {
  constructor(
    readonly errno: number,
    readonly strerror: string,
  ) {
    super(`[Errno ${errno}] ${strerror}`);
    this.args = [errno, strerror];
  }
}
export class ConnectionError extends OSError {}
export class ConnectionRefusedError extends ConnectionError {}

/** `str(KeyError('k'))` is the repr of the key: `'k'`. */
export class KeyError extends LookupError {
  constructor(key?: unknown) {
    super(key === undefined ? "" : py_repr(key));
    this.args = key === undefined ? [] : [key];
  }
}

/**
 * `int(x)`: a whole number from a number (truncated) or from text written in base 10 — surrounding
 * whitespace, a sign and `_` between digits allowed, as Python allows them. Anything else is
 * `ValueError: invalid literal for int() with base 10: 'x'`. Text past 2**53 becomes a BigInt, exact
 * as Python's int is (`int("99999999999999999999")`), rather than a rounded number.
 */
export function int(x: unknown): number | bigint {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new (Number.isNaN(x) ? ValueError : OverflowError)(Number.isNaN(x) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
    return Math.trunc(x);
  }
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "string" || x instanceof String) {
    const s = x.valueOf().trim();
    if (/^[+-]?\d+(_\d+)*$/.test(s)) {
      const digits = s.replace(/_/g, "");
      const n = Number(digits);
      return Number.isSafeInteger(n) ? n : BigInt(digits);
    }
    throw new ValueError(`invalid literal for int() with base 10: ${py_repr(x.valueOf())}`);
  }
  if (x !== null && typeof x === "object" && typeof (x as { valueOf(): unknown }).valueOf() === "number") return int((x as { valueOf(): number }).valueOf());
  throw new TypeError(`int() argument must be a string, a bytes-like object or a real number, not '${type_name_of(x)}'`);
}

/** `float(x)`: a number from a number or from text (`"1.5"`, `" -2e3 "`, `"inf"`, `"nan"`). */
export function float(x: unknown): number {
  if (typeof x === "number") return x;
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "string" || x instanceof String) {
    const s = x.valueOf().trim().replace(/(\d)_(?=\d)/g, "$1");
    if (/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(s)) return Number(s);
    const special = s.toLowerCase().replace(/^\+/, "");
    if (special === "inf" || special === "infinity") return Infinity;
    if (special === "-inf" || special === "-infinity") return -Infinity;
    if (special === "nan" || special === "-nan") return NaN;
    throw new ValueError(`could not convert string to float: ${py_repr(x)}`);
  }
  if (x !== null && typeof x === "object" && typeof (x as { valueOf(): unknown }).valueOf() === "number") return (x as { valueOf(): number }).valueOf();
  throw new TypeError(`float() argument must be a string or a real number, not '${type_name_of(x)}'`);
}

/**
 * Python's `type(value).__name__` as its messages print it: `int`, `list`, `NoneType`, `function`,
 * a class's own name (`Post`), or — for the types CPython implements in C — the qualified name
 * a class declares as its own `__tp_name__` (`datetime.date`, `decimal.Decimal`), which a subclass
 * written in Python does not inherit.
 */
export function type_name_of(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "string":
      return "str";
    case "bigint":
      return "int";
    case "function":
      return "function";
  }
  if (value instanceof PyTuple) return "tuple";
  if (Array.isArray(value)) return "list";
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return "dict";
  const cls = (value as object).constructor as { name?: string; __tp_name__?: string } | undefined;
  if (cls && Object.prototype.hasOwnProperty.call(cls, "__tp_name__")) return cls.__tp_name__!;
  return cls?.name || "object";
}

/**
 * The hidden mark of the keys (or, with `true`, the items) of a dict or list that hold Python
 * floats: `FLOAT_KEYS` of python/json.ts (ADR 0023), read here so repr() prints 3.0 too.
 */
const FLOAT_TAG: unique symbol = Symbol.for("python.float_keys") as never;
type FloatKeys = ReadonlySet<string> | true;

function tagged_repr(tag: FloatKeys | undefined, key: string | number, v: unknown): string {
  if (tag !== undefined && typeof v === "number" && Number.isInteger(v) && (tag === true || tag.has(String(key)))) return py_float_str(v);
  return py_repr(v);
}

/** Python's repr() for the plain values the frameworks put in messages. */
export function py_repr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return py_str_repr(value);
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : py_float_str(value);
  if (value instanceof PyTuple || value instanceof DictView) return value.__repr__();
  if (Array.isArray(value)) {
    const tag = (value as { [FLOAT_TAG]?: FloatKeys })[FLOAT_TAG];
    return `[${tag === undefined ? value.map(py_repr).join(", ") : value.map((v, i) => tagged_repr(tag, i, v)).join(", ")}]`;
  }
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return py_bytes_repr(value);
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${py_repr(k)}: ${py_repr(v)}`).join(", ")}}`;
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const keys = Object.keys(value);
    const tag = (value as { [FLOAT_TAG]?: FloatKeys })[FLOAT_TAG];
    let out = "{";
    for (let i = 0; i < keys.length; i++) out += (i === 0 ? "" : ", ") + py_str_repr(keys[i]) + ": " + tagged_repr(tag, keys[i], (value as Record<string, unknown>)[keys[i]]);
    return out + "}";
  }
  const custom = (value as { __repr__?: () => string }).__repr__;
  if (typeof custom === "function") return custom.call(value);
  return String(value);
}

/** A character py_str_repr writes other than as itself when the quote is `'`. */
const STR_REPR_ESCAPED = /[\\'\x00-\x1f\x7f]/;

function py_str_repr(s: string): string {
  // Most strings (a path, a name) need no escape: quoted as they are.
  if (!STR_REPR_ESCAPED.test(s)) return "'" + s + "'";
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

function py_bytes_repr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + quote;
  for (const c of b) {
    const ch = String.fromCharCode(c);
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

/**
 * Python's str(float) / repr(float): the shortest digits that round-trip (as JavaScript's), laid
 * out Python's way — positional for exponents -4 … 15 (with `.0` when integral), else `1e+16`.
 */
export function py_float_str(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const abs = x < 0 ? -x : x;
  if (abs >= 1e-4 && abs < 1e16) {
    // Where both write positional digits: JavaScript's shortest round-trip digits are Python's.
    const text = String(x);
    return text.indexOf(".") < 0 ? text + ".0" : text;
  }
  const [mantissa, exp_text] = x.toExponential().split("e");
  const exp = Number(exp_text);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  let out: string;
  if (exp >= -4 && exp < 16) {
    if (exp >= 0) {
      const int_part = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
      const frac = digits.slice(exp + 1);
      out = `${int_part}.${frac || "0"}`;
    } else {
      out = `0.${"0".repeat(-exp - 1)}${digits}`;
    }
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return negative ? `-${out}` : out;
}

/**
 * A Python `tuple`: an immutable sequence that Flask tells apart from a `list` (a view returning
 * `("Not found", 404)` gives a status; one returning `["a", "b"]` gives JSON). JavaScript has only
 * arrays, so a tuple is a frozen array of this class, made with `py_tuple(...)` — the parenthesised
 * display `("Not found", 404)` written as `py_tuple("Not found", 404)`. See docs/adr (Flask views).
 */
export class PyTuple<T = unknown> extends Array<T> {
  static override get [Symbol.species]() {
    return Array;
  }
  __repr__(): string {
    const tag = (this as { [FLOAT_TAG]?: FloatKeys })[FLOAT_TAG];
    const items = [...this].map((v, i) => tagged_repr(tag, i, v));
    return this.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
  }

  /** `str(t)` is its repr, as in `f"{error['loc']}"`: `('body', 'name')`. */
  override toString(): string {
    return this.__repr__();
  }
}

/**
 * What `d.keys()`, `d.values()` and `d.items()` return: a sequence that prints as Python's views do
 * (`dict_keys(['a'])`). Here it is the dict's content at the call, not a live view.
 */
export class DictView<T = unknown> extends Array<T> {
  static override get [Symbol.species]() {
    return Array;
  }
  kind: "dict_keys" | "dict_values" | "dict_items" = "dict_keys";
  __repr__(): string {
    return `${this.kind}([${[...this].map(py_repr).join(", ")}])`;
  }
}

/** A `dict_keys`, `dict_values` or `dict_items` of these items. */
export function dict_view<T>(kind: DictView["kind"], items: Iterable<T>): DictView<T> {
  const view = new DictView<T>();
  view.kind = kind;
  for (const item of items) view.push(item);
  return view;
}

/** `(a, b, c)`: a tuple of these items. */
export function py_tuple<T extends unknown[]>(...items: T): PyTuple<T[number]> {
  const t = new PyTuple<T[number]>();
  t.push(...items);
  return Object.freeze(t) as PyTuple<T[number]>;
}

export function is_tuple(value: unknown): value is PyTuple {
  return value instanceof PyTuple;
}
