/**
 * django.forms.fields: submitted text → a clean Python value, or ValidationError with Django's
 * messages and codes.
 *
 * `Field.clean(value)` is the pipeline: `to_python` (text → typed value, "invalid"),
 * `validate` ("required", choices), `run_validators` (the field's validators, every failure
 * collected). Each field class sets its widget, its `error_messages` and its validators exactly
 * as Django 5.2 does. Which step raised each error is remembered (`raised_by(error)`) for the
 * trace's Forms panel.
 */
import { ValidationError } from "../core/exceptions";
import * as validators from "../core/validators";
import type { Validator } from "../core/validators";
import { Decimal } from "../../python/decimal";
import { UUID } from "../../python/uuid";
import { date, datetime, time, timedelta } from "../../python/datetime";
import { strptime } from "../../python/_strptime";
import { py_str, eq as py_eq } from "../../python/operator";
import { py_json_dumps, PyFloat } from "../../python/json";
import { py_json_loads } from "../../python/json_decoder";
import { parse_datetime, parse_duration } from "../utils/dateparse";
import { ascii_digits } from "../../python/unicodedata";
import { make_aware, is_naive, get_current_timezone } from "../utils/timezone";
import { settings } from "../conf";
import * as widgets from "./widgets";
import type { Attrs, Choice } from "./widgets";
import { normalize_choices, DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS } from "./widgets";

/** Python's `EMPTY_VALUES`: None, "", [], (), {}. */
export function is_empty_value(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value as object).length === 0;
  return false;
}

const raised_by_map = new WeakMap<ValidationError, string>();

/** Which pipeline step or validator raised this error ("to_python", "validate", "MaxLengthValidator", …). */
export function raised_by(error: ValidationError): string | null {
  return raised_by_map.get(error) ?? null;
}

export function mark_raised_by(error: ValidationError, step: string): ValidationError {
  for (const e of error.error_list.length ? error.error_list : [error]) if (!raised_by_map.has(e)) raised_by_map.set(e, step);
  if (!raised_by_map.has(error)) raised_by_map.set(error, step);
  return error;
}

export interface FieldOptions {
  required?: boolean;
  widget?: widgets.Widget | (new () => widgets.Widget) | null;
  label?: string | null;
  initial?: unknown;
  help_text?: string;
  error_messages?: Record<string, string> | null;
  show_hidden_initial?: boolean;
  validators?: Validator[];
  localize?: boolean;
  disabled?: boolean;
  label_suffix?: string | null;
  template_name?: string | null;
  [option: string]: unknown;
}

/** The base field: required/label/initial/help_text/widget and the clean pipeline. */
export class Field {
  static widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.TextInput;
  static hidden_widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.HiddenInput;
  static default_validators: Validator[] = [];
  static default_error_messages: Record<string, string> = { required: "This field is required." };

  required: boolean;
  label: string | null;
  initial: unknown;
  show_hidden_initial: boolean;
  help_text: string;
  disabled: boolean;
  label_suffix: string | null;
  localize: boolean;
  template_name: string | null;
  widget: widgets.Widget;
  error_messages: Record<string, string>;
  validators: Validator[];
  private given_widget_attrs: Attrs = {};
  /** Set by the form's declaration (the attribute name); used in the trace. */
  name = "";

  constructor(options: FieldOptions = {}) {
    this.required = options.required ?? true;
    this.label = options.label ?? null;
    this.initial = options.initial ?? null;
    this.show_hidden_initial = options.show_hidden_initial ?? false;
    this.help_text = options.help_text ?? "";
    this.disabled = options.disabled ?? false;
    this.label_suffix = options.label_suffix ?? null;
    this.localize = options.localize ?? false;
    this.template_name = options.template_name ?? null;
    this.widget = this.build_widget(options.widget ?? null);
    this.error_messages = { ...this.class_error_messages(), ...(options.error_messages ?? {}) };
    this.validators = [...(this.constructor as typeof Field).default_validators, ...(options.validators ?? [])];
    this.finish_widget();
  }

  /** The widget instance (a class is instantiated), told whether the field is required and given widget_attrs. */
  private build_widget(widget: FieldOptions["widget"]): widgets.Widget {
    const w = widget ?? (this.constructor as typeof Field).widget;
    const instance = typeof w === "function" ? new w() : w.__deepcopy__();
    this.given_widget_attrs = { ...instance.attrs };
    if (this.localize) instance.is_localized = true;
    instance.is_required = this.required;
    return instance;
  }

  /**
   * Called at the end of each constructor, once the subclass has set its own options (max_length,
   * min_value…): the widget's attributes become the given ones updated with `widget_attrs()`.
   */
  protected finish_widget(): void {
    this.widget.attrs = { ...this.given_widget_attrs };
    Object.assign(this.widget.attrs, this.widget_attrs(this.widget));
  }

  /** `default_error_messages` merged from the base class down (Django walks the MRO). */
  private class_error_messages(): Record<string, string> {
    const chain: (typeof Field)[] = [];
    for (let c = this.constructor as typeof Field; c && c !== (Object as unknown); c = Object.getPrototypeOf(c)) {
      if (Object.prototype.hasOwnProperty.call(c, "default_error_messages")) chain.unshift(c);
    }
    return Object.assign({}, ...chain.map((c) => c.default_error_messages));
  }

  prepare_value(value: unknown): unknown {
    return value;
  }

  to_python(value: unknown): unknown {
    return value;
  }

  validate(value: unknown): void {
    if (this.required && this.is_empty(value)) throw new ValidationError(this.error_messages.required, { code: "required" });
  }

  /** `value in self.empty_values`: None, "", [] or {}. */
  is_empty(value: unknown): boolean {
    return is_empty_value(value);
  }

  /** Every validator runs; all failures are collected (a code with a custom message uses it). */
  run_validators(value: unknown): void {
    if (this.is_empty(value)) return;
    const errors: ValidationError[] = [];
    for (const v of this.validators) {
      try {
        validators.call_validator(v, value);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        if (e.code && e.code in this.error_messages) e.message = this.error_messages[e.code];
        mark_raised_by(e, validators.validator_name(v));
        errors.push(...e.error_list);
      }
    }
    if (errors.length) throw new ValidationError(errors);
  }

  /** to_python → validate → run_validators; the cleaned value or a ValidationError. */
  clean(value: unknown): unknown {
    const python = step("to_python", () => this.to_python(value));
    step("validate", () => this.validate(python));
    this.run_validators(python);
    return python;
  }

  /** The value to show for a bound field: the submitted data (the initial value when disabled). */
  bound_data(data: unknown, initial: unknown): unknown {
    return this.disabled ? initial : data;
  }

  /** Extra HTML attributes for the widget (maxlength, min, step…). */
  widget_attrs(_widget: widgets.Widget): Attrs {
    return {};
  }

  /** Does `data` differ from `initial` once both are cleaned? */
  has_changed(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    let cleaned: unknown;
    try {
      cleaned = this.to_python(data);
      const coerce = (this as { _coerce?: (v: unknown) => unknown })._coerce;
      if (coerce) return !py_eq(coerce.call(this, cleaned), coerce.call(this, initial));
    } catch (e) {
      if (e instanceof ValidationError) return true;
      throw e;
    }
    return !py_eq(initial ?? "", cleaned ?? "");
  }

  /** A copy for one form instance: its own widget, messages and validators. */
  __deepcopy__(): this {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(this)), this) as this;
    copy.widget = this.widget.__deepcopy__();
    copy.error_messages = { ...this.error_messages };
    copy.validators = [...this.validators];
    return copy;
  }
}

/** Run one pipeline step, labelling a ValidationError with the step's name. */
function step<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValidationError) mark_raised_by(e, name);
    throw e;
  }
}

export interface CharFieldOptions extends FieldOptions {
  max_length?: number | null;
  min_length?: number | null;
  strip?: boolean;
  empty_value?: unknown;
}

/** Text: stripped, length-checked, no NUL characters. */
export class CharField extends Field {
  max_length: number | null;
  min_length: number | null;
  strip: boolean;
  empty_value: unknown;

  constructor(options: CharFieldOptions = {}) {
    super(options);
    this.max_length = options.max_length ?? null;
    this.min_length = options.min_length ?? null;
    this.strip = options.strip ?? true;
    this.empty_value = options.empty_value === undefined ? "" : options.empty_value;
    if (this.min_length !== null) this.validators.push(new validators.MinLengthValidator(this.min_length));
    if (this.max_length !== null) this.validators.push(new validators.MaxLengthValidator(this.max_length));
    this.validators.push(new validators.ProhibitNullCharactersValidator());
    this.finish_widget();
  }

  override to_python(value: unknown): unknown {
    if (!this.is_empty(value)) {
      value = py_str(value);
      if (this.strip) value = py_strip(value as string);
    }
    return this.is_empty(value) ? this.empty_value : value;
  }

  override widget_attrs(widget: widgets.Widget): Attrs {
    const attrs = super.widget_attrs(widget);
    if (this.max_length !== null && !widget.is_hidden) attrs.maxlength = String(this.max_length);
    if (this.min_length !== null && !widget.is_hidden) attrs.minlength = String(this.min_length);
    return attrs;
  }
}

/**
 * Python's `str.strip()`: Python's whitespace, which is not JavaScript's `\s` — it includes the
 * separators \x1c-\x1f and NEL (\x85) and leaves the byte-order mark (\ufeff) alone.
 */
export function py_strip(s: string): string {
  return s.replace(PY_STRIP, "");
}
const PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g");

/** Python's `int(text)`: whitespace, sign, `_` between digits, Unicode digits; else ValueError-like null. */
export function py_int(text: string): number | null {
  const s = ascii_digits(py_strip(text));
  if (!/^[+-]?\d+(?:_\d+)*$/.test(s)) return null;
  return Number(s.replace(/_/g, ""));
}

/** Python's `float(text)`; null when Python would raise ValueError. */
export function py_float_parse(text: string): number | null {
  const s = ascii_digits(py_strip(text));
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) return special[2].toLowerCase() === "nan" ? NaN : special[1] === "-" ? -Infinity : Infinity;
  const digits = "\\d(?:_?\\d)*";
  const re = new RegExp(`^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`);
  return re.test(s) ? Number(s.replace(/_/g, "")) : null;
}

export interface IntegerFieldOptions extends FieldOptions {
  max_value?: number | Decimal | null;
  min_value?: number | Decimal | null;
  step_size?: number | Decimal | null;
}

/** Whole numbers (`"4.0"` is 4; `"4.5"` is invalid). */
export class IntegerField extends Field {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.NumberInput;
  static override default_error_messages: Record<string, string> = { invalid: "Enter a whole number." };
  max_value: number | Decimal | null;
  min_value: number | Decimal | null;
  step_size: number | Decimal | null;

  constructor(options: IntegerFieldOptions = {}) {
    const opts = { ...options };
    if (opts.localize && (opts.widget === undefined || opts.widget === widgets.NumberInput)) opts.widget = widgets.TextInput;
    super(opts);
    this.max_value = options.max_value ?? null;
    this.min_value = options.min_value ?? null;
    this.step_size = options.step_size ?? null;
    if (this.max_value !== null) this.validators.push(new validators.MaxValueValidator(this.max_value));
    if (this.min_value !== null) this.validators.push(new validators.MinValueValidator(this.min_value));
    if (this.step_size !== null) this.validators.push(new validators.StepValueValidator(this.step_size, { offset: this.min_value === null ? null : this.step_offset(Number(this.min_value)) }));
    this.finish_widget();
  }

  /** `min_value` as the number type this field cleans to, where the step validator counts from. */
  step_offset(min_value: number): number | PyFloat {
    return min_value;
  }

  override to_python(value: unknown): unknown {
    if (this.is_empty(value)) return null;
    if (typeof value === "number" && Number.isInteger(value)) return value;
    const n = py_int(py_str(value).replace(/\.0*\s*$/, ""));
    if (n === null) throw new ValidationError(this.error_messages.invalid, { code: "invalid" });
    return n;
  }

  override widget_attrs(widget: widgets.Widget): Attrs {
    const attrs = super.widget_attrs(widget);
    if (widget instanceof widgets.NumberInput) {
      if (this.min_value !== null) attrs.min = this.min_value;
      if (this.max_value !== null) attrs.max = this.max_value;
      if (this.step_size !== null) attrs.step = this.step_size;
    }
    return attrs;
  }
}

/** Python floats; NaN and infinities are invalid. */
export class FloatField extends IntegerField {
  static override default_error_messages: Record<string, string> = { invalid: "Enter a number." };

  override step_offset(min_value: number): number | PyFloat {
    return new PyFloat(min_value);
  }

  override to_python(value: unknown): unknown {
    if (this.is_empty(value)) return null;
    if (typeof value === "number") return value;
    const n = py_float_parse(py_str(value));
    if (n === null) throw new ValidationError(this.error_messages.invalid, { code: "invalid" });
    return n;
  }

  override validate(value: unknown): void {
    super.validate(value);
    if (this.is_empty(value)) return;
    if (!Number.isFinite(value as number)) throw new ValidationError(this.error_messages.invalid, { code: "invalid" });
  }

  override widget_attrs(widget: widgets.Widget): Attrs {
    const attrs = super.widget_attrs(widget);
    if (widget instanceof widgets.NumberInput && !("step" in widget.attrs)) attrs.step ??= this.step_size !== null ? py_str(this.step_size) : "any";
    return attrs;
  }
}

export interface DecimalFieldOptions extends IntegerFieldOptions {
  max_digits?: number | null;
  decimal_places?: number | null;
}

/** Exact decimals (`Decimal("1.50")`), with digit limits. */
export class DecimalField extends IntegerField {
  static override default_error_messages: Record<string, string> = { invalid: "Enter a number." };
  max_digits: number | null;
  decimal_places: number | null;

  constructor(options: DecimalFieldOptions = {}) {
    super(options);
    this.max_digits = options.max_digits ?? null;
    this.decimal_places = options.decimal_places ?? null;
    this.validators.push(new validators.DecimalValidator(this.max_digits, this.decimal_places));
    this.finish_widget();
  }

  override to_python(value: unknown): unknown {
    if (this.is_empty(value)) return null;
    if (value instanceof Decimal) return value;
    try {
      return new Decimal(py_strip(ascii_digits(py_str(value))));
    } catch {
      throw new ValidationError(this.error_messages.invalid, { code: "invalid" });
    }
  }

  override validate(value: unknown): void {
    super.validate(value);
    if (this.is_empty(value)) return;
    const d = value as Decimal;
    if (d.is_nan() || d.is_infinite()) throw new ValidationError(this.error_messages.invalid, { code: "invalid", params: { value } });
  }

  override widget_attrs(widget: widgets.Widget): Attrs {
    const attrs = super.widget_attrs(widget);
    if (widget instanceof widgets.NumberInput && !("step" in widget.attrs)) {
      let step: unknown = "any";
      if (this.step_size !== null) step = this.step_size;
      else if (this.decimal_places !== null && this.decimal_places !== undefined) step = new Decimal(`1E-${this.decimal_places}`).toString().toLowerCase();
      attrs.step ??= step;
    }
    return attrs;
  }
}

/** Shared by DateField, TimeField, DateTimeField: try each input format in turn. */
export class BaseTemporalField extends Field {
  input_formats: string[];
  default_input_formats: string[] = [];

  constructor(options: FieldOptions & { input_formats?: string[] | null } = {}) {
    super(options);
    this.input_formats = options.input_formats ?? [];
  }

  formats(): string[] {
    return this.input_formats.length ? this.input_formats : this.default_input_formats;
  }

  override to_python(value: unknown): unknown {
    const text = py_strip(py_str(value));
    for (const format of this.formats()) {
      try {
        return this.strptime(text, format);
      } catch {
        continue;
      }
    }
    throw new ValidationError(this.error_messages.invalid, { code: "invalid" });
  }

  strptime(text: string, format: string): unknown {
    return strptime(text, format);
  }
}

export class DateField extends BaseTemporalField {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.DateInput;
  static override default_error_messages: Record<string, string> = { invalid: "Enter a valid date." };
  override default_input_formats = DATE_INPUT_FORMATS;

  override to_python(value: unknown): unknown {
    if (this.is_empty(value)) return null;
    if (value instanceof datetime) return value.date();
    if (value instanceof date) return value;
    return super.to_python(value);
  }

  override strptime(text: string, format: string): unknown {
    return strptime(text, format).date();
  }
}

export class TimeField extends BaseTemporalField {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.TimeInput;
  static override default_error_messages: Record<string, string> = { invalid: "Enter a valid time." };
  override default_input_formats = TIME_INPUT_FORMATS;

  override to_python(value: unknown): unknown {
    if (this.is_empty(value)) return null;
    if (value instanceof time) return value;
    return super.to_python(value);
  }

  override strptime(text: string, format: string): unknown {
    return strptime(text, format).time();
  }
}

/** A naive datetime is taken to be in the current time zone (USE_TZ). */
export function from_current_timezone(value: datetime): datetime {
  if (settings.USE_TZ && is_naive(value)) return make_aware(value, get_current_timezone());
  return value;
}

export class DateTimeField extends BaseTemporalField {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.DateTimeInput;
  static override default_error_messages: Record<string, string> = { invalid: "Enter a valid date/time." };
  override default_input_formats = DATETIME_INPUT_FORMATS;

  override to_python(value: unknown): unknown {
    if (this.is_empty(value)) return null;
    if (value instanceof datetime) return from_current_timezone(value);
    if (value instanceof date) return from_current_timezone(new datetime(value.year, value.month, value.day));
    let result: datetime | null;
    try {
      result = parse_datetime(py_strip(py_str(value)));
    } catch {
      throw new ValidationError(this.error_messages.invalid, { code: "invalid" });
    }
    if (!result) result = super.to_python(value) as datetime;
    return from_current_timezone(result);
  }
}

/**
 * One value from several fields (`fields[i]` cleans the i-th part of a MultiWidget's list), then
 * `compress()` joins the cleaned parts. With `require_all_fields` (the default) every part is
 * required when the field is; otherwise a missing required part is "Enter a complete value."
 */
export class MultiValueField extends Field {
  static override default_error_messages: Record<string, string> = { invalid: "Enter a list of values.", incomplete: "Enter a complete value." };
  require_all_fields: boolean;
  fields: Field[];

  constructor(fields: Field[], options: FieldOptions & { require_all_fields?: boolean } = {}) {
    const { require_all_fields, ...rest } = options;
    super(rest);
    this.require_all_fields = require_all_fields ?? true;
    for (const f of fields) {
      if (!("incomplete" in f.error_messages)) f.error_messages.incomplete = this.error_messages.incomplete;
      if (this.disabled) f.disabled = true;
      if (this.require_all_fields) f.required = false;
    }
    this.fields = fields;
  }

  override __deepcopy__(): this {
    const copy = super.__deepcopy__();
    copy.fields = this.fields.map((f) => f.__deepcopy__());
    return copy;
  }

  override validate(_value: unknown): void {}

  override clean(value: unknown): unknown {
    const clean_data: unknown[] = [];
    const errors: (ValidationError | string)[] = [];
    let parts = value;
    if (this.disabled && !Array.isArray(parts)) parts = (this.widget as widgets.MultiWidget).decompress(parts);
    if (!parts || Array.isArray(parts)) {
      if (!parts || !(parts as unknown[]).some((v) => !is_empty_value(v))) {
        if (this.required) throw new ValidationError(this.error_messages.required, { code: "required" });
        return this.compress([]);
      }
    } else throw new ValidationError(this.error_messages.invalid, { code: "invalid" });
    const list = parts as unknown[];
    this.fields.forEach((field, i) => {
      const field_value = list[i] ?? null;
      if (is_empty_value(field_value)) {
        if (this.require_all_fields) {
          if (this.required) throw new ValidationError(this.error_messages.required, { code: "required" });
        } else if (field.required) {
          if (!errors.some((e) => String(e instanceof ValidationError ? e.message : e) === field.error_messages.incomplete)) errors.push(field.error_messages.incomplete);
          return;
        }
      }
      try {
        clean_data.push(field.clean(field_value));
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        for (const m of e.error_list) if (!errors.some((x) => (x instanceof ValidationError ? x.formatted() : x) === m.formatted())) errors.push(m);
      }
    });
    if (errors.length) throw new ValidationError(errors);
    const out = this.compress(clean_data);
    this.validate(out);
    this.run_validators(out);
    return out;
  }

  /** Join the cleaned parts into one value (subclasses say how). */
  compress(_data_list: unknown[]): unknown {
    throw new Error("Subclasses must implement this method.");
  }

  override has_changed(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    const data_list = Array.isArray(data) ? data : [];
    const initial_list = initial === null || initial === undefined ? data_list.map(() => "") : Array.isArray(initial) ? initial : (this.widget as widgets.MultiWidget).decompress(initial);
    for (let i = 0; i < Math.min(this.fields.length, initial_list.length, data_list.length); i++) {
      let start: unknown;
      try {
        start = this.fields[i].to_python(initial_list[i]);
      } catch (e) {
        if (e instanceof ValidationError) return true;
        throw e;
      }
      if (this.fields[i].has_changed(start, data_list[i])) return true;
    }
    return false;
  }
}

/** A datetime entered as a date and a time (SplitDateTimeWidget), aware in the current time zone. */
export class SplitDateTimeField extends MultiValueField {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.SplitDateTimeWidget;
  static override hidden_widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.SplitHiddenDateTimeWidget;
  static override default_error_messages: Record<string, string> = { invalid_date: "Enter a valid date.", invalid_time: "Enter a valid time." };

  constructor(options: FieldOptions & { input_date_formats?: string[] | null; input_time_formats?: string[] | null } = {}) {
    const { input_date_formats, input_time_formats, ...rest } = options;
    const messages = { ...MultiValueField.default_error_messages, ...SplitDateTimeField.default_error_messages, ...(rest.error_messages ?? {}) };
    const fields = [
      new DateField({ input_formats: input_date_formats ?? null, error_messages: { invalid: messages.invalid_date } }),
      new TimeField({ input_formats: input_time_formats ?? null, error_messages: { invalid: messages.invalid_time } }),
    ];
    super(fields, rest);
  }

  override compress(data_list: unknown[]): unknown {
    if (!data_list.length) return null;
    if (is_empty_value(data_list[0])) throw new ValidationError(this.error_messages.invalid_date, { code: "invalid_date" });
    if (is_empty_value(data_list[1])) throw new ValidationError(this.error_messages.invalid_time, { code: "invalid_time" });
    const [d, t] = data_list as [date, time];
    return from_current_timezone(datetime.combine(d, t));
  }
}

export class DurationField extends Field {
  static override default_error_messages: Record<string, string> = {
    invalid: "Enter a valid duration.",
    overflow: "The number of days must be between {min_days} and {max_days}.",
  };

  override prepare_value(value: unknown): unknown {
    if (value instanceof timedelta) return duration_string(value);
    return value;
  }

  override to_python(value: unknown): unknown {
    if (this.is_empty(value)) return null;
    if (value instanceof timedelta) return value;
    let result: timedelta | null;
    try {
      result = parse_duration(py_str(value));
    } catch {
      const msg = this.error_messages.overflow.replace("{min_days}", String(timedelta.min_days)).replace("{max_days}", String(timedelta.max_days));
      throw new ValidationError(msg, { code: "overflow" });
    }
    if (result === null) throw new ValidationError(this.error_messages.invalid, { code: "invalid" });
    return result;
  }
}

/** `duration_string(td)`: "1 02:03:04" (Django's own duration format). */
export function duration_string(td: timedelta): string {
  let us = td.total_microseconds();
  const sign = us < 0 ? "-" : "";
  us = Math.abs(us);
  const days = Math.floor(us / 86400e6);
  us -= days * 86400e6;
  const h = Math.floor(us / 3600e6);
  us -= h * 3600e6;
  const m = Math.floor(us / 60e6);
  us -= m * 60e6;
  const s = Math.floor(us / 1e6);
  us -= s * 1e6;
  const pad = (n: number) => String(n).padStart(2, "0");
  let out = `${pad(h)}:${pad(m)}:${pad(s)}`;
  if (days) out = `${days} ${out}`;
  if (us) out += `.${String(us).padStart(6, "0")}`;
  return sign + out;
}

/** Text that must match a regular expression (Python `re` syntax). */
export class RegexField extends CharField {
  regex: validators.RegexValidator;

  constructor(regex: string, options: CharFieldOptions = {}) {
    super({ strip: false, ...options });
    this.regex = new validators.RegexValidator(regex);
    this.validators.push(this.regex);
  }
}

export class EmailField extends CharField {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.EmailInput;
  static override default_validators: Validator[] = [validators.validate_email];

  constructor(options: CharFieldOptions = {}) {
    super({ max_length: 320, ...options, strip: true });
  }
}

/** A URL; a missing scheme becomes `assume_scheme` (Django 5.2's default: "http"). */
export class URLField extends CharField {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.URLInput;
  static override default_error_messages: Record<string, string> = { invalid: "Enter a valid URL." };
  static override default_validators: Validator[] = [new validators.URLValidator()];
  assume_scheme: string;

  constructor(options: CharFieldOptions & { assume_scheme?: string | null } = {}) {
    super({ ...options, strip: true });
    this.assume_scheme = options.assume_scheme ?? "http";
  }

  /**
   * Text with a scheme stays as it was typed (`HTTP://EXAMPLE.COM`, `mailto:x`); text without one
   * gets `assume_scheme` in front (`example.com` → `http://example.com`, `//cdn.example` →
   * `http://cdn.example`). A scheme is what comes before the first ":" when it starts with an ASCII
   * letter and has no "/": Django 5.2.8+ looks no further, so no URL parsing runs on the input.
   */
  override to_python(value: unknown): unknown {
    const text = super.to_python(value) as string;
    if (!text) return text;
    const colon = text.indexOf(":");
    const scheme = colon < 0 ? "" : text.slice(0, colon);
    if (!/^[A-Za-z]/.test(scheme) || scheme.includes("/")) return text.startsWith("//") ? `${this.assume_scheme}:${text}` : `${this.assume_scheme}://${text}`;
    return text;
  }
}

/** Checkbox: `"false"`/`"0"` are false, any other non-empty value true; required means checked. */
export class BooleanField extends Field {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.CheckboxInput;

  override to_python(value: unknown): unknown {
    if (typeof value === "string" && ["false", "0"].includes(value.toLowerCase())) return false;
    return !(value === false || value === null || value === undefined || value === "" || value === 0 || (Array.isArray(value) && !value.length));
  }

  override validate(value: unknown): void {
    if (!value && this.required) throw new ValidationError(this.error_messages.required, { code: "required" });
  }

  override has_changed(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    return this.to_python(initial) !== this.to_python(data);
  }
}

/** True, False or None (a Yes/No/Unknown select). */
export class NullBooleanField extends BooleanField {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.NullBooleanSelect;

  override to_python(value: unknown): unknown {
    if (value === true || value === "True" || value === "true" || value === "1") return true;
    if (value === false || value === "False" || value === "false" || value === "0") return false;
    return null;
  }

  override validate(): void {}
}

export interface ChoiceFieldOptions extends FieldOptions {
  choices?: unknown;
}

/** One value from `choices` (compared as text). */
export class ChoiceField extends Field {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.Select;
  static override default_error_messages: Record<string, string> = {
    invalid_choice: "Select a valid choice. %(value)s is not one of the available choices.",
  };
  private _choices: Choice[] = [];

  constructor(options: ChoiceFieldOptions = {}) {
    super(options);
    this.choices = options.choices ?? [];
  }

  get choices(): Choice[] {
    return this._choices;
  }

  /** Setting choices also sets them on the widget. */
  set choices(value: unknown) {
    this._choices = normalize_choices(value);
    if (this.widget instanceof widgets.ChoiceWidget) this.widget.choices = this._choices;
  }

  override to_python(value: unknown): unknown {
    return this.is_empty(value) ? "" : py_str(value);
  }

  override validate(value: unknown): void {
    super.validate(value);
    if (value && !this.valid_value(value)) throw new ValidationError(this.error_messages.invalid_choice, { code: "invalid_choice", params: { value } });
  }

  /** Is `value` one of the choices (or of a group's choices)? */
  valid_value(value: unknown): boolean {
    const text = py_str(value);
    const matches = (k: unknown) => py_eq(value, k) || text === py_str(k);
    return this.choices.some(([k, v]) => (Array.isArray(v) ? (v as Choice[]).some(([k2]) => matches(k2)) : matches(k)));
  }

  override __deepcopy__(): this {
    const copy = super.__deepcopy__();
    copy._choices = [...this._choices];
    return copy;
  }
}

/** Python callables a TypedChoiceField may coerce with. */
export const COERCE: Record<string, (v: unknown) => unknown> = {
  int: (v) => {
    const n = typeof v === "number" ? Math.trunc(v) : py_int(py_str(v));
    if (n === null) throw new TypeError(`invalid literal for int() with base 10: '${py_str(v)}'`);
    return n;
  },
  /** A whole result stays a Python float (`float("3")` is 3.0), as PyFloat. */
  float: (v) => {
    const n = typeof v === "number" ? v : py_float_parse(py_str(v));
    if (n === null) throw new TypeError(`could not convert string to float: '${py_str(v)}'`);
    return Number.isInteger(n) ? new PyFloat(n) : n;
  },
  str: (v) => py_str(v),
};

export interface TypedChoiceFieldOptions extends ChoiceFieldOptions {
  coerce?: (value: unknown) => unknown;
  empty_value?: unknown;
}

export class TypedChoiceField extends ChoiceField {
  coerce: (value: unknown) => unknown;
  empty_value: unknown;

  constructor(options: TypedChoiceFieldOptions = {}) {
    super(options);
    this.coerce = options.coerce ?? ((v) => v);
    this.empty_value = options.empty_value === undefined ? "" : options.empty_value;
  }

  _coerce(value: unknown): unknown {
    if (py_eq(value, this.empty_value) || this.is_empty(value)) return this.empty_value;
    try {
      return this.coerce(value);
    } catch {
      throw new ValidationError(this.error_messages.invalid_choice, { code: "invalid_choice", params: { value } });
    }
  }

  override clean(value: unknown): unknown {
    const cleaned = super.clean(value);
    return step("coerce", () => this._coerce(cleaned));
  }
}

/** A list of values from `choices`. */
export class MultipleChoiceField extends ChoiceField {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.SelectMultiple;
  static override hidden_widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.MultipleHiddenInput;
  static override default_error_messages: Record<string, string> = {
    invalid_choice: "Select a valid choice. %(value)s is not one of the available choices.",
    invalid_list: "Enter a list of values.",
  };

  override to_python(value: unknown): unknown {
    if (!value || (Array.isArray(value) && !value.length)) return [];
    if (!Array.isArray(value)) throw new ValidationError(this.error_messages.invalid_list, { code: "invalid_list" });
    return value.map((v) => py_str(v));
  }

  override validate(value: unknown): void {
    const list = value as unknown[];
    if (this.required && !list.length) throw new ValidationError(this.error_messages.required, { code: "required" });
    for (const v of list) {
      if (!this.valid_value(v)) throw new ValidationError(this.error_messages.invalid_choice, { code: "invalid_choice", params: { value: v } });
    }
  }

  override has_changed(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    const a = (initial ?? []) as unknown[];
    const b = (data ?? []) as unknown[];
    if (a.length !== b.length) return true;
    const sa = new Set(a.map((v) => py_str(v)));
    const sb = new Set(b.map((v) => py_str(v)));
    return sa.size !== sb.size || [...sa].some((v) => !sb.has(v));
  }
}

export class TypedMultipleChoiceField extends MultipleChoiceField {
  coerce: (value: unknown) => unknown;
  empty_value: unknown;

  constructor(options: TypedChoiceFieldOptions = {}) {
    super(options);
    this.coerce = options.coerce ?? ((v) => v);
    this.empty_value = options.empty_value === undefined ? [] : options.empty_value;
  }

  _coerce(value: unknown): unknown {
    if (py_eq(value, this.empty_value) || this.is_empty(value)) return this.empty_value;
    return (value as unknown[]).map((choice) => {
      try {
        return this.coerce(choice);
      } catch {
        throw new ValidationError(this.error_messages.invalid_choice, { code: "invalid_choice", params: { value: choice } });
      }
    });
  }

  override clean(value: unknown): unknown {
    const cleaned = super.clean(value);
    return step("coerce", () => this._coerce(cleaned));
  }
}

/** Letters, digits, underscores and hyphens (Unicode letters with `allow_unicode`). */
export class SlugField extends CharField {
  allow_unicode: boolean;

  constructor(options: CharFieldOptions & { allow_unicode?: boolean } = {}) {
    super(options);
    this.allow_unicode = options.allow_unicode ?? false;
    this.validators.unshift(this.allow_unicode ? validators.validate_unicode_slug : validators.validate_slug);
  }
}

export class UUIDField extends CharField {
  static override default_error_messages: Record<string, string> = { invalid: "Enter a valid UUID." };

  override prepare_value(value: unknown): unknown {
    return value instanceof UUID ? value.toString() : value;
  }

  override to_python(value: unknown): unknown {
    const text = super.to_python(value);
    if (this.is_empty(text)) return null;
    if (text instanceof UUID) return text;
    try {
      return new UUID(text as string);
    } catch {
      throw new ValidationError(this.error_messages.invalid, { code: "invalid" });
    }
  }
}

/** `clean_ipv6_address`: the compressed lowercase form ("2001:db8::1"). */
export function clean_ipv6_address(text: string, unpack_ipv4 = false, error_message = "This is not a valid IPv6 address.", max_length: number | null = validators.MAX_IPV6_ADDRESS_LENGTH): string {
  const groups = validators.is_valid_ipv6_address(text, max_length ?? Infinity) ? validators.parse_ipv6(text) : null;
  if (!groups) throw new ValidationError(error_message, { code: "invalid", params: { protocol: "IPv6" } });
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const v4 = `${groups[6] >> 8}.${groups[6] & 255}.${groups[7] >> 8}.${groups[7] & 255}`;
    return unpack_ipv4 ? v4 : `::ffff:${v4}`;
  }
  let best = [-1, 0];
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best[1]) best = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best[1] < 2) return hex.join(":");
  return `${hex.slice(0, best[0]).join(":")}::${hex.slice(best[0] + best[1]).join(":")}`;
}

export class GenericIPAddressField extends CharField {
  unpack_ipv4: boolean;

  constructor(options: CharFieldOptions & { protocol?: string; unpack_ipv4?: boolean } = {}) {
    super({ max_length: validators.MAX_IPV6_ADDRESS_LENGTH, ...options });
    this.unpack_ipv4 = options.unpack_ipv4 ?? false;
    this.validators.unshift(...validators.ip_address_validators(options.protocol ?? "both", this.unpack_ipv4));
  }

  override to_python(value: unknown): unknown {
    if (this.is_empty(value)) return "";
    const text = py_strip(py_str(value));
    if (text && text.includes(":")) return clean_ipv6_address(text, this.unpack_ipv4, undefined, this.max_length);
    return text;
  }
}

/** A JSON string decoded to Python values; a decoded string stays distinguishable (JSONString). */
export class JSONString extends String {}

/** What the user typed when it was not valid JSON, so it can be shown again unchanged. */
export class InvalidJSONInput extends String {}

export class JSONField extends CharField {
  static override widget: new (attrs?: Attrs | null) => widgets.Widget = widgets.Textarea;
  static override default_error_messages: Record<string, string> = { invalid: "Enter a valid JSON." };

  override to_python(value: unknown): unknown {
    if (this.disabled) return value;
    if (this.is_empty(value)) return null;
    if (Array.isArray(value) || typeof value === "number" || value instanceof JSONString || (typeof value === "object" && !(value instanceof String))) return value;
    let converted: unknown;
    try {
      converted = py_json_loads(py_str(value));
    } catch {
      throw new ValidationError(this.error_messages.invalid, { code: "invalid", params: { value } });
    }
    return typeof converted === "string" ? new JSONString(converted) : converted;
  }

  override bound_data(data: unknown, initial: unknown): unknown {
    if (this.disabled) return initial;
    if (data === null || data === undefined) return null;
    try {
      return py_json_loads(py_str(data));
    } catch {
      return new InvalidJSONInput(py_str(data));
    }
  }

  override prepare_value(value: unknown): unknown {
    if (value instanceof InvalidJSONInput) return value.valueOf();
    return py_json_dumps(value instanceof String ? value.valueOf() : value, { ensure_ascii: false });
  }

  /** Changed when the text differs, or else when the values differ as JSON (True is not 1; key order does not count). */
  override has_changed(initial: unknown, data: unknown): boolean {
    if (super.has_changed(initial, data)) return true;
    const dump = (v: unknown) => py_json_dumps(v instanceof String ? v.valueOf() : v, { sort_keys: true });
    return dump(initial) !== dump(this.to_python(data));
  }
}

/** Every field class by name (the conformance replayer and ModelForm look them up here). */
export const FIELDS: Record<string, new (...args: any[]) => Field> = {
  Field,
  CharField,
  IntegerField,
  FloatField,
  DecimalField,
  DateField,
  TimeField,
  DateTimeField,
  DurationField,
  RegexField,
  EmailField,
  URLField,
  BooleanField,
  NullBooleanField,
  ChoiceField,
  TypedChoiceField,
  MultipleChoiceField,
  TypedMultipleChoiceField,
  SplitDateTimeField,
  SlugField,
  UUIDField,
  GenericIPAddressField,
  JSONField,
};
