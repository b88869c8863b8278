/**
 * The one tracing seam Starlette and FastAPI share: `span_async(kind, name, attrs, fn)` opens a span,
 * awaits `fn`, and closes it, so an async step is timed from its start to its end (the recorder's
 * `traced()` closes a span when `fn` returns its promise). Spans nest in the order steps await
 * each other, which for a request is the onion's order: middleware → router → route → endpoint.
 */
import { close_span, describe_error, open_span, tracing_enabled, type LazyAttrs, type SourceRef, type SpanHandle, type SpanKind } from "../../trace";

export function span_async<T>(kind: SpanKind, name: string, attrs: LazyAttrs, fn: (span: SpanHandle) => Promise<T>, source?: SourceRef): Promise<T> {
  if (!tracing_enabled()) {
    // Tracing off (the benchmark, a replay without trace): no span, and no extra async frame.
    try {
      return fn(open_span(kind, name));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  return traced_async(kind, name, attrs, fn, source);
}

async function traced_async<T>(kind: SpanKind, name: string, attrs: LazyAttrs, fn: (span: SpanHandle) => Promise<T>, source?: SourceRef): Promise<T> {
  const span = open_span(kind, name, attrs, source);
  try {
    return await fn(span);
  } catch (e) {
    span.fail(describe_error(e));
    throw e;
  } finally {
    close_span(span);
  }
}

/** How a callable is named in the trace: its function name, or its class for an instance. */
export function callable_label(fn: unknown): string {
  if (typeof fn === "function") {
    const name = (fn as { name?: string }).name;
    return name ? name.replace(/^bound /, "") : "<lambda>";
  }
  if (fn !== null && typeof fn === "object") return (fn as object).constructor?.name ?? "object";
  return String(fn);
}
