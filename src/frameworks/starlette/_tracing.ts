/**
 * The one tracing seam Starlette and FastAPI share: `span_async(SITE, name, attrs, fn)` opens a span
 * of a call site (docs/tracing.md), awaits `fn`, and closes it, so an async step is timed from its
 * start to its end (a site's `run()` closes a span when `fn` returns its promise). Spans nest in the
 * order steps await each other, which for a request is the onion's order: middleware → router →
 * route → endpoint.
 */
import { span_close, span_fail, tracing_enabled, type LazyAttrs, type LazyName, type SourceRef, type TraceSite } from "../../trace";

export function span_async<T>(site: TraceSite, name: LazyName, attrs: LazyAttrs | undefined, fn: (span: number) => Promise<T>, source?: SourceRef): Promise<T> {
  if (!tracing_enabled()) {
    // Tracing off (the benchmark, a replay without trace): no span, and no extra async frame.
    try {
      return fn(-1);
    } catch (e) {
      return Promise.reject(e);
    }
  }
  return traced_async(site, name, attrs, fn, source);
}

async function traced_async<T>(site: TraceSite, name: LazyName, attrs: LazyAttrs | undefined, fn: (span: number) => Promise<T>, source?: SourceRef): Promise<T> {
  const span = site.open(name, attrs, source);
  try {
    return await fn(span);
  } catch (e) {
    span_fail(span, e);
    throw e;
  } finally {
    span_close(span);
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
