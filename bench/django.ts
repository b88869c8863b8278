/**
 * Django request figures for `npm run bench`: a learner's `startproject` served headless → µs per
 * request, tracing off and on, and `resolve()` of the 105th of 105 patterns → µs per resolve.
 *
 * The project mirrors the anchors' benchapp (../shared/anchors/python-bench/benchapp/conf.py):
 * startproject's settings with DEBUG = False, INSTALLED_APPS admin, auth, contenttypes, sessions,
 * messages (staticfiles does not exist here and has no middleware), the **7 default middleware**
 * (Security, Session, Common, CsrfView, Authentication, Message, XFrameOptions — the real ones),
 * and the anchors' URLconf: hello/, books.json, items/, notes/new/, admin/ (include), then 100 ×
 * `r{i}/<int:pk>/<slug:slug>/`.
 *
 *   hello     GET /hello/ → HttpResponse("Hello, World!") through the gateway (runtime.request:
 *             HTTP message → WSGI environ → handler → HTTP message), the page's path; the anchors'
 *             `django.hello/wsgi` row calls WSGIHandler with a prebuilt environ.
 *   traced    the same request with the trace recorded and read as the page's worker reads it (packed: the
 *             patterns tried carried as runs, ADR 0035; every other span built).
 *   recorded  the same request with the trace recorded and left unread: what recording costs at the call sites and the recorder.
 *   resolve   `resolve("/r99/42/hello-world/")`: 5 + 99 patterns tried, the 105th matches. Traced:
 *             a fresh recorder per resolve, and its trace read packed as the worker posts it (the
 *             patterns' regex misses as runs of forms; `resolve_expand_us` is the page's side, the
 *             runs made the same 106 spans).
 */
import { HeadlessRuntime, type HeadlessRuntimeOptions } from "../src/runtime/headless";
import { SCENARIO_FORMAT, type Scenario } from "../src/scenarios/format";
import { Recorder, expand_trace, set_active_recorder, type PackedTrace } from "../src/trace";
import { resolve } from "../src/frameworks/django/urls";
import { figure, per_run_ratio, run_cases, type Figure, type RunOptions } from "./harness";

const SETTINGS = `// project/settings.ts — django-admin startproject's settings (the anchors' benchapp/conf.py).
export const DEBUG = false;
export const SECRET_KEY = "bench-insecure-0123456789abcdefghijklmnopqrstuvwxyz-0123456789";
export const ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"];
export const INSTALLED_APPS = [
  "django.contrib.admin",
  "django.contrib.auth",
  "django.contrib.contenttypes",
  "django.contrib.sessions",
  "django.contrib.messages",
  "benchapp",
];
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.contrib.sessions.middleware.SessionMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.csrf.CsrfViewMiddleware",
  "django.contrib.auth.middleware.AuthenticationMiddleware",
  "django.contrib.messages.middleware.MessageMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];
export const ROOT_URLCONF = "project.urls";
export const TEMPLATES = [
  {
    BACKEND: "django.template.backends.django.DjangoTemplates",
    DIRS: [],
    APP_DIRS: true,
    OPTIONS: {
      context_processors: [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
      ],
    },
  },
];
export const LANGUAGE_CODE = "en-us";
export const TIME_ZONE = "UTC";
export const USE_I18N = true;
export const USE_TZ = true;
export const STATIC_URL = "static/";
export const DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField";
`;

const URLS = `// project/urls.ts — the anchors' benchapp/urls.py.
import { path } from "django/urls";
import { site } from "django/contrib/admin";
import * as views from "benchapp/views";

export const urlpatterns = [
  path("hello/", views.hello, { name: "hello" }),
  path("books.json", views.books_json, { name: "books_json" }),
  path("items/", views.items_page, { name: "items" }),
  path("notes/new/", views.note_new, { name: "note_new" }),
  path("admin/", site.urls),
];
// The URL-resolution workload: 100 patterns with converters; /r99/42/hello-world/ is the 105th entry.
for (let i = 0; i < 100; i++) urlpatterns.push(path(\`r\${i}/<int:pk>/<slug:slug>/\`, views.routed, { name: \`r\${i}\` }));
`;

const VIEWS = `// benchapp/views.ts — the two views the request workloads call, and the other routes' views.
import { HttpResponse } from "django/http";

export function hello(request) {
  return new HttpResponse("Hello, World!");
}

export function routed(request, { pk, slug }) {
  return new HttpResponse(\`route \${pk} \${slug}\`);
}

// The anchors' JSON, template and form pages: their routes are here so that the resolver tries the
// same patterns in the same order; the bench does not request them.
export function books_json(request) {
  return new HttpResponse("books", { content_type: "application/json" });
}
export function items_page(request) {
  return new HttpResponse("items");
}
export function note_new(request) {
  return new HttpResponse("note");
}
`;

const APPS = `// benchapp/apps.ts
import { AppConfig } from "django/apps";
export class BenchappConfig extends AppConfig {
  name = "benchapp";
}
`;

export const startproject_scenario: Scenario = {
  format: SCENARIO_FORMAT,
  title: "bench: a learner's startproject (7 default middleware) and the anchors' URLconf",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  files: { "project/settings.ts": SETTINGS, "project/urls.ts": URLS, "benchapp/views.ts": VIEWS, "benchapp/apps.ts": APPS },
  requests: [],
};

const HELLO = { method: "GET", target: "/hello/", headers: [["Host", "testserver"]] as [string, string][], body: "" };
const ROUTED = "/r99/42/hello-world/";
const decoder = new TextDecoder();

/** A runtime with the startproject loaded, checked to answer as the anchors' checks demand. */
export async function startproject_runtime(options: HeadlessRuntimeOptions = {}): Promise<HeadlessRuntime> {
  const runtime = await HeadlessRuntime.create({ trace: false, ...options });
  const loaded = await runtime.load(startproject_scenario);
  if (!loaded.ok) throw new Error(`bench project failed to load: ${loaded.error.type}: ${loaded.error.message}`);
  const hello = await runtime.request(HELLO, { trace: true });
  const body = decoder.decode(hello.response.body);
  if (hello.response.status !== 200 || body !== "Hello, World!") throw new Error(`bench hello: ${hello.response.status} ${body.slice(0, 300)}`);
  const middleware = hello.trace.spans.filter((s) => s.kind === "middleware" && s.attrs.phase === "__call__").map((s) => s.name);
  if (middleware.length !== 7) throw new Error(`bench hello: expected the 7 default middleware in the trace, got ${middleware.join(", ")}`);
  const routed = await runtime.request({ ...HELLO, target: ROUTED }, { trace: false });
  if (decoder.decode(routed.response.body) !== "route 42 hello-world") throw new Error("bench: /r99/42/hello-world/ did not reach routed()");
  return runtime;
}

/** One request; a wrong answer stops the bench (a fast error page is not a figure). `unread`: recorded, the trace left unread. */
function hello_request(runtime: HeadlessRuntime, trace: boolean, unread = false): () => Promise<void> {
  return async () => {
    const result = await runtime.request(HELLO, { trace, unread });
    if (result.response.status !== 200) throw new Error(`bench hello: status ${result.response.status}`);
  };
}

/** The trace read as the page's worker reads it: packed (ADR 0035), the patterns tried carried as runs. */
function resolve_traced_trace(): PackedTrace {
  const recorder = new Recorder({ enabled: true });
  const previous = set_active_recorder(recorder);
  try {
    resolve(ROUTED);
  } finally {
    set_active_recorder(previous);
  }
  return recorder.trace({ packed: true });
}

function resolve_traced(): void {
  const trace = resolve_traced_trace();
  // Spans the trace will make: its own, and its runs' ids less those among its own (a null form).
  const runs = trace.runs ?? [];
  let total = trace.spans.length;
  for (const run of runs) {
    total += run.forms.length;
    for (const span of trace.spans) if (span.id >= run.first && span.id < run.first + run.forms.length) total--;
  }
  if (total !== 106) throw new Error("bench resolve: expected 2 resolver spans (the root, the admin include) + 104 pattern spans");
}

/** The page's side of a traced resolve: its packed trace made spans (`expand_trace`, what the protocol check does on arrival). */
function resolve_expand(trace: PackedTrace): () => void {
  return () => {
    if (expand_trace(trace).spans.length !== 106) throw new Error("bench resolve: expected 106 spans made");
  };
}

/** Recorded, not read: what tracing costs while the request runs (the spans are built when a panel reads them). */
function resolve_recorded(): void {
  const previous = set_active_recorder(new Recorder({ enabled: true }));
  try {
    resolve(ROUTED);
  } finally {
    set_active_recorder(previous);
  }
}

function resolve_untraced(): void {
  resolve(ROUTED);
}

/** hello (off / on) and resolve (off / on), round-robin in one group. */
export async function bench_django(runtime: HeadlessRuntime, options: RunOptions): Promise<Figure[]> {
  const previous = set_active_recorder(new Recorder({ enabled: false }));
  try {
    if (resolve(ROUTED).url_name !== "r99") throw new Error("bench resolve: wrong match");
    const res = await run_cases(
      [
        { name: "hello", fn: hello_request(runtime, false), n: 1000, async: true },
        { name: "hello traced", fn: hello_request(runtime, true), n: 1000, async: true },
        { name: "hello recorded", fn: hello_request(runtime, true, true), n: 1000, async: true },
        { name: "resolve", fn: resolve_untraced, n: 3000 },
        { name: "resolve traced", fn: resolve_traced, n: 3000 },
        { name: "resolve recorded", fn: resolve_recorded, n: 3000 },
        { name: "resolve expanded", fn: resolve_expand(resolve_traced_trace()), n: 3000 },
      ],
      options,
    );
    const hello_anchor = { script: "django_bench", workload: "django.hello/wsgi", metric: "us/req", note: "WSGIHandler, prebuilt environ" } as const;
    const resolve_anchor = { script: "django_bench", workload: "django.urls.resolve('/r99/42/hello-world/') [105th pattern]", metric: "us/op", note: "untraced" } as const;
    return [
      figure("django_hello_us", "Django hello, 7 default middleware", "us", res.get("hello")!, hello_anchor),
      figure("django_hello_traced_us", "Django hello, traced (spans built)", "us", res.get("hello traced")!, hello_anchor),
      figure("resolve_us", "resolve() of the 105th of 105 patterns", "us", res.get("resolve")!, resolve_anchor),
      figure("resolve_traced_us", "resolve(), traced (read packed, as the worker posts it)", "us", res.get("resolve traced")!, resolve_anchor),
      figure("django_hello_trace_ratio", "tracing on / off, hello", "x", per_run_ratio(res.get("hello traced")!, res.get("hello")!)),
      figure("django_hello_recorded_us", "Django hello, recorded, trace not read", "us", res.get("hello recorded")!, hello_anchor),
      figure("django_hello_record_ratio", "recording on / off, hello (spans not built)", "x", per_run_ratio(res.get("hello recorded")!, res.get("hello")!)),
      figure("resolve_trace_ratio", "tracing on / off, resolve of 105 patterns", "x", per_run_ratio(res.get("resolve traced")!, res.get("resolve")!)),
      figure("resolve_recorded_us", "resolve(), recorded, trace not read", "us", res.get("resolve recorded")!, resolve_anchor),
      figure("resolve_expand_us", "a traced resolve's packed trace made spans (the page's side)", "us", res.get("resolve expanded")!),
      figure("resolve_record_ratio", "recording on / off, resolve of 105 patterns (spans not built)", "x", per_run_ratio(res.get("resolve recorded")!, res.get("resolve")!)),
    ];
  } finally {
    set_active_recorder(previous);
  }
}
