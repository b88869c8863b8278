/**
 * Admin: for each change list, the ModelAdmin options in force and how each shaped the query —
 * search (terms → lookups → Q tree), list filters, ordering, select_related, pagination — then the
 * SQL they produced. Other admin steps (add/change forms, delete, actions, index) follow.
 */
import type { Json, Span } from "../../trace/span";
import { formatMs } from "../http/message";
import { duration, showJson, str, type SpanIndex } from "./span-index";
import { descendants, roleOf, spansOf } from "./contrib-spans";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";

const isChangelist = (s: Span) => s.name.endsWith(".changelist_view");

export function adminCount(index: SpanIndex): number | null {
  return spansOf(index, "admin").filter((s) => s.parent === null || roleOf(index.byId.get(s.parent)!) !== "admin").length || null;
}

/** `%s` placeholders with the parameters written in, as `str(queryset.query)` shows them. */
function inline(sql: string, params: Json | undefined): string {
  const list = Array.isArray(params) ? params : [];
  let i = 0;
  return sql.replace(/%s/g, () => {
    const v = list[i++];
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number" || typeof v === "boolean") return String(typeof v === "boolean" ? Number(v) : v);
    return `'${String(typeof v === "string" ? v : JSON.stringify(v)).replace(/'/g, "''")}'`;
  });
}

/** A JSON value with room to wrap: arrays as `a, b, c`. */
function wrapJson(value: Json | undefined): string {
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === "string" ? JSON.stringify(v) : showJson(v))).join(", ")}]`;
  return showJson(value);
}

/**
 * ChangeList.get_ordering()'s list → the ORDER BY it compiles to: `-x` is `x DESC`, and a field
 * listed twice (the admin's ordering, then the queryset's own order_by) is ordered by once — the
 * SQL compiler drops the repeat.
 */
export function orderByText(ordering: Json | undefined): { sql: string; repeated: string[] } {
  if (!Array.isArray(ordering)) return { sql: showJson(ordering), repeated: [] };
  const seen = new Set<string>();
  const repeated: string[] = [];
  const terms: string[] = [];
  for (const item of ordering) {
    const field = typeof item === "string" ? item : showJson(item);
    const bare = field.replace(/^[-+]/, "");
    if (seen.has(bare)) {
      repeated.push(field);
      continue;
    }
    seen.add(bare);
    terms.push(field.startsWith("-") ? `${bare} DESC` : `${bare} ASC`);
  }
  return { sql: terms.join(", "), repeated };
}

function Option({ name, value, effect }: { name: string; value: Json | undefined; effect: React.ReactNode }) {
  return (
    <li className="admin-option">
      <div>
        <span className="mono admin-option-name">{name}</span> <span className="mono muted">= {value === undefined ? "—" : wrapJson(value)}</span>
      </div>
      <div className="admin-effect">{effect}</div>
    </li>
  );
}

function used(params: Json | undefined): string {
  if (!params || typeof params !== "object" || Array.isArray(params)) return "";
  return Object.entries(params)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.map((x) => showJson(x)).join(",") : showJson(v)}`)
    .join(", ");
}

function ChangeList({ root, index }: { root: Span; index: SpanIndex }) {
  const inside = descendants(index, root);
  const find = (name: string) => inside.find((s) => s.kind === "admin" && s.name === name);
  const qs = find("ChangeList.get_queryset");
  const search = find("ModelAdmin.get_search_results");
  const ordering = find("ordering");
  const related = find("select_related");
  const pages = find("ChangeList.get_results (pagination)");
  const filters = inside.filter((s) => s.kind === "admin" && s.name.startsWith("filter "));
  const refused = inside.filter((s) => s.kind === "admin" && (s.name === "lookup refused" || s.name.startsWith("IncorrectLookupParameters")));
  const sql = inside.filter((s) => roleOf(s) === "sql" && typeof s.attrs.sql === "string");
  const a = qs?.attrs ?? {};
  const activeFilters = filters.filter((f) => used(f.attrs.used_parameters));
  return (
    <section className="kv-section admin-changelist">
      <h3>
        <span className="mono">{root.name}</span> <span className="muted">{showJson(root.attrs.model)} · {formatMs(duration(root))}</span> <SourceLink source={root.source} />
      </h3>
      {!qs && <p className="hint">The change list stopped before building its query (a redirect or an error).</p>}
      {qs && (
        <ul className="admin-options" aria-label="ModelAdmin options and how each shaped the query">
            <Option name="list_display" value={a.list_display} effect={<>the columns (SELECT reads every field); links on {wrapJson(a.list_display_links)}</>} />
            <Option
              name="search_fields"
              value={a.search_fields}
              effect={
                search ? (
                  <>
                    ?q={showJson(search.attrs.search_term)} → terms {wrapJson(search.attrs.terms)} → lookups {wrapJson(search.attrs.orm_lookups)}
                    <pre className="mono admin-q">{str(search.attrs.q)}</pre>
                    {search.attrs.may_have_duplicates === true && <span className="badge warn">may have duplicates → DISTINCT</span>}
                  </>
                ) : (
                  <span className="muted">no ?q= in the URL: no WHERE from search</span>
                )
              }
            />
            <Option
              name="list_filter"
              value={a.list_filter}
              effect={
                activeFilters.length ? (
                  activeFilters.map((f, i) => (
                    <span key={f.id}>
                      {i > 0 && "; "}
                      {showJson(f.attrs.title)}: <span className="mono">{used(f.attrs.used_parameters)}</span> <span className="muted">({f.name.slice(7)})</span>
                    </span>
                  ))
                ) : (
                  <span className="muted">{filters.length ? `${filters.length} filter(s) in the sidebar, none chosen: no WHERE from filters` : "no filters"}</span>
                )
              }
            />
            <Option
              name="ordering"
              value={a.ordering}
              effect={
                ordering ? (
                  <>
                    {ordering.attrs.o ? `?o=${showJson(ordering.attrs.o)} (a column header) → ` : ""}get_ordering() = {wrapJson(ordering.attrs.ordering)} → <span className="mono">ORDER BY {orderByText(ordering.attrs.ordering).sql}</span>
                    {orderByText(ordering.attrs.ordering).repeated.length > 0 && (
                      <span className="muted"> ({orderByText(ordering.attrs.ordering).repeated.join(", ")} listed again by the queryset's own order_by; the SQL orders by it once)</span>
                    )}
                  </>
                ) : (
                  <span className="muted">—</span>
                )
              }
            />
            <Option
              name="list_select_related"
              value={a.list_select_related}
              effect={related ? (related.attrs.applied === true ? "select_related() applied: related rows come in the same query (JOIN)" : "not applied: no ForeignKey column is displayed") : <span className="muted">—</span>}
            />
            <Option
              name="list_per_page"
              value={a.list_per_page}
              effect={
                pages ? (
                  <>
                    {showJson(pages.attrs.result_count)} of {showJson(pages.attrs.full_result_count)} rows → page {showJson(pages.attrs.page_num)} of {showJson(pages.attrs.num_pages)}
                    {pages.attrs.show_all === true ? " (show all)" : ` → LIMIT ${showJson(pages.attrs.list_per_page)}`}
                  </>
                ) : (
                  <span className="muted">—</span>
                )
              }
            />
        </ul>
      )}
      {refused.map((r) => (
        <p key={r.id} className="error-text">
          {r.name}: {showJson(r.attrs.lookup ?? r.attrs.reason)}
        </p>
      ))}
      <h3>SQL the change list produced ({sql.length})</h3>
      {sql.length ? (
        <ol className="sql-list">
          {sql.map((s, i) => (
            <li key={s.id} className="sql-query">
              <div className="sql-meta">
                <span className="muted">{sqlRole(str(s.attrs.sql) ?? "", sql.slice(0, i).filter((q) => /^SELECT COUNT\(\*\)/i.test(str(q.attrs.sql) ?? "")).length)}</span>
                <span className="mono">{formatMs(duration(s))}</span>
                {typeof s.attrs.rows === "number" && <span className="muted">{s.attrs.rows} row{s.attrs.rows === 1 ? "" : "s"}</span>}
              </div>
              <pre className="sql-text mono">{inline(str(s.attrs.sql) ?? "", s.attrs.params)}</pre>
            </li>
          ))}
        </ol>
      ) : (
        <p className="hint">No SQL ran inside the change list view.</p>
      )}
    </section>
  );
}

/** What a change-list statement is for: the paginator's count, then the unfiltered total ("N total"), then the page of rows. */
function sqlRole(sql: string, countsBefore: number): string {
  if (!/^SELECT COUNT\(\*\)/i.test(sql)) return "rows of this page";
  return countsBefore === 0 ? "count (the result: paginator.count)" : "count (all rows: the “N total” link)";
}

function OtherStep({ span }: { span: Span }) {
  return (
    <li>
      <span className="mono">{span.name}</span>{" "}
      <span className="muted">
        {Object.entries(span.attrs)
          .map(([k, v]) => `${k}=${showJson(v)}`)
          .join(" · ")}
      </span>
      {span.error && <span className="badge error">{span.error.type}</span>}
      <SourceLink source={span.source} />
    </li>
  );
}

export function AdminPanel({ index }: PanelProps) {
  const spans = spansOf(index, "admin");
  if (!spans.length) return <p className="hint">The admin did not handle this request.</p>;
  const changelists = spans.filter(isChangelist);
  const inChangelist = new Set(changelists.flatMap((c) => descendants(index, c).map((s) => s.id)));
  const others = spans.filter((s) => !isChangelist(s) && !inChangelist.has(s.id));
  return (
    <div className="contrib-panel admin-panel">
      {changelists.map((c) => (
        <ChangeList key={c.id} root={c} index={index} />
      ))}
      {others.length > 0 && (
        <section className="kv-section">
          <h3>{changelists.length ? "Other admin steps" : "Admin steps"}</h3>
          <ol className="contrib-list">
            {others.map((s) => (
              <OtherStep key={s.id} span={s} />
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
