/**
 * Errors → editor markers at their file and line: a runtime ErrorInfo (a failed load: the innermost
 * user frame), or the spans of a trace that raised in user code (a SyntaxError in a module imported
 * while the request ran, an exception in a view that became a 500).
 */
import type { ErrorInfo, Trace } from "../runtime/protocol";
import type { LabState } from "./state/store";

type Markers = LabState["markers"];

export function markersFromError(error: ErrorInfo): Markers {
  const markers: Markers = {};
  const where = error.source ?? error.frames[0];
  if (where?.line) markers[where.file] = [{ line: where.line, column: where.column, message: `${error.type}: ${error.message}` }];
  return markers;
}

/**
 * One marker per distinct user-file location that an error in the trace points at: a span's error
 * with a source (a SyntaxError in an imported module), or an exception the handler turned into a
 * 500 — at the innermost line of user code, or the failing tag of a template.
 */
export function markersFromTrace(trace: Trace, files: Record<string, string>): Markers {
  const markers: Markers = {};
  const seen = new Set<string>();
  for (const span of trace.spans) {
    const error = span.error ?? (span.kind === "exception" && Number(span.attrs.status) >= 500 ? { type: String(span.attrs.error_type), message: String(span.attrs.message), source: span.source } : undefined);
    const where = error ? (error.source ?? locationInMessage(error.message)) : undefined;
    if (!error || !where?.line || !(where.file in files)) continue;
    const key = `${where.file}:${where.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (markers[where.file] ??= []).push({ line: where.line, column: where.column, message: `${error.type}: ${error.message}` });
  }
  return markers;
}

/** A SyntaxError's message starts with its place, as Python prints it: `hello/views.ts:13:33: Unexpected token`. */
function locationInMessage(message: string): { file: string; line: number; column?: number } | undefined {
  const m = /^([\w\-./]+):(\d+)(?::(\d+))?: /.exec(message);
  return m ? { file: m[1], line: Number(m[2]), ...(m[3] ? { column: Number(m[3]) } : {}) } : undefined;
}
