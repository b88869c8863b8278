/**
 * flask.app: the Flask application — a WSGI callable that turns each request into a response
 * through its contexts, hooks and view. Main class: `Flask`; the request cycle is `wsgi_app`.
 *
 *   wsgi_app(environ, start_response)
 *     RequestContext.push()          app context (current_app, g; signal appcontext_pushed), request
 *                                    context (request, session): open_session, then match the URL
 *     full_dispatch_request()        signal request_started
 *       preprocess_request()         url_value_preprocessors, then before_request functions —
 *                                    the first that returns a value short-circuits the view
 *       dispatch_request()           a routing error (404/405/308) is raised here; else the view
 *       handle_user_exception(e)     an error handler for the exception, if any
 *       finalize_request(rv)
 *         make_response(rv)          str / dict / list / tuple / Response → Response
 *         process_response(resp)     after_request functions, innermost blueprint first, each
 *                                    scope in reverse registration order; save_session
 *                                    then signal request_finished
 *     handle_exception(e)            signal got_request_exception; an unhandled exception: logged,
 *                                    then 500 (or re-raised when TESTING / PROPAGATE_EXCEPTIONS)
 *     response(environ, start_response)
 *     RequestContext.pop()           teardown_request (signal request_tearing_down), then the app
 *                                    context's teardown_appcontext (appcontext_tearing_down,
 *                                    appcontext_popped)
 *
 *     const app = new Flask("app");
 *     app.route("/")(function index() { return "Hello, World!"; });
 */
import { RuntimeError, TypeError, ValueError, PyTuple } from "../python/builtins";
import { type_name } from "../python/operator";
import { log_options } from "../python/logging";
import { quote } from "../python/urllib/parse";
import { describe_error, span_set, to_json, trace_site, type Attrs, type Json } from "../../trace";

// that changes afterwards (a response's status, the view's return value).
import { Headers } from "../werkzeug/datastructures/headers";
import { MultiDict } from "../werkzeug/datastructures/structures";
import { HTTPException, InternalServerError } from "../werkzeug/exceptions";
import { BuildError, RoutingException } from "../werkzeug/routing/exceptions";
import type { MapAdapter } from "../werkzeug/routing/map";
import { Response as BaseResponse } from "../werkzeug/wrappers/response";
import { get_host } from "../werkzeug/wsgi";
import { timedelta } from "../python/datetime";
import { AppContext, RequestContext } from "./ctx";
import { _cv_app, _cv_request, _request_ctx } from "./globals";
import { open_resource, send_from_directory, type ResourceFile } from "./helpers";
import type { UrlForOptions } from "./helpers";
import { App } from "./sansio/app";
import { Environment } from "./templating";
import { g, request, session } from "./globals";
import { get_flashed_messages } from "./helpers";
import { function_name, type AnyFunction } from "./sansio/scaffold";
import { SecureCookieSessionInterface, type SessionInterface } from "./sessions";
import { FlaskClient, FlaskCliRunner, EnvironBuilder } from "./testing";
import { TestResponse } from "../werkzeug/test";
import { Request, Response } from "./wrappers";
import { AppGroup } from "./cli";
import { appcontext_tearing_down, got_request_exception, request_finished, request_started, request_tearing_down } from "./signals";

// The call sites Flask records through (docs/tracing.md). Eager where the attrs describe a value
const ERROR_HANDLER = trace_site("hook", "flask/app.ts#Flask.call_error_handler");
const USER_EXCEPTION = trace_site("exception", "flask/app.ts#Flask.handle_user_exception");
const UNHANDLED_EXCEPTION = trace_site("exception", "flask/app.ts#Flask.handle_exception");
const DISPATCH = trace_site("view", "flask/app.ts#Flask.dispatch_request", { eager: true });
// The handler's own steps run only Flask's bounded code between their boundaries (the hooks and
// the view inside them are their own, timed spans): their clock reading is shared (ADR 0040).
const FULL_DISPATCH = trace_site("handler", "flask/app.ts#Flask.full_dispatch_request", { bounded: true });
const MAKE_RESPONSE = trace_site("handler", "flask/app.ts#Flask.make_response", { eager: true, bounded: true });
const URL_VALUE_PREPROCESSOR = trace_site("hook", "flask/app.ts#Flask.preprocess_request");
const BEFORE_REQUEST = trace_site("hook", "flask/app.ts#Flask.preprocess_request", { eager: true });
const AFTER_REQUEST = trace_site("hook", "flask/app.ts#Flask.process_response", { eager: true });
const TEARDOWN = trace_site("hook", "flask/app.ts#Flask.do_teardown_request");
const WSGI_APP = trace_site("handler", "flask/app.ts#Flask.wsgi_app", { source: true, eager: true, bounded: true });

type StartResponse = (status: string, headers: [string, string][], exc_info?: unknown) => unknown;

/** A user function's place in the project, when the runtime could stamp it. */
function source_of(fn: AnyFunction | null | undefined) {
  return (fn as { __source__?: { file: string; line?: number; symbol?: string } } | null)?.__source__;
}

/** Is this a value Python would call an Iterator (a generator, not a list)? */
function is_iterator(rv: unknown): boolean {
  return rv !== null && typeof rv === "object" && !Array.isArray(rv) && typeof (rv as { next?: unknown }).next === "function" && Symbol.iterator in (rv as object);
}

/** The scopes of a request outside any blueprint: the app's alone (one list shared by every such request). */
const APP_SCOPE: readonly (string | null)[] = [null];

/** The hook scopes of a request, innermost first: its blueprints (`"admin.reports"`, `"admin"`), then the app (None). */
function scopes_innermost_first(request: Request): readonly (string | null)[] {
  const blueprints = request.blueprints;
  return blueprints.length ? [...blueprints, null] : APP_SCOPE;
}

/** The same scopes outermost first: the app (None), then its blueprints from the outermost in. */
function scopes_outermost_first(request: Request): readonly (string | null)[] {
  const blueprints = request.blueprints;
  return blueprints.length ? [null, ...[...blueprints].reverse()] : APP_SCOPE;
}

function is_plain_object(rv: unknown): rv is Record<string, unknown> {
  return rv !== null && typeof rv === "object" && Object.getPrototypeOf(rv) === Object.prototype;
}

/** `Flask(import_name, static_url_path=None, static_folder="static", …)` */
export class Flask extends App {
  static override default_config: Record<string, unknown> = {
    DEBUG: null,
    TESTING: false,
    PROPAGATE_EXCEPTIONS: null,
    SECRET_KEY: null,
    SECRET_KEY_FALLBACKS: null,
    PERMANENT_SESSION_LIFETIME: new timedelta({ days: 31 }),
    USE_X_SENDFILE: false,
    TRUSTED_HOSTS: null,
    SERVER_NAME: null,
    APPLICATION_ROOT: "/",
    SESSION_COOKIE_NAME: "session",
    SESSION_COOKIE_DOMAIN: null,
    SESSION_COOKIE_PATH: null,
    SESSION_COOKIE_HTTPONLY: true,
    SESSION_COOKIE_SECURE: false,
    SESSION_COOKIE_PARTITIONED: false,
    SESSION_COOKIE_SAMESITE: null,
    SESSION_REFRESH_EACH_REQUEST: true,
    MAX_CONTENT_LENGTH: null,
    MAX_FORM_MEMORY_SIZE: 500_000,
    MAX_FORM_PARTS: 1000,
    SEND_FILE_MAX_AGE_DEFAULT: null,
    TRAP_BAD_REQUEST_ERRORS: null,
    TRAP_HTTP_EXCEPTIONS: false,
    EXPLAIN_TEMPLATE_LOADING: false,
    PREFERRED_URL_SCHEME: "http",
    TEMPLATES_AUTO_RELOAD: null,
    MAX_COOKIE_SIZE: 4093,
    PROVIDE_AUTOMATIC_OPTIONS: true,
  };

  request_class: typeof Request = Request;
  override response_class: typeof Response = Response;
  session_interface: SessionInterface = new SecureCookieSessionInterface();
  test_client_class: typeof FlaskClient | null = null;
  private _jinja_env: Environment | null = null;

  constructor(import_name: string, options: ConstructorParameters<typeof App>[1] = {}) {
    super(import_name, options);
    // The `flask` command finds the app's own commands here (`app.cli.add_command(init_db_command)`).
    this.cli = new AppGroup();
    this.cli.name = this.name;
    if (this.has_static_folder) {
      const static_view = (kw: { filename: string }) => this.send_static_file(kw.filename);
      this.add_url_rule(`${this.static_url_path}/<path:filename>`, { endpoint: "static", host: options.static_host ?? null, view_func: static_view });
    }
  }

  /** `send_static_file(filename)`: a file of the static folder (`<root_path>/static`), or NotFound. */
  send_static_file(filename: string): Response {
    if (!this.has_static_folder) throw new RuntimeError("'static_folder' must be set to serve static_files.");
    return send_from_directory([this.root_path, this.static_folder!].filter(Boolean).join("/"), filename);
  }

  /** `test_cli_runner()`: a CliRunner for this app's commands (`app.cli`). */
  test_cli_runner(): FlaskCliRunner {
    return new FlaskCliRunner(this);
  }

  /** `make_shell_context()`: the namespace of `flask shell` — `app`, `g`, and what each shell context processor adds. */
  make_shell_context(): Record<string, unknown> {
    const rv: Record<string, unknown> = { app: this, g };
    for (const processor of this.shell_context_processors) Object.assign(rv, processor());
    return rv;
  }

  /** `open_resource(resource, mode="rb", encoding=None)`: a file under the app's root path (`schema.sql`), for reading. */
  open_resource(resource: string, mode = "rb", encoding: string | null = null): ResourceFile {
    return open_resource(this.root_path, resource, mode, encoding);
  }

  /** The Jinja environment, created on first use (filters, tests and globals registered on it). */
  get jinja_env(): Environment {
    return (this._jinja_env ??= this.create_jinja_environment());
  }

  /**
   * `create_jinja_environment()`: autoescape by file extension, `url_for`, `get_flashed_messages`,
   * `config`, `request`, `session` and `g` as globals, `tojson` with the app's JSON settings.
   */
  create_jinja_environment(): Environment {
    const rv = new Environment(this, { autoescape: (filename) => this.select_jinja_autoescape(filename), auto_reload: Boolean(this.config.getitem("TEMPLATES_AUTO_RELOAD") ?? this.debug) });
    Object.assign(rv.globals, { url_for: (endpoint: string, values: UrlForOptions = {}) => this.url_for(endpoint, values), get_flashed_messages, config: this.config, request, session, g });
    rv.policies["json.dumps_function"] = (obj: unknown, kwargs: Record<string, unknown> = {}) => this.json.dumps(obj, kwargs);
    return rv;
  }

  /**
   * `create_url_adapter(request)`: a MapAdapter bound to the request's host and script root — or,
   * without a request, to SERVER_NAME (None when it is not configured).
   */
  create_url_adapter(request: Request | null): MapAdapter | null {
    if (request !== null) {
      const trusted_hosts = this.config.getitem("TRUSTED_HOSTS");
      if (trusted_hosts !== null) request.trusted_hosts = trusted_hosts;
      request.host = get_host(request.environ, request.trusted_hosts);
      let subdomain: string | null = null;
      let server_name: string | null = this.config.getitem("SERVER_NAME");
      if (this.url_map.host_matching) server_name = null;
      else if (!this.subdomain_matching) subdomain = this.url_map.default_subdomain || "";
      return this.url_map.bind_to_environ(request.environ, { server_name, subdomain });
    }
    if (this.config.getitem("SERVER_NAME") !== null)
      return this.url_map.bind(this.config.getitem("SERVER_NAME"), { script_name: this.config.getitem("APPLICATION_ROOT"), url_scheme: this.config.getitem("PREFERRED_URL_SCHEME") });
    return null;
  }

  /** `raise_routing_exception(request)`: the 404 / 405 / 308 found while matching. */
  raise_routing_exception(request: Request): never {
    throw request.routing_exception;
  }

  /** `update_template_context(context)`: the context processors' values, under the view's own. */
  update_template_context(context: Record<string, unknown>): void {
    const names: (string | null)[] = [null];
    const req_ctx = _cv_request.get(null);
    if (req_ctx !== null) names.push(...[...req_ctx.request.blueprints].reverse());
    const orig = { ...context };
    for (const name of names) for (const func of this.template_context_processors.get(name) ?? []) Object.assign(context, func());
    Object.assign(context, orig);
  }

  /** `test_client(use_cookies=True)` */
  test_client(options: { use_cookies?: boolean } = {}): FlaskClient {
    const cls = this.test_client_class ?? FlaskClient;
    return new cls(this, TestResponse, options);
  }

  /** `test_request_context(path="/", **kwargs)`: a request context for a made-up request. */
  test_request_context(path = "/", options: ConstructorParameters<typeof EnvironBuilder>[2] = {}): RequestContext {
    const builder = new EnvironBuilder(this, path, options);
    return this.request_context(builder.get_environ());
  }

  app_context(): AppContext {
    return new AppContext(this);
  }

  request_context(environ: Record<string, any>): RequestContext {
    return new RequestContext(this, environ);
  }

  /** `handle_http_exception(e)`: an HTTP error → its handler's result, or the exception itself (its page). */
  handle_http_exception(e: HTTPException): unknown {
    if (e.code === null) return e;
    if (e instanceof RoutingException) return e;
    const handler = this._find_error_handler(e, _request_ctx().request.blueprints);
    if (handler === null) return e;
    return this.call_error_handler(handler, e);
  }

  /** Run an error handler (a `hook` span). */
  private call_error_handler(handler: AnyFunction, e: unknown): unknown {
    return ERROR_HANDLER.run(() => `errorhandler: ${function_name(handler)}`, () => ({ hook: "errorhandler", function: function_name(handler), exception: describe_error(e).type }), () => this.ensure_sync(handler)(e), source_of(handler));
  }

  /**
   * `handle_user_exception(e)`: an exception raised during dispatch. HTTP exceptions go to
   * `handle_http_exception` (unless trapped); others to their error handler — none re-raises it.
   */
  handle_user_exception(e: unknown): unknown {
    return USER_EXCEPTION.run("Flask.handle_user_exception", () => ({ exception: describe_error(e).type, message: describe_error(e).message }), (span) => {
      if (e instanceof HTTPException && e.constructor.name === "BadRequestKeyError" && (this.debug || this.config.getitem("TRAP_BAD_REQUEST_ERRORS"))) (e as unknown as { show_exception: boolean }).show_exception = true;
      if (e instanceof HTTPException && !this.trap_http_exception(e)) return this.handle_http_exception(e);
      const handler = this._find_error_handler(e, _request_ctx().request.blueprints);
      if (handler === null) {
        span_set(span, () => ({ handled: false }));
        throw e;
      }
      return this.call_error_handler(handler, e);
    });
  }

  /**
   * `handle_exception(e)`: an exception nothing handled. Re-raised when PROPAGATE_EXCEPTIONS (or
   * TESTING/DEBUG); otherwise logged and answered with a 500 (through a 500 handler if any).
   */
  handle_exception(e: unknown): Response {
    return UNHANDLED_EXCEPTION.run("Flask.handle_exception", () => ({ exception: describe_error(e).type, message: describe_error(e).message }), (span) => {
      got_request_exception.send(this, { _async_wrapper: this.ensure_sync, exception: e });
      let propagate = this.config.getitem("PROPAGATE_EXCEPTIONS");
      if (propagate === null) propagate = this.testing || this.debug;
      if (propagate) {
        span_set(span, () => ({ propagated: true }));
        throw e;
      }
      this.log_exception(e);
      let server_error: unknown = new InternalServerError(null, null, e);
      const handler = this._find_error_handler(server_error, _request_ctx().request.blueprints);
      if (handler !== null) server_error = this.call_error_handler(handler, server_error);
      return this.finalize_request(server_error, true);
    });
  }

  /** `log_exception(exc_info)`: `Exception on /path [METHOD]` at ERROR, on `app.logger`. */
  log_exception(e: unknown): void {
    const request = _request_ctx().request;
    this.logger.error(`Exception on ${request.path} [${request.method}]`, log_options({ exc_info: e }));
  }

  /**
   * `dispatch_request()`: raise the routing error if matching failed; answer OPTIONS automatically;
   * otherwise call the view with the URL's values as keyword arguments.
   */
  dispatch_request(): unknown {
    const req = _request_ctx().request;
    if (req.routing_exception !== null) this.raise_routing_exception(req);
    const rule = req.url_rule!;
    if (rule.provide_automatic_options && req.method === "OPTIONS") return this.make_default_options_response();
    const view = this.view_functions[rule.endpoint];
    const view_args = req.view_args ?? {};
    return DISPATCH.run(
      () => function_name(view),
      () => ({ framework: "flask", endpoint: rule.endpoint, rule: rule.rule, view_args: to_json(view_args) as Json, function: function_name(view) }),
      (span) => {
        const rv = this.ensure_sync(view)(view_args);
        if (span >= 0) span_set(span, { returned: describe_return(rv) });
        return rv;
      },
      source_of(view),
    );
  }

  /** `full_dispatch_request()`: preprocess, dispatch, handle a user exception, finalize. */
  full_dispatch_request(): Response {
    this._got_first_request = true;
    return FULL_DISPATCH.run("Flask.full_dispatch_request", undefined, () => {
      let rv: unknown;
      try {
        request_started.send(this, { _async_wrapper: this.ensure_sync });
        rv = this.preprocess_request();
        if (rv === null || rv === undefined) rv = this.dispatch_request();
      } catch (e) {
        rv = this.handle_user_exception(e);
      }
      return this.finalize_request(rv);
    });
  }

  /** `finalize_request(rv)`: make the response, run the after_request functions, send `request_finished`. */
  finalize_request(rv: unknown, from_error_handler = false): Response {
    let response = this.make_response(rv);
    try {
      response = this.process_response(response);
      request_finished.send(this, { _async_wrapper: this.ensure_sync, response });
    } catch (e) {
      if (!from_error_handler) throw e;
      this.logger.error("Request finalizing failed with an error while handling an error", log_options({ exc_info: e }));
    }
    return response;
  }

  /** The automatic OPTIONS answer: an empty 200 with `Allow`. */
  make_default_options_response(): Response {
    const adapter = _request_ctx().url_adapter!;
    const methods = adapter.allowed_methods();
    const rv = new this.response_class();
    rv.allow.update(methods);
    return rv;
  }

  /** `ensure_sync(func)`: async views need Flask's `async` extra (asgiref), which the page does not have. */
  ensure_sync<F extends AnyFunction>(func: F): F {
    if (Object.prototype.toString.call(func) === "[object AsyncFunction]") throw new RuntimeError("Install Flask with the 'async' extra in order to use async views.");
    return func;
  }

  /**
   * `url_for(endpoint, *, _anchor=None, _method=None, _scheme=None, _external=None, **values)`:
   * inside a request, relative URLs and `.view` for the current blueprint; outside, absolute URLs
   * from SERVER_NAME (RuntimeError without it).
   */
  url_for(endpoint_arg: string, values_arg: UrlForOptions = {}): string {
    const { _anchor = null, _method = null, _scheme = null, ...rest } = values_arg;
    let _external = values_arg._external ?? null;
    const values: Record<string, unknown> = { ...rest };
    delete values._external;
    let endpoint = endpoint_arg;
    let url_adapter: MapAdapter | null;
    const req_ctx = _cv_request.get(null);
    if (req_ctx !== null) {
      url_adapter = req_ctx.url_adapter;
      const blueprint_name = req_ctx.request.blueprint;
      if (endpoint.startsWith(".")) endpoint = blueprint_name !== null ? `${blueprint_name}${endpoint}` : endpoint.slice(1);
      _external ??= _scheme !== null;
    } else {
      const app_ctx = _cv_app.get(null);
      url_adapter = app_ctx !== null ? app_ctx.url_adapter : this.create_url_adapter(null);
      if (url_adapter === null) throw new RuntimeError("Unable to build URLs outside an active request without 'SERVER_NAME' configured. Also configure 'APPLICATION_ROOT' and 'PREFERRED_URL_SCHEME' as needed.");
      _external ??= true;
    }
    if (_scheme !== null && !_external) throw new ValueError("When specifying '_scheme', '_external' must be True.");
    this.inject_url_defaults(endpoint, values);
    let rv: string;
    try {
      rv = url_adapter!.build(endpoint, values, { method: _method, url_scheme: _scheme, force_external: _external });
    } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      Object.assign(values, { _anchor, _method, _scheme, _external });
      return this.handle_url_build_error(error, endpoint, values);
    }
    if (_anchor !== null) rv = `${rv}#${quote(String(_anchor), "%!#$&'()*+,/:;=?@")}`;
    return rv;
  }

  /**
   * `make_response(rv)`: a view's return value → a Response. A tuple gives `(body, status,
   * headers)`, `(body, status)` or `(body, headers)`; a string, bytes or a generator becomes the
   * body; a dict or list is JSON (`jsonify`); a Response is used as it is; None is a TypeError.
   */
  make_response(rv_in: unknown): Response {
    return MAKE_RESPONSE.run("Flask.make_response", () => ({ flow_step: true, returned: describe_return(rv_in) }), (span) => {
      let rv = rv_in;
      let status: unknown = null;
      let headers: unknown = null;
      if (rv instanceof PyTuple) [rv, status, headers] = unpack_tuple(rv);
      if (rv === null || rv === undefined)
        throw new TypeError(`The view function for ${endpoint_repr()} did not return a valid response. The function either returned None or ended without a return statement.`);
      let response: Response;
      if (rv instanceof this.response_class) response = rv;
      else if (typeof rv === "string" || rv instanceof String || rv instanceof Uint8Array || is_iterator(rv)) {
        response = new this.response_class(rv as string, status as number | string | null, headers as Headers | null);
        status = headers = null;
      } else if (is_plain_object(rv) || Array.isArray(rv)) response = this.json.response(rv);
      else if (rv instanceof BaseResponse || typeof rv === "function" || typeof (rv as { __call__?: unknown }).__call__ === "function") response = this.force_response(rv);
      else
        throw new TypeError(`The view function did not return a valid response. The return type must be a string, dict, list, tuple with headers or status, Response instance, or WSGI callable, but it was a ${type_name(rv)}.`);
      if (status !== null && status !== undefined) {
        if (typeof status === "string" || status instanceof Uint8Array) response.status = typeof status === "string" ? status : new TextDecoder().decode(status);
        else response.status_code = status as number;
      }
      if (headers) response.headers.update(headers as Headers);
      if (span >= 0) span_set(span, { status: response.status, mimetype: response.mimetype });
      return response;
    });
  }

  /** `response_class.force_type(rv, request.environ)`: a Werkzeug response or a WSGI callable (an HTTPException is one). */
  private force_response(rv: unknown): Response {
    try {
      if (rv instanceof HTTPException) rv = rv.get_response(_request_ctx().request.environ);
      else if (typeof rv === "object" && rv !== null && !(rv instanceof BaseResponse)) {
        const app = rv as { __call__: StartResponse };
        rv = (environ: Record<string, any>, start_response: StartResponse) => (app.__call__ as unknown as (e: unknown, s: unknown) => unknown).call(app, environ, start_response);
      }
      return this.response_class.force_type(rv, _request_ctx().request.environ) as Response;
    } catch (e) {
      if (e instanceof TypeError)
        throw new TypeError(`${e.message}\nThe view function did not return a valid response. The return type must be a string, dict, list, tuple with headers or status, Response instance, or WSGI callable, but it was a ${type_name(rv)}.`);
      throw e;
    }
  }

  /**
   * `preprocess_request()`: url_value_preprocessors (app, then blueprints outermost first), then
   * before_request functions in the same order; the first non-None return value is the response.
   */
  preprocess_request(): unknown {
    const request = _request_ctx().request;
    const names = scopes_outermost_first(request);
    for (const name of names) {
      const url_funcs = this.url_value_preprocessors.get(name);
      if (url_funcs === undefined) continue;
      for (const url_func of url_funcs) {
        URL_VALUE_PREPROCESSOR.run(() => `url_value_preprocessor: ${function_name(url_func)}`, () => ({ hook: "url_value_preprocessor", scope: name, function: function_name(url_func) }), () => url_func(request.endpoint, request.view_args), source_of(url_func));
      }
    }
    for (const name of names) {
      const before_funcs = this.before_request_funcs.get(name);
      if (before_funcs === undefined) continue;
      for (const before_func of before_funcs) {
        const rv = BEFORE_REQUEST.run(() => `before_request: ${function_name(before_func)}`, () => ({ hook: "before_request", scope: name, function: function_name(before_func) }), (span) => {
          const result = this.ensure_sync(before_func)();
          if (span >= 0 && result !== null && result !== undefined) span_set(span, { short_circuit: true, returned: describe_return(result) });
          return result;
        }, source_of(before_func));
        if (rv !== null && rv !== undefined) return rv;
      }
    }
    return null;
  }

  /**
   * `process_response(response)`: this request's `after_this_request` functions, then the
   * after_request functions of the blueprints (innermost first) and of the app, each list in reverse
   * registration order; then save the session.
   */
  process_response(response_in: Response): Response {
    let response = response_in;
    const ctx = _request_ctx();
    for (const func of ctx._after_request_functions) response = this.ensure_sync(func)(response);
    for (const name of scopes_innermost_first(ctx.request)) {
      const funcs = this.after_request_funcs.get(name);
      if (funcs === undefined) continue;
      // Python's `reversed(list)`: walk the list from its end, by index.
      for (let i = funcs.length - 1; i >= 0; i--) {
        const func = funcs[i];
        response = AFTER_REQUEST.run(() => `after_request: ${function_name(func)}`, () => ({ hook: "after_request", scope: name, function: function_name(func), status: response.status_code }), () => this.ensure_sync(func)(response), source_of(func));
      }
    }
    if (!this.session_interface.is_null_session(ctx._session)) this.session_interface.save_session(this, ctx._session!, response);
    return response;
  }

  /** `do_teardown_request(exc)`: teardown_request functions, innermost blueprint first, each list reversed. */
  do_teardown_request(exc: unknown = null): void {
    const request = _request_ctx().request;
    for (const name of scopes_innermost_first(request)) {
      const funcs = this.teardown_request_funcs.get(name);
      if (funcs === undefined) continue;
      for (let i = funcs.length - 1; i >= 0; i--) {
        const func = funcs[i];
        TEARDOWN.run(() => `teardown_request: ${function_name(func)}`, () => teardown_attrs("teardown_request", name, func, exc), () => this.ensure_sync(func)(exc), source_of(func));
      }
    }
    request_tearing_down.send(this, { _async_wrapper: this.ensure_sync, exc });
  }

  /** `do_teardown_appcontext(exc)`: teardown_appcontext functions, in reverse order. */
  do_teardown_appcontext(exc: unknown = null): void {
    for (const func of [...this.teardown_appcontext_funcs].reverse()) {
      TEARDOWN.run(() => `teardown_appcontext: ${function_name(func)}`, () => teardown_attrs("teardown_appcontext", null, func, exc), () => this.ensure_sync(func)(exc), source_of(func));
    }
    appcontext_tearing_down.send(this, { _async_wrapper: this.ensure_sync, exc });
  }

  /** `wsgi_app(environ, start_response)`: one request, from environ to response body. */
  wsgi_app(environ: Record<string, any>, start_response: StartResponse): Iterable<Uint8Array> {
    return WSGI_APP.run("Flask.wsgi_app", () => ({ framework: "flask", flow_step: true, app: this.name, method: environ.REQUEST_METHOD, path: environ.PATH_INFO }), (span) => {
      const ctx = this.request_context(environ);
      let error: unknown = null;
      try {
        let response: Response;
        try {
          ctx.push();
          response = this.full_dispatch_request();
        } catch (e) {
          error = e;
          response = this.handle_exception(e);
        }
        if (span >= 0) span_set(span, { status: response.status });
        return response.__call__(environ, start_response);
      } finally {
        if (error !== null && this.should_ignore_error(error)) error = null;
        ctx.pop(error);
      }
    });
  }

  /** The app as a WSGI application: `app(environ, start_response)` is `app.wsgi_app(...)`. */
  __call__(environ: Record<string, any>, start_response: StartResponse): Iterable<Uint8Array> {
    return this.wsgi_app(environ, start_response);
  }
}

/** `(body, status, headers)`, `(body, status)` or `(body, headers)`. */
function unpack_tuple(rv: PyTuple): [unknown, unknown, unknown] {
  if (rv.length === 3) return [rv[0], rv[1], rv[2]];
  if (rv.length === 2) {
    const second = rv[1];
    if (second instanceof Headers || second instanceof MultiDict || is_plain_object(second) || Array.isArray(second)) return [rv[0], null, second];
    return [rv[0], second, null];
  }
  throw new TypeError("The view function did not return a valid response tuple. The tuple must have the form (body, status, headers), (body, status), or (body, headers).");
}

function endpoint_repr(): string {
  const req = _cv_request.get(null)?.request;
  const endpoint = req?.endpoint ?? null;
  return endpoint === null ? "None" : `'${endpoint}'`;
}

/** What a view or hook returned, for the trace. */
function describe_return(rv: unknown): Json {
  if (rv === null || rv === undefined) return "None";
  if (rv instanceof BaseResponse) return `<${rv.constructor.name} [${rv.status}]>`;
  if (rv instanceof PyTuple) return `tuple(${rv.length})`;
  if (typeof rv === "string") return rv.length > 80 ? `str (${rv.length} chars)` : `str ${JSON.stringify(rv)}`;
  return type_name(rv);
}

function teardown_attrs(hook: string, scope: string | null, func: AnyFunction, exc: unknown): Attrs {
  return { hook, scope, function: function_name(func), exception: exc === null || exc === undefined ? null : describe_error(exc).type };
}

