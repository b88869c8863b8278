/**
 * django.forms.renderers: a form (or one field) → HTML, laid out as Django 5.2's default form
 * templates lay it out: `div.html` (also `str(form)`), `p.html`, `table.html`, `ul.html` and
 * `field.html` (a field group: label, help text, errors, widget).
 *
 * Each layout below prints exactly the text its template would, newlines and indentation
 * included, and — like Django's renderer — strips the result. The layouts share one context:
 * the top errors (non-field errors plus "(Hidden field x) …" lines), the visible fields with
 * their errors, and the hidden fields (printed at the end of the last row).
 */
import { ErrorList } from "./utils";
import type { BoundField } from "./boundfield";
import type { BaseForm } from "./forms";
import { escape } from "../utils/html";

/** Python's `str.strip()`, as the renderer applies it to every template's output. */
function strip(s: string): string {
  return s.replace(/^\s+|\s+$/g, "");
}

export interface FormContext {
  errors: ErrorList;
  fields: [BoundField, ErrorList][];
  hidden_fields: BoundField[];
}

/** The context Django's `BaseForm.get_context()` builds for the form templates. */
export function form_context(form: BaseForm): FormContext {
  const errors = form.non_field_errors().copy();
  const fields: [BoundField, ErrorList][] = [];
  const hidden_fields: BoundField[] = [];
  for (const [name, bf] of form._bound_items()) {
    if (bf.is_hidden) {
      for (const e of bf.errors.messages) errors.push(`(Hidden field ${name}) ${e}`);
      hidden_fields.push(bf);
    } else fields.push([bf, bf.errors]);
  }
  return { errors, fields, hidden_fields };
}

const hidden = (ctx: FormContext) => ctx.hidden_fields.map((bf) => bf.toString()).join("");
const css = (bf: BoundField) => {
  const classes = bf.css_classes();
  return classes ? ` class="${escape(classes)}"` : "";
};
const help_id = (bf: BoundField) => (bf.auto_id ? ` id="${escape(bf.auto_id)}_helptext"` : "");
const label = (bf: BoundField) => (bf.label ? bf.label_tag().valueOf() : "");

/** `div.html`: one `<div>` per visible field holding its field group. */
export function render_div(ctx: FormContext): string {
  let out = `${ctx.errors}\n`;
  if (ctx.errors.length && !ctx.fields.length) out += `\n  <div>${hidden(ctx)}</div>\n`;
  out += "\n";
  ctx.fields.forEach(([bf], i) => {
    out += `\n  <div${css(bf)}>\n    ${bf.as_field_group()}\n    `;
    if (i === ctx.fields.length - 1) out += `\n      ${hidden(ctx)}\n    `;
    out += "\n</div>\n";
  });
  out += "\n";
  if (!ctx.fields.length && !ctx.errors.length) out += `\n  ${hidden(ctx)}\n`;
  return strip(out + "\n");
}

/** `p.html`: errors above each `<p>`, help text in a `<span>` after the widget. */
export function render_p(ctx: FormContext): string {
  let out = `${ctx.errors}\n`;
  if (ctx.errors.length && !ctx.fields.length) out += `\n  <p>${hidden(ctx)}</p>\n`;
  out += "\n";
  ctx.fields.forEach(([bf, errors], i) => {
    out += `\n  ${errors}\n  <p${css(bf)}>\n    ${label(bf)}\n    ${bf}\n    `;
    if (bf.help_text) out += `\n      <span class="helptext"${help_id(bf)}>${bf.help_text}</span>\n    `;
    out += "\n    ";
    if (i === ctx.fields.length - 1) out += `\n      ${hidden(ctx)}\n    `;
    out += "\n  </p>\n";
  });
  out += "\n";
  if (!ctx.fields.length && !ctx.errors.length) out += `\n  ${hidden(ctx)}\n`;
  return strip(out + "\n");
}

/** `table.html`: `<tr><th>label</th><td>errors widget help</td></tr>` rows. */
export function render_table(ctx: FormContext): string {
  let out = "";
  if (ctx.errors.length) {
    out += `\n  <tr>\n    <td colspan="2">\n      ${ctx.errors}\n      `;
    if (!ctx.fields.length) out += `\n        ${hidden(ctx)}\n      `;
    out += "\n    </td>\n  </tr>\n";
  }
  out += "\n";
  ctx.fields.forEach(([bf, errors], i) => {
    out += `\n  <tr${css(bf)}>\n    <th>${label(bf)}</th>\n    <td>\n      ${errors}\n      ${bf}\n      `;
    if (bf.help_text) out += `\n        <br>\n        <span class="helptext"${help_id(bf)}>${bf.help_text}</span>\n      `;
    out += "\n      ";
    if (i === ctx.fields.length - 1) out += `\n        ${hidden(ctx)}\n      `;
    out += "\n    </td>\n  </tr>\n";
  });
  out += "\n";
  if (!ctx.fields.length && !ctx.errors.length) out += `\n  ${hidden(ctx)}\n`;
  return strip(out + "\n");
}

/** `ul.html`: `<li>` rows (the caller supplies the `<ul>`). */
export function render_ul(ctx: FormContext): string {
  let out = "";
  if (ctx.errors.length) {
    out += `\n  <li>\n    ${ctx.errors}\n  `;
    if (!ctx.fields.length) out += `\n    ${hidden(ctx)}\n  `;
    out += "\n  </li>\n";
  }
  out += "\n";
  ctx.fields.forEach(([bf, errors], i) => {
    out += `\n  <li${css(bf)}>\n    ${errors}\n    ${label(bf)}\n    ${bf}\n    `;
    if (bf.help_text) out += `\n      <span class="helptext"${help_id(bf)}>${bf.help_text}</span>\n    `;
    out += "\n    ";
    if (i === ctx.fields.length - 1) out += `\n      ${hidden(ctx)}\n    `;
    out += "\n  </li>\n";
  });
  out += "\n";
  if (!ctx.fields.length && !ctx.errors.length) out += `\n  ${hidden(ctx)}\n`;
  return strip(out + "\n");
}

/** `field.html`: label (or `<fieldset><legend>` for radio/checkbox groups), help text, errors, widget. */
export function render_field_group(bf: BoundField): string {
  let out: string;
  if (bf.use_fieldset) {
    const aria = bf.aria_describedby ? ` aria-describedby="${escape(bf.aria_describedby)}"` : "";
    out = `\n  <fieldset${aria}>\n  ${bf.label ? bf.legend_tag() : ""}\n`;
  } else out = `\n  ${label(bf)}\n`;
  out += "\n";
  if (bf.help_text) out += `<div class="helptext"${help_id(bf)}>${bf.help_text}</div>`;
  out += `\n${bf.errors}\n${bf}`;
  if (bf.use_fieldset) out += "</fieldset>";
  return strip(out + "\n");
}

export const LAYOUTS = { div: render_div, p: render_p, table: render_table, ul: render_ul } as const;
