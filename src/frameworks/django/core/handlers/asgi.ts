/**
 * django.core.handlers.asgi: the ASGI application — a scope, `receive` and `send` in, the response
 * sent as ASGI messages out. The async sibling of core/handlers/wsgi.ts.
 *
 * `ASGIHandler` is what `get_asgi_application()` returns. Per `http` scope it reads the whole
 * body (`read_body`: `http.request` messages until `more_body` is false; an `http.disconnect`
 * first aborts the request), sends `request_started`, builds an `ASGIRequest` from the scope,
 * asks BaseHandler for a response (the same middleware onion WSGI uses), and sends it as one
 * `http.response.start` (headers as bytes, each cookie its own `Set-Cookie`) and
 * `http.response.body` messages of at most `chunk_size` bytes. Any other scope type is a
 * ValueError. Main classes: `ASGIHandler`, `ASGIRequest`.
 */
import { trace_site } from "../../../../trace";
import { ValueError } from "../../../python/builtins";
import { latin1_decode, latin1_encode, utf8_decode, type Bytes } from "../../../python/bytes";
import { BytesIO } from "../../../python/io";
import { settings } from "../../conf";
import { parse_cookie } from "../../http/cookie";
import { HttpRequest, QueryDict } from "../../http/request";
import type { HttpResponseBase } from "../../http/response";
import { set_script_prefix } from "../../urls";
import { setup } from "../../setup";
import { RequestAborted } from "../exceptions";
import { request_started } from "../signals";
import { BaseHandler } from "./base";

const HANDLER = trace_site("handler", "django/core/handlers/asgi.ts", { eager: true });

/** The parts of an ASGI scope and its callables Django reads (asgiref's types, structurally). */
export type ASGIScope = { type: string; [key: string]: any };
export type ASGIMessage = { type: string; [key: string]: unknown };
export type ASGIReceive = () => Promise<ASGIMessage>;
export type ASGISend = (message: ASGIMessage) => Promise<void>;


/** `root_path` from the scope, unless FORCE_SCRIPT_NAME overrides it. */
export function get_script_prefix(scope: ASGIScope): string {
  if (settings.FORCE_SCRIPT_NAME) return settings.FORCE_SCRIPT_NAME;
  return scope.root_path ?? "";
}

/** A request built from an ASGI `http` scope: META as WSGI would have it, the body already read. */
export class ASGIRequest extends HttpRequest {
  protected static override parses_its_input = true;
  scope: ASGIScope;
  script_name: string;

  constructor(scope: ASGIScope, body_file: BytesIO) {
    super();
    this.scope = scope;
    this._read_started = false;
    this.resolver_match = null;
    this.path = scope.path;
    this.script_name = get_script_prefix(scope);
    this.path_info = this.script_name && this.path.startsWith(this.script_name) ? this.path.slice(this.script_name.length) : this.path;
    this.method = String(scope.method).toUpperCase();
    const query = scope.query_string ?? "";
    this.META = {
      REQUEST_METHOD: this.method,
      QUERY_STRING: query instanceof Uint8Array ? utf8_decode(query) : String(query),
      SCRIPT_NAME: this.script_name,
      PATH_INFO: this.path_info,
      "wsgi.multithread": true,
      "wsgi.multiprocess": true,
    };
    this.add_address_variables(scope);
    this.add_header_variables(scope.headers ?? []);
    this._set_content_type_params(this.META);
    this._stream = body_file;
    this._get = undefined;
    this._post = undefined;
    this._files = undefined;
    this._cookies = undefined;
  }

  /** REMOTE_ADDR/HOST/PORT from `client`, SERVER_NAME/PORT from `server` ("unknown"/"0" without one). */
  private add_address_variables(scope: ASGIScope): void {
    if (scope.client) {
      this.META.REMOTE_ADDR = scope.client[0];
      this.META.REMOTE_HOST = this.META.REMOTE_ADDR;
      this.META.REMOTE_PORT = scope.client[1];
    }
    if (scope.server) {
      this.META.SERVER_NAME = scope.server[0];
      this.META.SERVER_PORT = String(scope.server[1]);
    } else {
      this.META.SERVER_NAME = "unknown";
      this.META.SERVER_PORT = "0";
    }
  }

  /** `HTTP_*` keys from the byte headers: names with `_` dropped, repeats joined with ",". */
  private add_header_variables(headers: [Bytes, Bytes][]): void {
    const joined = new Map<string, string[]>();
    for (const [raw_name, raw_value] of headers) {
      const name = latin1_decode(raw_name);
      if (name.includes("_")) continue;
      const key = name === "content-length" ? "CONTENT_LENGTH" : name === "content-type" ? "CONTENT_TYPE" : `HTTP_${name.toUpperCase().replace(/-/g, "_")}`;
      const values = joined.get(key) ?? [];
      values.push(latin1_decode(raw_value));
      joined.set(key, values);
    }
    for (const [key, values] of joined) this.META[key] = values.join(",");
  }

  protected override _get_scheme(): string {
    return this.scope.scheme || super._get_scheme();
  }

  protected override _parse_GET(): QueryDict {
    return new QueryDict(this.META.QUERY_STRING);
  }

  protected override _parse_COOKIES(): Record<string, string> {
    return parse_cookie(this.META.HTTP_COOKIE ?? "");
  }
}

export class ASGIHandler extends BaseHandler {
  request_class = ASGIRequest;
  /** Responses go out in `http.response.body` messages of at most this many bytes. */
  static chunk_size = 2 ** 16;

  constructor() {
    super();
    HANDLER.run("load_middleware", () => ({}), () => this.load_middleware());
  }

  /** The ASGI 3 callable: `await application(scope, receive, send)`. */
  async __call__(scope: ASGIScope, receive: ASGIReceive, send: ASGISend): Promise<void> {
    if (scope.type !== "http") throw new ValueError(`Django can only handle ASGI/HTTP connections, not ${scope.type}.`);
    await this.handle(scope, receive, send);
  }

  /** Read the body, build the request, run the middleware onion, send the response. */
  async handle(scope: ASGIScope, receive: ASGIReceive, send: ASGISend): Promise<void> {
    let body_file: BytesIO;
    try {
      body_file = await this.read_body(receive);
    } catch (e) {
      if (e instanceof RequestAborted) return;
      throw e;
    }
    set_script_prefix(get_script_prefix(scope));
    request_started.send(ASGIHandler, { scope });
    const request = new this.request_class(scope, body_file);
    const response = await HANDLER.run("get_response", () => ({ path: request.path, method: request.method }), () => this.get_response(request));
    (response as unknown as { _handler_class: unknown })._handler_class = ASGIHandler;
    await this.send_response(response, send);
    response.close();
  }

  /** `http.request` messages until `more_body` is false, collected into one in-memory file. */
  async read_body(receive: ASGIReceive): Promise<BytesIO> {
    const chunks: Bytes[] = [];
    for (;;) {
      const message = await receive();
      if (message.type === "http.disconnect") throw new RequestAborted();
      if (message.body instanceof Uint8Array) chunks.push(message.body);
      if (!message.more_body) break;
    }
    const size = chunks.reduce((n, c) => n + c.length, 0);
    const body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.length;
    }
    return new BytesIO(body);
  }

  /** `http.response.start` with byte headers (and one Set-Cookie per cookie), then the body in chunks. */
  async send_response(response: HttpResponseBase, send: ASGISend): Promise<void> {
    const headers: [Bytes, Bytes][] = response.items().map(([name, value]) => [latin1_encode(name), latin1_encode(value)]);
    for (const morsel of response.cookies.values()) headers.push([latin1_encode("Set-Cookie"), latin1_encode(morsel.output(null, "").trim())]);
    await send({ type: "http.response.start", status: response.status_code, headers });
    if (response.streaming) {
      for (const part of (response as unknown as { streaming_content: Iterable<Bytes> }).streaming_content)
        for (const [chunk] of ASGIHandler.chunk_bytes(part)) await send({ type: "http.response.body", body: chunk, more_body: true });
      await send({ type: "http.response.body" });
      return;
    }
    for (const [chunk, last] of ASGIHandler.chunk_bytes((response as unknown as { content: Bytes }).content))
      await send({ type: "http.response.body", body: chunk, more_body: !last });
  }

  /** `(chunk, is_last)` pairs of at most `chunk_size` bytes; empty data is one empty last chunk. */
  static *chunk_bytes(data: Bytes): Generator<[Bytes, boolean]> {
    if (!data.length) {
      yield [data, true];
      return;
    }
    for (let position = 0; position < data.length; position += ASGIHandler.chunk_size)
      yield [data.subarray(position, position + ASGIHandler.chunk_size), position + ASGIHandler.chunk_size >= data.length];
  }

  /** Let the handler be passed around as a plain ASGI callable. */
  as_asgi_app(): ((scope: ASGIScope, receive: ASGIReceive, send: ASGISend) => Promise<void>) & { handler: ASGIHandler } {
    const app = (scope: ASGIScope, receive: ASGIReceive, send: ASGISend) => this.__call__(scope, receive, send);
    return Object.assign(app, { handler: this });
  }
}

/** `django.core.asgi.get_asgi_application()`: set Django up, then build the handler once. */
export function get_asgi_application(): ReturnType<ASGIHandler["as_asgi_app"]> {
  setup({ set_prefix: false });
  return new ASGIHandler().as_asgi_app();
}
