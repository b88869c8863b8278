"""Random request sequences through the 7 default middleware (the corpus's `steps` kind, FORMAT.md
part A) recorded from real Django 5.2.17 → middleware.json beside this file (or OUT_DIR).

Run: /work/.venv-ref/bin/python record.py SEED COUNT [OUT_DIR]   (SEED 0: replay the corpus's steps cases, to check this twin)
"""
import json, logging, os, random, re, sys
from urllib.parse import unquote_to_bytes, urlencode
import django
from django.conf import settings

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = json.load(open(os.path.join(HERE, "../../../../shared/conformance/middleware.json")))
S = dict(CORPUS["settings"])
S.update(SECRET_KEY="conformance-secret", ROOT_URLCONF=__name__,
         DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
         TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", CORPUS["templates"])], "context_processors": []}}])
settings.configure(**S)
django.setup()
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.management import call_command
from django.http import HttpResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.test import Client
from django.test.utils import override_settings
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.clickjacking import xframe_options_exempt, xframe_options_sameorigin

call_command("migrate", verbosity=0, run_syncdb=True)

def text(s): return lambda request: HttpResponse(s)
def submit(request):
    if request.method == "POST": return HttpResponse("submitted:" + request.POST.get("x", ""))
    return HttpResponse("submit:" + request.method)
def session_set(request):
    request.session["k"] = request.GET.get("v", "1"); return HttpResponse("set")
def session_get(request): return HttpResponse("k=" + str(request.session.get("k")))
def session_flush(request): request.session.flush(); return HttpResponse("flushed")
def messages_add(request):
    messages.info(request, "Hello"); messages.success(request, "Saved")
    from django.shortcuts import redirect
    return redirect("/messages/show/")
def show(request): return HttpResponse("|".join(m.level_tag + ":" + str(m.message) for m in messages.get_messages(request)))
def messages_same(request): messages.warning(request, "Now"); return show(request)
def xf_preset(request):
    r = HttpResponse("xf-preset"); r["X-Frame-Options"] = "ALLOW-FROM https://example.com"; return r
def raise_(request): raise ValueError("boom")
def raise404(request): raise Http404("no such thing")
def permission(request): raise PermissionDenied
def suspicious(request): raise SuspiciousOperation("weird input")
@login_required
def login_req(request): return HttpResponse("secret")
def user(request): return HttpResponse("auth=" + str(request.user.is_authenticated))
def stream(request): return StreamingHttpResponse(["a", "b", "c"])
def json_(request): return JsonResponse({"ok": True})
def file_(request, p): return HttpResponse("file:" + p)
def rest(request, rest): return HttpResponse("rest:" + rest)

urlpatterns = [
    path("", text("index")), path("about/", text("about")), path("noslash", text("noslash")),
    path("form/", lambda request: render(request, "form.html")), path("submit/", submit), path("exempt/", csrf_exempt(lambda request: HttpResponse("exempt:" + request.method))),
    path("session/set/", session_set), path("session/get/", session_get), path("session/flush/", session_flush),
    path("messages/add/", messages_add), path("messages/show/", show), path("messages/same/", messages_same),
    path("xframe/exempt/", xframe_options_exempt(text("xf-exempt"))), path("xframe/sameorigin/", xframe_options_sameorigin(text("xf-sameorigin"))), path("xframe/preset/", xf_preset),
    path("raise/", raise_), path("raise404/", raise404), path("permission/", permission), path("suspicious/", suspicious),
    path("login-required/", login_req), path("user/", user), path("stream/", stream), path("json/", json_), path("café/", text("cafe")),
    path("files/<path:p>/", file_), re_path(r"^/(?P<rest>.*)/$", rest),
]
RECORDED_HEADERS = ["Content-Type", "Content-Length", "Location", "Vary", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Strict-Transport-Security", "Allow", "Cache-Control"]
EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT"

class Capture(logging.Handler):
    def __init__(self): super().__init__(logging.WARNING); self.records = []
    def emit(self, record): self.records.append([record.levelname, record.name, record.getMessage()])

def run(inp):
    from django.contrib.sessions.models import Session
    Session.objects.all().delete()
    jar, bodies, out = {}, [], []
    cap = Capture(); logger = logging.getLogger("django"); logger.addHandler(cap)
    try:
        with override_settings(**(inp.get("settings") or {})):
            for step in inp["steps"]:
                for n, v in (step.get("set_cookies") or {}).items(): jar[n] = v
                headers = dict(step.get("headers") or {})
                form = [tuple(x) for x in (step.get("form") or [])]
                if "csrf" in step:
                    c = step["csrf"]
                    if "value" in c: token = c["value"]
                    elif c.get("source") == "cookie": token = jar.get("csrftoken", "")
                    else:
                        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', bodies[c["from_step"]] if c["from_step"] < len(bodies) else "")
                        token = m.group(1) if m else ""
                    if c.get("as", "field") == "header": headers["X-CSRFToken"] = token
                    else: form.append(("csrfmiddlewaretoken", token))
                cookies_sent = list(jar)
                if jar: headers["Cookie"] = "; ".join(f"{n}={v}" for n, v in jar.items())
                has_body = "form" in step or ("csrf" in step and step["csrf"].get("as", "field") == "field")
                client = Client(enforce_csrf_checks=True, raise_request_exception=False)
                cap.records.clear()
                kw = {"secure": bool(step.get("secure")), "headers": headers}
                if has_body: kw.update(data=urlencode(form), content_type="application/x-www-form-urlencoded")
                # The raw request target goes into the environ as a server puts it (the test client
                # would read "//evil.com" as a host).
                target_path, _, query = step["path"].partition("?")
                kw["PATH_INFO"] = unquote_to_bytes(target_path).decode("iso-8859-1")
                if query: kw["QUERY_STRING"] = query
                r = client.generic(step["method"], "/", **kw)
                raw = b"".join(r.streaming_content).decode() if r.streaming else r.content.decode()
                if step["method"] == "HEAD" or r.status_code < 200 or r.status_code in (204, 304): raw = ""
                bodies.append(raw)
                cookies = []
                for name, morsel in r.cookies.items():
                    attrs = {}
                    for key in ["expires", "path", "domain", "max-age", "secure", "httponly", "samesite"]:
                        v = morsel[key]
                        if v is None or v is False or v == "": continue
                        attrs[key] = "<http-date>" if key == "expires" and v != EPOCH else v
                    value = morsel.value
                    cookies.append({"name": name, "value": "" if value == "" else ("<redacted len=32>" if len(value) == 32 else "<redacted>"), "attrs": attrs})
                    if morsel["max-age"] in (0, "0") or morsel["expires"] == EPOCH: jar.pop(name, None)
                    else: jar[name] = value
                out.append({"status": r.status_code, "reason": r.reason_phrase,
                            "headers": {h: r.headers[h] for h in RECORDED_HEADERS if r.has_header(h)},
                            "set_cookies": cookies,
                            "body": None if step.get("record_body") is False else re.sub(r'value="[a-zA-Z0-9]{64}"', 'value="<csrftoken>"', raw),
                            "log": [x for x in cap.records if x[1].startswith("django")], "cookies_sent": cookies_sent})
    finally:
        logger.removeHandler(cap)
    return {"steps": out}

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
out_dir = sys.argv[3] if len(sys.argv) > 3 else HERE
if seed == 0:
    bad = n = 0
    for c in CORPUS["cases"]:
        if c["input"].get("kind") == "order": continue
        n += 1
        got = run(c["input"])
        if got != c["expect"]:
            bad += 1
            for i, (g, w) in enumerate(zip(got["steps"], c["expect"]["steps"])):
                if g != w:
                    print("DIFF", c["id"], "step", i, {k: (g[k], w[k]) for k in g if g[k] != w.get(k)}); break
    print(n, "corpus steps cases,", bad, "differ"); sys.exit(0)
R = random.Random(seed)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 100
PATHS = ["/", "/about/", "/about", "/noslash", "/noslash/", "/form/", "/submit/", "/submit", "/exempt/", "/session/set/?v=x", "/session/get/", "/session/flush/",
         "/messages/add/", "/messages/show/", "/messages/same/", "/xframe/exempt/", "/xframe/sameorigin/", "/xframe/preset/", "/raise/", "/raise404/",
         "/permission/", "/suspicious/", "/login-required/", "/user/", "/stream/", "/json/", "/caf%C3%A9/", "/café", "/files/a/b/", "/files/x", "//evil.com",
         "//x/", "/nope", "/nope/", "/about/?a=1&b=2", "/%2e%2e/"]
# DEBUG = True is left out: the lab's technical error pages are its own design, not Django's.
SETTINGS = [("APPEND_SLASH", [False]), ("SESSION_COOKIE_SECURE", [True]), ("SESSION_COOKIE_SAMESITE", ["Strict", "None", False]),
            ("SESSION_COOKIE_HTTPONLY", [False]), ("SESSION_EXPIRE_AT_BROWSER_CLOSE", [True]), ("SESSION_SAVE_EVERY_REQUEST", [True]),
            ("X_FRAME_OPTIONS", ["SAMEORIGIN"]), ("SECURE_CONTENT_TYPE_NOSNIFF", [False]), ("SECURE_REFERRER_POLICY", ["no-referrer", None, "origin,strict-origin"]),
            ("SECURE_CROSS_ORIGIN_OPENER_POLICY", ["unsafe-none", None]), ("SECURE_SSL_REDIRECT", [True]), ("SECURE_HSTS_SECONDS", [3600]),
            ("SECURE_HSTS_INCLUDE_SUBDOMAINS", [True]), ("CSRF_COOKIE_HTTPONLY", [True]), ("CSRF_COOKIE_SECURE", [True]), ("CSRF_USE_SESSIONS", [True]),
            ("CSRF_TRUSTED_ORIGINS", [["https://trusted.example"]]), ("PREPEND_WWW", [True]), ("SESSION_COOKIE_NAME", ["sid"])]
cases = []
for k in range(N):
    steps = []
    for i in range(R.randint(1, 4)):
        method = R.choice(["GET", "GET", "GET", "POST", "POST", "HEAD", "PUT", "OPTIONS"])
        step = {"method": method, "path": R.choice(PATHS)}
        if method in ("POST", "PUT") and R.random() < 0.8: step["form"] = [["x", R.choice(["1", "héllo", ""])]]
        if method in ("POST", "PUT") and R.random() < 0.7:
            c = R.choice([{"source": "cookie"}, {"source": "form", "from_step": max(0, i - 1)}, {"value": R.choice(["bad", "x" * 32, "y" * 64, ""])}])
            if R.random() < 0.3: c["as"] = "header"
            step["csrf"] = c
        if R.random() < 0.25: step["headers"] = {R.choice(["Origin", "Referer", "Host"]): R.choice(["https://testserver", "http://testserver", "https://evil.example", "https://trusted.example", "null", "testserver", "evil.com", "localhost:8000", "https://testserver/form/"])}
        if R.random() < 0.15: step["secure"] = True
        if R.random() < 0.1: step["set_cookies"] = {R.choice(["sessionid", "csrftoken", "messages"]): R.choice(["garbage", "a" * 32, ""])}
        steps.append(step)
    inp = {"kind": "steps", "steps": steps}
    if R.random() < 0.4:
        inp["settings"] = {}
        for name, values in R.sample(SETTINGS, R.randint(1, 2)): inp["settings"][name] = R.choice(values)
    cases.append({"id": f"fz-steps-{seed}-{k}", "input": inp, "expect": run(inp)})
json.dump({**{k: v for k, v in CORPUS.items() if k != "cases"}, "cases": cases}, open(os.path.join(out_dir, "middleware.json"), "w"))
print(len(cases), "cases")
