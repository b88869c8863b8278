/**
 * django.db.models.aggregates: functions over many rows → one value per group.
 *
 *     Count("books")                 COUNT("library_book"."id")
 *     Sum("pages", filter=Q(...))    SUM(CASE WHEN ... THEN "pages" ELSE NULL END)   (SQLite has no FILTER)
 *     Avg("price", default=0)        COALESCE(AVG("price"), 0)
 */
import { FieldError } from "../../core/exceptions";
import { TypeError as PyTypeError, ValueError } from "../../../python/builtins";
import { Case, Func, Value, When, type Compiler, type SQL } from "./expressions";
import { DecimalField, FloatField, IntegerField, type Field } from "./fields";
import { EmptyResultSet, FullResultSet } from "./lookups";

export class Aggregate extends Func {
  static function_name = "";
  static aggregate_name = "";
  override contains_over_clause = false;
  distinct: boolean;
  filter: any;
  default: unknown;
  /** Whether `distinct=True` is accepted (a class attribute, as in Django). */
  static allow_distinct = false;

  constructor(expression: unknown, options: { distinct?: boolean; filter?: any; default?: unknown; output_field?: Field | null } = {}) {
    super([expression], { output_field: options.output_field ?? null });
    this.function = (this.constructor as typeof Aggregate).function_name;
    this.distinct = options.distinct ?? false;
    // Django tests `if self.filter:` — an empty Q() filters nothing.
    const filter = options.filter ?? null;
    this.filter = filter && Array.isArray(filter.children) && !filter.children.length ? null : filter;
    this.default = options.default ?? null;
    if (this.distinct && !(this.constructor as typeof Aggregate).allow_distinct) throw new PyTypeError(`${this.constructor.name} does not allow distinct.`);
  }

  override get contains_aggregate(): boolean {
    return true;
  }

  /** `Sum("pages")` without an alias is called "pages__sum". */
  get default_alias(): string {
    const src = this.source_expressions[0];
    if (src && typeof src.name === "string") return `${src.name}__${(this.constructor as typeof Aggregate).aggregate_name}`;
    throw new PyTypeError("Complex aggregates require an alias");
  }

  override resolve_expression(query: any, allow_joins = true, reuse: Set<string> | null = null, summarize = false): any {
    const c = super.resolve_expression(query, allow_joins, reuse, summarize) as Aggregate;
    if (c.filter) c.filter = query._add_q_for_expression(c.filter, reuse, allow_joins, summarize);
    for (const e of c.source_expressions) if (e && e.contains_aggregate) throw new FieldError(`Cannot compute ${this.constructor.name}('${e.name ?? e}'): '${e.name ?? e}' is an aggregate`);
    return c;
  }

  override get_group_by_cols(): any[] {
    return [];
  }

  override as_sql(compiler: Compiler, _connection?: any): SQL {
    let [sql, params] = this.source_expressions[0] === "*" ? ["*", []] : compiler.compile(this.source_expressions[0]);
    if (this.filter) {
      // SQLite has no FILTER clause: CASE WHEN filter THEN value END. A filter that matches every
      // row (FullResultSet) needs no CASE; one that matches none (EmptyResultSet) leaves NULL.
      try {
        const [fs, fp] = compiler.compile(this.filter);
        sql = `CASE WHEN ${fs} THEN ${sql} ELSE NULL END`;
        params = [...fp, ...params];
      } catch (e) {
        if (e instanceof EmptyResultSet) [sql, params] = ["NULL", []];
        else if (!(e instanceof FullResultSet)) throw e;
      }
    }
    let out = `${this.function}(${this.distinct ? "DISTINCT " : ""}${sql})`;
    if (this.default !== null && this.default !== undefined) {
      // A plain default is a Value of the aggregate's own type (Max("published", default=0) fails as Django's does).
      const [ds, dp] = compiler.compile(this.default instanceof Object && (this.default as any).resolve_expression ? this.default : new Value(this.default, this._output_field_or_null));
      out = `COALESCE(${out}, ${ds})`;
      params = [...params, ...dp];
    }
    return [out, params];
  }
}

class Star {
  name = "*";
  contains_aggregate = false;
  resolve_expression() { return this; }
  as_sql(): SQL { return ["*", []]; }
  get_group_by_cols() { return []; }
  get _output_field_or_null() { return null; }
  relabeled_clone() { return this; }
}

export class Count extends Aggregate {
  static override function_name = "COUNT";
  static override aggregate_name = "count";
  static override allow_distinct = true;
  constructor(expression: unknown, options: { distinct?: boolean; filter?: any } = {}) {
    const star = expression === "*" || expression instanceof Star;
    if (star && options.filter !== undefined && options.filter !== null) throw new ValueError("Star cannot be used with filter. Please specify a field.");
    super(star ? new Star() : expression, { ...options, output_field: new IntegerField() });
    if (this.default !== null) throw new PyTypeError("Count does not allow default.");
    this.default = 0;
  }
  override as_sql(compiler: Compiler, connection?: any): SQL {
    const saved = this.default;
    this.default = null;
    try {
      return super.as_sql(compiler, connection);
    } finally {
      this.default = saved;
    }
  }
  /** An empty result still counts 0. */
  empty_result_set_value = 0;
}

export class Sum extends Aggregate {
  static override function_name = "SUM";
  static override aggregate_name = "sum";
  static override allow_distinct = true;
}

export class Avg extends Aggregate {
  static override function_name = "AVG";
  static override aggregate_name = "avg";
  static override allow_distinct = true;
  override _resolve_output_field(): Field | null {
    const f = super._resolve_output_field();
    if (f instanceof DecimalField) return f;
    return new FloatField();
  }
}

export class Max extends Aggregate {
  static override function_name = "MAX";
  static override aggregate_name = "max";
}

export class Min extends Aggregate {
  static override function_name = "MIN";
  static override aggregate_name = "min";
}

/**
 * Django's NumericOutputFieldMixin: a decimal source gives a DecimalField, an integer one a
 * FloatField (a standard deviation of integers is rarely an integer), anything else its own.
 */
function numeric_output_field(aggregate: Aggregate, resolved: Field | null): Field | null {
  const sources = aggregate.get_source_expressions().map((e: any) => e?._output_field_or_null).filter(Boolean);
  if (sources.some((f: Field) => f instanceof DecimalField)) return new DecimalField();
  if (sources.some((f: Field) => f instanceof IntegerField)) return new FloatField();
  return resolved ?? new FloatField();
}

/** `StdDev("rating", sample=False)`: STDDEV_POP, or STDDEV_SAMP with `sample: true`. */
export class StdDev extends Aggregate {
  static override function_name = "STDDEV_POP";
  static override aggregate_name = "stddev";
  constructor(expression: unknown, options: { sample?: boolean; filter?: any; default?: unknown; output_field?: Field | null } = {}) {
    const { sample = false, ...rest } = options;
    super(expression, rest);
    this.function = sample ? "STDDEV_SAMP" : "STDDEV_POP";
  }
  override _resolve_output_field(): Field | null {
    return numeric_output_field(this, super._resolve_output_field());
  }
}

/** `Variance("pages", sample=False)`: VAR_POP, or VAR_SAMP with `sample: true`. */
export class Variance extends Aggregate {
  static override function_name = "VAR_POP";
  static override aggregate_name = "variance";
  constructor(expression: unknown, options: { sample?: boolean; filter?: any; default?: unknown; output_field?: Field | null } = {}) {
    const { sample = false, ...rest } = options;
    super(expression, rest);
    this.function = sample ? "VAR_SAMP" : "VAR_POP";
  }
  override _resolve_output_field(): Field | null {
    return numeric_output_field(this, super._resolve_output_field());
  }
}

export { Case, When };
