/**
 * django.db.models.sql.compiler: a Query → SQL text and params, and result rows → Python values.
 * Main class: `SQLCompiler`; one helper per clause, in SELECT's order; one dispatch point,
 * `compile(node)`, which tries the node's `as_sqlite` and falls back to `as_sql`.
 *
 *     SELECT <get_select> FROM <get_from_clause> WHERE <where> GROUP BY <get_group_by>
 *     HAVING <having> ORDER BY <get_order_by> LIMIT/OFFSET <limit_offset>
 */
import { FieldError } from "../../../core/exceptions";
import { DatabaseError, NotSupportedError } from "../../utils";
import { Col, OrderBy, F, Value, type SQL } from "../expressions";
import { ForeignKey } from "../fields/related";
import { EmptyResultSet, FullResultSet } from "../lookups";
import { LOOKUP_SEP } from "../query_utils";
import { WhereNode } from "./where";
import { COMPILERS, Join, qn, type Query } from "./query";
import type { Converter } from "../fields";

/** One selected column: the expression, its SQL, and an alias for annotations. */
export interface SelectItem {
  expr: any;
  sql: string;
  params: unknown[];
  alias: string | null;
}

/** How select_related instances are laid out in a row. */
export interface KlassInfo {
  model: any;
  start: number;
  attnames: string[];
  /** `field.name` is the cache key on the instance; `remote` (a reverse one-to-one) caches the instance back on the related object. */
  related: { field: { name: string; remote?: string }; info: KlassInfo }[];
}

export class SQLCompiler {
  select: SelectItem[] = [];
  klass_info: KlassInfo | null = null;
  annotation_col_map = new Map<string, number>();
  col_count = 0;
  /** The ORDER BY expressions without ASC/DESC (for SELECT DISTINCT's extra columns). */
  order_by_columns: SQL[] = [];
  /** The columns an explicit ORDER BY adds to GROUP BY (those not already selected). */
  order_by_grouped: any[] = [];

  constructor(public query: Query, public connection: any) {}

  /** The one dispatch point: a node's `as_sqlite` if it has one, else `as_sql`. */
  compile(node: any): SQL {
    if (typeof node.as_sqlite === "function") return node.as_sqlite(this, this.connection);
    return node.as_sql(this, this.connection);
  }

  /** The whole SELECT statement. */
  as_sql(with_limits = true): SQL {
    const q = this.query;
    if (q.combinator) return this.get_combinator_sql(with_limits);
    if (q.distinct_fields.length) throw new NotSupportedError("DISTINCT ON fields is not supported by this database backend");
    this.setup_query();
    // ORDER BY first: ordering by a related field adds its joins before FROM is written.
    const order = this.get_order_by();
    const params: unknown[] = [];
    const cols = this.select.map((s) => (s.alias ? `${s.sql} AS ${qn(s.alias)}` : s.sql));
    this.select.forEach((s) => params.push(...s.params));
    // SELECT DISTINCT must select what it orders by (Django's get_extra_select).
    if (q.distinct && !q.distinct_fields.length)
      for (const [sql, p] of this.order_by_columns) if (!this.select.some((s) => s.sql === sql || (s.alias !== null && sql === qn(s.alias)))) {
        cols.push(sql);
        params.push(...p);
      }
    let sql = `SELECT ${q.distinct ? "DISTINCT " : ""}${cols.join(", ")}`;
    const [from, from_params] = this.get_from_clause();
    sql += ` FROM ${from}`;
    params.push(...from_params);
    const [where, having] = q.where.split_having();
    const where_sql = this.compile_condition(where, params);
    if (where_sql) sql += ` WHERE ${where_sql}`;
    const group_by = this.get_group_by();
    if (group_by.length) {
      sql += ` GROUP BY ${group_by.map((g) => g[0]).join(", ")}`;
      group_by.forEach((g) => params.push(...g[1]));
    }
    const having_sql = this.compile_condition(having, params);
    if (having_sql) sql += ` HAVING ${having_sql}`;
    if (order.length) {
      sql += ` ORDER BY ${order.map((o) => o[0]).join(", ")}`;
      order.forEach((o) => params.push(...o[1]));
    }
    if (with_limits) sql += this.limit_offset_sql();
    return [sql, params];
  }

  /** A condition tree; a tree that matches everything adds nothing, one that matches nothing raises. */
  compile_condition(node: any, params: unknown[]): string {
    // No condition at all: what compiling it would say (FullResultSet), without raising.
    if (!node || (node instanceof WhereNode && node.children.length === 0)) return "";
    try {
      const [s, p] = this.compile(node);
      params.push(...p);
      return s;
    } catch (e) {
      if (e instanceof FullResultSet) return "";
      throw e;
    }
  }

  setup_query(): void {
    if (![...this.query.alias_refcount.values()].some((n) => n > 0)) this.query.get_initial_alias();
    this.get_select();
  }

  /** The select list: model columns (or values()), select_related columns, annotations. */
  get_select(): void {
    const q = this.query;
    this.select = [];
    const add = (expr: any, alias: string | null) => {
      void expr._output_field_or_null; // mixed source types raise FieldError before any SQL runs
      let [sql, params] = this.compile_selected(expr);
      if (typeof expr.select_format === "function") [sql, params] = expr.select_format(this, sql, params);
      this.select.push({ expr, sql, params, alias });
    };
    if (q.extra_select_one) {
      this.select.push({ expr: null, sql: "1", params: [], alias: "a" });
      for (const [alias, a] of q.annotation_select) add(a, alias);
      return;
    }
    if (q.default_cols) {
      const base = q.base_table;
      const fields = q.model._meta.concrete_fields;
      this.klass_info = { model: q.model, start: 0, attnames: fields.map((f: any) => f.attname), related: [] };
      for (const f of fields) add(f.get_col(base), null);
    }
    q.select.forEach((col, i) => add(col, q.values_aliased ? (q.values_select[i] ?? null) : null));
    for (const [alias, a] of q.annotation_select) {
      this.annotation_col_map.set(alias, this.select.length);
      add(a, alias);
    }
    if (q.select_related && this.klass_info) this.get_related_selections(this.klass_info, q.model._meta, q.base_table, q.select_related);
    this.col_count = this.select.length;
  }

  /**
   * One selected expression. One that can match nothing (a Subquery over `id__in=[]`) selects its
   * `empty_result_set_value` (NULL for a Subquery, 0 for a Count) or else 0; one that matches
   * everything selects true: the query itself still runs.
   */
  compile_selected(expr: any): SQL {
    try {
      return this.compile(expr);
    } catch (e) {
      if (e instanceof FullResultSet) return this.compile(new Value(true));
      if (!(e instanceof EmptyResultSet)) throw e;
      const empty = expr.empty_result_set_value;
      return empty === undefined ? ["0", []] : this.compile(new Value(empty));
    }
  }

  /** select_related: a join and the columns of each related model, nested. */
  get_related_selections(klass_info: KlassInfo, opts: any, root_alias: string, requested: boolean | Record<string, any>, depth = 1): void {
    const q = this.query;
    const names = requested === true ? null : requested;
    const fks = opts.concrete_fields.filter((f: any) => f instanceof ForeignKey);
    if (names) {
      // Django's choices: the forward relations in field order, then the reverse one-to-ones.
      const valid = fks.map((f: any) => f.name);
      const reverse_o2o = opts.related_objects.filter((r: any) => r.one_to_one).map((r: any) => r.name);
      const choices = [...valid, ...reverse_o2o].join(", ") || "(none)";
      const plain = opts.concrete_fields.find((f: any) => !f.is_relation && f.name in names);
      if (plain) throw new FieldError(`Non-relational field given in select_related: '${plain.name}'. Choices are: ${choices}`);
      const bad = Object.keys(names).filter((n) => !valid.includes(n) && !reverse_o2o.includes(n));
      if (bad.length) throw new FieldError(`Invalid field name(s) given in select_related: ${bad.map((b) => `'${b}'`).join(", ")}. Choices are: ${choices}`);
    }
    for (const f of fks) {
      if (names ? !(f.name in names) : f.null || depth > q.max_depth) continue;
      const related_opts = (f.remote_field.model as any)._meta;
      const join = new Join(related_opts.db_table, root_alias, "", "INNER JOIN", [[f.column, f.target_field.column]], f.null, false);
      const alias = q.join(join);
      q.promote_joins([alias]);
      const fields = related_opts.concrete_fields;
      const info: KlassInfo = { model: f.remote_field.model, start: this.select.length, attnames: fields.map((x: any) => x.attname), related: [] };
      for (const rf of fields) {
        const [sql, params] = this.compile(rf.get_col(alias));
        this.select.push({ expr: rf.get_col(alias), sql, params, alias: null });
      }
      klass_info.related.push({ field: f, info });
      const next = names ? names[f.name] : true;
      if (names ? Object.keys(next).length : depth < q.max_depth) this.get_related_selections(info, related_opts, alias, names ? next : true, depth + 1);
    }
    // A reverse one-to-one (author.profile) only when named: LEFT OUTER JOIN, since the row may be missing.
    if (!names) return;
    for (const rel of opts.related_objects.filter((r: any) => r.one_to_one && r.name in names)) {
      const f = rel.field;
      const related_opts = rel.related_model._meta;
      const alias = q.join(new Join(related_opts.db_table, root_alias, "", "INNER JOIN", [[f.target_field.column, f.column]], true, false));
      q.promote_joins([alias]);
      const fields = related_opts.concrete_fields;
      const info: KlassInfo = { model: rel.related_model, start: this.select.length, attnames: fields.map((x: any) => x.attname), related: [] };
      for (const rf of fields) {
        const [sql, params] = this.compile(rf.get_col(alias));
        this.select.push({ expr: rf.get_col(alias), sql, params, alias: null });
      }
      klass_info.related.push({ field: { name: rel.get_accessor_name(), remote: f.name }, info });
      const next = names[rel.name];
      if (Object.keys(next).length) this.get_related_selections(info, related_opts, alias, next, depth + 1);
    }
  }

  /** FROM: the base table, then each join that is still referenced. */
  get_from_clause(): SQL {
    const parts: string[] = [];
    const params: unknown[] = [];
    let first = true;
    for (const [alias, table] of this.query.alias_map) {
      if (!first && !(this.query.alias_refcount.get(alias) ?? 0)) continue;
      const [sql, p] = table.as_sql();
      if (first) parts.push(sql);
      else parts.push(sql);
      params.push(...p);
      first = false;
    }
    return [parts.join(" "), params];
  }

  /** GROUP BY: the query's group_by (set by annotate() with an aggregate), columns deduplicated. */
  get_group_by(): SQL[] {
    const q = this.query;
    if (q.group_by === null) return [];
    const exprs: any[] = [];
    if (q.group_by === true) {
      for (const s of this.select) if (s.expr && !s.expr.contains_aggregate) exprs.push(...(s.alias ? s.expr.get_group_by_cols() : [s.expr]));
    } else {
      exprs.push(...q.group_by);
      for (const s of this.select) if (s.expr && !s.expr.contains_aggregate && !s.alias) exprs.push(s.expr);
      for (const [, a] of q.annotation_select) if (!a.contains_aggregate) exprs.push(...a.get_group_by_cols());
    }
    exprs.push(...this.order_by_grouped);
    const seen = new Set<string>();
    const out: SQL[] = [];
    for (const e of exprs) {
      const [sql, params] = this.compile(e);
      const key = sql + JSON.stringify(params);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(this.by_position(sql, params));
    }
    return out;
  }

  /**
   * GROUP BY / ORDER BY name a values() column or a selected annotation by its position
   * ("GROUP BY 1", "ORDER BY 2 DESC"), as Django 5.2 does; other expressions are written out.
   */
  by_position(sql: string, params: unknown[]): SQL {
    const q = this.query;
    const values_columns = q.values_aliased ? q.select.length : 0;
    const i = this.select.findIndex(
      (s, k) => s.alias !== null && (sql === qn(s.alias) || (k < values_columns && s.sql === sql && JSON.stringify(s.params) === JSON.stringify(params))),
    );
    return i >= 0 ? [String(i + 1), []] : [sql, params];
  }

  /** ORDER BY: explicit order_by(), else Meta.ordering (not for GROUP BY queries). */
  get_order_by(): SQL[] {
    const q = this.query;
    let ordering: unknown[];
    if (q.extra_order_by.length) ordering = q.extra_order_by;
    else if (q.order_by.length) ordering = q.order_by;
    else if (q.default_ordering && q.model._meta.ordering.length && q.group_by === null) ordering = q.model._meta.ordering;
    else return [];
    const out: SQL[] = [];
    this.order_by_columns = [];
    this.order_by_grouped = [];
    const meta_ordering = ordering === q.model._meta.ordering;
    // Django writes each ordering term once: a repeat (same SQL without ASC/DESC, same params) is skipped.
    const seen = new Set<string>();
    for (const item of ordering)
      for (const ob of this.find_ordering(item, q.model._meta, q.base_table, q.standard_ordering, new Set())) {
        const column = ob.expression && typeof ob.expression.as_sql === "function" ? this.compile(ob.expression) : null;
        const position = column && !q.combinator ? this.by_position(column[0], column[1]) : null;
        let compiled: SQL;
        if (position && position[0] !== column![0]) {
          const ordered = ob.copy();
          ordered.expression = { as_sql: () => position, get_group_by_cols: () => [] };
          compiled = this.compile(ordered);
        } else {
          compiled = this.compile(ob);
          // A GROUP BY query groups by what it orders by too (unless that is a selected column).
          if (!meta_ordering) this.order_by_grouped.push(...ob.get_group_by_cols());
        }
        const key = `${compiled[0].replace(/ (ASC|DESC)( NULLS (FIRST|LAST))?$/, "")}\u0000${JSON.stringify(compiled[1])}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(compiled);
        if (column) this.order_by_columns.push(column);
      }
    return out;
  }

  /**
   * A name the SELECT list already has as a values() column (`values("post").order_by("post")`):
   * Django orders by that column itself, never by the related model's Meta.ordering.
   */
  selected_column(name: string): any {
    const q = this.query;
    if (!q.values_aliased) return null;
    const i = q.values_select.indexOf(name);
    return i >= 0 ? q.select[i] : null;
  }

  /** One ordering item → OrderBy expressions (a relation orders by its model's Meta.ordering). */
  find_ordering(item: unknown, opts: any, alias: string, ascending: boolean, seen: Set<string>): OrderBy[] {
    const q = this.query;
    if (typeof item !== "string") {
      let ob: any = item instanceof OrderBy ? item : (item as any).asc();
      ob = ob.copy();
      const selected = ob.expression instanceof F ? this.selected_column(ob.expression.name) : null;
      ob.expression = selected ?? ob.expression.resolve_expression(q, true, null, false);
      return [ascending ? ob : ob.reverse_ordering()];
    }
    if (item === "?") return [new OrderBy({ as_sql: () => ["RANDOM()", []], resolve_expression() { return this; } } as any)];
    const descending = item.startsWith("-");
    const name = descending ? item.slice(1) : item;
    const asc = descending ? !ascending : ascending;
    const selected = seen.size === 0 ? this.selected_column(name) : null;
    if (selected) return [new OrderBy(selected, { descending: !asc })];
    if (q.annotations.has(name) && opts === q.model._meta) {
      const ann = q.annotations.get(name);
      const selected = q.annotation_select.has(name);
      const expr = selected ? { as_sql: () => [qn(name), []], get_group_by_cols: () => [] } : ann;
      return [new OrderBy(expr, { descending: !asc })];
    }
    const parts = name.split(LOOKUP_SEP);
    const info = q.setup_joins(parts, opts, alias, null);
    const field = info.final_field;
    if (field && field.is_relation && field instanceof ForeignKey && info.rest.length === 0 && parts[parts.length - 1] !== field.attname && (field.remote_field.model as any)._meta.ordering.length) {
      const key = `${field.model._meta.label}.${field.name}`;
      if (!seen.has(key)) {
        seen.add(key);
        const related_opts = (field.remote_field.model as any)._meta;
        const last_alias = info.joins[info.joins.length - 1];
        return related_opts.ordering.flatMap((o: unknown) => this.find_ordering(typeof o === "string" && descending ? (o.startsWith("-") ? o.slice(1) : `-${o}`) : o, related_opts, last_alias, ascending, seen));
      }
    }
    const [targets, final_alias] = q.trim_joins(info.targets, info.joins, info.path);
    const col = q.apply_transforms(targets[0].get_col(final_alias), info, parts, opts);
    return [new OrderBy(col, { descending: !asc })];
  }

  limit_offset_sql(): string {
    const q = this.query;
    let sql = "";
    if (q.high_mark !== null) sql += ` LIMIT ${q.high_mark - q.low_mark}`;
    if (q.low_mark) sql += `${q.high_mark === null ? " LIMIT -1" : ""} OFFSET ${q.low_mark}`;
    return sql;
  }

  /** union/intersection/difference: each part compiled alone, joined by the operator. */
  get_combinator_sql(with_limits: boolean): SQL {
    const q = this.query;
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const part of q.combined_queries) {
      if (part.order_by.length || (part.default_ordering && part.model._meta.ordering.length && !part.order_by.length && part.default_ordering))
        throw new DatabaseError("ORDER BY not allowed in subqueries of compound statements.");
      const c = part.get_compiler(this.connection);
      try {
        const [sql, p] = c.as_sql();
        parts.push(sql);
        params.push(...p);
      } catch (e) {
        // An empty part is left out of a union, and of a difference after its first part.
        if (e instanceof EmptyResultSet && (q.combinator === "union" || (q.combinator === "difference" && parts.length))) continue;
        throw e;
      }
      if (!this.klass_info) {
        this.klass_info = c.klass_info;
        this.select = c.select;
      }
    }
    if (!parts.length) throw new EmptyResultSet();
    const op = { union: "UNION", intersection: "INTERSECT", difference: "EXCEPT" }[q.combinator!] + (q.combinator_all ? " ALL" : "");
    let sql = parts.join(` ${op} `);
    const order: SQL[] = [];
    for (const item of q.order_by) {
      const name = typeof item === "string" ? item.replace(/^-/, "") : null;
      if (!name) continue;
      const idx = this.select.findIndex((s) => s.expr && s.expr.target && (s.expr.target.name === name || s.expr.target.attname === name || (name === "pk" && s.expr.target.primary_key)));
      if (idx < 0) throw new DatabaseError("ORDER BY term does not match any column in the result set.");
      order.push([`(${idx + 1}) ${(item as string).startsWith("-") ? "DESC" : "ASC"}`, []]);
    }
    if (order.length) sql += ` ORDER BY ${order.map((o) => o[0]).join(", ")}`;
    if (with_limits) sql += this.limit_offset_sql();
    return [sql, params];
  }

  /** The converters for each selected column, chosen once per query. */
  get_converters(): (Converter[] | null)[] {
    return this.select.map((s) => {
      if (!s.expr) return null;
      const conv = s.expr.get_db_converters(this.connection);
      return conv.length ? conv : null;
    });
  }

  /** Run the query and return the raw rows (converted), or [] when it can match nothing. */
  execute_sql(): unknown[][] {
    let sql: string, params: unknown[];
    try {
      [sql, params] = this.as_sql();
    } catch (e) {
      if (e instanceof EmptyResultSet) return [];
      throw e;
    }
    const cursor = this.connection.cursor();
    try {
      cursor.execute(sql, params);
      const rows = cursor.fetchall() as unknown[][];
      const converters = this.get_converters();
      if (converters.some((c) => c)) apply_converters(rows, converters, this.select, this.connection);
      return rows;
    } finally {
      cursor.close();
    }
  }
}

/**
 * Each row's values through their column's converters, in place, one column at a time: a column's
 * converter is called for every row in turn, and nothing is allocated per row.
 */
export function apply_converters(rows: unknown[][], converters: (Converter[] | null)[], select: SelectItem[], connection: any): void {
  for (let i = 0; i < converters.length; i++) {
    const chain = converters[i];
    if (!chain) continue;
    const expr = select[i].expr;
    for (const convert of chain) {
      if (convert.column !== undefined) {
        convert.column(rows, i);
        continue;
      }
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        row[i] = convert(row[i], expr, connection);
      }
    }
  }
}

COMPILERS.SQLCompiler = SQLCompiler;
export { Col, F };
