/**
 * django.apps.config: an INSTALLED_APPS entry ("blog", "blog.apps.BlogConfig") → an AppConfig.
 *
 * The main class is `AppConfig`: one installed application's name, label, verbose name, module and
 * models. `AppConfig.create(entry)` resolves an entry the way Django 5 does:
 *
 *   "blog"                  → import `blog`; if `blog.apps` defines exactly one AppConfig subclass
 *                             (or exactly one with `static default = true`) use it, else AppConfig
 *   "blog.apps.BlogConfig"  → that class; its `name` says which module is the app
 *
 * Python class attributes become instance fields here (`name = "blog"`), because a `static name`
 * would clash with the class's own name. So `create()` first constructs the config, then reads its
 * `name` and runs Django's `__init__` step (`_init_app`). Only `default` is read off the class
 * (`static default = false`), since Django reads it before choosing which class to build.
 */
import { ImproperlyConfigured } from "../core/exceptions";
import { settings } from "../conf";
import { LookupError, RuntimeError } from "../../python/builtins";
import { ImportError, ModuleNotFoundError, import_module, import_string } from "../utils/module_loading";
import type { Module } from "../utils/module_loading";
import type { Apps } from "./registry";

export const APPS_MODULE_NAME = "apps";
export const MODELS_MODULE_NAME = "models";

/** What the registry needs to know about a model class; the ORM (db/models) fills in the rest. */
export type ModelClass = Function & {
  _meta?: { model_name?: string; auto_created?: unknown; swapped?: unknown; _expire_cache?: () => void };
};

export type AppConfigClass = (new (app_name?: string, app_module?: Module) => AppConfig) & { default?: boolean };

export class AppConfig {
  /** Django's `default` class attribute: which of several AppConfig subclasses `create()` picks. */
  declare static default: boolean | undefined;
  /** Set by `__module__` on user classes (the runtime's loader) for error messages and the trace. */
  declare static __module__: string | undefined;

  /** Full dotted path of the application module, e.g. "django.contrib.admin". */
  declare name: string;
  /** Short unique name, defaults to the last component of `name`: "admin". */
  declare label: string;
  /** Human-readable name, defaults to `label.title()`: "Admin". */
  declare verbose_name: string;
  /** Where the app's files live: "blog" for user code. */
  declare path: string;
  module: Module | null = null;
  apps: Apps | null = null;
  models_module: Module | null = null;
  /** model_name → model class; the registry's `all_models[label]`, filled by `register_model`. */
  models: Map<string, ModelClass> | null = null;

  /** `new AppConfig("blog", blog_module)` as in Django; `create()` calls it with no arguments. */
  constructor(app_name?: string, app_module?: Module) {
    if (app_name !== undefined) this._init_app(app_name, app_module ?? null);
  }

  /** Django's `AppConfig.__init__`: fill name, module, and the defaults the class did not set. */
  _init_app(app_name: string, app_module: Module | null): void {
    this.name = app_name;
    this.module = app_module;
    if (this.label === undefined) this.label = app_name.slice(app_name.lastIndexOf(".") + 1);
    if (!is_identifier(this.label))
      throw new ImproperlyConfigured(`The app label '${this.label}' is not a valid Python identifier.`);
    if (this.verbose_name === undefined) this.verbose_name = py_title(this.label);
    if (this.path === undefined) this.path = this._path_from_module(app_module, app_name);
  }

  __repr__(): string {
    return `<${this.constructor.name}: ${this.label}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  /**
   * The primary-key field class for this app's models: `settings.DEFAULT_AUTO_FIELD`, read when
   * asked (a getter installed below), unless the subclass sets `default_auto_field = "..."`.
   */
  declare default_auto_field: string;

  get _is_default_auto_field_overridden(): boolean {
    return Object.prototype.hasOwnProperty.call(this, "default_auto_field");
  }

  /** Django looks at `__path__`/`__file__`; user files are addressed by path, so the app's folder. */
  _path_from_module(module: Module | null, app_name: string): string {
    const file = module?.__file__;
    if (typeof file === "string" && file.includes("/")) return file.slice(0, file.lastIndexOf("/"));
    return app_name.replace(/\./g, "/");
  }

  /** Factory: an INSTALLED_APPS entry → a ready-to-register AppConfig (see the module comment). */
  static create(this: AppConfigClass & typeof AppConfig, entry: string): AppConfig {
    let config_class: unknown = null;
    let app_name: string | null = null;
    let app_module: Module | null = try_import(entry);
    if (app_module) {
      config_class = find_app_config_class(this, entry);
      if (!config_class) [config_class, app_name] = [this, entry];
    }
    if (!config_class) config_class = try_import_string(entry);
    if (!app_module && !config_class) explain_missing_app(this, entry);
    if (!is_subclass(config_class, AppConfig)) throw new ImproperlyConfigured(`'${entry}' isn't a subclass of AppConfig.`);
    const config = new config_class();
    app_name ??= config.name;
    if (app_name === undefined) throw new ImproperlyConfigured(`'${entry}' must supply a name attribute.`);
    app_module = import_app_module(app_name, config_class, entry);
    config._init_app(app_name, app_module);
    return config;
  }

  /** Return the model with this (case-insensitive) name; LookupError if the app has none. */
  get_model(model_name: string, options: { require_ready?: boolean } = {}): ModelClass {
    if (options.require_ready ?? true) this._apps().check_models_ready();
    else this._apps().check_apps_ready();
    const model = this.models?.get(model_name.toLowerCase());
    if (!model) throw new LookupError(`App '${this.label}' doesn't have a '${model_name}' model.`);
    return model;
  }

  /** The app's models, without auto-created (m2m through) and swapped-out ones unless asked. */
  get_models(options: { include_auto_created?: boolean; include_swapped?: boolean } = {}): ModelClass[] {
    this._apps().check_models_ready();
    return [...(this.models ?? new Map()).values()].filter(
      (m) => (options.include_auto_created || !m._meta?.auto_created) && (options.include_swapped || !m._meta?.swapped),
    );
  }

  /** Populate phase 2: bind `models` to the registry's map for this label, import `<app>.models`. */
  import_models(): void {
    this.models = this._apps().app_models(this.label);
    if (this.module) this.models_module = try_import_submodule(`${this.name}.${MODELS_MODULE_NAME}`);
    if (this.models_module) prepare_exported_models(this.models_module, this);
  }

  /** Override to run code once every app and model is loaded (connect signals here). */
  ready(): void {}

  private _apps(): Apps {
    if (!this.apps) throw new ImproperlyConfigured(`${this.__repr__()} is not registered in an app registry.`);
    return this.apps;
  }
}

/**
 * Python runs a model's metaclass when `models.py` is imported; here class preparation is lazy, so
 * importing the models module reads `_meta` of every model class it exports, which prepares and
 * registers it (db/models/base.ts `prepare_model`). Anything without `_meta` is left alone.
 */
function prepare_exported_models(module: Module, app_config: AppConfig): void {
  for (const value of Object.values(module)) {
    if (typeof value !== "function" || !("_meta" in value) || typeof (value as { fields?: unknown }).fields !== "object") continue;
    const meta = (value as { _meta: { app_label?: string; model_name?: string; abstract?: boolean } })._meta;
    // A framework model prepared in an earlier run (its class outlives a registry reset) registers again.
    if (meta?.app_label === app_config.label && !meta.abstract && app_config.models && meta.model_name && !app_config.models.has(meta.model_name))
      app_config.apps?.register_model(app_config.label, value as unknown as ModelClass);
  }
}

// A getter on the prototype, not a TS accessor, so a subclass may declare the field as plain data.
Object.defineProperty(AppConfig.prototype, "default_auto_field", {
  get: () => settings.DEFAULT_AUTO_FIELD,
  set(this: AppConfig, value: string) {
    Object.defineProperty(this, "default_auto_field", { value, writable: true, enumerable: true, configurable: true });
  },
  configurable: true,
});

// ---------------------------------------------------------------------------------------------
// The steps of `create()`.

/** The AppConfig subclass `<entry>.apps` designates: the only one, else the only `default = true`. */
function find_app_config_class(cls: AppConfigClass, entry: string): AppConfigClass | null {
  const mod_path = `${entry}.${APPS_MODULE_NAME}`;
  const mod = try_import_submodule(mod_path);
  if (!mod) return null;
  let candidates = app_config_classes(mod, cls).filter(([, c]) => c.default ?? true);
  if (candidates.length === 1) return candidates[0][1];
  candidates = candidates.filter(([, c]) => c.default ?? false);
  if (candidates.length > 1) {
    const names = candidates.map(([name]) => `'${name}'`).join(", ");
    throw new RuntimeError(`'${mod_path}' declares more than one default AppConfig: ${names}.`);
  }
  return candidates.length === 1 ? candidates[0][1] : null;
}

/** Python's `inspect.getmembers(mod, isclass)` filtered to subclasses of `cls`: sorted by name. */
function app_config_classes(mod: Module, cls: AppConfigClass): Array<[string, AppConfigClass]> {
  const seen = new Set<unknown>();
  return Object.keys(mod)
    .sort()
    .filter((name) => {
      const value = mod[name];
      if (value === cls || !is_subclass(value, cls) || seen.has(value)) return false;
      seen.add(value);
      return true;
    })
    .map((name): [string, AppConfigClass] => [name, mod[name]]);
}

/** Neither a module nor a class: say which, with the AppConfig classes the module does have. */
function explain_missing_app(cls: AppConfigClass, entry: string): never {
  const dot = entry.lastIndexOf(".");
  const [mod_path, cls_name] = [entry.slice(0, Math.max(dot, 0)), entry.slice(dot + 1)];
  if (mod_path && /^\p{Lu}/u.test(cls_name)) {
    const mod = import_module(mod_path);
    const candidates = app_config_classes(mod, cls).map(([name]) => `'${name}'`);
    let message = `Module '${mod_path}' does not contain a '${cls_name}' class.`;
    if (candidates.length) message += ` Choices are: ${candidates.join(", ")}.`;
    throw new ImportError(message);
  }
  import_module(entry); // re-raise the original import error
  throw new ImportError(`No module named '${entry}'`);
}

function import_app_module(app_name: string, config_class: AppConfigClass, entry: string): Module {
  try {
    return import_module(app_name);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    const where = (config_class as { __module__?: string }).__module__ ?? entry.slice(0, Math.max(entry.lastIndexOf("."), 0));
    throw new ImproperlyConfigured(`Cannot import '${app_name}'. Check that '${where}.${config_class.name}.name' is correct.`);
  }
}

function try_import(path: string): Module | null {
  try {
    return import_module(path);
  } catch {
    return null; // Django: `except Exception: pass`, then tries the entry as a class path
  }
}

function try_import_string(path: string): unknown {
  try {
    return import_string(path);
  } catch {
    return null;
  }
}

/**
 * Django's `module_has_submodule` + import: null when the submodule does not exist, but an error
 * raised *inside* an existing submodule propagates. The importer's ModuleNotFoundError must name
 * the missing module ("blog.apps" or "blog/apps") for the two to be told apart.
 */
export function try_import_submodule(dotted: string): Module | null {
  try {
    return import_module(dotted);
  } catch (e) {
    const message = e instanceof Error ? e.message : "";
    if (e instanceof ModuleNotFoundError && (message.includes(dotted) || message.includes(dotted.replace(/\./g, "/")))) return null;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Small Python helpers.

function is_subclass(value: unknown, base: Function): value is AppConfigClass {
  return typeof value === "function" && (value === base || value.prototype instanceof base);
}

/** `str.isidentifier()`. */
function is_identifier(s: string): boolean {
  return /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(s);
}

/** `str.title()`: a letter after a non-letter starts a word ("my_app" → "My_App"). */
export function py_title(s: string): string {
  let out = "";
  let previous_cased = false;
  for (const ch of s) {
    const cased = /\p{L}/u.test(ch);
    out += cased ? (previous_cased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    previous_cased = cased;
  }
  return out;
}
