/**
 * django.views.generic.base: a view *class* → a view *function* (`as_view()`), and the first
 * generic views built on it.
 *
 * `View.as_view(initkwargs)` returns `view(request, ...args, kwargs)`; each request builds a fresh
 * instance, `setup()` stores request/args/kwargs on it, and `dispatch()` picks the handler named
 * after the HTTP method (`get`, `post`, …) or answers 405. Mixins supply the rest:
 * `ContextMixin` (template context), `TemplateResponseMixin` (a TemplateResponse from
 * `template_name`). `TemplateView` and `RedirectView` are the two ready-made views here.
 *
 * Classes are Python classes with multiple inheritance (python/mro.ts): the MRO is Django's, and
 * `super.method()` follows it. Class attributes are `static` fields (docs/adr/0008).
 *
 *     export class AboutView extends TemplateView { static template_name = "about.html"; }
 *     urlpatterns = [path("about/", AboutView.as_view())]
 */
import { AttributeError, TypeError, KeyError, py_repr } from "../../../python/builtins";
import { PyObject, python_class, class_hasattr, class_name, type PyClass } from "../../../python/mro";
import { getLogger, log_options } from "../../../python/logging";
import { ImproperlyConfigured } from "../../core/exceptions";
import type { HttpRequest } from "../../http/request";
import { HttpResponse, HttpResponseGone, HttpResponseNotAllowed, HttpResponsePermanentRedirect, HttpResponseRedirect, type HttpResponseBase } from "../../http/response";
import { TemplateResponse } from "../../template/response";
import { reverse } from "../../urls/base";
import { log_response } from "../../utils/log";
import { instrument_view_class } from "./method_trace";

export type Kwargs = Record<string, any>;
export type Context = Record<string, any>;

const logger = getLogger("django.request");

/** `(request, *args, **kwargs)` arrives as `(request, ...args, kwargs)`: split the trailing kwargs off. */
export function split_args(rest: unknown[]): [unknown[], Kwargs] {
  const last = rest[rest.length - 1];
  if (last !== null && typeof last === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(last))) return [rest.slice(0, -1), last as Kwargs];
  return [rest, {}];
}

/** The view function `as_view()` returns, with what Django puts on it. */
export type ViewFunction = ((request: HttpRequest, ...args: unknown[]) => HttpResponseBase | Promise<HttpResponseBase>) & {
  view_class: PyClass;
  view_initkwargs: Kwargs;
  __module__?: string;
};

export const ContextMixin = python_class("django.views.generic.base", [], (Base) =>
  /** A default context mixin that passes the keyword arguments received by get_context_data() as the template context. */
  class ContextMixin extends Base {
    static extra_context: Context | null = null;
    declare extra_context: Context | null;

    get_context_data(kwargs: Kwargs = {}): Context {
      if (!("view" in kwargs)) kwargs.view = this;
      if (this.extra_context !== null) Object.assign(kwargs, this.extra_context);
      return kwargs;
    }
  },
);

export const View = python_class("django.views.generic.base", [], (Base) =>
  /** Intentionally simple parent class for all views. Only implements dispatch-by-method and simple sanity checking. */
  class View extends Base {
    static http_method_names: string[] = ["get", "post", "put", "patch", "delete", "head", "options", "trace"];
    declare http_method_names: string[];
    declare request: HttpRequest;
    declare args: unknown[];
    declare kwargs: Kwargs;

    /** Constructor. Called in the URLconf; can contain helpful extra keyword arguments, and other things. */
    override __init__(kwargs: Kwargs = {}): void {
      for (const [key, value] of Object.entries(kwargs)) this[key] = value;
    }

    /** True when the HTTP handlers are async functions (they must be all async or all sync). */
    static get view_is_async(): boolean {
      const handlers = this.http_method_names.filter((m) => m !== "options" && class_hasattr(this, m)).map((m) => this.prototype[m]);
      if (!handlers.length) return false;
      const is_async = is_coroutine_function(handlers[0]);
      if (!handlers.every((h) => is_coroutine_function(h) === is_async))
        throw new ImproperlyConfigured(`${class_name(this)} HTTP handlers must either be all sync or all async.`);
      return is_async;
    }

    /** Main entry point for a request-response process (a classonlymethod in Django). */
    static as_view(initkwargs: Kwargs = {}): ViewFunction {
      check_initkwargs(this, initkwargs);
      instrument_view_class(this);
      const cls = this;
      const view = function view(request: HttpRequest, ...rest: unknown[]) {
        const self = new cls();
        self.__init__({ ...initkwargs });
        const [args, kwargs] = split_args(rest);
        self.setup(request, ...args, kwargs);
        if (!("request" in self))
          throw new AttributeError(`${cls.name} instance has no 'request' attribute. Did you override setup() and forget to call super()?`);
        return self.dispatch(request, ...args, kwargs);
      } as ViewFunction;
      view.view_class = cls;
      view.view_initkwargs = initkwargs;
      view.__module__ = cls.__module__;
      // Decorators applied to dispatch (csrf_exempt …) mark the view function too.
      const dispatch = cls.prototype.dispatch as unknown as Record<string, unknown>;
      for (const key of Object.keys(dispatch)) (view as unknown as Record<string, unknown>)[key] = dispatch[key];
      return view;
    }

    /** Initialize attributes shared by all view methods. */
    setup(request: HttpRequest, ...rest: unknown[]): void {
      if ("get" in this && !("head" in this)) this.head = this.get;
      const [args, kwargs] = split_args(rest);
      this.request = request;
      this.args = args;
      this.kwargs = kwargs;
    }

    /** Try to dispatch to the right method; if a method doesn't exist, defer to the error handler. */
    dispatch(request: HttpRequest, ...rest: unknown[]): HttpResponseBase | Promise<HttpResponseBase> {
      const method = (request.method ?? "").toLowerCase();
      let handler = this.http_method_not_allowed;
      if (this.http_method_names.includes(method) && typeof this[method] === "function") handler = this[method];
      return handler.call(this, request, ...rest);
    }

    http_method_not_allowed(request: HttpRequest, ..._rest: unknown[]): HttpResponseBase | Promise<HttpResponseBase> {
      const response = new HttpResponseNotAllowed(this._allowed_methods());
      log_response("Method Not Allowed (%s): %s", [request.method, request.path], { response, request });
      return (this.constructor as typeof View).view_is_async ? Promise.resolve(response) : response;
    }

    /** Handle responding to requests for the OPTIONS HTTP verb. */
    options(_request: HttpRequest, ..._rest: unknown[]): HttpResponseBase | Promise<HttpResponseBase> {
      const response = new HttpResponse();
      response.set("Allow", this._allowed_methods().join(", "));
      response.set("Content-Length", "0");
      return (this.constructor as typeof View).view_is_async ? Promise.resolve(response) : response;
    }

    _allowed_methods(): string[] {
      return this.http_method_names.filter((m) => m in this).map((m) => m.toUpperCase());
    }
  },
);
export type View = InstanceType<typeof View>;

/** as_view() accepts only keyword arguments that are already attributes of the class. */
function check_initkwargs(cls: PyClass, initkwargs: Kwargs): void {
  for (const key of Object.keys(initkwargs)) {
    if (cls.http_method_names.includes(key)) throw new TypeError(`The method name ${key} is not accepted as a keyword argument to ${cls.name}().`);
    if (!class_hasattr(cls, key))
      throw new TypeError(`${cls.name}() received an invalid keyword ${py_repr(key)}. as_view only accepts arguments that are already attributes of the class.`);
  }
}

function is_coroutine_function(fn: unknown): boolean {
  return typeof fn === "function" && fn.constructor?.name === "AsyncFunction";
}

export const TemplateResponseMixin = python_class("django.views.generic.base", [], (Base) =>
  /** A mixin that can be used to render a template. */
  class TemplateResponseMixin extends Base {
    static template_name: string | null = null;
    static template_engine: string | null = null;
    static response_class: typeof TemplateResponse = TemplateResponse;
    static content_type: string | null = null;
    declare template_name: string | null;
    declare template_engine: string | null;
    declare response_class: typeof TemplateResponse;
    declare content_type: string | null;

    /** Return a response, using the `response_class` for this view, with a template rendered with the given context. */
    render_to_response(context: Context, response_kwargs: Kwargs = {}): HttpResponseBase {
      const { content_type = this.content_type, ...rest } = response_kwargs;
      const template_names: string[] = this.get_template_names();
      return new this.response_class(this.request, template_names, context, { ...rest, content_type: content_type ?? undefined, using: this.template_engine ?? undefined });
    }

    /** Return a list of template names to be used for the request. Must return a list. */
    get_template_names(): string[] {
      if (this.template_name === null)
        throw new ImproperlyConfigured("TemplateResponseMixin requires either a definition of 'template_name' or an implementation of 'get_template_names()'");
      return [this.template_name];
    }
  },
);

export const TemplateView = python_class("django.views.generic.base", [TemplateResponseMixin, ContextMixin, View], (Base) =>
  /** Render a template. Pass keyword arguments from the URLconf to the context. */
  class TemplateView extends Base {
    get(_request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      const [, kwargs] = split_args(rest);
      const context = this.get_context_data({ ...kwargs });
      return this.render_to_response(context);
    }
  },
);
export type TemplateView = InstanceType<typeof TemplateView>;

export const RedirectView = python_class("django.views.generic.base", [View], (Base) =>
  /** Provide a redirect on any GET request. */
  class RedirectView extends Base {
    static permanent = false;
    static url: string | null = null;
    static pattern_name: string | null = null;
    static query_string = false;
    declare permanent: boolean;
    declare url: string | null;
    declare pattern_name: string | null;
    declare query_string: boolean;

    /** The URL to redirect to: `url % kwargs`, or the reversed `pattern_name`, or None (410 Gone). */
    get_redirect_url(...rest: unknown[]): string | null {
      const [args, kwargs] = split_args(rest);
      let url: string;
      if (this.url) url = percent_format_mapping(this.url, kwargs);
      else if (this.pattern_name) url = reverse(this.pattern_name, { args, kwargs });
      else return null;
      const query = (this.request.META.QUERY_STRING as string | undefined) ?? "";
      if (query && this.query_string) url = `${url}?${query}`;
      return url;
    }

    get(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      const url = this.get_redirect_url(...rest);
      if (url) return this.permanent ? new HttpResponsePermanentRedirect(url) : new HttpResponseRedirect(url);
      logger.warning("Gone: %s", request.path, log_options({ extra: { status_code: 410, request } }));
      return new HttpResponseGone();
    }

    head(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      return this.get(request, ...rest);
    }
    post(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      return this.get(request, ...rest);
    }
    override options(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      return this.get(request, ...rest);
    }
    delete(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      return this.get(request, ...rest);
    }
    put(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      return this.get(request, ...rest);
    }
    patch(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      return this.get(request, ...rest);
    }
  },
);
export type RedirectView = InstanceType<typeof RedirectView>;

/**
 * Python's `format % mapping` (RedirectView's `url % kwargs`): `%(name)s` takes a key, `%%` is a
 * percent sign; any other conversion receives the whole dict, so `%2F` (an escaped slash) fails
 * with "must be real number, not dict" exactly as in Django.
 */
export function percent_format_mapping(format: string, mapping: Kwargs): string {
  return format.replace(/%(?:\((\w*)\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g, (_whole, key: string | undefined, _f, _w, _p, conv: string) => {
    if (conv === "%" && key === undefined) return "%";
    if (key === undefined) {
      if (conv === "s" || conv === "r" || conv === "a") return py_repr(mapping);
      if ("eEfFgG".includes(conv)) throw new TypeError("must be real number, not dict");
      throw new TypeError(`%${conv} format: ${"xXoc".includes(conv) ? "an integer" : "a real number"} is required, not dict`);
    }
    if (!(key in mapping)) throw new KeyError(key);
    const value = mapping[key];
    if (conv === "r") return py_repr(value);
    if ("diu".includes(conv)) return String(Math.trunc(Number(value)));
    return String(value);
  });
}

export { PyObject };
