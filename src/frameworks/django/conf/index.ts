/**
 * django.conf: `settings`, the project's settings module laid over Django's global defaults.
 *
 * Like Django's LazySettings, nothing is read until the first attribute access: the runtime names
 * the settings module (`set_settings_module`, Django's `os.environ.setdefault(
 * "DJANGO_SETTINGS_MODULE", "project.settings")` in manage.py and wsgi.py), and the first read of
 * any setting imports it (`_setup`, a "settings" span in the trace). Reading a setting with no
 * module named and nothing configured raises ImproperlyConfigured, as Django does without
 * DJANGO_SETTINGS_MODULE. `override_settings` swaps values for the length of a call (tests and the
 * conformance runner use it).
 */
import { AttributeError } from "../../python/builtins";
import { import_module } from "../../python/importlib";
import { span_set, trace_site } from "../../../trace";
import { ImproperlyConfigured } from "../core/exceptions";
import * as global_settings from "./global_settings";

const SETUP = trace_site("settings", "django/conf/index.ts#LazySettings._setup");
const IMPORT = trace_site("module", "django/conf/index.ts#LazySettings._setup");

export { global_settings };

export type SettingsValues = { [name: string]: any };

/** Settings Django will not start without. */
const REQUIRED_NONEMPTY = ["SECRET_KEY"] as const;

export class Settings {
  /** Where the values came from: "project/settings" or "configure()". */
  readonly SETTINGS_MODULE: string;
  private readonly explicit: Set<string>;

  constructor(user_settings: SettingsValues, settings_module = "configure()") {
    this.SETTINGS_MODULE = settings_module;
    for (const [name, value] of Object.entries(global_settings)) {
      if (is_setting_name(name)) (this as SettingsValues)[name] = value;
    }
    this.explicit = new Set();
    for (const [name, value] of Object.entries(user_settings)) {
      if (!is_setting_name(name)) continue;
      (this as SettingsValues)[name] = value;
      this.explicit.add(name);
    }
    check_settings(this as unknown as SettingsValues);
  }

  /** Names the project's settings module set explicitly (the technical 500 page lists all). */
  is_overridden(name: string): boolean {
    return this.explicit.has(name);
  }
}

/** Django only takes UPPERCASE names from a settings module. */
function is_setting_name(name: string): boolean {
  return name === name.toUpperCase() && /^[A-Z]/.test(name);
}

function check_settings(values: SettingsValues): void {
  for (const key of ["ALLOWED_HOSTS", "INSTALLED_APPS", "MIDDLEWARE"]) {
    if (values[key] !== undefined && !Array.isArray(values[key]))
      throw new ImproperlyConfigured(`The ${key} setting must be a list or a tuple.`);
  }
}

class LazySettings {
  private wrapped: Settings | null = null;
  private stack: Settings[] = [];
  /** DJANGO_SETTINGS_MODULE: read on the first access to a setting. */
  private settings_module: string | null = null;

  /** `os.environ.setdefault("DJANGO_SETTINGS_MODULE", name)`: settings load from this module on first access. */
  set_settings_module(name: string): void {
    if (this.settings_module === null) this.settings_module = name;
  }

  /** The settings module named for lazy loading (DJANGO_SETTINGS_MODULE), if any. */
  get settings_module_name(): string | null {
    return this.settings_module;
  }

  /**
   * Load the settings module: Django's `LazySettings._setup(name)`, run by the first read of any
   * setting — `name` is the one that was asked for.
   */
  _setup(name: string | null = null): void {
    const module_name = this.settings_module;
    if (module_name === null) {
      const desc = name ? `setting ${name}` : "settings";
      throw new ImproperlyConfigured(
        `Requested ${desc}, but settings are not configured. You must either define the environment variable DJANGO_SETTINGS_MODULE or call settings.configure() before accessing settings.`,
      );
    }
    SETUP.run("LazySettings._setup", () => ({ settings_module: module_name, first_access: name }), (span) => {
      const module = IMPORT.run(`import ${module_name}`, () => ({ module: module_name }), () => import_module(module_name));
      this.wrapped = new Settings(module, module_name);
      this.stack = [];
      const names = Object.keys(module).filter(is_setting_name);
      span_set(span, () => ({ settings: names }));
    });
  }

  /** Called by the runtime with the project's settings module (or a plain object). */
  configure(user_settings: SettingsValues = {}, settings_module?: string): void {
    this.wrapped = new Settings(user_settings, settings_module);
    this.stack = [];
  }

  /** Forget the configured settings (between runs, so no state leaks). */
  reset(): void {
    this.wrapped = null;
    this.stack = [];
    this.settings_module = null;
  }

  get configured(): boolean {
    return this.wrapped !== null;
  }

  get_wrapped(name: string | null = null): Settings {
    if (!this.wrapped) this._setup(name);
    return this.wrapped!;
  }

  /** Run `fn` with some settings replaced; restored afterwards even if `fn` throws. */
  override<T>(overrides: SettingsValues, fn: () => T): T {
    const base = this.get_wrapped();
    const layered = Object.create(base) as Settings;
    Object.assign(layered, overrides);
    this.stack.push(base);
    this.wrapped = layered;
    const restore = () => {
      this.wrapped = this.stack.pop() ?? base;
    };
    let result: T;
    try {
      result = fn();
    } catch (e) {
      restore();
      throw e;
    }
    if (result instanceof Promise) return result.finally(restore) as T;
    restore();
    return result;
  }
}

const lazy = new LazySettings();

/**
 * `from django.conf import settings`. Reads go to the configured Settings; a required setting that
 * is empty raises ImproperlyConfigured the moment it is read, as Django does.
 */
export const settings: SettingsValues & {
  configure(user_settings?: SettingsValues, settings_module?: string): void;
  set_settings_module(name: string): void;
  reset(): void;
  readonly configured: boolean;
  readonly settings_module_name: string | null;
} = new Proxy(lazy as any, {
  get(target, name) {
    // The common case first: a setting that has a value (settings are read on every request).
    const current = (target as unknown as { wrapped: SettingsValues | null }).wrapped;
    if (current !== null && typeof name === "string" && name !== "SECRET_KEY") {
      const value = current[name];
      if (value !== undefined && typeof value !== "function") return value;
    }
    if (name === "configure" || name === "reset" || name === "override" || name === "get_wrapped" || name === "set_settings_module" || name === "_setup") return (target as any)[name].bind(target);
    if (name === "configured") return target.configured;
    if (name === "settings_module_name") return target.settings_module_name;
    if (typeof name !== "string") return undefined;
    const wrapped = target.get_wrapped(name);
    const value = (wrapped as SettingsValues)[name];
    if ((REQUIRED_NONEMPTY as readonly string[]).includes(name) && !value)
      throw new ImproperlyConfigured(`The ${name} setting must not be empty.`);
    if (value === undefined && !(name in wrapped)) {
      throw new AttributeError(`'Settings' object has no attribute '${name}'`);
    }
    return typeof value === "function" && name === "is_overridden" ? value.bind(wrapped) : value;
  },
  set(target, name, value) {
    (target.get_wrapped() as SettingsValues)[name as string] = value;
    return true;
  },
  has(target, name) {
    return typeof name === "string" && target.configured && name in target.get_wrapped();
  },
});

/** `@override_settings(...)` as a call: `override_settings({DEBUG: true}, () => ...)`. */
export function override_settings<T>(overrides: SettingsValues, fn: () => T): T {
  return lazy.override(overrides, fn);
}
