/**
 * django.template.loader: a template name → a Template from the first engine that has it.
 *
 * Engines come from settings.TEMPLATES (`engines`, filled by the template backends when they are
 * configured). With no engine configured every lookup fails with TemplateDoesNotExist, exactly as
 * Django does when TEMPLATES is empty.
 */
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

/** django.template.engines: backends register here when settings.TEMPLATES is applied. */
export const engines = {
  all(): TemplateEngine[] {
    return [...engine_registry];
  },
  register(engine: TemplateEngine): void {
    engine_registry.push(engine);
  },
  reset(): void {
    engine_registry.length = 0;
  },
};

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
