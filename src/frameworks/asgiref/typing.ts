/**
 * asgiref.typing: the ASGI 3 contract as types — the scope a server builds, the messages the
 * application and the server exchange, and the application callable itself.
 *
 * The simulated server (src/gateway/asgi-types.ts) declares the same shapes on its side of the
 * boundary; frameworks import these (frameworks/ may not import the gateway). Python `bytes` is
 * `Uint8Array`: header names and values, `query_string`, `raw_path`.
 */

/** `[name, value]`, both bytes (names lower-cased by real servers; test communicators pass them as given). */
export type ASGIHeader = [name: Uint8Array, value: Uint8Array];

/** A connection scope: `{"type": "http" | "websocket" | "lifespan" | "channel", ...}` plus whatever middleware added. */
export interface Scope {
  type: string;
  /** Middleware and routers add keys (`url_route`, `cookies`, `session`, `user`); user code reads them freely. */
  [key: string]: any;
}

/** Any ASGI event: `{"type": "websocket.receive", "text": "hi"}`, a channel-layer event, … */
export interface Message {
  type?: string;
  [key: string]: any;
}

export type ASGIReceiveCallable = () => PromiseLike<Message>;
export type ASGISendCallable = (message: Message) => PromiseLike<void>;

/** An ASGI 3 application: `async def app(scope, receive, send)`. */
export type ASGIApplication = (scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable) => Promise<unknown>;

/** What routers accept as an application: a function, or an object with `__call__` (Python's callable instances). */
export type ASGIApplicationLike = ASGIApplication | { __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown> };
