/**
 * django.template.engine: the Django template language's own engine — options → loaders,
 * libraries and context processors, and template names → compiled Templates.
 *
 *   const engine = new Engine({ loaders: [["django.template.loaders.locmem.Loader", { "a.html": "Hi {{ x }}" }]] });
 *   engine.get_template("a.html").render(new Context({ x: 1 }))   // "Hi 1"
 *
 * Loaders are wrapped in the cached loader, so each template compiles once per engine.
 * The DjangoTemplates backend (backends/django.ts) builds one Engine per TEMPLATES entry.
 */
import { ImproperlyConfigured } from "../core/exceptions";
import { import_string } from "../utils/module_loading";
import { settings } from "../conf";
import { _set_default_engine_getter, Template, type EngineLike, type Origin } from "./base";
import type { ContextProcessor } from "./context";
import { Context } from "./context";
import { register as defaultfilters } from "./defaultfilters";
import { register as defaulttags } from "./defaulttags";
import { TemplateDoesNotExist } from "./exceptions";
import { import_library, Library } from "./library";
import { register as loader_tags } from "./loader_tags";
import { Loader as AppDirectoriesLoader } from "./loaders/app_directories";
import { Loader as BaseLoader } from "./loaders/base";
import { Loader as CachedLoader } from "./loaders/cached";
import { Loader as FilesystemLoader } from "./loaders/filesystem";
import { Loader as LocmemLoader } from "./loaders/locmem";
import { csrf as csrf_context_processor } from "./context_processors";

/** A loader given as a dotted path, `[path, ...args]`, or an instance. */
export type LoaderSpec = string | [string, ...unknown[]] | BaseLoader;

export interface EngineOptions {
  dirs?: string[];
  app_dirs?: boolean;
  context_processors?: (string | ContextProcessor)[];
  debug?: boolean;
  loaders?: LoaderSpec[] | null;
  string_if_invalid?: string;
  file_charset?: string;
  /** `{% load name %}` names → a dotted module path (its `register`) or a Library. */
  libraries?: Record<string, string | Library>;
  /** Libraries loaded into every template, after the built-ins. */
  builtins?: (string | Library)[];
  autoescape?: boolean;
}

/** The built-in loader classes, by the dotted path settings use. */
const LOADER_CLASSES: Record<string, new (engine: EngineLike, ...args: any[]) => BaseLoader> = {
  "django.template.loaders.filesystem.Loader": FilesystemLoader,
  "django.template.loaders.app_directories.Loader": AppDirectoriesLoader,
  "django.template.loaders.locmem.Loader": LocmemLoader,
  "django.template.loaders.cached.Loader": CachedLoader as never,
};

const DEFAULT_BUILTINS = [defaulttags, defaultfilters, loader_tags];

export class Engine implements EngineLike {
  static default_builtins = ["django.template.defaulttags", "django.template.defaultfilters", "django.template.loader_tags"];

  dirs: string[];
  app_dirs: boolean;
  autoescape: boolean;
  debug: boolean;
  string_if_invalid: string;
  file_charset: string;
  loaders: LoaderSpec[];
  libraries: Record<string, string | Library>;
  builtins: (string | Library)[];
  template_libraries: Record<string, Library>;
  template_builtins: Library[];
  /** Finds `{% load name %}` libraries not listed in `libraries` (the backend looks in app templatetags). */
  library_finder: ((name: string) => Library | null) | null = null;
  private context_processors: (string | ContextProcessor)[];
  private _template_loaders: BaseLoader[] | null = null;
  private _template_context_processors: ContextProcessor[] | null = null;

  constructor(options: EngineOptions = {}) {
    this.dirs = options.dirs ?? [];
    this.app_dirs = options.app_dirs ?? false;
    this.context_processors = options.context_processors ?? [];
    this.debug = options.debug ?? false;
    this.autoescape = options.autoescape ?? true;
    this.string_if_invalid = options.string_if_invalid ?? "";
    this.file_charset = options.file_charset ?? "utf-8";
    if (options.loaders && this.app_dirs) throw new ImproperlyConfigured("app_dirs must not be set when loaders is defined.");
    this.loaders = options.loaders ?? [
      ["django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader", ...(this.app_dirs ? ["django.template.loaders.app_directories.Loader"] : [])]],
    ];
    this.libraries = options.libraries ?? {};
    this.builtins = options.builtins ?? [];
    this.template_libraries = this.get_template_libraries(this.libraries);
    this.template_builtins = [...DEFAULT_BUILTINS, ...this.builtins.map((b) => (b instanceof Library ? b : import_library(b)))];
  }

  /** The first DjangoTemplates engine configured in settings.TEMPLATES. */
  static get_default(): Engine {
    const found = default_engine_lookup?.();
    if (found) return found;
    throw new ImproperlyConfigured("No DjangoTemplates backend is configured.");
  }

  /** Django's `_builtin_context_processors` (the `csrf` processor) first, then the configured ones. */
  get template_context_processors(): ContextProcessor[] {
    this._template_context_processors ??= [csrf_context_processor as ContextProcessor, ...this.context_processors.map((p) => (typeof p === "function" ? p : (import_string(p) as ContextProcessor)))];
    return this._template_context_processors;
  }

  get template_loaders(): BaseLoader[] {
    this._template_loaders ??= this.get_template_loaders(this.loaders);
    return this._template_loaders;
  }

  get_template_loaders(template_loaders: LoaderSpec[]): BaseLoader[] {
    return template_loaders.map((l) => this.find_template_loader(l));
  }

  find_template_loader(loader: LoaderSpec): BaseLoader {
    if (loader instanceof BaseLoader) return loader;
    const [path, ...args] = Array.isArray(loader) ? loader : [loader];
    const cls = LOADER_CLASSES[path] ?? (import_string(path) as new (engine: EngineLike, ...args: any[]) => BaseLoader);
    if (cls === (CachedLoader as unknown)) return new CachedLoader(this, this.get_template_loaders((args[0] as LoaderSpec[]) ?? []));
    return new cls(this, ...args);
  }

  get_template_libraries(libraries: Record<string, string | Library>): Record<string, Library> {
    const loaded: Record<string, Library> = {};
    for (const [name, path] of Object.entries(libraries)) loaded[name] = path instanceof Library ? path : import_library(path);
    return loaded;
  }

  /** Ask each loader in turn; TemplateDoesNotExist lists every place tried. */
  find_template(name: string, dirs: string[] | null = null, skip: Origin[] | null = null): [Template, Origin] {
    void dirs;
    const tried: [string, string][] = [];
    for (const loader of this.template_loaders) {
      try {
        const template = loader.get_template(name, skip);
        return [template, template.origin];
      } catch (e) {
        if (!(e instanceof TemplateDoesNotExist)) throw e;
        tried.push(...e.tried);
      }
    }
    throw new TemplateDoesNotExist(name, { tried });
  }

  from_string(template_code: string): Template {
    return new Template(template_code, null, null, this);
  }

  get_template(template_name: string): Template {
    return this.find_template(template_name)[0];
  }

  render_to_string(template_name: string | string[], context: Record<string, unknown> | null = null): string {
    const t = Array.isArray(template_name) ? this.select_template(template_name) : this.get_template(template_name);
    return t.render(new Context(context ?? {}, { autoescape: this.autoescape })).valueOf();
  }

  select_template(template_name_list: string[]): Template {
    if (!template_name_list.length) throw new TemplateDoesNotExist("No template names provided");
    const not_found: string[] = [];
    for (const template_name of template_name_list) {
      try {
        return this.get_template(template_name);
      } catch (e) {
        if (!(e instanceof TemplateDoesNotExist)) throw e;
        if (!not_found.includes(e.message)) not_found.push(e.message);
      }
    }
    throw new TemplateDoesNotExist(not_found.join(", "));
  }

  /** Drop compiled templates (after the project's template files changed). */
  reset(): void {
    for (const loader of this._template_loaders ?? []) loader.reset();
  }

  /** Whether settings say templates are debugged (the backend passes OPTIONS.debug or DEBUG). */
  static debug_default(): boolean {
    try {
      return Boolean(settings.DEBUG);
    } catch {
      return false;
    }
  }
}

let default_engine_lookup: (() => Engine | null) | null = null;

/** backends/django.ts tells the Engine class how to find the configured default engine. */
export function _set_default_engine_lookup(fn: () => Engine | null): void {
  default_engine_lookup = fn;
}

_set_default_engine_getter(() => Engine.get_default());
