/**
 * django.contrib.admin.helpers: a ModelForm and the ModelAdmin's fieldsets → what change_form.html
 * walks: AdminForm → Fieldset → Fieldline → AdminField / AdminReadonlyField; and the inline
 * formsets (InlineFormSet, InlineAdminFormSet) edited on the same page.
 *
 *   fieldsets = [[null, {fields: ["title", ["price", "pages"]]}], ["Dates", {fields: ["published"], classes: ["collapse"]}]]
 *   → two <fieldset>s; ["price", "pages"] shares one row; a readonly field shows its display value.
 *
 * An inline formset posts `<prefix>-TOTAL_FORMS` / `-INITIAL_FORMS` and one `<prefix>-<i>-<field>`
 * group per row (hidden `id`, a `DELETE` checkbox); blank extra rows are skipped (empty_permitted).
 */
import { format_html } from "../../utils/html";
import { mark_safe, type SafeString } from "../../utils/safestring";
import { capfirst } from "../../utils/text";
import { modelform_factory } from "../../forms/models";
import { FieldDoesNotExist } from "../../core/exceptions";
import { display_for_field, display_for_value, label_for_field, lookup_field } from "./utils";

type Fieldsets = [string | null, { fields: (string | string[])[]; classes?: string[]; description?: string }][];

export const ACTION_CHECKBOX_NAME = "_selected_action";

export class AdminForm {
  constructor(
    readonly form: any,
    readonly fieldsets: Fieldsets,
    readonly prepopulated_fields: Record<string, string[]>,
    readonly readonly_fields: string[] = [],
    readonly model_admin: any = null,
  ) {}

  get fieldset_list(): Fieldset[] {
    return this.fieldsets.map(([name, options]) => new Fieldset(this.form, name, this.readonly_fields, options.fields, options.classes ?? [], options.description ?? null, this.model_admin));
  }

  get errors(): any {
    return this.form.errors;
  }

  get non_field_errors(): any {
    return this.form.non_field_errors();
  }

  get is_bound(): boolean {
    return this.form.is_bound;
  }
}

export class Fieldset {
  constructor(
    readonly form: any,
    readonly name: string | null,
    readonly readonly_fields: string[],
    readonly fields: (string | string[])[],
    readonly classes: string[],
    readonly description: string | null,
    readonly model_admin: any,
  ) {}

  get classes_text(): string {
    return this.classes.join(" ");
  }

  get lines(): Fieldline[] {
    return this.fields.map((line) => new Fieldline(this.form, line, this.readonly_fields, this.model_admin));
  }
}

export class Fieldline {
  readonly fields: string[];
  constructor(
    readonly form: any,
    field: string | string[],
    readonly readonly_fields: string[],
    readonly model_admin: any,
  ) {
    this.fields = Array.isArray(field) ? field : [field];
  }

  get has_visible_field(): boolean {
    return this.fields.some((f) => this.readonly_fields.includes(f) || !this.form.fields[f]?.widget?.is_hidden);
  }

  get items(): (AdminField | AdminReadonlyField)[] {
    return this.fields.map((f, i) => (this.readonly_fields.includes(f) || !(f in this.form.fields) ? new AdminReadonlyField(this.form, f, i === 0, this.model_admin) : new AdminField(this.form, f, i === 0)));
  }

  get errors(): SafeString {
    const lists = this.fields.filter((f) => !this.readonly_fields.includes(f) && f in this.form.fields).map((f) => String(this.form.bf(f).errors));
    return mark_safe(lists.join("\n").trim());
  }
}

export class AdminField {
  readonly field: any;
  readonly is_readonly = false;
  readonly is_checkbox: boolean;
  constructor(
    readonly form: any,
    name: string,
    readonly is_first: boolean,
  ) {
    this.field = form.bf(name);
    this.is_checkbox = this.field.widget_type === "checkbox";
  }

  get label_tag(): SafeString {
    const classes: string[] = [];
    if (this.field.field.required) classes.push("required");
    if (!this.is_first) classes.push("inline");
    const attrs = classes.length ? { class: classes.join(" ") } : null;
    return this.field.label_tag(null, attrs, this.is_checkbox ? "" : null);
  }

  get errors(): SafeString {
    return mark_safe(String(this.field.errors));
  }
}

/** A field shown as text: a readonly field, a method of the admin or the model, or a callable. */
export class AdminReadonlyField {
  readonly is_readonly = true;
  readonly is_checkbox = false;
  readonly field: { name: string; label: string; help_text: string };
  constructor(
    readonly form: any,
    readonly name: string,
    readonly is_first: boolean,
    readonly model_admin: any,
  ) {
    const label = label_for_field(name, form.instance.constructor, model_admin);
    this.field = { name, label: capfirst(label), help_text: "" };
  }

  get label_tag(): SafeString {
    return format_html("<label>{}:</label>", this.field.label);
  }

  get errors(): string {
    return "";
  }

  /** The display value: the field's display for a model field, the callable's result otherwise. */
  contents(): SafeString | string {
    const obj = this.form.instance;
    const empty = this.model_admin?.get_empty_value_display?.() ?? "-";
    let f: any, attr: any, value: any;
    try {
      [f, attr, value] = lookup_field(this.name, obj, this.model_admin);
    } catch (e) {
      if (e instanceof FieldDoesNotExist) return empty;
      return empty;
    }
    if (f === null) return attr?.boolean ? mark_safe(display_for_value(value, empty, true)) : display_for_value(value, attr?.empty_value_display ?? empty);
    if (f.many_to_many) return value ? [...value.all()].map(String).join(", ") || empty : empty;
    if (f.is_relation && value !== null && value !== undefined) return String(value);
    const shown = display_for_field(value, f, empty);
    return shown.startsWith("<img") ? mark_safe(shown) : shown;
  }
}

// --- inline formsets ------------------------------------------------------------------------------

/** One inline form: a ModelForm for a related row, with its hidden pk and DELETE checkbox values. */
export class InlineForm {
  constructor(
    readonly form: any,
    readonly original: any | null,
    readonly prefix: string,
  ) {}

  get marked_for_delete(): boolean {
    const v = this.form.data?.get?.(`${this.prefix}-DELETE`);
    return v === "on" || v === "true" || v === "1";
  }
}

/**
 * The formset of one inline: rows already related to the parent (initial), then `extra` blanks.
 * Bound to POST data, it validates the changed rows and saves them against the parent.
 */
export class InlineFormSet {
  readonly prefix: string;
  readonly form_class: any;
  readonly forms: InlineForm[] = [];
  readonly fk: any;

  constructor(
    readonly inline: any,
    readonly instance: any,
    readonly data: any = null,
  ) {
    this.fk = inline.get_fk();
    this.prefix = this.fk.remote_field.get_accessor_name?.() ?? `${inline.opts.model_name}_set`;
    const fields = inline.get_fields_for_form().filter((n: string) => n !== this.fk.name);
    this.form_class = modelform_factory(inline.model, { fields, widgets: inline.form_widgets(fields) });
    const existing = instance && instance.pk !== null && instance.pk !== undefined ? [...inline.get_queryset_for(instance)] : [];
    const total = data ? Number(data.get(`${this.prefix}-TOTAL_FORMS`) ?? existing.length) : existing.length + inline.get_extra();
    for (let i = 0; i < total; i++) {
      const prefix = `${this.prefix}-${i}`;
      const original = existing[i] ?? null;
      const form = new this.form_class(data, { prefix, instance: original ?? undefined, empty_permitted: original === null, use_required_attribute: false });
      this.forms.push(new InlineForm(form, original, prefix));
    }
  }

  get initial_form_count(): number {
    return this.forms.filter((f) => f.original !== null).length;
  }

  get total_form_count(): number {
    return this.forms.length;
  }

  /** The management form's hidden inputs. */
  management_form(): SafeString {
    const p = this.prefix;
    return format_html(
      '<input type="hidden" name="{}-TOTAL_FORMS" value="{}" id="id_{}-TOTAL_FORMS"><input type="hidden" name="{}-INITIAL_FORMS" value="{}" id="id_{}-INITIAL_FORMS"><input type="hidden" name="{}-MIN_NUM_FORMS" value="0" id="id_{}-MIN_NUM_FORMS"><input type="hidden" name="{}-MAX_NUM_FORMS" value="1000" id="id_{}-MAX_NUM_FORMS">',
      p, this.total_form_count, p, p, this.initial_form_count, p, p, p, p, p,
    );
  }

  is_valid(): boolean {
    return this.forms.every((f) => f.marked_for_delete || (!f.original && !f.form.has_changed()) || f.form.is_valid());
  }

  get errors(): any[] {
    return this.forms.map((f) => (f.form.is_bound && !f.marked_for_delete ? f.form.errors : {}));
  }

  /** Save changed rows against the parent, delete the rows marked DELETE. */
  save(parent: any): { added: any[]; changed: [any, string[]][]; deleted: any[] } {
    const out = { added: [] as any[], changed: [] as [any, string[]][], deleted: [] as any[] };
    for (const f of this.forms) {
      if (f.original && f.marked_for_delete) {
        out.deleted.push(f.original);
        f.original.delete();
        continue;
      }
      if (!f.form.has_changed()) continue;
      const obj = f.form.save({ commit: false });
      obj[this.fk.name] = parent;
      obj.save();
      f.form.save_m2m?.();
      if (f.original) out.changed.push([obj, f.form.changed_data]);
      else out.added.push(obj);
    }
    return out;
  }
}

/** What the inline templates walk: the formset, its rows as AdminForm-like fieldsets, its titles. */
export class InlineAdminFormSet {
  constructor(
    readonly opts: any,
    readonly formset: InlineFormSet,
    readonly readonly_fields: string[] = [],
  ) {}

  get verbose_name(): string {
    return this.opts.get_verbose_name();
  }

  get verbose_name_plural(): string {
    return this.opts.get_verbose_name_plural();
  }

  get field_names(): string[] {
    return this.opts.get_fields_for_form().filter((n: string) => n !== this.formset.fk.name);
  }

  /** Column headers of a tabular inline. */
  get fields(): { name: string; label: string; required: boolean }[] {
    const form = new this.formset.form_class();
    return this.field_names.map((name) => ({ name, label: capfirst(form.fields[name]?.label ?? label_for_field(name, this.opts.model, this.opts)), required: Boolean(form.fields[name]?.required) }));
  }

  get rows(): { original: any; prefix: string; fields: any[]; errors: SafeString; pk_field: SafeString; fk_field: SafeString; can_delete: boolean; delete_checked: boolean }[] {
    return this.formset.forms.map((f) => ({
      original: f.original,
      prefix: f.prefix,
      fields: this.field_names.map((name) => (this.readonly_fields.includes(name) ? new AdminReadonlyField(f.form, name, false, this.opts) : new AdminField(f.form, name, false))),
      errors: mark_safe(String(f.form.is_bound ? f.form.non_field_errors() : "")),
      pk_field: format_html('<input type="hidden" name="{}-id" value="{}" id="id_{}-id">', f.prefix, f.original?.pk ?? "", f.prefix),
      fk_field: format_html('<input type="hidden" name="{}-{}" value="{}" id="id_{}-{}">', f.prefix, this.formset.fk.name, this.formset.instance?.pk ?? "", f.prefix, this.formset.fk.name),
      can_delete: this.opts.can_delete && f.original !== null,
      delete_checked: f.marked_for_delete,
    }));
  }
}
