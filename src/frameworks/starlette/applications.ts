/**
 * starlette.applications: `Starlette(...)` — routes, middleware and exception handlers → one
 * ASGI application.
 *
 * The first request builds the middleware stack once (`build_middleware_stack`), outermost
 * first: `ServerErrorMiddleware` (500s; the handler registered for 500 or Exception), the user's
 * middleware in the order given, `ExceptionMiddleware` (every other exception handler), then the
 * `Router`. `await app(scope, receive, send)` puts the app in `scope["app"]` and calls the stack.
 * Main class: `Starlette`.
 */
import { Exception, RuntimeError } from "../python/builtins";
import { State, type URLPath } from "./datastructures";
import { Middleware } from "./middleware";
import { ServerErrorMiddleware } from "./middleware/errors";
import { ExceptionMiddleware } from "./middleware/exceptions";
import { BaseRoute, Router, type LifespanContext, type RouteOptions } from "./routing";
import { call_app, type ASGIAppLike, type ExceptionHandler, type Receive, type Scope, type Send } from "./types";

export interface StarletteOptions {
  debug?: boolean;
  routes?: BaseRoute[] | null;
  middleware?: Middleware[] | null;
  exception_handlers?: Map<Function | number, ExceptionHandler> | null;
  lifespan?: LifespanContext | null;
}

export class Starlette {
  debug: boolean;
  state: State;
  router: Router;
  exception_handlers: Map<Function | number, ExceptionHandler>;
  user_middleware: Middleware[];
  middleware_stack: ASGIAppLike | null = null;

  constructor(options: StarletteOptions = {}) {
    this.debug = options.debug ?? false;
    this.state = new State();
    this.router = new Router(options.routes ?? null, { lifespan: options.lifespan ?? null });
    this.exception_handlers = new Map(options.exception_handlers ?? []);
    this.user_middleware = options.middleware ? [...options.middleware] : [];
  }

  /** ServerErrorMiddleware → user middleware → ExceptionMiddleware → router. */
  build_middleware_stack(): ASGIAppLike {
    let error_handler: ExceptionHandler | null = null;
    const exception_handlers = new Map<Function | number, ExceptionHandler>();
    for (const [key, value] of this.exception_handlers) {
      if (key === 500 || key === Exception || key === Error) error_handler = value;
      else exception_handlers.set(key, value);
    }
    const middleware = [
      new Middleware(ServerErrorMiddleware, { handler: error_handler, debug: this.debug }),
      ...this.user_middleware,
      new Middleware(ExceptionMiddleware, { handlers: exception_handlers, debug: this.debug }),
    ];
    let app: ASGIAppLike = this.router;
    for (const m of [...middleware].reverse()) app = m.build(app);
    return app;
  }

  get routes(): BaseRoute[] {
    return this.router.routes;
  }

  url_path_for(name: string, path_params: Record<string, unknown> = {}): URLPath {
    return this.router.url_path_for(name, path_params);
  }

  __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    scope.app = this;
    try {
      if (this.middleware_stack === null) this.middleware_stack = this.build_middleware_stack();
    } catch (e) {
      return Promise.reject(e);
    }
    return call_app(this.middleware_stack, scope, receive, send);
  }

  /** The app as a plain ASGI callable (what the server is given). */
  get asgi(): (scope: Scope, receive: Receive, send: Send) => Promise<void> {
    return (scope, receive, send) => this.__call__(scope, receive, send);
  }

  /** `mount(path, app, name=None)`: the name positionally or as `{ name }`. */
  mount(path: string, app: ASGIAppLike, name: string | null | { name?: string | null } = null): void {
    if (name !== null && typeof name === "object") name = name.name ?? null;
    this.router.mount(path, app, name);
  }

  /** `app.add_middleware(CORSMiddleware, { allow_origins: [...] })`: the newest is the outermost. */
  add_middleware(middleware_class: Middleware["cls"], ...args: unknown[]): void {
    if (this.middleware_stack !== null) throw new RuntimeError("Cannot add middleware after an application has started");
    this.user_middleware.unshift(new Middleware(middleware_class, ...args));
  }

  add_exception_handler(exc_class_or_status_code: Function | number, handler: ExceptionHandler): void {
    this.exception_handlers.set(exc_class_or_status_code, handler);
  }

  add_route(path: string, route: unknown, options: RouteOptions = {}): void {
    this.router.add_route(path, route, options);
  }

  add_websocket_route(path: string, route: unknown, name: string | null = null): void {
    this.router.add_websocket_route(path, route, name);
  }
}
