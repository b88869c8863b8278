/** django.forms.formsets against Django 5.2.17's answers (formsets.recorded.json, made by formsets_record.py). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { settings } from "../../../../src/frameworks/django/conf";
import * as forms from "../../../../src/frameworks/django/forms";
import { QueryDict } from "../../../../src/frameworks/django/http";
import { py_str } from "../../../../src/frameworks/python/operator";

const recorded = JSON.parse(readFileSync(join(import.meta.dirname, "formsets.recorded.json"), "utf8"));

class ArticleForm extends forms.Form {
  static override fields = { title: new forms.CharField(), pub_date: new forms.DateField({ required: false }) };
}

const data = (values: Record<string, string>) => {
  const qd = new QueryDict("", { mutable: true });
  for (const [k, v] of Object.entries(values)) qd.setitem(k, v);
  return qd;
};
const errors = (fs: forms.BaseFormSet) => fs.errors.map((e) => Object.fromEntries([...e.entries()].map(([k, v]: [string, any]) => [k, v.messages])));

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "formsets", USE_TZ: true, TIME_ZONE: "UTC" });
});

describe("formset_factory", () => {
  const FS = forms.formset_factory(ArticleForm, { extra: 2, can_delete: true, can_order: true });

  it("names the class, renders the management form and each form (ORDER and DELETE added), and the empty form", () => {
    expect(FS.name).toBe(recorded.name);
    const fs = new FS(null, { initial: [{ title: "Django is now open source" }] });
    expect(String(fs)).toBe(recorded.unbound_div);
    expect(String(fs.as_p())).toBe(recorded.unbound_p);
    expect(fs.__repr__()).toBe(recorded.unbound_repr);
    expect(String(fs.empty_form)).toBe(recorded.empty_form);
  });

  it("validates bound data, skipping a blank extra form", () => {
    const fs = new FS(data({ "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-title": "Test", "form-0-pub_date": "1904-06-16", "form-1-title": "", "form-1-pub_date": "" }));
    expect(fs.is_valid()).toBe(recorded.bound.valid);
    expect(errors(fs)).toEqual(recorded.bound.errors);
    const cleaned = [...fs].map((f) => Object.fromEntries(Object.entries(f.cleaned_data).map(([k, v]) => [k, v === null ? "None" : py_str(v)])));
    expect(cleaned).toEqual(recorded.bound.cleaned);
    expect(fs.__repr__()).toBe(recorded.bound.repr);
  });

  it("refuses data without the management form", () => {
    const fs = new FS(data({}));
    expect(fs.is_valid()).toBe(recorded.no_management.valid);
    expect(String(fs.non_form_errors())).toBe(recorded.no_management.non_form_errors);
    expect(errors(fs)).toEqual(recorded.no_management.errors);
  });

  it("checks max_num before min_num, and counts non-form errors", () => {
    const FS2 = forms.formset_factory(ArticleForm, { max_num: 1, validate_max: true, min_num: 2, validate_min: true });
    const many = new FS2(data({ "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0", "form-0-title": "a", "form-1-title": "b", "form-2-title": "c" }));
    expect(many.is_valid()).toBe(recorded.too_many.valid);
    expect(String(many.non_form_errors())).toBe(recorded.too_many.non_form_errors);
    expect(many.total_error_count()).toBe(recorded.too_many.total_error_count);
    const few = new FS2(data({ "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-title": "a", "form-1-title": "" }));
    expect(few.is_valid()).toBe(recorded.too_few.valid);
    expect(String(few.non_form_errors())).toBe(recorded.too_few.non_form_errors);
    expect(errors(few)).toEqual(recorded.too_few.errors);
  });

  it("lists deleted forms and orders the rest by ORDER", () => {
    const fs = new FS(data({ "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0", "form-0-title": "x", "form-0-DELETE": "on", "form-1-title": "b", "form-1-ORDER": "2", "form-2-title": "c", "form-2-ORDER": "1" }));
    expect(fs.is_valid()).toBe(recorded.delete_order.valid);
    expect(fs.deleted_forms.map((f) => f.prefix)).toEqual(recorded.delete_order.deleted);
    expect(fs.ordered_forms.map((f) => f.prefix)).toEqual(recorded.delete_order.ordered);
  });
});
