/**
 * django.db.models.lookups: `field__lookup=value` → a SQL condition. Main classes: `Lookup`
 * (compares) and `Transform` (turns a value into another, like `__year` or a JSON key).
 *
 *     title__icontains="guin"      "library_book"."title" LIKE %s ESCAPE '\'     ["%guin%"]
 *     published__year=1815         "library_book"."published" BETWEEN %s AND %s ["1815-01-01", "1815-12-31"]
 *     published__month=11          django_date_extract(%s, "library_book"."published") = %s  ["month", 11]
 *
 * Each class declares `lookup_name` and is registered on a field class with `register_lookup`,
 * so `get_lookup("icontains")` finds it (Django's RegisterLookupMixin).
 */
import { TypeError as PyTypeError, ValueError } from "../../../python/builtins";
import { date } from "../../../python/datetime";
import { OPERATORS, PATTERN_ESC, PATTERN_OPS } from "../backends/sqlite3/base";
import { BooleanField, CharField, DateField, DateTimeField, Field, IntegerField, TextField, TimeField, is_expression } from "./fields";
import { RelatedField } from "./fields/related";
import { JSONField, register_key_text_transform } from "./fields/json";
import { Expression, Func, Value, type Compiler, type SQL } from "./expressions";
import { py_json_dumps } from "../../../python/json";
import { NotSupportedError } from "../utils";
import { EmptyResultSet, FullResultSet } from "../../core/exceptions";

export class Lookup extends Expression {
  static lookup_name = "";
  static is_transform = false;
  prepare_rhs = true;
  can_use_none_as_rhs = false;
  lhs: any;
  rhs: any;

  constructor(lhs: any, rhs: unknown) {
    super();
    this.lhs = lhs;
    this.rhs = this.get_prep_lookup(rhs);
  }

  /** Django's `output_field` cached property: a BooleanField, made the first time it is asked for (a filter rarely asks). */
  override _resolve_output_field(): Field | null {
    return new BooleanField();
  }

  get lookup_name(): string {
    return (this.constructor as typeof Lookup).lookup_name;
  }

  override get_source_expressions(): any[] {
    return is_expression(this.rhs) ? [this.lhs, this.rhs] : [this.lhs];
  }

  override set_source_expressions(exprs: any[]): void {
    this.lhs = exprs[0];
    if (exprs.length > 1) this.rhs = exprs[1];
  }

  /** Prepare the right-hand side with the left-hand field's `get_prep_value`. */
  get_prep_lookup(rhs: unknown): unknown {
    if (is_expression(rhs)) return rhs;
    if (is_model_instance(rhs) && (rhs as any).pk !== undefined) rhs = (rhs as any).pk;
    const f = this.lhs._output_field_or_null;
    if (this.prepare_rhs && f && typeof f.get_prep_value === "function") return f.get_prep_value(rhs);
    return rhs;
  }

  get_db_prep_lookup(value: unknown, connection: any): SQL {
    const f = this.lhs._output_field_or_null;
    const prepped = f && typeof f.get_db_prep_value === "function" ? f.get_db_prep_value(value, connection, true) : value;
    return ["%s", [prepped]];
  }

  process_lhs(compiler: Compiler, connection: any, lhs?: any): SQL {
    return compiler.compile(lhs ?? this.lhs);
  }

  process_rhs(compiler: Compiler, connection: any): SQL {
    const value = this.rhs;
    if (is_expression(value)) {
      // Parenthesised for operator precedence (never twice: SQLite misreads "((SELECT ...))").
      const [sql, params] = compiler.compile(value);
      return sql && !sql.startsWith("(") ? [`(${sql})`, params] : [sql, params];
    }
    return this.get_db_prep_lookup(value, connection);
  }

  rhs_is_direct_value(): boolean {
    return !is_expression(this.rhs);
  }

  override get_group_by_cols(): any[] {
    return [...this.lhs.get_group_by_cols(), ...(is_expression(this.rhs) ? this.rhs.get_group_by_cols() : [])];
  }

  override get contains_aggregate(): boolean {
    return Boolean(this.lhs.contains_aggregate || (is_expression(this.rhs) && this.rhs.contains_aggregate));
  }

  override as_sql(_compiler: Compiler, _connection: any): SQL {
    throw new Error("subclasses implement as_sql");
  }
}

/** `lhs <operator> rhs` using the backend's operator table. */
export class BuiltinLookup extends Lookup {
  override as_sql(compiler: Compiler, connection: any): SQL {
    const [lhs_sql, lp] = this.process_lhs(compiler, connection);
    const [rhs_sql, rp] = this.process_rhs(compiler, connection);
    return [`${lhs_sql} ${this.get_rhs_op(rhs_sql)}`, [...lp, ...rp]];
  }

  get_rhs_op(rhs: string): string {
    // A function replacer: the SQL may hold "$'" (JSON paths), which a replacement string would expand.
    return OPERATORS[this.lookup_name].replace("%s", () => rhs);
  }
}

export class Exact extends BuiltinLookup {
  static override lookup_name = "exact";
  override can_use_none_as_rhs = true;
  override as_sql(compiler: Compiler, connection: any): SQL {
    // Avoid "col = True": a boolean condition with a literal bool becomes "col" / "NOT col".
    if (this.rhs === null || this.rhs === undefined) return new IsNull(this.lhs, true).as_sql(compiler, connection);
    // A boolean column compared with True/False is the condition itself: "col" / NOT "col".
    if (typeof this.rhs === "boolean" && this.lhs._output_field_or_null instanceof BooleanField) {
      const [sql, params] = this.process_lhs(compiler, connection);
      return [this.rhs ? sql : `NOT ${sql}`, params];
    }
    return super.as_sql(compiler, connection);
  }
}

export class IExact extends BuiltinLookup {
  static override lookup_name = "iexact";
  override prepare_rhs = false;
  override get_db_prep_lookup(value: unknown): SQL {
    return ["%s", [escape_like(String(value))]];
  }
}

export class GreaterThan extends BuiltinLookup {
  static override lookup_name = "gt";
}
export class GreaterThanOrEqual extends BuiltinLookup {
  static override lookup_name = "gte";
}
export class LessThan extends BuiltinLookup {
  static override lookup_name = "lt";
}
export class LessThanOrEqual extends BuiltinLookup {
  static override lookup_name = "lte";
}

/** `%` and `_` are literals in Django's LIKE patterns; the backend escapes them. */
export function escape_like(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/%/g, "\\%").replace(/_/g, "\\_");
}

/** contains/startswith/… : LIKE with the value wrapped in `%`. */
class PatternLookup extends BuiltinLookup {
  override prepare_rhs = false;
  param_pattern = "%%%s%%";
  override get_db_prep_lookup(value: unknown): SQL {
    return ["%s", [this.param_pattern.replace("%%", "%").replace("%s", () => escape_like(String(value))).replace("%%", "%")]];
  }
  override get_rhs_op(rhs: string): string {
    if (!this.rhs_is_direct_value()) return PATTERN_OPS[this.lookup_name].replace("{}", () => PATTERN_ESC.replace("{}", () => rhs));
    return super.get_rhs_op(rhs);
  }
}

export class Contains extends PatternLookup {
  static override lookup_name = "contains";
}
export class IContains extends Contains {
  static override lookup_name = "icontains";
}
export class StartsWith extends PatternLookup {
  static override lookup_name = "startswith";
  override param_pattern = "%s%%";
}
export class IStartsWith extends StartsWith {
  static override lookup_name = "istartswith";
}
export class EndsWith extends PatternLookup {
  static override lookup_name = "endswith";
  override param_pattern = "%%%s";
}
export class IEndsWith extends EndsWith {
  static override lookup_name = "iendswith";
}

export class Regex extends BuiltinLookup {
  static override lookup_name = "regex";
  override prepare_rhs = false;
}
export class IRegex extends Regex {
  static override lookup_name = "iregex";
}

/** `IN (%s, %s, ...)`; a QuerySet becomes a subquery; an empty list matches nothing. */
export class In extends BuiltinLookup {
  static override lookup_name = "in";
  override get_prep_lookup(rhs: unknown): unknown {
    if (is_expression(rhs)) return rhs;
    if (rhs && typeof rhs === "object" && (rhs as any).query && typeof (rhs as any)._iterable_class !== "undefined") return rhs;
    // Any iterable will do, a string too: `pk__in="12"` is `pk__in=["1", "2"]`, as in Python.
    if (rhs === null || rhs === undefined || typeof (rhs as any)[Symbol.iterator] !== "function") throw new PyTypeError(`'${py_type(rhs)}' object is not iterable`);
    const f = this.lhs._output_field_or_null;
    const out: unknown[] = [];
    for (let v of rhs as Iterable<unknown>) {
      if (is_model_instance(v)) v = (v as any).pk;
      if (v === null || v === undefined) continue;
      out.push(f ? f.get_prep_value(v) : v);
    }
    return out;
  }
  override process_rhs(compiler: Compiler, connection: any): SQL {
    if (!Array.isArray(this.rhs)) {
      const query = this.rhs.query ?? this.rhs;
      const [sql, params] = compiler.compile(query.resolve_expression ? query : query);
      return [sql.startsWith("(") ? sql : `(${sql})`, params];
    }
    const unique = dedupe(this.rhs);
    if (!unique.length) throw new EmptyResultSet();
    const f = this.lhs._output_field_or_null;
    const params = unique.map((v) => (f ? f.get_db_prep_value(v, connection, true) : v));
    return [`(${params.map(() => "%s").join(", ")})`, params];
  }
  override get_rhs_op(rhs: string): string {
    return `IN ${rhs}`;
  }
}

function py_type(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  return (v as object).constructor?.name ?? typeof v;
}

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of values) {
    const key = `${typeof v}:${String(v)}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

export class Range extends BuiltinLookup {
  static override lookup_name = "range";
  override get_prep_lookup(rhs: unknown): unknown {
    const f = this.lhs._output_field_or_null;
    return (rhs as unknown[]).map((v) => (is_expression(v) || !f ? v : f.get_prep_value(v)));
  }
  override process_rhs(compiler: Compiler, connection: any): SQL {
    const f = this.lhs._output_field_or_null;
    const params: unknown[] = [];
    const parts = (this.rhs as unknown[]).map((v) => {
      if (is_expression(v)) {
        const [s, p] = compiler.compile(v);
        params.push(...p);
        return s;
      }
      params.push(f ? f.get_db_prep_value(v, connection, true) : v);
      return "%s";
    });
    return [`${parts[0]} AND ${parts[1]}`, params];
  }
  override get_rhs_op(rhs: string): string {
    return `BETWEEN ${rhs}`;
  }
}

/** `IS NULL` / `IS NOT NULL`; the value must be a bool. */
export class IsNull extends BuiltinLookup {
  static override lookup_name = "isnull";
  override prepare_rhs = false;
  override get_prep_lookup(rhs: unknown): unknown {
    if (typeof rhs !== "boolean") throw new ValueError("The QuerySet value for an isnull lookup must be True or False.");
    return rhs;
  }
  override as_sql(compiler: Compiler, connection: any): SQL {
    const [sql, params] = this.process_lhs(compiler, connection);
    return [`${sql} IS ${this.rhs ? "" : "NOT "}NULL`, params];
  }
}

// --- transforms ---------------------------------------------------------------------------------

/** A transform is a one-argument function applied to the left-hand side (`__year`, `__lower`, a JSON key). */
export class Transform extends Func {
  static lookup_name = "";
  static is_transform = true;
  override arity = 1;
  get lhs(): any {
    return this.source_expressions[0];
  }
  override get_lookup(name: string): any {
    return (this.output_field as Field).get_lookup(name);
  }
  override get_transform(name: string): any {
    return (this.output_field as Field).get_transform(name);
  }
}

/** `django_date_extract('month', col)` (Extract on SQLite). */
export class Extract extends Transform {
  lookup_kind = "";
  constructor(expression: unknown, lookup_kind?: string) {
    super([expression], { output_field: new IntegerField() });
    if (lookup_kind) this.lookup_kind = lookup_kind;
  }
  override as_sql(compiler: Compiler): SQL {
    const [sql, params] = compiler.compile(this.lhs);
    const is_dt = this.lhs._output_field_or_null instanceof DateTimeField;
    if (is_dt) return [`django_datetime_extract(%s, ${sql}, %s, %s)`, [this.lookup_kind, ...params, "UTC", "UTC"]];
    if (this.lhs._output_field_or_null instanceof TimeField) return [`django_time_extract(%s, ${sql})`, [this.lookup_kind, ...params]];
    return [`django_date_extract(%s, ${sql})`, [this.lookup_kind, ...params]];
  }
}

function extract_class(name: string): typeof Extract {
  const cls = { [`Extract_${name}`]: class extends Extract {
    static override lookup_name = name;
    override lookup_kind = name;
  } }[`Extract_${name}`];
  return cls;
}

export const ExtractYear = extract_class("year");
export const ExtractIsoYear = extract_class("iso_year");
export const ExtractMonth = extract_class("month");
export const ExtractDay = extract_class("day");
export const ExtractWeek = extract_class("week");
export const ExtractWeekDay = extract_class("week_day");
export const ExtractIsoWeekDay = extract_class("iso_week_day");
export const ExtractQuarter = extract_class("quarter");
export const ExtractHour = extract_class("hour");
export const ExtractMinute = extract_class("minute");
export const ExtractSecond = extract_class("second");

/** `created__date`: the date part of a datetime (`django_datetime_cast_date`). */
export class TruncDate extends Transform {
  static override lookup_name = "date";
  constructor(expression: unknown) {
    super([expression], { output_field: new DateField() });
  }
  override as_sql(compiler: Compiler): SQL {
    const [sql, params] = compiler.compile(this.lhs);
    return [`django_datetime_cast_date(${sql}, %s, %s)`, [...params, "UTC", "UTC"]];
  }
}

/** `created__time`: the time of day of a datetime (`django_datetime_cast_time`). */
export class TruncTime extends Transform {
  static override lookup_name = "time";
  constructor(expression: unknown) {
    super([expression], { output_field: new TimeField() });
  }
  override as_sql(compiler: Compiler): SQL {
    const [sql, params] = compiler.compile(this.lhs);
    return [`django_datetime_cast_time(${sql}, %s, %s)`, [...params, "UTC", "UTC"]];
  }
}

/** The Monday of ISO week 1 of `year` (the week with January 4th), as [year, month, day]. */
function iso_year_start(year: number): Date {
  const jan4 = new Date(Date.UTC(2000, 0, 4));
  jan4.setUTCFullYear(year);
  return new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
}

const iso_date = (d: Date) => `${pad4(d.getUTCFullYear())}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;

/** `__year=1815` (and `__iso_year`) on a date: a BETWEEN on the column instead of extracting (index-friendly). */
class YearLookup extends BuiltinLookup {
  year_bounds(year: number): [string, string] {
    const is_dt = this.lhs.lhs._output_field_or_null instanceof DateTimeField;
    if (this.lhs.lookup_kind === "iso_year") {
      // ISO years run from the Monday of week 1 to the day before the next ISO year's.
      const start = iso_year_start(year);
      const last = new Date(iso_year_start(year + 1).getTime() - 86_400_000);
      return is_dt ? [`${iso_date(start)} 00:00:00`, `${iso_date(last)} 23:59:59.999999`] : [iso_date(start), iso_date(last)];
    }
    return is_dt ? [`${pad4(year)}-01-01 00:00:00`, `${pad4(year)}-12-31 23:59:59.999999`] : [`${pad4(year)}-01-01`, `${pad4(year)}-12-31`];
  }
  override as_sql(compiler: Compiler, connection: any): SQL {
    if (this.rhs_is_direct_value()) {
      const [lhs_sql, params] = compiler.compile(this.lhs.lhs);
      const [start, finish] = this.year_bounds(Number(this.rhs));
      const [op, values] = this.bound_op(start, finish);
      return [`${lhs_sql} ${op}`, [...params, ...values]];
    }
    return super.as_sql(compiler, connection);
  }
  bound_op(start: string, finish: string): [string, string[]] {
    return ["", [start, finish]];
  }
}
const pad4 = (n: number) => String(n).padStart(4, "0");

class YearExact extends YearLookup {
  static override lookup_name = "exact";
  override get_rhs_op(rhs: string) { return `= ${rhs}`; }
  override bound_op(s: string, f: string): [string, string[]] { return ["BETWEEN %s AND %s", [s, f]]; }
}
class YearGt extends YearLookup {
  static override lookup_name = "gt";
  override get_rhs_op(rhs: string) { return `> ${rhs}`; }
  override bound_op(_s: string, f: string): [string, string[]] { return ["> %s", [f]]; }
}
class YearGte extends YearLookup {
  static override lookup_name = "gte";
  override get_rhs_op(rhs: string) { return `>= ${rhs}`; }
  override bound_op(s: string): [string, string[]] { return [">= %s", [s]]; }
}
class YearLt extends YearLookup {
  static override lookup_name = "lt";
  override get_rhs_op(rhs: string) { return `< ${rhs}`; }
  override bound_op(s: string): [string, string[]] { return ["< %s", [s]]; }
}
class YearLte extends YearLookup {
  static override lookup_name = "lte";
  override get_rhs_op(rhs: string) { return `<= ${rhs}`; }
  override bound_op(_s: string, f: string): [string, string[]] { return ["<= %s", [f]]; }
}

// --- JSONField ----------------------------------------------------------------------------------

/** `$."key"[0]` from the chain of keys (integers index arrays). */
export function compile_json_path(keys: string[]): string {
  let path = "$";
  for (const key of keys) path += /^\d+$/.test(key) ? `[${key}]` : `."${key}"`;
  return path;
}

/** `extra__level`: `JSON_EXTRACT(col, '$."level"')`; chained keys extend the path. */
export class KeyTransform extends Transform {
  static override lookup_name = "__key__";
  constructor(public key_name: string, lhs: unknown) {
    super([lhs], { output_field: new JSONField() });
  }
  preprocess_lhs(compiler: Compiler): [string, unknown[], string[]] {
    const keys: string[] = [this.key_name];
    let prev: any = this.lhs;
    while (prev instanceof KeyTransform) {
      keys.unshift(prev.key_name);
      prev = prev.lhs;
    }
    const [sql, params] = compiler.compile(prev);
    return [sql, params, keys];
  }
  override as_sql(compiler: Compiler): SQL {
    // SQLite's JSON_EXTRACT turns true/false/null into 1/0/NULL; Django keeps them apart by asking
    // JSON_TYPE first, so a key holding JSON true reads 'true' (and null reads 'null').
    const [sql, params, keys] = this.preprocess_lhs(compiler);
    const path = compile_json_path(keys);
    return [
      `(CASE WHEN JSON_TYPE(${sql}, %s) IN ('null','false','true') THEN JSON_TYPE(${sql}, %s) ELSE JSON_EXTRACT(${sql}, %s) END)`,
      [...params, path, ...params, path, ...params, path],
    ];
  }
  override get_lookup(name: string): any {
    return KEY_TRANSFORM_LOOKUPS[name] ?? null;
  }
  override get_transform(name: string): any {
    return key_transform_factory(name);
  }
}

/**
 * `KT("data__owner__name")` (Django 4.2+): the key's value as text — KeyTransform's SQL with a
 * TextField output, so a nested object comes back as its JSON text rather than parsed.
 */
export class KeyTextTransform extends KeyTransform {
  constructor(key_name: string, lhs: unknown) {
    super(key_name, lhs);
    this._output_field = new TextField();
  }

  /** KeyTransform's own lookups (exact, in, lt, icontains…), then TextField's (`contains` is text's, not JSON's). */
  override get_lookup(name: string): any {
    const json_only = ["contains", "contained_by", "has_key", "has_keys", "has_any_keys"];
    return (json_only.includes(name) ? null : super.get_lookup(name)) ?? (this.output_field as Field).get_lookup(name);
  }

  /** `KeyTextTransform.from_lookup("data__owner__name")`: the field, then one transform per key. */
  static from_lookup(lookup: string): KeyTextTransform {
    const [transform, ...keys] = lookup.split("__");
    if (!keys.length) throw new ValueError("Lookup must contain key or index transforms.");
    let key_transform = new KeyTextTransform(keys[0], transform);
    for (const key of keys.slice(1)) key_transform = new KeyTextTransform(key, key_transform);
    return key_transform;
  }
}

export function key_transform_factory(key_name: string): any {
  const factory = (lhs: unknown) => new KeyTransform(key_name, lhs);
  (factory as any).is_transform = true;
  (factory as any).lookup_name = key_name;
  return factory;
}

/** `has_key`: `JSON_TYPE(col, '$."key"') IS NOT NULL`. */
export class HasKey extends Lookup {
  static override lookup_name = "has_key";
  override prepare_rhs = false;
  logical = " AND ";
  keys(): string[] {
    return [String(this.rhs)];
  }
  override as_sql(compiler: Compiler): SQL {
    let lhs = this.lhs;
    const base_keys: string[] = [];
    while (lhs instanceof KeyTransform) {
      base_keys.unshift(lhs.key_name);
      lhs = lhs.lhs;
    }
    const [sql, params] = compiler.compile(lhs);
    const parts: string[] = [];
    const all: unknown[] = [];
    for (const key of this.keys()) {
      parts.push(`JSON_TYPE(${sql}, %s) IS NOT NULL`);
      all.push(...params, compile_json_path([...base_keys, key]));
    }
    return [parts.length > 1 ? `(${parts.join(this.logical)})` : parts[0], all];
  }
}

export class HasKeys extends HasKey {
  static override lookup_name = "has_keys";
  override keys(): string[] {
    return (this.rhs as unknown[]).map(String);
  }
}

export class HasAnyKeys extends HasKeys {
  static override lookup_name = "has_any_keys";
  override logical = " OR ";
}

/** `extra={"a": 1}`: `JSON(col) = JSON(%s)`. */
export class JSONExact extends Exact {
  override get_prep_lookup(rhs: unknown): unknown {
    return rhs;
  }
  override as_sql(compiler: Compiler, _connection: any): SQL {
    const [lhs_sql, lp] = compiler.compile(this.lhs);
    if (this.rhs === null) return [`${lhs_sql} = %s`, [...lp, "null"]];
    return [`${lhs_sql} = %s`, [...lp, py_json_dumps(this.rhs)]];
  }
}

/** Lookups on a key: the right-hand side goes through `JSON_EXTRACT(%s, '$')`. */
class KeyTransformExact extends Exact {
  override get_prep_lookup(rhs: unknown): unknown {
    return rhs;
  }
  override as_sql(compiler: Compiler, _connection: any): SQL {
    const [lhs_sql, lp] = compiler.compile(this.lhs);
    if (is_expression(this.rhs)) {
      const [rs, rp] = compiler.compile(this.rhs);
      return [`${lhs_sql} = ${rs}`, [...lp, ...rp]];
    }
    const [rhs_sql, rhs_param] = key_json_value(this.rhs);
    return [`${lhs_sql} = ${rhs_sql}`, [...lp, rhs_param]];
  }
}

/** A value compared with a key: JSON true/false/null as the JSON_TYPE names, anything else parsed by SQLite. */
function key_json_value(value: unknown): [string, unknown] {
  if (value === null || value === undefined || typeof value === "boolean") return ["%s", py_json_dumps(value ?? null)];
  return ["JSON_EXTRACT(%s, '$')", py_json_dumps(value)];
}

class KeyTransformIsNull extends IsNull {
  override as_sql(compiler: Compiler, _connection: any): SQL {
    const key = this.lhs as KeyTransform;
    const has_key = new HasKey(key.lhs, key.key_name);
    const [sql, params] = has_key.as_sql(compiler);
    return this.rhs ? [`NOT ${sql}`, params] : [sql, params];
  }
}

class KeyTransformIn extends In {
  override get_prep_lookup(rhs: unknown): unknown {
    return [...(rhs as unknown[])];
  }
  override process_rhs(): SQL {
    const values = (this.rhs as unknown[]).map(key_json_value);
    if (!values.length) throw new EmptyResultSet();
    return [`(${values.map((v) => v[0]).join(", ")})`, values.map((v) => v[1])];
  }
}

function key_numeric(base: typeof BuiltinLookup): typeof BuiltinLookup {
  return class extends base {
    override get_prep_lookup(rhs: unknown): unknown {
      return rhs;
    }
  };
}

/**
 * `extra__level__gt=1`: without a native JSON type the right-hand side is compared as the JSON
 * value itself (Django's KeyTransformNumericLookupMixin loads the dumped param back).
 */
function key_comparison(base: typeof BuiltinLookup): typeof BuiltinLookup {
  return class extends key_numeric(base) {
    override process_rhs(compiler: Compiler, connection: any): SQL {
      const [sql, params] = super.process_rhs(compiler, connection);
      if (!this.rhs_is_direct_value()) return [sql, params];
      return [sql, params.map((p) => (typeof p === "string" ? JSON.parse(p) : p))];
    }
  };
}

/** `contains` / `contained_by` on JSON (a whole field or a key): SQLite has no JSON containment. */
class DataContains extends BuiltinLookup {
  static override lookup_name = "contains";
  override get_prep_lookup(rhs: unknown): unknown {
    return rhs;
  }
  override as_sql(): SQL {
    throw new NotSupportedError(`${(this.constructor as typeof Lookup).lookup_name} lookup is not supported on this database backend.`);
  }
}
class ContainedBy extends DataContains {
  static override lookup_name = "contained_by";
}

const KEY_TRANSFORM_LOOKUPS: Record<string, any> = {
  exact: KeyTransformExact,
  isnull: KeyTransformIsNull,
  in: KeyTransformIn,
  lt: key_comparison(LessThan),
  lte: key_comparison(LessThanOrEqual),
  gt: key_comparison(GreaterThan),
  gte: key_comparison(GreaterThanOrEqual),
  contains: DataContains,
  contained_by: ContainedBy,
  icontains: key_numeric(IContains),
  startswith: key_numeric(StartsWith),
  istartswith: key_numeric(IStartsWith),
  endswith: key_numeric(EndsWith),
  iendswith: key_numeric(IEndsWith),
  regex: key_numeric(Regex),
  iregex: key_numeric(IRegex),
  has_key: HasKey,
  has_keys: HasKeys,
  has_any_keys: HasAnyKeys,
};

export { EmptyResultSet, FullResultSet };

// --- registration -------------------------------------------------------------------------------

for (const lookup of [Exact, IExact, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual, In, Contains, IContains, StartsWith, IStartsWith, EndsWith, IEndsWith, Range, IsNull, Regex, IRegex])
  Field.register_lookup(lookup as any);

for (const t of [ExtractYear, ExtractIsoYear, ExtractMonth, ExtractDay, ExtractWeek, ExtractWeekDay, ExtractIsoWeekDay, ExtractQuarter])
  DateField.register_lookup(t as any);
for (const t of [ExtractHour, ExtractMinute, ExtractSecond]) DateTimeField.register_lookup(t as any);
DateTimeField.register_lookup(TruncDate as any);
DateTimeField.register_lookup(TruncTime as any);

const year_lookups: Record<string, any> = { exact: YearExact, gt: YearGt, gte: YearGte, lt: YearLt, lte: YearLte };
for (const ycls of [ExtractYear, ExtractIsoYear])
  (ycls.prototype as any).get_lookup = function (this: Transform, name: string) {
    if (year_lookups[name]) return year_lookups[name];
    return (this.output_field as Field).get_lookup(name);
  };

for (const l of [HasKey, HasKeys, HasAnyKeys, DataContains, ContainedBy]) JSONField.register_lookup(l as any);
JSONField.register_lookup(JSONExact as any, "exact");
register_key_text_transform((lookup) => KeyTextTransform.from_lookup(lookup));
(JSONField.prototype as any).get_transform = function (this: Field, name: string) {
  return Field.prototype.get_transform.call(this, name) ?? key_transform_factory(name);
};

export { CharField, TextField, RelatedField, Value, date };

/** A model instance given as a lookup value (`filter({ author: ada })`) stands for its primary key. */
function is_model_instance(value: unknown): boolean {
  return !!value && typeof value === "object" && !!(value as { constructor?: { _meta?: unknown } }).constructor?._meta;
}
