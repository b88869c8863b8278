/**
 * Python's `re` module on JavaScript's RegExp: a Python `str` pattern → a JS RegExp that matches
 * exactly what Python would, wrapped in Python's API (`compile`, `search`, `match`, `fullmatch`,
 * `Pattern`, `Match`, `error`).
 *
 * Django's URL patterns, validators and template lexer are written as Python regular expressions,
 * so their meaning must be Python's, not JavaScript's. The translator (`translate_pattern`) walks
 * the pattern once and rewrites every construct whose meaning differs:
 *
 *   Python                      JavaScript emitted
 *   (?P<name>…)  (?P=name)      (?<name>…)  \k<name>
 *   \A  \Z                      ^  (?![\s\S])
 *   ^  $  (no MULTILINE)        start of string; end or before a final "\n"
 *   .   (no DOTALL)             [^\n]         (JS `.` also refuses \r, \u2028, \u2029)
 *   \w \d \s \b  (str pattern)  Unicode classes: \p{L}\p{N}_ , \p{Nd}, Python's isspace() set
 *   (?i) (?s) (?m) (?x) (?a)    JS flags, or rewritten constructs for scoped (?i:…) groups
 *   a{,3}  a{}  a{                a{0,3}  a*  a\{
 *
 * Positions (`start`, `end`, `pos`) are JavaScript string indexes (UTF-16 units), so slicing the
 * searched string with them is always right. Compiled patterns are cached like Python's `re._cache`.
 * Invalid patterns raise `error` (Python's `re.error`) with Python's message and position.
 *
 * Not supported (raise `error`): conditional groups `(?(1)…)`, atomic groups `(?>…)`, possessive
 * quantifiers, `\N{…}`, turning IGNORECASE off inside a pattern compiled with it. Known difference:
 * after an empty match, `finditer`/`sub` resume one character later (JavaScript's rule) instead of
 * retrying a non-empty match at the same place.
 */
import { Exception, IndexError, TypeError, py_repr } from "./builtins";

// ---------------------------------------------------------------------------------------------
// Flags, with Python's values
// ---------------------------------------------------------------------------------------------

export const TEMPLATE = 1;
export const IGNORECASE = 2;
export const I = IGNORECASE;
export const LOCALE = 4;
export const L = LOCALE;
export const MULTILINE = 8;
export const M = MULTILINE;
export const DOTALL = 16;
export const S = DOTALL;
export const UNICODE = 32;
export const U = UNICODE;
export const VERBOSE = 64;
export const X = VERBOSE;
export const ASCII = 256;
export const A = ASCII;

const FLAG_LETTERS: Record<string, number> = { a: ASCII, i: IGNORECASE, L: LOCALE, m: MULTILINE, s: DOTALL, u: UNICODE, x: VERBOSE };

/** `re.error`: the pattern is not a valid Python regular expression. */
export class error extends Exception {
  readonly msg: string;
  readonly pattern: string | null;
  readonly pos: number | null;
  constructor(msg: string, pattern: string | null = null, pos: number | null = null) {
    super(pos === null ? msg : `${msg} at position ${pos}`);
    this.msg = msg;
    this.pattern = pattern;
    this.pos = pos;
  }
}

// ---------------------------------------------------------------------------------------------
// Character classes with Python's meaning for str patterns
// ---------------------------------------------------------------------------------------------

/** Python's str.isspace(): Unicode White_Space plus \x1c-\x1f, minus nothing JS lacks (\ufeff is not space). */
const SPACE_SET = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const UNICODE_WORD_SET = "\\p{L}\\p{N}_";
const ASCII_WORD_SET = "A-Za-z0-9_";

/** One shorthand (\d \w \s and their negations) as JS: `inline` fits inside [...]; `alone` is a whole atom. */
interface ShorthandClass {
  inline: string | null; // null: cannot be written inside a JS class (must be alternated)
  alone: string;
}

function shorthand(letter: string, ascii: boolean): ShorthandClass {
  const word = ascii ? ASCII_WORD_SET : UNICODE_WORD_SET;
  switch (letter) {
    case "d":
      return ascii ? { inline: "0-9", alone: "[0-9]" } : { inline: "\\p{Nd}", alone: "\\p{Nd}" };
    case "D":
      return ascii ? { inline: null, alone: "[^0-9]" } : { inline: "\\P{Nd}", alone: "\\P{Nd}" };
    case "w":
      return { inline: word, alone: `[${word}]` };
    case "W":
      return { inline: null, alone: `[^${word}]` };
    case "s":
      return ascii ? { inline: "\\t\\n\\v\\f\\r ", alone: "[\\t\\n\\v\\f\\r ]" } : { inline: SPACE_SET, alone: `[${SPACE_SET}]` };
    default: // "S"
      return ascii ? { inline: null, alone: "[^\\t\\n\\v\\f\\r ]" } : { inline: null, alone: `[^${SPACE_SET}]` };
  }
}

function word_boundary(negated: boolean, ascii: boolean): string {
  const w = `[${ascii ? ASCII_WORD_SET : UNICODE_WORD_SET}]`;
  return negated ? `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))` : `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
}

// The JS regexps never carry the `m` flag (MULTILINE is translated above), so `^` is the start of
// the input, as Python's `^` and `\A` are — and V8 can stop at the first position instead of
// trying every one (a lookbehind hides the anchor from it).
const START_OF_STRING = "^";
const END_OF_STRING = "(?![\\s\\S])";

// ---------------------------------------------------------------------------------------------
// The translator: Python pattern text → JS RegExp source
// ---------------------------------------------------------------------------------------------

interface ScopeFlags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  a: boolean;
}

interface OpenGroup {
  pos: number; // where "(" is, for "missing ), unterminated subpattern"
  saved: ScopeFlags;
  index: number | null; // capturing group number, while it is open
}

type LastItem = "none" | "atom" | "anchor" | "repeat";

export interface TranslatedPattern {
  source: string;
  /** JS flags besides the search mode ones: always "u", plus "i" for a global IGNORECASE. */
  js_flags: string;
  /** Python's `pattern.flags` (UNICODE included for str patterns). */
  flags: number;
  groups: number;
  groupindex: Record<string, number>;
}

const JS_SYNTAX = "^$\\.*+?()[]{}|/";
const HEX = /^[0-9a-fA-F]+$/;

/** Walks the Python pattern once, left to right, emitting JS source. */
class Translator {
  private i = 0;
  private out: string[] = [];
  private stack: OpenGroup[] = [];
  private last: LastItem = "none";
  private groups = 0;
  private readonly open_groups = new Set<number>();
  private readonly groupindex: Record<string, number> = {};
  private flags: ScopeFlags;
  private global_i: boolean;
  private only_global_flags_so_far = true;

  constructor(
    private readonly p: string,
    private py_flags: number,
  ) {
    if (py_flags & LOCALE) throw new error("cannot use LOCALE flag with a str pattern");
    if (py_flags & ASCII && py_flags & UNICODE) throw new error("ASCII and UNICODE flags are incompatible");
    this.flags = { i: !!(py_flags & IGNORECASE), m: !!(py_flags & MULTILINE), s: !!(py_flags & DOTALL), x: !!(py_flags & VERBOSE), a: !!(py_flags & ASCII) };
    this.global_i = this.flags.i;
  }

  run(): TranslatedPattern {
    while (this.i < this.p.length) this.step();
    if (this.stack.length) throw this.fail("missing ), unterminated subpattern", this.stack[this.stack.length - 1].pos);
    const flags = this.py_flags | (this.py_flags & ASCII ? 0 : UNICODE);
    return { source: this.out.join(""), js_flags: this.global_i ? "iu" : "u", flags, groups: this.groups, groupindex: { ...this.groupindex } };
  }

  private fail(msg: string, pos: number): error {
    return new error(msg, this.p, pos);
  }

  private emit(text: string, kind: LastItem): void {
    this.out.push(text);
    this.last = kind;
    if (kind !== "none" || text !== "") this.only_global_flags_so_far = false;
  }

  private step(): void {
    const c = this.p[this.i];
    if (this.flags.x && /\s/.test(c)) return void this.i++;
    if (this.flags.x && c === "#") {
      while (this.i < this.p.length && this.p[this.i] !== "\n") this.i++;
      return;
    }
    switch (c) {
      case "\\":
        return this.escape();
      case "[":
        return this.char_class();
      case "(":
        return this.open_group();
      case ")":
        return this.close_group();
      case "*":
      case "+":
      case "?":
        return this.repeat(c, this.i, this.i + 1);
      case "{":
        return this.brace();
      case "|":
        this.i++;
        return this.emit("|", "none");
      case ".":
        this.i++;
        return this.emit(this.flags.s ? "[\\s\\S]" : "[^\\n]", "atom");
      case "^":
        this.i++;
        return this.emit(this.flags.m ? "(?<![^\\n])" : START_OF_STRING, "anchor");
      case "$":
        this.i++;
        return this.emit(this.flags.m ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))", "anchor");
      default: {
        const ch = String.fromCodePoint(this.p.codePointAt(this.i)!);
        this.i += ch.length;
        return this.emit(this.literal(ch), "atom");
      }
    }
  }

  /** A literal character as a JS atom; under an emulated scoped IGNORECASE, both cases. */
  private literal(ch: string): string {
    if (this.flags.i && !this.global_i) {
      const variants = case_variants(ch);
      if (variants.length > 1) return `[${variants.map(class_char).join("")}]`;
    }
    return JS_SYNTAX.includes(ch) ? "\\" + ch : ch;
  }

  private repeat(q: string, start: number, end: number): void {
    if (this.last === "repeat") throw this.fail("multiple repeat", start);
    if (this.last !== "atom") throw this.fail("nothing to repeat", start);
    this.i = end;
    let text = q;
    if (this.p[this.i] === "?") {
      text += "?";
      this.i++;
    } else if (this.p[this.i] === "+") {
      throw this.fail("possessive quantifiers are not supported by this re emulation", this.i);
    }
    this.emit(text, "repeat");
  }

  /** `{m,n}` is a repeat when it is well formed (Python reads `{}`, `{,}` and `{,n}` too); otherwise a literal `{`. */
  private brace(): void {
    const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.p.slice(this.i));
    if (!m) {
      this.i++;
      return this.emit(this.literal("{"), "atom");
    }
    const lo = m[1] === "" ? 0 : Number(m[1]);
    const hi = m[2] ? (m[3] === "" ? null : Number(m[3])) : m[1] === "" ? null : lo;
    if (hi !== null && lo > hi) throw this.fail("min repeat greater than max repeat", this.i + 1);
    const q = hi === null ? `{${lo},}` : hi === lo ? `{${lo}}` : `{${lo},${hi}}`;
    this.repeat(q, this.i, this.i + m[0].length);
  }

  private open_group(): void {
    const start = this.i;
    if (this.p[this.i + 1] !== "?") {
      this.i++;
      this.push_group(start, "(", true);
      return;
    }
    this.i += 2;
    const c = this.p[this.i];
    if (c === ":") {
      this.i++;
      return this.push_group(start, "(?:", false);
    }
    if (c === "P") return this.python_group(start);
    if (c === "=" || c === "!") {
      this.i++;
      return this.push_group(start, "(?" + c, false);
    }
    if (c === "<" && (this.p[this.i + 1] === "=" || this.p[this.i + 1] === "!")) {
      this.i += 2;
      return this.push_group(start, "(?<" + this.p[this.i - 1], false);
    }
    if (c === "<") throw this.fail(`unknown extension ?<${this.p[this.i + 1] ?? ""}`, start + 1);
    if (c === "#") return this.comment(start);
    if (c === "(" || c === ">") throw this.fail(`${c === "(" ? "conditional" : "atomic"} groups are not supported by this re emulation`, start);
    return this.flag_group(start);
  }

  private push_group(pos: number, text: string, capturing: boolean, name?: string): void {
    let index: number | null = null;
    if (capturing) {
      index = ++this.groups;
      this.open_groups.add(index);
      if (name !== undefined) this.groupindex[name] = index;
    }
    this.stack.push({ pos, saved: { ...this.flags }, index });
    this.emit(text, "none");
  }

  private close_group(): void {
    const group = this.stack.pop();
    if (!group) throw this.fail("unbalanced parenthesis", this.i);
    this.i++;
    if (group.index !== null) this.open_groups.delete(group.index);
    this.flags = group.saved;
    this.emit(")", "atom");
  }

  /** `(?P<name>…)` and `(?P=name)`. */
  private python_group(start: number): void {
    const kind = this.p[this.i + 1];
    if (kind !== "<" && kind !== "=") throw this.fail(`unknown extension ?P${kind ?? ""}`, start + 1);
    const close = kind === "<" ? ">" : ")";
    const name_start = this.i + 2;
    const end = this.p.indexOf(close, name_start);
    if (end < 0) throw this.fail(`missing ${close}, unterminated name`, name_start);
    const name = this.p.slice(name_start, end);
    if (name === "") throw this.fail("missing group name", name_start);
    if (!is_identifier(name)) throw this.fail(`bad character in group name ${py_repr(name)}`, name_start);
    this.i = end + 1;
    if (kind === "=") {
      const index = this.groupindex[name];
      if (index === undefined) throw this.fail(`unknown group name ${py_repr(name)}`, name_start);
      if (this.open_groups.has(index)) throw this.fail("cannot refer to an open group", start);
      return this.emit(`(?:\\${index})`, "atom");
    }
    const previous = this.groupindex[name];
    if (previous !== undefined) throw this.fail(`redefinition of group name ${py_repr(name)} as group ${this.groups + 1}; was group ${previous}`, name_start);
    this.push_group(start, `(?<${name}>`, true, name);
  }

  private comment(start: number): void {
    const end = this.p.indexOf(")", this.i);
    if (end < 0) throw this.fail("missing ), unterminated comment", start);
    this.i = end + 1;
  }

  /** `(?aiLmsux)` at the very start, or scoped `(?flags-flags:…)`. */
  private flag_group(start: number): void {
    const m = /^([aiLmsux]*)(?:-([imsx]*))?([:)])?/.exec(this.p.slice(this.i))!;
    const [all, on, off, end] = m;
    if (!end || (on === "" && off === undefined)) {
      const bad = this.p[this.i + all.length];
      if (bad === undefined) throw this.fail("missing -, : or )", this.i + all.length);
      throw this.fail(on === "" && off === undefined ? `unknown extension ?${bad}` : `unknown flag`, on === "" ? start + 1 : this.i + all.length);
    }
    if (on.includes("L")) throw this.fail("bad inline flags: cannot use 'L' flag with a str pattern", this.i + all.length);
    if (end === ")") {
      if (off !== undefined) throw this.fail("missing :", this.i + all.length - 1);
      if (!this.only_global_flags_so_far) throw this.fail("global flags not at the start of the expression", start);
      this.i += all.length;
      for (const f of on) this.py_flags |= FLAG_LETTERS[f];
      this.set_scope(on, "", true);
      return;
    }
    this.i += all.length;
    this.push_group(start, "(?:", false);
    this.set_scope(on, off ?? "", false);
  }

  private set_scope(on: string, off: string, global: boolean): void {
    for (const f of on) if (f in this.flags) (this.flags as any)[f] = true;
    for (const f of off) (this.flags as any)[f] = false;
    if (on.includes("u")) this.flags.a = false;
    if (global && on.includes("i")) this.global_i = true;
    if (off.includes("i") && this.global_i) throw this.fail("turning IGNORECASE off inside the pattern is not supported by this re emulation", this.i);
  }

  // --- escapes outside a class -------------------------------------------------------------

  private escape(): void {
    const start = this.i;
    const c = this.p[this.i + 1];
    if (c === undefined) throw this.fail("bad escape (end of pattern)", start);
    this.i += 2;
    switch (c) {
      case "A":
        return this.emit(START_OF_STRING, "anchor");
      case "Z":
        return this.emit(END_OF_STRING, "anchor");
      case "b":
      case "B":
        return this.emit(word_boundary(c === "B", this.flags.a), "anchor");
      case "d":
      case "D":
      case "w":
      case "W":
      case "s":
      case "S":
        return this.emit(shorthand(c, this.flags.a).alone, "atom");
    }
    if (/[1-9]/.test(c)) return this.numeric_escape(start);
    const cp = this.char_escape(c, start, false);
    this.emit(this.literal(String.fromCodePoint(cp)), "atom");
  }

  /** `\1`…`\99` is a group reference, unless it reads as a three-digit octal escape. */
  private numeric_escape(start: number): void {
    const digits = /^[0-9]{1,3}/.exec(this.p.slice(start + 1))![0];
    if (digits.length === 3 && /^[0-7]{3}$/.test(digits)) {
      this.i = start + 4;
      const value = parseInt(digits, 8);
      if (value > 0o377) throw this.fail(`octal escape value \\${digits} outside of range 0-0o377`, start);
      return this.emit(this.literal(String.fromCodePoint(value)), "atom");
    }
    const ref = digits.slice(0, 2);
    this.i = start + 1 + ref.length;
    const index = Number(ref);
    if (index > this.groups) throw this.fail(`invalid group reference ${index}`, start + 1);
    if (this.open_groups.has(index)) throw this.fail("cannot refer to an open group", start);
    this.emit(`(?:\\${index})`, "atom");
  }

  /** Escapes that stand for one character (shared with classes); returns its code point. */
  private char_escape(c: string, start: number, in_class: boolean): number {
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (c in simple) return simple[c];
    if (in_class && c === "b") return 8;
    if (c === "x" || c === "u" || c === "U") {
      const n = c === "x" ? 2 : c === "u" ? 4 : 8;
      const hex = this.p.slice(this.i, this.i + n);
      if (hex.length < n || !HEX.test(hex)) throw this.fail(`incomplete escape \\${c}${hex.replace(/[^0-9a-fA-F].*$/, "")}`, start);
      this.i += n;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw this.fail(`bad escape \\${c}${hex}`, start);
      return cp;
    }
    if (c === "0" || (in_class && /[0-7]/.test(c))) {
      const more = /^[0-7]{0,2}/.exec(this.p.slice(this.i))![0];
      this.i += more.length;
      const value = parseInt(c + more, 8);
      if (value > 0o377) throw this.fail(`octal escape value \\${c + more} outside of range 0-0o377`, start);
      return value;
    }
    if (c === "N") throw this.fail("named Unicode escapes \\N{…} are not supported by this re emulation", start);
    if (/[A-Za-z0-9]/.test(c)) throw this.fail(`bad escape \\${c}`, start);
    const cp = this.p.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return cp;
  }

  // --- character classes -------------------------------------------------------------------

  private char_class(): void {
    const start = this.i;
    this.i++;
    const negated = this.p[this.i] === "^";
    if (negated) this.i++;
    const chars: string[] = [];
    const alternatives: string[] = [];
    let first = true;
    for (;;) {
      if (this.i >= this.p.length) throw this.fail("unterminated character set", start);
      const c = this.p[this.i];
      if (c === "]" && !first) break;
      first = false;
      const item_start = this.i;
      const lo = this.class_item(chars, alternatives);
      if (lo === null) continue;
      if (this.p[this.i] === "-" && this.p[this.i + 1] !== "]" && this.i + 1 < this.p.length) {
        this.i++;
        const hi = this.class_item(null, null);
        if (hi === null) throw this.fail(`bad character range ${this.p.slice(item_start, this.i)}`, item_start);
        if (hi < lo) throw this.fail(`bad character range ${this.p.slice(item_start, this.i)}`, item_start);
        chars.push(...this.range_text(lo, hi));
      } else {
        chars.push(...this.char_text(lo));
      }
    }
    this.i++;
    this.emit(build_class(chars.join(""), alternatives, negated), "atom");
  }

  /**
   * Reads one class member. A single character returns its code point (the caller may make a range
   * of it); a shorthand like `\w` is added to `chars` (or, if JS cannot inline it, `alternatives`)
   * and returns null.
   */
  private class_item(chars: string[] | null, alternatives: string[] | null): number | null {
    const c = this.p[this.i];
    if (c !== "\\") {
      const cp = this.p.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      return cp;
    }
    const start = this.i;
    const e = this.p[this.i + 1];
    if (e === undefined) throw this.fail("unterminated character set", start);
    this.i += 2;
    if ("dDwWsS".includes(e)) {
      if (!chars || !alternatives) throw this.fail(`bad character range ${this.p.slice(start - 2, this.i)}`, start - 2);
      const sh = shorthand(e, this.flags.a);
      if (sh.inline !== null) chars.push(sh.inline);
      else alternatives.push(sh.alone);
      return null;
    }
    if (/[1-9]/.test(e) && !/[0-7]/.test(e)) throw this.fail(`bad escape \\${e}`, start);
    return this.char_escape(e, start, true);
  }

  private char_text(cp: number): string[] {
    const ch = String.fromCodePoint(cp);
    if (this.flags.i && !this.global_i) return case_variants(ch).map(class_char);
    return [class_char(ch)];
  }

  private range_text(lo: number, hi: number): string[] {
    const out = [`${class_char(String.fromCodePoint(lo))}-${class_char(String.fromCodePoint(hi))}`];
    if (this.flags.i && !this.global_i) {
      const a = String.fromCodePoint(lo);
      const b = String.fromCodePoint(hi);
      for (const f of [(s: string) => s.toLowerCase(), (s: string) => s.toUpperCase()]) {
        if (f(a) !== a && f(b) !== b && f(a).length === 1 && f(b).length === 1) out.push(`${class_char(f(a))}-${class_char(f(b))}`);
      }
    }
    return out;
  }
}

function build_class(chars: string, alternatives: string[], negated: boolean): string {
  if (!alternatives.length) return negated ? (chars ? `[^${chars}]` : "[\\s\\S]") : chars ? `[${chars}]` : "[]";
  const options = (chars ? [`[${chars}]`] : []).concat(alternatives).join("|");
  return negated ? `(?:(?!${options})[\\s\\S])` : `(?:${options})`;
}

function class_char(ch: string): string {
  if ("\\]-^[".includes(ch)) return "\\" + ch;
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20) return "\\x" + cp.toString(16).padStart(2, "0");
  return ch;
}

function case_variants(ch: string): string[] {
  const set = new Set([ch]);
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) if ([...v].length === 1) set.add(v);
  return [...set];
}

function is_identifier(name: string): boolean {
  return /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name);
}

/** Python pattern text → JS RegExp source (exported for tests and for modules that need the raw source). */
export function translate_pattern(pattern: string, flags = 0): TranslatedPattern {
  if (typeof pattern !== "string") throw new TypeError(`first argument must be string or compiled pattern`);
  return new Translator(pattern, flags).run();
}

// ---------------------------------------------------------------------------------------------
// Pattern and Match
// ---------------------------------------------------------------------------------------------

type Mode = "search" | "match" | "fullmatch";

/** `re.Pattern`: a compiled pattern. Holds one JS RegExp per way of matching, built on first use. */
export class Pattern {
  readonly pattern: string;
  readonly flags: number;
  readonly groups: number;
  readonly groupindex: Readonly<Record<string, number>>;
  private readonly translated: TranslatedPattern;
  private readonly regexps = new Map<string, RegExp>();
  private _named_groups: readonly (readonly [string, number])[] | null = null;

  constructor(pattern: string, flags = 0) {
    this.translated = translate_pattern(pattern, flags);
    this.pattern = pattern;
    this.flags = this.translated.flags;
    this.groups = this.translated.groups;
    this.groupindex = Object.freeze({ ...this.translated.groupindex });
  }

  /** `groupindex`'s names in the order their groups open (what groupdict() lists), sorted once. */
  named_groups(): readonly (readonly [string, number])[] {
    return (this._named_groups ??= Object.entries(this.groupindex).sort((a, b) => a[1] - b[1]));
  }

  /** The JS RegExp for one mode; `d` adds group indices (only used when a Match asks for spans). */
  js_regexp(mode: Mode, indices = false): RegExp {
    const key = mode + (indices ? "d" : "");
    let re = this.regexps.get(key);
    if (!re) {
      const { source, js_flags } = this.translated;
      const body = mode === "fullmatch" ? `(?:${source})${END_OF_STRING}` : source;
      re = new RegExp(body, js_flags + (mode === "search" ? "g" : "y") + (indices ? "d" : ""));
      this.regexps.set(key, re);
    }
    return re;
  }

  private run(mode: Mode, string: string, pos = 0, endpos?: number): Match | null {
    const end = endpos === undefined ? string.length : Math.max(0, Math.min(endpos, string.length));
    const start = Math.max(0, Math.min(pos, end));
    const subject = end === string.length ? string : string.slice(0, end);
    const re = this.js_regexp(mode);
    re.lastIndex = start;
    const m = re.exec(subject);
    return m ? new Match(this, string, m, mode, start, end) : null;
  }

  /** Scan for the first place the pattern matches. */
  search(string: string, pos = 0, endpos?: number): Match | null {
    return this.run("search", string, pos, endpos);
  }

  /** Match at the start (at `pos`) only. */
  match(string: string, pos = 0, endpos?: number): Match | null {
    return this.run("match", string, pos, endpos);
  }

  /** Match the whole string (from `pos` to `endpos`). */
  fullmatch(string: string, pos = 0, endpos?: number): Match | null {
    return this.run("fullmatch", string, pos, endpos);
  }

  *finditer(string: string, pos = 0, endpos?: number): Generator<Match> {
    let at = pos;
    const end = endpos ?? string.length;
    while (at <= end) {
      const m = this.search(string, at, end);
      if (!m) return;
      yield m;
      at = m.end() === m.start() ? m.end() + 1 : m.end();
    }
  }

  /** Like Python: a list of strings with no groups, of the group with one, of tuples (arrays) with more. */
  findall(string: string, pos = 0, endpos?: number): (string | (string | null)[] | null)[] {
    return [...this.finditer(string, pos, endpos)].map((m) => (this.groups === 0 ? m.group(0) : this.groups === 1 ? (m.group(1) ?? "") : m.groups("")));
  }

  sub(repl: string | ((m: Match) => string), string: string, count = 0): string {
    return this.subn(repl, string, count)[0];
  }

  subn(repl: string | ((m: Match) => string), string: string, count = 0): [string, number] {
    const expand = typeof repl === "function" ? repl : (m: Match) => m.expand(repl);
    let out = "";
    let last = 0;
    let n = 0;
    for (const m of this.finditer(string)) {
      if (count && n >= count) break;
      out += string.slice(last, m.start()) + expand(m);
      last = m.end();
      n++;
    }
    return [out + string.slice(last), n];
  }

  split(string: string, maxsplit = 0): (string | null)[] {
    const out: (string | null)[] = [];
    let last = 0;
    let n = 0;
    for (const m of this.finditer(string)) {
      if (maxsplit && n >= maxsplit) break;
      out.push(string.slice(last, m.start()), ...m.groups());
      last = m.end();
      n++;
    }
    out.push(string.slice(last));
    return out;
  }

  __repr__(): string {
    const names = ["TEMPLATE", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "UNICODE", "VERBOSE", "", "ASCII"];
    const shown = names.filter((n, i) => n && n !== "UNICODE" && this.flags & (1 << i)).map((n) => `re.${n}`);
    return `re.compile(${py_repr(this.pattern)}${shown.length ? ", " + shown.join("|") : ""})`;
  }

  toString(): string {
    return this.__repr__();
  }
}

/** `re.Match`: one successful match. Group spans are computed only when asked for. */
export class Match {
  readonly re: Pattern;
  readonly string: string;
  readonly pos: number;
  readonly endpos: number;
  private readonly m: RegExpExecArray;
  private readonly mode: Mode;
  private spans: ([number, number] | undefined)[] | null = null;

  constructor(re: Pattern, string: string, m: RegExpExecArray, mode: Mode, pos: number, endpos: number) {
    this.re = re;
    this.string = string;
    this.m = m;
    this.mode = mode;
    this.pos = pos;
    this.endpos = endpos;
  }

  private index_of(g: number | string): number {
    const index = typeof g === "number" ? g : this.re.groupindex[g];
    if (index === undefined || !Number.isInteger(index) || index < 0 || index > this.re.groups) throw new IndexError("no such group");
    return index;
  }

  /** `m.group()`, `m.group(1)`, `m.group("name")`; several groups give an array. */
  group(): string;
  group(g: number | string): string | null;
  group(...gs: (number | string)[]): (string | null)[];
  group(...gs: (number | string)[]): string | null | (string | null)[] {
    if (gs.length === 0) return this.m[0];
    const values = gs.map((g) => this.m[this.index_of(g)] ?? null);
    return gs.length === 1 ? values[0] : values;
  }

  /** All groups from 1, unmatched ones as `default_`. */
  groups<D = null>(default_: D = null as D): (string | D)[] {
    const out: (string | D)[] = [];
    for (let k = 1; k <= this.re.groups; k++) out.push(this.m[k] ?? default_);
    return out;
  }

  /** Named groups in the order they appear in the pattern. */
  groupdict<D = null>(default_: D = null as D): Record<string, string | D> {
    const out: Record<string, string | D> = {};
    for (const [name, index] of this.re.named_groups()) out[name] = this.m[index] ?? default_;
    return out;
  }

  get lastindex(): number | null {
    let best: number | null = null;
    let best_end = -1;
    for (let k = 1; k <= this.re.groups; k++) {
      const s = this.span(k);
      if (s[0] >= 0 && s[1] >= best_end) {
        if (best === null || s[1] > best_end || s[0] <= this.span(best)[0]) best = k;
        best_end = Math.max(best_end, s[1]);
      }
    }
    return best;
  }

  get lastgroup(): string | null {
    const li = this.lastindex;
    if (li === null) return null;
    return Object.entries(this.re.groupindex).find(([, i]) => i === li)?.[0] ?? null;
  }

  private group_spans(): ([number, number] | undefined)[] {
    if (!this.spans) {
      const re = this.re.js_regexp(this.mode, true);
      re.lastIndex = this.m.index;
      const subject = this.endpos === this.string.length ? this.string : this.string.slice(0, this.endpos);
      const again = re.exec(subject)!;
      this.spans = Array.from(again.indices!, (s) => (s ? [s[0], s[1]] : undefined));
    }
    return this.spans;
  }

  span(g: number | string = 0): [number, number] {
    const index = this.index_of(g);
    if (index === 0) return [this.m.index, this.m.index + this.m[0].length];
    return this.group_spans()[index] ?? [-1, -1];
  }

  start(g: number | string = 0): number {
    return this.span(g)[0];
  }

  end(g: number | string = 0): number {
    return this.span(g)[1];
  }

  /** `m.expand(template)`: `\1`, `\g<1>`, `\g<name>` and the usual character escapes. */
  expand(template: string): string {
    return template.replace(/\\(g<([^>]*)>|[0-9]{1,2}|.)/gs, (whole, body: string, gname: string | undefined) => {
      if (gname !== undefined) return this.group(/^\d+$/.test(gname) ? Number(gname) : gname) ?? "";
      if (/^[0-9]/.test(body)) return this.group(Number(body)) ?? "";
      const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", a: "\x07", "\\": "\\" };
      if (body in simple) return simple[body];
      if (/[A-Za-z]/.test(body)) throw new error(`bad escape ${whole}`, template);
      return whole;
    });
  }

  __repr__(): string {
    const [s, e] = this.span(0);
    return `<re.Match object; span=(${s}, ${e}), match=${py_repr(this.m[0])}>`;
  }

  toString(): string {
    return this.__repr__();
  }
}

// ---------------------------------------------------------------------------------------------
// Module-level functions, with the compiled-pattern cache
// ---------------------------------------------------------------------------------------------

const CACHE_LIMIT = 512;
const cache = new Map<string, Pattern>();

/** `re.compile(pattern, flags)`; a Pattern passes through. Cached by (pattern, flags). */
export function compile(pattern: string | Pattern, flags = 0): Pattern {
  if (pattern instanceof Pattern) {
    if (flags) throw new error("cannot process flags argument with a compiled pattern");
    return pattern;
  }
  const key = flags + "\u0000" + pattern;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = new Pattern(pattern, flags);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, compiled);
  }
  return compiled;
}

export function purge(): void {
  cache.clear();
}

export function search(pattern: string | Pattern, string: string, flags = 0): Match | null {
  return compile(pattern, flags).search(string);
}

export function match(pattern: string | Pattern, string: string, flags = 0): Match | null {
  return compile(pattern, flags).match(string);
}

export function fullmatch(pattern: string | Pattern, string: string, flags = 0): Match | null {
  return compile(pattern, flags).fullmatch(string);
}

export function findall(pattern: string | Pattern, string: string, flags = 0) {
  return compile(pattern, flags).findall(string);
}

export function finditer(pattern: string | Pattern, string: string, flags = 0) {
  return compile(pattern, flags).finditer(string);
}

export function sub(pattern: string | Pattern, repl: string | ((m: Match) => string), string: string, count = 0, flags = 0): string {
  return compile(pattern, flags).sub(repl, string, count);
}

export function subn(pattern: string | Pattern, repl: string | ((m: Match) => string), string: string, count = 0, flags = 0): [string, number] {
  return compile(pattern, flags).subn(repl, string, count);
}

export function split(pattern: string | Pattern, string: string, maxsplit = 0, flags = 0): (string | null)[] {
  return compile(pattern, flags).split(string, maxsplit);
}

const ESCAPED = new Set("()[]{}?*+-|^$\\.&~# \t\n\r\v\f");

/** `re.escape(s)`: backslash before each character special in a pattern (Python 3.7+ set). */
export function escape(s: string): string {
  let out = "";
  for (const ch of s) out += ESCAPED.has(ch) ? "\\" + ch : ch;
  return out;
}
