/**
 * werkzeug._internal: the WSGI "encoding dance". PEP 3333 passes the path and headers as
 * *native strings*: the raw bytes read as Latin-1. Werkzeug turns them back into real text by
 * re-encoding as Latin-1 and decoding as UTF-8 (`_wsgi_decoding_dance`), and does the reverse when
 * it builds an environ (`_wsgi_encoding_dance`).
 *
 *     _wsgi_decoding_dance("/caf\u00c3\u00a9")   // "/café"
 */
import { latin1_decode, latin1_encode, utf8_decode, utf8_encode } from "../python/bytes";
import { ValueError } from "../python/builtins";

/** Only ASCII characters (which read the same as Latin-1 and as UTF-8)? */
function is_ascii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Latin-1 "native string" → text (UTF-8, invalid bytes replaced). */
export function _wsgi_decoding_dance(s: string): string {
  if (is_ascii(s)) return s; // ASCII reads the same either way
  return utf8_decode(latin1_encode(s), "replace");
}

/** Text → Latin-1 "native string" (its UTF-8 bytes). */
export function _wsgi_encoding_dance(s: string): string {
  if (is_ascii(s)) return s;
  return latin1_decode(utf8_encode(s));
}

/** `_get_environ(obj)`: a Request gives its environ; an environ is itself. */
export function _get_environ(obj: { environ?: Record<string, any> } | Record<string, any>): Record<string, any> {
  const env = (obj as { environ?: unknown }).environ;
  return env && typeof env === "object" && "REQUEST_METHOD" in (env as object) ? (env as Record<string, any>) : (obj as Record<string, any>);
}

/** `_plain_int(value)`: ASCII digits with an optional `-` (no `+`, no `_`), else ValueError. */
export function _plain_int(value: string): number {
  const s = value.replace(/^[ \t]+|[ \t]+$/g, "");
  if (!/^-?[0-9]+$/.test(s)) throw new ValueError();
  return Number(s);
}

/** Python's `str.title()`: the first letter of every run of letters upper-cased, the rest lowered. */
export function py_title(s: string): string {
  let out = "";
  let prev_cased = false;
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const cased = lower !== upper;
    out += cased ? (prev_cased ? lower : upper) : ch;
    prev_cased = cased;
  }
  return out;
}
