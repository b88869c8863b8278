/**
 * Context: Flask's two context stacks over the request — each push and pop with the stacks after
 * it — and what every `current_app`, `request`, `g` and `session` access resolved to.
 * Reads `context` spans: operations (attrs action push/pop, context, stacks) and proxy reads
 * (attrs proxy, attribute, resolved).
 */
import type { Json, Span } from "../../trace/span";
import { showJson, str } from "./span-index";
import { SourceLink } from "./SourceLink";
import { flaskSpans, isContextOperation } from "./flask-spans";
import type { PanelProps } from "./registry";

export function contextCount(index: PanelProps["index"]): number | null {
  return flaskSpans(index, "context").filter(isContextOperation).length || null;
}

function stackOf(stacks: Json | undefined, which: "app" | "request"): string[] {
  if (!stacks || typeof stacks !== "object" || Array.isArray(stacks)) return [];
  const list = (stacks as Record<string, Json>)[which];
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [];
}

function Stack({ title, items }: { title: string; items: string[] }) {
  return (
    <div className="context-stack" aria-label={`${title} stack`}>
      <div className="muted">{title}</div>
      {items.length ? (
        <ol className="context-stack-items">
          {[...items].reverse().map((item, i) => (
            <li key={i} className={`mono${i === 0 ? " top" : ""}`}>
              {item}
            </li>
          ))}
        </ol>
      ) : (
        <div className="muted mono">(empty)</div>
      )}
    </div>
  );
}

function Operation({ span }: { span: Span }) {
  const push = span.attrs.action === "push";
  const context = str(span.attrs.context) === "app" ? "application context" : "request context";
  return (
    <li className="context-op">
      <div>
        <span className={`badge ${push ? "ok" : "warn"}`}>{push ? "push" : "pop"}</span> <span>{context}</span>{" "}
        <span className="mono muted">{span.name}</span>
        {span.attrs.exception !== undefined && span.attrs.exception !== null && <span className="muted"> after {showJson(span.attrs.exception)}</span>}{" "}
        <SourceLink source={span.source} />
      </div>
      <div className="context-stacks">
        <Stack title="application contexts" items={stackOf(span.attrs.stacks, "app")} />
        <Stack title="request contexts" items={stackOf(span.attrs.stacks, "request")} />
      </div>
    </li>
  );
}

export function ContextPanel({ index }: PanelProps) {
  const spans = flaskSpans(index, "context");
  // In the order the stacks changed (a push span ends after the app context it pushed first).
  const operations = spans.filter(isContextOperation).sort((a, b) => (typeof a.attrs.seq === "number" && typeof b.attrs.seq === "number" ? a.attrs.seq - b.attrs.seq : a.id - b.id));
  const reads = spans.filter((s) => s.attrs.proxy !== undefined);
  if (!operations.length && !reads.length) return <p className="hint">No Flask context was pushed in this request.</p>;
  return (
    <div className="contrib-panel context-panel">
      <section className="kv-section">
        <h3>Context stacks, push by push</h3>
        <p className="hint">
          A request pushes an application context (current_app, g) and a request context (request, session); the
          proxies read whatever is on top. Popping runs the teardown functions.
        </p>
        <ol className="contrib-list context-ops">
          {operations.map((span) => (
            <Operation key={span.id} span={span} />
          ))}
        </ol>
      </section>
      <section className="kv-section">
        <h3>Context locals read ({reads.length})</h3>
        {reads.length ? (
          <ol className="contrib-list">
            {reads.map((span) => (
              <li key={span.id}>
                <span className="mono">{span.name}</span> <span className="muted">→ {str(span.attrs.proxy)} was</span>{" "}
                <span className="mono">{showJson(span.attrs.resolved)}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="hint">No view or hook read current_app, request, g or session.</p>
        )}
      </section>
    </div>
  );
}
