/**
 * django.urls.base: the module-level entry points — a path → `resolve()` → ResolverMatch, and a
 * name → `reverse()` → URL — plus the per-request state they read: the script prefix and the URLconf.
 *
 *   reverse("blog:detail", { args: [5] })                   Python: reverse("blog:detail", args=[5])
 *     → "/blog/5/"
 *   reverse("search", { query: { q: "a b" }, fragment: "top" })
 *     → "/search/?q=a+b#top"
 *
 * Django keeps the script prefix and the URLconf override per thread; a request here runs alone in
 * its worker, so they are module-level variables the handler sets at the start of each request.
 */
import { urlencode } from "../../python/urllib/parse";
import { Promise as LazyPromise, lazy } from "../utils/functional";
import { NoReverseMatch, Resolver404 } from "./exceptions";
import { clear_resolver_caches, get_ns_resolver, get_resolver, py_str, type Kwargs, type LookupKey, type ResolverMatch, type URLResolver, type URLconf } from "./resolvers";
import type { Converter } from "./converters";
import { clear_callable_cache } from "./utils";

let script_prefix = "/";
let urlconf_override: URLconf | null = null;

/** `resolve(path, urlconf=None)`: the view for a path (`path_info`, starting with "/"). */
export function resolve(path: string, urlconf: URLconf | null = null): ResolverMatch {
  return get_resolver(urlconf ?? get_urlconf()).resolve(path);
}

export interface ReverseOptions {
  urlconf?: URLconf | null;
  args?: unknown[] | null;
  kwargs?: Kwargs | null;
  current_app?: string | null;
  /** A mapping (values may be lists → repeated keys), or a QueryDict (anything with `urlencode()`). */
  query?: Record<string, unknown> | { urlencode(): string } | null;
  fragment?: string | null;
}

/** `reverse(viewname, urlconf=None, args=None, kwargs=None, current_app=None, *, query=None, fragment=None)`. */
export function reverse(viewname: LookupKey, options: ReverseOptions = {}): string {
  let resolver = get_resolver(options.urlconf ?? get_urlconf());
  const args = options.args ?? [];
  const kwargs = options.kwargs ?? {};
  let view: LookupKey = viewname;
  if (typeof viewname === "string") {
    const path = viewname.split(":");
    view = path.pop()!;
    if (path.length) resolver = resolve_namespaces(resolver, path, options.current_app ?? null);
  }
  let url = resolver._reverse_with_prefix(view, get_script_prefix(), args, kwargs);
  if (options.query !== null && options.query !== undefined) {
    const query = options.query;
    const query_string = typeof (query as { urlencode?: unknown }).urlencode === "function" ? (query as { urlencode(): string }).urlencode() : urlencode(python_query_values(query as Record<string, unknown>), { doseq: true });
    if (query_string) url += "?" + query_string;
  }
  if (options.fragment !== null && options.fragment !== undefined) url += "#" + options.fragment;
  return url;
}

/** urlencode() sees Python's str() of each value: None → "None", True → "True"; lists stay lists. */
function python_query_values(query: Record<string, unknown>): [string, unknown][] {
  const str = (v: unknown) => (v instanceof Uint8Array ? v : py_str(v));
  return Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.map(str) : str(v)]);
}

/**
 * Walk `blog:archive:` through `namespace_dict`. A name that is an application namespace (app_name)
 * picks an instance: the one in `current_app` if it is one of them, else the default instance
 * (the namespace equal to the app name), else the instance defined last.
 */
function resolve_namespaces(root: URLResolver, path: string[], current_app: string | null): URLResolver {
  let resolver = root;
  let current_path = current_app ? current_app.split(":").reverse() : null;
  const resolved_path: string[] = [];
  let ns_pattern = "";
  const ns_converters: Record<string, Converter> = {};
  for (let ns of path) {
    const current_ns = current_path && current_path.length ? current_path.pop()! : null;
    const app_list = resolver.app_dict[ns];
    if (app_list) {
      if (current_ns && app_list.includes(current_ns)) ns = current_ns;
      else if (!app_list.includes(ns)) ns = app_list[0];
    }
    if (ns !== current_ns) current_path = null;
    const entry = resolver.namespace_dict[ns];
    if (!entry) {
      if (resolved_path.length) throw new NoReverseMatch(`'${ns}' is not a registered namespace inside '${resolved_path.join(":")}'`);
      throw new NoReverseMatch(`'${ns}' is not a registered namespace`);
    }
    const [extra, sub_resolver] = entry;
    resolver = sub_resolver;
    resolved_path.push(ns);
    ns_pattern += extra;
    Object.assign(ns_converters, resolver.pattern.converters);
  }
  return ns_pattern ? get_ns_resolver(ns_pattern, resolver, Object.entries(ns_converters)) : resolver;
}

/**
 * `reverse_lazy(...)`: Django's `lazy(reverse, str)` — a `Promise` (django.utils.functional) that
 * reverses each time it is used as a string, so a class attribute (`success_url`) can name a URL
 * before the URLconf is loaded.
 */
export const reverse_lazy: (viewname: LookupKey, options?: ReverseOptions) => LazyPromise & { toString(): string; valueOf(): string } = lazy(
  (viewname: LookupKey, options: ReverseOptions = {}) => reverse(viewname, options),
  String,
);
Object.defineProperty(reverse_lazy, "name", { value: "reverse" });

/** `is_valid_path(path, urlconf=None)`: the ResolverMatch if the path resolves, else false. */
export function is_valid_path(path: string, urlconf: URLconf | null = null): ResolverMatch | false {
  try {
    return resolve(path, urlconf);
  } catch (e) {
    if (e instanceof Resolver404) return false;
    throw e;
  }
}

/** Set the prefix the site is mounted at (SCRIPT_NAME); always ends with "/". */
export function set_script_prefix(prefix: string): void {
  script_prefix = prefix.endsWith("/") ? prefix : prefix + "/";
}

/** The prefix reverse() puts in front of every URL ("/" unless the handler set SCRIPT_NAME). */
export function get_script_prefix(): string {
  return script_prefix;
}

export function clear_script_prefix(): void {
  script_prefix = "/";
}

/** Override the URLconf for this request (what `request.urlconf` does); null goes back to ROOT_URLCONF. */
export function set_urlconf(urlconf_name: URLconf | null): void {
  urlconf_override = urlconf_name || null;
}

export function get_urlconf(default_: URLconf | null = null): URLconf | null {
  return urlconf_override ?? default_;
}

/** Forget cached resolvers (after the project's urls.ts changes). */
export function clear_url_caches(): void {
  clear_callable_cache();
  clear_resolver_caches();
}
