/**
 * django.db.models.functions: SQL functions as expressions.
 *
 *     Lower("name")                       LOWER("library_author"."name")
 *     Coalesce("price", Value(0))         COALESCE("library_book"."price", %s)
 *     Concat("name", Value(" ("), "city") COALESCE("name", '') || COALESCE(%s, '') || ...
 */
import { Func, Value, type Compiler, type SQL } from "../expressions";
import { CharField, IntegerField, TextField } from "../fields";
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
    super(expressions, { output_field: new TextField() });
  }
  override _resolve_output_field() {
    return new CharField();
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

export { Value };
