/** A trace's flat span list → lookups the panels share: by id, children, depth, and source links. */
import type { Json, Span, Trace } from "../../trace/span";

export interface SpanIndex {
  spans: Span[];
  byId: Map<number, Span>;
  children: Map<number | null, Span[]>;
  depth: Map<number, number>;
  /** Duration of the whole trace (root end − first start), at least 0.001 ms. */
  total: number;
}

export function indexTrace(trace: Trace): SpanIndex {
  const byId = new Map<number, Span>();
  const children = new Map<number | null, Span[]>();
  const depth = new Map<number, number>();
  for (const span of trace.spans) {
    byId.set(span.id, span);
    const list = children.get(span.parent) ?? [];
    list.push(span);
    children.set(span.parent, list);
  }
  for (const span of trace.spans) depth.set(span.id, span.parent === null ? 0 : (depth.get(span.parent) ?? 0) + 1);
  const start = Math.min(...trace.spans.map((s) => s.start), 0);
  const end = Math.max(...trace.spans.map((s) => s.end), 0);
  return { spans: trace.spans, byId, children, depth, total: Math.max(end - start, 0.001) };
}

export function ancestors(index: SpanIndex, span: Span): Span[] {
  const out: Span[] = [];
  let parent = span.parent === null ? undefined : index.byId.get(span.parent);
  while (parent) {
    out.push(parent);
    parent = parent.parent === null ? undefined : index.byId.get(parent.parent);
  }
  return out;
}

export function duration(span: Span): number {
  return Math.max(0, span.end - span.start);
}

/** Short display of any JSON attribute value. */
export function showJson(value: Json | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

export function str(value: Json | undefined): string | null {
  return typeof value === "string" ? value : null;
}
