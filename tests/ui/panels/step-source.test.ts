import { beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { HeadlessRuntime } from "../../../src/runtime/headless";
import { build_request } from "../../../src/scenarios/client";
import { django_hello } from "../../../src/scenarios/django-hello";
import { wsgi_hello } from "../../../src/scenarios/wsgi-hello";
import { blog_orm } from "../../../src/scenarios/blog-orm";
import { indexTrace, type SpanIndex } from "../../../src/ui/panels/span-index";
import { frameworkPlaceOf, lineOfSymbol, userLineOf } from "../../../src/ui/panels/step-source";
import { fateOf, raisedErrors } from "../../../src/ui/panels/ErrorsPanel";
import type { Scenario } from "../../../src/scenarios/format";

const SRC = resolve(__dirname, "../../../src");
/** The framework files the page can show: those that exist under src/frameworks (or src/gateway). */
const exists = (file: string) => existsSync(resolve(SRC, file.startsWith("gateway/") ? file : `frameworks/${file}`));

let runtime: HeadlessRuntime;
beforeAll(async () => {
  runtime = await HeadlessRuntime.create();
});

async function trace(scenario: Scenario, target: string): Promise<SpanIndex> {
  await runtime.load(scenario);
  const { trace } = await runtime.request(build_request({ method: "GET", target }, null));
  return indexTrace(trace);
}

const lineText = (files: Record<string, string>, at: { file: string; line: number } | null) => (at ? files[at.file].split("\n")[at.line - 1].trim() : null);

describe("which code ran at a step: the learner's line and the framework's place", () => {
  it("finds declarations by dotted symbol, inside their class only", () => {
    const text = ["export class A {", "  private run(x) {}", "}", "export class B {", "  override go() {}", "  async run() {}", "}", "function greet() {}"].join("\n");
    expect(lineOfSymbol(text, "A.run")).toBe(2);
    expect(lineOfSymbol(text, "B.run")).toBe(6);
    expect(lineOfSymbol(text, "A.go")).toBeNull();
    expect(lineOfSymbol(text, "greet")).toBe(8);
  });

  it("Django: each step of GET /hello/Ada/ points at the learner's line and at the framework method that ran it", async () => {
    const index = await trace(django_hello, "/hello/Ada/");
    const files = django_hello.files;
    const step = (kind: string, name: string) => index.spans.find((s) => s.kind === kind && s.name === name)!;
    const at = (kind: string, name: string) => {
      const span = step(kind, name);
      return { user: lineText(files, userLineOf(span, index, files)), framework: frameworkPlaceOf(span, index, files, exists) };
    };
    // A URL pattern tried: the line of the urls file declaring it, and URLPattern.resolve.
    expect(at("pattern", "<str:name>/")).toEqual({ user: 'path("<str:name>/", views.greet, { name: "greet" }),', framework: { file: "django/urls/resolvers.ts", symbol: "URLPattern.resolve" } });
    expect(at("resolver", "include hello/")).toEqual({ user: 'path("hello/", include("hello.urls")),', framework: { file: "django/urls/resolvers.ts", symbol: "URLResolver.resolve" } });
    // The learner's own middleware: its class line; Django's inherit __call__ from MiddlewareMixin.
    expect(at("middleware", "TimingMiddleware").user).toBe("export class TimingMiddleware {");
    expect(at("middleware", "SecurityMiddleware").framework).toEqual({ file: "django/middleware/security.ts", symbol: "SecurityMiddleware.__call__", fallback: { file: "django/utils/deprecation.ts", symbol: "MiddlewareMixin.__call__" } });
    expect(at("middleware", "SecurityMiddleware.process_request").framework).toMatchObject({ file: "django/middleware/security.ts", symbol: "SecurityMiddleware.process_request" });
    // The view: its function, run by BaseHandler._get_response; the handler and the server have their own places.
    expect(at("view", "hello.views.greet")).toEqual({ user: "export function greet(request, { name }) {", framework: { file: "django/core/handlers/base.ts", symbol: "BaseHandler._get_response" } });
    expect(at("handler", "get_response").framework).toEqual({ file: "django/core/handlers/base.ts", symbol: "BaseHandler.get_response" });
    expect(at("gateway", "WSGI GET /hello/Ada/").framework).toEqual({ file: "gateway/server.ts", symbol: "serve_wsgi" });
    expect(at("signal", "request_started").framework).toEqual({ file: "django/dispatch/dispatcher.ts", symbol: "Signal.send" });
    // Nothing of the learner's runs before the first middleware of theirs.
    expect(at("request", "GET /hello/Ada/").user).toBeNull();
  });

  it("every framework place of the trace names a file the page has and a symbol found in it", async () => {
    const { readFileSync } = await import("node:fs");
    const index = await trace(django_hello, "/hello/Ada/");
    for (const span of index.spans) {
      const place = frameworkPlaceOf(span, index, django_hello.files, exists);
      if (!place?.symbol) continue;
      const read = (p: { file: string }) => readFileSync(resolve(SRC, p.file.startsWith("gateway/") ? p.file : `frameworks/${p.file}`), "utf8");
      const line = lineOfSymbol(read(place), place.symbol) ?? (place.fallback?.symbol ? lineOfSymbol(read(place.fallback), place.fallback.symbol) : null);
      expect(line, `${span.kind} ${span.name} → ${place.file}#${place.symbol}`).not.toBeNull();
    }
  });

  it("ORM: a QuerySet step points at the line that made it hit the database, its SQL at the cursor, its template at Template.render", async () => {
    const { readFileSync } = await import("node:fs");
    const index = await trace(blog_orm, "/");
    const author = index.spans.find((s) => s.kind === "queryset" && s.name === "Author QuerySet")!;
    expect(lineText(blog_orm.files, userLineOf(author, index, blog_orm.files))).toMatch(/^rows\.push\(\{ title: post\.title, author: post\.author\.name \}\);/);
    const sql = index.children.get(author.id)!.find((s) => s.kind === "sql")!;
    expect(userLineOf(sql, index, blog_orm.files)).toEqual(userLineOf(author, index, blog_orm.files));
    const template = index.spans.find((s) => s.kind === "template")!;
    for (const [span, symbol] of [[author, "QuerySet._fetch_all"], [sql, "CursorWrapper.execute"], [template, "Template.render"]] as const) {
      const place = frameworkPlaceOf(span, index, blog_orm.files, exists)!;
      expect(place.symbol).toBe(symbol);
      expect(lineOfSymbol(readFileSync(resolve(SRC, `frameworks/${place.file}`), "utf8"), symbol), symbol).not.toBeNull();
    }
  });

  it("raw WSGI: the app's own routes, middleware functions and views, found in its files", async () => {
    const index = await trace(wsgi_hello, "/profile");
    const files = wsgi_hello.files;
    const user = (kind: string, name: string) => lineText(files, userLineOf(index.spans.find((s) => s.kind === kind && s.name === name)!, index, files));
    expect(user("pattern", "GET /profile")).toBe('["GET", "/profile", profile],');
    expect(user("middleware", "logging_middleware (request)")).toBe("export function logging_middleware(app: Application): Application {");
    expect(user("view", "profile")).toBe("function profile(environ: Environ, start_response: StartResponse) {");
  });
});

describe("the Errors panel: what became of each exception", () => {
  it("an include that did not match was caught by the resolver; the final Resolver404 became the 404 response", async () => {
    const index = await trace(django_hello, "/nope/");
    const raised = raisedErrors(index);
    expect(raised.map((s) => [s.kind, s.name, s.error!.type])).toEqual([
      ["resolver", "resolve /nope/", "Resolver404"],
      ["resolver", "include hello/", "Resolver404"],
    ]);
    const [root, include] = raised.map((s) => fateOf(index, s));
    expect(root).toMatchObject({ kind: "response", status: 404 });
    expect(include.kind === "caught" && [include.by.kind, include.by.name]).toEqual(["resolver", "resolve /nope/"]);
  });

  it("Http404 raised in a view is handled: turned into a 404 response", async () => {
    const index = await trace(django_hello, "/hello/missing/");
    const raised = raisedErrors(index);
    expect(raised.map((s) => [s.kind, s.name])).toEqual([["view", "hello.views.missing"]]);
    expect(fateOf(index, raised[0])).toMatchObject({ kind: "response", status: 404 });
  });
});
