"""Record the anatomy of every class in django.views.generic's modules, in the corpus's `cbv` format.

Run: /work/.venv-ref/bin/python tests/frameworks/django/views/anatomy_recorded.py
Writes anatomy.recorded.json beside this file (committed; anatomy_recorded.test.ts replays each
case through src/conformance/areas/cbv.ts). The corpus lists 33 of these classes; this file holds
all of them (mixins included), as FORMAT.md part A "cbv" (`kind: "anatomy"`) describes a class:
bases, MRO, own and inherited names, and for each name its owner, kind, overrides, value or
signature.
"""
import inspect
import json
import os

import django
from django.conf import settings

settings.configure(SECRET_KEY="anatomy-recorded", INSTALLED_APPS=[])
django.setup()
from django.utils.decorators import classonlymethod  # noqa: E402
from django.utils.functional import cached_property, classproperty  # noqa: E402
from django.views.generic import base, dates, detail, edit, list as list_  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def dotted(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def considered(name):
    return not name.startswith("__") or name == "__init__"


def kind_of(raw):
    for kind, types in (("classonlymethod", classonlymethod), ("classmethod", classmethod), ("staticmethod", staticmethod),
                        ("property", property), ("cached_property", cached_property), ("classproperty", classproperty)):
        if isinstance(raw, types):
            return kind
    return "method" if inspect.isfunction(raw) else "attribute"


def function_of(raw, kind):
    return {"classonlymethod": lambda: raw.__func__, "classmethod": lambda: raw.__func__, "staticmethod": lambda: raw.__func__,
            "property": lambda: raw.fget, "cached_property": lambda: raw.func, "classproperty": lambda: raw.fget,
            "method": lambda: raw}[kind]()


def neutral(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [neutral(v) for v in value]
    if isinstance(value, dict):
        return {str(k): neutral(v) for k, v in value.items()}
    if isinstance(value, type):
        return f"<class {dotted(value)}>"
    return f"<{dotted(type(value))} instance>"


def describe(cls, name, mro):
    owners = [c for c in mro if name in vars(c)]
    raw = vars(owners[0])[name]
    kind = kind_of(raw)
    out = {"defined_in": dotted(owners[0]), "kind": kind}
    if len(owners) > 1:
        out["overrides"] = [dotted(c) for c in owners[1:]]
    if kind == "attribute":
        out["value"] = neutral(raw)
    else:
        out["signature"] = str(inspect.signature(function_of(raw, kind)))
    return out


def anatomy(cls):
    mro = cls.__mro__
    names = {n for c in mro if c is not object for n in vars(c) if considered(n)}
    own = sorted(n for n in vars(cls) if considered(n))
    return {"class": dotted(cls), "bases": [dotted(b) for b in cls.__bases__], "mro": [dotted(c) for c in mro],
            "own": own, "inherited": sorted(names - set(own)),
            "attributes": {n: describe(cls, n, mro) for n in sorted(names)}}


def main():
    cases = []
    for module in (base, detail, list_, edit, dates):
        for name, cls in sorted(vars(module).items()):
            if isinstance(cls, type) and cls.__module__ == module.__name__:
                cases.append({"id": f"cbv-anatomy-{name}", "input": {"kind": "anatomy", "class": dotted(cls)}, "expect": anatomy(cls)})
    with open(os.path.join(HERE, "anatomy.recorded.json"), "w") as f:
        json.dump({"area": "cbv", "django": django.get_version(), "cases": cases}, f, indent=0)
        f.write("\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
