// Dump the traces of a few requests (times left out, random tokens and dates masked) to compare
// trace content across builds: `node bench/_bundle.mjs bench/_dump.ts && node node_modules/.cache/framework-lab-bench/_dump.mjs > FILE`.
import { startproject_runtime, startproject_scenario } from "./django";
import { HeadlessRuntime } from "../src/runtime/headless";
import { flask_hello_scenario } from "./flask";
import type { Scenario } from "../src/scenarios/format";
import { parseRuntimeMessage } from "../src/runtime/protocol-schema";
import type { PackedTrace } from "../src/trace";

// Deterministic "randomness" (session keys, CSRF secrets), so two runs dump the same text.
let seed = 12345;
const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
Math.random = next;
crypto.getRandomValues = (<T extends ArrayBufferView | null>(array: T): T => {
  const bytes = new Uint8Array((array as unknown as ArrayBufferView).buffer, (array as unknown as ArrayBufferView).byteOffset, (array as unknown as ArrayBufferView).byteLength);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
  return array;
}) as typeof crypto.getRandomValues;

type Headers = [string, string][];
const out: unknown[] = [];
const strip = (spans: { start: number; end: number }[]) => spans.map(({ start, end, ...rest }) => ({ ...rest, dur: end > start }));
const decoder = new TextDecoder();

// DUMP_PACKED=1: every runtime reads its traces packed, as the page's worker does, and each trace
// goes through a structured clone and the page's protocol check (which makes the runs spans) before
// it is dumped — the dump must be the same as without.
const PACKED = process.env.DUMP_PACKED === "1";
if (PACKED) {
  const create = HeadlessRuntime.create.bind(HeadlessRuntime);
  HeadlessRuntime.create = (options = {}) => create({ ...options, packed_traces: true });
}
let packed_runs = 0;

async function dump(rt: HeadlessRuntime, label: string, method: string, target: string, headers: Headers, body = "") {
  let r = await rt.request({ method, target, headers, body }, { trace: true });
  if (PACKED) {
    packed_runs += (r.trace as PackedTrace).runs?.length ?? 0;
    const message = parseRuntimeMessage(structuredClone({ type: "response", id: 1, result: r }));
    if (message.type !== "response") throw new Error("not a response");
    r = message.result;
  }
  out.push({ target: `${label} ${method} ${target}`, status: r.response.status, headers: r.response.headers, spans: strip(r.trace.spans as never) });
  return r;
}

// The bench's startproject (DEBUG = False, the 7 default middleware).
const rt = await startproject_runtime();
const COOKIE: Headers = [["Host", "testserver"], ["Cookie", "sessionid=abc; csrftoken=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"]];
for (const target of ["/hello/", "/nope/", "/admin/", "/admin/login/", "/r99/42/hello-world/", "/r5/x/y/", "/hello"]) await dump(rt, "bench", "GET", target, COOKIE);
await dump(rt, "bench", "HEAD", "/hello/", COOKIE);
await dump(rt, "bench", "POST", "/admin/login/", [["Host", "testserver"], ["Content-Type", "application/x-www-form-urlencoded"]], "username=a&password=b");

// The admin's login form, POSTed with the CSRF cookie and token it hands out.
const login = await dump(rt, "bench", "GET", "/admin/login/?next=/admin/", [["Host", "testserver"]]);
const cookies = login.response.headers.filter(([k]) => k.toLowerCase() === "set-cookie").map(([, v]) => v.split(";")[0]);
const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(decoder.decode(login.response.body))?.[1] ?? "";
await dump(rt, "bench", "POST", "/admin/login/?next=/admin/", [["Host", "testserver"], ["Cookie", cookies.join("; ")], ["Content-Type", "application/x-www-form-urlencoded"], ["Referer", "http://testserver/admin/login/"]], `csrfmiddlewaretoken=${token}&username=admin&password=wrong&next=/admin/`);

// A project with DEBUG = True, user middleware of every shape, views that raise, redirect, render
// and change what they were given, and receivers that filter by sender or change the environ.
const MW = `
import { HttpResponse } from "django/http";
import { XFrameOptionsMiddleware as MiddlewareMixin } from "django/middleware/clickjacking"; // a MiddlewareMixin subclass
export class Tagger extends MiddlewareMixin {
  process_request(request) { request.META["HTTP_X_TAGGED"] = "yes"; if (request.path === "/stop/") return new HttpResponse("stopped", { status: 418 }); }
  process_response(request, response) { response.headers.set("X-Tag", "1"); response.headers.delete("X-Gone"); return response; }
}
export class AfterCall extends MiddlewareMixin {
  process_response(request, response) { response.headers.set("X-Before", "b"); return response; }
  __call__(request) { const r = super.__call__(request); r.headers.set("X-After", "a"); return r; }
}
export function func_mw(get_response) {
  return (request) => { const r = get_response(request); r.headers.set("X-Func", "f"); r.headers.set("X-Gone", "soon"); return r; };
}
export class ViewHook extends MiddlewareMixin {
  process_view(request, view, args, kwargs) { if ("pk" in kwargs) kwargs.pk = kwargs.pk + 1000; if (request.path === "/hooked/") return new HttpResponse("hooked"); return null; }
  process_exception(request, exception) { return request.path === "/handled/" ? new HttpResponse("handled " + exception.message, { status: 503 }) : null; }
  process_template_response(request, response) { response.context_data = { ...(response.context_data ?? {}), extra: "x" }; return response; }
  process_response(request, response) { if (request.path === "/swap/") return new HttpResponse("swapped", { status: 201 }); response.headers.set("X-Hook", "h"); return response; }
}
`;
const VIEWS = `
import { HttpResponse, HttpResponseRedirect, JsonResponse } from "django/http";
import { TemplateResponse } from "django/template/response";
import { request_started, request_finished } from "django/core/signals";
import { receiver } from "django/dispatch";
export class Other {}
export function hello(request) { return new HttpResponse("Hello, World!"); }
export function boom(request) { throw new Error("kaput"); }
export function handled(request) { throw new Error("caught by the hook"); }
export function go(request) { return new HttpResponseRedirect("/hello/"); }
export function item(request, kwargs) { const pk = kwargs.pk; kwargs.pk = -1; return new JsonResponse({ pk, slug: kwargs.slug ?? null }); }
export function tpl(request) { return new TemplateResponse(request, "page.html", { name: "World" }); }
export function hooked(request) { return new HttpResponse("never"); }
export function swap(request) { return new HttpResponse("original"); }
export function stop(request) { return new HttpResponse("never"); }
receiver(request_started, { sender: Other })(function only_other(sender, kwargs) { return "other"; });
receiver(request_started)(function mark(sender, kwargs) { kwargs.environ["HTTP_X_MARKED"] = "1"; return { seen: kwargs.environ.PATH_INFO }; });
receiver(request_finished)(function finished(sender, kwargs) { return [1, "two", { three: 3 }]; });
`;
const URLS = `
import { path, re_path, include } from "django/urls";
import * as v from "app/views";
import { site } from "django/contrib/admin";
export const urlpatterns = [
  path("hello/", v.hello, { name: "hello" }), path("boom/", v.boom), path("handled/", v.handled), path("go/", v.go),
  path("item/<int:pk>/<slug:slug>/", v.item, { name: "item" }), re_path("^re/(?P<pk>[0-9]+)/$", v.item, { kwargs: {} }), path("tpl/", v.tpl), path("hooked/", v.hooked),
  path("swap/", v.swap), path("stop/", v.stop), path("admin/", site.urls),
];
`;
const debug_project: Scenario = {
  ...startproject_scenario,
  title: "dump: DEBUG project",
  files: {
    ...startproject_scenario.files,
    "project/settings.ts": startproject_scenario.files["project/settings.ts"]
      .replace("DEBUG = false", "DEBUG = true")
      .replace('"benchapp",', '"benchapp",\n  "app",')
      .replace('"django.middleware.clickjacking.XFrameOptionsMiddleware",', '"django.middleware.clickjacking.XFrameOptionsMiddleware",\n  "project.mw.Tagger",\n  "project.mw.AfterCall",\n  "project.mw.func_mw",\n  "project.mw.ViewHook",')
      .replace('ROOT_URLCONF = "project.urls"', 'ROOT_URLCONF = "project.dumpurls"') +
      'export const PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"];\n',
    "project/mw.ts": MW,
    "project/dumpurls.ts": URLS,
    "app/views.ts": VIEWS,
    "app/apps.ts": `import { AppConfig } from "django/apps";\nexport class AppAppConfig extends AppConfig { name = "app"; }\n`,
    "app/templates/page.html": "<p>Hello, {{ name }}{{ extra }}!</p>\n",
    "app/seed.ts": `import { User } from "django/contrib/auth/models";\nexport function seed() { User.objects.create_superuser("admin", "admin@example.com", "secret"); }\n`,
  },
  setup: [{ command: "migrate" }, { command: "call", function: "app.seed.seed" }],
};
const drt = await HeadlessRuntime.create({ trace: false });
const loaded = await drt.load(debug_project);
if (!loaded.ok) throw new Error(`dump project: ${loaded.error.type}: ${loaded.error.message}`);
for (const target of ["/hello/", "/boom/", "/handled/", "/go/", "/item/7/seven/", "/re/12/", "/tpl/", "/hooked/", "/swap/", "/stop/", "/nope/", "/hello"])
  await dump(drt, "debug", "GET", target, COOKIE);
await dump(drt, "debug", "POST", "/hello/", [["Host", "testserver"], ["Content-Type", "application/x-www-form-urlencoded"]], "a=1");
// The admin: the login form, a wrong password, the right one, then the index with the session.
const form = await dump(drt, "debug", "GET", "/admin/login/?next=/admin/", [["Host", "testserver"]]);
const jar = new Map(form.response.headers.filter(([k]) => k.toLowerCase() === "set-cookie").map(([, v]) => v.split(";")[0].split("=") as [string, string]));
const csrf = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(decoder.decode(form.response.body))?.[1] ?? "";
const cookie = (): [string, string] => ["Cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; ")];
const post = (password: string) => dump(drt, "debug", "POST", "/admin/login/?next=/admin/", [["Host", "testserver"], cookie(), ["Content-Type", "application/x-www-form-urlencoded"], ["Referer", "http://testserver/admin/login/"]], `csrfmiddlewaretoken=${csrf}&username=admin&password=${password}&next=/admin/`);
await post("wrong");
const ok = await post("secret");
for (const [k, v] of ok.response.headers) if (k.toLowerCase() === "set-cookie") { const [name, value] = v.split(";")[0].split("="); jar.set(name, value); }
await dump(drt, "debug", "GET", "/admin/", [["Host", "testserver"], cookie()]);
await dump(drt, "debug", "GET", "/admin/auth/user/", [["Host", "testserver"], cookie()]);

// Flask: hello, a 404, a 405.
const fl = await HeadlessRuntime.create({ trace: false });
await fl.load(flask_hello_scenario);
for (const target of ["/hello/", "/missing"]) await dump(fl, "flask", "GET", target, [["Host", "testserver"]]);
await dump(fl, "flask", "POST", "/hello/", [["Host", "testserver"]]);
const FLASK_APP = `import { Flask, redirect, request, session, g } from "flask";
export const app = new Flask("dump");
app.secret_key = "dump-secret";
app.before_request(function tag() { g.tag = request.path; });
app.after_request(function stamp(response) { response.headers.set("X-Stamp", "1"); return response; });
app.get("/hello/<name>")(function hello({ name }) { session.set("seen", name); return \`Hello, \${name}!\`; });
app.get("/boom")(function boom() { throw new Error("kaput"); });
app.get("/go")(function go() { return redirect("/hello/x"); });
app.post("/form")(function form() { return { got: request.form.get("a") }; });
`;
const fl2 = await HeadlessRuntime.create({ trace: false });
const flask_project: Scenario = { ...flask_hello_scenario, title: "dump: flask", files: { "app.ts": FLASK_APP } };
const fl2_loaded = await fl2.load(flask_project);
if (!fl2_loaded.ok) throw new Error(`dump flask: ${fl2_loaded.error.type}: ${fl2_loaded.error.message}`);
for (const target of ["/hello/world", "/boom", "/go", "/nope"]) await dump(fl2, "flask2", "GET", target, [["Host", "testserver"]]);
await dump(fl2, "flask2", "POST", "/form", [["Host", "testserver"], ["Content-Type", "application/x-www-form-urlencoded"]], "a=1");

console.log(
  JSON.stringify(out, null, 1)
    .replace(/"(expires|Expires|date|Date)": "[^"]*"/g, '"$1": "…"')
    .replace(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)?/g, "<datetime>")
    .replace(/expires=[^;"]*/g, "expires=…")
    .replace(/:[0-9A-Za-z]{6}:[A-Za-z0-9_-]{43}/g, ":<ts>:<sig>")
    .replace(/\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27}\b/g, ".<ts>.<sig>")
    .replace(/"(timestamp)": \d+/g, '"$1": 0')
    .replace(/"(signature)": "[^"]*"/g, '"$1": "<sig>"')
    .replace(/\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/g, "<http-date>")
    .replace(/\b[A-Za-z0-9]{32}\b|\b[A-Za-z0-9]{64}\b/g, "<token>")
    .replace(/"(\w*_ms|ms|duration)": [0-9.e-]+/g, '"$1": 0'),
);
if (PACKED) console.error(`packed: ${packed_runs} runs`);
