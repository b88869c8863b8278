/**
 * django.core.handlers.wsgi: the WSGI application — an environ and `start_response` in, an iterable
 * of bytes out.
 *
 * `WSGIHandler` is what `get_wsgi_application()` returns and what the gateway (the simulated web
 * server) calls per request: it sends `request_started`, builds a WSGIRequest from the environ,
 * asks BaseHandler for a response, and hands the status line and headers (each cookie as its own
 * Set-Cookie) to `start_response`. `request_finished` is sent when the server closes the response.
 */
import { describe_error, fail_on_rejection, mark_bounded, span_close, span_fail, trace_site, tracing_enabled, type Attrs } from "../../../../trace";
import { setup } from "../../setup";
import { set_script_prefix } from "../../urls";
import type { HttpResponseBase } from "../../http/response";
import { request_started } from "../signals";
import { BaseHandler } from "./base";
import { WSGIRequest } from "./wsgi_request";

export { WSGIRequest, LimitedStream } from "./wsgi_request";

export type WSGIEnviron = Record<string, any>;
export type StartResponse = (status: string, headers: [string, string][], exc_info?: unknown) => (data: Uint8Array) => void;

const LOAD = trace_site("handler", "django/core/handlers/wsgi.ts#WSGIHandler.__init__");
const GET_RESPONSE = trace_site("handler", "django/core/handlers/wsgi.ts#WSGIHandler.__call__", { bounded: true });

export class WSGIHandler extends BaseHandler {
  request_class = WSGIRequest;

  constructor() {
    super();
    LOAD.run("load_middleware", undefined, () => this.load_middleware());
  }

  /** PEP 3333's `application(environ, start_response)`. */
  __call__(environ: WSGIEnviron, start_response: StartResponse): HttpResponseBase | Promise<HttpResponseBase> {
    set_script_prefix(get_script_name(environ));
    request_started.send(WSGIHandler, { environ });
    const request = new this.request_class(environ);
    const response = tracing_enabled() ? traced_get_response(this, request) : this.get_response(request);
    return response instanceof Promise ? response.then((r) => start_wsgi_response(r, start_response)) : start_wsgi_response(response, start_response);
  }

  /** Let the handler be passed around as a plain WSGI callable. */
  as_wsgi_app(): (environ: WSGIEnviron, start_response: StartResponse) => HttpResponseBase | Promise<HttpResponseBase> {
    const app = (environ: WSGIEnviron, start_response: StartResponse) => this.__call__(environ, start_response);
    // Only Django's own bounded code runs in the gateway's span around it (ADR 0040); a project's
    // WSGI wrapper around it is another application, and keeps the clock read.
    return mark_bounded(Object.assign(app, { handler: this }));
  }
}

/** `get_response` inside its span (the request's path and method, strings, kept as they are). */
function traced_get_response(handler: WSGIHandler, request: WSGIRequest): HttpResponseBase | Promise<HttpResponseBase> {
  const span = GET_RESPONSE.open_with("get_response", get_response_attrs, request.path, request.method);
  let response: HttpResponseBase | Promise<HttpResponseBase>;
  try {
    response = handler.get_response(request);
  } catch (e) {
    span_fail(span, describe_error(e));
    span_close(span);
    throw e;
  }
  span_close(span);
  if (!(response instanceof Promise)) return response;
  return fail_on_rejection(span, response);
}

function get_response_attrs(path: string, method: string | null): Attrs {
  return { path, method };
}

/** The status line and headers (each cookie its own Set-Cookie) to the server; the response is the body. */
function start_wsgi_response(response: HttpResponseBase, start_response: StartResponse): HttpResponseBase {
  (response as unknown as { _handler_class: unknown })._handler_class = WSGIHandler;
  start_response(`${response.status_code} ${response.reason_phrase}`, response.wsgi_headers());
  return response;
}

/** `django.core.wsgi.get_wsgi_application()`: set Django up, then build the handler once. */
export function get_wsgi_application(): ReturnType<WSGIHandler["as_wsgi_app"]> {
  setup({ set_prefix: false });
  return new WSGIHandler().as_wsgi_app();
}

/** SCRIPT_NAME with FORCE_SCRIPT_NAME honoured; the URL prefix reverse() puts before every path. */
export function get_script_name(environ: WSGIEnviron): string {
  const script_name: string = environ.SCRIPT_NAME ?? "";
  return script_name.endsWith("/") ? script_name : script_name + "/";
}
