/**
 * The admin's templates: `admin/*.html` names → templates rendered by an engine of the admin's own.
 *
 * Django ships them as files in the app's `templates/` folder (the app_directories loader finds
 * them); the framework has no files to read in the page, so they are TS string modules
 * (html.ts) served by a locmem loader. A project's own `admin/…` template is not consulted yet.
 *
 * Django's inclusion tags (`{% result_list cl %}`, `{% pagination cl %}`, `{% date_hierarchy cl %}`,
 * `{% search_form cl %}`, `{% admin_list_filter cl spec %}`) become context variables computed by
 * templatetags/admin_list.ts before the page renders: `result_headers`, `results`, `pagination`,
 * `date_hierarchy`, `search`, `filters`.
 */
import { Engine } from "../../../template/engine";
import { settings } from "../../../conf";
import { make_context } from "../../../template/context";
import { Loader as LocmemLoader } from "../../../template/loaders/locmem";
import type { BackendTemplate } from "../../../template/loader";
import { trace_site } from "../../../../../trace";
import { ADMIN_TEMPLATES } from "./html";
import { changelist_display } from "./changelist_display";

const TEMPLATE = trace_site("template", "django/contrib/admin/templates/index.ts", { eager: true });

let engine: Engine | null = null;
let engine_key = "";

/**
 * The admin's engine: the templates in html.ts, with the context processors of the project's
 * DjangoTemplates backend (Django renders admin pages with the project's engine, so `user`,
 * `messages`, `perms` and `csrf_token` come from there).
 */
export function admin_engine(): Engine {
  const processors = project_context_processors();
  const key = JSON.stringify(processors);
  if (!engine || key !== engine_key) {
    engine = new Engine({ loaders: [], context_processors: processors });
    engine.loaders = [new LocmemLoader(engine, ADMIN_TEMPLATES)];
    engine_key = key;
  }
  return engine;
}

function project_context_processors(): string[] {
  if (!settings.configured) return [];
  const backends = (settings.TEMPLATES ?? []) as { BACKEND: string; OPTIONS?: { context_processors?: string[] } }[];
  const django = backends.find((b) => b.BACKEND === "django.template.backends.django.DjangoTemplates");
  return [...(django?.OPTIONS?.context_processors ?? [])];
}

/** A template the admin's views hand to TemplateResponse. */
export function admin_template(name: string): BackendTemplate & { template_name: string } {
  return {
    template_name: name,
    render(context: Record<string, unknown> | null = null, request: unknown = null): string {
      return TEMPLATE.run(name, () => ({ engine: "admin" }), () => {
        const data: Record<string, unknown> = { ...(context ?? {}) };
        if (data.cl && name.endsWith("change_list.html")) Object.assign(data, changelist_display(data.cl as any));
        const template = admin_engine().get_template(name);
        return template.render(make_context(data, request, { autoescape: true })).valueOf();
      });
    },
  };
}
