/**
 * Conformance replayer for the `forms` area: a JSON form spec + data → our django.forms answer.
 *
 * Each case builds a Form subclass from `fields` (constructor options, with `choices`, `coerce`,
 * `widget` and `widget_attrs` translated), adds the `rules` as `clean_<f>()` / `clean()` methods,
 * binds it to a QueryDict built from `data` (or leaves it unbound), and reports what FORMAT.md
 * asks for: validity, cleaned data (neutral values + Python type names), errors and codes,
 * changed data, each BoundField.value() and the rendered HTML.
 */
import type { AreaReplayer, CaseResult, CorpusCase } from "../area";
import { expect_equal } from "../compare";
import { override_settings, settings } from "../../frameworks/django/conf";
import { ValidationError } from "../../frameworks/django/core/exceptions";
import { QueryDict } from "../../frameworks/django/http";
import * as forms from "../../frameworks/django/forms";
import { Decimal } from "../../frameworks/python/decimal";
import { UUID } from "../../frameworks/python/uuid";
import { date, datetime, time, timedelta } from "../../frameworks/python/datetime";
import { eq, truth } from "../../frameworks/python/operator";
import { PyFloat } from "../../frameworks/python/json";
import { error_type } from "../../trace";

interface FieldSpec {
  name: string;
  type: string;
  options?: Record<string, any>;
}

interface Rule {
  kind: "fields_match" | "fields_match_add_error" | "require_one" | "upper" | "forbid";
  fields?: string[];
  field?: string;
  value?: unknown;
  message?: string;
}

const AREA_SETTINGS = { USE_TZ: true, TIME_ZONE: "UTC", LANGUAGE_CODE: "en-us", USE_I18N: true };

/** One field spec → a form field instance. */
function build_field(spec: FieldSpec): forms.Field {
  const cls = forms.FIELDS[spec.type];
  if (!cls) throw new Error(`unknown field type ${spec.type}`);
  const options: Record<string, any> = { ...(spec.options ?? {}) };
  if (options.coerce) options.coerce = forms.COERCE[options.coerce as string];
  const widget_attrs = options.widget_attrs ?? null;
  delete options.widget_attrs;
  if (options.widget || widget_attrs) {
    const widget_cls = options.widget ? (forms.WIDGETS as Record<string, new (attrs?: any) => forms.Widget>)[options.widget] : (cls as unknown as { widget: new (attrs?: any) => forms.Widget }).widget;
    options.widget = new widget_cls(widget_attrs);
  }
  if (spec.type === "RegexField") {
    const regex = options.regex as string;
    delete options.regex;
    return new forms.RegexField(regex, options);
  }
  return new cls(options);
}

/** The rules → `clean_<f>()` methods and a `clean()` on the form class. */
function install_rules(cls: typeof forms.Form, rules: Rule[]): void {
  const per_field = new Map<string, Rule[]>();
  for (const r of rules) if (r.kind === "upper" || r.kind === "forbid") per_field.set(r.field!, [...(per_field.get(r.field!) ?? []), r]);
  for (const [field, list] of per_field) {
    Object.defineProperty(cls.prototype, `clean_${field}`, {
      value: function (this: forms.Form) {
        let value = this.cleaned_data[field];
        for (const r of list) {
          if (r.kind === "upper") value = String(value).toUpperCase();
          else if (value === r.value) throw new ValidationError(r.message, { code: "forbidden" });
        }
        return value;
      },
    });
  }
  const form_rules = rules.filter((r) => r.kind !== "upper" && r.kind !== "forbid");
  if (!form_rules.length) return;
  Object.defineProperty(cls.prototype, "clean", {
    value: function (this: forms.Form) {
      const cleaned = forms.Form.prototype.clean.call(this) as Record<string, unknown>;
      for (const r of form_rules) apply_form_rule(this, cleaned, r);
      return cleaned;
    },
  });
}

function apply_form_rule(form: forms.Form, cleaned: Record<string, unknown>, r: Rule): void {
  const [a, b] = r.fields!;
  if (r.kind === "require_one") {
    if (!r.fields!.some((f) => truth(cleaned[f]))) throw new ValidationError(r.message, { code: "required_one" });
    return;
  }
  if (!(a in cleaned) || !(b in cleaned) || eq(cleaned[a], cleaned[b])) return;
  if (r.kind === "fields_match") throw new ValidationError(r.message, { code: "mismatch" });
  form.add_error(b, new ValidationError(r.message, { code: "mismatch" }));
}



/** `data` → a QueryDict: a string is one value, a list repeated values. */
function build_data(data: Record<string, string | string[]>): QueryDict {
  const q = new QueryDict("", { mutable: true });
  for (const [k, v] of Object.entries(data)) for (const item of Array.isArray(v) ? v : [v]) q.appendlist(k, item);
  return q;
}

/** A cleaned value → its neutral JSON form and its Python type name. */
function neutral(value: unknown, field: forms.Field): [unknown, string] {
  if (value === null || value === undefined) return [null, "null"];
  if (typeof value === "boolean") return [value, "bool"];
  if (value instanceof forms.JSONString || typeof value === "string" || value instanceof String) return [String(value), "str"];
  if (typeof value === "number") return [value, field instanceof forms.FloatField || !Number.isInteger(value) ? "float" : "int"];
  if (typeof value === "bigint") return [Number(value), "int"];
  if (value instanceof PyFloat) return [value.value, "float"];
  if (value instanceof Decimal) return [value.toString(), "decimal"];
  if (value instanceof datetime) return [value.isoformat(), "datetime"];
  if (value instanceof date) return [value.isoformat(), "date"];
  if (value instanceof time) return [value.isoformat(), "time"];
  if (value instanceof timedelta) return [value.total_seconds(), "timedelta"];
  if (value instanceof UUID) return [value.toString(), "uuid"];
  if (Array.isArray(value)) return [value.map((v) => neutral(v, field)[0]), "list"];
  if (typeof value === "object") return [Object.fromEntries(Object.entries(value).map(([k, v]) => [k, neutral(v, field)[0]])), "dict"];
  return [String(value), typeof value];
}

/** BoundField.value() as JSON. */
function neutral_value(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof String) return value.valueOf();
  if (Array.isArray(value)) return value.map(neutral_value);
  if (value instanceof Decimal || value instanceof UUID) return value.toString();
  if (value instanceof date || value instanceof time) return value.isoformat();
  return value;
}

/** A case's form: the CaseForm class built from the spec, bound to its data (or unbound). */
export function build_form(input: any): forms.Form {
  const specs: FieldSpec[] = input.fields;
  const cls = class extends forms.Form {};
  Object.defineProperty(cls, "name", { value: "CaseForm" });
  cls.fields = Object.fromEntries(specs.map((s) => [s.name, build_field(s)]));
  install_rules(cls, input.rules ?? []);
  const options: forms.FormOptions = {};
  for (const key of ["prefix", "initial", "auto_id", "label_suffix", "use_required_attribute"] as const) if (key in input) (options as any)[key] = input[key];
  const data = input.data === null || input.data === undefined ? null : build_data(input.data);
  return new cls(data, options);
}

function replay(input: any): Record<string, unknown> {
  const form = build_form(input);
  const out: Record<string, unknown> = { is_bound: form.is_bound, is_valid: form.is_valid() };
  if (form.is_bound) Object.assign(out, bound_report(form));
  out.values = Object.fromEntries([...form].map((bf) => [bf.name, neutral_value(bf.value())]));
  if (input.render) {
    const rendered: Record<string, string> = {};
    for (const method of input.render as string[]) rendered[method] = method === "str" ? form.toString() : (form as any)[method]().valueOf();
    out.rendered = rendered;
  }
  return out;
}

function bound_report(form: forms.Form): Record<string, unknown> {
  const cleaned_data: Record<string, unknown> = {};
  const cleaned_types: Record<string, string> = {};
  for (const [name, value] of Object.entries(form.cleaned_data)) {
    [cleaned_data[name], cleaned_types[name]] = neutral(value, form.fields[name]);
  }
  const errors: Record<string, string[]> = {};
  const error_codes: Record<string, (string | null)[]> = {};
  for (const [name, list] of form.errors) {
    errors[name] = list.messages;
    error_codes[name] = list.as_data().map((e) => e.code);
  }
  return { cleaned_data, cleaned_types, errors, error_codes, has_changed: form.has_changed(), changed_data: form.changed_data };
}

function judge(c: CorpusCase): CaseResult {
  let actual: Record<string, unknown>;
  try {
    actual = override_settings(AREA_SETTINGS, () => replay(c.input));
  } catch (e) {
    return { passed: false, message: `raised ${error_type(e)}: ${e instanceof Error ? e.message : String(e)}` };
  }
  return expect_equal(actual, c.expect);
}

export const replayer: AreaReplayer = {
  prepare() {
    if (!settings.configured) settings.configure({ SECRET_KEY: "conformance-forms" });
    return judge;
  },
};
