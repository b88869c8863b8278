/**
 * flask.sansio.app: the application object without I/O — configuration, the URL map, the
 * registries of views, hooks and blueprints, and the lookups a request needs (which error handler,
 * which URL defaults). Main class: `App`; `Flask` (app.ts) adds the WSGI request cycle.
 */
import { AssertionError, TypeError } from "../../python/builtins";
import { timedelta } from "../../python/datetime";
import { getLogger, type Logger } from "../../python/logging";
import { Aborter, BadRequest, BadRequestKeyError, HTTPException } from "../../werkzeug/exceptions";
import { Map as UrlMap } from "../../werkzeug/routing/map";
import { Rule } from "../../werkzeug/routing/rules";
import type { BuildError } from "../../werkzeug/routing/exceptions";
import { redirect as _wz_redirect } from "../../werkzeug/utils";
import { Config } from "../config";
import { _AppCtxGlobals } from "../ctx";
import { _split_blueprint_path, get_debug_flag } from "../helpers";
import { DefaultJSONProvider, type JSONProvider } from "../json/provider";
import { Response } from "../wrappers";
import { _endpoint_from_view_func, exception_mro, Scaffold, scope_list, type AnyFunction, type RouteOptions } from "./scaffold";
import type { Blueprint } from "./blueprints";

/** `_make_timedelta(value)`: seconds → timedelta. */
export function _make_timedelta(value: timedelta | number | null): timedelta | null {
  if (value === null || value instanceof timedelta) return value;
  return new timedelta({ seconds: value });
}

/** The Jinja environment's registries the app fills (filters, tests, globals); see templating.ts. */
export interface JinjaRegistries {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  globals: Record<string, unknown>;
}

/** `App(import_name, static_url_path=None, static_folder="static", …)` */
export abstract class App extends Scaffold {
  aborter_class = Aborter;
  app_ctx_globals_class: new () => _AppCtxGlobals = _AppCtxGlobals;
  config_class = Config;
  json_provider_class: new (app: App) => JSONProvider = DefaultJSONProvider;
  url_rule_class = Rule;
  url_map_class = UrlMap;
  response_class: typeof Response = Response;
  static default_config: Record<string, unknown> = {};

  readonly instance_path: string;
  readonly config: Config;
  readonly aborter: Aborter;
  json: JSONProvider;
  readonly url_build_error_handlers: ((error: BuildError, endpoint: string, values: Record<string, unknown>) => string | null)[] = [];
  readonly teardown_appcontext_funcs: AnyFunction[] = [];
  readonly shell_context_processors: AnyFunction[] = [];
  /** Registered blueprints by (dotted) name. */
  readonly blueprints: Record<string, Blueprint> = {};
  /** Where extensions keep their state: `app.extensions["my_ext"] = self` (the init_app pattern). */
  readonly extensions: Record<string, any> = {};
  readonly url_map: UrlMap;
  subdomain_matching: boolean;
  _got_first_request = false;
  private _logger: Logger | null = null;

  constructor(
    import_name: string,
    options: { static_url_path?: string | null; static_folder?: string | null; static_host?: string | null; host_matching?: boolean; subdomain_matching?: boolean; template_folder?: string | null; instance_path?: string | null; instance_relative_config?: boolean; root_path?: string | null } = {},
  ) {
    super(import_name, {
      static_folder: "static_folder" in options ? options.static_folder : "static",
      static_url_path: options.static_url_path,
      template_folder: "template_folder" in options ? options.template_folder : "templates",
      root_path: options.root_path,
    });
    this.name = import_name;
    this.instance_path = options.instance_path ?? "/instance";
    this.config = this.make_config(options.instance_relative_config ?? false);
    this.aborter = this.make_aborter();
    this.json = new this.json_provider_class(this);
    this.url_map = new this.url_map_class(null, { host_matching: options.host_matching ?? false });
    this.subdomain_matching = options.subdomain_matching ?? false;
  }

  protected _check_setup_finished(f_name: string): void {
    if (this._got_first_request)
      throw new AssertionError(
        `The setup method '${f_name}' can no longer be called on the application. It has already handled its first request, any changes will not be applied consistently.\nMake sure all imports, decorators, functions, etc. needed to set up the application are done before running it.`,
      );
  }

  /** `app.logger`: the logger named after the app (`logging.getLogger(app.name)`). */
  get logger(): Logger {
    return (this._logger ??= getLogger(this.name));
  }

  /** `make_config()`: a Config holding `default_config`, with DEBUG from the environment. */
  make_config(_instance_relative = false): Config {
    const defaults = { ...(this.constructor as typeof App).default_config, DEBUG: get_debug_flag() };
    return new this.config_class(this.root_path, defaults);
  }

  make_aborter(): Aborter {
    return new this.aborter_class();
  }

  /** Autoescape templates ending in .html, .htm, .xml, .xhtml, .svg (and template strings). */
  select_jinja_autoescape(filename: string | null): boolean {
    if (filename === null) return true;
    return [".html", ".htm", ".xml", ".xhtml", ".svg"].some((ext) => filename.endsWith(ext));
  }

  /** `app.debug`: config["DEBUG"]. */
  get debug(): boolean {
    return Boolean(this.config.getitem("DEBUG"));
  }
  set debug(value: boolean) {
    this.config.set("DEBUG", value);
  }

  /** `app.testing`: config["TESTING"]. */
  get testing(): boolean {
    return this.config.getitem("TESTING");
  }
  set testing(value: boolean) {
    this.config.set("TESTING", value);
  }

  /** `app.secret_key`: config["SECRET_KEY"]. */
  get secret_key(): string | Uint8Array | null {
    return this.config.getitem("SECRET_KEY");
  }
  set secret_key(value: string | Uint8Array | null) {
    this.config.set("SECRET_KEY", value);
  }

  /** `app.permanent_session_lifetime`: config["PERMANENT_SESSION_LIFETIME"] as a timedelta. */
  get permanent_session_lifetime(): timedelta {
    return _make_timedelta(this.config.getitem("PERMANENT_SESSION_LIFETIME"))!;
  }
  set permanent_session_lifetime(value: timedelta | number) {
    this.config.set("PERMANENT_SESSION_LIFETIME", value);
  }

  /** The Jinja environment (created on first use; templating.ts). */
  abstract get jinja_env(): JinjaRegistries;

  /** `register_blueprint(blueprint, **options)`: record the blueprint's deferred setup on this app. */
  register_blueprint(blueprint: Blueprint, options: Record<string, unknown> = {}): void {
    this._check_setup_finished("register_blueprint");
    blueprint.register(this, options);
  }

  iter_blueprints(): Blueprint[] {
    return Object.values(this.blueprints);
  }

  /**
   * `add_url_rule(rule, endpoint=None, view_func=None, provide_automatic_options=None, **options)`:
   * a Werkzeug Rule in the map and the view under its endpoint. Methods default to GET (HEAD and
   * OPTIONS are added); two different functions for one endpoint are refused.
   */
  add_url_rule(rule: string, endpoint_or_options: string | null | RouteOptions = null, view: AnyFunction | null = null, more: RouteOptions = {}): void {
    this._check_setup_finished("add_url_rule");
    const [e, view_func, options] = Scaffold.rule_arguments(endpoint_or_options, view, more);
    const endpoint = e ?? _endpoint_from_view_func(view_func);
    const { methods: given_methods = null, provide_automatic_options: given_pao = null, ...rule_options } = options;
    let methods = given_methods;
    let provide_automatic_options = given_pao;
    methods ??= (view_func as { methods?: Iterable<string> } | null)?.methods ?? ["GET"];
    if (typeof methods === "string") throw new TypeError('Allowed methods must be a list of strings, for example: @app.route(..., methods=["POST"])');
    const method_set = new Set([...methods].map((m) => m.toUpperCase()));
    const required = new Set<string>((view_func as { required_methods?: Iterable<string> } | null)?.required_methods ?? []);
    provide_automatic_options ??= (view_func as { provide_automatic_options?: boolean } | null)?.provide_automatic_options ?? null;
    if (provide_automatic_options === null) {
      if (!method_set.has("OPTIONS") && this.config.getitem("PROVIDE_AUTOMATIC_OPTIONS")) {
        provide_automatic_options = true;
        required.add("OPTIONS");
      } else provide_automatic_options = false;
    }
    for (const m of required) method_set.add(m);
    const rule_obj = new this.url_rule_class(rule, { ...rule_options, methods: method_set, endpoint });
    rule_obj.provide_automatic_options = provide_automatic_options;
    this.url_map.add(rule_obj);
    if (view_func !== null) {
      const old_func = this.view_functions[endpoint];
      if (old_func !== undefined && old_func !== view_func) throw new AssertionError(`View function mapping is overwriting an existing endpoint function: ${endpoint}`);
      this.view_functions[endpoint] = view_func;
    }
  }

  /** `@app.template_filter(name=None)` */
  template_filter(name: string | null = null) {
    return <F extends AnyFunction>(f: F): F => {
      this.add_template_filter(f, name);
      return f;
    };
  }
  add_template_filter(f: AnyFunction, name: string | null = null): void {
    this._check_setup_finished("add_template_filter");
    this.jinja_env.filters[name ?? f.name] = f;
  }

  /** `@app.template_test(name=None)` */
  template_test(name: string | null = null) {
    return <F extends AnyFunction>(f: F): F => {
      this.add_template_test(f, name);
      return f;
    };
  }
  add_template_test(f: AnyFunction, name: string | null = null): void {
    this._check_setup_finished("add_template_test");
    this.jinja_env.tests[name ?? f.name] = f;
  }

  /** `@app.template_global(name=None)` */
  template_global(name: string | null = null) {
    return <F extends AnyFunction>(f: F): F => {
      this.add_template_global(f, name);
      return f;
    };
  }
  add_template_global(f: unknown, name: string | null = null): void {
    this._check_setup_finished("add_template_global");
    this.jinja_env.globals[name ?? (f as { name: string }).name] = f;
  }

  /** `@app.teardown_appcontext`: `f(exc)` when the application context is popped. */
  teardown_appcontext<F extends AnyFunction>(f: F): F {
    this._check_setup_finished("teardown_appcontext");
    this.teardown_appcontext_funcs.push(f);
    return f;
  }

  shell_context_processor<F extends AnyFunction>(f: F): F {
    this._check_setup_finished("shell_context_processor");
    this.shell_context_processors.push(f);
    return f;
  }

  /**
   * `_find_error_handler(e, blueprints)`: the handler for this exception — by status code first,
   * then by class; in the innermost blueprint first, then its parents, then the app; walking the
   * exception's class hierarchy from most to least specific.
   */
  _find_error_handler(e: unknown, blueprints: string[]): AnyFunction | null {
    const [exc_class, code] = App._get_exc_class_and_code((e as object).constructor);
    const names: (string | null)[] = [...blueprints, null];
    const mro = exception_mro(exc_class);
    for (const c of code !== null ? [code, null] : [null]) {
      for (const name of names) {
        const handler_map = this.error_handler_spec.get(name)?.get(c);
        if (!handler_map || !handler_map.size) continue;
        for (const cls of mro) {
          const handler = handler_map.get(cls);
          if (handler !== undefined) return handler;
        }
      }
    }
    return null;
  }

  /** Should this HTTP exception propagate instead of becoming its error page? */
  trap_http_exception(e: unknown): boolean {
    if (this.config.getitem("TRAP_HTTP_EXCEPTIONS")) return true;
    const trap_bad_request = this.config.getitem("TRAP_BAD_REQUEST_ERRORS");
    if (trap_bad_request === null && this.debug && e instanceof BadRequestKeyError) return true;
    if (trap_bad_request) return e instanceof BadRequest;
    return false;
  }

  should_ignore_error(_error: unknown): boolean {
    return false;
  }

  /** `app.redirect(location, code=302)`: Werkzeug's redirect with this app's Response class. */
  redirect(location: string, code = 302): Response {
    return _wz_redirect(location, code, this.response_class as any);
  }

  /** `inject_url_defaults(endpoint, values)`: the app's, then the blueprints' url_defaults functions. */
  inject_url_defaults(endpoint: string, values: Record<string, unknown>): void {
    const names: (string | null)[] = [null];
    if (endpoint.includes(".")) names.push(..._split_blueprint_path(endpoint.slice(0, endpoint.lastIndexOf("."))).reverse());
    for (const name of names) for (const func of this.url_default_functions.get(name) ?? []) func(endpoint, values);
  }

  /** `handle_url_build_error(error, endpoint, values)`: ask each handler; re-raise when none answers. */
  handle_url_build_error(error: BuildError, endpoint: string, values: Record<string, unknown>): string {
    let err = error;
    for (const handler of this.url_build_error_handlers) {
      try {
        const rv = handler(err, endpoint, values);
        if (rv !== null && rv !== undefined) return rv;
      } catch (e) {
        if ((e as object)?.constructor?.name === "BuildError") err = e as BuildError;
        else throw e;
      }
    }
    throw err;
  }

  /** Scope lists used by blueprints when they merge their hooks into the app. */
  _scope(map: globalThis.Map<string | null, AnyFunction[]>, key: string | null): AnyFunction[] {
    return scope_list(map, key);
  }

  static is_http_exception(e: unknown): e is HTTPException {
    return e instanceof HTTPException;
  }
}
