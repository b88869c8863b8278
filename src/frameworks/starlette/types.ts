/**
 * starlette.types: the ASGI contract as Starlette spells it — `Scope`, `Message`, `Receive`,
 * `Send` and `ASGIApp` (`async def app(scope, receive, send)`). Every middleware, route and
 * response in this package is an `ASGIApp`; the simulated server (src/gateway/asgi.ts) calls the
 * outermost one. Python `bytes` is `Uint8Array`.
 */

/** The connection scope: `type` ("http", "websocket", "lifespan") plus what the server and each layer add. */
export type Scope = { type: string; [key: string]: any };
/** One ASGI event: `{"type": "http.response.start", "status": 200, "headers": [...]}`. */
export type Message = { type: string; [key: string]: any };
export type Receive = () => Promise<Message>;
export type Send = (message: Message) => Promise<void>;
export type ASGIApp = (scope: Scope, receive: Receive, send: Send) => Promise<void>;

/** An object that is called like an ASGI app: Python's `__call__`. */
export interface ASGICallable {
  __call__(scope: Scope, receive: Receive, send: Send): Promise<void>;
}

/** Anything Starlette accepts where an app goes: a function or an object with `__call__`. */
export type ASGIAppLike = ASGIApp | ASGICallable;

/** Call an app however it was given (a function, or an instance with `__call__`). */
export function call_app(app: ASGIAppLike, scope: Scope, receive: Receive, send: Send): Promise<void> {
  return typeof app === "function" ? app(scope, receive, send) : app.__call__(scope, receive, send);
}

/** `handler(request, exc) -> response`, sync or async. */
export type ExceptionHandler = (request: any, exc: any) => any;
