/**
 * The `middleware` area's `kind: "steps"` cases: a sequence of requests through Django's default
 * startproject MIDDLEWARE (security, sessions, common, CSRF, auth, messages, clickjacking),
 * sharing one browser-like cookie jar, compared step by step with the recording (FORMAT.md).
 *
 * The project is the file's: `settings`, locmem `templates`, and the views its `urlconf` describes
 * (written below, one per label). Each case gets a fresh SQLite database holding `django_session`
 * (the sessions app's 0001_initial, applied once and reopened from an image).
 */
import type { CaseResult, CorpusCase, CorpusFile } from "../area";
import { expect_equal } from "../compare";
import { ValueError } from "../../frameworks/python/builtins";
import { add_handler, WARNING } from "../../frameworks/python/logging";
import { freeze_time } from "../../frameworks/python/time";
import { utf8_encode } from "../../frameworks/python/bytes";
import { settings } from "../../frameworks/django/conf";
import { apps } from "../../frameworks/django/apps";
import { connection } from "../../frameworks/django/db";
import { PermissionDenied, SuspiciousOperation } from "../../frameworks/django/core/exceptions";
import { HttpResponse, Http404, HttpResponseRedirect, JsonResponse, StreamingHttpResponse, type HttpResponseBase } from "../../frameworks/django/http/response";
import type { HttpRequest } from "../../frameworks/django/http/request";
import { render } from "../../frameworks/django/shortcuts";
import { path, re_path, clear_url_caches } from "../../frameworks/django/urls";
import { engines } from "../../frameworks/django/template/loader";
import { WSGIHandler } from "../../frameworks/django/core/handlers/wsgi";
import { sqlmigrate_text } from "../../frameworks/django/core/management/commands/sqlmigrate";
import { Migration as SessionsInitial } from "../../frameworks/django/contrib/sessions/migrations/0001_initial";
import * as messages from "../../frameworks/django/contrib/messages";
import { csrf_exempt } from "../../frameworks/django/views/decorators/csrf";
import { xframe_options_exempt, xframe_options_sameorigin } from "../../frameworks/django/views/decorators/clickjacking";
import { ModuleNotFoundError, set_module_importer, type Module } from "../../frameworks/django/utils/module_loading";
import { FRAMEWORK_MODULES } from "../../modes";
import { SqlJsDriver } from "../../runtime/sqlite";
import { request_environ, response_text } from "./wsgi-harness";

interface Step {
  method: string;
  path: string;
  headers?: Record<string, string>;
  secure?: boolean;
  form?: [string, string][];
  set_cookies?: Record<string, string>;
  csrf?: { source?: "cookie" | "form"; from_step?: number; value?: string; as?: "field" | "header" };
  record_body?: boolean;
}

const RECORDED_HEADERS = ["Content-Type", "Content-Length", "Location", "Vary", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Strict-Transport-Security", "Allow", "Cache-Control"];
const EPOCH_EXPIRES = "Thu, 01 Jan 1970 00:00:00 GMT";
const FRAMEWORK = FRAMEWORK_MODULES as Record<string, Module>;

// --- the project's views (the file's `urlconf` describes each) ---------------------------------

const text = (s: string) => () => new HttpResponse(s);
const show_messages = (request: HttpRequest) =>
  new HttpResponse([...(messages.get_messages(request) as Iterable<messages.Message>)].map((m) => `${m.level_tag}:${m}`).join("|"));

/** Views that need django.contrib.auth, looked up when the case runs (the auth app may not be there yet). */
function auth_module(name: string): Module {
  const module = FRAMEWORK[`django/contrib/auth/${name}`];
  if (!module) throw new ModuleNotFoundError(`No module named 'django.contrib.auth.${name}'`);
  return module;
}

function urlpatterns() {
  const login_required = (request: HttpRequest) => auth_module("decorators").login_required(text("secret"))(request);
  return [
    path("", text("index")),
    path("about/", text("about")),
    path("noslash", text("noslash")),
    path("form/", (request: HttpRequest) => render(request, "form.html")),
    path("submit/", (request: HttpRequest) => new HttpResponse(request.method === "POST" ? `submitted:${request.POST.get("x", "")}` : `submit:${request.method}`)),
    path("exempt/", csrf_exempt((request: HttpRequest) => new HttpResponse(`exempt:${request.method}`))),
    path("session/set/", (request: HttpRequest) => {
      request.session.set("k", request.GET.get("v", "1"));
      return new HttpResponse("set");
    }),
    path("session/get/", (request: HttpRequest) => {
      const value = request.session.get("k");
      return new HttpResponse(`k=${value === null || value === undefined ? "None" : String(value)}`);
    }),
    path("session/flush/", (request: HttpRequest) => {
      request.session.flush();
      return new HttpResponse("flushed");
    }),
    path("messages/add/", (request: HttpRequest) => {
      messages.info(request, "Hello");
      messages.success(request, "Saved");
      return new HttpResponseRedirect("/messages/show/");
    }),
    path("messages/show/", show_messages),
    path("messages/same/", (request: HttpRequest) => {
      messages.warning(request, "Now");
      return show_messages(request);
    }),
    path("xframe/exempt/", xframe_options_exempt(text("xf-exempt"))),
    path("xframe/sameorigin/", xframe_options_sameorigin(text("xf-sameorigin"))),
    path("xframe/preset/", () => {
      const response = new HttpResponse("xf-preset");
      response.headers.set("X-Frame-Options", "ALLOW-FROM https://example.com");
      return response;
    }),
    path("raise/", () => {
      throw new ValueError("boom");
    }),
    path("raise404/", () => {
      throw new Http404("no such thing");
    }),
    path("permission/", () => {
      throw new PermissionDenied();
    }),
    path("suspicious/", () => {
      throw new SuspiciousOperation("weird input");
    }),
    path("login-required/", login_required),
    path("user/", (request: HttpRequest) => new HttpResponse(`auth=${request.user.is_authenticated ? "True" : "False"}`)),
    path("stream/", () => new StreamingHttpResponse(["a", "b", "c"])),
    path("json/", () => new JsonResponse({ ok: true })),
    path("café/", text("cafe")),
    path("files/<path:p>/", (_request: HttpRequest, kwargs: { p: string }) => new HttpResponse(`file:${kwargs.p}`)),
    re_path("^/(?P<rest>.*)/$", (_request: HttpRequest, kwargs: { rest: string }) => new HttpResponse(`rest:${kwargs.rest}`)),
  ];
}

// --- the database ----------------------------------------------------------------------------

let session_image: Uint8Array | null = null;

/** A fresh database with `django_session`, reopened from an image made once. */
async function fresh_database(): Promise<void> {
  if (!session_image) {
    const driver = await SqlJsDriver.open();
    connection.set_driver(driver);
    for (const line of sqlmigrate_text(new SessionsInitial("0001_initial", "sessions")).split("\n"))
      if (line && !line.startsWith("--") && line !== "BEGIN;" && line !== "COMMIT;") connection.cursor().execute(line, null);
    session_image = driver.export();
  }
  connection.set_driver(await SqlJsDriver.open(session_image));
}

// --- the browser: cookie jar, request, recorded response --------------------------------------------

/** The token a step sends: the jar's csrftoken, a form field from an earlier body, or a literal. */
function csrf_token(step: Step, jar: Map<string, string>, bodies: string[]): string {
  const csrf = step.csrf!;
  if (csrf.value !== undefined) return csrf.value;
  if (csrf.source === "cookie") return jar.get("csrftoken") ?? "";
  const match = /name="csrfmiddlewaretoken" value="([^"]*)"/.exec(bodies[csrf.from_step!] ?? "");
  return match ? match[1] : "";
}

function build_environ(step: Step, jar: Map<string, string>, bodies: string[]): Record<string, any> {
  const headers: Record<string, string> = { ...(step.headers ?? {}) };
  const form: [string, string][] = [...(step.form ?? [])];
  if (step.csrf) {
    const token = csrf_token(step, jar, bodies);
    if ((step.csrf.as ?? "field") === "header") headers["X-CSRFToken"] = token;
    else form.push(["csrfmiddlewaretoken", token]);
  }
  if (jar.size) headers.Cookie = [...jar].map(([n, v]) => `${n}=${v}`).join("; ");
  const has_body = step.form !== undefined || (step.csrf && (step.csrf.as ?? "field") === "field");
  const body = has_body ? utf8_encode(new URLSearchParams(form).toString()) : undefined;
  const environ = request_environ({ method: step.method, path: step.path, headers, secure: step.secure, body, content_type: "application/x-www-form-urlencoded" });
  if (has_body && !body!.length) {
    environ.CONTENT_LENGTH = "0";
    environ.CONTENT_TYPE = "application/x-www-form-urlencoded";
  }
  return environ;
}

/** Set-Cookie morsels as recorded: random values and future dates redacted. */
function recorded_cookies(response: HttpResponseBase) {
  const out: { name: string; value: string; attrs: Record<string, unknown> }[] = [];
  for (const [name, morsel] of response.cookies.items() as [string, any][]) {
    const value = String(morsel.value ?? "");
    const attrs: Record<string, unknown> = {};
    for (const key of ["expires", "path", "domain", "max-age", "secure", "httponly", "samesite"]) {
      const v = morsel.getitem(key);
      if (v === "" || v === null || v === undefined || v === false) continue;
      attrs[key] = key === "expires" && v !== EPOCH_EXPIRES ? "<http-date>" : v;
    }
    out.push({ name, value: value === "" ? "" : value.length === 32 ? "<redacted len=32>" : "<redacted>", attrs });
  }
  return out;
}

/** After the response, the jar follows the Set-Cookie headers the way a browser does. */
function update_jar(jar: Map<string, string>, response: HttpResponseBase): void {
  for (const [name, morsel] of response.cookies.items() as [string, any][]) {
    const expired = morsel.getitem("max-age") === 0 || morsel.getitem("max-age") === "0" || morsel.getitem("expires") === EPOCH_EXPIRES;
    if (expired) jar.delete(name);
    else jar.set(name, String(morsel.value));
  }
}

function recorded_headers(response: HttpResponseBase): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of RECORDED_HEADERS) if (response.has_header(name)) out[name] = String(response.headers.get(name));
  return out;
}

async function run_step(handler: WSGIHandler, step: Step, jar: Map<string, string>, bodies: string[], log: [string, string, string][]) {
  if (step.set_cookies) for (const [n, v] of Object.entries(step.set_cookies)) jar.set(n, v);
  const cookies_sent = [...jar.keys()];
  const environ = build_environ(step, jar, bodies);
  log.length = 0;
  const response = (await handler.__call__(environ, () => () => {})) as HttpResponseBase;
  const raw = response_text(response as never, step.method.toUpperCase(), response.status_code);
  bodies.push(raw);
  update_jar(jar, response);
  return {
    status: response.status_code,
    reason: response.reason_phrase,
    headers: recorded_headers(response),
    set_cookies: recorded_cookies(response),
    body: step.record_body === false ? null : raw.replace(/value="[a-zA-Z0-9]{64}"/g, 'value="<csrftoken>"'),
    log: [...log],
    cookies_sent,
  };
}

/** The file's settings and templates, with the case's overrides, on this lab's module table. */
function configure(file: CorpusFile, c: CorpusCase): void {
  const templates = (file as any).templates as Record<string, string>;
  settings.configure({
    ...file.settings,
    ...((c.input.settings as Record<string, unknown>) ?? {}),
    SECRET_KEY: "conformance",
    ROOT_URLCONF: "conformance.urls",
    TEMPLATES: [{ BACKEND: "django.template.backends.django.DjangoTemplates", OPTIONS: { loaders: [["django.template.loaders.locmem.Loader", templates]] } }],
  });
  const modules: Record<string, Module> = { "conformance/urls": { urlpatterns: urlpatterns() } };
  set_module_importer((p) => {
    if (modules[p]) return modules[p];
    if (FRAMEWORK[p]) return FRAMEWORK[p];
    throw new ModuleNotFoundError(`No module named '${p.replace(/\//g, ".")}'`);
  });
  clear_url_caches();
  engines.reset();
  // The four contrib apps, loaded once: their models register when first prepared, so the
  // registry is kept across cases rather than reset.
  if (!apps.ready) {
    apps.reset();
    apps.populate(settings.INSTALLED_APPS as string[]);
  }
}

export async function replay_steps(file: CorpusFile, c: CorpusCase): Promise<CaseResult> {
  const log: [string, string, string][] = [];
  const remove = add_handler((r) => {
    if (r.levelno >= WARNING && r.name.startsWith("django")) log.push([r.levelname, r.name, r.message]);
  });
  try {
    await fresh_database();
    configure(file, c);
    const handler = new WSGIHandler();
    const jar = new Map<string, string>();
    const bodies: string[] = [];
    const steps = [];
    for (const step of c.input.steps as Step[]) steps.push(await run_step(handler, step, jar, bodies, log));
    return expect_equal({ steps }, c.expect);
  } finally {
    remove();
    set_module_importer(null);
    freeze_time(null);
  }
}
