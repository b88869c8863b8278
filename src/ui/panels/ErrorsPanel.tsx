/**
 * Errors: what the technical 500 page shows — the exception type and message, and the frames, each
 * linked into the editor — from a failed load, a failed request, or spans that raised.
 */
import type { ErrorInfo } from "../../runtime/protocol";
import { visitSpanKind, type Span, type SpanKindHandlers } from "../../trace/span";
import type { SpanIndex } from "./span-index";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";

/** Spans whose error is listed where it was raised (the request's own error is the failed outcome; a log line is not raised). */
const LIST_ERROR: SpanKindHandlers<boolean> = {
  exception: () => true,
  view: () => true,
  middleware: () => true,
  handler: () => true,
  request: () => false,
  gateway: () => true,
  resolver: () => true,
  pattern: () => true,
  signal: () => true,
  receiver: () => true,
  queryset: () => true,
  sql: () => true,
  template: () => true,
  form: () => true,
  admin: () => true,
  session: () => true,
  auth: () => true,
  module: () => true,
  settings: () => true,
  app: () => true,
  log: () => false,
  context: () => true,
  hook: () => true,
  asgi: () => true,
  dependency: () => true,
  validation: () => true,
  task: () => true,
  websocket: () => true,
  consumer: () => true,
  channel: () => true,
  command: () => true,
  user: () => true,
};

function Frames({ error }: { error: ErrorInfo }) {
  return (
    <ol className="frames">
      {error.frames.map((f, i) => (
        <li key={i}>
          <SourceLink source={f} />
        </li>
      ))}
    </ol>
  );
}

/**
 * The tab's badge counts errors that reached the learner: exceptions the handler turned into a
 * response, protocol violations at the server, a failed run. An exception raised and caught inside
 * the framework (a Resolver404 from an include that did not match, a template name probe) is still
 * listed below, but it is not an error of this request.
 */
export function errorCount({ exchange, index }: PanelProps): number {
  const own = exchange.outcome.kind === "failed" || (exchange.outcome.kind === "socket" && !exchange.outcome.result.ok) ? 1 : 0;
  return own + index.spans.filter((s) => s.kind === "exception" || (s.kind === "gateway" && s.error)).length;
}

const sameError = (a: Span, b: Span) => !!a.error && !!b.error && a.error.type === b.error.type && a.error.message === b.error.message;

/** What became of an exception: it escaped the request, a handler turned it into a response, or code caught it. */
export type ErrorFate =
  | { kind: "uncaught" }
  | { kind: "response"; by: Span; status: number | null }
  | { kind: "caught"; by: Span };

/**
 * Follow an exception up the span tree from where it was raised: the spans it crossed carry the
 * same error; the first ancestor without it caught it — as a response when that ancestor recorded
 * an `exception` span converting this error (Django's convert_exception_to_response), otherwise by
 * handling it (a resolver moving on to its next pattern).
 */
export function fateOf(index: SpanIndex, span: Span): ErrorFate {
  let top = span;
  for (let p = top.parent === null ? undefined : index.byId.get(top.parent); p && sameError(p, span); p = p.parent === null ? undefined : index.byId.get(p.parent)) top = p;
  const by = top.parent === null ? undefined : index.byId.get(top.parent);
  if (!by) return { kind: "uncaught" };
  const converted = (index.children.get(by.id) ?? []).find((c) => c.kind === "exception" && c.attrs.error_type === span.error?.type);
  if (converted) return { kind: "response", by: converted, status: typeof converted.attrs.status === "number" ? converted.attrs.status : null };
  return { kind: "caught", by };
}

/**
 * The place to point at for a raised exception: its own source when it has one; else, when the
 * framework turned it into a response, the line that `exception` span located (the innermost line
 * of user code, or a template's failing tag); else the span's own definition (`views.ts#greet`).
 */
function raisedAt(span: Span, fate: ErrorFate): Span["source"] {
  if (span.error?.source) return span.error.source;
  if (fate.kind === "response" && fate.by.source?.line) return fate.by.source;
  return span.source;
}

/** Where each exception was raised: spans with an error that none of their children passed up to them. */
export function raisedErrors(index: SpanIndex): Span[] {
  return index.spans.filter((s) => s.error && visitSpanKind(s, LIST_ERROR) && !(index.children.get(s.id) ?? []).some((c) => sameError(c, s)));
}

function FateLine({ fate }: { fate: ErrorFate }) {
  if (fate.kind === "uncaught") return <p className="error-text">Not caught: it escaped the request.</p>;
  if (fate.kind === "response")
    return (
      <p className="muted">
        Handled: turned into {fate.status ? `a ${fate.status} response` : "a response"} by the framework ({fate.by.name}).
      </p>
    );
  return (
    <p className="muted">
      Caught inside the framework by {fate.by.kind} <span className="mono">{fate.by.name}</span>, which went on — not an error of this request.
    </p>
  );
}

export function ErrorsPanel({ exchange, index }: PanelProps) {
  const failed = exchange.outcome.kind === "failed" ? exchange.outcome.error : exchange.outcome.kind === "socket" && !exchange.outcome.result.ok ? exchange.outcome.result.error : exchange.reload?.error;
  const raised = raisedErrors(index);
  if (!failed && !raised.length) return <p className="hint">No errors in this request.</p>;
  return (
    <div className="errors">
      {failed && (
        <section className="error-card">
          <h3 className="error-text">
            {failed.type}: <span className="mono">{failed.message}</span>
          </h3>
          {failed.source && <SourceLink source={failed.source} />}
          <Frames error={failed} />
        </section>
      )}
      {raised.map((s) => {
        const fate = fateOf(index, s);
        return (
          <section key={s.id} className={`error-card fate-${fate.kind}`}>
            <h3 className={fate.kind === "uncaught" ? "error-text" : undefined}>
              {s.error!.type}: <span className="mono">{s.error!.message}</span>
            </h3>
            <p className="muted">
              Raised in {s.kind} <span className="mono">{s.name}</span> <SourceLink source={raisedAt(s, fate)} />
            </p>
            <FateLine fate={fate} />
          </section>
        );
      })}
    </div>
  );
}
