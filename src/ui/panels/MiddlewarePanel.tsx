/**
 * Middleware: each middleware in the order it ran, with its phases (__call__, process_view,
 * process_exception, process_template_response), whether it returned early, and what it changed
 * on the way out (headers added, changed, removed; response replaced).
 */
import { visitSpanKind, type Json, type Span, type SpanKindHandlers } from "../../trace/span";
import { formatMs } from "../http/message";
import { duration, showJson, str, type SpanIndex } from "./span-index";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";

/** Which spans this panel lists: middleware phases (session/auth spans are shown under their middleware). */
const ROLE: SpanKindHandlers<"phase" | "inside" | null> = {
  middleware: () => "phase",
  exception: () => "inside",
  session: () => "inside",
  auth: () => "inside",
  request: () => null,
  gateway: () => null,
  handler: () => null,
  resolver: () => null,
  pattern: () => null,
  view: () => null,
  signal: () => null,
  receiver: () => null,
  queryset: () => null,
  sql: () => null,
  template: () => null,
  form: () => null,
  admin: () => null,
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

interface MiddlewareRow {
  name: string;
  phases: Span[];
}

function middlewareRows(index: SpanIndex): MiddlewareRow[] {
  const rows = new Map<string, MiddlewareRow>();
  for (const span of index.spans) {
    if (visitSpanKind(span, ROLE) !== "phase") continue;
    const name = str(span.attrs.middleware) ?? span.name;
    const row = rows.get(name) ?? { name, phases: [] };
    row.phases.push(span);
    rows.set(name, row);
  }
  return [...rows.values()];
}

export function middlewareCount(index: SpanIndex): number | null {
  return middlewareRows(index).length || null;
}

function HeaderChanges({ changes }: { changes: Json | undefined }) {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return null;
  const added = (changes.added ?? {}) as Record<string, Json>;
  const changed = (changes.changed ?? {}) as Record<string, { from: Json; to: Json }>;
  const removed = (changes.removed ?? []) as Json[];
  const items = [
    ...Object.entries(added).map(([k, v]) => <li key={`a${k}`} className="diff-add mono">+ {k}: {showJson(v)}</li>),
    ...Object.entries(changed).map(([k, v]) => <li key={`c${k}`} className="diff-change mono">~ {k}: {showJson(v.from)} → {showJson(v.to)}</li>),
    ...removed.map((k) => <li key={`r${String(k)}`} className="diff-remove mono">− {showJson(k)}</li>),
  ];
  return items.length ? <ul className="diff">{items}</ul> : <span className="muted">no header changes</span>;
}

function Phase({ span }: { span: Span }) {
  const phase = str(span.attrs.phase) ?? "__call__";
  return (
    <li className="phase">
      <span className="phase-name mono">{phase}</span>
      <span className="muted">{formatMs(duration(span))}</span>
      {span.attrs.short_circuit === true && <span className="badge warn">returned early</span>}
      {span.attrs.response_replaced === true && <span className="badge warn">response replaced</span>}
      {span.attrs.handled === true && <span className="badge">handled the exception</span>}
      {span.error && <span className="badge error">{span.error.type}</span>}
      <SourceLink source={span.source} />
      {phase === "__call__" && span.attrs.short_circuit !== true && <HeaderChanges changes={span.attrs.header_changes} />}
    </li>
  );
}

export function MiddlewarePanel({ index }: PanelProps) {
  const rows = middlewareRows(index);
  if (!rows.length) return <p className="hint">No middleware ran for this request (a raw WSGI app has none, or MIDDLEWARE is empty).</p>;
  return (
    <ol className="middleware-list">
      {rows.map((row, i) => (
        <li key={row.name} className="middleware-item">
          <h3>
            <span className="order">{i + 1}</span> <span className="mono">{row.name}</span>
            <span className="muted mono"> {str(row.phases[0].attrs.path) ?? ""}</span>
          </h3>
          <ul className="phases">
            {row.phases.map((span) => (
              <Phase key={span.id} span={span} />
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
