/**
 * Python's `str` ↔ `bytes`, in the codecs web servers use.
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
  throw new LookupErrorCodec(charset);
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
  return c;
}

export function is_known_codec(charset: string): boolean {
  const name = normalize_codec(charset);
  if (["utf-8", "latin-1", "ascii"].includes(name)) return true;
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
