/**
 * django.urls: everything `from django.urls import …` offers — building a URLconf (path, re_path,
 * include, register_converter), resolving a path to a view (resolve, ResolverMatch, Resolver404)
 * and a name back to a URL (reverse, NoReverseMatch).
 */
export { path, re_path, include, type IncludeResult, type PathOptions } from "./conf";
export {
  resolve,
  reverse,
  reverse_lazy,
  is_valid_path,
  get_script_prefix,
  set_script_prefix,
  clear_script_prefix,
  get_urlconf,
  set_urlconf,
  clear_url_caches,
  type ReverseOptions,
} from "./base";
export {
  ResolverMatch,
  URLPattern,
  URLResolver,
  RoutePattern,
  RegexPattern,
  LocalePrefixPattern,
  get_resolver,
  get_ns_resolver,
  type URLconf,
  type View,
  type Kwargs,
} from "./resolvers";
export { register_converter, get_converters, IntConverter, StringConverter, SlugConverter, UUIDConverter, PathConverter, type Converter } from "./converters";
export { Resolver404, NoReverseMatch } from "./exceptions";
export { get_callable } from "./utils";
