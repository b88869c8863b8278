/**
 * starlette.middleware.errors: the outermost middleware, `ServerErrorMiddleware`. Whatever
 * exception escapes the rest of the stack ends here: it sends a 500 (the app's handler for 500 /
 * Exception if there is one, the traceback in debug mode, else "Internal Server Error" as plain
 * text) — unless the response had already started — and then re-raises, so the server logs it.
 * Main class: `ServerErrorMiddleware`.
 */
import { extract_tb } from "../../python/traceback";
import { span_set, trace_site, tracing_enabled } from "../../../trace";
import { span_async } from "../_tracing";
import { noting_start } from "../_exception_handler";
import { is_async_callable } from "../_utils";
import { run_in_threadpool } from "../concurrency";
import { Request } from "../requests";
import { HTMLResponse, PlainTextResponse, type Response } from "../responses";
import { call_app, type ASGIAppLike, type ExceptionHandler, type Receive, type Scope, type Send } from "../types";

const SERVER_ERROR = trace_site("middleware", "starlette/middleware/errors.ts#ServerErrorMiddleware.__call__");
const SERVER_ERROR_ATTRS = () => ({ middleware: "ServerErrorMiddleware" });

export class ServerErrorMiddleware {
  readonly handler: ExceptionHandler | null;
  readonly debug: boolean;

  constructor(
    readonly app: ASGIAppLike,
    options: { handler?: ExceptionHandler | null; debug?: boolean } = {},
  ) {
    this.handler = options.handler ?? null;
    this.debug = options.debug ?? false;
  }

  __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (scope.type !== "http") return call_app(this.app, scope, receive, send);
    const state = { response_started: false };
    const _send = noting_start(send, state);
    if (!tracing_enabled()) return this.guard(scope, receive, send, _send, state, -1);
    return span_async(SERVER_ERROR, "ServerErrorMiddleware", SERVER_ERROR_ATTRS, (span) => this.guard(scope, receive, send, _send, state, span));
  }

  /** `try: await self.app(scope, receive, _send)`, and what the `except Exception` does: answer 500 unless started, then re-raise. */
  private async guard(scope: Scope, receive: Receive, send: Send, _send: Send, state: { response_started: boolean }, span: number): Promise<void> {
    try {
      await call_app(this.app, scope, receive, _send);
    } catch (exc) {
      const request = new Request(scope);
      let response: Response;
      if (this.debug) response = await run_in_threadpool(() => this.debug_response(request, exc));
      else if (this.handler === null) response = this.error_response(request, exc);
      else response = is_async_callable(this.handler) ? await this.handler(request, exc) : await run_in_threadpool(this.handler, request, exc);
      if (span >= 0) span_set(span, { caught: `${(exc as Error)?.constructor?.name}: ${(exc as Error)?.message}`, response_started: state.response_started });
      if (!state.response_started) await response.__call__(scope, receive, send);
      throw exc;
    }
  }

  /** Debug mode: the traceback, as HTML for a browser (Accept: text/html), else as text. */
  debug_response(request: Request, exc: unknown): Response {
    const accept = request.headers.get("accept", "") as string;
    const text = this.generate_plain_text(exc);
    if (accept.includes("text/html")) return new HTMLResponse(`<html><head><title>Starlette Debugger</title></head><body><h1>500 Server Error</h1><pre>${escape_html(text)}</pre></body></html>`, { status_code: 500 });
    return new PlainTextResponse(text, { status_code: 500 });
  }

  generate_plain_text(exc: unknown): string {
    const frames = extract_tb(exc)
      .map((f) => `  File "${f.filename}", line ${f.lineno}, in ${f.name}\n`)
      .join("");
    const type = (exc as Error)?.constructor?.name ?? "Exception";
    return `Traceback (most recent call last):\n${frames}${type}: ${(exc as Error)?.message ?? String(exc)}\n`;
  }

  error_response(_request: Request, _exc: unknown): Response {
    return new PlainTextResponse("Internal Server Error", { status_code: 500 });
  }
}

function escape_html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}
