/**
 * django.test.client: a test's request → a WSGI environ → the project's handler → a response a
 * test can inspect, without a server. Main classes: `RequestFactory` (builds requests) and
 * `Client` (sends them, keeps cookies and the session between requests, follows redirects).
 *
 *     const response = this.client.get(reverse("polls:index"));       # response = self.client.get(...)
 *     response.status_code                                              200
 *     response.context.getitem("latest_question_list")                 the view's context (ADR 0001: [key] → getitem)
 *     response.templates                                                [<Template polls/index.html>, …]
 *     response.resolver_match.func                                      the view that answered
 *     this.client.post("/polls/1/vote/", { choice: 1 }, { follow: true })   → response.redirect_chain
 *
 * The context and templates are captured as Django's client captures them: the test environment
 * makes every template render send `template_rendered` (test/utils.ts), and the client listens
 * while its request runs. An exception a view raises is raised again in the test (as Django's
 * `raise_request_exception=True`), so the traceback points at it instead of at a 500 page.
 */
import { TypeError, ValueError } from "../../python/builtins";
import { loads as json_loads, py_json_dumps } from "../../python/json";
import { DjangoJSONEncoder } from "../core/serializers/json";
import { exception as handled_exception } from "../../python/sys";
import { urljoin, urlsplit } from "../../python/urllib/parse";
import { authenticate, get_user, load_backend, login as auth_login, logout as auth_logout } from "../contrib/auth";
import { settings } from "../conf";
import { got_request_exception, request_started } from "../core/signals";
import { close_old_connections } from "../db";
import { BaseHandler } from "../core/handlers/base";
import { WSGIRequest } from "../core/handlers/wsgi";
import { HttpHeaders, HttpRequest, QueryDict, SimpleCookie } from "../http";
import type { HttpResponseBase } from "../http/response";
import { resolve } from "../urls";
import { force_bytes } from "../utils/encoding";
import { urlencode } from "../utils/http";
import { import_module } from "../utils/module_loading";
import { template_rendered } from "./signals";
import { ContextList } from "./utils";
import type { Context } from "../template/context";

type Dict = Record<string, unknown>;
type Bytes = Uint8Array;

export const BOUNDARY = "BoUnDaRyStRiNg";
export const MULTIPART_CONTENT = `multipart/form-data; boundary=${BOUNDARY}`;
const CONTENT_TYPE_RE = /.*; charset=([\w-]+);?/;
const JSON_CONTENT_TYPE_RE = /^application\/(.+\+)?json/;

/** `RedirectCycleError`: following redirects came back to a URL already visited, or went past 20. */
export class RedirectCycleError extends Error {
  override name = "RedirectCycleError";
  constructor(
    message: string,
    readonly last_response: TestResponse,
  ) {
    super(message);
  }
}

/** The body as the handler reads it: `read(n)` from a byte string (Django's `FakePayload`). */
export class FakePayload {
  private position = 0;
  constructor(private readonly content: Bytes = new Uint8Array(0)) {}
  get length(): number {
    return this.content.length;
  }
  read(size: number | null = -1): Bytes {
    const end = size === null || size < 0 ? this.content.length : Math.min(this.content.length, this.position + size);
    const chunk = this.content.slice(this.position, end);
    this.position = end;
    return chunk;
  }
  readline(size: number | null = -1): Bytes {
    const limit = size === null || size < 0 ? this.content.length : Math.min(this.content.length, this.position + size);
    let end = this.position;
    while (end < limit && this.content[end] !== 0x0a) end++;
    return this.read(Math.min(limit, end + 1) - this.position);
  }
}

/** What a test gets back: the response, with what the client learned while it was made. */
export type TestResponse = HttpResponseBase & {
  client: Client;
  request: Dict;
  wsgi_request: WSGIRequest;
  templates: unknown[];
  context: ContextList | Context | null;
  json(): unknown;
  resolver_match: ReturnType<typeof resolve>;
  redirect_chain: [string, number][];
  status_code: number;
  url: string;
  content: Bytes;
  cookies: SimpleCookie;
};

/**
 * `encode_multipart(boundary, data)`: a dict of fields → a multipart/form-data body (lists give one
 * part per item; None is refused, as Django refuses it).
 */
export function encode_multipart(boundary: string, data: Dict): Bytes {
  const lines: string[] = [];
  const part = (key: string, value: unknown) => lines.push(`--${boundary}`, `Content-Disposition: form-data; name="${key}"`, "", py_str(value));
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined) throw new TypeError(`Cannot encode None for key '${key}' as POST data. Did you mean to pass an empty string or omit the value?`);
    if (Array.isArray(value)) for (const item of value) part(key, item);
    else part(key, value);
  }
  lines.push(`--${boundary}--`, "");
  return force_bytes(lines.join("\r\n"));
}

function py_str(value: unknown): string {
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}

export interface RequestOptions {
  /** Sent with the request as `HTTP_*` environ keys: `{ "User-Agent": "…" }` → HTTP_USER_AGENT. */
  headers?: Record<string, string> | null;
  /** Added to the URL as its query string (`query_params=`). */
  query_params?: Dict | null;
  secure?: boolean;
  content_type?: string;
  follow?: boolean;
  /** Anything else is put into the environ as is (`**extra`: `HTTP_HOST`, `REMOTE_ADDR`…). */
  [extra: string]: unknown;
}

/**
 * `RequestFactory`: requests built as the client would send them, for calling a view directly
 * (`view(factory.get("/polls/"))`); no middleware runs, so there is no session or user unless the
 * test sets them.
 */
export class RequestFactory {
  readonly defaults: Dict;
  cookies = new SimpleCookie();
  readonly errors = { write() {}, flush() {}, writelines() {} };
  /** How `_encode_json` serialises a dict or list sent as JSON. */
  json_encoder: typeof DjangoJSONEncoder = DjangoJSONEncoder;

  constructor(options: { headers?: Record<string, string> | null; [extra: string]: unknown } = {}) {
    const { headers = null, json_encoder = DjangoJSONEncoder, ...defaults } = options;
    this.json_encoder = json_encoder as typeof DjangoJSONEncoder;
    this.defaults = { ...defaults, ...(headers ? HttpHeaders_to_wsgi_names(headers) : {}) };
  }

  /** The environ every request starts from: testserver:80, the client's cookies, then the defaults. */
  _base_environ(request: Dict): Dict {
    const cookies = this.cookies
      .values()
      .map((morsel) => `${morsel.key}=${morsel.coded_value}`)
      .sort();
    return {
      HTTP_COOKIE: cookies.join("; "),
      PATH_INFO: "/",
      REMOTE_ADDR: "127.0.0.1",
      REQUEST_METHOD: "GET",
      SCRIPT_NAME: "",
      SERVER_NAME: "testserver",
      SERVER_PORT: "80",
      SERVER_PROTOCOL: "HTTP/1.1",
      "wsgi.version": [1, 0],
      "wsgi.url_scheme": "http",
      "wsgi.input": new FakePayload(),
      "wsgi.errors": this.errors,
      "wsgi.multiprocess": true,
      "wsgi.multithread": false,
      "wsgi.run_once": false,
      ...this.defaults,
      ...request,
    };
  }

  /** A WSGIRequest for the environ (the client overrides this to send it instead). */
  request(request: Dict): unknown {
    return new WSGIRequest(this._base_environ(request));
  }

  /** A dict or list becomes JSON when the content type is JSON. */
  _encode_json(data: unknown, content_type: string): unknown {
    const should_encode = JSON_CONTENT_TYPE_RE.test(content_type) && (Array.isArray(data) || is_plain_object(data));
    return should_encode ? py_json_dumps(data, { cls: this.json_encoder }) : data;
  }

  _encode_data(data: unknown, content_type: string): Bytes {
    if (content_type === MULTIPART_CONTENT) return encode_multipart(BOUNDARY, (data ?? {}) as Dict);
    const charset = CONTENT_TYPE_RE.exec(content_type)?.[1] ?? (settings.DEFAULT_CHARSET as string);
    return force_bytes(data, charset);
  }

  get(path: string, data: Dict | QueryDict | null = null, options: RequestOptions = {}): unknown {
    const { query_params = null, ...rest } = options;
    if (query_params && data && !is_empty(data)) throw new ValueError("query_params and data arguments are mutually exclusive.");
    return this.generic("GET", path, "", { ...rest, query_params: (data && !is_empty(data) ? data : query_params) as Dict | null });
  }

  post(path: string, data: unknown = null, options: RequestOptions = {}): unknown {
    const content_type = options.content_type ?? MULTIPART_CONTENT;
    const encoded = this._encode_json(data ?? {}, content_type);
    return this.generic("POST", path, this._encode_data(encoded, content_type), { ...options, content_type });
  }

  head(path: string, data: Dict | null = null, options: RequestOptions = {}): unknown {
    const { query_params = null, ...rest } = options;
    return this.generic("HEAD", path, "", { ...rest, query_params: data && !is_empty(data) ? data : query_params });
  }

  trace(path: string, options: RequestOptions = {}): unknown {
    return this.generic("TRACE", path, "", options);
  }

  options(path: string, data: unknown = "", options: RequestOptions = {}): unknown {
    return this.generic("OPTIONS", path, data, { ...options, content_type: options.content_type ?? "application/octet-stream" });
  }

  put(path: string, data: unknown = "", options: RequestOptions = {}): unknown {
    return this.body_method("PUT", path, data, options);
  }

  patch(path: string, data: unknown = "", options: RequestOptions = {}): unknown {
    return this.body_method("PATCH", path, data, options);
  }

  delete(path: string, data: unknown = "", options: RequestOptions = {}): unknown {
    return this.body_method("DELETE", path, data, options);
  }

  private body_method(method: string, path: string, data: unknown, options: RequestOptions): unknown {
    const content_type = options.content_type ?? "application/octet-stream";
    return this.generic(method, path, this._encode_json(data, content_type), { ...options, content_type });
  }

  /** Any method: the path split into PATH_INFO and QUERY_STRING, the body into wsgi.input. */
  generic(method: string, path: string, data: unknown = "", options: RequestOptions = {}): unknown {
    const { headers = null, query_params = null, secure = false, content_type = "application/octet-stream", follow: _follow, ...extra } = options;
    const parsed = urlsplit(String(path));
    const body = data instanceof Uint8Array ? data : force_bytes(data ?? "", settings.DEFAULT_CHARSET as string);
    const r: Dict = { PATH_INFO: this._get_path(parsed.path), REQUEST_METHOD: method, SERVER_PORT: secure ? "443" : "80", "wsgi.url_scheme": secure ? "https" : "http" };
    if (body.length) Object.assign(r, { CONTENT_LENGTH: String(body.length), CONTENT_TYPE: String(content_type), "wsgi.input": new FakePayload(body) });
    if (headers) Object.assign(extra, HttpHeaders_to_wsgi_names(headers));
    if (query_params) extra.QUERY_STRING = urlencode(query_params as Dict, true);
    Object.assign(r, extra);
    if (!r.QUERY_STRING) r.QUERY_STRING = parsed.query;
    return this.request(r);
  }

  /** The path as WSGI carries it: percent-decoded, as Latin-1 characters of its UTF-8 bytes. */
  _get_path(path: string): string {
    const bytes = unquote_to_bytes(path);
    let out = "";
    for (const byte of bytes) out += String.fromCharCode(byte);
    return out;
  }
}

function unquote_to_bytes(text: string): Bytes {
  const out: number[] = [];
  const encoded = new TextEncoder().encode(text);
  for (let i = 0; i < encoded.length; i++) {
    const hex = String.fromCharCode(encoded[i + 1] ?? 0, encoded[i + 2] ?? 0);
    if (encoded[i] === 0x25 && /^[0-9a-fA-F]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(encoded[i]);
  }
  return new Uint8Array(out);
}

function HttpHeaders_to_wsgi_names(headers: Record<string, string>): Dict {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [HttpHeaders.to_wsgi_name(name), value]));
}

function is_plain_object(value: unknown): value is Dict {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function is_empty(data: unknown): boolean {
  if (data instanceof QueryDict) return data.keys().length === 0;
  return is_plain_object(data) && Object.keys(data).length === 0;
}

/**
 * `ClientHandler`: the project's handler for the test client — the middleware chain loaded once,
 * CSRF checks off (a test posts without a token, as Django's client does), the response closed at
 * once so `request_finished` fires.
 */
export class ClientHandler extends BaseHandler {
  constructor(readonly enforce_csrf_checks = true) {
    super();
  }

  __call__(environ: Dict): HttpResponseBase {
    if (!(this as unknown as { _middleware_chain: unknown })._middleware_chain) this.load_middleware();
    request_started.disconnect(close_old_connections);
    request_started.send(ClientHandler, { environ });
    request_started.connect(close_old_connections);
    const request = new WSGIRequest(environ);
    (request as unknown as { _dont_enforce_csrf_checks: boolean })._dont_enforce_csrf_checks = !this.enforce_csrf_checks;
    const response = this.get_response(request);
    if (response instanceof Promise) throw new TypeError("The view returned a coroutine: async views need AsyncClient, which Framework Lab does not have yet.");
    conditional_content_removal(request, response);
    (response as TestResponse).wsgi_request = request;
    response.close();
    return response;
  }
}

/** A HEAD response, or a 1xx/204/304, carries no body (Django empties it as a server would). */
export function conditional_content_removal(request: HttpRequest, response: HttpResponseBase): HttpResponseBase {
  const status = response.status_code;
  const emptied = (100 <= status && status < 200) || status === 204 || status === 304 || request.method === "HEAD";
  if (emptied && !response.streaming) (response as unknown as { content: string }).content = "";
  return response;
}

/** `store_rendered_templates`: each rendered template and a copy of its context, in render order. */
function store_rendered_templates(store: { templates: unknown[]; context: ContextList | null }, { template, context }: { template: unknown; context: Context }): void {
  store.templates.push(template);
  if (store.context === null) store.context = new ContextList();
  store.context.push(copy_context(context));
}

/** `copy(context)`: a new Context over the same dicts, frozen at this moment of the render. */
function copy_context(context: Context): Context {
  const duplicate = Object.create(Object.getPrototypeOf(context)) as Context;
  Object.assign(duplicate, context);
  duplicate.dicts = [...context.dicts];
  return duplicate;
}

/**
 * `django.test.Client`: a browser for tests. Cookies a response sets are sent with the next request;
 * `session` is the session those cookies name; `login`/`force_login`/`logout` change who is signed in.
 */
export class Client extends RequestFactory {
  readonly handler: ClientHandler;
  readonly raise_request_exception: boolean;
  exc_info: unknown = null;
  extra: Dict | null = null;
  headers: Record<string, string> | null = null;

  constructor(options: { enforce_csrf_checks?: boolean; raise_request_exception?: boolean; headers?: Record<string, string> | null; [extra: string]: unknown } = {}) {
    const { enforce_csrf_checks = false, raise_request_exception = true, ...defaults } = options;
    super(defaults);
    this.handler = new ClientHandler(enforce_csrf_checks);
    this.raise_request_exception = raise_request_exception;
  }

  /** `got_request_exception` receiver: keep the view's exception, to raise it in the test. */
  private readonly store_exc_info = () => {
    this.exc_info = handled_exception();
  };

  /** Send one request through the handler; capture the templates, the context and the exception. */
  override request(request: Dict): TestResponse {
    const environ = this._base_environ(request);
    const store: { templates: unknown[]; context: ContextList | null } = { templates: [], context: null };
    const on_template_render = (_sender: unknown, kwargs: Dict) => store_rendered_templates(store, kwargs as { template: unknown; context: Context });
    const signal_uid = `template-render-${unique_id()}`;
    const exception_uid = `request-exception-${unique_id()}`;
    template_rendered.connect(on_template_render, { dispatch_uid: signal_uid, weak: false });
    got_request_exception.connect(this.store_exc_info, { dispatch_uid: exception_uid, weak: false });
    let response: TestResponse;
    try {
      response = this.handler.__call__(environ) as TestResponse;
    } finally {
      template_rendered.disconnect(null, { dispatch_uid: signal_uid });
      got_request_exception.disconnect(null, { dispatch_uid: exception_uid });
    }
    this.check_exception(response);
    this.attach(response, request, store);
    return response;
  }

  /** What Django's client adds to the response: client, request, templates, context, json(), resolver_match. */
  private attach(response: TestResponse, request: Dict, store: { templates: unknown[]; context: ContextList | null }): void {
    response.client = this;
    response.request = request;
    response.templates = store.templates;
    response.context = store.context !== null && store.context.length === 1 ? store.context[0] : store.context;
    response.json = () => this._parse_json(response);
    const urlconf = (response.wsgi_request as unknown as { urlconf?: unknown }).urlconf ?? null;
    let match: ReturnType<typeof resolve> | undefined;
    Object.defineProperty(response, "resolver_match", { configurable: true, get: () => (match ??= resolve(String(request.PATH_INFO), urlconf as never)) });
    for (const [key, morsel] of response.cookies.items()) this.cookies.setitem(key, morsel);
  }

  /** Raise the exception a view raised (the response is then only a 500 page). */
  check_exception(_response: TestResponse): void {
    if (this.exc_info === null) return;
    const exc_value = this.exc_info;
    this.exc_info = null;
    if (this.raise_request_exception) throw exc_value;
  }

  /** `response.json()`: the body parsed, or ValueError when the response is not JSON. */
  _parse_json(response: TestResponse): unknown {
    const content_type = response.has("Content-Type") ? response.getitem("Content-Type") : "";
    if (!JSON_CONTENT_TYPE_RE.test(content_type)) throw new ValueError(`Content-Type header is "${content_type}", not "application/json"`);
    return json_loads(response.content);
  }

  override get(path: string, data: Dict | QueryDict | null = null, options: RequestOptions = {}): TestResponse {
    return this.send(() => super.get(path, data, options), options, data);
  }

  override post(path: string, data: unknown = null, options: RequestOptions = {}): TestResponse {
    return this.send(() => super.post(path, data, options), options, data);
  }

  override head(path: string, data: Dict | null = null, options: RequestOptions = {}): TestResponse {
    return this.send(() => super.head(path, data, options), options, data);
  }

  override options(path: string, data: unknown = "", options: RequestOptions = {}): TestResponse {
    return this.send(() => super.options(path, data, options), options, data);
  }

  override put(path: string, data: unknown = "", options: RequestOptions = {}): TestResponse {
    return this.send(() => super.put(path, data, options), options, data);
  }

  override patch(path: string, data: unknown = "", options: RequestOptions = {}): TestResponse {
    return this.send(() => super.patch(path, data, options), options, data);
  }

  override delete(path: string, data: unknown = "", options: RequestOptions = {}): TestResponse {
    return this.send(() => super.delete(path, data, options), options, data);
  }

  override trace(path: string, options: RequestOptions = {}): TestResponse {
    return this.send(() => super.trace(path, options), options, null);
  }

  /** Make the request; with `follow: true`, follow its redirects. */
  private send(make: () => unknown, options: RequestOptions, data: unknown): TestResponse {
    const { follow = false, ...rest } = options;
    const response = make() as TestResponse;
    return follow ? this._handle_redirects(response, data, rest) : response;
  }

  /**
   * Follow redirects (301, 302, 303, 307, 308) until a response is not one; each hop is recorded
   * in `redirect_chain` as `[url, status]`. 307 and 308 repeat the method and body; the others GET.
   */
  _handle_redirects(response: TestResponse, data: unknown, options: RequestOptions): TestResponse {
    const redirect_chain: [string, number][] = [];
    response.redirect_chain = redirect_chain;
    const extra: Dict = { ...options };
    let content_type = options.content_type;
    while ([301, 302, 303, 307, 308].includes(response.status_code)) {
      const response_url = response.url;
      redirect_chain.push([response_url, response.status_code]);
      const url = urlsplit(response_url);
      if (url.scheme) extra["wsgi.url_scheme"] = url.scheme;
      if (url.hostname) extra.SERVER_NAME = url.hostname;
      if (url.port) extra.SERVER_PORT = String(url.port);
      let path = url.path;
      if (!path.startsWith("/")) path = urljoin(String(response.request.PATH_INFO), path);
      const method = String(response.request.REQUEST_METHOD).toLowerCase();
      if ([307, 308].includes(response.status_code) && method !== "get" && method !== "head") {
        extra.QUERY_STRING = url.query;
        response = (this as unknown as Record<string, (p: string, d: unknown, o: RequestOptions) => TestResponse>)[method].call(this, path, data, { ...extra, content_type, follow: false });
      } else {
        data = new QueryDict(url.query);
        content_type = undefined;
        response = this.get(path, data as QueryDict, { ...extra, content_type: undefined, follow: false });
      }
      response.redirect_chain = redirect_chain;
      const last = redirect_chain[redirect_chain.length - 1];
      if (redirect_chain.slice(0, -1).some(([u, s]) => u === last[0] && s === last[1])) throw new RedirectCycleError("Redirect loop detected.", response);
      if (redirect_chain.length > 20) throw new RedirectCycleError("Too many redirects.", response);
    }
    return response;
  }

  // --------------------------------------------------------------------------------------------
  // Session and authentication

  /** The session the client's session cookie names (a new, saved one when there is none). */
  get session(): { session_key: string | null; save(): void; [key: string]: unknown } {
    const engine = import_module(settings.SESSION_ENGINE as string) as { SessionStore: new (key?: string | null) => Client["session"] };
    const cookie = this.cookies.get(settings.SESSION_COOKIE_NAME as string);
    if (cookie) return new engine.SessionStore(cookie.value);
    const session = new engine.SessionStore();
    session.save();
    this.cookies.setitem(settings.SESSION_COOKIE_NAME as string, session.session_key!);
    return session;
  }

  /** Authenticate with the credentials (as the login form would) and sign in; false when they are wrong. */
  login(credentials: Dict): boolean {
    const user = authenticate(null, credentials);
    if (!user) return false;
    this._login(user);
    return true;
  }

  /** Sign `user` in without a password (the first backend that can get users, unless given). */
  force_login(user: Dict, backend: string | null = null): void {
    const chosen = backend ?? (settings.AUTHENTICATION_BACKENDS as string[]).find((path) => typeof (load_backend(path) as { get_user?: unknown }).get_user === "function") ?? null;
    user.backend = chosen;
    this._login(user, chosen);
  }

  /** `auth.login` on a request carrying the client's session, then the session cookie set. */
  _login(user: unknown, backend: string | null = null): void {
    const request = new HttpRequest() as HttpRequest & { session: Client["session"] };
    request.session = this.session;
    auth_login(request as never, user, backend);
    request.session.save();
    const name = settings.SESSION_COOKIE_NAME as string;
    this.cookies.setitem(name, request.session.session_key!);
    const morsel = this.cookies.getitem(name);
    morsel.setitem("max-age", null);
    morsel.setitem("path", "/");
    morsel.setitem("domain", (settings.SESSION_COOKIE_DOMAIN as string | null) ?? "");
    morsel.setitem("secure", settings.SESSION_COOKIE_SECURE ? true : "");
    morsel.setitem("expires", null);
  }

  /** Sign out: the session flushed and every cookie forgotten. */
  logout(): void {
    const request = new HttpRequest() as HttpRequest & { session: Client["session"]; user: unknown };
    request.session = this.session;
    request.user = get_user(request as never);
    auth_logout(request as never);
    this.cookies = new SimpleCookie();
  }
}

let uid_counter = 0;
function unique_id(): number {
  return ++uid_counter;
}
