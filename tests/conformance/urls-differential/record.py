"""Generate random URLconfs, paths and reverse() calls; record real Django 5.2.17's answers in the
conformance `urls` format (FORMAT.md part A) → urls.json beside this file.

Run: /work/.venv-ref/bin/python tests/conformance/urls-differential/record.py SEED COUNT
(the committed file: seed 1, 120 URLconfs × 3 resolves and 3 reverses). Routes mix literal words
(a '%' among them: Django does not escape it when reversing), every built-in converter, the
corpus's custom `yyyy` and `even`, re_path patterns, includes with and without namespaces and
default kwargs; paths are filled from the routes, plus misses.
"""
import json, os, random, sys, uuid
import django
from django.conf import settings
settings.configure(ROOT_URLCONF=None, DEBUG=False, ALLOWED_HOSTS=["*"])
django.setup()
from django.urls import path, re_path, include, register_converter, get_resolver, reverse, clear_url_caches, Resolver404, NoReverseMatch
from django.core.exceptions import ImproperlyConfigured

class FourDigitYearConverter:
    regex = "[0-9]{4}"
    def to_python(self, value): return int(value)
    def to_url(self, value): return "%04d" % value
class EvenConverter:
    regex = "[0-9]+"
    def to_python(self, value):
        n = int(value)
        if n % 2: raise ValueError("odd")
        return n
    def to_url(self, value):
        n = int(value)
        if n % 2: raise ValueError("odd")
        return str(n)
register_converter(FourDigitYearConverter, "yyyy")
register_converter(EvenConverter, "even")

def make_view(label):
    def view(request, *a, **k): return None
    view.__name__ = label; view.__qualname__ = label; view.__module__ = "views"
    view.label = label
    return view

def build(entries):
    out = []
    for e in entries:
        if e["kind"] == "include":
            fn = re_path if e.get("via") == "re_path" else path
            inner = build(e.get("patterns", []))
            inc = include((inner, e["app_name"]), namespace=e.get("namespace")) if e.get("app_name") else include(inner, namespace=e.get("namespace"))
            out.append(fn(e["route"], inc, e.get("kwargs")))
        else:
            fn = re_path if e["kind"] == "re_path" else path
            out.append(fn(e["route"], make_view(e["view"]), e.get("kwargs"), name=e.get("name")))
    return out

def neutral(v):
    if isinstance(v, uuid.UUID): return str(v)
    if isinstance(v, (list, tuple)): return [neutral(x) for x in v]
    if isinstance(v, dict): return {k: neutral(x) for k, x in v.items()}
    return v
def tname(v):
    if v is None: return "null"
    if isinstance(v, uuid.UUID): return "uuid"
    if isinstance(v, bool): return "bool"
    if isinstance(v, int): return "int"
    if isinstance(v, float): return "float"
    if isinstance(v, str): return "str"
    if isinstance(v, list): return "list"
    return "dict"

class Conf:  # a urlconf module object
    def __init__(self, patterns): self.urlpatterns = patterns

def record(inp):
    clear_url_caches()
    try:
        conf = Conf(build(inp["urlconf"]))
    except Exception as e:
        return {"error": type(e).__name__, "message": str(e)}
    if inp["kind"] == "resolve":
        try:
            m = get_resolver(conf).resolve(inp["path"])
        except Resolver404 as e:
            a = e.args[0]
            out = {"error": "Resolver404", "path": a.get("path")}
            if "tried" in a: out["tried"] = [[str(p.pattern) for p in chain] for chain in a["tried"]]
            return out
        except Exception as e:
            return {"error": type(e).__name__, "message": str(e)}
        return {"view": getattr(m.func, "label", m.func.__name__), "args": neutral(list(m.args)), "arg_types": [tname(a) for a in m.args],
                "kwargs": neutral(m.kwargs), "kwarg_types": {k: tname(v) for k, v in m.kwargs.items()}, "captured_kwargs": neutral(m.captured_kwargs or {}),
                "extra_kwargs": neutral(m.extra_kwargs or {}), "url_name": m.url_name, "route": m.route, "view_name": m.view_name,
                "namespace": m.namespace, "namespaces": m.namespaces, "app_name": m.app_name, "app_names": m.app_names}
    try:
        kw = {}
        for k in ("current_app", "query", "fragment"):
            if k in inp: kw[k] = inp[k]
        return {"url": reverse(inp["name"], urlconf=conf, args=inp.get("args"), kwargs=inp.get("kwargs"), **kw)}
    except Exception as e:
        return {"error": type(e).__name__, "message": str(e)}

R = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 500
CONVS = ["int", "str", "slug", "uuid", "path", "yyyy", "even", None]
WORDS = ["blog", "a", "articles", "x-y", "item", "", "caf\u00e9", "p.q", "n_1", "2024", "%", "sp ace"]
def seg_value(conv):
    return {"int": R.choice(["0", "7", "42", "007", "-1", "x", "99999999999999999999"]), "str": R.choice(["abc", "a b", "\u00e9", "x.y", "-", "%20", ""]),
            "slug": R.choice(["hello-world", "a_b", "A1", "no space", "\u00e9t\u00e9", ""]), "uuid": R.choice([str(uuid.UUID(int=R.getrandbits(128))), "not-a-uuid", str(uuid.UUID(int=5)).upper()]),
            "path": R.choice(["a/b/c", "x", "a//b", "", "f.txt"]), "yyyy": R.choice(["2024", "999", "12345", "0001"]), "even": R.choice(["2", "3", "10", "0", "x"]), None: R.choice(["n", "a b", "", "\u00e9"])}[conv]

def route():
    parts, names, vals = [], [], []
    for i in range(R.randint(0, 3)):
        if R.random() < 0.5:
            w = R.choice(WORDS); parts.append(w + "/" if w else ""); vals.append(w + "/" if w else "")
        else:
            c = R.choice(CONVS); n = R.choice(["pk", "slug", "year", "name", "x", "id"])
            if n in names: n = n + str(i)
            names.append(n); parts.append(("<%s:%s>" % (c, n) if c else "<%s>" % n) + R.choice(["/", "/", "-", ""])); vals.append((c, n, parts[-1][parts[-1].index(">") + 1:]))
    return "".join(parts), vals

def gen_entries(depth=0, prefix="v"):
    entries = []
    for i in range(R.randint(1, 6)):
        r = R.random()
        if r < 0.15 and depth < 2:
            rt, _ = route()
            app = R.choice([None, "blog", "polls", "shop"])
            e = {"kind": "include", "route": rt if rt.endswith("/") or rt == "" else rt + "/", "patterns": gen_entries(depth + 1, prefix + str(i))}
            if app: e["app_name"] = app; e["namespace"] = R.choice([app, app + "2", app])
            if R.random() < 0.2: e["kwargs"] = {"extra": R.choice([1, "x"])}
            entries.append(e)
        elif r < 0.25:
            rx = R.choice([r"^archive/(?P<year>[0-9]{4})/$", r"^(?P<slug>[-\w]+)/$", r"^num/([0-9]+)/$", r"^opt/(?:(?P<page>[0-9]+)/)?$", r"^raw/(.*)$", r"x$"])
            entries.append({"kind": "re_path", "route": rx, "view": "%s_%d" % (prefix, i), "name": R.choice([None, "r%d" % i, "dup"])})
        else:
            rt, _ = route()
            e = {"kind": "path", "route": rt, "view": "%s_%d" % (prefix, i)}
            nm = R.choice([None, "n%d" % i, "dup", "detail"])
            if nm: e["name"] = nm
            if R.random() < 0.15: e["kwargs"] = {"flag": R.choice([True, 3, "s"])}
            entries.append(e)
    return entries

def fill_route(rt):
    out = ""; i = 0
    import re as _re
    for m in _re.finditer(r"<(?:(\w+):)?(\w+)>", rt):
        out += rt[i:m.start()] + seg_value(m.group(1)); i = m.end()
    return out + rt[i:]

def all_paths(entries, prefix=""):
    for e in entries:
        if e["kind"] == "include": yield from all_paths(e["patterns"], prefix + fill_route(e["route"]))
        elif e["kind"] == "path": yield prefix + fill_route(e["route"])
        else: yield prefix + R.choice(["archive/2024/", "hello/", "num/5/", "opt/", "opt/3/", "raw/a/b", "x"])

def all_names(entries, ns=""):
    for e in entries:
        if e["kind"] == "include":
            n2 = ns + (e.get("namespace") or e.get("app_name") or "") + (":" if e.get("app_name") else "")
            yield from all_names(e["patterns"], n2)
        elif e.get("name"): yield ns + e["name"]

cases = []
for k in range(N):
    conf = gen_entries()
    paths = list(all_paths(conf)) or ["/"]
    for j in range(3):
        p = "/" + R.choice(paths + ["nope/", "", "blog/1/"])
        inp = {"kind": "resolve", "urlconf": conf, "path": p}
        cases.append({"id": "fz-%d-%d-r%d" % (int(sys.argv[1]) if len(sys.argv) > 1 else 1, k, j), "input": inp, "expect": record(inp)})
    names = list(all_names(conf)) or ["missing"]
    for j in range(3):
        inp = {"kind": "reverse", "urlconf": conf, "name": R.choice(names + ["missing", "blog:missing"])}
        r = R.random()
        if r < 0.4: inp["kwargs"] = {R.choice(["pk", "slug", "year", "name", "x", "id", "page"]): R.choice([1, "a", "hello-world", 2024, 7, "a b", "\u00e9"]) for _ in range(R.randint(1, 2))}
        elif r < 0.7: inp["args"] = [R.choice([1, "a", 2024, "x/y", 4]) for _ in range(R.randint(0, 2))]
        if R.random() < 0.1: inp["query"] = {"q": R.choice(["a b", ["1", "2"]])}
        if R.random() < 0.1: inp["fragment"] = R.choice(["top", "a b"])
        if R.random() < 0.1: inp["current_app"] = R.choice(["blog", "blog2", "polls"])
        cases.append({"id": "fz-%d-%d-v%d" % (int(sys.argv[1]) if len(sys.argv) > 1 else 1, k, j), "input": inp, "expect": record(inp)})

src = json.load(open("/work/shared/conformance/urls.json"))
json.dump({**{k: v for k, v in src.items() if k != "cases"}, "cases": cases}, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "urls.json"), "w"))
print(len(cases), "cases;", sum(1 for c in cases if "error" in c["expect"]), "errors")
