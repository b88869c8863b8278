/**
 * URLs: every pattern the resolver tried, in order, matched or not and why, with converters and
 * captured kwargs; the final match; for a 404, the list Django's debug page shows.
 */
import { visitSpanKind, type Span, type SpanKindHandlers } from "../../trace/span";
import { showJson, str, type SpanIndex } from "./span-index";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";

const ROLE: SpanKindHandlers<"resolver" | "pattern" | null> = {
  resolver: () => "resolver",
  pattern: () => "pattern",
  request: () => null,
  gateway: () => null,
  handler: () => null,
  middleware: () => null,
  view: () => null,
  signal: () => null,
  receiver: () => null,
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
};

function matched(span: Span): boolean | null {
  const m = span.attrs.matched ?? span.attrs.match;
  return typeof m === "boolean" ? m : null;
}

function PatternRow({ span, index, depth }: { span: Span; index: SpanIndex; depth: number }) {
  const ok = matched(span);
  const reason = str(span.attrs.reason) ?? str(span.attrs.why);
  const kwargs = span.attrs.kwargs ?? span.attrs.captured;
  const nested = (index.children.get(span.id) ?? []).filter((s) => visitSpanKind(s, ROLE) === "pattern");
  return (
    <>
      <li className={`pattern ${ok === true ? "ok" : ok === false ? "no" : ""}`} style={{ marginLeft: depth * 16 }}>
        <span className="pattern-mark" aria-label={ok === true ? "matched" : ok === false ? "not matched" : "tried"}>
          {ok === true ? "✓" : ok === false ? "✗" : "·"}
        </span>
        <span className="mono pattern-text">{str(span.attrs.pattern) ?? str(span.attrs.route) ?? span.name}</span>
        {str(span.attrs.name) && <span className="muted mono">name={str(span.attrs.name)}</span>}
        {reason && <span className="muted">{reason}</span>}
        {kwargs !== undefined && kwargs !== null && <span className="mono kwargs">{showJson(kwargs)}</span>}
        <SourceLink source={span.source} />
      </li>
      {nested.map((child) => (
        <PatternRow key={child.id} span={child} index={index} depth={depth + 1} />
      ))}
    </>
  );
}

export function UrlsPanel({ index }: PanelProps) {
  const resolvers = index.spans.filter((s) => visitSpanKind(s, ROLE) === "resolver" && (s.parent === null || index.byId.get(s.parent)?.kind !== "resolver"));
  if (!resolvers.length) return <p className="hint">No URL resolution in this request (a raw WSGI app routes by itself, or a middleware answered first).</p>;
  return (
    <div className="urls">
      {resolvers.map((resolver) => {
        const tried = (index.children.get(resolver.id) ?? []).filter((s) => visitSpanKind(s, ROLE) !== null);
        const final = tried.find((s) => matched(s) === true);
        return (
          <section key={resolver.id} className="kv-section">
            <h3>
              <span className="mono">{resolver.name}</span> <span className="muted mono">{str(resolver.attrs.path) ?? ""}</span>
            </h3>
            <ol className="patterns">
              {tried.map((s) => (
                <PatternRow key={s.id} span={s} index={index} depth={0} />
              ))}
            </ol>
            {final ? (
              <p className="result ok">Matched: <span className="mono">{str(final.attrs.pattern) ?? final.name}</span></p>
            ) : (
              <p className="result no">
                {resolver.error ? `${resolver.error.type}: ${resolver.error.message}` : "No pattern matched."} Django's debug page would list the {tried.length} pattern{tried.length === 1 ? "" : "s"} above.
              </p>
            )}
          </section>
        );
      })}
    </div>
  );
}
