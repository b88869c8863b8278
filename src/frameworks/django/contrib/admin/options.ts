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
import { FieldDoesNotExist, PermissionDenied } from "../../core/exceptions";
import { Paginator } from "../../core/paginator";
import * as models from "../../db/models";
import { Q } from "../../db/models/query_utils";
import { HttpResponseRedirect } from "../../http/response";
import { smart_split, unescape_string_literal } from "../../utils/text";
import { urlencode } from "../../utils/http";
import { traced, trace_event, to_json } from "../../../../trace";
import { FieldListFilter, SimpleListFilter } from "./filters";
import { ChangeList, ERROR_FLAG, IS_POPUP_VAR, IncorrectLookupParameters } from "./views/main";
import { LOOKUP_SEP, lookup_spawns_duplicates, model_format_dict, interpolate } from "./utils";

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

  get_fields(request: Request, obj: any = null): (string | string[])[] {
    if (this.fields) return this.fields;
    const editable = this.opts.fields.filter((f: any) => f.editable !== false && !f.auto_created).map((f: any) => f.name);
    const m2m = this.opts.many_to_many.filter((f: any) => f.editable !== false && !f.remote_field.through?._meta?.auto_created === false).map((f: any) => f.name);
    const excluded = new Set(this.exclude ?? []);
    const readonly = this.get_readonly_fields(request, obj).filter((f) => !excluded.has(f));
    return [...[...editable, ...m2m].filter((n: string) => !excluded.has(n) && !readonly.includes(n)), ...readonly];
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
    return traced("admin", "ModelAdmin.get_search_results", { search_fields, search_term }, (span) => {
      const orm_lookups = search_fields.map((f) => construct_search(queryset.model._meta, String(f)));
      const term_queries: Q[] = [];
      for (let bit of smart_split(search_term)) {
        if ((bit.startsWith('"') || bit.startsWith("'")) && bit[0] === bit[bit.length - 1]) bit = unescape_string_literal(bit);
        term_queries.push(new Q(orm_lookups.map((lookup) => [lookup, bit] as [string, unknown]), { _connector: "OR" }));
      }
      const q = new Q(term_queries);
      const may_have_duplicates = orm_lookups.some((lookup) => lookup_spawns_duplicates(this.opts, lookup));
      span.set({ terms: smart_split(search_term), orm_lookups, q: q.toString(), may_have_duplicates });
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
    return traced("admin", `${this.constructor.name}.changelist_view`, { model: this.opts.label }, () => {
      if (!this.has_view_or_change_permission(request)) throw new PermissionDenied();
      let cl: ChangeList;
      try {
        cl = this.get_changelist_instance(request);
      } catch (e) {
        if (e instanceof IncorrectLookupParameters) {
          trace_event("admin", "IncorrectLookupParameters → ?e=1", { reason: to_json(e.message) });
          if (request.GET.has(ERROR_FLAG)) return this.admin_site.render_admin(request, "admin/invalid_setup.html", { title: "Database error" });
          return new HttpResponseRedirect(`${request.path}?${ERROR_FLAG}=1`);
        }
        throw e;
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

  get_verbose_name(): string {
    return this.verbose_name ?? String(this.opts.verbose_name);
  }

  get_verbose_name_plural(): string {
    return this.verbose_name_plural ?? (this.verbose_name ? `${this.verbose_name}s` : String(this.opts.verbose_name_plural));
  }

  /** The rows of the related model that belong to `obj`. */
  get_queryset_for(obj: any): any {
    if (!obj) return this.model._meta.default_manager.none();
    return this.model._meta.default_manager.filter({ [this.get_fk().name]: obj });
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
