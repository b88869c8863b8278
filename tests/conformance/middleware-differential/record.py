"""Random middleware stacks (the corpus's `order` kind, FORMAT.md part A) recorded from real Django
5.2.17 → middleware.json beside this file (or DIR given as the third argument). Stacks of 0–4
middleware with random hooks, short-circuits, raises and exception handlers; GET, POST and HEAD
to every view of the corpus's order_urlconf and a missing path. The committed file: seed 1, 300.

Run: /work/.venv-ref/bin/python record.py SEED COUNT [OUT_DIR]   (SEED 0: the corpus's own order cases, to check this twin)
"""
import json, logging, os, random, sys
import django
from django.conf import settings

CORPUS = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../shared/conformance/middleware.json")))
S = dict(CORPUS["settings"])
S.update(SECRET_KEY="conformance-secret", ROOT_URLCONF=__name__, MIDDLEWARE=[],
         DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
         TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", CORPUS["templates"])], "context_processors": []}}])
settings.configure(**S)
django.setup()
from django.http import HttpResponse, Http404
from django.template.response import TemplateResponse
from django.test import Client
from django.urls import path, clear_url_caches
from django.test.utils import override_settings

EVENTS = []

def view_ok(request):
    EVENTS.append("view"); return HttpResponse("ok")
def view_raise(request):
    EVENTS.append("view"); raise ValueError("boom")
def view_404(request):
    EVENTS.append("view"); raise Http404("no")
def view_template(request):
    EVENTS.append("view"); return TemplateResponse(request, "msg.html", {"msg": "base"})
def view_template_missing(request):
    EVENTS.append("view"); return TemplateResponse(request, "missing.html", {})
def view_none(request):
    EVENTS.append("view"); return None

urlpatterns = [path("ok/", view_ok), path("raise/", view_raise), path("http404/", view_404), path("template/", view_template),
               path("template-missing/", view_template_missing), path("none/", view_none)]

def make_middleware(spec):
    name = spec["name"]; hooks = spec.get("hooks", ["process_view", "process_exception", "process_template_response"])
    sc = spec.get("short_circuit"); raise_in = spec.get("raise_in"); handle = spec.get("handle_exception", False)
    ns = {}
    def __init__(self, get_response): self.get_response = get_response
    def __call__(self, request):
        EVENTS.append(f"{name}.call:before")
        if raise_in == "call": EVENTS.append(f"{name}.raise"); raise RuntimeError(f"{name} raised")
        if sc == "call":
            EVENTS.append(f"{name}.short_circuit"); response = HttpResponse(f"short-circuit:{name}")
        else:
            response = self.get_response(request)
        EVENTS.append(f"{name}.call:after({response.status_code})")
        return response
    ns["__init__"] = __init__; ns["__call__"] = __call__
    if "process_view" in hooks:
        def process_view(self, request, view_func, view_args, view_kwargs):
            EVENTS.append(f"{name}.process_view")
            if raise_in == "process_view": EVENTS.append(f"{name}.raise"); raise RuntimeError(f"{name} raised")
            if sc == "view": EVENTS.append(f"{name}.short_circuit"); return HttpResponse(f"view-short-circuit:{name}")
            if sc == "view_template": EVENTS.append(f"{name}.short_circuit"); return TemplateResponse(request, "msg.html", {"msg": f"from-{name}"})
            return None
        ns["process_view"] = process_view
    if "process_exception" in hooks:
        def process_exception(self, request, exception):
            EVENTS.append(f"{name}.process_exception({type(exception).__name__})")
            if handle: EVENTS.append(f"{name}.handled"); return HttpResponse(f"handled-by:{name}")
            return None
        ns["process_exception"] = process_exception
    if "process_template_response" in hooks:
        def process_template_response(self, request, response):
            EVENTS.append(f"{name}.process_template_response")
            response.context_data["msg"] = response.context_data.get("msg", "") + f"+{name}"
            return response
        ns["process_template_response"] = process_template_response
    return type(name, (), ns)

class Capture(logging.Handler):
    def __init__(self): super().__init__(logging.WARNING); self.records = []
    def emit(self, record): self.records.append([record.levelname, record.name, record.getMessage()])

def record(inp):
    mod = sys.modules[__name__]
    paths = []
    for i, spec in enumerate(inp["stack"]):
        cls = make_middleware(spec); setattr(mod, f"MW{i}", cls); paths.append(f"{__name__}.MW{i}")
    EVENTS.clear()
    cap = Capture(); logger = logging.getLogger("django"); logger.addHandler(cap); old = logger.level; logger.setLevel(logging.WARNING)
    try:
        with override_settings(MIDDLEWARE=paths):
            client = Client(enforce_csrf_checks=True, raise_request_exception=False)
            r = getattr(client, inp["request"]["method"].lower())(inp["request"]["path"])
            body = r.content.decode() if inp["request"]["method"] != "HEAD" else ""
            return {"events": list(EVENTS), "status": r.status_code, "body": body, "log": [x for x in cap.records if x[1].startswith("django")]}
    finally:
        logger.removeHandler(cap); logger.setLevel(old)

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
out_dir = sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(os.path.abspath(__file__))
if seed == 0:
    cases = [c for c in CORPUS["cases"] if c["input"].get("kind") == "order"]
    bad = 0
    for c in cases:
        got = record(c["input"])
        if got != c["expect"]: bad += 1; print("DIFF", c["id"], json.dumps(got)[:300])
    print(len(cases), "corpus order cases,", bad, "differ"); sys.exit(0)
R = random.Random(seed)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200
cases = []
for k in range(N):
    stack = []
    for i in range(R.randint(0, 4)):
        spec = {"name": "ABCDE"[i]}
        if R.random() < 0.3: spec["hooks"] = R.sample(["process_view", "process_exception", "process_template_response"], R.randint(0, 3))
        r = R.random()
        if r < 0.12: spec["short_circuit"] = R.choice(["call", "view", "view_template"])
        elif r < 0.22: spec["raise_in"] = R.choice(["call", "process_view"])
        if R.random() < 0.25: spec["handle_exception"] = True
        stack.append(spec)
    req = {"method": R.choice(["GET", "GET", "POST", "HEAD"]), "path": R.choice(["/ok/", "/raise/", "/http404/", "/template/", "/template-missing/", "/none/", "/nope/", "/ok"])}
    inp = {"kind": "order", "stack": stack, "request": req}
    cases.append({"id": f"fz-mw-{seed}-{k}", "input": inp, "expect": record(inp)})
json.dump({**{k: v for k, v in CORPUS.items() if k != "cases"}, "cases": cases}, open(os.path.join(out_dir, "middleware.json"), "w"))
print(len(cases), "cases")
