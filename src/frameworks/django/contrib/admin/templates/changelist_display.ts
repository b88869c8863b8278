/**
 * A ChangeList → the variables change_list.html shows (what Django's admin_list inclusion tags
 * compute): headers, rows, filters with their choices, date drill-down, pagination, search counts.
 */
import type { ChangeList } from "../views/main";
import { date_hierarchy, pagination, paginator_number, result_headers, results, search_form } from "../templatetags/admin_list";

export function changelist_display(cl: ChangeList): Record<string, unknown> {
  const headers = result_headers(cl);
  const pages = pagination(cl);
  return {
    result_headers: headers,
    num_sorted_fields: headers.filter((h) => h.sortable && h.sorted).length,
    results: results(cl),
    filters: cl.filter_specs.map((spec: any) => ({ title: spec.title, choices: spec.choices(cl) })),
    date_hierarchy: date_hierarchy(cl),
    pagination: { ...pages, links: pages.page_range.map((i) => paginator_number(cl, i)) },
    search: search_form(cl),
  };
}
