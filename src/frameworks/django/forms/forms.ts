/**
 * django.forms.forms: a Form class + submitted data → cleaned data or errors, and its HTML.
 *
 * A form declares its fields in `static fields` (ADR 0007):
 *
 *   class ContactForm extends forms.Form {
 *     static fields = { subject: new forms.CharField({ max_length: 100 }), sender: new forms.EmailField() };
 *     clean_subject() { return this.cleaned_data.subject.trim(); }
 *     clean() { ...; return this.cleaned_data; }
 *   }
 *   const form = new ContactForm(request.POST);   // bound; `new ContactForm()` is unbound
 *   form.is_valid(); form.cleaned_data; form.errors; form.as_div();
 *
 * `declared_fields` gathers `static fields` from the base classes down (a subclass's field of the
 * same name wins, `null` removes one). Each instance deep-copies them into `this.fields`.
 * Cleaning is `full_clean()`: `_clean_fields` (each field's `clean()`, then `clean_<name>()`),
 * `_clean_form` (`clean()`), `_post_clean` (ModelForm's hook). It is traced as a span of kind
 * "form" whose `fields` attribute records, per field, the raw value, the cleaned value and each
 * error with the step or validator that raised it — the Forms panel reads it.
 */
import { ValidationError, NON_FIELD_ERRORS } from "../core/exceptions";
import { KeyError, TypeError as PyTypeError, ValueError } from "../../python/builtins";
import { datetime, time } from "../../python/datetime";
import { mark_safe, SafeString } from "../utils/safestring";
import { span_set, to_json, trace_site, tracing_enabled } from "../../../trace";
import type { Json } from "../../../trace";
import { Field, raised_by, mark_raised_by } from "./fields";
import { BoundField } from "./boundfield";
import { ErrorDict, ErrorList } from "./utils";
import { Media, media_of_class, type FormData, type Widget } from "./widgets";
import { form_context, render_div, render_p, render_table, render_ul } from "./renderers";

const FORM = trace_site("form", "django/forms/forms.ts", { eager: true });

export interface FormOptions {
  data?: FormData | null;
  files?: FormData | null;
  auto_id?: string | boolean;
  prefix?: string | null;
  initial?: Record<string, unknown> | null;
  label_suffix?: string | null;
  empty_permitted?: boolean;
  field_order?: string[] | null;
  use_required_attribute?: boolean | null;
}

/** One field's cleaning as the trace records it. */
export interface FieldCleaning {
  field: string;
  type: string;
  raw: Json;
  cleaned?: Json;
  errors: { message: string; code: string | null; raised_by: string | null }[];
  clean_method?: boolean;
}

type FormClass = typeof BaseForm;

/** The fields declared on `cls` and its bases, base first; `null` removes an inherited field. */
export function declared_fields(cls: FormClass): Record<string, Field> {
  const chain: FormClass[] = [];
  for (let c: FormClass | null = cls; c && c !== (BaseForm as unknown); c = Object.getPrototypeOf(c)) chain.unshift(c);
  const out: Record<string, Field> = {};
  for (const c of chain) {
    if (!Object.prototype.hasOwnProperty.call(c, "fields")) continue;
    for (const [name, field] of Object.entries((c as { fields?: Record<string, Field | null> }).fields ?? {})) {
      if (field === null) delete out[name];
      else {
        delete out[name];
        out[name] = field;
      }
    }
  }
  return out;
}

export class BaseForm {
  /** The declared fields (ADR 0007); each instance works on deep copies in `this.fields`. */
  static fields: Record<string, Field | null> = {};
  static field_order: string[] | null = null;
  static prefix: string | null = null;
  static use_required_attribute_default = true;

  /** Django's `base_fields`: the declared fields (a ModelForm adds its model's). */
  static base_fields(): Record<string, Field> {
    return declared_fields(this);
  }

  /** The CSS classes added to rows with errors / of required fields (unset by default). */
  error_css_class: string | null = null;
  required_css_class: string | null = null;

  is_bound: boolean;
  data: FormData;
  files: FormData;
  auto_id: string | boolean;
  prefix: string | null;
  initial: Record<string, unknown>;
  label_suffix: string;
  empty_permitted: boolean;
  use_required_attribute: boolean;
  fields: Record<string, Field>;
  cleaned_data: Record<string, any> = {};
  private _errors: ErrorDict | null = null;
  private _bound_fields_cache = new Map<string, BoundField>();

  constructor(data: FormData | null = null, options: FormOptions = {}) {
    const cls = this.constructor as FormClass;
    this.is_bound = data !== null && data !== undefined;
    this.data = data ?? {};
    this.files = options.files ?? {};
    this.auto_id = options.auto_id === undefined ? "id_%s" : (options.auto_id ?? false);
    this.prefix = options.prefix ?? cls.prefix;
    this.initial = { ...(options.initial ?? {}) };
    this.label_suffix = options.label_suffix ?? ":";
    this.empty_permitted = options.empty_permitted ?? false;
    this.use_required_attribute = options.use_required_attribute ?? cls.use_required_attribute_default;
    if (this.empty_permitted && this.use_required_attribute)
      throw new ValueError("The empty_permitted and use_required_attribute arguments may not both be True.");
    this.fields = {};
    for (const [name, field] of Object.entries(cls.base_fields())) this.fields[name] = field.__deepcopy__();
    this.order_fields(options.field_order ?? cls.field_order);
  }

  /** Put the named fields first, in that order; the rest keep their declaration order. */
  order_fields(field_order: string[] | null): void {
    if (!field_order) return;
    const fields: Record<string, Field> = {};
    for (const key of field_order) if (key in this.fields) fields[key] = this.fields[key];
    for (const [key, f] of Object.entries(this.fields)) if (!(key in fields)) fields[key] = f;
    this.fields = fields;
  }

  /** Django's `form[name]`: the BoundField (cached). KeyError for an unknown name. */
  bf(name: string): BoundField {
    let bound = this._bound_fields_cache.get(name);
    if (!bound) {
      const field = this.fields[name];
      if (!field) throw new KeyError(`Key '${name}' not found in '${this.constructor.name}'. Choices are: ${Object.keys(this.fields).sort().join(", ")}.`);
      bound = new BoundField(this, field, name);
      this._bound_fields_cache.set(name, bound);
    }
    return bound;
  }

  /** `form[name]` in Python's item protocol: what a template's `{{ form.title }}` finds first. */
  __getitem__(name: string): BoundField {
    return this.bf(name);
  }

  *[Symbol.iterator](): Iterator<BoundField> {
    for (const name of Object.keys(this.fields)) yield this.bf(name);
  }

  _bound_items(): [string, BoundField][] {
    return Object.keys(this.fields).map((name) => [name, this.bf(name)]);
  }

  /** The errors, cleaning the form first if needed. */
  get errors(): ErrorDict {
    if (this._errors === null) this.full_clean();
    return this._errors!;
  }

  is_valid(): boolean {
    return this.is_bound && this.errors.size === 0;
  }

  add_prefix(field_name: string): string {
    return this.prefix ? `${this.prefix}-${field_name}` : field_name;
  }

  add_initial_prefix(field_name: string): string {
    return `initial-${this.add_prefix(field_name)}`;
  }

  _widget_data_value(widget: Widget, html_name: string): unknown {
    return widget.value_from_datadict(this.data, this.files, html_name);
  }

  /** The form's `initial` for the field, else the field's; a callable is called. */
  get_initial_for_field(field: Field, field_name: string): unknown {
    let value = field_name in this.initial ? this.initial[field_name] : field.initial;
    if (typeof value === "function") value = (value as () => unknown)();
    if ((value instanceof datetime || value instanceof time) && !field.widget.supports_microseconds && value.microsecond) {
      value = value instanceof datetime ? value.replace({ microsecond: 0 }) : new time(value.hour, value.minute, value.second, 0, value.tzinfo);
    }
    return value;
  }

  non_field_errors(): ErrorList {
    return this.errors.get(NON_FIELD_ERRORS) ?? new ErrorList([], { error_class: "nonfield" });
  }

  /**
   * Record `error` against `field` (null: a non-field error). A dict ValidationError spreads over
   * its fields. The field leaves `cleaned_data`.
   */
  add_error(field: string | null, error: ValidationError | string | string[] | Record<string, unknown>): void {
    const err = error instanceof ValidationError ? error : new ValidationError(error);
    let by_field: Record<string, (ValidationError | string)[]>;
    if (err.error_dict) {
      if (field !== null) throw new PyTypeError("The argument `field` must be `None` when the `error` argument contains errors for multiple fields.");
      by_field = err.error_dict;
    } else by_field = { [field ?? NON_FIELD_ERRORS]: err.error_list };
    for (const [name, list] of Object.entries(by_field)) {
      if (!this._errors!.has(name)) {
        if (name !== NON_FIELD_ERRORS && !(name in this.fields)) throw new ValueError(`'${this.constructor.name}' has no field named '${name}'.`);
        const options = name === NON_FIELD_ERRORS ? { error_class: "nonfield" } : { field_id: this.bf(name).auto_id || null };
        this._errors!.set(name, new ErrorList([], options));
      }
      this._errors!.get(name)!.push(...list);
      if (name in this.cleaned_data) delete this.cleaned_data[name];
    }
  }

  has_error(field: string, code: string | null = null): boolean {
    const list = this.errors.get(field);
    return !!list && (code === null ? true : list.as_data().some((e) => e.code === code));
  }

  /** Clean every field, then the form; fills `cleaned_data` and `errors`. Traced ("form"). */
  full_clean(): void {
    this._errors = new ErrorDict();
    if (!this.is_bound) return;
    this.cleaned_data = {};
    if (this.empty_permitted && !this.has_changed()) return;
    const name = `${this.constructor.name}.full_clean`;
    FORM.run(name, () => ({ form: this.constructor.name, prefix: this.prefix }), (span) => {
      const report: FieldCleaning[] = [];
      this._clean_fields(report);
      this._clean_form();
      this._post_clean();
      if (tracing_enabled()) {
        for (const entry of report) entry.errors = describe_errors(this._errors!.get(entry.field));
        span_set(span, () => ({ fields: report as unknown as Json, non_field_errors: describe_errors(this._errors!.get(NON_FIELD_ERRORS)) as unknown as Json, is_valid: this._errors!.size === 0 }));
      }
    });
  }

  /** Each field: `field.clean(raw)` then `clean_<name>()`; a ValidationError becomes the field's error. */
  _clean_fields(report: FieldCleaning[] = []): void {
    for (const [name, bf] of this._bound_items()) {
      const field = bf.field;
      const raw = field.disabled ? bf.initial : bf.data;
      const entry: FieldCleaning = { field: name, type: field.constructor.name, raw: to_json(raw), errors: [] };
      report.push(entry);
      try {
        this.cleaned_data[name] = field.clean(raw);
        const method = (this as unknown as Record<string, unknown>)[`clean_${name}`];
        if (typeof method === "function") {
          entry.clean_method = true;
          this.cleaned_data[name] = run_step(`clean_${name}`, () => method.call(this));
        }
        entry.cleaned = to_json(this.cleaned_data[name]);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        this.add_error(name, e);
      }
    }
  }

  /** `clean()`; a ValidationError is a non-field error; a returned object replaces cleaned_data. */
  _clean_form(): void {
    let cleaned: Record<string, unknown> | null | void;
    try {
      cleaned = run_step("clean()", () => this.clean());
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      this.add_error(null, e);
      return;
    }
    if (cleaned !== null && cleaned !== undefined) this.cleaned_data = cleaned;
  }

  /** A hook after cleaning (ModelForm validates the model instance here). */
  _post_clean(): void {}

  /** Cross-field validation; override it (call `super.clean()` or return `this.cleaned_data`). */
  clean(): Record<string, unknown> | null | void {
    return this.cleaned_data;
  }

  /** Names of the fields whose data differs from their initial value. */
  get changed_data(): string[] {
    return this._bound_items()
      .filter(([, bf]) => bf._has_changed())
      .map(([name]) => name);
  }

  has_changed(): boolean {
    return this.changed_data.length > 0;
  }

  /** The BoundFields whose widget is hidden (a template puts them together, out of the layout). */
  hidden_fields(): BoundField[] {
    return [...this].filter((bf) => bf.is_hidden);
  }

  visible_fields(): BoundField[] {
    return [...this].filter((bf) => !bf.is_hidden);
  }

  /** The media of every field's widget, then the form class's own `static Media`. */
  get media(): Media {
    return media_of_class(this.constructor, () => Object.values(this.fields).reduce((m, field) => m.add(field.widget.media), new Media()));
  }

  is_multipart(): boolean {
    return Object.values(this.fields).some((f) => f.widget.needs_multipart_form);
  }

  as_div(): SafeString {
    return mark_safe(render_div(form_context(this)));
  }

  as_p(): SafeString {
    return mark_safe(render_p(form_context(this)));
  }

  as_table(): SafeString {
    return mark_safe(render_table(form_context(this)));
  }

  as_ul(): SafeString {
    return mark_safe(render_ul(form_context(this)));
  }

  /** `str(form)` is `as_div()` in Django 5. */
  render(): SafeString {
    return this.as_div();
  }

  __html__(): SafeString {
    return this.render();
  }

  toString(): string {
    return this.render().valueOf();
  }
}

/** Run a form-level step, labelling its ValidationErrors with the step's name. */
function run_step<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValidationError) mark_raised_by(e, name);
    throw e;
  }
}

function describe_errors(list: ErrorList | undefined): FieldCleaning["errors"] {
  return (list ?? []).map((e) =>
    e instanceof ValidationError ? { message: e.formatted(), code: e.code, raised_by: raised_by(e) } : { message: e, code: null, raised_by: null },
  );
}

/** `forms.Form`: a BaseForm whose fields are declared in `static fields`. */
export class Form extends BaseForm {}
