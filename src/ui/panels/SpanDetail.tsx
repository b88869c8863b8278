/** One span in full: kind, name, time, source, error and every attribute. */
import type { Span } from "../../trace/span";
import { formatMs } from "../http/message";
import { KIND_LOOK } from "./kinds";
import { duration, showJson } from "./span-index";
import { SourceLink } from "./SourceLink";
import { visitSpanKind } from "../../trace/span";

export function SpanDetail({ span, onClose }: { span: Span; onClose?: () => void }) {
  const look = visitSpanKind(span, KIND_LOOK);
  return (
    <section className="span-detail" aria-label={`Details of ${span.name}`}>
      <header>
        <span className="kind-tag" style={{ borderColor: look.color, color: look.color }}>
          {look.label}
        </span>
        <strong className="mono">{span.name}</strong>
        <span className="muted">{formatMs(duration(span))}</span>
        <SourceLink source={span.source} />
        {onClose && (
          <button className="link-button close" aria-label="Close details" onClick={onClose}>
            ✕
          </button>
        )}
      </header>
      {span.error && (
        <p className="error-text mono">
          {span.error.type}: {span.error.message}
        </p>
      )}
      <dl className="kv">
        {Object.entries(span.attrs).map(([k, v]) => (
          <div className="kv-row" key={k}>
            <dt>{k}</dt>
            <dd className="mono">{showJson(v)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
