/**
 * django.urls.resolvers: a URLconf (a tree of patterns) → a ResolverMatch for a path, and back.
 *
 * The main class is URLResolver. Its two jobs mirror each other:
 *
 *   resolve("/blog/5/")  walks the patterns in order; the first whose pattern matches wins. An
 *                        include is a nested URLResolver: its prefix is matched, then the rest of
 *                        the path is resolved inside it. → ResolverMatch(func, args, kwargs, …)
 *                        or Resolver404 listing every pattern tried.
 *   reverse("blog:detail", [5])   looks the name up in `reverse_dict` (built once, lazily, by
 *                        `_populate` from each pattern's regex via `normalize`), fills in the
 *                        arguments, checks the result against the regex, and quotes it. → "blog/5/"
 *
 * Patterns come in three kinds, all with `match(path) → [remaining, args, kwargs] | null`:
 *   RoutePattern   path("articles/<int:year>/")    compiled to ^articles/(?P<year>[0-9]+)/\Z
 *   RegexPattern   re_path(r"^articles/(?P<year>[0-9]{4})/$")   Python `re` semantics
 *   LocalePrefixPattern  the language prefix of i18n_patterns (minimal: LANGUAGE_CODE only)
 *
 * URLPattern is a pattern plus a view (an endpoint); URLResolver is a pattern plus more patterns.
 *
 * Tracing happens at exactly two seams: URLResolver.resolve opens a "resolver" span, and
 * URLPattern.resolve records a "pattern" event saying whether it matched and, if not, why. The
 * "why" comes from the match itself (`match_or_miss`: the regex did not match, or a converter
 * refused what it captured), so explaining a miss never runs a pattern's regex a second time.
 * The pattern events of one URLconf level tried against one path are kept as one run (the site
 * is declared `runs`, ADR 0035). While tracing, the resolver's loop tries its own endpoints'
 * patterns itself and records the endpoints that missed plainly in a row as one batch
 * (`record_plain_misses`, ADR 0041): the same events, without a recorder call per pattern.
 */
import { KeyError, TypeError, ValueError, py_float_str, py_repr } from "../../python/builtins";
import * as re from "../../python/re";
import { quote } from "../../python/urllib/parse";
import { span_close, span_fail, span_fail_with, span_set, trace_site, tracing_enabled, to_json, describe_error, type Attrs } from "../../../trace";
import { keep_json } from "../core/handlers/introspection";
import { settings } from "../conf";
import { ImproperlyConfigured } from "../core/exceptions";
import { import_module } from "../utils/module_loading";
import { normalize, type Possibility } from "../utils/regex_helper";
import { get_converters, on_converters_changed, type Converter } from "./converters";
import { NoReverseMatch, Resolver404, resolver404_arg, type Resolver404Info, type TriedPattern } from "./exceptions";
import { get_callable } from "./utils";

export type View = ((...a: any[]) => any) & { view_class?: unknown; __module__?: string; __qualname__?: string; __name__?: string };
export type Kwargs = Record<string, unknown>;
export type PatternMatch = [remaining: string, args: unknown[], kwargs: Kwargs];
/** A urlconf module: anything with `urlpatterns` (and maybe `app_name`, `handler404`, …), or the list itself. */
export type URLconf = string | { urlpatterns: unknown; app_name?: string; [k: string]: unknown } | (URLPattern | URLResolver)[];

// Resolving is the framework's own work, linear in the patterns tried: bounded (ADR 0040).
const RESOLVE = trace_site("resolver", "django/urls/resolvers.ts#URLResolver.resolve", { source: true, name: resolver_span_name, attrs: resolver_span_attrs, bounded: true });
// The patterns of one URLconf tried against one path are kept as one run (ADR 0035): a try the
// last resolve also made (the same pattern, missed the same way) is only counted, and the page
// makes the spans from each pattern's form.
const PATTERN = trace_site("pattern", "django/urls/resolvers.ts#URLPattern.resolve", { source: true, name: attempt_name, attrs: attempt_attrs, runs: true });

// ---------------------------------------------------------------------------------------------
// ResolverMatch: what resolve() found
// ---------------------------------------------------------------------------------------------

/** The outcome of resolve(): the view to call, its arguments, and where in the URLconf it was found. */
export class ResolverMatch {
  readonly app_names: string[];
  readonly app_name: string;
  readonly namespaces: string[];
  readonly namespace: string;
  readonly _func_path: string;
  readonly view_name: string;

  constructor(
    readonly func: View,
    readonly args: unknown[],
    readonly kwargs: Kwargs,
    readonly url_name: string | null = null,
    app_names: (string | null)[] | null = null,
    namespaces: (string | null)[] | null = null,
    readonly route: string | null = null,
    readonly tried: (URLPattern | URLResolver)[][] | null = null,
    readonly captured_kwargs: Kwargs | null = null,
    readonly extra_kwargs: Kwargs | null = null,
  ) {
    // An include without namespace or app_name contributes an empty value; those are dropped.
    this.app_names = app_names === null ? [] : app_names.filter((x): x is string => !!x);
    this.app_name = this.app_names.length ? this.app_names.join(":") : "";
    this.namespaces = namespaces === null ? [] : namespaces.filter((x): x is string => !!x);
    this.namespace = this.namespaces.length ? this.namespaces.join(":") : "";
    this._func_path = func_path(func);
    this.view_name = this.namespaces.length ? [...this.namespaces, url_name || this._func_path].join(":") : url_name || this._func_path;
  }

  /** `func, args, kwargs = resolve(path)` works as in Python: `const [func, args, kwargs] = resolve(path)`. */
  *[Symbol.iterator](): Generator<unknown> {
    yield this.func;
    yield this.args;
    yield this.kwargs;
  }

  __repr__(): string {
    const captured = this.captured_kwargs && Object.keys(this.captured_kwargs).length ? `, captured_kwargs=${py_repr(this.captured_kwargs)}` : "";
    const extra = this.extra_kwargs && Object.keys(this.extra_kwargs).length ? `, extra_kwargs=${py_repr(this.extra_kwargs)}` : "";
    return (
      `ResolverMatch(func=${this._func_path}, args=${py_tuple_repr(this.args)}, kwargs=${py_repr(this.kwargs)}, url_name=${py_repr(this.url_name)}, ` +
      `app_names=${py_repr(this.app_names)}, namespaces=${py_repr(this.namespaces)}, route=${py_repr(this.route)}${captured}${extra})`
    );
  }

  toString(): string {
    return this.__repr__();
  }
}

/**
 * Python's `func.__module__ + "." + func.__name__`. The runtime's module loader stamps `__module__`
 * on exported functions; a class-based view's `as_view()` result is described by its `view_class`.
 */
export function func_path(func: unknown): string {
  const target = (func as { view_class?: unknown })?.view_class ?? func;
  const described = typeof target === "function" ? target : (target as object)?.constructor;
  const name = (described as { __name__?: string })?.__name__ ?? (described as { name?: string })?.name ?? "";
  const module = (described as { __module__?: string })?.__module__;
  return module ? `${module}.${name}` : name;
}

/** `lookup_str`: the dotted path of the view, with `__qualname__` (what `_callback_strs` holds). */
function lookup_str(callback: View): string {
  const target = (callback.view_class ?? callback) as { __module__?: string; __qualname__?: string; name?: string };
  const name = target.__qualname__ ?? target.name ?? "";
  return target.__module__ ? `${target.__module__}.${name}` : name;
}

function py_tuple_repr(items: unknown[]): string {
  return items.length === 1 ? `(${py_repr(items[0])},)` : `(${items.map(py_repr).join(", ")})`;
}

/** Python's `str(value)` for what reverse() puts in a URL. */
export function py_str(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number" && !Number.isInteger(value)) return py_float_str(value);
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Patterns: RegexPattern, RoutePattern, LocalePrefixPattern
// ---------------------------------------------------------------------------------------------

/**
 * How a pattern missed: its regex found nothing (one shared value, nothing allocated), or a
 * converter refused what the regex captured (its `to_python` raised ValueError).
 */
export type PatternMiss = { readonly missed: "regex" } | { readonly missed: "converter"; readonly key: string; readonly value: string; readonly converter: string; readonly error: string };
export const REGEX_MISS: PatternMiss = Object.freeze({ missed: "regex" });

function is_miss(m: PatternMatch | PatternMiss): m is PatternMiss {
  return !Array.isArray(m);
}

/** The common shape of the three pattern kinds. */
export interface URLPatternMatcher {
  readonly name: string | null;
  readonly _is_endpoint: boolean;
  converters: Record<string, Converter>;
  readonly regex: re.Pattern;
  /** Django's `match(path)`: `[remaining, args, kwargs]`, or null on a miss. */
  match(path: string): PatternMatch | null;
  /** The same match, saying on a miss how it missed. */
  match_or_miss(path: string): PatternMatch | PatternMiss;
  /** The trace's words for a miss (given how it missed; without it, the pattern is matched again). */
  explain_miss(path: string, miss?: PatternMiss): string;
  describe(): string;
  check(): string[];
  toString(): string;
}

/** Compile a URL regex with Python semantics; a bad regex is an ImproperlyConfigured, as in Django. */
function compile_url_regex(regex: string): re.Pattern {
  try {
    return re.compile(regex);
  } catch (e) {
    if (e instanceof re.error) throw new ImproperlyConfigured(`"${regex}" is not a valid regular expression: ${e.message}`);
    throw e;
  }
}

/** `re_path(r"^…$", view)`: a Python regular expression; named groups → kwargs, else groups → args. */
export class RegexPattern implements URLPatternMatcher {
  readonly _regex: string;
  readonly _is_endpoint: boolean;
  readonly name: string | null;
  converters: Record<string, Converter> = {};
  private compiled: re.Pattern | null = null;

  constructor(regex: string, options: { name?: string | null; is_endpoint?: boolean } = {}) {
    this._regex = regex;
    this._is_endpoint = options.is_endpoint ?? false;
    this.name = options.name ?? null;
  }

  /** Compiled on first use, like Django's LocaleRegexDescriptor. */
  get regex(): re.Pattern {
    return (this.compiled ??= compile_url_regex(this._regex));
  }

  /** An endpoint ending in `$` must match the whole path; anything else is searched for. */
  private find(path: string): re.Match | null {
    const use_fullmatch = this._is_endpoint && this.regex.pattern.endsWith("$");
    return use_fullmatch ? this.regex.fullmatch(path) : this.regex.search(path);
  }

  match(path: string): PatternMatch | null {
    const m = this.match_or_miss(path);
    return is_miss(m) ? null : m;
  }

  match_or_miss(path: string): PatternMatch | PatternMiss {
    const m = this.find(path);
    if (!m) return REGEX_MISS;
    // Any named group → kwargs only (unnamed groups ignored); otherwise every group is an arg.
    const named = m.groupdict();
    const args = Object.keys(named).length ? [] : m.groups();
    const kwargs: Kwargs = {};
    for (const [k, v] of Object.entries(named)) if (v !== null) kwargs[k] = v;
    return [path.slice(m.end()), args, kwargs];
  }

  explain_miss(path: string, _miss?: PatternMiss): string {
    return this._is_endpoint && this._regex.endsWith("$") ? `regex ${this._regex} did not match the whole of '${path}'` : `regex ${this._regex} not found in '${path}'`;
  }

  describe(): string {
    return this.name ? `'${this}' [name='${this.name}']` : `'${this}'`;
  }

  check(): string[] {
    return [];
  }

  toString(): string {
    return this._regex;
  }
}

const PATH_PARAMETER_COMPONENT = /<(?:(?<converter>[^>:]+):)?(?<parameter>[^>]+)>/;
const WHITESPACE = /[ \t\n\r\v\f]/;

const ROUTE_CACHE_SIZE = 128;
const route_cache = new Map<string, [string, Record<string, Converter>]>();
on_converters_changed(() => route_cache.clear());

/**
 * `_route_to_regex("articles/<int:year>/", true)` → `["^articles/(?P<year>[0-9]+)/\\Z", {year: IntConverter}]`.
 * Literal text is `re.escape`d; each `<converter:name>` becomes a named group with the converter's regex.
 */
export function _route_to_regex(route: string, is_endpoint: boolean): [string, Record<string, Converter>] {
  const key = (is_endpoint ? "1" : "0") + route;
  let cached = route_cache.get(key);
  if (!cached) {
    cached = route_to_regex_uncached(route, is_endpoint);
    // Django's `@functools.lru_cache` keeps 128 routes; so does this cache, oldest out first.
    if (route_cache.size >= ROUTE_CACHE_SIZE) route_cache.delete(route_cache.keys().next().value!);
    route_cache.set(key, cached);
  }
  return [cached[0], { ...cached[1] }];
}

function route_to_regex_uncached(original_route: string, is_endpoint: boolean): [string, Record<string, Converter>] {
  let route = original_route;
  const parts = ["^"];
  const all_converters = get_converters();
  const converters: Record<string, Converter> = {};
  for (;;) {
    const m = PATH_PARAMETER_COMPONENT.exec(route);
    if (!m) {
      parts.push(re.escape(route));
      break;
    }
    if (WHITESPACE.test(m[0])) throw new ImproperlyConfigured(`URL route '${original_route}' cannot contain whitespace in angle brackets <…>.`);
    parts.push(re.escape(route.slice(0, m.index)));
    route = route.slice(m.index + m[0].length);
    const parameter = m.groups!.parameter;
    if (!is_python_identifier(parameter))
      throw new ImproperlyConfigured(`URL route '${original_route}' uses parameter name ${py_repr(parameter)} which isn't a valid Python identifier.`);
    const raw_converter = m.groups!.converter ?? "str";
    const converter = all_converters[raw_converter];
    if (!converter) throw new ImproperlyConfigured(`URL route ${py_repr(original_route)} uses invalid converter ${py_repr(raw_converter)}.`);
    converters[parameter] = converter;
    parts.push(`(?P<${parameter}>${converter.regex})`);
  }
  if (is_endpoint) parts.push("\\Z");
  return [parts.join(""), converters];
}

function is_python_identifier(name: string): boolean {
  return /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name);
}

/** `path("articles/<int:year>/", view)`: a route with typed parameters. */
export class RoutePattern implements URLPatternMatcher {
  readonly _route: string;
  readonly _is_endpoint: boolean;
  readonly name: string | null;
  converters: Record<string, Converter>;
  private readonly _regex: string;
  private compiled: re.Pattern | null = null;
  /** The start of the trace's words for a regex miss (this pattern tries many paths; made once). */
  private miss_words: string | undefined = undefined;

  constructor(route: string, options: { name?: string | null; is_endpoint?: boolean } = {}) {
    this._route = String(route);
    this._is_endpoint = options.is_endpoint ?? false;
    this.name = options.name ?? null;
    // Compiling the route here is what makes a bad route fail when urls.ts is loaded, as in Django.
    [this._regex, this.converters] = _route_to_regex(this._route, this._is_endpoint);
  }

  get regex(): re.Pattern {
    return (this.compiled ??= compile_url_regex(this._regex));
  }

  match(path: string): PatternMatch | null {
    const m = this.match_or_miss(path);
    return is_miss(m) ? null : m;
  }

  match_or_miss(path: string): PatternMatch | PatternMiss {
    const m = this.regex.search(path);
    if (!m) return REGEX_MISS;
    const kwargs: Kwargs = {};
    for (const [key, value] of Object.entries(m.groupdict())) {
      const converter = this.converters[key];
      try {
        kwargs[key] = converter.to_python(value as string);
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        // The converter said no: try the next pattern (and say which converter refused what).
        const error = describe_error(e);
        return { missed: "converter", key, value: value as string, converter: converter.constructor?.name ?? "converter", error: `${error.type}: ${error.message}` };
      }
    }
    return [path.slice(m.end()), [], kwargs];
  }

  explain_miss(path: string, miss: PatternMiss = this.match_or_miss(path) as PatternMiss): string {
    if (!is_miss(miss)) return "no match";
    if (miss.missed === "regex") return (this.miss_words ??= `route '${this._route}' (regex ${this._regex}) did not match '`) + path + "'";
    return `${miss.converter}.to_python(${py_repr(miss.value)}) for <${miss.key}> raised ${miss.error}`;
  }

  describe(): string {
    return this.name ? `'${this}' [name='${this.name}']` : `'${this}'`;
  }

  /** System-check warnings (W001/W002-style) as text; `build` errors are raised in the constructor. */
  check(): string[] {
    const warnings: string[] = [];
    if (this._route.startsWith("/") && !this._route.startsWith("//")) warnings.push(`Your URL pattern ${this.describe()} has a route beginning with a '/'.`);
    if (this._route.includes("(?P<") || this._route.startsWith("^") || this._route.endsWith("$"))
      warnings.push(`Your URL pattern ${this.describe()} has a route that contains '(?P<', begins with a '^', or ends with a '$'.`);
    return warnings;
  }

  toString(): string {
    return this._route;
  }
}

/** The language prefix of `i18n_patterns` (minimal: the prefix of LANGUAGE_CODE). */
export class LocalePrefixPattern implements URLPatternMatcher {
  readonly name = null;
  readonly _is_endpoint = false;
  converters: Record<string, Converter> = {};
  constructor(readonly prefix_default_language = true) {}

  get language_prefix(): string {
    const language_code = String(settings.LANGUAGE_CODE ?? "en-us");
    return language_code === settings.LANGUAGE_CODE && !this.prefix_default_language ? "" : `${language_code}/`;
  }

  get regex(): re.Pattern {
    return re.compile(re.escape(this.language_prefix));
  }

  match(path: string): PatternMatch | null {
    const prefix = this.language_prefix;
    return path.startsWith(prefix) ? [path.slice(prefix.length), [], {}] : null;
  }

  match_or_miss(path: string): PatternMatch | PatternMiss {
    return this.match(path) ?? REGEX_MISS;
  }

  explain_miss(path: string, _miss?: PatternMiss): string {
    return `'${path}' does not start with the language prefix '${this.language_prefix}'`;
  }

  describe(): string {
    return `'${this}'`;
  }

  check(): string[] {
    return [];
  }

  toString(): string {
    return this.language_prefix;
  }
}

// ---------------------------------------------------------------------------------------------
// URLPattern: a pattern and a view
// ---------------------------------------------------------------------------------------------

/** One endpoint of the URLconf: `path(route, view, kwargs, {name})` builds one. */
export class URLPattern {
  readonly default_args: Kwargs;

  constructor(
    readonly pattern: URLPatternMatcher,
    readonly callback: View,
    default_args: Kwargs | null = null,
    readonly name: string | null = null,
  ) {
    this.default_args = default_args ?? {};
  }

  /** The pattern matched → a ResolverMatch with the default kwargs laid over the captured ones. */
  resolve(path: string): ResolverMatch | null {
    return this.resolve_attempt(path, this.pattern.match_or_miss(path));
  }

  /** `resolve()` given what the pattern made of the path (its match, or how it missed): the event recorded, the match made. */
  resolve_attempt(path: string, m: PatternMatch | PatternMiss): ResolverMatch | null {
    PATTERN.event_with(attempt_name, attempt_attrs, this, path, m);
    if (is_miss(m)) return null;
    const [, args, captured_kwargs] = m;
    const kwargs = { ...captured_kwargs, ...this.default_args };
    return new ResolverMatch(this.callback, args, kwargs, this.pattern.name, null, null, String(this.pattern), null, captured_kwargs, this.default_args);
  }


  get lookup_str(): string {
    return lookup_str(this.callback);
  }

  check(): string[] {
    const warnings = this.pattern.check();
    if (this.pattern.name?.includes(":")) warnings.push(`Your URL pattern ${this.pattern.describe()} has a name including a ':'. Remove the colon, to avoid ambiguous namespace references.`);
    return warnings;
  }

  __repr__(): string {
    return `<URLPattern ${this.pattern.describe()}>`;
  }

  toString(): string {
    return this.__repr__();
  }
}

/** A resolver span's name: `resolve /path/` for the root URLconf, `include admin/` for an include (built when the trace is read). */
function resolver_span_name(resolver: URLResolver, path: string): string {
  return resolver.pattern instanceof RegexPattern && resolver.pattern._regex === "^/" ? `resolve ${path}` : `include ${String(resolver.pattern)}`;
}

/** A resolver span's attributes (built when the trace is read: a resolver's pattern and names do not change). */
function resolver_span_attrs(resolver: URLResolver, path: string): Attrs {
  return { path, pattern: String(resolver.pattern), namespace: resolver.namespace, app_name: resolver.app_name };
}

/** The "pattern" trace event's name: the route (built when the trace is read). */
function attempt_name(pattern: URLPattern): string {
  return pattern.pattern.toString() || "'' (empty route)";
}

/** The "pattern" trace event's attributes: this pattern was tried, matched or not, and why (built when the trace is read). */
function attempt_attrs(pattern: URLPattern, path: string, m: PatternMatch | PatternMiss): Attrs {
  const route = pattern.pattern.toString();
  const kind = pattern.pattern instanceof RegexPattern ? "re_path" : "path";
  // A miss (104 of the 105 spans of a resolve of the last pattern) is one object literal.
  if (is_miss(m)) return { route, path, name: pattern.name, kind, matched: false, reason: pattern.pattern.explain_miss(path, m) };
  const attrs: Attrs = { route, path, name: pattern.name, kind, matched: true };
  attrs.args = to_json(m[1]);
  attrs.captured_kwargs = to_json(m[2]);
  if (Object.keys(pattern.default_args).length) attrs.extra_kwargs = to_json(pattern.default_args);
  if (Object.keys(pattern.pattern.converters).length) attrs.converters = converter_names(pattern.pattern.converters);
  return attrs;
}

function converter_names(converters: Record<string, Converter>): Attrs {
  const out: Attrs = {};
  for (const [k, c] of Object.entries(converters)) out[k] = c.constructor?.name ?? "converter";
  return out;
}

// ---------------------------------------------------------------------------------------------
// URLResolver: a pattern and more patterns (the root URLconf, or an include())
// ---------------------------------------------------------------------------------------------

/** One candidate for reverse(): possibilities from normalize(), the regex text, defaults, converters. */
export type ReverseEntry = [possibilities: Possibility[], pattern: string, defaults: Kwargs, converters: Record<string, Converter>];
export type LookupKey = string | View;

/** Django's MultiValueDict.appendlist/getlist, keyed by name or view function. */
class ReverseDict {
  private readonly map = new Map<LookupKey, ReverseEntry[]>();
  appendlist(key: LookupKey, entry: ReverseEntry): void {
    const list = this.map.get(key);
    if (list) list.push(entry);
    else this.map.set(key, [entry]);
  }
  getlist(key: LookupKey): ReverseEntry[] {
    return this.map.get(key) ?? [];
  }
  has(key: LookupKey): boolean {
    return this.map.has(key);
  }
  keys(): IterableIterator<LookupKey> {
    return this.map.keys();
  }
}

export class URLResolver {
  readonly pattern: URLPatternMatcher;
  readonly urlconf_name: URLconf;
  readonly callback = null;
  readonly default_kwargs: Kwargs;
  readonly namespace: string | null;
  readonly app_name: string | null;
  private _url_patterns: (URLPattern | URLResolver)[] | null = null;
  private _reverse_dict: ReverseDict | null = null;
  private _namespace_dict: Record<string, [string, URLResolver]> = {};
  private _app_dict: Record<string, string[]> = {};
  private readonly _callback_strs = new Set<string>();
  private _populated = false;
  private _populating = false;

  constructor(pattern: URLPatternMatcher, urlconf_name: URLconf, default_kwargs: Kwargs | null = null, options: { app_name?: string | null; namespace?: string | null } = {}) {
    this.pattern = pattern;
    this.urlconf_name = urlconf_name;
    this.default_kwargs = default_kwargs ?? {};
    this.namespace = options.namespace ?? null;
    this.app_name = options.app_name ?? null;
  }

  __repr__(): string {
    const urlconf_repr = Array.isArray(this.urlconf_name) && this.urlconf_name.length ? `<${this.urlconf_name[0].constructor.name} list>` : typeof this.urlconf_name === "string" ? py_repr(this.urlconf_name) : `<module ${py_repr(module_name(this.urlconf_name))}>`;
    return `<URLResolver ${urlconf_repr} (${this.app_name ?? "None"}:${this.namespace ?? "None"}) ${this.pattern.describe()}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  get urlconf_module(): unknown {
    return typeof this.urlconf_name === "string" ? import_module(this.urlconf_name) : this.urlconf_name;
  }

  /** The urlconf module's `urlpatterns` (or the list itself), read once. */
  get url_patterns(): (URLPattern | URLResolver)[] {
    if (this._url_patterns) return this._url_patterns;
    const module = this.urlconf_module as { urlpatterns?: unknown } | null;
    const patterns = module && !Array.isArray(module) && "urlpatterns" in module ? module.urlpatterns : module;
    if (patterns === null || patterns === undefined || typeof (patterns as any)[Symbol.iterator] !== "function" || typeof patterns === "string") {
      const name = typeof this.urlconf_name === "string" ? this.urlconf_name : module_name(this.urlconf_name);
      throw new ImproperlyConfigured(
        `The included URLconf '${name}' does not appear to have any patterns in it. If you see the 'urlpatterns' variable with valid patterns in the file then the issue is probably caused by a circular import.`,
      );
    }
    return (this._url_patterns = [...(patterns as Iterable<URLPattern | URLResolver>)]);
  }

  // --- resolve --------------------------------------------------------------------------------

  /** Resolve a path inside this resolver (the root resolver's pattern is `^/`). */
  resolve(path: string): ResolverMatch {
    const found = this.resolve_or_miss(path);
    if (found instanceof ResolverMatch) return found;
    throw new Resolver404(found);
  }

  /**
   * `resolve()` without raising: the match, or what its Resolver404 would carry (`{path, tried}`).
   * The include loop asks this, so an include whose prefix does not match costs no exception
   * (building one captures a stack trace, which costs more than trying a hundred patterns).
   */
  resolve_or_miss(path: string): ResolverMatch | Resolver404Info {
    path = String(path);
    if (!tracing_enabled()) return this._resolve(path);
    const span = RESOLVE.open_with(resolver_span_name, resolver_span_attrs, this, path);
    try {
      const found = this._resolve(path);
      if (found instanceof ResolverMatch) {
        // Kept now: the view receives match.args and match.kwargs and may change them (none, or
        // only strings and numbers — a converter's usual values — are described when read).
        const args = keep_json(found.args);
        const kwargs = keep_json(found.kwargs);
        span_set(span, () => ({ matched: true, view_name: found.view_name, route: found.route, args: to_json(args), kwargs: to_json(kwargs), func: found._func_path }));
      } else {
        span_set(span, { matched: false, reason: found.tried === undefined ? `prefix ${String(this.pattern)} did not match` : "no pattern inside matched", unmatched: found.path });
        // The Resolver404's words are formatted when the trace is read (`found` is not changed afterwards).
        span_fail_with(span, () => ({ type: "Resolver404", message: py_repr(resolver404_arg(found)) }));
      }
      return found;
    } catch (e) {
      span_fail(span, e);
      throw e;
    } finally {
      span_close(span);
    }
  }


  private _resolve(path: string): ResolverMatch | Resolver404Info {
    const tried: (URLPattern | URLResolver)[][] = [];
    const m = this.pattern.match(path);
    if (!m) return { path };
    const [new_path, args, captured_kwargs] = m;
    const patterns = this.url_patterns;
    const tracing = tracing_enabled();
    /** While tracing: how many endpoints before `i` missed plainly and are not recorded yet. */
    let plain_misses = 0;
    for (let i = 0; i < patterns.length; i++) {
      const pattern = patterns[i];
      let sub: ResolverMatch | Resolver404Info | null;
      if (tracing && is_own_endpoint(pattern)) {
        const attempt = pattern.pattern.match_or_miss(new_path);
        if (attempt === REGEX_MISS) {
          plain_misses++;
          tried.push([pattern]);
          continue;
        }
        record_plain_misses(patterns, i, plain_misses, new_path);
        plain_misses = 0;
        sub = pattern.resolve_attempt(new_path, attempt);
      } else {
        if (plain_misses !== 0) {
          record_plain_misses(patterns, i, plain_misses, new_path);
          plain_misses = 0;
        }
        sub = resolve_in(pattern, new_path);
      }
      if (sub === null) tried.push([pattern]);
      else if (!(sub instanceof ResolverMatch)) extend_tried(tried, pattern, sub.tried as (URLPattern | URLResolver)[][] | undefined);
      else {
        extend_tried(tried, pattern, sub.tried);
        return this.merge_match(pattern, sub, args, captured_kwargs, tried);
      }
    }
    record_plain_misses(patterns, patterns.length, plain_misses, new_path);
    return { tried: tried as TriedPattern[][], path: new_path };
  }

  /** What this level adds to a match found inside it: its captures, default kwargs, namespace, route prefix. */
  private merge_match(pattern: URLPattern | URLResolver, sub: ResolverMatch, args: unknown[], captured_kwargs: Kwargs, tried: (URLPattern | URLResolver)[][]): ResolverMatch {
    const kwargs = { ...captured_kwargs, ...this.default_kwargs, ...sub.kwargs };
    // Any named group anywhere → positional groups are dropped; otherwise outer args come first.
    const merged_args = Object.keys(kwargs).length ? sub.args : [...args, ...sub.args];
    const current_route = pattern instanceof URLPattern ? "" : String(pattern.pattern);
    return new ResolverMatch(
      sub.func,
      merged_args,
      kwargs,
      sub.url_name,
      [this.app_name, ...sub.app_names],
      [this.namespace, ...sub.namespaces],
      join_route(current_route, sub.route ?? ""),
      tried,
      sub.captured_kwargs,
      { ...this.default_kwargs, ...sub.extra_kwargs },
    );
  }

  // --- reverse ------------------------------------------------------------------------------

  get reverse_dict(): ReverseDict {
    if (!this._populated) this._populate();
    return this._reverse_dict!;
  }

  get namespace_dict(): Record<string, [string, URLResolver]> {
    if (!this._populated) this._populate();
    return this._namespace_dict;
  }

  get app_dict(): Record<string, string[]> {
    if (!this._populated) this._populate();
    return this._app_dict;
  }

  _is_callback(name: string): boolean {
    if (!this._populated) this._populate();
    return this._callback_strs.has(name);
  }

  /**
   * Build `reverse_dict`, `namespace_dict` and `app_dict` from the patterns, last to first (so that
   * for a name used twice, the pattern defined LAST is tried first — Django's behaviour).
   */
  _populate(): void {
    if (this._populating) return;
    this._populating = true;
    try {
      const lookups = new ReverseDict();
      const namespaces: Record<string, [string, URLResolver]> = {};
      const apps: Record<string, string[]> = {};
      for (const url_pattern of [...this.url_patterns].reverse()) {
        const p_pattern = strip_caret(url_pattern.pattern.regex.pattern);
        if (url_pattern instanceof URLPattern) this.populate_endpoint(url_pattern, p_pattern, lookups);
        else this.populate_include(url_pattern, p_pattern, lookups, namespaces, apps);
      }
      this._reverse_dict = lookups;
      this._namespace_dict = namespaces;
      this._app_dict = apps;
      this._populated = true;
    } finally {
      this._populating = false;
    }
  }

  private populate_endpoint(url_pattern: URLPattern, p_pattern: string, lookups: ReverseDict): void {
    this._callback_strs.add(url_pattern.lookup_str);
    const entry: ReverseEntry = [normalize(url_pattern.pattern.regex.pattern), p_pattern, url_pattern.default_args, url_pattern.pattern.converters];
    lookups.appendlist(url_pattern.callback, entry);
    if (url_pattern.name !== null) lookups.appendlist(url_pattern.name, entry);
  }

  /** A namespaced include is reached through `namespace_dict`; an anonymous one lends its names to this level. */
  private populate_include(url_pattern: URLResolver, p_pattern: string, lookups: ReverseDict, namespaces: Record<string, [string, URLResolver]>, apps: Record<string, string[]>): void {
    url_pattern._populate();
    if (url_pattern.app_name) {
      (apps[url_pattern.app_name] ??= []).push(url_pattern.namespace!);
      namespaces[url_pattern.namespace!] = [p_pattern, url_pattern];
    } else {
      for (const name of url_pattern.reverse_dict.keys()) {
        for (const [, pat, defaults, converters] of url_pattern.reverse_dict.getlist(name)) {
          const joined = p_pattern + pat;
          lookups.appendlist(name, [normalize(joined), joined, { ...defaults, ...url_pattern.default_kwargs }, { ...this.pattern.converters, ...url_pattern.pattern.converters, ...converters }]);
        }
      }
      for (const [namespace, [prefix, sub_pattern]] of Object.entries(url_pattern.namespace_dict)) {
        Object.assign(sub_pattern.pattern.converters, url_pattern.pattern.converters);
        namespaces[namespace] = [p_pattern + prefix, sub_pattern];
      }
      for (const [app_name, namespace_list] of Object.entries(url_pattern.app_dict)) (apps[app_name] ??= []).push(...namespace_list);
    }
    for (const s of url_pattern._callback_strs) this._callback_strs.add(s);
  }

  /** Python's `resolver.reverse(name, *args, **kwargs)`: `resolver.reverse(name, args, kwargs)`. */
  reverse(lookup_view: LookupKey, args: unknown[] = [], kwargs: Kwargs = {}): string {
    return this._reverse_with_prefix(lookup_view, "", args, kwargs);
  }

  /** Try each candidate for the name, in order; the first that the arguments fit and the regex accepts wins. */
  _reverse_with_prefix(lookup_view: LookupKey, _prefix: string, args: unknown[] = [], kwargs: Kwargs = {}): string {
    if (args.length && Object.keys(kwargs).length) throw new ValueError("Don't mix *args and **kwargs in call to reverse()!");
    const possibilities = this.reverse_dict.getlist(lookup_view);
    for (const [possibility, pattern, defaults, converters] of possibilities) {
      for (const [result, params] of possibility) {
        const candidate_subs = candidate_substitutions(params, args, kwargs, defaults);
        if (!candidate_subs) continue;
        const text_subs = text_substitutions(candidate_subs, converters);
        if (!text_subs) continue;
        const candidate = py_percent_format(_prefix.replace(/%/g, "%%") + result, text_subs);
        if (re.search(`^${re.escape(_prefix)}${pattern}`, candidate)) {
          // The URL must stay a path: quote what is not allowed in one, keep sub-delimiters.
          return escape_leading_slashes(quote(candidate, RFC3986_SUBDELIMS + "/~:@"));
        }
      }
    }
    throw new NoReverseMatch(no_reverse_match_message(lookup_view, args, kwargs, possibilities));
  }

  /**
   * `handler404` etc.: the URLconf module's own (a view or a dotted path), else Django's default from
   * django.conf.urls — imported lazily through the module loader, as Django does.
   */
  resolve_error_handler(view_type: number): (...args: any[]) => any {
    const module = this.urlconf_module as Record<string, unknown> | null;
    let callback = module && !Array.isArray(module) ? module[`handler${view_type}`] : undefined;
    if (!callback) callback = import_module("django.conf.urls")[`handler${view_type}`];
    return get_callable(callback as string | Function) as (...args: any[]) => any;
  }

  /** Run every pattern's checks (warnings as text); raises ImproperlyConfigured like loading the URLconf does. */
  check(): string[] {
    const messages: string[] = [];
    for (const pattern of this.url_patterns) messages.push(...pattern.check());
    return messages;
  }
}

const RFC3986_SUBDELIMS = "!$&'()*+,;=";

/** One entry of a URLconf tried: a match, null (an endpoint that did not match), or an include's miss. */
function resolve_in(pattern: URLPattern | URLResolver, path: string): ResolverMatch | Resolver404Info | null {
  // Django's own URLResolver answers without raising; anything else (a subclass with its own
  // resolve(), a custom pattern) is asked the Python way, and its Resolver404 caught.
  if (pattern instanceof URLResolver && pattern.resolve === URLResolver.prototype.resolve) return pattern.resolve_or_miss(path);
  try {
    return pattern.resolve(path);
  } catch (e) {
    if (!(e instanceof Resolver404)) throw e;
    return { path: e.path, tried: e.tried };
  }
}

/** Django's own endpoint (`path()`/`re_path()`), whose `resolve()` the traced loop may do itself. */
function is_own_endpoint(pattern: URLPattern | URLResolver): pattern is URLPattern {
  return pattern instanceof URLPattern && pattern.resolve === URLPattern.prototype.resolve;
}

/**
 * The `count` endpoints just before `patterns[end]` missed plainly (their regex did not match
 * `path`): their pattern events, recorded as one batch — what `URLPattern.resolve` records for each.
 */
function record_plain_misses(patterns: readonly (URLPattern | URLResolver)[], end: number, count: number, path: string): void {
  // Every entry in the batch is an endpoint (`is_own_endpoint` let it be counted).
  if (count !== 0) PATTERN.events_with(attempt_name, attempt_attrs, patterns as readonly URLPattern[], end - count, count, path, REGEX_MISS);
}

function extend_tried(tried: (URLPattern | URLResolver)[][], pattern: URLPattern | URLResolver, sub_tried: (URLPattern | URLResolver)[][] | null | undefined): void {
  if (sub_tried === null || sub_tried === undefined) tried.push([pattern]);
  else for (const t of sub_tried) tried.push([pattern, ...t]);
}

function join_route(route1: string, route2: string): string {
  if (!route1) return route2;
  return route1 + (route2.startsWith("^") ? route2.slice(1) : route2);
}

function strip_caret(pattern: string): string {
  return pattern.startsWith("^") ? pattern.slice(1) : pattern;
}

function module_name(module: unknown): string {
  return String((module as { __name__?: string })?.__name__ ?? "urls");
}

/** Which values fill which parameters, or null when the arguments do not fit this possibility. */
function candidate_substitutions(params: string[], args: unknown[], kwargs: Kwargs, defaults: Kwargs): Kwargs | null {
  if (args.length) {
    if (args.length !== params.length) return null;
    const subs: Kwargs = {};
    params.forEach((p, k) => (subs[p] = args[k]));
    return subs;
  }
  // Every parameter given, nothing unknown — except names with a default value.
  const given = new Set(Object.keys(kwargs));
  const wanted = new Set(params);
  for (const k of [...given, ...params]) if (given.has(k) !== wanted.has(k) && !(k in defaults)) return null;
  // A default not in the pattern must not be contradicted.
  for (const [k, v] of Object.entries(defaults)) {
    if (wanted.has(k)) continue;
    if (k in kwargs && !py_equal(kwargs[k], v)) return null;
  }
  return kwargs;
}

/** Values → URL text, through each parameter's converter; a converter's ValueError rejects the candidate. */
function text_substitutions(subs: Kwargs, converters: Record<string, Converter>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(subs)) {
    if (k in converters) {
      try {
        out[k] = py_str(converters[k].to_url(v));
      } catch (e) {
        if (e instanceof ValueError) return null;
        throw e;
      }
    } else {
      out[k] = py_str(v);
    }
  }
  return out;
}

/**
 * Python's `format % mapping`, as `_reverse_with_prefix` applies it to a pattern's normalised form
 * (`%(name)s` and `%%`, and any `%` a route's literal text carries, which Django does not escape).
 * The mapping is one argument: a spec without a key takes the mapping itself, once, and none is
 * left after a key was used — CPython's "not enough arguments"; the argument is fetched before the
 * conversion character is checked, so that error comes first.
 */
function py_percent_format(format: string, subs: Record<string, string>): string {
  let out = "";
  let positional_left = true;
  let i = 0;
  while (i < format.length) {
    const percent = format.indexOf("%", i);
    if (percent < 0) return out + format.slice(i);
    out += format.slice(i, percent);
    i = percent + 1;
    let value: unknown;
    let keyed = false;
    if (format[i] === "(") {
      let depth = 1;
      let j = i + 1;
      for (; j < format.length && depth > 0; j++) depth += format[j] === "(" ? 1 : format[j] === ")" ? -1 : 0;
      if (depth > 0) throw new ValueError("incomplete format key");
      const key = format.slice(i + 1, j - 1);
      if (!(key in subs)) throw new KeyError(key);
      value = subs[key];
      keyed = true;
      positional_left = false;
      i = j;
    }
    while (i < format.length && "-+ #0".includes(format[i])) i++;
    while (i < format.length && /[0-9.hlL]/.test(format[i])) i++;
    if (i >= format.length) throw new ValueError("incomplete format");
    const conversion = format[i];
    if (conversion === "%") {
      out += "%";
      i++;
      continue;
    }
    if (!keyed) {
      if (!positional_left) throw new TypeError("not enough arguments for format string");
      positional_left = false;
      value = subs;
    }
    if ("sra".includes(conversion)) out += typeof value === "string" ? value : py_repr(value);
    else if ("diouxXeEfFgGc".includes(conversion)) throw new TypeError(`%${conversion} format: a real number is required, not ${typeof value === "string" ? "str" : "dict"}`);
    else throw new ValueError(`unsupported format character '${conversion}' (0x${conversion.codePointAt(0)!.toString(16)}) at index ${i}`);
    i++;
  }
  return out;
}

/** Python's `==` for the plain values default kwargs hold (True == 1, 1 == 1.0). */
function py_equal(a: unknown, b: unknown): boolean {
  const numeric = (x: unknown) => typeof x === "number" || typeof x === "boolean" || typeof x === "bigint";
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, k) => py_equal(x, b[k]));
  const eq = (a as { equals?: (o: unknown) => boolean })?.equals;
  if (typeof eq === "function") return eq.call(a, b);
  return a === b;
}

/** `//evil.com` as a path would become a scheme-relative URL: escape the second slash. */
export function escape_leading_slashes(url: string): string {
  return url.startsWith("//") ? "/%2F" + url.slice(2) : url;
}

function no_reverse_match_message(lookup_view: LookupKey, args: unknown[], kwargs: Kwargs, possibilities: ReverseEntry[]): string {
  const view_s = typeof lookup_view === "function" ? func_path(lookup_view) : String(lookup_view);
  const patterns = possibilities.map(([, pattern]) => pattern);
  if (!patterns.length) return `Reverse for '${view_s}' not found. '${view_s}' is not a valid view function or pattern name.`;
  const arg_msg = args.length ? `arguments '${py_tuple_repr(args)}'` : Object.keys(kwargs).length ? `keyword arguments '${py_repr(kwargs)}'` : "no arguments";
  return `Reverse for '${view_s}' with ${arg_msg} not found. ${patterns.length} pattern(s) tried: ${py_repr(patterns)}`;
}

// ---------------------------------------------------------------------------------------------
// Resolver caches
// ---------------------------------------------------------------------------------------------

const resolver_cache = new Map<unknown, URLResolver>();
const ns_resolver_cache = new Map<string, URLResolver>();

/** The root resolver for a URLconf (ROOT_URLCONF by default): `^/` around the URLconf's patterns. Cached. */
export function get_resolver(urlconf: URLconf | null = null): URLResolver {
  const conf = urlconf ?? (settings.ROOT_URLCONF as URLconf);
  let resolver = resolver_cache.get(conf);
  if (!resolver) {
    resolver = new URLResolver(new RegexPattern("^/"), conf);
    resolver_cache.set(conf, resolver);
  }
  return resolver;
}

/**
 * A resolver for reversing inside a namespace whose prefix captures parameters: the namespace's
 * patterns under one regex prefix, wrapped in a root `^/` resolver.
 */
export function get_ns_resolver(ns_pattern: string, resolver: URLResolver, converters: [string, Converter][]): URLResolver {
  let by_resolver = ns_resolver_key.get(resolver);
  if (!by_resolver) ns_resolver_key.set(resolver, (by_resolver = String(ns_resolver_key_counter++)));
  const key = `${by_resolver}\u0000${ns_pattern}\u0000${converters.map(([k, c]) => `${k}=${converter_id(c)}`).join(",")}`;
  let cached = ns_resolver_cache.get(key);
  if (!cached) {
    const pattern = new RegexPattern(ns_pattern);
    pattern.converters = Object.fromEntries(converters);
    const ns_resolver = new URLResolver(pattern, resolver.url_patterns);
    cached = new URLResolver(new RegexPattern("^/"), [ns_resolver]);
    ns_resolver_cache.set(key, cached);
  }
  return cached;
}

const ns_resolver_key = new WeakMap<URLResolver, string>();
let ns_resolver_key_counter = 0;
const converter_ids = new WeakMap<object, number>();
function converter_id(c: Converter): number {
  let id = converter_ids.get(c);
  if (id === undefined) converter_ids.set(c, (id = converter_ids_counter++));
  return id;
}
let converter_ids_counter = 0;

/** `get_resolver.cache_clear()` and `get_ns_resolver.cache_clear()`. */
export function clear_resolver_caches(): void {
  resolver_cache.clear();
  ns_resolver_cache.clear();
}
