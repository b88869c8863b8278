/**
 * Python's `urllib.parse`: URLs split into parts and joined back, text percent-encoded and decoded.
 *
 * Django leans on these for everything URL-shaped: `QueryDict` parses with `parse_qsl` and prints
 * with `urlencode`/`quote`; `iri_to_uri` and `escape_uri_path` are `quote` with chosen safe sets;
 * `build_absolute_uri` and redirects use `urlsplit` and `urljoin`. Behaviour is CPython 3.11's,
 * including its quirks (leading spaces stripped before the scheme, `%` sequences that are not
 * valid hex left alone, invalid UTF-8 decoded with U+FFFD).
 */
import { ValueError } from "../builtins";
import { bounded_cache } from "../functools";
import { decode, encode, latin1_decode, normalize_codec, utf8_decode, utf8_encode, type Bytes } from "../bytes";

const ALWAYS_SAFE = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~".split("").map((c) => c.charCodeAt(0)));
const HEX = "0123456789ABCDEF";

const ascii_decoder = new TextDecoder("utf-8");
const HEX_CODES = Uint8Array.from(HEX, (c) => c.charCodeAt(0));

function safe_table(safe: string | Bytes): Uint8Array {
  return safe_table_of(typeof safe === "string" ? safe : latin1_decode(safe));
}

/**
 * Per `safe` set: which bytes stay as they are (built once per set). CPython drops the non-ASCII
 * characters of `safe` (the output is always ASCII), so only its ASCII characters count.
 */
const safe_table_of = bounded_cache(64, (safe: string) => {
  const table = new Uint8Array(256);
  for (const c of ALWAYS_SAFE) table[c] = 1;
  for (let i = 0; i < safe.length; i++) {
    const c = safe.charCodeAt(i);
    if (c < 0x80) table[c] = 1;
  }
  return table;
});

/**
 * `quote_from_bytes(bs, safe)`: percent-encode every byte outside A–Z a–z 0–9 `_.-~` and `safe`.
 * Written into one byte buffer of ASCII and read back in one call.
 */
export function quote_from_bytes(bs: Bytes, safe: string | Bytes = "/", plus = false): string {
  const table = safe_table(safe);
  const out = new Uint8Array(bs.length * 3);
  let n = 0;
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i];
    if (plus && b === 0x20) out[n++] = 0x2b;
    else if (table[b]) out[n++] = b;
    else {
      out[n++] = 0x25;
      out[n++] = HEX_CODES[b >> 4];
      out[n++] = HEX_CODES[b & 15];
    }
  }
  return ascii_decoder.decode(out.subarray(0, n));
}

/** `quote(string, safe="/", encoding="utf-8")`; bytes are quoted as they are. */
export function quote(string: string | Bytes, safe: string | Bytes = "/", encoding = "utf-8"): string {
  const bs = typeof string === "string" ? encode(string, encoding) : string;
  return quote_from_bytes(bs, safe);
}

/** `quote_plus`: like quote, but spaces become `+` (form encoding), written as such in the one pass. */
export function quote_plus(string: string | Bytes, safe: string | Bytes = "", encoding = "utf-8"): string {
  const bs = typeof string === "string" ? encode(string, encoding) : string;
  return quote_from_bytes(bs, safe, true);
}

/** The value of the hex digit at s[i], or -1. */
function hex_digit(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

const utf8_encoder = new TextEncoder();

/** string[start:end] as UTF-8 into out at n; ASCII byte by byte (short runs between escapes are the common case). */
function write_utf8(string: string, start: number, end: number, out: Uint8Array, n: number): number {
  for (let i = start; i < end; i++) {
    const c = string.charCodeAt(i);
    if (c >= 0x80) return n + utf8_encoder.encodeInto(string.slice(i, end), out.subarray(n)).written;
    out[n++] = c;
  }
  return n;
}

/**
 * `unquote_to_bytes`: `%XX` with two hex digits becomes that byte; anything else stays as UTF-8.
 * The text between escapes is encoded a run at a time, so the work is linear in the input.
 */
export function unquote_to_bytes(string: string): Bytes {
  if (!string.includes("%")) return utf8_encode(string);
  const out = new Uint8Array(string.length * 3);
  let n = 0;
  let i = 0;
  while (i < string.length) {
    const pct = string.indexOf("%", i);
    const end = pct < 0 ? string.length : pct;
    if (end > i) n = write_utf8(string, i, end, out, n);
    if (pct < 0) break;
    const hi = hex_digit(string, pct + 1);
    const lo = hi < 0 ? -1 : hex_digit(string, pct + 2);
    if (lo >= 0) {
      out[n++] = hi * 16 + lo;
      i = pct + 3;
    } else {
      out[n++] = 0x25;
      i = pct + 1;
    }
  }
  return out.slice(0, n);
}

/**
 * `unquote` in one pass, for the codecs whose ASCII bytes decode to themselves (UTF-8, Latin-1,
 * ASCII) with errors="replace" — what parse_qsl, QueryDict and Django's URL helpers use.
 *
 * CPython decodes each run of ASCII characters (escapes included) on its own and keeps the other
 * characters as they are. For UTF-8 the same text comes out of one decode of the whole string's
 * bytes: an ASCII byte, and the lead byte a non-ASCII character's own encoding starts with, both
 * end an incomplete sequence exactly where a run boundary would, and a well-formed character
 * decodes back to itself. A lone surrogate (which has no UTF-8 form) returns null: the caller
 * takes the run-by-run path. Latin-1 and ASCII map each escaped byte to one code unit directly.
 * `plus`: `+` is a space (unquote_plus).
 */
function unquote_one_pass(string: string, codec: string, plus: boolean): string | null {
  const n = string.length;
  if (codec === "utf-8") {
    const out = new Uint8Array(n * 3);
    let o = 0;
    let i = 0;
    while (i < n) {
      const c = string.charCodeAt(i);
      if (c < 0x80) {
        if (c === 0x25) {
          const hi = hex_digit(string, i + 1);
          const lo = hi < 0 ? -1 : hex_digit(string, i + 2);
          if (lo >= 0) {
            out[o++] = hi * 16 + lo;
            i += 3;
            continue;
          }
        }
        out[o++] = plus && c === 0x2b ? 0x20 : c;
        i++;
        continue;
      }
      // A non-ASCII character, written as its UTF-8 bytes; a lone surrogate has none.
      if (c < 0x800) {
        out[o++] = 0xc0 | (c >> 6);
        out[o++] = 0x80 | (c & 0x3f);
        i++;
      } else if (c < 0xd800 || c > 0xdfff) {
        out[o++] = 0xe0 | (c >> 12);
        out[o++] = 0x80 | ((c >> 6) & 0x3f);
        out[o++] = 0x80 | (c & 0x3f);
        i++;
      } else {
        const d = string.charCodeAt(i + 1);
        if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return null;
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 0x3f);
        out[o++] = 0x80 | ((cp >> 6) & 0x3f);
        out[o++] = 0x80 | (cp & 0x3f);
        i += 2;
      }
    }
    return utf8_decode(out.subarray(0, o), "replace");
  }
  const out = new Uint16Array(n);
  let o = 0;
  for (let i = 0; i < n; ) {
    const c = string.charCodeAt(i);
    if (c === 0x25) {
      const hi = hex_digit(string, i + 1);
      const lo = hi < 0 ? -1 : hex_digit(string, i + 2);
      if (lo >= 0) {
        const b = hi * 16 + lo;
        out[o++] = b < 0x80 || codec === "latin-1" ? b : 0xfffd;
        i += 3;
        continue;
      }
    }
    out[o++] = plus && c === 0x2b ? 0x20 : c;
    i++;
  }
  return code_units_to_string(out.subarray(0, o));
}

/** `string.replace('+', ' ')`, a code unit at a time (a regex replace of millions of matches takes a quarter second). */
function plus_to_space(string: string): string {
  const out = new Uint16Array(string.length);
  for (let i = 0; i < string.length; i++) {
    const c = string.charCodeAt(i);
    out[i] = c === 0x2b ? 0x20 : c;
  }
  return code_units_to_string(out);
}

/** UTF-16 code units → string, lone surrogates kept (a UTF-16 decoder would replace them). */
function code_units_to_string(units: Uint16Array): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 8192) parts.push(String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]));
  return parts.join("");
}

/** CPython's own path: each run of ASCII characters is unquoted to bytes and decoded; other characters stay. */
function unquote_by_runs(string: string, encoding: string, errors: "strict" | "replace"): string {
  // In an ASCII-compatible codec a run without "%" decodes to itself: only runs holding an escape go through bytes.
  const ascii_compatible = ["utf-8", "latin-1", "ascii"].includes(normalize_codec(encoding));
  return string.replace(/[\x00-\x7f]+/g, (run) => (ascii_compatible && !run.includes("%") ? run : decode(unquote_to_bytes(run), encoding, errors)));
}

/** `unquote(string, encoding="utf-8", errors="replace")`: `%XX` escapes decoded, in time linear in the string. */
export function unquote(string: string, encoding = "utf-8", errors: "strict" | "replace" = "replace"): string {
  if (!string.includes("%")) return string;
  const codec = normalize_codec(encoding);
  const fast = errors === "replace" && (codec === "utf-8" || codec === "latin-1" || codec === "ascii") ? unquote_one_pass(string, codec, false) : null;
  return fast ?? unquote_by_runs(string, encoding, errors);
}

/** `unquote_plus`: `+` means space, then unquote. */
export function unquote_plus(string: string, encoding = "utf-8", errors: "strict" | "replace" = "replace"): string {
  const has_plus = string.includes("+");
  if (!string.includes("%")) return has_plus ? plus_to_space(string) : string;
  const codec = normalize_codec(encoding);
  const fast = errors === "replace" && (codec === "utf-8" || codec === "latin-1" || codec === "ascii") ? unquote_one_pass(string, codec, true) : null;
  return fast ?? unquote_by_runs(has_plus ? plus_to_space(string) : string, encoding, errors);
}

export interface ParseQslOptions {
  keep_blank_values?: boolean;
  strict_parsing?: boolean;
  encoding?: string;
  errors?: "strict" | "replace";
  max_num_fields?: number | null;
  separator?: string;
}

/**
 * `parse_qsl(qs, keep_blank_values, …)`: `"a=1&b=two+words"` → `[["a","1"],["b","two words"]]`.
 * Only `&` separates; `max_num_fields` raises ValueError before anything is parsed.
 */
export function parse_qsl(qs: string, options: ParseQslOptions = {}): [string, string][] {
  const { keep_blank_values = false, strict_parsing = false, encoding = "utf-8", errors = "replace", separator = "&" } = options;
  const max = options.max_num_fields;
  if (max !== undefined && max !== null) {
    const num_fields = qs.split(separator).length; // Python: 1 + qs.count(separator)
    if (max < num_fields) throw new ValueError("Max number of fields exceeded");
  }
  const result: [string, string][] = [];
  for (const name_value of qs.split(separator)) {
    if (!name_value && !strict_parsing) continue;
    const eq = name_value.indexOf("=");
    let nv: [string, string];
    if (eq >= 0) nv = [name_value.slice(0, eq), name_value.slice(eq + 1)];
    else if (strict_parsing) throw new ValueError(`bad query field: '${name_value}'`);
    else if (keep_blank_values) nv = [name_value, ""];
    else continue;
    if (nv[1].length || keep_blank_values) result.push([unquote_plus(nv[0], encoding, errors), unquote_plus(nv[1], encoding, errors)]);
  }
  return result;
}

/**
 * `urlencode(query, doseq=False, safe="")`: pairs (or an object) → `a=1&b=two+words`.
 * With `doseq`, a list value becomes repeated keys.
 */
export function urlencode(
  query: Iterable<[unknown, unknown]> | Record<string, unknown>,
  options: { doseq?: boolean; safe?: string; encoding?: string } = {},
): string {
  const { doseq = false, safe = "", encoding = "utf-8" } = options;
  const pairs: [unknown, unknown][] = Symbol.iterator in (query as object) ? [...(query as Iterable<[unknown, unknown]>)] : Object.entries(query);
  const q = (v: unknown) => quote_plus(v instanceof Uint8Array ? v : String(v), safe, encoding);
  const out: string[] = [];
  for (const [k, v] of pairs) {
    if (doseq && Array.isArray(v)) for (const item of v) out.push(`${q(k)}=${q(item)}`);
    else out.push(`${q(k)}=${q(v)}`);
  }
  return out.join("&");
}

/** `urlsplit(...)`'s result: five parts, plus `hostname`/`port` as Python computes them. */
export class SplitResult {
  constructor(
    readonly scheme: string,
    readonly netloc: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}

  /** Lowercased host without userinfo, port or IPv6 brackets; null when there is none. */
  get hostname(): string | null {
    let host = this.netloc.slice(this.netloc.lastIndexOf("@") + 1);
    if (host.startsWith("[")) {
      const end = host.indexOf("]");
      host = end >= 0 ? host.slice(1, end) : host.slice(1);
    } else {
      const colon = host.indexOf(":");
      if (colon >= 0) host = host.slice(0, colon);
    }
    return host ? host.toLowerCase() : null;
  }

  /** The port as a number; ValueError when it is not a number in 0..65535. */
  get port(): number | null {
    const host = this.netloc.slice(this.netloc.lastIndexOf("@") + 1);
    const after = host.startsWith("[") ? host.slice(host.indexOf("]") + 1) : host;
    const colon = after.indexOf(":");
    if (colon < 0) return null;
    const text = after.slice(colon + 1);
    if (!text) return null;
    if (!/^\d+$/.test(text)) throw new ValueError(`Port could not be cast to integer value as '${text}'`);
    const port = Number(text);
    if (port > 65535) throw new ValueError("Port out of range 0-65535");
    return port;
  }

  geturl(): string {
    return urlunsplit([this.scheme, this.netloc, this.path, this.query, this.fragment]);
  }
}

const SCHEME_CHARS = /^[A-Za-z0-9+\-.]+$/;
const C0_CONTROL_OR_SPACE = /^[\x00-\x20]+/;

/** `urlsplit(url, scheme="", allow_fragments=True)` */
export function urlsplit(url: string, scheme = "", allow_fragments = true): SplitResult {
  url = url.replace(C0_CONTROL_OR_SPACE, "").replace(/[\t\r\n]/g, "");
  scheme = scheme.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "").replace(/[\t\r\n]/g, "");
  let netloc = "";
  let query = "";
  let fragment = "";
  const colon = url.indexOf(":");
  if (colon > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  if (url.startsWith("//")) {
    [netloc, url] = split_netloc(url, 2);
    if (netloc.includes("[") !== netloc.includes("]")) throw new ValueError("Invalid IPv6 URL");
  }
  if (allow_fragments && url.includes("#")) [url, fragment] = split_once(url, "#");
  if (url.includes("?")) [url, query] = split_once(url, "?");
  return new SplitResult(scheme, netloc, url, query, fragment);
}

function split_once(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return [s.slice(0, i), s.slice(i + sep.length)];
}

function split_netloc(url: string, start: number): [string, string] {
  let delim = url.length;
  for (const c of "/?#") {
    const i = url.indexOf(c, start);
    if (i >= 0) delim = Math.min(delim, i);
  }
  return [url.slice(start, delim), url.slice(delim)];
}

const USES_RELATIVE = new Set(["", "ftp", "http", "gopher", "nntp", "imap", "wais", "file", "https", "shttp", "mms", "prospero", "rtsp", "rtspu", "sftp", "svn", "svn+ssh", "ws", "wss"]);
const USES_NETLOC = new Set(["", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp", "snews", "prospero", "rtsp", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss"]);

/** `urlunsplit((scheme, netloc, path, query, fragment))` */
export function urlunsplit([scheme, netloc, url, query, fragment]: [string, string, string, string, string]): string {
  if (netloc || (scheme && USES_NETLOC.has(scheme) && url.slice(0, 2) !== "//")) {
    if (url && !url.startsWith("/")) url = "/" + url;
    url = "//" + netloc + url;
  }
  if (scheme) url = scheme + ":" + url;
  if (query) url += "?" + query;
  if (fragment) url += "#" + fragment;
  return url;
}

/** `urljoin(base, url)`: resolve a reference against a base URL (RFC 3986 dot-segment rules). */
export function urljoin(base: string, url: string, allow_fragments = true): string {
  if (!base) return url;
  if (!url) return base;
  const b = urlsplit(base, "", allow_fragments);
  const r = urlsplit(url, b.scheme, allow_fragments);
  const { scheme, query, fragment } = r;
  let { netloc, path } = r;
  let q = query;
  if (scheme !== b.scheme || !USES_RELATIVE.has(scheme)) return url;
  if (USES_NETLOC.has(scheme)) {
    if (netloc) return urlunsplit([scheme, netloc, path, query, fragment]);
    netloc = b.netloc;
  }
  if (!path) {
    path = b.path;
    if (!q) q = b.query;
    return urlunsplit([scheme, netloc, path, q, fragment]);
  }
  const base_parts = b.path.split("/");
  if (base_parts[base_parts.length - 1] !== "") base_parts.pop();
  let segments: string[];
  if (path.startsWith("/")) segments = path.split("/");
  else {
    segments = [...base_parts, ...path.split("/")];
    segments = [segments[0], ...segments.slice(1, -1).filter(Boolean), ...(segments.length > 1 ? [segments[segments.length - 1]] : [])];
  }
  const resolved: string[] = [];
  for (const seg of segments) {
    if (seg === "..") resolved.pop();
    else if (seg !== ".") resolved.push(seg);
  }
  const last = segments[segments.length - 1];
  if (last === "." || last === "..") resolved.push("");
  return urlunsplit([scheme, netloc, resolved.join("/") || "/", q, fragment]);
}
