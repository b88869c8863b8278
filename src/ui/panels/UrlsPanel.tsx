/**
 * URLs: every pattern the resolver tried, in order, matched or not and why, with converters and
 * captured kwargs; the final match; for a 404, the list Django's debug page shows.
 * Reads the resolver's spans: "resolver" (a URLResolver: the root or an include()) and "pattern"
 * (one URLPattern tried), with attrs route/pattern, matched, reason, captured_kwargs, converters.
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

const tried = (index: SpanIndex, span: Span) => (index.children.get(span.id) ?? []).filter((s) => visitSpanKind(s, ROLE) !== null);

/** How Django prints a pattern in the technical 404: `hello/<str:name>/ [name='greet']`. */
function describe(span: Span): string {
  const route = str(span.attrs.route) ?? str(span.attrs.pattern) ?? span.name;
  const name = str(span.attrs.name);
  return `${route}${name ? ` [name='${name}']` : ""}`;
}

/**
 * How a tried pattern reads: Django's route (`hello/<str:name>/`, `''` for the empty one) or
 * include() prefix; a project's own router (a raw WSGI app's `event("pattern", "GET /hello")`)
 * records no route, so its span name says what it tried.
 */
function patternText(span: Span): string {
  const text = span.kind === "resolver" ? str(span.attrs.pattern) : str(span.attrs.route);
  if (text !== null) return text || "''";
  return span.name;
}

/** A Django URLResolver (its spans point at django/urls), rather than a project's own router. */
const isDjangoResolver = (span: Span) => span.source?.file.startsWith("django/urls/") === true;

/** Whether a resolver found its match: its own verdict, or — for a router that records none — one of its patterns matched. */
function resolverMatched(index: SpanIndex, resolver: Span): boolean | null {
  if (typeof resolver.attrs.matched === "boolean") return resolver.attrs.matched;
  const children = tried(index, resolver);
  if (children.some((c) => c.attrs.matched === true)) return true;
  return children.some((c) => c.attrs.matched === false) ? false : null;
}

function Attempt({ span, index, depth }: { span: Span; index: SpanIndex; depth: number }) {
  const ok = span.attrs.matched === true;
  const isResolver = span.kind === "resolver";
  const kwargs = span.attrs.captured_kwargs;
  const converters = span.attrs.converters;
  return (
    <>
      <li className={`pattern ${ok ? "ok" : "no"}`} style={{ paddingLeft: depth * 18 }}>
        <span className="pattern-mark" aria-label={ok ? "matched" : "not matched"}>
          {ok ? "✓" : "✗"}
        </span>
        <span className="mono pattern-text">{patternText(span)}</span>
        {isResolver && <span className="badge">include{str(span.attrs.namespace) ? ` · namespace ${str(span.attrs.namespace)}` : ""}</span>}
        {str(span.attrs.name) && <span className="muted mono">name='{str(span.attrs.name)}'</span>}
        {!ok && str(span.attrs.reason) && <span className="muted reason">{str(span.attrs.reason)}</span>}
        {kwargs !== undefined && <span className="mono kwargs">kwargs {showJson(kwargs)}</span>}
        {converters !== undefined && <span className="mono muted">converters {showJson(converters)}</span>}
        <SourceLink source={span.source} />
      </li>
      {isResolver && tried(index, span).map((child) => <Attempt key={child.id} span={child} index={index} depth={depth + 1} />)}
    </>
  );
}

/** The flat list Django's technical 404 shows: each pattern with the include() prefixes before it. */
function debugPageList(index: SpanIndex, resolver: Span, prefix: string[] = []): string[] {
  const out: string[] = [];
  for (const child of tried(index, resolver)) {
    if (child.kind === "resolver" && tried(index, child).length) out.push(...debugPageList(index, child, [...prefix, describe(child)]));
    else out.push([...prefix, describe(child)].join(" "));
  }
  return out;
}

function Final({ resolver, index }: { resolver: Span; index: SpanIndex }) {
  const matched = resolverMatched(index, resolver);
  if (matched === true) {
    const hit = tried(index, resolver).find((c) => c.attrs.matched === true);
    const route = str(resolver.attrs.route) ?? (hit ? patternText(hit) : "");
    return (
      <p className="result ok">
        Matched <span className="mono">{route}</span>
        {str(resolver.attrs.func) && (
          <>
            {" "}
            → <span className="mono">{str(resolver.attrs.func)}</span>
          </>
        )}
        {str(resolver.attrs.view_name) && <span className="mono muted"> ({str(resolver.attrs.view_name)})</span>}
        {resolver.attrs.kwargs !== undefined && <span className="mono"> kwargs {showJson(resolver.attrs.kwargs)}</span>}
      </p>
    );
  }
  if (matched === null) return <p className="result">The router recorded no verdict for this path.</p>;
  if (!isDjangoResolver(resolver))
    return (
      <p className="result no">
        No route matched <span className="mono">{str(resolver.attrs.path) ?? resolver.name}</span>: what the app does next is its own code (see the view or the response).
      </p>
    );
  const list = debugPageList(index, resolver);
  return (
    <div className="result no">
      <p>
        No pattern matched <span className="mono">{str(resolver.attrs.path)}</span> → 404. Django's debug page would say: “Using the URLconf defined in ROOT_URLCONF, Django tried these URL patterns, in this order:”
      </p>
      <ol className="debug-list mono">
        {list.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
      <p>
        “The current path, <span className="mono">{str(resolver.attrs.unmatched) ?? str(resolver.attrs.path)}</span>, didn't match any of these.”
      </p>
    </div>
  );
}

export function UrlsPanel({ index }: PanelProps) {
  const roots = index.spans.filter((s) => visitSpanKind(s, ROLE) === "resolver" && (s.parent === null || index.byId.get(s.parent)?.kind !== "resolver"));
  if (!roots.length) return <p className="hint">No URL resolution in this request (a raw WSGI app routes by itself, or a middleware answered first).</p>;
  return (
    <div className="urls">
      {roots.map((resolver) => (
        <section key={resolver.id} className="kv-section">
          <h3>
            Resolving <span className="mono">{str(resolver.attrs.path) ?? resolver.name}</span>
          </h3>
          <ol className="patterns">
            {tried(index, resolver).map((s) => (
              <Attempt key={s.id} span={s} index={index} depth={0} />
            ))}
          </ol>
          <Final resolver={resolver} index={index} />
        </section>
      ))}
    </div>
  );
}
