/**
 * django.contrib.admin.options: a model's admin options (ModelAdmin) → its admin pages.
 *
 *   class BookAdmin extends admin.ModelAdmin {
 *     list_display = ["title", "author", "published"];
 *     list_filter = ["in_print", "author"];
 *     search_fields = ["title", "=author__name"];
 *   }
 *   admin.site.register(Book, BookAdmin);
 *
 * Options are instance fields a subclass overrides (Django's class attributes); every `get_*`
 * method reads them per request so a subclass can compute them. The changelist (views/main.ts)
 * asks this class for its queryset, its search results, its ordering, whether a lookup is allowed,
 * and its paginator. Permissions: a superuser passes; otherwise `user.has_perm("app.change_model")`.
 */
import { FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied, ValidationError } from "../../core/exceptions";
import { Paginator } from "../../core/paginator";
import * as models from "../../db/models";
import { Q } from "../../db/models/query_utils";
import { HttpResponseRedirect } from "../../http/response";
import { smart_split, unescape_string_literal } from "../../utils/text";
import { urlencode } from "../../utils/http";
import { format_html } from "../../utils/html";
import { mark_safe } from "../../utils/safestring";
import { capfirst } from "../../utils/text";
import { reverse } from "../../urls/base";
import { atomic } from "../../db/transaction";
import { modelform_factory } from "../../forms/models";
import { ValueError } from "../../../python/builtins";
import { ACTION_CHECKBOX_NAME, AdminForm, InlineAdminFormSet, InlineFormSet } from "./helpers";
import { ADDITION, CHANGE, DELETION, LogEntry } from "./models";
import { formfield_widget } from "./widgets";
import { span_set, to_json, trace_site } from "../../../../trace";
import { FieldListFilter, SimpleListFilter } from "./filters";
import { ChangeList, ERROR_FLAG, IS_POPUP_VAR, IncorrectLookupParameters } from "./views/main";
import { LOOKUP_SEP, get_deleted_objects, lookup_spawns_duplicates, model_format_dict, interpolate, quote, unquote } from "./utils";

const ADMIN = trace_site("admin", "django/contrib/admin/options.ts", { eager: true });

// django.contrib.messages levels (the admin only needs the numbers).
const INFO = 20;
const SUCCESS = 25;
const WARNING = 30;

export { IncorrectLookupParameters };

export const HORIZONTAL = 1;
export const VERTICAL = 2;

type Request = any;
export type ActionFunction = ((modeladmin: any, request: Request, queryset: any) => any) & { short_description?: string; allowed_permissions?: string[] };

/** `get_permission_codename("change", opts)` → "change_book". */
export function get_permission_codename(action: string, opts: { model_name: string }): string {
  return `${action}_${opts.model_name}`;
}

/** Options shared by ModelAdmin and inlines: the form's fields and read-only fields, and permissions. */
export class BaseModelAdmin {
  model: any;
  fields: (string | string[])[] | null = null;
  exclude: string[] | null = null;
  fieldsets: [string | null, { fields: (string | string[])[]; classes?: string[]; description?: string }][] | null = null;
  form: any = null;
  readonly_fields: string[] = [];
  /** `{FieldClass: {widget}}`: the widget for every model field of that class (Django's dict). */
  formfield_overrides = new Map<any, { widget?: any }>();
  ordering: any[] | null = null;
  sortable_by: string[] | null = null;
  view_on_site = true;
  show_full_result_count = true;
  admin_site: any;

  constructor(model: any, admin_site: any) {
    this.model = model;
    this.admin_site = admin_site;
  }

  get opts(): any {
    return this.model._meta;
  }

  get_ordering(_request: Request): any[] {
    return this.ordering ?? [];
  }

  get_readonly_fields(_request: Request, _obj: any = null): string[] {
    return this.readonly_fields;
  }

  /** `fields`, else the fields of a ModelForm for the whole model (minus `exclude`), then the readonly ones. */
  get_fields(request: Request, obj: any = null): (string | string[])[] {
    if (this.fields) return this.fields;
    const readonly = this.get_readonly_fields(request, obj);
    const Form = modelform_factory(this.model, this.exclude ? { exclude: this.exclude } : { fields: "__all__" });
    const names = Object.keys(new Form().fields).filter((n) => !readonly.includes(n));
    return [...names, ...readonly];
  }

  /** The ModelForm's fields: get_fields() without the readonly ones (flattening `[a, b]` rows). */
  get_fields_for_form(request: Request = null, obj: any = null): string[] {
    const readonly = this.get_readonly_fields(request, obj);
    const names = (this.fieldsets ? this.fieldsets.flatMap(([, o]) => o.fields) : this.get_fields(request, obj)).flatMap((f) => (Array.isArray(f) ? f : [f]));
    return names.filter((n) => !readonly.includes(n) && is_form_field(this.model, n));
  }

  /** The admin widget of each form field (formfield_overrides first, then the admin's defaults). */
  form_widgets(fields: string[]): Record<string, any> {
    const widgets: Record<string, any> = {};
    for (const name of fields) {
      const db_field = this.opts.get_field(name);
      const override = [...this.formfield_overrides.entries()].find(([cls]) => db_field instanceof cls)?.[1];
      const widget = override?.widget ?? formfield_widget(db_field);
      if (widget) widgets[name] = typeof widget === "function" ? new widget() : widget;
    }
    return widgets;
  }

  get_fieldsets(request: Request, obj: any = null): [string | null, { fields: (string | string[])[]; classes?: string[]; description?: string }][] {
    if (this.fieldsets) return this.fieldsets;
    return [[null, { fields: this.get_fields(request, obj) }]];
  }

  get_empty_value_display(): string {
    return this.admin_site?.empty_value_display ?? "-";
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

  has_view_permission(request: Request, obj: any = null): boolean {
    return this.user_has(request, "view") || this.has_change_permission(request, obj);
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
}

function is_form_field(model: any, name: string): boolean {
  try {
    const field = model._meta.get_field(name);
    return field.editable !== false && !field.auto_created && field.concrete !== false;
  } catch (e) {
    if (e instanceof FieldDoesNotExist) return false;
    throw e;
  }
}

/** The JSON change message Django stores: [{"added": {}}] or [{"changed": {"fields": [...]}}] plus inline rows. */
export function construct_change_message(form: any, inline_changes: { added: any[]; changed: [any, string[]][]; deleted: any[] }[], add: boolean): any[] {
  const message: any[] = [];
  if (add) message.push({ added: {} });
  else if (form.changed_data.length) message.push({ changed: { fields: form.changed_data.map((n: string) => String(form.fields[n]?.label ?? n)) } });
  for (const changes of inline_changes) {
    for (const obj of changes.added) message.push({ added: { name: String(obj.constructor._meta.verbose_name), object: String(obj) } });
    for (const [obj, fields] of changes.changed) message.push({ changed: { name: String(obj.constructor._meta.verbose_name), object: String(obj), fields } });
    for (const obj of changes.deleted) message.push({ deleted: { name: String(obj.constructor._meta.verbose_name), object: String(obj) } });
  }
  return message;
}

function auto_field(model: any): any {
  const pk = model._meta.pk;
  return pk && /AutoField$/.test(pk.get_internal_type()) ? pk : null;
}

function is_parent_link(model: any, field: any): boolean {
  return [...(model._meta.parents?.values() ?? [])].includes(field);
}

/** The admin for one model: the changelist's options, the form's options, actions and inlines. */
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
  preserve_filters = true;
  show_facets = "allow";
  inlines: any[] = [];
  empty_value_display: string | null = null;
  /** Action functions (or names of methods on this class); null disables actions and the checkbox column. */
  actions: (ActionFunction | string)[] | null = [];
  action_form: any = null;
  actions_on_top = true;
  actions_on_bottom = false;
  actions_selection_counter = true;
  change_list_template: string | null = null;
  change_form_template: string | null = null;
  delete_confirmation_template: string | null = null;
  object_history_template: string | null = null;

  override toString(): string {
    return `${this.opts.app_label}.${this.constructor.name}`;
  }

  override get_empty_value_display(): string {
    return this.empty_value_display ?? super.get_empty_value_display();
  }

  /** The model's default manager, ordered by this admin's `get_ordering()` when it has one. */
  get_queryset(request: Request): any {
    let qs = this.model._meta.default_manager.get_queryset();
    const ordering = this.get_ordering(request);
    if (ordering.length) qs = qs.order_by(...ordering);
    return qs;
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

  get_sortable_by(request: Request): string[] | null {
    return this.sortable_by ?? this.get_list_display(request);
  }

  get_paginator(_request: Request, queryset: any, per_page: number, orphans = 0, allow_empty_first_page = true): Paginator {
    return new Paginator(queryset, per_page, { orphans, allow_empty_first_page });
  }

  get_changelist(_request: Request): typeof ChangeList {
    return ChangeList;
  }

  /** FieldListFilter.create, overridable per admin. */
  field_list_filter_create(field: any, request: Request, params: Record<string, any>, model: any, field_path: string): any {
    return FieldListFilter.create(field, request, params, model, this, field_path);
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

  // --- actions ---------------------------------------------------------------------------------

  /** `{name: [func, name, description]}`: the site's actions, then this admin's; none in a popup. */
  get_actions(request: Request): Record<string, [ActionFunction, string, string]> {
    if (this.actions === null || request.GET?.__contains__?.(IS_POPUP_VAR)) return {};
    const out: Record<string, [ActionFunction, string, string]> = {};
    const candidates: (ActionFunction | string)[] = [...(this.admin_site?.actions ?? []).map(([, f]: [string, ActionFunction]) => f), ...this.actions];
    for (const action of candidates) {
      const resolved = this.get_action(action);
      if (!resolved) continue;
      const [func, name] = resolved;
      if (!this.action_permitted(request, func)) continue;
      const description = func.short_description ?? name.replace(/_/g, " ");
      out[name] = [func, name, description];
    }
    return out;
  }

  get_action(action: ActionFunction | string): [ActionFunction, string] | null {
    if (typeof action === "function") return [action, (action as any).action_name ?? action.name];
    const method = (this as any)[action];
    if (typeof method === "function") return [method.bind(this) as ActionFunction, action];
    const site_action = this.admin_site?.get_action?.(action);
    return site_action ? [site_action, action] : null;
  }

  private action_permitted(request: Request, func: ActionFunction): boolean {
    for (const perm of func.allowed_permissions ?? []) {
      const check = (this as any)[`has_${perm}_permission`];
      if (typeof check !== "function" || !check.call(this, request)) return false;
    }
    return true;
  }

  get_action_choices(request: Request): [string, string][] {
    return [["", "---------"], ...Object.values(this.get_actions(request)).map(([, name, description]) => [name, interpolate(description, model_format_dict(this.opts))] as [string, string])];
  }

  /** The checkbox cell of a changelist row (list_display's "action_checkbox"). */
  action_checkbox(obj: any): string {
    return `<input type="checkbox" name="_selected_action" value="${String(obj.pk).replace(/"/g, "&quot;")}" class="action-select" aria-label="Select this object for an action - ${String(obj).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!)}">`;
  }

  // --- views -----------------------------------------------------------------------------------

  /**
   * GET: the ChangeList rendered; bad parameters → `?e=1`. A refused lookup raises
   * DisallowedModelAdminLookup, a SuspiciousOperation the handler answers with 400.
   */
  changelist_view(request: Request, extra_context: Record<string, unknown> | null = null): any {
    return ADMIN.run(`${this.constructor.name}.changelist_view`, () => ({ model: this.opts.label }), () => {
      if (!this.has_view_or_change_permission(request)) throw new PermissionDenied();
      let cl: ChangeList;
      try {
        cl = this.get_changelist_instance(request);
      } catch (e) {
        if (e instanceof IncorrectLookupParameters) {
          ADMIN.event("IncorrectLookupParameters → ?e=1", () => ({ reason: to_json(e.message) }));
          if (request.GET.has(ERROR_FLAG)) return this.admin_site.render_admin(request, "admin/invalid_setup.html", { title: "Database error" });
          return new HttpResponseRedirect(`${request.path}?${ERROR_FLAG}=1`);
        }
        throw e;
      }
      if (request.method === "POST" && request.POST.has("action")) {
        const response = this.response_action(request, cl.get_queryset(request));
        if (response) return response;
      }
      const context = this.changelist_context(request, cl, extra_context);
      return this.admin_site.render_admin(request, this.change_list_template ?? "admin/change_list.html", context);
    });
  }

  changelist_context(request: Request, cl: ChangeList, extra_context: Record<string, unknown> | null): Record<string, unknown> {
    const actions = this.get_actions(request);
    return {
      ...this.admin_site.each_context(request),
      module_name: String(this.opts.verbose_name_plural),
      selection_note: `0 of ${cl.result_list.length ?? 0} selected`,
      selection_note_all: `All ${cl.result_count} selected`,
      title: cl.title,
      subtitle: null,
      is_popup: cl.is_popup,
      to_field: cl.to_field,
      cl,
      has_add_permission: this.has_add_permission(request),
      opts: cl.opts,
      actions_on_top: this.actions_on_top,
      actions_on_bottom: this.actions_on_bottom,
      actions_selection_counter: this.actions_selection_counter,
      action_choices: Object.keys(actions).length ? this.get_action_choices(request) : null,
      preserved_filters: this.get_preserved_filters(request),
      ...(extra_context ?? {}),
    };
  }

  // --- the change form, delete and history views -------------------------------------------------

  /** A ModelForm class for the change form: get_fields() minus the readonly ones (or `form` when set). */
  get_form(request: Request, obj: any = null): any {
    if (this.form) return this.form;
    const fields = this.get_fields_for_form(request, obj);
    return modelform_factory(this.model, { fields, widgets: this.form_widgets(fields) });
  }


  get_inline_instances(_request: Request, _obj: any = null): InlineModelAdmin[] {
    return this.inlines.map((cls) => new cls(this.model, this.admin_site));
  }

  /** The object named by the URL, or null (Django answers "… doesn't exist. Perhaps it was deleted?"). */
  get_object(request: Request, object_id: string): any {
    try {
      return this.get_queryset(request).get({ pk: unquote(object_id) });
    } catch (e: any) {
      if (e instanceof ObjectDoesNotExist || e instanceof ValidationError || e instanceof ValueError) return null;
      throw e;
    }
  }

  add_view(request: Request, extra_context: Record<string, unknown> | null = null): any {
    return this.changeform_view(request, null, extra_context);
  }

  change_view(request: Request, object_id: string, extra_context: Record<string, unknown> | null = null): any {
    return this.changeform_view(request, object_id, extra_context);
  }

  /** GET shows the form; POST validates the form and the inlines, saves, logs, and redirects. */
  changeform_view(request: Request, object_id: string | null, extra_context: Record<string, unknown> | null = null): any {
    return ADMIN.run(`${this.constructor.name}.${object_id === null ? "add_view" : "change_view"}`, () => ({ model: this.opts.label, object_id }), () =>
      atomic(() => this._changeform_view(request, object_id, extra_context)),
    );
  }

  _changeform_view(request: Request, object_id: string | null, extra_context: Record<string, unknown> | null): any {
    const add = object_id === null;
    const obj = add ? null : this.get_object(request, object_id);
    if (!add && obj === null) return this.redirect_missing(request, object_id);
    if (add ? !this.has_add_permission(request) : !this.has_view_or_change_permission(request, obj)) throw new PermissionDenied();
    const can_change = add || this.has_change_permission(request, obj);
    const Form = this.get_form(request, obj);
    const posted = request.method === "POST" && can_change;
    const form = posted ? new Form(request.POST, { instance: obj ?? undefined }) : new Form(null, { instance: obj ?? undefined });
    const inlines = this.get_inline_instances(request, obj);
    const formsets = inlines.map((inline) => new InlineFormSet(inline, obj, posted ? request.POST : null));
    if (posted) {
      const form_ok = form.is_valid();
      const inlines_ok = formsets.every((fs) => fs.is_valid());
      ADMIN.event("change form validated", () => ({ form_valid: form_ok, inlines_valid: inlines_ok, errors: to_json(form_ok ? {} : form.errors.get_json_data?.() ?? String(form.errors)) }));
      if (form_ok && inlines_ok) {
        const new_object = form.save();
        const inline_changes = formsets.map((fs) => fs.save(new_object));
        const message = construct_change_message(form, inline_changes, add);
        if (add) this.log_addition(request, new_object, message);
        else this.log_change(request, new_object, message);
        return add ? this.response_add(request, new_object) : this.response_change(request, new_object);
      }
    }
    const admin_form = new AdminForm(form, this.get_fieldsets(request, obj), {}, this.get_readonly_fields(request, obj), this);
    const inline_admin_formsets = formsets.map((fs, i) => new InlineAdminFormSet(inlines[i], fs, inlines[i].get_readonly_fields(request, obj)));
    const title = add ? `Add ${this.opts.verbose_name}` : can_change ? `Change ${this.opts.verbose_name}` : `View ${this.opts.verbose_name}`;
    return this.admin_site.render_admin(request, this.change_form_template ?? "admin/change_form.html", {
      ...this.admin_site.each_context(request),
      title,
      subtitle: obj ? String(obj) : null,
      adminform: admin_form,
      object_id,
      original: obj,
      is_popup: false,
      to_field: null,
      inline_admin_formsets,
      errors: posted && (!form.is_valid() || formsets.some((fs) => !fs.is_valid())),
      error_count: posted ? form.errors.size + formsets.reduce((n, fs) => n + fs.errors.filter((e: any) => e.size).length, 0) : 0,
      preserved_filters: this.get_preserved_filters(request),
      add,
      change: !add,
      has_view_permission: this.has_view_permission(request, obj),
      has_add_permission: this.has_add_permission(request),
      has_change_permission: can_change,
      has_delete_permission: !add && this.has_delete_permission(request, obj),
      has_editable_inline_admin_formsets: inlines.length > 0,
      save_as: this.save_as,
      save_on_top: this.save_on_top,
      opts: this.opts,
      changelist_url: this.changelist_url(),
      ...(extra_context ?? {}),
    });
  }

  private redirect_missing(request: Request, object_id: string): any {
    this.message_user(request, `${capfirst(String(this.opts.verbose_name))} with ID “${object_id}” doesn’t exist. Perhaps it was deleted?`, WARNING);
    return new HttpResponseRedirect(reverse("admin:index", { current_app: this.admin_site.name }));
  }

  changelist_url(): string {
    return reverse(`admin:${this.opts.app_label}_${this.opts.model_name}_changelist`, { current_app: this.admin_site.name });
  }

  /** After an add: "_continue" → the change form, "_addanother" → a blank form, else the changelist. */
  response_add(request: Request, obj: any): any {
    const link = format_html('<a href="{}">{}</a>', reverse(`admin:${this.opts.app_label}_${this.opts.model_name}_change`, { args: [quote(obj.pk)], current_app: this.admin_site.name }), String(obj));
    const name = capfirst(String(this.opts.verbose_name));
    if (request.POST.has("_continue")) {
      this.message_user(request, mark_safe(`The ${this.opts.verbose_name} “${link}” was added successfully. You may edit it again below.`), SUCCESS);
      return new HttpResponseRedirect(reverse(`admin:${this.opts.app_label}_${this.opts.model_name}_change`, { args: [quote(obj.pk)], current_app: this.admin_site.name }));
    }
    if (request.POST.has("_addanother")) {
      this.message_user(request, mark_safe(`The ${this.opts.verbose_name} “${link}” was added successfully. You may add another ${this.opts.verbose_name} below.`), SUCCESS);
      return new HttpResponseRedirect(request.path);
    }
    void name;
    this.message_user(request, mark_safe(`The ${this.opts.verbose_name} “${link}” was added successfully.`), SUCCESS);
    return new HttpResponseRedirect(this.changelist_url());
  }

  response_change(request: Request, obj: any): any {
    const link = format_html('<a href="{}">{}</a>', request.path, String(obj));
    if (request.POST.has("_continue")) {
      this.message_user(request, mark_safe(`The ${this.opts.verbose_name} “${link}” was changed successfully. You may edit it again below.`), SUCCESS);
      return new HttpResponseRedirect(request.get_full_path());
    }
    if (request.POST.has("_addanother")) {
      this.message_user(request, mark_safe(`The ${this.opts.verbose_name} “${link}” was changed successfully. You may add another ${this.opts.verbose_name} below.`), SUCCESS);
      return new HttpResponseRedirect(reverse(`admin:${this.opts.app_label}_${this.opts.model_name}_add`, { current_app: this.admin_site.name }));
    }
    this.message_user(request, mark_safe(`The ${this.opts.verbose_name} “${link}” was changed successfully.`), SUCCESS);
    const filters = request.GET.get("_changelist_filters");
    return new HttpResponseRedirect(this.changelist_url() + (filters ? `?${filters}` : ""));
  }

  /** GET: "Are you sure?" with everything the cascade removes; POST: delete, log, back to the changelist. */
  delete_view(request: Request, object_id: string, extra_context: Record<string, unknown> | null = null): any {
    return ADMIN.run(`${this.constructor.name}.delete_view`, () => ({ model: this.opts.label, object_id }), () => {
      const obj = this.get_object(request, object_id);
      if (obj === null) return this.redirect_missing(request, object_id);
      if (!this.has_delete_permission(request, obj)) throw new PermissionDenied();
      const [deleted_objects, model_count, perms_needed, protected_objs] = get_deleted_objects([obj], request, this.admin_site);
      if (request.method === "POST" && !protected_objs.length) {
        if (perms_needed.size) throw new PermissionDenied();
        const repr = String(obj);
        this.log_deletion(request, obj, repr);
        obj.delete();
        this.message_user(request, `The ${this.opts.verbose_name} “${repr}” was deleted successfully.`, SUCCESS);
        return new HttpResponseRedirect(this.changelist_url());
      }
      const object_name = String(this.opts.verbose_name);
      const title = perms_needed.size || protected_objs.length ? `Cannot delete ${object_name}` : "Delete";
      return this.admin_site.render_admin(request, this.delete_confirmation_template ?? "admin/delete_confirmation.html", {
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
        object_id,
        ...(extra_context ?? {}),
      });
    });
  }

  /** The LogEntry rows for one object, oldest first. */
  history_view(request: Request, object_id: string, extra_context: Record<string, unknown> | null = null): any {
    const obj = this.get_object(request, object_id);
    if (obj === null) return this.redirect_missing(request, object_id);
    if (!this.has_view_or_change_permission(request, obj)) throw new PermissionDenied();
    let action_list: any[] = [];
    try {
      action_list = [...LogEntry.objects.filter({ object_id: String(obj.pk) }).select_related().order_by("action_time")].filter((e: any) => !e.content_type_id || e.content_type?.model === this.opts.model_name);
    } catch {
      action_list = [];
    }
    return this.admin_site.render_admin(request, this.object_history_template ?? "admin/object_history.html", {
      ...this.admin_site.each_context(request),
      title: `Change history: ${String(obj)}`,
      subtitle: null,
      action_list,
      module_name: capfirst(String(this.opts.verbose_name_plural)),
      object: obj,
      opts: this.opts,
      ...(extra_context ?? {}),
    });
  }

  // --- actions on the changelist ---------------------------------------------------------------

  /** POST from the changelist: run the chosen action on the selected rows (or all, with select_across). */
  response_action(request: Request, queryset: any): any {
    const name = request.POST.get("action");
    const actions = this.get_actions(request);
    if (!name || !(name in actions)) return null;
    const selected: string[] = request.POST.getlist(ACTION_CHECKBOX_NAME);
    const select_across = request.POST.get("select_across") === "1";
    if (!selected.length && !select_across) {
      this.message_user(request, "Items must be selected in order to perform actions on them. No items have been changed.", WARNING);
      return null;
    }
    const [func] = actions[name];
    const rows = select_across ? queryset : queryset.filter({ pk__in: selected });
    return ADMIN.run(`action ${name}`, () => ({ selected: to_json(selected), select_across }), () => func(this, request, rows) ?? new HttpResponseRedirect(request.get_full_path()));
  }

  // --- logging and messages ------------------------------------------------------------------------

  /** `messages.add_message` when the messages framework is on the request (fail silently otherwise). */
  message_user(request: Request, message: unknown, level: number = INFO, extra_tags = ""): void {
    const storage = request._messages;
    if (storage && typeof storage.add === "function") storage.add(level, message, extra_tags);
  }

  log_addition(request: Request, obj: any, message: unknown): void {
    this.log(request, obj, ADDITION, message);
  }

  log_change(request: Request, obj: any, message: unknown): void {
    this.log(request, obj, CHANGE, message);
  }

  log_deletion(request: Request, obj: any, _repr: string): void {
    this.log(request, obj, DELETION, "");
  }

  log_deletions(request: Request, objs: any[]): void {
    for (const obj of objs) this.log(request, obj, DELETION, "");
  }

  /** A LogEntry row, when django.contrib.admin is installed (its table exists). */
  private log(request: Request, obj: any, flag: number, message: unknown): void {
    if (!this.admin_site.logging_enabled?.()) return;
    LogEntry.objects.log_actions(request.user.pk, [obj], flag, message, { single_object: true });
  }

  /** The view for a URL of this model's admin: changelist, add, change, delete, history. */
  get urls(): any[] {
    return this.admin_site.model_urls(this);
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
  extra = 3;
  min_num: number | null = null;
  max_num: number | null = null;
  template = "";
  verbose_name: string | null = null;
  verbose_name_plural: string | null = null;
  can_delete = true;
  show_change_link = false;
  classes: string[] | null = null;
  parent_model: any;

  constructor(parent_model: any, admin_site: any, model: any = null) {
    super(model, admin_site);
    this.parent_model = parent_model;
  }

  /** The ForeignKey from the inline model to the parent (by `fk_name`, else the only one). */
  get_fk(): any {
    const fks = this.opts.fields.filter((f: any) => f instanceof models.ForeignKey && (this.fk_name ? f.name === this.fk_name : f.related_model === this.parent_model));
    if (fks.length !== 1) throw new Error(`'${this.opts.label}' has ${fks.length ? "more than one" : "no"} ForeignKey to '${this.parent_model._meta.label}'.`);
    return fks[0];
  }

  get_extra(): number {
    return this.extra;
  }

  get_verbose_name(): string {
    return this.verbose_name ?? String(this.opts.verbose_name);
  }

  get_verbose_name_plural(): string {
    return this.verbose_name_plural ?? (this.verbose_name ? `${this.verbose_name}s` : String(this.opts.verbose_name_plural));
  }

  /** The rows of the related model that belong to `obj`. */
  get_queryset_for(obj: any): any {
    if (!obj) return this.model._meta.default_manager.none();
    const fk = this.get_fk();
    return this.model._meta.default_manager.filter({ [fk.attname]: obj.pk });
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
