/**
 * The handler and its middleware, end to end through the headless runtime: the exception guard's
 * table (404/403/400/500), the technical pages, APPEND_SLASH, the security headers, middleware
 * that does not exist yet, async views, and what the trace records at the onion's seam.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../../../src/runtime/headless";
import { SCENARIO_FORMAT, type Scenario } from "../../../../src/scenarios/format";
import { django_hello } from "../../../../src/scenarios/django-hello";
import { replay } from "../../../../src/scenarios/client";
import type { Span } from "../../../../src/trace";

const VIEWS = `
import { HttpResponse, Http404 } from "django/http";
import { PermissionDenied, SuspiciousOperation } from "django/core/exceptions";
import { xframe_options_exempt } from "django/views/decorators/clickjacking";
export function ok(request) { return new HttpResponse("ok"); }
export function boom(request) { throw new Error("kaput"); }
export function nothing(request) { return null; }
export function forbidden(request) { throw new PermissionDenied("no"); }
export function suspicious(request) { throw new SuspiciousOperation("weird input"); }
export function gone(request) { throw new Http404("No such thing"); }
export async function later(request) { await Promise.resolve(); return new HttpResponse("awaited"); }
export const framed = xframe_options_exempt((request) => new HttpResponse("frame me"));
`;

const URLS = `
import { path } from "django/urls";
import * as v from "app/views";
export const urlpatterns = [
  path("ok/", v.ok, { name: "ok" }), path("boom/", v.boom), path("nothing/", v.nothing), path("forbidden/", v.forbidden),
  path("suspicious/", v.suspicious), path("gone/", v.gone), path("later/", v.later), path("framed/", v.framed),
];
`;

const SHORT = `
import { HttpResponse } from "django/http";
export function Gate(get_response) {
  return (request) => request.path === "/ok/" && request.GET.get("stop") ? new HttpResponse("stopped at the gate", { status: 418 }) : get_response(request);
}
`;

function project(settings: string): Scenario {
  return {
    format: SCENARIO_FORMAT,
    title: "handler test",
    framework: "django",
    entry: { kind: "django", settings: "project.settings" },
    files: {
      "project/settings.ts": `export const SECRET_KEY = "t"; export const ALLOWED_HOSTS = ["localhost"]; export const ROOT_URLCONF = "project.urls";\n${settings}`,
      "project/urls.ts": URLS,
      "project/gate.ts": SHORT,
      "app/views.ts": VIEWS,
    },
    requests: [],
  };
}

const DEFAULT_STACK = `export const MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "project.gate.Gate", "django.middleware.common.CommonMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"];`;

async function get(runtime: HeadlessRuntime, target: string, headers: [string, string][] = [["Host", "localhost"]]) {
  const result = await runtime.request({ method: "GET", target, headers, body: "" });
  const header = (name: string) => result.response.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return { ...result, status: result.response.status, text: new TextDecoder().decode(result.response.body), header };
}

const spans = (trace: { spans: Span[] }, kind: string) => trace.spans.filter((s) => s.kind === kind);

describe("django-hello through the handler", () => {
  it("answers the scripted requests: home, include + converter, JSON, redirect, APPEND_SLASH, Http404, no match", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load(django_hello)).ok).toBe(true);
    const run = await replay(runtime, django_hello);
    expect(run.map((r) => r.result.response.status)).toEqual([200, 200, 200, 302, 301, 404, 404]);
  });
});

describe("handler with DEBUG = False", () => {
  let runtime: HeadlessRuntime;
  beforeAll(async () => {
    runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(project(`export const DEBUG = false;\n${DEFAULT_STACK}`));
    expect(loaded.ok).toBe(true);
  });

  it("adds Security and XFrameOptions headers and Content-Length, in Django's order", async () => {
    const r = await get(runtime, "/ok/");
    expect(r.status).toBe(200);
    expect(r.response.headers).toEqual([
      ["Content-Type", "text/html; charset=utf-8"],
      ["X-Frame-Options", "DENY"],
      ["Content-Length", "2"],
      ["X-Content-Type-Options", "nosniff"],
      ["Referrer-Policy", "same-origin"],
      ["Cross-Origin-Opener-Policy", "same-origin"],
    ]);
  });

  it("turns an uncaught exception into Django's plain 500 page", async () => {
    const r = await get(runtime, "/boom/");
    expect(r.status).toBe(500);
    expect(r.text).toContain("<h1>Server Error (500)</h1>");
    const converted = r.trace.spans.find((s) => s.kind === "exception")!;
    expect(converted.attrs).toMatchObject({ escaped_from: "_get_response", error_type: "Error", message: "kaput", status: 500 });
    expect(spans(r.trace, "view")[0].error).toMatchObject({ type: "Error", message: "kaput" });
  });

  it("maps PermissionDenied to 403, SuspiciousOperation to 400 and a disallowed Host to 400", async () => {
    expect((await get(runtime, "/forbidden/")).status).toBe(403);
    expect((await get(runtime, "/suspicious/")).status).toBe(400);
    const bad_host = await get(runtime, "/ok/", [["Host", "evil.example"]]);
    expect(bad_host.status).toBe(400);
  });

  it("raises ValueError when a view returns None (a 500)", async () => {
    const r = await get(runtime, "/nothing/");
    expect(r.status).toBe(500);
    const error = r.trace.spans.find((s) => s.kind === "exception");
    expect(error?.attrs.message).toBe("The view app.views.nothing didn't return an HttpResponse object. It returned None instead.");
  });

  it("awaits async views", async () => {
    const r = await get(runtime, "/later/");
    expect(r.text).toBe("awaited");
  });

  it("redirects /ok to /ok/ with APPEND_SLASH and answers the standard 404 page otherwise", async () => {
    const r = await get(runtime, "/ok?x=1");
    expect(r.status).toBe(301);
    expect(r.header("Location")).toBe("/ok/?x=1");
    const missing = await get(runtime, "/nope/");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("<h1>Not Found</h1><p>The requested resource was not found on this server.</p>");
  });

  it("lets a view opt out of X-Frame-Options", async () => {
    const r = await get(runtime, "/framed/");
    expect(r.header("X-Frame-Options")).toBeUndefined();
  });

  it("records one span per middleware layer, in settings order, and the short-circuit", async () => {
    const normal = await get(runtime, "/ok/");
    expect(spans(normal.trace, "middleware").filter((s) => s.attrs.phase === "__call__").map((s) => s.name)).toEqual([
      "SecurityMiddleware",
      "Gate",
      "CommonMiddleware",
      "XFrameOptionsMiddleware",
    ]);
    const stopped = await get(runtime, "/ok/?stop=1");
    expect(stopped.status).toBe(418);
    const gate = spans(stopped.trace, "middleware").find((s) => s.name === "Gate")!;
    expect(gate.attrs.short_circuit).toBe(true);
    expect(spans(stopped.trace, "view")).toEqual([]);
    const security = spans(stopped.trace, "middleware").find((s) => s.name === "SecurityMiddleware.process_response")!;
    expect(security.attrs.header_changes).toMatchObject({ added: { "X-Content-Type-Options": "nosniff" } });
  });
});

describe("handler with DEBUG = True", () => {
  let runtime: HeadlessRuntime;
  beforeAll(async () => {
    runtime = await HeadlessRuntime.create();
    await runtime.load(project(`export const DEBUG = true;\n${DEFAULT_STACK}`));
  });

  it("shows the technical 404 with every pattern tried", async () => {
    const r = await get(runtime, "/nope/");
    expect(r.status).toBe(404);
    // Django's technical_404.html markup, whitespace included.
    expect(r.text).toContain("      Using the URLconf defined in <code>project.urls</code>,\n      Django tried these URL patterns, in this order:\n");
    expect(r.text).toContain("              <code>\n                ok/\n                [name='ok']\n              </code>");
    expect(r.text).toContain("          The current path, <code>nope/</code>,\n        \n        didn’t match any of these.");
  });

  it("says which view raised Http404", async () => {
    const r = await get(runtime, "/gone/");
    expect(r.text).toContain("Raised by:");
    expect(r.text).toContain("app.views.gone");
    expect(r.text).toContain("No such thing");
  });

  it("shows the technical 500 with the user's frame and masked settings", async () => {
    const r = await get(runtime, "/boom/");
    expect(r.status).toBe(500);
    expect(r.text).toContain("Error at /boom/");
    expect(r.text).toContain("kaput");
    expect(r.text).toContain("app/views.ts, line 6, in boom");
    expect(r.text).toContain('<li class="frame user"><code class="fname" data-file="app/views.ts" data-line="6">app/views.ts, line 6</code>, in boom</li>');
    expect(r.text).toContain("SECRET_KEY");
    expect(r.text).not.toContain('"t"</pre>');
  });
});

describe("middleware that does not exist yet", () => {
  it("fails loudly with ImproperlyConfigured naming it", async () => {
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(project(`export const MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "project.gate.NoSuchMiddleware"];`));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.type).toBe("ImproperlyConfigured");
    expect(loaded.error.message).toContain("project.gate.NoSuchMiddleware");
    const r = await get(runtime, "/ok/");
    expect(r.status).toBe(500);
  });
});

describe("template errors on the technical 500 page", () => {
  it("names the template and line and shows the source with the failing token", async () => {
    const runtime = await HeadlessRuntime.create();
    const scenario = project(`export const DEBUG = true;\nexport const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: ["templates"] }];`);
    scenario.files["templates/broken.html"] = "<h1>Title</h1>\n<p>{% if %}</p>\n";
    scenario.files["project/urls.ts"] = `import { path } from "django/urls"; import { render } from "django/shortcuts";
export const urlpatterns = [path("broken/", (request) => render(request, "broken.html"))];`;
    await runtime.load(scenario);
    const r = await get(runtime, "/broken/");
    expect(r.status).toBe(500);
    expect(r.text).toContain("TemplateSyntaxError");
    expect(r.text).toContain("In template <code>");
    expect(r.text).toContain("error at line <strong>2</strong>");
    expect(r.text).toContain('<span class="specific">{% if %}</span>');
  });
});

/**
 * A MiddlewareMixin layer and its process_response span describe the same two moments and share
 * their header snapshots (introspection.ts, LayerState); a layer whose `__call__` is overridden
 * (and changes the response after process_response returned) must not share them.
 */
const SHARED = `
import { HttpResponse } from "django/http";
import { XFrameOptionsMiddleware } from "django/middleware/clickjacking";
// MiddlewareMixin subclasses (XFrameOptionsMiddleware is one), their process_response replaced.
export class Tagger extends XFrameOptionsMiddleware {
  process_response(request, response) { response.headers.set("X-Tag", "1"); return response; }
}
export class Replacer extends XFrameOptionsMiddleware {
  process_response(request, response) { return request.path === "/ok/" && request.GET.get("replace") ? new HttpResponse("replaced", { status: 202 }) : response; }
}
export class AfterCall extends XFrameOptionsMiddleware {
  process_response(request, response) { response.headers.set("X-Before", "b"); return response; }
  __call__(request) { const r = super.__call__(request); r.headers.set("X-After", "a"); return r; }
}
`;

describe("a middleware layer and its process_response span", () => {
  let runtime: HeadlessRuntime;
  beforeAll(async () => {
    const scenario = project(`export const MIDDLEWARE = ["project.shared.Tagger", "project.shared.AfterCall", "project.shared.Replacer"];`);
    scenario.files["project/shared.ts"] = SHARED;
    runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(scenario);
    expect(loaded.ok ? "" : `${loaded.error.type}: ${loaded.error.message}`).toBe("");
  });

  const attrs = (trace: { spans: Span[] }, name: string) => {
    const { middleware: _m, path: _p, phase: _ph, ...rest } = spans(trace, "middleware").find((s) => s.name === name)!.attrs;
    return rest;
  };

  it("record the same header changes and response when nothing runs between them", async () => {
    const r = await get(runtime, "/ok/");
    expect(attrs(r.trace, "Tagger.process_response")).toEqual({ response_replaced: false, header_changes: { added: { "X-Tag": "1" }, changed: {}, removed: [] }, response: { class: "HttpResponse", status: 200, reason: "OK" } });
    expect(attrs(r.trace, "Tagger")).toEqual({ response: { class: "HttpResponse", status: 200, reason: "OK" }, short_circuit: false, response_replaced: false, header_changes: { added: { "X-Tag": "1" }, changed: {}, removed: [] } });
  });

  it("a layer whose __call__ changes the response after process_response records its own snapshot", async () => {
    const r = await get(runtime, "/ok/");
    expect(attrs(r.trace, "AfterCall.process_response").header_changes).toEqual({ added: { "X-Before": "b" }, changed: {}, removed: [] });
    expect(attrs(r.trace, "AfterCall").header_changes).toEqual({ added: { "X-Before": "b", "X-After": "a" }, changed: {}, removed: [] });
    // The layer outside compares with the headers as AfterCall's layer returned them (X-After included).
    expect(attrs(r.trace, "Tagger.process_response").header_changes).toEqual({ added: { "X-Tag": "1" }, changed: {}, removed: [] });
  });

  it("a replaced response: both spans say so, and the layer outside starts from the replacement", async () => {
    const r = await get(runtime, "/ok/?replace=1");
    expect(r.status).toBe(202);
    expect(attrs(r.trace, "Replacer.process_response")).toMatchObject({ response_replaced: true, response: { class: "HttpResponse", status: 202, reason: "Accepted" } });
    expect(attrs(r.trace, "Replacer")).toMatchObject({ response_replaced: true, response: { status: 202 } });
    expect(attrs(r.trace, "AfterCall.process_response")).toMatchObject({ response_replaced: false, header_changes: { added: { "X-Before": "b" }, changed: {}, removed: [] } });
  });
});
