/**
 * django.db.models.fields: a Field turns a Python value into a database value and back, and says
 * how its column is declared. Main class: `Field`; one subclass per column kind.
 *
 *     static fields = { title: new models.CharField({ max_length: 200 }) }
 *     // column:  "title" varchar(200) NOT NULL          (db_type on SQLite)
 *     // save:    get_db_prep_save("Emma") → "Emma"
 *     // load:    from_db_value / backend converters turn the stored value back into a Python value
 *
 * `contribute_to_class(cls, name)` is the field's part of class preparation: it learns its name,
 * attname and column and adds itself to `cls._meta`. `deconstruct()` gives the
 * `[name, path, args, kwargs]` migrations write into migration files.
 */
import { TypeError as PyTypeError, ValueError, float as py_float, py_repr } from "../../../../python/builtins";
import { date, datetime, time, timedelta, timezone } from "../../../../python/datetime";
import { Decimal, InvalidOperation, create_decimal_from_float } from "../../../../python/decimal";
import { UUID, uuid4 } from "../../../../python/uuid";
import { ValidationError } from "../../../core/exceptions";
import { validate_email } from "../../../core/validators";
import { settings } from "../../../conf";
import { class_lookup, class_lookup_names, register_lookup, type LookupClass } from "../query_utils";
import { DATA_TYPES, DATA_TYPE_CHECK_CONSTRAINTS, DATA_TYPES_SUFFIX } from "../../backends/sqlite3/base";
import type { Options } from "../options";
import { parse_date, parse_datetime } from "../../../utils/dateparse";

export { parse_date, parse_datetime };

/** Python's `NOT_PROVIDED`: the absence of a default (None is a real default). */
export const NOT_PROVIDED: unique symbol = Symbol("NOT_PROVIDED");

/** `BLANK_CHOICE_DASH` */
export const BLANK_CHOICE_DASH: [string, string][] = [["", "---------"]];

export type Choices = [unknown, string][];

/**
 * `choices=` as Django 5 normalises it (django.utils.choices.normalize_choices): a list of pairs
 * stays; a mapping (`{"MR": "Mr.", …}`, a Map) becomes its items, a nested mapping a named group;
 * a `Choices` class (TextChoices…) gives its `.choices`.
 */
function model_choices(choices: unknown): Choices {
  const source = choices as { choices?: unknown };
  if (typeof choices === "function" && source.choices !== undefined) return model_choices(source.choices);
  const group = (v: unknown) => (v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof String) ? model_choices(v) : v);
  if (choices instanceof Map) return [...choices].map(([k, v]) => [k, group(v)]) as Choices;
  if (choices !== null && typeof choices === "object" && !(Symbol.iterator in choices)) return Object.entries(choices).map(([k, v]) => [k, group(v)]) as Choices;
  return [...(choices as Iterable<[unknown, string]>)];
}

/** The keyword arguments every field accepts (`Field.__init__`). */
/**
 * A field's arguments as Django accepts them: keyword arguments as one options object, and the
 * first positional parameter, `verbose_name`, also positionally — Python's
 * `models.DateTimeField("date published")` is `new models.DateTimeField("date published")`, and
 * `models.CharField("title", max_length=200)` is `new models.CharField("title", { max_length: 200 })`
 * (ADR 0014).
 */
export type FieldArgs<O extends FieldOptions = FieldOptions> = [options?: O] | [verbose_name: string | null, options?: O];

/** The options object of a field's arguments, with a positional verbose_name folded in. */
export function field_options<O extends FieldOptions>(args: FieldArgs<O> | unknown[]): O {
  const [first, second] = args as [unknown, unknown];
  if (first === undefined || (first !== null && typeof first === "object")) return { ...((first ?? {}) as O) };
  if (first !== null && typeof first !== "string") throw new PyTypeError(`Field() argument 'verbose_name' must be a string or a keyword-argument object, not ${typeof first}`);
  const options = { ...((second ?? {}) as O) };
  if ("verbose_name" in options) throw new PyTypeError("Field.__init__() got multiple values for argument 'verbose_name'");
  options.verbose_name = first;
  return options;
}

export interface FieldOptions {
  verbose_name?: string | null;
  name?: string | null;
  primary_key?: boolean;
  max_length?: number | null;
  unique?: boolean;
  blank?: boolean;
  null?: boolean;
  db_index?: boolean;
  default?: unknown;
  editable?: boolean;
  serialize?: boolean;
  choices?: Choices | Record<string, unknown> | Map<unknown, unknown> | { choices: Choices } | null;
  help_text?: string;
  db_column?: string | null;
  db_comment?: string | null;
  db_tablespace?: string | null;
  auto_created?: boolean;
  validators?: ((value: unknown) => void)[];
  error_messages?: Record<string, string>;
  unique_for_date?: string | null;
  unique_for_month?: string | null;
  unique_for_year?: string | null;
}

/** The model class as fields see it (the full type lives in base.ts). */
export type ModelLike = Function & { _meta: Options; [key: string]: any };

/** What `deconstruct()` returns: `[name, "django.db.models.CharField", args, kwargs]`. */
export type Deconstructed = [string | null, string, unknown[], Record<string, unknown>];

/** Connection as fields see it: only used to pick the backend (always SQLite here). */
export type ConnectionLike = { vendor?: string } | null | undefined;

/**
 * A converter from a database value to a Python value. The backend's own converters (bool, date,
 * Decimal) also carry `column(rows, i)`: the same conversion applied to column `i` of every row, in
 * a loop of their own (the compiler's `apply_converters` uses it), so converting 1,000 values is not
 * 1,000 calls from one call site shared by every converter.
 */
export type Converter = ((value: any, expression: unknown, connection: ConnectionLike) => any) & { column?: (rows: unknown[][], i: number) => void };

/** `convert` with its column loop attached. */
function column_converter(convert: (value: any) => any, column: (rows: unknown[][], i: number) => void): Converter {
  const converter: Converter = convert;
  converter.column = column;
  return converter;
}

/** Defaults of the keyword arguments, for deconstruct(): only non-default ones are written. */
const DECONSTRUCT_DEFAULTS: [keyof FieldOptions, unknown][] = [
  ["verbose_name", null], ["primary_key", false], ["max_length", null], ["unique", false], ["blank", false],
  ["null", false], ["db_index", false], ["default", NOT_PROVIDED], ["editable", true], ["serialize", true],
  ["unique_for_date", null], ["unique_for_month", null], ["unique_for_year", null], ["choices", null],
  ["help_text", ""], ["db_column", null], ["db_comment", null], ["db_tablespace", null], ["auto_created", false],
];

let creation_counter = 0;
let auto_creation_counter = -1;

export class Field {
  /** Set by contribute_to_class. */
  name!: string;
  attname!: string;
  column!: string;
  model!: ModelLike;
  verbose_name: string | null;
  _verbose_name: string | null;
  primary_key: boolean;
  max_length: number | null;
  _unique: boolean;
  blank: boolean;
  null: boolean;
  db_index: boolean;
  default: unknown;
  editable: boolean;
  serialize: boolean;
  choices: Choices | null;
  help_text: string;
  db_column: string | null;
  db_comment: string | null;
  db_tablespace: string | null;
  auto_created: boolean;
  validators: ((value: unknown) => void)[];
  error_messages: Record<string, string>;
  unique_for_date: string | null;
  unique_for_month: string | null;
  unique_for_year: string | null;
  creation_counter: number;
  /** The relation this field is (ForeignKey, ManyToManyField), or null. */
  remote_field: any = null;
  is_relation = false;
  many_to_many: boolean | null = null;
  many_to_one: boolean | null = null;
  one_to_many: boolean | null = null;
  one_to_one: boolean | null = null;
  concrete = false;
  hidden = false;
  empty_strings_allowed = true;
  /** The kwargs the field was built with (for deconstruct and clone). */
  _constructor_options: FieldOptions;

  declare static class_lookups?: Map<string, LookupClass>;
  static default_error_messages: Record<string, string> = {
    invalid_choice: "Value %(value)r is not a valid choice.",
    null: "This field cannot be null.",
    blank: "This field cannot be blank.",
    unique: "%(model_name)s with this %(field_label)s already exists.",
  };
  static descriptor_class: unknown = null;

  constructor(...args: FieldArgs<FieldOptions>) {
    const options = field_options(args);
    this._constructor_options = { ...options };
    this.name = options.name as string;
    this._verbose_name = this.verbose_name = options.verbose_name ?? null;
    this.primary_key = options.primary_key ?? false;
    this.max_length = options.max_length ?? null;
    this._unique = options.unique ?? false;
    this.blank = options.blank ?? false;
    this.null = options.null ?? false;
    this.db_index = options.db_index ?? false;
    this.default = "default" in options ? options.default : NOT_PROVIDED;
    this.editable = options.editable ?? true;
    this.serialize = options.serialize ?? true;
    this.choices = options.choices ? model_choices(options.choices) : null;
    this.help_text = options.help_text ?? "";
    this.db_column = options.db_column ?? null;
    this.db_comment = options.db_comment ?? null;
    this.db_tablespace = options.db_tablespace ?? null;
    this.auto_created = options.auto_created ?? false;
    this.validators = [...(options.validators ?? [])];
    this.unique_for_date = options.unique_for_date ?? null;
    this.unique_for_month = options.unique_for_month ?? null;
    this.unique_for_year = options.unique_for_year ?? null;
    this.creation_counter = this.auto_created ? auto_creation_counter-- : creation_counter++;
    this.error_messages = collect_error_messages(this.constructor, options.error_messages);
  }

  /** The model a relation points at; null for plain fields. */
  get related_model(): any {
    return null;
  }

  get unique(): boolean {
    return this._unique || this.primary_key;
  }

  /** Options that mark the field as a database column. */
  get db_returning(): boolean {
    return false;
  }

  toString(): string {
    return this.model ? `${this.model._meta.label}.${this.name}` : `<${this.constructor.name}>`;
  }

  __repr__(): string {
    const path = `django.db.models.fields.${this.constructor.name}`;
    return this.name ? `<${path}: ${this.name}>` : `<${path}>`;
  }

  // --- class preparation ------------------------------------------------------------------------

  /** Learn the name, add the field to `cls._meta` (Django's `contribute_to_class`). */
  contribute_to_class(cls: ModelLike, name: string, private_only = false): void {
    this.set_attributes_from_name(name);
    this.model = cls;
    cls._meta.add_field(this, private_only);
    if (this.choices) add_display_method(cls, this);
  }

  set_attributes_from_name(name: string): void {
    this.name = this.name || name;
    [this.attname, this.column] = this.get_attname_column();
    this.concrete = this.column !== null;
    if (this.verbose_name === null && this.name) this.verbose_name = this.name.replace(/_/g, " ");
  }

  get_attname(): string {
    return this.name;
  }

  get_attname_column(): [string, string] {
    const attname = this.get_attname();
    return [attname, this.db_column || attname];
  }

  // --- the column -------------------------------------------------------------------------------

  /** The field class name the backend maps to a column type ("CharField"). */
  get_internal_type(): string {
    return this.constructor.name;
  }

  /** `%(max_length)s` and friends, for the backend's type templates. */
  db_type_parameters(): Record<string, unknown> {
    return { ...this._constructor_options, max_length: this.max_length, column: this.column };
  }

  /** The column type on SQLite ("varchar(200)"), or null for fields without a column. */
  db_type(_connection?: ConnectionLike): string | null {
    const template = DATA_TYPES[this.get_internal_type()];
    return template === undefined ? null : interpolate(template, this.db_type_parameters());
  }

  /** The type of a column that points at this field (a ForeignKey to it). */
  rel_db_type(connection?: ConnectionLike): string | null {
    return this.db_type(connection);
  }

  db_check(_connection?: ConnectionLike): string | null {
    const template = DATA_TYPE_CHECK_CONSTRAINTS[this.get_internal_type()];
    return template === undefined ? null : interpolate(template, this.db_type_parameters());
  }

  db_type_suffix(_connection?: ConnectionLike): string | null {
    return DATA_TYPES_SUFFIX[this.get_internal_type()] ?? null;
  }

  db_parameters(connection?: ConnectionLike): { type: string | null; check: string | null } {
    return { type: this.db_type(connection), check: this.db_check(connection) };
  }

  // --- values -----------------------------------------------------------------------------------

  has_default(): boolean {
    return this.default !== NOT_PROVIDED;
  }

  /** The default value: calling it if it is a function; "" or None when there is none. */
  get_default(): unknown {
    if (this.has_default()) return typeof this.default === "function" ? (this.default as () => unknown)() : this.default;
    if (!this.empty_strings_allowed || this.null) return null;
    return "";
  }

  /** Python value → a valid Python value of this field's type, or ValidationError. */
  to_python(value: unknown): unknown {
    return value;
  }

  /** A value for a query parameter or a save, before the backend adapts it. */
  get_prep_value(value: unknown): unknown {
    if (value && typeof value === "object" && typeof (value as any).resolve_expression === "function" && "_prepare" in (value as any)) return value;
    return value;
  }

  /** Adapt for the backend (dates to ISO strings on SQLite, …). */
  get_db_prep_value(value: unknown, _connection?: ConnectionLike, prepared = false): unknown {
    return prepared ? value : this.get_prep_value(value);
  }

  get_db_prep_save(value: unknown, connection?: ConnectionLike): unknown {
    return this.get_db_prep_value(value, connection, false);
  }

  /** Converters from database values, backend's then the field's own `from_db_value`. */
  get_db_converters(_connection?: ConnectionLike): Converter[] {
    const own = (this as unknown as { from_db_value?: Converter }).from_db_value;
    return own ? [own.bind(this)] : [];
  }

  /** The value to save for this field (auto_now fields set it here). */
  pre_save(model_instance: any, _add: boolean): unknown {
    return model_instance[this.attname];
  }

  value_from_object(obj: any): unknown {
    return obj[this.attname];
  }

  value_to_string(obj: any): string {
    return String(this.value_from_object(obj));
  }

  get flatchoices(): Choices {
    return this.choices ?? [];
  }

  // --- validation -------------------------------------------------------------------------------

  run_validators(value: unknown): void {
    if (value === null || value === undefined || value === "") return;
    for (const v of this.validators) v(value);
  }

  /** Choices, null and blank (Django's `Field.validate`). */
  validate(value: unknown, _model_instance: unknown): void {
    if (!this.editable) return;
    if (this.choices && value !== null && value !== "" && value !== undefined && !this.choices.some(([k]) => k === value))
      throw new ValidationError(this.error_messages.invalid_choice.replace("%(value)r", () => py_repr_short(value)), { code: "invalid_choice", params: { value } });
    if ((value === null || value === undefined) && !this.null) throw new ValidationError(this.error_messages.null, { code: "null" });
    if (!this.blank && (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)))
      throw new ValidationError(this.error_messages.blank, { code: "blank" });
  }

  /** `to_python` + `validate` + `run_validators`; returns the cleaned value. */
  clean(value: unknown, model_instance: unknown): unknown {
    const v = this.to_python(value);
    this.validate(v, model_instance);
    this.run_validators(v);
    return v;
  }

  // --- lookups ----------------------------------------------------------------------------------

  static register_lookup(lookup: LookupClass, lookup_name?: string): LookupClass {
    return register_lookup(this, lookup, lookup_name);
  }

  get_lookup(lookup_name: string): any {
    const found = class_lookup(this.constructor, lookup_name);
    return found && !(found as any).is_transform ? found : null;
  }

  get_transform(lookup_name: string): any {
    const found = class_lookup(this.constructor, lookup_name);
    return found && (found as any).is_transform ? found : null;
  }

  /** The names of every lookup and transform this field understands. */
  get_lookups(): string[] {
    return class_lookup_names(this.constructor);
  }

  /** The target field a lookup compares against (itself, for non-relations). */
  get target_field(): Field {
    return this;
  }

  /** `Col(alias, self)`; filled in by expressions.ts (circular import, as in Django). */
  get_col(alias: string, output_field?: Field): any {
    return make_col(alias, this, output_field ?? this);
  }

  get cached_col(): any {
    return make_col(this.model._meta.db_table, this, this);
  }

  // --- migrations -------------------------------------------------------------------------------

  /** `[name, "django.db.models.CharField", [], {max_length: 200}]`: enough to rebuild the field. */
  deconstruct(): Deconstructed {
    const kwargs: Record<string, unknown> = {};
    const opts = this._constructor_options;
    for (const [key, default_value] of DECONSTRUCT_DEFAULTS) {
      const value = key === "default" ? this.default : key === "unique" ? this._unique : key === "verbose_name" ? this._verbose_name : (this as any)[key];
      if (!same_value(value, default_value)) kwargs[key] = value;
    }
    if (opts.validators?.length) kwargs.validators = opts.validators;
    if (opts.error_messages) kwargs.error_messages = opts.error_messages;
    return [this.name ?? null, `django.db.models.${this.constructor.name}`, [], kwargs];
  }

  /** A fresh, unbound copy with the same arguments. */
  clone(): Field {
    const [, , args, kwargs] = this.deconstruct();
    const cls = this.constructor as new (...a: any[]) => Field;
    return new cls(...args, kwargs);
  }
}

// --- helpers ------------------------------------------------------------------------------------

let make_col: (alias: string, target: Field, output_field: Field) => any = () => {
  throw new Error("expressions.ts not loaded");
};

/** Installed by expressions.ts (Django imports Col lazily inside Field.get_col too). */
export function _install_col_factory(factory: typeof make_col): void {
  make_col = factory;
}

function collect_error_messages(cls: Function, extra?: Record<string, string>): Record<string, string> {
  const chain: Record<string, string>[] = [];
  for (let c: any = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c))
    if (Object.prototype.hasOwnProperty.call(c, "default_error_messages")) chain.unshift(c.default_error_messages);
  return Object.assign({}, ...chain, extra ?? {});
}

function interpolate(template: string, params: Record<string, unknown>): string {
  return template.replace(/%\((\w+)\)s/g, (_, key) => String(params[key]));
}

function same_value(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined && b === null) return true;
  return false;
}

function py_repr_short(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : String(value);
}

/** `get_<field>_display()` on the model's prototype, for fields with choices. */
function add_display_method(cls: ModelLike, field: Field): void {
  const method = `get_${field.name}_display`;
  if (Object.prototype.hasOwnProperty.call(cls.prototype, method)) return;
  Object.defineProperty(cls.prototype, method, {
    configurable: true,
    writable: true,
    value: function (this: any) {
      const value = this[field.attname];
      const match = field.flatchoices.find(([k]) => k === value || (k !== null && value !== null && String(k) === String(value) && typeof k === typeof value));
      return match ? match[1] : value === null || value === undefined ? value : String(value);
    },
  });
}

/** Python `int(value)` as IntegerField.get_prep_value does, with Django's message. */
function to_int(field: Field, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value.trim());
  if (value instanceof Decimal) return Math.trunc(value.valueOf());
  const message = expected_a_number(field, value);
  throw typeof value === "string" ? new ValueError(message) : new PyTypeError(message);
}

/** "Field 'pages' expected a number but got 'abc'." (a transform's unnamed output field is 'None'). */
function expected_a_number(field: Field, value: unknown): string {
  return `Field '${field.name ?? "None"}' expected a number but got ${py_repr(value)}.`;
}

// --- concrete field classes ---------------------------------------------------------------------

export class IntegerField extends Field {
  override empty_strings_allowed = false;
  static override default_error_messages = { invalid: "“%(value)s” value must be an integer." };

  override get_prep_value(value: unknown): unknown {
    if (value === null || value === undefined || is_expression(value)) return value ?? null;
    return to_int(this, value);
  }

  override to_python(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    try {
      return to_int(this, value);
    } catch {
      throw new ValidationError(this.error_messages.invalid.replace("%(value)s", String(value)), { code: "invalid", params: { value } });
    }
  }
}

export class BigIntegerField extends IntegerField {}
export class SmallIntegerField extends IntegerField {}

export class PositiveIntegerField extends IntegerField {
  override rel_db_type(connection?: ConnectionLike): string | null {
    return new IntegerField().db_type(connection);
  }
}
export class PositiveSmallIntegerField extends PositiveIntegerField {}
export class PositiveBigIntegerField extends PositiveIntegerField {}

/** The auto-incrementing primary key, `"id" integer NOT NULL PRIMARY KEY AUTOINCREMENT`. */
export class AutoField extends IntegerField {
  constructor(...args: FieldArgs<FieldOptions>) {
    const options = field_options(args);
    super({ ...options, blank: true });
    this._constructor_options = { ...options };
  }

  override get db_returning(): boolean {
    return true;
  }

  override rel_db_type(connection?: ConnectionLike): string | null {
    return new IntegerField().db_type(connection);
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    delete d[3].blank;
    d[3].primary_key = true;
    return d;
  }

  override validate(): void {}
}

export class BigAutoField extends AutoField {
  override rel_db_type(connection?: ConnectionLike): string | null {
    return new BigIntegerField().db_type(connection);
  }
}

export class SmallAutoField extends AutoField {
  override rel_db_type(connection?: ConnectionLike): string | null {
    return new SmallIntegerField().db_type(connection);
  }
}

export class FloatField extends Field {
  override empty_strings_allowed = false;
  static override default_error_messages = { invalid: "“%(value)s” value must be a float." };

  override get_prep_value(value: unknown): unknown {
    if (value === null || value === undefined || is_expression(value)) return value ?? null;
    // Python's float(value): "" or "1.5x" is a ValueError, a list a TypeError, both with Django's message.
    try {
      return value instanceof Decimal ? value.valueOf() : py_float(value);
    } catch (e) {
      throw e instanceof ValueError ? new ValueError(expected_a_number(this, value)) : new PyTypeError(expected_a_number(this, value));
    }
  }

  override to_python(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    if (Number.isNaN(n)) throw new ValidationError(this.error_messages.invalid.replace("%(value)s", String(value)), { code: "invalid" });
    return n;
  }
}

export interface DecimalFieldOptions extends FieldOptions {
  max_digits?: number | null;
  decimal_places?: number | null;
}

/** Stored with NUMERIC affinity on SQLite: Decimal("10.00") is the integer 10, "9.99" the real 9.99. */
export class DecimalField extends Field {
  override empty_strings_allowed = false;
  max_digits: number | null;
  decimal_places: number | null;
  static override default_error_messages = { invalid: "“%(value)s” value must be a decimal number." };

  constructor(...args: FieldArgs<DecimalFieldOptions>) {
    const options = field_options(args);
    super(options);
    this.max_digits = options.max_digits ?? null;
    this.decimal_places = options.decimal_places ?? null;
  }

  override to_python(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (value instanceof Decimal) return value;
    try {
      return new Decimal(typeof value === "number" ? value : String(value));
    } catch {
      throw new ValidationError(this.error_messages.invalid.replace("%(value)s", String(value)), { code: "invalid", params: { value } });
    }
  }

  override get_prep_value(value: unknown): unknown {
    if (is_expression(value)) return value;
    return this.to_python(value);
  }

  /**
   * SQLite stores decimals with NUMERIC affinity (an integer or a real comes back). Django's
   * converter for a computed value (Sum, Avg, arithmetic) is `Context(prec=15).create_decimal_from_float`;
   * a plain column is also quantized to `decimal_places` (`get_col_db_converters`).
   */
  override get_db_converters(connection?: ConnectionLike): Converter[] {
    const convert: Converter = (v) => (typeof v === "number" ? create_decimal_from_float(v, 15) : typeof v === "string" ? new Decimal(v) : v);
    return [convert, ...super.get_db_converters(connection)];
  }

  /**
   * Django's SQLite converter for a column: `Context(prec=15).create_decimal_from_float(value)`
   * then `.quantize(Decimal(1).scaleb(-decimal_places), context=Context(prec=max_digits))` — rounded
   * half to even, and InvalidOperation when the result needs more than max_digits digits. Each
   * distinct stored number is converted once per (decimal_places, max_digits) (`QuantizedDecimals`).
   */
  get_col_db_converters(connection?: ConnectionLike): Converter[] {
    const places = this.decimal_places;
    // Without decimal_places (a field the system checks refuse: fields.E130) a number is kept as it reads.
    if (places === null) return [(v) => (typeof v === "number" || typeof v === "string" ? new Decimal(String(v)) : v), ...super.get_db_converters(connection)];
    const decimals = quantized_decimals(places, this.max_digits ?? 28);
    const quantize = column_converter(
      (v) => (v === null || v === undefined ? v : decimals.get(v)),
      (rows, i) => {
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r];
          const v = row[i];
          if (v !== null) row[i] = decimals.get(v);
        }
      },
    );
    return [quantize, ...super.get_db_converters(connection)];
  }

  /** sqlite3's adapter for Decimal is `str`. */
  override get_db_prep_value(value: unknown, connection?: ConnectionLike, prepared = false): unknown {
    const v = prepared ? value : this.get_prep_value(value);
    return v instanceof Decimal ? v.toString() : v;
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    if (this.max_digits !== null) d[3].max_digits = this.max_digits;
    if (this.decimal_places !== null) d[3].decimal_places = this.decimal_places;
    return d;
  }
}

export class BooleanField extends Field {
  override empty_strings_allowed = false;
  static override default_error_messages = { invalid: "“%(value)s” value must be either True or False.", invalid_nullable: "“%(value)s” value must be either True, False, or None." };

  constructor(...args: FieldArgs<FieldOptions>) {
    const options = field_options(args);
    super(options);
    if ("default" in options && !("blank" in options)) this.blank = true;
  }

  override to_python(value: unknown): unknown {
    if (this.null && (value === null || value === undefined || value === "")) return null;
    if (value === true || value === false) return value;
    if (value === 1 || value === "1" || value === "t" || value === "True") return true;
    if (value === 0 || value === "0" || value === "f" || value === "False") return false;
    throw new ValidationError(this.error_messages[this.null ? "invalid_nullable" : "invalid"].replace("%(value)s", String(value)), { code: "invalid", params: { value } });
  }

  override get_prep_value(value: unknown): unknown {
    if (value === null || value === undefined || is_expression(value)) return value ?? null;
    return this.to_python(value);
  }

  override get_db_converters(connection?: ConnectionLike): Converter[] {
    return [convert_boolean, ...super.get_db_converters(connection)];
  }
}

/** Django's SQLite `convert_booleanfield_value`: 1 and 0 → True and False, anything else as it is. */
const convert_boolean = column_converter(
  (v) => (v === 1 || v === 0 ? v === 1 : v),
  (rows, i) => {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const v = row[i];
      if (v === 1) row[i] = true;
      else if (v === 0) row[i] = false;
    }
  },
);

export interface CharFieldOptions extends FieldOptions {
  db_collation?: string | null;
}

export class CharField extends Field {
  db_collation: string | null;

  constructor(...args: FieldArgs<CharFieldOptions>) {
    const options = field_options(args);
    super(options);
    this.db_collation = options.db_collation ?? null;
  }

  override get_internal_type(): string {
    return "CharField";
  }

  override to_python(value: unknown): unknown {
    if (typeof value === "string" || value === null || value === undefined) return value ?? null;
    return String(value);
  }

  override get_prep_value(value: unknown): unknown {
    if (is_expression(value)) return value;
    return this.to_python(value);
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    if (this.db_collation) d[3].db_collation = this.db_collation;
    return d;
  }
}

export class EmailField extends CharField {
  constructor(...args: FieldArgs<CharFieldOptions>) {
    const options = field_options(args);
    super({ max_length: 254, ...options });
    // default_validators = [validate_email], run before the field's own.
    this.validators.unshift((value) => validate_email.__call__(value));
  }
}

export class URLField extends CharField {
  constructor(...args: FieldArgs<CharFieldOptions>) {
    const options = field_options(args);
    super({ max_length: 200, ...options });
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    if (d[3].max_length === 200) delete d[3].max_length;
    return d;
  }
}

export class SlugField extends CharField {
  constructor(...args: FieldArgs<CharFieldOptions & { allow_unicode?: boolean }>) {
    const options = field_options(args);
    super({ max_length: 50, db_index: true, ...options });
  }

  override get_internal_type(): string {
    return "SlugField";
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    if (d[3].max_length === 50) delete d[3].max_length;
    if (this.db_index) delete d[3].db_index;
    else d[3].db_index = false;
    return d;
  }
}

export class TextField extends Field {
  override get_internal_type(): string {
    return "TextField";
  }

  override to_python(value: unknown): unknown {
    if (typeof value === "string" || value === null || value === undefined) return value ?? null;
    return String(value);
  }

  override get_prep_value(value: unknown): unknown {
    if (is_expression(value)) return value;
    return this.to_python(value);
  }
}

export interface DateFieldOptions extends FieldOptions {
  auto_now?: boolean;
  auto_now_add?: boolean;
}

/** Django parses dates with `date.fromisoformat` first, which takes nothing but a string (`published=2020`). */
function not_iso_text(): PyTypeError {
  return new PyTypeError("fromisoformat: argument must be str");
}

/** Stored as "YYYY-MM-DD" text. */
export class DateField extends Field {
  override empty_strings_allowed = false;
  auto_now: boolean;
  auto_now_add: boolean;
  static override default_error_messages = {
    invalid: "“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format.",
    invalid_date: "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
  };

  constructor(...args: FieldArgs<DateFieldOptions>) {
    const options = field_options(args);
    const auto = options.auto_now || options.auto_now_add;
    super(auto ? { ...options, editable: false, blank: true } : options);
    this._constructor_options = { ...options };
    this.auto_now = options.auto_now ?? false;
    this.auto_now_add = options.auto_now_add ?? false;
  }

  override to_python(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (value instanceof datetime) return settings.configured && settings.USE_TZ && value.tzinfo ? value.astimezone(timezone.utc).date() : value.date();
    if (value instanceof date) return value;
    if (typeof value !== "string") throw not_iso_text();
    return parse_date_or_raise(this, value);
  }

  override pre_save(model_instance: any, add: boolean): unknown {
    if (this.auto_now || (this.auto_now_add && add)) {
      const value = datetime.now(timezone.utc).date();
      model_instance[this.attname] = value;
      return value;
    }
    return super.pre_save(model_instance, add);
  }

  override get_prep_value(value: unknown): unknown {
    if (is_expression(value)) return value;
    return this.to_python(value);
  }

  override get_db_prep_value(value: unknown, _connection?: ConnectionLike, prepared = false): unknown {
    const v = prepared ? value : this.get_prep_value(value);
    return v instanceof date ? v.isoformat() : v;
  }

  override get_db_converters(connection?: ConnectionLike): Converter[] {
    return [convert_date, ...super.get_db_converters(connection)];
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    if (this.auto_now) d[3].auto_now = true;
    if (this.auto_now_add) d[3].auto_now_add = true;
    if (this.auto_now || this.auto_now_add) {
      delete d[3].editable;
      delete d[3].blank;
    }
    return d;
  }
}

/** Stored as "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC without an offset (USE_TZ). */
export class DateTimeField extends DateField {
  static override default_error_messages = {
    invalid: "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.",
    invalid_date: "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
    invalid_datetime: "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.",
  };

  override to_python(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (value instanceof datetime) return value;
    if (value instanceof date) {
      const dt = new datetime(value.year, value.month, value.day);
      return use_tz() ? dt.replace({ tzinfo: timezone.utc }) : dt;
    }
    if (typeof value !== "string") throw not_iso_text();
    const text = value;
    const parsed = parse_datetime(text);
    if (parsed) return parsed;
    const d = parse_date_or_raise(this, text);
    return new datetime(d.year, d.month, d.day);
  }

  override pre_save(model_instance: any, add: boolean): unknown {
    if (this.auto_now || (this.auto_now_add && add)) {
      const value = datetime.now(use_tz() ? timezone.utc : null);
      model_instance[this.attname] = value;
      return value;
    }
    return model_instance[this.attname];
  }

  /** Naive datetimes are taken as in the default time zone (UTC) when USE_TZ, as Django does (with a warning). */
  override get_prep_value(value: unknown): unknown {
    if (is_expression(value)) return value;
    const v = this.to_python(value);
    if (v instanceof datetime && use_tz() && !v.tzinfo) return v.replace({ tzinfo: timezone.utc });
    return v;
  }

  override get_db_prep_value(value: unknown, _connection?: ConnectionLike, prepared = false): unknown {
    const v = prepared ? value : this.get_prep_value(value);
    return v instanceof datetime ? adapt_datetime(v) : v;
  }

  override get_db_converters(connection?: ConnectionLike): Converter[] {
    return [convert_datetime, ...Field.prototype.get_db_converters.call(this, connection)];
  }
}

/** Stored as "HH:MM:SS[.ffffff]". */
export class TimeField extends Field {
  override empty_strings_allowed = false;
  auto_now: boolean;
  auto_now_add: boolean;

  constructor(...args: FieldArgs<DateFieldOptions>) {
    const options = field_options(args);
    super(options);
    this.auto_now = options.auto_now ?? false;
    this.auto_now_add = options.auto_now_add ?? false;
  }

  override to_python(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (value instanceof time) return value;
    if (value instanceof datetime) return value.time();
    return time.fromisoformat(String(value));
  }

  override get_prep_value(value: unknown): unknown {
    if (is_expression(value)) return value;
    return this.to_python(value);
  }

  override get_db_prep_value(value: unknown, _connection?: ConnectionLike, prepared = false): unknown {
    const v = prepared ? value : this.get_prep_value(value);
    return v instanceof time ? v.isoformat() : v;
  }

  override get_db_converters(connection?: ConnectionLike): Converter[] {
    return [(v) => (typeof v === "string" ? time.fromisoformat(v) : v), ...super.get_db_converters(connection)];
  }
}

/** Stored as a bigint count of microseconds on SQLite. */
export class DurationField extends Field {
  override empty_strings_allowed = false;

  override to_python(value: unknown): unknown {
    if (value === null || value === undefined || value instanceof timedelta) return value ?? null;
    if (typeof value === "number") return new timedelta({ seconds: value });
    throw new ValidationError(`“${String(value)}” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format.`, { code: "invalid" });
  }

  override get_db_prep_value(value: unknown, _connection?: ConnectionLike, prepared = false): unknown {
    const v = prepared ? value : this.to_python(value);
    return v instanceof timedelta ? v.total_microseconds() : v;
  }

  override get_db_converters(connection?: ConnectionLike): Converter[] {
    return [(v) => (typeof v === "number" ? timedelta.from_microseconds(v) : v), ...super.get_db_converters(connection)];
  }
}

/** Stored as 32 hex digits (char(32)) on SQLite. */
export class UUIDField extends Field {
  override empty_strings_allowed = false;

  constructor(...args: FieldArgs<FieldOptions>) {
    const options = field_options(args);
    super({ max_length: 32, ...options });
    this._constructor_options = { ...options };
  }

  override to_python(value: unknown): unknown {
    if (value === null || value === undefined || value instanceof UUID) return value ?? null;
    try {
      return new UUID(String(value));
    } catch {
      throw new ValidationError(`“${String(value)}” is not a valid UUID.`, { code: "invalid", params: { value } });
    }
  }

  override get_db_prep_value(value: unknown, _connection?: ConnectionLike, prepared = false): unknown {
    if (is_expression(value)) return value;
    const v = prepared ? value : this.to_python(value);
    return v instanceof UUID ? v.hex : v;
  }

  override get_db_converters(connection?: ConnectionLike): Converter[] {
    return [(v) => (typeof v === "string" ? new UUID(v) : v), ...super.get_db_converters(connection)];
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    delete d[3].max_length;
    return d;
  }
}

export { uuid4 };

// --- conversions shared with the backend ------------------------------------------------------------

export function use_tz(): boolean {
  return settings.configured ? Boolean(settings.USE_TZ) : true;
}

export function is_expression(value: unknown): boolean {
  return typeof value === "object" && value !== null && typeof (value as { resolve_expression?: unknown }).resolve_expression === "function";
}

function parse_date_or_raise(field: Field, text: string): date {
  let parsed: date | null;
  try {
    parsed = parse_date(text);
  } catch {
    throw new ValidationError(field.error_messages.invalid_date.replace("%(value)s", () => text), { code: "invalid_date", params: { value: text } });
  }
  if (!parsed) throw new ValidationError(field.error_messages.invalid.replace("%(value)s", () => text), { code: "invalid", params: { value: text } });
  return parsed;
}

/** Django's SQLite `adapt_datetimefield_value`: aware → UTC, then `str()` without the offset. */
export function adapt_datetime(value: datetime): string {
  const naive = value.tzinfo ? value.astimezone(timezone.utc).replace({ tzinfo: null }) : value;
  return naive.isoformat(" ");
}

/**
 * Stored numbers → the Decimals Django's column converter makes of them, for one number of decimal
 * places and one precision (max_digits). `Decimal` objects are immutable (as in Python): each
 * distinct number is converted once and its (frozen) Decimal shared by every row that holds it
 * (prices repeat). The cache is direct-mapped: a slot per hash of the number, a new number
 * replacing whatever shared its slot, so a lookup is one array read and one comparison.
 */
class QuantizedDecimals {
  private readonly numbers: number[] = new Array(QUANTIZED_SLOTS).fill(NaN);
  private readonly decimals: (Decimal | undefined)[] = new Array(QUANTIZED_SLOTS).fill(undefined);
  private readonly exp: Decimal;

  constructor(
    readonly places: number,
    readonly prec: number,
  ) {
    this.exp = Decimal.from_fixed((0).toFixed(places));
  }

  /** What the converter returns for a value SQLite gave back (TypeError for text and blobs, as `create_decimal_from_float`). */
  get(v: unknown): Decimal {
    if (typeof v !== "number") throw new PyTypeError("argument must be int or float");
    const slot = Math.imul((v * 100) | 0, 0x9e3779b1) >>> (32 - QUANTIZED_BITS);
    if (this.numbers[slot] === v && v !== 0) return this.decimals[slot]!;
    if (v === 0) return Object.is(v, -0) ? (this.negative_zero ??= this.frozen(v)) : (this.zero ??= this.frozen(v));
    const d = this.frozen(v);
    this.numbers[slot] = v;
    this.decimals[slot] = d;
    return d;
  }

  private zero: Decimal | undefined;
  private negative_zero: Decimal | undefined;

  private frozen(v: number): Decimal {
    return Object.freeze(this.quantize(v)) as Decimal;
  }

  /**
   * The 15 significant digits of `v` are `toPrecision(15)`, correctly rounded; it rounds an exact tie
   * up where Python rounds it to even, so a number whose 16-digit form ends in 5 (possibly such a
   * tie) takes the exact path, as do numbers below 1e-6 or from 1e15 (written with an exponent).
   */
  private quantize(v: number): Decimal {
    const a = Math.abs(v);
    if (!(a >= 1e-6 && a < 1e15)) return this.quantize_exactly(v);
    const sixteen = a.toPrecision(16);
    if (sixteen.charCodeAt(sixteen.length - 1) === 53) return this.quantize_exactly(v); // 53 is "5"
    const text = a.toPrecision(15);
    const point = text.indexOf(".");
    const int_part = point < 0 ? text : text.slice(0, point);
    const frac = point < 0 ? "" : text.slice(point + 1);
    const places = this.places;
    let digits: string;
    if (frac.length <= places) digits = int_part + frac.padEnd(places, "0");
    else {
      digits = int_part + frac.slice(0, places);
      const next = frac.charCodeAt(places) - 48;
      const beyond = /[1-9]/.test(frac.slice(places + 1));
      const odd = (digits.charCodeAt(digits.length - 1) - 48) % 2 === 1;
      if (next > 5 || (next === 5 && (beyond || odd))) digits = (BigInt(digits) + 1n).toString();
    }
    digits = digits.replace(/^0+(?=\d)/, "");
    if (digits.length > this.prec) throw new InvalidOperation("[<class 'decimal.InvalidOperation'>]");
    const fixed = places === 0 ? digits : `${digits.slice(0, -places) || "0"}.${digits.slice(-places).padStart(places, "0")}`;
    return Decimal.from_fixed(v < 0 ? `-${fixed}` : fixed);
  }

  /** The same with exact (BigInt) arithmetic: `create_decimal_from_float` then `quantize`. */
  private quantize_exactly(v: number): Decimal {
    if (!Number.isFinite(v)) throw new InvalidOperation("[<class 'decimal.InvalidOperation'>]");
    const d = create_decimal_from_float(v, 15).quantize(this.exp);
    if (d.digits.length > this.prec) throw new InvalidOperation("[<class 'decimal.InvalidOperation'>]");
    return d;
  }
}
const QUANTIZED_BITS = 12;
const QUANTIZED_SLOTS = 1 << QUANTIZED_BITS;
const quantized_by_format = new Map<string, QuantizedDecimals>();
function quantized_decimals(places: number, prec: number): QuantizedDecimals {
  const key = `${places}/${prec}`;
  let cache = quantized_by_format.get(key);
  if (cache === undefined) quantized_by_format.set(key, (cache = new QuantizedDecimals(places, prec)));
  return cache;
}

/** Django's SQLite `convert_datefield_value`: stored text → `date` (parse_date reads "YYYY-MM-DD" directly). */
export const convert_date: Converter = column_converter(
  (v) => (typeof v === "string" ? parse_date(v.slice(0, 10)) : v),
  (rows, i) => {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const v = row[i];
      if (typeof v === "string") row[i] = parse_date(v.length === 10 ? v : v.slice(0, 10));
    }
  },
);

export const convert_datetime: Converter = (v) => {
  if (typeof v !== "string") return v;
  const dt = parse_datetime(v.length === 10 ? `${v} 00:00:00` : v);
  if (!dt) return v;
  return use_tz() && !dt.tzinfo ? dt.replace({ tzinfo: timezone.utc }) : dt;
};
