/**
 * starlette._exception_handler: the per-request exception guard. `wrap_app_handling_exceptions(app,
 * conn)` runs `app` and, when it raises, looks for a handler registered by the ExceptionMiddleware
 * (for an HTTPException, first by its status code; then by the exception's class, walking its
 * MRO) and sends the handler's response instead. With no handler the exception goes on up (to
 * the ServerErrorMiddleware); if the response had already started, the handler cannot answer.
 * Tracing: the handling is an `exception` span naming the handler chosen.
 */
import { RuntimeError } from "../python/builtins";
import { trace_site } from "../../trace";
import { callable_label, span_async } from "./_tracing";
import { is_async_callable } from "./_utils";
import { run_in_threadpool } from "./concurrency";
import { HTTPException } from "./exceptions";
import type { ASGIApp, ExceptionHandler, Message, Receive, Scope, Send } from "./types";

const HANDLER = trace_site("exception", "starlette/_exception_handler.ts#wrap_app_handling_exceptions");

/** Handlers by exception class, and by HTTP status code. */
export type ExceptionHandlers = Map<Function, ExceptionHandler>;
export type StatusHandlers = Map<number, ExceptionHandler>;

/** The handler for the nearest class in the exception's MRO. */
export function lookup_exception_handler(handlers: ExceptionHandlers, exc: unknown): ExceptionHandler | null {
  let proto = exc !== null && typeof exc === "object" ? Object.getPrototypeOf(exc) : null;
  while (proto && proto !== Object.prototype) {
    const handler = handlers.get(proto.constructor);
    if (handler) return handler;
    proto = Object.getPrototypeOf(proto);
  }
  return null;
}

/**
 * `send`, noting in `state` when the response starts. (A closure returned from a helper rather
 * than one declared with a name: the build keeps function names, and naming a closure made per
 * request costs a `defineProperty` each time.)
 */
export function noting_start(send: Send, state: { response_started: boolean }): Send {
  return (message: Message): Promise<void> => {
    if (message.type === "http.response.start") state.response_started = true;
    return send(message);
  };
}

export function wrap_app_handling_exceptions(app: ASGIApp, conn: { scope: Scope }): ASGIApp {
  const registered = conn.scope["starlette.exception_handlers"] as [ExceptionHandlers, StatusHandlers] | undefined;
  const [exception_handlers, status_handlers] = registered ?? [new Map(), new Map()];
  return async (scope: Scope, receive: Receive, send: Send): Promise<void> => {
    const state = { response_started: false };
    const sender = noting_start(send, state);
    try {
      await app(scope, receive, sender);
    } catch (exc) {
      let handler: ExceptionHandler | null = null;
      if (exc instanceof HTTPException) handler = status_handlers.get(exc.status_code) ?? null;
      if (handler === null) handler = lookup_exception_handler(exception_handlers, exc);
      if (handler === null) throw exc;
      if (state.response_started) throw new RuntimeError("Caught handled exception, but response already started.");
      await span_async(HANDLER, `${callable_label(handler)}(${(exc as Error)?.constructor?.name ?? "exception"})`, () => ({ handler: callable_label(handler), exception: (exc as Error)?.constructor?.name ?? "", message: String((exc as Error)?.message ?? exc) }), async () => {
        const response = is_async_callable(handler) ? await handler!(conn, exc) : await run_in_threadpool(handler!, conn, exc);
        if (response !== null && response !== undefined) await response.__call__(scope, receive, sender);
      });
    }
  };
}
