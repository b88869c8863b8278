/**
 * URL map: Werkzeug's rules in the order its matcher tries them, each with its verdict — matched,
 * or why not (the path, the method, a missing trailing slash, a converter that refused the value)
 * — and the values the converters produced. Reads `resolver` spans with `framework: werkzeug`
 * (MapAdapter.match) and their `pattern` children.
 */
import type { Span } from "../../trace/span";
import { showJson, str, type SpanIndex } from "./span-index";
import { SourceLink } from "./SourceLink";
import { werkzeugMatches } from "./flask-spans";
import type { PanelProps } from "./registry";

const VERDICT: Record<string, string> = {
  matched: "matched",
  path: "path differs",
  method: "method not allowed",
  slash: "slash redirect",
  converter: "converter refused",
  websocket: "websocket rule",
  shadowed: "also matches, tried later",
};

function Outcome({ span }: { span: Span }) {
  if (str(span.attrs.endpoint) !== null)
    return (
      <>
        matched <span className="mono">{str(span.attrs.rule)}</span> → endpoint <span className="mono endpoint">{str(span.attrs.endpoint)}</span>{" "}
        <span className="mono muted">view_args {showJson(span.attrs.view_args)}</span>
      </>
    );
  if (str(span.attrs.redirect) !== null) return <>308 redirect to <span className="mono">{str(span.attrs.redirect)}</span></>;
  if (str(span.attrs.error) === "MethodNotAllowed") return <>405 Method Not Allowed — allowed: {showJson(span.attrs.allowed)}</>;
  return <>{str(span.attrs.error) ?? "no rule matched"} (404)</>;
}

function Rules({ span, index }: { span: Span; index: SpanIndex }) {
  const rules = (index.children.get(span.id) ?? []).filter((s) => s.kind === "pattern");
  return (
    <ol className="urlmap-rules">
      {rules.map((rule) => {
        const verdict = str(rule.attrs.verdict) ?? "path";
        const ok = verdict === "matched";
        return (
          <li key={rule.id} className={`pattern urlmap-rule ${ok ? "ok" : "no"}`} data-verdict={verdict}>
            <div className="urlmap-rule-head">
              <span className="pattern-mark" aria-label={ok ? "matched" : "not matched"}>
                {ok ? "✓" : "✗"}
              </span>
              <span className="mono pattern-text">{str(rule.attrs.rule)}</span>
              <span className="muted mono">endpoint='{showJson(rule.attrs.endpoint)}'</span>
            </div>
            <div className="urlmap-rule-detail">
              <span className={`badge ${ok ? "ok" : verdict === "slash" || verdict === "method" ? "warn" : ""}`}>{VERDICT[verdict] ?? verdict}</span>
              {Array.isArray(rule.attrs.methods) && <span className="muted mono">{(rule.attrs.methods as string[]).join(" ")}</span>}
              {rule.attrs.values !== null && rule.attrs.values !== undefined && <span className="mono kwargs">values {showJson(rule.attrs.values)}</span>}
              {rule.attrs.converters !== undefined && Object.keys(rule.attrs.converters as object).length > 0 && <span className="mono muted">converters {showJson(rule.attrs.converters)}</span>}
            </div>
            {!ok && str(rule.attrs.reason) && <div className="muted reason urlmap-reason">{str(rule.attrs.reason)}</div>}
          </li>
        );
      })}
    </ol>
  );
}

export function UrlMapPanel({ index }: PanelProps) {
  const matches = werkzeugMatches(index);
  if (!matches.length) return <p className="hint">The URL map was not consulted in this request.</p>;
  return (
    <div className="urls urlmap">
      {matches.map((span) => (
        <section key={span.id} className="kv-section">
          <h3>
            <span className="mono">
              {str(span.attrs.method)} {str(span.attrs.path) || "/"}
            </span>{" "}
            — <Outcome span={span} />
          </h3>
          <p className="muted urlmap-note">
            Werkzeug's rules in the order its matcher tries them: static path parts before converters, lighter converters first. <SourceLink source={span.source} />
          </p>
          <Rules span={span} index={index} />
        </section>
      ))}
    </div>
  );
}
