/**
 * django.db.models.functions: SQL functions as expressions.
 *
 *     Lower("name")                       LOWER("library_author"."name")
 *     Coalesce("price", Value(0))         COALESCE("library_book"."price", %s)
 *     Concat("name", Value(" ("), "city") (COALESCE("name", '') || COALESCE((COALESCE(%s, '') || COALESCE("city", '')), ''))
 */
import { Func, Value, type Compiler, type SQL } from "../expressions";
import { DateField, DateTimeField, IntegerField, TimeField, type Field } from "../fields";
import { TRUNC } from "../query";
import { settings } from "../../../conf";
import { Transform } from "../lookups";
import { TypeError as PyTypeError, ValueError } from "../../../../python/builtins";

export class Lower extends Transform {
  static override lookup_name = "lower";
  override function = "LOWER";
  constructor(expression: unknown) {
    super([expression]);
  }
}

export class Upper extends Transform {
  static override lookup_name = "upper";
  override function = "UPPER";
  constructor(expression: unknown) {
    super([expression]);
  }
}

export class Length extends Transform {
  static override lookup_name = "length";
  override function = "LENGTH";
  constructor(expression: unknown) {
    super([expression], { output_field: new IntegerField() });
  }
}

export class Coalesce extends Func {
  override function = "COALESCE";
  constructor(...expressions: unknown[]) {
    super(expressions);
  }
}

/**
 * `Concat(a, b, c)`: Django pairs its arguments from the right, `ConcatPair(a, ConcatPair(b, c))`,
 * so the output field (and the "mixed types" FieldError) is decided pair by pair:
 * `Concat("name", Value(" / "), "slug")` on a SlugField compares CharField with SlugField first.
 */
export class Concat extends Func {
  override template = "%(expressions)s";
  constructor(...expressions: unknown[]) {
    if (expressions.length < 2) throw new ValueError("Concat must take at least two expressions");
    super([Concat._paired(expressions)]);
  }
  static _paired(expressions: unknown[]): ConcatPair {
    if (expressions.length === 2) return new ConcatPair(expressions[0], expressions[1]);
    return new ConcatPair(expressions[0], Concat._paired(expressions.slice(1)));
  }
}

/** One `||` of a Concat. On SQLite either side NULL makes the whole NULL, so each side is COALESCEd with ''. */
export class ConcatPair extends Func {
  constructor(left: unknown, right: unknown) {
    super([left, right]);
  }
  /** `(COALESCE(left, '') || COALESCE(right, ''))` */
  override as_sql(compiler: Compiler): SQL {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const e of this.source_expressions) {
      const [s, p] = compiler.compile(e);
      parts.push(`COALESCE(${s}, '')`);
      params.push(...p);
    }
    return [`(${parts.join(" || ")})`, params];
  }
}

export class Now extends Func {
  override template = "STRFTIME('%%Y-%%m-%%d %%H:%%M:%%f', 'NOW')";
  constructor() {
    super([]);
  }
}

/**
 * `Trunc("published", "month", output_field=DateField())`: the value cut down to the start of its
 * year/quarter/month/week/day/hour/minute/second. SQLite has no such function, so Django registers
 * `django_date_trunc` / `django_datetime_trunc` (with the time zone names for datetimes).
 *
 *     Trunc("created", "day", DateField)   django_date_trunc('day', "library_review"."created", 'UTC', 'UTC')
 */
export class Trunc extends Func {
  constructor(
    expression: unknown,
    readonly kind: string,
    options: { output_field?: Field | null } = {},
  ) {
    super([expression], { output_field: options.output_field ?? null });
  }

  /** Only a date, time or datetime can be cut down; a date cannot become a datetime. */
  override resolve_expression(query: any, allow_joins = true, reuse: Set<string> | null = null, summarize = false, for_save = false): any {
    const copy = super.resolve_expression(query, allow_joins, reuse, summarize, for_save);
    const field = copy.source_expressions[0].output_field;
    if (!(field instanceof DateField || field instanceof TimeField)) throw new PyTypeError(`'${field.name}' isn't a DateField, TimeField, or DateTimeField.`);
    const output = copy.output_field;
    const explicit = field.constructor !== output.constructor;
    if (field.constructor === DateField && (output instanceof DateTimeField || ["hour", "minute", "second", "time"].includes(this.kind)))
      throw new ValueError(`Cannot truncate DateField '${field.name}' to ${explicit ? "DateTimeField" : "DateField"}.`);
    if (field instanceof TimeField && (output instanceof DateTimeField || ["year", "quarter", "month", "week", "day", "date"].includes(this.kind)))
      throw new ValueError(`Cannot truncate TimeField '${field.name}' to ${explicit ? "DateTimeField" : "TimeField"}.`);
    return copy;
  }

  override as_sql(compiler: Compiler): SQL {
    const [inner, inner_params] = compiler.compile(this.source_expressions[0]);
    const source = this.source_expressions[0]._output_field_or_null;
    const tz = source instanceof DateTimeField && settings.configured && settings.USE_TZ ? String(settings.TIME_ZONE ?? "UTC") : null;
    const tz_sql = tz === null ? "NULL, NULL" : "%s, %s";
    const tz_params = tz === null ? [] : [tz, tz];
    const output = this.output_field;
    const fn = output instanceof DateTimeField ? "django_datetime_trunc" : output instanceof DateField ? "django_date_trunc" : output instanceof TimeField ? "django_time_trunc" : "django_datetime_trunc";
    return [`${fn}(%s, ${inner}, ${tz_sql})`, [this.kind, ...inner_params, ...tz_params]];
  }
}

TRUNC.Trunc = Trunc;

export { Value };
