/**
 * What the page asks a loaded Django project about, outside any request (the Templates and
 * Class-based view panels):
 *
 *   render_template_source(source, context) → the HTML a template source renders with a captured
 *     context (the default engine, so `{% extends %}`, `{% include %}`, `{% url %}` and the
 *     project's `{% load %}` libraries work as in the request);
 *   inspect_view_class("blog.views.PostListView") → the class's anatomy as ccbv.co.uk shows it:
 *     bases, MRO, and for each attribute the class that defines it, its kind, signature or value.
 *
 * Both raise as Django would; the runtime turns an exception into the page's error.
 */
import { Context, Engine } from "../../frameworks/django/template";
import { import_string } from "../../frameworks/django/utils/module_loading";
import { class_anatomy, type ClassAnatomy } from "../../frameworks/python/inspect";
import { GENERIC_VIEW_HINTS } from "../../frameworks/django/views/generic/signatures";
import { to_json } from "../../trace";

/** Render `source` with `context` (plain JSON) through the project's default engine. */
export function render_template_source(source: string, context: Record<string, unknown>): string {
  const template = Engine.get_default().from_string(source);
  return String(template.render(new Context(context)));
}

/** The anatomy of a class-based view class given by its dotted path. */
export function inspect_view_class(path: string): ClassAnatomy {
  const cls = import_string(path);
  if (typeof cls !== "function") throw new TypeError(`${path} is not a class.`);
  const anatomy = class_anatomy(cls as never, GENERIC_VIEW_HINTS);
  // Attribute values are any Python object (a QuerySet, reverse_lazy(...)): posted as the trace shows them.
  for (const info of Object.values(anatomy.attributes)) if ("value" in info) info.value = to_json(info.value);
  return anatomy;
}
