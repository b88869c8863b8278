/**
 * django.apps.registry: INSTALLED_APPS → the registry of AppConfigs and their models.
 *
 * The main class is `Apps`, and `apps` is the project's one instance. `populate()` loads the
 * project in Django's three phases, each visible in the trace (span kind "app"):
 *
 *   1. import app configs   AppConfig.create(entry) for each entry; labels and names must be unique
 *                           → apps_ready (get_app_config() works from here)
 *   2. import models        each app imports `<app>.models`, whose classes register themselves
 *                           → models_ready (get_model() works from here)
 *   3. ready()              each AppConfig.ready() runs: the place to connect signals
 *                           → ready
 */
import { AppRegistryNotReady, ImproperlyConfigured } from "../core/exceptions";
import { LookupError, RuntimeError, ValueError } from "../../python/builtins";
import { settings } from "../conf";
import { span_set, trace_site, tracing_enabled } from "../../../trace";
import type { SourceRef } from "../../../trace";
import { AppConfig } from "./config";
import type { ModelClass } from "./config";

const APP = trace_site("app", "django/apps/registry.ts", { eager: true });

export type InstalledApp = string | AppConfig;

export class Apps {
  /** app_label → model_name → model, Django's `defaultdict(dict)`; models register on import. */
  all_models = new Map<string, Map<string, ModelClass>>();
  /** label → AppConfig, in INSTALLED_APPS order. */
  app_configs = new Map<string, AppConfig>();
  apps_ready = false;
  models_ready = false;
  ready = false;
  loading = false;

  /** `Apps(installed_apps=())` populates at once; `null` leaves it empty (the global `apps`). */
  constructor(installed_apps: InstalledApp[] | null = []) {
    if (installed_apps !== null) this.populate(installed_apps);
  }

  /**
   * Load app configs, then models, then run ready(). Idempotent, not reentrant. As in Django, a
   * failure leaves the registry half-loaded ("populate() isn't reentrant" on retry): the runtime
   * calls reset() before loading the project again.
   */
  populate(installed_apps: InstalledApp[] = []): void {
    if (this.ready) return;
    if (this.loading) throw new RuntimeError("populate() isn't reentrant");
    this.loading = true;
    APP.run("apps.populate", trace_attrs(() => ({ installed_apps: installed_apps.map(String) })), () => {
      this._import_app_configs(installed_apps);
      this._import_models();
      this._ready_apps();
    });
  }

  /** Phase 1: one AppConfig per entry; labels then names must be unique. */
  _import_app_configs(installed_apps: InstalledApp[]): void {
    for (const entry of installed_apps) {
      const app_config = entry instanceof AppConfig ? entry : create_app_config(entry);
      if (this.app_configs.has(app_config.label))
        throw new ImproperlyConfigured(`Application labels aren't unique, duplicates: ${app_config.label}`);
      this.app_configs.set(app_config.label, app_config);
      app_config.apps = this;
    }
    const duplicates = duplicated_names([...this.app_configs.values()].map((c) => c.name));
    if (duplicates.length) throw new ImproperlyConfigured(`Application names aren't unique, duplicates: ${duplicates.join(", ")}`);
    this.apps_ready = true;
  }

  /** Phase 2: each app imports its models module; model classes register while it loads. */
  _import_models(): void {
    for (const app_config of this.app_configs.values()) {
      APP.run(`import models: ${app_config.label}`, trace_attrs(() => ({ app: app_config.name })), (span) => {
        app_config.import_models();
        if (tracing_enabled()) span_set(span, () => ({ models: [...(app_config.models?.keys() ?? [])], has_models_module: app_config.models_module !== null }));
      });
    }
    this.clear_cache();
    this.models_ready = true;
  }

  /** Phase 3: AppConfig.ready() for every app, in INSTALLED_APPS order. */
  _ready_apps(): void {
    for (const app_config of this.get_app_configs()) {
      const source = class_source(app_config, "ready");
      APP.run(`${app_config.constructor.name}.ready`, trace_attrs(() => ({ app: app_config.label })), () => app_config.ready(), source);
    }
    this.ready = true;
  }

  /** Raise AppRegistryNotReady until phase 1 is done (reading INSTALLED_APPS first, as Django does). */
  check_apps_ready(): void {
    if (this.apps_ready) return;
    void settings.INSTALLED_APPS; // unconfigured settings raise ImproperlyConfigured instead
    throw new AppRegistryNotReady("Apps aren't loaded yet.");
  }

  check_models_ready(): void {
    if (!this.models_ready) throw new AppRegistryNotReady("Models aren't loaded yet.");
  }

  get_app_configs(): AppConfig[] {
    this.check_apps_ready();
    return [...this.app_configs.values()];
  }

  /** The AppConfig for a label; LookupError (with a hint when a full name was given instead). */
  get_app_config(app_label: string): AppConfig {
    this.check_apps_ready();
    const app_config = this.app_configs.get(app_label);
    if (app_config) return app_config;
    let message = `No installed app with label '${app_label}'.`;
    const by_name = this.get_app_configs().find((c) => c.name === app_label);
    if (by_name) message += ` Did you mean '${by_name.label}'?`;
    throw new LookupError(message);
  }

  /** Is an app with this full dotted name ("django.contrib.admin") installed? */
  is_installed(app_name: string): boolean {
    this.check_apps_ready();
    return [...this.app_configs.values()].some((c) => c.name === app_name);
  }

  /** The innermost installed app whose name prefixes a dotted object path, or null. */
  get_containing_app_config(object_name: string): AppConfig | null {
    this.check_apps_ready();
    const candidates = [...this.app_configs.values()].filter(
      (c) => object_name === c.name || object_name.startsWith(c.name + "."),
    );
    candidates.sort((a, b) => b.name.length - a.name.length);
    return candidates[0] ?? null;
  }

  /** Every installed model, app by app. */
  get_models(options: { include_auto_created?: boolean; include_swapped?: boolean } = {}): ModelClass[] {
    this.check_models_ready();
    return [...this.app_configs.values()].flatMap((c) => c.get_models(options));
  }

  /** `get_model("blog", "Post")` or `get_model("blog.Post")`; model names are case-insensitive. */
  get_model(app_label: string, model_name?: string | null, options: { require_ready?: boolean } = {}): ModelClass {
    const require_ready = options.require_ready ?? true;
    if (require_ready) this.check_models_ready();
    else this.check_apps_ready();
    if (model_name === undefined || model_name === null) [app_label, model_name] = split_model_label(app_label);
    const app_config = this.get_app_config(app_label);
    if (!require_ready && app_config.models === null) app_config.import_models();
    return app_config.get_model(model_name, { require_ready });
  }

  /** The models map of one label, created on first use (`all_models[app_label]`). */
  app_models(app_label: string): Map<string, ModelClass> {
    let models = this.all_models.get(app_label);
    if (!models) this.all_models.set(app_label, (models = new Map()));
    return models;
  }

  /**
   * Called by the ORM's class preparation for every model class defined (and by contrib apps that
   * register their long-lived model classes again in a new run). As in Django, registering a model
   * runs the operations that waited for it: a ForeignKey("auth.User") declared before auth's
   * models were imported resolves here.
   */
  register_model(app_label: string, model: ModelClass): void {
    const model_name = model._meta?.model_name ?? model.name.toLowerCase();
    const app_models = this.app_models(app_label);
    const existing = app_models.get(model_name);
    if (existing && existing !== model && existing.name !== model.name)
      throw new RuntimeError(`Conflicting '${model_name}' models in application '${app_label}': ${existing.name} and ${model.name}.`);
    app_models.set(model_name, model);
    this.do_pending_operations(model);
    this.clear_cache();
  }

  /**
   * `"app_label.model_name"` → functions waiting for that model (Django's `_pending_operations`).
   * Kept across reset(): the framework's own model classes are prepared once per process, so a
   * relation of theirs that waited in one run must still resolve in the next.
   */
  _pending_operations = new Map<string, ((model: ModelClass) => void)[]>();

  /** Run `fn(model)` once `key` ("app_label.model_name") is registered (now, if it already is). */
  lazy_model_operation(fn: (model: ModelClass) => void, key: string): void {
    const [app_label, model_name] = key.split(".");
    const existing = this.all_models.get(app_label)?.get(model_name);
    if (existing) return fn(existing);
    const waiting = this._pending_operations.get(key) ?? [];
    waiting.push(fn);
    this._pending_operations.set(key, waiting);
  }

  /** Resolve what waited for `model` (called by register_model). */
  do_pending_operations(model: ModelClass): void {
    const opts = model._meta as { app_label?: string; model_name?: string } | undefined;
    if (!opts?.app_label || !opts.model_name) return;
    const key = `${opts.app_label}.${opts.model_name}`;
    const waiting = this._pending_operations.get(key);
    if (!waiting) return;
    this._pending_operations.delete(key);
    for (const fn of waiting) fn(model);
  }

  /** Like get_model() but usable while populating; LookupError if not registered yet. */
  get_registered_model(app_label: string, model_name: string): ModelClass {
    const model = this.all_models.get(app_label)?.get(model_name.toLowerCase());
    if (!model) throw new LookupError(`Model '${app_label}.${model_name}' not registered.`);
    return model;
  }

  /** Models cache their relations in `_meta`; altering the registry expires those caches. */
  clear_cache(): void {
    if (!this.ready) return;
    for (const app_config of this.app_configs.values())
      for (const model of app_config.get_models({ include_auto_created: true })) model._meta?._expire_cache?.();
  }

  /** Framework Lab: forget everything, so one run's apps and models never leak into the next. */
  reset(): void {
    this.all_models = new Map();
    this.app_configs = new Map();
    this.apps_ready = this.models_ready = this.ready = this.loading = false;
  }
}

/** The project's registry: `from django.apps import apps`. The runtime populates it via setup(). */
export const apps = new Apps(null);

// ---------------------------------------------------------------------------------------------

/** AppConfig.create(entry), as an "app" span naming the class chosen. */
function create_app_config(entry: string): AppConfig {
  return APP.run(`AppConfig.create: ${entry}`, trace_attrs(() => ({ entry })), (span) => {
    const app_config = AppConfig.create(entry);
    if (tracing_enabled())
      span_set(span, () => ({ class: app_config.constructor.name, name: app_config.name, label: app_config.label, verbose_name: app_config.verbose_name, path: app_config.path }));
    return app_config;
  });
}

/** Names that occur more than once, most frequent first (Python's `Counter.most_common()`). */
function duplicated_names(names: string[]): string[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]).map(([name]) => name);
}

/** `"blog.Post".split(".")` unpacked into two names, with Python's unpacking errors. */
function split_model_label(label: string): [string, string] {
  const parts = label.split(".");
  if (parts.length < 2) throw new ValueError(`not enough values to unpack (expected 2, got ${parts.length})`);
  if (parts.length > 2) throw new ValueError("too many values to unpack (expected 2)");
  return [parts[0], parts[1]];
}

/** Attrs are built only when tracing is on. */
function trace_attrs(build: () => Record<string, any>): Record<string, any> {
  return tracing_enabled() ? build() : {};
}

/** User AppConfig classes carry `__module__` from the loader; their ready() is user code. */
function class_source(app_config: AppConfig, method: string): SourceRef | undefined {
  const module = (app_config.constructor as { __module__?: string }).__module__;
  return module ? { file: module, symbol: `${app_config.constructor.name}.${method}` } : undefined;
}
