/**
 * django.forms.formsets: one Form class + submitted data → several forms on one page (a FormSet).
 *
 *   const ArticleFormSet = formset_factory(ArticleForm, { extra: 2, can_delete: true });
 *   const formset = new ArticleFormSet(request.POST);     // bound; `new ArticleFormSet()` is unbound
 *   if (formset.is_valid()) for (const form of formset) form.cleaned_data …
 *
 * The page posts a management form with the counts (`form-TOTAL_FORMS`, `form-INITIAL_FORMS`,
 * `form-MIN_NUM_FORMS`, `form-MAX_NUM_FORMS`) and each form's fields under `form-<i>-<name>`.
 * A formset whose management form is missing or tampered with is invalid with Django's
 * "ManagementForm data is missing or has been tampered with" error. Extra forms left blank are
 * skipped (empty_permitted); `can_delete` adds a DELETE checkbox, `can_order` an ORDER number;
 * `min_num`/`max_num` with `validate_min`/`validate_max` bound the count. The main class is
 * BaseFormSet; `empty_form` (prefix `__prefix__`) is the template the admin's "Add another" clones.
 */
import { ValidationError } from "../core/exceptions";
import { AttributeError, IndexError, TypeError, ValueError } from "../../python/builtins";
import { mark_safe, type SafeString } from "../utils/safestring";
import { BooleanField, IntegerField } from "./fields";
import { BaseForm, Form, type FormOptions } from "./forms";
import { ErrorList } from "./utils";
import { CheckboxInput, HiddenInput, NumberInput, type FormData, type Widget } from "./widgets";

export const TOTAL_FORM_COUNT = "TOTAL_FORMS";
export const INITIAL_FORM_COUNT = "INITIAL_FORMS";
export const MIN_NUM_FORM_COUNT = "MIN_NUM_FORMS";
export const MAX_NUM_FORM_COUNT = "MAX_NUM_FORMS";
export const ORDERING_FIELD_NAME = "ORDER";
export const DELETION_FIELD_NAME = "DELETE";
export const DEFAULT_MIN_NUM = 0;
export const DEFAULT_MAX_NUM = 1000;

/** The hidden counts every formset posts; only TOTAL_FORMS and INITIAL_FORMS are checked. */
export class ManagementForm extends Form {
  static override fields = {
    TOTAL_FORMS: new IntegerField({ widget: HiddenInput }),
    INITIAL_FORMS: new IntegerField({ widget: HiddenInput }),
    MIN_NUM_FORMS: new IntegerField({ required: false, widget: HiddenInput }),
    MAX_NUM_FORMS: new IntegerField({ required: false, widget: HiddenInput }),
  };

  override clean(): Record<string, unknown> {
    const cleaned = super.clean() as Record<string, unknown>;
    if (!(TOTAL_FORM_COUNT in cleaned)) cleaned[TOTAL_FORM_COUNT] = 0;
    if (!(INITIAL_FORM_COUNT in cleaned)) cleaned[INITIAL_FORM_COUNT] = 0;
    return cleaned;
  }
}

type FormClass = new (data?: FormData | null, options?: any) => BaseForm;

export interface FormSetOptions {
  files?: FormData | null;
  auto_id?: string;
  prefix?: string | null;
  initial?: Record<string, unknown>[] | null;
  error_class?: typeof ErrorList;
  form_kwargs?: Record<string, unknown> | null;
  error_messages?: Record<string, string> | null;
}

/** The keyword arguments a formset class (model and inline formsets included) accepts. */
const FORMSET_KEYWORDS = new Set(["data", "files", "auto_id", "prefix", "initial", "error_class", "form_kwargs", "error_messages", "queryset", "instance", "save_as_new"]);

const is_plain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;

/**
 * A formset's arguments as Python accepts them (ADR 0014): `FormSet(request.POST, request.FILES,
 * { prefix })` (data and files positional), `FormSet(request.POST, { prefix })`, and keywords
 * alone, `FormSet({ initial: [...] })` — an object whose every key is a formset keyword.
 */
export function formset_arguments<O extends FormSetOptions>(data: unknown, files_or_options: unknown, options: O | undefined): [FormData | null, O] {
  if (files_or_options === undefined && options === undefined && is_plain(data) && Object.keys(data).length && Object.keys(data).every((k) => FORMSET_KEYWORDS.has(k))) {
    const { data: d = null, ...rest } = data as { data?: FormData | null };
    return [d, rest as O];
  }
  if (is_plain(files_or_options) && options === undefined) return [(data ?? null) as FormData | null, files_or_options as O];
  const given = (options ?? {}) as O;
  return [(data ?? null) as FormData | null, files_or_options === undefined ? given : { ...given, files: files_or_options as FormData | null }];
}

/** A collection of forms of one class (Django's BaseFormSet). */
export class BaseFormSet {
  static form: FormClass = Form as unknown as FormClass;
  static extra = 1;
  static can_order = false;
  static can_delete = false;
  static can_delete_extra = true;
  static min_num = DEFAULT_MIN_NUM;
  static max_num = DEFAULT_MAX_NUM;
  static absolute_max = DEFAULT_MAX_NUM * 2;
  static validate_min = false;
  static validate_max = false;
  static deletion_widget: new (attrs?: any) => Widget = CheckboxInput;
  static ordering_widget: new (attrs?: any) => Widget = NumberInput;
  static default_error_messages: Record<string, string> = {
    missing_management_form: "ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. You may need to file a bug report if the issue persists.",
    too_many_forms: "Please submit at most %(num)d form.|Please submit at most %(num)d forms.",
    too_few_forms: "Please submit at least %(num)d form.|Please submit at least %(num)d forms.",
  };

  is_bound: boolean;
  prefix: string;
  auto_id: string;
  data: FormData;
  files: FormData;
  initial: Record<string, unknown>[] | null;
  form_kwargs: Record<string, unknown>;
  error_class: typeof ErrorList;
  error_messages: Record<string, string>;
  private _errors: any[] | null = null;
  private _non_form_errors: ErrorList | null = null;
  private _management_form: ManagementForm | null = null;
  private _forms: BaseForm[] | null = null;
  private _deleted_form_indexes: number[] | null = null;

  constructor(data_or_keywords: FormData | FormSetOptions | null = null, files_or_options?: FormData | FormSetOptions | null, keywords?: FormSetOptions) {
    const [data, options] = formset_arguments(data_or_keywords, files_or_options, keywords);
    const cls = this.constructor as typeof BaseFormSet;
    this.is_bound = (data !== null && data !== undefined) || (options.files !== null && options.files !== undefined);
    this.prefix = options.prefix || cls.get_default_prefix();
    this.auto_id = options.auto_id ?? "id_%s";
    this.data = data ?? {};
    this.files = options.files ?? {};
    this.initial = options.initial ?? null;
    this.form_kwargs = options.form_kwargs ?? {};
    this.error_class = options.error_class ?? ErrorList;
    const messages: Record<string, string> = {};
    const chain: (typeof BaseFormSet)[] = [];
    for (let c: any = cls; c && c !== Object; c = Object.getPrototypeOf(c)) chain.unshift(c);
    for (const c of chain) if (Object.prototype.hasOwnProperty.call(c, "default_error_messages")) Object.assign(messages, c.default_error_messages);
    this.error_messages = { ...messages, ...(options.error_messages ?? {}) };
  }

  // Class attributes, read per instance as Python reads `self.extra`.
  get form(): FormClass {
    return (this.constructor as typeof BaseFormSet).form;
  }
  get extra(): number {
    return (this.constructor as typeof BaseFormSet).extra;
  }
  get can_order(): boolean {
    return (this.constructor as typeof BaseFormSet).can_order;
  }
  get can_delete(): boolean {
    return (this.constructor as typeof BaseFormSet).can_delete;
  }
  get can_delete_extra(): boolean {
    return (this.constructor as typeof BaseFormSet).can_delete_extra;
  }
  get min_num(): number {
    return (this.constructor as typeof BaseFormSet).min_num;
  }
  get max_num(): number {
    return (this.constructor as typeof BaseFormSet).max_num;
  }
  get absolute_max(): number {
    return (this.constructor as typeof BaseFormSet).absolute_max;
  }
  get validate_min(): boolean {
    return (this.constructor as typeof BaseFormSet).validate_min;
  }
  get validate_max(): boolean {
    return (this.constructor as typeof BaseFormSet).validate_max;
  }

  *[Symbol.iterator](): Iterator<BaseForm> {
    yield* this.forms;
  }

  /** `formset[i]` (and `len(formset)` through `length`). */
  __getitem__(index: number | string): BaseForm {
    if (!/^-?\d+$/.test(String(index))) throw new TypeError("list indices must be integers or slices, not str");
    const i = Number(index);
    const form = this.forms[i < 0 ? this.forms.length + i : i];
    if (form === undefined) throw new IndexError("list index out of range");
    return form;
  }

  get length(): number {
    return this.forms.length;
  }

  __repr__(): string {
    const is_valid = this._errors === null ? "Unknown" : this.is_bound && !this._non_form_errors?.length && !this._errors.some((e) => e.size) ? "True" : "False";
    return `<${this.constructor.name}: bound=${this.is_bound ? "True" : "False"} valid=${is_valid} total_forms=${this.total_form_count()}>`;
  }

  /** The management form: bound to the data (and cleaned), or unbound with the counts as initial. */
  get management_form(): ManagementForm {
    if (this._management_form) return this._management_form;
    let form: ManagementForm;
    if (this.is_bound) {
      form = new ManagementForm(this.data, { auto_id: this.auto_id, prefix: this.prefix });
      form.full_clean();
    } else {
      form = new ManagementForm(null, {
        auto_id: this.auto_id,
        prefix: this.prefix,
        initial: { [TOTAL_FORM_COUNT]: this.total_form_count(), [INITIAL_FORM_COUNT]: this.initial_form_count(), [MIN_NUM_FORM_COUNT]: this.min_num, [MAX_NUM_FORM_COUNT]: this.max_num },
      });
    }
    this._management_form = form;
    return form;
  }

  /** Bound: the posted TOTAL_FORMS (at most absolute_max); unbound: initial + extra within max_num. */
  total_form_count(): number {
    if (this.is_bound) return Math.min(this.management_form.cleaned_data[TOTAL_FORM_COUNT] as number, this.absolute_max);
    const initial_forms = this.initial_form_count();
    let total_forms = Math.max(initial_forms, this.min_num) + this.extra;
    if (initial_forms > this.max_num && this.max_num >= 0) total_forms = initial_forms;
    else if (total_forms > this.max_num && this.max_num >= 0) total_forms = this.max_num;
    return total_forms;
  }

  initial_form_count(): number {
    if (this.is_bound) return this.management_form.cleaned_data[INITIAL_FORM_COUNT] as number;
    return this.initial ? this.initial.length : 0;
  }

  /** The forms, built on first access. */
  get forms(): BaseForm[] {
    if (this._forms === null) {
      const forms: BaseForm[] = [];
      for (let i = 0; i < this.total_form_count(); i++) forms.push(this._construct_form(i, this.get_form_kwargs(i)));
      this._forms = forms;
    }
    return this._forms;
  }

  get_form_kwargs(_index: number | null): Record<string, unknown> {
    return { ...this.form_kwargs };
  }

  /** The i-th form: prefix `<prefix>-<i>`, no `required` attributes, extra forms may stay empty. */
  _construct_form(i: number, kwargs: Record<string, unknown> = {}): BaseForm {
    const defaults: Record<string, unknown> = { auto_id: this.auto_id, prefix: this.add_prefix(i), error_class: this.error_class, use_required_attribute: false };
    if (this.initial && !("initial" in kwargs) && i < this.initial.length) defaults.initial = this.initial[i];
    if (i >= this.initial_form_count() && i >= this.min_num) defaults.empty_permitted = true;
    const options = { ...defaults, ...kwargs };
    const form = new this.form(this.is_bound ? this.data : null, { ...options, files: this.is_bound ? this.files : null } as FormOptions);
    this.add_fields(form, i);
    return form;
  }

  get initial_forms(): BaseForm[] {
    return this.forms.slice(0, this.initial_form_count());
  }

  get extra_forms(): BaseForm[] {
    return this.forms.slice(this.initial_form_count());
  }

  /** The form the page clones for "Add another": prefix `__prefix__`, never bound. */
  get empty_form(): BaseForm {
    const form = new this.form(null, { ...this.get_form_kwargs(null), auto_id: this.auto_id, prefix: this.add_prefix("__prefix__"), empty_permitted: true, use_required_attribute: false } as FormOptions);
    this.add_fields(form, null);
    return form;
  }

  get cleaned_data(): Record<string, unknown>[] {
    if (!this.is_valid()) throw new AttributeError(`'${this.constructor.name}' object has no attribute 'cleaned_data'`);
    return this.forms.map((form) => form.cleaned_data);
  }

  /** The forms whose DELETE box was checked (extra forms left blank do not count). */
  get deleted_forms(): BaseForm[] {
    if (!this.is_valid() || !this.can_delete) return [];
    if (this._deleted_form_indexes === null) {
      this._deleted_form_indexes = [];
      this.forms.forEach((form, i) => {
        if (i >= this.initial_form_count() && !form.has_changed()) return;
        if (this._should_delete_form(form)) this._deleted_form_indexes!.push(i);
      });
    }
    return this._deleted_form_indexes.map((i) => this.forms[i]);
  }

  /** The forms in the order of their ORDER values (blank last); deleted ones left out. */
  get ordered_forms(): BaseForm[] {
    if (!this.is_valid() || !this.can_order) throw new AttributeError(`'${this.constructor.name}' object has no attribute 'ordered_forms'`);
    const ordering: [number, number | null][] = [];
    this.forms.forEach((form, i) => {
      if (i >= this.initial_form_count() && !form.has_changed()) return;
      if (this.can_delete && this._should_delete_form(form)) return;
      ordering.push([i, (form.cleaned_data[ORDERING_FIELD_NAME] as number | null) ?? null]);
    });
    ordering.sort((a, b) => (a[1] === null ? Infinity : a[1]) - (b[1] === null ? Infinity : b[1]));
    return ordering.map(([i]) => this.forms[i]);
  }

  static get_default_prefix(): string {
    return "form";
  }

  static get_deletion_widget(): new (attrs?: any) => Widget {
    return this.deletion_widget;
  }

  static get_ordering_widget(): new (attrs?: any) => Widget {
    return this.ordering_widget;
  }

  /** Errors from `clean()` and the management form, not tied to one form. */
  non_form_errors(): ErrorList {
    if (this._non_form_errors === null) this.full_clean();
    return this._non_form_errors!;
  }

  /** One ErrorDict per form (deleted forms left out). */
  get errors(): any[] {
    if (this._errors === null) this.full_clean();
    return this._errors!;
  }

  total_error_count(): number {
    return this.non_form_errors().length + this.errors.reduce((n, e) => n + e.size, 0);
  }

  _should_delete_form(form: BaseForm): boolean {
    return Boolean(form.cleaned_data?.[DELETION_FIELD_NAME]);
  }

  is_valid(): boolean {
    if (!this.is_bound) return false;
    void this.errors;
    const forms_valid = this.forms.map((form) => (this.can_delete && this._should_delete_form(form) ? true : form.is_valid())).every(Boolean);
    return forms_valid && !this.non_form_errors().length;
  }

  /** Clean every form, then the counts, then `clean()`. */
  full_clean(): void {
    this._errors = [];
    this._non_form_errors = new this.error_class([], { error_class: "nonform" });
    let empty_forms_count = 0;
    if (!this.is_bound) return;
    if (!this.management_form.is_valid()) {
      const field_names = [...this.management_form.errors.keys()].map((n) => this.management_form.add_prefix(n)).join(", ");
      this._non_form_errors.push(new ValidationError(this.error_messages.missing_management_form, { code: "missing_management_form", params: { field_names } }));
    }
    this.forms.forEach((form, i) => {
      if (!form.has_changed() && i >= this.initial_form_count()) empty_forms_count += 1;
      const form_errors = form.errors;
      if (this.can_delete && this._should_delete_form(form)) return;
      this._errors!.push(form_errors);
    });
    try {
      if ((this.validate_max && this.total_form_count() - this.deleted_forms.length > this.max_num) || (this.management_form.cleaned_data[TOTAL_FORM_COUNT] as number) > this.absolute_max)
        throw new ValidationError(plural(this.error_messages.too_many_forms, this.max_num), { code: "too_many_forms" });
      if (this.validate_min && this.total_form_count() - this.deleted_forms.length - empty_forms_count < this.min_num)
        throw new ValidationError(plural(this.error_messages.too_few_forms, this.min_num), { code: "too_few_forms" });
      this.clean();
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      this._non_form_errors = new this.error_class(e.error_list, { error_class: "nonform" });
    }
  }

  /** Cross-form validation: raise ValidationError for a non-form error. */
  clean(): void {}

  has_changed(): boolean {
    return this.forms.some((form) => form.has_changed());
  }

  /** The ORDER and DELETE fields, added to every form. */
  add_fields(form: BaseForm, index: number | null): void {
    const cls = this.constructor as typeof BaseFormSet;
    const initial_form_count = this.initial_form_count();
    if (this.can_order) {
      const initial = index !== null && index < initial_form_count ? { initial: index + 1 } : {};
      form.fields[ORDERING_FIELD_NAME] = new IntegerField({ label: "Order", required: false, widget: cls.get_ordering_widget(), ...initial });
    }
    if (this.can_delete && (this.can_delete_extra || (index !== null && index < initial_form_count)))
      form.fields[DELETION_FIELD_NAME] = new BooleanField({ label: "Delete", required: false, widget: cls.get_deletion_widget() });
  }

  add_prefix(index: number | string): string {
    return `${this.prefix}-${index}`;
  }

  is_multipart(): boolean {
    return this.forms.length ? this.forms[0].is_multipart() : this.empty_form.is_multipart();
  }

  get media(): unknown {
    return this.forms.length ? this.forms[0].media : this.empty_form.media;
  }

  /** `{{ formset }}`: the management form, then each form as a div. */
  render(): SafeString {
    return this.as_div();
  }

  as_div(): SafeString {
    return mark_safe(`${this.management_form}${this.forms.map((f) => f.as_div()).join("")}`);
  }

  as_p(): SafeString {
    return mark_safe(`${this.management_form}${this.forms.map((f) => f.as_p()).join("")}`);
  }

  as_table(): SafeString {
    return mark_safe(`${this.management_form}${this.forms.map((f) => f.as_table()).join(" ")}`);
  }

  as_ul(): SafeString {
    return mark_safe(`${this.management_form}${this.forms.map((f) => f.as_ul()).join("")}`);
  }

  __html__(): SafeString {
    return this.render();
  }

  toString(): string {
    return this.render().valueOf();
  }
}

/** `ngettext`'s choice for an English "one|many" message, then `%(num)d`. */
function plural(message: string, num: number): string {
  const [one, many] = message.split("|");
  return (num === 1 ? one : (many ?? one)).replace("%(num)d", String(num));
}

export interface FormSetFactoryOptions {
  formset?: typeof BaseFormSet;
  extra?: number;
  can_order?: boolean;
  can_delete?: boolean;
  max_num?: number | null;
  validate_max?: boolean;
  min_num?: number | null;
  validate_min?: boolean;
  absolute_max?: number | null;
  can_delete_extra?: boolean;
}

/** `formset_factory(ArticleForm, { extra: 2 })` → a FormSet class named `ArticleFormSet`. */
export function formset_factory(form: FormClass | typeof BaseForm, options: FormSetFactoryOptions = {}): typeof BaseFormSet {
  const min_num = options.min_num ?? DEFAULT_MIN_NUM;
  const max_num = options.max_num ?? DEFAULT_MAX_NUM;
  const absolute_max = options.absolute_max ?? max_num + DEFAULT_MAX_NUM;
  if (max_num > absolute_max) throw new ValueError("'absolute_max' must be greater or equal to 'max_num'.");
  const base = options.formset ?? BaseFormSet;
  const cls = class extends base {};
  Object.assign(cls, {
    form,
    extra: options.extra ?? 1,
    can_order: options.can_order ?? false,
    can_delete: options.can_delete ?? false,
    can_delete_extra: options.can_delete_extra ?? true,
    min_num,
    max_num,
    absolute_max,
    validate_min: options.validate_min ?? false,
    validate_max: options.validate_max ?? false,
  });
  const form_name = form.name;
  Object.defineProperty(cls, "name", { value: form_name.endsWith("Form") ? `${form_name}Set` : `${form_name}FormSet` });
  return cls;
}

/** Validate every formset (each one, even after a failure) and say whether all are valid. */
export function all_valid(formsets: Iterable<BaseFormSet>): boolean {
  return [...formsets].map((fs) => fs.is_valid()).every(Boolean);
}
