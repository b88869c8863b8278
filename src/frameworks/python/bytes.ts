/**
 * Python's `str` ↔ `bytes`, in the codecs web servers use: utf-8, latin-1 and ascii first of all,
 * utf-16 and a few 8-bit "charmap" codecs (cp1252, iso-8859-15…) for the charsets users name.
 *
 * Python 3 keeps text and bytes apart; so do we: `string` is `str`, `Uint8Array` is `bytes`.
 * WSGI's own convention ("native strings" that carry bytes as Latin-1 characters) appears in the
 * environ, so Latin-1 gets first-class helpers here.
 */
import { UnicodeDecodeError, UnicodeEncodeError } from "./builtins";

const utf8_encoder = new TextEncoder();
// ignoreBOM: Python's utf-8 codec keeps a leading U+FEFF (only "utf-8-sig" strips it).
const utf8_strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf8_replace = new TextDecoder("utf-8", { ignoreBOM: true });

export type Bytes = Uint8Array;

export function is_bytes(value: unknown): value is Bytes {
  return value instanceof Uint8Array;
}

/** `s.encode('utf-8')` */
export function utf8_encode(s: string): Bytes {
  if (s.length <= 64) {
    // A short ASCII string (a header value, "Hello, World!"): copied byte by byte, which beats
    // TextEncoder's call overhead; anything else goes to TextEncoder.
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) return utf8_encoder.encode(s);
      out[i] = c;
    }
    return out;
  }
  return utf8_encoder.encode(s);
}

/** `b.decode('utf-8', errors)`: 'strict' raises UnicodeDecodeError, 'replace' substitutes U+FFFD. */
export function utf8_decode(b: Bytes, errors: "strict" | "replace" = "strict"): string {
  if (errors === "replace") return utf8_replace.decode(b);
  try {
    return utf8_strict.decode(b);
  } catch {
    throw new UnicodeDecodeError("'utf-8' codec can't decode bytes: invalid start byte");
  }
}

/**
 * `json.loads(b)` of bytes decodes them as its `detect_encoding` says: UTF-8 with a leading BOM is
 * 'utf-8-sig' (the BOM skipped); otherwise 'utf-8', strict. (UTF-16 and UTF-32 bodies aside.)
 */
export function json_bytes_decode(b: Bytes): string {
  return utf8_decode(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b);
}

const utf16le = new TextDecoder("utf-16le");

/**
 * `b.decode('latin-1')`: every byte maps to the code point of the same value. Long inputs are
 * widened to UTF-16 code units and decoded in one call (the WHATWG "latin1" label means
 * windows-1252, which differs in 0x80–0x9F, so it cannot be used).
 */
export function latin1_decode(b: Bytes): string {
  // apply, not spread: spreading a typed array walks its iterator (≈ 7× slower for a header).
  if (b.length <= 64) return String.fromCharCode.apply(null, b as unknown as number[]);
  return utf16le.decode(new Uint16Array(b));
}

/** `s.encode('latin-1')`: raises UnicodeEncodeError for characters above U+00FF. */
export function latin1_encode(s: string): Bytes {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw new UnicodeEncodeError(`'latin-1' codec can't encode character '${py_char_escape(s, i)}' in position ${i}: ordinal not in range(256)`);
    out[i] = c;
  }
  return out;
}

/** Encode with a Python codec name (the ones Django's charsets use). */
export function encode(s: string, charset: string): Bytes {
  const name = normalize_codec(charset);
  if (name === "utf-8") return utf8_encode(s);
  if (name === "latin-1") return latin1_encode(s);
  if (name === "ascii") {
    for (let i = 0; i < s.length; i++)
      if (s.charCodeAt(i) > 0x7f) throw new UnicodeEncodeError(`'ascii' codec can't encode character '${py_char_escape(s, i)}' in position ${i}: ordinal not in range(128)`);
    return latin1_encode(s);
  }
  if (name === "utf-16" || name === "utf-16-le" || name === "utf-16-be") return utf16_encode(s, name);
  const table = single_byte_table(name);
  if (table) return charmap_encode(s, table);
  throw new LookupErrorCodec(charset);
}

/** `s.encode('utf-16')` writes a byte-order mark and little-endian units; '-le'/'-be' write no mark. */
function utf16_encode(s: string, name: string): Bytes {
  const bom = name === "utf-16" ? 2 : 0;
  const out = new Uint8Array(bom + s.length * 2);
  const view = new DataView(out.buffer);
  if (bom) view.setUint16(0, 0xfeff, true);
  for (let i = 0; i < s.length; i++) view.setUint16(bom + i * 2, s.charCodeAt(i), name !== "utf-16-be");
  return out;
}

/**
 * Python's 8-bit "charmap" codecs (cp1252, iso-8859-15, …) as a table of the 256 characters their
 * bytes stand for (null where Python's table has a hole), read once from the platform's decoder.
 */
function single_byte_table(name: string): (string | null)[] | null {
  let table = single_byte_tables.get(name);
  if (table === undefined) {
    const label = SINGLE_BYTE_CODECS[name];
    if (label === undefined) return null;
    const decoder = new TextDecoder(label);
    table = Array.from({ length: 256 }, (_, byte) => (CP1252_HOLES.has(byte) && name === "cp1252" ? null : decoder.decode(new Uint8Array([byte]))));
    single_byte_tables.set(name, table);
  }
  return table;
}
const SINGLE_BYTE_CODECS: Record<string, string> = { cp1252: "windows-1252", "iso-8859-15": "iso-8859-15", "iso-8859-2": "iso-8859-2", cp1251: "windows-1251", "koi8-r": "koi8-r" };
/** Bytes Python's cp1252 leaves undefined (WHATWG's windows-1252 maps them to C1 controls). */
const CP1252_HOLES = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const single_byte_tables = new Map<string, (string | null)[]>();

function charmap_encode(s: string, table: (string | null)[]): Bytes {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const byte = table.indexOf(s[i]);
    if (byte < 0) throw new UnicodeEncodeError(`'charmap' codec can't encode character '${py_char_escape(s, i)}' in position ${i}: character maps to <undefined>`);
    out[i] = byte;
  }
  return out;
}

function charmap_decode(b: Bytes, table: (string | null)[], errors: "strict" | "replace"): string {
  let out = "";
  for (let i = 0; i < b.length; i++) {
    const ch = table[b[i]];
    if (ch === null && errors === "strict") throw new UnicodeDecodeError(`'charmap' codec can't decode byte 0x${b[i].toString(16).padStart(2, "0")} in position ${i}: character maps to <undefined>`);
    out += ch ?? "\ufffd";
  }
  return out;
}

/** Decode with a Python codec name. */
export function decode(b: Bytes, charset: string, errors: "strict" | "replace" = "strict"): string {
  const name = normalize_codec(charset);
  if (name === "utf-8") return utf8_decode(b, errors);
  if (name === "latin-1") return latin1_decode(b);
  if (name === "ascii") {
    if (errors === "strict" && b.some((c) => c > 0x7f)) throw new UnicodeDecodeError("'ascii' codec can't decode byte: ordinal not in range(128)");
    // errors="replace": each byte past 0x7F is U+FFFD, as in CPython.
    let out = "";
    for (let i = 0; i < b.length; i += 8192) out += String.fromCharCode.apply(null, Array.from(b.subarray(i, i + 8192), (c) => (c > 0x7f ? 0xfffd : c)));
    return out;
  }
  const table = single_byte_table(name);
  if (table) return charmap_decode(b, table, errors);
  try {
    return new TextDecoder(charset, { fatal: errors === "strict" }).decode(b);
  } catch (e) {
    if (e instanceof RangeError) throw new LookupErrorCodec(charset);
    throw new UnicodeDecodeError(`'${charset}' codec can't decode bytes`);
  }
}

export function normalize_codec(charset: string): string {
  let name = codec_names.get(charset);
  if (name === undefined) {
    name = normalize_codec_name(charset);
    if (codec_names.size >= 64) codec_names.clear();
    codec_names.set(charset, name);
  }
  return name;
}
const codec_names = new Map<string, string>();

function normalize_codec_name(charset: string): string {
  const c = charset.trim().toLowerCase().replace(/_/g, "-");
  if (c === "utf8" || c === "utf-8" || c === "u8") return "utf-8";
  if (["latin-1", "latin1", "iso-8859-1", "iso8859-1", "8859", "cp819", "l1", "latin"].includes(c)) return "latin-1";
  if (c === "ascii" || c === "us-ascii") return "ascii";
  if (c === "utf16" || c === "u16") return "utf-16";
  if (c === "utf-16le" || c === "utf-16be") return c.replace("16", "16-");
  if (c === "windows-1252" || c === "1252") return "cp1252";
  if (c === "windows-1251" || c === "1251") return "cp1251";
  if (["iso8859-15", "latin9", "l9"].includes(c)) return "iso-8859-15";
  if (["iso8859-2", "latin2", "l2"].includes(c)) return "iso-8859-2";
  return c;
}

export function is_known_codec(charset: string): boolean {
  const name = normalize_codec(charset);
  if (["utf-8", "latin-1", "ascii", "utf-16", "utf-16-le", "utf-16-be"].includes(name) || name in SINGLE_BYTE_CODECS) return true;
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

import { LookupError } from "./builtins";
/** `LookupError: unknown encoding: x` */
export class LookupErrorCodec extends LookupError {
  constructor(charset: string) {
    super(`unknown encoding: ${charset}`);
    this.name = "LookupError";
  }
}

export function concat_bytes(parts: Bytes[]): Bytes {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A `b"..."` literal for user code: ASCII/Latin-1 text as bytes. */
export function b(text: string): Bytes {
  return latin1_encode(text);
}

/** How Python's error messages spell a character: `\xe9`, `\u20ac`, `\U0001f600`. */
function py_char_escape(s: string, i: number): string {
  const cp = s.codePointAt(i)!;
  if (cp < 0x100) return "\\x" + cp.toString(16).padStart(2, "0");
  if (cp < 0x10000) return "\\u" + cp.toString(16).padStart(4, "0");
  return "\\U" + cp.toString(16).padStart(8, "0");
}
