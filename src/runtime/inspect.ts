/**
 * What the page asks the loaded project about, outside any request (the Templates and Class-based
 * view panels):
 *
 *   render_template_source(source, context) → the HTML a template source renders with a captured
 *     context (the default engine, so `{% extends %}`, `{% include %}`, `{% url %}` and the
 *     project's `{% load %}` libraries work as in the request);
 *   inspect_view_class("blog.views.PostListView") → the class's anatomy as ccbv.co.uk shows it:
 *     bases, MRO, and for each attribute the class that defines it, its kind, signature or value.
 */
import { Context, Engine } from "../frameworks/django/template";
import { import_string } from "../frameworks/django/utils/module_loading";
import { class_anatomy } from "../frameworks/python/inspect";
import { GENERIC_VIEW_HINTS } from "../frameworks/django/views/generic/signatures";
import { to_json } from "../trace";
import { error_info } from "./errors";
import type { ClassAnatomyResult, RenderTemplateResult } from "./protocol";

/** Render `source` as a template named `name` with `context` (plain JSON), through the project's default engine. */
export function render_template_source(source: string, context: Record<string, unknown>, is_user_file: (path: string) => boolean): RenderTemplateResult {
  try {
    const template = Engine.get_default().from_string(source);
    const html = String(template.render(new Context(context)));
    return { ok: true, html };
  } catch (e) {
    return { ok: false, error: error_info(e, is_user_file) };
  }
}

/** The anatomy of a class-based view class given by its dotted path. */
export function inspect_view_class(path: string, is_user_file: (path: string) => boolean): ClassAnatomyResult {
  try {
    const cls = import_string(path);
    if (typeof cls !== "function") throw new TypeError(`${path} is not a class.`);
    const anatomy = class_anatomy(cls as never, GENERIC_VIEW_HINTS);
    // Attribute values are any Python object (a QuerySet, reverse_lazy(...)): posted as the trace shows them.
    for (const info of Object.values(anatomy.attributes)) if ("value" in info) info.value = to_json(info.value);
    return { ok: true, anatomy };
  } catch (e) {
    return { ok: false, error: error_info(e, is_user_file) };
  }
}
