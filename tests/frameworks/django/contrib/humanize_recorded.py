"""Record django.contrib.humanize's filters from Django 5.2.17 (settings as a new project's:
LANGUAGE_CODE en-us, USE_TZ True, TIME_ZONE UTC) → humanize_recorded.json, replayed by
humanize_recorded.test.ts. Times are given as offsets from now, so both sides see the same
distance; naturalday's dates as offsets in days
(yesterday, today, tomorrow) or fixed dates.

Run: /work/.venv-ref/bin/python tests/frameworks/django/contrib/humanize_recorded.py
"""
import datetime
import json
import os
from decimal import Decimal

import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=["django.contrib.humanize"], USE_TZ=True, TIME_ZONE="UTC", LANGUAGE_CODE="en-us",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
)
django.setup()
from django.template import engines  # noqa: E402
from django.utils import timezone  # noqa: E402

engine = engines["django"]


def decode(v):
    """The recorded value markers → Python values."""
    if isinstance(v, dict):
        if "decimal" in v:
            return Decimal(v["decimal"])
        if "float" in v:
            return float(v["float"])
        if "seconds_from_now" in v:
            return timezone.now() + datetime.timedelta(seconds=v["seconds_from_now"])
        if "int" in v:
            return int(v["int"])
        if "date" in v:
            return datetime.date.fromisoformat(v["date"])
        if "days_from_today" in v:
            return datetime.date.today() + datetime.timedelta(days=v["days_from_today"])
    return v


VALUES = [0, 1, 2, 5, 9, 10, -1, -3, 11, 12, 13, 21, 22, 23, 101, 102, 111, 112, 1000, 1234, 12345, 123456, 1234567, -1234567,
          999999, 1000000, 1200000, 1290000, 999999999, 1000000000, 2000000000, 10**12, 10**15, 10**18, 10**21, 10**24, 10**27, 10**30, 10**33, 10**100, -1200000,
          {"float": "1234.5"}, {"float": "1234567.891"}, {"float": "0.5"}, {"decimal": "1234.50"}, {"decimal": "1234567.891"}, {"decimal": "-1234.5"},
          "1234", "1234567", "-1234567", "1234.5", "12,345", "abc", "", None, True, False, "5", "12th", "1.0"]
FILTERS = ["apnumber", "intcomma", "intword", "ordinal"]
# Up to a fortnight: past that, timesince counts calendar months from today's date, and the
# recorded words would hold only on the day they were recorded.
OFFSETS = [0, -1, -10, -59, -60, -61, -119, -120, -3599, -3600, -3601, -7199, -7200, -86399, -86400, -86401, -90000, -172800, -604800, -1209600,
           1, 10, 59, 60, 61, 3600, 7200, 86400, 90000, 604800]
# Relative days only where the answer is a word (yesterday, today, tomorrow): any other date is
# printed, so it is given as a fixed date, and the recording stays true on any day.
DAYS = [{"days_from_today": d} for d in (-1, 0, 1)] + [{"date": d} for d in ("2024-03-05", "1999-12-31", "2030-01-01")]

# Integers past 2**53 are written as {"int": "…"}: JSON readers other than Python's lose their digits.
VALUES = [{"int": str(v)} if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**53 else v for v in VALUES]

cases = []
for f in FILTERS:
    for v in VALUES:
        out = engine.from_string("{% load humanize %}{{ v|" + f + " }}").render({"v": decode(v)})
        cases.append({"template": "{% load humanize %}{{ v|" + f + " }}", "value": v, "output": out})
for s in OFFSETS:
    v = {"seconds_from_now": s}
    out = engine.from_string("{% load humanize %}{{ v|naturaltime }}").render({"v": decode(v)})
    cases.append({"template": "{% load humanize %}{{ v|naturaltime }}", "value": v, "output": out})
for v in DAYS:
    for t in ["{% load humanize %}{{ v|naturalday }}", "{% load humanize %}{{ v|naturalday:'Y-m-d' }}"]:
        cases.append({"template": t, "value": v, "output": engine.from_string(t).render({"v": decode(v)})})
for t, v in [("{% load humanize %}{{ v|naturaltime }}", "not a date"), ("{% load humanize %}{{ v|naturalday }}", "x"), ("{% load humanize %}{{ v|intcomma:False }}", 1234567)]:
    cases.append({"template": t, "value": v, "output": engine.from_string(t).render({"v": v})})
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "humanize_recorded.json"), "w") as fh:
    json.dump({"django": django.get_version(), "cases": cases}, fh, indent=0, ensure_ascii=False)
    fh.write("\n")
print(len(cases), "cases")
