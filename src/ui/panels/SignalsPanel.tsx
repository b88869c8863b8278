/** Signals: each signal sent; receivers called (arguments, return value, time) and those filtered out by sender. */
import { visitSpanKind, type Span, type SpanKindHandlers } from "../../trace/span";
import { formatMs } from "../http/message";
import { duration, showJson, str, type SpanIndex } from "./span-index";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";

const ROLE: SpanKindHandlers<"signal" | "receiver" | null> = {
  signal: () => "signal",
  receiver: () => "receiver",
  request: () => null,
  gateway: () => null,
  handler: () => null,
  middleware: () => null,
  resolver: () => null,
  pattern: () => null,
  view: () => null,
  exception: () => null,
  queryset: () => null,
  sql: () => null,
  template: () => null,
  form: () => null,
  admin: () => null,
  session: () => null,
  auth: () => null,
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

export function signalCount(index: SpanIndex): number | null {
  return index.spans.filter((s) => visitSpanKind(s, ROLE) === "signal").length || null;
}

function calledOf(span: Span): boolean {
  return span.attrs.filtered_out !== true && span.attrs.dead_reference !== true;
}

function whyNotCalled(span: Span): string {
  if (span.attrs.dead_reference === true) return "its weak reference was garbage-collected";
  return `it listens to sender=${str(span.attrs.receiver_sender) ?? "?"}, this was sent by ${str(span.attrs.actual_sender) ?? "?"}`;
}

function Receiver({ span }: { span: Span }) {
  const called = calledOf(span);
  return (
    <li className={`receiver ${called ? "ok" : "no"}`}>
      <span className="mono">{str(span.attrs.receiver) ?? span.name}</span>
      {called ? <span className="muted">{formatMs(duration(span))}</span> : <span className="badge">not called: {whyNotCalled(span)}</span>}
      {called && span.attrs.response !== undefined && <span className="mono muted">returned {showJson(span.attrs.response)}</span>}
      {called && span.attrs.kwargs !== undefined && <span className="mono muted">kwargs {showJson(span.attrs.kwargs)}</span>}
      {span.error && <span className="badge error">{span.error.type}</span>}
      <SourceLink source={span.source} />
    </li>
  );
}

export function SignalsPanel({ index }: PanelProps) {
  const signals = index.spans.filter((s) => visitSpanKind(s, ROLE) === "signal");
  if (!signals.length) return <p className="hint">No signal was sent during this request.</p>;
  return (
    <ol className="signal-list">
      {signals.map((signal) => {
        const receivers = (index.children.get(signal.id) ?? []).filter((s) => visitSpanKind(s, ROLE) === "receiver");
        return (
          <li key={signal.id} className="kv-section">
            <h3>
              <span className="mono">{signal.name}</span>
              <span className="muted"> {str(signal.attrs.sender) ? `sender=${str(signal.attrs.sender)}` : ""} {formatMs(duration(signal))}</span>
            </h3>
            {receivers.length ? <ul className="receivers">{receivers.map((r) => <Receiver key={r.id} span={r} />)}</ul> : <p className="hint">No receivers connected.</p>}
          </li>
        );
      })}
    </ol>
  );
}
