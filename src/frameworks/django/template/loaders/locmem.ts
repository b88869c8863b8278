/** django.template.loaders.locmem: templates from a dict of name → source (tests, the conformance corpus). */
import { Origin, type EngineLike } from "../base";
import { TemplateDoesNotExist } from "../exceptions";
import { Loader as BaseLoader } from "./base";

export class Loader extends BaseLoader {
  static override module_name = "django.template.loaders.locmem.Loader";

  constructor(engine: EngineLike, readonly templates_dict: Record<string, string>) {
    super(engine);
  }

  *get_template_sources(template_name: string): Iterable<Origin> {
    yield new Origin(template_name, template_name, this);
  }

  get_contents(origin: Origin): string {
    if (!Object.prototype.hasOwnProperty.call(this.templates_dict, origin.name)) throw new TemplateDoesNotExist(origin.name);
    return this.templates_dict[origin.name];
  }
}
