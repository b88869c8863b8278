/**
 * django.db.models.functions: SQL functions as expressions.
 *
 *     Lower("name")                       LOWER("library_author"."name")
 *     Coalesce("price", Value(0))         COALESCE("library_book"."price", %s)
 *     Concat("name", Value(" ("), "city") COALESCE("name", '') || COALESCE(%s, '') || ...
 */
import { Func, Value, type Compiler, type SQL } from "../expressions";
import { CharField, DateField, DateTimeField, IntegerField, TimeField, type Field } from "../fields";
import { TRUNC } from "../query";
import { settings } from "../../../conf";
import { Transform } from "../lookups";

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

/** SQLite concatenation: `COALESCE(a, '') || COALESCE(b, '')`. */
export class Concat extends Func {
  constructor(...expressions: unknown[]) {
    super(expressions);
  }
  /** Mixed source types (CharField and EmailField, say) are a FieldError, as Django's ConcatPair. */
  override _resolve_output_field() {
    return super._resolve_output_field() ?? new CharField();
  }
  override as_sql(compiler: Compiler): SQL {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const e of this.source_expressions) {
      const [s, p] = compiler.compile(e);
      parts.push(`COALESCE(${s}, '')`);
      params.push(...p);
    }
    return [parts.join(" || "), params];
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
