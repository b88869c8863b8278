/**
 * channels.routing: a connection's scope → the application that should handle it.
 * Main classes: `ProtocolTypeRouter` (by `scope["type"]`), `URLRouter` (by `scope["path"]`, with
 * Django's `path()` / `re_path()` routes), `ChannelNameRouter` (by `scope["channel"]`, for workers).
 *
 *     export const application = new ProtocolTypeRouter({
 *       http: get_asgi_application(),                       // Django's views
 *       websocket: new URLRouter([
 *         path("ws/chat/<str:room_name>/", ChatConsumer.as_asgi()),
 *         re_path("^ws/(?P<version>v\\d+)/", new URLRouter([...])),   // nested: matched as a prefix
 *       ]),
 *     });
 *
 * Every router is itself an ASGI application (a callable object, as in Python), so routers nest.
 * `URLRouter` strips the leading `/` (and `root_path`), tries each route in order, and calls the
 * first that matches with the scope extended by `path_remaining` (what is left for a nested
 * router) and `url_route` — `{"args": [...], "kwargs": {...}}`, the outer routers' captures
 * merged with this one's, then the route's default kwargs.
 *
 * Tracing: each router is an "asgi" span saying what it chose; URLRouter records every route
 * tried and why it did or did not match (as Django's resolver does for views).
 */
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging -- these classes make callable objects (asgiref/compatibility.ts, callable_object); the interface of the same name gives them their call signature. */
import { span_close, span_fail, span_set, to_json, trace_site, tracing_enabled, type Attrs, type TraceSite } from "../../trace";
import { ValueError } from "../python/builtins";
import { py_repr } from "../python/builtins";
import { callable_object, guarantee_single_callable } from "../asgiref/compatibility";
import type { ASGIApplicationLike, ASGIReceiveCallable, ASGISendCallable, Scope } from "../asgiref/typing";
import { settings } from "../django/conf";
import { ImproperlyConfigured } from "../django/core/exceptions";
import { import_module } from "../python/importlib";
import { Resolver404 } from "../django/urls/exceptions";
import { RegexPattern, RoutePattern, URLPattern, URLResolver, type PatternMatch, type URLPatternMatcher } from "../django/urls/resolvers";
import { name_that_thing } from "./utils";

const PROTOCOL_TYPE_ROUTER = trace_site("asgi", "channels/routing.ts#ProtocolTypeRouter.__call__", { source: true });
const CHANNEL_NAME_ROUTER = trace_site("asgi", "channels/routing.ts#ChannelNameRouter.__call__", { source: true });
// Eager: its attrs read the scope.
const URL_ROUTER = trace_site("resolver", "channels/routing.ts#URLRouter.__call__", { source: true, eager: true });
const URL_ROUTE = trace_site("pattern", "channels/routing.ts#URLRouter.__call__", { source: true });

/** `get_default_application()`: the object `settings.ASGI_APPLICATION` names ("project.asgi.application"). */
export function get_default_application(): unknown {
  const dotted = "ASGI_APPLICATION" in settings ? settings.ASGI_APPLICATION : undefined;
  const dot = typeof dotted === "string" ? dotted.lastIndexOf(".") : -1;
  if (dot < 0) throw new ImproperlyConfigured("Cannot find ASGI_APPLICATION setting.");
  const path = (dotted as string).slice(0, dot);
  const name = (dotted as string).slice(dot + 1);
  let module: Record<string, unknown>;
  try {
    module = import_module(path);
  } catch {
    throw new ImproperlyConfigured(`Cannot import ASGI_APPLICATION module ${py_repr(path)}`);
  }
  if (!(name in module)) throw new ImproperlyConfigured(`Cannot find ${py_repr(name)} in ASGI_APPLICATION module ${path}`);
  return module[name];
}

/** Run a router's choice inside an "asgi" span; the chosen application runs inside it. */
async function routed<T>(site: TraceSite, name: string, attrs: () => Attrs, choose: () => T, run: (choice: T) => Promise<unknown>): Promise<unknown> {
  const span = site.open(name, attrs);
  let choice: T;
  try {
    choice = choose();
  } catch (e) {
    span_fail(span, e);
    span_close(span);
    throw e;
  }
  span_close(span);
  return run(choice);
}

export interface ProtocolTypeRouter {
  (scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown>;
}

/** `ProtocolTypeRouter({"http": app, "websocket": app})`: dispatch on `scope["type"]`. */
export class ProtocolTypeRouter {
  application_mapping: Record<string, ASGIApplicationLike>;

  constructor(application_mapping: Record<string, ASGIApplicationLike>) {
    this.application_mapping = application_mapping;
    return callable_object(this);
  }

  async __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown> {
    return routed(
      PROTOCOL_TYPE_ROUTER,
      `ProtocolTypeRouter: ${String(scope.type)}`,
      () => ({ router: "ProtocolTypeRouter", scope_type: String(scope.type), protocols: Object.keys(this.application_mapping) }),
      () => {
        if (!Object.prototype.hasOwnProperty.call(this.application_mapping, String(scope.type)))
          throw new ValueError(`No application configured for scope type ${py_repr(scope.type)}`);
        return guarantee_single_callable(this.application_mapping[String(scope.type)]);
      },
      (application) => application(scope, receive, send),
    );
  }
}

export interface URLRouter {
  (scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown>;
}

/** A route as URLRouter holds it: Django's `path()`/`re_path()` result. */
export type Route = URLPattern | URLResolver;

/**
 * `URLRouter([path(...), re_path(...)])`: route on the connection's path. A route whose
 * application is another URLRouter matches as a prefix (Channels rebuilds its pattern as a
 * non-endpoint); `include()` is refused — nest URLRouters instead.
 */
export class URLRouter {
  /** Routers that route on the path; a route to one is not an endpoint. */
  static readonly _path_routing = true;
  readonly _path_routing = true;
  routes: Route[];

  constructor(routes: Route[]) {
    this.routes = routes;
    for (const route of this.routes) {
      const callback = (route as { callback?: unknown }).callback as { _path_routing?: unknown } | null | undefined;
      if (callback && callback._path_routing === true) make_prefix(route as URLPattern);
      if (route instanceof URLResolver) throw new ImproperlyConfigured(`${route}: include() is not supported in URLRouter. Use nested URLRouter instances instead.`);
    }
    return callable_object(this);
  }

  /**
   * Try the routes in order; call the first match's application. A nested router that finds
   * nothing raises Resolver404, and the search goes on with the next route; the outermost router
   * raises ValueError when nothing matched.
   */
  async __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown> {
    const outermost = !("path_remaining" in scope);
    const path = this.routing_path(scope, outermost);
    let start = 0;
    for (;;) {
      const found = this.next_match(scope, path, start);
      if (!found) break;
      try {
        return await found.application(found.new_scope, receive, send);
      } catch (e) {
        if (!(e instanceof Resolver404)) throw e;
        start = found.index + 1;
      }
    }
    if (!outermost) throw url_router_miss(path);
    throw new ValueError(`No route found for path ${py_repr(path)}.`);
  }

  /** The path to route on: what an outer router left, else the scope's path without root_path; no leading `/`. */
  private routing_path(scope: Scope, outermost: boolean): string {
    let path = (scope.path_remaining ?? scope.path ?? null) as string | null;
    if (path === null) throw new ValueError("No 'path' key in connection scope, cannot route URLs");
    if (outermost) {
      const root_path = typeof scope.root_path === "string" ? scope.root_path : "";
      if (root_path && !path.startsWith(root_path)) throw new ValueError(`No route found for path ${py_repr(path)}.`);
      path = path.slice(root_path.length);
    }
    return path.replace(/^\/+/, "");
  }

  /**
   * The first route from `start` whose pattern matches, with its application and the scope to
   * call it with (`path_remaining`, `url_route`: outer captures, then this route's, then its
   * default kwargs). A "resolver" span lists every route tried as a "pattern" event.
   */
  private next_match(scope: Scope, path: string, start: number) {
    const span = URL_ROUTER.open(() => `URLRouter ${py_repr(path)}`, () => ({ router: "URLRouter", path, full_path: typeof scope.path === "string" ? scope.path : null, nested: "path_remaining" in scope }));
    const tracing = tracing_enabled();
    try {
      for (let index = start; index < this.routes.length; index++) {
        const route = this.routes[index] as URLPattern;
        const match = route.pattern.match(path);
        if (tracing) URL_ROUTE.event(String(route.pattern) || "'' (empty route)", () => describe_try(route, path, match));
        if (!match) continue;
        const [new_path, args, captured] = match;
        const kwargs = { ...captured, ...route.default_args };
        const outer = (scope.url_route ?? {}) as { args?: unknown[]; kwargs?: Record<string, unknown> };
        const url_route = { args: [...(outer.args ?? []), ...args], kwargs: { ...(outer.kwargs ?? {}), ...kwargs } };
        if (span >= 0) span_set(span, { matched: true, route: String(route.pattern), path_remaining: new_path, application: name_that_thing(route.callback), url_route: to_json(url_route) });
        return { index, application: guarantee_single_callable(route.callback), new_scope: { ...scope, path_remaining: new_path, url_route } };
      }
      span_set(span, () => ({ matched: false }));
      return null;
    } finally {
      span_close(span);
    }
  }
}

/** The Resolver404 a nested router raises: "No route found for path 'x/'." */
function url_router_miss(path: string): Resolver404 {
  const error = new Resolver404({ path });
  error.message = `No route found for path ${py_repr(path)}.`;
  error.args = [error.message];
  return error;
}

/** `route.pattern._is_endpoint = False`: the same route, matched as a prefix. */
function make_prefix(route: URLPattern): void {
  const pattern = route.pattern as URLPatternMatcher;
  let prefix: URLPatternMatcher;
  if (pattern instanceof RegexPattern) prefix = new RegexPattern(pattern._regex, { name: pattern.name, is_endpoint: false });
  else if (pattern instanceof RoutePattern) prefix = new RoutePattern(pattern._route, { name: pattern.name, is_endpoint: false });
  else throw new ValueError(`Unsupported pattern type: ${pattern.constructor.name}`);
  (route as { pattern: URLPatternMatcher }).pattern = prefix;
}

function describe_try(route: URLPattern, path: string, match: PatternMatch | null): Attrs {
  const pattern = route.pattern;
  const attrs: Attrs = { route: String(pattern), kind: pattern instanceof RegexPattern ? "re_path" : "path", path, matched: match !== null, prefix: !pattern._is_endpoint };
  if (match) {
    attrs.args = to_json(match[1]);
    attrs.captured_kwargs = to_json(match[2]);
    if (Object.keys(route.default_args).length) attrs.extra_kwargs = to_json(route.default_args);
  } else attrs.reason = pattern.explain_miss(path);
  return attrs;
}

export interface ChannelNameRouter {
  (scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown>;
}

/** `ChannelNameRouter({"thumbnails": ThumbnailConsumer.as_asgi()})`: dispatch on `scope["channel"]` (workers). */
export class ChannelNameRouter {
  application_mapping: Record<string, ASGIApplicationLike>;

  constructor(application_mapping: Record<string, ASGIApplicationLike>) {
    this.application_mapping = application_mapping;
    return callable_object(this);
  }

  async __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown> {
    return routed(
      CHANNEL_NAME_ROUTER,
      `ChannelNameRouter: ${String(scope.channel)}`,
      () => ({ router: "ChannelNameRouter", channel: scope.channel === undefined ? null : String(scope.channel), channels: Object.keys(this.application_mapping) }),
      () => {
        if (!("channel" in scope))
          throw new ValueError("ChannelNameRouter got a scope without a 'channel' key. Did you make sure it's only being used for 'channel' type messages?");
        if (!Object.prototype.hasOwnProperty.call(this.application_mapping, String(scope.channel)))
          throw new ValueError(`No application configured for channel name ${py_repr(scope.channel)}`);
        return guarantee_single_callable(this.application_mapping[String(scope.channel)]);
      },
      (application) => application(scope, receive, send),
    );
  }
}
