/**
 * django.template.loader: a template name → a Template from the first engine that has it.
 *
 * Engines come from settings.TEMPLATES (`engines`, filled by the template backends when they are
 * configured). With no engine configured every lookup fails with TemplateDoesNotExist, exactly as
 * Django does when TEMPLATES is empty.
 */
import { settings } from "../conf";
import { DjangoTemplates, engines_from_settings, type TemplatesSetting } from "./backends/django";
import { _set_default_engine_lookup } from "./engine";
import { TemplateDoesNotExist } from "./exceptions";

/** What a backend's template offers: Django's `Template.render(context=None, request=None)`. */
export interface BackendTemplate {
  render(context?: Record<string, unknown> | null, request?: unknown): string;
}

export interface TemplateEngine {
  name: string;
  get_template(template_name: string): BackendTemplate;
  from_string?(source: string): BackendTemplate;
}

const engine_registry: TemplateEngine[] = [];
/** The settings.TEMPLATES list the registry was built from (rebuilt when settings change). */
let built_from: unknown = null;
let explicit = false;

function templates_setting(): TemplatesSetting[] | null {
  try {
    return settings.configured ? (settings.TEMPLATES as TemplatesSetting[]) : null;
  } catch {
    return null;
  }
}

/**
 * django.template.engines: one backend per settings.TEMPLATES entry, built on first use (and
 * rebuilt if the TEMPLATES setting is replaced). Tests may `register` engines by hand instead.
 */
export const engines = {
  all(): TemplateEngine[] {
    if (!explicit) {
      const templates = templates_setting();
      if (templates !== built_from) {
        engine_registry.length = 0;
        if (templates) engine_registry.push(...engines_from_settings(templates));
        built_from = templates;
      }
    }
    return [...engine_registry];
  },
  get(alias: string): TemplateEngine {
    const engine = engines.all().find((e) => e.name === alias);
    if (!engine) throw new Error(`Could not find config for '${alias}' in settings.TEMPLATES`);
    return engine;
  },
  register(engine: TemplateEngine): void {
    explicit = true;
    engine_registry.push(engine);
  },
  reset(): void {
    engine_registry.length = 0;
    built_from = null;
    explicit = false;
  },
};

_set_default_engine_lookup(() => {
  const backend = engines.all().find((e) => e instanceof DjangoTemplates) as DjangoTemplates | undefined;
  return backend?.engine ?? null;
});

/** Ask each engine in turn; raise TemplateDoesNotExist carrying each engine's failure. */
export function get_template(template_name: string, options: { using?: string } = {}): BackendTemplate {
  const chain: TemplateDoesNotExist[] = [];
  for (const engine of engines.all()) {
    if (options.using && engine.name !== options.using) continue;
    try {
      return engine.get_template(template_name);
    } catch (e) {
      if (e instanceof TemplateDoesNotExist) chain.push(e);
      else throw e;
    }
  }
  throw new TemplateDoesNotExist(template_name, { chain });
}

/** The first template of the list that exists. */
export function select_template(template_name_list: string[] | string, options: { using?: string } = {}): BackendTemplate {
  if (typeof template_name_list === "string")
    throw new TypeError(`select_template() takes an iterable of template names but got a string: '${template_name_list}'. Use get_template() if you want to load a single template by name.`);
  const chain: TemplateDoesNotExist[] = [];
  for (const name of template_name_list) {
    try {
      return get_template(name, options);
    } catch (e) {
      if (e instanceof TemplateDoesNotExist) chain.push(...e.chain);
      else throw e;
    }
  }
  if (template_name_list.length) throw new TemplateDoesNotExist(template_name_list.join(", "), { chain });
  throw new TemplateDoesNotExist("No template names provided");
}

export function render_to_string(template_name: string | string[], context?: Record<string, unknown> | null, request?: unknown, options: { using?: string } = {}): string {
  const template = Array.isArray(template_name) ? select_template(template_name, options) : get_template(template_name, options);
  return template.render(context ?? {}, request);
}
