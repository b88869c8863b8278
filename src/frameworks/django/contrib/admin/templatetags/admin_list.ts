/**
 * django.contrib.admin.templatetags.admin_list: `{% load admin_list %}` → the changelist's pieces.
 * Each inclusion tag turns a ChangeList into the context of its template:
 *
 *   {% result_list cl %}       change_list_results.html  headers (sort links), one row per object
 *   {% pagination cl %}        pagination.html           elided page range (`1 2 … 9 10`), Show all
 *   {% search_form cl %}       search_form.html          the box and "N results (M total)"
 *   {% date_hierarchy cl %}    date_hierarchy.html       years → months → days drill-down
 *   {% admin_actions %}        actions.html              the action <select> and Go
 *   {% admin_list_filter cl spec %}                      one filter (its own template)
 *   {% change_list_object_tools %}                       the "Add …" button
 *
 * result_headers / items_for_result / results are also what the admin conformance replayer reads.
 */
import { capfirst } from "../../../utils/text";
import { format_html } from "../../../utils/html";
import { mark_safe, SafeData, type SafeString } from "../../../utils/safestring";
import { date_format } from "../../../utils/formats";
import { localtime, is_aware } from "../../../utils/timezone";
import * as models from "../../../db/models";
import { ObjectDoesNotExist } from "../../../core/exceptions";
import { NoReverseMatch } from "../../../urls/exceptions";
import type { Parser, Token } from "../../../template/base";
import type { Context } from "../../../template/context";
import { Library } from "../../../template/library";
import { get_template } from "../../../template/loader";
import { date, time } from "../../../../python/datetime";
import { ALL_VAR, IS_FACETS_VAR, IS_POPUP_VAR, ORDER_VAR, PAGE_VAR, SEARCH_VAR, parse_int, type ChangeList } from "../views/main";
import { display_for_field, display_for_value, get_fields_from_path, label_for_field, lookup_field, LOOKUP_SEP } from "../utils";
import { add_preserved_filters } from "./admin_urls";
import { InclusionAdminNode } from "./base";

export const register = new Library();

/** One page link: the current page as a span, `…` as text, others as `?p=N` links. */
export function paginator_number(cl: ChangeList, i: number | string): SafeString {
  if (i === cl.paginator.constructor.ELLIPSIS) return format_html("{} ", cl.paginator.constructor.ELLIPSIS);
  if (i === cl.page_num) return format_html('<span class="this-page">{}</span> ', i);
  return format_html('<a href="{}"{}>{}</a> ', cl.get_query_string({ [PAGE_VAR]: i }), mark_safe(i === cl.paginator.num_pages ? ' class="end"' : ""), i);
}
register.simple_tag(function paginator_number_tag(cl: ChangeList, i: number | string) {
  return paginator_number(cl, i);
}, { name: "paginator_number" });

export interface Pagination {
  cl: ChangeList;
  pagination_required: boolean;
  show_all_url: string | false;
  page_range: (number | string)[];
  ALL_VAR: string;
}

/** The page links (elided: `1 2 … 7 8 9 10 11 … 49 50`) and the "Show all" link. */
export function pagination(cl: ChangeList): Pagination {
  const pagination_required = (!cl.show_all || !cl.can_show_all) && cl.multi_page;
  const page_range = pagination_required ? [...cl.paginator.get_elided_page_range(cl.page_num)] : [];
  const need_show_all_link = cl.can_show_all && !cl.show_all && cl.multi_page;
  return { cl, pagination_required, show_all_url: need_show_all_link && cl.get_query_string({ [ALL_VAR]: "" }), page_range, ALL_VAR };
}
register.tag("pagination", (parser: Parser, token: Token) => new InclusionAdminNode(parser, token, pagination, "pagination.html", false));

export interface Header {
  text: string | SafeString;
  sortable: boolean;
  sorted?: boolean;
  ascending?: boolean;
  sort_priority?: number;
  url_primary?: string;
  url_remove?: string;
  url_toggle?: string;
  class_attrib: string | SafeString;
}

/** A callable column's name: the function's name, or `lambda<i>`. */
function coerce_field_name(field_name: any, index: number): string {
  if (typeof field_name === "function") return field_name.name ? field_name.name : `lambda${index}`;
  return field_name;
}

/** The column headers, with the sort links a click on each produces. */
export function result_headers(cl: ChangeList): Header[] {
  const ordering_columns = cl.get_ordering_field_columns();
  const sorted_indexes = [...ordering_columns.keys()];
  return cl.list_display.map((raw_name, i): Header => {
    const [text, attr] = label_for_field(raw_name, cl.model, cl.model_admin, true);
    let sortable = cl.sortable_by === null || cl.sortable_by.includes(raw_name);
    let field_name = raw_name;
    if (attr) {
      field_name = coerce_field_name(raw_name, i);
      if (field_name === "action_checkbox")
        return {
          text: mark_safe('<input type="checkbox" id="action-toggle" aria-label="Select all objects on this page for an action">'),
          class_attrib: mark_safe(' class="action-checkbox-column"'),
          sortable: false,
        };
      if (!attr.admin_order_field && !String(field_name).includes(LOOKUP_SEP)) sortable = false;
    }
    if (!sortable) return { text, class_attrib: format_html(' class="column-{}"', field_name), sortable: false };
    const th_classes = ["sortable", `column-${field_name}`];
    let order_type = "";
    let new_order_type = "asc";
    let sort_priority = 0;
    const is_sorted = ordering_columns.has(i);
    if (is_sorted) {
      order_type = ordering_columns.get(i)!.toLowerCase();
      sort_priority = sorted_indexes.indexOf(i) + 1;
      th_classes.push(`sorted ${order_type}ending`);
      new_order_type = order_type === "asc" ? "desc" : "asc";
    }
    const param = (t: string, n: number) => `${t === "desc" ? "-" : ""}${n}`;
    const primary: string[] = [];
    const remove: string[] = [];
    const toggle: string[] = [];
    for (const [j, ot] of ordering_columns) {
      if (j === i) {
        primary.unshift(param(new_order_type, j));
        toggle.push(param(new_order_type, j));
      } else {
        primary.push(param(ot, j));
        toggle.push(param(ot, j));
        remove.push(param(ot, j));
      }
    }
    if (!is_sorted) primary.unshift(param(new_order_type, i));
    return {
      text,
      sortable: true,
      sorted: is_sorted,
      ascending: order_type === "asc",
      sort_priority,
      url_primary: cl.get_query_string({ [ORDER_VAR]: primary.join(".") }),
      url_remove: cl.get_query_string({ [ORDER_VAR]: remove.join(".") }),
      url_toggle: cl.get_query_string({ [ORDER_VAR]: toggle.join(".") }),
      class_attrib: format_html(' class="{}"', th_classes.join(" ")),
    };
  });
}

/** Is this column a link to the change form? (the first column by default; none when links are null) */
function link_in_col(is_first: boolean, field_name: any, cl: ChangeList): boolean {
  if (cl.list_display_links === null) return false;
  if (is_first && !cl.list_display_links.length) return true;
  return cl.list_display_links.includes(field_name);
}

/** The display of one cell (a SafeString when it holds HTML) and its CSS classes. */
function cell_repr(cl: ChangeList, result: any, field_name: any, index: number, link_to_changelist: boolean): [unknown, string[]] {
  let empty_value_display = cl.model_admin.get_empty_value_display();
  let row_classes = [`field-${coerce_field_name(field_name, index)}`];
  let f: any, attr: any, value: any;
  try {
    [f, attr, value] = lookup_field(field_name, result, cl.model_admin);
  } catch (e) {
    if (e instanceof ObjectDoesNotExist) return [empty_value_display, row_classes];
    throw e;
  }
  empty_value_display = attr?.empty_value_display ?? empty_value_display;
  if (typeof value === "string" && value.trim() === "") value = "";
  if (f === null || f.auto_created) {
    if (field_name === "action_checkbox") row_classes = ["action-checkbox"];
    const boolean = Boolean(attr?.boolean);
    const repr = value instanceof SafeData && !boolean ? value : display_for_value(value, empty_value_display, boolean);
    if (value instanceof date || value instanceof time) row_classes.push("nowrap");
    return [boolean || value instanceof SafeData ? mark_safe(repr) : repr, row_classes];
  }
  let repr: unknown;
  if (f.remote_field instanceof models.ManyToOneRel) {
    const field_val = result[f.name];
    repr = field_val === null || field_val === undefined ? empty_value_display : field_val;
  } else {
    const shown: unknown = display_for_field(value, f, empty_value_display, link_to_changelist);
    repr = shown instanceof SafeData || f instanceof models.BooleanField || (f instanceof models.URLField && !link_to_changelist) ? mark_safe(shown) : shown;
  }
  if (f instanceof models.DateField || f instanceof models.TimeField || f instanceof models.ForeignKey) row_classes.push("nowrap");
  return [repr, row_classes];
}

/** One row's cells as HTML: `<td class="field-x">…</td>`, `<th>` with the change link, form widgets. */
export function items_for_result(cl: ChangeList, result: any, form: any): SafeString[] {
  let first = true;
  const pk = cl.lookup_opts.pk.attname;
  const cells: SafeString[] = [];
  cl.list_display.forEach((field_name, field_index) => {
    const link_to_changelist = link_in_col(first, field_name, cl);
    const [repr, row_classes] = cell_repr(cl, result, field_name, field_index, link_to_changelist);
    let result_repr = repr;
    const row_class = mark_safe(` class="${row_classes.join(" ")}"`);
    if (link_to_changelist) {
      const table_tag = first ? "th" : "td";
      first = false;
      let link_or_text: unknown;
      try {
        const url = add_preserved_filters({ preserved_filters: cl.preserved_filters, opts: cl.opts }, cl.url_for_result(result));
        const value = result.serializable_value ? result.serializable_value(cl.to_field ? String(cl.to_field) : pk) : result[pk];
        link_or_text = format_html('<a href="{}"{}>{}</a>', url, cl.is_popup ? format_html(' data-popup-opener="{}"', value) : "", result_repr);
      } catch (e) {
        if (!(e instanceof NoReverseMatch)) throw e;
        link_or_text = result_repr;
      }
      cells.push(format_html("<{}{}>{}</{}>", table_tag, row_class, link_or_text, table_tag));
    } else {
      const pk_name = cl.model._meta.pk.name;
      if (form && field_name in form.fields && !(field_name === pk_name && form.bf(pk_name).is_hidden)) {
        const bf = form.bf(field_name);
        result_repr = mark_safe(String(bf.errors) + String(bf));
      }
      cells.push(format_html("<td{}>{}</td>", row_class, result_repr));
    }
  });
  if (form && !form.bf(cl.model._meta.pk.name).is_hidden) cells.push(format_html("<td>{}</td>", form.bf(cl.model._meta.pk.name)));
  return cells;
}

/** A row's cells, with the list_editable form of that row (for its non-field errors). */
export class ResultList extends Array<SafeString> {
  form: any = null;

  static override get [Symbol.species]() {
    return Array;
  }

  static of_items(form: any, items: SafeString[]): ResultList {
    const list = new ResultList();
    list.push(...items);
    list.form = form;
    return list;
  }
}

export function results(cl: ChangeList): ResultList[] {
  const rows = [...cl.result_list];
  if (cl.formset) return rows.map((res: any, i: number) => ResultList.of_items(cl.formset.forms[i], items_for_result(cl, res, cl.formset.forms[i])));
  return rows.map((res: any) => ResultList.of_items(null, items_for_result(cl, res, null)));
}

/** The hidden pk inputs of a list_editable changelist's forms. */
export function result_hidden_fields(cl: ChangeList): SafeString[] {
  if (!cl.formset) return [];
  const pk_name = cl.model._meta.pk.name;
  return cl.formset.forms.slice(0, [...cl.result_list].length).filter((form: any) => form.bf(pk_name).is_hidden).map((form: any) => mark_safe(String(form.bf(pk_name))));
}

/** Headers and rows together: the context of change_list_results.html. */
export function result_list(cl: ChangeList): Record<string, unknown> {
  const headers = result_headers(cl);
  return {
    cl,
    result_hidden_fields: result_hidden_fields(cl),
    result_headers: headers,
    num_sorted_fields: headers.filter((h) => h.sortable && h.sorted).length,
    results: results(cl),
  };
}
register.tag("result_list", (parser: Parser, token: Token) => new InclusionAdminNode(parser, token, result_list, "change_list_results.html", false));

export interface DateHierarchy {
  show: boolean;
  back: { link: string; title: string } | null;
  choices: { link?: string; title: string }[];
}

/** The date drill-down: years, then a year's months, then a month's days, then one day. */
export function date_hierarchy(cl: ChangeList): DateHierarchy | null {
  if (!cl.date_hierarchy) return null;
  const field_name = cl.date_hierarchy;
  const field = get_fields_from_path(cl.model, field_name).at(-1);
  const kind = field instanceof models.DateTimeField ? "datetimes" : "dates";
  const [year_field, month_field, day_field] = ["year", "month", "day"].map((p) => `${field_name}__${p}`);
  let year_lookup: any = cl.params[year_field];
  let month_lookup: any = cl.params[month_field];
  const day_lookup: any = cl.params[day_field];
  const link = (filters: Record<string, unknown>) => cl.get_query_string(filters, [`${field_name}__`]);
  if (!(year_lookup || month_lookup || day_lookup)) {
    const range = cl.queryset.aggregate({ first: new models.Min(field_name), last: new models.Max(field_name) });
    let [first, last] = [range.first, range.last];
    if (first && last) {
      if (kind === "datetimes") [first, last] = [first, last].map((v: any) => (is_aware(v) ? localtime(v) : v));
      if (first.year === last.year) {
        year_lookup = first.year;
        if (first.month === last.month) month_lookup = first.month;
      }
    }
  }
  const list = (kind_name: string) => [...cl.queryset[kind](field_name, kind_name)];
  if (year_lookup && month_lookup && day_lookup) {
    const day = new date(parse_int(year_lookup)!, parse_int(month_lookup)!, parse_int(day_lookup)!);
    return { show: true, back: { link: link({ [year_field]: year_lookup, [month_field]: month_lookup }), title: capfirst(date_format(day, "YEAR_MONTH_FORMAT")) }, choices: [{ title: capfirst(date_format(day, "MONTH_DAY_FORMAT")) }] };
  }
  if (year_lookup && month_lookup)
    return {
      show: true,
      back: { link: link({ [year_field]: year_lookup }), title: String(year_lookup) },
      choices: list("day").map((day: any) => ({ link: link({ [year_field]: year_lookup, [month_field]: month_lookup, [day_field]: day.day }), title: capfirst(date_format(day, "MONTH_DAY_FORMAT")) })),
    };
  if (year_lookup)
    return {
      show: true,
      back: { link: link({}), title: "All dates" },
      choices: list("month").map((month: any) => ({ link: link({ [year_field]: year_lookup, [month_field]: month.month }), title: capfirst(date_format(month, "YEAR_MONTH_FORMAT")) })),
    };
  return { show: true, back: null, choices: list("year").map((year: any) => ({ link: link({ [year_field]: String(year.year) }), title: String(year.year) })) };
}
register.tag("date_hierarchy", (parser: Parser, token: Token) => new InclusionAdminNode(parser, token, date_hierarchy, "date_hierarchy.html", false));

export function search_form(cl: ChangeList): Record<string, unknown> {
  return { cl, show_result_count: cl.result_count !== cl.full_result_count, search_var: SEARCH_VAR, is_popup_var: IS_POPUP_VAR, is_facets_var: IS_FACETS_VAR };
}
register.tag("search_form", (parser: Parser, token: Token) => new InclusionAdminNode(parser, token, search_form, "search_form.html", false));

/** One list filter, rendered with its own template (`admin/filter.html` by default). */
export function admin_list_filter(cl: ChangeList, spec: any): string {
  const tpl = get_template(spec.template ?? "admin/filter.html");
  return tpl.render({ title: spec.title, choices: [...spec.choices(cl)], spec });
}
register.simple_tag(function admin_list_filter_tag(cl: ChangeList, spec: any) {
  return mark_safe(admin_list_filter(cl, spec));
}, { name: "admin_list_filter" });

/** Counts the action bars rendered on the page (top and bottom), so each Go button has its index. */
export function admin_actions(context: Context): Context {
  context.set("action_index", ((context.get("action_index", -1) as number) ?? -1) + 1);
  return context;
}
register.tag("admin_actions", (parser: Parser, token: Token) => new InclusionAdminNode(parser, token, admin_actions, "actions.html"));

register.tag("change_list_object_tools", (parser: Parser, token: Token) =>
  new InclusionAdminNode(parser, token, function change_list_object_tools(context: Context) {
    return context;
  }, "change_list_object_tools.html"),
);
