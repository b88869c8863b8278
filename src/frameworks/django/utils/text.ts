/**
 * django.utils.text: text → reshaped text, the helpers behind the text filters.
 *
 * `Truncator` shortens text by characters or words (optionally HTML-aware, closing the tags it
 * cut through); `wrap` breaks lines at a width; `slugify`, `capfirst`, `phone2numeric`,
 * `get_text_list` ("a, b or c"); `smart_split` splits a tag's contents on spaces except inside
 * quotes (how `{% url "a b" x %}` becomes three bits).
 */
import { ValueError } from "../../python/builtins";
import { py_str } from "../../python/operator";
import { escape } from "./html";

/** `capfirst("hello")` → "Hello". */
export function capfirst(x: unknown): string {
  const s = py_str(x);
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Python's `str.title()`: each run of letters starts upper-case, the rest lower-case. */
export function py_title(s: string): string {
  let out = "";
  let prev_cased = false;
  for (const ch of s) {
    const cased = /\p{L}/u.test(ch) && ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (prev_cased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    prev_cased = cased;
  }
  return out;
}

/** `get_text_list(["a", "b", "c"], "or")` → "a, b or c". */
export function get_text_list(list_: unknown[], last_word = "or"): string {
  if (!list_.length) return "";
  if (list_.length === 1) return py_str(list_[0]);
  return `${list_.slice(0, -1).map(py_str).join(", ")} ${last_word} ${py_str(list_[list_.length - 1])}`;
}

const SMART_SPLIT_RE = /((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^\s'"]*)+)|\S+)/g;

/** Split on whitespace, keeping quoted strings (with their quotes) together. */
export function smart_split(text: string): string[] {
  return [...text.matchAll(SMART_SPLIT_RE)].map((m) => m[0]);
}

/** `"'a\\'b'"` → `a'b`; ValueError for anything that is not a quoted literal. */
export function unescape_string_literal(s: string): string {
  if (!s || !`"'`.includes(s[0]) || s[s.length - 1] !== s[0]) throw new ValueError(`Not a string literal: '${s}'`);
  const quote = s[0];
  return s.slice(1, -1).split(`\\${quote}`).join(quote).split("\\\\").join("\\");
}

const PHONE_LETTERS: Record<string, string> = {};
for (const [digit, letters] of Object.entries({ 2: "abc", 3: "def", 4: "ghi", 5: "jkl", 6: "mno", 7: "pqrs", 8: "tuv", 9: "wxyz" }))
  for (const l of letters) PHONE_LETTERS[l] = digit;

/** `phone2numeric("0800-FLOWERS")` → "0800-3569377". */
export function phone2numeric(phone: unknown): string {
  return [...py_str(phone).toLowerCase()].map((c) => PHONE_LETTERS[c] ?? c).join("");
}

/** `slugify(" Jack & Jill ")` → "jack-jill": ASCII letters, digits, `_` and `-` only. */
export function slugify(value: unknown, allow_unicode = false): string {
  let s = py_str(value);
  s = allow_unicode ? s.normalize("NFKC") : s.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  s = s.toLowerCase().replace(allow_unicode ? /[^\p{L}\p{N}_\s-]/gu : /[^\w\s-]/g, "");
  return s.replace(/[-\s]+/g, "-").replace(/^[-_]+|[-_]+$/g, "");
}

/**
 * `wrap(text, width)`: each line broken at spaces so it fits `width` characters where it can;
 * a word longer than `width` stays whole. Existing line breaks are kept.
 */
export function wrap(text: string, width: number): string {
  const result: string[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  if (text.endsWith("\n") || text.endsWith("\r")) lines.pop();
  for (const line of lines) {
    const wrapped = wrap_line(line, width);
    if (wrapped.length) result.push(...wrapped);
    else result.push(line);
  }
  if (/[\r\n]$/.test(text)) result.push("");
  return result.join("\n");
}

/** textwrap.TextWrapper(break_long_words=False, break_on_hyphens=False).wrap(line) */
function wrap_line(line: string, width: number): string[] {
  const chunks = line.replace(/\t/g, "        ").replace(/\s/g, " ").split(/( +)/).filter((c) => c !== "");
  const lines: string[] = [];
  let current: string[] = [];
  let current_len = 0;
  while (chunks.length) {
    if (!current.length && chunks[0].trim() === "" && lines.length) chunks.shift();
    if (!chunks.length) break;
    const chunk = chunks[0];
    if (current_len + chunk.length <= width || (!current.length && chunk.trim() !== "")) {
      current.push(chunks.shift()!);
      current_len += chunk.length;
      if (current_len > width) flush();
      continue;
    }
    flush();
  }
  flush();
  return lines;

  function flush() {
    while (current.length && current[current.length - 1].trim() === "") current.pop();
    if (current.length) lines.push(current.join(""));
    current = [];
    current_len = 0;
  }
}

/** The text a truncation ends with: "%(truncated_text)s…" by default. */
export function add_truncation_text(text: string, truncate: string | null = null): string {
  const t = truncate ?? "%(truncated_text)s\u2026";
  if (t.includes("%(truncated_text)s")) return t.replace("%(truncated_text)s", text);
  if (text.endsWith(t)) return text;
  return `${text}${t}`;
}

const COMBINING = /\p{M}/u;
const ASCII = /^[\x00-\x7f]*$/;
const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);

/** Text shortened to a number of characters or words; `…` marks the cut. */
export class Truncator {
  constructor(readonly text: string) {}

  /** Keep at most `num` characters, the truncation text included. */
  chars(num: number | string, truncate: string | null = null, html = false): string {
    const length = Number.parseInt(String(num), 10);
    if (!(length > 0)) return "";
    const ascii = ASCII.test(this.text);
    const text = ascii ? this.text : this.text.normalize("NFC");
    let truncate_len = length;
    for (const ch of add_truncation_text("", truncate)) {
      if (!COMBINING.test(ch)) {
        truncate_len -= 1;
        if (truncate_len === 0) break;
      }
    }
    if (html) return truncate_html(text, { length: truncate_len, truncate, words: false, exact: length });
    if (ascii) {
      // One character per code unit and no combining marks: the count is the length.
      return text.length > length ? add_truncation_text(text.slice(0, truncate_len), truncate) : text;
    }
    const chars = [...text];
    let s_len = 0;
    let end_index: number | null = null;
    for (let i = 0; i < chars.length; i++) {
      if (COMBINING.test(chars[i])) continue;
      s_len += 1;
      if (end_index === null && s_len > truncate_len) end_index = i;
      if (s_len > length) return add_truncation_text(chars.slice(0, end_index ?? 0).join(""), truncate);
    }
    return text;
  }

  /** Keep at most `num` words (split on whitespace, rejoined with single spaces). */
  words(num: number | string, truncate: string | null = null, html = false): string {
    const length = Number.parseInt(String(num), 10);
    if (!(length > 0)) return "";
    if (html) return truncate_html(this.text, { length, truncate, words: true });
    const words = this.text.split(/\s+/).filter(Boolean);
    if (words.length > length) return add_truncation_text(words.slice(0, length).join(" "), truncate);
    return words.join(" ");
  }
}

/**
 * HTML-aware truncation: tags are copied, only text counts (an entity is one character), and the
 * tags still open at the cut are closed in reverse order. Text is re-escaped on the way out.
 */
/**
 * Truncate HTML to `length` characters (or words) of text, tags kept and closed. For characters,
 * `exact` is the length asked for: text that reaches it exactly with its last piece, at the very
 * end of the input, is kept as it was written (nothing to cut), as Django's parser does.
 */
function truncate_html(text: string, o: { length: number; truncate: string | null; words: boolean; exact?: number }): string {
  const output: string[] = [];
  const open_tags: string[] = [];
  let remaining = o.length;
  let processed = 0;
  const token_re = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][^\s/>]*)([^>]*)>|[^<]+|</g;
  for (const m of text.matchAll(token_re)) {
    const token = m[0];
    if (token.startsWith("<!--")) continue;
    if (m[2] !== undefined) {
      const tag = m[2].toLowerCase();
      if (m[1]) {
        if (!VOID_ELEMENTS.has(tag)) {
          output.push(`</${tag}>`);
          const i = open_tags.indexOf(tag);
          if (i >= 0) open_tags.splice(i, 1);
        }
      } else {
        output.push(token);
        const self_closing = m[3].trimEnd().endsWith("/");
        if (!VOID_ELEMENTS.has(tag) && !self_closing) open_tags.unshift(tag);
      }
      continue;
    }
    const data = html_text(token);
    const pieces = o.words ? data.split(/(?<=\S)\s+(?=\S)/) : [...data];
    if (o.exact !== undefined) {
      processed += pieces.length;
      // (The parser compares what is left of the raw input with the decoded text: an entity in it
      // makes them differ, and the text is cut after all.)
      if (processed === o.exact && m.index + token.length === text.length && token.length === data.length) {
        output.push(token, ...open_tags.map((t) => `</${t}>`));
        return output.join("");
      }
    }
    if (remaining < pieces.length) {
      const kept = o.words ? pieces.slice(0, remaining).join(" ") : pieces.slice(0, remaining).join("");
      output.push(add_truncation_text(escape(kept), o.truncate));
      output.push(...open_tags.map((t) => `</${t}>`));
      return output.join("");
    }
    remaining -= pieces.length;
    output.push(escape(o.words ? pieces.join(" ") : data));
  }
  return output.join("");
}

function html_text(s: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ent: string) => {
    if (ent[0] === "#") return String.fromCodePoint(ent[1].toLowerCase() === "x" ? parseInt(ent.slice(2), 16) : Number(ent.slice(1)));
    return named[ent.toLowerCase()] ?? m;
  });
}
