/**
 * starlette.requests: the ASGI scope (and `receive`) as a request object.
 *
 * `HTTPConnection` is what HTTP requests and WebSockets share, read lazily from the scope:
 * `url`, `base_url`, `headers`, `query_params`, `path_params`, `cookies` (parsed the way
 * browsers send them, not by `http.cookies`), `client`, `state`, `url_for(name, params)`.
 * `Request` adds the body, pulled from `receive()`: `stream()` yields the `http.request` chunks
 * as they arrive, `body()` joins and caches them, `json()` parses them. Reading the stream twice
 * is "Stream consumed"; an `http.disconnect` while reading is `ClientDisconnect`.
 * Main classes: `HTTPConnection`, `Request`.
 */
import { AssertionError, RuntimeError } from "../python/builtins";
import { concat_bytes, json_bytes_decode, type Bytes } from "../python/bytes";
import { Exception } from "../python/builtins";
import { py_json_loads } from "../python/json_decoder";
import { Address, Headers, QueryParams, State, URL } from "./datastructures";
import type { Message, Receive, Scope, Send } from "./types";

/** `http.cookies._unquote`: a quoted cookie value with `\\ooo` octal and `\\x` escapes undone. */
function cookie_unquote(value: string): string {
  if (value.length < 2 || value[0] !== '"' || value[value.length - 1] !== '"') return value;
  const inner = value.slice(1, -1);
  return inner.replace(/\\(?:([0-3][0-7][0-7])|(.))/g, (_m, octal: string | undefined, ch: string | undefined) => (octal ? String.fromCharCode(parseInt(octal, 8)) : ch!));
}

/**
 * A Cookie header → `{name: value}`, as browsers (not RFC 6265) write them: split on `;`, a chunk
 * without `=` is a value with an empty name, later duplicates win. (Adapted by Starlette from Django.)
 */
export function cookie_parser(cookie_string: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const chunk of cookie_string.split(";")) {
    const eq = chunk.indexOf("=");
    let key = eq >= 0 ? chunk.slice(0, eq) : "";
    let val = eq >= 0 ? chunk.slice(eq + 1) : chunk;
    key = key.trim();
    val = val.trim();
    if (key || val) cookies[key] = cookie_unquote(val);
  }
  return cookies;
}

export class ClientDisconnect extends Exception {}

export class HTTPConnection {
  readonly scope: Scope;
  private _url?: URL;
  private _base_url?: URL;
  private _headers?: Headers;
  private _query_params?: QueryParams;
  private _cookies?: Record<string, string>;
  private _state?: State;

  constructor(scope: Scope, _receive: Receive | null = null) {
    if (scope.type !== "http" && scope.type !== "websocket") throw new AssertionError("");
    this.scope = scope;
  }

  /** `conn[key]`: a scope value. */
  getitem(key: string): any {
    return this.scope[key];
  }

  get app(): any {
    return this.scope.app;
  }

  get url(): URL {
    if (!this._url) this._url = new URL("", { scope: this.scope });
    return this._url;
  }

  /** The app's root URL (`http://testserver/`, or under the mount's root path). */
  get base_url(): URL {
    if (!this._base_url) {
      const app_root_path: string = this.scope.app_root_path ?? this.scope.root_path ?? "";
      const path = app_root_path.endsWith("/") ? app_root_path : app_root_path + "/";
      this._base_url = new URL("", { scope: { ...this.scope, path, query_string: new Uint8Array(0), root_path: app_root_path } });
    }
    return this._base_url;
  }

  get headers(): Headers {
    if (!this._headers) this._headers = new Headers({ scope: this.scope });
    return this._headers;
  }

  get query_params(): QueryParams {
    if (!this._query_params) this._query_params = new QueryParams(this.scope.query_string as Bytes);
    return this._query_params;
  }

  get path_params(): Record<string, any> {
    return this.scope.path_params ?? {};
  }

  get cookies(): Record<string, string> {
    if (!this._cookies) {
      const cookies: Record<string, string> = {};
      for (const header of this.headers.getlist("cookie")) Object.assign(cookies, cookie_parser(header));
      this._cookies = cookies;
    }
    return this._cookies;
  }

  get client(): Address | null {
    const host_port = this.scope.client;
    return host_port ? new Address(host_port[0], host_port[1]) : null;
  }

  get session(): any {
    if (!("session" in this.scope)) throw new AssertionError("SessionMiddleware must be installed to access request.session");
    return this.scope.session;
  }

  get state(): State {
    if (!this._state) {
      if (!this.scope.state) this.scope.state = {};
      this._state = new State(this.scope.state);
    }
    return this._state;
  }

  /** The absolute URL of a named route: `request.url_for("read_item", { item_id: 3 })`. */
  url_for(name: string, path_params: Record<string, unknown> = {}): URL {
    const provider = this.scope.router ?? this.scope.app;
    if (!provider) throw new RuntimeError("The `url_for` method can only be used inside a Starlette application or with a router.");
    return provider.url_path_for(name, path_params).make_absolute_url(this.base_url);
  }
}

async function empty_receive(): Promise<Message> {
  throw new RuntimeError("Receive channel has not been made available");
}

async function empty_send(_message: Message): Promise<void> {
  throw new RuntimeError("Send channel has not been made available");
}

export class Request extends HTTPConnection {
  protected _receive: Receive;
  protected _send: Send;
  _stream_consumed = false;
  _is_disconnected = false;
  _body?: Bytes;
  private _json?: { value: unknown };

  constructor(scope: Scope, receive: Receive = empty_receive, send: Send = empty_send) {
    super(scope);
    if (scope.type !== "http") throw new AssertionError("");
    this._receive = receive;
    this._send = send;
  }

  get method(): string {
    return this.scope.method;
  }

  get receive(): Receive {
    return this._receive;
  }

  /** The body as it arrives: each non-empty `http.request` chunk, then `b""`. */
  async *stream(): AsyncGenerator<Bytes> {
    if (this._body !== undefined) {
      yield this._body;
      yield new Uint8Array(0);
      return;
    }
    if (this._stream_consumed) throw new RuntimeError("Stream consumed");
    while (!this._stream_consumed) {
      const message = await this._receive();
      if (message.type === "http.request") {
        const body: Bytes = message.body ?? new Uint8Array(0);
        if (!message.more_body) this._stream_consumed = true;
        if (body.length) yield body;
      } else if (message.type === "http.disconnect") {
        this._is_disconnected = true;
        throw new ClientDisconnect();
      }
    }
    yield new Uint8Array(0);
  }

  /** The whole body (read once, then cached). */
  async body(): Promise<Bytes> {
    if (this._body === undefined) {
      const chunks: Bytes[] = [];
      for await (const chunk of this.stream()) chunks.push(chunk);
      this._body = concat_bytes(chunks);
    }
    return this._body;
  }

  /** `json.loads(await request.body())` (cached; Python's parser: floats stay floats, NaN allowed). */
  async json(): Promise<unknown> {
    if (this._json === undefined) this._json = { value: py_json_loads(json_bytes_decode(await this.body())) };
    return this._json.value;
  }

  /** True once the client has gone (checked without waiting). */
  async is_disconnected(): Promise<boolean> {
    return this._is_disconnected;
  }

  async close(): Promise<void> {}
}
