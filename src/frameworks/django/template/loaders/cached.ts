/**
 * django.template.loaders.cached: wraps other loaders and keeps each compiled Template, so a
 * template is lexed and parsed once per engine. Project edits (set_template_files) clear it.
 */
import type { EngineLike, Origin, Template } from "../base";
import { TemplateDoesNotExist } from "../exceptions";
import { Loader as BaseLoader } from "./base";
import { template_files_version } from "./filesystem";

export class Loader extends BaseLoader {
  static override module_name = "django.template.loaders.cached.Loader";
  template_cache = new Map<string, Template>();
  private version = template_files_version();

  constructor(engine: EngineLike, readonly loaders: BaseLoader[]) {
    super(engine);
  }

  override get_template(template_name: string, skip: Origin[] | null = null): Template {
    if (this.version !== template_files_version()) this.reset();
    const key = this.cache_key(template_name, skip);
    const cached = this.template_cache.get(key);
    if (cached) return cached;
    const tried: [string, string][] = [];
    for (const loader of this.loaders) {
      try {
        const template = loader.get_template(template_name, skip);
        this.template_cache.set(key, template);
        return template;
      } catch (e) {
        if (!(e instanceof TemplateDoesNotExist)) throw e;
        tried.push(...e.tried);
      }
    }
    throw new TemplateDoesNotExist(template_name, { tried });
  }

  *get_template_sources(template_name: string): Iterable<Origin> {
    for (const loader of this.loaders) yield* loader.get_template_sources(template_name);
  }

  get_contents(origin: Origin): string {
    return (origin.loader as BaseLoader).get_contents(origin);
  }

  /** The name plus the origins skipped (a template extending its namesake compiles separately). */
  cache_key(template_name: string, skip: Origin[] | null): string {
    const skipped = (skip ?? []).filter((o) => o.template_name === template_name).map((o) => o.name);
    return skipped.length ? `${template_name}-${skipped.join("|")}` : template_name;
  }

  override reset(): void {
    this.template_cache.clear();
    this.version = template_files_version();
    for (const loader of this.loaders) loader.reset();
  }
}
