/**
 * django.template.backends.django: settings.TEMPLATES entries → DjangoTemplates backends.
 *
 * Each `{BACKEND: "django.template.backends.django.DjangoTemplates", DIRS, APP_DIRS, OPTIONS}`
 * becomes an Engine; `backend.get_template(name)` returns a template whose
 * `render(context_dict, request)` builds the Context (a RequestContext when there is a request,
 * so context processors run) and renders.
 *
 * `{% load name %}` finds `name` among OPTIONS.libraries, then as `<app>.templatetags.<name>` in
 * each installed app (imported on first use: Django lists those modules at startup).
 */
import { ImproperlyConfigured } from "../../core/exceptions";
import { apps } from "../../apps";
import { import_module } from "../../utils/module_loading";
import type { Template } from "../base";
import { make_context } from "../context";
import { Engine, type EngineOptions } from "../engine";
import { TemplateDoesNotExist } from "../exceptions";
import { Library } from "../library";
import type { BackendTemplate, TemplateEngine } from "../loader";
import { register as i18n } from "../../templatetags/i18n";
import { register as l10n } from "../../templatetags/l10n";
import { register as static_ } from "../../templatetags/static";

/** The libraries under `django/templatetags/`, which every DjangoTemplates engine can load. */
const DJANGO_LIBRARIES: Record<string, Library> = { i18n, l10n, static: static_ };

export interface TemplatesSetting {
  BACKEND: string;
  NAME?: string;
  DIRS?: string[];
  APP_DIRS?: boolean;
  OPTIONS?: Record<string, unknown>;
}

/** The template a backend hands out: Django's `backends.django.Template`. */
export class DjangoTemplate implements BackendTemplate {
  constructor(readonly template: Template, readonly backend: DjangoTemplates) {}

  get origin() {
    return this.template.origin;
  }

  render(context: Record<string, unknown> | null = null, request: unknown = null): string {
    const ctx = make_context(context ?? null, request, { autoescape: this.backend.engine.autoescape });
    try {
      return this.template.render(ctx).valueOf();
    } catch (e) {
      if (e instanceof TemplateDoesNotExist) (e as TemplateDoesNotExist).backend = this.backend;
      throw e;
    }
  }
}

export class DjangoTemplates implements TemplateEngine {
  static app_dirname = "templates";
  readonly name: string;
  readonly engine: Engine;

  constructor(params: TemplatesSetting) {
    const options = { ...(params.OPTIONS ?? {}) } as EngineOptions & Record<string, unknown>;
    this.name = params.NAME ?? "django";
    options.debug ??= Engine.debug_default();
    options.file_charset ??= "utf-8";
    this.engine = new Engine({ ...options, dirs: params.DIRS ?? [], app_dirs: params.APP_DIRS ?? false });
    this.engine.library_finder = find_app_library;
  }

  from_string(template_code: string): DjangoTemplate {
    return new DjangoTemplate(this.engine.from_string(template_code), this);
  }

  get_template(template_name: string): DjangoTemplate {
    try {
      return new DjangoTemplate(this.engine.get_template(template_name), this);
    } catch (e) {
      if (e instanceof TemplateDoesNotExist) e.backend = this;
      throw e;
    }
  }
}

/**
 * `{% load name %}` → Django's own libraries (`django.templatetags.<name>`: i18n, l10n, static),
 * then `<app>.templatetags.<name>`'s `register` for the first installed app that has it.
 */
export function find_app_library(name: string): Library | null {
  const builtin = DJANGO_LIBRARIES[name];
  if (builtin) return builtin;
  let configs: { name: string }[] = [];
  try {
    configs = apps.get_app_configs();
  } catch {
    return null;
  }
  for (const config of configs) {
    let module: Record<string, unknown>;
    try {
      module = import_module(`${config.name}.templatetags.${name}`);
    } catch {
      continue;
    }
    if (module.register instanceof Library) return module.register;
  }
  return null;
}

/** The backends settings.TEMPLATES names; an unknown BACKEND is ImproperlyConfigured. */
export const BACKENDS: Record<string, new (params: TemplatesSetting) => TemplateEngine> = {
  "django.template.backends.django.DjangoTemplates": DjangoTemplates,
};

/** settings.TEMPLATES → backends, with Django's checks on NAME/BACKEND. */
export function engines_from_settings(templates: TemplatesSetting[]): TemplateEngine[] {
  const seen = new Set<string>();
  return templates.map((tpl) => {
    const backend = BACKENDS[tpl.BACKEND];
    if (!tpl.BACKEND) throw new ImproperlyConfigured("Invalid BACKEND for a template engine: None. Check your TEMPLATES setting.");
    const name = tpl.NAME ?? tpl.BACKEND.split(".").slice(-2, -1)[0];
    if (seen.has(name)) throw new ImproperlyConfigured(`Template engine aliases aren't unique, duplicates: ${name}. Set a unique NAME for each engine in settings.TEMPLATES.`);
    seen.add(name);
    if (!backend) throw new ImproperlyConfigured(`Invalid BACKEND for a template engine: ${tpl.BACKEND}. Check your TEMPLATES setting.`);
    return new backend({ ...tpl, NAME: name });
  });
}
