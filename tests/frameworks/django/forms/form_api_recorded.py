"""Record what Django 5.2.17's form API answers beyond the corpus's `forms` expectations: the error
containers (as_json, as_text, as_ul, get_json_data, str), non-field errors, and each BoundField's
pieces a template uses (label_tag, errors, help text, ids, CSS classes, hidden/visible).

Run: /work/.venv-ref/bin/python tests/frameworks/django/forms/form_api_recorded.py [SEED COUNT OUT]
With no arguments it writes form_api.recorded.json beside this file (committed;
form_api_recorded.test.ts builds each form with the forms replayer's `build_form` and compares).
The form specs come from fields_recorded.py's generators (the corpus's `forms` input format).
"""
import json
import os
import sys

import fields_recorded as fr
from fields_recorded import build_data, build_form_class


def bound_field_api(bf):
    return {"str": str(bf), "errors": str(bf.errors), "errors_text": bf.errors.as_text(), "label_tag": str(bf.label_tag()),
            "legend_tag": str(bf.legend_tag()), "help_text": str(bf.help_text), "id_for_label": bf.id_for_label,
            "html_name": bf.html_name, "auto_id": bf.auto_id, "css_classes": bf.css_classes(), "is_hidden": bf.is_hidden,
            "use_fieldset": bf.use_fieldset, "widget_type": bf.widget_type, "as_hidden": str(bf.as_hidden()),
            "as_text": str(bf.as_text()), "as_textarea": str(bf.as_textarea())}


def form_api(spec):
    cls = build_form_class(spec["fields"], spec.get("rules", []))
    kwargs = {k: spec[k] for k in ("prefix", "initial", "auto_id", "label_suffix", "use_required_attribute") if k in spec}
    form = cls(None if spec.get("data") is None else build_data(spec["data"]), **kwargs)
    form.is_valid()
    return {
        "errors_str": str(form.errors), "errors_as_ul": str(form.errors.as_ul()), "errors_as_text": form.errors.as_text(),
        "errors_as_json": form.errors.as_json(), "errors_as_json_escaped": form.errors.as_json(escape_html=True),
        "errors_json_data": form.errors.get_json_data(), "non_field_errors": str(form.non_field_errors()),
        "non_field_errors_text": form.non_field_errors().as_text(),
        "hidden_fields": [bf.name for bf in form.hidden_fields()], "visible_fields": [bf.name for bf in form.visible_fields()],
        "is_multipart": form.is_multipart(), "fields": {bf.name: bound_field_api(bf) for bf in form},
    }


def main():
    seed, count, out = 20261208, 6, os.path.join(os.path.dirname(os.path.abspath(__file__)), "form_api.recorded.json")
    if len(sys.argv) > 1:
        seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    fr.R = fr.random.Random(seed)
    fr.pick = fr.R.choice
    cases = []
    for generator in fr.GENERATORS:
        for n in range(count):
            case_id, spec = fr.single_field_case(generator, n)
            cases.append({"id": case_id.replace("forms-gen", "forms-api"), "input": spec})
    for n in range(count * 4):
        case_id, spec = fr.whole_form_case(n)
        del spec["render"]
        cases.append({"id": case_id.replace("forms-gen", "forms-api"), "input": spec})
    recorded = []
    for case in cases:
        case["input"] = json.loads(json.dumps(case["input"]))
        try:
            case["expect"] = form_api(case["input"])
            json.dumps(case["expect"], allow_nan=False)
        except Exception as exc:  # a spec Django refuses, or an answer JSON cannot hold, is not a case
            print("skipped", case["id"], type(exc).__name__, exc)
            continue
        recorded.append(case)
    with open(out, "w") as f:
        json.dump({"area": "forms", "django": fr.django.get_version(), "cases": recorded}, f, indent=0, ensure_ascii=False)
        f.write("\n")
    print(len(recorded), "cases")


if __name__ == "__main__":
    main()
