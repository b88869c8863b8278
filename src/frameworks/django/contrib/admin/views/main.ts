/**
 * django.contrib.admin.views.main: the query string of a changelist page → the ChangeList, the
 * object that holds everything the page shows (rows, counts, filters, sort state, pagination).
 *
 * The queryset is built in Django's order, each step a named method and an "admin" trace span:
 *   get_filters      list_filter specs take their parameters; the rest become plain lookups
 *                    (a relation lookup no filter offers → DisallowedModelAdminLookup → 400)
 *   get_queryset     filters → remaining lookups → select_related → ordering → search → distinct
 *   get_results      Paginator: counts, the page's rows (a bad page → IncorrectLookupParameters)
 * A bad parameter anywhere raises IncorrectLookupParameters, which the view turns into `?e=1`.
 */
import { FieldDoesNotExist, ImproperlyConfigured, SuspiciousOperation } from "../../../core/exceptions";
import { Exception } from "../../../../python/builtins";
import { datetime, timedelta } from "../../../../python/datetime";
import { settings } from "../../../conf";
import { make_aware } from "../../../utils/timezone";
import { urlencode } from "../../../utils/http";
import { InvalidPage } from "../../../core/paginator";
import { ManyToOneRel } from "../../../db/models/fields/related";
import { OrderBy, F } from "../../../db/models/expressions";
import { reverse } from "../../../urls/base";
import { type Attrs, span_set, to_json, trace_site } from "../../../../../trace";
import { DisallowedModelAdminLookup, DisallowedModelAdminToField } from "../exceptions";
import { build_q_object_from_lookup_parameters, get_fields_from_path, lookup_spawns_duplicates, prepare_lookup_value, quote, LOOKUP_SEP } from "../utils";

const ADMIN = trace_site("admin", "django/contrib/admin/views/main.ts", { eager: true });

// Changelist query-string parameters.
export const ALL_VAR = "all";
export const ORDER_VAR = "o";
export const PAGE_VAR = "p";
export const SEARCH_VAR = "q";
export const ERROR_FLAG = "e";
export const IS_POPUP_VAR = "_popup";
export const TO_FIELD_VAR = "_to_field";
export const IS_FACETS_VAR = "_facets";
export const IGNORED_PARAMS = [ALL_VAR, ORDER_VAR, SEARCH_VAR, IS_FACETS_VAR, IS_POPUP_VAR, TO_FIELD_VAR];

/** A query string the changelist cannot apply: the view redirects to `?e=1`. */
export class IncorrectLookupParameters extends Exception {}

type Lists = Record<string, any[]>;

/** Python's `int(s)` for a query-string value, or null where Python raises ValueError. */
export function parse_int(s: unknown): number | null {
  const text = String(s).trim();
  return /^[+-]?\d+(_\d+)*$/.test(text) ? Number(text.replace(/_/g, "")) : null;
}

export interface ChangeListOptions {
  list_display: any[];
  list_display_links: any[] | null;
  list_filter: any[];
  date_hierarchy: string | null;
  search_fields: string[];
  list_select_related: boolean | string[];
  list_per_page: number;
  list_max_show_all: number;
  list_editable: string[];
  model_admin: any;
  sortable_by: string[] | null;
  search_help_text?: string | null;
}

export class ChangeList {
  model: any;
  opts: any;
  lookup_opts: any;
  root_queryset: any;
  list_display: any[];
  list_display_links: any[] | null;
  list_filter: any[];
  has_filters: boolean | null = null;
  has_active_filters: boolean | null = null;
  clear_all_filters_qs: string | null = null;
  date_hierarchy: string | null;
  search_fields: string[];
  list_select_related: boolean | string[];
  list_per_page: number;
  list_max_show_all: number;
  list_editable: string[];
  model_admin: any;
  preserved_filters: string;
  sortable_by: string[] | null;
  search_help_text: string | null;
  query: string;
  page_num: number;
  show_all: boolean;
  is_popup: boolean;
  add_facets = false;
  is_facets_optional = true;
  add_facet_link = "";
  remove_facet_link = "";
  to_field: string | null;
  params: Record<string, string>;
  filter_params: Lists;
  filter_specs: any[] = [];
  queryset: any;
  result_count = 0;
  full_result_count: number | null = null;
  show_full_result_count = true;
  show_admin_actions = false;
  result_list: any;
  can_show_all = false;
  multi_page = false;
  paginator: any;
  title: string;
  pk_attname: string;
  formset: any = null;

  constructor(request: any, model: any, options: ChangeListOptions) {
    this.model = model;
    this.opts = model._meta;
    this.lookup_opts = this.opts;
    const admin = options.model_admin;
    this.root_queryset = admin.get_queryset(request);
    this.list_display = options.list_display;
    this.list_display_links = options.list_display_links;
    this.list_filter = options.list_filter;
    this.date_hierarchy = options.date_hierarchy;
    this.search_fields = options.search_fields;
    this.list_select_related = options.list_select_related;
    this.list_per_page = options.list_per_page;
    this.list_max_show_all = options.list_max_show_all;
    this.model_admin = admin;
    this.preserved_filters = admin.get_preserved_filters(request);
    this.sortable_by = options.sortable_by;
    this.search_help_text = options.search_help_text ?? null;
    this.query = request.GET.get(SEARCH_VAR) ?? "";
    this.page_num = parse_int(request.GET.get(PAGE_VAR) ?? 1) ?? 1;
    this.show_all = request.GET.has(ALL_VAR);
    this.is_popup = request.GET.has(IS_POPUP_VAR);
    // ShowFacets: "allow" (the default) shows a "Show counts" link; "always" counts every choice.
    const show_facets = String(admin.show_facets ?? "allow").toLowerCase();
    this.add_facets = show_facets === "always" || (show_facets === "allow" && request.GET.has(IS_FACETS_VAR));
    this.is_facets_optional = show_facets === "allow";
    this.to_field = request.GET.get(TO_FIELD_VAR) ?? null;
    if (this.to_field && !admin.to_field_allowed(request, this.to_field)) throw new DisallowedModelAdminToField(`The field ${this.to_field} cannot be referenced.`);
    this.params = Object.fromEntries(request.GET.items());
    this.filter_params = Object.fromEntries(request.GET.lists());
    for (const ignored of [PAGE_VAR, ERROR_FLAG]) {
      delete this.params[ignored];
      delete this.filter_params[ignored];
    }
    this.remove_facet_link = this.get_query_string(null, [IS_FACETS_VAR]);
    this.add_facet_link = this.get_query_string({ [IS_FACETS_VAR]: true });
    this.list_editable = this.is_popup ? [] : options.list_editable;
    this.queryset = this.get_queryset(request);
    this.get_results(request);
    const verb = this.is_popup ? "Select %s" : admin.has_change_permission(request) ? "Select %s to change" : "Select %s to view";
    this.title = verb.replace("%s", String(this.opts.verbose_name));
    this.pk_attname = this.lookup_opts.pk.attname;
  }

  toString(): string {
    return `<ChangeList: model=${this.model.name} model_admin=${this.model_admin.constructor.name}>`;
  }

  /** The query-string parameters that are lookups (everything but o, q, all, _popup, …). */
  get_filters_params(params: Lists | null = null): Lists {
    const lookup_params: Lists = { ...(params ?? this.filter_params) };
    for (const ignored of IGNORED_PARAMS) delete lookup_params[ignored];
    return lookup_params;
  }

  /** Every lookup must be allowed; then each list_filter builds its spec; date_hierarchy adds a range. */
  get_filters(request: any): [any[], boolean, Lists, boolean, boolean] {
    return ADMIN.run("ChangeList.get_filters", () => ({ list_filter: to_json(this.list_filter.map(describe_filter_item)) }), (span) => {
      const lookup_params = this.get_filters_params();
      this.check_lookups_allowed(request, lookup_params);
      const [filter_specs, spec_duplicates, has_active_filters] = this.build_filter_specs(request, lookup_params);
      if (this.date_hierarchy) this.apply_date_hierarchy(lookup_params);
      let may_have_duplicates = spec_duplicates;
      try {
        for (const [key, value] of Object.entries(lookup_params)) {
          lookup_params[key] = prepare_lookup_value(key, value);
          may_have_duplicates ||= lookup_spawns_duplicates(this.lookup_opts, key);
        }
      } catch (e) {
        if (e instanceof FieldDoesNotExist) throw new IncorrectLookupParameters(e.message);
        throw e;
      }
      span_set(span, () => ({ filters: filter_specs.map((s: any) => s.constructor.name), remaining_lookups: to_json(lookup_params), may_have_duplicates }));
      return [filter_specs, filter_specs.length > 0, lookup_params, may_have_duplicates, has_active_filters];
    });
  }

  /** `ModelAdmin.lookup_allowed` for every key=value: a relation path no filter offers is refused. */
  private check_lookups_allowed(request: any, lookup_params: Lists): void {
    for (const [key, values] of Object.entries(lookup_params))
      for (const value of values)
        if (!this.model_admin.lookup_allowed(key, value, request)) {
          ADMIN.event("lookup refused", () => ({ lookup: key, value: to_json(value) }));
          throw new DisallowedModelAdminLookup(`Filtering by ${key} not allowed`);
        }
  }

  private build_filter_specs(request: any, lookup_params: Lists): [any[], boolean, boolean] {
    const specs: any[] = [];
    let may_have_duplicates = false;
    let has_active_filters = false;
    for (const list_filter of this.list_filter) {
      const before = Object.keys(lookup_params).length;
      let spec: any;
      if (is_simple_filter_class(list_filter)) spec = new list_filter().init(request, lookup_params, this.model, this.model_admin);
      else {
        const [field_ref, filter_class] = Array.isArray(list_filter) ? list_filter : [list_filter, null];
        const field_path = typeof field_ref === "string" ? field_ref : field_ref.name;
        const field = typeof field_ref === "string" ? get_fields_from_path(this.model, field_ref).at(-1) : field_ref;
        spec = filter_class ? new filter_class(field, request, lookup_params, this.model, this.model_admin, field_path) : this.model_admin.field_list_filter_create(field, request, lookup_params, this.model, field_path);
        if (before > Object.keys(lookup_params).length) may_have_duplicates ||= lookup_spawns_duplicates(this.lookup_opts, field_path);
      }
      if (spec && spec.has_output()) {
        specs.push(spec);
        if (before > Object.keys(lookup_params).length) has_active_filters = true;
      }
    }
    return [specs, may_have_duplicates, has_active_filters];
  }

  /** `published__year=1989&published__month=11` → `published__gte`/`published__lt` (aware when USE_TZ). */
  private apply_date_hierarchy(lookup_params: Lists): void {
    const field = this.date_hierarchy!;
    const take = (suffix: string) => {
      const v = lookup_params[`${field}__${suffix}`];
      delete lookup_params[`${field}__${suffix}`];
      return v;
    };
    const year = take("year");
    if (year === undefined) return;
    const month = take("month");
    const day = take("day");
    const y = parse_int(year.at(-1));
    const m = month !== undefined ? parse_int(month.at(-1)) : 1;
    const d = day !== undefined ? parse_int(day.at(-1)) : 1;
    let from_date: datetime;
    try {
      if (y === null || m === null || d === null) throw new IncorrectLookupParameters(`invalid literal for int() with base 10`);
      from_date = new datetime(y, m, d);
    } catch (e) {
      throw new IncorrectLookupParameters((e as Error).message);
    }
    let to_date: datetime;
    if (day !== undefined) to_date = from_date.add(new timedelta({ days: 1 })) as datetime;
    else if (month !== undefined) to_date = (from_date.add(new timedelta({ days: 32 })) as datetime).replace({ day: 1 });
    else to_date = from_date.replace({ year: from_date.year + 1 });
    if (settings.USE_TZ) [from_date, to_date] = [make_aware(from_date), make_aware(to_date)];
    lookup_params[`${field}__gte`] = [from_date];
    lookup_params[`${field}__lt`] = [to_date];
  }

  /** The current query string with some parameters replaced or removed (a key prefix removes a family). */
  get_query_string(new_params: Record<string, unknown> | null = null, remove: string[] | Record<string, unknown> | null = null): string {
    const p: Record<string, unknown> = { ...this.filter_params };
    for (const r of Array.isArray(remove) ? remove : Object.keys(remove ?? {})) for (const k of Object.keys(p)) if (k.startsWith(r)) delete p[k];
    for (const [k, v] of Object.entries(new_params ?? {})) {
      if (v === null || v === undefined) delete p[k];
      else p[k] = v;
    }
    const sorted = Object.entries(p).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `?${urlencode(sorted.map(([k, v]) => [k, Array.isArray(v) ? v.map(py_param) : py_param(v)] as [string, unknown]), true)}`;
  }

  /** Count, full count, and the page of rows (or all of them under `?all=`). */
  get_results(request: any): void {
    ADMIN.run("ChangeList.get_results (pagination)", () => ({ list_per_page: this.list_per_page, list_max_show_all: this.list_max_show_all, page_num: this.page_num, show_all: this.show_all }), (span) => {
      const paginator = this.model_admin.get_paginator(request, this.queryset, this.list_per_page);
      const result_count: number = paginator.count;
      const full_result_count = this.model_admin.show_full_result_count ? this.root_queryset.count() : null;
      const can_show_all = result_count <= this.list_max_show_all;
      const multi_page = result_count > this.list_per_page;
      let result_list: any;
      if ((this.show_all && can_show_all) || !multi_page) result_list = this.queryset._chain();
      else {
        try {
          result_list = paginator.page(this.page_num).object_list;
        } catch (e) {
          if (e instanceof InvalidPage) throw new IncorrectLookupParameters(e.message);
          throw e;
        }
      }
      Object.assign(this, { result_count, full_result_count, can_show_all, multi_page, result_list, paginator });
      this.show_full_result_count = this.model_admin.show_full_result_count;
      this.show_admin_actions = !this.show_full_result_count || Boolean(full_result_count);
      span_set(span, () => ({ result_count, full_result_count, multi_page, can_show_all, num_pages: paginator.num_pages }));
    });
  }

  _get_default_ordering(): any[] {
    if (this.model_admin.ordering?.length) return this.model_admin.ordering;
    return this.lookup_opts.ordering ?? [];
  }

  /**
   * A list_display entry → the name to order by: a model field's name, a callable's
   * `admin_order_field`, or a relation path as is; null when the column cannot sort.
   */
  get_ordering_field(field_name: any): any {
    if (typeof field_name === "string") {
      try {
        return this.lookup_opts.get_field(field_name).name;
      } catch (e) {
        if (!(e instanceof FieldDoesNotExist)) throw e;
      }
    }
    let attr: any;
    if (typeof field_name === "function") attr = field_name;
    else if (field_name === "__str__") return null;
    else if (field_name in Object(this.model_admin)) attr = this.model_admin[field_name];
    else if (field_name in this.model.prototype) attr = this.model.prototype[field_name];
    else if (field_name.includes(LOOKUP_SEP)) return field_name;
    else throw new FieldDoesNotExist(`${this.model.name} has no attribute ${field_name}`);
    return attr?.admin_order_field ?? null;
  }

  /** The admin's / Meta's ordering, replaced by the `o` columns when given, made deterministic. */
  get_ordering(request: any, queryset: any): any[] {
    const admin_ordering = this.model_admin.get_ordering(request);
    let ordering: any[] = [...(admin_ordering?.length ? admin_ordering : this._get_default_ordering())];
    const o = this.params[ORDER_VAR];
    if (o) {
      ordering = [];
      for (const p of o.split(".")) {
        const cut = p.lastIndexOf("-");
        const [pfx, idx] = cut === -1 ? ["", p] : ["-", p.slice(cut + 1)];
        const index = parse_int(idx);
        if (index === null || index < 0 || index >= this.list_display.length) continue;
        const order_field = this.get_ordering_field(this.list_display[index]);
        if (!order_field) continue;
        if (order_field instanceof OrderBy) {
          const copy = order_field.copy();
          if (pfx === "-") copy.reverse_ordering();
          ordering.push(copy);
        } else if (typeof order_field?.resolve_expression === "function") ordering.push(pfx === "-" ? order_field.desc() : order_field.asc());
        else if (pfx === "-" && order_field.startsWith("-")) ordering.push(order_field.slice(1));
        else ordering.push(pfx + order_field);
      }
    }
    ordering.push(...queryset.query.order_by);
    return this._get_deterministic_ordering(ordering);
  }

  /** Append `-pk` unless some unique, non-null field (or unique set of fields) already orders totally. */
  _get_deterministic_ordering(ordering: any[]): any[] {
    ordering = [...ordering];
    const ordering_fields = new Set<string>();
    const total = new Set<string>(["pk", ...this.lookup_opts.fields.filter((f: any) => f.unique && !f.null).map((f: any) => f.attname)]);
    for (const part of ordering) {
      let field_name: string | null = null;
      if (typeof part === "string") field_name = part.replace(/^-+/, "");
      else if (part instanceof F) field_name = part.name;
      else if (part instanceof OrderBy && part.expression instanceof F) field_name = part.expression.name;
      if (!field_name || field_name === "pk") continue;
      let field: any;
      try {
        field = this.lookup_opts.get_field(field_name);
      } catch (e) {
        if (e instanceof FieldDoesNotExist) continue;
        throw e;
      }
      if (field.remote_field && field_name === field.name) continue;
      if (total.has(field.attname)) return ordering;
      ordering_fields.add(field.attname);
    }
    const groups: string[][] = [...(this.lookup_opts.unique_together ?? []), ...(this.lookup_opts.total_unique_constraints ?? []).map((c: any) => c.fields)];
    for (const names of groups) {
      const fields = names.map((n) => this.lookup_opts.get_field(n));
      if (fields.some((f: any) => f.null)) continue;
      if (fields.every((f: any) => ordering_fields.has(f.attname))) return ordering;
    }
    ordering.push("-pk");
    return ordering;
  }

  /** `{column index: "asc" | "desc"}` from `o`, or the default ordering mapped onto the columns. */
  get_ordering_field_columns(): Map<number, string> {
    const columns = new Map<number, string>();
    if (!(ORDER_VAR in this.params)) {
      for (let field of this._get_default_ordering()) {
        let order_type = "asc";
        if (typeof field !== "string") {
          const ob = field instanceof OrderBy ? field : typeof field?.asc === "function" ? field.asc() : null;
          if (!ob || !(ob.expression instanceof F)) continue;
          order_type = ob.descending ? "desc" : "asc";
          field = ob.expression.name;
        } else if (field.startsWith("-")) [field, order_type] = [field.slice(1), "desc"];
        const index = this.list_display.findIndex((attr) => this.get_ordering_field(attr) === field);
        if (index !== -1) columns.set(index, order_type);
      }
      return columns;
    }
    for (const p of this.params[ORDER_VAR].split(".")) {
      const cut = p.lastIndexOf("-");
      const index = parse_int(cut === -1 ? p : p.slice(cut + 1));
      if (index === null) continue;
      columns.set(index, cut === -1 ? "asc" : "desc");
    }
    return columns;
  }

  /** Filters → remaining lookups → select_related → ordering → search → DISTINCT when joins may repeat rows. */
  get_queryset(request: any, exclude_parameters: string[] | null = null): any {
    return ADMIN.run("ChangeList.get_queryset", admin_options_attrs(this), (span) => {
      const [filter_specs, has_filters, remaining, filters_dup, has_active] = this.get_filters(request);
      Object.assign(this, { filter_specs, has_filters, has_active_filters: has_active });
      let qs = this.apply_filter_specs(request, this.root_queryset, exclude_parameters);
      qs = this.apply_remaining_lookups(qs, remaining);
      if (!qs.query.select_related) qs = this.apply_select_related(qs);
      const ordering = this.get_ordering(request, qs);
      ADMIN.event("ordering", () => ({ o: this.params[ORDER_VAR] ?? null, ordering: to_json(ordering.map(String)), columns: to_json(Object.fromEntries(this.get_ordering_field_columns())) }));
      qs = qs.order_by(...ordering);
      const [searched, search_dup] = this.model_admin.get_search_results(request, qs, this.query);
      qs = searched;
      this.clear_all_filters_qs = this.get_query_string(remaining, this.get_filters_params());
      const distinct = filters_dup || search_dup;
      span_set(span, () => ({ distinct }));
      return distinct ? qs.distinct() : qs;
    });
  }

  private apply_filter_specs(request: any, qs: any, exclude_parameters: string[] | null): any {
    for (const spec of this.filter_specs) {
      if (exclude_parameters !== null && JSON.stringify(spec.expected_parameters()) === JSON.stringify(exclude_parameters)) continue;
      qs = ADMIN.run(`filter ${spec.constructor.name}`, () => ({ title: String(spec.title), used_parameters: to_json(spec.used_parameters) }), () => spec.queryset(request, qs) ?? qs);
    }
    return qs;
  }

  /** The lookups no filter claimed, ANDed (repeated keys ORed); any failure is IncorrectLookupParameters. */
  private apply_remaining_lookups(qs: any, remaining: Lists): any {
    return ADMIN.run("remaining lookups", () => ({ lookups: to_json(remaining) }), () => {
      try {
        const filtered = qs.filter(build_q_object_from_lookup_parameters(remaining));
        filtered.query.get_compiler().as_sql(); // Django prepares lookup values inside filter(); compile now to fail here too
        return filtered;
      } catch (e) {
        if (e instanceof SuspiciousOperation || e instanceof ImproperlyConfigured) throw e;
        throw new IncorrectLookupParameters((e as Error).message);
      }
    });
  }

  /** `list_select_related`: True → all FKs, a list → those, False → FKs shown in list_display. */
  apply_select_related(qs: any): any {
    return ADMIN.run("select_related", () => ({ list_select_related: to_json(this.list_select_related) }), (span) => {
      let out = qs;
      if (this.list_select_related === true) out = qs.select_related();
      else if (this.list_select_related === false) {
        if (this.has_related_field_in_list_display()) out = qs.select_related();
      } else if (this.list_select_related.length) out = qs.select_related(...this.list_select_related);
      span_set(span, () => ({ applied: out !== qs }));
      return out;
    });
  }

  has_related_field_in_list_display(): boolean {
    for (const name of this.list_display) {
      if (typeof name !== "string") continue;
      try {
        const field = this.lookup_opts.get_field(name);
        if (field.remote_field instanceof ManyToOneRel && name !== field.attname) return true;
      } catch (e) {
        if (!(e instanceof FieldDoesNotExist)) throw e;
      }
    }
    return false;
  }

  url_for_result(result: any): string {
    const pk = result[this.pk_attname];
    return reverse(`admin:${this.opts.app_label}_${this.opts.model_name}_change`, { args: [quote(pk)], current_app: this.model_admin.admin_site.name });
  }
}

function is_simple_filter_class(item: unknown): item is new () => any {
  return typeof item === "function" && typeof (item as any).prototype?.lookups === "function";
}

function describe_filter_item(item: any): string {
  if (Array.isArray(item)) return `${item[0]} (${item[1].name})`;
  return typeof item === "function" ? item.name : String(item);
}

/** A query-string value as Python's str() writes it (True/False, dates, numbers). */
function py_param(v: unknown): string {
  if (v === true) return "True";
  if (v === false) return "False";
  return String(v);
}

/** The ModelAdmin options in force, for the "admin" span. */
function admin_options_attrs(cl: ChangeList): Attrs {
  const names = (items: any[] | null) => (items === null ? null : items.map((i) => (typeof i === "function" ? i.name : Array.isArray(i) ? `${i[0]}` : String(i))));
  return {
    model: cl.opts.label,
    model_admin: cl.model_admin.constructor.name,
    list_display: names(cl.list_display),
    list_display_links: names(cl.list_display_links),
    list_filter: names(cl.list_filter),
    search_fields: cl.search_fields,
    search_query: cl.query,
    date_hierarchy: cl.date_hierarchy,
    ordering: to_json(cl.model_admin.ordering ?? null),
    list_select_related: to_json(cl.list_select_related),
    list_per_page: cl.list_per_page,
    query_string: to_json(cl.filter_params),
  };
}
