/**
 * django.contrib.admin.helpers: a ModelForm and the ModelAdmin's fieldsets → what change_form.html
 * walks, and an inline formset → what the inline templates walk.
 *
 *   AdminForm → Fieldset → Fieldline → AdminField / AdminReadonlyField   (the main form)
 *   InlineAdminFormSet → InlineAdminForm (one per row, then the empty form) → InlineFieldset → …
 *
 *   fieldsets = [[null, {fields: ["title", ["price", "pages"]]}], ["Dates", {fields: ["published"], classes: ["collapse"]}]]
 *   → two <fieldset>s; ["price", "pages"] share one row; a readonly field shows its display value.
 *
 * Each class iterates as Django's does (`{% for fieldset in adminform %}`); ActionForm is the
 * changelist's "Action:" select.
 */
import * as forms from "../../forms";
import { ObjectDoesNotExist } from "../../core/exceptions";
import { conditional_escape, escape, format_html, normalize_newlines } from "../../utils/html";
import { mark_safe, SafeData, type SafeString } from "../../utils/safestring";
import { capfirst } from "../../utils/text";
import { reverse } from "../../urls/base";
import { NoReverseMatch } from "../../urls/exceptions";
import { flatatt } from "../../forms/utils";
import { ErrorList } from "../../forms/utils";
import { DELETION_FIELD_NAME } from "../../forms/formsets";
import { py_json_dumps } from "../../../python/json";
import { AttributeError, ValueError } from "../../../python/builtins";
import { boolean_icon, display_for_field, flatten_fieldsets, help_text_for_field, label_for_field, lookup_field, quote } from "./utils";

/** The `linebreaksbr` filter (autoescaping): newlines → `<br>`. */
function linebreaksbr(value: unknown): SafeString {
  let text = normalize_newlines(value === null || value === undefined ? "None" : String(value));
  if (!(value instanceof SafeData)) text = escape(text);
  return mark_safe(text.replace(/\n/g, "<br>"));
}

export const ACTION_CHECKBOX_NAME = "_selected_action";

export type FieldsetOptions = { fields: (string | string[])[]; classes?: string[]; description?: string | null };
export type Fieldsets = [string | null, FieldsetOptions][];

/** The changelist's action bar: the action select and the hidden "select across" flag. */
export class ActionForm extends forms.Form {
  static override fields = {
    action: new forms.ChoiceField({ label: "Action:" }),
    select_across: new forms.BooleanField({ label: "", required: false, initial: 0, widget: new forms.HiddenInput({ class: "select-across" }) }),
  };
}

function form_meta(form: any): any {
  return (form.constructor as { Meta?: unknown }).Meta ?? {};
}

export class AdminForm {
  readonly prepopulated_fields: { field: any; dependencies: any[] }[];
  readonly readonly_fields: string[];

  constructor(
    readonly form: any,
    readonly fieldsets: Fieldsets,
    prepopulated_fields: Record<string, string[]>,
    readonly_fields: string[] | null = null,
    readonly model_admin: any = null,
  ) {
    this.prepopulated_fields = Object.entries(prepopulated_fields ?? {}).map(([name, dependencies]) => ({ field: form.bf(name), dependencies: dependencies.map((f) => form.bf(f)) }));
    this.readonly_fields = readonly_fields ?? [];
  }

  __repr__(): string {
    return `<${this.constructor.name}: form=${this.form.constructor.name} fieldsets=${JSON.stringify(this.fieldsets)}>`;
  }

  *[Symbol.iterator](): Iterator<Fieldset> {
    for (const [name, options] of this.fieldsets) yield new Fieldset(this.form, name, this.readonly_fields, options.fields, options.classes ?? [], options.description ?? null, this.model_admin);
  }

  get errors(): any {
    return this.form.errors;
  }

  non_field_errors(): any {
    return this.form.non_field_errors();
  }

  get fields(): Record<string, unknown> {
    return this.form.fields;
  }

  get is_bound(): boolean {
    return this.form.is_bound;
  }

  get media(): string {
    return "";
  }
}

export class Fieldset {
  readonly classes: string;

  constructor(
    readonly form: any,
    readonly name: string | null,
    readonly readonly_fields: string[],
    readonly fields: (string | string[])[],
    classes: string[],
    readonly description: string | null,
    readonly model_admin: any,
  ) {
    this.classes = classes.join(" ");
  }

  get media(): string {
    return "";
  }

  /** A "collapse" fieldset folds, unless one of its fields has an error. */
  get is_collapsible(): boolean {
    const errors = [...this.form.errors.keys()];
    if (this.fields.some((f) => typeof f === "string" && errors.includes(f))) return false;
    return this.classes.split(" ").includes("collapse");
  }

  *[Symbol.iterator](): Iterator<Fieldline> {
    for (const field of this.fields) yield new Fieldline(this.form, field, this.readonly_fields, this.model_admin);
  }
}

export class Fieldline {
  readonly fields: string[];
  readonly has_visible_field: boolean;

  constructor(
    readonly form: any,
    field: string | string[],
    readonly readonly_fields: string[] = [],
    readonly model_admin: any = null,
  ) {
    this.fields = Array.isArray(field) ? field : [field];
    this.has_visible_field = !this.fields.every((f) => f in form.fields && form.fields[f].widget.is_hidden);
  }

  *[Symbol.iterator](): Iterator<AdminField | AdminReadonlyField> {
    let i = 0;
    for (const field of this.fields) {
      yield this.readonly_fields.includes(field) ? new AdminReadonlyField(this.form, field, i === 0, this.model_admin) : new AdminField(this.form, field, i === 0);
      i++;
    }
  }

  errors(): SafeString {
    return mark_safe(
      this.fields
        .filter((f) => !this.readonly_fields.includes(f))
        .map((f) => this.form.bf(f).errors.as_ul().valueOf())
        .join("\n")
        .replace(/^\n+|\n+$/g, ""),
    );
  }
}

export class AdminField {
  readonly field: any;
  readonly is_checkbox: boolean;
  readonly is_readonly = false;

  constructor(
    form: any,
    field: string,
    readonly is_first: boolean,
  ) {
    this.field = form.bf(field);
    this.is_checkbox = this.field.field.widget instanceof forms.CheckboxInput;
  }

  label_tag(): SafeString {
    const classes: string[] = [];
    const contents = conditional_escape(this.field.label);
    if (this.is_checkbox) classes.push("vCheckboxLabel");
    if (this.field.field.required) classes.push("required");
    if (!this.is_first) classes.push("inline");
    return this.field.label_tag(mark_safe(contents), classes.length ? { class: classes.join(" ") } : {}, this.is_checkbox ? "" : null);
  }

  errors(): SafeString {
    return mark_safe(this.field.errors.as_ul());
  }
}

/** A field shown as text: a readonly model field, a method of the admin or the model, a callable. */
export class AdminReadonlyField {
  readonly field: { name: string; label: string; help_text: string; field: any; is_hidden: boolean };
  readonly is_checkbox = false;
  readonly is_readonly = true;
  readonly empty_value_display: string;

  constructor(
    readonly form: any,
    field: any,
    readonly is_first: boolean,
    readonly model_admin: any = null,
  ) {
    const class_name = typeof field === "function" ? field.name : field;
    const meta = form_meta(form);
    const label = meta.labels?.[class_name] ?? label_for_field(field, meta.model ?? form.instance.constructor, model_admin);
    const help_text = meta.help_texts?.[class_name] ?? help_text_for_field(class_name, meta.model ?? form.instance.constructor);
    const is_hidden = typeof field === "string" && field in form.fields ? form.fields[field].widget.is_hidden : false;
    this.field = { name: class_name, label, help_text, field, is_hidden };
    this.empty_value_display = model_admin.get_empty_value_display();
  }

  label_tag(): SafeString {
    const attrs: Record<string, unknown> = {};
    if (!this.is_first) attrs.class = "inline";
    return format_html("<label{}>{}{}</label>", flatatt(attrs), capfirst(this.field.label), this.form.label_suffix);
  }

  get_admin_url(remote_field: any, remote_obj: any): SafeString | string {
    const opts = remote_field.model._meta;
    try {
      const url = reverse(`admin:${opts.app_label}_${opts.model_name}_change`, { args: [quote(remote_obj.pk)], current_app: this.model_admin.admin_site.name });
      return format_html('<a href="{}">{}</a>', url, remote_obj);
    } catch (e) {
      if (e instanceof NoReverseMatch) return String(remote_obj);
      throw e;
    }
  }

  contents(): SafeString {
    const field = this.field.field;
    const obj = this.form.instance;
    let result_repr: unknown;
    let f: any, attr: any, value: any;
    try {
      [f, attr, value] = lookup_field(field, obj, this.model_admin);
    } catch (e) {
      if (!(e instanceof AttributeError || e instanceof ValueError || e instanceof ObjectDoesNotExist)) throw e;
      return conditional_escape(this.empty_value_display);
    }
    if (f === null) {
      if (attr?.boolean) result_repr = mark_safe(boolean_icon(value));
      else result_repr = value && typeof value === "object" && "__html__" in value ? value : linebreaksbr(value);
    } else {
      if (f.many_to_many && value !== null && value !== undefined) result_repr = [...value.all()].map(String).join(", ");
      else if ((f.one_to_one || f.many_to_one || f.auto_created) && f.is_relation && value !== null && value !== undefined) result_repr = this.get_admin_url(f.remote_field, value);
      else result_repr = display_for_field(value, f, this.empty_value_display);
      result_repr = linebreaksbr(result_repr);
    }
    return conditional_escape(result_repr as string);
  }
}

// --- inlines ------------------------------------------------------------------------------------------

/** An inline formset as the inline templates show it: its rows, then the empty form. */
export class InlineAdminFormSet {
  readonly readonly_fields: string[];
  readonly prepopulated_fields: Record<string, string[]>;
  readonly classes: string;

  constructor(
    readonly opts: any,
    readonly formset: any,
    readonly fieldsets: Fieldsets,
    prepopulated_fields: Record<string, string[]> | null = null,
    readonly_fields: string[] | null = null,
    readonly model_admin: any = null,
    readonly has_add_permission = true,
    readonly has_change_permission = true,
    readonly has_delete_permission = true,
    readonly has_view_permission = true,
  ) {
    this.readonly_fields = readonly_fields ?? [];
    this.prepopulated_fields = prepopulated_fields ?? {};
    this.classes = opts.classes ? opts.classes.join(" ") : "";
  }

  *[Symbol.iterator](): Iterator<InlineAdminForm> {
    const readonly_for_editing = this.has_change_permission ? this.readonly_fields : [...this.readonly_fields, ...flatten_fieldsets(this.fieldsets)];
    const originals = [...this.formset.get_queryset()];
    const initial_forms = this.formset.initial_forms;
    for (let i = 0; i < Math.min(initial_forms.length, originals.length); i++) {
      const original = originals[i];
      yield new InlineAdminForm(this.formset, initial_forms[i], this.fieldsets, this.prepopulated_fields, original, readonly_for_editing, this.opts, this.opts.get_view_on_site_url?.(original) ?? null);
    }
    for (const form of this.formset.extra_forms) yield new InlineAdminForm(this.formset, form, this.fieldsets, this.prepopulated_fields, null, this.readonly_fields, this.opts);
    if (this.has_add_permission) yield new InlineAdminForm(this.formset, this.formset.empty_form, this.fieldsets, this.prepopulated_fields, null, this.readonly_fields, this.opts);
  }

  /** The tabular inline's column headers (the parent's ForeignKey left out). */
  *fields(): Iterable<Record<string, unknown>> {
    const fk = this.formset.fk ?? null;
    const empty_form = this.formset.empty_form;
    const meta = form_meta(empty_form);
    for (const field_name of flatten_fieldsets(this.fieldsets)) {
      if (fk && fk.name === field_name) continue;
      if (!this.has_change_permission || this.readonly_fields.includes(field_name)) {
        const form_field = empty_form.fields[field_name];
        yield {
          name: field_name,
          label: meta.labels?.[field_name] || label_for_field(field_name, this.opts.model, this.opts),
          widget: { is_hidden: form_field ? form_field.widget.is_hidden : false },
          required: false,
          help_text: meta.help_texts?.[field_name] || help_text_for_field(field_name, this.opts.model),
        };
      } else {
        const form_field = empty_form.fields[field_name];
        yield { name: field_name, label: form_field.label ?? label_for_field(field_name, this.opts.model, this.opts), widget: form_field.widget, required: form_field.required, help_text: form_field.help_text };
      }
    }
  }

  /** The JSON the inline's "Add another" script reads. */
  inline_formset_data(): string {
    return py_json_dumps({
      name: `#${this.formset.prefix}`,
      options: { prefix: this.formset.prefix, addText: `Add another ${capfirst(String(this.opts.verbose_name))}`, deleteText: "Remove" },
    });
  }

  get forms(): any[] {
    return this.formset.forms;
  }

  get is_collapsible(): boolean {
    if (this.formset.errors.some((e: any) => e.size)) return false;
    return this.classes.split(" ").includes("collapse");
  }

  non_form_errors(): ErrorList {
    return this.formset.non_form_errors();
  }

  get is_bound(): boolean {
    return this.formset.is_bound;
  }

  total_form_count(): number {
    return this.formset.total_form_count();
  }

  get media(): string {
    return "";
  }
}

/** One inline row: the form, the object it edits (null for extra rows), its hidden pk and fk. */
export class InlineAdminForm extends AdminForm {
  readonly show_url: boolean;

  constructor(
    readonly formset: any,
    form: any,
    fieldsets: Fieldsets,
    prepopulated_fields: Record<string, string[]>,
    readonly original: any,
    readonly_fields: string[] | null = null,
    model_admin: any = null,
    readonly absolute_url: string | null = null,
  ) {
    super(form, fieldsets, prepopulated_fields, readonly_fields, model_admin);
    this.show_url = Boolean(original) && absolute_url !== null;
  }

  override *[Symbol.iterator](): Iterator<Fieldset> {
    for (const [name, options] of this.fieldsets) yield new InlineFieldset(this.formset, this.form, name, this.readonly_fields, options.fields, options.classes ?? [], options.description ?? null, this.model_admin);
  }

  /** The pk needs its own hidden input when it is not a form field (an auto pk). */
  needs_explicit_pk_field(): boolean {
    const meta = form_meta(this.form);
    const model_opts = (meta.model ?? this.form.instance.constructor)._meta;
    return Boolean(model_opts.auto_field) || !model_opts.pk.editable || Boolean(meta.exclude?.includes(model_opts.pk.name));
  }

  pk_field(): AdminField {
    return new AdminField(this.form, this.formset._pk_field.name, false);
  }

  fk_field(): AdminField | string {
    const fk = this.formset.fk ?? null;
    return fk ? new AdminField(this.form, fk.name, false) : "";
  }

  deletion_field(): AdminField {
    return new AdminField(this.form, DELETION_FIELD_NAME, false);
  }
}

export class InlineFieldset extends Fieldset {
  constructor(
    readonly formset: any,
    form: any,
    name: string | null,
    readonly_fields: string[],
    fields: (string | string[])[],
    classes: string[],
    description: string | null,
    model_admin: any,
  ) {
    super(form, name, readonly_fields, fields, classes, description, model_admin);
  }

  override *[Symbol.iterator](): Iterator<Fieldline> {
    const fk = this.formset.fk ?? null;
    for (const field of this.fields) if (!fk || fk.name !== field) yield new Fieldline(this.form, field, this.readonly_fields, this.model_admin);
  }
}

/** Every error of the form and its inline formsets, for the change form's "Please correct …". */
export class AdminErrorList extends ErrorList {
  constructor(form: any, inline_formsets: any[]) {
    super();
    // As Python's `list.extend(errors.values())`: each field's ErrorList is one entry (the page
    // counts fields in error), while a formset's non-form errors count one by one.
    const entries = this as unknown as unknown[];
    if (form.is_bound) {
      for (const list of form.errors.values()) entries.push(list);
      for (const inline_formset of inline_formsets) {
        entries.push(...inline_formset.non_form_errors());
        for (const errors of inline_formset.errors) for (const list of errors.values()) entries.push(list);
      }
    }
  }
}
