/**
 * starlette.middleware.exceptions: the innermost middleware, `ExceptionMiddleware`. It puts the
 * application's exception handlers in the scope (`starlette.exception_handlers`) so every route's
 * `wrap_app_handling_exceptions` can find them, and guards the router the same way. By default
 * an `HTTPException` becomes a plain-text response of its detail and status (no body for 204 and
 * 304), a `WebSocketException` a close with its code. Main class: `ExceptionMiddleware`.
 */
import { trace_site, tracing_enabled } from "../../../trace";
import { span_async } from "../_tracing";
import { wrap_app_handling_exceptions, type ExceptionHandlers, type StatusHandlers } from "../_exception_handler";
import { HTTPException, WebSocketException } from "../exceptions";
import { Request } from "../requests";
import { PlainTextResponse, Response } from "../responses";
import { call_app, type ASGIAppLike, type ExceptionHandler, type Receive, type Scope, type Send } from "../types";
import { WebSocket } from "../websockets";

const EXCEPTION_MIDDLEWARE = trace_site("middleware", "starlette/middleware/exceptions.ts#ExceptionMiddleware.__call__", { eager: true });

export class ExceptionMiddleware {
  readonly _status_handlers: StatusHandlers = new Map();
  readonly _exception_handlers: ExceptionHandlers;

  constructor(
    readonly app: ASGIAppLike,
    options: { handlers?: Map<Function | number, ExceptionHandler> | null; debug?: boolean } = {},
  ) {
    this._exception_handlers = new Map<Function, ExceptionHandler>([
      [HTTPException, (request, exc) => this.http_exception(request, exc)],
      [WebSocketException, (websocket, exc) => this.websocket_exception(websocket, exc)],
    ]);
    for (const [key, handler] of options.handlers ?? []) this.add_exception_handler(key, handler);
    this.registered = [this._exception_handlers, this._status_handlers];
    this.call_next = (scope, receive, send) => call_app(this.app, scope, receive, send);
  }

  /** What goes in every scope as `starlette.exception_handlers` (the same two maps each time). */
  private readonly registered: [ExceptionHandlers, StatusHandlers];
  /** `self.app` as the ASGI callable `wrap_app_handling_exceptions` guards (made once). */
  private readonly call_next: (scope: Scope, receive: Receive, send: Send) => Promise<void>;

  add_exception_handler(exc_class_or_status_code: Function | number, handler: ExceptionHandler): void {
    if (typeof exc_class_or_status_code === "number") this._status_handlers.set(exc_class_or_status_code, handler);
    else this._exception_handlers.set(exc_class_or_status_code, handler);
  }

  __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (scope.type !== "http" && scope.type !== "websocket") return call_app(this.app, scope, receive, send);
    scope["starlette.exception_handlers"] = this.registered;
    const conn = scope.type === "http" ? new Request(scope, receive, send) : new WebSocket(scope, receive, send);
    if (!tracing_enabled()) return wrap_app_handling_exceptions(this.call_next, conn)(scope, receive, send);
    return span_async(EXCEPTION_MIDDLEWARE, "ExceptionMiddleware", () => ({ middleware: "ExceptionMiddleware", handlers: [...this._exception_handlers.keys()].map((k) => k.name).concat([...this._status_handlers.keys()].map(String)) }), () =>
      wrap_app_handling_exceptions(this.call_next, conn)(scope, receive, send),
    );
  }

  /** The default HTTPException handler: its detail as plain text, with its status and headers. */
  async http_exception(_request: Request, exc: HTTPException): Promise<Response> {
    if (exc.status_code === 204 || exc.status_code === 304) return new Response(null, { status_code: exc.status_code, headers: exc.headers });
    return new PlainTextResponse(exc.detail, { status_code: exc.status_code, headers: exc.headers });
  }

  async websocket_exception(websocket: WebSocket, exc: WebSocketException): Promise<void> {
    await websocket.close(exc.code, exc.reason);
  }
}
