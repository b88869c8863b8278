/**
 * django.utils.encoding: text ↔ bytes, and IRIs (Unicode URLs) ↔ URIs (ASCII, percent-encoded).
 *
 * A browser may send `/café/`; on the wire that is `/caf%C3%A9/`. `iri_to_uri` goes one way
 * (redirect Locations, `build_absolute_uri`), `uri_to_iri` the other (for display), and
 * `escape_uri_path` quotes a path for `request.get_full_path()`. `repercent_broken_unicode` keeps
 * bytes that are not valid UTF-8 as `%XX` escapes so a path can still become text.
 */
import { UnicodeDecodeError } from "../../python/builtins";
import { decode, encode, is_bytes, latin1_decode, utf8_decode, utf8_encode, type Bytes } from "../../python/bytes";
import { quote } from "../../python/urllib/parse";

/** A UnicodeDecodeError that also names the object that failed to decode. */
export class DjangoUnicodeDecodeError extends UnicodeDecodeError {}

/** Python's `str(value)` for the values frameworks pass around. */
export function py_str(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return value;
  return String(value);
}

/** Values `strings_only=True` leaves alone: None, numbers, booleans, dates and times. */
export function is_protected_type(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return true;
  const name = (value as object).constructor?.name;
  return ["datetime", "date", "time", "Decimal", "PyFloat"].includes(name);
}

/** `force_str(s)`: text stays text, bytes are decoded, anything else goes through `str()`. */
export function force_str(s: unknown, encoding = "utf-8", strings_only = false, errors: "strict" | "replace" = "strict"): any {
  if (typeof s === "string") return s;
  if (strings_only && is_protected_type(s)) return s;
  if (is_bytes(s)) {
    try {
      return decode(s, encoding, errors);
    } catch (e) {
      if (e instanceof UnicodeDecodeError) throw new DjangoUnicodeDecodeError(`${e.message}. You passed in ${latin1_decode(s)} (bytes)`);
      throw e;
    }
  }
  return py_str(s);
}

export const smart_str = force_str;

/** `force_bytes(s)`: bytes stay bytes (re-encoded if another encoding is asked), text is encoded. */
export function force_bytes(s: unknown, encoding = "utf-8", strings_only = false): any {
  if (is_bytes(s)) return encoding.toLowerCase().replace("_", "-") === "utf-8" ? s : encode(utf8_decode(s), encoding);
  if (strings_only && is_protected_type(s)) return s;
  return encode(py_str(s), encoding);
}

export const smart_bytes = force_bytes;

/**
 * `iri_to_uri(iri)`: percent-encode what a URI may not contain, leaving the reserved characters
 * and existing `%` escapes alone. `/café/?q=é` → `/caf%C3%A9/?q=%C3%A9`.
 */
export function iri_to_uri(iri: unknown): string | null {
  if (iri === null || iri === undefined) return null;
  return quote(py_str(iri), "/#%[]=:;$&()+,!?*@'~");
}

/** Bytes whose `%XX` escapes `uri_to_iri` may decode: unreserved ASCII and everything ≥ 0x80. */
function is_decodable_escape(hex: string): boolean {
  if (!/^[0-9a-fA-F]{2}$/.test(hex)) return false;
  const b = parseInt(hex, 16);
  if (b >= 0x80) return true;
  const ch = String.fromCharCode(b);
  return /[A-Za-z0-9\-._~]/.test(ch);
}

/** `uri_to_iri(uri)`: decode the escapes that stand for unreserved or non-ASCII characters. */
export function uri_to_iri(uri: unknown): string | null {
  if (uri === null || uri === undefined) return null;
  const bits = (is_bytes(uri) ? latin1_decode(uri) : py_str(uri)).split("%");
  if (bits.length === 1) return bits[0];
  const bytes: number[] = [...latin1_encode_loose(bits[0])];
  for (const item of bits.slice(1)) {
    const hex = item.slice(0, 2);
    if (is_decodable_escape(hex)) bytes.push(parseInt(hex, 16), ...latin1_encode_loose(item.slice(2)));
    else bytes.push(0x25, ...latin1_encode_loose(item));
  }
  return utf8_decode(repercent_broken_unicode(new Uint8Array(bytes)));
}

/** Text to UTF-8 bytes (the URI is ASCII in practice; non-ASCII text is kept as UTF-8). */
function latin1_encode_loose(s: string): Bytes {
  return utf8_encode(s);
}

/** `escape_uri_path(path)`: quote a path for a URI, keeping `/:@&+$,-_.!~*'()`. */
export function escape_uri_path(path: string): string {
  return quote(path, "/:@&+$,-_.!~*'()");
}

/**
 * `repercent_broken_unicode(path)`: bytes that are not valid UTF-8 become `%XX` escapes, so the
 * result always decodes. `b"/\xff/"` → `b"/%FF/"`.
 */
export function repercent_broken_unicode(path: Bytes): Bytes {
  const out: number[] = [];
  let i = 0;
  while (i < path.length) {
    const n = utf8_sequence_length(path, i);
    if (n > 0) {
      for (let j = 0; j < n; j++) out.push(path[i + j]);
      i += n;
    } else {
      for (const c of `%${path[i].toString(16).toUpperCase().padStart(2, "0")}`) out.push(c.charCodeAt(0));
      i += 1;
    }
  }
  return new Uint8Array(out);
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function utf8_sequence_length(b: Bytes, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  let n: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) [n, min] = [2, 0x80];
  else if (c >= 0xe0 && c <= 0xef) [n, min] = [3, 0x800];
  else if (c >= 0xf0 && c <= 0xf4) [n, min] = [4, 0x10000];
  else return 0;
  if (i + n > b.length) return 0;
  let cp = c & (0xff >> (n + 1));
  for (let j = 1; j < n; j++) {
    if ((b[i + j] & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (b[i + j] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

/** `filepath_to_uri(path)`: a file-system path as a URI path (backslashes become slashes). */
export function filepath_to_uri(path: string | null): string | null {
  if (path === null) return path;
  return quote(path.replace(/\\/g, "/"), "/~!*()'");
}

