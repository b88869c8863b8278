/**
 * django.http.request: the incoming HTTP request as Django hands it to views.
 *
 * `HttpRequest` holds what the view reads: `method`, `path`, `GET`/`POST` (QueryDicts), `COOKIES`,
 * `FILES`, `META`, `headers`, `body`, and the host/URL helpers (`get_host()` with the
 * ALLOWED_HOSTS check, `build_absolute_uri()`, `get_full_path()`). A server-specific subclass
 * fills it from its input — `WSGIRequest` (core/handlers/wsgi_request.ts) from a WSGI environ —
 * and the data is parsed lazily: the query string on first `request.GET`, the body on first
 * `request.POST`/`FILES`/`body`.
 *
 * `QueryDict` is the MultiValueDict of a query string (`a=1&a=2` → getlist("a") is ["1","2"]);
 * the ones Django builds are immutable.
 */
import { AttributeError, Exception, KeyError, py_repr } from "../../python/builtins";
import { BadSignature, _unsign_cookie } from "../core/signing";
import { decode, is_bytes, is_known_codec, latin1_decode, type Bytes } from "../../python/bytes";
import { BytesIO } from "../../python/io";
import { parse_qsl, quote, urljoin, urlsplit, urlencode as py_urlencode } from "../../python/urllib/parse";
import { settings } from "../conf";
import { BadRequest, DisallowedHost, ImproperlyConfigured, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent } from "../core/exceptions";
import { CaseInsensitiveMapping, MultiValueDict } from "../utils/datastructures";
import { escape_uri_path, iri_to_uri, py_str } from "../utils/encoding";
import { is_same_domain, parse_header_parameters } from "../utils/http";
import { MultiPartParser, MultiPartParserError } from "./multipartparser";

/** Raised when the body can no longer be read (the client went away). An OSError in Python. */
export class UnreadablePostError extends Exception {}

/** `request.body` after the stream was read another way (e.g. by the multipart parser). */
export class RawPostDataException extends Exception {}

/** What `request.read()` reads from: a WSGI `LimitedStream` or a `BytesIO` of the body. */
export interface ReadableStream {
  read(size?: number | null): Bytes;
  readline?(size?: number | null): Bytes;
  close?(): void;
}

const host_validation_re = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::([0-9]+))?$/;

/**
 * `split_domain_port("Example.com:8000")` → `["example.com", "8000"]`. The domain is lowercased
 * and loses a trailing dot; an invalid host gives `["", ""]`.
 */
export function split_domain_port(host: string): [string, string] {
  // A host repeats from request to request: the last one's answer is remembered (a pure function of it).
  if (host !== last_host) {
    const m = host_validation_re.exec(host.toLowerCase());
    last_domain_port = m ? [m[1].endsWith(".") ? m[1].slice(0, -1) : m[1], m[2] ?? ""] : ["", ""];
    last_host = host;
  }
  return [last_domain_port[0], last_domain_port[1]];
}
let last_host: string | null = null;
let last_domain_port: readonly [string, string] = ["", ""];

/**
 * `validate_host(domain, allowed_hosts)`: `*` allows anything, `.example.com` a domain and its
 * subdomains, anything else must match exactly. `domain` is already lowercased and port-less.
 */
export function validate_host(host: string, allowed_hosts: string[]): boolean {
  for (const pattern of allowed_hosts) if (pattern === "*" || is_same_domain(host, pattern)) return true;
  return false;
}

/** `bytes_to_text(s, encoding)`: decode bytes with U+FFFD for bad input; other values pass. */
export function bytes_to_text<T>(s: T | Bytes, encoding: string): T | string {
  return is_bytes(s) ? decode(s, encoding, "replace") : (s as T);
}

/** Python's `str.title()`: the first letter of every run of letters upper-cased, the rest lower. */
function py_title(s: string): string {
  return s.toLowerCase().replace(/(?<![\p{L}\p{M}])\p{L}/gu, (c) => c.toUpperCase());
}

export interface QueryDictOptions {
  mutable?: boolean;
  encoding?: string | null;
}

/**
 * A MultiValueDict parsed from a query string. `new QueryDict("a=1&a=2&b=")` →
 * `lists()` = `[["a", ["1","2"]], ["b", [""]]]`. Immutable unless `{mutable: true}`;
 * `copy()` is always mutable.
 */
export class QueryDict extends MultiValueDict<string> {
  protected _mutable = true;
  private _encoding: string | null = null;

  constructor(query_string: string | Bytes | null = null, options: QueryDictOptions = {}) {
    super();
    this.encoding = options.encoding || settings.DEFAULT_CHARSET;
    let text: string;
    if (is_bytes(query_string)) {
      try {
        text = decode(query_string, this.encoding);
      } catch {
        text = latin1_decode(query_string);
      }
    } else text = query_string || "";
    this.parse_query_string(text);
    this._mutable = options.mutable ?? false;
  }

  /** Each `key=value` pair, in order, appended; too many pairs is TooManyFieldsSent (a 400). */
  private parse_query_string(text: string): void {
    let pairs: [string, string][];
    try {
      pairs = parse_qsl(text, { keep_blank_values: true, encoding: this.encoding, max_num_fields: settings.DATA_UPLOAD_MAX_NUMBER_FIELDS });
    } catch (e) {
      if (e instanceof Error && e.name === "ValueError")
        throw new TooManyFieldsSent("The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.");
      throw e;
    }
    for (const [key, value] of pairs) this.appendlist(key, value);
  }

  /** `QueryDict.fromkeys(["a","a","b"], "x")` → `a=x&a=x&b=x`. */
  static fromkeys(iterable: Iterable<string>, value = "", options: QueryDictOptions = {}): QueryDict {
    const q = new QueryDict("", { mutable: true, encoding: options.encoding });
    for (const key of iterable) q.appendlist(key, value);
    if (!options.mutable) q._mutable = false;
    return q;
  }

  get encoding(): string {
    if (this._encoding === null) this._encoding = settings.DEFAULT_CHARSET;
    return this._encoding!;
  }

  set encoding(value: string) {
    this._encoding = value;
  }

  get mutable(): boolean {
    return this._mutable;
  }

  protected _assert_mutable(): void {
    if (!this._mutable) throw new AttributeError("This QueryDict instance is immutable");
  }

  override setitem(key: string | Bytes, value: string | Bytes): void {
    this._assert_mutable();
    super.setitem(bytes_to_text(key, this.encoding), bytes_to_text(value, this.encoding));
  }

  override delitem(key: string): void {
    this._assert_mutable();
    super.delitem(key);
  }

  override setlist(key: string | Bytes, list_: (string | Bytes)[]): void {
    this._assert_mutable();
    super.setlist(bytes_to_text(key, this.encoding), list_.map((v) => bytes_to_text(v, this.encoding)));
  }

  override setlistdefault(key: string, default_list: string[] | null = null): string[] {
    this._assert_mutable();
    return super.setlistdefault(key, default_list);
  }

  override appendlist(key: string | Bytes, value: string | Bytes): void {
    this._assert_mutable();
    super.appendlist(bytes_to_text(key, this.encoding), bytes_to_text(value, this.encoding));
  }

  override pop(key: string, ...default_: any[]): any {
    this._assert_mutable();
    return default_.length ? super.pop(key, default_[0]) : super.pop(key);
  }

  override popitem(): [string, string[]] {
    this._assert_mutable();
    return super.popitem();
  }

  override clear(): void {
    this._assert_mutable();
    super.clear();
  }

  override setdefault(key: string | Bytes, default_: string | Bytes | null = null): any {
    this._assert_mutable();
    return super.setdefault(bytes_to_text(key, this.encoding), default_ === null ? null : bytes_to_text(default_, this.encoding));
  }

  /** `qd.copy()`: a mutable deep copy. */
  override copy(): QueryDict {
    const result = new QueryDict("", { mutable: true, encoding: this.encoding });
    for (const [key, list] of this.lists()) result.setlist(key, [...list]);
    return result;
  }

  /**
   * `qd.urlencode(safe=None)`: `a=1&a=2`. Without `safe`, form encoding (space → `+`); with
   * `safe`, `quote()` keeping those characters (space → `%20`).
   */
  urlencode(safe: string | null = null): string {
    const output: string[] = [];
    for (const [k, list] of this.lists()) {
      for (const v of list) {
        if (safe) output.push(`${quote(py_str(k), safe, this.encoding)}=${quote(py_str(v), safe, this.encoding)}`);
        else output.push(py_urlencode([[k, py_str(v)]], { encoding: this.encoding }));
      }
    }
    return output.join("&");
  }
}

/**
 * `request.headers`: the HTTP_* (plus CONTENT_TYPE and CONTENT_LENGTH) entries of META, named
 * as on the wire: `HTTP_X_FORWARDED_FOR` → `X-Forwarded-For`. Lookups ignore case and accept
 * underscores: `headers.get("x_forwarded_for")`.
 */
export class HttpHeaders extends CaseInsensitiveMapping<string> {
  static readonly HTTP_PREFIX = "HTTP_";
  static readonly UNPREFIXED_HEADERS = new Set(["CONTENT_TYPE", "CONTENT_LENGTH"]);

  constructor(environ: Record<string, any>) {
    const headers: [string, string][] = [];
    for (const [key, value] of Object.entries(environ)) {
      const name = HttpHeaders.parse_header_name(key);
      if (name) headers.push([name, value]);
    }
    super(headers);
  }

  override getitem(key: string): string {
    return super.getitem(key.replace(/_/g, "-"));
  }

  override get<D = null>(key: string, default_: D = null as D): string | D {
    return super.get(key.replace(/_/g, "-"), default_);
  }

  override has(key: string): boolean {
    return super.has(key.replace(/_/g, "-"));
  }

  /** `HTTP_ACCEPT_LANGUAGE` → `Accept-Language`; null for keys that are not headers. */
  static parse_header_name(header: string): string | null {
    if (header.startsWith(HttpHeaders.HTTP_PREFIX)) header = header.slice(HttpHeaders.HTTP_PREFIX.length);
    else if (!HttpHeaders.UNPREFIXED_HEADERS.has(header)) return null;
    return py_title(header.replace(/_/g, "-"));
  }

  /** `Accept-Language` → `HTTP_ACCEPT_LANGUAGE` (what the test client and gateway put in META). */
  static to_wsgi_name(header: string): string {
    header = header.replace(/-/g, "_").toUpperCase();
    return HttpHeaders.UNPREFIXED_HEADERS.has(header) ? header : HttpHeaders.HTTP_PREFIX + header;
  }

  static to_wsgi_names(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).map(([k, v]) => [HttpHeaders.to_wsgi_name(k), v]));
  }
}

/** One entry of an Accept header: `text/html;q=0.9` → main_type, sub_type, params, quality. */
export class MediaType {
  main_type: string;
  sub_type: string;
  params: Record<string, string>;

  constructor(media_type_raw_line: string | null) {
    const [full_type, params] = parse_header_parameters(media_type_raw_line || "");
    this.params = params;
    const slash = full_type.indexOf("/");
    this.main_type = slash < 0 ? full_type : full_type.slice(0, slash);
    this.sub_type = slash < 0 ? "" : full_type.slice(slash + 1);
  }

  toString(): string {
    const params = Object.entries(this.params).map(([k, v]) => `; ${k}=${v}`).join("");
    return `${this.main_type}${this.sub_type ? `/${this.sub_type}` : ""}${params}`;
  }

  get range_params(): Record<string, string> {
    const { q: _q, ...rest } = this.params;
    return rest;
  }

  /** Does this media type (possibly with `*` wildcards) cover `other`? */
  match(other: MediaType | string | null): boolean {
    if (!other) return false;
    const o = other instanceof MediaType ? other : new MediaType(other);
    if (![this.main_type, o.main_type, this.sub_type, o.sub_type].every(Boolean)) return false;
    for (const [a, b] of [[this.main_type, o.main_type], [this.sub_type, o.sub_type]]) if (a !== b && a !== "*" && b !== "*") return false;
    const mine = JSON.stringify(this.range_params);
    const theirs = JSON.stringify(o.range_params);
    const mine_empty = mine === "{}";
    const theirs_empty = theirs === "{}";
    if (mine_empty === theirs_empty) return mine === theirs;
    return !mine_empty || theirs_empty;
  }

  /** The `q=` value, 1 when missing or out of range. */
  get quality(): number {
    const q = this.params.q === undefined ? 1 : Number(this.params.q);
    if (Number.isNaN(q) || q < 0 || q > 1) return 1;
    return Math.round(q * 1000) / 1000;
  }

  get specificity(): number {
    if (this.main_type === "*") return 0;
    if (this.sub_type === "*") return 1;
    return Object.keys(this.range_params).length ? 3 : 2;
  }
}

type Meta = Record<string, any>;

/** A basic HTTP request; WSGIRequest fills it from a WSGI environ. */
export class HttpRequest {
  META: Meta = {};
  path = "";
  path_info = "";
  method: string | null = null;
  /** Set by the handler once the URL resolver matched (a ResolverMatch). */
  resolver_match: any = null;
  /** A per-request URLconf, set by middleware (`request.urlconf = "app.urls"`). */
  urlconf: any = undefined;
  content_type: string | null = null;
  content_params: Record<string, string> | null = null;
  /** Attributes middleware attaches (`request.user`, `request.session`, …) are plain properties. */
  [attribute: string]: any;

  protected _encoding: string | null = null;
  protected _get: QueryDict | undefined;
  protected _post: QueryDict | undefined;
  protected _files: MultiValueDict | undefined;
  protected _cookies: Record<string, string> | undefined;
  protected _headers: HttpHeaders | undefined;
  protected _body: Bytes | undefined;
  protected _stream!: ReadableStream;
  protected _read_started = false;
  private _scheme_host: string | undefined;
  /**
   * A request built by a handler (WSGIRequest, ASGIRequest) parses GET, POST, COOKIES and FILES
   * from its input when first read, and sets its own stream: it skips the empty ones below.
   */
  protected static parses_its_input = false;

  constructor() {
    if ((new.target as typeof HttpRequest).parses_its_input) return;
    this._get = new QueryDict(null, { mutable: true });
    this._post = new QueryDict(null, { mutable: true });
    this._cookies = {};
    this._files = new MultiValueDict();
    this._stream = new BytesIO();
  }

  __repr__(): string {
    if (this.method === null || !this.get_full_path()) return `<${this.constructor.name}>`;
    return `<${this.constructor.name}: ${this.method} ${py_repr(this.get_full_path())}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  /** `request.GET`: the query string as a QueryDict, parsed on first access. */
  get GET(): QueryDict {
    if (this._get === undefined) this._get = this._parse_GET();
    return this._get;
  }

  set GET(value: QueryDict) {
    this._get = value;
  }

  /** How a subclass builds GET from its input; the base request has an empty one. */
  protected _parse_GET(): QueryDict {
    return new QueryDict(null, { mutable: true, encoding: this._encoding });
  }

  /** `request.POST`: form fields of a POST body, parsed on first access. */
  get POST(): QueryDict {
    if (this._post === undefined) this._load_post_and_files();
    return this._post!;
  }

  set POST(value: QueryDict) {
    this._post = value;
  }

  /** `request.FILES`: uploaded files of a multipart POST. */
  get FILES(): MultiValueDict {
    if (this._files === undefined) this._load_post_and_files();
    return this._files!;
  }

  set FILES(value: MultiValueDict) {
    this._files = value;
  }

  /** `request.COOKIES`: name → value from the Cookie header. */
  get COOKIES(): Record<string, string> {
    if (this._cookies === undefined) this._cookies = this._parse_COOKIES();
    return this._cookies;
  }

  set COOKIES(value: Record<string, string>) {
    this._cookies = value;
  }

  /**
   * `get_signed_cookie(key, default=RAISE_ERROR, salt="", max_age=None)`: the cookie's value once its
   * signature checks out. Missing or tampered → `default` when one is given, else KeyError/BadSignature.
   */
  get_signed_cookie(key: string, options: { default?: unknown; salt?: string; max_age?: number | null } = {}): unknown {
    const has_default = "default" in options;
    if (!(key in this.COOKIES)) {
      if (has_default) return options.default;
      throw new KeyError(key);
    }
    try {
      return _unsign_cookie(this.COOKIES[key], { cookie_name: key, salt: options.salt, max_age: options.max_age });
    } catch (e) {
      if (e instanceof BadSignature && has_default) return options.default;
      throw e;
    }
  }

  protected _parse_COOKIES(): Record<string, string> {
    return {};
  }

  /** `request.headers`: case-insensitive view of the HTTP headers in META. */
  get headers(): HttpHeaders {
    if (this._headers === undefined) this._headers = new HttpHeaders(this.META);
    return this._headers;
  }

  /** `request.accepts("application/json")`: does the Accept header allow it? */
  accepts(media_type: string): boolean {
    return this.accepted_type(media_type) !== null;
  }

  /** The Accept header's media types, best first (quality, then specificity). */
  get accepted_types(): MediaType[] {
    const header = this.headers.get("Accept", "*/*")!;
    const types = header.split(",").filter((t) => t.trim()).map((t) => new MediaType(t)).filter((t) => t.quality !== 0);
    return types.sort((a, b) => b.quality - a.quality || b.specificity - a.specificity);
  }

  accepted_type(media_type: string): MediaType | null {
    const wanted = new MediaType(media_type);
    const by_precedence = [...this.accepted_types].sort((a, b) => b.specificity - a.specificity || b.quality - a.quality);
    return by_precedence.find((t) => wanted.match(t)) ?? null;
  }

  /** Set content_type, content_params and (for a known charset) encoding from CONTENT_TYPE. */
  protected _set_content_type_params(meta: Meta): void {
    const raw: string = meta.CONTENT_TYPE ?? "";
    if (raw === "") {
      // No Content-Type (a GET): Django parses "" into ("", {}); the same, without the parser.
      this.content_type = "";
      this.content_params = {};
      return;
    }
    [this.content_type, this.content_params] = parse_header_parameters(raw);
    const charset = this.content_params.charset;
    if (charset !== undefined && is_known_codec(charset)) this.encoding = charset;
  }

  /** The host from X-Forwarded-Host (if trusted), Host, or SERVER_NAME[:port]; not validated. */
  _get_raw_host(): string {
    if (settings.USE_X_FORWARDED_HOST && "HTTP_X_FORWARDED_HOST" in this.META) return this.META.HTTP_X_FORWARDED_HOST;
    if ("HTTP_HOST" in this.META) return this.META.HTTP_HOST;
    let host: string = this.META.SERVER_NAME;
    const server_port = this.get_port();
    if (server_port !== (this.is_secure() ? "443" : "80")) host = `${host}:${server_port}`;
    return host;
  }

  /**
   * `request.get_host()`: the host, checked against ALLOWED_HOSTS (with DEBUG and an empty list,
   * localhost names are allowed). A host that fails raises DisallowedHost → 400.
   */
  get_host(): string {
    const host = this._get_raw_host();
    let allowed_hosts: string[] = settings.ALLOWED_HOSTS;
    if (settings.DEBUG && !allowed_hosts.length) allowed_hosts = [".localhost", "127.0.0.1", "[::1]"];
    const [domain] = split_domain_port(host);
    if (domain && validate_host(domain, allowed_hosts)) return host;
    let msg = `Invalid HTTP_HOST header: ${py_repr(host)}.`;
    if (domain) msg += ` You may need to add ${py_repr(domain)} to ALLOWED_HOSTS.`;
    else msg += " The domain name provided is not valid according to RFC 1034/1035.";
    throw new DisallowedHost(msg);
  }

  /** `request.get_port()`: SERVER_PORT (or X-Forwarded-Port when trusted), as a string. */
  get_port(): string {
    if (settings.USE_X_FORWARDED_PORT && "HTTP_X_FORWARDED_PORT" in this.META) return py_str(this.META.HTTP_X_FORWARDED_PORT);
    return py_str(this.META.SERVER_PORT);
  }

  /** `request.get_full_path()`: path (URI-escaped) plus `?query`. `/caf%C3%A9/?q=1` */
  get_full_path(force_append_slash = false): string {
    return this._get_full_path(this.path, force_append_slash);
  }

  /** Like get_full_path, but from path_info (without SCRIPT_NAME). */
  get_full_path_info(force_append_slash = false): string {
    return this._get_full_path(this.path_info, force_append_slash);
  }

  private _get_full_path(path: string, force_append_slash: boolean): string {
    const query: string = this.META.QUERY_STRING ?? "";
    const slash = force_append_slash && !path.endsWith("/") ? "/" : "";
    return `${escape_uri_path(path)}${slash}${query ? "?" + iri_to_uri(query) : ""}`;
  }

  /**
   * `request.build_absolute_uri(location)`: `http://testserver/a/b/` for the current URL, or
   * `location` resolved against it (`"../up"`, `"//cdn.example/x"`, `"?page=2"`).
   */
  build_absolute_uri(location: string | null = null): string {
    location = location === null ? `//${this.get_full_path()}` : py_str(location);
    const bits = urlsplit(location);
    if (!(bits.scheme && bits.netloc)) {
      const simple_absolute_path = bits.path.startsWith("/") && !bits.scheme && !bits.netloc && !bits.path.includes("/./") && !bits.path.includes("/../");
      if (simple_absolute_path) location = this._current_scheme_host + (location.startsWith("//") ? location.slice(2) : location);
      else location = urljoin(this._current_scheme_host + this.path, location);
    }
    return iri_to_uri(location)!;
  }

  /** `http://host` of this request (cached, like Django's cached_property). */
  protected get _current_scheme_host(): string {
    if (this._scheme_host === undefined) this._scheme_host = `${this.scheme}://${this.get_host()}`;
    return this._scheme_host;
  }

  /** The server's scheme; WSGIRequest reads `wsgi.url_scheme`. */
  protected _get_scheme(): string {
    return "http";
  }

  /** `request.scheme`: "https" when SECURE_PROXY_SSL_HEADER says so, else the server's scheme. */
  get scheme(): string {
    const proxy_header = settings.SECURE_PROXY_SSL_HEADER;
    if (proxy_header) {
      if (!Array.isArray(proxy_header) || proxy_header.length !== 2)
        throw new ImproperlyConfigured("The SECURE_PROXY_SSL_HEADER setting must be a tuple containing two values.");
      const [header, secure_value] = proxy_header;
      const header_value = this.META[header];
      if (header_value !== undefined && header_value !== null) {
        const first = String(header_value).split(",", 1)[0];
        return first.trim() === secure_value ? "https" : "http";
      }
    }
    return this._get_scheme();
  }

  is_secure(): boolean {
    return this.scheme === "https";
  }

  /** `request.encoding`: the charset for GET/POST; setting it re-parses them on next access. */
  get encoding(): string | null {
    return this._encoding;
  }

  set encoding(value: string | null) {
    this._encoding = value;
    this._get = undefined;
    this._post = undefined;
  }

  /**
   * `request.body`: the raw body bytes, read once (at most DATA_UPLOAD_MAX_MEMORY_SIZE, else
   * RequestDataTooBig). After the stream was read by other means: RawPostDataException.
   */
  get body(): Bytes {
    if (this._body === undefined) {
      if (this._read_started) throw new RawPostDataException("You cannot access body after reading from request's data stream");
      this._check_data_too_big(Number.parseInt(this.META.CONTENT_LENGTH || "0", 10) || 0);
      const max: number | null = settings.DATA_UPLOAD_MAX_MEMORY_SIZE;
      try {
        this._body = this.read(max !== null ? max + 1 : null);
      } finally {
        this._stream.close?.();
      }
      this._stream = new BytesIO(this._body);
      this._check_data_too_big(this._body.length);
    }
    return this._body;
  }

  protected _check_data_too_big(length: number): void {
    const max = settings.DATA_UPLOAD_MAX_MEMORY_SIZE;
    if (max !== null && max !== undefined && length > max) throw new RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.");
  }

  protected _mark_post_parse_error(): void {
    this._post = new QueryDict();
    this._files = new MultiValueDict();
  }

  /**
   * Fill POST and FILES: only a POST with a form content type has them. Multipart bodies go
   * through MultiPartParser; urlencoded bodies must be UTF-8.
   */
  protected _load_post_and_files(): void {
    const empty = () => {
      this._post = new QueryDict(null, { encoding: this._encoding });
      this._files = new MultiValueDict();
    };
    if (this.method !== "POST") return empty();
    if (this._read_started && this._body === undefined) return this._mark_post_parse_error();
    if (this.content_type === "multipart/form-data") return this._load_multipart();
    if (this.content_type === "application/x-www-form-urlencoded") {
      if (this._encoding !== null && this._encoding.toLowerCase() !== "utf-8")
        throw new BadRequest("HTTP requests with the 'application/x-www-form-urlencoded' content type must be UTF-8 encoded.");
      this._post = new QueryDict(this.body, { encoding: "utf-8" });
      this._files = new MultiValueDict();
      return;
    }
    empty();
  }

  private _load_multipart(): void {
    const data: ReadableStream = this._body !== undefined ? new BytesIO(this._body) : this;
    try {
      [this._post, this._files] = this.parse_file_upload(this.META, data);
    } catch (e) {
      if (e instanceof MultiPartParserError || e instanceof TooManyFilesSent) this._mark_post_parse_error();
      throw e;
    }
  }

  /** `parse_file_upload(META, post_data)` → `[POST, FILES]`. */
  parse_file_upload(META: Meta, post_data: ReadableStream): [QueryDict, MultiValueDict] {
    return new MultiPartParser(META, post_data, this._encoding).parse();
  }

  /** Release uploaded files. */
  close(): void {
    if (this._files) for (const [, files] of this._files.lists()) for (const f of files) f?.close?.();
  }

  /** `request.read(size)`: read the body stream directly (marks it as started). */
  read(size: number | null = null): Bytes {
    this._read_started = true;
    try {
      return this._stream.read(size);
    } catch (e) {
      if (e instanceof Error && e.name === "OSError") throw new UnreadablePostError(e.message);
      throw e;
    }
  }

  /** `request.readline(size)` */
  readline(size: number | null = null): Bytes {
    this._read_started = true;
    if (!this._stream.readline) return this._stream.read(size);
    return this._stream.readline(size);
  }

  /** Lines of the body, as iterating a request in Python gives. */
  *[Symbol.iterator](): Iterator<Bytes> {
    for (;;) {
      const line = this.readline();
      if (!line.length) return;
      yield line;
    }
  }

  readlines(): Bytes[] {
    return [...this];
  }
}
