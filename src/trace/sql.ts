/**
 * A trace's SQL → what a reader should notice about it: every statement in order, the ones that are
 * *similar* (same SQL text) or *duplicate* (same SQL and parameters), and the N+1 pattern — one
 * query repeated from the same line of user code, usually a loop touching a relation.
 *
 * Pure: reads the "sql" spans the database cursor records and the "queryset" spans around them
 * (which know where the QuerySet was evaluated and, for lazy relation loads, through which field).
 * The SQL panel and the CLI both read this; neither re-derives it.
 */
import type { Json, SourceRef, Span, Trace } from "./span";

export interface SqlQuery {
  span_id: number;
  sql: string;
  params: Json[];
  duration: number;
  rows: number | null;
  /** The QuerySet evaluation this statement belongs to, if any. */
  queryset_span: number | null;
  /** Where user code caused it (the QuerySet's evaluation point). */
  caused_at: SourceRef | null;
  /** Index into `similar` / `duplicates`, when the query belongs to such a group. */
  similar_group: number | null;
  duplicate_group: number | null;
}

export interface QueryGroup {
  sql: string;
  span_ids: number[];
}

/** How a lazy relation load was reached: `book.author` (forward) or `author.books.all()` (reverse, m2m). */
export interface RelatedAccess {
  kind: "forward" | "reverse" | "m2m";
  field: string;
  model: string;
}

export interface NPlusOne {
  sql: string;
  count: number;
  line: SourceRef | null;
  related: RelatedAccess | null;
  /** The QuerySet method that removes the repetition, e.g. `select_related("author")`. */
  fix: string;
  span_ids: number[];
}

export interface SqlAnalysis {
  queries: SqlQuery[];
  similar: QueryGroup[];
  duplicates: QueryGroup[];
  n_plus_one: NPlusOne[];
  total_time: number;
}

/** A statement repeated this many times from one line, with different parameters, is an N+1. */
export const N_PLUS_ONE_THRESHOLD = 2;

export function analyse_sql(trace: Trace): SqlAnalysis {
  const by_id = new Map(trace.spans.map((s) => [s.id, s]));
  const queries = trace.spans.filter((s) => s.kind === "sql" && typeof s.attrs.sql === "string").map((s) => to_query(s, by_id));
  const similar = group(queries, (q) => q.sql);
  const duplicates = group(queries, (q) => `${q.sql}\u0000${JSON.stringify(q.params)}`);
  similar.forEach((g, i) => g.span_ids.forEach((id) => (queries.find((q) => q.span_id === id)!.similar_group = i)));
  duplicates.forEach((g, i) => g.span_ids.forEach((id) => (queries.find((q) => q.span_id === id)!.duplicate_group = i)));
  return {
    queries,
    similar,
    duplicates,
    n_plus_one: find_n_plus_one(queries, by_id),
    total_time: queries.reduce((t, q) => t + q.duration, 0),
  };
}

function to_query(span: Span, by_id: Map<number, Span>): SqlQuery {
  const qs = enclosing(span, by_id, "queryset");
  const rows = span.attrs.rows;
  return {
    span_id: span.id,
    sql: String(span.attrs.sql),
    params: Array.isArray(span.attrs.params) ? (span.attrs.params as Json[]) : [],
    duration: span.end - span.start,
    rows: typeof rows === "number" ? rows : null,
    queryset_span: qs?.id ?? null,
    caused_at: source_of(qs?.attrs.evaluated_at) ?? qs?.source ?? null,
    similar_group: null,
    duplicate_group: null,
  };
}

/** Groups of two or more queries sharing a key, in order of first appearance. */
function group(queries: SqlQuery[], key: (q: SqlQuery) => string): QueryGroup[] {
  const groups = new Map<string, QueryGroup>();
  for (const q of queries) {
    const k = key(q);
    const g = groups.get(k) ?? { sql: q.sql, span_ids: [] };
    g.span_ids.push(q.span_id);
    groups.set(k, g);
  }
  return [...groups.values()].filter((g) => g.span_ids.length >= 2);
}

/** Same SQL, same causing line, different parameters, at least N_PLUS_ONE_THRESHOLD times. */
function find_n_plus_one(queries: SqlQuery[], by_id: Map<number, Span>): NPlusOne[] {
  const runs = new Map<string, SqlQuery[]>();
  for (const q of queries) {
    const line = q.caused_at ? `${q.caused_at.file}:${q.caused_at.line ?? ""}` : "?";
    const k = `${q.sql}\u0000${line}`;
    runs.set(k, [...(runs.get(k) ?? []), q]);
  }
  const found: NPlusOne[] = [];
  for (const run of runs.values()) {
    const distinct_params = new Set(run.map((q) => JSON.stringify(q.params))).size;
    if (run.length < N_PLUS_ONE_THRESHOLD || distinct_params < 2) continue;
    const qs = run[0].queryset_span !== null ? by_id.get(run[0].queryset_span) : undefined;
    const related = related_access(qs?.attrs.related);
    found.push({ sql: run[0].sql, count: run.length, line: run[0].caused_at, related, fix: suggest_fix(related), span_ids: run.map((q) => q.span_id) });
  }
  return found;
}

/** Forward relations join in the same query; reverse and many-to-many ones need a second query. */
export function suggest_fix(related: RelatedAccess | null): string {
  if (!related) return "fetch the related rows in the first query: select_related() for a ForeignKey, prefetch_related() for a reverse or many-to-many relation";
  return related.kind === "forward" ? `select_related("${related.field}")` : `prefetch_related("${related.field}")`;
}

function related_access(value: Json | undefined): RelatedAccess | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const { kind, field, model } = value as Record<string, Json>;
  if ((kind === "forward" || kind === "reverse" || kind === "m2m") && typeof field === "string")
    return { kind, field, model: typeof model === "string" ? model : "" };
  return null;
}

function enclosing(span: Span, by_id: Map<number, Span>, kind: Span["kind"]): Span | undefined {
  for (let p = span.parent; p !== null; ) {
    const s = by_id.get(p);
    if (!s) return undefined;
    if (s.kind === kind) return s;
    p = s.parent;
  }
  return undefined;
}

function source_of(value: Json | undefined): SourceRef | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, Json>;
  if (typeof v.file !== "string") return null;
  return { file: v.file, ...(typeof v.line === "number" ? { line: v.line } : {}), ...(typeof v.column === "number" ? { column: v.column } : {}) };
}
