/**
 * django.contrib.admin.templatetags.admin_modify: `{% load admin_modify %}` → the pieces of the
 * change form: `{% submit_row %}` (which buttons show), `{% prepopulated_fields_js %}`,
 * `{% change_form_object_tools %}` (the History link) and the `cell_count` filter of tabular inlines.
 *
 *   submit_row on an add form with add permission → Save, Save and add another, Save and continue
 *   editing; on a change form with delete permission → also the Delete link.
 */
import { py_json_dumps } from "../../../../python/json";
import type { Parser, Token } from "../../../template/base";
import type { Context } from "../../../template/context";
import { Library } from "../../../template/library";
import { InclusionAdminNode } from "./base";

export const register = new Library();

/** The prepopulated fields of the form and of the inlines' new rows, as the page's JSON. */
export function prepopulated_fields_js(context: Context): Record<string, unknown> {
  const prepopulated_fields: any[] = [];
  if (context.has_key("adminform")) prepopulated_fields.push(...((context.get("adminform") as any).prepopulated_fields ?? []));
  if (context.has_key("inline_admin_formsets"))
    for (const inline_admin_formset of context.get("inline_admin_formsets") as any[])
      for (const inline_admin_form of inline_admin_formset) if (inline_admin_form.original === null) prepopulated_fields.push(...(inline_admin_form.prepopulated_fields ?? []));
  const json = prepopulated_fields.map((field) => ({
    id: `#${field.field.auto_id}`,
    name: field.field.name,
    dependency_ids: field.dependencies.map((d: any) => `#${d.auto_id}`),
    dependency_list: field.dependencies.map((d: any) => d.name),
    maxLength: field.field.field.max_length || 50,
    allowUnicode: Boolean(field.field.field.allow_unicode),
  }));
  return { ...context.flatten(), prepopulated_fields, prepopulated_fields_json: py_json_dumps(json) };
}
register.tag("prepopulated_fields_js", (parser: Parser, token: Token) => new InclusionAdminNode(parser, token, prepopulated_fields_js, "prepopulated_fields_js.html"));

/** Which of Save / Save as new / Save and add another / Save and continue / Delete / Close show. */
export function submit_row(context: Context): Record<string, unknown> {
  const get = (key: string, otherwise: unknown = null) => (context.has_key(key) ? context.get(key) : otherwise);
  const add = get("add");
  const change = get("change");
  const is_popup = get("is_popup");
  const save_as = get("save_as");
  const show_save = get("show_save", true);
  const show_save_and_add_another = get("show_save_and_add_another", true);
  const show_save_and_continue = get("show_save_and_continue", true);
  const has_add_permission = get("has_add_permission");
  const has_change_permission = get("has_change_permission");
  const has_view_permission = get("has_view_permission");
  const has_editable_inline_admin_formsets = get("has_editable_inline_admin_formsets");
  const can_save = (has_change_permission && change) || (has_add_permission && add) || has_editable_inline_admin_formsets;
  const can_save_and_add_another = has_add_permission && !is_popup && (!save_as || add) && can_save && show_save_and_add_another;
  const can_save_and_continue = !is_popup && can_save && has_view_permission && show_save_and_continue;
  return {
    ...context.flatten(),
    can_change: has_change_permission || has_editable_inline_admin_formsets,
    show_delete_link: !is_popup && get("has_delete_permission") && change && get("show_delete", true),
    show_save_as_new: !is_popup && has_add_permission && change && save_as,
    show_save_and_add_another: can_save_and_add_another,
    show_save_and_continue: can_save_and_continue,
    show_save: show_save && can_save,
    show_close: !(show_save && can_save),
  };
}
register.tag("submit_row", (parser: Parser, token: Token) => new InclusionAdminNode(parser, token, submit_row, "submit_line.html"));

register.tag("change_form_object_tools", (parser: Parser, token: Token) =>
  new InclusionAdminNode(parser, token, function change_form_object_tools(context: Context) {
    return context;
  }, "change_form_object_tools.html"),
);

/** The number of cells a tabular inline row uses: the hidden-id cell, each visible field, Delete. */
export function cell_count(inline_admin_form: any): number {
  let count = 1;
  for (const fieldset of inline_admin_form) for (const line of fieldset) for (const field of line) if (!(field.field?.is_hidden ?? false)) count += 1;
  if (inline_admin_form.formset.can_delete) count += 1;
  return count;
}
register.filter("cell_count", cell_count);
