/**
 * werkzeug.http: HTTP header text ↔ Python values. Status codes and reason phrases, dates
 * (`http_date` / `parse_date`), option headers (`text/html; charset=utf-8` ↔ `["text/html",
 * {charset: "utf-8"}]`), list and set headers (`Vary`, `Allow`), and cookies (`dump_cookie` writes a
 * `Set-Cookie` value, `parse_cookie` reads a `Cookie` header).
 *
 *     dump_cookie("session", "abc", { httponly: true })     // "session=abc; HttpOnly; Path=/"
 *     parse_options_header("text/html; charset=utf-8")      // ["text/html", {charset: "utf-8"}]
 *     http_date(0)                                          // "Thu, 01 Jan 1970 00:00:00 GMT"
 */
import { ValueError } from "../python/builtins";
import { latin1_decode, utf8_decode, utf8_encode } from "../python/bytes";
import { date, datetime, timedelta, timezone } from "../python/datetime";
import { quote, unquote } from "../python/urllib/parse";
import { time } from "../python/time";
import { HeaderSet, MultiDict } from "./datastructures/structures";
import type { Headers } from "./datastructures/headers";

/** Reason phrases by status code (Werkzeug's own spelling: "Non Authoritative Information"…). */
export const HTTP_STATUS_CODES: Record<number, string> = {
  100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
  200: "OK", 201: "Created", 202: "Accepted", 203: "Non Authoritative Information", 204: "No Content", 205: "Reset Content",
  206: "Partial Content", 207: "Multi Status", 208: "Already Reported", 226: "IM Used",
  300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified", 305: "Use Proxy",
  306: "Switch Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
  400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  406: "Not Acceptable", 407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
  411: "Length Required", 412: "Precondition Failed", 413: "Request Entity Too Large", 414: "Request URI Too Long",
  415: "Unsupported Media Type", 416: "Requested Range Not Satisfiable", 417: "Expectation Failed", 418: "I'm a teapot",
  421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency", 425: "Too Early",
  426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests", 431: "Request Header Fields Too Large",
  449: "Retry With", 451: "Unavailable For Legal Reasons",
  500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
  505: "HTTP Version Not Supported", 506: "Variant Also Negotiates", 507: "Insufficient Storage", 508: "Loop Detected",
  510: "Not Extended", 511: "Network Authentication Failed",
};

const TOKEN_CHARS = new Set("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~");
const ENTITY_HEADERS = new Set(["allow", "content-encoding", "content-language", "content-length", "content-location", "content-md5", "content-range", "content-type", "expires", "last-modified"]);
const HOP_BY_HOP_HEADERS = new Set(["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"]);

/** `quote_header_value(value, allow_token=True)`: a token as it is, anything else in quotes. */
export function quote_header_value(value: unknown, allow_token = true): string {
  const s = String(value);
  if (!s) return '""';
  if (allow_token && [...s].every((c) => TOKEN_CHARS.has(c))) return s;
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `unquote_header_value(value)`: remove surrounding quotes and backslash escapes. */
export function unquote_header_value(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, "$1");
  return value;
}

/** `dump_options_header(header, options)`: `text/html; charset=utf-8`. */
export function dump_options_header(header: string | null, options: Record<string, unknown>): string {
  const segments: string[] = header !== null ? [header] : [];
  for (const [key, value] of Object.entries(options)) {
    if (value === null || value === undefined) continue;
    segments.push(key.endsWith("*") ? `${key}=${value}` : `${key}=${quote_header_value(value)}`);
  }
  return segments.join("; ");
}

/** `dump_header(iterable)`: a list → `a, "b c"`; a dict → `a=1, b`. */
export function dump_header(iterable: Iterable<unknown> | Record<string, unknown>): string {
  if (Symbol.iterator in (iterable as object)) return [...(iterable as Iterable<unknown>)].map((x) => quote_header_value(x)).join(", ");
  return Object.entries(iterable as Record<string, unknown>)
    .map(([k, v]) => (v === null || v === undefined ? k : k.endsWith("*") ? `${k}=${v}` : `${k}=${quote_header_value(v)}`))
    .join(", ");
}

/** `parse_list_header(value)`: comma-separated items, quotes respected and removed. */
export function parse_list_header(value: string): string[] {
  const items: string[] = [];
  let item = "";
  let escape = false;
  let quoted = false;
  for (const ch of value) {
    if (escape) {
      escape = false;
      item += ch;
      continue;
    }
    if (quoted) {
      if (ch === "\\") escape = true;
      else if (ch === '"') quoted = false;
      item += ch;
      continue;
    }
    if (ch === ",") {
      items.push(item);
      item = "";
      continue;
    }
    if (ch === '"') quoted = true;
    item += ch;
  }
  if (quoted) return [];
  items.push(item);
  return items.map((x) => x.replace(/^[ \t]+|[ \t]+$/g, "")).filter(Boolean).map(unquote_header_value);
}

/** `parse_dict_header(value)`: `a=1, b="x y", c` → `{a: "1", b: "x y", c: null}`. */
export function parse_dict_header(value: string): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const item of parse_list_header(value)) {
    const eq = item.indexOf("=");
    const key = (eq < 0 ? item : item.slice(0, eq)).replace(/^[ \t]+|[ \t]+$/g, "");
    if (!key) continue;
    if (eq < 0) {
      result[key] = null;
      continue;
    }
    result[key] = unquote_header_value(item.slice(eq + 1).replace(/^[ \t]+|[ \t]+$/g, ""));
  }
  return result;
}

const PARAMETER_KEY = /([\w!#$%&'*+\-.^`|~]+)=/y;
const PARAMETER_TOKEN_VALUE = /[\w!#$%&'*+\-.^`|~]+/y;
const PARAMETER_DELIMITER = /;[ \t]*/g;
const PARAMETER_MARK = /(?:\*(\d+))?(\*)?$/;
const CHARSET_VALUE = /^([\w!#$%&*+\-.^`|~]*)'[\w!#$%&*+\-.^`|~]*'([\w!#$%&'*+\-.^`|~]+)$/;

/**
 * `parse_options_header(value)`: `text/html; charset="utf-8"` → `["text/html", {charset: "utf-8"}]`.
 * Keys are lower-cased; RFC 2231 continuations (`key*0=`, `key*=utf-8''…`) are joined and decoded.
 */
export function parse_options_header(value: string | null): [string, Record<string, string>] {
  if (value === null || value === undefined) return ["", {}];
  const semi = value.indexOf(";");
  const head = (semi < 0 ? value : value.slice(0, semi)).replace(/^[ \t]+|[ \t]+$/g, "");
  const rest = semi < 0 ? "" : value.slice(semi + 1).replace(/^[ \t]+|[ \t]+$/g, "");
  if (!head || !rest) return [head, {}];
  const parts = scan_parameters(rest);
  return [head, join_parameters(parts)];
}

function scan_parameters(rest: string): [string, string][] {
  const parts: [string, string][] = [];
  let pos = 0;
  while (pos < rest.length) {
    PARAMETER_KEY.lastIndex = pos;
    const mk = PARAMETER_KEY.exec(rest);
    if (mk) {
      const pk = mk[1].toLowerCase();
      pos = PARAMETER_KEY.lastIndex;
      PARAMETER_TOKEN_VALUE.lastIndex = pos;
      const mv = PARAMETER_TOKEN_VALUE.exec(rest);
      if (mv) parts.push([pk, mv[0]]);
      else if (rest[pos] === '"') {
        let q = pos + 1;
        let closed = false;
        while (q < rest.length) {
          if (rest.startsWith("\\\\", q) || rest.startsWith('\\"', q)) q += 2;
          else if (rest[q] === '"') {
            q += 1;
            parts.push([pk, rest.slice(pos, q)]);
            pos = q;
            closed = true;
            break;
          } else q += 1;
        }
        if (!closed) break;
      }
    }
    PARAMETER_DELIMITER.lastIndex = pos;
    const md = PARAMETER_DELIMITER.exec(rest);
    if (!md) break;
    pos = PARAMETER_DELIMITER.lastIndex;
  }
  return parts;
}

function join_parameters(parts: [string, string][]): Record<string, string> {
  const options: Record<string, string> = {};
  const continuations: Record<string, string[]> = {};
  const continuation_encodings: Record<string, string> = {};
  for (let [pk, pv] of parts) {
    let encoding: string | null = null;
    let has_continuation = false;
    let has_charset = false;
    const mark = PARAMETER_MARK.exec(pk);
    if (mark && mark[0].length > 0) {
      has_continuation = mark[1] !== undefined;
      has_charset = mark[2] !== undefined;
      pk = pk.slice(0, mark.index);
    }
    if (has_charset) {
      const mc = CHARSET_VALUE.exec(pv);
      if (mc) {
        encoding = mc[1].toLowerCase();
        pv = mc[2];
      }
      if (!encoding && has_continuation) encoding = continuation_encodings[pk] ?? null;
      if (encoding && ["ascii", "us-ascii", "utf-8", "iso-8859-1"].includes(encoding)) pv = unquote(pv, encoding === "iso-8859-1" ? "latin-1" : encoding === "us-ascii" ? "ascii" : encoding);
    } else pv = unquote_header_value(pv).replace(/%22/g, '"');
    if (has_continuation) {
      delete options[pk];
      (continuations[pk] ??= []).push(pv);
      if (encoding) continuation_encodings[pk] = encoding;
    } else {
      if (pk in continuations) {
        delete continuations[pk];
        delete continuation_encodings[pk];
      }
      options[pk] = pv;
    }
  }
  for (const [pk, pv] of Object.entries(continuations)) options[pk] = pv.join("");
  return options;
}

/** `parse_set_header(value, on_update=None)`: a HeaderSet (case-insensitive, order kept). */
export function parse_set_header(value: string | null | undefined, on_update: ((s: HeaderSet) => void) | null = null): HeaderSet {
  if (!value) return new HeaderSet(null, on_update);
  return new HeaderSet(parse_list_header(value), on_update);
}

/** `quote_etag(etag, weak=False)` */
export function quote_etag(etag: string, weak = false): string {
  if (etag.includes('"')) throw new ValueError("invalid etag");
  return weak ? `W/"${etag}"` : `"${etag}"`;
}

/** `unquote_etag(etag)` → `[etag, weak]` */
export function unquote_etag(etag: string | null): [string, boolean] | [null, null] {
  if (!etag) return [null, null];
  let e = etag.trim();
  let weak = false;
  if (e.startsWith("W/") || e.startsWith("w/")) {
    weak = true;
    e = e.slice(2);
  }
  if (e.startsWith('"') && e.endsWith('"')) e = e.slice(1, -1);
  return [e, weak];
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** `email.utils.format_datetime(dt, usegmt=True)` for a UTC datetime. */
function format_gmt(dt: datetime): string {
  return `${WEEKDAYS[dt.weekday()]}, ${pad2(dt.day)} ${MONTHS[dt.month - 1]} ${String(dt.year).padStart(4, "0")} ${pad2(dt.hour)}:${pad2(dt.minute)}:${pad2(dt.second)} GMT`;
}

/**
 * `http_date(timestamp=None)`: an RFC 2822 date in GMT. A naive datetime counts as UTC; a date is
 * its midnight; a number is seconds since the epoch (the fraction dropped); None is now.
 */
export function http_date(timestamp: datetime | date | number | null = null): string {
  if (timestamp instanceof datetime) return format_gmt(timestamp.tzinfo ? timestamp.astimezone(timezone.utc) : timestamp);
  if (timestamp instanceof date) return format_gmt(new datetime(timestamp.year, timestamp.month, timestamp.day));
  const seconds = Math.floor(timestamp ?? time());
  return format_gmt(datetime.EPOCH.add(new timedelta({ seconds })));
}

/**
 * `parse_date(value)`: an HTTP date (RFC 2822, RFC 850 or asctime) → an aware UTC datetime, or
 * None when it cannot be read.
 */
export function parse_date(value: string | null | undefined): datetime | null {
  if (value === null || value === undefined) return null;
  const m = /^\s*(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[\s-]+([A-Za-z]{3})[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?\s*$/.exec(value);
  const asctime = m ? null : /^\s*[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})\s*$/.exec(value);
  let day: number, mon: string, year: number, hh: number, mm: number, ss: number, zone: string | undefined;
  if (m) [day, mon, year, hh, mm, ss, zone] = [Number(m[1]), m[2], Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7]];
  else if (asctime) [mon, day, hh, mm, ss, year] = [asctime[1], Number(asctime[2]), Number(asctime[3]), Number(asctime[4]), Number(asctime[5]), Number(asctime[6])];
  else return null;
  const month = MONTHS.findIndex((x) => x.toLowerCase() === mon.toLowerCase()) + 1;
  if (!month) return null;
  if (year < 100) year += year > 68 ? 1900 : 2000;
  try {
    let dt = new datetime(year, month, day, hh, mm, ss, 0, timezone.utc);
    if (zone && /^[+-]\d{4}$/.test(zone)) {
      const sign = zone[0] === "-" ? -1 : 1;
      dt = dt.sub(new timedelta({ hours: sign * Number(zone.slice(1, 3)), minutes: sign * Number(zone.slice(3)) }));
    }
    return dt;
  } catch {
    return null;
  }
}

export function is_entity_header(header: string): boolean {
  return ENTITY_HEADERS.has(header.toLowerCase());
}

export function is_hop_by_hop_header(header: string): boolean {
  return HOP_BY_HOP_HEADERS.has(header.toLowerCase());
}

/** `remove_entity_headers(headers, allowed=("expires", "content-location"))`, in place. */
export function remove_entity_headers(headers: Headers, allowed: string[] = ["expires", "content-location"]): void {
  const keep = new Set(allowed.map((x) => x.toLowerCase()));
  for (const key of [...new Set([...headers.keys()].map((k) => k.toLowerCase()))]) if (is_entity_header(key) && !keep.has(key)) headers.remove(key);
}

// --- cookies ---------------------------------------------------------------------------------

const COOKIE_RE = /[ \t]*([^ \t=";]+)(?:[ \t]*=[ \t]*("(?:[^\\"]|\\.)*"|[^ \t";]*))?[ \t]*(?:;|$)/y;

/**
 * `parse_cookie(header, cls=MultiDict)`: `a=1; b="x y"` → a MultiDict (quoted values unescaped,
 * malformed pieces skipped up to the next `;`).
 */
export function parse_cookie(cookie: string | null | undefined, cls: new (items?: Iterable<[string, string]>) => MultiDict<string> = MultiDict): MultiDict<string> {
  if (!cookie) return new cls();
  const out: [string, string][] = [];
  let pos = 0;
  while (pos <= cookie.length) {
    COOKIE_RE.lastIndex = pos;
    const m = COOKIE_RE.exec(cookie);
    if (m === null || m[0].length === 0) {
      const next = cookie.indexOf(";", pos);
      if (next < 0) break;
      pos = next + 1;
      continue;
    }
    pos = COOKIE_RE.lastIndex;
    const key = m[1];
    let value = m[2] ?? "";
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = cookie_unslash(value.slice(1, -1));
    out.push([key, value]);
    if (pos >= cookie.length) break;
  }
  return new cls(out);
}

function cookie_unslash(value: string): string {
  const bytes = utf8_encode(value);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x5c || i + 1 >= bytes.length) {
      out.push(bytes[i]);
      continue;
    }
    const oct = String.fromCharCode(...bytes.subarray(i + 1, i + 4));
    if (/^[0-3][0-7]{2}$/.test(oct)) {
      out.push(parseInt(oct, 8));
      i += 3;
    } else {
      out.push(bytes[i + 1]);
      i += 1;
    }
  }
  return utf8_decode(new Uint8Array(out), "replace");
}

const COOKIE_NO_QUOTE = /^[A-Za-z0-9_!#$%&'()*+\-./:<=>?@[\]^`{|}~]*$/;

/** Escape a cookie value that needs quoting: `"` and `\` with a backslash, controls and 8-bit bytes as `\ooo`. */
function cookie_quote(value: string): string {
  let out = "";
  for (const b of utf8_encode(value)) {
    if (b === 0x22) out += '\\"';
    else if (b === 0x5c) out += "\\\\";
    else if (b <= 0x19 || b === 0x2c || b === 0x3b || b >= 0x7f) out += "\\" + b.toString(8).padStart(3, "0");
    else out += String.fromCharCode(b);
  }
  return `"${out}"`;
}

export interface CookieOptions {
  value?: string;
  max_age?: timedelta | number | null;
  expires?: string | datetime | number | null;
  path?: string | null;
  domain?: string | null;
  secure?: boolean;
  httponly?: boolean;
  sync_expires?: boolean;
  max_size?: number;
  samesite?: string | null;
  partitioned?: boolean;
}

/**
 * `dump_cookie(key, value="", max_age=None, expires=None, path="/", domain=None, secure=False,
 * httponly=False, sync_expires=True, max_size=4093, samesite=None, partitioned=False)`: the text of
 * one `Set-Cookie` header. A `max_age` without `expires` also writes `Expires` (now + max_age).
 */
export function dump_cookie(key: string, options: CookieOptions = {}): string {
  let { value = "", max_age = null, expires = null, path = "/", domain = null, secure = false } = options;
  const { httponly = false, sync_expires = true, partitioned = false } = options;
  let samesite = options.samesite ?? null;
  if (path !== null) path = quote(path, "%!$&'()*+,/:=@");
  if (domain) domain = domain.split(":")[0].replace(/^\.+/, "");
  if (max_age instanceof timedelta) max_age = Math.trunc(max_age.total_seconds());
  if (expires !== null) {
    if (typeof expires !== "string") expires = http_date(expires);
  } else if (max_age !== null && sync_expires) expires = http_date(time() + max_age);
  if (samesite !== null) {
    samesite = samesite.charAt(0).toUpperCase() + samesite.slice(1).toLowerCase();
    if (!["Strict", "Lax", "None"].includes(samesite)) throw new ValueError("SameSite must be 'Strict', 'Lax', or 'None'.");
  }
  if (partitioned) secure = true;
  if (!COOKIE_NO_QUOTE.test(value)) value = cookie_quote(value);
  const buf = [`${latin1_decode(utf8_encode(key))}=${value}`];
  const attrs: [string, string | number | boolean | null][] = [
    ["Domain", domain], ["Expires", expires], ["Max-Age", max_age], ["Secure", secure],
    ["HttpOnly", httponly], ["Path", path], ["SameSite", samesite], ["Partitioned", partitioned],
  ];
  for (const [k, v] of attrs) {
    if (v === null || v === false || v === undefined) continue;
    buf.push(v === true ? k : `${k}=${v}`);
  }
  return buf.join("; ");
}
