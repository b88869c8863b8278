/**
 * django.http.response: what a view returns, turned into a status line, headers and body bytes.
 *
 * `HttpResponse(content, {content_type, status, reason, charset, headers})` keeps its body as
 * bytes (text is encoded in the response charset), its headers in a case-insensitive
 * `ResponseHeaders` (values checked like Django: no newlines; text outside Latin-1 is
 * MIME-encoded), and its cookies in a `SimpleCookie`. Subclasses fix a status
 * (`HttpResponseNotFound` 404, `HttpResponseRedirect` 302 with a Location) or a body format
 * (`JsonResponse`). `StreamingHttpResponse` yields its body chunk by chunk instead.
 *
 *   new HttpResponse("café", { charset: "latin-1" }).content   // bytes 63 61 66 e9
 *   response.set_cookie("sid", "abc", { max_age: 60, httponly: true })
 */
import { AttributeError, Exception, TypeError, UnicodeEncodeError, ValueError, py_repr } from "../../python/builtins";
import { encode, is_bytes, utf8_encode, type Bytes, concat_bytes, decode } from "../../python/bytes";
import { datetime, timedelta, timezone } from "../../python/datetime";
import { py_json_dumps, type JSONDumpsOptions, type JSONEncoder } from "../../python/json";
import { time } from "../../python/time";
import { urlsplit } from "../../python/urllib/parse";
import { settings } from "../conf";
import { DisallowedRedirect } from "../core/exceptions";
import { request_finished } from "../core/signals";
import { DjangoJSONEncoder } from "../core/serializers/json";
import { CaseInsensitiveMapping, lower_key, unpack_items } from "../utils/datastructures";
import { iri_to_uri, py_str } from "../utils/encoding";
import { base64_encode, content_disposition_header, http_date, MAX_URL_REDIRECT_LENGTH } from "../utils/http";
import { is_naive, make_aware } from "../utils/timezone";
import { SimpleCookie } from "./cookie";
import { _cookie_signer_salt, get_cookie_signer } from "../core/signing";

/** A header value with a newline (header injection); a ValueError. */
export class BadHeaderError extends ValueError {}

/** Raise it in a view to answer 404; the handler turns it into the 404 page. */
export class Http404 extends Exception {}

/** Python 3.11's `http.HTTPStatus` phrases (what `reason_phrase` defaults to). */
export const REASON_PHRASES: Record<number, string> = {
  100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
  200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
  205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
  300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
  305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
  400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
  405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required", 408: "Request Timeout",
  409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed", 413: "Request Entity Too Large",
  414: "Request-URI Too Long", 415: "Unsupported Media Type", 416: "Requested Range Not Satisfiable",
  417: "Expectation Failed", 418: "I'm a Teapot", 421: "Misdirected Request", 422: "Unprocessable Entity",
  423: "Locked", 424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
  429: "Too Many Requests", 431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
  500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
  504: "Gateway Timeout", 505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
  507: "Insufficient Storage", 508: "Loop Detected", 510: "Not Extended", 511: "Network Authentication Required",
};

const charset_from_content_type_re = /;\s*charset=([^\s;]+)/i;
/** The charset found in the last Content-Type the `charset` getter read (null: none in it). */
let last_content_type: string | null = null;
let last_content_type_charset: string | null = null;

/** Python's "can't encode character(s) …" message for the first run of characters outside `limit`. */
function encode_error_message(value: string, codec: string, limit: number): string {
  const chars = [...value];
  const start = chars.findIndex((c) => c.codePointAt(0)! > limit);
  let end = start + 1;
  while (end < chars.length && chars[end].codePointAt(0)! > limit) end++;
  const range = codec === "ascii" ? "range(128)" : "range(256)";
  if (end - start > 1) return `'${codec}' codec can't encode characters in position ${start}-${end - 1}: ordinal not in ${range}`;
  const cp = chars[start].codePointAt(0)!;
  const escaped = cp <= 0xff ? `\\x${cp.toString(16).padStart(2, "0")}` : cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;
  return `'${codec}' codec can't encode character '${escaped}' in position ${start}: ordinal not in ${range}`;
}

/** Every character at or below `limit` (a surrogate, half of a character above U+FFFF, never is). */
function fits(text: string, limit: 0x7f | 0xff): boolean {
  return (limit === 0x7f ? ASCII_ONLY : LATIN1_ONLY).test(text);
}
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const NEWLINE = /[\n\r]/;
const LATIN1_ONLY = /^[\x00-\xff]*$/;
/** The common case in one test: ASCII (a name) or Latin-1 (a value) text without CR or LF. */
const PLAIN_ASCII = /^[\x00-\x09\x0b\x0c\x0e-\x7f]*$/;
const PLAIN_LATIN1 = /^[\x00-\x09\x0b\x0c\x0e-\xff]*$/;

export type HeaderInit = Iterable<[string, unknown]> | Record<string, unknown> | Map<string, unknown> | null | undefined;

/**
 * `response.headers`: case-insensitive, remembering the last spelling set, in insertion order.
 * Names must be ASCII; values Latin-1 (others become `=?utf-8?b?…?=`), without newlines.
 */
export class ResponseHeaders extends CaseInsensitiveMapping<string> {
  constructor(data?: HeaderInit) {
    super();
    if (data) for (const [header, value] of unpack_items(data as any)) this.setitem(header, value);
  }

  /** Check and convert a header name (`ascii`) or value (`latin-1`, MIME-encoded if needed). */
  private _convert_to_charset(value: unknown, charset: "ascii" | "latin-1", mime_encode = false): string {
    // Fast path: text that already fits and has no newline comes back as it is (what the checks below conclude).
    if (typeof value === "string" && (charset === "ascii" ? PLAIN_ASCII : PLAIN_LATIN1).test(value)) return value;
    const text = is_bytes(value) ? decode(value, charset) : py_str(value);
    if (NEWLINE.test(text)) throw new BadHeaderError(`Header values can't contain newlines (got ${py_repr(text)})`);
    const limit = charset === "ascii" ? 0x7f : 0xff;
    if (fits(text, limit)) return text;
    if (mime_encode) return `=?utf-8?b?${base64_encode(utf8_encode(text))}?=`;
    throw new UnicodeEncodeError(`${encode_error_message(text, charset, limit)}, HTTP response headers must be in ${charset} format`);
  }

  /** `headers[key] = value` */
  setitem(key: string, value: unknown): void {
    const k = this._convert_to_charset(key, "ascii");
    const v = this._convert_to_charset(value, "latin-1", true);
    this._store.set(lower_key(k), [k, v]);
  }

  set(key: string, value: unknown): void {
    this.setitem(key, value);
  }

  /** `del headers[key]` (no error when missing, as in Django). */
  delitem(key: string): void {
    this.pop(key);
  }

  delete(key: string): void {
    this.pop(key);
  }

  pop(key: string, default_: string | null = null): string | null {
    const lower = lower_key(key);
    const entry = this._store.get(lower);
    this._store.delete(lower);
    return entry ? entry[1] : default_;
  }

  setdefault(key: string, value: unknown): void {
    if (!this._store.has(lower_key(key))) this.setitem(key, value);
  }
}

export interface HttpResponseBaseOptions {
  content_type?: string | null;
  status?: number | string | null;
  reason?: string | null;
  charset?: string | null;
  headers?: HeaderInit;
}

export interface SetCookieOptions {
  max_age?: number | timedelta | null;
  expires?: string | datetime | null;
  path?: string | null;
  domain?: string | null;
  secure?: boolean;
  httponly?: boolean;
  samesite?: string | null;
}

/** Python's `int(status)` for the values a status may arrive as. */
function to_status_int(status: unknown): number {
  if (typeof status === "number" && Number.isFinite(status)) return Math.trunc(status);
  if (typeof status === "boolean") return Number(status);
  if (typeof status === "string" && /^\s*[+-]?\d+(_\d+)*\s*$/.test(status)) return Number(status.replace(/_/g, ""));
  throw new TypeError("HTTP status code must be an integer.");
}

/** Headers, status, charset and cookies; HttpResponse and StreamingHttpResponse add the body. */
export class HttpResponseBase {
  /** The class's status (subclasses set their own); an instance may override it. */
  static status_code = 200;

  status_code: number;
  headers: ResponseHeaders;
  cookies = new SimpleCookie();
  closed = false;
  streaming = false;
  /** Callables run by `close()` (a file to close, a generator to finalize). */
  _resource_closers: (() => void)[] = [];
  /** The handler class that produced the response (set by the WSGI handler). */
  _handler_class: unknown = null;
  /** Set by the test client and handlers: the request this answers. */
  [attribute: string]: any;
  protected _charset: string | null;
  protected _reason_phrase: string | null;

  constructor(options: HttpResponseBaseOptions = {}) {
    const { content_type = null, status = null, reason = null, charset = null, headers = null } = options;
    this.headers = new ResponseHeaders(headers);
    this._charset = charset;
    if (!this.headers.has("Content-Type")) this.headers.setitem("Content-Type", content_type ?? `text/html; charset=${this.charset}`);
    else if (content_type) throw new ValueError("'headers' must not contain 'Content-Type' when the 'content_type' parameter is provided.");
    this.status_code = (new.target as typeof HttpResponseBase).status_code;
    if (status !== null && status !== undefined) {
      this.status_code = to_status_int(status);
      if (this.status_code < 100 || this.status_code > 599) throw new ValueError("HTTP status code must be an integer from 100 to 599.");
    }
    this._reason_phrase = reason;
  }

  /** `response.reason_phrase`: the given reason, else the standard phrase for the status. */
  get reason_phrase(): string {
    return this._reason_phrase ?? REASON_PHRASES[this.status_code] ?? "Unknown Status Code";
  }

  set reason_phrase(value: string | null) {
    this._reason_phrase = value;
  }

  /** `response.charset`: given, else from Content-Type's `charset=`, else DEFAULT_CHARSET. */
  get charset(): string {
    if (this._charset !== null && this._charset !== undefined) return this._charset;
    const content_type = this.headers.get("Content-Type");
    if (!content_type) return settings.DEFAULT_CHARSET;
    // Responses share a few Content-Type values: the last one's charset is remembered, not searched again.
    if (content_type !== last_content_type) {
      const m = charset_from_content_type_re.exec(content_type);
      last_content_type = content_type;
      last_content_type_charset = m ? m[1].replace(/"/g, "") : null;
    }
    return last_content_type_charset ?? settings.DEFAULT_CHARSET;
  }

  set charset(value: string | null) {
    this._charset = value;
  }

  /** The headers as bytes: `Name: value` lines joined with CRLF. */
  serialize_headers(): Bytes {
    return concat_bytes(this.headers.items().flatMap(([k, v], i) => [...(i ? [utf8_encode("\r\n")] : []), encode(`${k}: `, "ascii"), encode(v, "latin-1")]));
  }

  __repr__(): string {
    return `<${this.constructor.name} status_code=${this.status_code}${this._content_type_for_repr}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  protected get _content_type_for_repr(): string {
    return this.headers.has("Content-Type") ? `, "${this.headers.getitem("Content-Type")}"` : "";
  }

  /** `response[header] = value` */
  set(header: string, value: unknown): void {
    this.headers.setitem(header, value);
  }

  setitem(header: string, value: unknown): void {
    this.headers.setitem(header, value);
  }

  /** `response[header]`: KeyError when absent. */
  getitem(header: string): string {
    return this.headers.getitem(header);
  }

  /** `del response[header]` */
  delete(header: string): void {
    this.headers.delitem(header);
  }

  delitem(header: string): void {
    this.headers.delitem(header);
  }

  has_header(header: string): boolean {
    return this.headers.has(header);
  }

  /** `header in response` */
  has(header: string): boolean {
    return this.headers.has(header);
  }

  items(): [string, string][] {
    return this.headers.items();
  }

  get<D = null>(header: string, alternate: D = null as D): string | D {
    return this.headers.get(header, alternate);
  }

  setdefault(key: string, value: unknown): void {
    this.headers.setdefault(key, value);
  }

  /**
   * `response.set_cookie(key, value, {max_age, expires, path="/", domain, secure, httponly,
   * samesite})`. A datetime `expires` becomes a `max_age` (naive means UTC); a `max_age` also
   * sets `expires` (browsers that ignore Max-Age). Both read the clock (`time.time()`).
   */
  set_cookie(key: string, value = "", options: SetCookieOptions = {}): void {
    const { domain = null, secure = false, httponly = false, samesite = null } = options;
    const path = options.path === undefined ? "/" : options.path;
    let { max_age = null, expires = null } = options;
    this.cookies.setitem(key, value);
    const morsel = this.cookies.getitem(key);
    if (expires !== null && expires !== undefined) {
      if (expires instanceof datetime) {
        [expires, max_age] = [null, max_age_from_expires(expires, max_age)];
      } else morsel.setitem("expires", expires);
    } else morsel.setitem("expires", "");
    if (max_age !== null && max_age !== undefined) {
      const seconds = max_age instanceof timedelta ? max_age.total_seconds() : max_age;
      morsel.setitem("max-age", Math.trunc(seconds));
      if (!expires) morsel.setitem("expires", http_date(time() + seconds));
    }
    if (path !== null && path !== undefined) morsel.setitem("path", path);
    if (domain !== null) morsel.setitem("domain", domain);
    if (secure) morsel.setitem("secure", true);
    if (httponly) morsel.setitem("httponly", true);
    if (samesite) {
      if (!["lax", "none", "strict"].includes(samesite.toLowerCase())) throw new ValueError('samesite must be "lax", "none", or "strict".');
      morsel.setitem("samesite", samesite);
    }
  }

  /** `set_signed_cookie(key, value, salt="", **kwargs)`: the value signed by the cookie signer. */
  set_signed_cookie(key: string, value: string, options: SetCookieOptions & { salt?: string } = {}): void {
    const { salt = "", ...rest } = options;
    this.set_cookie(key, get_cookie_signer(_cookie_signer_salt(key, salt)).sign(value), rest);
  }

  /** Expire a cookie now: empty value, Max-Age=0, an expires in 1970. `__Host-`/`__Secure-` keep Secure. */
  delete_cookie(key: string, options: { path?: string; domain?: string | null; samesite?: string | null } = {}): void {
    const { path = "/", domain = null, samesite = null } = options;
    const secure = key.startsWith("__Secure-") || key.startsWith("__Host-") || (!!samesite && samesite.toLowerCase() === "none");
    this.set_cookie(key, "", { max_age: 0, path, domain, secure, expires: "Thu, 01 Jan 1970 00:00:00 GMT", samesite });
  }

  /** Text to bytes in the response charset; bytes as they are; anything else through `str()`. */
  make_bytes(value: unknown): Bytes {
    if (typeof value === "string") return encode(value, this.charset);
    if (is_bytes(value)) return value;
    return encode(py_str(value), this.charset);
  }

  /** Run the resource closers, mark closed, and send `request_finished`. */
  close(): void {
    for (const closer of this._resource_closers) {
      try {
        closer();
      } catch {
        /* a closer that fails must not stop the others */
      }
    }
    this._resource_closers = [];
    this.closed = true;
    request_finished.send(this._handler_class);
  }

  write(_content: unknown): void {
    throw new Exception(`This ${this.constructor.name} instance is not writable`);
  }

  flush(): void {}

  tell(): number {
    throw new Exception(`This ${this.constructor.name} instance cannot tell its position`);
  }

  readable(): boolean {
    return false;
  }

  seekable(): boolean {
    return false;
  }

  writable(): boolean {
    return false;
  }

  writelines(_lines: Iterable<unknown>): void {
    throw new Exception(`This ${this.constructor.name} instance is not writable`);
  }

  /** What the WSGI handler passes to `start_response`: the headers, then one Set-Cookie per cookie. */
  wsgi_headers(): [string, string][] {
    const headers = this.items();
    for (const morsel of this.cookies.values()) headers.push(["Set-Cookie", morsel.OutputString()]);
    return headers;
  }
}

/** `max_age` for a datetime `expires`: whole seconds until then (+1s for what rounding loses), at least 0. */
function max_age_from_expires(expires: datetime, max_age: unknown): number {
  const aware = is_naive(expires) ? make_aware(expires, timezone.utc) : expires;
  const delta = aware.sub(datetime.now(timezone.utc)).add(new timedelta({ seconds: 1 }));
  if (max_age !== null && max_age !== undefined) throw new ValueError("'expires' and 'max_age' can't be used together.");
  return Math.max(0, delta.days * 86400 + delta.seconds);
}

/** Is `value` something Python would iterate for content (not text, not bytes)? */
function is_content_iterable(value: unknown): value is Iterable<unknown> {
  return value !== null && typeof value === "object" && !is_bytes(value) && Symbol.iterator in value;
}

export type Content = string | Bytes | number | Iterable<unknown> | null | undefined;

const RESPONSE_KWARGS = new Set(["content_type", "status", "reason", "charset", "headers"]);

function is_response_options(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => RESPONSE_KWARGS.has(k));
}

/** A response whose body is held in memory: `content` bytes, appendable with `write()`. */
export class HttpResponse extends HttpResponseBase {
  override streaming = false;
  protected _container: Bytes[] = [];

  /**
   * `HttpResponse(content=b"", **kwargs)`. With keyword arguments only — Python's
   * `HttpResponse(status=204)` — the options object may come first: `new HttpResponse({ status: 204 })`
   * (a plain object whose keys are all HttpResponse keyword arguments; content is never such an object).
   */
  constructor(content?: Content | HttpResponseBaseOptions, options: HttpResponseBaseOptions = {}) {
    const kwargs_only = is_response_options(content) && Object.keys(options).length === 0;
    super(kwargs_only ? (content as HttpResponseBaseOptions) : options);
    this.content = kwargs_only || content === undefined ? new Uint8Array(0) : (content as Content);
  }

  /** Headers, a blank line, the body: the whole response as bytes. */
  serialize(): Bytes {
    return concat_bytes([this.serialize_headers(), utf8_encode("\r\n\r\n"), this.content]);
  }

  /** `response.content`: the body bytes. Setting it takes text, bytes, a number or an iterable of chunks. */
  get content(): Bytes {
    return concat_bytes(this._container);
  }

  set content(value: Content) {
    if (is_content_iterable(value)) {
      const chunks = [...value].map((chunk) => this.make_bytes(chunk));
      const closable = value as { close?: () => void };
      if (typeof closable.close === "function") {
        try {
          closable.close();
        } catch {
          /* ignored, as Django does */
        }
      }
      this._container = [concat_bytes(chunks)];
    } else this._container = [this.make_bytes(value)];
  }

  /** `response.text`: the body decoded with the response charset. */
  get text(): string {
    return decode(this.content, this.charset || "utf-8");
  }

  [Symbol.iterator](): Iterator<Bytes> {
    return this._container[Symbol.iterator]();
  }

  override write(content: unknown): void {
    this._container.push(this.make_bytes(content));
  }

  override tell(): number {
    return this.content.length;
  }

  getvalue(): Bytes {
    return this.content;
  }

  override writable(): boolean {
    return true;
  }

  override writelines(lines: Iterable<unknown>): void {
    for (const line of lines) this.write(line);
  }
}

/** A response whose body is an iterator, sent chunk by chunk (`streaming_content`). */
export class StreamingHttpResponse extends HttpResponseBase {
  override streaming = true;
  protected _iterator!: Iterator<unknown>;

  constructor(streaming_content: Iterable<unknown> = [], options: HttpResponseBaseOptions = {}) {
    super(options);
    this.streaming_content = streaming_content;
  }

  get content(): Bytes {
    throw new AttributeError(`This ${this.constructor.name} instance has no \`content\` attribute. Use \`streaming_content\` instead.`);
  }

  get text(): string {
    throw new AttributeError(`This ${this.constructor.name} instance has no \`text\` attribute.`);
  }

  /** The body chunks as bytes (consumes the iterator). */
  get streaming_content(): Iterable<Bytes> {
    const iterator = this._iterator;
    const make_bytes = (v: unknown) => this.make_bytes(v);
    return {
      *[Symbol.iterator]() {
        for (let r = iterator.next(); !r.done; r = iterator.next()) yield make_bytes(r.value);
      },
    };
  }

  set streaming_content(value: Iterable<unknown>) {
    this._set_streaming_content(value);
  }

  protected _set_streaming_content(value: Iterable<unknown>): void {
    this._iterator = value[Symbol.iterator]();
    const closable = value as { close?: () => void; return?: () => void };
    if (typeof closable.close === "function") this._resource_closers.push(() => closable.close!());
    else if (typeof closable.return === "function") this._resource_closers.push(() => closable.return!());
  }

  [Symbol.iterator](): Iterator<Bytes> {
    return this.streaming_content[Symbol.iterator]();
  }

  getvalue(): Bytes {
    return concat_bytes([...this.streaming_content]);
  }
}

/** A file-like object FileResponse can stream: `read(size)`, maybe `name` and `close()`. */
export interface FileLike {
  read(size?: number | null): Bytes;
  name?: string;
  close?(): void;
  getvalue?(): Bytes;
  tell?(): number;
}

/** Streams a file-like object in blocks, setting Content-Length/-Type/-Disposition. */
export class FileResponse extends StreamingHttpResponse {
  block_size = 4096;
  as_attachment: boolean;
  filename: string;
  file_to_stream: FileLike | null = null;

  constructor(file: FileLike | Iterable<unknown>, options: HttpResponseBaseOptions & { as_attachment?: boolean; filename?: string } = {}) {
    const { as_attachment = false, filename = "", ...rest } = options;
    super([], rest);
    this.as_attachment = as_attachment;
    this.filename = filename;
    const explicit_type = rest.content_type !== undefined && rest.content_type !== null;
    if (typeof (file as FileLike).read === "function") this.stream_file(file as FileLike, explicit_type);
    else this._set_streaming_content(file as Iterable<unknown>);
  }

  private stream_file(filelike: FileLike, explicit_type: boolean): void {
    this.file_to_stream = filelike;
    if (filelike.close) this._resource_closers.push(() => filelike.close!());
    const block_size = this.block_size;
    this._set_streaming_content({
      *[Symbol.iterator]() {
        for (let chunk = filelike.read(block_size); chunk.length; chunk = filelike.read(block_size)) yield chunk;
      },
    });
    if (filelike.getvalue) this.headers.setitem("Content-Length", filelike.getvalue().length - (filelike.tell?.() ?? 0));
    const name = (this.filename || filelike.name || "").split(/[\\/]/).pop() ?? "";
    if (!explicit_type) this.headers.setitem("Content-Type", guess_content_type(name));
    const disposition = content_disposition_header(this.as_attachment, name);
    if (disposition) this.headers.setitem("Content-Disposition", disposition);
  }
}

const MIME_TYPES: Record<string, string> = {
  txt: "text/plain", html: "text/html", htm: "text/html", css: "text/css", js: "text/javascript", json: "application/json",
  csv: "text/csv", xml: "application/xml", pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg",
  gif: "image/gif", svg: "image/svg+xml", webp: "image/webp", zip: "application/zip", ico: "image/vnd.microsoft.icon",
};

function guess_content_type(filename: string): string {
  const ext = filename.includes(".") ? filename.split(".").pop()!.toLowerCase() : "";
  return MIME_TYPES[ext] ?? "application/octet-stream";
}

/** Redirects: the Location header (IRI → URI), refusing schemes other than http, https and ftp. */
export class HttpResponseRedirectBase extends HttpResponse {
  static allowed_schemes = ["http", "https", "ftp"];
  static status_code_preserve_request = 307;

  constructor(redirect_to: unknown, options: HttpResponseBaseOptions & { preserve_request?: boolean } = {}) {
    const { preserve_request = false, ...rest } = options;
    super(new Uint8Array(0), rest);
    this.set("Location", iri_to_uri(redirect_to));
    const target = py_str(redirect_to);
    if (target.length > MAX_URL_REDIRECT_LENGTH) throw new DisallowedRedirect(`Unsafe redirect exceeding ${MAX_URL_REDIRECT_LENGTH} characters`);
    const parsed = urlsplit(target);
    const cls = this.constructor as typeof HttpResponseRedirectBase;
    if (preserve_request) this.status_code = cls.status_code_preserve_request;
    if (parsed.scheme && !cls.allowed_schemes.includes(parsed.scheme)) throw new DisallowedRedirect(`Unsafe redirect to URL with protocol '${parsed.scheme}'`);
  }

  /** `response.url`: the Location header. */
  get url(): string {
    return this.getitem("Location");
  }

  override __repr__(): string {
    return `<${this.constructor.name} status_code=${this.status_code}${this._content_type_for_repr}, url="${this.url}">`;
  }
}

export class HttpResponseRedirect extends HttpResponseRedirectBase {
  static override status_code = 302;
  static override status_code_preserve_request = 307;
}

export class HttpResponsePermanentRedirect extends HttpResponseRedirectBase {
  static override status_code = 301;
  static override status_code_preserve_request = 308;
}

/** 304: no body and no Content-Type. */
export class HttpResponseNotModified extends HttpResponse {
  static override status_code = 304;

  constructor(content: Content = new Uint8Array(0), options: HttpResponseBaseOptions = {}) {
    super(content, options);
    this.delete("content-type");
  }

  override get content(): Bytes {
    return concat_bytes(this._container);
  }

  override set content(value: Content) {
    const empty = value === null || value === undefined || value === "" || (is_bytes(value) && value.length === 0) || value === 0;
    if (!empty) throw new AttributeError("You cannot set content to a 304 (Not Modified) response");
    this._container = [];
  }
}

export class HttpResponseBadRequest extends HttpResponse {
  static override status_code = 400;
}

export class HttpResponseNotFound extends HttpResponse {
  static override status_code = 404;
}

export class HttpResponseForbidden extends HttpResponse {
  static override status_code = 403;
}

/** 405 with an `Allow` header listing the permitted methods. */
export class HttpResponseNotAllowed extends HttpResponse {
  static override status_code = 405;

  constructor(permitted_methods: Iterable<string>, content: Content = new Uint8Array(0), options: HttpResponseBaseOptions = {}) {
    super(content, options);
    this.set("Allow", [...permitted_methods].join(", "));
  }

  override __repr__(): string {
    return `<${this.constructor.name} [${this.getitem("Allow")}] status_code=${this.status_code}${this._content_type_for_repr}>`;
  }
}

export class HttpResponseGone extends HttpResponse {
  static override status_code = 410;
}

export class HttpResponseServerError extends HttpResponse {
  static override status_code = 500;
}

export interface JsonResponseOptions extends HttpResponseBaseOptions {
  encoder?: new (options?: JSONDumpsOptions) => JSONEncoder;
  safe?: boolean;
  json_dumps_params?: JSONDumpsOptions | null;
}

/** Is `data` a Python dict (a plain object or a Map)? */
function is_dict(data: unknown): boolean {
  if (data instanceof Map) return true;
  if (data === null || typeof data !== "object") return false;
  const proto = Object.getPrototypeOf(data);
  return proto === Object.prototype || proto === null;
}

/**
 * `JsonResponse(data, {encoder=DjangoJSONEncoder, safe=true, json_dumps_params})`: the body is
 * `json.dumps(data)` exactly as Python prints it. With `safe`, only a dict is accepted.
 */
export class JsonResponse extends HttpResponse {
  constructor(data: unknown, options: JsonResponseOptions = {}) {
    const { encoder = DjangoJSONEncoder, safe = true, json_dumps_params = null, ...rest } = options;
    if (safe && !is_dict(data)) throw new TypeError("In order to allow non-dict objects to be serialized set the safe parameter to False.");
    const body = py_json_dumps(data, { ...(json_dumps_params ?? {}), cls: encoder });
    super(body, { content_type: "application/json", ...rest });
  }
}
