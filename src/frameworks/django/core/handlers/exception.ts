/**
 * django.core.handlers.exception: an exception → a response, at every layer of the onion.
 *
 * `convert_exception_to_response` wraps the innermost handler and each middleware, so an exception
 * never escapes a layer: the layer outside it always receives a response. `response_for_exception`
 * is the table: Http404 → 404, PermissionDenied → 403, MultiPartParserError / BadRequest /
 * SuspiciousOperation (DisallowedHost, TooManyFieldsSent …) → 400, anything else → 500 (with
 * `got_request_exception` sent). With DEBUG the 404 and 500 are Django's technical pages.
 */
import { describe_error, error_type, span_close, span_set, trace_site, tracing_enabled, type SourceRef } from "../../../../trace";
import { extract_tb } from "../../../python/traceback";
import { settings } from "../../conf";
import { Http404 } from "../../http/response";
import { get_resolver, get_urlconf } from "../../urls";
import { technical_404_response, technical_500_response } from "../../views/debug";
import { BadRequest, PermissionDenied, RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent, TooManyFilesSent } from "../exceptions";
import { got_request_exception } from "../signals";
import type { HttpRequest } from "../../http/request";
import type { HttpResponseBase } from "../../http/response";
import { MultiPartParserError } from "../../http/multipartparser";
import { log_response } from "../../utils/log";
import { while_handling } from "../../../python/sys";

export type GetResponse = (request: HttpRequest) => HttpResponseBase | Promise<HttpResponseBase>;

const EXCEPTION = trace_site("exception", "django/core/handlers/exception.ts#response_for_exception");

/** Wrap one layer so that whatever it raises comes back out as a response. */
export function convert_exception_to_response(get_response: GetResponse): GetResponse {
  const layer = layer_name(get_response);
  const inner: GetResponse = (request) => {
    let response: HttpResponseBase | Promise<HttpResponseBase>;
    try {
      response = get_response(request);
    } catch (exc) {
      return response_for_exception(request, exc, layer);
    }
    if (response instanceof Promise) return response.catch((exc: unknown) => response_for_exception(request, exc, layer));
    return response;
  };
  Object.defineProperty(inner, "name", { value: `convert_exception_to_response(${layer})` });
  return inner;
}

function layer_name(fn: unknown): string {
  const f = fn as { constructor?: { name?: string }; name?: string; __wrapped_name__?: string };
  return f.__wrapped_name__ ?? (typeof fn === "function" ? f.name || "get_response" : f.constructor?.name ?? "middleware");
}

/**
 * Django's table of exception → response, one branch per family. `escaped_from` names the layer of
 * the onion the exception came out of (a middleware, or `_get_response` for the view and its hooks).
 */
export function response_for_exception(request: HttpRequest, exc: unknown, escaped_from = "get_response"): HttpResponseBase {
  // The source (the innermost user frame) is read now: the traceback is the exception's, at the raise.
  const span = EXCEPTION.open(`${error_type(exc)} → response`, () => ({ escaped_from, ...json_error(exc) }), tracing_enabled() ? (exception_source(exc) ?? undefined) : undefined);
  try {
    const response = convert_by_family(request, exc);
    if (span >= 0) span_set(span, { status: response.status_code });
    return response;
  } finally {
    span_close(span);
  }
}

/**
 * Where an exception points in the project, as the technical 500 page shows it: the failing tag's
 * template and line (`template_debug`, set by the innermost node that raised), else the innermost
 * frame of user code. The "exception" span carries it as its source (editor marker, Errors panel).
 */
export function exception_source(exc: unknown): SourceRef | null {
  const info = (exc as { template_debug?: { name?: string; line?: number } } | null)?.template_debug;
  if (info?.name && info.line) return { file: info.name, line: info.line };
  const user = extract_tb(exc).filter((f) => f.is_user_code && f.lineno !== null);
  const innermost = user[user.length - 1];
  if (!innermost) return null;
  return { file: innermost.filename, line: innermost.lineno!, ...(innermost.colno !== null ? { column: innermost.colno } : {}) };
}

function convert_by_family(request: HttpRequest, exc: unknown): HttpResponseBase {
  let response: HttpResponseBase;
  if (exc instanceof Http404) {
    response = settings.DEBUG ? technical_404_response(request, exc) : get_exception_response(request, 404, exc);
  } else if (exc instanceof PermissionDenied) {
    response = get_exception_response(request, 403, exc);
    log_response("Forbidden (Permission denied): %s", [request.path], { response, request, exception: exc });
  } else if (exc instanceof MultiPartParserError) {
    response = get_exception_response(request, 400, exc);
    log_response("Bad request (Unable to parse request body): %s", [request.path], { response, request, exception: exc });
  } else if (exc instanceof BadRequest) {
    response = settings.DEBUG ? technical_500_response(request, exc, { status_code: 400 }) : get_exception_response(request, 400, exc);
    log_response("%s: %s", [String(exc.message), request.path], { response, request, exception: exc });
  } else if (exc instanceof SuspiciousOperation) {
    response = response_for_suspicious_operation(request, exc);
  } else {
    while_handling(exc, () => got_request_exception.send(null, { request }));
    response = handle_uncaught_exception(request, exc);
    log_response("%s: %s", [response.reason_phrase, request.path], { response, request, exception: exc });
  }
  // An error handler may return an unrendered TemplateResponse: render it here.
  const maybe = response as HttpResponseBase & { is_rendered?: boolean; render?: () => HttpResponseBase };
  if (maybe.is_rendered === false && typeof maybe.render === "function") response = maybe.render();
  return response;
}

/** SuspiciousOperation is logged to `django.security.<ClassName>` and answered with 400. */
function response_for_suspicious_operation(request: HttpRequest, exc: SuspiciousOperation): HttpResponseBase {
  if (exc instanceof RequestDataTooBig || exc instanceof TooManyFieldsSent || exc instanceof TooManyFilesSent) {
    // POST can no longer be read; mark it so the error view does not trip over it again.
    (request as unknown as { _mark_post_parse_error?: () => void })._mark_post_parse_error?.();
  }
  const response = settings.DEBUG ? technical_500_response(request, exc, { status_code: 400 }) : get_exception_response(request, 400, exc);
  // Logged through log_response, so the handler does not log the 400 a second time ("Bad Request: /").
  log_response("%s", [exc.message], { response, request, exception: exc, logger_name: `django.security.${error_type(exc)}`, level: "error" });
  return response;
}

/** Call the URLconf's `handler400/403/404` (or Django's default view); if that raises, it is a 500. */
export function get_exception_response(request: HttpRequest, status_code: 400 | 403 | 404 | 500, exception: unknown): HttpResponseBase {
  try {
    const callback = get_resolver(get_urlconf()).resolve_error_handler(status_code);
    return callback(request, { exception });
  } catch (e) {
    while_handling(e, () => got_request_exception.send(null, { request }));
    return handle_uncaught_exception(request, e);
  }
}

/** A 500: the technical page with DEBUG, otherwise the URLconf's `handler500`. */
export function handle_uncaught_exception(request: HttpRequest, exc: unknown): HttpResponseBase {
  if (settings.DEBUG_PROPAGATE_EXCEPTIONS) throw exc;
  if (settings.DEBUG) return technical_500_response(request, exc);
  const callback = get_resolver(get_urlconf()).resolve_error_handler(500);
  return callback(request);
}

function json_error(exc: unknown): { error_type: string; message: string } {
  const e = describe_error(exc);
  return { error_type: e.type, message: e.message };
}
