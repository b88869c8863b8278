/**
 * django.urls.conf: what a project's urls.ts calls — `path()`, `re_path()`, `include()` — turned
 * into URLPattern and URLResolver objects.
 *
 * Python's keyword arguments become one trailing options object (ADR 0003):
 *
 *   TypeScript                                          Python
 *   path("", views.index)                               path("", views.index)
 *   path("<int:pk>/", views.detail, { name: "detail" })  path("<int:pk>/", views.detail, name="detail")
 *   path("p/", views.page, { kwargs: { x: 1 }, name: "page" })
 *   path("p/", views.page, { x: 1 }, { name: "page" })  path("p/", views.page, {"x": 1}, name="page")
 *   path("blog/", include("blog.urls"))                 path("blog/", include("blog.urls"))
 *   path("polls/", include([patterns, "polls"], { namespace: "author-polls" }))
 *                                                       include((patterns, "polls"), namespace="author-polls")
 *
 * With three arguments the third is ALWAYS the options object `{ name?, kwargs? }`; default kwargs
 * given positionally need the four-argument form. An unknown option is a TypeError, as an unknown
 * keyword argument is in Python. In `include()`, an array holding a string is Python's
 * `(patterns, app_name)` tuple; an array of patterns is a list.
 */
import { TypeError, ValueError } from "../../python/builtins";
import { ImproperlyConfigured } from "../core/exceptions";
import { import_module } from "../utils/module_loading";
import { LocalePrefixPattern, RegexPattern, RoutePattern, URLPattern, URLResolver, type Kwargs, type URLPatternMatcher, type URLconf, type View } from "./resolvers";

/** What `include()` returns and `path()` accepts as its view: Python's `(urlconf_module, app_name, namespace)`. */
export type IncludeResult = readonly [urlconf_module: unknown, app_name: string | null, namespace: string | null];

export interface PathOptions {
  name?: string | null;
  kwargs?: Kwargs | null;
}

type PatternClass = new (route: string, options: { name?: string | null; is_endpoint?: boolean }) => URLPatternMatcher;

/** `path(route, view, kwargs=None, name=None)` */
export function path(route: string, view: View | IncludeResult, kwargs_or_options?: PathOptions | Kwargs | null, options?: PathOptions): URLPattern | URLResolver {
  return _path("path", route, view, kwargs_or_options, options, RoutePattern);
}

/** `re_path(regex, view, kwargs=None, name=None)`: like path(), with a Python regular expression. */
export function re_path(route: string, view: View | IncludeResult, kwargs_or_options?: PathOptions | Kwargs | null, options?: PathOptions): URLPattern | URLResolver {
  return _path("re_path", route, view, kwargs_or_options, options, RegexPattern);
}

/** Sort the trailing arguments into Python's `kwargs` and `name` (see the rule in the header). */
function keyword_arguments(fn: string, third: PathOptions | Kwargs | null | undefined, fourth: PathOptions | undefined): { kwargs: Kwargs | null; name: string | null } {
  const options = (fourth === undefined ? third : fourth) ?? {};
  for (const key of Object.keys(options)) if (key !== "name" && key !== "kwargs") throw new TypeError(`${fn}() got an unexpected keyword argument '${key}'`);
  let kwargs = ((fourth === undefined ? (options as PathOptions).kwargs : third) ?? null) as Kwargs | null;
  if (fourth !== undefined && "kwargs" in fourth) {
    if (third !== undefined) throw new TypeError(`${fn}() got multiple values for argument 'kwargs'`);
    kwargs = fourth.kwargs ?? null;
  }
  if (kwargs !== null && (typeof kwargs !== "object" || Array.isArray(kwargs))) throw new TypeError(`kwargs argument must be a dict, but got ${py_type_name(kwargs)}.`);
  return { kwargs, name: (options as PathOptions).name ?? null };
}

function _path(fn: string, route: string, view: View | IncludeResult, third: PathOptions | Kwargs | null | undefined, fourth: PathOptions | undefined, Pattern: PatternClass): URLPattern | URLResolver {
  const { kwargs, name } = keyword_arguments(fn, third, fourth);
  if (Array.isArray(view)) {
    // include(...) processing: the prefix is not an endpoint, the rest of the path goes inside.
    if (view.length !== 3) throw new ValueError(view.length > 3 ? "too many values to unpack (expected 3)" : `not enough values to unpack (expected 3, got ${view.length})`);
    const [urlconf_module, app_name, namespace] = view as unknown as IncludeResult;
    return new URLResolver(new Pattern(route, { is_endpoint: false }), urlconf_module as URLconf, kwargs, { app_name, namespace });
  }
  if (typeof view === "function") return new URLPattern(new Pattern(route, { name, is_endpoint: true }), view as View, kwargs, name);
  const as_view = (view as { constructor?: { as_view?: unknown; name?: string } } | null)?.constructor;
  if (view && typeof as_view?.as_view === "function") {
    const cls = as_view.name;
    throw new TypeError(`view must be a callable, pass ${cls}.as_view(), not ${cls}().`);
  }
  throw new TypeError("view must be a callable or a list/tuple in the case of include().");
}

function py_type_name(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (typeof value === "string") return "str";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  return (value as object).constructor?.name ?? "object";
}

/** Is this array Python's `(patterns_or_module, app_name)` tuple rather than a list of patterns? */
function is_app_tuple(arg: unknown): arg is unknown[] {
  return Array.isArray(arg) && arg.some((item) => typeof item === "string");
}

/**
 * `include(module, namespace=None)` / `include((patterns, app_name), namespace=None)`:
 * a URLconf to mount under a prefix → `[urlconf_module, app_name, namespace]` for path()/re_path().
 */
export function include(arg: URLconf | [URLconf, string] | unknown[], options: { namespace?: string | null } = {}): IncludeResult {
  let namespace = options.namespace ?? null;
  let app_name: string | null = null;
  let urlconf_module: unknown = arg;
  if (is_app_tuple(arg)) {
    if (arg.length !== 2) {
      if (namespace) throw new ImproperlyConfigured("Cannot override the namespace for a dynamic module that provides a namespace.");
      throw new ImproperlyConfigured(
        `Passing a ${arg.length}-tuple to include() is not supported. Pass a 2-tuple containing the list of patterns and app_name, and provide the namespace argument to include() instead.`,
      );
    }
    [urlconf_module, app_name] = arg as [unknown, string];
  }
  if (typeof urlconf_module === "string") urlconf_module = import_module(urlconf_module);
  const module = urlconf_module as { urlpatterns?: unknown; app_name?: string } | null;
  const patterns = module && !Array.isArray(module) && "urlpatterns" in module ? module.urlpatterns : module;
  if (module && !Array.isArray(module) && typeof module.app_name === "string") app_name = module.app_name;
  if (namespace && !app_name)
    throw new ImproperlyConfigured(
      "Specifying a namespace in include() without providing an app_name is not supported. Set the app_name attribute in the included module, or pass a 2-tuple containing the list of patterns and app_name instead.",
    );
  namespace = namespace || app_name;
  if (Array.isArray(patterns)) {
    for (const url_pattern of patterns) {
      if ((url_pattern as { pattern?: unknown })?.pattern instanceof LocalePrefixPattern) throw new ImproperlyConfigured("Using i18n_patterns in an included URLconf is not allowed.");
    }
  }
  return Object.freeze([urlconf_module, app_name, namespace] as const);
}
