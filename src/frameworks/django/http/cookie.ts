/**
 * django.http.cookie: cookies in both directions, as Python's `http.cookies` writes and reads them.
 *
 * Outgoing: `response.cookies` is a `SimpleCookie`, name → `Morsel`; each Morsel becomes one
 * `Set-Cookie` header via `OutputString()`: `sid=abc; expires=…; HttpOnly; Max-Age=60; Path=/`.
 * Attributes come out in sorted key order, and a value with characters outside the cookie-safe
 * set is double-quoted with octal escapes (`x,y` → `"x\054y"`), byte for byte like Python.
 *
 * Incoming: `parse_cookie("a=1; b=2")` → `{a: "1", b: "2"}`, Django's lenient parser (no
 * quoting rules enforced; a quoted value is unquoted).
 */
import { Exception, KeyError, py_repr } from "../../python/builtins";
import { time } from "../../python/time";

/** Python's `http.cookies.CookieError`. */
export class CookieError extends Exception {}

const LEGAL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~:";
const UNESCAPED_CHARS = new Set(LEGAL_CHARS + " ()/<=>?@[]{}");
const LEGAL_CHARS_SET = new Set(LEGAL_CHARS);

/** A non-empty run of cookie-legal characters. */
function is_legal_key(s: string): boolean {
  if (!s) return false;
  for (const ch of s) if (!LEGAL_CHARS_SET.has(ch)) return false;
  return true;
}

/** Python's `_quote`: legal values as they are, others in quotes with `\"`, `\\` and `\ooo` escapes. */
export function cookie_quote(s: string): string {
  if (is_legal_key(s)) return s;
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (code < 256 && !UNESCAPED_CHARS.has(ch)) out += "\\" + code.toString(8).padStart(3, "0");
    else out += ch;
  }
  return out + '"';
}

/** Python's `_unquote`: strip the quotes of a quoted value and undo `\ooo` and `\x` escapes. */
export function cookie_unquote(s: string): string {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return s;
  return s.slice(1, -1).replace(/\\(?:([0-3][0-7][0-7])|([^\n]))/g, (_m, octal: string | undefined, ch: string | undefined) =>
    octal !== undefined ? String.fromCharCode(parseInt(octal, 8)) : ch!,
  );
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `_getdate(future)`: the `expires=` text for an integer number of seconds from now. */
function getdate(future: number): string {
  const d = new Date(Math.floor(time() + future) * 1000);
  const wd = WEEKDAYS[(d.getUTCDay() + 6) % 7];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${wd}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).padStart(4, " ")} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

/** Attribute keys a Morsel accepts, and how each is spelled in the header. */
const RESERVED: Record<string, string> = {
  expires: "expires",
  path: "Path",
  comment: "Comment",
  domain: "Domain",
  "max-age": "Max-Age",
  secure: "Secure",
  httponly: "HttpOnly",
  version: "Version",
  samesite: "SameSite",
};
const FLAGS = new Set(["secure", "httponly"]);

export type MorselValue = string | number | boolean | null;

/** One cookie: its key, value, the value as sent (`coded_value`) and its attributes. */
export class Morsel {
  key: string | null = null;
  value: string | null = null;
  coded_value: string | null = null;
  private attributes = new Map<string, MorselValue>(Object.keys(RESERVED).map((k) => [k, ""]));

  /** `morsel.set(key, value, coded_value)`: refuses reserved or illegal keys. */
  set(key: string, val: string, coded_val: string): void {
    if (key.toLowerCase() in RESERVED) throw new CookieError(`Attempt to set a reserved key ${py_repr(key)}`);
    if (!is_legal_key(key)) throw new CookieError(`Illegal key ${py_repr(key)}`);
    this.key = key;
    this.value = val;
    this.coded_value = coded_val;
  }

  /** `morsel["max-age"]` */
  getitem(attribute: string): MorselValue {
    const k = attribute.toLowerCase();
    if (!this.attributes.has(k)) throw new KeyError(attribute);
    return this.attributes.get(k)!;
  }

  get(attribute: string, default_: MorselValue | null = null): MorselValue | null {
    return this.attributes.get(attribute.toLowerCase()) ?? default_;
  }

  /** `morsel["max-age"] = 60`: only the reserved attribute names are accepted. */
  setitem(attribute: string, value: MorselValue): void {
    const k = attribute.toLowerCase();
    if (!(k in RESERVED)) throw new CookieError(`Invalid attribute ${py_repr(k)}`);
    this.attributes.set(k, value);
  }

  isReservedKey(k: string): boolean {
    return k.toLowerCase() in RESERVED;
  }

  /** The attributes with their values, in Python's insertion order. */
  items(): [string, MorselValue][] {
    return [...this.attributes.entries()];
  }

  /** The `Set-Cookie` header value: `key=coded_value` then the non-empty attributes, sorted. */
  OutputString(attrs: string[] | null = null): string {
    const result = [`${this.key}=${this.coded_value}`];
    const sorted = [...this.attributes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, value] of sorted) {
      if (value === "") continue;
      if (attrs && !attrs.includes(key)) continue;
      const name = RESERVED[key];
      if (key === "expires" && typeof value === "number") result.push(`${name}=${getdate(value)}`);
      else if (key === "max-age" && typeof value === "number") result.push(`${name}=${Math.trunc(value)}`);
      else if (key === "comment" && typeof value === "string") result.push(`${name}=${cookie_quote(value)}`);
      else if (FLAGS.has(key)) {
        if (value) result.push(name);
      } else result.push(`${name}=${value === true ? "True" : value === false ? "False" : value === null ? "None" : value}`);
    }
    return result.join("; ");
  }

  /** `morsel.output(header="Set-Cookie:")` → `Set-Cookie: a=1; Path=/` */
  output(attrs: string[] | null = null, header = "Set-Cookie:"): string {
    return `${header} ${this.OutputString(attrs)}`;
  }

  toString(): string {
    return this.output();
  }

  __repr__(): string {
    return `<Morsel: ${this.OutputString()}>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Python's `_CookiePattern`, matched by hand. The regex (with re.ASCII) is
//   \s* (?P<key>[K]+?) ( \s*=\s* (?P<val>"(?:[^\\"]|\\.)*" | \w{3},\s[\w\d\s-]{9,11}\s[\d:]{8}\sGMT | [V]*) )? \s* (\s+|;|$)
// where K is the legal key characters and V = K plus "[" and "]". As a backtracking regex it is
// quadratic (32k "=" took 4.4 s here, and over a minute in CPython): the lazy key is retried at
// every length and the value rescanned each time. `match_cookie` gives the same first match by
// trying the same alternatives in the same order, with every run of characters measured once.

const KEY_CHARS = new Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_!#%&'~`><@,:/$*+-.^|)(?}{=");
const VALUE_CHARS = new Set([...KEY_CHARS, "[", "]"]);
/** `\s` under re.ASCII: space, \t, \n, \r, \f, \v (not the Unicode spaces JavaScript's \s adds). */
const is_space = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";
/** The "expires" alternative, with its middle run at each length the regex would try (11, 10, 9). */
const EXPIRES = [11, 10, 9].map((n) => new RegExp(`[A-Za-z0-9_]{3},[ \\t\\n\\r\\f\\v][A-Za-z0-9_ \\t\\n\\r\\f\\v-]{${n}}[ \\t\\n\\r\\f\\v][0-9:]{8}[ \\t\\n\\r\\f\\v]GMT`, "y"));

interface CookieMatch {
  key: string;
  /** The `val` group, or undefined when the pattern matched without `= value`. */
  value: string | undefined;
  end: number;
}

/** Per-string tables: where each run of key, value and space characters ends, and where a quoted string closes. */
class CookieScanner {
  private readonly key_run: Int32Array;
  private readonly value_run: Int32Array;
  private readonly space_run: Int32Array;
  private readonly quote_close: Int32Array;

  constructor(private readonly s: string) {
    const n = s.length;
    this.key_run = new Int32Array(n + 1);
    this.value_run = new Int32Array(n + 1);
    this.space_run = new Int32Array(n + 1);
    this.quote_close = new Int32Array(n + 2);
    this.key_run[n] = this.value_run[n] = this.space_run[n] = n;
    this.quote_close[n] = this.quote_close[n + 1] = -1;
    for (let i = n - 1; i >= 0; i--) {
      const c = s[i];
      this.key_run[i] = KEY_CHARS.has(c) ? this.key_run[i + 1] : i;
      this.value_run[i] = VALUE_CHARS.has(c) ? this.value_run[i + 1] : i;
      this.space_run[i] = is_space(c) ? this.space_run[i + 1] : i;
      // Inside "…": a quote closes; a backslash takes any character but "\n" with it.
      if (c === '"') this.quote_close[i] = i;
      else if (c === "\\") this.quote_close[i] = i + 1 < n && s[i + 1] !== "\n" ? this.quote_close[i + 2] : -1;
      else this.quote_close[i] = this.quote_close[i + 1];
    }
  }

  /** `\s*(\s+|;|$)` at i: where the match ends, or -1. */
  private tail(i: number): number {
    const after = this.space_run[i];
    if (this.s[after] === ";") return after + 1;
    if (after === this.s.length) return after;
    return after > i ? after : -1;
  }

  /** `patt.match(s, i)` */
  match(i: number): CookieMatch | null {
    const s = this.s;
    const p = this.space_run[i];
    const run_end = this.key_run[p];
    for (let q = p + 1; q <= run_end; q++) {
      const value = this.value_at(q);
      if (value) return { key: s.slice(p, q), value: value[0], end: value[1] };
      if (q === run_end) {
        const end = this.tail(q);
        if (end >= 0) return { key: s.slice(p, q), value: undefined, end };
      }
    }
    return null;
  }

  /** The optional group `\s*=\s*(?P<val>…)` and the tail after it, with the key ending at q: [val, end] or null. */
  private value_at(q: number): [string, number] | null {
    const s = this.s;
    const eq = this.space_run[q];
    if (s[eq] !== "=") return null;
    const v = this.space_run[eq + 1];
    if (s[v] === '"') {
      const close = this.quote_close[v + 1];
      if (close >= 0) {
        const end = this.tail(close + 1);
        if (end >= 0) return [s.slice(v, close + 1), end];
      }
    }
    for (const expires of EXPIRES) {
      expires.lastIndex = v;
      const m = expires.exec(s);
      if (m) {
        const end = this.tail(v + m[0].length);
        if (end >= 0) return [m[0], end];
      }
    }
    // `[V]*` greedy: a shorter run would end before a value character, where the tail cannot match.
    const value_end = this.value_run[v];
    const end = this.tail(value_end);
    if (end >= 0) return [s.slice(v, value_end), end];
    // Backtracking into the `\s*` after "=": an empty value, the spaces left to the tail's `\s+`.
    if (v > eq + 1) return ["", v];
    return null;
  }
}

/** `SimpleCookie`: name → Morsel, in the order cookies were first set. */
export class SimpleCookie {
  private morsels = new Map<string, Morsel>();

  constructor(input: string | Record<string, string> | null = null) {
    if (input) this.load(input);
  }

  /** `cookie[key] = value`: keeps the existing Morsel (and its attributes), with the new value. */
  setitem(key: string, value: string | Morsel): void {
    if (value instanceof Morsel) {
      this.morsels.set(key, value);
      return;
    }
    const real = String(value);
    const morsel = this.morsels.get(key) ?? new Morsel();
    morsel.set(key, real, cookie_quote(real));
    this.morsels.set(key, morsel);
  }

  /** `cookie[key]`: KeyError when there is no such cookie. */
  getitem(key: string): Morsel {
    const m = this.morsels.get(key);
    if (!m) throw new KeyError(key);
    return m;
  }

  get(key: string): Morsel | undefined {
    return this.morsels.get(key);
  }

  has(key: string): boolean {
    return this.morsels.has(key);
  }

  delete(key: string): boolean {
    return this.morsels.delete(key);
  }

  delitem(key: string): void {
    if (!this.morsels.delete(key)) throw new KeyError(key);
  }

  get length(): number {
    return this.morsels.size;
  }

  keys(): string[] {
    return [...this.morsels.keys()];
  }

  values(): Morsel[] {
    return [...this.morsels.values()];
  }

  items(): [string, Morsel][] {
    return [...this.morsels.entries()];
  }

  [Symbol.iterator](): Iterator<[string, Morsel]> {
    return this.morsels.entries();
  }

  /** `cookie.output()`: one `Set-Cookie:` line per cookie, sorted by name. */
  output(attrs: string[] | null = null, header = "Set-Cookie:", sep = "\r\n"): string {
    return this.items()
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, m]) => m.output(attrs, header))
      .join(sep);
  }

  toString(): string {
    return this.output();
  }

  /** `cookie.load("a=1; b=2")` (or a dict): parse a Cookie/Set-Cookie header into Morsels. */
  load(rawdata: string | Record<string, string>): void {
    if (typeof rawdata !== "string") {
      for (const [k, v] of Object.entries(rawdata)) this.setitem(k, v);
      return;
    }
    this.parse_string(rawdata);
  }

  /** Python's `BaseCookie.__parse_string`: all-or-nothing; attributes attach to the last cookie. */
  private parse_string(str: string): void {
    const parsed: [string, string, string | true | null, string?][] = [];
    let morsel_seen = false;
    let i = 0;
    const scanner = new CookieScanner(str);
    while (i >= 0 && i < str.length) {
      const m = scanner.match(i);
      if (!m) break;
      const { key, value } = m;
      i = m.end;
      if (key[0] === "$") {
        if (!morsel_seen) continue;
        parsed.push(["attr", key.slice(1), value ?? null]); // Python stores None for "$Path" without a value
      } else if (key.toLowerCase() in RESERVED) {
        if (!morsel_seen) return;
        if (value === undefined) {
          if (FLAGS.has(key.toLowerCase())) parsed.push(["attr", key, true]);
          else return;
        } else parsed.push(["attr", key, cookie_unquote(value)]);
      } else if (value !== undefined) {
        parsed.push(["key", key, cookie_unquote(value), value]);
        morsel_seen = true;
      } else return;
    }
    let current: Morsel | null = null;
    for (const [type, key, value, coded] of parsed) {
      if (type === "attr") current?.setitem(key, value as MorselValue);
      else {
        this.setitem(key, value as string);
        current = this.morsels.get(key)!;
        current.coded_value = coded!;
      }
    }
  }
}

/**
 * `parse_cookie(cookie)`: Django's lenient Cookie-header parser. Split on `;`, split each chunk at
 * the first `=`, strip whitespace, unquote; a later duplicate replaces the value but keeps the
 * first position. A chunk without `=` is a value with an empty name.
 */
export function parse_cookie(cookie: string): Record<string, string> {
  const cookiedict: Record<string, string> = {};
  // Most requests carry no Cookie header: "" splits into one empty chunk, which is skipped.
  if (cookie === "") return cookiedict;
  for (const chunk of cookie.split(";")) {
    const eq = chunk.indexOf("=");
    const [key, val] = eq >= 0 ? [chunk.slice(0, eq), chunk.slice(eq + 1)] : ["", chunk];
    const k = key.trim();
    const v = val.trim();
    if (k || v) cookiedict[k] = cookie_unquote(v);
  }
  return cookiedict;
}
