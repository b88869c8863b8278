/**
 * django.template.context_processors: a request → extra template variables, merged into every
 * RequestContext (settings.TEMPLATES[…].OPTIONS.context_processors; `csrf` always runs).
 *
 *   csrf     → `csrf_token`, computed only when a template uses it (asking for a token makes the
 *              response set the CSRF cookie, so pages that never show a form do not)
 *   request  → `request`
 *   debug    → `debug` (and `sql_queries`) when DEBUG and the client is in INTERNAL_IPS
 */
import { settings } from "../conf";
import type { HttpRequest } from "../http/request";
import { get_token } from "../middleware/csrf";
import { connection } from "../db";

/** `SimpleLazyObject(_get_val)`: a value computed at first use (its text), then remembered. */
export class LazyCsrfToken {
  private value: string | undefined;
  constructor(private readonly request: HttpRequest) {}
  toString(): string {
    this.value ??= this.request ? get_token(this.request) : "NOTPROVIDED";
    return this.value;
  }
  __str__(): string {
    return this.toString();
  }
  /** What the trace shows: never computes the token (that would make the response set the cookie). */
  __repr__(): string {
    return this.value === undefined ? "<SimpleLazyObject: <function csrf.<locals>._get_val>>" : `<SimpleLazyObject: '${this.value}'>`;
  }
}

export function csrf(request: HttpRequest): Record<string, unknown> {
  return { csrf_token: new LazyCsrfToken(request) };
}

export function request(request: HttpRequest): Record<string, unknown> {
  return { request };
}

export function debug(request: HttpRequest): Record<string, unknown> {
  const internal_ips = "INTERNAL_IPS" in settings ? (settings.INTERNAL_IPS as string[]) : [];
  if (!settings.DEBUG || !internal_ips.includes(request.META?.REMOTE_ADDR)) return {};
  return { debug: true, sql_queries: (connection as any).queries ?? [] };
}
