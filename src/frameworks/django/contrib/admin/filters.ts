/**
 * django.contrib.admin.filters: one `list_filter` entry → a sidebar filter that reads its own
 * query-string parameters, narrows the changelist queryset, and lists its choices.
 *
 *   "in_print"   (BooleanField)        → BooleanFieldListFilter   ?in_print__exact=1|0
 *   "author"     (ForeignKey / M2M)     → RelatedFieldListFilter   ?author__id__exact=4, ?x__isnull=True
 *   "status"     (field with choices)   → ChoicesFieldListFilter   ?status__exact=draft
 *   "published"  (DateField)            → DateFieldListFilter      ?published__gte=…&published__lt=…
 *   "publisher__city" (anything else)   → AllValuesFieldListFilter ?publisher__city=London
 *   ["price", EmptyFieldListFilter]     → ?price__isempty=1|0
 *   ["editor", RelatedOnlyFieldListFilter] → only the related objects actually referenced
 *
 * A filter takes the parameters it understands out of the shared `params` (so the ChangeList
 * applies only what is left as plain lookups). FieldListFilter.create picks the class by the first
 * registered test the field passes.
 */
import { ImproperlyConfigured, ValidationError } from "../../core/exceptions";
import * as models from "../../db/models";
import { Q } from "../../db/models/query_utils";
import { now as timezone_now, localtime, is_aware } from "../../utils/timezone";
import { date, datetime, timedelta } from "../../../python/datetime";
import { ValueError } from "../../../python/builtins";
import { IncorrectLookupParameters } from "./views/main";
import { NotRegistered } from "./exceptions";
import { build_q_object_from_lookup_parameters, get_last_value_from_parameters, get_model_from_relation, prepare_lookup_value, reverse_field_path } from "./utils";

export type Params = Record<string, any>;
export interface Choice {
  selected: boolean;
  query_string: string;
  display: string;
}
/** What a filter needs from the changelist: its query-string builder. */
export interface ChangeListLike {
  get_query_string(new_params?: Record<string, unknown> | null, remove?: string[] | null): string;
  /** `?_facets=True` (or show_facets "always"): each choice shows how many rows it would keep. */
  add_facets?: boolean;
  pk_attname?: string;
  get_queryset?(request: any, exclude_parameters?: string[] | null): any;
}

/** A facet count: `Count(pk, filter=Q(...))` over the changelist without this filter's own parameters. */
const facet = (pk_attname: string, q: Q) => new models.Count(pk_attname, { filter: q });
const q_of = (lookup: string, value: unknown) => new Q([[lookup, value]]);

export abstract class ListFilter {
  title: string | null = null;
  template = "admin/filter.html";
  request: any;
  used_parameters: Record<string, any> = {};

  constructor(request: any, _params: Params, _model: any, _model_admin: any) {
    this.request = request;
  }

  /** Django checks for a title after the subclass set it; called by each concrete constructor. */
  protected check_title(): void {
    if (this.title === null) throw new ImproperlyConfigured(`The list filter '${this.constructor.name}' does not specify a 'title'.`);
  }

  abstract has_output(): boolean;
  abstract choices(changelist: ChangeListLike): Choice[];

  /** The counts each choice's facet shows (FacetsMixin.get_facet_counts). */
  get_facet_counts(_pk_attname: string, _filtered_qs: any): Record<string, unknown> {
    throw new Error("subclasses of FacetsMixin must provide a get_facet_counts() method.");
  }

  /** The changelist's queryset without this filter, aggregated into the facet counts. */
  get_facet_queryset(changelist: ChangeListLike): Record<string, number> {
    const filtered_qs = changelist.get_queryset!(this.request, this.expected_parameters());
    return filtered_qs.aggregate(this.get_facet_counts(changelist.pk_attname!, filtered_qs));
  }

  /** The counts when the changelist shows facets, else null. */
  protected facets(changelist: ChangeListLike): Record<string, number> | null {
    return changelist.add_facets ? this.get_facet_queryset(changelist) : null;
  }
  abstract queryset(request: any, queryset: any): any;
  abstract expected_parameters(): string[];
}

/** A filter you write: `lookups()` gives `[value, label]` pairs, `queryset()` applies `value()`. */
export abstract class SimpleListFilter extends ListFilter {
  parameter_name: string | null = null;
  lookup_choices: [unknown, string][] = [];

  /** Subclasses set `title` and `parameter_name` as fields, so setup runs after construction (`init`). */
  init(request: any, params: Params, model: any, model_admin: any): this {
    this.check_title();
    if (this.parameter_name === null) throw new ImproperlyConfigured(`The list filter '${this.constructor.name}' does not specify a 'parameter_name'.`);
    if (this.parameter_name in params) {
      const value = params[this.parameter_name];
      delete params[this.parameter_name];
      this.used_parameters[this.parameter_name] = Array.isArray(value) ? value[value.length - 1] : value;
    }
    this.lookup_choices = [...(this.lookups(request, model_admin) ?? [])];
    void model;
    return this;
  }

  has_output(): boolean {
    return this.lookup_choices.length > 0;
  }

  value(): string | null {
    return this.used_parameters[this.parameter_name!] ?? null;
  }

  abstract lookups(request: any, model_admin: any): Iterable<[unknown, string]> | null;

  expected_parameters(): string[] {
    return [this.parameter_name!];
  }

  override get_facet_counts(pk_attname: string, filtered_qs: any): Record<string, unknown> {
    const original = this.used_parameters[this.parameter_name!];
    const counts: Record<string, unknown> = {};
    this.lookup_choices.forEach(([value], i) => {
      this.used_parameters[this.parameter_name!] = value;
      const lookup_qs = this.queryset(this.request, filtered_qs);
      if (lookup_qs !== null && lookup_qs !== undefined) counts[`${i}__c`] = facet(pk_attname, new Q([["pk__in", lookup_qs]]));
    });
    this.used_parameters[this.parameter_name!] = original;
    if (original === undefined) delete this.used_parameters[this.parameter_name!];
    return counts;
  }

  choices(changelist: ChangeListLike): Choice[] {
    const counts = this.facets(changelist);
    const out: Choice[] = [{ selected: this.value() === null, query_string: changelist.get_query_string(null, [this.parameter_name!]), display: "All" }];
    this.lookup_choices.forEach(([lookup, title], i) => {
      let display = title;
      if (counts) display = `${title} (${counts[`${i}__c`] ?? "-"})`;
      out.push({ selected: this.value() === String(lookup), query_string: changelist.get_query_string({ [this.parameter_name!]: lookup }), display });
    });
    return out;
  }
}

type FilterClass = new (field: any, request: any, params: Params, model: any, model_admin: any, field_path: string) => FieldListFilter;

/** A filter on a model field (or a field path): its parameters are named after the path. */
export abstract class FieldListFilter extends ListFilter {
  static _field_list_filters: [(f: any) => boolean, FilterClass][] = [];
  static _take_priority_index = 0;
  list_separator = ",";
  field: any;
  field_path: string;

  constructor(field: any, request: any, params: Params, model: any, model_admin: any, field_path: string) {
    super(request, params, model, model_admin);
    this.field = field;
    this.field_path = field_path;
    this.title = field.verbose_name ?? field_path;
  }

  /** Take this filter's expected parameters out of `params` (Django does it at the end of __init__). */
  protected claim_parameters(params: Params): void {
    this.check_title();
    for (const p of this.expected_parameters()) {
      if (p in params) {
        const value = params[p];
        delete params[p];
        this.used_parameters[p] = prepare_lookup_value(p, value, this.list_separator);
      }
    }
  }

  has_output(): boolean {
    return true;
  }

  queryset(_request: any, queryset: any): any {
    try {
      return queryset.filter(build_q_object_from_lookup_parameters(this.used_parameters));
    } catch (e) {
      if (e instanceof ValueError || e instanceof ValidationError) throw new IncorrectLookupParameters(e.message);
      throw e;
    }
  }

  static register(test: (f: any) => boolean, list_filter_class: FilterClass, take_priority = false): void {
    if (take_priority) FieldListFilter._field_list_filters.splice(FieldListFilter._take_priority_index++, 0, [test, list_filter_class]);
    else FieldListFilter._field_list_filters.push([test, list_filter_class]);
  }

  /** The first registered filter class whose test the field passes. */
  static create(field: any, request: any, params: Params, model: any, model_admin: any, field_path: string): FieldListFilter | undefined {
    for (const [test, cls] of FieldListFilter._field_list_filters) if (test(field)) return new cls(field, request, params, model, model_admin, field_path);
    return undefined;
  }
}

/** A ForeignKey / ManyToMany (or reverse relation): one choice per related object, plus "-" when it can be empty. */
export class RelatedFieldListFilter extends FieldListFilter {
  lookup_kwarg: string;
  lookup_kwarg_isnull: string;
  lookup_val: string[] | null;
  lookup_val_isnull: string | null;
  lookup_choices: [unknown, string][];
  lookup_title: string;
  empty_value_display: string;

  constructor(field: any, request: any, params: Params, model: any, model_admin: any, field_path: string) {
    super(field, request, params, model, model_admin, field_path);
    const other_model = get_model_from_relation(field);
    this.lookup_kwarg = `${field_path}__${field.target_field.name}__exact`;
    this.lookup_kwarg_isnull = `${field_path}__isnull`;
    this.lookup_val = params[this.lookup_kwarg] ?? null;
    this.lookup_val_isnull = get_last_value_from_parameters(params, this.lookup_kwarg_isnull) ?? null;
    this.claim_parameters(params);
    this.lookup_choices = this.field_choices(field, request, model_admin);
    this.lookup_title = field.verbose_name ?? other_model._meta.verbose_name;
    this.title = this.lookup_title;
    this.empty_value_display = model_admin.get_empty_value_display();
  }

  get include_empty_choice(): boolean {
    return Boolean(this.field.null || (this.field.is_relation && this.field.many_to_many));
  }

  override has_output(): boolean {
    return this.lookup_choices.length + (this.include_empty_choice ? 1 : 0) > 1;
  }

  expected_parameters(): string[] {
    return [this.lookup_kwarg, this.lookup_kwarg_isnull];
  }

  /** The related model's own ModelAdmin ordering, when it is registered on the same site. */
  field_admin_ordering(field: any, request: any, model_admin: any): string[] {
    try {
      return model_admin.admin_site.get_model_admin(field.remote_field.model).get_ordering(request) ?? [];
    } catch (e) {
      if (e instanceof NotRegistered) return [];
      throw e;
    }
  }

  field_choices(field: any, request: any, model_admin: any): [unknown, string][] {
    return relation_choices(field, this.field_admin_ordering(field, request, model_admin), null);
  }

  override get_facet_counts(pk_attname: string, _filtered_qs: any): Record<string, unknown> {
    const counts: Record<string, unknown> = Object.fromEntries(this.lookup_choices.map(([pk_val]) => [`${pk_val}__c`, facet(pk_attname, q_of(this.lookup_kwarg, pk_val))]));
    if (this.include_empty_choice) counts.__c = facet(pk_attname, q_of(this.lookup_kwarg_isnull, true));
    return counts;
  }

  choices(changelist: ChangeListLike): Choice[] {
    const counts = this.facets(changelist);
    const out: Choice[] = [{ selected: this.lookup_val === null && !this.lookup_val_isnull, query_string: changelist.get_query_string(null, [this.lookup_kwarg, this.lookup_kwarg_isnull]), display: "All" }];
    for (const [pk_val, val] of this.lookup_choices)
      out.push({
        selected: this.lookup_val !== null && this.lookup_val.includes(String(pk_val)),
        query_string: changelist.get_query_string({ [this.lookup_kwarg]: pk_val }, [this.lookup_kwarg_isnull]),
        display: counts ? `${val} (${counts[`${pk_val}__c`]})` : val,
      });
    if (this.include_empty_choice)
      out.push({
        selected: Boolean(this.lookup_val_isnull),
        query_string: changelist.get_query_string({ [this.lookup_kwarg_isnull]: "True" }, [this.lookup_kwarg]),
        display: counts ? `${this.empty_value_display} (${counts.__c})` : this.empty_value_display,
      });
    return out;
  }
}

/** `field.get_choices(include_blank=False, ordering=…, limit_choices_to=…)` for a relation: `[pk, str(obj)]`. */
function relation_choices(field: any, ordering: string[], limit: Record<string, unknown> | null): [unknown, string][] {
  const related = get_model_from_relation(field);
  let qs = related._meta.default_manager.all();
  if (limit) qs = qs.filter(limit);
  if (ordering.length) qs = qs.order_by(...ordering);
  const target = field.is_relation && field.concrete !== false && field.target_field ? field.target_field.attname : related._meta.pk.attname;
  return [...qs].map((obj: any) => [obj[target], String(obj)]);
}

/** Only the related objects some row of the changelist actually points to. */
export class RelatedOnlyFieldListFilter extends RelatedFieldListFilter {
  override field_choices(field: any, request: any, model_admin: any): [unknown, string][] {
    const pk_qs = model_admin.get_queryset(request).distinct().values_list(`${this.field_path}__pk`, { flat: true });
    return relation_choices(field, this.field_admin_ordering(field, request, model_admin), { pk__in: pk_qs });
  }
}

/** Yes / No (and Unknown for a nullable BooleanField). */
export class BooleanFieldListFilter extends FieldListFilter {
  lookup_kwarg: string;
  lookup_kwarg2: string;
  lookup_val: string | null;
  lookup_val2: string | null;

  constructor(field: any, request: any, params: Params, model: any, model_admin: any, field_path: string) {
    super(field, request, params, model, model_admin, field_path);
    this.lookup_kwarg = `${field_path}__exact`;
    this.lookup_kwarg2 = `${field_path}__isnull`;
    this.lookup_val = get_last_value_from_parameters(params, this.lookup_kwarg) ?? null;
    this.lookup_val2 = get_last_value_from_parameters(params, this.lookup_kwarg2) ?? null;
    this.claim_parameters(params);
    const used = this.used_parameters[this.lookup_kwarg];
    if (used !== undefined && ["1", "0"].includes(used)) this.used_parameters[this.lookup_kwarg] = used === "1";
  }

  expected_parameters(): string[] {
    return [this.lookup_kwarg, this.lookup_kwarg2];
  }

  override get_facet_counts(pk_attname: string, _filtered_qs: any): Record<string, unknown> {
    return { true__c: facet(pk_attname, q_of(this.field_path, true)), false__c: facet(pk_attname, q_of(this.field_path, false)), null__c: facet(pk_attname, q_of(this.lookup_kwarg2, true)) };
  }

  choices(changelist: ChangeListLike): Choice[] {
    const labels = new Map<unknown, string>(this.field.flatchoices ?? []);
    const counts = this.facets(changelist);
    const out: Choice[] = [];
    for (const [lookup, title, count_field] of [
      [null, "All", null],
      ["1", labels.get(true) ?? "Yes", "true__c"],
      ["0", labels.get(false) ?? "No", "false__c"],
    ] as [string | null, string, string | null][])
      out.push({
        selected: this.lookup_val === lookup && !this.lookup_val2,
        query_string: changelist.get_query_string({ [this.lookup_kwarg]: lookup }, [this.lookup_kwarg2]),
        display: counts && count_field ? `${title} (${counts[count_field]})` : title,
      });
    if (this.field.null) {
      const display = labels.get(null) ?? "Unknown";
      out.push({ selected: this.lookup_val2 === "True", query_string: changelist.get_query_string({ [this.lookup_kwarg2]: "True" }, [this.lookup_kwarg]), display: counts ? `${display} (${counts.null__c})` : display });
    }
    return out;
  }
}

/** A field with `choices`: one entry per choice label. */
export class ChoicesFieldListFilter extends FieldListFilter {
  lookup_kwarg: string;
  lookup_kwarg_isnull: string;
  lookup_val: string[] | null;
  lookup_val_isnull: string | null;

  constructor(field: any, request: any, params: Params, model: any, model_admin: any, field_path: string) {
    super(field, request, params, model, model_admin, field_path);
    this.lookup_kwarg = `${field_path}__exact`;
    this.lookup_kwarg_isnull = `${field_path}__isnull`;
    this.lookup_val = params[this.lookup_kwarg] ?? null;
    this.lookup_val_isnull = get_last_value_from_parameters(params, this.lookup_kwarg_isnull) ?? null;
    this.claim_parameters(params);
  }

  expected_parameters(): string[] {
    return [this.lookup_kwarg, this.lookup_kwarg_isnull];
  }

  override get_facet_counts(pk_attname: string, _filtered_qs: any): Record<string, unknown> {
    return Object.fromEntries((this.field.flatchoices as [unknown, string][]).map(([value], i) => [`${i}__c`, facet(pk_attname, value !== null ? q_of(this.lookup_kwarg, value) : q_of(this.lookup_kwarg_isnull, true))]));
  }

  choices(changelist: ChangeListLike): Choice[] {
    const counts = this.facets(changelist);
    const out: Choice[] = [{ selected: this.lookup_val === null, query_string: changelist.get_query_string(null, [this.lookup_kwarg, this.lookup_kwarg_isnull]), display: "All" }];
    let none_title = "";
    for (const [i, [lookup, label]] of (this.field.flatchoices as [unknown, string][]).entries()) {
      const title = counts ? `${label} (${counts[`${i}__c`]})` : label;
      if (lookup === null) {
        none_title = String(title);
        continue;
      }
      out.push({
        selected: this.lookup_val !== null && this.lookup_val.includes(String(lookup)),
        query_string: changelist.get_query_string({ [this.lookup_kwarg]: lookup }, [this.lookup_kwarg_isnull]),
        display: String(title),
      });
    }
    if (none_title)
      out.push({ selected: Boolean(this.lookup_val_isnull), query_string: changelist.get_query_string({ [this.lookup_kwarg_isnull]: "True" }, [this.lookup_kwarg]), display: none_title });
    return out;
  }
}

/** Any date / Today / Past 7 days / This month / This year (/ No date / Has date), from `timezone.now()`. */
export class DateFieldListFilter extends FieldListFilter {
  field_generic: string;
  date_params: Record<string, string>;
  lookup_kwarg_since: string;
  lookup_kwarg_until: string;
  lookup_kwarg_isnull = "";
  links: [string, Record<string, unknown>][];

  constructor(field: any, request: any, params: Params, model: any, model_admin: any, field_path: string) {
    super(field, request, params, model, model_admin, field_path);
    this.field_generic = `${field_path}__`;
    this.date_params = Object.fromEntries(Object.entries(params).filter(([k]) => k.startsWith(this.field_generic)).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v]));
    this.lookup_kwarg_since = `${field_path}__gte`;
    this.lookup_kwarg_until = `${field_path}__lt`;
    this.links = this.date_links(field);
    if (field.null) {
      this.lookup_kwarg_isnull = `${field_path}__isnull`;
      this.links.push(["No date", { [`${this.field_generic}isnull`]: true }], ["Has date", { [`${this.field_generic}isnull`]: false }]);
    }
    this.claim_parameters(params);
  }

  /** The ranges, starting at local midnight today (a date for DateField, an aware datetime for DateTimeField). */
  private date_links(field: any): [string, Record<string, unknown>][] {
    let now = timezone_now();
    if (is_aware(now)) now = localtime(now);
    const at = (y: number, m: number, d: number): date => (field instanceof models.DateTimeField ? new datetime(y, m, d, 0, 0, 0, 0, now.tzinfo) : new date(y, m, d));
    const today = at(now.year, now.month, now.day);
    const tomorrow = today.add(new timedelta({ days: 1 }));
    const next_month = today.month === 12 ? at(today.year + 1, 1, 1) : at(today.year, today.month + 1, 1);
    const next_year = at(today.year + 1, 1, 1);
    const range = (since: date, until: date) => ({ [this.lookup_kwarg_since]: since, [this.lookup_kwarg_until]: until });
    return [
      ["Any date", {}],
      ["Today", range(today, tomorrow)],
      ["Past 7 days", range(today.sub(new timedelta({ days: 7 })), tomorrow)],
      ["This month", range(at(today.year, today.month, 1), next_month)],
      ["This year", range(at(today.year, 1, 1), next_year)],
    ];
  }

  expected_parameters(): string[] {
    const params = [this.lookup_kwarg_since, this.lookup_kwarg_until];
    if (this.field.null) params.push(this.lookup_kwarg_isnull);
    return params;
  }

  override get_facet_counts(pk_attname: string, _filtered_qs: any): Record<string, unknown> {
    return Object.fromEntries(this.links.map(([, param_dict], i) => [`${i}__c`, facet(pk_attname, new Q(Object.entries(param_dict)))]));
  }

  choices(changelist: ChangeListLike): Choice[] {
    const counts = this.facets(changelist);
    return this.links.map(([title, param_dict], i) => {
      const as_str = Object.fromEntries(Object.entries(param_dict).map(([k, v]) => [k, py_value_str(v)]));
      return { selected: same_params(this.date_params, as_str), query_string: changelist.get_query_string(as_str, [this.field_generic]), display: counts ? `${title} (${counts[`${i}__c`]})` : title };
    });
  }
}

/** Python's str() of a link value: True/False, dates as isoformat, datetimes with a space. */
function py_value_str(v: unknown): string {
  if (v === true) return "True";
  if (v === false) return "False";
  return String(v);
}

function same_params(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && a[k] === b[k]);
}

/** Every distinct value the column holds (and "-" when some are null). */
export class AllValuesFieldListFilter extends FieldListFilter {
  lookup_kwarg: string;
  lookup_kwarg_isnull: string;
  lookup_val: string[] | null;
  lookup_val_isnull: string | null;
  empty_value_display: string;
  lookup_choices: any;

  constructor(field: any, request: any, params: Params, model: any, model_admin: any, field_path: string) {
    super(field, request, params, model, model_admin, field_path);
    this.lookup_kwarg = field_path;
    this.lookup_kwarg_isnull = `${field_path}__isnull`;
    this.lookup_val = params[this.lookup_kwarg] ?? null;
    this.lookup_val_isnull = get_last_value_from_parameters(params, this.lookup_kwarg_isnull) ?? null;
    this.empty_value_display = model_admin.get_empty_value_display();
    const [parent_model] = reverse_field_path(model, field_path);
    const queryset = model === parent_model ? model_admin.get_queryset(request) : parent_model._meta.default_manager.all();
    this.lookup_choices = queryset.distinct().order_by(field.name).values_list(field.name, { flat: true });
    this.claim_parameters(params);
  }

  expected_parameters(): string[] {
    return [this.lookup_kwarg, this.lookup_kwarg_isnull];
  }

  override get_facet_counts(pk_attname: string, _filtered_qs: any): Record<string, unknown> {
    return Object.fromEntries([...this.lookup_choices].map((value: unknown, i: number) => [`${i}__c`, facet(pk_attname, value !== null ? q_of(this.lookup_kwarg, value) : q_of(this.lookup_kwarg_isnull, true))]));
  }

  choices(changelist: ChangeListLike): Choice[] {
    const counts = this.facets(changelist);
    const out: Choice[] = [{ selected: this.lookup_val === null && this.lookup_val_isnull === null, query_string: changelist.get_query_string(null, [this.lookup_kwarg, this.lookup_kwarg_isnull]), display: "All" }];
    let include_none = false;
    let empty_title = this.empty_value_display;
    for (const [i, raw] of [...this.lookup_choices].entries()) {
      const count = counts ? counts[`${i}__c`] : null;
      if (raw === null) {
        include_none = true;
        if (counts) empty_title = `${empty_title} (${count})`;
        continue;
      }
      const val = py_value_str(raw);
      out.push({ selected: this.lookup_val !== null && this.lookup_val.includes(val), query_string: changelist.get_query_string({ [this.lookup_kwarg]: val }, [this.lookup_kwarg_isnull]), display: counts ? `${val} (${count})` : val });
    }
    if (include_none)
      out.push({ selected: Boolean(this.lookup_val_isnull), query_string: changelist.get_query_string({ [this.lookup_kwarg_isnull]: "True" }, [this.lookup_kwarg]), display: empty_title });
    return out;
  }
}

/** Empty / Not empty: `""` for string fields, NULL for nullable ones. */
export class EmptyFieldListFilter extends FieldListFilter {
  lookup_kwarg: string;
  lookup_val: string | null;

  constructor(field: any, request: any, params: Params, model: any, model_admin: any, field_path: string) {
    super(field, request, params, model, model_admin, field_path);
    if (!field.empty_strings_allowed && !field.null)
      throw new ImproperlyConfigured(`The list filter '${this.constructor.name}' cannot be used with field '${field.name}' which doesn't allow empty strings and nulls.`);
    this.lookup_kwarg = `${field_path}__isempty`;
    this.lookup_val = get_last_value_from_parameters(params, this.lookup_kwarg) ?? null;
    this.claim_parameters(params);
  }

  get_lookup_condition(): Q {
    const conditions: [string, unknown][] = [];
    if (this.field.empty_strings_allowed) conditions.push([this.field_path, ""]);
    if (this.field.null) conditions.push([`${this.field_path}__isnull`, true]);
    return new Q(conditions, { _connector: "OR" });
  }

  override queryset(_request: any, queryset: any): any {
    if (!(this.lookup_kwarg in this.used_parameters)) return queryset;
    if (this.lookup_val !== "0" && this.lookup_val !== "1") throw new IncorrectLookupParameters();
    const condition = this.get_lookup_condition();
    return this.lookup_val === "1" ? queryset.filter(condition) : queryset.exclude(condition);
  }

  expected_parameters(): string[] {
    return [this.lookup_kwarg];
  }

  override get_facet_counts(pk_attname: string, _filtered_qs: any): Record<string, unknown> {
    const condition = this.get_lookup_condition();
    return { empty__c: facet(pk_attname, condition), not_empty__c: facet(pk_attname, condition.negate()) };
  }

  choices(changelist: ChangeListLike): Choice[] {
    const counts = this.facets(changelist);
    return (
      [
        [null, "All", null],
        ["1", "Empty", "empty__c"],
        ["0", "Not empty", "not_empty__c"],
      ] as [string | null, string, string | null][]
    ).map(([lookup, title, count_field]) => ({ selected: this.lookup_val === lookup, query_string: changelist.get_query_string({ [this.lookup_kwarg]: lookup }), display: counts && count_field ? `${title} (${counts[count_field]})` : title }));
  }
}

// The order Django registers them in: the first test a field passes picks its filter.
FieldListFilter.register((f) => Boolean(f.remote_field), RelatedFieldListFilter);
FieldListFilter.register((f) => f instanceof models.BooleanField, BooleanFieldListFilter);
FieldListFilter.register((f) => Boolean(f.choices?.length), ChoicesFieldListFilter);
FieldListFilter.register((f) => f instanceof models.DateField, DateFieldListFilter);
FieldListFilter.register(() => true, AllValuesFieldListFilter);
