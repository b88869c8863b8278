/**
 * django.forms' API around a validated form against Django 5.2.17: form_api.recorded.json (made by
 * form_api_recorded.py) holds forms specs in the corpus's format with what Django answered for the
 * error containers (as_json, as_text, as_ul, get_json_data, str), non-field errors and each
 * BoundField's template pieces; each form is built here with the forms replayer's `build_form`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CorpusCase } from "../../../../src/conformance/area";
import { build_form } from "../../../../src/conformance/areas/forms";
import { override_settings, settings } from "../../../../src/frameworks/django/conf";
import type { BoundField, Form } from "../../../../src/frameworks/django/forms";

const recorded = JSON.parse(readFileSync(join(import.meta.dirname, "form_api.recorded.json"), "utf8"));
const AREA_SETTINGS = { USE_TZ: true, TIME_ZONE: "UTC", LANGUAGE_CODE: "en-us", USE_I18N: true };

function bound_field_api(bf: BoundField): Record<string, unknown> {
  return {
    str: String(bf), errors: String(bf.errors), errors_text: bf.errors.as_text(), label_tag: String(bf.label_tag()),
    legend_tag: String(bf.legend_tag()), help_text: String(bf.help_text), id_for_label: bf.id_for_label,
    html_name: bf.html_name, auto_id: bf.auto_id, css_classes: bf.css_classes(), is_hidden: bf.is_hidden,
    use_fieldset: bf.use_fieldset, widget_type: bf.widget_type, as_hidden: String(bf.as_hidden()),
    as_text: String(bf.as_text()), as_textarea: String(bf.as_textarea()),
  };
}

function form_api(form: Form): Record<string, unknown> {
  form.is_valid();
  return {
    errors_str: String(form.errors), errors_as_ul: String(form.errors.as_ul()), errors_as_text: form.errors.as_text(),
    errors_as_json: form.errors.as_json(), errors_as_json_escaped: form.errors.as_json(true),
    errors_json_data: form.errors.get_json_data(), non_field_errors: String(form.non_field_errors()),
    non_field_errors_text: form.non_field_errors().as_text(),
    hidden_fields: form.hidden_fields().map((bf) => bf.name), visible_fields: form.visible_fields().map((bf) => bf.name),
    is_multipart: form.is_multipart(), fields: Object.fromEntries([...form].map((bf) => [bf.name, bound_field_api(bf)])),
  };
}

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "form-api" });
});

describe("the form API recorded from Django 5.2.17", () => {
  for (const c of recorded.cases as CorpusCase[]) {
    it(c.id, () => {
      expect(override_settings(AREA_SETTINGS, () => form_api(build_form(c.input)))).toEqual(c.expect);
    });
  }
});
