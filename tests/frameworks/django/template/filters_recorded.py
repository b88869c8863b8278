"""Record Django 5.2.17's built-in filters applied to values of every kind (text, numbers, None,
lists, dicts, dates, Decimal, HTML), each with its usual arguments and some wrong ones: the output,
or the exception and its message. Writes filters_recorded.json beside this file.

    python3 tests/frameworks/django/template/filters_recorded.py   # in a venv with django==5.2.17
"""
import json, datetime, decimal
import django
from django.conf import settings
settings.configure(TEMPLATES=[{'BACKEND':'django.template.backends.django.DjangoTemplates'}], USE_TZ=False, TIME_ZONE='UTC')
django.setup()
from django.template import Template, Context
from django.template.defaultfilters import register
VALS = {"s": "Hello World", "e": "", "n": 3, "f": 2.5, "neg": -1.25, "u": None, "l": [3, 1, 2], "d": {"a": 1, "b": 2}, "t": True, "html": "<b>x</b> & y", "big": 1234567.891, "ld": [{"k": 2, "v": "b"}, {"k": 1, "v": "a"}], "num_s": "42", "dt": datetime.datetime(2024, 3, 5, 14, 7, 9), "dd": datetime.date(2024, 3, 5), "dec": decimal.Decimal("1.005")}
FILTERS = ["add:1", "add:'x'", "add:l", "capfirst", "center:15", "cut:'o'", "date:'Y-m-d'", "date", "default:'z'", "default_if_none:'z'", "dictsort:'k'", "dictsortreversed:'k'", "divisibleby:2", "escape", "escapejs", "filesizeformat", "first", "floatformat", "floatformat:2", "floatformat:'-2'", "floatformat:'a'", "floatformat:'2g'", "get_digit:1", "iriencode", "join:', '", "last", "length", "length_is:3", "linebreaks", "linebreaksbr", "linenumbers", "ljust:15", "lower", "make_list", "phone2numeric", "pluralize", "pluralize:'y,ies'", "random_x", "rjust:15", "safe", "slice:':2'", "slice:'a'", "slugify", "stringformat:'s'", "stringformat:'05d'", "striptags", "time:'H:i'", "title", "truncatechars:5", "truncatewords:1", "truncatechars_html:5", "unordered_list", "upper", "urlencode", "urlize", "wordcount", "wordwrap:5", "yesno", "yesno:'a,b'", "yesno:'a,b,c'", "json_script:'id'", "addslashes", "force_escape", "intcomma_x"]
cases = []
for v in VALS:
    for f in FILTERS:
        if f.endswith("_x"): continue
        src = "{{ %s|%s }}" % (v, f)
        try: out = {"output": Template(src).render(Context(VALS))}
        except Exception as ex: out = {"error": type(ex).__name__, "message": str(ex)}
        cases.append({"source": src, **out})
from django.utils.text import Truncator
for t in ["<b>x</b> & y", "x & y", "x &amp; y", "<p>abcde</p>", "<p>ab</p><p>cde</p>", "abcde<br>", "a<b>bcd</b>e", "a<b>bcd</b>ef", "<i>a</i>bcde", "abcdef", "a&lt;cde", "<b>abcde"]:
    for n in (4, 5, 6):
        src = "{{ v|truncatechars_html:%d }}" % n
        cases.append({"source": src, "value": t, "output": Template(src).render(Context({"v": t}))})
import os
json.dump({"django": django.__version__, "cases": cases}, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "filters_recorded.json"), "w"), indent=1)
print(len(cases))
