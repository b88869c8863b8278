/**
 * Python's `json.dumps`, byte for byte: JavaScript values in, the exact text Python prints out.
 *
 * `JSON.stringify` and Python disagree on almost everything visible: Python puts a space after `,`
 * and `:` (`{"a": 1}`), escapes every non-ASCII character as `\uXXXX` (`ensure_ascii`), prints
 * floats as `repr(float)` (`1.0`, `1e+20`), writes `NaN`/`Infinity`, and hands unknown objects to
 * the encoder's `default()` (Django's `DjangoJSONEncoder` turns datetimes, Decimals and UUIDs into
 * strings there). `JsonResponse` and the JSON serializer build their bodies here.
 *
 *   py_json_dumps({ a: [1, py_float(2)] })                  // '{"a": [1, 2.0]}'
 *   py_json_dumps({ b: 1, a: 2 }, { sort_keys: true, indent: 2 })
 */
import { MemoryError, py_float_str, TypeError, ValueError } from "./builtins";

/** The widest `indent` the lab prints (as the template engines' MAX_WIDTH). */
const MAX_INDENT = 100_000;

/**
 * A Python `float`. JavaScript has one number type, so `1.0` and `1` are the same `number`;
 * wrap a value in `py_float()` where Python would hold a float and print `1.0`.
 * (A non-integral `number` is printed as a float anyway.)
 */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return py_float_repr(this.value);
  }
}

export function py_float(value: number): PyFloat {
  return new PyFloat(value);
}

/**
 * Which keys of a dict (or, with `true`, every item of a list) hold Python floats. Pydantic's
 * `model_dump()` hands out plain JavaScript numbers, so a float field worth `1` would print `1`
 * once the dict is returned from a handler; the dump marks its float fields with this hidden
 * symbol-keyed property (copied by `{ ...dump }` and `Object.assign`, invisible to `Object.keys`
 * and `JSON.stringify`), and the JSON encoders print those integral numbers as `1.0`.
 */
export const FLOAT_KEYS: unique symbol = Symbol.for("python.float_keys");

export type FloatTag = ReadonlySet<string> | true;

/** The float tag of a dict or list, if it has one. */
export function float_tag(o: object): FloatTag | undefined {
  return (o as { [FLOAT_KEYS]?: FloatTag })[FLOAT_KEYS];
}

/** Marks `o`'s float entries (an enumerable symbol property, so that spreading a dump keeps it). */
export function set_float_tag(o: object, tag: FloatTag): void {
  Object.defineProperty(o, FLOAT_KEYS, { value: tag, enumerable: true, configurable: true, writable: true });
}

/** `value` as the float it was tagged to be: an integral number becomes a `PyFloat`. */
export function tagged_float(tag: FloatTag | undefined, key: string | number, value: unknown): unknown {
  if (tag === undefined || typeof value !== "number" || !Number.isInteger(value)) return value;
  return tag === true || tag.has(String(key)) ? new PyFloat(value) : value;
}

/** Python's `repr(float)` (the same digits and layout as `str(float)`). */
export const py_float_repr = py_float_str;

export interface JSONDumpsOptions {
  /** Spaces (or a string) per nesting level; `null`/absent prints everything on one line. */
  indent?: number | string | null;
  /** `[item_separator, key_separator]`; defaults to `[", ", ": "]`, or `[",", ": "]` with indent. */
  separators?: [string, string] | string[] | null;
  sort_keys?: boolean;
  ensure_ascii?: boolean;
  allow_nan?: boolean;
  skipkeys?: boolean;
  /** Called for values JSON has no form for; returns something serializable or throws TypeError. */
  default?: ((o: any) => unknown) | null;
  /** An encoder class (Python's `cls=`), e.g. `DjangoJSONEncoder`. */
  cls?: new (options?: JSONDumpsOptions) => JSONEncoder;
}

/** `json.JSONEncoder`: subclasses override `default(o)` to teach it new types. */
export class JSONEncoder {
  readonly indent: string | null;
  private readonly too_wide: number | null;
  readonly item_separator: string;
  readonly key_separator: string;
  readonly sort_keys: boolean;
  readonly ensure_ascii: boolean;
  readonly allow_nan: boolean;
  readonly skipkeys: boolean;

  constructor(options: JSONDumpsOptions = {}) {
    const indent = options.indent ?? null;
    // `indent=n` means n spaces per level (none when n is negative). The lab refuses widths that
    // could not be printed anyway (only once a container needs it) rather than failing inside
    // String.repeat.
    this.too_wide = typeof indent === "number" && indent > MAX_INDENT ? indent : null;
    this.indent = indent === null ? null : typeof indent === "string" ? indent : " ".repeat(this.too_wide === null ? Math.max(0, Number(indent)) : 0);
    const [item, key] = options.separators ?? (this.indent !== null ? [",", ": "] : [", ", ": "]);
    this.item_separator = item;
    this.key_separator = key;
    this.sort_keys = options.sort_keys ?? false;
    this.ensure_ascii = options.ensure_ascii ?? true;
    this.allow_nan = options.allow_nan ?? true;
    this.skipkeys = options.skipkeys ?? false;
    if (options.default) this.default = options.default;
  }

  /** Python's default: refuse. */
  default(o: any): unknown {
    throw new TypeError(`Object of type ${py_type_name(o)} is not JSON serializable`);
  }

  /** `encoder.encode(o)`: the whole document as text. */
  encode(o: unknown): string {
    return this.encode_value(o, 0, []);
  }

  private encode_value(o: unknown, level: number, stack: unknown[]): string {
    if (typeof o === "string") return encode_string(o, this.ensure_ascii);
    // A str subclass (markupsafe's Markup, a lazy translation made text) is encoded as its text.
    if (o instanceof String) return encode_string(o.valueOf(), this.ensure_ascii);
    if (o === null || o === undefined) return "null";
    if (o === true) return "true";
    if (o === false) return "false";
    if (typeof o === "bigint") return o.toString();
    if (typeof o === "number") return Number.isInteger(o) ? integer_text(o) : this.encode_float(o);
    if (o instanceof PyFloat) return this.encode_float(o.value);
    if (Array.isArray(o)) return this.encode_list(o, level, stack);
    if (o instanceof Map || is_plain_object(o)) return this.encode_dict(o as Map<unknown, unknown> | Record<string, unknown>, level, stack);
    if (stack.includes(o)) throw new ValueError("Circular reference detected");
    return this.encode_value(this.default(o), level, [...stack, o]);
  }

  private encode_float(x: number): string {
    if (Number.isFinite(x)) return py_float_repr(x);
    // CPython's C encoder (no indent) says no more; its Python encoder (used with an indent) names the value.
    if (!this.allow_nan) throw new ValueError(`Out of range float values are not JSON compliant${this.indent === null ? "" : `: ${py_float_repr(x)}`}`);
    return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
  }

  private encode_list(items: unknown[], level: number, stack: unknown[]): string {
    if (items.length === 0) return "[]";
    if (stack.includes(items)) throw new ValueError("Circular reference detected");
    const inner = [...stack, items];
    const tag = float_tag(items);
    // A list subclass is encoded as it iterates (Django's ErrorList iterates as its messages).
    const values = Object.getPrototypeOf(items) === Array.prototype ? items : [...items];
    const parts = values.map((item, i) => this.encode_value(tagged_float(tag, i, item), level + 1, inner));
    return this.wrap("[", "]", parts, level);
  }

  private encode_dict(dict: Map<unknown, unknown> | Record<string, unknown>, level: number, stack: unknown[]): string {
    const entries: [unknown, unknown][] = dict instanceof Map ? [...dict.entries()] : Object.entries(dict);
    if (entries.length === 0) return "{}";
    if (stack.includes(dict)) throw new ValueError("Circular reference detected");
    const inner = [...stack, dict];
    const tag = float_tag(dict);
    const keyed: [string, unknown][] = [];
    for (const [k, v] of entries) {
      const key = this.encode_key(k);
      if (key !== null) keyed.push([key, tagged_float(tag, key, v)]);
    }
    if (this.sort_keys) keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const parts = keyed.map(([k, v]) => encode_string(k, this.ensure_ascii) + this.key_separator + this.encode_value(v, level + 1, inner));
    return this.wrap("{", "}", parts, level);
  }

  /** Dict keys become strings as Python coerces them: numbers, booleans and None are allowed. */
  private encode_key(k: unknown): string | null {
    if (typeof k === "string") return k;
    if (typeof k === "number") return Number.isInteger(k) ? integer_text(k) : this.encode_float(k);
    if (k instanceof PyFloat) return this.encode_float(k.value);
    if (k === true) return "true";
    if (k === false) return "false";
    if (k === null || k === undefined) return "null";
    if (this.skipkeys) return null;
    throw new TypeError(`keys must be str, int, float, bool or None, not ${py_type_name(k)}`);
  }

  private wrap(open: string, close: string, parts: string[], level: number): string {
    if (this.indent === null) return open + parts.join(this.item_separator) + close;
    if (this.too_wide !== null) throw new MemoryError(`json.dumps: an indent of ${this.too_wide} is over the lab's limit of ${MAX_INDENT} (docs/limits.md)`);
    const newline = "\n" + this.indent.repeat(level + 1);
    return open + newline + parts.join(this.item_separator + newline) + "\n" + this.indent.repeat(level) + close;
  }
}

/** `json.dumps(obj, **options)` */
export function py_json_dumps(obj: unknown, options: JSONDumpsOptions = {}): string {
  const cls = options.cls ?? JSONEncoder;
  return new cls(options).encode(obj);
}

function is_plain_object(o: unknown): o is Record<string, unknown> {
  if (o === null || typeof o !== "object") return false;
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

function integer_text(n: number): string {
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

/** A JSON string literal as Python writes it (`ensure_ascii` escapes everything outside ' '..'~'). */
function encode_string(s: string, ensure_ascii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (code < 0x20 || (ensure_ascii && code > 0x7e)) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** The Python type name shown in "Object of type X is not JSON serializable". */
export function py_type_name(o: unknown): string {
  if (o === null || o === undefined) return "NoneType";
  if (typeof o === "string") return "str";
  if (typeof o === "number") return Number.isInteger(o) ? "int" : "float";
  if (typeof o === "boolean") return "bool";
  if (typeof o === "bigint") return "int";
  if (typeof o === "function") return "function";
  if (o instanceof Uint8Array) return "bytes";
  if (o instanceof Set) return "set";
  const name = (o as object).constructor?.name;
  return name && name !== "Object" ? name : "object";
}

// ---- json.loads ----------------------------------------------------------------------------------

/** Python's `json.JSONDecodeError` (a ValueError): the message ends `: line L column C (char N)`. */
export class JSONDecodeError extends ValueError {
  constructor(
    readonly msg: string,
    readonly doc: string,
    readonly pos: number,
  ) {
    const before = doc.slice(0, pos);
    const lineno = before.split("\n").length;
    const colno = pos - before.lastIndexOf("\n");
    super(`${msg}: line ${lineno} column ${colno} (char ${pos})`);
    this.lineno = lineno;
    this.colno = colno;
  }
  lineno: number;
  colno: number;
}

/**
 * `json.loads(s)`: text (or UTF-8 bytes, as `request.body` is) → JavaScript values, failing with
 * Python's JSONDecodeError messages ("Expecting value", "Expecting property name enclosed in double
 * quotes", "Expecting ',' delimiter", "Extra data"…). One pass, linear in the input.
 */
export function loads(s: string | Uint8Array): unknown {
  const text = typeof s === "string" ? s : new TextDecoder().decode(s);
  if (typeof s === "string" && text.startsWith("\ufeff")) throw new JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0);
  const parser = new JSONScanner(text);
  const value = parser.value(parser.skip(0));
  const end = parser.skip(parser.pos);
  if (end !== text.length) throw new JSONDecodeError("Extra data", text, end);
  return value;
}

/** `json.dumps(obj, {indent, sort_keys, separators, ensure_ascii})`: Python's exact text. */
export const dumps = (obj: unknown, options: JSONDumpsOptions = {}): string => py_json_dumps(obj, options);

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

class JSONScanner {
  pos = 0;
  constructor(readonly text: string) {}

  skip(at: number): number {
    WS.lastIndex = at;
    WS.exec(this.text);
    return WS.lastIndex;
  }

  fail(msg: string, at: number): never {
    throw new JSONDecodeError(msg, this.text, at);
  }

  value(at: number): unknown {
    const c = this.text[at];
    if (c === '"') return this.string(at + 1);
    if (c === "{") return this.object(at + 1);
    if (c === "[") return this.array(at + 1);
    for (const [word, v] of [["null", null], ["true", true], ["false", false], ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]] as const) {
      if (this.text.startsWith(word, at)) {
        this.pos = at + word.length;
        return v;
      }
    }
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(this.text);
    if (m) {
      this.pos = at + m[0].length;
      return Number(m[0]);
    }
    this.fail("Expecting value", at);
  }

  string(start: number): string {
    let out = "";
    let i = start;
    for (;;) {
      const c = this.text[i];
      if (c === undefined) this.fail("Unterminated string starting at", start - 1);
      if (c === '"') break;
      if (c < " ") this.fail("Invalid control character at", i);
      if (c === "\\") {
        const e = this.text[i + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e === "u") {
          const hex = this.text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("Invalid \\uXXXX escape", i + 1);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        if (e === undefined) this.fail("Unterminated string starting at", start - 1);
        if (!(e in simple)) this.fail("Invalid \\escape", i);
        out += simple[e];
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
    this.pos = i + 1;
    return out;
  }

  object(at: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    let i = this.skip(at);
    if (this.text[i] === "}") {
      this.pos = i + 1;
      return result;
    }
    for (;;) {
      if (this.text[i] !== '"') this.fail("Expecting property name enclosed in double quotes", i);
      const key = this.string(i + 1);
      i = this.skip(this.pos);
      if (this.text[i] !== ":") this.fail("Expecting ':' delimiter", i);
      i = this.skip(i + 1);
      result[key] = this.value(i);
      i = this.skip(this.pos);
      if (this.text[i] === "}") {
        this.pos = i + 1;
        return result;
      }
      if (this.text[i] !== ",") this.fail("Expecting ',' delimiter", i);
      i = this.skip(i + 1);
      if (this.text[i] === "}") this.fail("Illegal trailing comma before end of object", i - 1);
    }
  }

  array(at: number): unknown[] {
    const result: unknown[] = [];
    let i = this.skip(at);
    if (this.text[i] === "]") {
      this.pos = i + 1;
      return result;
    }
    for (;;) {
      result.push(this.value(i));
      i = this.skip(this.pos);
      if (this.text[i] === "]") {
        this.pos = i + 1;
        return result;
      }
      if (this.text[i] !== ",") this.fail("Expecting ',' delimiter", i);
      i = this.skip(i + 1);
      if (this.text[i] === "]") this.fail("Illegal trailing comma before end of array", i - 1);
    }
  }
}

/**
 * `json.loads(s)` keeping Python's number types (the Flask session and `request.json` use it): Objects become plain objects (the last duplicate key wins),
 * `NaN`/`Infinity`/`-Infinity` are accepted, and a number written with a fraction or an exponent
 * is a float: an integral one comes back as `PyFloat` so that it prints `2.0` again. Linear in the
 * input; nesting deeper than 1000 levels is refused (Python's RecursionError).
 */
export function py_json_loads(s: string): unknown {
  return new PyJSONScanner(s).document();
}

const PY_WS = /[ \t\n\r]*/y;
const PY_NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;
const MAX_DEPTH = 1000;

class PyJSONScanner {
  private pos = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  document(): unknown {
    this.skip_ws();
    const value = this.value();
    this.skip_ws();
    if (this.pos !== this.s.length) throw new JSONDecodeError("Extra data", this.s, this.pos);
    return value;
  }

  private skip_ws(): void {
    PY_WS.lastIndex = this.pos;
    PY_WS.exec(this.s);
    this.pos = PY_WS.lastIndex;
  }

  private value(): unknown {
    const s = this.s;
    const ch = s[this.pos];
    if (ch === '"') return this.string();
    if (ch === "{") return this.nested(() => this.object());
    if (ch === "[") return this.nested(() => this.array());
    for (const [word, v] of [["null", null], ["true", true], ["false", false], ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]] as const) {
      if (s.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    PY_NUMBER.lastIndex = this.pos;
    const m = PY_NUMBER.exec(s);
    if (m) {
      this.pos = PY_NUMBER.lastIndex;
      if (m[2] === undefined && m[3] === undefined) return Number(m[0]);
      const x = Number(m[0]);
      return Number.isInteger(x) ? new PyFloat(x) : x;
    }
    throw new JSONDecodeError("Expecting value", s, this.pos);
  }

  private nested<T>(fn: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ValueError("maximum recursion depth exceeded while decoding a JSON document");
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private object(): Record<string, unknown> {
    const s = this.s;
    const out: Record<string, unknown> = {};
    this.pos++;
    this.skip_ws();
    if (s[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      if (s[this.pos] !== '"') throw new JSONDecodeError("Expecting property name enclosed in double quotes", s, this.pos);
      const key = this.string();
      this.skip_ws();
      if (s[this.pos] !== ":") throw new JSONDecodeError("Expecting ':' delimiter", s, this.pos);
      this.pos++;
      this.skip_ws();
      const value = this.value();
      // A key named __proto__ is data, not the object's prototype.
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      this.skip_ws();
      if (s[this.pos] === "}") {
        this.pos++;
        return out;
      }
      if (s[this.pos] !== ",") throw new JSONDecodeError("Expecting ',' delimiter", s, this.pos);
      this.pos++;
      this.skip_ws();
    }
  }

  private array(): unknown[] {
    const s = this.s;
    const out: unknown[] = [];
    this.pos++;
    this.skip_ws();
    if (s[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skip_ws();
      if (s[this.pos] === "]") {
        this.pos++;
        return out;
      }
      if (s[this.pos] !== ",") throw new JSONDecodeError("Expecting ',' delimiter", s, this.pos);
      this.pos++;
      this.skip_ws();
    }
  }

  private string(): string {
    const s = this.s;
    const begin = this.pos;
    let out = "";
    let i = this.pos + 1;
    for (;;) {
      let j = i;
      while (j < s.length) {
        const c = s.charCodeAt(j);
        if (c === 0x22 || c === 0x5c || c < 0x20) break;
        j++;
      }
      out += s.slice(i, j);
      if (j >= s.length) throw new JSONDecodeError("Unterminated string starting at", s, begin);
      const c = s[j];
      if (c === '"') {
        this.pos = j + 1;
        return out;
      }
      if (c !== "\\") throw new JSONDecodeError("Invalid control character at", s, j);
      const esc = s[j + 1];
      if (esc === undefined) throw new JSONDecodeError("Unterminated string starting at", s, begin);
      if (esc === "u") {
        const hex = s.slice(j + 2, j + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JSONDecodeError("Invalid \\uXXXX escape", s, j + 1);
        out += String.fromCharCode(parseInt(hex, 16));
        i = j + 6;
        continue;
      }
      const simple = PY_JSON_ESCAPES[esc];
      if (simple === undefined) throw new JSONDecodeError("Invalid \\escape", s, j);
      out += simple;
      i = j + 2;
    }
  }
}

const PY_JSON_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
