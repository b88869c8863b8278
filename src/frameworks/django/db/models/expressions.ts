/**
 * django.db.models.expressions: values computed by the database → nodes that compile to SQL.
 *
 *     F("pages").mul(2)               "library_book"."pages" * %s            [2]
 *     Value("x")                      %s                                      ["x"]
 *     Case(When(Q(pages__gte=400), then=Value("long")), default=Value("short"))
 *     Exists(Review.objects.filter(book=OuterRef("pk")))
 *
 * An expression is *resolved* against a Query first (F names become columns, joins are set up),
 * then compiled by `SQLCompiler.compile(node)`, which calls `as_sqlite` or `as_sql`.
 */
import { EmptyResultSet, FieldError, FullResultSet } from "../../core/exceptions";
import { TypeError as PyTypeError, ValueError } from "../../../python/builtins";
import { Decimal } from "../../../python/decimal";
import { date, datetime, time, timedelta } from "../../../python/datetime";
import { UUID } from "../../../python/uuid";
import { _install_col_factory, BooleanField, CharField, DateField, DateTimeField, DecimalField, DurationField, Field, FloatField, IntegerField, TimeField, UUIDField, type Converter } from "./fields";
import { Q } from "./query_utils";
import { DatabaseError } from "../utils";

export type SQL = [string, unknown[]];
export type Compiler = { compile(node: any): SQL; query: any; connection: any };

export class BaseExpression {
  _output_field_or_none: Field | null | undefined = undefined;
  is_summary = false;
  filterable = true;
  window_compatible = false;
  conditional = false;
  contains_over_clause = false;
  /** Literal output field given by the user (`output_field=`). */
  _output_field: Field | null = null;

  constructor(output_field: Field | null = null) {
    this._output_field = output_field;
  }

  get_source_expressions(): any[] {
    return [];
  }

  set_source_expressions(_exprs: any[]): void {}

  get contains_aggregate(): boolean {
    return this.get_source_expressions().some((e) => e && e.contains_aggregate);
  }

  get contains_column_references(): boolean {
    return this.get_source_expressions().some((e) => e && e.contains_column_references);
  }

  /** Copy, resolving each source against the query. */
  resolve_expression(query: any, allow_joins = true, reuse: Set<string> | null = null, summarize = false, for_save = false): any {
    const c = this.copy();
    c.set_source_expressions(c.get_source_expressions().map((e: any) => (e && e.resolve_expression ? e.resolve_expression(query, allow_joins, reuse, summarize, for_save) : e)));
    return c;
  }

  copy(): this {
    const c = Object.create(Object.getPrototypeOf(this));
    Object.assign(c, this);
    c._output_field_or_none = undefined;
    if (this._output_field_or_none !== undefined && this._output_field) c._output_field_or_none = this._output_field;
    return c;
  }

  get output_field(): Field {
    const f = this._resolve_output_field_cached();
    if (!f) throw new FieldError("Cannot resolve expression type, unknown output_field");
    return f;
  }

  /** The output field, or null when it resolves to nothing; mixed source types still raise (as Django's). */
  get _output_field_or_null(): Field | null {
    return this._resolve_output_field_cached();
  }

  private _resolve_output_field_cached(): Field | null {
    if (this._output_field_or_none === undefined) this._output_field_or_none = this._output_field ?? this._resolve_output_field();
    return this._output_field_or_none;
  }

  /** The sources' common field type; mixed types are a FieldError (as Django's). */
  _resolve_output_field(): Field | null {
    const sources = this.get_source_expressions().filter((e) => e !== null && e !== undefined).map((e) => e._output_field_or_null).filter((f) => f);
    if (!sources.length) return null;
    const first = sources[0];
    for (const other of sources.slice(1))
      if (!(first instanceof (other.constructor as any)))
        throw new FieldError(`Expression contains mixed types: ${first.constructor.name}, ${other.constructor.name}. You must set output_field.`);
    return first;
  }

  /** Backend converters plus the output field's `from_db_value`. */
  get_db_converters(connection: any): Converter[] {
    const f = this._output_field_or_null;
    return f ? f.get_db_converters(connection) : [];
  }

  get_group_by_cols(): any[] {
    if (!this.contains_aggregate) return [this];
    return this.get_source_expressions().flatMap((e) => (e ? e.get_group_by_cols() : []));
  }

  get_lookup(name: string): any {
    return this.output_field.get_lookup(name);
  }

  get_transform(name: string): any {
    return this.output_field.get_transform(name);
  }

  select_format(_compiler: Compiler, sql: string, params: unknown[]): SQL {
    return [sql, params];
  }

  asc(options: { nulls_first?: boolean; nulls_last?: boolean } = {}): OrderBy {
    return new OrderBy(this, { descending: false, ...options });
  }

  desc(options: { nulls_first?: boolean; nulls_last?: boolean } = {}): OrderBy {
    return new OrderBy(this, { descending: true, ...options });
  }

  relabeled_clone(change_map: Map<string, string>): this {
    const c = this.copy();
    c.set_source_expressions(c.get_source_expressions().map((e: any) => (e && e.relabeled_clone ? e.relabeled_clone(change_map) : e)));
    return c;
  }

  flatten(): any[] {
    const out: any[] = [this];
    for (const e of this.get_source_expressions()) if (e && e.flatten) out.push(...e.flatten());
    return out;
  }

  as_sql(_compiler: Compiler, _connection: any): SQL {
    throw new Error(`${this.constructor.name}.as_sql() is not implemented`);
  }
}

/** Arithmetic operators (`Combinable`): a.add(b), a.sub(b), a.mul(b), a.div(b). */
export class Expression extends BaseExpression {
  add(other: unknown): CombinedExpression {
    return combine(this, "+", other);
  }
  sub(other: unknown): CombinedExpression {
    return combine(this, "-", other);
  }
  mul(other: unknown): CombinedExpression {
    return combine(this, "*", other);
  }
  div(other: unknown): CombinedExpression {
    return combine(this, "/", other);
  }
  mod(other: unknown): CombinedExpression {
    return combine(this, "%%", other);
  }
  pow(other: unknown): CombinedExpression {
    return combine(this, "^", other);
  }
  /** `&`/`|` on conditional expressions become Q objects. */
  and(other: any): Q {
    return new Q([this as any]).and(other);
  }
  or(other: any): Q {
    return new Q([this as any]).or(other);
  }
}

function wrap(value: unknown): any {
  if (value && typeof value === "object" && typeof (value as any).resolve_expression === "function") return value;
  return new Value(value);
}

function combine(lhs: any, connector: string, rhs: unknown): CombinedExpression {
  return new CombinedExpression(lhs, connector, wrap(rhs));
}

/** `lhs <op> rhs`; the output type follows Django's numeric promotion rules. */
export class CombinedExpression extends Expression {
  constructor(public lhs: any, public connector: string, public rhs: any, output_field: Field | null = null) {
    super(output_field);
  }
  override get_source_expressions(): any[] {
    return [this.lhs, this.rhs];
  }
  override set_source_expressions(exprs: any[]): void {
    [this.lhs, this.rhs] = exprs;
  }
  override _resolve_output_field(): Field | null {
    const l = this.lhs._output_field_or_null;
    const r = this.rhs._output_field_or_null;
    if (!l) return r;
    if (!r) return l;
    const temporal = temporal_combination(this.connector, l, r);
    if (temporal) return temporal;
    if (l.constructor === r.constructor) return l;
    const numeric = [IntegerField, DecimalField, FloatField];
    const li = numeric.findIndex((c) => l instanceof c);
    const ri = numeric.findIndex((c) => r instanceof c);
    // Django's _connector_combinations: an integer with a decimal is a decimal, with a float a
    // float (except for "^"); a decimal with a float has no combined type, so it is an error.
    if (li >= 0 && ri >= 0 && li === ri) return l;
    if (li >= 0 && ri >= 0 && (li === 0 || ri === 0) && this.connector !== "^") return li === 0 ? r : l;
    throw new FieldError(`Cannot infer type of '${this.connector}' expression involving these types: ${l.constructor.name}, ${r.constructor.name}. You must set output_field.`);
  }
  override as_sql(compiler: Compiler): SQL {
    const lhs_type = internal_type_of(this.lhs);
    const rhs_type = internal_type_of(this.rhs);
    // Django's DurationExpression and TemporalSubtraction: SQLite has no interval type, so date
    // arithmetic goes through the functions its backend registers (sqlite3/_functions.ts).
    if ((lhs_type === "DurationField" || rhs_type === "DurationField") && lhs_type !== rhs_type) return this.as_duration_sql(compiler);
    if (this.connector === "-" && lhs_type !== null && lhs_type === rhs_type && TEMPORAL_TYPES.has(lhs_type)) return this.as_temporal_subtraction(compiler, lhs_type);
    const [ls, lp] = compiler.compile(this.lhs);
    const [rs, rp] = compiler.compile(this.rhs);
    return [`(${ls} ${this.connector} ${rs})`, [...lp, ...rp]];
  }

  /** `F("pub_date") + timedelta(days=3)` → `(django_format_dtdelta('+', "pub_date", %s))` */
  as_duration_sql(compiler: Compiler): SQL {
    if (!["+", "-", "*", "/"].includes(this.connector)) throw new DatabaseError(`Invalid connector for timedelta: ${this.connector}.`);
    const [ls, lp] = compiler.compile(this.lhs);
    const [rs, rp] = compiler.compile(this.rhs);
    return [`(django_format_dtdelta('${this.connector}', ${ls}, ${rs}))`, [...lp, ...rp]];
  }

  /** `F("mod_date") - F("pub_date")` → `django_timestamp_diff("mod_date", "pub_date")` (microseconds) */
  as_temporal_subtraction(compiler: Compiler, internal_type: string): SQL {
    const [ls, lp] = compiler.compile(this.lhs);
    const [rs, rp] = compiler.compile(this.rhs);
    const fn = internal_type === "TimeField" ? "django_time_diff" : "django_timestamp_diff";
    return [`${fn}(${ls}, ${rs})`, [...lp, ...rp]];
  }
}

const TEMPORAL_TYPES = new Set(["DateField", "DateTimeField", "TimeField"]);

/** An expression's field type (`"DateField"`), or null when it has none. */
function internal_type_of(expression: any): string | null {
  try {
    return expression?._output_field_or_null?.get_internal_type?.() ?? null;
  } catch (e) {
    if (e instanceof FieldError) return null;
    throw e;
  }
}

/**
 * Django's _connector_combinations for dates and durations, in its order (a DateTimeField is a
 * DateField, so it matches the DateField rows): date ± duration is a datetime, a date minus a
 * date a duration.
 */
const TEMPORAL_COMBINATIONS: Record<string, [Function, Function, () => Field][]> = {
  "+": [
    [DateField, DurationField, () => new DateTimeField()],
    [DateTimeField, DurationField, () => new DateTimeField()],
    [TimeField, DurationField, () => new TimeField()],
    [DurationField, DateField, () => new DateTimeField()],
    [DurationField, DateTimeField, () => new DateTimeField()],
    [DurationField, TimeField, () => new TimeField()],
  ],
  "-": [
    [DateField, DurationField, () => new DateTimeField()],
    [DateTimeField, DurationField, () => new DateTimeField()],
    [TimeField, DurationField, () => new TimeField()],
    [DateField, DateField, () => new DurationField()],
    [DateField, DateTimeField, () => new DurationField()],
    [DateTimeField, DateField, () => new DurationField()],
    [DateTimeField, DateTimeField, () => new DurationField()],
    [TimeField, TimeField, () => new DurationField()],
  ],
};

function temporal_combination(connector: string, l: Field, r: Field): Field | null {
  for (const [lt, rt, make] of TEMPORAL_COMBINATIONS[connector] ?? []) if (l instanceof lt && r instanceof rt) return make();
  return null;
}

/** `F("pages")`: a reference to a field (or annotation), resolved against the query. */
export class F extends Expression {
  constructor(public name: string) {
    super();
  }
  override resolve_expression(query: any, allow_joins = true, reuse: Set<string> | null = null, summarize = false): any {
    return query.resolve_ref(this.name, allow_joins, reuse, summarize);
  }
  override copy(): this {
    return new F(this.name) as this;
  }
  override toString(): string {
    return `F(${this.name})`;
  }
  override relabeled_clone(): this {
    return this;
  }
}

/** `OuterRef("pk")`: F resolved against the outer query of a subquery. */
export class OuterRef extends F {
  override resolve_expression(): any {
    return new ResolvedOuterRef(this.name);
  }
}

export class ResolvedOuterRef extends F {
  contains_outer = true;
  override resolve_expression(query: any, allow_joins = true, reuse: Set<string> | null = null, summarize = false): any {
    const col = query.resolve_ref(this.name, allow_joins, reuse, summarize);
    col.possibly_multivalued = false;
    return col;
  }
  override as_sql(): SQL {
    throw new ValueError("This queryset contains a reference to an outer query and may only be used in a subquery.");
  }
}

/** A literal parameter: `%s` with the value. */
export class Value extends Expression {
  constructor(public value: unknown, output_field: Field | null = null) {
    super(output_field);
  }
  override _resolve_output_field(): Field | null {
    const v = this.value;
    if (typeof v === "string") return new CharField();
    if (typeof v === "boolean") return new BooleanField();
    if (typeof v === "number") return Number.isInteger(v) ? new IntegerField() : new FloatField();
    if (v instanceof Decimal) return new DecimalField();
    if (v instanceof datetime) return new DateTimeField();
    if (v instanceof date) return new DateField();
    if (v instanceof time) return new TimeField();
    if (v instanceof timedelta) return new DurationField();
    if (v instanceof UUID) return new UUIDField();
    return null;
  }
  override as_sql(_compiler: Compiler, connection: any): SQL {
    let v = this.value;
    const f = this._output_field_or_null;
    if (f) v = f.get_db_prep_value(v, connection, false);
    if (v === null || v === undefined) return ["NULL", []];
    return ["%s", [v]];
  }
  override get_group_by_cols(): any[] {
    return [];
  }
  override toString(): string {
    return `Value(${String(this.value)})`;
  }
}

/** Raw SQL with params (`RawSQL`). */
export class RawSQL extends Expression {
  constructor(public sql: string, public params: unknown[], output_field: Field | null = null) {
    super(output_field);
  }
  override as_sql(): SQL {
    return [`(${this.sql})`, [...this.params]];
  }
}

/** A resolved column: `"library_book"."pages"`. */
export class Col extends Expression {
  possibly_multivalued = false;
  constructor(public alias: string | null, public target: Field, output_field: Field | null = null) {
    super(output_field ?? target);
  }
  override as_sql(_compiler: Compiler): SQL {
    return [this.alias ? `${quote_name_unless_alias(this.alias)}.${quote_name(this.target.column)}` : quote_name(this.target.column), []];
  }
  override relabeled_clone(change_map: Map<string, string>): this {
    if (this.alias === null || !change_map.has(this.alias)) return this;
    const c = this.copy();
    c.alias = change_map.get(this.alias)!;
    return c;
  }
  override get_group_by_cols(): any[] {
    return [this];
  }
  override get_db_converters(connection: any): Converter[] {
    const own = this._output_field as any;
    if (this.target === own && typeof own.get_col_db_converters === "function") return own.get_col_db_converters(connection);
    if (this.target === this._output_field) return this._output_field.get_db_converters(connection);
    return [...this._output_field!.get_db_converters(connection), ...this.target.get_db_converters(connection)];
  }
  override resolve_expression(): any {
    return this;
  }
}

_install_col_factory((alias, target, output_field) => new Col(alias, target, output_field));

/** A reference to a selected alias: `"n"` in ORDER BY or GROUP BY. */
export class Ref extends Expression {
  constructor(public refs: string, public source: any) {
    super();
  }
  override get_source_expressions(): any[] {
    return [this.source];
  }
  override set_source_expressions(exprs: any[]): void {
    [this.source] = exprs;
  }
  override resolve_expression(): any {
    return this;
  }
  override as_sql(): SQL {
    return [quote_name(this.refs), []];
  }
  override get_group_by_cols(): any[] {
    return [this];
  }
  override _resolve_output_field(): Field | null {
    return this.source._output_field_or_null;
  }
}

/** ORDER BY item: `expr ASC`, `expr DESC`, with SQLite's NULLS FIRST/LAST emulation. */
export class OrderBy extends Expression {
  descending: boolean;
  nulls_first: boolean | null;
  nulls_last: boolean | null;
  constructor(public expression: any, options: { descending?: boolean; nulls_first?: boolean | null; nulls_last?: boolean | null } = {}) {
    super();
    this.descending = options.descending ?? false;
    this.nulls_first = options.nulls_first ?? null;
    this.nulls_last = options.nulls_last ?? null;
    if (this.nulls_first && this.nulls_last) throw new ValueError("nulls_first and nulls_last are mutually exclusive");
  }
  override get_source_expressions(): any[] {
    return [this.expression];
  }
  override set_source_expressions(exprs: any[]): void {
    [this.expression] = exprs;
  }
  override as_sql(compiler: Compiler): SQL {
    // SQLite (3.30+) has NULLS FIRST / NULLS LAST; Django writes them only when they change the default.
    const [sql, params] = compiler.compile(this.expression);
    let out = `${sql} ${this.descending ? "DESC" : "ASC"}`;
    if (this.nulls_last && !this.descending) out += " NULLS LAST";
    if (this.nulls_first && this.descending) out += " NULLS FIRST";
    return [out, params];
  }
  reverse_ordering(): this {
    const c = this.copy();
    c.descending = !this.descending;
    if (this.nulls_first) [c.nulls_last, c.nulls_first] = [true, null];
    else if (this.nulls_last) [c.nulls_first, c.nulls_last] = [true, null];
    return c;
  }
  override get_group_by_cols(): any[] {
    return this.expression.get_group_by_cols();
  }
}

/** `Func(*expressions)`: `FUNCTION(arg, ...)`. Subclasses set `function` and `arity`. */
export class Func extends Expression {
  function = "";
  template = "%(function)s(%(expressions)s)";
  arg_joiner = ", ";
  arity: number | null = null;
  source_expressions: any[];
  extra: Record<string, unknown>;

  constructor(expressions: unknown[], options: { output_field?: Field | null; [k: string]: unknown } = {}) {
    super(options.output_field ?? null);
    this.source_expressions = expressions.map(parse_expression);
    const { output_field: _o, ...extra } = options;
    this.extra = extra;
  }
  override get_source_expressions(): any[] {
    return this.source_expressions;
  }
  override set_source_expressions(exprs: any[]): void {
    this.source_expressions = exprs;
  }
  override copy(): this {
    const c = super.copy();
    c.source_expressions = [...this.source_expressions];
    c.extra = { ...this.extra };
    return c;
  }
  override as_sql(compiler: Compiler, _connection?: any, overrides: { function?: string; template?: string; arg_joiner?: string } = {}): SQL {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const e of this.source_expressions) {
      const [s, p] = compiler.compile(e);
      parts.push(s);
      params.push(...p);
    }
    const data: Record<string, string> = { function: overrides.function ?? this.function, expressions: parts.join(overrides.arg_joiner ?? this.arg_joiner), ...(this.extra as Record<string, string>) };
    const template = overrides.template ?? this.template;
    return [template.replace(/%\((\w+)\)s/g, (_, k) => String(data[k] ?? "")), params];
  }
}

/** In the argument position of a function, a string is a field name (`F`). */
export function parse_expression(arg: unknown): any {
  if (typeof arg === "string") return new F(arg);
  return wrap(arg);
}

/** `When(Q, then=...)` / `When(field=value, then=...)`. */
export class When extends Expression {
  condition: any;
  result: any;
  /** `When(Q(...), then=x)` → `new When(q, { then: x })`; `When(pages__gt=500, then=1)` → `new When({ pages__gt: 500, then: 1 })`. */
  constructor(condition: any, options?: { then: unknown }) {
    super();
    if (options === undefined && condition && Object.getPrototypeOf(condition) === Object.prototype && "then" in condition) {
      const { then, ...lookups } = condition;
      [condition, options] = [Object.keys(lookups).length ? lookups : null, { then }];
    }
    if (!condition) throw new PyTypeError("When() supports a Q object, a boolean expression, or lookups as a condition.");
    if (condition && !(condition instanceof Q) && !condition.conditional && typeof condition === "object") condition = new Q(condition);
    this.condition = condition;
    this.result = wrap(options?.then ?? null);
  }
  override get_source_expressions(): any[] {
    return [this.condition, this.result];
  }
  override set_source_expressions(exprs: any[]): void {
    [this.condition, this.result] = exprs;
  }
  override resolve_expression(query: any, allow_joins = true, reuse: Set<string> | null = null, summarize = false, for_save = false): any {
    const c = this.copy();
    c.condition = query._add_q_for_expression(this.condition, reuse, allow_joins, summarize);
    c.result = this.result.resolve_expression(query, allow_joins, reuse, summarize, for_save);
    return c;
  }
  override _resolve_output_field(): Field | null {
    return this.result._output_field_or_null;
  }
  override as_sql(compiler: Compiler): SQL {
    const [cs, cp] = compiler.compile(this.condition);
    const [rs, rp] = compiler.compile(this.result);
    return [`WHEN ${cs} THEN ${rs}`, [...cp, ...rp]];
  }
  override get_group_by_cols(): any[] {
    return this.get_source_expressions().flatMap((e) => e.get_group_by_cols?.() ?? []);
  }
}

/** `CASE WHEN ... THEN ... ELSE default END`. */
export class Case extends Expression {
  cases: When[];
  default: any;
  /** `Case(When(...), When(...), default=..., output_field=...)`: the Whens one by one (as Python) or as a list. */
  constructor(...args: (When | When[] | { default?: unknown; output_field?: Field | null })[]) {
    const last = args[args.length - 1];
    const options = (last && !(last instanceof When) && !Array.isArray(last) ? args.pop() : {}) as { default?: unknown; output_field?: Field | null };
    const cases = args.flatMap((a) => (Array.isArray(a) ? a : [a])) as When[];
    for (const c of cases) if (!(c instanceof When)) throw new PyTypeError("Positional arguments must all be When objects.");
    super(options.output_field ?? null);
    this.cases = cases;
    this.default = wrap(options.default ?? null);
  }
  override get_source_expressions(): any[] {
    return [...this.cases, this.default];
  }
  override set_source_expressions(exprs: any[]): void {
    this.cases = exprs.slice(0, -1);
    this.default = exprs[exprs.length - 1];
  }
  override copy(): this {
    const c = super.copy();
    c.cases = [...this.cases];
    return c;
  }
  /**
   * A When whose condition can match nothing (`pk__in=[]`) is left out; one that matches every row
   * ends the CASE, its result becoming the default; with no When left, the default alone.
   */
  override as_sql(compiler: Compiler): SQL {
    let [ds, dp] = compiler.compile(this.default);
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const w of this.cases) {
      let compiled: SQL;
      try {
        compiled = compiler.compile(w);
      } catch (e) {
        if (e instanceof EmptyResultSet) continue;
        if (e instanceof FullResultSet) {
          [ds, dp] = compiler.compile(w.result);
          break;
        }
        throw e;
      }
      parts.push(compiled[0]);
      params.push(...compiled[1]);
    }
    if (!parts.length) return [ds, dp];
    return [`CASE ${parts.join(" ")} ELSE ${ds} END`, [...params, ...dp]];
  }
}

/** `(SELECT ...)` from a QuerySet; OuterRef in it points at the enclosing query. */
export class Subquery extends Expression {
  query: any;
  template = "(%(subquery)s)";
  /** What a subquery that can match nothing selects. */
  empty_result_set_value: unknown = null;
  constructor(queryset: any, output_field: Field | null = null) {
    super(output_field);
    this.query = (queryset.query ?? queryset).clone();
    this.query.subquery = true;
  }
  override get_source_expressions(): any[] {
    return [this.query];
  }
  override set_source_expressions(exprs: any[]): void {
    [this.query] = exprs;
  }
  override get contains_aggregate(): boolean {
    return false;
  }
  override _resolve_output_field(): Field | null {
    return this.query.output_field;
  }
  override copy(): this {
    const c = super.copy();
    c.query = this.query.clone();
    return c;
  }
  override as_sql(compiler: Compiler, connection: any): SQL {
    const [sql, params] = this.query.as_sql(compiler, connection);
    return [this.template.replace("%(subquery)s", () => sql.replace(/^\(|\)$/g, "")), params];
  }
  override get_group_by_cols(): any[] {
    return [];
  }
}

/** `EXISTS(SELECT 1 ... LIMIT 1)`, a boolean. */
export class Exists extends Subquery {
  override conditional = true;
  negated = false;
  constructor(queryset: any) {
    super(queryset, new BooleanField());
    this.query = this.query.exists();
  }
  negate(): Exists {
    const c = this.copy();
    c.negated = !this.negated;
    return c;
  }
  /** A subquery that can match nothing (`id__in=[]`) is simply false: the outer query still runs. */
  override as_sql(compiler: Compiler, connection: any): SQL {
    let sql: string, params: unknown[];
    try {
      [sql, params] = this.query.as_sql(compiler, connection);
    } catch (e) {
      if (!(e instanceof EmptyResultSet)) throw e;
      return [this.negated ? "NOT %s" : "%s", [false]];
    }
    const inner = sql.replace(/^\(|\)$/g, "");
    return [`${this.negated ? "NOT " : ""}EXISTS(${inner})`, params];
  }
  override select_format(_c: Compiler, sql: string, params: unknown[]): SQL {
    return [`CASE WHEN ${sql} THEN 1 ELSE 0 END`, params];
  }
}

/** `ExpressionWrapper(expr, output_field)` */
export class ExpressionWrapper extends Expression {
  /** `ExpressionWrapper(F("price") * 2, output_field=DecimalField())`: positional or keyword. */
  constructor(public expression: any, output_field: Field | { output_field: Field }) {
    super(output_field instanceof Field ? output_field : output_field.output_field);
  }
  override get_source_expressions(): any[] {
    return [this.expression];
  }
  override set_source_expressions(exprs: any[]): void {
    [this.expression] = exprs;
  }
  override as_sql(compiler: Compiler): SQL {
    return compiler.compile(this.expression);
  }
}

/** A condition used as a value (`WhereNode` in SELECT): wrapped as CASE WHEN for SQLite. */
/**
 * Django's `quote_name_unless_alias`: table names are quoted, the aliases the query generates for
 * a second join of a table (T2, T3…) or inside a subquery (U0, U1…) are not.
 */
export function quote_name_unless_alias(name: string): string {
  return /^[TU]\d+$/.test(name) ? name : quote_name(name);
}

export function quote_name(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name : `"${name}"`;
}

/**
 * Django's SQLiteNumericMixin: on SQLite an expression whose output is a DecimalField (arithmetic,
 * a function or aggregate, a literal, a CASE, an ExpressionWrapper) is written
 * `(CAST(<sql> AS NUMERIC))`, so that it compares and sums as a number. An output type that cannot
 * be resolved leaves the SQL as it is (Django catches the FieldError).
 */
function as_sqlite_numeric(this: Expression, compiler: Compiler, connection: any): SQL {
  const [sql, params] = (this as any).as_sql(compiler, connection);
  let decimal = false;
  try {
    decimal = this._output_field_or_null instanceof DecimalField;
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
  }
  return decimal ? [`(CAST(${sql} AS NUMERIC))`, params] : [sql, params];
}
for (const cls of [CombinedExpression, Func, Value, ExpressionWrapper, Case]) Object.defineProperty(cls.prototype, "as_sqlite", { value: as_sqlite_numeric, writable: true, configurable: true });

export { PyTypeError as _PyTypeError };
