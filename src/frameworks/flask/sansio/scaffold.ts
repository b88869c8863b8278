/**
 * flask.sansio.scaffold: what an app and a blueprint have in common — they *collect* views and
 * hooks. Main class: `Scaffold`. Every registration is a method usable as a decorator (see
 * docs/adr/0013 and 0018 on the decorator spelling):
 *
 *     app.route("/hello/<name>")(function hello({ name }) { … });
 *     app.before_request(function load_user() { … });
 *     app.errorhandler(404)(function not_found(e) { … });
 *
 * Hooks are stored per scope — `null` for the app, a blueprint name for a blueprint — which is how
 * a request runs the app's hooks and those of the blueprints its endpoint belongs to.
 */
import { AssertionError, Exception, py_repr, TypeError, ValueError } from "../../python/builtins";
import { c3_merge } from "../../python/mro";
import { default_exceptions, HTTPException } from "../../werkzeug/exceptions";
import { _default_template_ctx_processor } from "../templating";
import { FileSystemLoader, get_project_files, type BaseLoader } from "../../jinja2/loaders";
import type { Group } from "../../click/core";

/** A view, a hook, an error handler: any function (its `name` is its endpoint by default). */
export type AnyFunction = ((...args: any[]) => any) & { __name__?: string; __source__?: unknown };
export type ExceptionClass = abstract new (...args: any[]) => Error;
export type ScopeKey = string | null;

/** The options of `route()` / `add_url_rule()` (Werkzeug Rule options plus Flask's). */
export interface RouteOptions {
  endpoint?: string | null;
  view_func?: AnyFunction | null;
  methods?: Iterable<string> | null;
  provide_automatic_options?: boolean | null;
  defaults?: Record<string, unknown> | null;
  strict_slashes?: boolean | null;
  merge_slashes?: boolean | null;
  redirect_to?: any;
  subdomain?: string | null;
  host?: string | null;
  build_only?: boolean;
  alias?: boolean;
  websocket?: boolean;
}

/** A view function's name (`f.__name__`); Python's anonymous functions are `<lambda>`. */
export function function_name(f: AnyFunction | null | undefined): string {
  if (!f) return "None";
  return f.__name__ ?? (f.name || "<lambda>");
}

/** `_endpoint_from_view_func(view_func)`: its name. */
export function _endpoint_from_view_func(view_func: AnyFunction | null | undefined): string {
  if (view_func === null || view_func === undefined) throw new AssertionError("expected view func if endpoint is not provided.");
  return function_name(view_func);
}

/**
 * `get_root_path(import_name)`: the folder of the module named `import_name` in the project
 * (`"app"` → `app.ts` → the project's root; `"shop.views"` → `shop/views.ts` → `shop`), or the
 * project root when no such module exists.
 */
export function get_root_path(import_name: string): string {
  const files = get_project_files();
  const base = import_name.replace(/\./g, "/");
  for (const candidate of [`${base}.ts`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`, `${base}/__init__.ts`]) {
    if (Object.prototype.hasOwnProperty.call(files, candidate)) return candidate.includes("/") ? candidate.slice(0, candidate.lastIndexOf("/")) : "";
  }
  return "";
}

/** Is `cls` a subclass of Python's `Exception` (any JavaScript Error class counts)? */
function is_exception_class(cls: unknown): boolean {
  return typeof cls === "function" && (cls === Error || (cls as { prototype?: unknown }).prototype instanceof Error);
}

/**
 * The classes an exception class "is", most specific first (Python's `__mro__`), used to find the
 * closest error handler. A class may declare extra bases (`BadRequestKeyError` is also a KeyError).
 */
export function exception_mro(cls: Function): Function[] {
  const bases = (c: Function): Function[] => {
    const out: Function[] = [];
    const parent = Object.getPrototypeOf(c);
    if (typeof parent === "function" && parent !== Function.prototype && parent !== Error) out.push(parent);
    const extra = Object.prototype.hasOwnProperty.call(c, "__extra_bases__") ? ((c as { __extra_bases__?: Function[] }).__extra_bases__ ?? []) : [];
    return [...out, ...extra];
  };
  const mro = (c: Function): Function[] => {
    const b = bases(c);
    return [c, ...(c3_merge([...b.map(mro), b] as any) as unknown as Function[])];
  };
  const result = mro(cls);
  // A JavaScript error (TypeError from `null.x`…) still counts as an Exception.
  if (!result.includes(Exception)) result.push(Exception);
  return result;
}

/** `repr(exc)`: `ValueError('x')`. */
function exception_repr(e: Error): string {
  const custom = (e as { __repr__?: () => string }).__repr__;
  if (typeof custom === "function") return custom.call(e);
  const name = (e.constructor as { python_name?: string }).python_name ?? e.constructor.name;
  const args = (e as { args?: unknown[] }).args ?? [];
  return `${name}(${args.map((a) => py_repr(a)).join(", ")})`;
}

/** `setdefault` for the per-scope hook lists. */
export function scope_list<T>(map: Map<ScopeKey, T[]>, key: ScopeKey): T[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/** `Scaffold(import_name, static_folder=None, static_url_path=None, template_folder=None, root_path=None)` */
export abstract class Scaffold {
  name = "";
  readonly view_functions: Record<string, AnyFunction> = {};
  /** The click group of this object's command-line commands (`app.cli`, `bp.cli`): flask/app.ts and flask/blueprints.ts make it an AppGroup. */
  declare cli: Group;
  /** scope → status code (or null) → exception class → handler */
  readonly error_handler_spec = new Map<ScopeKey, Map<number | null, Map<Function, AnyFunction>>>();
  readonly before_request_funcs = new Map<ScopeKey, AnyFunction[]>();
  readonly after_request_funcs = new Map<ScopeKey, AnyFunction[]>();
  readonly teardown_request_funcs = new Map<ScopeKey, AnyFunction[]>();
  readonly template_context_processors = new Map<ScopeKey, AnyFunction[]>([[null, [_default_template_ctx_processor]]]);
  readonly url_value_preprocessors = new Map<ScopeKey, AnyFunction[]>();
  readonly url_default_functions = new Map<ScopeKey, AnyFunction[]>();
  static_folder: string | null;
  _static_url_path: string | null;
  template_folder: string | null;
  root_path: string;

  constructor(
    readonly import_name: string,
    options: { static_folder?: string | null; static_url_path?: string | null; template_folder?: string | null; root_path?: string | null } = {},
  ) {
    this.static_folder = options.static_folder === undefined || options.static_folder === null ? null : options.static_folder.replace(/[\\/]+$/, "");
    this._static_url_path = options.static_url_path === undefined || options.static_url_path === null ? null : options.static_url_path.replace(/\/+$/, "");
    this.template_folder = options.template_folder ?? null;
    this.root_path = options.root_path ?? get_root_path(import_name);
  }

  private _jinja_loader: BaseLoader | null | undefined = undefined;

  /**
   * `jinja_loader`: templates from `<root_path>/<template_folder>` (the app's `templates/`), or None
   * without a template folder. Computed once; may be replaced (`app.jinja_loader = DictLoader(…)`).
   */
  get jinja_loader(): BaseLoader | null {
    if (this._jinja_loader === undefined) this._jinja_loader = this.template_folder !== null ? new FileSystemLoader([this.root_path, this.template_folder].filter(Boolean).join("/")) : null;
    return this._jinja_loader;
  }
  set jinja_loader(loader: BaseLoader | null) {
    this._jinja_loader = loader;
  }

  __repr__(): string {
    return `<${this.constructor.name} ${py_repr(this.name)}>`;
  }

  /** Raise if the app already handled a request (or the blueprint was registered). */
  protected abstract _check_setup_finished(f_name: string): void;

  get has_static_folder(): boolean {
    return this.static_folder !== null;
  }

  /** `/static` for a `static` folder (or the path given). */
  get static_url_path(): string | null {
    if (this._static_url_path !== null) return this._static_url_path;
    if (this.static_folder !== null) return `/${this.static_folder.split("/").pop()}`.replace(/\/+$/, "");
    return null;
  }

  private _method_route(method: string, rule: string, options: RouteOptions): (f: AnyFunction) => AnyFunction {
    if ("methods" in options) throw new TypeError("Use the 'route' decorator to use the 'methods' argument.");
    return this.route(rule, { ...options, methods: [method] });
  }

  /** `@app.get(rule)`: `route(rule, methods=["GET"])`. */
  get(rule: string, options: RouteOptions = {}) {
    this._check_setup_finished("get");
    return this._method_route("GET", rule, options);
  }
  post(rule: string, options: RouteOptions = {}) {
    this._check_setup_finished("post");
    return this._method_route("POST", rule, options);
  }
  put(rule: string, options: RouteOptions = {}) {
    this._check_setup_finished("put");
    return this._method_route("PUT", rule, options);
  }
  delete(rule: string, options: RouteOptions = {}) {
    this._check_setup_finished("delete");
    return this._method_route("DELETE", rule, options);
  }
  patch(rule: string, options: RouteOptions = {}) {
    this._check_setup_finished("patch");
    return this._method_route("PATCH", rule, options);
  }

  /**
   * `@app.route(rule, **options)`: register the decorated function as the view for `rule`. The
   * endpoint is the function's name unless `endpoint` is given. Returns the function unchanged.
   */
  route(rule: string, options: RouteOptions = {}): <F extends AnyFunction>(f: F) => F {
    this._check_setup_finished("route");
    return (f) => {
      const { endpoint = null, ...rest } = options;
      this.add_url_rule(rule, endpoint, f, rest);
      return f;
    };
  }

  /**
   * `add_url_rule(rule, endpoint=None, view_func=None, provide_automatic_options=None, **options)`;
   * the arguments after `rule` may also be given as one options object.
   */
  abstract add_url_rule(rule: string, endpoint?: string | null | RouteOptions, view_func?: AnyFunction | null, options?: RouteOptions): void;

  /** Split `add_url_rule`'s positional-or-keyword arguments. */
  protected static rule_arguments(endpoint: string | null | RouteOptions | undefined, view_func: AnyFunction | null | undefined, options: RouteOptions | undefined): [string | null, AnyFunction | null, RouteOptions] {
    if (endpoint !== null && typeof endpoint === "object") {
      const { endpoint: e = null, view_func: v = null, ...rest } = endpoint;
      return [e, v, rest];
    }
    return [endpoint ?? null, view_func ?? null, { ...(options ?? {}) }];
  }

  /** `@app.endpoint(name)`: the view for an endpoint whose rule is added elsewhere. */
  endpoint(endpoint: string) {
    this._check_setup_finished("endpoint");
    return <F extends AnyFunction>(f: F): F => {
      this.view_functions[endpoint] = f;
      return f;
    };
  }

  /** `@app.before_request`: runs before every view; returning a value short-circuits the request. */
  before_request<F extends AnyFunction>(f: F): F {
    this._check_setup_finished("before_request");
    scope_list(this.before_request_funcs, null).push(f);
    return f;
  }

  /** `@app.after_request`: `f(response)` returns the response to send (called in reverse order). */
  after_request<F extends AnyFunction>(f: F): F {
    this._check_setup_finished("after_request");
    scope_list(this.after_request_funcs, null).push(f);
    return f;
  }

  /** `@app.teardown_request`: `f(exc)` runs when the request context is popped, even after an error. */
  teardown_request<F extends AnyFunction>(f: F): F {
    this._check_setup_finished("teardown_request");
    scope_list(this.teardown_request_funcs, null).push(f);
    return f;
  }

  /** `@app.context_processor`: returns a dict of names added to every template's context. */
  context_processor<F extends AnyFunction>(f: F): F {
    this._check_setup_finished("context_processor");
    scope_list(this.template_context_processors, null).push(f);
    return f;
  }

  /** `@app.url_value_preprocessor`: `f(endpoint, values)` may pop values before the view sees them. */
  url_value_preprocessor<F extends AnyFunction>(f: F): F {
    this._check_setup_finished("url_value_preprocessor");
    scope_list(this.url_value_preprocessors, null).push(f);
    return f;
  }

  /** `@app.url_defaults`: `f(endpoint, values)` may add values when `url_for` builds a URL. */
  url_defaults<F extends AnyFunction>(f: F): F {
    this._check_setup_finished("url_defaults");
    scope_list(this.url_default_functions, null).push(f);
    return f;
  }

  /** `@app.errorhandler(code_or_exception)` */
  errorhandler(code_or_exception: number | ExceptionClass) {
    this._check_setup_finished("errorhandler");
    return <F extends AnyFunction>(f: F): F => {
      this.register_error_handler(code_or_exception, f);
      return f;
    };
  }

  /** `register_error_handler(code_or_exception, f)` */
  register_error_handler(code_or_exception: number | ExceptionClass, f: AnyFunction): void {
    this._check_setup_finished("register_error_handler");
    const [exc_class, code] = Scaffold._get_exc_class_and_code(code_or_exception);
    let by_code = this.error_handler_spec.get(null);
    if (!by_code) this.error_handler_spec.set(null, (by_code = new Map()));
    let handlers = by_code.get(code);
    if (!handlers) by_code.set(code, (handlers = new Map()));
    handlers.set(exc_class, f);
  }

  /**
   * `_get_exc_class_and_code(exc_class_or_code)`: a status code → Werkzeug's exception class for
   * it; an HTTPException class → itself and its code; another exception class → itself and None.
   */
  static _get_exc_class_and_code(exc_class_or_code: unknown): [Function, number | null] {
    let exc_class: unknown;
    if (typeof exc_class_or_code === "number") {
      exc_class = default_exceptions[exc_class_or_code];
      if (!exc_class) throw new ValueError(`'${exc_class_or_code}' is not a recognized HTTP error code. Use a subclass of HTTPException with that code instead.`);
    } else exc_class = exc_class_or_code;
    if (exc_class instanceof Error)
      throw new TypeError(`${exception_repr(exc_class)} is an instance, not a class. Handlers can only be registered for Exception classes or HTTP error codes.`);
    if (!is_exception_class(exc_class))
      throw new ValueError(`'${(exc_class as { name?: string })?.name ?? py_repr(exc_class)}' is not a subclass of Exception. Handlers can only be registered for Exception classes or HTTP error codes.`);
    const cls = exc_class as Function;
    if (cls === HTTPException || cls.prototype instanceof HTTPException) return [cls, (cls as unknown as typeof HTTPException).code];
    return [cls, null];
  }
}
