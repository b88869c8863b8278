/**
 * django.forms.models: a model class → a form for it (ModelForm), and a cleaned form → a saved
 * model instance.
 *
 *   class PostForm extends forms.ModelForm {
 *     static Meta = { model: Post, fields: ["title", "body"] };
 *   }
 *   const form = new PostForm(request.POST, { instance: post });
 *   if (form.is_valid()) form.save();
 *
 * `fields_for_model` maps each editable model field to a form field by its internal type
 * (`model_field_to_formfield`: CharField → CharField with max_length, TextField → Textarea,
 * ForeignKey → ModelChoiceField, choices → TypedChoiceField…), with `required = !blank`,
 * `label = capfirst(verbose_name)`, `help_text` and the default as `initial`. After the form's own
 * cleaning, `_post_clean` copies cleaned values onto the instance and runs the model's
 * `full_clean` (field validation) and `validate_unique`, turning their errors into form errors.
 */
import { FieldError, ValidationError, ImproperlyConfigured } from "../core/exceptions";
import { ValueError } from "../../python/builtins";
import { py_str } from "../../python/operator";
import { capfirst } from "../utils/text";
import * as f from "./fields";
import * as widgets from "./widgets";
import { BaseForm, declared_fields, type FormOptions } from "./forms";
import { BaseFormSet, formset_arguments, formset_factory, type FormSetFactoryOptions, type FormSetOptions } from "./formsets";

/** The Meta objects of inline formsets' forms whose foreign key the formset appended to `fields`. */
const added_foreign_keys = new WeakSet<object>();

type ModelFormSetOptions = FormSetOptions & { queryset?: any; initial?: Record<string, unknown>[] | null };
type InlineFormSetOptions = FormSetOptions & { instance?: any; save_as_new?: boolean; queryset?: any };

/** The parts of an ORM model field a form needs (db/models/fields). */
interface ModelFieldLike {
  name: string;
  attname: string;
  editable: boolean;
  blank: boolean;
  null: boolean;
  primary_key: boolean;
  auto_created: boolean;
  verbose_name: string | null;
  help_text: string;
  max_length: number | null;
  choices: unknown;
  many_to_many: boolean | null;
  remote_field: any;
  get_internal_type(): string;
  has_default(): boolean;
  get_default(): unknown;
  to_python?(value: unknown): unknown;
  [key: string]: any;
}

interface ModelLike {
  new (kwargs?: Record<string, unknown>): any;
  _meta: { object_name: string; fields: ModelFieldLike[]; many_to_many?: ModelFieldLike[]; concrete_fields?: ModelFieldLike[] };
  _default_manager: any;
}

export interface ModelFormMeta {
  model: ModelLike;
  fields?: string[] | "__all__";
  /** Django's `formfield_callback(db_field, **kwargs)`: the form field of each model field (the admin's widgets). */
  formfield_callback?: ((db_field: any, defaults: Record<string, unknown>) => f.Field | null) | null;
  exclude?: string[];
  widgets?: Record<string, widgets.Widget>;
  labels?: Record<string, string>;
  help_texts?: Record<string, string>;
  error_messages?: Record<string, Record<string, string>>;
}

/** A choice of one model instance from a queryset; the value is the instance's pk. */
export class ModelChoiceField extends f.ChoiceField {
  static override default_error_messages: Record<string, string> = {
    invalid_choice: "Select a valid choice. That choice is not one of the available choices.",
  };
  queryset: any;
  empty_label: string | null;
  to_field_name: string | null;

  constructor(queryset: any, options: f.ChoiceFieldOptions & { empty_label?: string | null; to_field_name?: string | null; blank?: boolean } = {}) {
    const { empty_label, to_field_name, blank, ...rest } = options;
    void to_field_name;
    super({ ...rest, choices: [] });
    this.queryset = queryset;
    // A required field with an initial value, or radio buttons on a non-blank field, offer no "---------".
    const required = rest.required ?? true;
    if ((required && rest.initial !== undefined && rest.initial !== null) || (this.widget instanceof widgets.RadioSelect && !blank)) this.empty_label = null;
    else this.empty_label = empty_label === undefined ? "---------" : empty_label;
    this.to_field_name = options.to_field_name ?? null;
    this.choices = () => this.build_choices();
  }

  private build_choices(): widgets.Choice[] {
    const rows = this.queryset ? [...this.queryset.all()] : [];
    const choices: widgets.Choice[] = rows.map((obj: any) => [this.key_of(obj), py_str(obj)]);
    return this.empty_label !== null ? [["", this.empty_label], ...choices] : choices;
  }

  private key_of(obj: any): unknown {
    return this.to_field_name ? obj[this.to_field_name] : obj.pk;
  }

  override prepare_value(value: unknown): unknown {
    if (value && typeof value === "object" && "pk" in (value as object)) return this.key_of(value);
    return value;
  }

  override to_python(value: unknown): unknown {
    if (this.is_empty(value)) return null;
    const key = this.to_field_name ?? "pk";
    try {
      return this.queryset.get({ [key]: value });
    } catch {
      throw new ValidationError(this.error_messages.invalid_choice, { code: "invalid_choice", params: { value } });
    }
  }

  override validate(value: unknown): void {
    f.Field.prototype.validate.call(this, value);
  }

  override has_changed(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    return py_str(this.prepare_value(initial ?? "")) !== py_str(data ?? "");
  }
}

/** Several model instances; cleaned to a list of instances. */
export class ModelMultipleChoiceField extends ModelChoiceField {
  static override widget: new (attrs?: widgets.Attrs | null) => widgets.Widget = widgets.SelectMultiple;
  static override default_error_messages: Record<string, string> = {
    invalid_list: "Enter a list of values.",
    invalid_choice: "Select a valid choice. %(value)s is not one of the available choices.",
    invalid_pk_value: "“%(pk)s” is not a valid value.",
  };

  constructor(queryset: any, options: f.ChoiceFieldOptions = {}) {
    super(queryset, { ...options, empty_label: null });
  }

  override to_python(value: unknown): unknown {
    if (!value || (Array.isArray(value) && !value.length)) return [];
    if (!Array.isArray(value)) throw new ValidationError(this.error_messages.invalid_list, { code: "invalid_list" });
    return value.map((v) => super.to_python(v));
  }

  override clean(value: unknown): unknown {
    const list = Array.isArray(value) ? value : value ? [value] : [];
    if (this.required && !list.length) throw new ValidationError(this.error_messages.required, { code: "required" });
    if (!this.required && !list.length) return [];
    return this.to_python(list);
  }
}

/**
 * One model field → its form field (Django's `Field.formfield(**kwargs)`), or null for fields a form
 * does not edit. `kwargs` override the defaults: `form_class`, `widget`, `queryset`,
 * `empty_label`, `choices_form_class`… (the admin passes its widgets this way).
 */
export function model_field_to_formfield(field: ModelFieldLike, kwargs: Record<string, unknown> = {}): f.Field | null {
  if (!field.editable || field.auto_created) return null;
  const type = field.get_internal_type();
  if (type.endsWith("AutoField")) return null;
  const defaults: Record<string, unknown> = {
    required: !field.blank,
    label: capfirst(field.verbose_name ?? field.name.replace(/_/g, " ")),
    help_text: field.help_text ?? "",
  };
  if (field.has_default()) {
    const default_value = (field as { default?: unknown }).default;
    if (typeof default_value === "function") {
      defaults.initial = default_value;
      defaults.show_hidden_initial = true;
    } else defaults.initial = field.get_default();
  }
  const { form_class, choices_form_class, ...options } = kwargs as { form_class?: new (o: any) => f.Field; choices_form_class?: new (o: any) => f.Field };
  if (field.choices && (field.choices as unknown[]).length) return choices_formfield(field, defaults, options, choices_form_class ?? null);
  if (field.remote_field && !field.many_to_many) {
    const { queryset, ...rest } = options as { queryset?: unknown };
    return new ModelChoiceField(queryset ?? field.remote_field.model._default_manager, { ...defaults, blank: field.blank, ...rest });
  }
  if (field.many_to_many) {
    const { queryset, ...rest } = options as { queryset?: unknown };
    return new ModelMultipleChoiceField(queryset ?? field.remote_field.model._default_manager, { ...defaults, required: !field.blank, ...rest });
  }
  return simple_formfield(type, field, defaults, options, form_class ?? null);
}

function choices_formfield(field: ModelFieldLike, defaults: Record<string, unknown>, options: Record<string, unknown>, choices_form_class: (new (o: any) => f.Field) | null): f.Field {
  const include_blank = field.blank || !(field.has_default() || "initial" in defaults);
  const choices = [...(include_blank ? [["", "---------"]] : []), ...(field.choices as unknown[])];
  const coerce = field.to_python ? (v: unknown) => field.to_python!(v) : (v: unknown) => v;
  const cls = choices_form_class ?? f.TypedChoiceField;
  return new cls({ ...defaults, choices, coerce, empty_value: field.null ? null : "", ...options });
}

function simple_formfield(type: string, field: ModelFieldLike, defaults: Record<string, unknown>, options: Record<string, unknown>, form_class: (new (o: any) => f.Field) | null): f.Field | null {
  const text = { ...defaults, max_length: field.max_length, empty_value: field.null ? null : "" };
  const make = (cls: new (o: any) => f.Field, base: Record<string, unknown>) => new (form_class ?? cls)({ ...base, ...options });
  switch (type) {
    case "CharField":
      return make(f.CharField, text);
    case "TextField":
      return make(f.CharField, { ...text, widget: widgets.Textarea });
    case "SlugField":
      return make(f.SlugField, text);
    case "EmailField":
      return make(f.EmailField, text);
    case "URLField":
      return make(f.URLField, text);
    case "IntegerField":
    case "BigIntegerField":
    case "SmallIntegerField":
      return make(f.IntegerField, defaults);
    case "PositiveIntegerField":
    case "PositiveBigIntegerField":
    case "PositiveSmallIntegerField":
      return make(f.IntegerField, { ...defaults, min_value: 0 });
    case "FloatField":
      return make(f.FloatField, defaults);
    case "DecimalField":
      return make(f.DecimalField, { ...defaults, max_digits: field.max_digits, decimal_places: field.decimal_places });
    case "BooleanField":
      return field.null ? make(f.NullBooleanField, { ...defaults, required: false }) : make(f.BooleanField, { ...defaults, required: false });
    case "DateField":
      return make(f.DateField, defaults);
    case "DateTimeField":
      return make(f.DateTimeField, defaults);
    case "TimeField":
      return make(f.TimeField, defaults);
    case "DurationField":
      return make(f.DurationField, defaults);
    case "UUIDField":
      return make(f.UUIDField, defaults);
    case "GenericIPAddressField":
      return make(f.GenericIPAddressField, { ...defaults, protocol: field.protocol ?? "both" });
    case "JSONField":
      return make(f.JSONField, defaults);
    default:
      return make(f.CharField, text);
  }
}

/**
 * A `Meta.widgets` entry as Django hands it to `formfield(widget=...)`: a copy (a class is
 * instantiated), told whether the field is required, given the field's widget_attrs (maxlength…)
 * and, for a choice field, its choices.
 */
function meta_widget(formfield: f.Field, widget: widgets.Widget | (new () => widgets.Widget)): widgets.Widget {
  const instance = typeof widget === "function" ? new widget() : widget.__deepcopy__();
  if (formfield.localize) instance.is_localized = true;
  instance.is_required = formfield.required;
  Object.assign(instance.attrs, formfield.widget_attrs(instance));
  if ("choices" in formfield && "choices" in instance) (instance as { choices: unknown }).choices = (formfield as { choices: unknown }).choices;
  return instance;
}

/** `fields_for_model(model, fields, exclude)`: field name → form field, in the model's order. */
export function fields_for_model(model: ModelLike, fields: string[] | "__all__" | null = null, exclude: string[] | null = null, meta: Partial<ModelFormMeta> = {}): Record<string, f.Field> {
  const out: Record<string, f.Field> = {};
  const all = [...model._meta.fields, ...(model._meta.many_to_many ?? [])];
  for (const mf of all) {
    if (Array.isArray(fields) && !fields.includes(mf.name)) continue;
    if (exclude && exclude.includes(mf.name)) continue;
    if (!mf.editable && !mf.auto_created && Array.isArray(fields))
      throw new FieldError(`'${mf.name}' cannot be specified for ${model._meta.object_name} model form as it is a non-editable field`);
    const formfield = meta.formfield_callback ? meta.formfield_callback(mf, {}) : model_field_to_formfield(mf);
    if (!formfield) continue;
    if (meta.widgets?.[mf.name]) formfield.widget = meta_widget(formfield, meta.widgets[mf.name]);
    if (meta.labels?.[mf.name]) formfield.label = meta.labels[mf.name];
    if (meta.help_texts?.[mf.name]) formfield.help_text = meta.help_texts[mf.name];
    if (meta.error_messages?.[mf.name]) Object.assign(formfield.error_messages, meta.error_messages[mf.name]);
    out[mf.name] = formfield;
  }
  if (Array.isArray(fields)) return Object.fromEntries(fields.filter((n) => n in out).map((n) => [n, out[n]]));
  return out;
}

/** The instance's editable field values, as a form's `initial`. */
export function model_to_dict(instance: any, fields: string[] | "__all__" | null = null, exclude: string[] | null = null): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const mf of (instance.constructor as ModelLike)._meta.fields) {
    if (!mf.editable) continue;
    if (Array.isArray(fields) && !fields.includes(mf.name)) continue;
    if (exclude && exclude.includes(mf.name)) continue;
    data[mf.name] = mf.remote_field ? instance[mf.attname] : instance[mf.name];
  }
  return data;
}

/** Copy the cleaned values of the form's model fields onto the instance (unsaved). */
export function construct_instance(form: BaseForm, instance: any, fields: string[] | "__all__" | null = null, exclude: string[] | null = null): any {
  const cleaned = form.cleaned_data;
  for (const mf of (instance.constructor as ModelLike)._meta.fields) {
    if (!mf.editable || mf.auto_created || !(mf.name in cleaned)) continue;
    if (Array.isArray(fields) && !fields.includes(mf.name)) continue;
    if (exclude && exclude.includes(mf.name)) continue;
    if (mf.has_default() && form.fields[mf.name]?.widget.value_omitted_from_data(form.data, form.files, form.add_prefix(mf.name))) continue;
    instance[mf.name] = cleaned[mf.name];
  }
  return instance;
}

export class BaseModelForm extends BaseForm {
  static Meta: ModelFormMeta | null = null;
  instance: any;

  static override base_fields(): Record<string, f.Field> {
    return model_form_fields(this);
  }

  constructor(data: FormOptions["data"] = null, options: FormOptions & { instance?: any } = {}) {
    const cls = new.target as typeof BaseModelForm;
    const meta = cls.Meta;
    if (!meta || !meta.model) throw new ValueError("ModelForm has no model class specified.");
    const instance = options.instance ?? new meta.model();
    const object_data = options.instance ? model_to_dict(instance, meta.fields ?? null, meta.exclude ?? null) : {};
    super(data, { ...options, initial: { ...object_data, ...(options.initial ?? {}) } });
    this.instance = instance;
  }

  /** Copy cleaned data onto the instance, then validate it as the model would (fields, then uniqueness). */
  override _post_clean(): void {
    const meta = (this.constructor as typeof BaseModelForm).Meta!;
    const exclude = this._get_validation_exclusions();
    // A ForeignKey that stands for the inline relationship is not validated here: its parent may not
    // exist yet (an inline on an add form); uniqueness still checks it.
    for (const [name, field] of Object.entries(this.fields)) if (field instanceof InlineForeignKeyField) exclude.push(name);
    construct_instance(this, this.instance, meta.fields ?? null, meta.exclude ?? null);
    try {
      this.instance.full_clean({ exclude, validate_unique: false });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      this._update_errors(e);
    }
    this.validate_unique();
  }

  /** Model fields not on the form, or whose form field already failed, are not validated again. */
  _get_validation_exclusions(): string[] {
    const exclude: string[] = [];
    for (const mf of (this.instance.constructor as ModelLike)._meta.fields) {
      if (!(mf.name in this.fields) || this.errors.has(mf.name)) exclude.push(mf.name);
    }
    return exclude;
  }

  validate_unique(): void {
    try {
      this.instance.validate_unique(this._get_validation_exclusions());
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      this._update_errors(e);
    }
  }

  /** Model errors for fields not on the form become non-field errors. */
  _update_errors(error: ValidationError): void {
    if (!error.error_dict) return this.add_error(null, error);
    const by_field: Record<string, unknown> = {};
    for (const [name, list] of Object.entries(error.error_dict)) {
      const key = name in this.fields ? name : "__all__";
      by_field[key] = [...((by_field[key] as unknown[]) ?? []), ...list];
    }
    this.add_error(null, new ValidationError(by_field));
  }

  /**
   * Save the instance and its many-to-many values; with `commit: false` only build it, and leave
   * `form.save_m2m()` to call after the instance is saved. ValueError if the form did not validate.
   */
  save(options: { commit?: boolean } = {}): any {
    if (this.errors.size) {
      const adding = this.instance._state?.adding ?? true;
      const meta = (this.instance.constructor as ModelLike)._meta;
      throw new ValueError(`The ${meta.object_name} could not be ${adding ? "created" : "changed"} because the data didn't validate.`);
    }
    if (options.commit ?? true) {
      this.instance.save();
      this._save_m2m();
    } else this.save_m2m = () => this._save_m2m();
    return this.instance;
  }

  /** Set after `save({ commit: false })`: saves the many-to-many values once the instance has a pk. */
  save_m2m: () => void = () => this._save_m2m();

  _save_m2m(): void {
    const meta = (this.constructor as typeof BaseModelForm).Meta!;
    const cleaned = this.cleaned_data;
    for (const mf of (this.instance.constructor as ModelLike)._meta.many_to_many ?? []) {
      if (!(mf.name in cleaned)) continue;
      if (Array.isArray(meta.fields) && !meta.fields.includes(mf.name)) continue;
      if (meta.exclude && meta.exclude.includes(mf.name)) continue;
      this.instance[mf.name].set(cleaned[mf.name] as unknown[]);
    }
  }
}

/** `forms.ModelForm`: fields come from `static Meta` (model, fields/exclude) plus any declared ones. */
export class ModelForm extends BaseModelForm {}

/** The model's fields, merged under the declared ones (a declared field of the same name wins). */
function model_form_fields(cls: typeof BaseModelForm): Record<string, f.Field> {
  const meta = cls.Meta;
  if (!meta) return declared_fields(cls);
  if (meta.fields === undefined && meta.exclude === undefined)
    throw new ImproperlyConfigured(`Creating a ModelForm without either the 'fields' attribute or the 'exclude' attribute is prohibited; form ${cls.name} needs updating.`);
  const from_model = fields_for_model(meta.model, meta.fields ?? null, meta.exclude ?? null, meta);
  const declared = declared_fields(cls);
  // A name in `fields` that is neither a model field nor declared on the form (a model field
  // without a form field, such as the automatic primary key, is left out silently).
  const model_fields = new Set([...meta.model._meta.fields, ...(meta.model._meta.many_to_many ?? [])].map((mf) => mf.name));
  const missing = Array.isArray(meta.fields) ? meta.fields.filter((n) => !model_fields.has(n) && !(n in declared) && !meta.exclude?.includes(n)) : [];
  if (missing.length) throw new FieldError(`Unknown field(s) (${missing.join(", ")}) specified for ${meta.model._meta.object_name}`);
  return { ...from_model, ...declared };
}

/** `modelform_factory(model, { form, fields, exclude, formfield_callback, widgets, … })`: a ModelForm class built on the fly. */
export function modelform_factory(model: ModelLike, options: Omit<ModelFormMeta, "model"> & { form?: typeof BaseModelForm } = {}): typeof ModelForm {
  const { form, ...meta_options } = options;
  const base = (form ?? ModelForm) as typeof ModelForm;
  const parent_meta = base.Meta ?? null;
  const meta: ModelFormMeta = { ...(parent_meta ?? {}), model };
  for (const [key, value] of Object.entries(meta_options)) if (value !== undefined && value !== null) (meta as unknown as Record<string, unknown>)[key] = value;
  if (meta.fields === undefined && meta.exclude === undefined)
    throw new ImproperlyConfigured("Calling modelform_factory without defining 'fields' or 'exclude' explicitly is prohibited.");
  const cls = class extends base {
    static override Meta = meta;
  };
  Object.defineProperty(cls, "name", { value: `${model._meta.object_name}Form` });
  return cls;
}

// --- model formsets -------------------------------------------------------------------------------

/**
 * The parent's ForeignKey on an inline form: hidden, always "changed" never, and cleaned to the
 * parent instance (a posted value that is not the parent's pk is "The inline value did not match
 * the parent instance.").
 */
export class InlineForeignKeyField extends f.Field {
  static override widget = widgets.HiddenInput;
  static override default_error_messages: Record<string, string> = { invalid_choice: "The inline value did not match the parent instance." };
  parent_instance: any;
  pk_field: boolean;
  to_field: string | null;

  constructor(parent_instance: any, options: f.FieldOptions & { pk_field?: boolean; to_field?: string | null } = {}) {
    const { pk_field, to_field, ...rest } = options;
    const initial = parent_instance !== null && parent_instance !== undefined ? (to_field ? parent_instance[to_field] : parent_instance.pk) : undefined;
    super({ ...rest, ...(initial !== undefined ? { initial } : {}), required: false });
    this.parent_instance = parent_instance;
    this.pk_field = pk_field ?? false;
    this.to_field = to_field ?? null;
  }

  override clean(value: unknown): unknown {
    if (this.is_empty(value)) return this.pk_field ? null : this.parent_instance;
    const orig = this.to_field ? this.parent_instance[this.to_field] : this.parent_instance.pk;
    if (py_str(value) !== py_str(orig)) throw new ValidationError(this.error_messages.invalid_choice, { code: "invalid_choice" });
    return this.parent_instance;
  }

  override has_changed(): boolean {
    return false;
  }
}

/** A formset editing a queryset of one model, adding new objects through its extra forms. */
export class BaseModelFormSet extends BaseFormSet {
  static model: ModelLike | null = null;
  static edit_only = false;
  queryset: any;
  initial_extra: Record<string, unknown>[] | null;
  unique_fields = new Set<string>();
  changed_objects: [any, string[]][] = [];
  deleted_objects: any[] = [];
  new_objects: any[] = [];
  saved_forms: BaseForm[] = [];
  save_m2m: () => void = () => {};
  _pk_field: any = null;
  private _queryset: any = null;
  private _object_dict: Map<string, any> | null = null;

  constructor(data: FormSetOptions["files"] | ModelFormSetOptions = null, files_or_options?: FormSetOptions["files"] | ModelFormSetOptions, keywords?: ModelFormSetOptions) {
    const [d, options] = formset_arguments(data, files_or_options, keywords);
    const { queryset, initial, ...rest } = options;
    super(d, rest);
    this.queryset = queryset ?? null;
    this.initial_extra = initial ?? null;
  }

  get model(): ModelLike {
    return (this.constructor as typeof BaseModelFormSet).model!;
  }

  get edit_only(): boolean {
    return (this.constructor as typeof BaseModelFormSet).edit_only;
  }

  override initial_form_count(): number {
    if (!this.is_bound) return this.get_queryset().count();
    return super.initial_form_count();
  }

  _existing_object(pk: unknown): any {
    if (!this._object_dict) this._object_dict = new Map([...this.get_queryset()].map((o: any) => [py_str(o.pk), o]));
    return this._object_dict.get(py_str(pk)) ?? null;
  }

  override _construct_form(i: number, kwargs: Record<string, unknown> = {}): BaseForm {
    const pk_required = i < this.initial_form_count();
    if (pk_required) {
      if (this.is_bound) {
        const pk_key = `${this.add_prefix(i)}-${(this.model._meta as any).pk.name}`;
        const raw = widgets.data_get(this.data, pk_key);
        if (raw !== null && raw !== undefined) {
          try {
            kwargs.instance = this._existing_object(to_python_of((this.model._meta as any).pk)(raw));
          } catch (e) {
            if (!(e instanceof ValidationError)) throw e;
          }
        }
      } else kwargs.instance = [...this.get_queryset()][i];
    } else if (this.initial_extra && i - this.initial_form_count() < this.initial_extra.length) kwargs.initial = this.initial_extra[i - this.initial_form_count()];
    const form = super._construct_form(i, kwargs);
    if (pk_required) form.fields[(this.model._meta as any).pk.name].required = true;
    return form;
  }

  /** The queryset (default manager's when none was given), ordered by pk when it has no order. */
  get_queryset(): any {
    if (this._queryset === null) {
      let qs = this.queryset !== null ? this.queryset : this.model._default_manager.get_queryset();
      if (typeof qs.get_queryset === "function" && typeof qs.order_by !== "function") qs = qs.get_queryset();
      if (!qs.ordered) qs = qs.order_by((this.model._meta as any).pk.name);
      this._queryset = qs;
    }
    return this._queryset;
  }

  save_new(form: BaseForm, commit = true): any {
    return (form as BaseModelForm).save({ commit });
  }

  save_existing(form: BaseForm, _obj: any, commit = true): any {
    return (form as BaseModelForm).save({ commit });
  }

  delete_existing(obj: any, commit = true): void {
    if (commit) obj.delete();
  }

  /** Save changed and new objects, delete the ones marked DELETE; returns the saved instances. */
  save(commit = true): any[] {
    if (!commit) {
      this.saved_forms = [];
      this.save_m2m = () => {
        for (const form of this.saved_forms) (form as BaseModelForm).save_m2m();
      };
    }
    if (this.edit_only) return this.save_existing_objects(commit);
    return [...this.save_existing_objects(commit), ...this.save_new_objects(commit)];
  }

  override clean(): void {
    this.validate_unique();
  }

  /** Two forms giving the same value to a unique field are an error of the formset. */
  validate_unique(): void {
    const forms_to_delete = this.deleted_forms;
    const valid_forms = this.forms.filter((form) => form.is_valid() && !forms_to_delete.includes(form));
    const checks = new Map<string, string[]>();
    for (const form of valid_forms) {
      const exclude = (form as BaseModelForm)._get_validation_exclusions();
      for (const check of unique_checks((form as BaseModelForm).instance, exclude)) checks.set(check.join(","), check);
    }
    const errors: string[] = [];
    for (const unique_check of checks.values()) {
      const seen = new Set<string>();
      for (const form of valid_forms) {
        const row = unique_check.filter((name) => name in form.cleaned_data || this.unique_fields.has(name)).map((name) => (this.unique_fields.has(name) ? name : form.cleaned_data[name]));
        const keys = row.map((d: any) => (d && typeof d === "object" && "pk" in d ? d.pk : d));
        if (!keys.length || keys.some((k) => k === null || k === undefined)) continue;
        const key = JSON.stringify(keys.map((k) => py_str(k)));
        if (seen.has(key)) {
          errors.push(this.get_unique_error_message(unique_check));
          (form as any)._errors.set("__all__", new this.error_class([this.get_form_error()]));
          for (const name of unique_check) delete form.cleaned_data[name];
        }
        seen.add(key);
      }
    }
    if (errors.length) throw new ValidationError(errors);
  }

  get_unique_error_message(unique_check: string[]): string {
    if (unique_check.length === 1) return `Please correct the duplicate data for ${unique_check[0]}.`;
    return `Please correct the duplicate data for ${get_text_list(unique_check, "and")}, which must be unique.`;
  }

  get_form_error(): string {
    return "Please correct the duplicate values below.";
  }

  save_existing_objects(commit = true): any[] {
    this.changed_objects = [];
    this.deleted_objects = [];
    if (!this.initial_forms.length) return [];
    const saved: any[] = [];
    const forms_to_delete = this.deleted_forms;
    for (const form of this.initial_forms) {
      const obj = (form as BaseModelForm).instance;
      if (obj.pk === null || obj.pk === undefined) continue;
      if (forms_to_delete.includes(form)) {
        this.deleted_objects.push(obj);
        this.delete_existing(obj, commit);
      } else if (form.has_changed()) {
        this.changed_objects.push([obj, form.changed_data]);
        saved.push(this.save_existing(form, obj, commit));
        if (!commit) this.saved_forms.push(form);
      }
    }
    return saved;
  }

  save_new_objects(commit = true): any[] {
    this.new_objects = [];
    for (const form of this.extra_forms) {
      if (!form.has_changed()) continue;
      if (this.can_delete && this._should_delete_form(form)) continue;
      this.new_objects.push(this.save_new(form, commit));
      if (!commit) this.saved_forms.push(form);
    }
    return this.new_objects;
  }

  /** Each form gets a hidden field for the object's pk (an auto pk is not on a ModelForm). */
  override add_fields(form: BaseForm, index: number | null): void {
    const pk = (this.model._meta as any).pk;
    this._pk_field = pk;
    const pk_is_not_editable = (p: any): boolean => !p.editable || p.auto_created || /AutoField$/.test(p.get_internal_type()) || Boolean(p.remote_field?.parent_link && pk_is_not_editable(p.remote_field.model._meta.pk));
    if (pk_is_not_editable(pk) || !(pk.name in form.fields)) {
      let pk_value: unknown = null;
      if (form.is_bound) pk_value = (form as BaseModelForm).instance._state?.adding ? null : (form as BaseModelForm).instance.pk;
      else if (index !== null) pk_value = [...this.get_queryset()][index]?.pk ?? null;
      const target = pk.remote_field && !pk.many_to_many ? pk.remote_field.model : this.model;
      const form_meta = (form.constructor as typeof BaseModelForm).Meta;
      const widget = form_meta?.widgets?.[pk.name] ?? widgets.HiddenInput;
      form.fields[pk.name] = new ModelChoiceField(target._default_manager.get_queryset(), { initial: pk_value, required: false, widget });
    }
    super.add_fields(form, index);
  }
}

function to_python_of(field: any): (value: unknown) => unknown {
  while (field.remote_field && !field.many_to_many) field = field.remote_field.get_related_field?.() ?? field.target_field;
  return (v) => field.to_python(v);
}

/** The unique field sets of an instance's model not excluded (Django's `_get_unique_checks`, fields only). */
function unique_checks(instance: any, exclude: string[]): string[][] {
  const opts = instance.constructor._meta;
  const checks: string[][] = [];
  for (const group of opts.unique_together ?? []) if (!group.some((n: string) => exclude.includes(n))) checks.push([...group]);
  for (const c of opts.total_unique_constraints ?? []) if (!c.fields.some((n: string) => exclude.includes(n))) checks.push([...c.fields]);
  for (const field of opts.local_fields ?? opts.fields) if (field.unique && !exclude.includes(field.name)) checks.push([field.name]);
  return checks;
}

function get_text_list(items: string[], last_word: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last_word} ${items[items.length - 1]}`;
}

export interface ModelFormSetFactoryOptions extends FormSetFactoryOptions {
  form?: typeof BaseModelForm;
  formfield_callback?: ModelFormMeta["formfield_callback"];
  fields?: string[] | "__all__";
  exclude?: string[];
  widgets?: Record<string, widgets.Widget>;
  labels?: Record<string, string>;
  help_texts?: Record<string, string>;
  error_messages?: Record<string, Record<string, string>>;
  edit_only?: boolean;
}

/** `modelformset_factory(Author, { fields: ["name"], extra: 1 })` → a ModelFormSet class. */
export function modelformset_factory(model: ModelLike, options: ModelFormSetFactoryOptions = {}): typeof BaseModelFormSet {
  const meta = options.form?.Meta;
  if ((meta?.fields ?? options.fields) === undefined && (meta?.exclude ?? options.exclude) === undefined)
    throw new ImproperlyConfigured("Calling modelformset_factory without defining 'fields' or 'exclude' explicitly is prohibited.");
  const form = modelform_factory(model, {
    form: options.form,
    fields: options.fields,
    exclude: options.exclude,
    formfield_callback: options.formfield_callback,
    widgets: options.widgets,
    labels: options.labels,
    help_texts: options.help_texts,
    error_messages: options.error_messages,
  });
  const FormSet = formset_factory(form, { ...options, formset: options.formset ?? BaseModelFormSet }) as typeof BaseModelFormSet;
  FormSet.model = model;
  FormSet.edit_only = options.edit_only ?? false;
  return FormSet;
}

/** A formset of the objects related to one parent instance (the admin's inlines). */
export class BaseInlineFormSet extends BaseModelFormSet {
  static fk: any = null;
  instance: any;
  save_as_new: boolean;

  constructor(data: FormSetOptions["files"] | InlineFormSetOptions = null, files_or_options?: FormSetOptions["files"] | InlineFormSetOptions, keywords?: InlineFormSetOptions) {
    const [d, options] = formset_arguments(data, files_or_options, keywords);
    data = d;
    const cls = new.target as typeof BaseInlineFormSet;
    const fk = cls.fk;
    const instance = options.instance ?? new fk.remote_field.model();
    const manager = options.queryset ?? cls.model!._default_manager;
    const qs = instance.pk !== null && instance.pk !== undefined ? manager.filter({ [fk.name]: instance }) : manager.none();
    super(data, { ...options, queryset: qs });
    this.instance = instance;
    this.save_as_new = options.save_as_new ?? false;
    this.unique_fields = new Set([fk.name]);
    const form_meta = (cls.form as unknown as typeof BaseModelForm).Meta;
    if (form_meta && Array.isArray(form_meta.fields) && !form_meta.fields.includes(fk.name)) {
      form_meta.fields = [...form_meta.fields, fk.name];
      added_foreign_keys.add(form_meta);
    }
  }

  get fk(): any {
    return (this.constructor as typeof BaseInlineFormSet).fk;
  }

  override initial_form_count(): number {
    if (this.save_as_new) return 0;
    return super.initial_form_count();
  }

  override _construct_form(i: number, kwargs: Record<string, unknown> = {}): BaseForm {
    const form = super._construct_form(i, kwargs) as BaseModelForm;
    let fk_value = this.instance.pk;
    const field_name = this.fk.remote_field.field_name;
    if (field_name && field_name !== this.fk.remote_field.model._meta.pk.name) {
      fk_value = this.instance[field_name];
      fk_value = fk_value?.pk ?? fk_value;
    }
    form.instance[this.fk.attname] = fk_value ?? null;
    return form;
  }

  /** The related name of the parent's accessor (`choice_set`), so the fields read `choice_set-0-…`. */
  static override get_default_prefix(): string {
    return this.fk.remote_field.get_accessor_name().replace("+", "");
  }

  override save_new(form: BaseForm, commit = true): any {
    (form as BaseModelForm).instance[this.fk.name] = this.instance;
    return super.save_new(form, commit);
  }

  override add_fields(form: BaseForm, index: number | null): void {
    super.add_fields(form, index);
    let name: string;
    const kwargs: Record<string, unknown> = {};
    if (this._pk_field === this.fk) {
      name = this._pk_field.name;
      kwargs.pk_field = true;
    } else {
      name = this.fk.name;
      kwargs.label = form.fields[name]?.label ?? capfirst(String(this.fk.verbose_name));
    }
    const field_name = this.fk.remote_field.field_name;
    if (field_name && field_name !== this.fk.remote_field.model._meta.pk.name) kwargs.to_field = field_name;
    // Django's form classes fix their fields when created, so a foreign key the formset appended
    // to Meta.fields is not among them and comes last, after the pk; ours are read from Meta.
    const meta = (form.constructor as typeof BaseModelForm).Meta;
    if (meta && added_foreign_keys.has(meta) && name === this.fk.name) delete form.fields[name];
    form.fields[name] = new InlineForeignKeyField(this.instance, kwargs);
  }

  override get_unique_error_message(unique_check: string[]): string {
    return super.get_unique_error_message(unique_check.filter((name) => name !== this.fk.name));
  }
}

/** The ForeignKey from `model` to `parent_model` (by `fk_name`, else the only one). */
export function _get_foreign_key(parent_model: ModelLike, model: ModelLike, fk_name: string | null = null, can_fail = false): any {
  const opts = model._meta as any;
  const parents = [parent_model, ...((parent_model._meta as any).all_parents ?? (parent_model._meta as any).get_parent_list?.() ?? [])];
  const is_fk = (field: any) => field.many_to_one && !field.many_to_many && field.remote_field;
  if (fk_name) {
    const found = opts.fields.filter((field: any) => field.name === fk_name);
    if (found.length === 1) {
      const fk = found[0];
      if (!is_fk(fk) || !parents.includes(fk.remote_field.model)) throw new ValueError(`fk_name '${fk_name}' is not a ForeignKey to '${(parent_model._meta as any).label}'.`);
      return fk;
    }
    throw new ValueError(`'${opts.label}' has no field named '${fk_name}'.`);
  }
  const fks = opts.fields.filter((field: any) => is_fk(field) && parents.includes(field.remote_field.model));
  if (fks.length === 1) return fks[0];
  if (!fks.length) {
    if (can_fail) return null;
    throw new ValueError(`'${opts.label}' has no ForeignKey to '${(parent_model._meta as any).label}'.`);
  }
  throw new ValueError(`'${opts.label}' has more than one ForeignKey to '${(parent_model._meta as any).label}'. You must specify a 'fk_name' attribute.`);
}

/** `inlineformset_factory(Question, Choice, { fields: ["choice_text", "votes"], extra: 3 })`. */
export function inlineformset_factory(parent_model: ModelLike, model: ModelLike, options: ModelFormSetFactoryOptions & { fk_name?: string | null } = {}): typeof BaseInlineFormSet {
  const fk = _get_foreign_key(parent_model, model, options.fk_name ?? null);
  const FormSet = modelformset_factory(model, {
    extra: 3,
    can_delete: true,
    ...options,
    max_num: fk.unique ? 1 : options.max_num,
    formset: options.formset ?? BaseInlineFormSet,
  }) as typeof BaseInlineFormSet;
  FormSet.fk = fk;
  return FormSet;
}
