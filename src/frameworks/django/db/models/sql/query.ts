/**
 * django.db.models.sql.query: a QuerySet's state as a data structure → what the compiler turns
 * into SQL. Main class: `Query` (tables and joins, WHERE tree, select list, annotations, ordering,
 * limits); it knows nothing about SQL text.
 *
 *     Book.objects.filter(author__name="Jane")
 *     → alias_map {library_book, library_author (INNER JOIN ON author_id = id)}
 *       where (AND: Exact(Col(library_author.name), "Jane"))
 *
 * `names_to_path` walks `author__profile__twitter` through the models' fields; `setup_joins`
 * adds one Join per relation hop (reusing joins the same filter() call made, so
 * `filter(tags__a=1, tags__b=2)` needs one tag row and `.filter(tags__a=1).filter(tags__b=2)` two);
 * `build_filter` turns one `name__lookup=value` into a lookup object.
 */
import { FieldDoesNotExist, FieldError } from "../../../core/exceptions";
import { TypeError as PyTypeError, ValueError } from "../../../../python/builtins";
import { BaseExpression, Col, F, OrderBy, Ref, Value, quote_name_unless_alias, type Compiler, type SQL } from "../expressions";
import { Field } from "../fields";
import { ForeignKey, ForeignObjectRel, ManyToManyField } from "../fields/related";
import { Exact, In, IsNull, EmptyResultSet } from "../lookups";
import { LOOKUP_SEP, Q } from "../query_utils";
import { AND, NothingNode, OR, WhereNode, XOR } from "./where";
import { get_close_matches } from "../../../../python/difflib";

export const INNER = "INNER JOIN";
export const LOUTER = "LEFT OUTER JOIN";

/** The first table of a query. */
export class BaseTable {
  join_type: string | null = null;
  parent_alias: string | null = null;
  constructor(public table_name: string, public table_alias: string) {}
  as_sql(): SQL {
    const alias = this.table_alias !== this.table_name ? ` ${quote_name_unless_alias(this.table_alias)}` : "";
    return [`${qn(this.table_name)}${alias}`, []];
  }
  equals(other: unknown): boolean {
    return other instanceof BaseTable && other.table_name === this.table_name;
  }
  relabeled_clone(change_map: Map<string, string>): BaseTable {
    return new BaseTable(this.table_name, change_map.get(this.table_alias) ?? this.table_alias);
  }
}

/** One relation hop: `INNER JOIN "library_author" ON ("library_book"."author_id" = "library_author"."id")`. */
export class Join {
  constructor(
    public table_name: string,
    public parent_alias: string,
    public table_alias: string,
    public join_type: string,
    public join_cols: [string, string][],
    public nullable: boolean,
    public m2m: boolean,
  ) {}
  as_sql(): SQL {
    const alias = this.table_alias !== this.table_name ? ` ${quote_name_unless_alias(this.table_alias)}` : "";
    const on = this.join_cols.map(([l, r]) => `${quote_name_unless_alias(this.parent_alias)}.${qn(l)} = ${quote_name_unless_alias(this.table_alias)}.${qn(r)}`).join(" AND ");
    return [`${this.join_type} ${qn(this.table_name)}${alias} ON (${on})`, []];
  }
  identity(): string {
    return `${this.table_name}|${this.parent_alias}|${JSON.stringify(this.join_cols)}`;
  }
  relabeled_clone(change_map: Map<string, string>): Join {
    const j = new Join(this.table_name, change_map.get(this.parent_alias) ?? this.parent_alias, change_map.get(this.table_alias) ?? this.table_alias, this.join_type, this.join_cols, this.nullable, this.m2m);
    return j;
  }
}

/** One step of a lookup path through the models. */
export interface PathInfo {
  from_opts: any;
  to_opts: any;
  target_fields: Field[];
  join_cols: [string, string][];
  m2m: boolean;
  direct: boolean;
  nullable: boolean;
  join_field: any;
}

export function qn(name: string): string {
  return `"${name}"`;
}

export interface JoinInfo {
  final_field: any;
  targets: Field[];
  opts: any;
  joins: string[];
  path: PathInfo[];
}

export class Query extends BaseExpression {
  model: any;
  alias_map = new Map<string, BaseTable | Join>();
  alias_refcount = new Map<string, number>();
  table_map = new Map<string, string[]>();
  alias_prefix = "T";
  where = new WhereNode();
  select: any[] = [];
  default_cols = true;
  annotations = new Map<string, any>();
  annotation_select_mask: string[] | null = null;
  values_select: string[] = [];
  order_by: any[] = [];
  extra_order_by: any[] = [];
  default_ordering = true;
  standard_ordering = true;
  distinct = false;
  distinct_fields: string[] = [];
  low_mark = 0;
  high_mark: number | null = null;
  select_related: boolean | Record<string, any> = false;
  max_depth = 5;
  group_by: null | true | any[] = null;
  combinator: string | null = null;
  combinator_all = false;
  combined_queries: Query[] = [];
  subquery = false;
  select_for_update = false;
  used_aliases = new Set<string>();
  filter_is_sticky = false;
  /** Deferred loading: [names, defer?] (only() → false). */
  deferred_loading: [Set<string>, boolean] = [new Set(), true];

  constructor(model: any) {
    super();
    this.model = model;
  }

  get base_table(): string {
    for (const alias of this.alias_map.keys()) return alias;
    return this.get_initial_alias();
  }

  get is_sliced(): boolean {
    return this.low_mark !== 0 || this.high_mark !== null;
  }

  get has_select_fields(): boolean {
    return Boolean(this.select.length || this.annotation_select_mask || this.values_select.length);
  }

  /** The annotations that are selected (all unless a values() mask says otherwise). */
  get annotation_select(): Map<string, any> {
    if (this.annotation_select_mask === null) return this.annotations;
    const m = new Map<string, any>();
    for (const k of this.annotation_select_mask) if (this.annotations.has(k)) m.set(k, this.annotations.get(k));
    return m;
  }

  override get output_field(): any {
    if (this.select.length === 1) return this.select[0].output_field ?? this.select[0].target;
    const ann = [...this.annotation_select.values()];
    if (ann.length === 1) return ann[0].output_field;
    return null;
  }

  override get _output_field_or_null(): any {
    try {
      return this.output_field;
    } catch {
      return null;
    }
  }

  clone(): Query {
    const q = Object.create(Query.prototype) as Query;
    Object.assign(q, this);
    q.alias_map = new Map(this.alias_map);
    q.alias_refcount = new Map(this.alias_refcount);
    q.table_map = new Map([...this.table_map].map(([k, v]) => [k, [...v]]));
    q.where = this.where.clone();
    q.select = [...this.select];
    q.annotations = new Map(this.annotations);
    q.annotation_select_mask = this.annotation_select_mask ? [...this.annotation_select_mask] : null;
    q.values_select = [...this.values_select];
    q.order_by = [...this.order_by];
    q.distinct_fields = [...this.distinct_fields];
    q.combined_queries = this.combined_queries.map((c) => c.clone());
    q.used_aliases = new Set(this.used_aliases);
    q.group_by = Array.isArray(this.group_by) ? [...this.group_by] : this.group_by;
    q.select_related = typeof this.select_related === "object" ? structuredClone(this.select_related) : this.select_related;
    q._output_field_or_none = undefined;
    return q;
  }

  chain(): Query {
    const q = this.clone();
    if (!q.filter_is_sticky) q.used_aliases = new Set();
    q.filter_is_sticky = false;
    return q;
  }

  override copy(): this {
    return this.clone() as this;
  }

  /** A subquery is resolved against the outer query: OuterRefs become the outer columns. */
  override resolve_expression(query: any): any {
    const clone = this.clone();
    clone.subquery = true;
    clone.bump_prefix(query);
    clone.where = resolve_outer(clone.where, query);
    for (const [k, v] of clone.annotations) clone.annotations.set(k, resolve_outer(v, query));
    return clone;
  }

  /** Rename this query's aliases to U0, U1, … so they never clash with the outer query's. */
  bump_prefix(outer: Query): void {
    const prefix = outer.alias_prefix === "T" ? "U" : String.fromCharCode(outer.alias_prefix.charCodeAt(0) + 1);
    this.alias_prefix = prefix;
    const change_map = new Map<string, string>();
    let i = 0;
    for (const alias of this.alias_map.keys()) change_map.set(alias, `${prefix}${i++}`);
    this.change_aliases(change_map);
  }

  change_aliases(change_map: Map<string, string>): void {
    const new_map = new Map<string, BaseTable | Join>();
    for (const [alias, table] of this.alias_map) new_map.set(change_map.get(alias) ?? alias, table.relabeled_clone(change_map));
    this.alias_map = new_map;
    this.alias_refcount = new Map([...this.alias_refcount].map(([a, n]) => [change_map.get(a) ?? a, n]));
    this.table_map = new Map([...this.table_map].map(([t, as]) => [t, as.map((a) => change_map.get(a) ?? a)]));
    this.where = this.where.relabeled_clone(change_map);
    this.select = this.select.map((s) => s.relabeled_clone(change_map));
    for (const [k, v] of this.annotations) this.annotations.set(k, v.relabeled_clone ? v.relabeled_clone(change_map) : v);
    if (Array.isArray(this.group_by)) this.group_by = this.group_by.map((g) => g.relabeled_clone(change_map));
  }

  override as_sql(compiler: Compiler, connection: any): SQL {
    const inner = this.get_compiler(connection);
    const [sql, params] = inner.as_sql();
    return [`(${sql})`, params];
  }

  get_compiler(connection?: any): any {
    return new COMPILERS.SQLCompiler(this, connection ?? null);
  }

  // --- aliases and joins ------------------------------------------------------------------------

  get_initial_alias(): string {
    if (this.alias_map.size) {
      const alias = this.alias_map.keys().next().value as string;
      this.ref_alias(alias);
      return alias;
    }
    return this.join(new BaseTable(this.model._meta.db_table, ""));
  }

  ref_alias(alias: string): void {
    this.alias_refcount.set(alias, (this.alias_refcount.get(alias) ?? 0) + 1);
  }

  unref_alias(alias: string, amount = 1): void {
    this.alias_refcount.set(alias, (this.alias_refcount.get(alias) ?? 0) - amount);
  }

  /** A table's first alias is its name; later ones are T2, T3, … (Django's `table_alias`). */
  table_alias(table_name: string, create = false): [string, boolean] {
    const list = this.table_map.get(table_name);
    if (!create && list?.length) {
      this.ref_alias(list[0]);
      return [list[0], false];
    }
    const alias = list?.length ? `${this.alias_prefix}${this.alias_map.size + 1}` : table_name;
    if (list) list.push(alias);
    else this.table_map.set(table_name, [alias]);
    this.alias_refcount.set(alias, 1);
    return [alias, true];
  }

  /** Add a join (or reuse an equal one from `reuse`; null reuses any); returns its alias. */
  join(join: BaseTable | Join, reuse: Set<string> | null = null): string {
    const identity = join instanceof Join ? join.identity() : null;
    const candidates = [...this.alias_map.entries()].filter(([a, j]) => (reuse === null || reuse.has(a)) && (identity ? j instanceof Join && j.identity() === identity : j instanceof BaseTable && j.table_name === join.table_name));
    if (candidates.length) {
      const alias = candidates[candidates.length - 1][0];
      this.ref_alias(alias);
      return alias;
    }
    const [alias] = this.table_alias(join.table_name, true);
    if (join instanceof Join) {
      const parent = this.alias_map.get(join.parent_alias);
      join.join_type = (parent && parent.join_type === LOUTER) || join.nullable ? LOUTER : INNER;
      join.table_alias = alias;
    } else join.table_alias = alias;
    this.alias_map.set(alias, join);
    return alias;
  }

  /** LEFT OUTER for these joins and every join hanging off them. */
  promote_joins(aliases: Iterable<string>): void {
    const todo = [...aliases];
    while (todo.length) {
      const alias = todo.shift()!;
      const j = this.alias_map.get(alias);
      if (!(j instanceof Join) || j.join_type === LOUTER) continue;
      const parent = this.alias_map.get(j.parent_alias);
      if (j.nullable || (parent && parent.join_type === LOUTER)) {
        j.join_type = LOUTER;
        for (const [a, other] of this.alias_map) if (other instanceof Join && other.parent_alias === alias) todo.push(a);
      }
    }
  }

  /** INNER for these joins (and the joins they hang from). */
  demote_joins(aliases: Iterable<string>): void {
    const todo = [...aliases];
    while (todo.length) {
      const alias = todo.shift()!;
      const j = this.alias_map.get(alias);
      if (j instanceof Join && j.join_type === LOUTER) {
        j.join_type = INNER;
        todo.push(j.parent_alias);
      }
    }
  }

  // --- walking names through the models ---------------------------------------------------------

  /** `["author", "name"]` → the relation hops and the final field; FieldError for a bad name. */
  names_to_path(names: string[], opts: any, _allow_many = true, fail_on_missing = false): [PathInfo[], any, Field[], string[]] {
    const path: PathInfo[] = [];
    let final_field: any = null;
    let targets: Field[] = [];
    let pos = 0;
    for (; pos < names.length; pos++) {
      let name = names[pos];
      if (name === "pk") name = opts.pk.name;
      let field: any = null;
      try {
        field = opts.get_field(name);
        // A hidden reverse relation is reachable only by its own "+"-suffixed name (the m2m managers use it).
        if (field.is_relation && !field.concrete && field.hidden && !(field instanceof ForeignObjectRel && !field.is_hidden()) && !name.endsWith("+")) field = null;
      } catch (e) {
        if (!(e instanceof FieldDoesNotExist)) throw e;
        if (pos === 0 && this.annotations.has(name)) break;
      }
      if (field && field instanceof ForeignObjectRel && field.is_hidden() && !name.endsWith("+")) field = null;
      if (!field) {
        if (pos === 0 || fail_on_missing) {
          const available = field_choices(opts, pos === 0 ? this : null);
          throw new FieldError(`Cannot resolve keyword '${name}' into field. Choices are: ${available.join(", ")}`);
        }
        break;
      }
      const hops = path_infos(field, opts);
      if (hops.length) {
        path.push(...hops);
        final_field = hops[hops.length - 1].join_field;
        targets = hops[hops.length - 1].target_fields;
        opts = hops[hops.length - 1].to_opts;
        if (field instanceof ForeignObjectRel) final_field = field;
        else final_field = field;
      } else {
        final_field = field;
        targets = [field];
        if (fail_on_missing && pos + 1 !== names.length) throw new FieldError(`Cannot resolve keyword '${names[pos + 1]}' into field. Join on '${name}' not permitted.`);
        pos++;
        break;
      }
    }
    return [path, final_field, targets, names.slice(pos)];
  }

  /** One Join per relation hop; returns the aliases from the base table on. */
  setup_joins(names: string[], opts: any, alias: string, can_reuse: Set<string> | null = null, allow_many = true): JoinInfo & { rest: string[] } {
    const [path, final_field, targets, rest] = this.names_to_path(names, opts, allow_many);
    const joins = [alias];
    let current_opts = opts;
    for (const info of path) {
      const reuse = info.m2m ? can_reuse : null;
      const j = new Join(info.to_opts.db_table, alias, "", INNER, info.join_cols, info.nullable, info.m2m);
      alias = this.join(j, reuse);
      joins.push(alias);
      current_opts = info.to_opts;
    }
    return { final_field, targets, opts: current_opts, joins, path, rest };
  }

  /**
   * The names left after the fields (`published__year`) as transforms of `col`. An unknown one
   * after a field is reported as Django's setup_joins does, as a name that is no field there:
   * "Cannot resolve keyword 'nope' into field. Join on 'title' not permitted." (or the choices).
   */
  apply_transforms(col: any, info: { final_field: any; rest: string[] }, names: string[], opts: any): any {
    for (const name of info.rest) {
      try {
        col = this.try_transform(col, name);
      } catch (e) {
        if (!(e instanceof FieldError) || !(info.final_field instanceof Field)) throw e;
        this.names_to_path(names.slice(0, names.length - info.rest.length + 1), opts, true, true);
        throw e;
      }
    }
    return col;
  }

  /** Drop trailing joins whose target column is already on the previous table (`author_id`). */
  trim_joins(targets: Field[], joins: string[], path: PathInfo[]): [Field[], string, string[]] {
    joins = [...joins];
    for (let i = path.length - 1; i >= 0; i--) {
      const info = path[i];
      if (!info.direct || targets.length !== 1) break;
      const rhs_cols = info.join_cols.map(([, r]) => r);
      if (!targets.every((t) => rhs_cols.includes(t.column))) break;
      const fk = info.join_field as ForeignKey;
      targets = [fk];
      this.unref_alias(joins.pop()!);
    }
    return [targets, joins[joins.length - 1], joins];
  }

  /** An F() reference → a column (or an annotation), joining as needed. */
  resolve_ref(name: string, allow_joins = true, reuse: Set<string> | null = null, summarize = false): any {
    const annotation = this.annotations.get(name);
    if (annotation) {
      if (summarize) return new Ref(name, annotation);
      return annotation;
    }
    const parts = name.split(LOOKUP_SEP);
    const info = this.setup_joins(parts, this.model._meta, this.get_initial_alias(), reuse);
    if (!allow_joins && info.joins.length > 1) throw new FieldError("Joined field references are not permitted in this query");
    const [targets, final_alias, joins] = this.trim_joins(info.targets, info.joins, info.path);
    const col: any = this.apply_transforms(targets[0].get_col(final_alias), info, parts, this.model._meta);
    if (info.path.some((p) => p.m2m)) col.possibly_multivalued = true;
    void joins;
    return col;
  }

  // --- filters ----------------------------------------------------------------------------------

  /** `filter(q)`: add a Q tree to WHERE with Django's join promotion. */
  add_q(q: Q, reuse_all = false): void {
    const existing_inner = new Set([...this.alias_map].filter(([, j]) => j.join_type === INNER).map(([a]) => a));
    // reuse_all: every join already made may serve this condition (a prefetch's `tags__in`).
    const [clause, needed_inner] = this._add_q(q, reuse_all ? new Set(this.alias_map.keys()) : this.used_aliases);
    if (clause.children.length) this.where.add(clause, AND);
    void existing_inner;
    this.demote_joins(needed_inner);
  }

  /** Compile a Q (for When/filter arguments of aggregates) without adding it to WHERE. */
  _add_q_for_expression(q: any, reuse: Set<string> | null, allow_joins = true, summarize = false): any {
    if (!(q instanceof Q)) return q.resolve_expression(this, allow_joins, reuse, summarize);
    const [clause] = this._add_q(q, reuse, false, allow_joins, summarize);
    return clause;
  }

  /**
   * Q → WhereNode. Returns also the joins that must be INNER: for AND, every join a child needs;
   * for OR, only joins every child needs (a join used by one branch must stay LEFT OUTER).
   */
  _add_q(q: Q, used_aliases: Set<string> | null, branch_negated = false, allow_joins = true, summarize = false, current_negated = false): [WhereNode, Set<string>] {
    const connector = q.connector === OR ? OR : q.connector === XOR ? XOR : AND;
    // Joins are promoted for XOR as for OR (Django's JoinPromoter: XOR's effective connector is OR).
    const effective = connector === XOR ? OR : connector;
    const negated = current_negated !== q.negated;
    const target = new WhereNode([], connector, q.negated);
    const votes = new Map<string, number>();
    let children = 0;
    for (const child of q.children) {
      children++;
      let clause: any;
      let needed: Set<string>;
      if (child instanceof Q) [clause, needed] = this._add_q(child, used_aliases, branch_negated || q.negated, allow_joins, summarize, negated);
      else [clause, needed] = this.build_filter(child, used_aliases, branch_negated || q.negated, negated, allow_joins, summarize);
      if (clause && (!(clause instanceof WhereNode) || clause.children.length)) target.add(clause, connector);
      for (const a of needed) votes.set(a, (votes.get(a) ?? 0) + 1);
    }
    const inner = new Set<string>();
    const to_promote: string[] = [];
    for (const [alias, n] of votes) {
      if (effective === AND && !negated) inner.add(alias);
      else if (effective === OR && n === children && !negated) inner.add(alias);
      else to_promote.push(alias);
    }
    if (effective === OR || negated) this.promote_joins(to_promote);
    return [target, inner];
  }

  /** One `name__lookup=value` (or an expression) → a lookup; returns it and the joins it needs INNER. */
  build_filter(filter_expr: any, can_reuse: Set<string> | null, branch_negated = false, current_negated = false, allow_joins = true, summarize = false): [any, Set<string>] {
    if (!Array.isArray(filter_expr)) {
      const condition = filter_expr.resolve_expression(this, allow_joins, can_reuse, summarize);
      return [condition.conditional && condition.output_field?.constructor?.name === "BooleanField" && !(condition instanceof Exact) ? condition : condition, new Set()];
    }
    const [arg, raw_value] = filter_expr as [string, unknown];
    if (!arg) throw new FieldError(`Cannot parse keyword query ${JSON.stringify(arg)}`);
    const [lookups, parts, reffed_expression] = this.solve_lookup_type(arg);
    let value = this.resolve_lookup_value(raw_value, can_reuse, allow_joins);
    if (reffed_expression) {
      const condition = this.build_lookup(lookups, reffed_expression, value);
      return [condition, new Set()];
    }
    const opts = this.model._meta;
    // A multi-valued relation under any negation (exclude(), ~Q, even ~~Q): a subquery
    // (split_exclude), decided before any join is made here.
    if (branch_negated && this.names_to_path(parts, opts)[0].some((p) => p.m2m)) return [this.split_exclude(arg, raw_value, can_reuse), new Set()];
    const alias = this.get_initial_alias();
    const info = this.setup_joins(parts, opts, alias, can_reuse, true);
    if (info.rest.length) lookups.unshift(...info.rest);
    const [targets, final_alias, join_list] = this.trim_joins(info.targets, info.joins, info.path);
    // Later conditions of this filter() call may reuse these joins (those left after trimming).
    if (can_reuse) for (const a of join_list) can_reuse.add(a);
    const final_field = info.final_field;
    let col: any;
    if (final_field instanceof ForeignObjectRel || final_field instanceof ManyToManyField) {
      // A condition on the relation itself (`tags=1`, `books__in=...`) reads as the join's field
      // (the through table's ForeignKey, a ManyToOneRel): only the related lookups apply to it.
      col = targets[0].get_col(final_alias, info.path[info.path.length - 1].join_field);
    } else if (final_field instanceof ForeignKey && targets[0] === final_field) {
      col = final_field.get_col(final_alias, final_field);
    } else col = targets[0].get_col(final_alias);
    if (value && typeof value === "object" && (value as any)._meta && (value as any).pk !== undefined) value = (value as any).pk;
    const condition = this.build_lookup(lookups, col, value);
    const lookup_type = condition.lookup_name;
    const require_outer = (lookup_type === "isnull" && condition.rhs === true && !current_negated) || false;
    let clause: any = condition;
    if (current_negated && (lookup_type !== "isnull" || condition.rhs === false) && condition.rhs !== null && condition.rhs !== undefined) {
      const last = this.alias_map.get(join_list[join_list.length - 1]);
      const nullable = targets[0].null || (last instanceof Join && last.join_type === LOUTER);
      const extra: any[] = [];
      if (lookup_type !== "isnull" && nullable) extra.push(new IsNull(col, false));
      if (value instanceof Col && value.target.null) extra.push(new IsNull(value, false));
      if (extra.length) clause = new WhereNode([condition, ...extra], AND);
    }
    const used = new Set(join_list.slice(1));
    if (require_outer) {
      this.promote_joins(used);
      return [clause, new Set()];
    }
    return [clause, used];
  }

  /** `books__title` in exclude(): `NOT (id IN (SELECT id FROM ... WHERE books.title = ...))`. */
  split_exclude(arg: string, value: unknown, can_reuse: Set<string> | null): any {
    const inner = new Query(this.model);
    inner.add_q(new Q({ [arg]: value }));
    inner.clear_ordering(true);
    inner.default_cols = false;
    const shared = this.shared_multivalued_join(inner, arg, can_reuse);
    if (shared) {
      // Django's EXISTS is false for a row the outer (LEFT OUTER) join did not find, where
      // `NULL IN (...)` would be unknown: hence the IS NOT NULL.
      inner.select = [shared.pk.get_col(shared.alias)];
      const outer = shared.pk.get_col(shared.alias);
      return new WhereNode([new IsNull(outer, false), new InSubquery(outer, inner)], AND);
    }
    const pk = this.model._meta.pk;
    inner.select = [pk.get_col(inner.base_table)];
    return new InSubquery(pk.get_col(this.base_table), inner);
  }

  /**
   * Django's subquery for a negated multi-valued condition starts at the first multi-valued hop
   * (`library_book` for `~Q(books__pages__gt=415)` on Publisher). When that table's alias was
   * already joined by an earlier condition of the same filter() call, Django ties the subquery to
   * that joined row (`U1.id = "library_book".id`), not to the outer object: in
   * `filter(Q(books__author=4) & ~Q(books__pages__gt=415))` the NOT speaks of the same book.
   * Returns that alias and its table's primary key, or null when the subquery is by object.
   */
  shared_multivalued_join(inner: Query, arg: string, can_reuse: Set<string> | null): { alias: string; pk: Field } | null {
    if (!can_reuse?.size) return null;
    const [, parts] = inner.solve_lookup_type(arg);
    const info = inner.setup_joins(parts, this.model._meta, inner.base_table, null);
    const first_multivalued = info.path.findIndex((p) => p.m2m);
    const alias = info.joins[first_multivalued + 1];
    const join = inner.alias_map.get(alias);
    if (!(join instanceof Join) || join.join_type === LOUTER || !can_reuse.has(alias)) return null;
    return { alias, pk: info.path[first_multivalued].to_opts.pk };
  }

  /** `"author__name__icontains"` → (["icontains"], ["author", "name"], annotation?). */
  solve_lookup_type(lookup: string): [string[], string[], any] {
    const parts = lookup.split(LOOKUP_SEP);
    if (this.annotations.size) {
      for (let n = parts.length; n > 0; n--) {
        const name = parts.slice(0, n).join(LOOKUP_SEP);
        if (this.annotations.has(name)) return [parts.slice(n), [], this.annotations.get(name)];
      }
    }
    const [, , , rest] = this.names_to_path(parts, this.model._meta, true);
    const field_parts = parts.slice(0, parts.length - rest.length);
    return [rest, field_parts, null];
  }

  resolve_lookup_value(value: unknown, can_reuse: Set<string> | null, allow_joins: boolean): unknown {
    if (value && typeof value === "object" && typeof (value as any).resolve_expression === "function" && !(value as any)._iterable_class) return (value as any).resolve_expression(this, allow_joins, can_reuse);
    if (value && typeof value === "object" && (value as any).query instanceof Query) return value;
    if (Array.isArray(value)) return value.map((v) => this.resolve_lookup_value(v, can_reuse, allow_joins));
    return value;
  }

  /** Apply transforms in `lookups` to `lhs` and end with the comparison (exact by default). */
  build_lookup(lookups: string[], lhs: any, rhs: unknown): any {
    lookups = lookups.length ? [...lookups] : ["exact"];
    const transforms = lookups.slice(0, -1);
    const last = lookups[lookups.length - 1];
    for (const name of transforms) lhs = this.try_transform(lhs, name, lookups);
    let lookup_class = lhs.get_lookup(last);
    if (!lookup_class) {
      lhs = this.try_transform(lhs, last);
      lookup_class = lhs.get_lookup("exact");
      if (!lookup_class) throw new FieldError(`Unsupported lookup '${last}'`);
    }
    if (rhs && typeof rhs === "object" && (rhs as any).query instanceof Query && lookup_class.lookup_name !== "in") rhs = (rhs as any).query;
    if (rhs && typeof rhs === "object" && (rhs as any)._iterable_class && lookup_class.lookup_name === "in") rhs = prepare_in_subquery(rhs as any, lhs);
    const lookup = new lookup_class(lhs, rhs);
    if ((lookup.rhs === null || lookup.rhs === undefined) && !lookup.can_use_none_as_rhs) {
      if (!["exact", "iexact"].includes(lookup.lookup_name)) throw new ValueError("Cannot use None as a query value");
      return new IsNull(lhs, true);
    }
    return lookup;
  }

  /**
   * `name` as a transform of `lhs`; otherwise a FieldError naming the unsupported rest of the
   * lookup (`nope__exact`) and, when a known lookup is close, suggesting it ("perhaps you meant
   * contains or icontains?").
   */
  try_transform(lhs: any, name: string, lookups: string[] | null = null): any {
    const transform = lhs.get_transform(name);
    if (transform) return transform.prototype && transform.prototype.constructor === transform ? new transform(lhs) : transform(lhs);
    const field = lhs._output_field_or_null ?? lhs.output_field;
    const suggested = get_close_matches(name, field.get_lookups());
    const suggestion = suggested.length ? `, perhaps you meant ${suggested.join(" or ")}?` : ".";
    const unsupported = lookups ? lookups.slice(lookups.indexOf(name)).join(LOOKUP_SEP) : name;
    throw new FieldError(`Unsupported lookup '${unsupported}' for ${field.constructor.name} or join on the field not permitted${suggestion}`);
  }

  // --- select, annotations, ordering ------------------------------------------------------------

  add_annotation(annotation: any, alias: string, select = true): void {
    const resolved = annotation.resolve_expression(this, true, null, false);
    this.annotations.set(alias, resolved);
    if (select) this.append_annotation_mask([alias]);
    else this.set_annotation_mask((this.annotation_select_mask ?? [...this.annotations.keys()]).filter((k) => k !== alias));
  }

  append_annotation_mask(names: string[]): void {
    if (this.annotation_select_mask !== null) this.annotation_select_mask = [...this.annotation_select_mask, ...names];
  }

  set_annotation_mask(names: string[] | null): void {
    this.annotation_select_mask = names ? [...names] : null;
  }

  clear_select_fields(): void {
    this.select = [];
    this.values_select = [];
  }

  /** values()/values_list(): which fields and annotations are selected, in order. */
  set_values(fields: string[]): void {
    this.select_related = false;
    // annotate() before values(): the rows stay grouped by every column of the model.
    if (this.group_by === true) {
      const alias = this.get_initial_alias();
      this.group_by = this.model._meta.concrete_fields.map((f: Field) => f.get_col(alias));
    }
    this.clear_select_fields();
    if (Array.isArray(this.group_by) || this.group_by === true) {
      // values() after annotate(): keep grouping as it is.
    }
    if (fields.length) {
      const field_names: string[] = [];
      const annotation_names: string[] = [];
      for (const f of fields) (this.annotations.has(f) ? annotation_names : field_names).push(f);
      this.set_annotation_mask(annotation_names);
      this.values_select = field_names;
      this.add_fields(field_names, true);
      this._values_order = [...fields];
      this.values_aliased = true;
    } else {
      this.values_select = this.model._meta.concrete_fields.map((f: Field) => f.attname);
      this.add_fields(this.values_select, true);
      this._values_order = [...this.values_select, ...this.annotation_select.keys()];
      this.values_aliased = false;
    }
    this.default_cols = false;
    if (this.group_by === true) {
      this.group_by = null;
      this.set_group_by();
    }
  }

  /** Keys of values() rows, in Django's order (fields given, or all fields then annotations). */
  _values_order: string[] = [];
  /** values("title", ...) names its columns: `"library_book"."title" AS "title"` (not a bare values()). */
  values_aliased = false;

  /** Select these field paths (joining as needed). */
  add_fields(names: string[], allow_m2m = true): void {
    const alias = this.get_initial_alias();
    const opts = this.model._meta;
    for (const name of names) {
      const names = name.split(LOOKUP_SEP);
      const info = this.setup_joins(names, opts, alias, null, allow_m2m);
      const [targets, final_alias] = this.trim_joins(info.targets, info.joins, info.path);
      this.select.push(this.apply_transforms(targets[0].get_col(final_alias), info, names, opts));
    }
  }

  add_ordering(items: unknown[]): void {
    const errors: unknown[] = [];
    for (const item of items) {
      if (typeof item === "string") {
        if (item === "?") continue;
        const name = item.replace(/^-/, "");
        if (name.includes(".")) throw new FieldError(`Cannot resolve keyword '${name}' into field.`);
        if (this.annotations.has(name)) continue;
        this.names_to_path(name.split(LOOKUP_SEP), this.model._meta); // a bad first name now; the rest when compiled
      } else if (!item || typeof (item as any).resolve_expression !== "function") errors.push(item);
    }
    if (errors.length) throw new FieldError(`Invalid order_by arguments: ${errors}`);
    if (items.length) this.order_by.push(...items);
    else this.default_ordering = false;
  }

  clear_ordering(force = false, clear_default = true): void {
    if (!force && (this.is_sliced || this.distinct_fields.length || this.select_for_update)) return;
    this.order_by = [];
    this.extra_order_by = [];
    if (clear_default) this.default_ordering = false;
  }

  /** GROUP BY the selected columns (and those annotations without aggregates). */
  set_group_by(): void {
    const group_by: any[] = [...this.select];
    for (const [, a] of this.annotation_select) group_by.push(...a.get_group_by_cols());
    this.group_by = group_by;
  }

  set_limits(low: number | null = null, high: number | null = null): void {
    if (high !== null) this.high_mark = this.high_mark !== null ? Math.min(this.high_mark, this.low_mark + high) : this.low_mark + high;
    if (low !== null) this.low_mark = this.high_mark !== null ? Math.min(this.high_mark, this.low_mark + low) : this.low_mark + low;
    if (this.low_mark === this.high_mark) this.set_empty();
  }

  clear_limits(): void {
    this.low_mark = 0;
    this.high_mark = null;
  }

  set_empty(): void {
    this.where.add(new NothingNode(), AND);
    for (const q of this.combined_queries) q.set_empty();
  }

  is_empty(): boolean {
    return this.where.children.some((c) => c instanceof NothingNode);
  }

  add_select_related(fields: string[]): void {
    const tree: Record<string, any> = typeof this.select_related === "object" ? this.select_related : {};
    for (const f of fields) {
      let d = tree;
      for (const part of f.split(LOOKUP_SEP)) d = d[part] ??= {};
    }
    this.select_related = tree;
  }

  // --- derived queries --------------------------------------------------------------------------

  /** `SELECT 1 ... LIMIT 1` for exists(). */
  exists(limit = true): Query {
    const q = this.clone();
    if (!(q.distinct && q.is_sliced)) {
      if (Array.isArray(q.group_by) || q.group_by === true) {
        q.set_group_by_if_needed();
      }
      q.clear_select_clause();
    }
    if (q.combined_queries.length && q.combinator === "union") q.combined_queries = q.combined_queries.map((c) => c.exists(false));
    q.clear_ordering(true);
    if (limit) q.set_limits(null, 1);
    q.extra_select_one = true;
    return q;
  }

  extra_select_one = false;

  set_group_by_if_needed(): void {
    if (this.group_by === true) this.set_group_by();
  }

  clear_select_clause(): void {
    this.select = [];
    this.default_cols = false;
    this.select_related = false;
    this.set_annotation_mask([]);
  }

  get_meta(): any {
    return this.model._meta;
  }
}

/**
 * split_exclude's condition. Django writes it as EXISTS(...), and an EXISTS whose subquery can
 * match nothing (`books__editor__in=[]`) is plain false: the outer query still runs.
 */
class InSubquery extends In {
  override as_sql(compiler: Compiler, connection: any): SQL {
    try {
      return super.as_sql(compiler, connection);
    } catch (e) {
      if (e instanceof EmptyResultSet) return ["%s", [false]];
      throw e;
    }
  }
}

/** A QuerySet given to `__in`: select its pk (or its single values() column). */
function prepare_in_subquery(qs: any, _lhs: any): any {
  const q: Query = qs.query.clone();
  if (!q.has_select_fields || (q.default_cols && !q.values_select.length)) {
    q.clear_select_clause();
    q.select = [q.model._meta.pk.get_col(q.get_initial_alias())];
  }
  q.clear_ordering(true);
  return q;
}

/** Replace ResolvedOuterRef nodes with columns of the outer query. */
function resolve_outer(node: any, outer: Query): any {
  if (!node) return node;
  if (node.contains_outer && typeof node.resolve_expression === "function" && node.constructor.name === "ResolvedOuterRef") return node.resolve_expression(outer);
  if (node instanceof WhereNode) return new WhereNode(node.children.map((c) => resolve_outer(c, outer)), node.connector, node.negated);
  if (typeof node.get_source_expressions === "function" && !(node instanceof Query)) {
    const sources = node.get_source_expressions();
    if (!sources.length) {
      if (node.rhs && node.rhs.contains_outer) {
        const c = node.copy();
        c.rhs = resolve_outer(node.rhs, outer);
        return c;
      }
      return node;
    }
    const c = node.copy();
    c.set_source_expressions(sources.map((s: any) => resolve_outer(s, outer)));
    if (node.rhs && node.rhs.contains_outer) c.rhs = resolve_outer(node.rhs, outer);
    return c;
  }
  return node;
}

/** Sorted field names offered in "Choices are: ..." (names and attnames, reverse query names, annotations). */
function field_choices(opts: any, query: Query | null): string[] {
  const names = new Set<string>();
  for (const f of opts.get_fields()) {
    if (f.hidden) continue;
    names.add(f.name);
    if (f.concrete && f.attname && f.attname !== f.name) names.add(f.attname);
  }
  if (query) for (const a of query.annotation_select.keys()) names.add(a);
  return [...names].sort();
}

/** The joins a relation field needs. */
function path_infos(field: any, opts: any): PathInfo[] {
  if (field instanceof ManyToManyField) {
    const through = field.remote_field.through._meta;
    const src = field._through_fk(true);
    const dst = field._through_fk(false);
    const target = (field.remote_field.model as any)._meta;
    return [
      { from_opts: opts, to_opts: through, target_fields: [through.pk], join_cols: [[opts.pk.column, src.column]], m2m: true, direct: false, nullable: true, join_field: src.remote_field },
      { from_opts: through, to_opts: target, target_fields: [target.pk!], join_cols: [[dst.column, target.pk!.column]], m2m: true, direct: true, nullable: true, join_field: dst },
    ];
  }
  if (field instanceof ForeignKey) {
    const target = (field.remote_field.model as any)._meta;
    const tf = field.target_field;
    return [{ from_opts: opts, to_opts: target, target_fields: [tf], join_cols: [[field.column, tf.column]], m2m: false, direct: true, nullable: field.null, join_field: field }];
  }
  if (field instanceof ForeignObjectRel) {
    const fk = field.field as any;
    if (fk instanceof ManyToManyField) {
      const through = fk.remote_field.through._meta;
      const src = fk._through_fk(false);
      const dst = fk._through_fk(true);
      const target = fk.model._meta;
      return [
        { from_opts: opts, to_opts: through, target_fields: [through.pk], join_cols: [[opts.pk.column, src.column]], m2m: true, direct: false, nullable: true, join_field: src.remote_field },
        { from_opts: through, to_opts: target, target_fields: [target.pk!], join_cols: [[dst.column, target.pk!.column]], m2m: true, direct: true, nullable: true, join_field: dst },
      ];
    }
    const related_opts = fk.model._meta;
    return [{ from_opts: opts, to_opts: related_opts, target_fields: [related_opts.pk], join_cols: [[fk.target_field.column, fk.column]], m2m: !field.one_to_one, direct: false, nullable: true, join_field: field }];
  }
  return [];
}

/** compiler.ts registers itself here (it imports this module). */
export const COMPILERS: { SQLCompiler?: any } = {};

export { Value, F, OrderBy, EmptyResultSet, PyTypeError };
