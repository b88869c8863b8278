/**
 * django.middleware.security: a response → the same response with the security headers that
 * `settings.SECURE_*` ask for (HSTS, nosniff, Referrer-Policy, Cross-Origin-Opener-Policy); a
 * plain-HTTP request → a redirect to HTTPS when SECURE_SSL_REDIRECT is on.
 */
import { settings } from "../conf";
import { HttpResponsePermanentRedirect } from "../http/response";
import type { HttpRequest } from "../http/request";
import type { HttpResponseBase } from "../http/response";
import { MiddlewareMixin, type GetResponse } from "../utils/deprecation";
import { compile as py_compile } from "../../python/re";

export class SecurityMiddleware extends MiddlewareMixin {
  sts_seconds: number;
  sts_include_subdomains: boolean;
  sts_preload: boolean;
  content_type_nosniff: boolean;
  redirect: boolean;
  redirect_host: string | null;
  redirect_exempt: { search(s: string): unknown }[];
  referrer_policy: string | string[] | null;
  cross_origin_opener_policy: string | null;

  /** Settings are read once, when the onion is built (as in Django). */
  constructor(get_response: GetResponse) {
    super(get_response);
    this.sts_seconds = settings.SECURE_HSTS_SECONDS;
    this.sts_include_subdomains = settings.SECURE_HSTS_INCLUDE_SUBDOMAINS;
    this.sts_preload = settings.SECURE_HSTS_PRELOAD;
    this.content_type_nosniff = settings.SECURE_CONTENT_TYPE_NOSNIFF;
    this.redirect = settings.SECURE_SSL_REDIRECT;
    this.redirect_host = settings.SECURE_SSL_HOST;
    this.redirect_exempt = (settings.SECURE_REDIRECT_EXEMPT as string[]).map((p) => py_compile(p));
    this.referrer_policy = settings.SECURE_REFERRER_POLICY;
    this.cross_origin_opener_policy = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY;
  }

  /** SECURE_SSL_REDIRECT: http://host/path → 301 https://host/path (unless the path is exempt). */
  override process_request(request: HttpRequest): HttpResponseBase | null {
    if (!this.redirect) return null;
    const path = request.path.replace(/^\/+/, "");
    if (!request.is_secure() && !this.redirect_exempt.some((pattern) => pattern.search(path))) {
      const host = this.redirect_host || request.get_host();
      return new HttpResponsePermanentRedirect(`https://${host}${request.get_full_path()}`);
    }
    return null;
  }

  override process_response(request: HttpRequest, response: HttpResponseBase): HttpResponseBase {
    if (this.sts_seconds && request.is_secure() && !response.headers.has("Strict-Transport-Security")) {
      let sts_header = `max-age=${this.sts_seconds}`;
      if (this.sts_include_subdomains) sts_header += "; includeSubDomains";
      if (this.sts_preload) sts_header += "; preload";
      response.headers.set("Strict-Transport-Security", sts_header);
    }
    if (this.content_type_nosniff) response.headers.setdefault("X-Content-Type-Options", "nosniff");
    if (this.referrer_policy) response.headers.setdefault("Referrer-Policy", referrer_policy_header(this.referrer_policy));
    if (this.cross_origin_opener_policy) response.headers.setdefault("Cross-Origin-Opener-Policy", this.cross_origin_opener_policy);
    return response;
  }
}

/**
 * SECURE_REFERRER_POLICY as the header's value: a comma-separated string or a list, each policy
 * stripped and joined with ",". Django splits the setting on every response; the last string's
 * header is remembered here (the setting rarely changes).
 */
function referrer_policy_header(policy: string | string[]): string {
  if (typeof policy !== "string") return policy.join(",");
  if (policy !== last_policy) {
    last_policy_header = policy.split(",").map((v) => v.trim()).join(",");
    last_policy = policy;
  }
  return last_policy_header;
}
let last_policy: string | null = null;
let last_policy_header = "";
