/**
 * django.middleware.common: URL hygiene and Content-Length.
 *
 * Requests: refuse DISALLOWED_USER_AGENTS (PermissionDenied), and with PREPEND_WWW redirect
 * `example.com/x` → `www.example.com/x`. Responses: a 404 for `/about` becomes a 301 to `/about/`
 * when APPEND_SLASH is on and `/about/` resolves; every non-streaming response gets Content-Length.
 */
import { RuntimeError } from "../../python/builtins";
import { settings } from "../conf";
import { PermissionDenied } from "../core/exceptions";
import { HttpResponsePermanentRedirect } from "../http/response";
import type { HttpRequest } from "../http/request";
import type { HttpResponseBase } from "../http/response";
import { is_valid_path } from "../urls";
import { MiddlewareMixin } from "../utils/deprecation";
import { escape_leading_slashes } from "../utils/http";

export class CommonMiddleware extends MiddlewareMixin {
  response_redirect_class = HttpResponsePermanentRedirect;

  override process_request(request: HttpRequest): HttpResponseBase | null {
    const user_agent: string | undefined = request.META.HTTP_USER_AGENT;
    if (user_agent !== undefined && user_agent !== null) {
      for (const pattern of settings.DISALLOWED_USER_AGENTS as (RegExp | { search(s: string): unknown })[]) {
        const hit = pattern instanceof RegExp ? pattern.test(user_agent) : pattern.search(user_agent);
        if (hit) throw new PermissionDenied("Forbidden user agent");
      }
    }
    const host = request.get_host();
    if (settings.PREPEND_WWW && host && !host.startsWith("www.")) {
      const path = this.should_redirect_with_slash(request) ? this.get_full_path_with_slash(request) : request.get_full_path();
      return new this.response_redirect_class(`${request.scheme}://www.${host}${path}`);
    }
    return null;
  }

  /** True when the path lacks a slash, does not resolve, and does resolve with one appended. */
  should_redirect_with_slash(request: HttpRequest): boolean {
    if (settings.APPEND_SLASH && !request.path_info.endsWith("/")) {
      const urlconf = (request as unknown as { urlconf?: string }).urlconf;
      if (!is_valid_path(request.path_info, urlconf)) {
        const match = is_valid_path(`${request.path_info}/`, urlconf);
        if (match) return (match.func as { should_append_slash?: boolean }).should_append_slash ?? true;
      }
    }
    return false;
  }

  /** The full path with a slash added; with DEBUG a POST/PUT/PATCH cannot be redirected and raises. */
  get_full_path_with_slash(request: HttpRequest): string {
    const new_path = escape_leading_slashes(request.get_full_path(true));
    if (settings.DEBUG && ["POST", "PUT", "PATCH"].includes(request.method ?? "")) {
      throw new RuntimeError(
        `You called this URL via ${request.method}, but the URL doesn't end in a slash and you have APPEND_SLASH set. ` +
          `Django can't redirect to the slash URL while maintaining ${request.method} data. ` +
          `Change your form to point to ${request.get_host()}${new_path} (note the trailing slash), or set APPEND_SLASH=False in your Django settings.`,
      );
    }
    return new_path;
  }

  override process_response(request: HttpRequest, response: HttpResponseBase): HttpResponseBase {
    if (response.status_code === 404 && this.should_redirect_with_slash(request))
      return new this.response_redirect_class(this.get_full_path_with_slash(request));
    if (!response.streaming && !response.headers.has("Content-Length"))
      response.headers.set("Content-Length", String((response as unknown as { content: Uint8Array }).content.length));
    return response;
  }
}
