/**
 * django.template.loaders.base: a template name → a compiled Template, from some source.
 *
 * A loader lists the places a name could be (`get_template_sources` → Origins), reads the first
 * that exists (`get_contents`) and compiles it. `skip` lists origins to pass over: `{% extends %}`
 * uses it so a template can extend another template of the same name further down the search path.
 */
import { Template, type EngineLike, type Origin } from "../base";
import { TemplateDoesNotExist } from "../exceptions";

export abstract class Loader {
  static module_name = "django.template.loaders.base.Loader";

  constructor(readonly engine: EngineLike) {}

  get_template(template_name: string, skip: Origin[] | null = null): Template {
    const tried: [string, string][] = [];
    for (const origin of this.get_template_sources(template_name)) {
      if (skip && skip.some((o) => o.equals(origin))) {
        tried.push([origin.name, "Skipped to avoid recursion"]);
        continue;
      }
      let contents: string;
      try {
        contents = this.get_contents(origin);
      } catch (e) {
        if (!(e instanceof TemplateDoesNotExist)) throw e;
        tried.push([origin.name, "Source does not exist"]);
        continue;
      }
      return new Template(contents, origin, origin.template_name, this.engine);
    }
    throw new TemplateDoesNotExist(template_name, { tried });
  }

  abstract get_template_sources(template_name: string): Iterable<Origin>;
  abstract get_contents(origin: Origin): string;

  /** Forget anything cached (the cached loader overrides this). */
  reset(): void {}
}
