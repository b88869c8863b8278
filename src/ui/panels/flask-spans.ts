/**
 * Span roles for the Flask panels (Context, URL map): which spans each panel reads, decided per
 * span kind so a new kind fails to compile until it is placed here.
 */
import { visitSpanKind, type Span, type SpanKindHandlers } from "../../trace/span";
import type { SpanIndex } from "./span-index";

export type FlaskRole = "context" | "resolver" | "pattern" | "hook" | null;

const ROLE: SpanKindHandlers<FlaskRole> = {
  context: () => "context",
  resolver: () => "resolver",
  pattern: () => "pattern",
  hook: () => "hook",
  request: () => null,
  gateway: () => null,
  handler: () => null,
  middleware: () => null,
  view: () => null,
  signal: () => null,
  receiver: () => null,
  exception: () => null,
  queryset: () => null,
  sql: () => null,
  template: () => null,
  form: () => null,
  admin: () => null,
  session: () => null,
  auth: () => null,
  module: () => null,
  settings: () => null,
  app: () => null,
  log: () => null,
  asgi: () => null,
  dependency: () => null,
  validation: () => null,
  task: () => null,
  websocket: () => null,
  consumer: () => null,
  channel: () => null,
  command: () => null,
  user: () => null,
};

export function flaskSpans(index: SpanIndex, role: Exclude<FlaskRole, null>): Span[] {
  return index.spans.filter((s) => visitSpanKind(s, ROLE) === role);
}

/** A context push or pop (the proxy reads are `context` events too, told apart by `attrs.action`). */
export function isContextOperation(span: Span): boolean {
  return span.attrs.action === "push" || span.attrs.action === "pop";
}

/** The Werkzeug URL map matches of the trace (Django's resolver spans are not). */
export function werkzeugMatches(index: SpanIndex): Span[] {
  return flaskSpans(index, "resolver").filter((s) => s.attrs.framework === "werkzeug");
}
