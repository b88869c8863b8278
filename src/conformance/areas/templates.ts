/**
 * Conformance replayer for the `templates` area: templates + a JSON context → rendered text (or the
 * error Django raised), replayed on our django.template with FORMAT.md §2's engine: the locmem
 * loader over the case's templates, built-ins only, string_if_invalid "", debug off.
 */
import type { AreaReplayer, CaseResult, CorpusCase } from "../area";
import { override_settings, settings } from "../../frameworks/django/conf";
import { Context } from "../../frameworks/django/template/context";
import { Engine } from "../../frameworks/django/template/engine";
import { QueryDict } from "../../frameworks/django/http/request";
import { mark_safe } from "../../frameworks/django/utils/safestring";
import { Decimal } from "../../frameworks/python/decimal";
import { date, datetime, time } from "../../frameworks/python/datetime";
import { PyFloat } from "../../frameworks/python/json";

/** JSON with §1.1 value markers → the Python-like values templates see. */
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
        return mark_safe(v as string);
      case "__querydict__":
        return new QueryDict(v as string);
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, decode_value(v)]));
}

interface Outcome {
  output?: string;
  error?: string;
  message?: string;
  phase?: "compile" | "render";
}

function replay(input: { templates: Record<string, string>; render: string; context: Record<string, unknown>; autoescape: boolean }): Outcome {
  const engine = new Engine({
    loaders: [["django.template.loaders.locmem.Loader", input.templates]],
    string_if_invalid: "",
    debug: false,
    autoescape: input.autoescape,
  });
  let phase: "compile" | "render" = "compile";
  try {
    const template = engine.get_template(input.render);
    phase = "render";
    const context = new Context(decode_value(input.context) as Record<string, unknown>, { autoescape: input.autoescape });
    return { output: template.render(context).valueOf() };
  } catch (e) {
    const err = e as Error;
    return { error: err?.constructor?.name ?? "Error", message: String(err?.message ?? err), phase };
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
  if (actual.error !== expect.error) return { passed: false, message: `expected ${expect.error}: ${expect.message}, got ${actual.error}: ${actual.message}` };
  if (tags.includes("message-python-repr") || actual.message === expect.message) return { passed: true, message: "ok" };
  return { passed: false, message: `expected message ${JSON.stringify(expect.message)}, got ${JSON.stringify(actual.message)}` };
}

export const replayer: AreaReplayer = {
  prepare() {
    if (!settings.configured) settings.configure({ SECRET_KEY: "conformance-templates" });
    const area_settings = { USE_TZ: true, TIME_ZONE: "UTC", LANGUAGE_CODE: "en-us", USE_I18N: true, DEBUG: false };
    return (c: CorpusCase) => judge(c, override_settings(area_settings, () => replay(c.input)));
  },
};
