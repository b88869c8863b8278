/**
 * django.test.utils: what the test runner changes around a run, and the helpers tests use.
 *
 * - `setup_test_environment()` → templates report each render (`Template._render` becomes
 *   `instrumented_test_render`, which sends `template_rendered`), "testserver" joins
 *   ALLOWED_HOSTS, DEBUG is False; `teardown_test_environment()` puts everything back.
 * - `setup_databases()` / `teardown_databases()` → each database's test copy, created and destroyed.
 * - `override_settings({...})` → settings replaced around a call, a test class or a test method.
 * - `CaptureQueriesContext` → the SQL run while a callback runs (assertNumQueries is built on it).
 * - `ContextList` → the contexts of every template a response rendered, searched by name.
 */
import { KeyError } from "../../python/builtins";
import { settings } from "../conf";
import { setting_changed } from "../core/signals";
import { connections } from "../db";
import type { BaseDatabaseWrapper } from "../db/backends/base/base";
import { Template } from "../template/base";
import type { Context } from "../template/context";
import { import_string } from "../utils/module_loading";
import { template_rendered } from "./signals";

type Dict = Record<string, unknown>;

/** The contexts a response's templates were rendered with: `response.context.__getitem__("latest_question_list")` finds a name in any of them. */
export class ContextList extends Array<Context> {
  /** An index gives one context; a name, its value in the first context that has it (KeyError if none). */
  __getitem__(key: string | number): unknown {
    if (typeof key === "number") return this[key];
    for (const subcontext of this) if (subcontext.has_key(key)) return subcontext.__getitem__(key);
    throw new KeyError(key);
  }

  /** `response.context["name"]` in Python (ADR 0001: dict-likes answer `getitem`). */
  getitem(key: string | number): unknown {
    return this.__getitem__(key);
  }

  get(key: string, default_: unknown = null): unknown {
    return this.has(key) ? this.__getitem__(key) : default_;
  }

  /** `"name" in response.context` */
  has(key: string): boolean {
    return this.some((subcontext) => subcontext.has_key(key));
  }
}

/** `Template._render` while testing: tell `template_rendered` receivers, then render. */
export function instrumented_test_render(this: Template, context: Context): ReturnType<Template["_render"]> {
  template_rendered.send(this, { template: this, context });
  return this.nodelist.render(context) as ReturnType<Template["_render"]>;
}

interface SavedEnvironment {
  template_render: Template["_render"];
  allowed_hosts: unknown;
  debug: unknown;
}

let saved: SavedEnvironment | null = null;

/** Ready the process for testing: instrumented rendering, "testserver" allowed, DEBUG off. */
export function setup_test_environment(debug: boolean | null = null): void {
  if (saved !== null) throw new RuntimeError("setup_test_environment() was already called and can't be called again without first calling teardown_test_environment().");
  saved = { template_render: Template.prototype._render, allowed_hosts: settings.ALLOWED_HOSTS, debug: settings.DEBUG };
  settings.ALLOWED_HOSTS = [...(settings.ALLOWED_HOSTS as string[]), "testserver"];
  settings.DEBUG = debug ?? false;
  Template.prototype._render = instrumented_test_render;
}

/** Undo `setup_test_environment()`. */
export function teardown_test_environment(): void {
  if (saved === null) return;
  Template.prototype._render = saved.template_render;
  settings.ALLOWED_HOSTS = saved.allowed_hosts;
  settings.DEBUG = saved.debug;
  saved = null;
}

class RuntimeError extends Error {
  override name = "RuntimeError";
}

export interface DatabaseSetup {
  connection: BaseDatabaseWrapper;
  old_name: unknown;
  destroy: boolean;
}

/** Create the test copy of each database the tests use ("Creating test database for alias 'default'..."). */
export function setup_databases(verbosity: number, _interactive: boolean, options: { aliases?: Iterable<string>; keepdb?: boolean } = {}): DatabaseSetup[] {
  const old_names: DatabaseSetup[] = [];
  for (const alias of options.aliases ?? ["default"]) {
    const connection = connections.__getitem__(alias);
    const old_name = connection.creation.create_test_db({ verbosity, autoclobber: true, keepdb: options.keepdb ?? false });
    old_names.push({ connection, old_name, destroy: !options.keepdb });
  }
  return old_names;
}

/** Destroy the test copies and give each connection its own database back. */
export function teardown_databases(old_config: DatabaseSetup[], verbosity: number, options: { keepdb?: boolean } = {}): void {
  for (const { connection, old_name, destroy } of old_config) if (destroy) connection.creation.destroy_test_db(old_name, verbosity, options.keepdb ?? false);
}

/**
 * `override_settings(**kwargs)`: Django's decorator and context manager, as a call.
 *
 *     override_settings({ LANGUAGE_CODE: "fr" }, () => { … })          // with override_settings(LANGUAGE_CODE="fr"):
 *     override_settings({ DEBUG: true })(QuestionIndexViewTests)       // @override_settings(DEBUG=True) on a class
 *     static { override_settings({ DEBUG: true })(this.prototype.test_debug_page); }   // … on a method
 *
 * `setting_changed` is sent for each name on the way in and out (`enter: true/false`).
 */
export function override_settings<T>(overrides: Dict, fn: () => T): T;
export function override_settings(overrides: Dict): <C>(decorated: C) => C;
export function override_settings<T>(overrides: Dict, fn?: () => T): T | (<C>(decorated: C) => C) {
  if (fn !== undefined) return with_settings(overrides, fn);
  return <C>(decorated: C): C => decorate_with_settings(overrides, decorated);
}

function with_settings<T>(overrides: Dict, fn: () => T): T {
  const announce = (enter: boolean) => {
    for (const [setting, value] of Object.entries(overrides)) setting_changed.send(settings, { setting, value: enter ? value : settings[setting], enter });
  };
  return (settings as unknown as { override<R>(o: Dict, f: () => R): R }).override(overrides, () => {
    announce(true);
    const after = () => announce(false);
    let result: T;
    try {
      result = fn();
    } catch (e) {
      after();
      throw e;
    }
    if (result instanceof Promise) return result.finally(after) as T;
    after();
    return result;
  });
}

/** On a TestCase class: every test (and its setUp/tearDown) runs with the settings; on a method: that test. */
function decorate_with_settings<C>(overrides: Dict, decorated: C): C {
  const target = decorated as unknown as { _overridden_settings?: Dict };
  target._overridden_settings = { ...(target._overridden_settings ?? {}), ...overrides };
  return decorated;
}

/** `CaptureQueriesContext(connection)`: the statements run while `fn` runs (`captured_queries`). */
export class CaptureQueriesContext {
  initial_queries = 0;
  final_queries: number | null = null;
  constructor(readonly connection: BaseDatabaseWrapper) {}

  get captured_queries(): { sql: string; time: string }[] {
    return this.connection.queries_log.slice(this.initial_queries, this.final_queries ?? undefined) as unknown as { sql: string; time: string }[];
  }

  get length(): number {
    return (this.final_queries ?? this.connection.queries_log.length) - this.initial_queries;
  }

  /** Run `fn` with the connection logging every statement (as DEBUG does), and keep what it ran. */
  capture<T>(fn: () => T): T {
    const wrapper = this.connection as BaseDatabaseWrapper & { force_debug_cursor: boolean };
    const previous = wrapper.force_debug_cursor;
    wrapper.force_debug_cursor = true;
    this.initial_queries = this.connection.queries_log.length;
    this.final_queries = null;
    try {
      return fn();
    } finally {
      wrapper.force_debug_cursor = previous;
      this.final_queries = this.connection.queries_log.length;
    }
  }
}

/** `django.test.utils.get_runner(settings)`: the TEST_RUNNER class (DiscoverRunner by default). */
export function get_runner(settings_: Dict, test_runner_class: string | null = null): unknown {
  return import_string(test_runner_class ?? (settings_.TEST_RUNNER as string));
}
