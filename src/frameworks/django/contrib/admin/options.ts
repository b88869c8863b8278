/**
 * django.contrib.admin.options: a model's admin options (ModelAdmin) → its admin pages.
 *
 *   class BookAdmin extends admin.ModelAdmin {
 *     list_display = ["title", "author", "published"];
 *     list_filter = ["in_print", "author"];
 *     search_fields = ["title", "=author__name"];
 *     actions = ["mark_in_print"];            // a method below, decorated with admin.action(...)
 *     inlines = [ReviewInline];               // a TabularInline / StackedInline subclass
 *   }
 *   admin.site.register(Book, BookAdmin);
 *
 * Options are instance fields a subclass overrides (Django's class attributes); every `get_*`
 * method reads them per request so a subclass can compute them. The views follow Django's:
 *   changelist_view   ChangeList (views/main.ts) → actions → list_editable formset → change_list.html
 *   changeform_view   ModelForm from get_form() + inline formsets (_create_formsets) → validate →
 *                     save_form / save_model / save_related → log → response_add / response_change
 *   delete_view, history_view
 * Form fields come from formfield_for_dbfield: the admin's widgets per model field class
 * (FORMFIELD_FOR_DBFIELD_DEFAULTS), relations wrapped in RelatedFieldWidgetWrapper.
 */
import { FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied, ValidationError, BadRequest } from "../../core/exceptions";
import { Paginator } from "../../core/paginator";
import * as models from "../../db/models";
import { Q } from "../../db/models/query_utils";
import { HttpResponseRedirect } from "../../http/response";
import { smart_split, unescape_string_literal, capfirst, get_text_list } from "../../utils/text";
import { urlencode } from "../../utils/http";
import { format_html } from "../../utils/html";
import { mark_safe } from "../../utils/safestring";
import { reverse } from "../../urls/base";
import { atomic } from "../../db/transaction";
import * as forms from "../../forms";
import { modelform_factory, modelformset_factory, inlineformset_factory, model_field_to_formfield, BaseInlineFormSet } from "../../forms/models";
import { all_valid, DELETION_FIELD_NAME } from "../../forms/formsets";
import { TemplateResponse, SimpleTemplateResponse } from "../../template/response";
import { ngettext } from "../../utils/translation";
import { py_json_dumps } from "../../../python/json";
import { ValueError } from "../../../python/builtins";
import { urlsplit, parse_qsl, quote as urlquote } from "../../../python/urllib/parse";
import * as messages from "../messages/api";
import * as message_levels from "../messages/constants";
import * as helpers from "./helpers";
import * as widgets from "./widgets";
import { ACTION_CHECKBOX_NAME } from "./helpers";
import { DisallowedModelAdminToField, NotRegistered } from "./exceptions";
import { span_set, to_json, trace_site } from "../../../../trace";
import { FieldListFilter, SimpleListFilter } from "./filters";
import { ChangeList, ERROR_FLAG, IS_POPUP_VAR, TO_FIELD_VAR, IncorrectLookupParameters } from "./views/main";
import { add_preserved_filters } from "./templatetags/admin_urls";
import { LOOKUP_SEP, NestedObjects, construct_change_message, flatten_fieldsets, get_deleted_objects, lookup_spawns_duplicates, model_format_dict, model_ngettext, interpolate, quote, unquote } from "./utils";

const ADMIN = trace_site("admin", "django/contrib/admin/options.ts", { eager: true });

export { IncorrectLookupParameters, IS_POPUP_VAR, TO_FIELD_VAR };

export const HORIZONTAL = 1;
export const VERTICAL = 2;

type Request = any;
export type ActionFunction = ((modeladmin: any, request: Request, queryset: any) => any) & { short_description?: string; allowed_permissions?: string[] };
type Fieldsets = helpers.Fieldsets;

/** `get_permission_codename("change", opts)` → "change_book". */
export function get_permission_codename(action: string, opts: { model_name: string }): string {
  return `${action}_${opts.model_name}`;
}

export function get_content_type_for_model(obj: any): any {
  const ContentType = (obj._meta ?? obj.constructor._meta).apps.get_model("contenttypes", "ContentType");
  return ContentType.objects.get_for_model(obj, { for_concrete_model: false });
}

export function get_ul_class(radio_style: number): string {
  return radio_style === VERTICAL ? "radiolist" : "radiolist inline";
}

/** The admin's form field options per model field class (the first class in the field's MRO wins). */
export const FORMFIELD_FOR_DBFIELD_DEFAULTS = new Map<any, Record<string, unknown>>([
  [models.DateTimeField, { form_class: forms.SplitDateTimeField, widget: widgets.AdminSplitDateTime }],
  [models.DateField, { widget: widgets.AdminDateWidget }],
  [models.TimeField, { widget: widgets.AdminTimeWidget }],
  [models.TextField, { widget: widgets.AdminTextareaWidget }],
  [models.URLField, { widget: widgets.AdminURLFieldWidget }],
  [models.IntegerField, { widget: widgets.AdminIntegerFieldWidget }],
  [models.BigIntegerField, { widget: widgets.AdminBigIntegerFieldWidget }],
  [models.CharField, { widget: widgets.AdminTextInputWidget }],
  [models.EmailField, { widget: widgets.AdminEmailInputWidget }],
  [models.UUIDField, { widget: widgets.AdminUUIDInputWidget }],
]);

/** The classes of a field from its own up (Python's `type(field).mro()`, without object). */
function class_chain(obj: any): any[] {
  const chain: any[] = [];
  for (let c = obj.constructor; c && c !== Object; c = Object.getPrototypeOf(c)) chain.push(c);
  return chain;
}

/** Options shared by ModelAdmin and inlines: the form's fields, widgets and permissions. */
export class BaseModelAdmin {
  model: any;
  autocomplete_fields: string[] = [];
  raw_id_fields: string[] = [];
  fields: (string | string[])[] | null = null;
  exclude: string[] | null = null;
  fieldsets: Fieldsets | null = null;
  form: any = forms.ModelForm;
  filter_vertical: string[] = [];
  filter_horizontal: string[] = [];
  radio_fields: Record<string, number> = {};
  prepopulated_fields: Record<string, string[]> = {};
  /** `new Map([[models.TextField, { widget: MyWidget }]])`: options per model field class (Django's dict). */
  formfield_overrides = new Map<any, Record<string, unknown>>();
  readonly_fields: string[] = [];
  ordering: any[] | null = null;
  sortable_by: string[] | null = null;
  view_on_site: boolean | ((obj: any) => string) = true;
  show_full_result_count = true;
  admin_site: any;

  constructor(model: any, admin_site: any) {
    this.model = model;
    this.admin_site = admin_site;
  }

  get opts(): any {
    return this.model._meta;
  }

  /** FORMFIELD_FOR_DBFIELD_DEFAULTS with this admin's formfield_overrides laid over them. */
  _formfield_overrides(): Map<any, Record<string, unknown>> {
    const merged = new Map<any, Record<string, unknown>>();
    for (const [k, v] of FORMFIELD_FOR_DBFIELD_DEFAULTS) merged.set(k, { ...v });
    const own = this.formfield_overrides instanceof Map ? this.formfield_overrides : new Map();
    for (const [k, v] of own) merged.set(k, { ...(merged.get(k) ?? {}), ...v });
    return merged;
  }

  /** The form field for a model field: choices → a select, relations → wrapped widgets, else the admin's widget. */
  formfield_for_dbfield(db_field: any, request: Request, kwargs: Record<string, unknown> = {}): forms.Field | null {
    if (db_field.choices && db_field.choices.length) return this.formfield_for_choice_field(db_field, request, kwargs);
    const overrides = this._formfield_overrides();
    if (db_field instanceof models.ForeignKey || db_field instanceof models.ManyToManyField) {
      if (overrides.has(db_field.constructor)) kwargs = { ...overrides.get(db_field.constructor), ...kwargs };
      const formfield = db_field instanceof models.ForeignKey ? this.formfield_for_foreignkey(db_field, request, kwargs) : this.formfield_for_manytomany(db_field, request, kwargs);
      if (formfield && !this.raw_id_fields.includes(db_field.name)) {
        let wrapper: Record<string, boolean> = {};
        try {
          const related = this.admin_site.get_model_admin(db_field.remote_field.model);
          wrapper = {
            can_add_related: related.has_add_permission(request),
            can_change_related: related.has_change_permission(request),
            can_delete_related: related.has_delete_permission(request),
            can_view_related: related.has_view_permission(request),
          };
        } catch (e) {
          if (!(e instanceof NotRegistered)) throw e;
        }
        formfield.widget = new widgets.RelatedFieldWidgetWrapper(formfield.widget, db_field.remote_field, this.admin_site, wrapper);
      }
      return formfield;
    }
    for (const cls of class_chain(db_field)) {
      if (overrides.has(cls)) return model_field_to_formfield(db_field, { ...instantiate_widget(overrides.get(cls)!), ...kwargs });
    }
    return model_field_to_formfield(db_field, kwargs);
  }

  formfield_for_choice_field(db_field: any, request: Request, kwargs: Record<string, unknown> = {}): forms.Field | null {
    void request;
    if (db_field.name in this.radio_fields) {
      if (!("widget" in kwargs)) kwargs = { ...kwargs, widget: new widgets.AdminRadioSelect({ class: get_ul_class(this.radio_fields[db_field.name]) }) };
      if (!("choices" in kwargs)) kwargs = { ...kwargs, choices: [...(db_field.blank ? [["", "None"]] : []), ...db_field.choices] };
    }
    return model_field_to_formfield(db_field, kwargs);
  }

  /** The related admin's ordering for a relation's choices, when it has one. */
  get_field_queryset(_db: unknown, db_field: any, request: Request): any {
    let related: any;
    try {
      related = this.admin_site.get_model_admin(db_field.remote_field.model);
    } catch (e) {
      if (e instanceof NotRegistered) return null;
      throw e;
    }
    const ordering = related.get_ordering(request);
    if (ordering && ordering.length) return db_field.remote_field.model._default_manager.order_by(...ordering);
    return null;
  }

  formfield_for_foreignkey(db_field: any, request: Request, kwargs: Record<string, unknown> = {}): forms.Field | null {
    if (!("widget" in kwargs) && db_field.name in this.radio_fields) {
      kwargs = { ...kwargs, widget: new widgets.AdminRadioSelect({ class: get_ul_class(this.radio_fields[db_field.name]) }), empty_label: db_field.blank ? (kwargs.empty_label ?? "None") : null };
    }
    if (!("queryset" in kwargs)) {
      const queryset = this.get_field_queryset(null, db_field, request);
      if (queryset !== null) kwargs = { ...kwargs, queryset };
    }
    return model_field_to_formfield(db_field, kwargs);
  }

  formfield_for_manytomany(db_field: any, request: Request, kwargs: Record<string, unknown> = {}): forms.Field | null {
    if (!db_field.remote_field.through._meta.auto_created) return null;
    if (!("queryset" in kwargs)) {
      const queryset = this.get_field_queryset(null, db_field, request);
      if (queryset !== null) kwargs = { ...kwargs, queryset };
    }
    const form_field = model_field_to_formfield(db_field, kwargs);
    if (form_field && form_field.widget instanceof forms.SelectMultiple && !(form_field.widget instanceof forms.CheckboxSelectMultiple)) {
      const msg = "Hold down “Control”, or “Command” on a Mac, to select more than one.";
      form_field.help_text = form_field.help_text ? `${form_field.help_text} ${msg}` : msg;
    }
    return form_field;
  }

  get_autocomplete_fields(_request: Request): string[] {
    return this.autocomplete_fields;
  }

  /** "View on site": the admin's redirect to the object's get_absolute_url() (or view_on_site(obj)). */
  get_view_on_site_url(obj: any = null): string | null {
    if (obj === null || !this.view_on_site) return null;
    if (typeof this.view_on_site === "function") return this.view_on_site(obj);
    if (typeof obj.get_absolute_url === "function")
      return reverse("admin:view_on_site", { kwargs: { content_type_id: get_content_type_for_model(obj).pk, object_id: obj.pk }, current_app: this.admin_site.name });
    return null;
  }

  get_empty_value_display(): string {
    return mark_safe((this as { empty_value_display?: string | null }).empty_value_display ?? this.admin_site?.empty_value_display ?? "-") as unknown as string;
  }

  get_exclude(_request: Request, _obj: any = null): string[] | null {
    return this.exclude;
  }

  /** `fields`, else the form's base fields followed by the readonly ones. */
  get_fields(request: Request, obj: any = null): (string | string[])[] {
    if (this.fields) return this.fields;
    const form = this._get_form_for_get_fields(request, obj);
    return [...Object.keys(form.base_fields()), ...this.get_readonly_fields(request, obj)];
  }

  _get_form_for_get_fields(_request: Request, _obj: any): any {
    throw new Error("implemented by ModelAdmin and InlineModelAdmin");
  }

  get_fieldsets(request: Request, obj: any = null): Fieldsets {
    if (this.fieldsets) return this.fieldsets;
    return [[null, { fields: this.get_fields(request, obj) }]];
  }

  get_inlines(_request: Request, _obj: any): any[] {
    return (this as { inlines?: any[] }).inlines ?? [];
  }

  get_ordering(_request: Request): any[] {
    return this.ordering ?? [];
  }

  get_readonly_fields(_request: Request, _obj: any = null): string[] {
    return this.readonly_fields;
  }

  get_prepopulated_fields(_request: Request, _obj: any = null): Record<string, string[]> {
    return this.prepopulated_fields;
  }

  /** The model's default manager, ordered by this admin's `get_ordering()` when it has one. */
  get_queryset(request: Request): any {
    let qs = this.model._default_manager.get_queryset();
    const ordering = this.get_ordering(request);
    if (ordering.length) qs = qs.order_by(...ordering);
    return qs;
  }

  get_sortable_by(request: Request): string[] | null {
    return this.sortable_by ?? (this as any).get_list_display(request);
  }

  /**
   * May the query string filter by `lookup`? Local fields always; a path across relations only
   * when a list_filter (or date_hierarchy) offers that path.
   */
  lookup_allowed(lookup: string, _value: unknown, request: Request = null): boolean {
    let model = this.model;
    const relation_parts: string[] = [];
    let prev_field: any = null;
    let part = "";
    for (part of lookup.split(LOOKUP_SEP)) {
      let field: any;
      try {
        field = model._meta.get_field(part);
      } catch (e) {
        if (e instanceof FieldDoesNotExist) break;
        throw e;
      }
      if (!prev_field || (prev_field.is_relation && !is_parent_link(model, field) && field !== auto_field(model) && (field.is_relation || !field.primary_key))) relation_parts.push(part);
      if (!field.is_relation || !field.related_model) break;
      prev_field = field;
      model = field.related_model;
    }
    if (relation_parts.length <= 1) return true;
    const valid = new Set<string | null>([(this as any).date_hierarchy ?? null]);
    const list_filter = request !== null && typeof (this as any).get_list_filter === "function" ? (this as any).get_list_filter(request) : ((this as any).list_filter ?? []);
    for (const item of list_filter) {
      if (typeof item === "function" && item.prototype instanceof SimpleListFilter) valid.add(new item().parameter_name);
      else if (Array.isArray(item)) valid.add(item[0]);
      else valid.add(item);
    }
    return valid.has(relation_parts.join(LOOKUP_SEP)) || valid.has([...relation_parts, part].join(LOOKUP_SEP));
  }

  /** May `?_to_field=` name this field? Only the pk or a field another model points at. */
  to_field_allowed(_request: Request, to_field: string): boolean {
    try {
      const field = this.opts.get_field(to_field);
      return field.primary_key || field.unique;
    } catch (e) {
      if (e instanceof FieldDoesNotExist) return false;
      throw e;
    }
  }

  has_add_permission(request: Request, _obj: any = null): boolean {
    return this.user_has(request, "add");
  }

  has_change_permission(request: Request, _obj: any = null): boolean {
    return this.user_has(request, "change");
  }

  has_delete_permission(request: Request, _obj: any = null): boolean {
    return this.user_has(request, "delete");
  }

  has_view_permission(request: Request, _obj: any = null): boolean {
    return this.user_has(request, "view") || this.user_has(request, "change");
  }

  has_view_or_change_permission(request: Request, obj: any = null): boolean {
    return this.has_view_permission(request, obj) || this.has_change_permission(request, obj);
  }

  has_module_permission(request: Request): boolean {
    return Boolean(request.user?.has_module_perms?.(this.opts.app_label));
  }

  /** `request.user.has_perm("<app>.<action>_<model>")` (traced by auth as an "auth" span). */
  protected user_has(request: Request, action: string): boolean {
    const perm = `${this.opts.app_label}.${get_permission_codename(action, this.opts)}`;
    return Boolean(request.user?.has_perm?.(perm));
  }
}

/** A `{widget: Class}` option gives a fresh widget instance per form field. */
function instantiate_widget(options: Record<string, unknown>): Record<string, unknown> {
  const w = options.widget;
  return typeof w === "function" ? { ...options, widget: new (w as new () => unknown)() } : { ...options };
}

function auto_field(model: any): any {
  const pk = model._meta.pk;
  return pk && /AutoField$/.test(pk.get_internal_type()) ? pk : null;
}

function is_parent_link(model: any, field: any): boolean {
  return [...(model._meta.parents?.values() ?? [])].includes(field);
}

/** The admin for one model: changelist options, the form's options, actions and inlines. */
export class ModelAdmin extends BaseModelAdmin {
  list_display: any[] = ["__str__"];
  list_display_links: any[] | null = [];
  list_filter: any[] = [];
  list_select_related: boolean | string[] = false;
  list_per_page = 100;
  list_max_show_all = 200;
  list_editable: string[] = [];
  search_fields: string[] = [];
  search_help_text: string | null = null;
  date_hierarchy: string | null = null;
  save_as = false;
  save_as_continue = true;
  save_on_top = false;
  paginator: typeof Paginator = Paginator;
  preserve_filters = true;
  show_facets = "allow";
  inlines: any[] = [];
  empty_value_display: string | null = null;
  /** Action functions, or names of methods of this class or of the site's actions; null disables actions. */
  actions: (ActionFunction | string)[] | null = [];
  action_form: any = helpers.ActionForm;
  actions_on_top = true;
  actions_on_bottom = false;
  actions_selection_counter = true;
  add_form_template: string | null = null;
  change_form_template: string | null = null;
  change_list_template: string | null = null;
  delete_confirmation_template: string | null = null;
  delete_selected_confirmation_template: string | null = null;
  object_history_template: string | null = null;
  popup_response_template: string | null = null;

  override toString(): string {
    return `${this.opts.app_label}.${this.constructor.name}`;
  }

  __repr__(): string {
    return `<${this.constructor.name}: model=${this.model.name} site=${this.admin_site}>`;
  }

  get_inline_instances(request: Request, obj: any = null): InlineModelAdmin[] {
    const instances: InlineModelAdmin[] = [];
    for (const cls of this.get_inlines(request, obj)) {
      const inline = new cls(this.model, this.admin_site) as InlineModelAdmin;
      if (request) {
        if (!(inline.has_view_or_change_permission(request, obj) || inline.has_add_permission(request, obj) || inline.has_delete_permission(request, obj))) continue;
        if (!inline.has_add_permission(request, obj)) inline.max_num = 0;
      }
      instances.push(inline);
    }
    return instances;
  }

  /** The view for a URL of this model's admin: changelist, add, change, delete, history. */
  get urls(): any[] {
    return this.admin_site.model_urls(this);
  }

  /** The scripts every admin page of this model loads (minified unless DEBUG). */
  get media(): forms.Media {
    const extra = this.admin_site?.debug?.() ? "" : ".min";
    const js = [`vendor/jquery/jquery${extra}.js`, "jquery.init.js", "core.js", "admin/RelatedObjectLookups.js", "actions.js", "urlify.js", "prepopulate.js", `vendor/xregexp/xregexp${extra}.js`];
    return new forms.Media({ js: js.map((url) => `admin/js/${url}`) });
  }

  get_model_perms(request: Request): Record<string, boolean> {
    return { add: this.has_add_permission(request), change: this.has_change_permission(request), delete: this.has_delete_permission(request), view: this.has_view_permission(request) };
  }

  override _get_form_for_get_fields(request: Request, obj: any): any {
    return this.get_form(request, obj, { fields: null });
  }

  /** A ModelForm class for the add/change form: the fieldsets' fields minus readonly and excluded ones. */
  get_form(request: Request, obj: any = null, options: { change?: boolean; fields?: string[] | null } & Record<string, unknown> = {}): any {
    const { change = false, ...kwargs } = options;
    const fields = "fields" in kwargs ? (kwargs.fields as string[] | null) : flatten_fieldsets(this.get_fieldsets(request, obj));
    delete kwargs.fields;
    const excluded = this.get_exclude(request, obj);
    let exclude: string[] = excluded === null ? [] : [...excluded];
    const readonly_fields = this.get_readonly_fields(request, obj);
    exclude.push(...readonly_fields);
    if (change && request?.user && !this.has_change_permission(request, obj)) exclude.push(...(fields ?? []));
    if (excluded === null && this.form?.Meta?.exclude) exclude.push(...this.form.Meta.exclude);
    const defaults: Record<string, unknown> = {
      form: this.form,
      fields: fields === null && !this.form?.Meta?.fields ? "__all__" : fields,
      exclude: exclude.length ? exclude : undefined,
      formfield_callback: (db_field: any, kw: Record<string, unknown>) => this.formfield_for_dbfield(db_field, request, kw),
      ...kwargs,
    };
    exclude = [];
    return modelform_factory(this.model, defaults as never);
  }

  get_changelist(_request: Request): typeof ChangeList {
    return ChangeList;
  }

  /** The changelist for this request: list_display gains "action_checkbox" when there are actions. */
  get_changelist_instance(request: Request): ChangeList {
    let list_display = this.get_list_display(request);
    const list_display_links = this.get_list_display_links(request, list_display);
    if (Object.keys(this.get_actions(request)).length) list_display = ["action_checkbox", ...list_display];
    const cls = this.get_changelist(request);
    return new cls(request, this.model, {
      list_display,
      list_display_links,
      list_filter: this.get_list_filter(request),
      date_hierarchy: this.date_hierarchy,
      search_fields: this.get_search_fields(request),
      list_select_related: this.get_list_select_related(request),
      list_per_page: this.list_per_page,
      list_max_show_all: this.list_max_show_all,
      list_editable: this.list_editable,
      model_admin: this,
      sortable_by: this.get_sortable_by(request),
      search_help_text: this.search_help_text,
    });
  }

  /** The object named by the URL, or null (Django answers "… doesn't exist. Perhaps it was deleted?"). */
  get_object(request: Request, object_id: string, from_field: string | null = null): any {
    const queryset = this.get_queryset(request);
    const field = from_field === null ? this.opts.pk : this.opts.get_field(from_field);
    try {
      return queryset.get({ [field.name]: field.to_python(object_id) });
    } catch (e) {
      if (e instanceof ObjectDoesNotExist || e instanceof ValidationError || e instanceof ValueError) return null;
      throw e;
    }
  }

  get_changelist_form(request: Request, kwargs: Record<string, unknown> = {}): any {
    const defaults: Record<string, unknown> = { formfield_callback: (db_field: any, kw: Record<string, unknown>) => this.formfield_for_dbfield(db_field, request, kw), ...kwargs };
    if (!defaults.fields && !(defaults.form as any)?.Meta?.fields) defaults.fields = "__all__";
    return modelform_factory(this.model, defaults as never);
  }

  /** The formset of list_editable's forms (no extra form: the changelist edits, never adds). */
  get_changelist_formset(request: Request, kwargs: Record<string, unknown> = {}): any {
    return modelformset_factory(this.model, {
      form: this.get_changelist_form(request),
      extra: 0,
      fields: this.list_editable,
      formfield_callback: (db_field: any, kw: Record<string, unknown>) => this.formfield_for_dbfield(db_field, request, kw),
      ...kwargs,
    });
  }

  *get_formsets_with_inlines(request: Request, obj: any = null): Iterable<[any, InlineModelAdmin]> {
    for (const inline of this.get_inline_instances(request, obj)) yield [inline.get_formset(request, obj), inline];
  }

  get_paginator(_request: Request, queryset: any, per_page: number, orphans = 0, allow_empty_first_page = true): Paginator {
    return new this.paginator(queryset, per_page, { orphans, allow_empty_first_page });
  }

  // --- logging ---------------------------------------------------------------------------------------

  log_addition(request: Request, obj: any, message: unknown): any {
    return this.admin_site.log_entry_model()?.objects.log_actions(request.user.pk, [obj], 1, message, { single_object: true });
  }

  log_change(request: Request, obj: any, message: unknown): any {
    return this.admin_site.log_entry_model()?.objects.log_actions(request.user.pk, [obj], 2, message, { single_object: true });
  }

  log_deletions(request: Request, queryset: Iterable<any>): any {
    return this.admin_site.log_entry_model()?.objects.log_actions(request.user.pk, queryset, 3);
  }

  // --- actions ---------------------------------------------------------------------------------------

  /** The checkbox of a changelist row (list_display's "action_checkbox"). */
  action_checkbox(obj: any): any {
    const attrs = { class: "action-select", "aria-label": format_html("Select this object for an action - {}", String(obj)) };
    const checkbox = new forms.CheckboxInput(attrs, { check_test: () => false });
    return checkbox.render(ACTION_CHECKBOX_NAME, String(obj.pk));
  }

  static _get_action_description(func: any, name: string): string {
    return func.short_description ?? capfirst(name.replace(/_/g, " "));
  }

  /** The site's actions (unless this admin names one the same), then this admin's. */
  _get_base_actions(): [ActionFunction, string, string][] {
    const base = (this.actions ?? []).map((a) => this.get_action(a)).filter((a): a is [ActionFunction, string, string] => a !== null);
    const names = new Set(base.map(([, name]) => name));
    const actions: [ActionFunction, string, string][] = [];
    for (const [name, func] of this.admin_site.actions as [string, ActionFunction][]) {
      if (names.has(name)) continue;
      actions.push([func, name, ModelAdmin._get_action_description(func, name)]);
    }
    actions.push(...base);
    return actions;
  }

  /** An action with `allowed_permissions` shows only when one of `has_<perm>_permission` passes. */
  _filter_actions_by_permissions(request: Request, actions: [ActionFunction, string, string][]): [ActionFunction, string, string][] {
    return actions.filter(([func]) => {
      if (!func.allowed_permissions) return true;
      return func.allowed_permissions.some((perm) => {
        const check = (this as any)[`has_${perm}_permission`];
        if (typeof check !== "function") throw new TypeError(`'${this.constructor.name}' object has no attribute 'has_${perm}_permission'`);
        return check.call(this, request);
      });
    });
  }

  /** `{name: [func, name, description]}`; none in a popup or with `actions = null`. */
  get_actions(request: Request): Record<string, [ActionFunction, string, string]> {
    if (this.actions === null || request.GET?.__contains__?.(IS_POPUP_VAR)) return {};
    const actions = this._filter_actions_by_permissions(request, this._get_base_actions());
    return Object.fromEntries(actions.map(([func, name, desc]) => [name, [func, name, desc]]));
  }

  get_action_choices(request: Request, default_choices: [string, string][] = [["", "---------"]]): [string, string][] {
    return [...default_choices, ...Object.values(this.get_actions(request)).map(([, name, description]) => [name, interpolate(String(description), model_format_dict(this.opts))] as [string, string])];
  }

  /**
   * `[func, name, description]` for an action given as a function, the name of a method of this
   * class (called as `func(modeladmin, request, queryset)` like Django's unbound method), or the
   * name of a site-wide action.
   */
  get_action(action: ActionFunction | string): [ActionFunction, string, string] | null {
    let func: ActionFunction;
    let name: string;
    if (typeof action === "function") {
      func = action;
      name = action.name;
    } else if (typeof (this.constructor.prototype as any)[action] === "function") {
      const method = (this.constructor.prototype as any)[action];
      func = Object.assign(function (modeladmin: any, request: Request, queryset: any) {
        return method.call(modeladmin, request, queryset);
      }, { short_description: method.short_description, allowed_permissions: method.allowed_permissions }) as ActionFunction;
      if (method.short_description === undefined) delete func.short_description;
      if (method.allowed_permissions === undefined) delete func.allowed_permissions;
      Object.defineProperty(func, "name", { value: action });
      name = action;
    } else {
      const site_action = this.admin_site.get_action(action);
      if (!site_action) return null;
      func = site_action;
      name = action;
    }
    return [func, name, ModelAdmin._get_action_description(func, name)];
  }

  get_list_display(_request: Request): any[] {
    return this.list_display;
  }

  get_list_display_links(_request: Request, list_display: any[]): any[] | null {
    if (this.list_display_links === null || this.list_display_links.length || !list_display.length) return this.list_display_links;
    return list_display.slice(0, 1);
  }

  get_list_filter(_request: Request): any[] {
    return this.list_filter;
  }

  get_list_select_related(_request: Request): boolean | string[] {
    return this.list_select_related;
  }

  get_search_fields(_request: Request): string[] {
    return this.search_fields;
  }

  /** FieldListFilter.create, overridable per admin. */
  field_list_filter_create(field: any, request: Request, params: Record<string, any>, model: any, field_path: string): any {
    return FieldListFilter.create(field, request, params, model, this, field_path);
  }

  /**
   * `q` → one OR of the search fields per term, all terms ANDed: `^f` istartswith, `=f` iexact,
   * `@f` search, otherwise icontains. Quoted phrases stay one term (smart_split).
   */
  get_search_results(request: Request, queryset: any, search_term: string): [any, boolean] {
    const search_fields = this.get_search_fields(request);
    if (!search_fields.length || !search_term) return [queryset, false];
    return ADMIN.run("ModelAdmin.get_search_results", () => ({ search_fields, search_term }), (span) => {
      const orm_lookups = search_fields.map((f) => construct_search(queryset.model._meta, String(f)));
      const term_queries: Q[] = [];
      for (let bit of smart_split(search_term)) {
        if ((bit.startsWith('"') || bit.startsWith("'")) && bit[0] === bit[bit.length - 1]) bit = unescape_string_literal(bit);
        term_queries.push(new Q(orm_lookups.map((lookup) => [lookup, bit] as [string, unknown]), { _connector: "OR" }));
      }
      const q = new Q(term_queries);
      const may_have_duplicates = orm_lookups.some((lookup) => lookup_spawns_duplicates(this.opts, lookup));
      span_set(span, () => ({ terms: smart_split(search_term), orm_lookups, q: q.toString(), may_have_duplicates }));
      return [queryset.filter(q), may_have_duplicates];
    });
  }

  /** `_changelist_filters=<the changelist's query string>`, carried to the change form and back. */
  get_preserved_filters(request: Request): string {
    const match = request.resolver_match;
    if (!this.preserve_filters || !match) return "";
    const current = `${match.app_name}:${match.url_name}`;
    const changelist = `admin:${this.opts.app_label}_${this.opts.model_name}_changelist`;
    const preserved = current === changelist ? request.GET.urlencode() : request.GET.get("_changelist_filters");
    return preserved ? urlencode({ _changelist_filters: preserved }) : "";
  }

  construct_change_message(_request: Request, form: any, formsets: any[] | null, add = false): any[] {
    return construct_change_message(form, formsets, add);
  }

  /** `messages.add_message` with a level number or name ("success", "warning", …). */
  message_user(request: Request, message: unknown, level: number | string = message_levels.INFO, extra_tags = "", fail_silently = false): void {
    let lvl = level;
    if (typeof lvl !== "number") {
      const found = (message_levels.DEFAULT_LEVELS as Record<string, number>)[lvl.toUpperCase()];
      if (found === undefined) throw new ValueError(`Bad message level string: \`${lvl}\`. Possible values are: ${Object.values(message_levels.DEFAULT_TAGS).map((t) => `\`${t}\``).join(", ")}`);
      lvl = found;
    }
    messages.add_message(request, lvl, message, { extra_tags, fail_silently });
  }

  save_form(_request: Request, form: any, _change: boolean): any {
    return form.save({ commit: false });
  }

  save_model(_request: Request, obj: any, _form: any, _change: boolean): void {
    obj.save();
  }

  delete_model(_request: Request, obj: any): void {
    obj.delete();
  }

  delete_queryset(_request: Request, queryset: any): void {
    queryset.delete();
  }

  save_formset(_request: Request, _form: any, formset: any, _change: boolean): void {
    formset.save();
  }

  save_related(request: Request, form: any, formsets: any[], change: boolean): void {
    form.save_m2m();
    for (const formset of formsets) this.save_formset(request, form, formset, change);
  }

  // --- the change form -------------------------------------------------------------------------------

  render_change_form(request: Request, context: Record<string, unknown>, options: { add?: boolean; change?: boolean; form_url?: string; obj?: any } = {}): TemplateResponse {
    const { add = false, change = false, obj = null } = options;
    const app_label = this.opts.app_label;
    const preserved_filters = this.get_preserved_filters(request);
    const form_url = add_preserved_filters({ preserved_filters, opts: this.opts }, options.form_url ?? "");
    const view_on_site_url = this.get_view_on_site_url(obj);
    const inline_admin_formsets = context.inline_admin_formsets as helpers.InlineAdminFormSet[];
    const has_editable_inline_admin_formsets = inline_admin_formsets.some((inline) => inline.has_add_permission || inline.has_change_permission || inline.has_delete_permission);
    Object.assign(context, {
      add,
      change,
      has_view_permission: this.has_view_permission(request, obj),
      has_add_permission: this.has_add_permission(request),
      has_change_permission: this.has_change_permission(request, obj),
      has_delete_permission: this.has_delete_permission(request, obj),
      has_editable_inline_admin_formsets,
      has_file_field: (context.adminform as helpers.AdminForm).form.is_multipart() || inline_admin_formsets.some((f) => f.formset.is_multipart()),
      has_absolute_url: view_on_site_url !== null,
      absolute_url: view_on_site_url,
      form_url,
      opts: this.opts,
      content_type_id: this.admin_site.content_type_id_for(this.model),
      save_as: this.save_as,
      save_on_top: this.save_on_top,
      to_field_var: TO_FIELD_VAR,
      is_popup_var: IS_POPUP_VAR,
      app_label,
    });
    const form_template = add && this.add_form_template !== null ? this.add_form_template : this.change_form_template;
    request.current_app = this.admin_site.name;
    return new TemplateResponse(request, form_template ?? [`admin/${app_label}/${this.opts.model_name}/change_form.html`, `admin/${app_label}/change_form.html`, "admin/change_form.html"], context);
  }

  _get_preserved_qsl(request: Request, preserved_filters: string): [string, string][] {
    const query_string = urlsplit(request.build_absolute_uri()).query;
    return parse_qsl(preserved_filters ? query_string.split(preserved_filters).join("") : query_string);
  }

  private popup_response(request: Request, data: Record<string, unknown>): TemplateResponse {
    const opts = this.opts;
    return new TemplateResponse(request, this.popup_response_template ?? [`admin/${opts.app_label}/${opts.model_name}/popup_response.html`, `admin/${opts.app_label}/popup_response.html`, "admin/popup_response.html"], {
      popup_response_data: py_json_dumps(data),
    });
  }

  /** After an add: `_continue` → its change form, `_addanother` → a blank form, else the changelist. */
  response_add(request: Request, obj: any, post_url_continue: string | null = null): any {
    const opts = obj.constructor._meta;
    const preserved_filters = this.get_preserved_filters(request);
    const preserved_qsl = this._get_preserved_qsl(request, preserved_filters);
    const obj_url = reverse(`admin:${opts.app_label}_${opts.model_name}_change`, { args: [quote(obj.pk)], current_app: this.admin_site.name });
    const obj_repr = this.has_change_permission(request, obj) ? format_html('<a href="{}">{}</a>', urlquote(obj_url), obj) : String(obj);
    const name = opts.verbose_name;
    const carry = (url: string) => add_preserved_filters({ preserved_filters, preserved_qsl, opts }, url);
    if (request.POST.__contains__(IS_POPUP_VAR)) {
      const to_field = request.POST.get(TO_FIELD_VAR);
      const attr = to_field ? String(to_field) : opts.pk.attname;
      return this.popup_response(request, { value: String(obj.serializable_value(attr)), obj: String(obj) });
    }
    if (request.POST.__contains__("_continue") || (request.POST.__contains__("_saveasnew") && this.save_as_continue && this.has_change_permission(request, obj))) {
      let msg = "The {name} “{obj}” was added successfully.";
      if (this.has_change_permission(request, obj)) msg += " You may edit it again below.";
      this.message_user(request, format_html(msg.replace("{name}", "{}").replace("{obj}", "{}"), name, obj_repr), message_levels.SUCCESS);
      return new HttpResponseRedirect(carry(post_url_continue ?? obj_url));
    }
    if (request.POST.__contains__("_addanother")) {
      this.message_user(request, format_html("The {} “{}” was added successfully. You may add another {} below.", name, obj_repr, name), message_levels.SUCCESS);
      return new HttpResponseRedirect(carry(request.path));
    }
    this.message_user(request, format_html("The {} “{}” was added successfully.", name, obj_repr), message_levels.SUCCESS);
    return this.response_post_save_add(request, obj);
  }

  /** After a change: `_continue` → the same form, `_addanother` → the add form, else the changelist. */
  response_change(request: Request, obj: any): any {
    const opts = this.opts;
    if (request.POST.__contains__(IS_POPUP_VAR)) {
      const to_field = request.POST.get(TO_FIELD_VAR);
      const attr = to_field ? String(to_field) : opts.pk.attname;
      const value = request.resolver_match.kwargs.object_id;
      return this.popup_response(request, { action: "change", value: String(value), obj: String(obj), new_value: String(obj.serializable_value(attr)) });
    }
    const preserved_filters = this.get_preserved_filters(request);
    const preserved_qsl = this._get_preserved_qsl(request, preserved_filters);
    const obj_link = format_html('<a href="{}">{}</a>', urlquote(request.path), obj);
    const carry = (url: string) => add_preserved_filters({ preserved_filters, preserved_qsl, opts }, url);
    if (request.POST.__contains__("_continue")) {
      this.message_user(request, format_html("The {} “{}” was changed successfully. You may edit it again below.", opts.verbose_name, obj_link), message_levels.SUCCESS);
      return new HttpResponseRedirect(carry(request.path));
    }
    if (request.POST.__contains__("_addanother")) {
      this.message_user(request, format_html("The {} “{}” was changed successfully. You may add another {} below.", opts.verbose_name, obj_link, opts.verbose_name), message_levels.SUCCESS);
      return new HttpResponseRedirect(carry(reverse(`admin:${opts.app_label}_${opts.model_name}_add`, { current_app: this.admin_site.name })));
    }
    this.message_user(request, format_html("The {} “{}” was changed successfully.", opts.verbose_name, obj_link), message_levels.SUCCESS);
    return this.response_post_save_change(request, obj);
  }

  _response_post_save(request: Request, _obj: any): any {
    let post_url: string;
    if (this.has_view_or_change_permission(request)) {
      post_url = reverse(`admin:${this.opts.app_label}_${this.opts.model_name}_changelist`, { current_app: this.admin_site.name });
      post_url = add_preserved_filters({ preserved_filters: this.get_preserved_filters(request), opts: this.opts }, post_url);
    } else post_url = reverse("admin:index", { current_app: this.admin_site.name });
    return new HttpResponseRedirect(post_url);
  }

  response_post_save_add(request: Request, obj: any): any {
    return this._response_post_save(request, obj);
  }

  response_post_save_change(request: Request, obj: any): any {
    return this._response_post_save(request, obj);
  }

  /**
   * A POST from the changelist's action bar: the ActionForm picks the action (the Go button's
   * `index` chooses between the top and bottom bars), then `func(modeladmin, request, queryset)`
   * runs on the selected rows (or all of them with "select across"). An HttpResponse it returns is
   * the answer; otherwise the changelist is shown again.
   */
  response_action(request: Request, queryset: any): any {
    let action_index = Number.parseInt(String(request.POST.get("index", 0)), 10);
    if (Number.isNaN(action_index)) action_index = 0;
    const data = request.POST.copy();
    if (data.__contains__(ACTION_CHECKBOX_NAME)) data.pop(ACTION_CHECKBOX_NAME);
    if (data.__contains__("index")) data.pop("index");
    const chosen = data.getlist("action")[action_index];
    if (chosen !== undefined) data.setitem("action", chosen);
    const action_form = new this.action_form(data, { auto_id: null });
    action_form.fields.action.choices = this.get_action_choices(request);
    if (!action_form.is_valid()) {
      this.message_user(request, "No action selected.", message_levels.WARNING);
      return null;
    }
    const action: string = action_form.cleaned_data.action;
    const select_across = action_form.cleaned_data.select_across;
    const func = this.get_actions(request)[action][0];
    const selected: string[] = request.POST.getlist(ACTION_CHECKBOX_NAME);
    if (!selected.length && !select_across) {
      this.message_user(request, "Items must be selected in order to perform actions on them. No items have been changed.", message_levels.WARNING);
      return null;
    }
    const rows = select_across ? queryset : queryset.filter({ pk__in: selected });
    const response = ADMIN.run(`action ${action}`, () => ({ selected: to_json(selected), select_across: Boolean(select_across) }), () => func(this, request, rows));
    if (response && typeof response === "object" && "status_code" in response) return response;
    return new HttpResponseRedirect(request.get_full_path());
  }

  response_delete(request: Request, obj_display: string, obj_id: unknown): any {
    if (request.POST.__contains__(IS_POPUP_VAR)) return this.popup_response(request, { action: "delete", value: String(obj_id) });
    this.message_user(request, `The ${this.opts.verbose_name} “${obj_display}” was deleted successfully.`, message_levels.SUCCESS);
    let post_url: string;
    if (this.has_change_permission(request, null)) {
      post_url = reverse(`admin:${this.opts.app_label}_${this.opts.model_name}_changelist`, { current_app: this.admin_site.name });
      post_url = add_preserved_filters({ preserved_filters: this.get_preserved_filters(request), opts: this.opts }, post_url);
    } else post_url = reverse("admin:index", { current_app: this.admin_site.name });
    return new HttpResponseRedirect(post_url);
  }

  render_delete_form(request: Request, context: Record<string, unknown>): TemplateResponse {
    const app_label = this.opts.app_label;
    request.current_app = this.admin_site.name;
    Object.assign(context, { to_field_var: TO_FIELD_VAR, is_popup_var: IS_POPUP_VAR, media: this.media });
    return new TemplateResponse(request, this.delete_confirmation_template ?? [`admin/${app_label}/${this.opts.model_name}/delete_confirmation.html`, `admin/${app_label}/delete_confirmation.html`, "admin/delete_confirmation.html"], context);
  }

  get_inline_formsets(request: Request, formsets: any[], inline_instances: InlineModelAdmin[], obj: any = null): helpers.InlineAdminFormSet[] {
    const can_edit_parent = obj ? this.has_change_permission(request, obj) : this.has_add_permission(request);
    return inline_instances.map((inline, i) => {
      const formset = formsets[i];
      const fieldsets = inline.get_fieldsets(request, obj);
      const readonly = inline.get_readonly_fields(request, obj);
      let [has_add, has_change, has_delete] = [false, false, false];
      if (can_edit_parent) [has_add, has_change, has_delete] = [inline.has_add_permission(request, obj), inline.has_change_permission(request, obj), inline.has_delete_permission(request, obj)];
      const has_view = inline.has_view_permission(request, obj);
      return new helpers.InlineAdminFormSet(inline, formset, fieldsets, { ...inline.get_prepopulated_fields(request, obj) }, readonly, this, has_add, has_change, has_delete, has_view);
    });
  }

  /** `?title=…` on the add page pre-fills the form (a ManyToManyField takes comma-separated pks). */
  get_changeform_initial_data(request: Request): Record<string, unknown> {
    const initial: Record<string, unknown> = Object.fromEntries(request.GET.items());
    for (const k of Object.keys(initial)) {
      let f: any;
      try {
        f = this.opts.get_field(k);
      } catch (e) {
        if (e instanceof FieldDoesNotExist) continue;
        throw e;
      }
      if (f instanceof models.ManyToManyField) initial[k] = String(initial[k]).split(",");
    }
    return initial;
  }

  _get_obj_does_not_exist_redirect(request: Request, opts: any, object_id: string): any {
    this.message_user(request, `${capfirst(String(opts.verbose_name))} with ID “${unquote(object_id)}” doesn’t exist. Perhaps it was deleted?`, message_levels.WARNING);
    return new HttpResponseRedirect(reverse("admin:index", { current_app: this.admin_site.name }));
  }

  /** GET shows the form; POST validates the form and the inlines, saves, logs and redirects. */
  changeform_view(request: Request, object_id: string | null = null, form_url = "", extra_context: Record<string, unknown> | null = null): any {
    return ADMIN.run(`${this.constructor.name}.${object_id === null ? "add_view" : "change_view"}`, () => ({ model: this.opts.label, object_id }), () => {
      if (["GET", "HEAD", "OPTIONS", "TRACE"].includes(request.method)) return this._changeform_view(request, object_id, form_url, extra_context);
      return atomic(() => this._changeform_view(request, object_id, form_url, extra_context));
    });
  }

  _changeform_view(request: Request, object_id: string | null, form_url: string, extra_context: Record<string, unknown> | null): any {
    const to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR));
    if (to_field && !this.to_field_allowed(request, to_field)) throw new DisallowedModelAdminToField(`The field ${to_field} cannot be referenced.`);
    if (request.method === "POST" && request.POST.__contains__("_saveasnew")) object_id = null;
    let add = object_id === null;
    let obj: any = null;
    if (add) {
      if (!this.has_add_permission(request)) throw new PermissionDenied();
    } else {
      obj = this.get_object(request, unquote(object_id!), to_field);
      if (request.method === "POST" ? !this.has_change_permission(request, obj) : !this.has_view_or_change_permission(request, obj)) throw new PermissionDenied();
      if (obj === null) return this._get_obj_does_not_exist_redirect(request, this.opts, object_id!);
    }
    const fieldsets = this.get_fieldsets(request, obj);
    const Form = this.get_form(request, obj, { change: !add, fields: flatten_fieldsets(fieldsets) });
    let form: any;
    let formsets: any[];
    let inline_instances: InlineModelAdmin[];
    let form_validated = false;
    if (request.method === "POST") {
      form = new Form(request.POST, { files: request.FILES, instance: obj ?? undefined });
      [formsets, inline_instances] = this._create_formsets(request, form.instance, !add);
      form_validated = form.is_valid();
      const new_object = form_validated ? this.save_form(request, form, !add) : form.instance;
      const inlines_valid = all_valid(formsets);
      ADMIN.event("change form validated", () => ({ form_valid: form_validated, inlines_valid, errors: to_json(form_validated ? {} : (form.errors.get_json_data?.() ?? String(form.errors))) }));
      if (inlines_valid && form_validated) {
        this.save_model(request, new_object, form, !add);
        this.save_related(request, form, formsets, !add);
        const change_message = this.construct_change_message(request, form, formsets, add);
        if (add) {
          this.log_addition(request, new_object, change_message);
          return this.response_add(request, new_object);
        }
        this.log_change(request, new_object, change_message);
        return this.response_change(request, new_object);
      }
      form_validated = false;
    } else if (add) {
      form = new Form(null, { initial: this.get_changeform_initial_data(request) });
      [formsets, inline_instances] = this._create_formsets(request, form.instance, false);
    } else {
      form = new Form(null, { instance: obj });
      [formsets, inline_instances] = this._create_formsets(request, obj, true);
    }
    const can_change = add || this.has_change_permission(request, obj);
    const readonly_fields = !add && !this.has_change_permission(request, obj) ? flatten_fieldsets(fieldsets) : this.get_readonly_fields(request, obj);
    const admin_form = new helpers.AdminForm(form, [...fieldsets], can_change ? this.get_prepopulated_fields(request, obj) : {}, readonly_fields, this);
    let media = this.media.add(admin_form.form.media);
    const inline_formsets = this.get_inline_formsets(request, formsets, inline_instances, obj);
    for (const inline_formset of inline_formsets) media = media.add(inline_formset.opts.media.add(inline_formset.formset.media));
    const title = add ? "Add %s" : this.has_change_permission(request, obj) ? "Change %s" : "View %s";
    const context: Record<string, unknown> = {
      ...this.admin_site.each_context(request),
      title: title.replace("%s", String(this.opts.verbose_name)),
      subtitle: obj ? String(obj) : null,
      adminform: admin_form,
      object_id,
      original: obj,
      is_popup: request.POST.__contains__(IS_POPUP_VAR) || request.GET.__contains__(IS_POPUP_VAR),
      to_field,
      media,
      inline_admin_formsets: inline_formsets,
      errors: new helpers.AdminErrorList(form, formsets),
      preserved_filters: this.get_preserved_filters(request),
    };
    if (request.method === "POST" && !form_validated && request.POST.__contains__("_saveasnew")) {
      context.show_save = false;
      context.show_save_and_continue = false;
      add = false;
    }
    Object.assign(context, extra_context ?? {});
    return this.render_change_form(request, context, { add, change: !add, obj, form_url });
  }

  add_view(request: Request, form_url = "", extra_context: Record<string, unknown> | null = null): any {
    return this.changeform_view(request, null, form_url, extra_context);
  }

  change_view(request: Request, object_id: string, form_url = "", extra_context: Record<string, unknown> | null = null): any {
    return this.changeform_view(request, object_id, form_url, extra_context);
  }

  _get_edited_object_pks(request: Request, prefix: string): string[] {
    const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d+-${this.opts.pk.name}$`);
    return [...request.POST.items()].filter(([key]: [string, string]) => pattern.test(key)).map(([, value]: [string, string]) => value);
  }

  _get_list_editable_queryset(request: Request, prefix: string): any {
    const object_pks = this._get_edited_object_pks(request, prefix);
    const queryset = this.get_queryset(request);
    try {
      for (const pk of object_pks) this.opts.pk.to_python(pk);
    } catch (e) {
      if (e instanceof ValidationError) return queryset;
      throw e;
    }
    return queryset.filter({ pk__in: object_pks });
  }

  /**
   * GET: the ChangeList rendered (bad parameters → `?e=1`). POST: an action on the selected rows,
   * or the list_editable formset saved (`_save`).
   */
  changelist_view(request: Request, extra_context: Record<string, unknown> | null = null): any {
    return ADMIN.run(`${this.constructor.name}.changelist_view`, () => ({ model: this.opts.label }), () => this._changelist_view(request, extra_context));
  }

  _changelist_view(request: Request, extra_context: Record<string, unknown> | null): any {
    const app_label = this.opts.app_label;
    if (!this.has_view_or_change_permission(request)) throw new PermissionDenied();
    let cl: ChangeList;
    try {
      cl = this.get_changelist_instance(request);
    } catch (e) {
      if (!(e instanceof IncorrectLookupParameters)) throw e;
      ADMIN.event("IncorrectLookupParameters → ?e=1", () => ({ reason: to_json(e.message) }));
      if (request.GET.__contains__(ERROR_FLAG)) return new SimpleTemplateResponse("admin/invalid_setup.html", { title: "Database error" });
      return new HttpResponseRedirect(`${request.path}?${ERROR_FLAG}=1`);
    }
    let action_failed = false;
    const selected: string[] = request.POST.getlist(ACTION_CHECKBOX_NAME);
    const actions = this.get_actions(request);
    const has_actions = Object.keys(actions).length > 0;
    if (has_actions && request.method === "POST" && request.POST.__contains__("index") && !request.POST.__contains__("_save")) {
      if (selected.length) {
        const response = this.response_action(request, cl.get_queryset(request));
        if (response) return response;
        action_failed = true;
      } else {
        this.message_user(request, "Items must be selected in order to perform actions on them. No items have been changed.", message_levels.WARNING);
        action_failed = true;
      }
    }
    if (has_actions && request.method === "POST" && request.POST.__contains__(ACTION_CHECKBOX_NAME) && !request.POST.__contains__("index") && !request.POST.__contains__("_save")) {
      if (selected.length) {
        const response = this.response_action(request, cl.get_queryset(request));
        if (response) return response;
        action_failed = true;
      }
    }
    if (action_failed) return new HttpResponseRedirect(request.get_full_path());
    const saved = this.changelist_formset(request, cl);
    if (saved) return saved;
    let media = this.media;
    if (cl.formset) media = media.add(cl.formset.media);
    let action_form: any = null;
    if (has_actions) {
      action_form = new this.action_form(null, { auto_id: null });
      action_form.fields.action.choices = this.get_action_choices(request);
      media = media.add(action_form.media);
    }
    const result_list_length = [...cl.result_list].length;
    const context: Record<string, unknown> = {
      ...this.admin_site.each_context(request),
      module_name: String(this.opts.verbose_name_plural),
      selection_note: `0 of ${result_list_length} selected`,
      selection_note_all: ngettext("%(total_count)s selected", "All %(total_count)s selected", cl.result_count).replace("%(total_count)s", String(cl.result_count)),
      title: cl.title,
      subtitle: null,
      is_popup: cl.is_popup,
      to_field: cl.to_field,
      cl,
      media,
      has_add_permission: this.has_add_permission(request),
      opts: cl.opts,
      action_form,
      actions_on_top: this.actions_on_top,
      actions_on_bottom: this.actions_on_bottom,
      actions_selection_counter: this.actions_selection_counter,
      preserved_filters: this.get_preserved_filters(request),
      ...(extra_context ?? {}),
    };
    request.current_app = this.admin_site.name;
    return new TemplateResponse(request, this.change_list_template ?? [`admin/${app_label}/${this.opts.model_name}/change_list.html`, `admin/${app_label}/change_list.html`, "admin/change_list.html"], context);
  }

  /**
   * list_editable: the formset over the page's rows. A POST with `_save` saves the changed rows
   * (one LogEntry each, "N questions were changed successfully.") and redirects; an invalid
   * formset stays on the page with its errors.
   */
  private changelist_formset(request: Request, cl: ChangeList): any {
    cl.formset = null;
    if (request.method === "POST" && cl.list_editable.length && request.POST.__contains__("_save")) {
      if (!this.has_change_permission(request)) throw new PermissionDenied();
      const FormSet = this.get_changelist_formset(request);
      const modified_objects = this._get_list_editable_queryset(request, FormSet.get_default_prefix());
      const formset = (cl.formset = new FormSet(request.POST, { files: request.FILES, queryset: modified_objects }));
      if (formset.is_valid()) {
        let changecount = 0;
        atomic(() => {
          for (const form of formset.forms) {
            if (!form.has_changed()) continue;
            const obj = this.save_form(request, form, true);
            if (obj._state.adding) throw new BadRequest("list_editable does not allow adding.");
            this.save_model(request, obj, form, true);
            this.save_related(request, form, [], true);
            this.log_change(request, obj, this.construct_change_message(request, form, null));
            changecount += 1;
          }
        });
        if (changecount) {
          const msg = ngettext("%(count)s %(name)s was changed successfully.", "%(count)s %(name)s were changed successfully.", changecount);
          this.message_user(request, msg.replace("%(count)s", String(changecount)).replace("%(name)s", model_ngettext(this.opts, changecount)), message_levels.SUCCESS);
        }
        return new HttpResponseRedirect(request.get_full_path());
      }
    } else if (cl.list_editable.length && this.has_change_permission(request)) {
      const FormSet = this.get_changelist_formset(request);
      cl.formset = new FormSet(null, { queryset: cl.result_list });
    }
    return null;
  }

  get_deleted_objects(objs: any[], request: Request): [any[], Record<string, number>, Set<string>, string[]] {
    return get_deleted_objects(objs, request, this.admin_site);
  }

  /** GET: "Are you sure?" with everything the cascade removes; POST: delete, log, back to the changelist. */
  delete_view(request: Request, object_id: string, extra_context: Record<string, unknown> | null = null): any {
    return ADMIN.run(`${this.constructor.name}.delete_view`, () => ({ model: this.opts.label, object_id }), () => {
      if (["GET", "HEAD", "OPTIONS", "TRACE"].includes(request.method)) return this._delete_view(request, object_id, extra_context);
      return atomic(() => this._delete_view(request, object_id, extra_context));
    });
  }

  _delete_view(request: Request, object_id: string, extra_context: Record<string, unknown> | null): any {
    const app_label = this.opts.app_label;
    const to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR));
    if (to_field && !this.to_field_allowed(request, to_field)) throw new DisallowedModelAdminToField(`The field ${to_field} cannot be referenced.`);
    const obj = this.get_object(request, unquote(object_id), to_field);
    if (!this.has_delete_permission(request, obj)) throw new PermissionDenied();
    if (obj === null) return this._get_obj_does_not_exist_redirect(request, this.opts, object_id);
    const [deleted_objects, model_count, perms_needed, protected_objs] = this.get_deleted_objects([obj], request);
    if (request.method === "POST" && request.POST.len() && !protected_objs.length) {
      if (perms_needed.size) throw new PermissionDenied();
      const obj_display = String(obj);
      const attr = to_field ? String(to_field) : this.opts.pk.attname;
      const obj_id = obj.serializable_value(attr);
      this.log_deletions(request, [obj]);
      this.delete_model(request, obj);
      return this.response_delete(request, obj_display, obj_id);
    }
    const object_name = String(this.opts.verbose_name);
    const title = perms_needed.size || protected_objs.length ? `Cannot delete ${object_name}` : "Delete";
    return this.render_delete_form(request, {
      ...this.admin_site.each_context(request),
      title,
      subtitle: null,
      object_name,
      object: obj,
      deleted_objects,
      model_count: Object.entries(model_count),
      perms_lacking: [...perms_needed],
      protected: protected_objs,
      opts: this.opts,
      app_label,
      preserved_filters: this.get_preserved_filters(request),
      is_popup: request.POST.__contains__(IS_POPUP_VAR) || request.GET.__contains__(IS_POPUP_VAR),
      to_field,
      ...(extra_context ?? {}),
    });
  }

  /** The LogEntry rows of one object, oldest first, 100 per page. */
  history_view(request: Request, object_id: string, extra_context: Record<string, unknown> | null = null): any {
    const obj = this.get_object(request, unquote(object_id));
    if (obj === null) return this._get_obj_does_not_exist_redirect(request, this.opts, object_id);
    if (!this.has_view_or_change_permission(request, obj)) throw new PermissionDenied();
    const app_label = this.opts.app_label;
    const LogEntry = this.admin_site.log_entry_model();
    const action_list = LogEntry === null ? [] : LogEntry.objects.filter({ object_id: unquote(object_id), content_type: get_content_type_for_model(this.model) }).select_related().order_by("action_time");
    const paginator = this.get_paginator(request, action_list, 100);
    const page_obj = paginator.get_page(request.GET.get("p", 1));
    const context = {
      ...this.admin_site.each_context(request),
      title: `Change history: ${String(obj)}`,
      subtitle: null,
      action_list: page_obj,
      page_range: [...paginator.get_elided_page_range(page_obj.number)],
      page_var: "p",
      pagination_required: paginator.count > 100,
      module_name: capfirst(String(this.opts.verbose_name_plural)),
      object: obj,
      opts: this.opts,
      preserved_filters: this.get_preserved_filters(request),
      ...(extra_context ?? {}),
    };
    request.current_app = this.admin_site.name;
    return new TemplateResponse(request, this.object_history_template ?? [`admin/${app_label}/${this.opts.model_name}/object_history.html`, `admin/${app_label}/object_history.html`, "admin/object_history.html"], context);
  }

  get_formset_kwargs(request: Request, obj: any, inline: InlineModelAdmin, prefix: string): Record<string, unknown> {
    const params: Record<string, unknown> = { instance: obj, prefix, queryset: inline.get_queryset(request) };
    if (request.method === "POST") Object.assign(params, { data: request.POST.copy(), files: request.FILES, save_as_new: request.POST.__contains__("_saveasnew") });
    return params;
  }

  /** One formset per inline, prefixed by the relation's accessor (`choice_set`), numbered if repeated. */
  _create_formsets(request: Request, obj: any, change: boolean): [any[], InlineModelAdmin[]] {
    const formsets: any[] = [];
    const inline_instances: InlineModelAdmin[] = [];
    const prefixes = new Map<string, number>();
    for (const [FormSet, inline] of this.get_formsets_with_inlines(request, change ? obj : null)) {
      let prefix: string = FormSet.get_default_prefix();
      prefixes.set(prefix, (prefixes.get(prefix) ?? 0) + 1);
      if (prefixes.get(prefix) !== 1 || !prefix) prefix = `${prefix}-${prefixes.get(prefix)}`;
      const { data = null, ...params } = this.get_formset_kwargs(request, obj, inline, prefix);
      const formset = new FormSet(data, params);
      if (!inline.has_change_permission(request, change ? obj : null)) {
        formset.initial_forms.forEach((form: any, index: number) => {
          if (inline.has_delete_permission(request, obj) && request.POST.__contains__(`${formset.prefix}-${index}-DELETE`)) return;
          form._errors = new forms.ErrorDict();
          form.cleaned_data = form.initial;
        });
      }
      formsets.push(formset);
      inline_instances.push(inline);
    }
    return [formsets, inline_instances];
  }
}

/** `search_fields` entry → ORM lookup: `^title` → title__istartswith, `=name` → name__iexact, else icontains. */
export function construct_search(opts: any, field_name: string): string {
  if (field_name.startsWith("^")) return `${field_name.slice(1)}__istartswith`;
  if (field_name.startsWith("=")) return `${field_name.slice(1)}__iexact`;
  if (field_name.startsWith("@")) return `${field_name.slice(1)}__search`;
  let prev_field: any = null;
  for (let path_part of field_name.split(LOOKUP_SEP)) {
    if (path_part === "pk") path_part = opts.pk.name;
    try {
      const field = opts.get_field(path_part);
      prev_field = field;
      if (field.is_relation && field.related_model) opts = field.related_model._meta;
    } catch (e) {
      if (!(e instanceof FieldDoesNotExist)) throw e;
      if (prev_field && prev_field.get_lookup?.(path_part)) return field_name;
    }
  }
  return `${field_name}__icontains`;
}

/** An inline: a formset of a related model edited on its parent's change form. */
export class InlineModelAdmin extends BaseModelAdmin {
  fk_name: string | null = null;
  formset: any = BaseInlineFormSet;
  extra = 3;
  min_num: number | null = null;
  max_num: number | null = null;
  template = "";
  can_delete = true;
  show_change_link = false;
  classes: string[] | null = null;
  parent_model: any;

  constructor(parent_model: any, admin_site: any) {
    super(null, admin_site);
    this.parent_model = parent_model;
  }

  get has_registered_model(): boolean {
    return this.admin_site.is_registered(this.model);
  }

  // `verbose_name` / `verbose_name_plural` default to the model's; a given singular makes the plural
  // "<name>s". (The subclass's `model = Choice` is set after this class's constructor, so these are
  // read when used; a subclass field `verbose_name = "…"` takes their place.)
  private _verbose_name: string | null = null;
  private _verbose_name_plural: string | null = null;

  get verbose_name(): string {
    return this._verbose_name ?? String(this.opts.verbose_name);
  }

  set verbose_name(value: string | null) {
    this._verbose_name = value;
  }

  get verbose_name_plural(): string {
    if (this._verbose_name_plural !== null) return this._verbose_name_plural;
    const own = Object.getOwnPropertyDescriptor(this, "verbose_name")?.value ?? this._verbose_name;
    return own === null || own === undefined ? String(this.opts.verbose_name_plural) : `${own}s`;
  }

  set verbose_name_plural(value: string | null) {
    this._verbose_name_plural = value;
  }

  get media(): forms.Media {
    const extra = this.admin_site?.debug?.() ? "" : ".min";
    const js = [`vendor/jquery/jquery${extra}.js`, "jquery.init.js", "inlines.js"];
    if (this.filter_vertical.length || this.filter_horizontal.length) js.push("SelectBox.js", "SelectFilter2.js");
    return new forms.Media({ js: js.map((url) => `admin/js/${url}`) });
  }

  get_extra(_request: Request, _obj: any = null): number {
    return this.extra;
  }

  get_min_num(_request: Request, _obj: any = null): number | null {
    return this.min_num;
  }

  get_max_num(_request: Request, _obj: any = null): number | null {
    return this.max_num;
  }

  /** The inline formset class: the fieldsets' fields, deletion that refuses protected rows, permission checks. */
  get_formset(request: Request, obj: any = null, kwargs: Record<string, unknown> = {}): any {
    const fields = "fields" in kwargs ? (kwargs.fields as string[] | null) : flatten_fieldsets(this.get_fieldsets(request, obj));
    const rest = { ...kwargs };
    delete rest.fields;
    const excluded = this.get_exclude(request, obj);
    const exclude: string[] = excluded === null ? [] : [...excluded];
    exclude.push(...this.get_readonly_fields(request, obj));
    if (excluded === null && this.form?.Meta?.exclude) exclude.push(...this.form.Meta.exclude);
    const can_delete = this.can_delete && this.has_delete_permission(request, obj);
    const can_change = request ? this.has_change_permission(request, obj) : true;
    const can_add = request ? this.has_add_permission(request, obj) : true;
    const base_model_form = this.form;
    const inline = this;
    class DeleteProtectedModelForm extends base_model_form {
      /** A row marked for deletion whose deletion a PROTECT relation would block is an error. */
      hand_clean_DELETE(): void {
        if (!this.cleaned_data?.[DELETION_FIELD_NAME]) return;
        if (this.instance._state.adding) return;
        const collector = new NestedObjects("default");
        collector.collect([this.instance]);
        if (collector.protected_objs.size) {
          const objs = [...collector.protected_objs].map((p: any) => `${p.constructor._meta.verbose_name} ${p}`);
          const params = { class_name: this.instance.constructor._meta.verbose_name, instance: this.instance, related_objects: get_text_list(objs, "and") };
          throw new ValidationError("Deleting %(class_name)s %(instance)s would require deleting the following protected related objects: %(related_objects)s", { code: "deleting_protected", params });
        }
      }

      is_valid(): boolean {
        const result = super.is_valid();
        this.hand_clean_DELETE();
        return result;
      }

      has_changed(): boolean {
        if (!can_change && !this.instance._state.adding) return false;
        if (!can_add && this.instance._state.adding) return false;
        return super.has_changed();
      }
    }
    Object.defineProperty(DeleteProtectedModelForm, "name", { value: "DeleteProtectedModelForm" });
    void inline;
    const defaults: Record<string, unknown> = {
      form: DeleteProtectedModelForm,
      formset: this.formset,
      fk_name: this.fk_name,
      fields: fields === null && !base_model_form?.Meta?.fields ? "__all__" : fields,
      exclude: exclude.length ? exclude : undefined,
      formfield_callback: (db_field: any, kw: Record<string, unknown>) => this.formfield_for_dbfield(db_field, request, kw),
      extra: this.get_extra(request, obj),
      min_num: this.get_min_num(request, obj),
      max_num: this.get_max_num(request, obj),
      can_delete,
      ...rest,
    };
    return inlineformset_factory(this.parent_model, this.model, defaults as never);
  }

  override _get_form_for_get_fields(request: Request, obj: any = null): any {
    return this.get_formset(request, obj, { fields: null }).form;
  }

  override get_queryset(request: Request): any {
    const queryset = super.get_queryset(request);
    return this.has_view_or_change_permission(request) ? queryset : queryset.none();
  }

  override has_add_permission(request: Request, obj: any = null): boolean {
    void obj;
    return super.has_add_permission(request);
  }
}

/** One inline object per stacked fieldset. */
export class StackedInline extends InlineModelAdmin {
  override template = "admin/edit_inline/stacked.html";
}

/** Inline objects as the rows of a table. */
export class TabularInline extends InlineModelAdmin {
  override template = "admin/edit_inline/tabular.html";
}
