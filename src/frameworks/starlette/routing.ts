/**
 * starlette.routing: a path (and method) → the endpoint that answers it.
 *
 * `compile_path("/items/{item_id:int}")` turns a route path into a regex, a format string and the
 * convertors of its parameters. Each route says *how* it matches a scope with `matches(scope)` →
 * `Match.NONE`, `Match.PARTIAL` (the path matched but not the method) or `Match.FULL`, plus the
 * child scope to merge (`endpoint`, `path_params`). `Router.app` tries its routes in order: the
 * first FULL match handles the request; else the first PARTIAL one (its `handle` raises 405 with
 * an `Allow` header); else, with `redirect_slashes`, a route that would match with the trailing
 * slash added or removed gets a 307 redirect; else 404. `Mount` hands everything under a prefix
 * to another app (its routes or any ASGI app) with `root_path` extended; `url_path_for(name,
 * params)` builds a path back from a route's name. A function endpoint is wrapped by
 * `request_response` (Request in, Response out; a sync function runs in the threadpool).
 *
 * Tracing: `Router` is a `resolver` span with one `pattern` event per route tried (how it matched
 * and why not), and the endpoint a `view` span. Main classes: `Router`, `Route`, `Mount`.
 */
import { span_set, trace_site, tracing_enabled } from "../../trace";
import { AssertionError, Exception, ValueError } from "../python/builtins";
import { py_set_order } from "../python/hash";
import { callable_label, span_async } from "./_tracing";
import { wrap_app_handling_exceptions } from "./_exception_handler";
import { get_route_path, is_async_callable } from "./_utils";
import { run_in_threadpool } from "./concurrency";
import { CONVERTOR_TYPES, type Convertor } from "./convertors";
import { URL, URLPath } from "./datastructures";
import { HTTPException } from "./exceptions";
import type { Middleware } from "./middleware";
import { Request } from "./requests";
import { PlainTextResponse, RedirectResponse, type Response } from "./responses";
import { call_app, type ASGIApp, type ASGIAppLike, type Receive, type Scope, type Send } from "./types";
import { WebSocket, WebSocketClose } from "./websockets";

const ENDPOINT = trace_site("view", "starlette/routing.ts#request_response");
// Eager: the router's attrs read the scope, which the matched route then extends.
const ROUTER = trace_site("resolver", "starlette/routing.ts#Router.app", { eager: true });
const ROUTE = trace_site("pattern", "starlette/routing.ts#Router.app", { eager: true });

/** `url_path_for` found no route with that name and those parameters. */
export class NoMatchFound extends Exception {
  constructor(name: string, path_params: Record<string, unknown>) {
    super(`No route exists for name "${name}" and params "${Object.keys(path_params).join(", ")}".`);
  }
}

/** How a route matched a scope. */
export enum Match {
  NONE = 0,
  PARTIAL = 1,
  FULL = 2,
}

type Endpoint = (request: any) => unknown;

/** `func(request) -> response` (sync or async) → an ASGI app. */
export function request_response(func: Endpoint): ASGIApp {
  const is_async = is_async_callable(func);
  return async (scope: Scope, receive: Receive, send: Send): Promise<void> => {
    const request = new Request(scope, receive, send);
    await wrap_app_handling_exceptions(async (scope, receive, send) => {
      const response = (await call_endpoint(func, is_async, request)) as Response;
      await response.__call__(scope, receive, send);
    }, request)(scope, receive, send);
  };
}

/** Await an async endpoint, or run a sync one "in the threadpool"; one `view` span either way. */
export function call_endpoint(func: Endpoint, is_async: boolean, request: unknown): Promise<unknown> {
  return span_async(ENDPOINT, callable_label(func), () => ({ endpoint: callable_label(func), threadpool: !is_async }), async () =>
    is_async ? await func(request) : await run_in_threadpool(func, request),
  );
}

/** `func(websocket)` → an ASGI app. */
export function websocket_session(func: (websocket: WebSocket) => Promise<void>): ASGIApp {
  return async (scope, receive, send) => {
    const session = new WebSocket(scope, receive, send);
    const app: ASGIApp = async () => {
      await span_async(ENDPOINT, callable_label(func), () => ({ endpoint: callable_label(func) }), () => func(session));
    };
    await wrap_app_handling_exceptions(app, session)(scope, receive, send);
  };
}

export function get_name(endpoint: unknown): string {
  if (typeof endpoint === "function" && endpoint.name) return endpoint.name;
  return (endpoint as object)?.constructor?.name ?? "function";
}

/** Fill `{name}` placeholders of a path format; the parameters used are removed from `path_params`. */
export function replace_params(path: string, param_convertors: Record<string, Convertor<any>>, path_params: Record<string, unknown>): [string, Record<string, unknown>] {
  for (const [key, value] of Object.entries(path_params)) {
    if (path.includes(`{${key}}`)) {
      path = path.replace(`{${key}}`, param_convertors[key].to_string(value));
      delete path_params[key];
    }
  }
  return [path, path_params];
}

/**
 * The regex of a path without parameters (`^/hello/$`) matches that one string: `match_params`
 * compares strings instead of running it (Starlette runs the regex; the answer is the same).
 */
const LITERAL_PATHS = new WeakMap<RegExp, string>();

/** A route that did not match: `(Match.NONE, {})`, one shared pair (nothing writes into it). */
export const NO_MATCH: [Match, Scope] = Object.freeze([Match.NONE, Object.freeze({}) as Scope]) as [Match, Scope];

const PARAM_REGEX = /{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?}/g;

function re_escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/**
 * `"/users/{username:str}"` → the regex `^/users/(?<username>[^/]+)$`, the format `"/users/{username}"`
 * and `{username: StringConvertor}`. A host pattern (no leading `/`) ignores a `:port`.
 */
export function compile_path(path: string): [RegExp, string, Record<string, Convertor<any>>] {
  const is_host = !path.startsWith("/");
  let path_regex = "^";
  let path_format = "";
  const duplicated = new Set<string>();
  let idx = 0;
  const param_convertors: Record<string, Convertor<any>> = {};
  for (const match of path.matchAll(PARAM_REGEX)) {
    const param_name = match[1];
    const convertor_type = (match[2] ?? ":str").slice(1);
    const convertor = CONVERTOR_TYPES[convertor_type];
    if (!convertor) throw new AssertionError(`Unknown path convertor '${convertor_type}'`);
    path_regex += re_escape(path.slice(idx, match.index)) + `(?<${param_name}>${convertor.regex})`;
    path_format += path.slice(idx, match.index) + `{${param_name}}`;
    if (param_name in param_convertors) duplicated.add(param_name);
    param_convertors[param_name] = convertor;
    idx = match.index! + match[0].length;
  }
  if (duplicated.size) {
    const names = [...duplicated].sort().join(", ");
    throw new ValueError(`Duplicated param name${duplicated.size > 1 ? "s" : ""} ${names} at path ${path}`);
  }
  if (is_host) {
    let hostname = path.slice(idx);
    if (!hostname.endsWith("]")) hostname = hostname.replace(/:[^:]*$/, "");
    path_regex += re_escape(hostname) + "$";
  } else {
    path_regex += re_escape(path.slice(idx)) + "$";
  }
  path_format += path.slice(idx);
  const regex = new RegExp(path_regex, "s");
  if (idx === 0 && !is_host) LITERAL_PATHS.set(regex, path);
  return [regex, path_format, param_convertors];
}


/** What a route reports when it is tried (for the trace's `pattern` events). */
export interface MatchReport {
  match: Match;
  child_scope: Scope;
  /** Why it did not match fully, in words. */
  reason?: string;
}

export abstract class BaseRoute {
  abstract matches(scope: Scope): [Match, Scope];
  abstract url_path_for(name: string, path_params?: Record<string, unknown>): URLPath;
  abstract handle(scope: Scope, receive: Receive, send: Send): Promise<void>;
  abstract describe(): string;

  /** A route used on its own as an ASGI app: 404 (or a close) when it does not match. */
  async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    const [match, child_scope] = this.matches(scope);
    if (match === Match.NONE) {
      if (scope.type === "http") await new PlainTextResponse("Not Found", { status_code: 404 }).__call__(scope, receive, send);
      else if (scope.type === "websocket") await new WebSocketClose().__call__(scope, receive, send);
      return;
    }
    Object.assign(scope, child_scope);
    await this.handle(scope, receive, send);
  }
}

/** Match `{name}` params and convert them; null when the path does not match. */
export function match_params(regex: RegExp, convertors: Record<string, Convertor<any>>, route_path: string, scope: Scope): Record<string, unknown> | null {
  const literal = LITERAL_PATHS.get(regex);
  if (literal !== undefined) return literal === route_path ? copy_path_params(scope) : null;
  const m = regex.exec(route_path);
  if (!m) return null;
  const path_params = copy_path_params(scope);
  for (const [key, value] of Object.entries(m.groups ?? {})) path_params[key] = convertors[key].convert(value!);
  return path_params;
}

/** `dict(scope.get("path_params", {}))`: the parameters matched so far (a Mount's), as a new dict. */
export function copy_path_params(scope: Scope): Record<string, unknown> {
  return scope.path_params ? { ...scope.path_params } : {};
}

function wrap_middleware(app: ASGIAppLike, middleware: Middleware[] | null | undefined): ASGIAppLike {
  if (middleware) for (const m of [...middleware].reverse()) app = m.build(app);
  return app;
}

export interface RouteOptions {
  methods?: string[] | null;
  name?: string | null;
  include_in_schema?: boolean;
  middleware?: Middleware[] | null;
}

export class Route extends BaseRoute {
  path: string;
  endpoint: unknown;
  name: string;
  include_in_schema: boolean;
  methods: Set<string> | null;
  app: ASGIAppLike;
  path_regex: RegExp;
  path_format: string;
  param_convertors: Record<string, Convertor<any>>;

  constructor(path: string, endpoint: unknown, options: RouteOptions = {}) {
    super();
    if (!path.startsWith("/")) throw new AssertionError("Routed paths must start with '/'");
    this.path = path;
    this.endpoint = endpoint;
    this.name = options.name ?? get_name(endpoint);
    this.include_in_schema = options.include_in_schema ?? true;
    let methods = options.methods ?? null;
    if (typeof endpoint === "function") {
      this.app = request_response(endpoint as Endpoint);
      if (methods === null) methods = ["GET"];
    } else {
      this.app = endpoint as ASGIAppLike;
    }
    this.app = wrap_middleware(this.app, options.middleware);
    if (methods === null) this.methods = null;
    else {
      this.methods = new Set(methods.map((m) => m.toUpperCase()));
      if (this.methods.has("GET")) this.methods.add("HEAD");
    }
    [this.path_regex, this.path_format, this.param_convertors] = compile_path(path);
  }

  matches(scope: Scope): [Match, Scope] {
    if (scope.type !== "http") return NO_MATCH;
    const path_params = match_params(this.path_regex, this.param_convertors, get_route_path(scope), scope);
    if (path_params === null) return NO_MATCH;
    const child_scope = { endpoint: this.endpoint, path_params } as unknown as Scope;
    return [this.methods && !this.methods.has(scope.method) ? Match.PARTIAL : Match.FULL, child_scope];
  }

  url_path_for(name: string, path_params: Record<string, unknown> = {}): URLPath {
    const seen = Object.keys(path_params).sort().join(",");
    const expected = Object.keys(this.param_convertors).sort().join(",");
    if (name !== this.name || seen !== expected) throw new NoMatchFound(name, path_params);
    const [path] = replace_params(this.path_format, this.param_convertors, { ...path_params });
    return new URLPath(path, "http");
  }

  /** 405 with `Allow` for a method this route does not take (an HTTPException inside an app). */
  async handle(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (this.methods && !this.methods.has(scope.method)) {
      const headers = { Allow: py_set_order(this.methods).join(", ") }; // a Python set: hash order
      if ("app" in scope) throw new HTTPException(405, null, headers);
      await new PlainTextResponse("Method Not Allowed", { status_code: 405, headers }).__call__(scope, receive, send);
      return;
    }
    return call_app(this.app, scope, receive, send);
  }

  describe(): string {
    return this.path;
  }

  __repr__(): string {
    return `${this.constructor.name}(path='${this.path}', name='${this.name}', methods=[${[...(this.methods ?? [])].sort().map((m) => `'${m}'`).join(", ")}])`;
  }
}

export class WebSocketRoute extends BaseRoute {
  path: string;
  endpoint: unknown;
  name: string;
  app: ASGIAppLike;
  path_regex: RegExp;
  path_format: string;
  param_convertors: Record<string, Convertor<any>>;

  constructor(path: string, endpoint: unknown, options: { name?: string | null; middleware?: Middleware[] | null } = {}) {
    super();
    if (!path.startsWith("/")) throw new AssertionError("Routed paths must start with '/'");
    this.path = path;
    this.endpoint = endpoint;
    this.name = options.name ?? get_name(endpoint);
    this.app = typeof endpoint === "function" ? websocket_session(endpoint as (ws: WebSocket) => Promise<void>) : (endpoint as ASGIAppLike);
    this.app = wrap_middleware(this.app, options.middleware);
    [this.path_regex, this.path_format, this.param_convertors] = compile_path(path);
  }

  matches(scope: Scope): [Match, Scope] {
    if (scope.type !== "websocket") return NO_MATCH;
    const path_params = match_params(this.path_regex, this.param_convertors, get_route_path(scope), scope);
    if (path_params === null) return NO_MATCH;
    return [Match.FULL, { endpoint: this.endpoint, path_params } as unknown as Scope];
  }

  url_path_for(name: string, path_params: Record<string, unknown> = {}): URLPath {
    const seen = Object.keys(path_params).sort().join(",");
    const expected = Object.keys(this.param_convertors).sort().join(",");
    if (name !== this.name || seen !== expected) throw new NoMatchFound(name, path_params);
    const [path] = replace_params(this.path_format, this.param_convertors, { ...path_params });
    return new URLPath(path, "websocket");
  }

  async handle(scope: Scope, receive: Receive, send: Send): Promise<void> {
    await call_app(this.app, scope, receive, send);
  }

  describe(): string {
    return `${this.path} (websocket)`;
  }
}

/** Everything under `path` goes to `app` (or to a Router over `routes`), with `root_path` extended. */
export class Mount extends BaseRoute {
  path: string;
  app: ASGIAppLike;
  name: string | null;
  private readonly _base_app: ASGIAppLike;
  path_regex: RegExp;
  path_format: string;
  param_convertors: Record<string, Convertor<any>>;

  constructor(path: string, options: { app?: ASGIAppLike | null; routes?: BaseRoute[] | null; name?: string | null; middleware?: Middleware[] | null } = {}) {
    super();
    if (path !== "" && !path.startsWith("/")) throw new AssertionError("Routed paths must start with '/'");
    if (!options.app && !options.routes) throw new AssertionError("Either 'app=...', or 'routes=' must be specified");
    this.path = path.replace(/\/+$/, "");
    this._base_app = options.app ?? new Router(options.routes);
    this.app = wrap_middleware(this._base_app, options.middleware);
    this.name = options.name ?? null;
    [this.path_regex, this.path_format, this.param_convertors] = compile_path(this.path + "/{path:path}");
  }

  get routes(): BaseRoute[] {
    return (this._base_app as { routes?: BaseRoute[] }).routes ?? [];
  }

  matches(scope: Scope): [Match, Scope] {
    if (scope.type !== "http" && scope.type !== "websocket") return NO_MATCH;
    const root_path: string = scope.root_path ?? "";
    const route_path = get_route_path(scope);
    const path_params = match_params(this.path_regex, this.param_convertors, route_path, scope);
    if (path_params === null) return NO_MATCH;
    const remaining_path = "/" + String(path_params.path);
    delete path_params.path;
    const matched_path = route_path.slice(0, route_path.length - remaining_path.length);
    return [
      Match.FULL,
      { path_params, app_root_path: scope.app_root_path ?? root_path, root_path: root_path + matched_path, endpoint: this.app } as unknown as Scope,
    ];
  }

  url_path_for(name: string, path_params: Record<string, unknown> = {}): URLPath {
    path_params = { ...path_params };
    if (this.name !== null && name === this.name && "path" in path_params) {
      path_params.path = String(path_params.path).replace(/^\/+/, "");
      const [path, remaining] = replace_params(this.path_format, this.param_convertors, path_params);
      if (!Object.keys(remaining).length) return new URLPath(path);
    } else if (this.name === null || name.startsWith(this.name + ":")) {
      const remaining_name = this.name === null ? name : name.slice(this.name.length + 1);
      const path_kwarg = path_params.path;
      path_params.path = "";
      const [path_prefix, remaining] = replace_params(this.path_format, this.param_convertors, path_params);
      if (path_kwarg !== undefined) remaining.path = path_kwarg;
      for (const route of this.routes) {
        try {
          const url = route.url_path_for(remaining_name, { ...remaining });
          return new URLPath(path_prefix.replace(/\/+$/, "") + String(url), url.protocol);
        } catch (e) {
          if (!(e instanceof NoMatchFound)) throw e;
        }
      }
    }
    throw new NoMatchFound(name, path_params);
  }

  async handle(scope: Scope, receive: Receive, send: Send): Promise<void> {
    await call_app(this.app, scope, receive, send);
  }

  describe(): string {
    return `${this.path}/ (mount)`;
  }
}

/** Why a route did not match fully, for the trace. */
function match_reason(route: BaseRoute, match: Match, scope: Scope): string {
  if (match === Match.FULL) return "matched";
  if (match === Match.PARTIAL) return `path matched, method ${scope.method} not in ${[...((route as Route).methods ?? [])].join(", ")}`;
  if (route instanceof Route && scope.type !== "http") return `not an http scope (${scope.type})`;
  if (route instanceof WebSocketRoute && scope.type !== "websocket") return `not a websocket scope (${scope.type})`;
  return "path did not match";
}

export type LifespanContext = (app: any) => AsyncIterable<unknown> | { aenter(): Promise<unknown>; aexit(error: unknown): Promise<void> };

export class Router {
  routes: BaseRoute[];
  redirect_slashes: boolean;
  default: ASGIApp;
  lifespan_context: LifespanContext | null;
  middleware_stack: ASGIAppLike;

  constructor(
    routes: BaseRoute[] | null = null,
    options: { redirect_slashes?: boolean; default?: ASGIApp | null; lifespan?: LifespanContext | null; middleware?: Middleware[] | null } = {},
  ) {
    this.routes = routes ? [...routes] : [];
    this.redirect_slashes = options.redirect_slashes ?? true;
    this.default = options.default ?? ((scope, receive, send) => this.not_found(scope, receive, send));
    this.lifespan_context = options.lifespan ?? null;
    this.middleware_stack = wrap_middleware((scope, receive, send) => this.app(scope, receive, send), options.middleware);
  }

  /** 404 for http (an HTTPException inside an app), a close for a websocket. */
  async not_found(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (scope.type === "websocket") {
      await new WebSocketClose().__call__(scope, receive, send);
      return;
    }
    if ("app" in scope) throw new HTTPException(404);
    await new PlainTextResponse("Not Found", { status_code: 404 }).__call__(scope, receive, send);
  }

  url_path_for(name: string, path_params: Record<string, unknown> = {}): URLPath {
    for (const route of this.routes) {
      try {
        return route.url_path_for(name, { ...path_params });
      } catch (e) {
        if (!(e instanceof NoMatchFound)) throw e;
      }
    }
    throw new NoMatchFound(name, path_params);
  }

  /** The lifespan scope: run the lifespan context around "the application is serving". */
  async lifespan(scope: Scope, receive: Receive, send: Send): Promise<void> {
    let started = false;
    const app = scope.app;
    await receive();
    try {
      const state = this.lifespan_context ? await enter_lifespan(this.lifespan_context, app) : { value: undefined, exit: async () => {} };
      try {
        if (state.value !== undefined && state.value !== null) {
          if (!("state" in scope)) throw new Exception('The server does not support "state" in the lifespan scope.');
          Object.assign(scope.state, state.value);
        }
        await send({ type: "lifespan.startup.complete" });
        started = true;
        await receive();
      } finally {
        await state.exit();
      }
    } catch (e) {
      const text = `${(e as Error)?.constructor?.name ?? "Exception"}: ${(e as Error)?.message ?? String(e)}`;
      await send({ type: started ? "lifespan.shutdown.failed" : "lifespan.startup.failed", message: text });
      throw e;
    }
    await send({ type: "lifespan.shutdown.complete" });
  }

  __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    return call_app(this.middleware_stack, scope, receive, send);
  }

  /**
   * Find the route: FULL wins, else the first PARTIAL, else a slash redirect, else the default.
   * (Starlette's `app` is one coroutine; here the matched route is handed the request from a plain
   * call — its promise is the router's — and an async frame is made only to time the traced
   * resolver span or to try the redirect and the default.)
   */
  app(scope: Scope, receive: Receive, send: Send): Promise<void> {
    try {
      const type = scope.type;
      if (type !== "http" && type !== "websocket" && type !== "lifespan") throw new AssertionError("");
      if (!("router" in scope)) scope.router = this;
      if (type === "lifespan") return this.lifespan(scope, receive, send);
      if (tracing_enabled()) return this.traced_app(scope, receive, send);
      const found = this.find_route(scope, -1);
      return found ? this.handle_match(found, scope, receive, send) : this.handle_no_match(scope, receive, send);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** `app` with the resolver span around the search. */
  private async traced_app(scope: Scope, receive: Receive, send: Send): Promise<void> {
    const found = await span_async(ROUTER, "Router", () => ({ path: get_route_path(scope), method: scope.method ?? null, routes: this.routes.length }), async (span) => this.find_route(scope, span));
    if (found) await this.handle_match(found, scope, receive, send);
    else await this.handle_no_match(scope, receive, send);
  }

  /** `scope.update(child_scope)`, then the route handles the request. */
  private handle_match(found: { route: BaseRoute; child_scope: Scope }, scope: Scope, receive: Receive, send: Send): Promise<void> {
    scope.route = found.route;
    Object.assign(scope, found.child_scope);
    return found.route.handle(scope, receive, send);
  }

  /** No route matched: a slash redirect if one would, else the default (404). */
  private async handle_no_match(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (await this.redirect_slash(scope, receive, send)) return;
    await this.default(scope, receive, send);
  }

  /** Try every route in order, recording each attempt. */
  private find_route(scope: Scope, span: number): { route: BaseRoute; child_scope: Scope } | null {
    let partial: { route: BaseRoute; child_scope: Scope } | null = null;
    const tracing = tracing_enabled();
    for (const route of this.routes) {
      const [match, child_scope] = route.matches(scope);
      if (tracing) ROUTE.event(route.describe(), () => ({ route: route.describe(), name: (route as Route).name ?? null, match: Match[match], reason: match_reason(route, match, scope) }));
      if (match === Match.FULL) {
        if (span >= 0) span_set(span, { matched: route.describe(), match: "FULL" });
        return { route, child_scope };
      }
      if (match === Match.PARTIAL && partial === null) partial = { route, child_scope };
    }
    if (span >= 0) span_set(span, partial ? { matched: partial.route.describe(), match: "PARTIAL" } : { matched: null, match: "NONE" });
    return partial;
  }

  /** `/items` matched nothing but `/items/` would (or the other way round): 307 there. */
  private async redirect_slash(scope: Scope, receive: Receive, send: Send): Promise<boolean> {
    const route_path = get_route_path(scope);
    if (scope.type !== "http" || !this.redirect_slashes || route_path === "/") return false;
    const redirect_scope = { ...scope };
    redirect_scope.path = route_path.endsWith("/") ? scope.path.replace(/\/+$/, "") : scope.path + "/";
    for (const route of this.routes) {
      const [match] = route.matches(redirect_scope);
      if (match !== Match.NONE) {
        const url = new URL("", { scope: redirect_scope });
        if (tracing_enabled()) ROUTE.event(route.describe(), () => ({ route: route.describe(), match: "REDIRECT", reason: `matches ${redirect_scope.path}: redirect_slashes`, location: String(url) }));
        await new RedirectResponse(url).__call__(scope, receive, send);
        return true;
      }
    }
    return false;
  }

  /** `mount(path, app, name=None)`: the name positionally or as `{ name }`. */
  mount(path: string, app: ASGIAppLike, name: string | null | { name?: string | null } = null): void {
    if (name !== null && typeof name === "object") name = name.name ?? null;
    this.routes.push(new Mount(path, { app, name }));
  }

  add_route(path: string, endpoint: unknown, options: RouteOptions = {}): void {
    this.routes.push(new Route(path, endpoint, options));
  }

  add_websocket_route(path: string, endpoint: unknown, name: string | null = null): void {
    this.routes.push(new WebSocketRoute(path, endpoint, { name }));
  }
}

/** Enter a lifespan context: an async generator (`yield` once) or an object with aenter/aexit. */
export async function enter_lifespan(context: LifespanContext, app: unknown): Promise<{ value: unknown; exit: () => Promise<void> }> {
  const cm = context(app);
  if (Symbol.asyncIterator in (cm as object)) {
    const it = (cm as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const first = await it.next();
    return { value: first.done ? undefined : first.value, exit: async () => void (await it.next()) };
  }
  const manager = cm as { aenter(): Promise<unknown>; aexit(error: unknown): Promise<void> };
  return { value: await manager.aenter(), exit: () => manager.aexit(null) };
}

export { is_async_callable };
