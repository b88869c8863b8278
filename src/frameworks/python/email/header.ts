/**
 * email.header: a header value → the folded, RFC 2047-encoded text a mail carries. Main function:
 * `Header(value, charset).encode()`, here `header_encode(value, { charset })`.
 *
 *   header_encode("Hello")                         // "Hello" (ASCII: folded at spaces, never encoded)
 *   header_encode("Gruß aus Köln", { charset: "utf-8" })  // "=?utf-8?b?R3J1w58gYXVzIEvDtmxu?="
 *   fold_header("Subject", value)                  // "Subject: …" folded at 78 columns (the generator's step)
 *
 * Non-ASCII text becomes encoded words `=?utf-8?q?…?=` or `=?utf-8?b?…?=`, whichever is shorter for
 * the whole value, split so that no line passes the limit. ASCII text is folded: when a line grows
 * past the limit it is broken before the last `;`, then `,`, then space or tab that leaves room —
 * Python's compat32 policy, which Django's mail uses, so the bytes match Python's email package.
 */
import { b64encode } from "../base64";
import { utf8_encode } from "../bytes";

export type HeaderCharset = "us-ascii" | "utf-8";

/** Where a line may break, in order of preference (Python's default `splitchars`). */
const SPLITCHARS = [";", ",", " ", "\t"];
/** Encoded-word overhead besides the charset name: `=?` `?q?` `?=`. */
const RFC2047_CHROME_LEN = 7;
const CONTINUATION_WS = " ";

/** One header line being built: (folding white space, word) pairs after `initial_size` columns. */
class Accumulator {
  parts: [string, string][] = [];
  constructor(public initial_size = 0) {}

  get length(): number {
    return this.parts.reduce((n, [fws, part]) => n + fws.length + part.length, this.initial_size);
  }

  push(fws: string, part: string): void {
    this.parts.push([fws, part]);
  }

  pop(): [string, string] {
    return this.parts.pop() ?? ["", ""];
  }

  pop_from(i: number): [string, string][] {
    return this.parts.splice(i);
  }

  reset(start: [string, string][] = []): void {
    this.parts = start;
    this.initial_size = 0;
  }

  is_onlyws(): boolean {
    return this.initial_size === 0 && (this.parts.length === 0 || /^\s+$/.test(this.toString()));
  }

  toString(): string {
    return this.parts.map(([fws, part]) => fws + part).join("");
  }
}

/** Python's `_ValueFormatter`: lays words and encoded words onto lines of at most `maxlen` columns. */
class HeaderFormatter {
  private lines: string[] = [];
  private current: Accumulator;

  constructor(
    header_len: number,
    private readonly maxlen: number,
  ) {
    this.current = new Accumulator(header_len);
  }

  /** The folded value, lines joined by `linesep` (each continuation line starts with its white space). */
  finish(linesep: string): string {
    this.newline();
    return this.lines.join(linesep);
  }

  newline(): void {
    const end = this.current.pop();
    if (end[0] !== " " || end[1] !== "") this.current.push(...end);
    if (this.current.length > 0) {
      if (this.current.is_onlyws() && this.lines.length > 0) this.lines[this.lines.length - 1] += this.current.toString();
      else this.lines.push(this.current.toString());
    }
    this.current.reset();
  }

  /** ASCII text: split at runs of white space, each word appended with the space before it. */
  feed_ascii(fws: string, text: string): void {
    const parts = (fws + text).split(/([ \t]+)/);
    if (parts[0]) parts.unshift("");
    else parts.shift();
    for (let i = 0; i + 1 < parts.length; i += 2) this.append_chunk(parts[i]!, parts[i + 1]!);
  }

  /** Non-ASCII text: encoded words sized to the room left on this line, then full lines. */
  feed_encoded(fws: string, text: string, charset: HeaderCharset): void {
    const first_room = this.maxlen - this.current.length;
    const lines = encode_words(text, charset, first_room, this.maxlen - CONTINUATION_WS.length);
    const first = lines.shift();
    if (first === undefined) return;
    if (first !== null) this.append_chunk(fws, first);
    const last = lines.pop();
    if (last === undefined) return;
    this.newline();
    this.current.push(CONTINUATION_WS, last!);
    for (const line of lines) this.lines.push(CONTINUATION_WS + line);
  }

  /** Add a word; past the limit, break the line at the best split point, working back from the end. */
  private append_chunk(fws: string, part: string): void {
    this.current.push(fws, part);
    if (this.current.length <= this.maxlen) return;
    const split_at = this.best_split_point();
    if (split_at === null) {
      // One word longer than the line: it goes alone on its own line (after the header name, if any).
      const [popped_fws, last] = this.current.pop();
      let last_fws = popped_fws;
      if (this.current.initial_size > 0) {
        this.newline();
        if (!last_fws) last_fws = " ";
      }
      this.current.push(last_fws, last);
      return;
    }
    const remainder = this.current.pop_from(split_at);
    this.lines.push(this.current.toString());
    this.current.reset(remainder);
  }

  private best_split_point(): number | null {
    const parts = this.current.parts;
    for (const ch of SPLITCHARS) {
      for (let i = parts.length - 1; i > 0; i--) {
        if (ch === " " || ch === "\t") {
          const fws = parts[i]![0];
          if (fws && fws[0] === ch) return i;
        }
        const previous = parts[i - 1]![1];
        if (previous && previous.endsWith(ch)) return i;
      }
    }
    return null;
  }
}

/** `Header(value, charset).encode()` (lines of at most 78 columns): Django's step before it sets a header. */
export function header_encode(value: string, options: { charset?: HeaderCharset; maxlinelen?: number; header_name?: string; linesep?: string } = {}): string {
  const charset = options.charset ?? "us-ascii";
  const formatter = new HeaderFormatter(options.header_name ? options.header_name.length + 2 : 0, options.maxlinelen ?? 78);
  const lines = value.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === "" && lines.length > 1) lines.pop();
  lines.forEach((line, i) => {
    if (i > 0) formatter.newline();
    if (charset === "us-ascii") {
      const stripped = i > 0 ? line.replace(/^\s+/, "") : line;
      formatter.feed_ascii(line.slice(0, line.length - stripped.length), stripped);
    } else {
      formatter.feed_encoded(i > 0 ? CONTINUATION_WS : "", i > 0 ? " " + line.replace(/^\s+/, "") : line, charset);
    }
  });
  if (lines.length > 1) formatter.newline();
  return formatter.finish(options.linesep ?? "\n");
}

/** The generator's step (policy compat32): `Name: value`, folded again at 78 columns. */
export function fold_header(name: string, value: string, linesep = "\n", maxlinelen = 78): string {
  return `${name}: ${header_encode(value, { header_name: name, maxlinelen, linesep })}${linesep}`;
}

/** Characters a `q` encoded word keeps as they are (space becomes `_`). */
const Q_SAFE = /^[-!*+/A-Za-z0-9]$/;

function q_length(bytes: Uint8Array): number {
  let n = 0;
  for (const byte of bytes) n += byte === 0x20 || Q_SAFE.test(String.fromCharCode(byte)) ? 1 : 3;
  return n;
}

function b_length(byte_count: number): number {
  return Math.ceil(byte_count / 3) * 4;
}

function q_encode(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) {
    const ch = String.fromCharCode(byte);
    out += byte === 0x20 ? "_" : Q_SAFE.test(ch) ? ch : "=" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/**
 * `Charset.header_encode_lines`: the text as encoded words, each fitting its line. The encoding
 * (q or b) is chosen once, for the whole text: base64 only when strictly shorter. A first line with
 * no room at all is `null` (the word starts on the next line).
 */
function encode_words(text: string, charset: HeaderCharset, first_room: number, room: number): (string | null)[] {
  const all = utf8_encode(text);
  const use_b = b_length(all.length) < q_length(all);
  // Both lengths grow with each character's bytes, so each line is measured as it is built.
  const length = (bytes: Uint8Array, byte_count: number, q_count: number) => (use_b ? b_length(byte_count + bytes.length) : q_count + q_length(bytes));
  const word = (chars: string) => {
    const bytes = utf8_encode(chars);
    return `=?${charset}?${use_b ? "b" : "q"}?${use_b ? b64encode(bytes) : q_encode(bytes)}?=`;
  };
  const extra = charset.length + RFC2047_CHROME_LEN;
  const lines: (string | null)[] = [];
  let current = "";
  let byte_count = 0;
  let q_count = 0;
  let maxlen = first_room - extra;
  for (const ch of text) {
    const bytes = utf8_encode(ch);
    if (length(bytes, byte_count, q_count) > maxlen) {
      if (lines.length === 0 && current === "") lines.push(null);
      else lines.push(word(current));
      current = "";
      byte_count = q_count = 0;
      maxlen = room - extra;
    }
    current += ch;
    byte_count += bytes.length;
    q_count += q_length(bytes);
  }
  lines.push(word(current));
  return lines;
}
