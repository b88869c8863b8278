/**
 * Trace → Chrome trace-event JSON, so a request can be opened in Perfetto or chrome://tracing.
 * Each span becomes a complete event ("ph": "X") with microsecond timestamps; attrs go to `args`.
 */
import type { Trace } from "./span";

export interface ChromeTraceEvent {
  name: string;
  cat: string;
  ph: "X";
  ts: number;
  dur: number;
  pid: number;
  tid: number;
  args: Record<string, unknown>;
}

export function to_chrome_trace(trace: Trace, options: { process_name?: string } = {}): { traceEvents: ChromeTraceEvent[]; displayTimeUnit: "ms"; metadata: Record<string, string> } {
  const traceEvents = trace.spans.map((s) => ({
    name: s.name,
    cat: s.kind,
    ph: "X" as const,
    ts: Math.round(s.start * 1000),
    dur: Math.max(0, Math.round((s.end - s.start) * 1000)),
    pid: 1,
    tid: 1,
    args: { ...s.attrs, span_id: s.id, parent: s.parent, ...(s.source ? { source: s.source } : {}), ...(s.error ? { error: s.error } : {}) },
  }));
  return { traceEvents, displayTimeUnit: "ms", metadata: { "process-name": options.process_name ?? "Framework Lab" } };
}
