/**
 * flask.sansio.blueprints: a group of views and hooks recorded now and applied to an app later.
 * Main classes: `Blueprint` and `BlueprintSetupState`.
 *
 * Every registration on a blueprint is *deferred*: `bp.route(...)` records a function that, when
 * the blueprint is registered on an app, adds the rule with the blueprint's `url_prefix` and an
 * endpoint prefixed by its name (`auth.login`). Registering also merges the blueprint's hooks into
 * the app under the blueprint's name, so they run only for requests to its endpoints; `app_*`
 * hooks (`before_app_request`, `app_errorhandler`, …) go to the app itself. Blueprints nest:
 * `parent.register_blueprint(child)` makes `parent.child.view` endpoints and joins the prefixes.
 *
 *     const auth = new Blueprint("auth", "app", { url_prefix: "/auth" });
 *     auth.route("/login", { methods: ["GET", "POST"] })(function login() { … });
 *     app.register_blueprint(auth);          // /auth/login → "auth.login"
 */
import { AssertionError, ValueError } from "../../python/builtins";
import { trace_site } from "../../../trace";
import type { App } from "./app";
import { _endpoint_from_view_func, Scaffold, scope_list, type AnyFunction, type ExceptionClass, type RouteOptions, type ScopeKey } from "./scaffold";

const REGISTER = trace_site("app", "flask/sansio/blueprints.ts#Blueprint.register", { eager: true });

export type DeferredSetupFunction = ((state: BlueprintSetupState) => void) & { __name__?: string };

export interface BlueprintOptions {
  static_folder?: string | null;
  static_url_path?: string | null;
  template_folder?: string | null;
  url_prefix?: string | null;
  subdomain?: string | null;
  url_defaults?: Record<string, unknown> | null;
  root_path?: string | null;
  /** The group `bp.cli`'s commands are registered under: the blueprint's name when not given, null for the app's own group. */
  cli_group?: string | null;
}

/** The registration options: `app.register_blueprint(bp, { url_prefix, name, … })`. */
export interface RegisterOptions {
  url_prefix?: string | null;
  subdomain?: string | null;
  url_defaults?: Record<string, unknown>;
  name?: string;
  name_prefix?: string;
  [key: string]: unknown;
}

/** `BlueprintSetupState(blueprint, app, options, first_registration)`: what deferred functions see. */
export class BlueprintSetupState {
  readonly subdomain: string | null;
  readonly url_prefix: string | null;
  readonly name: string;
  readonly name_prefix: string;
  readonly url_defaults: Record<string, unknown>;

  constructor(
    readonly blueprint: Blueprint,
    readonly app: App,
    readonly options: RegisterOptions,
    readonly first_registration: boolean,
  ) {
    this.subdomain = options.subdomain ?? blueprint.subdomain;
    this.url_prefix = options.url_prefix ?? blueprint.url_prefix;
    this.name = options.name ?? blueprint.name;
    this.name_prefix = options.name_prefix ?? "";
    this.url_defaults = { ...blueprint.url_values_defaults, ...(options.url_defaults ?? {}) };
  }

  /** `state.add_url_rule(rule, endpoint=None, view_func=None, **options)`: prefix, then the app's add_url_rule. */
  add_url_rule(rule: string, endpoint: string | null = null, view_func: AnyFunction | null = null, options: RouteOptions = {}): void {
    let full = rule;
    if (this.url_prefix !== null) full = rule ? [this.url_prefix.replace(/\/+$/, ""), rule.replace(/^\/+/, "")].join("/") : this.url_prefix;
    const opts: RouteOptions = { ...options };
    if (!("subdomain" in opts)) opts.subdomain = this.subdomain;
    const e = endpoint ?? _endpoint_from_view_func(view_func);
    let defaults = this.url_defaults;
    if ("defaults" in opts) {
      defaults = { ...defaults, ...(opts.defaults ?? {}) };
      delete opts.defaults;
    }
    this.app.add_url_rule(full, `${this.name_prefix}.${this.name}.${e}`.replace(/^\.+/, ""), view_func, { ...opts, defaults });
  }
}

/** `Blueprint(name, import_name, static_folder=None, …, url_prefix=None, subdomain=None, url_defaults=None)` */
export class Blueprint extends Scaffold {
  _got_registered_once = false;
  readonly url_prefix: string | null;
  readonly subdomain: string | null;
  readonly deferred_functions: DeferredSetupFunction[] = [];
  readonly url_values_defaults: Record<string, unknown>;
  readonly cli_group: string | null | undefined;
  readonly _blueprints: [Blueprint, RegisterOptions][] = [];

  constructor(name: string, import_name: string, options: BlueprintOptions = {}) {
    super(import_name, { static_folder: options.static_folder, static_url_path: options.static_url_path, template_folder: options.template_folder, root_path: options.root_path });
    if (!name) throw new ValueError("'name' may not be empty.");
    if (name.includes(".")) throw new ValueError("'name' may not contain a dot '.' character.");
    this.name = name;
    this.url_prefix = options.url_prefix ?? null;
    this.subdomain = options.subdomain ?? null;
    this.url_values_defaults = options.url_defaults ?? {};
    this.cli_group = options.cli_group;
  }

  protected _check_setup_finished(f_name: string): void {
    if (this._got_registered_once)
      throw new AssertionError(
        `The setup method '${f_name}' can no longer be called on the blueprint '${this.name}'. It has already been registered at least once, any changes will not be applied consistently.\nMake sure all imports, decorators, functions, etc. needed to set up the blueprint are done before registering it.`,
      );
  }

  /** `record(func)`: run `func(state)` when the blueprint is registered. */
  record(func: DeferredSetupFunction): void {
    this._check_setup_finished("record");
    this.deferred_functions.push(func);
  }

  /** `record_once(func)`: only on the first registration. */
  record_once(func: DeferredSetupFunction): void {
    this._check_setup_finished("record_once");
    this.record((state) => {
      if (state.first_registration) func(state);
    });
  }

  make_setup_state(app: App, options: RegisterOptions, first_registration = false): BlueprintSetupState {
    return new BlueprintSetupState(this, app, options, first_registration);
  }

  /** `bp.register_blueprint(child, **options)`: nest a blueprint (registered when this one is). */
  register_blueprint(blueprint: Blueprint, options: RegisterOptions = {}): void {
    this._check_setup_finished("register_blueprint");
    if (blueprint === this) throw new ValueError("Cannot register a blueprint on itself");
    this._blueprints.push([blueprint, options]);
  }

  /**
   * `register(app, options)`: called by `app.register_blueprint`. Claims the (dotted) name, merges
   * the hooks, runs every deferred function, then registers nested blueprints with joined prefixes.
   */
  register(app: App, options: RegisterOptions): void {
    const name_prefix = options.name_prefix ?? "";
    const self_name = options.name ?? this.name;
    const name = `${name_prefix}.${self_name}`.replace(/^\.+/, "");
    REGISTER.run(`Blueprint.register ${name}`, () => ({ framework: "flask", blueprint: name, url_prefix: (options.url_prefix as string | undefined) ?? this.url_prefix, deferred: this.deferred_functions.length }), () => {
      if (name in app.blueprints) {
        const bp_desc = app.blueprints[name] === this ? "this" : "a different";
        const existing_at = self_name !== name ? ` '${name}'` : "";
        throw new ValueError(`The name '${self_name}' is already registered for ${bp_desc} blueprint${existing_at}. Use 'name=' to provide a unique name.`);
      }
      const first_bp_registration = !Object.values(app.blueprints).some((bp) => bp === this);
      const first_name_registration = !(name in app.blueprints);
      app.blueprints[name] = this;
      this._got_registered_once = true;
      const state = this.make_setup_state(app, options, first_bp_registration);
      if (this.has_static_folder) state.add_url_rule(`${this.static_url_path}/<path:filename>`, "static", () => null);
      if (first_bp_registration || first_name_registration) this._merge_blueprint_funcs(app, name);
      for (const deferred of this.deferred_functions) deferred(state);
      this._register_cli(app, name, options);
      for (const [blueprint, bp_options] of this._blueprints) blueprint.register(app, this.child_options(state, blueprint, bp_options, name));
    });
  }

  /**
   * `bp.cli`'s commands join `app.cli`: as a group named after the blueprint (the default), under
   * `cli_group`, or — with `cli_group=None` — as the app's own commands.
   */
  private _register_cli(app: App, name: string, options: RegisterOptions): void {
    if (!this.cli || !Object.keys(this.cli.commands).length) return;
    const resolved = "cli_group" in options ? (options as { cli_group?: string | null }).cli_group : this.cli_group;
    if (resolved === null) Object.assign(app.cli.commands, this.cli.commands);
    else {
      this.cli.name = resolved === undefined ? name : resolved;
      app.cli.add_command(this.cli);
    }
  }

  /** A nested blueprint's options: subdomains and URL prefixes joined, the name prefixed. */
  private child_options(state: BlueprintSetupState, blueprint: Blueprint, bp_options: RegisterOptions, name: string): RegisterOptions {
    const opts: RegisterOptions = { ...bp_options };
    const bp_subdomain = bp_options.subdomain ?? blueprint.subdomain;
    if (state.subdomain !== null && bp_subdomain !== null) opts.subdomain = `${bp_subdomain}.${state.subdomain}`;
    else if (bp_subdomain !== null) opts.subdomain = bp_subdomain;
    else if (state.subdomain !== null) opts.subdomain = state.subdomain;
    const bp_url_prefix = bp_options.url_prefix ?? blueprint.url_prefix;
    if (state.url_prefix !== null && bp_url_prefix !== null) opts.url_prefix = `${state.url_prefix.replace(/\/+$/, "")}/${bp_url_prefix.replace(/^\/+/, "")}`;
    else if (bp_url_prefix !== null) opts.url_prefix = bp_url_prefix;
    else if (state.url_prefix !== null) opts.url_prefix = state.url_prefix;
    opts.name_prefix = name;
    return opts;
  }

  /** Copy this blueprint's views and hooks into the app, scoped under `name`. */
  _merge_blueprint_funcs(app: App, name: string): void {
    const scoped = (key: ScopeKey) => (key === null ? name : `${name}.${key}`);
    const extend = (bp_map: globalThis.Map<ScopeKey, AnyFunction[]>, parent: globalThis.Map<ScopeKey, AnyFunction[]>) => {
      for (const [key, values] of bp_map) scope_list(parent, scoped(key)).push(...values);
    };
    for (const [key, value] of this.error_handler_spec) {
      const copy = new globalThis.Map([...value].map(([code, handlers]) => [code, new globalThis.Map(handlers)] as const));
      app.error_handler_spec.set(scoped(key), copy);
    }
    for (const [endpoint, func] of Object.entries(this.view_functions)) app.view_functions[endpoint] = func;
    extend(this.before_request_funcs, app.before_request_funcs);
    extend(this.after_request_funcs, app.after_request_funcs);
    extend(this.teardown_request_funcs, app.teardown_request_funcs);
    extend(this.url_default_functions, app.url_default_functions);
    extend(this.url_value_preprocessors, app.url_value_preprocessors);
    extend(this.template_context_processors, app.template_context_processors);
  }

  /** `bp.add_url_rule(rule, endpoint=None, view_func=None, …)`: deferred; no dots in endpoint or function name. */
  add_url_rule(rule: string, endpoint_or_options: string | null | RouteOptions = null, view: AnyFunction | null = null, more: RouteOptions = {}): void {
    this._check_setup_finished("add_url_rule");
    const [endpoint, view_func, options] = Scaffold.rule_arguments(endpoint_or_options, view, more);
    if (endpoint && endpoint.includes(".")) throw new ValueError("'endpoint' may not contain a dot '.' character.");
    if (view_func && (view_func.__name__ ?? view_func.name ?? "").includes(".")) throw new ValueError("'view_func' name may not contain a dot '.' character.");
    this.record((s) => s.add_url_rule(rule, endpoint, view_func, options));
  }

  /** `@bp.app_template_filter(name=None)`: a filter for every template of the app. */
  app_template_filter(name: string | null = null) {
    return <F extends AnyFunction>(f: F): F => {
      this.add_app_template_filter(f, name);
      return f;
    };
  }
  add_app_template_filter(f: AnyFunction, name: string | null = null): void {
    this.record_once((state) => {
      state.app.jinja_env.filters[name ?? f.name] = f;
    });
  }
  app_template_test(name: string | null = null) {
    return <F extends AnyFunction>(f: F): F => {
      this.add_app_template_test(f, name);
      return f;
    };
  }
  add_app_template_test(f: AnyFunction, name: string | null = null): void {
    this.record_once((state) => {
      state.app.jinja_env.tests[name ?? f.name] = f;
    });
  }
  app_template_global(name: string | null = null) {
    return <F extends AnyFunction>(f: F): F => {
      this.add_app_template_global(f, name);
      return f;
    };
  }
  add_app_template_global(f: AnyFunction, name: string | null = null): void {
    this.record_once((state) => {
      state.app.jinja_env.globals[name ?? f.name] = f;
    });
  }

  /** `@bp.before_app_request`: before every request of the app, not only this blueprint's. */
  before_app_request<F extends AnyFunction>(f: F): F {
    this.record_once((s) => scope_list(s.app.before_request_funcs, null).push(f));
    return f;
  }
  after_app_request<F extends AnyFunction>(f: F): F {
    this.record_once((s) => scope_list(s.app.after_request_funcs, null).push(f));
    return f;
  }
  teardown_app_request<F extends AnyFunction>(f: F): F {
    this.record_once((s) => scope_list(s.app.teardown_request_funcs, null).push(f));
    return f;
  }
  app_context_processor<F extends AnyFunction>(f: F): F {
    this.record_once((s) => scope_list(s.app.template_context_processors, null).push(f));
    return f;
  }
  /** `@bp.app_errorhandler(code)`: an error handler for the whole app. */
  app_errorhandler(code: number | ExceptionClass) {
    return <F extends AnyFunction>(f: F): F => {
      this.record_once((state) => {
        state.app.errorhandler(code)(f);
      });
      return f;
    };
  }
  app_url_value_preprocessor<F extends AnyFunction>(f: F): F {
    this.record_once((s) => scope_list(s.app.url_value_preprocessors, null).push(f));
    return f;
  }
  app_url_defaults<F extends AnyFunction>(f: F): F {
    this.record_once((s) => scope_list(s.app.url_default_functions, null).push(f));
    return f;
  }
}
