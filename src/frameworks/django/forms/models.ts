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
import { ValidationError, ImproperlyConfigured } from "../core/exceptions";
import { ValueError } from "../../python/builtins";
import { py_str } from "../../python/operator";
import { capfirst } from "../utils/text";
import * as f from "./fields";
import * as widgets from "./widgets";
import { BaseForm, declared_fields, type FormOptions } from "./forms";

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

  constructor(queryset: any, options: f.ChoiceFieldOptions & { empty_label?: string | null; to_field_name?: string | null } = {}) {
    super({ ...options, choices: [] });
    this.queryset = queryset;
    this.empty_label = options.empty_label === undefined ? "---------" : options.empty_label;
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

/** One model field → its default form field (null for fields a form does not edit). */
export function model_field_to_formfield(field: ModelFieldLike): f.Field | null {
  if (!field.editable || field.auto_created) return null;
  const type = field.get_internal_type();
  if (type.endsWith("AutoField")) return null;
  const options: Record<string, unknown> = {
    required: !field.blank,
    label: capfirst(field.verbose_name ?? field.name.replace(/_/g, " ")),
    help_text: field.help_text ?? "",
  };
  if (field.has_default()) options.initial = field.get_default();
  if (field.choices && (field.choices as unknown[]).length) return choices_formfield(field, options);
  if (field.remote_field && !field.many_to_many) return new ModelChoiceField(field.remote_field.model._default_manager, options);
  if (field.many_to_many) return new ModelMultipleChoiceField(field.remote_field.model._default_manager, { ...options, required: !field.blank });
  return simple_formfield(type, field, options);
}

function choices_formfield(field: ModelFieldLike, options: Record<string, unknown>): f.Field {
  const include_blank = field.blank || !(field.has_default() || "initial" in options);
  const choices = [...(include_blank ? [["", "---------"]] : []), ...(field.choices as unknown[])];
  const coerce = field.to_python ? (v: unknown) => field.to_python!(v) : (v: unknown) => v;
  return new f.TypedChoiceField({ ...options, choices, coerce, empty_value: field.null ? null : "" });
}

function simple_formfield(type: string, field: ModelFieldLike, options: Record<string, unknown>): f.Field | null {
  const text = { ...options, max_length: field.max_length, empty_value: field.null ? null : "" };
  switch (type) {
    case "CharField":
      return new f.CharField(text);
    case "TextField":
      return new f.CharField({ ...text, widget: widgets.Textarea });
    case "SlugField":
      return new f.SlugField(text);
    case "EmailField":
      return new f.EmailField(text);
    case "URLField":
      return new f.URLField(text);
    case "IntegerField":
    case "BigIntegerField":
    case "SmallIntegerField":
      return new f.IntegerField(options);
    case "PositiveIntegerField":
    case "PositiveBigIntegerField":
    case "PositiveSmallIntegerField":
      return new f.IntegerField({ ...options, min_value: 0 });
    case "FloatField":
      return new f.FloatField(options);
    case "DecimalField":
      return new f.DecimalField({ ...options, max_digits: field.max_digits, decimal_places: field.decimal_places });
    case "BooleanField":
      return field.null ? new f.NullBooleanField({ ...options, required: false }) : new f.BooleanField({ ...options, required: false });
    case "DateField":
      return new f.DateField(options);
    case "DateTimeField":
      return new f.DateTimeField(options);
    case "TimeField":
      return new f.TimeField(options);
    case "DurationField":
      return new f.DurationField(options);
    case "UUIDField":
      return new f.UUIDField(options);
    case "GenericIPAddressField":
      return new f.GenericIPAddressField({ ...options, protocol: field.protocol ?? "both" });
    case "JSONField":
      return new f.JSONField(options);
    default:
      return new f.CharField(text);
  }
}

/** `fields_for_model(model, fields, exclude)`: field name → form field, in the model's order. */
export function fields_for_model(model: ModelLike, fields: string[] | "__all__" | null = null, exclude: string[] | null = null, meta: Partial<ModelFormMeta> = {}): Record<string, f.Field> {
  const out: Record<string, f.Field> = {};
  const all = [...model._meta.fields, ...(model._meta.many_to_many ?? [])];
  for (const mf of all) {
    if (Array.isArray(fields) && !fields.includes(mf.name)) continue;
    if (exclude && exclude.includes(mf.name)) continue;
    const formfield = model_field_to_formfield(mf);
    if (!formfield) continue;
    if (meta.widgets?.[mf.name]) formfield.widget = meta.widgets[mf.name];
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

  /** Save the instance (unless `commit: false`); ValueError if the form did not validate. */
  save(options: { commit?: boolean } = {}): any {
    if (this.errors.size) {
      const adding = this.instance._state?.adding ?? true;
      const meta = (this.instance.constructor as ModelLike)._meta;
      throw new ValueError(`The ${meta.object_name} could not be ${adding ? "created" : "changed"} because the data didn't validate.`);
    }
    if (options.commit ?? true) this.instance.save();
    return this.instance;
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
  return { ...from_model, ...declared_fields(cls) };
}

/** `modelform_factory(model, { fields, exclude })`: a ModelForm class built on the fly. */
export function modelform_factory(model: ModelLike, options: Omit<ModelFormMeta, "model"> = {}): typeof ModelForm {
  const meta: ModelFormMeta = { model, ...options };
  const cls = class extends ModelForm {
    static override Meta = meta;
  };
  Object.defineProperty(cls, "name", { value: `${model._meta.object_name}Form` });
  return cls;
}
