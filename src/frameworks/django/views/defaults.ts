/**
 * django.views.defaults: the views Django calls for 400, 403, 404 and 500 when the URLconf does not
 * name its own `handler400` … `handler500`.
 *
 * Each first looks for a template (`404.html`, …); without one it answers with a small built-in
 * page. These are the pages a learner sees with DEBUG = False. Each is wrapped in
 * `requires_csrf_token`, as in Django: the CSRF middleware's request step runs for it (a template
 * may use `{% csrf_token %}`), so it reads the CSRF secret — from the session under
 * CSRF_USE_SESSIONS (the response then varies on Cookie) — and replaces a malformed CSRF cookie.
 */
import { HttpResponseBadRequest, HttpResponseForbidden, HttpResponseNotFound, HttpResponseServerError } from "../http/response";
import type { HttpRequest } from "../http/request";
import { TemplateDoesNotExist } from "../template/exceptions";
import { get_template } from "../template/loader";
import { quote } from "../../python/urllib/parse";
import { requires_csrf_token } from "./decorators/csrf";

export const ERROR_404_TEMPLATE_NAME = "404.html";
export const ERROR_403_TEMPLATE_NAME = "403.html";
export const ERROR_400_TEMPLATE_NAME = "400.html";
export const ERROR_500_TEMPLATE_NAME = "500.html";

/** The fallback page: a title and a line of detail. */
export function error_page(title: string, details: string): string {
  return `\n<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p>${details}</p>\n</body>\n</html>\n`;
}

/** Render `template_name` if some engine has it; otherwise return null (caller uses the fallback). */
function render_error_template(template_name: string, default_name: string, context: Record<string, unknown>, request?: HttpRequest): string | null {
  try {
    return get_template(template_name).render(context, request);
  } catch (e) {
    if (!(e instanceof TemplateDoesNotExist)) throw e;
    if (template_name !== default_name) throw e; // a custom template name that is missing is an error
    return null;
  }
}

/** handler404: context `request_path` and `exception` (the message, if the Http404 had one). */
function page_not_found_view(request: HttpRequest, options: { exception?: unknown; template_name?: string } = {}): HttpResponseNotFound {
  const template_name = options.template_name ?? ERROR_404_TEMPLATE_NAME;
  const exception = options.exception as { args?: unknown[]; constructor?: { name: string } } | undefined;
  let exception_repr = exception?.constructor?.name ?? "Http404";
  const message = exception?.args?.[0];
  if (typeof message === "string") exception_repr = message;
  const context = { request_path: quote(request.path), exception: exception_repr };
  const body = render_error_template(template_name, ERROR_404_TEMPLATE_NAME, context, request);
  return new HttpResponseNotFound(body ?? error_page("Not Found", "The requested resource was not found on this server."));
}

/** handler500: no context at all (the error may be in the code that builds contexts). */
function server_error_view(_request: HttpRequest, options: { template_name?: string } = {}): HttpResponseServerError {
  const template_name = options.template_name ?? ERROR_500_TEMPLATE_NAME;
  const body = render_error_template(template_name, ERROR_500_TEMPLATE_NAME, {});
  return new HttpResponseServerError(body ?? error_page("Server Error (500)", ""));
}

/** handler400 */
function bad_request_view(_request: HttpRequest, options: { exception?: unknown; template_name?: string } = {}): HttpResponseBadRequest {
  const template_name = options.template_name ?? ERROR_400_TEMPLATE_NAME;
  const body = render_error_template(template_name, ERROR_400_TEMPLATE_NAME, {});
  return new HttpResponseBadRequest(body ?? error_page("Bad Request (400)", ""));
}

/** handler403: context `exception` is the PermissionDenied message. */
function permission_denied_view(request: HttpRequest, options: { exception?: unknown; template_name?: string } = {}): HttpResponseForbidden {
  const template_name = options.template_name ?? ERROR_403_TEMPLATE_NAME;
  const exception = options.exception as { message?: string } | undefined;
  const body = render_error_template(template_name, ERROR_403_TEMPLATE_NAME, { exception: exception?.message ?? "" }, request);
  return new HttpResponseForbidden(body ?? error_page("403 Forbidden", ""));
}

export const page_not_found = requires_csrf_token(page_not_found_view);
export const server_error = requires_csrf_token(server_error_view);
export const bad_request = requires_csrf_token(bad_request_view);
export const permission_denied = requires_csrf_token(permission_denied_view);
