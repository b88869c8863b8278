/**
 * werkzeug.test: requests made without a network — `EnvironBuilder` turns (path, method,
 * headers, body) into a WSGI environ exactly as a server would, and `Client` runs an application
 * on it and collects a `TestResponse`. Flask's test client (flask/testing.ts) builds on these; the
 * conformance corpus was recorded through them.
 *
 *     const client = new Client(app);
 *     const r = client.post("/login", { data: "username=ada", content_type: "application/x-www-form-urlencoded" });
 *     r.status_code; r.get_data(true); r.headers.get("Location")
 */
import { TypeError, ValueError } from "../python/builtins";
import { utf8_encode, type Bytes } from "../python/bytes";
import { py_json_dumps } from "../python/json";
import { unquote, urlsplit, urlunsplit } from "../python/urllib/parse";
import { Headers, type HeaderPairs } from "./datastructures/headers";
import { MultiDict, iter_multi_items } from "./datastructures/structures";
import { _wsgi_encoding_dance } from "./_internal";
import { iri_to_uri, _urlencode } from "./urls";
import { get_content_type } from "./utils";
import { Request } from "./wrappers/request";
import { Response, run_wsgi_app } from "./wrappers/response";
import { BytesStream } from "./wsgi";

export type WSGIApp = (environ: Record<string, any>, start_response: (status: string, headers: [string, string][], exc_info?: unknown) => unknown) => Iterable<Bytes>;

export interface EnvironBuilderOptions {
  base_url?: string | null;
  query_string?: string | Record<string, unknown> | null;
  method?: string;
  input_stream?: { read(size?: number | null): Bytes } | null;
  content_type?: string | null;
  content_length?: number | null;
  headers?: HeaderPairs;
  data?: string | Bytes | Record<string, unknown> | null;
  environ_base?: Record<string, any> | null;
  environ_overrides?: Record<string, any> | null;
  mimetype?: string | null;
  json?: unknown;
}

/** `EnvironBuilder(path="/", base_url=None, query_string=None, method="GET", …)` */
export class EnvironBuilder {
  static server_protocol = "HTTP/1.1";
  path: string;
  request_uri: string;
  query_string_: string | null = null;
  args: MultiDict<string> | null = null;
  method: string;
  headers: Headers;
  environ_base: Record<string, any> | null;
  environ_overrides: Record<string, any> | null;
  input_stream: { read(size?: number | null): Bytes } | null = null;
  form: MultiDict<string> | null = null;
  script_root = "";
  host = "localhost";
  url_scheme = "http";

  constructor(path = "/", options: EnvironBuilderOptions = {}) {
    if (options.query_string !== undefined && options.query_string !== null && path.includes("?")) throw new ValueError("Query string is defined in the path and as an argument");
    const request_uri = urlsplit(path);
    let query_string = options.query_string ?? null;
    if (query_string === null && path.includes("?")) query_string = request_uri.query;
    this.path = iri_to_uri(request_uri.path);
    this.request_uri = path;
    this.base_url = options.base_url === undefined || options.base_url === null ? null : iri_to_uri(options.base_url);
    if (typeof query_string === "string") this.query_string_ = query_string;
    else this.args = new MultiDict(query_string as Record<string, string> | null);
    this.method = options.method ?? "GET";
    this.headers = options.headers instanceof Headers ? options.headers : new Headers(options.headers ?? null);
    if (options.content_type !== undefined && options.content_type !== null) this.content_type = options.content_type;
    this.environ_base = options.environ_base ?? null;
    this.environ_overrides = options.environ_overrides ?? null;
    this.input_stream = options.input_stream ?? null;
    if (options.content_length !== undefined && options.content_length !== null) this.content_length = options.content_length;
    let data = options.data ?? null;
    if (options.json !== undefined) {
      if (data !== null) throw new TypeError("can't provide both json and data");
      data = py_json_dumps(options.json);
      if (this.content_type === null) this.content_type = "application/json";
    }
    this.set_data(data);
    if (options.mimetype !== undefined && options.mimetype !== null) this.content_type = get_content_type(options.mimetype, "utf-8");
  }

  private set_data(data: string | Bytes | Record<string, unknown> | null): void {
    if (data === null || (typeof data === "string" && !data) || (data instanceof Uint8Array && !data.length)) return;
    if (this.input_stream !== null) throw new TypeError("can't provide input stream and data");
    if (typeof data === "string" || data instanceof Uint8Array) {
      const bytes = typeof data === "string" ? utf8_encode(data) : data;
      this.input_stream = new BytesStream(bytes);
      if (this.content_length === null) this.content_length = bytes.length;
      return;
    }
    this.form ??= new MultiDict();
    for (const [key, value] of iter_multi_items(data as Record<string, string>)) this.form.add(key, value);
  }

  /** `base_url`: scheme, host and script root (`http://localhost/`). */
  get base_url(): string {
    return urlunsplit([this.url_scheme, this.host, this.script_root, "", ""]).replace(/\/+$/, "") + "/";
  }
  set base_url(value: string | null) {
    if (value === null) {
      [this.url_scheme, this.host, this.script_root] = ["http", "localhost", ""];
      return;
    }
    const parts = urlsplit(value);
    if (parts.query || parts.fragment) throw new ValueError("base url must not contain a query string or fragment");
    this.script_root = parts.path.replace(/\/+$/, "");
    this.host = parts.netloc;
    this.url_scheme = parts.scheme;
  }

  get content_type(): string | null {
    const ct = this.headers.get("Content-Type");
    if (ct === null && this.input_stream === null && this.form && this.form.len()) return "application/x-www-form-urlencoded";
    return ct;
  }
  set content_type(value: string | null) {
    if (value === null) this.headers.pop("Content-Type", null);
    else this.headers.set("Content-Type", value);
  }

  get mimetype(): string | null {
    const ct = this.content_type;
    return ct ? ct.split(";")[0].trim() : null;
  }

  get content_length(): number | null {
    const v = this.headers.get("Content-Length");
    return v === null ? null : Number(v);
  }
  set content_length(value: number | null) {
    if (value === null) this.headers.pop("Content-Length", null);
    else this.headers.set("Content-Length", String(value));
  }

  get query_string(): string {
    if (this.query_string_ === null) return this.args ? _urlencode(this.args) : "";
    return this.query_string_;
  }

  get server_name(): string {
    return this.host.split(":")[0];
  }

  get server_port(): number {
    const colon = this.host.indexOf(":");
    if (colon >= 0 && /^\d+$/.test(this.host.slice(colon + 1))) return Number(this.host.slice(colon + 1));
    return this.url_scheme === "https" ? 443 : 80;
  }

  close(): void {}

  /** `get_environ()`: the WSGI environ, in the key order a server produces. */
  get_environ(): Record<string, any> {
    let input_stream = this.input_stream;
    let content_length = this.content_length;
    const content_type = this.content_type;
    if (input_stream === null && this.mimetype === "application/x-www-form-urlencoded" && this.form) {
      const encoded = utf8_encode(_urlencode(this.form));
      content_length = encoded.length;
      input_stream = new BytesStream(encoded);
    } else if (input_stream === null) input_stream = new BytesStream();
    const result: Record<string, any> = { ...(this.environ_base ?? {}) };
    const path_encode = (x: string) => _wsgi_encoding_dance(unquote(x));
    const raw_uri = _wsgi_encoding_dance(this.request_uri);
    Object.assign(result, {
      REQUEST_METHOD: this.method,
      SCRIPT_NAME: path_encode(this.script_root),
      PATH_INFO: path_encode(this.path),
      QUERY_STRING: _wsgi_encoding_dance(this.query_string),
      REQUEST_URI: raw_uri,
      RAW_URI: raw_uri,
      SERVER_NAME: this.server_name,
      SERVER_PORT: String(this.server_port),
      HTTP_HOST: this.host,
      SERVER_PROTOCOL: EnvironBuilder.server_protocol,
      "wsgi.version": [1, 0],
      "wsgi.url_scheme": this.url_scheme,
      "wsgi.input": input_stream,
      "wsgi.errors": { write() {}, writelines() {}, flush() {} },
      "wsgi.multithread": false,
      "wsgi.multiprocess": false,
      "wsgi.run_once": false,
    });
    const headers = this.headers.copy();
    headers.remove("Content-Type");
    headers.remove("Content-Length");
    if (content_type !== null) result.CONTENT_TYPE = content_type;
    if (content_length !== null) result.CONTENT_LENGTH = String(content_length);
    const combined = new globalThis.Map<string, string[]>();
    for (const [key, value] of headers.to_wsgi_list()) {
      const k = `HTTP_${key.toUpperCase().replace(/-/g, "_")}`;
      combined.set(k, [...(combined.get(k) ?? []), value]);
    }
    for (const [key, values] of combined) result[key] = values.join(", ");
    if (this.environ_overrides) Object.assign(result, this.environ_overrides);
    return result;
  }

  get_request(cls: typeof Request = Request): Request {
    return new cls(this.get_environ());
  }
}

/** `TestResponse`: a Response that remembers its request (and redirect history). */
export class TestResponse extends Response {
  /** Only the headers the application sent: no default Content-Type is added. */
  static override default_mimetype: string | null = null;
  request: Request | null = null;
  history: TestResponse[] = [];

  /** `response.text`: the body as text. */
  get text(): string {
    return this.get_data(true);
  }
}

/** `Client(application, response_wrapper=None, use_cookies=True)` */
export class Client {
  readonly _cookies: globalThis.Map<string, string> | null;
  environ_base: Record<string, any> = {};

  constructor(
    readonly application: WSGIApp | { __call__: WSGIApp },
    readonly response_wrapper: typeof TestResponse = TestResponse,
    options: { use_cookies?: boolean } = {},
  ) {
    this._cookies = options.use_cookies === false ? null : new globalThis.Map();
  }

  /** The jar's cookies as a `Cookie` header on the environ. */
  protected _add_cookies_to_wsgi(environ: Record<string, any>): void {
    if (!this._cookies || !this._cookies.size) return;
    const value = [...this._cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    environ.HTTP_COOKIE = environ.HTTP_COOKIE ? `${environ.HTTP_COOKIE}; ${value}` : value;
  }

  /** Store (or delete, when expired) each cookie a response sets. */
  protected _update_cookies_from_response(headers: string[]): void {
    if (!this._cookies) return;
    for (const header of headers) {
      const [pair, ...attrs] = header.split(";").map((x) => x.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const lower = attrs.map((a) => a.toLowerCase());
      if (lower.includes("max-age=0") || lower.includes("expires=thu, 01 jan 1970 00:00:00 gmt")) this._cookies.delete(name);
      else this._cookies.set(name, value);
    }
  }

  /** Build the request for `open(path, **kwargs)`. */
  protected _request_from_builder_args(path: string, options: EnvironBuilderOptions): Request {
    return new EnvironBuilder(path, { ...options, environ_base: { ...this.environ_base, ...(options.environ_base ?? {}) } }).get_request();
  }

  /** `run_wsgi_app(environ)`: call the application, cookies in and out. */
  run_wsgi_app(environ: Record<string, any>): [Bytes[], string, Headers] {
    this._add_cookies_to_wsgi(environ);
    const app = typeof this.application === "function" ? this.application : (e: Record<string, any>, s: any) => (this.application as { __call__: WSGIApp }).__call__(e, s);
    const rv = run_wsgi_app(app as any, environ);
    this._update_cookies_from_response(rv[2].getlist("Set-Cookie"));
    return rv;
  }

  /** `open(path, method="GET", headers=None, data=None, …, follow_redirects=False)` */
  open(path = "/", options: EnvironBuilderOptions & { follow_redirects?: boolean } = {}): TestResponse {
    const request = this._request_from_builder_args(path, options);
    let response = this.make_response(request);
    const seen = new Set<string>();
    while (options.follow_redirects && [301, 302, 303, 305, 307, 308].includes(response.status_code)) {
      const key = `${response.location} ${response.status_code}`;
      if (seen.has(key)) throw new Error(`Loop detected: A ${response.status_code} redirect to ${response.location} was already made.`);
      seen.add(key);
      const history = [...response.history, response];
      const method = response.status_code === 307 || response.status_code === 308 ? options.method : "GET";
      const target = urlsplit(response.location ?? "/");
      response = this.open(target.path + (target.query ? `?${target.query}` : ""), { method, environ_base: options.environ_base });
      response.history = history;
    }
    return response;
  }

  private make_response(request: Request): TestResponse {
    const [app_iter, status, headers] = this.run_wsgi_app(request.environ);
    const response = new this.response_wrapper(app_iter, status, headers);
    response.request = request;
    return response;
  }

  get(path = "/", options: EnvironBuilderOptions & { follow_redirects?: boolean } = {}): TestResponse {
    return this.open(path, { ...options, method: "GET" });
  }
  post(path = "/", options: EnvironBuilderOptions & { follow_redirects?: boolean } = {}): TestResponse {
    return this.open(path, { ...options, method: "POST" });
  }
  put(path = "/", options: EnvironBuilderOptions & { follow_redirects?: boolean } = {}): TestResponse {
    return this.open(path, { ...options, method: "PUT" });
  }
  delete(path = "/", options: EnvironBuilderOptions & { follow_redirects?: boolean } = {}): TestResponse {
    return this.open(path, { ...options, method: "DELETE" });
  }
  patch(path = "/", options: EnvironBuilderOptions & { follow_redirects?: boolean } = {}): TestResponse {
    return this.open(path, { ...options, method: "PATCH" });
  }
  head(path = "/", options: EnvironBuilderOptions & { follow_redirects?: boolean } = {}): TestResponse {
    return this.open(path, { ...options, method: "HEAD" });
  }
  options(path = "/", options: EnvironBuilderOptions & { follow_redirects?: boolean } = {}): TestResponse {
    return this.open(path, { ...options, method: "OPTIONS" });
  }

  /** The cookies the client holds (`client.get_cookie(name)`). */
  get_cookie(key: string): string | null {
    return this._cookies?.get(key) ?? null;
  }
}

