"""Record what Django 5.2.17 answers for many generated forms cases, in the corpus's `forms` format.

Run: /work/.venv-ref/bin/python tests/frameworks/django/forms/fields_recorded.py
Writes fields.recorded.json beside this file (committed; fields_recorded.test.ts replays every case
through src/conformance/areas/forms.ts, so CI needs no Python).

The cases are drawn from a seeded random generator, so a re-run writes the same file. Each case is
a form spec exactly as FORMAT.md part A "forms" describes it (fields with constructor options,
rules, data as a QueryDict, prefix/initial/auto_id/label_suffix/use_required_attribute, render
methods); `expect` is what Django answered, built the way the corpus was. The generators aim at the
edges real users hit: whitespace and Unicode, number syntax Python accepts and JavaScript does not,
the `en` locale's date formats, IDN e-mail and URLs, JSON quirks, choice groups, the many spellings
a checkbox or a NullBooleanSelect accepts, and rendering with every layout.
"""
import datetime
import decimal
import json
import os
import random
import sys
import uuid

import django
from django.conf import settings

settings.configure(USE_TZ=True, TIME_ZONE="UTC", USE_I18N=True, LANGUAGE_CODE="en-us",
                   SECRET_KEY="fields-recorded", INSTALLED_APPS=[])
django.setup()
from django import forms  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.http import QueryDict  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
COERCE = {"int": int, "str": str, "float": float}


# --- The harness: a spec → a Form, the answer → neutral JSON (FORMAT.md part A, forms) ---------

def build_field(spec):
    options = dict(spec.get("options", {}))
    cls = getattr(forms, spec["type"])
    if "choices" in options:
        options["choices"] = [(v, [tuple(c) for c in l]) if isinstance(l, list) else (v, l) for v, l in options["choices"]]
    if "coerce" in options:
        options["coerce"] = COERCE[options["coerce"]]
    widget_attrs = options.pop("widget_attrs", None)
    if "widget" in options or widget_attrs:
        widget_cls = getattr(forms, options["widget"]) if "widget" in options else cls.widget
        options["widget"] = widget_cls(attrs=widget_attrs)
    return cls(**options)


def build_form_class(specs, rules):
    attrs = {s["name"]: build_field(s) for s in specs}
    per_field = {}
    for r in rules:
        if r["kind"] in ("upper", "forbid"):
            per_field.setdefault(r["field"], []).append(r)
    for name, field_rules in per_field.items():
        attrs["clean_" + name] = make_clean_field(name, field_rules)
    form_rules = [r for r in rules if r["kind"] not in ("upper", "forbid")]
    if form_rules:
        attrs["clean"] = make_clean(form_rules)
    return type("CaseForm", (forms.Form,), attrs)


def make_clean_field(name, field_rules):
    def clean_field(self):
        value = self.cleaned_data[name]
        for r in field_rules:
            if r["kind"] == "upper":
                value = value.upper()
            elif value == r["value"]:
                raise ValidationError(r["message"], code="forbidden")
        return value
    return clean_field


def make_clean(form_rules):
    def clean(self):
        cleaned = super(type(self), self).clean()
        for r in form_rules:
            fields = r["fields"]
            if r["kind"] == "require_one":
                if not any(cleaned.get(f) for f in fields):
                    raise ValidationError(r["message"], code="required_one")
                continue
            a, b = fields
            if a in cleaned and b in cleaned and cleaned[a] != cleaned[b]:
                if r["kind"] == "fields_match":
                    raise ValidationError(r["message"], code="mismatch")
                self.add_error(b, ValidationError(r["message"], code="mismatch"))
        return cleaned
    return clean


def build_data(data):
    q = QueryDict(mutable=True)
    for k, v in data.items():
        q.setlist(k, v if isinstance(v, list) else [v])
    return q


def neutral(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [neutral(v) for v in value]
    if isinstance(value, dict):
        return {k: neutral(v) for k, v in value.items()}
    return str(value)


TYPE_NAMES = [(type(None), "null"), (bool, "bool"), (int, "int"), (float, "float"), (str, "str"),
              (decimal.Decimal, "decimal"), (datetime.datetime, "datetime"), (datetime.date, "date"),
              (datetime.time, "time"), (datetime.timedelta, "timedelta"), (uuid.UUID, "uuid"),
              (list, "list"), (tuple, "list"), (dict, "dict")]


def type_name(value):
    return next(name for t, name in TYPE_NAMES if isinstance(value, t))


def record(spec):
    cls = build_form_class(spec["fields"], spec.get("rules", []))
    kwargs = {k: spec[k] for k in ("prefix", "initial", "auto_id", "label_suffix", "use_required_attribute") if k in spec}
    data = None if spec.get("data") is None else build_data(spec["data"])
    form = cls(data, **kwargs)
    out = {"is_bound": form.is_bound, "is_valid": form.is_valid()}
    if form.is_bound:
        out["cleaned_data"] = {k: neutral(v) for k, v in form.cleaned_data.items()}
        out["cleaned_types"] = {k: type_name(v) for k, v in form.cleaned_data.items()}
        out["errors"] = {k: list(v) for k, v in form.errors.items()}
        out["error_codes"] = {k: [e.code for e in v.as_data()] for k, v in form.errors.items()}
        out["has_changed"] = form.has_changed()
        out["changed_data"] = form.changed_data
    out["values"] = {bf.name: neutral(bf.value()) for bf in form}
    if spec.get("render"):
        out["rendered"] = {m: str(form) if m == "str" else str(getattr(form, m)()) for m in spec["render"]}
    return out


# --- The generators: one per field type, each a list of (options, submitted value) -------------

R = random.Random(20261207)
pick = R.choice

BLANKS = ["", " ", "\t", "\n  \r\n", "\u00a0", "\u3000", "\x1c", "\ufeff", "\u200b"]
TEXTS = ["abc", "  abc  ", "a\u00a0b", "café", "Straße", "ǅ", "😀😀", "a\x00b", "<b>&amp;</b>", "x" * 12,
         "line1\r\nline2", "\u00a0pad\u00a0", "\ufeffbom", "\x1ctrim\x1f", "İ", "ﬁ"]
INTS = ["0", "7", " 42 ", "-3", "+5", "1_000", "1__0", "_1", "1.0", "1.00 ", "1.", "1.5", "1e3", "١٢", "٣.٠",
        "0x10", "007", "9007199254740993", "-0", "1,000", "1 000", "abc", "12abc", "  ", "²", "½", "1.0.0", "-1.0"]
FLOATS = ["1.5", " 2.25 ", "1e3", "1E-2", ".5", "5.", "-0", "-0.0", "1_0.5", "inf", "-inf", "nan", "Infinity",
          "1,5", "1.2.3", "abc", "3", "1e400", "0.1", "10.00", "١.٥", "0x1p3", "+.5e1"]
DECIMALS = ["1.50", "1E+2", "1e2", "-0.00", "0.00", "123.456", "0.1", "1e-7", "NaN", "Infinity", "-Infinity",
            "12345678901", "99.99", "100.0", "0.005", "-1.5", " 3.14 ", "1_000.5", "abc", "1.", ".5", "1,5",
            "00012.30", "١٢.٥", "sNaN", "0E-10", "5"]
DATES = ["2024-01-02", "2024-1-2", "01/02/2024", "1/2/2024", "01/02/24", "2024-02-30", "2024-02-29", "2023-02-29",
         "Jan 2 2024", "Jan 2, 2024", "2 Jan 2024", "2 Jan, 2024", "January 2 2024", "2 January, 2024",
         "jan 02 2024", "JANUARY 2, 2024", "2024/01/02", "02.01.2024", "20240102", " 2024-01-02 ", "0001-01-01",
         "9999-12-31", "2024-01-02T00:00", "2024-1-02 ", "Sept 2 2024", "12/31/99", "01/02/69", "01/02/68",
         "２０２４-01-02", "2024-01- 2", "abc"]
DATETIMES = ["2024-01-02 03:04", "2024-01-02 03:04:05", "2024-01-02T03:04:05", "2024-01-02 03:04:05.123456",
             "2024-01-02T03:04:05Z", "2024-01-02T03:04:05+02:00", "2024-01-02T03:04:05-0530", "2024-01-02",
             "01/02/2024 13:45", "01/02/2024 13:45:30", "01/02/24 1:2", "2024-01-02 24:00", "2024-01-02 3:4",
             "2024-01-02T03:04:05.1234567", "2024-01-02 03:04:05,5", " 2024-01-02 03:04 ", "2024-13-02 03:04",
             "2024-01-02T03", "2024-01-02 03:04 +01:00", "2024-01-02T03:04:05+14:00", "abc", "2024-01-02T03:04:05.5Z"]
TIMES = ["13:45", "13:45:01", "13:45:01.5", "13:45:01.123456", "1:2", "1:02:03", "25:00", "13:60", "00:00",
         "23:59:59.999999", "13:45:01.1234567", " 13:45 ", "13h45", "13:45:01,5", "1345", "12:00 PM", "abc"]
EMAILS = ["user@example.com", "User.Name+tag@Example.COM", "a@b", "a@localhost", "a@[127.0.0.1]", "a@[IPv6:::1]",
          "a..b@x.com", '"quoted name"@x.com', "user@bücher.de", "üser@example.com", "user@-bad.com",
          "user@bad-.com", "user@x.c", "x" * 65 + "@x.com", "user@" + "a" * 64 + ".com", "user@example",
          "user@exa_mple.com", " user@example.com ", "user@example.com.", "@x.com", "user@", "no-at-sign",
          "user@xn--bcher-kva.de", "a\nb@x.com", "user@123.123.123.123", "user@[999.1.1.1]"]
URLS = ["example.com", "http://example.com", "https://example.com/path?q=1#frag", "ftp://ftp.example.com/f",
        "http://localhost", "http://localhost:8000/x", "http://[::1]:8000/", "http://1.2.3.4", "http://999.1.1.1",
        "http://bücher.de", "http://exa mple.com", "//example.com", "mailto:x@y.z", "http://", "http:/example.com",
        "HTTP://EXAMPLE.COM", "example.com/path", "http://-bad.com", "http://a.b-.com", "http://x.com:99999",
        "http://user:pass@example.com", "www.example.com", "example", "http://example.com/ spaces",
        "https://例子.测试", "http://example.com?", "  example.com  ", "file:///etc/passwd", "http://.com"]
SLUGS = ["a-b_c", "ABC-123", "café", "a b", "a.b", "-", "_", "日本", "ß-x", ""]
UUIDS = ["12345678123456781234567812345678", "12345678-1234-5678-1234-567812345678",
         "{12345678-1234-5678-1234-567812345678}", "urn:uuid:12345678-1234-5678-1234-567812345678",
         "12345678-1234-5678-1234-56781234567Z", "ABCDEF00-1234-5678-1234-567812345678", "1234",
         " 12345678123456781234567812345678 ", "1234-5678123456781234567812345678", "x"]
DURATIONS = ["1 day, 2:03:04", "3 days", "P1DT2H", "P3W", "-1 day, 23:00:00", "10:00", "1:2:3.5", "30", "1.5",
             "2 days 04:05:06", "-P1D", "PT0.5S", "P1Y", "999999999 days", "1000000000 days", "abc", "-10:00",
             "3 days, 25:00:00", "00:00:00.123456", "4 15:30", "-1:30", "P1DT", "PT1H30M", "1 02:03:04.5"]
IPS = ["1.2.3.4", "::1", "::ffff:1.2.3.4", "::ffff:0102:0304", "01.2.3.4", "1.2.3", "256.1.1.1",
       "2001:0db8::0001", "2001:DB8:0:0:0:0:0:1", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "::", "0.0.0.0",
       " 1.2.3.4 ", "1.2.3.4/24", "gibberish", "2001:db8::1::1", "::ffff:256.1.1.1"]
JSONS = ['{"a": 1}', "[1, 2, 3]", "1", "1.0", "-0", '"s"', "null", "true", "NaN", "Infinity", "-Infinity",
         "{bad", "", "  ", ' {"a": [1, {"b": null}]} ', "1e400", '{"a": 1, "a": 2}', "[]", "{}", "'single'",
         '"\\u00e9"', "12345678901234567890", "1E2", '{"k": "v"} x']
BOOLS = ["on", "true", "True", "TRUE", "false", "False", "0", "1", "", "off", "no", "yes"]
NULLBOOLS = ["1", "2", "3", "true", "false", "True", "False", "unknown", "", "on", "0", "yes", "x"]


def maybe(options, key, values, p=0.35):
    if R.random() < p:
        options[key] = pick(values)


def common(options, values):
    maybe(options, "required", [True, False], 0.5)
    maybe(options, "disabled", [True], 0.06)
    if R.random() < 0.25:
        options["initial"] = pick(values)
    return options


def char_case():
    options = {}
    maybe(options, "max_length", [0, 1, 3, 5, 10])
    maybe(options, "min_length", [1, 2, 4])
    maybe(options, "strip", [False])
    maybe(options, "empty_value", [None, "N/A"], 0.2)
    return "CharField", common(options, TEXTS), pick(TEXTS + BLANKS)


def integer_case():
    options = {}
    maybe(options, "min_value", [-5, 0, 10])
    maybe(options, "max_value", [0, 5, 100])
    maybe(options, "step_size", [2, 5, 3], 0.25)
    maybe(options, "localize", [True], 0.15)
    return "IntegerField", common(options, ["5", 7]), pick(INTS + BLANKS[:3])


def float_case():
    options = {}
    maybe(options, "min_value", [-1.5, 0, 2])
    maybe(options, "max_value", [1, 2.5, 100])
    maybe(options, "step_size", [0.5, 0.1, 2], 0.25)
    maybe(options, "localize", [True], 0.15)
    return "FloatField", common(options, [1.5, "2"]), pick(FLOATS + BLANKS[:2])


def decimal_case():
    options = {}
    maybe(options, "max_digits", [2, 3, 4, 5, 10], 0.6)
    maybe(options, "decimal_places", [0, 1, 2, 3], 0.6)
    maybe(options, "min_value", [0, 1, -10])
    maybe(options, "max_value", [10, 100])
    maybe(options, "step_size", [0.5, 2, 0.25], 0.2)
    maybe(options, "localize", [True], 0.15)
    return "DecimalField", common(options, ["1.50"]), pick(DECIMALS + BLANKS[:2])


def date_case():
    options = {}
    maybe(options, "input_formats", [["%d/%m/%Y"], ["%Y%m%d", "%d.%m.%Y"], ["%b %Y"]], 0.2)
    return "DateField", common(options, ["2024-05-06"]), pick(DATES + BLANKS[:2])


def datetime_case():
    options = {}
    maybe(options, "input_formats", [["%d/%m/%Y %H:%M"], ["%Y%m%d%H%M"]], 0.2)
    return "DateTimeField", common(options, ["2024-01-02 03:04:00"]), pick(DATETIMES + BLANKS[:2])


def time_case():
    options = {}
    maybe(options, "input_formats", [["%I:%M %p"], ["%H.%M"]], 0.2)
    return "TimeField", common(options, ["13:45:00"]), pick(TIMES + BLANKS[:2])


def email_case():
    options = {}
    maybe(options, "max_length", [10, 30, 400], 0.2)
    return "EmailField", common(options, ["a@b.com"]), pick(EMAILS + BLANKS[:2])


def url_case():
    options = {}
    maybe(options, "assume_scheme", ["https", "http"], 0.4)
    maybe(options, "max_length", [15, 200], 0.15)
    return "URLField", common(options, ["http://x.com"]), pick(URLS + BLANKS[:2])


def slug_case():
    options = {}
    maybe(options, "allow_unicode", [True], 0.4)
    return "SlugField", common(options, ["a-b"]), pick(SLUGS + BLANKS[:2])


def regex_case():
    options = {"regex": pick([r"^\d{3}$", r"[a-z]+", r"^[A-Z]\w*$", r"^\d+(\.\d+)?$", r"colou?r"])}
    maybe(options, "max_length", [3, 8], 0.2)
    maybe(options, "strip", [False], 0.2)
    return "RegexField", common(options, ["123"]), pick(["123", "1234", "abc", "ABC", " 12 ", "Zed_1", "1.5", "color", "my colour", "٣٣٣", ""])


CHOICES = [
    [["a", "Alpha"], ["b", "Beta"], ["c", "Gamma"]],
    [["", "---------"], ["1", "One"], ["2", "Two"]],
    [[1, "One"], [2, "Two"], [3, "Three"]],
    [["Fruit", [["apple", "Apple"], ["pear", "Pear"]]], ["Veg", [["kale", "Kale"]]], ["other", "Other"]],
    [["x & y", "X & Y"], ["<b>", "Bold <b>"], ["é", "E acute"]],
    [[True, "Yes"], [False, "No"]],
    [[1.5, "One and a half"], ["2", "Two"]],
]
CHOICE_INPUTS = ["a", "b", "z", "", "1", "2", "3", "01", " 1", "apple", "kale", "Fruit", "other", "x & y", "<b>", "é",
                 "True", "False", "1.5", "2.0"]


def choice_case():
    options = {"choices": pick(CHOICES)}
    maybe(options, "widget", ["RadioSelect", "Select"], 0.3)
    return "ChoiceField", common(options, ["a", 2]), pick(CHOICE_INPUTS)


def typed_choice_case():
    options = {"choices": pick(CHOICES[1:3] + CHOICES[6:]), "coerce": pick(["int", "float", "str"])}
    maybe(options, "empty_value", [None, "", 0], 0.5)
    return "TypedChoiceField", common(options, ["1"]), pick(CHOICE_INPUTS)


def multiple_choice_case():
    field_type = pick(["MultipleChoiceField", "TypedMultipleChoiceField"])
    options = {"choices": pick(CHOICES)}
    if field_type == "TypedMultipleChoiceField":
        options["choices"] = pick(CHOICES[1:3])
        options["coerce"] = pick(["int", "float", "str"])
        maybe(options, "empty_value", [None, []], 0.3)
    maybe(options, "widget", ["CheckboxSelectMultiple", "SelectMultiple"], 0.3)
    size = R.randint(0, 3)
    submitted = [pick(CHOICE_INPUTS) for _ in range(size)]
    return field_type, common(options, [["a"], [1, 2]]), submitted if size != 1 or R.random() < 0.5 else submitted[0]


def boolean_case():
    return "BooleanField", common({}, [True, False, "on"]), pick(BOOLS)


def null_boolean_case():
    options = {}
    maybe(options, "widget", ["RadioSelect", "CheckboxInput", "TextInput"], 0.2)
    if options.get("widget") == "RadioSelect":
        options["widget"] = "NullBooleanSelect"
    return "NullBooleanField", common(options, [True, None, "2"]), pick(NULLBOOLS)


def json_case():
    return "JSONField", common({}, ['{"a": 1}', "[1]"]), pick(JSONS)


def uuid_case():
    return "UUIDField", common({}, ["12345678123456781234567812345678"]), pick(UUIDS + BLANKS[:2])


def duration_case():
    return "DurationField", common({}, ["1 day, 0:00:00"]), pick(DURATIONS + BLANKS[:2])


def ip_case():
    options = {}
    maybe(options, "protocol", ["both", "ipv4", "ipv6", "IPv4"], 0.5)
    maybe(options, "unpack_ipv4", [True], 0.3)
    if options.get("unpack_ipv4"):
        options["protocol"] = "both"
    return "GenericIPAddressField", common(options, ["1.2.3.4"]), pick(IPS + BLANKS[:2])


def split_datetime_case():
    options = {}
    maybe(options, "input_date_formats", [["%d/%m/%Y"]], 0.2)
    maybe(options, "input_time_formats", [["%H.%M"]], 0.2)
    maybe(options, "require_all_fields", [False], 0.2)
    maybe(options, "widget", ["SplitHiddenDateTimeWidget"], 0.15)
    return "SplitDateTimeField", common(options, ["2024-01-02 03:04:00"]), {"_0": pick(DATES[:12] + [""]), "_1": pick(TIMES[:10] + [""])}


def widget_variant(field_type, options):
    """Sometimes swap the default widget for another one Django users pick for this field type."""
    choices = {
        "CharField": ["Textarea", "PasswordInput", "HiddenInput", "EmailInput", "TextInput"],
        "IntegerField": ["TextInput", "HiddenInput"],
        "DecimalField": ["TextInput"],
        "FloatField": ["TextInput"],
        "DateField": ["TextInput", "HiddenInput", "DateInput"],
        "DateTimeField": ["DateTimeInput", "TextInput", "HiddenInput"],
        "TimeField": ["TextInput"],
        "EmailField": ["TextInput"],
        "BooleanField": ["HiddenInput", "CheckboxInput"],
        "ChoiceField": ["RadioSelect", "Select"],
        "TypedChoiceField": ["RadioSelect"],
        "MultipleChoiceField": ["CheckboxSelectMultiple", "MultipleHiddenInput"],
        "JSONField": ["TextInput", "HiddenInput"],
        "DurationField": ["HiddenInput"],
    }.get(field_type)
    if choices and "widget" not in options and R.random() < 0.2:
        options["widget"] = pick(choices)
    return options


GENERATORS = [split_datetime_case, char_case, integer_case, float_case, decimal_case, date_case, datetime_case, time_case, email_case,
              url_case, slug_case, regex_case, choice_case, typed_choice_case, multiple_choice_case, boolean_case,
              null_boolean_case, json_case, uuid_case, duration_case, ip_case]

ERROR_MESSAGES = {"required": "Fill in %s, please.", "invalid": "That is not right.",
                  "max_length": "At most %(limit_value)d (you gave %(show_value)d).",
                  "min_value": "No less than %(limit_value)s.", "invalid_choice": "%(value)s? No."}


def single_field_case(generator, n):
    field_type, options, submitted = generator()
    options = widget_variant(field_type, options)
    if R.random() < 0.1:
        options["error_messages"] = {k: v for k, v in ERROR_MESSAGES.items() if R.random() < 0.6}
    spec = {"fields": [{"name": "f", "type": field_type, "options": options}]}
    roll = R.random()
    if roll < 0.08:
        spec["data"] = {}
    elif roll < 0.12:
        spec["data"] = None
    else:
        spec["data"] = submitted_data("f", submitted)
    if R.random() < 0.25:
        spec["render"] = [pick(["as_div", "as_p", "as_table", "as_ul"])]
    return f"forms-gen-{field_type.lower()}-{n}", spec


def submitted_data(name, submitted):
    """A field's part of the POST: its value, or for a MultiWidget each subwidget's `<name>_<i>` (a few left out)."""
    if isinstance(submitted, dict):
        return {name + suffix: part for suffix, part in submitted.items() if R.random() < 0.95}
    return {name: submitted}


# --- Whole forms: several fields, rules, prefixes and every rendering ---------------------------

LABELS = ["Your name", "E-mail & phone", "<i>Tag</i>", "Age?", "", None]
HELP = ["Full name", "Use <b>bold</b> text", "", "Ends with a colon:"]
WIDGET_ATTRS = [{"class": "wide", "placeholder": "Type…"}, {"size": 10, "data-x": "<y>"}, {"autofocus": True, "required": False},
                {"id": "custom"}, {"aria-label": "Search"}]


def decorate(options):
    if R.random() < 0.3:
        options["label"] = pick(LABELS)
    if R.random() < 0.3:
        options["help_text"] = pick(HELP)
    if R.random() < 0.15:
        options["label_suffix"] = pick(["", " ->", "?"])
    if R.random() < 0.15:
        options["widget_attrs"] = pick(WIDGET_ATTRS)
    if R.random() < 0.1:
        options["show_hidden_initial"] = True
    if R.random() < 0.1 and "widget" not in options:
        options["widget"] = "HiddenInput"
    return options


def whole_form_case(n):
    names = ["name", "email", "age", "when", "topic", "agree", "notes", "code"]
    fields, data = [], {}
    for name in R.sample(names, R.randint(2, 5)):
        field_type, options, submitted = pick(GENERATORS)()
        fields.append({"name": name, "type": field_type, "options": decorate(options)})
        if R.random() < 0.8:
            data.update(submitted_data(name, submitted))
    spec = {"fields": fields, "data": data if R.random() < 0.7 else None}
    rule_fields = [f["name"] for f in fields]
    if R.random() < 0.4:
        a, b = R.sample(rule_fields, 2)
        spec["rules"] = [pick([{"kind": "fields_match", "fields": [a, b], "message": "A & B <differ>."},
                               {"kind": "fields_match_add_error", "fields": [a, b], "message": "Must match."},
                               {"kind": "require_one", "fields": [a, b], "message": "Give one."}])]
    char_fields = [f["name"] for f in fields if f["type"] in ("CharField", "SlugField", "EmailField")]
    if char_fields and R.random() < 0.3:
        spec.setdefault("rules", []).append({"kind": pick(["upper", "forbid"]), "field": char_fields[0], "value": "abc", "message": "Not abc."})
        if spec["rules"][-1]["kind"] == "upper":
            del spec["rules"][-1]["value"], spec["rules"][-1]["message"]
    maybe(spec, "prefix", ["p", "step-1"], 0.25)
    maybe(spec, "auto_id", [False, "%s", "field_%s", "x"], 0.25)
    maybe(spec, "label_suffix", ["", " ="], 0.2)
    maybe(spec, "use_required_attribute", [False], 0.15)
    if R.random() < 0.2:
        spec["initial"] = {rule_fields[0]: "init"}
    if spec.get("prefix") and spec["data"]:
        spec["data"] = {f"{spec['prefix']}-{k}": v for k, v in spec["data"].items()}
    spec["render"] = ["as_div", "as_p", "as_table", "as_ul", "str"]
    return f"forms-gen-form-{n}", spec


def main():
    """`fields_recorded.py [SEED PER_TYPE FORMS OUT]`: with no arguments, the committed regression set."""
    global R, pick
    seed, per_type, whole_forms, out = 20261207, 40, 80, os.path.join(HERE, "fields.recorded.json")
    if len(sys.argv) > 1:
        seed, per_type, whole_forms, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    R = random.Random(seed)
    pick = R.choice
    cases = []
    for generator in GENERATORS:
        for n in range(per_type):
            case_id, spec = single_field_case(generator, n)
            cases.append({"id": case_id, "input": spec})
    for n in range(whole_forms):
        case_id, spec = whole_form_case(n)
        cases.append({"id": case_id, "input": spec})
    recorded = []
    for case in cases:
        case["input"] = json.loads(json.dumps(case["input"]))  # record exactly what the file will hold
        try:
            case["expect"] = record(case["input"])
            json.dumps(case["expect"], allow_nan=False)  # NaN/Infinity have no JSON spelling
        except Exception as exc:  # a spec Django refuses, or an answer JSON cannot hold, is not a case
            print("skipped", case["id"], type(exc).__name__, exc)
            continue
        if case["input"] not in [c["input"] for c in recorded]:
            recorded.append(case)
    with open(out, "w") as f:
        json.dump({"area": "forms", "django": django.get_version(), "cases": recorded}, f, indent=0, ensure_ascii=False)
        f.write("\n")
    print(len(recorded), "cases")


if __name__ == "__main__":
    main()
