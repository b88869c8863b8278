"""Record how real Jinja2 3.1.6 (CPython 3.11) answers filter and test calls that do not fit:
each built-in filter and test called with 0-7 extra positional arguments and with an unknown
keyword, and each applied to values of the wrong type. Writes signatures.json beside this file.

    python3 tests/frameworks/jinja2/signatures.py   # in a venv with jinja2==3.1.6
"""
import json
import os

import jinja2
import markupsafe


def context():
    # Fresh values for every render: `[1, 2]|indent` extends the list in Python.
    return {"s": "ab", "v": [1, 2], "n": 3, "f": 2.5, "u": None, "d": {"a": 1}, "t": True, "m": markupsafe.Markup("<b>x</b>")}


env = jinja2.Environment()
sources = []
for name in sorted(env.filters):
    if name == "random":
        continue
    for value in ("s", "v"):
        for k in range(8):
            sources.append("{{ %s|%s(%s) }}" % (value, name, ",".join(["1"] * k)) if k else "{{ %s|%s }}" % (value, name))
    sources.append("{{ s|%s(nope=1) }}" % name)
for name in sorted(env.tests):
    if not name.isidentifier():
        continue
    for k in range(4):
        sources.append("{{ 4 is %s(%s) }}" % (name, ",".join(["1"] * k)) if k else "{{ 4 is %s }}" % name)
    sources.append("{{ 4 is %s(nope=1) }}" % name)
for value in ("s", "v", "n", "f", "u", "d", "t", "m", "x"):
    for f in ["abs", "attr('a')", "attr(1)", "filesizeformat", "round", "round(1)", "trim(1)", "trim('a')", "indent", "wordwrap",
              "wordwrap(3,1,1)", "truncate(1,1,1)", "urlize(1,1,1,1)", "center", "first", "last", "length", "sum", "join", "list",
              "reverse", "int", "float", "string", "escape", "tojson", "pprint", "items", "dictsort", "unique", "min", "max",
              "sort", "urlencode"]:
        sources.append("{{ %s|%s }}" % (value, f))
    for t in ["odd", "even", "divisibleby(2)", "lower", "upper", "in(1)", "in('abc')", "sameas(1)", "escaped", "iterable",
              "sequence", "mapping", "number", "string", "callable"]:
        sources.append("{{ %s is %s }}" % (value, t))

cases = []
for source in dict.fromkeys(sources):
    try:
        case = {"source": source, "output": env.from_string(source).render(context())}
    except Exception as e:  # noqa: BLE001 - the error is what is recorded
        case = {"source": source, "error": type(e).__name__, "message": str(e)}
    if " at 0x" in case.get("output", ""):
        continue  # an iterator's repr names its address
    cases.append(case)
with open(os.path.join(os.path.dirname(__file__), "signatures.json"), "w") as out:
    json.dump({"jinja2": jinja2.__version__, "cases": cases}, out, indent=1)
print(len(cases), "cases")
