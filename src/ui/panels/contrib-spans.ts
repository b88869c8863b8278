/**
 * Span roles for the django.contrib panels (Session, Auth, CSRF, Admin): which spans each panel
 * reads, decided per span kind so a new kind fails to compile until it is placed here.
 */
import { visitSpanKind, type Span, type SpanKindHandlers } from "../../trace/span";
import type { SpanIndex } from "./span-index";

export type ContribRole = "session" | "auth" | "admin" | "middleware" | "sql" | null;

const ROLE: SpanKindHandlers<ContribRole> = {
  session: () => "session",
  auth: () => "auth",
  admin: () => "admin",
  middleware: () => "middleware",
  sql: () => "sql",
  request: () => null,
  gateway: () => null,
  handler: () => null,
  resolver: () => null,
  pattern: () => null,
  view: () => null,
  signal: () => null,
  receiver: () => null,
  exception: () => null,
  queryset: () => null,
  template: () => null,
  form: () => null,
  module: () => null,
  settings: () => null,
  app: () => null,
  log: () => null,
  context: () => null,
  hook: () => null,
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

export function roleOf(span: Span): ContribRole {
  return visitSpanKind(span, ROLE);
}

export function spansOf(index: SpanIndex, role: Exclude<ContribRole, null>): Span[] {
  return index.spans.filter((s) => roleOf(s) === role);
}

/** Every span under `root` (depth first, in trace order). */
export function descendants(index: SpanIndex, root: Span): Span[] {
  const out: Span[] = [];
  const walk = (span: Span) => {
    for (const child of index.children.get(span.id) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** The CsrfViewMiddleware's verdict and token events (middleware spans carrying a `csrf` attr). */
export function csrfEvents(index: SpanIndex): Span[] {
  return spansOf(index, "middleware").filter((s) => typeof s.attrs.csrf === "string");
}
