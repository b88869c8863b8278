/**
 * Errors: what the technical 500 page shows — the exception type and message, and the frames, each
 * linked into the editor — from a failed load, a failed request, or spans that raised.
 */
import type { ErrorInfo } from "../../runtime/protocol";
import { visitSpanKind, type SpanKindHandlers } from "../../trace/span";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";

/** Spans whose error is worth listing on its own (the root of an exception's path, not every span it crossed). */
const LIST_ERROR: SpanKindHandlers<boolean> = {
  exception: () => true,
  view: () => true,
  middleware: () => false,
  handler: () => false,
  request: () => false,
  gateway: () => true,
  resolver: () => true,
  pattern: () => false,
  signal: () => false,
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
  context: () => false,
  hook: () => true,
  asgi: () => true,
  dependency: () => true,
  validation: () => false,
  task: () => true,
  websocket: () => false,
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

export function ErrorsPanel({ exchange, index }: PanelProps) {
  const failed = exchange.outcome.kind === "failed" ? exchange.outcome.error : exchange.outcome.kind === "socket" && !exchange.outcome.result.ok ? exchange.outcome.result.error : exchange.reload?.error;
  const spans = index.spans.filter((s) => (s.error && visitSpanKind(s, LIST_ERROR)) || s.kind === "exception");
  if (!failed && !spans.length) return <p className="hint">No errors in this request.</p>;
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
      {spans.map((s) => (
        <section key={s.id} className="error-card">
          <h3 className="error-text">
            {s.error ? `${s.error.type}: ` : ""}
            <span className="mono">{s.error?.message ?? String(s.attrs.message ?? s.name)}</span>
          </h3>
          <p className="muted">
            in {s.kind} <span className="mono">{s.name}</span> <SourceLink source={s.error?.source ?? s.source} />
          </p>
        </section>
      ))}
    </div>
  );
}
