/**
 * Python's `json.loads` for text that arrived over a WebSocket: JSON text → JavaScript values,
 * and `json.JSONDecodeError` (a ValueError) with Python's "msg: line L column C (char N)" text
 * when it is not JSON. Integral floats (`2.0`) come back as `PyFloat`, so they print as `2.0`
 * again; `NaN`/`Infinity` are accepted, as Python accepts them.
 */
import { ValueError } from "./builtins";
import { py_float } from "./json";

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

const MAX_DEPTH = 1000;

/** `json.loads(s)`: linear in the input; nesting deeper than 1000 levels is refused. */
export function json_loads(s: string): unknown {
  const scanner = new Scanner(s);
  scanner.ws();
  const value = scanner.value(0);
  scanner.ws();
  if (scanner.pos !== s.length) throw new JSONDecodeError("Extra data", s, scanner.pos);
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

class Scanner {
  pos = 0;
  constructor(private readonly s: string) {}

  ws(): void {
    while (this.pos < this.s.length && " \t\n\r".includes(this.s[this.pos])) this.pos++;
  }

  value(depth: number): unknown {
    const s = this.s;
    const ch = s[this.pos];
    if (depth > MAX_DEPTH) throw new JSONDecodeError("Nesting too deep", s, this.pos);
    if (ch === '"') return this.string();
    if (ch === "{") return this.object(depth + 1);
    if (ch === "[") return this.array(depth + 1);
    for (const [word, v] of [["null", null], ["true", true], ["false", false], ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]] as const) {
      if (s.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(s);
    if (!m) throw new JSONDecodeError("Expecting value", s, this.pos);
    this.pos = NUMBER.lastIndex;
    const x = Number(m[0]);
    return (m[1] !== undefined || m[2] !== undefined) && Number.isInteger(x) ? py_float(x) : x;
  }

  private string(): string {
    const s = this.s;
    const start = this.pos;
    this.pos++;
    let out = "";
    for (;;) {
      if (this.pos >= s.length) throw new JSONDecodeError("Unterminated string starting at", s, start);
      const ch = s[this.pos];
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch < " ") throw new JSONDecodeError("Invalid control character at", s, this.pos);
      if (ch !== "\\") {
        out += ch;
        this.pos++;
        continue;
      }
      const esc = s[this.pos + 1];
      if (esc === undefined) throw new JSONDecodeError("Unterminated string starting at", s, start);
      if (esc === "u") {
        const hex = s.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JSONDecodeError("Invalid \\uXXXX escape", s, this.pos + 1);
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else if (esc in ESCAPES) {
        out += ESCAPES[esc];
        this.pos += 2;
      } else throw new JSONDecodeError("Invalid \\escape", s, this.pos);
    }
  }

  private object(depth: number): Record<string, unknown> {
    const s = this.s;
    const out: Record<string, unknown> = {};
    this.pos++;
    this.ws();
    if (s[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      if (s[this.pos] !== '"') throw new JSONDecodeError("Expecting property name enclosed in double quotes", s, this.pos);
      const key = this.string();
      this.ws();
      if (s[this.pos] !== ":") throw new JSONDecodeError("Expecting ':' delimiter", s, this.pos);
      this.pos++;
      this.ws();
      const value = this.value(depth);
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      this.ws();
      if (s[this.pos] === "}") {
        this.pos++;
        return out;
      }
      if (s[this.pos] !== ",") throw new JSONDecodeError("Expecting ',' delimiter", s, this.pos);
      this.pos++;
      this.ws();
    }
  }

  private array(depth: number): unknown[] {
    const s = this.s;
    const out: unknown[] = [];
    this.pos++;
    this.ws();
    if (s[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth));
      this.ws();
      if (s[this.pos] === "]") {
        this.pos++;
        return out;
      }
      if (s[this.pos] !== ",") throw new JSONDecodeError("Expecting ',' delimiter", s, this.pos);
      this.pos++;
      this.ws();
    }
  }
}
