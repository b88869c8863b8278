/**
 * django.db.models.query: the lazy, chainable QuerySet → model instances (or dicts, tuples).
 * Main class: `QuerySet`. Each method returns a new QuerySet with a cloned Query; nothing runs
 * until the QuerySet is evaluated (iterated, `len()`, `list()`), and the rows are then cached.
 *
 *     const qs = Book.objects.filter({ author__name: "Jane Austen" }).order_by("-pages");  // no SQL yet
 *     for (const book of qs) ...      // SELECT ... INNER JOIN "library_author" ... ORDER BY ... DESC
 *     String(qs.query)                // the SQL with params interpolated
 */
import { type Attrs, type SourceRef, trace_site, tracing_enabled } from "../../../../trace";
import { extract_tb } from "../../../python/traceback";
import { PyTuple, py_repr } from "../../../python/builtins";
import { set_float_tag } from "../../../python/json";
import { py_str } from "../../../python/operator";
import { AttributeError, IndexError, TypeError as PyTypeError, ValueError } from "../../../python/builtins";
import { connections } from "../index";
import { DEFAULT_DB_ALIAS } from "../utils";
import { Q, type QChild } from "./query_utils";
import { Query } from "./sql/query";
import { SQLCompiler, type KlassInfo } from "./sql/compiler";
import { Model, from_db_loader } from "./base";
import { Collector } from "./deletion";
import { EmptyResultSet } from "./lookups";
import { Case, Col, F, Ref, Value, When } from "./expressions";
import { WhereNode } from "./sql/where";
import { DateField, DateTimeField } from "./fields";
import { atomic } from "../transaction";
import { IntegrityError, NotSupportedError } from "../utils";

// Its attrs are built when the trace is read, from values that do not change (see _trace_attrs).
const QUERYSET = trace_site("queryset", "django/db/models/query.ts");

type Kwargs = Record<string, unknown>;

/** How rows become results: instances, dicts (values), lists (values_list), scalars (flat). */
type IterableKind = "model" | "values" | "values_list" | "flat";

/** How many rows `repr(qs)` shows (Django's REPR_OUTPUT_SIZE). */
export const REPR_OUTPUT_SIZE = 20;

export class QuerySet<T = any> {
  model: any;
  query: Query;
  _db: string | null;
  _result_cache: T[] | null = null;
  _iterable_class: IterableKind = "model";
  _fields: string[] | null = null;
  _prefetch_related_lookups: unknown[] = [];
  _sticky_filter = false;
  /** For the trace (recorded only while tracing): the calls that built this QuerySet, and where. */
  _method_chain: string[] = [];
  /** The stack where the chain began (captured now, read as a source line when the trace is read). */
  _built_stack: Error | null = null;
  /** Set by the related descriptors on a lazy load: `{kind, field, model}` for the trace. */
  _related_load: { kind: string; field: string; model: string } | null = null;
  /**
   * Instances the rows are known to point at, by ForeignKey and id: a reverse manager's rows
   * (`author.books.all()`) get `book.author` set to that very author, so reading it runs no query.
   */
  _known_related_objects: Map<any, Map<unknown, any>> | null = null;

  constructor(model: any, query: Query | null = null, using: string | null = null) {
    this.model = model;
    this.query = query ?? new Query(model);
    this._db = using;
  }

  get db(): string {
    return this._db ?? DEFAULT_DB_ALIAS;
  }

  _chain(): QuerySet<T> {
    const c = new QuerySet<T>(this.model, this.query.chain(), this._db);
    if (this._sticky_filter) c.query.filter_is_sticky = true;
    c._iterable_class = this._iterable_class;
    c._fields = this._fields;
    c._prefetch_related_lookups = [...this._prefetch_related_lookups];
    c._related_load = this._related_load;
    c._known_related_objects = this._known_related_objects;
    c._method_chain = this._method_chain;
    c._built_stack = this._built_stack;
    return c;
  }

  /**
   * The next filter() and the one after it share their joins: a many-to-many manager's own
   * filter (`book.tags`) and the caller's (`.filter(books__id__gte=5)`) read the same through row.
   */
  _next_is_sticky(): this {
    this._sticky_filter = true;
    return this;
  }

  // --- evaluation -------------------------------------------------------------------------------

  /** Run the query once and cache the results (a "queryset" span around its SQL). */
  _fetch_all(): T[] {
    if (this._result_cache === null) {
      this._result_cache = QUERYSET.run(`${this.model._meta.object_name} QuerySet`, tracing_enabled() ? this._trace_attrs() : undefined, () => {
        const results = this._evaluate();
        if (this._prefetch_related_lookups.length && this._iterable_class === "model") prefetch_related_objects(results, this._prefetch_related_lookups);
        return results;
      });
    }
    return this._result_cache!;
  }

  /**
   * The "queryset" span's attrs, built when the trace is read: the model, the calls that built the
   * QuerySet, where it was built and where evaluated (both stacks captured at the call, which is
   * cheap, and read only then), and for a lazy relation load which relation it was. None of these
   * values changes afterwards (a chained QuerySet gets a new method_chain array).
   */
  _trace_attrs(): () => Attrs {
    const label = this.model._meta.label;
    const { _method_chain: method_chain, _built_stack: built_stack, _related_load: related } = this;
    const evaluated_stack = new Error();
    return () => {
      const attrs: Attrs = { model: label, method_chain };
      const built_at = built_stack && caller_source(built_stack);
      if (built_at) attrs.built_at = { ...built_at };
      const evaluated_at = caller_source(evaluated_stack);
      if (evaluated_at) attrs.evaluated_at = { ...evaluated_at };
      if (related) attrs.related = related;
      return attrs;
    };
  }

  _evaluate(): T[] {
    const connection = connections.__getitem__(this.db);
    const compiler = new SQLCompiler(this.query, connection);
    const rows = compiler.execute_sql();
    switch (this._iterable_class) {
      case "model":
        return new ModelIterable(this).results(compiler, rows);
      case "values": {
        const keys = this._value_keys(compiler);
        const dicts = values_dicts(keys, rows);
        const floats = float_columns(compiler);
        if (floats) {
          const tag = new Set(keys.filter((_, i) => floats.has(i)));
          for (const d of dicts) set_float_tag(d, tag);
        }
        return dicts as T[];
      }
      case "values_list": {
        const order = this._values_list_order(compiler);
        const floats = float_columns(compiler);
        const tag = floats && new Set(order.flatMap((column, i) => (floats.has(column) ? [String(i)] : [])));
        // Each row is a tuple (PyTuple), its float columns tagged so repr() prints 3.0 as Python does.
        const n = order.length;
        return rows.map((r) => {
          // Made at its length and filled by index: `PyTuple.from` takes the generic iteration path.
          const t = new PyTuple<unknown>(n);
          for (let i = 0; i < n; i++) t[i] = r[order[i]];
          if (tag) set_float_tag(t, tag);
          return t;
        }) as T[];
      }
      case "flat": {
        const order = this._values_list_order(compiler);
        const flat = rows.map((r) => r[order[0]]);
        if (float_columns(compiler)?.has(order[0])) set_float_tag(flat, true);
        return flat as T[];
      }
    }
  }

  _value_keys(compiler: SQLCompiler): string[] {
    if (!this.query._values_order.length) return compiler.select.map((s) => s.alias ?? s.expr.target.attname);
    const extra = [...this.query.annotation_select.keys()].filter((k) => !this.query._values_order.includes(k));
    return [...this.query._values_order, ...extra];
  }

  _values_list_order(compiler: SQLCompiler): number[] {
    const fields = this._fields ?? [];
    const names = this.query.values_select;
    const anns = [...this.query.annotation_select.keys()];
    if (!fields.length) return compiler.select.map((_, i) => i);
    return fields.map((f) => (names.includes(f) ? names.indexOf(f) : names.length + anns.indexOf(f)));
  }

  [Symbol.iterator](): Iterator<T> {
    return this._fetch_all()[Symbol.iterator]();
  }

  /** `len(qs)` */
  get length(): number {
    return this._fetch_all().length;
  }

  /** `len(qs)` as Python's protocol spells it (the `length` filter, `len()` in python/operator). */
  __len__(): number {
    return this._fetch_all().length;
  }

  /** `qs[i]` as Python's protocol spells it (the `first` filter's `value[0]`). */
  __getitem__(i: number): T {
    if (typeof i !== "number") throw new PyTypeError(`QuerySet indices must be integers or slices, not ${typeof i === "string" ? "str" : typeof i}.`);
    return this.index(i);
  }

  /** `list(qs)` */
  list(): T[] {
    return [...this._fetch_all()];
  }

  /** `bool(qs)` */
  __bool__(): boolean {
    return this._fetch_all().length > 0;
  }

  /** `qs[i]` */
  index(i: number): T {
    if (i < 0) throw new ValueError("Negative indexing is not supported.");
    if (this._result_cache) {
      if (i >= this._result_cache.length) throw new IndexError("list index out of range");
      return this._result_cache[i];
    }
    const qs = this._chain();
    qs.query.set_limits(i, i + 1);
    const r = qs._fetch_all();
    if (!r.length) throw new IndexError("list index out of range");
    return r[0];
  }

  /** `qs[start:stop:step]`: a sliced QuerySet, or (with a step) a list. */
  slice(start: number | null = null, stop: number | null = null, step: number | null = null): QuerySet<T> | T[] {
    if ((start !== null && start < 0) || (stop !== null && stop < 0)) throw new ValueError("Negative indexing is not supported.");
    if (this._result_cache) return this._result_cache.slice(start ?? 0, stop ?? undefined).filter((_, i) => !step || i % step === 0);
    const qs = this._chain();
    qs.query.set_limits(start, stop);
    if (step) return qs._fetch_all().filter((_, i) => i % step === 0);
    return qs;
  }

  /**
   * `repr(qs)`: at most 20 rows — an unevaluated QuerySet runs its query with `LIMIT 21`, and a
   * 21st row becomes "...(remaining elements truncated)...". Rows in Python's repr: models as
   * `<Post: Hello>`, values() rows as dicts, values_list() rows as tuples.
   */
  toString(): string {
    const data: unknown[] = this._result_cache ? this._result_cache.slice(0, REPR_OUTPUT_SIZE + 1) : [...(this.slice(0, REPR_OUTPUT_SIZE + 1) as QuerySet<T>)._fetch_all()];
    const shown = data.map((o) => py_repr(o));
    if (data.length > REPR_OUTPUT_SIZE) shown[shown.length - 1] = py_repr("...(remaining elements truncated)...");
    return `<${this.constructor.name} [${shown.join(", ")}]>`;
  }

  /** Django's `qs.ordered`: an empty QuerySet (`none()`, `[1:1]`) counts as ordered. */
  get ordered(): boolean {
    const q = this.query;
    if (q.is_empty()) return true;
    if (q.extra_order_by.length || q.order_by.length) return true;
    const grouped = q.group_by === true || (Array.isArray(q.group_by) && q.group_by.length > 0);
    return Boolean(q.default_ordering && this.model._meta.ordering.length && !grouped);
  }

  // --- methods returning QuerySets ----------------------------------------------------------------

  all(): QuerySet<T> {
    return this._chain();
  }

  filter(...args: (Kwargs | Q | any)[]): QuerySet<T> {
    this._not_support_combined_queries("filter");
    return this._filter_or_exclude(false, args);
  }

  exclude(...args: (Kwargs | Q | any)[]): QuerySet<T> {
    this._not_support_combined_queries("exclude");
    return this._filter_or_exclude(true, args);
  }

  /** After union()/intersection()/difference() only ordering, slicing and values() apply, as in Django. */
  _not_support_combined_queries(operation_name: string): void {
    if (this.query.combinator) throw new NotSupportedError(`Calling QuerySet.${operation_name}() after ${this.query.combinator}() is not supported.`);
  }

  _filter_or_exclude(negate: boolean, args: unknown[]): QuerySet<T> {
    if (this.query.is_sliced) throw new PyTypeError("Cannot filter a query once a slice has been taken.");
    const clone = this._chain();
    // Q(*args, **kwargs): the positional Q objects and expressions are children as they are (a
    // negated one stays negated inside exclude()'s own NOT), then the keyword conditions, sorted.
    const positional: QChild[] = [];
    const kwargs: Kwargs = {};
    for (const a of args) {
      if (a instanceof Q || (a && (a as any).conditional)) positional.push(a as QChild);
      else Object.assign(kwargs, a);
    }
    const q = new Q([...positional, ...new Q(kwargs).children]);
    clone.query.add_q(negate ? q.negate() : q);
    return clone;
  }

  complex_filter(filter_obj: Q | Kwargs): QuerySet<T> {
    return this.filter(filter_obj);
  }

  order_by(...fields: unknown[]): QuerySet<T> {
    if (this.query.is_sliced) throw new PyTypeError("Cannot reorder a query once a slice has been taken.");
    const c = this._chain();
    c.query.clear_ordering(true, false);
    c.query.add_ordering(fields);
    return c;
  }

  reverse(): QuerySet<T> {
    if (this.query.is_sliced) throw new PyTypeError("Cannot reverse a query once a slice has been taken.");
    const c = this._chain();
    c.query.standard_ordering = !c.query.standard_ordering;
    return c;
  }

  distinct(...fields: string[]): QuerySet<T> {
    this._not_support_combined_queries("distinct");
    if (this.query.is_sliced) throw new PyTypeError("Cannot create distinct fields once a slice has been taken.");
    const c = this._chain();
    c.query.distinct = true;
    c.query.distinct_fields = fields;
    return c;
  }

  none(): QuerySet<T> {
    const c = this._chain();
    c.query.set_empty();
    return c;
  }

  using(alias: string | null): QuerySet<T> {
    const c = this._chain();
    c._db = alias;
    return c;
  }

  only(..._fields: string[]): QuerySet<T> {
    this._not_support_combined_queries("only");
    return this._chain();
  }

  defer(..._fields: string[]): QuerySet<T> {
    this._not_support_combined_queries("defer");
    return this._chain();
  }

  select_related(...fields: (string | null)[]): QuerySet<T> {
    this._not_support_combined_queries("select_related");
    if (this._fields !== null) throw new PyTypeError("Cannot call select_related() after .values() or .values_list()");
    const c = this._chain();
    if (fields.length === 1 && fields[0] === null) c.query.select_related = false;
    else if (fields.length) c.query.add_select_related(fields as string[]);
    else c.query.select_related = true;
    return c;
  }

  prefetch_related(...lookups: unknown[]): QuerySet<T> {
    this._not_support_combined_queries("prefetch_related");
    const c = this._chain();
    if (lookups.length === 1 && lookups[0] === null) c._prefetch_related_lookups = [];
    else c._prefetch_related_lookups.push(...lookups);
    return c;
  }

  /** `annotate(n=Count("books"))`; positional aggregates are named by `default_alias`. */
  annotate(...args: any[]): QuerySet<T> {
    this._not_support_combined_queries("annotate");
    return this._annotate(args, true);
  }

  alias(kwargs: Kwargs): QuerySet<T> {
    this._not_support_combined_queries("alias");
    return this._annotate([kwargs], false);
  }

  _annotate(args: any[], select: boolean): QuerySet<T> {
    const annotations = new Map<string, any>();
    const kwargs: Kwargs = Object.assign({}, ...args.filter((a) => !(a && typeof a.resolve_expression === "function")));
    for (const a of args) {
      if (!(a && typeof a.resolve_expression === "function")) continue;
      let alias: unknown;
      try {
        alias = a.default_alias;
      } catch (e) {
        if (!(e instanceof PyTypeError)) throw e;
      }
      if (typeof alias !== "string") throw new PyTypeError("Complex annotations require an alias");
      if (alias in kwargs) throw new ValueError(`The named annotation '${a.default_alias}' conflicts with the default name for another annotation.`);
      annotations.set(a.default_alias, a);
    }
    for (const [k, v] of Object.entries(kwargs)) annotations.set(k, v);
    const c = this._chain();
    // After values(), only the selected names can clash (Django: `names = self._fields`).
    const names = new Set<string>(this._fields ?? []);
    if (this._fields === null) {
      for (const f of this.model._meta.get_fields()) {
        names.add(f.name);
        if (f.attname) names.add(f.attname);
      }
    }
    for (const [alias, expr] of annotations) {
      if (names.has(alias)) throw new ValueError(`The annotation '${alias}' conflicts with a field on the model.`);
      c.query.add_annotation(expr, alias, select);
    }
    for (const [alias] of annotations) {
      const a = c.query.annotations.get(alias);
      if (a.contains_aggregate) {
        if (c._fields === null) c.query.group_by = true;
        else c.query.set_group_by();
        break;
      }
    }
    return c;
  }

  values(...fields: string[]): QuerySet<any> {
    const c = this._values(fields);
    c._iterable_class = "values";
    return c;
  }

  values_list(...args: any[]): QuerySet<any> {
    let options: { flat?: boolean; named?: boolean } = {};
    if (args.length && typeof args[args.length - 1] === "object" && args[args.length - 1] !== null && !(typeof args[args.length - 1].resolve_expression === "function")) options = args.pop();
    if (options.flat && args.length > 1) throw new PyTypeError("'flat' is not valid when values_list is called with more than one field.");
    // An expression among the fields is annotated under a generated name: Lower("title") → "lower1".
    const names = new Set(args.filter((a) => typeof a === "string"));
    const fields: string[] = [];
    const expressions: Kwargs = {};
    let counter = 1;
    for (const a of args) {
      if (typeof a === "string") {
        fields.push(a);
        continue;
      }
      const prefix: string = (() => {
        try {
          return a.default_alias;
        } catch {
          return a.constructor.name.toLowerCase();
        }
      })() ?? a.constructor.name.toLowerCase();
      let id = `${prefix}${counter++}`;
      while (names.has(id)) id = `${prefix}${counter++}`;
      expressions[id] = a;
      fields.push(id);
    }
    const base = Object.keys(expressions).length ? this.annotate(expressions) : this;
    const c = base._values(fields);
    c._iterable_class = options.flat ? "flat" : "values_list";
    return c;
  }

  _values(fields: string[]): QuerySet<any> {
    const c = this._chain();
    c._fields = fields;
    c.query.set_values(fields);
    return c;
  }

  // --- methods that run SQL -----------------------------------------------------------------------

  count(): number {
    if (this._result_cache) return this._result_cache.length;
    return this.query.is_empty() ? 0 : QUERYSET.run(`${this.model._meta.object_name}.count()`, tracing_enabled() ? this._trace_attrs() : undefined, () => run_count(this));
  }

  exists(): boolean {
    if (this._result_cache) return this._result_cache.length > 0;
    if (this.query.is_empty()) return false;
    const q = this.query.exists();
    const compiler = new SQLCompiler(q, connections.__getitem__(this.db));
    return QUERYSET.run(`${this.model._meta.object_name}.exists()`, tracing_enabled() ? this._trace_attrs() : undefined, () => compiler.execute_sql().length > 0);
  }

  /** `aggregate(total=Sum("pages"))` → `{ total: 4284 }`. */
  aggregate(...args: any[]): Record<string, unknown> {
    const named = new Map<string, any>();
    for (const a of args) {
      if (a && typeof a.resolve_expression === "function") named.set(a.default_alias, a);
      else for (const [k, v] of Object.entries(a as Kwargs)) named.set(k, v);
    }
    for (const [alias, expr] of named) if (!expr || !expr.contains_aggregate) throw new PyTypeError(`${alias} is not an aggregate expression`);
    const q = this.query.chain();
    const existing_aggregation = [...q.annotations.values()].some((a: any) => a?.contains_aggregate);
    const needs_subquery = q.distinct || q.is_sliced || q.group_by !== null || q.combinator || existing_aggregation;
    if (needs_subquery) return this._aggregate_over_subquery(named);
    q.clear_ordering(true);
    q.default_cols = false;
    q.select = [];
    q.select_related = false;
    q.set_annotation_mask([]);
    for (const [alias, expr] of named) q.add_annotation(expr, alias, true);
    const connection = connections.__getitem__(this.db);
    const empty = Object.fromEntries([...named.keys()].map((k) => [k, empty_value(q.annotations.get(k))]));
    if (q.is_empty()) return empty;
    const rows = QUERYSET.run(`${this.model._meta.object_name}.aggregate()`, tracing_enabled() ? this._trace_attrs() : undefined, () => new SQLCompiler(q, connection).execute_sql());
    if (!rows.length) return empty;
    const result = Object.fromEntries([...named.keys()].map((k, i) => [k, rows[0][i]]));
    const floats = [...named.keys()].filter((k) => is_float_expression(q.annotations.get(k)));
    if (floats.length) set_float_tag(result, new Set(floats));
    return result;
  }

  /**
   * aggregate() over a sliced, DISTINCT, grouped or combined query: that query becomes a subquery
   * and the aggregates read its columns, as Django does:
   *     SELECT SUM("__col1") FROM (SELECT "library_book"."pages" AS "__col1" FROM ... LIMIT 3) subquery
   * A field an aggregate needs is selected as `__colN`; an annotation of the inner query by its name.
   */
  _aggregate_over_subquery(named: Map<string, any>): Record<string, unknown> {
    const inner = this.query.chain();
    if (!inner.is_sliced) inner.clear_ordering(true);
    inner.select_related = false;
    // An aggregate annotation over whole rows (annotate(n=Count("books")).aggregate(Sum("n"))):
    // the inner query groups by the primary key, since it no longer selects the model's columns.
    const existing_aggregation = [...inner.annotations.values()].some((a: any) => a?.contains_aggregate);
    if (inner.default_cols && existing_aggregation && !inner.values_select.length) inner.group_by = [this.model._meta.pk.get_col(inner.get_initial_alias())];
    if (!inner.distinct && !inner.values_select.length && !inner.combinator) inner.default_cols = false;
    let n = 0;
    const outer: any[] = [];
    for (const [alias, expr] of named) {
      const sources = expr.get_source_expressions().map((src: any) => {
        const name = typeof src === "string" ? src : src instanceof F ? src.name : null;
        if (name !== null && inner.annotation_select.has(name)) return new Ref(name, inner.annotations.get(name));
        if (!src || src.name === "*" || typeof src.resolve_expression !== "function" && typeof src !== "string") return src;
        const col = `__col${++n}`;
        inner.add_annotation(typeof src === "string" ? new F(src) : src, col, true);
        return new Ref(col, inner.annotations.get(col));
      });
      const agg = expr.copy();
      agg.set_source_expressions(sources);
      // filter=Q(...): resolved against the inner query, each column it reads selected as `__colN` too.
      if (agg.filter) agg.filter = read_through_subquery(inner._add_q_for_expression(agg.filter, null), inner, () => `__col${++n}`);
      outer.push([alias, agg]);
    }
    const connection = connections.__getitem__(this.db);
    const empty = Object.fromEntries(outer.map(([k, a]) => [k, empty_value(a)]));
    if (inner.is_empty()) return empty;
    const compiler = new SQLCompiler(inner, connection);
    let inner_sql: string, params: unknown[];
    try {
      [inner_sql, params] = compiler.as_sql();
    } catch (e) {
      if (e instanceof EmptyResultSet) return empty;
      throw e;
    }
    const compiled = outer.map(([, a]) => compiler.compile(a));
    const sql = `SELECT ${compiled.map((c) => c[0]).join(", ")} FROM (${inner_sql}) subquery`;
    const row = QUERYSET.run(`${this.model._meta.object_name}.aggregate()`, tracing_enabled() ? this._trace_attrs() : undefined, () => {
      const cursor = connection.cursor();
      try {
        cursor.execute(sql, [...compiled.flatMap((c) => c[1]), ...params]);
        return cursor.fetchone() ?? [];
      } finally {
        cursor.close();
      }
    });
    const result = Object.fromEntries(outer.map(([k, a], i) => [k, a.get_db_converters(connection).reduce((v: unknown, c: any) => c(v, a, connection), row[i] ?? null) ?? empty[k]]));
    const floats = outer.filter(([, a]) => is_float_expression(a)).map(([k]) => k);
    if (floats.length) set_float_tag(result, new Set(floats));
    return result;
  }

  get(...args: any[]): T {
    if (this.query.combinator && args.length) throw new NotSupportedError(`Calling QuerySet.get(...) with filters after ${this.query.combinator}() is not supported.`);
    const clone = args.length ? this.filter(...args) : this._chain();
    if (!clone.query.is_sliced) clone.query.clear_ordering(true);
    const limit = 21;
    if (!clone.query.is_sliced) clone.query.set_limits(null, limit);
    const results = clone._fetch_all();
    if (results.length === 1) return results[0];
    const name = this.model._meta.object_name;
    if (!results.length) throw new this.model.DoesNotExist(`${name} matching query does not exist.`);
    throw new this.model.MultipleObjectsReturned(`get() returned more than one ${name} -- it returned ${results.length === limit ? "more than 20" : results.length}!`);
  }

  first(): T | null {
    const qs = this.ordered ? this : this.order_by("pk");
    const r = (qs.slice(null, 1) as QuerySet<T>)._fetch_all();
    return r.length ? r[0] : null;
  }

  last(): T | null {
    const qs = this.ordered ? this.reverse() : this.order_by("-pk");
    const r = (qs.slice(null, 1) as QuerySet<T>)._fetch_all();
    return r.length ? r[0] : null;
  }

  earliest(...fields: string[]): T {
    if (this.query.is_sliced) throw new PyTypeError("Cannot change a query once a slice has been taken.");
    return this._earliest(fields, false);
  }

  latest(...fields: string[]): T {
    if (this.query.is_sliced) throw new PyTypeError("Cannot change a query once a slice has been taken.");
    return this._earliest(fields, true);
  }

  _earliest(fields: string[], reverse: boolean): T {
    let order = fields;
    if (!order.length) {
      const by = this.model._meta.get_latest_by;
      if (!by) throw new ValueError("earliest() and latest() require either fields as positional arguments or 'get_latest_by' in the model's Meta.");
      order = Array.isArray(by) ? by : [by];
    }
    if (reverse) order = order.map((f) => (f.startsWith("-") ? f.slice(1) : `-${f}`));
    const c = this._chain();
    c.query.set_limits(null, 1);
    c.query.clear_ordering(true);
    c.query.add_ordering(order);
    return c.get();
  }

  create(kwargs: Kwargs = {}): T {
    const obj = new this.model(kwargs);
    obj.save({ force_insert: true, using: this.db });
    return obj;
  }

  get_or_create(kwargs: Kwargs = {}): [T, boolean] {
    const { defaults, ...lookup } = kwargs as Kwargs & { defaults?: Kwargs };
    try {
      return [this.get(lookup), false];
    } catch (e) {
      if (!(e instanceof this.model.DoesNotExist)) throw e;
    }
    const params = Object.fromEntries(Object.entries(lookup).filter(([k]) => !k.includes("__")));
    try {
      return atomic(() => [this.create({ ...params, ...resolve_callables(defaults ?? {}) }), true], { using: this.db });
    } catch (e) {
      // Another writer created it first: fetch that row instead.
      if (!(e instanceof IntegrityError)) throw e;
      try {
        return [this.get(lookup), false];
      } catch (e2) {
        if (e2 instanceof this.model.DoesNotExist) throw e;
        throw e2;
      }
    }
  }

  update_or_create(kwargs: Kwargs = {}): [T, boolean] {
    return atomic(() => this._update_or_create(kwargs), { using: this.db });
  }

  _update_or_create(kwargs: Kwargs = {}): [T, boolean] {
    const { defaults, create_defaults, ...lookup } = kwargs as Kwargs & { defaults?: Kwargs; create_defaults?: Kwargs };
    let obj: any;
    try {
      obj = this.get(lookup);
    } catch (e) {
      if (!(e instanceof this.model.DoesNotExist)) throw e;
      const params = Object.fromEntries(Object.entries(lookup).filter(([k]) => !k.includes("__")));
      return [this.create({ ...params, ...(create_defaults ?? defaults ?? {}) }), true];
    }
    for (const [k, v] of Object.entries(defaults ?? {})) obj[k] = typeof v === "function" ? v() : v;
    obj.save({ using: this.db, update_fields: Object.keys(defaults ?? {}).map((k) => this.model._meta.get_field(k).name) });
    return [obj, false];
  }

  /** `update(pages=F("pages") + 10)` → the number of rows changed. */
  update(kwargs: Kwargs): number {
    this._not_support_combined_queries("update");
    if (this.query.is_sliced) throw new PyTypeError("Cannot update a query once a slice has been taken.");
    const values: [any, null, unknown][] = [];
    for (const [name, value] of Object.entries(kwargs)) {
      const field = this.model._meta.get_field(name);
      if (!field.concrete || field.many_to_many) throw new PyTypeError(`Cannot update model field ${name} (only non-relations and foreign keys permitted).`);
      values.push([field, null, value]);
    }
    return this._update(values);
  }

  _update(values: [any, null, unknown][]): number {
    this._result_cache = null;
    return run_update(this, values);
  }

  /** Delete the rows (and what cascades from them): `[total, {"app.Model": n}]`. */
  delete(): [number, Record<string, number>] {
    this._not_support_combined_queries("delete");
    if (this.query.is_sliced) throw new PyTypeError("Cannot use 'limit' or 'offset' with delete().");
    if (this._fields !== null) throw new PyTypeError("Cannot call delete() after .values() or .values_list()");
    const del = this._chain();
    del.query.select_related = false;
    del.query.clear_ordering(true);
    del.query.distinct = false;
    const collector = new Collector(this.db, { queryset: this.model });
    collector.collect(del);
    this._result_cache = null;
    return collector.delete();
  }

  /** DELETE FROM <table> WHERE <this query's conditions> → rows deleted. */
  _raw_delete(): number {
    return run_delete(this);
  }

  _insert(objs: any[], options: { fields: any[]; returning_fields?: any[]; using?: string; raw?: boolean; on_conflict?: string | null; update_fields?: string[]; unique_fields?: string[] }): unknown[][] {
    return run_insert(this, objs, options);
  }

  bulk_create(objs: any[], options: { batch_size?: number; ignore_conflicts?: boolean; update_conflicts?: boolean; update_fields?: string[]; unique_fields?: string[] } = {}): any[] {
    if (!objs.length) return objs;
    const opts = this.model._meta;
    const fields = opts.concrete_fields.filter((f: any) => !(f.primary_key && f.db_returning));
    for (const o of objs) o._prepare_related_fields_for_save("bulk_create");
    const on_conflict = options.ignore_conflicts ? "IGNORE" : options.update_conflicts ? "UPDATE" : null;
    const returning = on_conflict === "IGNORE" ? [] : opts.local_concrete_fields.filter((f: any) => f.db_returning);
    const rows = atomic(() => this._insert(objs, { fields, returning_fields: returning, on_conflict, update_fields: options.update_fields, unique_fields: options.unique_fields }), { using: this.db, savepoint: false });
    objs.forEach((o, i) => {
      if (rows[i]) returning.forEach((f: any, j: number) => (o[f.attname] = rows[i][j]));
      o._state.adding = false;
      o._state.db = this.db;
    });
    return objs;
  }

  /**
   * `bulk_update(objs, ["price", "pages"])`: one UPDATE per batch, each column set by a CASE over
   * the primary keys, as Django does:
   *     UPDATE "library_book" SET "pages" = CASE WHEN ("id" = 1) THEN 500 WHEN ("id" = 2) THEN 600 ELSE NULL END
   *     WHERE "library_book"."id" IN (1, 2)
   */
  bulk_update(objs: any[], fields: string[], options: { batch_size?: number | null } = {}): number {
    if (options.batch_size !== undefined && options.batch_size !== null && options.batch_size <= 0) throw new ValueError("Batch size must be a positive integer.");
    if (!fields.length) throw new ValueError("Field names must be given to bulk_update().");
    if (objs.some((o) => o.pk === null || o.pk === undefined)) throw new ValueError("All bulk_update() objects must have a primary key set.");
    const field_objs = fields.map((n) => this.model._meta.get_field(n));
    if (field_objs.some((f: any) => !f.concrete || f.many_to_many)) throw new ValueError("bulk_update() can only be used with concrete fields.");
    if (field_objs.some((f: any) => f.primary_key)) throw new ValueError("bulk_update() cannot be used with primary key fields.");
    if (!objs.length) return 0;
    for (const o of objs) o._prepare_related_fields_for_save("bulk_update");
    const size = options.batch_size ?? objs.length;
    return atomic(
      () => {
        let rows = 0;
        for (let i = 0; i < objs.length; i += size) rows += this.filter({ pk__in: objs.slice(i, i + size).map((o) => o.pk) }).update(case_per_field(field_objs, objs.slice(i, i + size)));
        return rows;
      },
      { using: this.db, savepoint: false },
    );
  }

  in_bulk(id_list: unknown[] | null = null, options: { field_name?: string } = {}): Map<unknown, T> {
    const field_name = options.field_name ?? "pk";
    if (this.query.is_sliced) throw new PyTypeError("Cannot use 'limit' or 'offset' with in_bulk().");
    if (this._iterable_class !== "model") throw new PyTypeError("in_bulk() cannot be used with values() or values_list().");
    const opts = this.model._meta;
    const field = field_name === "pk" ? opts.pk : opts.get_field(field_name);
    if (field_name !== "pk" && !field.unique) throw new ValueError(`in_bulk()'s field_name must be a unique field but ${py_repr(field_name)} isn't.`);
    const out = new Map<unknown, T>();
    if (id_list !== null && !id_list.length) return out; // no query at all
    const qs = id_list === null ? this._chain() : this.filter({ [`${field_name}__in`]: id_list });
    // Keyed by getattr(obj, field_name): a ForeignKey gives the related object (loaded if need be).
    for (const o of qs) out.set((o as any)[field_name], o);
    return out;
  }

  dates(field_name: string, kind: string, options: { order?: string } = {}): QuerySet<any> {
    if (!["year", "month", "week", "day"].includes(kind)) throw new ValueError("'kind' must be one of 'year', 'month', 'week', or 'day'.");
    if (!["ASC", "DESC"].includes(options.order ?? "ASC")) throw new ValueError("'order' must be either 'ASC' or 'DESC'.");
    return dates_queryset(this, field_name, kind, options.order ?? "ASC");
  }

  /** `datetimes("created", "hour")`: the distinct truncated datetimes, as aware datetimes. */
  datetimes(field_name: string, kind: string, options: { order?: string } = {}): QuerySet<any> {
    if (!["year", "month", "week", "day", "hour", "minute", "second"].includes(kind)) throw new ValueError("'kind' must be one of 'year', 'month', 'week', 'day', 'hour', 'minute', or 'second'.");
    if (!["ASC", "DESC"].includes(options.order ?? "ASC")) throw new ValueError("'order' must be either 'ASC' or 'DESC'.");
    return dates_queryset(this, field_name, kind, options.order ?? "ASC", new DateTimeField());
  }

  union(...others: any[]): QuerySet<T> {
    return this._combinator_query("union", others);
  }

  intersection(...others: any[]): QuerySet<T> {
    return this._combinator_query("intersection", others);
  }

  difference(...others: any[]): QuerySet<T> {
    return this._combinator_query("difference", others);
  }

  _combinator_query(combinator: string, args: any[]): QuerySet<T> {
    let all = false;
    if (args.length && !(args[args.length - 1] instanceof QuerySet)) all = Boolean(args.pop().all);
    const c = this._chain();
    c.query.clear_ordering(true);
    c.query.clear_limits();
    c.query.combined_queries = [this.query, ...args.map((a: QuerySet) => a.query)];
    c.query.combinator = combinator;
    c.query.combinator_all = all;
    return c;
  }

  /** `qs.explain()`: SQLite's query plan, one "id parent notused detail" line per step, as Django prints it. */
  explain(): string {
    const connection = connections.__getitem__(this.db);
    const [sql, params] = new SQLCompiler(this.query.chain(), connection).as_sql();
    return connection.explain(sql, params).map((r) => `${r.id} ${r.parent} 0 ${r.detail}`).join("\n");
  }

  iterator(): Iterator<T> {
    return this[Symbol.iterator]();
  }
}

// --- rows → results -----------------------------------------------------------------------------

/**
 * Django's ModelIterable: the rows of a query (already through the compiler's converters) → model
 * instances. What each row needs is worked out once per query — the model and the attnames of its
 * columns (`init_list`), a RelatedPopulator per select_related model, the annotation columns — and
 * then applied to the rows in tight loops: nothing is allocated per row but the instances.
 */
export class ModelIterable<T> {
  constructor(readonly queryset: QuerySet<T>) {}

  results(compiler: SQLCompiler, rows: unknown[][]): T[] {
    if (!rows.length) return []; // also when no part of a combined query could match (no klass_info)
    const db = this.queryset.db;
    const klass_info = compiler.klass_info!;
    const load = from_db_loader<any>(klass_info.model, db, klass_info.attnames);
    const related_populators = get_related_populators(klass_info, db);
    const annotation_names = [...compiler.annotation_col_map.keys()];
    const annotation_cols = [...compiler.annotation_col_map.values()];
    // Float annotations (Avg…) are marked so a template prints 4.0 as Python does (ADR 0023's tag).
    const float_names = annotation_names.filter((n) => is_float_expression(this.queryset.query.annotations.get(n)));
    const float_tag = float_names.length ? new Set(float_names) : null;
    const objs: T[] = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const obj = load(row, 0); // the model's own columns come first
      for (const populator of related_populators) populator.populate(row, obj);
      for (let i = 0; i < annotation_names.length; i++) obj[annotation_names[i]] = row[annotation_cols[i]];
      if (float_tag) set_float_tag(obj, float_tag);
      objs[r] = obj;
    }
    const known_related = this.queryset._known_related_objects;
    if (known_related) for (const [field, known] of known_related) set_known_related(objs, field, known);
    return objs;
  }
}

/** Each object's `field` (not already loaded by select_related) set to the known instance it points at. */
function set_known_related(objs: any[], field: any, known: Map<unknown, any>): void {
  for (const obj of objs) {
    const cache = obj._state.fields_cache;
    if (field.name in cache) continue;
    const rel_obj = known.get(obj[field.attname]);
    if (rel_obj !== undefined) cache[field.name] = rel_obj;
  }
}

/**
 * Django's RelatedPopulator: one select_related model in each joined row. Its columns start at
 * `cols_start`; a NULL primary key (an outer join that matched nothing) means no object. The object
 * goes into the field cache of the instance it belongs to (so `book.author` makes no query) and,
 * for a reverse one-to-one (`author.profile`), that instance into the object's.
 */
export class RelatedPopulator {
  readonly model_cls: any;
  /** `model_cls.from_db` for this query's rows (base.ts). */
  readonly load: (row: unknown[], start: number) => any;
  readonly cols_start: number;
  readonly init_list: string[];
  /** Where the primary key is among `init_list`. */
  readonly pk_idx: number;
  readonly related_populators: RelatedPopulator[];
  /** The field-cache key on the instance the object belongs to (`author`, `profile`). */
  readonly local_cache_name: string;
  /** For a reverse one-to-one, the field-cache key on the object for that instance. */
  readonly remote_cache_name: string | null;

  constructor(
    related: KlassInfo["related"][number],
    readonly db: string,
  ) {
    const { field, info } = related;
    this.model_cls = info.model;
    this.load = from_db_loader(info.model, db, info.attnames);
    this.cols_start = info.start;
    this.init_list = info.attnames;
    this.pk_idx = info.attnames.indexOf(info.model._meta.pk.attname);
    this.related_populators = get_related_populators(info, db);
    this.local_cache_name = field.name;
    this.remote_cache_name = field.remote ?? null;
  }

  populate(row: unknown[], from_obj: any): void {
    const obj: any = row[this.cols_start + this.pk_idx] === null ? null : this.load(row, this.cols_start);
    if (obj !== null) for (const populator of this.related_populators) populator.populate(row, obj);
    from_obj._state.fields_cache[this.local_cache_name] = obj;
    if (obj !== null && this.remote_cache_name !== null) obj._state.fields_cache[this.remote_cache_name] = from_obj;
  }
}

/** One RelatedPopulator per select_related model directly under `klass_info`. */
export function get_related_populators(klass_info: KlassInfo, db: string): RelatedPopulator[] {
  return klass_info.related.map((related) => new RelatedPopulator(related, db));
}

/** The select columns whose output field is a FloatField (JavaScript forgets that 3.0 is a float), or null. */
function float_columns(compiler: SQLCompiler): Set<number> | null {
  let out: Set<number> | null = null;
  compiler.select.forEach((s, i) => {
    if (is_float_expression(s.expr)) (out ??= new Set()).add(i);
  });
  return out;
}

function is_float_expression(expr: any): boolean {
  try {
    return expr?.output_field?.get_internal_type?.() === "FloatField";
  } catch {
    return false;
  }
}

/** Django's ValuesIterable: one dict per row, its keys in the order values() names them. */
function values_dicts(keys: string[], rows: unknown[][]): Record<string, unknown>[] {
  // An own "__proto__" key must be defined, not assigned (which would set the prototype).
  if (keys.includes("__proto__")) return rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
  const out: Record<string, unknown>[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const dict: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) dict[keys[i]] = row[i];
    out[r] = dict;
  }
  return out;
}

// --- where a QuerySet was built and evaluated (for the trace) ----------------------------------------

/** The ORM's own code (and the Python helpers under it), by mapped path or by source path under Node. */
function is_orm_frame(filename: string): boolean {
  return /^(django\/db|python)\//.test(filename) || /[\\/]src[\\/]frameworks[\\/](django[\\/]db|python)[\\/]/.test(filename);
}

/**
 * The nearest frame of `stack` outside the framework: user code when the runtime has marked it,
 * else (in Node, outside the runtime) the first frame not under src/frameworks. Only called while
 * tracing: reading a stack costs more than building the QuerySet, so the stack is captured at the
 * call (`new Error()`) and read here when the trace is read.
 */
export function caller_source(stack: Error = new Error()): SourceRef | null {
  const frames = extract_tb(stack);
  const user = frames.filter((f) => f.is_user_code);
  // No user code on the stack (the admin, a generic view): the innermost caller outside the ORM.
  const pick = user.length ? user[user.length - 1] : [...frames].reverse().find((f) => !is_orm_frame(f.filename) && !f.filename.startsWith("node:"));
  return pick ? { file: pick.filename, line: pick.lineno ?? undefined, column: pick.colno ?? undefined } : null;
}

/** `filter(author__name='x')`: one method call as Python would read it. */
function call_repr(name: string, args: unknown[]): string {
  const parts: string[] = [];
  for (const a of args) {
    if (a && typeof a === "object" && Object.getPrototypeOf(a) === Object.prototype) for (const [k, v] of Object.entries(a)) parts.push(`${k}=${arg_repr(v)}`);
    else parts.push(arg_repr(a));
  }
  return `${name}(${parts.join(", ")})`;
}

function arg_repr(v: unknown): string {
  if (v === null || v === undefined || typeof v !== "object") return py_repr(v ?? null);
  if (Array.isArray(v)) return `[${v.map(arg_repr).join(", ")}]`;
  if (v instanceof QuerySet) return `<QuerySet ${v.model._meta.object_name}>`;
  const s = String(v);
  return s === "[object Object]" ? py_repr(v) : s;
}

/**
 * The QuerySet methods that return a new QuerySet: while tracing, each records its call in the
 * new QuerySet's `method_chain`, and the first one records where the chain was built.
 */
const CHAIN_METHODS = ["all", "filter", "exclude", "order_by", "reverse", "distinct", "none", "select_related", "prefetch_related", "annotate", "alias", "values", "values_list", "dates", "datetimes", "union", "intersection", "difference", "only", "defer", "using"] as const;
for (const name of CHAIN_METHODS) {
  const method = (QuerySet.prototype as any)[name] as (...args: unknown[]) => unknown;
  Object.defineProperty(QuerySet.prototype, name, {
    configurable: true,
    writable: true,
    value: function (this: QuerySet, ...args: unknown[]) {
      const result = method.apply(this, args);
      if (tracing_enabled() && result instanceof QuerySet && result !== this) {
        result._method_chain = [...this._method_chain, call_repr(name, args)];
        result._built_stack = this._built_stack ?? new Error();
      }
      return result;
    },
  });
}

// --- prefetch_related ------------------------------------------------------------------------------

/** `Prefetch("books", queryset=Book.objects.filter(...), to_attr="out_of_print")` */
export class Prefetch {
  readonly prefetch_through: string;
  readonly prefetch_to: string;
  readonly queryset: QuerySet | null;
  readonly to_attr: string | null;

  constructor(lookup: string, options: { queryset?: QuerySet | null; to_attr?: string | null } = {}) {
    this.prefetch_through = lookup;
    this.queryset = options.queryset ?? null;
    this.to_attr = options.to_attr ?? null;
    this.prefetch_to = this.to_attr ? [...lookup.split("__").slice(0, -1), this.to_attr].join("__") : lookup;
  }
}

/** PREFETCHERS lookup, installed by related_descriptors.ts (which imports this module). */
export const PREFETCH: { get_prefetcher?: (instance: any, name: string) => any } = {};

/**
 * `prefetch_related_objects(instances, *lookups)`: for each lookup, one query per level
 * ("books__tags" = books, then tags), the results matched back onto each instance's cache.
 */
export function prefetch_related_objects(instances: any[], lookups: unknown[]): void {
  for (const raw of lookups) {
    const lookup = raw instanceof Prefetch ? raw : new Prefetch(String(raw));
    const through = lookup.prefetch_through.split("__");
    let objs = instances;
    for (let level = 0; level < through.length && objs.length; level++) {
      const is_last = level === through.length - 1;
      objs = prefetch_level(objs, through[level], lookup, is_last);
    }
  }
}

/**
 * One level of a lookup: fetch (unless cached) and return the related objects, flattened. A name
 * that is no attribute at all is an AttributeError; a plain attribute (a CharField, a property)
 * is a ValueError at the last level and is walked through before it.
 */
function prefetch_level(objs: any[], name: string, prefetch: Prefetch, is_last: boolean): any[] {
  const prefetcher = PREFETCH.get_prefetcher!(objs[0], name);
  if (!prefetcher) {
    const through = prefetch.prefetch_through;
    if (!(name in objs[0])) throw new AttributeError(`Cannot find '${name}' on ${objs[0].constructor.name} object, '${through}' is an invalid parameter to prefetch_related()`);
    if (is_last) throw new ValueError(`'${through}' does not resolve to an item that supports prefetching - this is an invalid parameter to prefetch_related().`);
    return objs.map((o) => o[name]).filter((v) => v !== null && v !== undefined);
  }
  const lookup = is_last ? prefetch : null;
  const to_attr = lookup?.to_attr ?? null;
  if (!lookup?.queryset && !to_attr && objs.every((o) => prefetcher.is_cached(o, name))) return objs.flatMap((o) => related_values(o, name));
  const plan = prefetcher.get_prefetch_queryset(objs, lookup?.queryset ?? null);
  const all = plan.queryset.list();
  const by_key = new Map<unknown, any[]>();
  for (const rel of all) {
    const key = plan.rel_obj_attr(rel);
    if (!by_key.has(key)) by_key.set(key, []);
    by_key.get(key)!.push(rel);
  }
  for (const obj of objs) {
    const vals = by_key.get(plan.instance_attr(obj)) ?? [];
    if (plan.single) {
      obj._state.fields_cache[plan.cache_name] = vals[0] ?? null;
      if (vals[0] && plan.remote_cache_name) vals[0]._state.fields_cache[plan.remote_cache_name] = obj;
    }
    else if (to_attr) obj[to_attr] = vals;
    else {
      const qs = obj[plan.cache_name].get_queryset();
      const cached = qs._result_cache ? qs._chain() : qs;
      cached._result_cache = vals;
      obj._prefetched_objects_cache ??= {};
      obj._prefetched_objects_cache[plan.cache_name] = cached;
    }
  }
  return all;
}

function related_values(obj: any, name: string): any[] {
  const v = obj[name];
  if (v === null || v === undefined) return [];
  return typeof v.get_queryset === "function" ? v.get_queryset().list() : [v];
}

// --- the statements other than SELECT -----------------------------------------------------------

function run_count(qs: QuerySet): number {
  const connection = connections.__getitem__(qs.db);
  const inner = qs.query.chain();
  inner.clear_ordering(true);
  inner.select_related = false;
  let sql: string, params: unknown[];
  try {
    [sql, params] = new SQLCompiler(inner, connection).as_sql();
  } catch (e) {
    if (e instanceof EmptyResultSet) return 0;
    throw e;
  }
  const wrap = inner.distinct || inner.is_sliced || inner.group_by !== null || inner.combinator;
  const statement = wrap ? `SELECT COUNT(*) FROM (${sql}) subquery` : sql.replace(/^SELECT .*? FROM /s, "SELECT COUNT(*) AS \"__count\" FROM ");
  const cursor = connection.cursor();
  try {
    cursor.execute(statement, params);
    return Number((cursor.fetchone() ?? [0])[0]);
  } finally {
    cursor.close();
  }
}

/** WHERE of a query for UPDATE/DELETE: the base table's pk IN (SELECT ...) when joins are needed. */
function where_for_write(qs: QuerySet, connection: any): [string, unknown[]] | null {
  const q = qs.query.chain();
  q.clear_ordering(true);
  const needs_joins = [...q.alias_refcount.entries()].filter(([a, n]) => n > 0 && a !== q.base_table).length > 0 || q.annotations.size > 0;
  const compiler = new SQLCompiler(q, connection);
  if (!needs_joins) {
    const params: unknown[] = [];
    const sql = compiler.compile_condition(q.where, params);
    return [sql ? ` WHERE ${sql}` : "", params];
  }
  q.default_cols = false;
  q.select = [q.model._meta.pk.get_col(q.base_table)];
  q.set_annotation_mask([]);
  const [sql, params] = compiler.as_sql();
  return [` WHERE "${q.model._meta.db_table}"."${q.model._meta.pk.column}" IN (${sql})`, params];
}

function run_update(qs: QuerySet, values: [any, null, unknown][]): number {
  if (qs.query.is_empty()) return 0;
  const connection = connections.__getitem__(qs.db);
  const opts = qs.model._meta;
  const q = new Query(qs.model);
  q.get_initial_alias();
  const compiler = new SQLCompiler(q, connection);
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [field, , raw] of values) {
    let value: any = raw;
    // A model instance (Django's prepare_database_save): its related field's value for a foreign key.
    if (value instanceof Model) {
      if (!field.remote_field) throw new PyTypeError(`Tried to update field ${field} with a model instance, ${py_repr(value)}. Use a value compatible with ${field.constructor.name}.`);
      value = (value as any)[field.remote_field.get_related_field().attname];
    }
    if (value && typeof value.resolve_expression === "function") {
      // Django resolves an UPDATE value twice (add_update_fields, then the compiler); a When's
      // condition resolved the second time prints in parentheses, and we print what Django prints.
      const resolved = value.resolve_expression(q, false, null, false, true).resolve_expression(q, false, null, false, true);
      const [s, p] = compiler.compile(resolved);
      sets.push(`"${field.column}" = ${s}`);
      params.push(...p);
    } else if (value === null || value === undefined) sets.push(`"${field.column}" = NULL`);
    else {
      sets.push(`"${field.column}" = %s`);
      params.push(field.get_db_prep_save(value, connection));
    }
  }
  let where: [string, unknown[]] | null;
  try {
    where = where_for_write(qs, connection);
  } catch (e) {
    if (e instanceof EmptyResultSet) return 0;
    throw e;
  }
  const sql = `UPDATE "${opts.db_table}" SET ${sets.join(", ")}${where![0]}`;
  const cursor = connection.cursor();
  try {
    cursor.execute(sql, [...params, ...where![1]]);
    return cursor.rowcount;
  } finally {
    cursor.close();
  }
}

function run_delete(qs: QuerySet): number {
  const connection = connections.__getitem__(qs.db);
  let where: [string, unknown[]] | null;
  try {
    where = where_for_write(qs, connection);
  } catch (e) {
    if (e instanceof EmptyResultSet) return 0;
    throw e;
  }
  const cursor = connection.cursor();
  try {
    cursor.execute(`DELETE FROM "${qs.model._meta.db_table}"${where![0]}`, where![1]);
    return cursor.rowcount;
  } finally {
    cursor.close();
  }
}

function run_insert(qs: QuerySet, objs: any[], options: any): unknown[][] {
  const connection = connections.__getitem__(options.using ?? qs.db);
  const opts = qs.model._meta;
  const fields = options.fields as any[];
  const returning = (options.returning_fields ?? []) as any[];
  const cols = fields.map((f) => `"${f.column}"`).join(", ");
  const params: unknown[] = [];
  const rows = objs.map((o) => {
    const placeholders = fields.map((f) => {
      const v = options.raw ? o[f.attname] : f.pre_save(o, true);
      const prepared = f.get_db_prep_save(v, connection);
      params.push(prepared === undefined ? null : prepared);
      return "%s";
    });
    return `(${placeholders.join(", ")})`;
  });
  const verb = options.on_conflict === "IGNORE" ? "INSERT OR IGNORE INTO" : "INSERT INTO";
  let sql = fields.length ? `${verb} "${opts.db_table}" (${cols}) VALUES ${rows.join(", ")}` : `${verb} "${opts.db_table}" DEFAULT VALUES`;
  if (options.on_conflict === "UPDATE") {
    const unique = (options.unique_fields ?? []).map((n: string) => `"${opts.get_field(n).column}"`).join(", ");
    const updates = (options.update_fields ?? []).map((n: string) => `"${opts.get_field(n).column}" = EXCLUDED."${opts.get_field(n).column}"`).join(", ");
    sql += ` ON CONFLICT(${unique}) DO UPDATE SET ${updates}`;
  }
  if (returning.length) sql += ` RETURNING ${returning.map((f) => `"${opts.db_table}"."${f.column}"`).join(", ")}`;
  const cursor = connection.cursor();
  try {
    cursor.execute(sql, params);
    return returning.length ? (cursor.fetchall() as unknown[][]) : [];
  } finally {
    cursor.close();
  }
}

function dates_queryset(qs: QuerySet, field_name: string, kind: string, order: string, output_field: unknown = new DateField()): QuerySet<any> {
  const { Trunc } = TRUNC;
  const c = qs.annotate({ datefield: new Trunc(field_name, kind, { output_field }), plain_field: new F(field_name) }).values_list("datefield", { flat: true }).distinct().filter({ plain_field__isnull: false }).order_by((order === "ASC" ? "" : "-") + "datefield");
  return c;
}

/**
 * A resolved condition of an outer aggregate over a subquery: every column of the inner query it
 * reads becomes an inner annotation (`"library_book"."pages" AS "__col2"`) and is read by name.
 */
function read_through_subquery(node: any, inner: Query, next_name: () => string): any {
  if (node instanceof Col) {
    const name = next_name();
    inner.add_annotation(node, name, true);
    return new Ref(name, inner.annotations.get(name));
  }
  if (node instanceof WhereNode) return new WhereNode(node.children.map((c: any) => read_through_subquery(c, inner, next_name)), node.connector, node.negated);
  if (!node || typeof node.get_source_expressions !== "function" || node instanceof Query) return node;
  const copy = node.copy();
  copy.set_source_expressions(node.get_source_expressions().map((e: any) => read_through_subquery(e, inner, next_name)));
  return copy;
}

/** bulk_update's SET values: for each field, `CASE WHEN pk = … THEN value … END` over the batch. */
function case_per_field(fields: any[], objs: any[]): Kwargs {
  const out: Kwargs = {};
  for (const f of fields) {
    const whens = objs.map((o) => {
      const v = o[f.attname];
      return new When(new Q({ pk: o.pk }), { then: v && typeof v.resolve_expression === "function" ? v : new Value(v, f) });
    });
    out[f.attname] = new Case(whens, { output_field: f });
  }
  return out;
}

/** `defaults` values may be callables, called at the time of the write. */
function resolve_callables(values: Kwargs): Kwargs {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "function" && !(v as any)._meta ? (v as () => unknown)() : v]));
}

/** functions/Trunc registers itself here. */
export const TRUNC: { Trunc?: any } = {};

function empty_value(annotation: any): unknown {
  if (annotation && annotation.constructor.name === "Count") return 0;
  if (annotation && annotation.default !== null && annotation.default !== undefined) return annotation.default;
  return null;
}

/**
 * `str(qs.query)`: Python's `sql % params` — each param as `str()` prints it, unquoted (for display
 * only; `connection.queries` shows the backend's quoted `last_executed_query`).
 */
Object.defineProperty(Query.prototype, "toString", {
  configurable: true,
  writable: true,
  value: function (this: Query) {
    const [sql, params] = new SQLCompiler(this, connections.__getitem__(DEFAULT_DB_ALIAS)).as_sql();
    let i = 0;
    return sql.replace(/%%|%s/g, (m) => (m === "%%" ? "%" : i < params.length ? py_str(params[i++]) : m));
  },
});
