/**
 * The `Set-Cookie` value `Response.set_cookie` builds, as Python's `http.cookies.SimpleCookie`
 * writes it (Starlette builds a one-cookie SimpleCookie and takes `output(header="")`):
 * `key=value`, then the attributes that were set in sorted order — `expires`, `HttpOnly`,
 * `Max-Age`, `Path`, `SameSite`, `Secure` — a value with characters a cookie cannot carry
 * quoted with `\"`, `\\` and `\ooo` escapes, an integer `expires` counted from now
 * (`time.time()`). Main function: `format_cookie`.
 */
import { ValueError } from "../python/builtins";
import type { datetime } from "../python/datetime";
import { time } from "../python/time";

export interface CookieOptions {
  max_age?: number | null;
  /** A datetime (sent as its GMT date), a string (as is) or seconds from now. */
  expires?: datetime | string | number | null;
  path?: string | null;
  domain?: string | null;
  secure?: boolean;
  httponly?: boolean;
  samesite?: "lax" | "strict" | "none" | string | null;
  partitioned?: boolean;
}

const LEGAL = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~:");
const UNESCAPED = new Set([...LEGAL, ..." ()/<=>?@[]{}"]);

/** Python's `http.cookies.CookieError`. */
export class CookieError extends Error {
  static python_name = "CookieError";
}

function is_legal(s: string): boolean {
  if (!s) return false;
  for (const ch of s) if (!LEGAL.has(ch)) return false;
  return true;
}

/** `http.cookies._quote`: legal text as it is, anything else quoted with escapes. */
function quote_value(s: string): string {
  if (is_legal(s)) return s;
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (code < 256 && !UNESCAPED.has(ch)) out += "\\" + code.toString(8).padStart(3, "0");
    else out += ch;
  }
  return out + '"';
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An HTTP date: `Wed, 01 Jan 2025 00:00:00 GMT` for seconds since the epoch. */
export function http_date(epoch_seconds: number): string {
  const d = new Date(Math.floor(epoch_seconds) * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${WEEKDAYS[(d.getUTCDay() + 6) % 7]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).padStart(4, " ")} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

function expires_text(expires: datetime | string | number): string {
  if (typeof expires === "string") return expires;
  if (typeof expires === "number") return http_date(time() + expires);
  const ms = Date.UTC(expires.year, expires.month - 1, expires.day, expires.hour, expires.minute, expires.second);
  const offset = expires.tzinfo ? expires.tzinfo.utcoffset().total_seconds() : 0;
  return http_date(ms / 1000 - offset);
}

/** The header value for one cookie. */
export function format_cookie(key: string, value: string, options: CookieOptions): string {
  if (!is_legal(key)) throw new CookieError(`Illegal key '${key}'`);
  if (options.partitioned) throw new ValueError("Partitioned cookies are only supported in Python 3.14 and above.");
  const attrs: [string, string | null][] = [];
  if (options.expires !== null && options.expires !== undefined) attrs.push(["expires", `expires=${expires_text(options.expires)}`]);
  if (options.httponly) attrs.push(["httponly", "HttpOnly"]);
  if (options.max_age !== null && options.max_age !== undefined) attrs.push(["max-age", `Max-Age=${Math.trunc(options.max_age)}`]);
  const path = options.path === undefined ? "/" : options.path;
  if (path !== null) attrs.push(["path", `Path=${path}`]);
  if (options.domain !== null && options.domain !== undefined) attrs.push(["domain", `Domain=${options.domain}`]);
  if (options.samesite !== null && options.samesite !== undefined) attrs.push(["samesite", `SameSite=${options.samesite}`]);
  if (options.secure) attrs.push(["secure", "Secure"]);
  attrs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [`${key}=${quote_value(value)}`, ...attrs.map(([, text]) => text)].join("; ");
}
