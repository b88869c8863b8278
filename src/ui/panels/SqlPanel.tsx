/**
 * SQL: every statement of the request in order — formatted, with its time and row count — the
 * similar (same SQL) and duplicate (same SQL and parameters) ones marked, and each N+1 flagged with
 * the line of user code that triggered it and the QuerySet method that fixes it. The analysis is
 * src/trace/sql.ts; this panel only shows it.
 */
import { useMemo, useState } from "react";
import { format } from "sql-formatter";
import { analyse_sql, type NPlusOne, type SqlQuery } from "../../trace/sql";
import type { Json } from "../../trace/span";
import { formatMs } from "../http/message";
import { SourceLink } from "./SourceLink";
import { useSession } from "../session-context";
import type { ExplainStep } from "../../runtime/protocol";
import type { PanelProps } from "./registry";

/** Django's `%s` placeholders with the parameters written in, as `str(qs.query)` shows them. */
export function inlineParams(sql: string, params: Json[]): string {
  let i = 0;
  return sql.replace(/%s/g, () => literal(params[i++]));
}

function literal(value: Json | undefined): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  return `'${String(typeof value === "string" ? value : JSON.stringify(value)).replace(/'/g, "''")}'`;
}

function pretty(sql: string): string {
  try {
    // sql-formatter does not know Django's %s placeholders: swap them for ? and back.
    return format(sql.replace(/%s/g, "?"), { language: "sqlite", keywordCase: "upper" }).replace(/\?/g, "%s");
  } catch {
    return sql;
  }
}

function NPlusOneWarning({ n }: { n: NPlusOne }) {
  const where = n.related ? ` (a loop reading ${n.related.kind === "forward" ? "." : ""}${n.related.field} of each ${n.related.model || "object"})` : "";
  return (
    <li className="n-plus-one" role="alert">
      <strong>N+1 queries:</strong> the same query ran {n.count} times from one line{where}.{" "}
      <SourceLink source={n.line ?? undefined} />
      <div>
        Fix: <code className="mono">{n.fix}</code> on the QuerySet that the loop iterates, so the related rows come with the first query.
      </div>
    </li>
  );
}

type PlanState = { kind: "loading" } | { kind: "plan"; steps: ExplainStep[] } | { kind: "error"; text: string };

/** The plan as SQLite prints it in its shell: a tree, each step indented under its parent. */
function planLines(steps: ExplainStep[]): { depth: number; detail: string; id: number }[] {
  const depth = new Map<number, number>();
  return steps.map((s) => {
    const d = (depth.get(s.parent) ?? -1) + 1;
    depth.set(s.id, d);
    return { depth: d, detail: s.detail, id: s.id };
  });
}

/** EXPLAIN QUERY PLAN on demand: asked of the runtime's database when the button is pressed. */
function Explain({ q, n }: { q: SqlQuery; n: number }) {
  const session = useSession();
  const [plan, setPlan] = useState<PlanState | null>(null);
  const run = async () => {
    setPlan({ kind: "loading" });
    const outcome = await session.explain(q.sql, q.params);
    if (outcome.kind !== "done") setPlan({ kind: "error", text: outcome.kind === "deadline" ? "The runtime was restarted before the plan came back." : outcome.error.message });
    else if (!outcome.value.ok) setPlan({ kind: "error", text: `${outcome.value.error.type}: ${outcome.value.error.message}` });
    else setPlan({ kind: "plan", steps: outcome.value.plan });
  };
  return (
    <>
      <button className="link-button" aria-label={`Explain query ${n}`} aria-expanded={plan !== null} onClick={() => (plan ? setPlan(null) : void run())}>
        {plan ? "Hide plan" : "Explain"}
      </button>
      {plan && (
        <div className="sql-plan" role="region" aria-label={`Query plan of query ${n}`}>
          <div className="muted">EXPLAIN QUERY PLAN (on the database as it is now)</div>
          {plan.kind === "loading" && <div className="muted">Asking SQLite…</div>}
          {plan.kind === "error" && <div className="error-text">{plan.text}</div>}
          {plan.kind === "plan" && (
            <pre className="mono">{planLines(plan.steps).map((l) => `${"   ".repeat(l.depth)}${l.depth ? "`--" : ""}${l.detail}`).join("\n")}</pre>
          )}
        </div>
      )}
    </>
  );
}

function QueryRow({ q, n, inline, similar, duplicate }: { q: SqlQuery; n: number; inline: boolean; similar: number; duplicate: number }) {
  const text = pretty(inline ? inlineParams(q.sql, q.params) : q.sql);
  return (
    <li className={`sql-query${duplicate ? " duplicate" : ""}`}>
      <div className="sql-meta">
        <span className="mono muted">#{n}</span>
        <span className="mono">{formatMs(q.duration)}</span>
        {q.rows !== null && <span className="muted">{q.rows} row{q.rows === 1 ? "" : "s"}</span>}
        {similar > 1 && <span className="badge warn">similar ×{similar}</span>}
        {duplicate > 1 && <span className="badge error">duplicate ×{duplicate}</span>}
        <SourceLink source={q.caused_at ?? undefined} />
        <span className="grow" />
        {/^\s*(select|with)\b/i.test(q.sql) && <Explain q={q} n={n} />}
      </div>
      <pre className="sql-text mono">{text}</pre>
      {!inline && q.params.length > 0 && <div className="mono muted">params: {JSON.stringify(q.params)}</div>}
    </li>
  );
}


export function SqlPanel({ index }: PanelProps) {
  const [inline, setInline] = useState(false);
  const analysis = useMemo(() => analyse_sql({ spans: index.spans }), [index]);
  if (!analysis.queries.length) return <p className="hint">This request ran no SQL.</p>;
  const similarSize = new Map(analysis.similar.flatMap((g) => g.span_ids.map((id) => [id, g.span_ids.length] as const)));
  const duplicateSize = new Map(analysis.duplicates.flatMap((g) => g.span_ids.map((id) => [id, g.span_ids.length] as const)));
  return (
    <div className="sql-panel">
      <div className="kv-section sql-summary">
        <span>
          {analysis.queries.length} quer{analysis.queries.length === 1 ? "y" : "ies"} in {formatMs(analysis.total_time)}
          {analysis.similar.length > 0 && `, ${analysis.similar.length} similar group${analysis.similar.length === 1 ? "" : "s"}`}
          {analysis.duplicates.length > 0 && `, ${analysis.duplicates.length} duplicated`}
        </span>
        <label className="toggle">
          <input type="checkbox" checked={inline} onChange={(e) => setInline(e.target.checked)} /> Inline parameters
        </label>
      </div>
      {analysis.n_plus_one.length > 0 && (
        <ul className="n-plus-one-list">
          {analysis.n_plus_one.map((n, i) => (
            <NPlusOneWarning key={i} n={n} />
          ))}
        </ul>
      )}
      <ol className="sql-list">
        {analysis.queries.map((q, i) => (
          <QueryRow key={q.span_id} q={q} n={i + 1} inline={inline} similar={similarSize.get(q.span_id) ?? 0} duplicate={duplicateSize.get(q.span_id) ?? 0} />
        ))}
      </ol>
    </div>
  );
}

export default SqlPanel;
