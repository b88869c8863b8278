/**
 * Conformance replayer for the `urls` area: a recorded URLconf spec and a request → our
 * resolve()/reverse() → the same neutral JSON real Django recorded.
 *
 * Each case carries its whole URLconf as data; it is built with our `path`/`re_path`/`include`
 * exactly as FORMAT.md says Django built it (`path(route, view, kwargs, name=name)`, includes with
 * `(patterns, app_name)` tuples). Views are opaque labels: each entry gets its own function named
 * after the label, in module "views". The file-level custom converters `yyyy` and `even` are
 * registered once. NoReverseMatch messages that list tried patterns are compared informationally.
 */
import type { AreaReplayer, CaseResult, CorpusCase, CorpusFile } from "../area";
import { expect_equal } from "../compare";
import { TypeError, ValueError } from "../../frameworks/python/builtins";
import { UUID } from "../../frameworks/python/uuid";
import { get_resolver, include, path, re_path, register_converter, reverse, clear_url_caches, type URLPattern, type URLResolver } from "../../frameworks/django/urls";
import { error_type } from "../../trace";

interface EntrySpec {
  kind: "path" | "re_path" | "include";
  route: string;
  view?: string;
  name?: string;
  kwargs?: Record<string, unknown>;
  via?: "re_path";
  app_name?: string;
  namespace?: string;
  patterns?: EntrySpec[];
}

/** Python's `int(value)` for what the custom converters receive (digits, or an int from reverse()). */
function py_int(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return parseInt(value, 10);
  throw new ValueError(`invalid literal for int() with base 10: ${JSON.stringify(value)}`);
}

/** `yyyy`: four digits ↔ int; to_url is '%04d'. */
class FourDigitYearConverter {
  regex = "[0-9]{4}";
  to_python(value: string): number {
    return py_int(value);
  }
  to_url(value: unknown): string {
    // Python's '%04d' % value: a str is a TypeError (it escapes reverse()), a float is truncated.
    if (typeof value === "string") throw new TypeError("%d format: a real number is required, not str");
    const n = typeof value === "number" ? Math.trunc(value) : py_int(value);
    return (n < 0 ? "-" : "") + String(Math.abs(n)).padStart(n < 0 ? 3 : 4, "0");
  }
}

/** `even`: digits ↔ int, and odd numbers are refused both ways. */
class EvenConverter {
  regex = "[0-9]+";
  to_python(value: string): number {
    const n = py_int(value);
    if (n % 2) throw new ValueError("odd");
    return n;
  }
  to_url(value: unknown): string {
    const n = py_int(value);
    if (n % 2) throw new ValueError("odd");
    return String(n);
  }
}

const VIEW_LABELS = new WeakMap<Function, string>();

function make_view(label: string): Function {
  const view = function () {
    return null;
  };
  Object.defineProperty(view, "name", { value: label });
  (view as unknown as { __module__: string }).__module__ = "views";
  VIEW_LABELS.set(view, label);
  return view;
}

/** The spec → URL patterns, built through the public API as a project's urls.ts would. */
function build_urlconf(entries: EntrySpec[]): (URLPattern | URLResolver)[] {
  return entries.map((e) => {
    if (e.kind === "include") {
      const fn = e.via === "re_path" ? re_path : path;
      const inner = build_urlconf(e.patterns ?? []);
      const included = e.app_name ? include([inner, e.app_name], { namespace: e.namespace ?? null }) : include(inner, { namespace: e.namespace ?? null });
      return fn(e.route, included, e.kwargs ?? null, {});
    }
    const fn = e.kind === "re_path" ? re_path : path;
    return fn(e.route, make_view(e.view!) as any, e.kwargs ?? null, { name: e.name ?? null });
  });
}

/** A Python value as the corpus writes it, and its Python type name. */
function neutral(value: unknown): unknown {
  if (value instanceof UUID) return value.toString();
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(neutral);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, neutral(v)]));
  return value === undefined ? null : value;
}

function type_name(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof UUID) return "uuid";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  if (Array.isArray(value)) return "list";
  return "dict";
}

function map_values(obj: Record<string, unknown> | null, f: (v: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj ?? {}).map(([k, v]) => [k, f(v)]));
}

function describe_error(e: unknown): { error: string; message: string } {
  return { error: error_type(e), message: e instanceof Error ? e.message : String(e) };
}

function replay_resolve(urlconf: (URLPattern | URLResolver)[], path_info: string): unknown {
  try {
    const m = get_resolver(urlconf).resolve(path_info);
    return {
      view: VIEW_LABELS.get(m.func) ?? m.func.name,
      args: neutral(m.args),
      arg_types: m.args.map(type_name),
      kwargs: neutral(m.kwargs),
      kwarg_types: map_values(m.kwargs, type_name),
      captured_kwargs: neutral(m.captured_kwargs ?? {}),
      extra_kwargs: neutral(m.extra_kwargs ?? {}),
      url_name: m.url_name,
      route: m.route,
      view_name: m.view_name,
      namespace: m.namespace,
      namespaces: m.namespaces,
      app_name: m.app_name,
      app_names: m.app_names,
    };
  } catch (e) {
    const info = e as { path?: string; tried?: { pattern: unknown }[][] };
    if (error_type(e) !== "Resolver404") return describe_error(e);
    const out: Record<string, unknown> = { error: "Resolver404", path: info.path };
    if (info.tried) out.tried = info.tried.map((chain) => chain.map((p) => String(p.pattern)));
    return out;
  }
}

function replay_reverse(urlconf: (URLPattern | URLResolver)[], input: any): unknown {
  try {
    const url = reverse(input.name, { urlconf, args: input.args, kwargs: input.kwargs, current_app: input.current_app, query: input.query, fragment: input.fragment });
    return { url };
  } catch (e) {
    return describe_error(e);
  }
}

function replay_build(urlconf_spec: EntrySpec[]): unknown {
  try {
    const urlconf = build_urlconf(urlconf_spec);
    get_resolver(urlconf)._populate();
    return { ok: true };
  } catch (e) {
    return describe_error(e);
  }
}

/** FORMAT.md: a NoReverseMatch message embedding the tried patterns' reprs is informational. */
function compare(actual: any, expected: any): CaseResult {
  const result = expect_equal(actual, expected);
  if (result.passed || !expected?.error || actual?.error !== expected.error) return result;
  const informational = expected.error === "NoReverseMatch" && String(expected.message).includes("pattern(s) tried:");
  if (informational && actual.message !== expected.message) return { passed: true, message: `ok (message differs, informational): ${actual.message}` };
  return result;
}

export const replayer: AreaReplayer = {
  prepare(_file: CorpusFile) {
    register_converter(FourDigitYearConverter, "yyyy");
    register_converter(EvenConverter, "even");
    return (c: CorpusCase): CaseResult => {
      const input = c.input;
      clear_url_caches();
      if (input.kind === "build") return compare(replay_build(input.urlconf), c.expect);
      let urlconf: (URLPattern | URLResolver)[];
      try {
        urlconf = build_urlconf(input.urlconf);
      } catch (e) {
        return compare(describe_error(e), c.expect);
      }
      if (input.kind === "resolve") return compare(replay_resolve(urlconf, input.path), c.expect);
      if (input.kind === "reverse") return compare(replay_reverse(urlconf, input), c.expect);
      return { passed: false, message: `unknown urls case kind ${JSON.stringify(input.kind)}` };
    };
  },
};
