/**
 * The trace contract: one request becomes a tree of spans.
 *
 * Every layer (gateway, framework, runtime) records spans here; every panel reads them. `kind` is a
 * closed union: adding a kind makes `visitSpanKind`'s callers fail to compile until each handles it.
 * `attrs` is plain JSON because traces are posted out of the worker and saved in permalinks.
 */

export const SPAN_KINDS = [
  "request", // the whole simulated HTTP exchange (root)
  "gateway", // the web server: HTTP message → WSGI environ → response
  "handler", // django.core.handlers: get_response and its steps
  "middleware", // one middleware phase (call, process_view, process_exception, ...)
  "resolver", // URL resolution, one child per pattern tried
  "pattern", // one URL pattern tried (matched or not, and why)
  "view", // the view callable
  "signal", // Signal.send / send_robust
  "receiver", // one receiver called, or filtered out by sender
  "exception", // an exception converted to a response
  "queryset",
  "sql",
  "template",
  "form",
  "admin",
  "session",
  "auth",
  "module", // user modules loaded / reloaded
  "settings",
  "app", // django.apps: populate, AppConfig.ready
  "log", // console output of user code
  // Flask / Werkzeug
  "context", // an application or request context pushed / popped, or a context-local proxy resolved
  "hook", // a framework hook: before_request, after_request, teardown, url_value_preprocessor, errorhandler
  // ASGI, Starlette, FastAPI, Pydantic
  "asgi", // one ASGI event: the scope built, a receive() or send() message, lifespan
  "dependency", // a FastAPI dependency resolved (or served from the per-request cache), or cleaned up
  "validation", // Pydantic / FastAPI validation of a parameter, a body or a response model
  "task", // a background task run after the response
  // WebSockets and Channels
  "websocket", // a WebSocket frame or lifecycle event (connect, accept, message, close)
  "consumer", // a Channels consumer method: connect, receive, a handler dispatched by type, disconnect
  "channel", // a channel-layer operation: group_add, group_discard, group_send, send, receive
  // The course
  "command", // a management command (manage.py) and its steps
  "user", // a span user code opened itself (lab/trace), e.g. the steps of a learner's own framework
] as const;

export type SpanKind = (typeof SPAN_KINDS)[number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Attrs = { [key: string]: Json };

/** Where a span's code lives: user code (`blog/views.ts:12`) or framework code (`django/urls/resolvers.ts#URLResolver.resolve`). */
export interface SourceRef {
  file: string;
  line?: number;
  column?: number;
  symbol?: string;
}

export interface SpanError {
  type: string; // Python exception class name, e.g. "Http404"
  message: string;
  source?: SourceRef;
}

export interface Span {
  id: number;
  parent: number | null;
  kind: SpanKind;
  name: string;
  /** Milliseconds since the trace started. */
  start: number;
  end: number;
  attrs: Attrs;
  source?: SourceRef;
  error?: SpanError;
}

export interface Trace {
  spans: Span[];
}

/** Exhaustive visit over span kinds: a new kind fails to compile until every handler map covers it. */
export type SpanKindHandlers<R> = { [K in SpanKind]: (span: Span) => R };

export function visitSpanKind<R>(span: Span, handlers: SpanKindHandlers<R>): R {
  return handlers[span.kind](span);
}

export function formatSource(source: SourceRef | undefined): string {
  if (!source) return "";
  if (source.symbol) return `${source.file}#${source.symbol}`;
  if (source.line !== undefined) return `${source.file}:${source.line}${source.column !== undefined ? `:${source.column}` : ""}`;
  return source.file;
}
