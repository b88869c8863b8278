/** How each span kind looks in the panels: a colour family and a short label. One entry per kind. */
import type { SpanKindHandlers } from "../../trace/span";

type Look = { color: string; label: string };
const look = (color: string, label: string) => () => ({ color, label });

export const KIND_LOOK: SpanKindHandlers<Look> = {
  request: look("var(--k-client)", "request"),
  gateway: look("var(--k-gateway)", "gateway"),
  handler: look("var(--k-handler)", "handler"),
  middleware: look("var(--k-middleware)", "middleware"),
  resolver: look("var(--k-resolver)", "resolver"),
  pattern: look("var(--k-resolver)", "pattern"),
  view: look("var(--k-view)", "view"),
  signal: look("var(--k-signal)", "signal"),
  receiver: look("var(--k-signal)", "receiver"),
  exception: look("var(--k-error)", "exception"),
  queryset: look("var(--k-orm)", "queryset"),
  sql: look("var(--k-orm)", "sql"),
  template: look("var(--k-template)", "template"),
  form: look("var(--k-template)", "form"),
  admin: look("var(--k-view)", "admin"),
  session: look("var(--k-middleware)", "session"),
  auth: look("var(--k-middleware)", "auth"),
  module: look("var(--k-module)", "module"),
  settings: look("var(--k-module)", "settings"),
  app: look("var(--k-module)", "app"),
  log: look("var(--k-log)", "log"),
  context: look("var(--k-middleware)", "context"),
  hook: look("var(--k-middleware)", "hook"),
  asgi: look("var(--k-gateway)", "asgi"),
  dependency: look("var(--k-handler)", "dependency"),
  validation: look("var(--k-template)", "validation"),
  task: look("var(--k-view)", "task"),
  websocket: look("var(--k-gateway)", "websocket"),
  consumer: look("var(--k-view)", "consumer"),
  channel: look("var(--k-signal)", "channel"),
  command: look("var(--k-module)", "command"),
  user: look("var(--k-view)", "user"),
};
