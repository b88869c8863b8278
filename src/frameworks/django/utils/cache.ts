/**
 * django.utils.cache (the Vary part): a response and header names → the response's `Vary` header
 * listing them, so caches keep one copy per value of each (sessions and CSRF add `Cookie`).
 */
import type { HttpResponseBase } from "../http/response";

const CC_DELIM = /\s*,\s*/;

/** `patch_vary_headers(response, newheaders)`: add the names not already there (case-insensitive); `*` wins. */
export function patch_vary_headers(response: HttpResponseBase, newheaders: string[]): void {
  const vary_headers: string[] = response.has_header("Vary") ? String(response.headers.get("Vary")).split(CC_DELIM) : [];
  const existing = new Set(vary_headers.map((h) => h.toLowerCase()));
  const additional = newheaders.filter((h) => !existing.has(h.toLowerCase()));
  vary_headers.push(...additional);
  response.headers.set("Vary", vary_headers.includes("*") ? "*" : vary_headers.join(", "));
}

/** `has_vary_header(response, header_query)` */
export function has_vary_header(response: HttpResponseBase, header_query: string): boolean {
  if (!response.has_header("Vary")) return false;
  const vary = String(response.headers.get("Vary")).split(CC_DELIM).map((h) => h.toLowerCase());
  return vary.includes(header_query.toLowerCase());
}
