/**
 * django.core.handlers.base: `settings.MIDDLEWARE` → an onion of callables → a response.
 *
 * `BaseHandler.load_middleware` builds the onion once: starting from `_get_response` (resolve the
 * URL, run `process_view` hooks, call the view, run `process_template_response` hooks, render), it
 * wraps each middleware around the previous layer, innermost last in the list first, and guards
 * every layer with `convert_exception_to_response`. `get_response(request)` then calls the outer
 * layer. Tracing sits at exactly this seam: each layer, each hook, the view.
 */
import { describe_error, error_type, fail_on_rejection, mark_bounded, span_close, span_fail, span_set, to_json, trace_site, tracing_enabled, type Attrs } from "../../../../trace";
import { ValueError } from "../../../python/builtins";
import { settings } from "../../conf";
import type { HttpRequest } from "../../http/request";
import type { HttpResponseBase } from "../../http/response";
import { get_resolver, set_urlconf, type ResolverMatch } from "../../urls";
import { log_response } from "../../utils/log";
import { ImportError, import_string } from "../../utils/module_loading";
import { ImproperlyConfigured, MiddlewareNotUsed } from "../exceptions";
import { convert_exception_to_response, type GetResponse } from "./exception";
import { callable_facts, describe_response, enter_layer, keep_json, layer_returned, leave_layer, type LayerState } from "./introspection";
import { MiddlewareMixin } from "../../utils/deprecation";

type MaybePromise<T> = T | Promise<T>;
type ViewMiddleware = (request: HttpRequest, view: Function, args: unknown[], kwargs: Record<string, unknown>) => MaybePromise<HttpResponseBase | null | undefined>;
type TemplateResponseMiddleware = (request: HttpRequest, response: HttpResponseBase) => MaybePromise<HttpResponseBase>;
type ExceptionMiddleware = (request: HttpRequest, exception: unknown) => HttpResponseBase | null | undefined;

const LAYER = trace_site("middleware", "django/core/handlers/base.ts#BaseHandler.load_middleware");
// Django's own middleware, the handler's core and its process_view hooks run only the framework's
// bounded code between their boundaries: the clock is read around user code, not around them (ADR 0040).
const OWN_LAYER = trace_site("middleware", "django/core/handlers/base.ts#BaseHandler.load_middleware", { bounded: true });
const CORE = trace_site("handler", "django/core/handlers/base.ts#BaseHandler._get_response", { bounded: true });
const HOOK = trace_site("middleware", "django/core/handlers/base.ts#BaseHandler._get_response");
const OWN_HOOK = trace_site("middleware", "django/core/handlers/base.ts#BaseHandler._get_response", { bounded: true });
const VIEW = trace_site("view", "django/core/handlers/base.ts#BaseHandler._get_response");
const RENDER = trace_site("handler", "django/core/handlers/base.ts#BaseHandler._get_response");

/** A loaded middleware: the instance and the name the trace shows. */
interface Loaded {
  path: string;
  instance: any;
}

/** A middleware hook as the handler keeps it: the method, and the names the trace shows (made once). */
interface Hook<M> {
  name: string;
  method: M;
  /** `CsrfViewMiddleware.process_view`… */
  label: string;
  /** Django's own middleware (its path is under `django.`): its hook's span is bounded. */
  own: boolean;
}

export class BaseHandler {
  _view_middleware: Hook<ViewMiddleware>[] = [];
  _template_response_middleware: Hook<TemplateResponseMiddleware>[] = [];
  _exception_middleware: Hook<ExceptionMiddleware>[] = [];
  _middleware_chain: GetResponse | null = null;
  /** Outermost first, as in settings.MIDDLEWARE; for the trace and the page's flow graph. */
  middleware_names: string[] = [];

  /** Build the onion from settings.MIDDLEWARE, innermost (last) first. */
  load_middleware(): void {
    this._view_middleware = [];
    this._template_response_middleware = [];
    this._exception_middleware = [];
    let handler = convert_exception_to_response(trace_layer("_get_response", (request) => this._get_response(request)));
    const loaded: string[] = [];
    for (const middleware_path of [...(settings.MIDDLEWARE as string[])].reverse()) {
      const factory = load_middleware_factory(middleware_path);
      let mw_instance: any;
      try {
        mw_instance = construct(factory, handler);
      } catch (e) {
        if (e instanceof MiddlewareNotUsed) continue; // Django logs this at DEBUG and skips it
        throw e;
      }
      if (mw_instance === null || mw_instance === undefined)
        throw new ImproperlyConfigured(`Middleware factory ${middleware_path} returned None.`);
      this.register_hooks({ path: middleware_path, instance: mw_instance });
      const own = is_django_middleware(middleware_path);
      if (own) mark_bounded(mw_instance);
      handler = convert_exception_to_response(trace_layer(middleware_path, as_callable(mw_instance), calls_mixin(mw_instance) ? mw_instance : null, own));
      loaded.unshift(middleware_path);
    }
    this.middleware_names = loaded;
    this._middleware_chain = handler;
  }

  /** process_view runs outermost first; template-response and exception hooks innermost first. */
  private register_hooks({ path, instance }: Loaded): void {
    const name = short_name(path);
    const own = is_django_middleware(path);
    if (typeof instance.process_view === "function")
      this._view_middleware.unshift({ name, method: instance.process_view.bind(instance), label: `${name}.process_view`, own });
    if (typeof instance.process_template_response === "function")
      this._template_response_middleware.push({ name, method: instance.process_template_response.bind(instance), label: `${name}.process_template_response`, own });
    if (typeof instance.process_exception === "function")
      this._exception_middleware.push({ name, method: instance.process_exception.bind(instance), label: `${name}.process_exception`, own });
  }

  /** Return a response for this request: set the URLconf, run the onion, log a 4xx/5xx once. */
  get_response(request: HttpRequest): MaybePromise<HttpResponseBase> {
    set_urlconf(settings.ROOT_URLCONF);
    if (!this._middleware_chain) throw new ImproperlyConfigured("load_middleware() has not been called.");
    const response = this._middleware_chain(request);
    return response instanceof Promise ? response.then((r) => finish_get_response(request, r)) : finish_get_response(request, response);
  }

  /** The core of the onion: resolve, process_view hooks, the view, template-response hooks, render. */
  _get_response(request: HttpRequest): MaybePromise<HttpResponseBase> {
    const match = this.resolve_request(request);
    const early = this.process_view_hooks(request, match);
    if (early instanceof Promise) return early.then((response) => this.after_view_hooks(request, match, response));
    return this.after_view_hooks(request, match, early);
  }

  /** A process_view hook's response short-circuits the view; otherwise call it, then finish its response. */
  private after_view_hooks(request: HttpRequest, match: ResolverMatch, response: HttpResponseBase | null): MaybePromise<HttpResponseBase> {
    if (response) return this.finish_response(request, response, match);
    const result = this.call_view(request, match);
    if (result instanceof Promise) return result.then((r) => this.finish_response(request, r, match));
    return this.finish_response(request, result, match);
  }

  /** Resolve `request.path_info` with the request's own URLconf if middleware set one. */
  resolve_request(request: HttpRequest): ResolverMatch {
    const own_urlconf = (request as unknown as { urlconf?: unknown }).urlconf;
    let resolver;
    if (own_urlconf !== undefined) {
      set_urlconf(own_urlconf as string);
      resolver = get_resolver(own_urlconf as string);
    } else {
      resolver = get_resolver();
    }
    const match = resolver.resolve(request.path_info);
    request.resolver_match = match;
    return match;
  }

  /** Each process_view in order; the first to return a response short-circuits the view. */
  private process_view_hooks(request: HttpRequest, match: ResolverMatch): MaybePromise<HttpResponseBase | null> {
    const hooks = this._view_middleware;
    const step = (i: number): MaybePromise<HttpResponseBase | null> => {
      if (i >= hooks.length) return null;
      const hook = hooks[i];
      const result = !tracing_enabled() ? hook.method(request, match.func, match.args, match.kwargs) : traced_process_view(hook, request, match);
      return then(result, (r) => (r ? r : step(i + 1)));
    };
    return step(0);
  }

  /** Call the view; if it raises, give process_exception hooks a chance to answer instead. */
  private call_view(request: HttpRequest, match: ResolverMatch): MaybePromise<HttpResponseBase> {
    const view = match.func as (...a: unknown[]) => MaybePromise<HttpResponseBase>;
    let result: MaybePromise<HttpResponseBase>;
    try {
      result = !tracing_enabled() ? call_with_kwargs(view, request, match.args, match.kwargs) : traced_view(view, request, match);
    } catch (e) {
      return this.recover_from_view(e, request);
    }
    if (result instanceof Promise) return result.then((r) => this.check_response(r, view), (e) => this.recover_from_view(e, request));
    return this.check_response(result, view);
  }

  /** The view raised: a process_exception hook's response replaces it, or the exception goes on. */
  private recover_from_view(e: unknown, request: HttpRequest): HttpResponseBase {
    const response = this.process_exception_by_middleware(e, request);
    if (!response) throw e;
    return response;
  }

  /** TemplateResponse: run process_template_response hooks, then render (render errors go to process_exception). */
  private finish_response(request: HttpRequest, response: HttpResponseBase, match: ResolverMatch): MaybePromise<HttpResponseBase> {
    this.check_response(response, match.func);
    const renderable = response as HttpResponseBase & { render?: () => HttpResponseBase };
    if (typeof renderable.render !== "function") return response;
    let current: HttpResponseBase = response;
    for (const { name, method, label } of this._template_response_middleware) {
      const given = current;
      current = HOOK.run(label, () => ({ middleware: name, phase: "process_template_response" }), () => method(request, given) as HttpResponseBase);
      this.check_response(current, method, label);
    }
    try {
      return RENDER.run("response.render()", undefined, () => (current as HttpResponseBase & { render: () => HttpResponseBase }).render());
    } catch (e) {
      const handled = this.process_exception_by_middleware(e, request);
      if (!handled) throw e;
      return handled;
    }
  }

  /** Django raises ValueError when a view (or hook) returns None or forgets to await. */
  check_response(response: unknown, callback: unknown, name?: string): HttpResponseBase {
    if (response === null || response === undefined) {
      const label = name ?? `The view ${view_path(callback)}`;
      throw new ValueError(`${name ? name : label} didn't return an HttpResponse object. It returned None instead.`);
    }
    if (response instanceof Promise) {
      const label = name ?? `The view ${view_path(callback)}`;
      throw new ValueError(`${label} didn't return an HttpResponse object. It returned an unawaited coroutine instead. You may need to add an 'await' into your view.`);
    }
    return response as HttpResponseBase;
  }

  /** process_exception hooks, innermost first; the first response wins. */
  process_exception_by_middleware(exception: unknown, request: HttpRequest): HttpResponseBase | null {
    for (const { name, method, label } of this._exception_middleware) {
      const response = HOOK.run(label, () => ({ middleware: name, phase: "process_exception", exception: error_type(exception) }), (span) => {
        const r = method(request, exception);
        if (r && span >= 0) span_set(span, { handled: true, response: describe_response(r) });
        return r;
      });
      if (response) return response;
    }
    return null;
  }
}

/** The onion answered: the request is closed with the response, and a 4xx/5xx is logged once. */
function finish_get_response(request: HttpRequest, response: HttpResponseBase): HttpResponseBase {
  response._resource_closers.push(() => (request as unknown as { close?: () => void }).close?.());
  if (response.status_code >= 400) log_response("%s: %s", [response.reason_phrase, request.path], { response, request });
  return response;
}

/** Import one MIDDLEWARE entry; a missing one is ImproperlyConfigured naming it, never skipped. */
function load_middleware_factory(middleware_path: string): unknown {
  try {
    return import_string(middleware_path);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    throw new ImproperlyConfigured(`MIDDLEWARE entry '${middleware_path}' could not be imported: ${e.message}.${not_yet_available(middleware_path)}`);
  }
}

const LATER = ["django.contrib.auth"];
function not_yet_available(path: string): string {
  return LATER.some((p) => path.startsWith(p))
    ? " Framework Lab does not implement django.contrib.auth yet; remove it from MIDDLEWARE for now."
    : "";
}

/** Middleware factories are classes (`new`) or plain functions (a closure over get_response). */
function construct(factory: unknown, get_response: GetResponse): unknown {
  if (typeof factory !== "function") throw new ImproperlyConfigured(`Middleware ${String(factory)} is not callable.`);
  const is_class = /^class[\s{]/.test(Function.prototype.toString.call(factory));
  return is_class ? new (factory as new (g: GetResponse) => unknown)(get_response) : (factory as (g: GetResponse) => unknown)(get_response);
}

/** A middleware of Django's own (`django.middleware.…`, `django.contrib.…`), not a project's: only the framework's bounded code runs in its spans. */
function is_django_middleware(path: string): boolean {
  return path.startsWith("django.");
}

/** Whether calling this middleware runs `MiddlewareMixin.__call__` itself (not an override of it). */
function calls_mixin(instance: unknown): instance is object {
  return instance instanceof MiddlewareMixin && (instance as { __call__: unknown }).__call__ === MiddlewareMixin.prototype.__call__;
}

/** A middleware instance is called like Python's `__call__`: a function, or an object with `__call__`. */
function as_callable(instance: any): GetResponse {
  if (typeof instance === "function") return instance;
  if (typeof instance.__call__ === "function") return (request) => instance.__call__(request);
  throw new ImproperlyConfigured(`Middleware ${instance?.constructor?.name ?? instance} is not callable: give it a __call__(request) method.`);
}

/**
 * The tracing seam: one span per layer of the onion. It records whether the layer called the next
 * one (if not, it short-circuited), the response it returned, and what it changed on the way out.
 * `owner` is the middleware instance when the layer calls `MiddlewareMixin.__call__` itself, whose
 * `process_response` span then shares this layer's snapshots (introspection.ts, LayerState).
 */
function trace_layer(path: string, layer: GetResponse, owner: object | null = null, own = false): GetResponse {
  const name = short_name(path);
  const innermost = path === "_get_response";
  const site = innermost ? CORE : own ? OWN_LAYER : LAYER;
  const traced_layer: GetResponse = (request) => {
    if (!tracing_enabled()) return layer(request);
    const state = enter_layer(owner);
    return finish_layer(site.open_with(name, innermost ? core_attrs : layer_attrs, name, path, state), state, layer, request);
  };
  Object.defineProperty(traced_layer, "__wrapped_name__", { value: name });
  return traced_layer;
}

function finish_layer(span: number, state: LayerState, layer: GetResponse, request: HttpRequest): MaybePromise<HttpResponseBase> {
  let result: MaybePromise<HttpResponseBase>;
  try {
    result = layer(request);
  } catch (e) {
    leave_layer(state);
    span_fail(span, { type: error_type(e), message: e instanceof Error ? e.message : String(e) });
    span_close(span);
    throw e;
  }
  if (result instanceof Promise)
    return result.then(
      (response) => close_layer(span, state, response),
      (e) => {
        leave_layer(state);
        span_fail(span, { type: error_type(e), message: String(e) });
        span_close(span);
        throw e;
      },
    );
  return close_layer(span, state, result);
}

/** A layer returned: what it did, captured now (the layers outside this one may change the response), made attrs when read. */
function close_layer(span: number, state: LayerState, response: HttpResponseBase): HttpResponseBase {
  layer_returned(state, response);
  span_close(span);
  return response;
}

/**
 * A layer's span attributes (built when the trace is read, from what was captured when it
 * returned): the response, and whether it short-circuited, replaced the inner response or changed
 * its headers. A layer that raised has only its name (its span carries the error).
 */
function layer_attrs(middleware: string, path: string, state: LayerState): Attrs {
  const described = state.final_described;
  if (described === null) return { middleware, path, phase: "__call__" };
  if (!state.reached) return { middleware, path, phase: "__call__", response: described, short_circuit: true };
  const replaced = state.inner_response !== null && state.inner_response !== state.final_response;
  return { middleware, path, phase: "__call__", response: described, short_circuit: false, response_replaced: replaced, header_changes: state.changes(state.inner_headers, state.final_headers) };
}

/** `_get_response`'s span: it has no inner layer to skip. */
function core_attrs(middleware: string, path: string, state: LayerState): Attrs {
  const described = state.final_described;
  return described === null ? { middleware, path, phase: "__call__" } : { middleware, path, phase: "__call__", response: described };
}

/**
 * A process_view hook inside its span. A response it returns short-circuits the view: described
 * now (the layers outside may change it). A promise closes the span when returned; it is marked
 * failed if it rejects, and its response described when it resolves.
 */
function traced_process_view(hook: Hook<ViewMiddleware>, request: HttpRequest, match: ResolverMatch): MaybePromise<HttpResponseBase | null | undefined> {
  const span = (hook.own ? OWN_HOOK : HOOK).open_with(hook.label, hook_attrs, hook.name, "process_view");
  let result: MaybePromise<HttpResponseBase | null | undefined>;
  try {
    result = hook.method(request, match.func, match.args, match.kwargs);
  } catch (e) {
    span_fail(span, describe_error(e));
    span_close(span);
    throw e;
  }
  if (!(result instanceof Promise)) {
    if (result && span >= 0) span_set(span, { short_circuit: true, response: describe_response(result) });
    span_close(span);
    return result;
  }
  span_close(span);
  return fail_on_rejection(
    span,
    result.then((r) => {
      if (r && span >= 0) span_set(span, { short_circuit: true, response: describe_response(r) });
      return r;
    }),
  );
}

function hook_attrs(middleware: string, phase: string): Attrs {
  return { middleware, phase };
}

/**
 * The view inside its span. Named and located once per view function (introspection.ts); its
 * args and kwargs are kept as they are given (the view may change them: copied now unless there
 * are none, or only strings and numbers, which are described when the trace is read).
 */
function traced_view(view: (...a: unknown[]) => MaybePromise<HttpResponseBase>, request: HttpRequest, match: ResolverMatch): MaybePromise<HttpResponseBase> {
  const facts = callable_facts(view);
  const span = VIEW.open_with(facts.name, view_attrs, facts.name, match_facts(match), undefined, facts.source);
  let result: MaybePromise<HttpResponseBase>;
  try {
    result = call_with_kwargs(view, request, match.args, match.kwargs);
  } catch (e) {
    span_fail(span, describe_error(e));
    span_close(span);
    throw e;
  }
  span_close(span);
  if (!(result instanceof Promise)) return result;
  return fail_on_rejection(span, result);
}

/** What a view span shows of the match, taken at the call. */
interface MatchFacts {
  args: unknown;
  kwargs: unknown;
  url_name: string | null;
  route: string | null;
}

function match_facts(match: ResolverMatch): MatchFacts {
  return { args: keep_json(match.args), kwargs: keep_json(match.kwargs), url_name: match.url_name ?? null, route: match.route ?? null };
}

function view_attrs(name: string, match: MatchFacts): Attrs {
  return { view: name, args: to_json(match.args), kwargs: to_json(match.kwargs), url_name: match.url_name, route: match.route };
}

function then<T, R>(value: MaybePromise<T>, fn: (v: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/** Python's `view(request, *args, **kwargs)`: kwargs become the trailing options object when present. */
function call_with_kwargs(view: (...a: unknown[]) => MaybePromise<HttpResponseBase>, request: HttpRequest, args: unknown[], kwargs: Record<string, unknown>) {
  return Object.keys(kwargs).length ? view(request, ...args, kwargs) : view(request, ...args);
}

function short_name(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}

function view_path(callback: unknown): string {
  const f = callback as { __module__?: string; __qualname__?: string; name?: string; view_class?: { name: string } };
  const name = f?.view_class?.name ?? f?.__qualname__ ?? f?.name ?? "view";
  return f?.__module__ ? `${f.__module__}.${name}` : name;
}
