/**
 * The ASGI 3 contract (asgiref's `typing.py`, the ASGI spec): the scope, the messages and the
 * callable an application exchanges with its server — the async sibling of `wsgi.ts`.
 *
 * Types only, so that the server (`asgi.ts`), Starlette/FastAPI, Channels and asgiref share one
 * boundary. Python `bytes` is `Uint8Array` and `str` is `string`, as everywhere in the frameworks:
 * header names and values, `raw_path` and `query_string` are bytes; `path` is text.
 */

/** `[name, value]` as the spec writes it: lowercased header names, both as bytes. */
export type ASGIHeader = [name: Uint8Array, value: Uint8Array];

/** What every scope carries: the spec version it speaks (`{"version": "3.0", "spec_version": "2.4"}`). */
export interface ASGIVersions {
  version: "3.0";
  spec_version?: string;
}

/** The `http` scope (ASGI HTTP spec): one request. */
export interface HTTPScope {
  type: "http";
  asgi: ASGIVersions;
  http_version: "1.0" | "1.1" | "2";
  method: string;
  scheme: string;
  path: string;
  raw_path: Uint8Array;
  query_string: Uint8Array;
  root_path: string;
  headers: ASGIHeader[];
  client: [host: string, port: number] | null;
  server: [host: string, port: number | null] | null;
  state?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  /** Frameworks add their own keys (Starlette's `app`, `router`, `endpoint`, `path_params`; Channels' `url_route`, `session`, `user`). */
  [key: string]: unknown;
}

/** The `websocket` scope: one connection, from the upgrade request to the close. */
export interface WebSocketScope {
  type: "websocket";
  asgi: ASGIVersions;
  http_version: "1.1" | "2";
  scheme: "ws" | "wss";
  path: string;
  raw_path: Uint8Array;
  query_string: Uint8Array;
  root_path: string;
  headers: ASGIHeader[];
  client: [host: string, port: number] | null;
  server: [host: string, port: number | null] | null;
  subprotocols: string[];
  state?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The `lifespan` scope: the application's startup and shutdown. */
export interface LifespanScope {
  type: "lifespan";
  asgi: ASGIVersions;
  state?: Record<string, unknown>;
  [key: string]: unknown;
}

export type Scope = HTTPScope | WebSocketScope | LifespanScope;

/** Any ASGI event: `{"type": "http.request", "body": b"...", "more_body": False}`, … */
export interface ASGIMessage {
  type: string;
  [key: string]: unknown;
}

export type Receive = () => Promise<ASGIMessage>;
export type Send = (message: ASGIMessage) => Promise<void>;

/** An ASGI 3 application: `async def app(scope, receive, send)`. */
export type ASGIApplication = (scope: Scope, receive: Receive, send: Send) => Promise<void>;
