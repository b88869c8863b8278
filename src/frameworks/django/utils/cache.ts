/**
 * django.utils.cache: a response → the same response with caching headers patched in place.
 * `patch_vary_headers` lists request headers in `Vary`, so caches keep one copy per value of each
 * (sessions and CSRF add `Cookie`); `patch_cache_control` merges `Cache-Control` directives (Python
 * keyword arguments as an options object, `max_age` → `max-age`); `add_never_cache_headers` makes
 * a response never cached (`never_cache` in django/views/decorators/cache.ts).
 */
import type { HttpResponseBase } from "../http/response";
import { py_str } from "../../python/operator";
import { time } from "../../python/time";
import { http_date } from "./http";

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

type Directive = string | number | boolean;

/**
 * `patch_cache_control(response, { max_age: 60, public: true })`: the response's Cache-Control
 * directives merged with these (a keyword's `_` becomes `-`). A smaller existing `max-age` wins;
 * `public` drops an existing `private` and vice versa; `no-cache` collects field names, and a bare
 * `no-cache` (true) wins over them. A directive that is `true` prints bare, any other value as
 * `name=str(value)` (so `False` prints as `False`, as in Django).
 */
export function patch_cache_control(response: HttpResponseBase, kwargs: Record<string, Directive> = {}): void {
  const options: Record<string, Directive> = { ...kwargs };
  const cc = new Map<string, Directive | Set<Directive>>();
  const existing = response.has_header("Cache-Control") ? String(response.headers.get("Cache-Control")) : "";
  if (existing)
    for (const field of existing.split(CC_DELIM)) {
      const eq = field.indexOf("=");
      const directive = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
      const value: Directive = eq < 0 ? true : field.slice(eq + 1);
      if (directive === "no-cache") add_no_cache(cc, value);
      else cc.set(directive, value);
    }
  if (cc.has("max-age") && "max_age" in options) options.max_age = Math.min(parseInt(String(cc.get("max-age")), 10), Number(options.max_age));
  if (cc.has("private") && "public" in options) cc.delete("private");
  else if (cc.has("public") && "private" in options) cc.delete("public");
  for (const [key, value] of Object.entries(options)) {
    const directive = key.replace(/_/g, "-");
    if (directive === "no-cache") add_no_cache(cc, value);
    else cc.set(directive, value);
  }
  const directives: string[] = [];
  for (const [directive, values] of cc) {
    if (values instanceof Set) for (const value of values.has(true) ? [true] : values) directives.push(directive_text(directive, value));
    else directives.push(directive_text(directive, values));
  }
  response.headers.set("Cache-Control", directives.join(", "));
}

function add_no_cache(cc: Map<string, Directive | Set<Directive>>, value: Directive): void {
  const current = cc.get("no-cache");
  if (current instanceof Set) current.add(value);
  else cc.set("no-cache", new Set([value]));
}

function directive_text(directive: string, value: Directive): string {
  return value === true ? directive : `${directive}=${py_str(value)}`;
}

/** `patch_response_headers(response, cache_timeout)`: `Expires` (if absent) and `max-age` for that many seconds (never negative). */
export function patch_response_headers(response: HttpResponseBase, cache_timeout: number): void {
  const timeout = Math.max(cache_timeout, 0);
  if (!response.has_header("Expires")) response.headers.set("Expires", http_date(time() + timeout));
  patch_cache_control(response, { max_age: timeout });
}

/** `add_never_cache_headers(response)`: expired now, and `max-age=0, no-cache, no-store, must-revalidate, private`. */
export function add_never_cache_headers(response: HttpResponseBase): void {
  patch_response_headers(response, -1);
  patch_cache_control(response, { no_cache: true, no_store: true, must_revalidate: true, private: true });
}
