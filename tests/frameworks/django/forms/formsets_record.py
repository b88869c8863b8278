"""Record what Django 5.2.17 answers for the formset cases of formsets.test.ts.

Run: /work/.venv-ref/bin/python tests/frameworks/django/forms/formsets_record.py
Writes formsets.recorded.json beside this file (committed; CI replays it without Python).
"""
import json
import os

import django
from django.conf import settings

settings.configure(USE_TZ=True, TIME_ZONE="UTC", USE_I18N=True, LANGUAGE_CODE="en-us",
                   INSTALLED_APPS=["django.contrib.contenttypes"],
                   DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
django.setup()
from django import forms  # noqa: E402
from django.forms import formset_factory  # noqa: E402


class ArticleForm(forms.Form):
    title = forms.CharField()
    pub_date = forms.DateField(required=False)


def errors(fs):
    return [{k: list(v) for k, v in e.items()} for e in fs.errors]


out = {}
FS = formset_factory(ArticleForm, extra=2, can_delete=True, can_order=True)
out["name"] = FS.__name__
fs = FS(initial=[{"title": "Django is now open source"}])
out["unbound_div"] = str(fs)
out["unbound_p"] = fs.as_p()
out["unbound_repr"] = repr(fs)
out["empty_form"] = str(fs.empty_form)
data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-title": "Test", "form-0-pub_date": "1904-06-16", "form-1-title": "", "form-1-pub_date": ""}
fs = FS(data)
out["bound"] = {"valid": fs.is_valid(), "errors": errors(fs), "cleaned": [{k: str(v) for k, v in f.cleaned_data.items()} for f in fs], "repr": repr(fs)}
fs = FS({})
out["no_management"] = {"valid": fs.is_valid(), "non_form_errors": str(fs.non_form_errors()), "errors": errors(fs)}
FS2 = formset_factory(ArticleForm, max_num=1, validate_max=True, min_num=2, validate_min=True)
fs = FS2({"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0", "form-0-title": "a", "form-1-title": "b", "form-2-title": "c"})
out["too_many"] = {"valid": fs.is_valid(), "non_form_errors": str(fs.non_form_errors()), "total_error_count": fs.total_error_count()}
fs = FS2({"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-title": "a", "form-1-title": ""})
out["too_few"] = {"valid": fs.is_valid(), "non_form_errors": str(fs.non_form_errors()), "errors": errors(fs)}
fs = FS({"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0", "form-0-title": "x", "form-0-DELETE": "on", "form-1-title": "b", "form-1-ORDER": "2", "form-2-title": "c", "form-2-ORDER": "1"})
out["delete_order"] = {"valid": fs.is_valid(), "deleted": [f.prefix for f in fs.deleted_forms], "ordered": [f.prefix for f in fs.ordered_forms]}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "formsets.recorded.json"), "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
