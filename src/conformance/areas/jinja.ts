/**
 * Conformance replayer for the `jinja` area (FORMAT.md part C §5): templates + a JSON context →
 * the text Jinja2 3.1.6 rendered inside a Flask 3.1 app (or the error it raised).
 *
 * The environment is Flask's, built here from Jinja alone: autoescape for `.html .htm .xml .xhtml
 * .svg` (case-sensitive, as Flask's `select_jinja_autoescape`) and for string templates, Flask's
 * `tojson` (sorted keys, HTML-safe), the menu filters/tests/globals and context processors of the
 * case's app-spec. Cases that need Flask itself (`url_for`, `request`, `session`, `g`,
 * `get_flashed_messages`) are rendered by the Flask port (`flask_render` in flask_harness.ts).
 */
import type { AreaReplayer, CaseResult, CorpusCase } from "../area";
import { Markup } from "../../frameworks/markupsafe";
import { Decimal } from "../../frameworks/python/decimal";
import { date, datetime, time, timedelta } from "../../frameworks/python/datetime";
import { PyFloat, py_json_dumps } from "../../frameworks/python/json";
import { tuple } from "../../frameworks/python/tuple";
import { py_str, len } from "../../frameworks/python/operator";
import { DictLoader, Environment, TemplateAssertionError, TemplateSyntaxError } from "../../frameworks/jinja2";
import { flask_render } from "./flask_harness";

/** JSON with §1.2 value markers → the Python-like values templates see. */
export function decode_value(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode_value);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, v] = entries[0];
    switch (key) {
      case "__date__":
        return date.fromisoformat(v as string);
      case "__datetime__":
        return datetime.fromisoformat(v as string);
      case "__time__":
        return time.fromisoformat(v as string);
      case "__decimal__":
        return new Decimal(v as string);
      case "__float__":
        return new PyFloat(Number(v));
      case "__safe__":
        return new Markup(v as string);
      case "__bytes__":
        return new TextEncoder().encode(v as string);
      case "__tuple__":
        return tuple((v as unknown[]).map(decode_value));
      case "__timedelta__":
        return new timedelta({ seconds: v as number });
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, decode_value(v)]));
}

/** The app-spec menu (FORMAT.md §5 step 1). */
const MENU_FILTERS: Record<string, (v: unknown) => unknown> = {
  reverse_str: (v) => [...py_str(v)].reverse().join(""),
  shout: (v) => py_str(v).toUpperCase() + "!",
};
const MENU_TESTS: Record<string, (v: unknown) => unknown> = {
  even_len: (v) => len(v) % 2 === 0,
};

/** Flask's `select_jinja_autoescape`: string templates and these extensions (case-sensitive). */
function flask_autoescape(filename: string | null): boolean {
  if (filename === null) return true;
  return [".html", ".htm", ".xml", ".xhtml", ".svg"].some((ext) => filename.endsWith(ext));
}

interface Outcome {
  output?: string;
  error?: string;
  message?: string;
  lineno?: number;
  name?: string | null;
}

interface AppSpec {
  filters?: string[];
  tests?: string[];
  globals?: Record<string, unknown>;
  context_processors?: Record<string, unknown>[];
}

/** Flask's environment, as `app.jinja_env` is configured, over the case's templates. */
function flask_like_environment(templates: Record<string, string>, app: AppSpec): Environment {
  const env = new Environment({ autoescape: flask_autoescape, loader: new DictLoader(templates) });
  env.policies["json.dumps_function"] = (obj: unknown, kwargs: Record<string, unknown>) => py_json_dumps(obj, { ensure_ascii: true, sort_keys: true, ...kwargs });
  for (const name of app.filters ?? []) env.filters[name] = MENU_FILTERS[name];
  for (const name of app.tests ?? []) env.tests[name] = MENU_TESTS[name];
  for (const [k, v] of Object.entries(app.globals ?? {})) env.globals[k] = decode_value(v);
  return env;
}

const FLASK_NAMES = /\b(url_for|request|session|get_flashed_messages|config)\b/;

function replay(input: { kind: string; source?: string; render?: string; templates: Record<string, string>; context: Record<string, unknown>; app?: AppSpec; flashes?: [string, string][]; path?: string }, file_app: Record<string, any>): Outcome {
  const everything = [input.source ?? "", ...Object.values(input.templates)].join("\n");
  if (input.kind === "flask" || FLASK_NAMES.test(everything) || input.flashes) return flask_render(input as Parameters<typeof flask_render>[0], file_app);
  const app = input.app ?? {};
  const env = flask_like_environment(input.templates, app);
  const context: Record<string, unknown> = {};
  for (const processor of app.context_processors ?? []) Object.assign(context, decode_value(processor));
  Object.assign(context, decode_value(input.context) as Record<string, unknown>);
  try {
    const template = input.source !== undefined ? env.from_string(input.source) : env.get_template(input.render!);
    return { output: template.render(context) };
  } catch (e) {
    const err = e as Error;
    const outcome: Outcome = { error: err?.constructor?.name ?? "Error", message: String(err?.message ?? err) };
    if (e instanceof TemplateSyntaxError || e instanceof TemplateAssertionError) {
      outcome.lineno = e.lineno;
      outcome.name = e.template_name;
    }
    return outcome;
  }
}

function judge(c: CorpusCase, actual: Outcome): CaseResult {
  const expect = c.expect as Outcome;
  const tags = c.tags ?? [];
  if (expect.output !== undefined) {
    if (actual.output === expect.output) return { passed: true, message: "ok" };
    if (actual.error) return { passed: false, message: `expected output ${JSON.stringify(expect.output)}, raised ${actual.error}: ${actual.message}` };
    return { passed: false, message: `expected ${JSON.stringify(expect.output)}, got ${JSON.stringify(actual.output)}` };
  }
  if (!actual.error) return { passed: false, message: `expected ${expect.error}: ${expect.message}, got output ${JSON.stringify(actual.output)}` };
  if (tags.includes("python-exception")) return { passed: true, message: "ok" };
  if (actual.error !== expect.error || actual.message !== expect.message) return { passed: false, message: `expected ${expect.error}: ${expect.message}, got ${actual.error}: ${actual.message}` };
  if (expect.lineno !== undefined && (actual.lineno !== expect.lineno || (actual.name ?? null) !== (expect.name ?? null)))
    return { passed: false, message: `expected line ${expect.lineno} of ${expect.name}, got line ${actual.lineno} of ${actual.name}` };
  return { passed: true, message: "ok" };
}

export const replayer: AreaReplayer = {
  prepare(file) {
    const file_app = (file.app ?? {}) as Record<string, any>;
    return (c: CorpusCase) => judge(c, replay(c.input, file_app));
  },
};
