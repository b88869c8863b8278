/**
 * django.middleware.csrf: an unsafe request (POST, PUT, PATCH, DELETE) → accepted only if it
 * proves it came from this site's own pages; every response → the CSRF cookie when a page used it.
 *
 * The proof is a token: the browser holds a 32-character *secret* in the `csrftoken` cookie; each
 * form carries the secret *masked* with a fresh random mask (64 characters: mask + cipher), sent as
 * the `csrfmiddlewaretoken` field or the `X-CSRFToken` header. Masking changes the token on every
 * page so it cannot be recovered by compression attacks (BREACH), while unmasking gives the secret.
 *
 * `process_view` checks, in order (the first failure is the 403's reason):
 *   1. csrf_exempt views, safe methods (GET, HEAD, OPTIONS, TRACE) → accepted;
 *   2. an `Origin` header must be this host (or in CSRF_TRUSTED_ORIGINS);
 *      with no Origin, an HTTPS request needs a same-site HTTPS `Referer`;
 *   3. the cookie secret must exist and be well formed; the request token must be present, well
 *      formed and match it.
 * A rejection renders settings.CSRF_FAILURE_VIEW and logs `Forbidden (<reason>): <path>` at WARNING
 * on `django.security.csrf`.
 */
import { trace_site, type Attrs } from "../../../trace";
import { settings } from "../conf";
import { Exception } from "../../python/builtins";
import { urlsplit } from "../../python/urllib/parse";
import { DisallowedHost, ImproperlyConfigured } from "../core/exceptions";
import { HttpHeaders, UnreadablePostError, type HttpRequest } from "../http/request";
import type { HttpResponseBase } from "../http/response";
import { get_callable } from "../urls/utils";
import { patch_vary_headers } from "../utils/cache";
import { constant_time_compare, get_random_string, RANDOM_STRING_CHARS } from "../utils/crypto";
import { MiddlewareMixin } from "../utils/deprecation";
import { is_same_domain } from "../utils/http";
import { log_response } from "../utils/log";

const MIDDLEWARE = trace_site("middleware", "django/middleware/csrf.ts", { eager: true });
/** The same place, for events whose values are kept at the call (nothing read later can change). */
const CHECKED = trace_site("middleware", "django/middleware/csrf.ts");

function accepted_attrs(method: string | null): Attrs {
  return { middleware: "CsrfViewMiddleware", csrf: "accepted", method };
}

export const REASON_BAD_ORIGIN = "Origin checking failed - %s does not match any trusted origins.";
export const REASON_NO_REFERER = "Referer checking failed - no Referer.";
export const REASON_BAD_REFERER = "Referer checking failed - %s does not match any trusted origins.";
export const REASON_NO_CSRF_COOKIE = "CSRF cookie not set.";
export const REASON_CSRF_TOKEN_MISSING = "CSRF token missing.";
export const REASON_MALFORMED_REFERER = "Referer checking failed - Referer is malformed.";
export const REASON_INSECURE_REFERER = "Referer checking failed - Referer is insecure while host is secure.";
export const REASON_INCORRECT_LENGTH = "has incorrect length";
export const REASON_INVALID_CHARACTERS = "has invalid characters";

export const CSRF_SECRET_LENGTH = 32;
export const CSRF_TOKEN_LENGTH = 2 * CSRF_SECRET_LENGTH;
export const CSRF_ALLOWED_CHARS = RANDOM_STRING_CHARS;
export const CSRF_SESSION_KEY = "_csrftoken";
const INVALID_TOKEN_CHARS = /[^a-zA-Z0-9]/;

type View = ((...args: any[]) => unknown) & { csrf_exempt?: boolean };

function _get_failure_view(): (request: HttpRequest, options: { reason: string }) => HttpResponseBase {
  const view = get_callable(String(settings.CSRF_FAILURE_VIEW)) as (request: HttpRequest, options: { reason: string }) => HttpResponseBase;
  return view;
}

function _get_new_csrf_string(): string {
  return get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS);
}

/** secret → mask + (secret + mask, character by character, modulo the alphabet). */
export function _mask_cipher_secret(secret: string): string {
  const mask = _get_new_csrf_string();
  const chars = CSRF_ALLOWED_CHARS;
  let cipher = "";
  for (let i = 0; i < secret.length; i++) cipher += chars[(chars.indexOf(secret[i]) + chars.indexOf(mask[i])) % chars.length];
  return mask + cipher;
}

/** mask + cipher → the secret (cipher − mask, modulo the alphabet). */
export function _unmask_cipher_token(token: string): string {
  const mask = token.slice(0, CSRF_SECRET_LENGTH);
  const cipher = token.slice(CSRF_SECRET_LENGTH);
  const chars = CSRF_ALLOWED_CHARS;
  let secret = "";
  for (let i = 0; i < cipher.length; i++) secret += chars.at(chars.indexOf(cipher[i]) - chars.indexOf(mask[i]))!;
  return secret;
}

function _add_new_csrf_cookie(request: HttpRequest): string {
  const csrf_secret = _get_new_csrf_string();
  request.META.CSRF_COOKIE = csrf_secret;
  request.META.CSRF_COOKIE_NEEDS_UPDATE = true;
  return csrf_secret;
}

/**
 * `get_token(request)`: a masked token for a form. Creates the secret if the request has none;
 * either way the response will (re)send the CSRF cookie and `Vary: Cookie`.
 */
export function get_token(request: HttpRequest): string {
  let csrf_secret: string;
  if ("CSRF_COOKIE" in request.META) {
    csrf_secret = request.META.CSRF_COOKIE;
    request.META.CSRF_COOKIE_NEEDS_UPDATE = true;
  } else csrf_secret = _add_new_csrf_cookie(request);
  MIDDLEWARE.event("csrf get_token", () => ({ csrf: "token issued" }));
  return _mask_cipher_secret(csrf_secret);
}

/** `rotate_token(request)`: a new secret (login does this). */
export function rotate_token(request: HttpRequest): void {
  _add_new_csrf_cookie(request);
}

export class InvalidTokenFormat extends Exception {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function _check_token_format(token: string): void {
  if (token.length !== CSRF_TOKEN_LENGTH && token.length !== CSRF_SECRET_LENGTH) throw new InvalidTokenFormat(REASON_INCORRECT_LENGTH);
  if (INVALID_TOKEN_CHARS.test(token)) throw new InvalidTokenFormat(REASON_INVALID_CHARACTERS);
}

export function _does_token_match(request_csrf_token: string, csrf_secret: string): boolean {
  if (request_csrf_token.length === CSRF_TOKEN_LENGTH) request_csrf_token = _unmask_cipher_token(request_csrf_token);
  return constant_time_compare(request_csrf_token, csrf_secret);
}

export class RejectRequest extends Exception {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export class CsrfViewMiddleware extends MiddlewareMixin {
  get csrf_trusted_origins_hosts(): string[] {
    return trusted_origins().map((origin) => urlsplit(origin).netloc.replace(/^\*+/, ""));
  }

  get allowed_origins_exact(): Set<string> {
    return new Set(trusted_origins().filter((origin) => !origin.includes("*")));
  }

  /** scheme → netlocs whose subdomains are all trusted (`https://*.example.com`). */
  get allowed_origin_subdomains(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const origin of trusted_origins().filter((o) => o.includes("*"))) {
      const parsed = urlsplit(origin);
      out.set(parsed.scheme, [...(out.get(parsed.scheme) ?? []), parsed.netloc.replace(/^\*+/, "")]);
    }
    return out;
  }

  _accept(request: HttpRequest): null {
    request.csrf_processing_done = true;
    // The method as it is now, kept (a string): the event is described when the trace is read.
    CHECKED.event_with("CSRF check passed", accepted_attrs, request.method);
    return null;
  }

  _reject(request: HttpRequest, reason: string): HttpResponseBase {
    const response = _get_failure_view()(request, { reason });
    log_response("Forbidden (%s): %s", [reason, request.path], { response, request, logger_name: "django.security.csrf" });
    MIDDLEWARE.event("CSRF check failed", () => ({ middleware: "CsrfViewMiddleware", csrf: "rejected", reason }));
    return response;
  }

  /** The secret this browser holds (cookie or session), unmasked; InvalidTokenFormat when malformed. */
  _get_secret(request: HttpRequest): string | null {
    let csrf_secret: string | null;
    if (settings.CSRF_USE_SESSIONS) {
      if (!request.session)
        throw new ImproperlyConfigured("CSRF_USE_SESSIONS is enabled, but request.session is not set. SessionMiddleware must appear before CsrfViewMiddleware in MIDDLEWARE.");
      csrf_secret = (request.session.get(CSRF_SESSION_KEY) as string | null) ?? null;
    } else {
      csrf_secret = request.COOKIES[String(settings.CSRF_COOKIE_NAME)] ?? null;
      if (csrf_secret !== null) _check_token_format(csrf_secret);
    }
    if (csrf_secret === null) return null;
    if (csrf_secret.length === CSRF_TOKEN_LENGTH) csrf_secret = _unmask_cipher_token(csrf_secret);
    return csrf_secret;
  }

  _set_csrf_cookie(request: HttpRequest, response: HttpResponseBase): void {
    if (settings.CSRF_USE_SESSIONS) {
      if (request.session.get(CSRF_SESSION_KEY) !== request.META.CSRF_COOKIE) request.session.set(CSRF_SESSION_KEY, request.META.CSRF_COOKIE);
      return;
    }
    response.set_cookie(String(settings.CSRF_COOKIE_NAME), request.META.CSRF_COOKIE, {
      max_age: settings.CSRF_COOKIE_AGE as number,
      domain: (settings.CSRF_COOKIE_DOMAIN as string | null) ?? null,
      path: settings.CSRF_COOKIE_PATH as string,
      secure: !!settings.CSRF_COOKIE_SECURE,
      httponly: !!settings.CSRF_COOKIE_HTTPONLY,
      samesite: (settings.CSRF_COOKIE_SAMESITE as string | null) || null,
    });
    patch_vary_headers(response, ["Cookie"]);
    MIDDLEWARE.event("CSRF cookie set", () => ({ middleware: "CsrfViewMiddleware", cookie: String(settings.CSRF_COOKIE_NAME) }));
  }

  /** Origin = this site (scheme + host), or a trusted origin (exact, or `*.` subdomain rule). */
  _origin_verified(request: HttpRequest): boolean {
    const request_origin: string = request.META.HTTP_ORIGIN;
    try {
      const good_origin = `${request.is_secure() ? "https" : "http"}://${request.get_host()}`;
      if (request_origin === good_origin) return true;
    } catch (e) {
      if (!(e instanceof DisallowedHost)) throw e;
    }
    if (this.allowed_origins_exact.has(request_origin)) return true;
    let parsed;
    try {
      parsed = urlsplit(request_origin);
    } catch {
      return false;
    }
    return (this.allowed_origin_subdomains.get(parsed.scheme) ?? []).some((host) => is_same_domain(parsed.netloc, host));
  }

  /** HTTPS without Origin: the Referer must be an https URL on this site (or a trusted one). */
  _check_referer(request: HttpRequest): void {
    const header: string | undefined = request.META.HTTP_REFERER;
    if (header === undefined || header === null) throw new RejectRequest(REASON_NO_REFERER);
    let referer;
    try {
      referer = urlsplit(header);
    } catch {
      throw new RejectRequest(REASON_MALFORMED_REFERER);
    }
    if (referer.scheme === "" || referer.netloc === "") throw new RejectRequest(REASON_MALFORMED_REFERER);
    if (referer.scheme !== "https") throw new RejectRequest(REASON_INSECURE_REFERER);
    if (this.csrf_trusted_origins_hosts.some((host) => is_same_domain(referer.netloc, host))) return;
    let good_referer = (settings.CSRF_USE_SESSIONS ? settings.SESSION_COOKIE_DOMAIN : settings.CSRF_COOKIE_DOMAIN) as string | null;
    if (good_referer === null || good_referer === undefined) {
      try {
        good_referer = request.get_host();
      } catch (e) {
        if (e instanceof DisallowedHost) throw new RejectRequest(REASON_BAD_REFERER.replace("%s", referer.geturl()));
        throw e;
      }
    } else {
      const server_port = request.get_port();
      if (server_port !== "443" && server_port !== "80") good_referer = `${good_referer}:${server_port}`;
    }
    if (!is_same_domain(referer.netloc, good_referer!)) throw new RejectRequest(REASON_BAD_REFERER.replace("%s", referer.geturl()));
  }

  _bad_token_message(reason: string, token_source: string): string {
    if (token_source !== "POST") token_source = `the '${HttpHeaders.parse_header_name(token_source)}' HTTP header`;
    return `CSRF token from ${token_source} ${reason}.`;
  }

  /** The cookie secret against the token from the form field (POST) or the X-CSRFToken header. */
  _check_token(request: HttpRequest): void {
    let csrf_secret: string | null;
    try {
      csrf_secret = this._get_secret(request);
    } catch (e) {
      if (e instanceof InvalidTokenFormat) throw new RejectRequest(`CSRF cookie ${e.reason}.`);
      throw e;
    }
    if (csrf_secret === null) throw new RejectRequest(REASON_NO_CSRF_COOKIE);
    let request_csrf_token = "";
    if (request.method === "POST") {
      try {
        request_csrf_token = String(request.POST.get("csrfmiddlewaretoken", "") ?? "");
      } catch (e) {
        if (!(e instanceof UnreadablePostError)) throw e;
      }
    }
    let token_source = "POST";
    if (request_csrf_token === "") {
      const header = String(settings.CSRF_HEADER_NAME);
      if (!(header in request.META)) throw new RejectRequest(REASON_CSRF_TOKEN_MISSING);
      request_csrf_token = String(request.META[header]);
      token_source = header;
    }
    try {
      _check_token_format(request_csrf_token);
    } catch (e) {
      if (e instanceof InvalidTokenFormat) throw new RejectRequest(this._bad_token_message(e.reason, token_source));
      throw e;
    }
    if (!_does_token_match(request_csrf_token, csrf_secret)) throw new RejectRequest(this._bad_token_message("incorrect", token_source));
  }

  override process_request(request: HttpRequest): null {
    try {
      const csrf_secret = this._get_secret(request);
      if (csrf_secret !== null) request.META.CSRF_COOKIE = csrf_secret;
    } catch (e) {
      if (!(e instanceof InvalidTokenFormat)) throw e;
      _add_new_csrf_cookie(request);
    }
    return null;
  }

  process_view(request: HttpRequest, callback: View, _callback_args: unknown[], _callback_kwargs: Record<string, unknown>): HttpResponseBase | null {
    if (request.csrf_processing_done) return null;
    if (callback?.csrf_exempt) return null;
    if (SAFE_METHODS.includes(String(request.method))) return this._accept(request);
    if (request._dont_enforce_csrf_checks) return this._accept(request);
    if ("HTTP_ORIGIN" in request.META) {
      if (!this._origin_verified(request)) return this._reject(request, REASON_BAD_ORIGIN.replace("%s", request.META.HTTP_ORIGIN));
    } else if (request.is_secure()) {
      try {
        this._check_referer(request);
      } catch (e) {
        if (e instanceof RejectRequest) return this._reject(request, e.reason);
        throw e;
      }
    }
    try {
      this._check_token(request);
    } catch (e) {
      if (e instanceof RejectRequest) return this._reject(request, e.reason);
      throw e;
    }
    return this._accept(request);
  }

  override process_response(request: HttpRequest, response: HttpResponseBase): HttpResponseBase {
    if (request.META.CSRF_COOKIE_NEEDS_UPDATE) {
      this._set_csrf_cookie(request, response);
      request.META.CSRF_COOKIE_NEEDS_UPDATE = false;
    }
    return response;
  }
}

/** RFC 9110's safe methods: they must not change anything, so they need no token. */
const SAFE_METHODS: readonly string[] = ["GET", "HEAD", "OPTIONS", "TRACE"];

function trusted_origins(): string[] {
  return [...((settings.CSRF_TRUSTED_ORIGINS as string[] | undefined) ?? [])];
}
