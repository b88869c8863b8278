/**
 * werkzeug.urls: IRIs (text with any Unicode) ↔ URIs (ASCII, percent-encoded), and query strings.
 *
 * `iri_to_uri("/caf\u00e9?q=\u00fc")` → `/caf%C3%A9?q=%C3%BC`: what a response's `Location` header
 * needs. `uri_to_iri` goes back, leaving encoded those characters that would change the URL's
 * meaning if decoded (`%2F` in a path, `%26` in a query, spaces and controls everywhere).
 * Werkzeug decodes with its own error handler, `werkzeug.url_quote`: bytes that are not valid
 * UTF-8 stay percent-encoded instead of becoming U+FFFD.
 */
import type { Bytes } from "../python/bytes";
import { quote, quote_plus, unquote_to_bytes, urlsplit, urlunsplit } from "../python/urllib/parse";
import { py_str } from "../python/operator";
import { iter_multi_items, type MultiItems } from "./datastructures/structures";

const HEX = "0123456789ABCDEF";

/** UTF-8 decoding where each invalid byte becomes `%XX` (the `werkzeug.url_quote` error handler). */
export function decode_url_quote(bytes: Bytes): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const [len, min] = b < 0x80 ? [1, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80] : b >= 0xe0 && b <= 0xef ? [3, 0x800] : b >= 0xf0 && b <= 0xf4 ? [4, 0x10000] : [0, 0];
    let cp = len === 1 ? b : len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      out += String.fromCodePoint(cp);
      i += len;
    } else {
      out += "%" + HEX[b >> 4] + HEX[b & 15];
      i += 1;
    }
  }
  return out;
}

/** `unquote(s, "utf-8", "werkzeug.url_quote")`: runs of ASCII with `%XX` decoded. */
export function _url_unquote(s: string): string {
  if (!s.includes("%")) return s;
  return s.replace(/[\x00-\x7f]+/g, (run) => decode_url_quote(unquote_to_bytes(run)));
}

/** Werkzeug's `parse_qsl(qs, keep_blank_values=True, errors="werkzeug.url_quote")`. */
export function _parse_qsl(qs: string): [string, string][] {
  const out: [string, string][] = [];
  for (const field of qs.split("&")) {
    if (!field) continue;
    const eq = field.indexOf("=");
    const [k, v] = eq >= 0 ? [field.slice(0, eq), field.slice(eq + 1)] : [field, ""];
    out.push([_url_unquote(k.replace(/\+/g, " ")), _url_unquote(v.replace(/\+/g, " "))]);
  }
  return out;
}

/** Keep `%XX` sequences for these characters encoded; decode every other one. */
function make_unquote_part(chars: string): (value: string) => string {
  const codes = new Set([...chars].map((c) => c.charCodeAt(0)));
  return (value: string) =>
    value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      let out = "";
      let pending = "";
      for (let i = 0; i < run.length; i += 3) {
        const code = parseInt(run.slice(i + 1, i + 3), 16);
        if (codes.has(code)) {
          out += _url_unquote(pending) + run.slice(i, i + 3);
          pending = "";
        } else pending += run.slice(i, i + 3);
      }
      return out + _url_unquote(pending);
    });
}

const ALWAYS_UNSAFE = String.fromCharCode(...Array.from({ length: 33 }, (_, i) => i), 37, 127);
const _unquote_fragment = make_unquote_part(ALWAYS_UNSAFE);
const _unquote_query = make_unquote_part(ALWAYS_UNSAFE + "&=+#");
const _unquote_path = make_unquote_part(ALWAYS_UNSAFE + "/?#");
const _unquote_user = make_unquote_part(ALWAYS_UNSAFE + ":@/?#");

/** Split `netloc` into userinfo and host:port as Python's urlsplit attributes do. */
function netloc_parts(netloc: string): { username: string | null; password: string | null } {
  const at = netloc.lastIndexOf("@");
  if (at < 0) return { username: null, password: null };
  const userinfo = netloc.slice(0, at);
  const colon = userinfo.indexOf(":");
  return colon < 0 ? { username: userinfo, password: null } : { username: userinfo.slice(0, colon), password: userinfo.slice(colon + 1) };
}

/** `uri_to_iri(uri)`: percent-escapes decoded where that keeps the URL's meaning. */
export function uri_to_iri(uri: string): string {
  const parts = urlsplit(uri);
  const path = _unquote_path(parts.path);
  const query = _unquote_query(parts.query);
  const fragment = _unquote_fragment(parts.fragment);
  let netloc = parts.hostname ?? "";
  if (netloc.includes(":")) netloc = `[${netloc}]`;
  if (parts.port !== null) netloc = `${netloc}:${parts.port}`;
  const { username, password } = netloc_parts(parts.netloc);
  if (username !== null) netloc = `${_unquote_user(username)}${password !== null ? `:${_unquote_user(password)}` : ""}@${netloc}`;
  return urlunsplit([parts.scheme, netloc, path, query, fragment]);
}

/** `iri_to_uri(iri)`: everything outside the URL-safe characters percent-encoded as UTF-8. */
export function iri_to_uri(iri: string): string {
  const parts = urlsplit(iri);
  const path = quote(parts.path, "%!$&'()*+,/:;=@");
  const query = quote(parts.query, "%!$&'()*+,/:;=?@");
  const fragment = quote(parts.fragment, "%!#$&'()*+,/:;=?@");
  let netloc = parts.hostname ?? "";
  if (netloc.includes(":")) netloc = `[${netloc}]`;
  if (parts.port !== null) netloc = `${netloc}:${parts.port}`;
  const { username, password } = netloc_parts(parts.netloc);
  if (username !== null) netloc = `${quote(username, "%!$&'()*+,;=")}${password !== null ? `:${quote(password, "%!$&'()*+,;=")}` : ""}@${netloc}`;
  return urlunsplit([parts.scheme, netloc, path, query, fragment]);
}

/** `_urlencode(query)`: pairs (None values dropped) → `a=1&b=x+y`, keeping `!$'()*,/:;?@` readable. */
export function _urlencode(query: MultiItems<unknown>): string {
  const items = [...iter_multi_items(query)].filter(([, v]) => v !== null && v !== undefined);
  return items.map(([k, v]) => `${quote_plus(py_str(k), "!$'()*,/:;?@")}=${quote_plus(v instanceof Uint8Array ? v : py_str(v), "!$'()*,/:;?@")}`).join("&");
}

