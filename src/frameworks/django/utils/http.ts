/**
 * django.utils.http: the small HTTP formats Django reads and writes.
 *
 * Dates in headers (`http_date` ↔ `parse_http_date`), query strings (`urlencode`), header
 * parameters (`parse_header_parameters("text/html; charset=utf-8")` → `["text/html",
 * {charset: "utf-8"}]`), ETags, base36/base64 tokens, and the open-redirect guard
 * `url_has_allowed_host_and_scheme` that login views use for `?next=`.
 */
import { TypeError, ValueError, py_repr } from "../../python/builtins";
import type { Bytes } from "../../python/bytes";
import { datetime, timezone } from "../../python/datetime";
import { quote, unquote, urlencode as original_urlencode, urlsplit } from "../../python/urllib/parse";
import { MultiValueDict } from "./datastructures";
import { py_str } from "./encoding";

export const MAX_URL_LENGTH = 2048;
export const MAX_URL_REDIRECT_LENGTH = 16384;
export const RFC3986_GENDELIMS = ":/?#[]@";
export const RFC3986_SUBDELIMS = "!$&'()*+,;=";

const MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split(" ");
const T = String.raw`(?<hour>[0-9]{2}):(?<min>[0-9]{2}):(?<sec>[0-9]{2})`;
const RFC1123_DATE = new RegExp(String.raw`^\w{3}, (?<day>[0-9]{2}) (?<mon>\w{3}) (?<year>[0-9]{4}) ${T} GMT$`);
const RFC850_DATE = new RegExp(String.raw`^\w{6,9}, (?<day>[0-9]{2})-(?<mon>\w{3})-(?<year>[0-9]{2}) ${T} GMT$`);
const ASCTIME_DATE = new RegExp(String.raw`^\w{3} (?<mon>\w{3}) (?<day>[ 0-9][0-9]) ${T} (?<year>[0-9]{4})$`);

/**
 * `urlencode(query, doseq=False)`: like Python's, but also takes a MultiValueDict, and refuses
 * None values ("Cannot encode None for key …").
 */
export function urlencode(query: MultiValueDict | Record<string, unknown> | Map<string, unknown> | Iterable<[string, unknown]>, doseq = false): string {
  let pairs: Iterable<[string, unknown]>;
  if (query instanceof MultiValueDict) pairs = query.lists();
  else if (query instanceof Map) pairs = query.entries();
  else if (Symbol.iterator in (query as object)) pairs = query as Iterable<[string, unknown]>;
  else pairs = Object.entries(query as Record<string, unknown>);
  const params: [string, unknown][] = [];
  const none_error = (key: string) => new TypeError(`Cannot encode None for key '${key}' in a query string. Did you mean to pass an empty string or omit the value?`);
  for (const [key, value] of pairs) {
    if (value === null || value === undefined) throw none_error(key);
    if (!doseq || typeof value === "string" || value instanceof Uint8Array || !is_iterable(value)) {
      params.push([key, value]);
      continue;
    }
    const items: unknown[] = [];
    for (const item of value as Iterable<unknown>) {
      if (item === null || item === undefined) throw none_error(key);
      items.push(item instanceof Uint8Array ? item : py_str(item));
    }
    params.push([key, items]);
  }
  const encodable = params.map(([k, v]): [string, unknown] => [k, typeof v === "string" || v instanceof Uint8Array || Array.isArray(v) ? v : py_str(v)]);
  return original_urlencode(encodable, { doseq });
}

function is_iterable(value: unknown): boolean {
  return value !== null && typeof value === "object" && Symbol.iterator in value;
}

/** `http_date(epoch_seconds)`: `Wed, 21 Oct 2015 07:28:00 GMT` (RFC 9110), whole seconds. */
export function http_date(epoch_seconds: number | null = null): string {
  const seconds = epoch_seconds === null ? Date.now() / 1000 : epoch_seconds;
  return new Date(Math.floor(seconds) * 1000).toUTCString();
}

/** `parse_http_date(date)`: seconds since the epoch from any of the three RFC 9110 date formats. */
export function parse_http_date(date: string): number {
  const m = RFC1123_DATE.exec(date) ?? RFC850_DATE.exec(date) ?? ASCTIME_DATE.exec(date);
  if (!m) throw new ValueError(`${py_repr(date)} is not in a valid HTTP date format`);
  const g = m.groups!;
  try {
    let year = Number(g.year);
    if (year < 100) {
      const current_year = datetime.now(timezone.utc).year;
      const current_century = current_year - (current_year % 100);
      year += year - (current_year % 100) > 50 ? current_century - 100 : current_century;
    }
    const month = MONTHS.indexOf(g.mon.toLowerCase()) + 1;
    if (month === 0) throw new ValueError("bad month");
    const result = new datetime(year, month, Number(g.day.trim()), Number(g.hour), Number(g.min), Number(g.sec), 0, timezone.utc);
    return Math.trunc(result.timestamp());
  } catch {
    throw new ValueError(`${py_repr(date)} is not a valid date`);
  }
}

/** Like parse_http_date, but None instead of an error. */
export function parse_http_date_safe(date: string): number | null {
  try {
    return parse_http_date(date);
  } catch {
    return null;
  }
}

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

/** `base36_to_int("ab")`: ValueError for input longer than 13 characters (int overflow guard). */
export function base36_to_int(s: string): number {
  if (s.length > 13) throw new ValueError("Base36 input too large");
  if (!/^[0-9a-z]+$/i.test(s)) throw new ValueError(`invalid literal for int() with base 36: '${s}'`);
  return parseInt(s, 36);
}

/** `int_to_base36(i)` */
export function int_to_base36(i: number): string {
  if (i < 0) throw new ValueError("Negative base36 conversion input.");
  if (i < 36) return BASE36[i];
  let out = "";
  while (i !== 0) {
    out = BASE36[i % 36] + out;
    i = Math.floor(i / 36);
  }
  return out;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 of bytes (with `=` padding). */
export function base64_encode(bytes: Bytes): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? B64[n & 63] : "=";
  }
  return out;
}

/** Standard (or URL-safe) base64 text to bytes; ValueError on bad input. */
export function base64_decode(text: string): Bytes {
  const s = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(s) || s.length % 4 === 1) throw new ValueError("Invalid base64-encoded string");
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of s) {
    buffer = (buffer << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** `urlsafe_base64_encode(s)`: base64 with `-_` and no padding, for URLs (password reset uidb64). */
export function urlsafe_base64_encode(s: Bytes): string {
  return base64_encode(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `urlsafe_base64_decode(s)` */
export function urlsafe_base64_decode(s: string): Bytes {
  return base64_decode(s);
}

/** `parse_etags(etag_str)`: `*` or the list of quoted ETags in an If-None-Match header. */
export function parse_etags(etag_str: string): string[] {
  if (etag_str.trim() === "*") return ["*"];
  const out: string[] = [];
  for (const m of etag_str.matchAll(/\s*((?:W\/)?"[^"]*")\s*(?:,|$)/g)) out.push(m[1]);
  return out;
}

/** `quote_etag(s)`: wrap in quotes unless it already is a (weak) ETag. */
export function quote_etag(etag_str: string): string {
  return /^(?:W\/)?"[^"]*"$/.test(etag_str) ? etag_str : `"${etag_str}"`;
}

/**
 * `is_same_domain(host, pattern)`: exact match, or a pattern starting with `.` that matches the
 * domain and all its subdomains (`.example.com` matches `example.com` and `a.example.com`).
 */
export function is_same_domain(host: string, pattern: string): boolean {
  if (!pattern) return false;
  pattern = pattern.toLowerCase();
  return (pattern[0] === "." && (host.endsWith(pattern) || host === pattern.slice(1))) || pattern === host;
}

/**
 * `url_has_allowed_host_and_scheme(url, allowed_hosts, require_https=False)`: is `url` safe to
 * redirect to? Relative URLs are; absolute ones only to an allowed host over http(s). Checked
 * twice, the second time with backslashes read as slashes (browsers do that).
 */
export function url_has_allowed_host_and_scheme(url: string | null, allowed_hosts: Iterable<string> | string | null, require_https = false): boolean {
  if (url !== null) url = url.trim();
  if (!url) return false;
  const hosts = new Set<string>(allowed_hosts === null ? [] : typeof allowed_hosts === "string" ? [allowed_hosts] : allowed_hosts);
  return check_url_host_and_scheme(url, hosts, require_https) && check_url_host_and_scheme(url.replace(/\\/g, "/"), hosts, require_https);
}

function check_url_host_and_scheme(url: string, allowed_hosts: Set<string>, require_https: boolean): boolean {
  if (url.startsWith("///") || url.length > MAX_URL_LENGTH) return false;
  let info;
  try {
    info = urlsplit(url);
  } catch {
    return false;
  }
  if (!info.netloc && info.scheme) return false;
  if (/^\p{C}/u.test(url)) return false;
  const scheme = !info.scheme && info.netloc ? "http" : info.scheme;
  const valid_schemes = require_https ? ["https"] : ["http", "https"];
  return (!info.netloc || allowed_hosts.has(info.netloc)) && (!scheme || valid_schemes.includes(scheme));
}

/** `escape_leading_slashes(url)`: `//evil.com` would be scheme-relative; make it `/%2Fevil.com`. */
export function escape_leading_slashes(url: string): string {
  return url.startsWith("//") ? `/%2F${url.slice(2)}` : url;
}

/** Split `;`-separated header parameters, keeping `;` inside quoted strings. */
function* parse_params(line: string): Generator<string> {
  // Django's `_parseparam`: each ";" ends a parameter unless an odd number of unescaped quotes
  // precede it. Django recounts the quotes from the parameter's start for every ";" it tries
  // (quadratic on `;"` repeated); the counts here only move forward, so the scan is linear.
  let start = 0;
  while (line[start] === ";") {
    start += 1;
    let quotes = 0;
    let escaped = 0;
    let counted = start;
    const odd_quotes_before = (end: number): boolean => {
      for (; counted < end; counted++) {
        if (line[counted] !== '"') continue;
        quotes += 1;
        if (counted > start && line[counted - 1] === "\\") escaped += 1;
      }
      return (quotes - escaped) % 2 !== 0;
    };
    let end = line.indexOf(";", start);
    while (end > start && odd_quotes_before(end)) end = line.indexOf(";", end + 1);
    if (end < 0) end = line.length;
    yield line.slice(start, end).trim();
    start = end;
  }
}

/**
 * `parse_header_parameters("text/html; charset=UTF-8")` → `["text/html", {charset: "UTF-8"}]`.
 * The main value is lowercased, parameter names too; quoted values are unquoted, and RFC 2231
 * `name*=utf-8''caf%C3%A9` values are decoded.
 */
export function parse_header_parameters(line: string): [string, Record<string, string>] {
  const parts = parse_params(";" + line);
  const key = (parts.next().value ?? "").toLowerCase();
  const pdict: Record<string, string> = {};
  for (const p of parts) {
    const i = p.indexOf("=");
    if (i < 0) continue;
    let has_encoding = false;
    let name = p.slice(0, i).trim().toLowerCase();
    if (name.endsWith("*")) {
      name = name.slice(0, -1);
      if (p.split("'").length - 1 === 2) has_encoding = true;
    }
    let value = p.slice(i + 1).trim();
    if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
      value = value.slice(1, -1).replace(/\\\\/g, "\\").replace(/\\"/g, '"');
    }
    if (has_encoding) {
      const [encoding, , encoded] = value.split("'");
      value = unquote(encoded, encoding);
    }
    pdict[name] = value;
  }
  return [key, pdict];
}

/** `content_disposition_header(as_attachment, filename)`: `attachment; filename="a.txt"` or RFC 5987 form. */
export function content_disposition_header(as_attachment: boolean, filename: string): string | null {
  if (filename) {
    const disposition = as_attachment ? "attachment" : "inline";
    const quotable = /^[\t \x21-\x7e]*$/.test(filename);
    const file_expr = quotable ? `filename="${filename.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"` : `filename*=utf-8''${quote(filename)}`;
    return `${disposition}; ${file_expr}`;
  }
  return as_attachment ? "attachment" : null;
}

