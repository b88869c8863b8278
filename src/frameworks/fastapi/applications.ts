/**
 * fastapi.applications: `FastAPI(...)` — a Starlette application whose router is an `APIRouter`,
 * with FastAPI's exception handlers (HTTPException → `{"detail": ...}`, RequestValidationError →
 * the 422), the generated OpenAPI document at `openapi_url`, and the `/docs` and `/redoc` pages.
 *
 * The middleware stack, built on the first request, is Starlette's plus FastAPI's exit-stack
 * layer: ServerErrorMiddleware → the user's middleware (the last added is the outermost) →
 * ExceptionMiddleware → AsyncExitStackMiddleware → the router. `@app.middleware("http")` adds a
 * `BaseHTTPMiddleware` around a dispatch function; `@app.exception_handler(Exc)` registers a
 * handler; `app.get(path, {...})(handler)` (and post, put, …) add path operations;
 * `app.dependency_overrides` swaps a dependency for another. Main class: `FastAPI`.
 */
import { AsyncExitStack } from "../python/contextlib";
import { Exception } from "../python/builtins";
import { Starlette } from "../starlette/applications";
import { State } from "../starlette/datastructures";
import { HTTPException as StarletteHTTPException } from "../starlette/exceptions";
import { Middleware } from "../starlette/middleware";
import { BaseHTTPMiddleware, type DispatchFunction } from "../starlette/middleware/base";
import { ServerErrorMiddleware } from "../starlette/middleware/errors";
import { ExceptionMiddleware } from "../starlette/middleware/exceptions";
import type { Request } from "../starlette/requests";
import { HTMLResponse, JSONResponse, type Response } from "../starlette/responses";
import type { BaseRoute, LifespanContext } from "../starlette/routing";
import { call_app, type ASGIAppLike, type ExceptionHandler, type Receive, type Scope, type Send } from "../starlette/types";
import { trace_site, tracing_enabled, type Json } from "../../trace";
import { Default, type DefaultPlaceholder } from "./datastructures";
import type { Call } from "./dependencies/models";
import type { SignatureTable } from "./dependencies/utils";
import { http_exception_handler, request_validation_exception_handler, websocket_request_validation_exception_handler } from "./exception_handlers";
import { RequestValidationError, WebSocketRequestValidationError } from "./exceptions";
import { get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html } from "./openapi/docs";
import { get_openapi } from "./openapi/utils";
import type * as params from "./params";
import { py_set_order } from "../python/hash";
import { APIRoute, APIRouter, type EventHandler, type Handler, type IncludeOptions, type RouteOptions } from "./routing";

const OPENAPI = trace_site("handler", "fastapi/applications.ts#FastAPI.openapi");

type ResponseClass = new (content?: any, options?: any) => Response;

export interface FastAPIOptions {
  debug?: boolean;
  routes?: BaseRoute[] | null;
  title?: string;
  summary?: string | null;
  description?: string;
  version?: string;
  openapi_url?: string | null;
  openapi_tags?: Record<string, unknown>[] | null;
  servers?: Record<string, unknown>[] | null;
  dependencies?: params.Depends[] | null;
  default_response_class?: ResponseClass | DefaultPlaceholder<ResponseClass>;
  redirect_slashes?: boolean;
  docs_url?: string | null;
  redoc_url?: string | null;
  swagger_ui_oauth2_redirect_url?: string | null;
  swagger_ui_init_oauth?: Record<string, unknown> | null;
  middleware?: Middleware[] | null;
  exception_handlers?: Map<Function | number, ExceptionHandler> | null;
  lifespan?: LifespanContext | null;
  on_startup?: EventHandler[] | null;
  on_shutdown?: EventHandler[] | null;
  terms_of_service?: string | null;
  contact?: Record<string, unknown> | null;
  license_info?: Record<string, unknown> | null;
  root_path?: string;
  root_path_in_servers?: boolean;
  responses?: Record<string | number, Record<string, any>> | null;
  deprecated?: boolean | null;
  include_in_schema?: boolean;
  swagger_ui_parameters?: Record<string, unknown> | null;
  separate_input_output_schemas?: boolean;
  openapi_external_docs?: Record<string, unknown> | null;
}

/** `AsyncExitStackMiddleware`: one exit stack per request, for what must close after the response (form files). */
export class AsyncExitStackMiddleware {
  constructor(
    readonly app: ASGIAppLike,
    readonly context_name = "fastapi_middleware_astack",
  ) {}

  /** `async with AsyncExitStack() as stack: scope[context_name] = stack; await self.app(scope, receive, send)` */
  async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    const stack = new AsyncExitStack();
    scope[this.context_name] = stack;
    try {
      await call_app(this.app, scope, receive, send);
    } catch (e) {
      await stack.aclose(e); // re-raises e unless an exit swallowed it
      return;
    }
    if (stack.entered()) await stack.aclose();
  }
}

export class FastAPI extends Starlette {
  title: string;
  summary: string | null;
  description: string;
  version: string;
  openapi_version = "3.1.0";
  openapi_url: string | null;
  openapi_tags: Record<string, unknown>[] | null;
  servers: Record<string, unknown>[];
  docs_url: string | null;
  redoc_url: string | null;
  swagger_ui_oauth2_redirect_url: string | null;
  swagger_ui_init_oauth: Record<string, unknown> | null;
  swagger_ui_parameters: Record<string, unknown> | null;
  terms_of_service: string | null;
  contact: Record<string, unknown> | null;
  license_info: Record<string, unknown> | null;
  root_path: string;
  root_path_in_servers: boolean;
  separate_input_output_schemas: boolean;
  openapi_external_docs: Record<string, unknown> | null;
  openapi_schema: Record<string, unknown> | null = null;
  /** `app.dependency_overrides[original] = replacement` */
  dependency_overrides = new Map<unknown, Call>();
  declare router: APIRouter;

  constructor(options: FastAPIOptions = {}) {
    super({ debug: options.debug ?? false });
    this.title = options.title ?? "FastAPI";
    this.summary = options.summary ?? null;
    this.description = options.description ?? "";
    this.version = options.version ?? "0.1.0";
    this.openapi_url = options.openapi_url === undefined ? "/openapi.json" : options.openapi_url;
    this.openapi_tags = options.openapi_tags ?? null;
    this.servers = options.servers ?? [];
    this.docs_url = options.docs_url === undefined ? "/docs" : options.docs_url;
    this.redoc_url = options.redoc_url === undefined ? "/redoc" : options.redoc_url;
    this.swagger_ui_oauth2_redirect_url = options.swagger_ui_oauth2_redirect_url === undefined ? "/docs/oauth2-redirect" : options.swagger_ui_oauth2_redirect_url;
    this.swagger_ui_init_oauth = options.swagger_ui_init_oauth ?? null;
    this.swagger_ui_parameters = options.swagger_ui_parameters ?? null;
    this.terms_of_service = options.terms_of_service ?? null;
    this.contact = options.contact ?? null;
    this.license_info = options.license_info ?? null;
    this.root_path = options.root_path ?? "";
    this.root_path_in_servers = options.root_path_in_servers ?? true;
    this.separate_input_output_schemas = options.separate_input_output_schemas ?? true;
    this.openapi_external_docs = options.openapi_external_docs ?? null;
    this.state = new State();
    this.router = new APIRouter({
      routes: options.routes ?? null,
      redirect_slashes: options.redirect_slashes ?? true,
      dependency_overrides_provider: this,
      lifespan: options.lifespan ?? null,
      on_startup: options.on_startup ?? null,
      on_shutdown: options.on_shutdown ?? null,
      default_response_class: options.default_response_class ?? Default(JSONResponse as ResponseClass),
      dependencies: options.dependencies ?? null,
      deprecated: options.deprecated ?? null,
      include_in_schema: options.include_in_schema ?? true,
      responses: options.responses ?? null,
    });
    this.exception_handlers = new Map(options.exception_handlers ?? []);
    if (!this.exception_handlers.has(StarletteHTTPException)) this.exception_handlers.set(StarletteHTTPException, http_exception_handler);
    if (!this.exception_handlers.has(RequestValidationError)) this.exception_handlers.set(RequestValidationError, request_validation_exception_handler);
    if (!this.exception_handlers.has(WebSocketRequestValidationError)) this.exception_handlers.set(WebSocketRequestValidationError, websocket_request_validation_exception_handler);
    this.user_middleware = options.middleware ? [...options.middleware] : [];
    this.setup();
  }

  /** ServerErrorMiddleware → user middleware → ExceptionMiddleware → AsyncExitStackMiddleware → router. */
  override build_middleware_stack(): ASGIAppLike {
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
      new Middleware(AsyncExitStackMiddleware),
    ];
    let app: ASGIAppLike = this.router;
    for (const m of [...middleware].reverse()) app = m.build(app);
    return app;
  }

  /** The OpenAPI document (generated once, then kept in `app.openapi_schema`). */
  openapi(): Record<string, unknown> {
    if (!this.openapi_schema) {
      const routes = this.routes.length;
      this.openapi_schema = OPENAPI.run("get_openapi", () => ({ routes }), () =>
        get_openapi({
          title: this.title,
          version: this.version,
          openapi_version: this.openapi_version,
          summary: this.summary,
          description: this.description,
          terms_of_service: this.terms_of_service,
          contact: this.contact,
          license_info: this.license_info,
          routes: this.routes,
          tags: this.openapi_tags,
          servers: this.servers,
          separate_input_output_schemas: this.separate_input_output_schemas,
          external_docs: this.openapi_external_docs,
        }),
      );
    }
    return this.openapi_schema;
  }

  /** Add the routes for `openapi_url`, `docs_url` (and its OAuth2 redirect page) and `redoc_url`. */
  setup(): void {
    if (this.openapi_url) {
      const app = this;
      this.add_route(
        this.openapi_url,
        async function openapi(request: Request) {
          const root_path = String(request.scope.root_path ?? "").replace(/\/+$/, "");
          let schema = app.openapi();
          if (tracing_enabled()) OPENAPI.event("openapi operations", () => ({ operations: operations_of(app.routes) }));
          if (root_path && app.root_path_in_servers) {
            const urls = new Set(((schema.servers as { url?: string }[]) ?? []).map((s) => s.url));
            if (!urls.has(root_path)) schema = { ...schema, servers: [{ url: root_path }, ...((schema.servers as unknown[]) ?? [])] };
          }
          return new JSONResponse(schema);
        },
        { include_in_schema: false },
      );
    }
    if (this.openapi_url && this.docs_url) {
      const app = this;
      this.add_route(
        this.docs_url,
        async function swagger_ui_html(request: Request): Promise<HTMLResponse> {
          const root_path = String(request.scope.root_path ?? "").replace(/\/+$/, "");
          const redirect = app.swagger_ui_oauth2_redirect_url ? root_path + app.swagger_ui_oauth2_redirect_url : null;
          return get_swagger_ui_html({ openapi_url: root_path + app.openapi_url, title: `${app.title} - Swagger UI`, oauth2_redirect_url: redirect, init_oauth: app.swagger_ui_init_oauth, swagger_ui_parameters: app.swagger_ui_parameters });
        },
        { include_in_schema: false },
      );
      if (this.swagger_ui_oauth2_redirect_url) {
        this.add_route(this.swagger_ui_oauth2_redirect_url, async function swagger_ui_redirect() {
          return get_swagger_ui_oauth2_redirect_html();
        }, { include_in_schema: false });
      }
    }
    if (this.openapi_url && this.redoc_url) {
      const app = this;
      this.add_route(
        this.redoc_url,
        async function redoc_html(request: Request): Promise<HTMLResponse> {
          const root_path = String(request.scope.root_path ?? "").replace(/\/+$/, "");
          return get_redoc_html({ openapi_url: root_path + app.openapi_url, title: `${app.title} - ReDoc` });
        },
        { include_in_schema: false },
      );
    }
  }

  override __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (this.root_path) scope.root_path = this.root_path;
    return super.__call__(scope, receive, send);
  }

  // Path operations ---------------------------------------------------------------------------

  add_api_route(path: string, endpoint: Call, options: RouteOptions = {}): APIRoute {
    return this.router.add_api_route(path, endpoint, options);
  }

  api_route<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}) {
    return this.router.api_route(path, options);
  }

  get<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}): <F extends Handler<P>>(handler: F) => F {
    return this.router.get(path, options);
  }
  put<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}): <F extends Handler<P>>(handler: F) => F {
    return this.router.put(path, options);
  }
  post<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}): <F extends Handler<P>>(handler: F) => F {
    return this.router.post(path, options);
  }
  delete<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}): <F extends Handler<P>>(handler: F) => F {
    return this.router.delete(path, options);
  }
  options<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}): <F extends Handler<P>>(handler: F) => F {
    return this.router.options(path, options);
  }
  head<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}): <F extends Handler<P>>(handler: F) => F {
    return this.router.head(path, options);
  }
  patch<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}): <F extends Handler<P>>(handler: F) => F {
    return this.router.patch(path, options);
  }
  trace<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}): <F extends Handler<P>>(handler: F) => F {
    return this.router.trace(path, options);
  }

  websocket(path: string, options: { name?: string | null } = {}) {
    return this.router.websocket(path, options);
  }

  include_router(router: APIRouter, options: IncludeOptions = {}): void {
    this.router.include_router(router, options);
  }

  /** `@app.on_event("startup" | "shutdown")` (deprecated: a lifespan replaces it; ignored when the app has one). */
  on_event(event_type: string): <F extends EventHandler>(func: F) => F {
    return this.router.on_event(event_type);
  }

  add_event_handler(event_type: string, func: EventHandler): void {
    this.router.add_event_handler(event_type, func);
  }

  /** `@app.middleware("http")`: a function `(request, call_next) → response` becomes a BaseHTTPMiddleware. */
  middleware(middleware_type: "http"): <F extends DispatchFunction>(func: F) => F {
    return (func) => {
      if (middleware_type === "http") this.add_middleware(BaseHTTPMiddleware, func);
      return func;
    };
  }

  /** `@app.exception_handler(ExcClass | status_code)` */
  exception_handler(exc_class_or_status_code: Function | number): <F extends ExceptionHandler>(func: F) => F {
    return (func) => {
      this.add_exception_handler(exc_class_or_status_code, func);
      return func;
    };
  }
}

/** Each documented operation and where its handler is declared (the OpenAPI panel links them). */
function operations_of(routes: BaseRoute[]): Json[] {
  const out: Json[] = [];
  for (const route of routes) {
    if (!(route instanceof APIRoute) || !route.include_in_schema) continue;
    for (const method of py_set_order(route.methods))
      out.push({ method: method.toLowerCase(), path: route.path_format, operationId: route.operation_id ?? route.unique_id, handler: route.name, source: route.source });
  }
  return out;
}
