/**
 * Python's `json.loads` (CPython's `json.decoder`): JSON text → Python values, with CPython's own
 * error messages and positions.
 *
 * What differs from `JSON.parse`, and matters to a framework that echoes or validates the result:
 * a number with a fraction or exponent is a `float` (`1.0` stays a float: `PyFloat` when it is
 * integral), an integer beyond 2^53 stays exact (`bigint`), `NaN`/`Infinity`/`-Infinity` are
 * accepted, a repeated key keeps its last value, and a malformed document raises
 * `JSONDecodeError` whose `msg` ("Expecting ',' delimiter") and `pos` (the character offset)
 * are what CPython reports — FastAPI puts both in its `json_invalid` error. The parser is a
 * single left-to-right pass (linear in the input) with an explicit stack, so a deeply nested
 * document cannot overflow the call stack. Main function: `py_json_loads`.
 */
import { ValueError } from "./builtins";
import { PyFloat } from "./json";

/** `json.JSONDecodeError`: the message, the document, and where it went wrong. */
export class JSONDecodeError extends ValueError {
  readonly lineno: number;
  readonly colno: number;
  constructor(
    readonly msg: string,
    readonly doc: string,
    readonly pos: number,
  ) {
    const lineno = doc.slice(0, pos).split("\n").length;
    const colno = pos - doc.lastIndexOf("\n", pos - 1);
    super(`${msg}: line ${lineno} column ${colno} (char ${pos})`);
    this.lineno = lineno;
    this.colno = colno;
  }
}

const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

type Container = { kind: "list"; value: unknown[] } | { kind: "dict"; value: Record<string, unknown>; key: string | null };

/** `json.loads(text)`. */
export function py_json_loads(s: string): unknown {
  return new Parser(s).document();
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(msg: string, pos = this.i): never {
    throw new JSONDecodeError(msg, this.s, pos);
  }

  skip_ws(): void {
    const s = this.s;
    while (this.i < s.length && WS.has(s[this.i])) this.i++;
  }

  /** The whole document: one value, then only whitespace ("Extra data" otherwise). */
  document(): unknown {
    this.skip_ws();
    const value = this.value();
    this.skip_ws();
    if (this.i !== this.s.length) this.fail("Extra data");
    return value;
  }

  /** A value, containers parsed iteratively. */
  value(): unknown {
    const stack: Container[] = [];
    for (;;) {
      // Parse one value (or open a container) at this.i.
      let value: unknown;
      let opened = false;
      const ch = this.s[this.i];
      if (ch === "{") {
        this.i++;
        this.skip_ws();
        if (this.s[this.i] === "}") {
          this.i++;
          value = {};
        } else {
          stack.push({ kind: "dict", value: {}, key: this.object_key() });
          opened = true;
        }
      } else if (ch === "[") {
        this.i++;
        this.skip_ws();
        if (this.s[this.i] === "]") {
          this.i++;
          value = [];
        } else {
          stack.push({ kind: "list", value: [] });
          opened = true;
        }
      } else value = this.scalar();
      if (opened) continue;
      // Hand the value to the enclosing containers, closing those that end here.
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) return value;
        if (top.kind === "list") top.value.push(value);
        else top.value[top.key!] = value;
        this.skip_ws();
        const next = this.s[this.i];
        if (top.kind === "list") {
          if (next === ",") {
            this.i++;
            this.skip_ws();
            break;
          }
          if (next === "]") {
            this.i++;
            stack.pop();
            value = top.value;
            continue;
          }
          this.fail("Expecting ',' delimiter");
        } else {
          if (next === ",") {
            this.i++;
            this.skip_ws();
            top.key = this.object_key();
            break;
          }
          if (next === "}") {
            this.i++;
            stack.pop();
            value = top.value;
            continue;
          }
          this.fail("Expecting ',' delimiter");
        }
      }
    }
  }

  /** `"key"` then `:` (the value comes next). */
  object_key(): string {
    if (this.s[this.i] !== '"') this.fail("Expecting property name enclosed in double quotes");
    const key = this.string();
    this.skip_ws();
    if (this.s[this.i] !== ":") this.fail("Expecting ':' delimiter");
    this.i++;
    this.skip_ws();
    return key;
  }

  scalar(): unknown {
    const s = this.s;
    const ch = s[this.i];
    if (ch === '"') return this.string();
    if (s.startsWith("null", this.i)) return (this.i += 4), null;
    if (s.startsWith("true", this.i)) return (this.i += 4), true;
    if (s.startsWith("false", this.i)) return (this.i += 5), false;
    if (s.startsWith("NaN", this.i)) return (this.i += 3), NaN;
    if (s.startsWith("Infinity", this.i)) return (this.i += 8), Infinity;
    if (s.startsWith("-Infinity", this.i)) return (this.i += 9), -Infinity;
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(s);
    if (m) {
      this.i += m[0].length;
      if (m[2] === undefined && m[3] === undefined) {
        const n = Number(m[1]);
        return Number.isSafeInteger(n) ? n : BigInt(m[1]);
      }
      const x = Number(m[0]);
      return Number.isInteger(x) ? new PyFloat(x) : x;
    }
    this.fail("Expecting value");
  }

  /** A string literal starting at the opening quote. */
  string(): string {
    const s = this.s;
    const begin = this.i;
    this.i++;
    let out = "";
    let chunk = this.i;
    for (;;) {
      if (this.i >= s.length) this.fail("Unterminated string starting at", begin);
      const c = s.charCodeAt(this.i);
      if (c === 0x22) {
        out += s.slice(chunk, this.i);
        this.i++;
        return out;
      }
      if (c === 0x5c) {
        out += s.slice(chunk, this.i);
        out += this.escape(begin);
        chunk = this.i;
        continue;
      }
      if (c < 0x20) this.fail("Invalid control character at");
      this.i++;
    }
  }

  /** One backslash escape at this.i; returns its text and moves past it. */
  escape(begin: number): string {
    const s = this.s;
    const esc = s[this.i + 1];
    if (esc === undefined) this.fail("Unterminated string starting at", begin);
    if (esc !== "u") {
      const text = ESCAPES[esc];
      if (text === undefined) this.fail("Invalid \\escape", this.i);
      this.i += 2;
      return text;
    }
    const code = this.hex4(this.i + 2, this.i + 1);
    this.i += 6;
    if (code >= 0xd800 && code <= 0xdbff && s[this.i] === "\\" && s[this.i + 1] === "u") {
      const low = this.hex4(this.i + 2, this.i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        this.i += 6;
        return String.fromCharCode(code, low);
      }
    }
    return String.fromCharCode(code);
  }

  hex4(at: number, escape_pos: number): number {
    const hex = this.s.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("Invalid \\uXXXX escape", escape_pos);
    return parseInt(hex, 16);
  }
}

/** The same parser under the name Channels' JSON consumers import. */
export const json_loads = py_json_loads;
