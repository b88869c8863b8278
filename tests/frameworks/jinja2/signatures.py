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
    return {"s": "ab", "tp": (1, 2), "v": [1, 2], "n": 3, "f": 2.5, "u": None, "d": {"a": 1}, "t": True, "m": markupsafe.Markup("<b>x</b>")}


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

METHODS = {
    "s": ["upper", "lower", "casefold", "title", "capitalize", "swapcase", "strip", "lstrip", "rstrip", "split", "rsplit",
          "splitlines", "join", "replace", "startswith", "endswith", "find", "rfind", "index", "count", "format", "format_map",
          "center", "ljust", "rjust", "zfill", "isdigit", "isdecimal", "isnumeric", "isalpha", "isalnum", "isspace", "isupper",
          "islower", "istitle", "isidentifier", "partition", "rpartition", "removeprefix", "removesuffix", "expandtabs"],
    "v": ["index", "count", "append", "extend", "insert", "pop", "remove", "reverse", "sort", "copy", "clear"],
    "tp": ["index", "count"],
    "d": ["keys", "values", "items", "get", "pop", "setdefault", "update", "copy", "clear"],
}
for value, names in METHODS.items():
    for name in names:
        for args in ["", "'a'", "'a', 'b'", "'a', 1, 2", "1, 2, 3, 4", "nope=1"]:
            sources.append("{{ %s.%s(%s) }}" % (value, name, args))
for call in ["range()", "range(1, 2, 3, 4)", "range(x=1)", "range(3)|list", "dict(1)", "dict(1, 2)", "dict(a=1)", "lipsum(1, 2, 3, 4, 5)",
             "lipsum(nope=1)", "cycler()", "joiner(1, 2)", "joiner(sep=1)", "namespace(1, 2)", "namespace(a=1).a", "'a b'.split(1)",
             "'a'.strip(1)", "'x'.ljust(3, 'ab')", "'x'.center(3, 1)", "'x'.zfill('a')"]:
    sources.append("{{ %s }}" % call)

cases = []
for source in dict.fromkeys(sources):
    try:
        case = {"source": source, "output": env.from_string(source).render(context())}
        if "lipsum" in source:
            continue  # random text
    except Exception as e:  # noqa: BLE001 - the error is what is recorded
        case = {"source": source, "error": type(e).__name__, "message": str(e)}
    if " at 0x" in case.get("output", ""):
        continue  # an iterator's repr names its address
    cases.append(case)
with open(os.path.join(os.path.dirname(__file__), "signatures.json"), "w") as out:
    json.dump({"jinja2": jinja2.__version__, "cases": cases}, out, indent=1)
print(len(cases), "cases")
