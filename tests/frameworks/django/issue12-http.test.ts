/**
 * Issue 12, items 4 and 5, through the whole runtime (as the page runs a project): a
 * StreamingHttpResponse passing through middleware (a user middleware that rewrites the stream,
 * Django's security, common and clickjacking middleware), HEAD bodies, `{% extends %}` not first naming the template, and where errors
 * point — a runtime error in a view at the view's line, a NoReverseMatch in an included template at
 * the tag's line of the included file. Expected values recorded from Django 5.2.17.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../../src/runtime/headless";
import { build_request } from "../../../src/scenarios/client";
import { markersFromTrace } from "../../../src/ui/markers";
import type { RequestResult } from "../../../src/runtime/protocol";

const SETTINGS = `export const DEBUG = true;
export const SECRET_KEY = "x";
export const ALLOWED_HOSTS = ["localhost", "testserver"];
export const INSTALLED_APPS = ["shop"];
export const ROOT_URLCONF = "project.urls";
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.middleware.common.CommonMiddleware",
  "project.middleware.Upper",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];
export const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: [], APP_DIRS: true, OPTIONS: {} }];
`;

const MIDDLEWARE = `export class Upper {
  constructor(get_response) {
    this.get_response = get_response;
  }
  __call__(request) {
    const response = this.get_response(request);
    response.headers.set("X-Streaming", response.streaming ? "True" : "False");
    if (response.streaming) {
      const inner = response.streaming_content;
      response.streaming_content = (function* () {
        for (const chunk of inner) yield new TextDecoder().decode(chunk).toUpperCase();
      })();
    }
    return response;
  }
}
`;

const URLS = `import { path } from "django/urls";
import * as views from "shop/views";
export const urlpatterns = [
  path("s/", views.stream),
  path("p/", views.page),
  path("boom/", views.boom),
  path("nav/", views.nav),
  path("child/", views.child),
];
`;

const VIEWS = `import { HttpResponse, StreamingHttpResponse } from "django/http";
import { render } from "django/shortcuts";

export function stream(request) {
  return new StreamingHttpResponse(["a".repeat(300), "b", "c"], { content_type: "text/plain" });
}

export function page(request) {
  return new HttpResponse("<p>hello</p>");
}

export function boom(request) {
  const shelf = { books: null };
  return new HttpResponse(String(shelf.books.length));
}

export function nav(request) {
  return render(request, "shop/page.html");
}

export function child(request) {
  return render(request, "shop/child.html");
}
`;

const FILES: Record<string, string> = {
  "project/settings.ts": SETTINGS,
  "project/urls.ts": URLS,
  "project/middleware.ts": MIDDLEWARE,
  "shop/views.ts": VIEWS,
  "shop/templates/shop/page.html": '<h1>Page</h1>\n{% include "shop/menu.html" %}\n<p>end</p>\n',
  "shop/templates/shop/menu.html": "<ul>\n  <li>one</li>\n  <li><a href=\"{% url 'nowhere' %}\">two</a></li>\n</ul>\n",
  "shop/templates/shop/base.html": "<b>{% block a %}{% endblock %}</b>",
  "shop/templates/shop/child.html": "{% load static %}{% extends 'shop/base.html' %}",
};

let runtime: HeadlessRuntime;

async function send(method: string, target: string, headers: [string, string][] = []): Promise<RequestResult> {
  return runtime.request(build_request({ method, target, headers }, null));
}

const header = (r: RequestResult, name: string) => r.response.headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
const text = (r: RequestResult) => new TextDecoder().decode(r.response.body);

beforeAll(async () => {
  runtime = await HeadlessRuntime.create({ trace: true });
  const loaded = await runtime.load({ entry: { kind: "django", settings: "project.settings" }, files: FILES });
  if (!loaded.ok) throw new Error(`${loaded.error.type}: ${loaded.error.message}`);
});

describe("StreamingHttpResponse through middleware", () => {
  it("a middleware can wrap the stream; no Content-Length; the other middleware's headers are set", async () => {
    const r = await send("GET", "/s/");
    expect(r.response.status).toBe(200);
    expect(r.response.headers.map(([k]) => k)).toEqual(["Content-Type", "X-Frame-Options", "X-Streaming", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"]);
    expect(header(r, "x-streaming")).toBe("True");
    expect(text(r)).toBe("A".repeat(300) + "BC");
  });
});

describe("HEAD", () => {
  it("has an empty body and keeps the GET's headers (Content-Length of the body it would have sent)", async () => {
    const r = await send("HEAD", "/p/");
    expect([r.response.status, header(r, "content-type"), header(r, "content-length"), r.response.body.length]).toEqual([200, "text/html; charset=utf-8", "12", 0]);
    const s = await send("HEAD", "/s/");
    expect([s.response.status, header(s, "x-streaming"), s.response.body.length]).toEqual([200, "True", 0]);
    const missing = await send("HEAD", "/nope/");
    expect([missing.response.status, missing.response.body.length]).toEqual([404, 0]);
  });
});

describe("template errors name the template", () => {
  it("{% extends %} after another tag: TemplateSyntaxError naming the template", async () => {
    const r = await send("GET", "/child/");
    expect(r.response.status).toBe(500);
    expect(text(r)).toContain("{% extends &#x27;shop/base.html&#x27; %} must be the first tag in &#x27;shop/child.html&#x27;.");
  });
});

describe("errors point at the learner's code", () => {
  it("a runtime error in a view: one marker at the view's line", async () => {
    const r = await send("GET", "/boom/");
    expect(r.response.status).toBe(500);
    expect(markersFromTrace(r.trace, FILES)).toEqual({
      "shop/views.ts": [{ line: 14, column: expect.any(Number), message: "TypeError: Cannot read properties of null (reading 'length')" }],
    });
  });

  it("a NoReverseMatch in an included template: the marker is on the tag's line of the included file", async () => {
    const r = await send("GET", "/nav/");
    expect(r.response.status).toBe(500);
    expect(markersFromTrace(r.trace, FILES)).toEqual({
      "shop/templates/shop/menu.html": [{ line: 3, message: "NoReverseMatch: Reverse for 'nowhere' not found. 'nowhere' is not a valid view function or pattern name." }],
    });
    expect(text(r)).toContain("In template <code>shop/templates/shop/menu.html</code>, error at line <strong>3</strong>");
  });
});
