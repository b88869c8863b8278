/**
 * pydantic-core's JSON reader (jiter): JSON text → Python values, and its error messages.
 *
 * `model_validate_json` parses with jiter, not Python's `json`: its errors read like serde_json's
 * (`EOF while parsing an object at line 1 column 25`, `trailing characters at line 1 column 28`)
 * and become one `json_invalid` error. Numbers keep Python's int/float distinction: an integral
 * float literal (`5.0`, `1e3`) comes back as a `PyFloat`, ints beyond 2^53 as `bigint`; `NaN` and
 * `Infinity` are accepted, a repeated key keeps its last value. Linear in the input; nesting
 * deeper than 200 levels is refused as jiter refuses it.
 */
import { PyFloat } from "../python/json";

export class JsonParseError extends Error {
  constructor(readonly reason: string, readonly line: number, readonly column: number) {
    super(`${reason} at line ${line} column ${column}`);
  }
}

const MAX_DEPTH = 200;

/** `pydantic_core.from_json(text)`. */
export function from_json(text: string): unknown {
  const plain = plain_json(text);
  return plain !== NOT_PLAIN ? plain : new Reader(text).document();
}

const NOT_PLAIN: unique symbol = Symbol("not plain JSON");

/**
 * The usual document, read by the engine's own `JSON.parse` — which gives the same values as the
 * reader below whenever jiter's rules and JSON's agree. They differ on integral float literals
 * (`5.0`, `1e3`: a Python float), integers past 2^53 (a Python int), `NaN`/`Infinity` (accepted),
 * nesting past 200 (refused), and the wording of every error: a scan of the text outside its
 * strings looks for the first three, and anything `JSON.parse` refuses goes to the reader, so
 * those documents still get the reader's values and messages. Linear: one pass, then the parse.
 */
function plain_json(text: string): unknown {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = string_end(text, i);
      if (i < 0) return NOT_PLAIN;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > MAX_DEPTH) return NOT_PLAIN;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      let float = false;
      while (i + 1 < n && is_number_char(text.charCodeAt(i + 1))) if (!is_digit(text.charCodeAt(++i))) float = true;
      if (float ? Number.isInteger(Number(text.slice(start, i + 1))) : i + 1 - start > 15) return NOT_PLAIN;
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    return NOT_PLAIN;
  }
}

/** The index of the quote closing the string that opens at `start` (skipping escaped ones), or -1. */
function string_end(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end > 0) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

function is_digit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A character that can continue a number literal: a digit, `.`, `e`/`E`, `+`/`-`. */
function is_number_char(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): unknown {
    this.ws();
    const v = this.value(0);
    this.ws();
    if (this.i < this.s.length) this.fail("trailing characters");
    return v;
  }

  private fail(reason: string, at = this.i): never {
    let line = 1;
    let col = 0;
    const end = Math.min(at, this.s.length - 1);
    for (let k = 0; k <= end; k++) {
      if (this.s.charCodeAt(k) === 10) {
        line++;
        col = 0;
      } else col++;
    }
    throw new JsonParseError(reason, line, Math.max(col, 0));
  }

  private ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  private value(depth: number): unknown {
    const c = this.s[this.i];
    if (c === undefined) this.fail("EOF while parsing a value");
    if (c === "{") return this.object(depth + 1);
    if (c === "[") return this.array(depth + 1);
    if (c === '"') return this.string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    for (const [word, v] of WORDS) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    if (this.s.startsWith("-Infinity", this.i)) {
      this.i += 9;
      return -Infinity;
    }
    // A truncated literal ("tru") is an EOF; anything else is not a value.
    for (const [word] of WORDS) if (word.startsWith(this.s.slice(this.i)) && this.s.length - this.i < word.length) this.fail("EOF while parsing a value", this.s.length);
    this.fail("expected value");
  }

  private object(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) this.fail("recursion limit exceeded");
    this.i++;
    const out: Record<string, unknown> = {};
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      if (this.i >= this.s.length) this.fail("EOF while parsing an object");
      if (this.s[this.i] !== '"') this.fail("key must be a string");
      const key = this.string();
      this.ws();
      if (this.i >= this.s.length) this.fail("EOF while parsing an object");
      if (this.s[this.i] !== ":") this.fail("expected `:`");
      this.i++;
      this.ws();
      const v = this.value(depth);
      if (key === "__proto__") Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
      this.ws();
      const c = this.s[this.i];
      if (c === ",") {
        this.i++;
        this.ws();
        continue;
      }
      if (c === "}") {
        this.i++;
        return out;
      }
      if (c === undefined) this.fail("EOF while parsing an object");
      this.fail("expected `,` or `}`");
    }
  }

  private array(depth: number): unknown[] {
    if (depth > MAX_DEPTH) this.fail("recursion limit exceeded");
    this.i++;
    const out: unknown[] = [];
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      if (this.i >= this.s.length) this.fail("EOF while parsing a list");
      out.push(this.value(depth));
      this.ws();
      const c = this.s[this.i];
      if (c === ",") {
        this.i++;
        this.ws();
        continue;
      }
      if (c === "]") {
        this.i++;
        return out;
      }
      if (c === undefined) this.fail("EOF while parsing a list");
      this.fail("expected `,` or `]`");
    }
  }

  private string(): string {
    const s = this.s;
    let i = this.i + 1;
    let out = "";
    let start = i;
    for (;;) {
      if (i >= s.length) this.fail("EOF while parsing a string", s.length);
      const c = s.charCodeAt(i);
      if (c === 34) {
        out += s.slice(start, i);
        this.i = i + 1;
        return out;
      }
      if (c < 0x20) this.fail("control character (\\u0000-\\u001F) found while parsing a string", i);
      if (c === 92) {
        out += s.slice(start, i);
        const e = s[i + 1];
        if (e === undefined) this.fail("EOF while parsing a string", s.length);
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (e === "u") {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(hex.length < 4 && i + 6 > s.length ? "EOF while parsing a string" : "invalid escape", i + 2);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else this.fail("invalid escape", i + 1);
        start = i;
        continue;
      }
      i++;
    }
  }

  private number(): unknown {
    const s = this.s;
    const m = NUMBER.exec(s.slice(this.i, this.i + 400)) ?? NUMBER.exec(s.slice(this.i));
    if (!m || m[0] === "-") {
      if (s.startsWith("-Infinity", this.i)) {
        this.i += 9;
        return -Infinity;
      }
      this.fail(this.i + 1 >= s.length ? "EOF while parsing a value" : "invalid number", this.i + 1);
    }
    const text = m[0];
    this.i += text.length;
    if (!m[1] && !m[2]) {
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : BigInt(text);
    }
    const x = Number(text);
    return Number.isInteger(x) ? new PyFloat(x) : x;
  }
}

const NUMBER = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;
const WORDS: [string, unknown][] = [["true", true], ["false", false], ["null", null], ["NaN", NaN], ["Infinity", Infinity]];
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
