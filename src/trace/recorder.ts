/**
 * The recorder turns framework calls into spans.
 *
 * There is one *active* recorder at a time (a request runs synchronously, or awaits in order), set
 * by the runtime around each request. Framework code calls `traced(kind, name, fn)` or
 * `open_span`/`close_span` at its seams; when tracing is off the active recorder is a no-op and the
 * cost is a function call.
 */
import type { Attrs, Json, SourceRef, Span, SpanError, SpanKind, Trace } from "./span";

/**
 * A span's attributes, or a function that builds them. Prefer the function: it runs only when
 * tracing is on, so an untraced request pays nothing for building attributes it would throw away.
 * (Values that change later, such as a header list, must be copied when the span describes them.)
 */
export type LazyAttrs = Attrs | (() => Attrs);

function attrs_of(attrs: LazyAttrs | undefined): Attrs {
  return attrs === undefined ? {} : typeof attrs === "function" ? attrs() : attrs;
}

export interface SpanHandle {
  readonly id: number;
  /** Add or overwrite attributes while the span is open (or after). */
  set(attrs: Attrs): void;
  set_source(source: SourceRef): void;
  fail(error: SpanError): void;
}

const NOOP_HANDLE: SpanHandle = { id: -1, set() {}, set_source() {}, fail() {} };

const now: () => number =
  typeof performance !== "undefined" && typeof performance.now === "function" ? () => performance.now() : () => Date.now();

export class Recorder {
  readonly enabled: boolean;
  private spans: Span[] = [];
  private stack: Span[] = [];
  private readonly origin: number;

  constructor(options: { enabled?: boolean } = {}) {
    this.enabled = options.enabled ?? true;
    this.origin = now();
  }

  /** Open a span as a child of the innermost open span. */
  open(kind: SpanKind, name: string, lazy?: LazyAttrs, source?: SourceRef): SpanHandle {
    if (!this.enabled) return NOOP_HANDLE;
    const attrs = attrs_of(lazy);
    const parent = this.stack.length ? this.stack[this.stack.length - 1].id : null;
    const t = now() - this.origin;
    // The span owns `attrs` from here on: callers pass a fresh object literal.
    const span: Span = { id: this.spans.length, parent, kind, name, start: t, end: t, attrs };
    if (source) span.source = source;
    this.spans.push(span);
    this.stack.push(span);
    return new Handle(span);
  }

  /** Close a span (and any span left open inside it, which a thrown exception can cause). */
  close(handle: SpanHandle): void {
    if (!this.enabled || handle.id < 0) return;
    const t = now() - this.origin;
    while (this.stack.length) {
      const top = this.stack.pop()!;
      top.end = t;
      if (top.id === handle.id) return;
    }
  }

  /** A span with no duration: something that was considered (a pattern tried, a receiver skipped). */
  event(kind: SpanKind, name: string, lazy?: LazyAttrs, source?: SourceRef): SpanHandle {
    if (!this.enabled) return NOOP_HANDLE;
    const attrs = attrs_of(lazy);
    const parent = this.stack.length ? this.stack[this.stack.length - 1].id : null;
    const t = now() - this.origin;
    const span: Span = { id: this.spans.length, parent, kind, name, start: t, end: t, attrs };
    if (source) span.source = source;
    this.spans.push(span);
    return new Handle(span);
  }

  /** The finished trace. A recorder serves one request, so its spans are handed over, not copied. */
  trace(): Trace {
    return { spans: this.spans };
  }
}

/** The handle framework code holds while a span is open (one small object per span). */
class Handle implements SpanHandle {
  constructor(private readonly span: Span) {}
  get id(): number {
    return this.span.id;
  }
  set(attrs: Attrs): void {
    Object.assign(this.span.attrs, attrs);
  }
  set_source(source: SourceRef): void {
    this.span.source = source;
  }
  fail(error: SpanError): void {
    this.span.error = error;
  }
}

let active: Recorder = new Recorder({ enabled: false });

/** The runtime sets the recorder for the duration of one request. */
export function set_active_recorder(recorder: Recorder): Recorder {
  const previous = active;
  active = recorder;
  return previous;
}

export function active_recorder(): Recorder {
  return active;
}

export function open_span(kind: SpanKind, name: string, attrs?: LazyAttrs, source?: SourceRef): SpanHandle {
  return active.open(kind, name, attrs, source);
}

export function close_span(handle: SpanHandle): void {
  active.close(handle);
}

export function trace_event(kind: SpanKind, name: string, attrs?: LazyAttrs, source?: SourceRef): SpanHandle {
  return active.event(kind, name, attrs, source);
}

export function tracing_enabled(): boolean {
  return active.enabled;
}

/**
 * Run `fn` inside a span. An exception marks the span as failed (with the Python class name from
 * `error_type`) and is re-thrown. Promises are awaited so async views are timed correctly.
 */
export function traced<T>(kind: SpanKind, name: string, attrs: LazyAttrs, fn: (span: SpanHandle) => T, source?: SourceRef): T {
  const recorder = active;
  if (!recorder.enabled) return fn(NOOP_HANDLE);
  const span = recorder.open(kind, name, attrs, source);
  let result: T;
  try {
    result = fn(span);
  } catch (e) {
    span.fail(describe_error(e));
    recorder.close(span);
    throw e;
  }
  if (result instanceof Promise) {
    recorder.close(span);
    return result.catch((e: unknown) => {
      span.fail(describe_error(e));
      throw e;
    }) as T;
  }
  recorder.close(span);
  return result;
}

export function describe_error(e: unknown): SpanError {
  if (e instanceof Error) return { type: error_type(e), message: e.message };
  return { type: typeof e, message: String(e) };
}

/** Python-style class name of an exception object. */
export function error_type(e: unknown): string {
  if (e && typeof e === "object") {
    const ctor = (e as { constructor?: { python_name?: string; name?: string } }).constructor;
    if (ctor?.python_name) return ctor.python_name;
    if (ctor?.name) return ctor.name;
  }
  return typeof e;
}

/** Make any value safe to store in `attrs` (JSON only, bounded size). */
export function to_json(value: unknown, depth = 0): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.length > 2000 ? value.slice(0, 2000) + "…" : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "function") return `<function ${(value as { name?: string }).name || "anonymous"}>`;
  if (depth > 4) return "…";
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => to_json(v, depth + 1));
  if (value instanceof Uint8Array) return `b'${Array.from(value.slice(0, 200), (b) => String.fromCharCode(b)).join("")}'`;
  if (typeof value === "object") {
    const repr = (value as { __repr__?: () => string }).__repr__;
    if (typeof repr === "function") return repr.call(value);
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const s = String(value);
      return s === "[object Object]" ? `<${(value as object).constructor?.name ?? "object"}>` : s;
    }
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value as object).slice(0, 100)) out[k] = to_json(v, depth + 1);
    return out;
  }
  return String(value);
}
