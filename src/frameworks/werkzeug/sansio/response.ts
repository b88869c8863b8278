/**
 * werkzeug.sansio.response: the parts of a response that need no I/O — status, headers, cookies,
 * and typed views of common headers. Main class: `Response` (the WSGI `Response` in
 * wrappers/response.ts adds the body).
 *
 * The status is kept twice, as Werkzeug does: `status_code` (404) and `status` ("404 NOT FOUND",
 * the reason phrase upper-cased; an unknown code is "499 UNKNOWN"; a string status is kept as
 * given). `set_cookie` appends a `Set-Cookie` header written by `dump_cookie`; `vary` and `allow`
 * are HeaderSets that rewrite their header when changed.
 */
import { ValueError, int } from "../../python/builtins";
import { datetime, timedelta } from "../../python/datetime";
import { Headers, type HeaderPairs } from "../datastructures/headers";
import { HeaderSet } from "../datastructures/structures";
import { dump_cookie, dump_header, HTTP_STATUS_CODES, http_date, parse_date, parse_options_header, parse_set_header } from "../http";
import { get_content_type } from "../utils";

export interface SetCookieOptions {
  value?: string;
  max_age?: timedelta | number | null;
  expires?: string | datetime | number | null;
  path?: string | null;
  domain?: string | null;
  secure?: boolean;
  httponly?: boolean;
  samesite?: string | null;
  partitioned?: boolean;
}

/** The status line of each numeric code seen so far (`200` → `"200 OK"`): a code is spelt the same every time. */
const STATUS_LINES = new Map<number, string>();

/** `_clean_status(value)` → `[status line, status code]`. */
export function _clean_status(value: string | number): [string, number] {
  let status_code: number;
  if (typeof value === "number") {
    status_code = Math.trunc(value);
    const line = STATUS_LINES.get(status_code);
    if (line !== undefined) return [line, status_code];
  }
  else {
    const v = value.trim();
    if (!v) throw new ValueError("Empty status argument");
    const space = v.indexOf(" ");
    const code_str = space < 0 ? v : v.slice(0, space);
    try {
      status_code = Number(int(code_str));
    } catch {
      return [`0 ${v}`, 0];
    }
    if (space >= 0) return [v, status_code];
  }
  const phrase = HTTP_STATUS_CODES[status_code];
  const line = phrase ? `${status_code} ${phrase.toUpperCase()}` : `${status_code} UNKNOWN`;
  if (STATUS_LINES.size < 1000) STATUS_LINES.set(status_code, line);
  return [line, status_code];
}

/** `Response(status=None, headers=None, mimetype=None, content_type=None)` without a body. */
export class Response {
  static default_status = 200;
  static default_mimetype: string | null = "text/plain";
  static max_cookie_size = 4093;

  headers: Headers;
  private _status = "200 OK";
  private _status_code = 200;

  constructor(status: number | string | null = null, headers: HeaderPairs = null, mimetype: string | null = null, content_type: string | null = null) {
    const cls = this.constructor as typeof Response;
    if (headers instanceof Headers) this.headers = headers;
    else if (!headers || (Array.isArray(headers) && !headers.length)) this.headers = new Headers();
    else this.headers = new Headers(headers);
    if (content_type === null) {
      if (mimetype === null && !this.headers.has("content-type")) mimetype = cls.default_mimetype;
      if (mimetype !== null) mimetype = get_content_type(mimetype, "utf-8");
      content_type = mimetype;
    }
    if (content_type !== null) this.headers.set("Content-Type", content_type);
    this.status = status ?? cls.default_status;
  }

  get max_cookie_size(): number {
    return (this.constructor as typeof Response).max_cookie_size;
  }

  get status_code(): number {
    return this._status_code;
  }
  set status_code(code: number) {
    this.status = code;
  }

  /** The status line: `200 OK`. Setting a number or a string updates both forms. */
  get status(): string {
    return this._status;
  }
  set status(value: string | number) {
    const [status, code] = _clean_status(value);
    this._status = status;
    this._status_code = code;
  }

  /**
   * `set_cookie(key, value="", max_age=None, expires=None, path="/", domain=None, secure=False,
   * httponly=False, samesite=None, partitioned=False)`
   */
  set_cookie(key: string, value: string | SetCookieOptions = "", options: SetCookieOptions = {}): void {
    const opts = typeof value === "object" && value !== null ? value : { ...options, value };
    this.headers.add("Set-Cookie", dump_cookie(key, { ...opts, max_size: this.max_cookie_size }));
  }

  /** `delete_cookie(key, path="/", domain=None, …)`: an expired, empty cookie. */
  delete_cookie(key: string, options: Omit<SetCookieOptions, "value" | "max_age" | "expires"> = {}): void {
    this.set_cookie(key, { ...options, expires: 0, max_age: 0 });
  }

  get is_json(): boolean {
    const mt = this.mimetype;
    return mt !== null && (mt === "application/json" || (mt.startsWith("application/") && mt.endsWith("+json")));
  }

  /** The mimetype without parameters (`text/html`); setting it adds `charset=utf-8` for text. */
  get mimetype(): string | null {
    const ct = this.headers.get("content-type");
    return ct ? ct.split(";")[0].trim() : null;
  }
  set mimetype(value: string) {
    this.headers.set("Content-Type", get_content_type(value, "utf-8"));
  }

  get mimetype_params(): Record<string, string> {
    return parse_options_header(this.headers.get("content-type", ""))[1];
  }

  get content_type(): string | null {
    return this.headers.get("Content-Type");
  }
  set content_type(value: string | null) {
    this.set_header("Content-Type", value);
  }

  get content_length(): number | null {
    const v = this.headers.get("Content-Length");
    return v === null ? null : Number(int(v));
  }
  set content_length(value: number | null) {
    this.set_header("Content-Length", value === null ? null : String(value));
  }

  get location(): string | null {
    return this.headers.get("Location");
  }
  set location(value: string | null) {
    this.set_header("Location", value);
  }

  get date(): datetime | null {
    return parse_date(this.headers.get("Date"));
  }
  set date(value: datetime | number | null) {
    this.set_header("Date", value === null ? null : http_date(value));
  }

  get expires(): datetime | null {
    return parse_date(this.headers.get("Expires"));
  }
  set expires(value: datetime | number | null) {
    this.set_header("Expires", value === null ? null : http_date(value));
  }

  get last_modified(): datetime | null {
    return parse_date(this.headers.get("Last-Modified"));
  }
  set last_modified(value: datetime | number | null) {
    this.set_header("Last-Modified", value === null ? null : http_date(value));
  }

  private set_header(name: string, value: string | null): void {
    if (value === null) this.headers.remove(name);
    else this.headers.set(name, value);
  }

  /** A HeaderSet view of a list header; changing it rewrites (or removes) the header. */
  private header_set(name: string): HeaderSet {
    return parse_set_header(this.headers.get(name), (s) => {
      if (!s.len() && this.headers.has(name)) this.headers.delitem(name);
      else if (s.len()) this.headers.set(name, s.to_header());
    });
  }

  private set_header_set(name: string, value: string | Iterable<string> | null): void {
    if (!value || (typeof value !== "string" && ![...value].length)) this.headers.remove(name);
    else this.headers.set(name, typeof value === "string" ? value : dump_header(value));
  }

  /** `response.vary`: the `Vary` header as a set (`response.vary.add("Cookie")`). */
  get vary(): HeaderSet {
    return this.header_set("Vary");
  }
  set vary(value: string | Iterable<string> | null) {
    this.set_header_set("Vary", value);
  }

  /** `response.allow`: the `Allow` header as a set. */
  get allow(): HeaderSet {
    return this.header_set("Allow");
  }
  set allow(value: string | Iterable<string> | null) {
    this.set_header_set("Allow", value);
  }

  get content_language(): HeaderSet {
    return this.header_set("Content-Language");
  }
  set content_language(value: string | Iterable<string> | null) {
    this.set_header_set("Content-Language", value);
  }

  __repr__(): string {
    return `<${this.constructor.name} [${this.status}]>`;
  }
}
