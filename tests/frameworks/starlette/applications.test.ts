/**
 * Starlette end to end through the simulated ASGI server, with the expected responses recorded
 * from real Starlette 1.7.0 (TestClient, follow_redirects=False) for the same app.
 */
import { describe, expect, it } from "vitest";
import { serve_asgi } from "../../../src/gateway/asgi";
import { Starlette } from "../../../src/frameworks/starlette/applications";
import { BackgroundTask } from "../../../src/frameworks/starlette/background";
import { HTTPException } from "../../../src/frameworks/starlette/exceptions";
import { Middleware } from "../../../src/frameworks/starlette/middleware";
import { BaseHTTPMiddleware } from "../../../src/frameworks/starlette/middleware/base";
import { CORSMiddleware } from "../../../src/frameworks/starlette/middleware/cors";
import type { Request } from "../../../src/frameworks/starlette/requests";
import { JSONResponse, PlainTextResponse, RedirectResponse, StreamingResponse, type Response } from "../../../src/frameworks/starlette/responses";
import { Mount, Route, compile_path } from "../../../src/frameworks/starlette/routing";
import { ValueError } from "../../../src/frameworks/python/builtins";
import { Recorder, set_active_recorder } from "../../../src/trace";

const LOG: string[] = [];

async function home(_request: Request) {
  return new PlainTextResponse("home");
}
function sync_item(request: Request) {
  return new JSONResponse({ id: request.path_params.id, q: request.query_params.get("q"), all: request.query_params.getlist("q"), é: "ü" });
}
async function boom(_request: Request): Promise<Response> {
  throw new HTTPException(418, null, { "X-Tea": "yes" });
}
async function crash(_request: Request): Promise<Response> {
  throw new ValueError("kaboom");
}
async function redir(_request: Request) {
  return new RedirectResponse("/a b?x=é&y=1");
}
async function stream(_request: Request) {
  async function* gen() {
    yield "a";
    yield new TextEncoder().encode("b");
  }
  return new StreamingResponse(gen(), { media_type: "text/plain" });
}
async function echo(request: Request) {
  const body = await request.body();
  return new JSONResponse({ len: body.length, cookies: request.cookies, url: String(request.url), base: String(request.base_url), client: [request.client!.host, request.client!.port] });
}
async function bg(_request: Request) {
  LOG.push("endpoint");
  return new PlainTextResponse("ok", { background: new BackgroundTask((m: string) => LOG.push(m), "task") });
}
async function urls(request: Request) {
  return new PlainTextResponse(`${request.url_for("item", { id: 5 })} ${request.app.url_path_for("sub")}`);
}
async function sub(request: Request) {
  return new PlainTextResponse(`sub ${request.scope.root_path}`);
}

class Logger extends BaseHTTPMiddleware {
  override async dispatch(request: Request, call_next: (r: Request) => Promise<Response>): Promise<Response> {
    LOG.push("mw:before");
    const response = await call_next(request);
    LOG.push("mw:after");
    response.headers.setitem("x-mw", "1");
    return response;
  }
}

function make_app(): Starlette {
  return new Starlette({
    routes: [
      new Route("/", home),
      new Route("/items/{id:int}", sync_item, { name: "item" }),
      new Route("/tea", boom),
      new Route("/crash", crash),
      new Route("/redir", redir),
      new Route("/stream", stream),
      new Route("/echo", echo, { methods: ["POST"] }),
      new Route("/bg", bg),
      new Route("/urls", urls),
      new Mount("/sub", { routes: [new Route("/", sub, { name: "sub" })] }),
      new Route("/slash/", home),
    ],
    middleware: [new Middleware(Logger), new Middleware(CORSMiddleware, { allow_origins: ["http://a.com"], allow_methods: ["GET", "POST"] })],
  });
}

const app = make_app();
const CLIENT_HEADERS: [string, string][] = [["host", "testserver"], ["accept", "*/*"], ["user-agent", "testclient"]];

async function send(method: string, target: string, options: { headers?: [string, string][]; body?: string } = {}) {
  const response = await serve_asgi(app.asgi, { method, target, headers: [...CLIENT_HEADERS, ...(options.headers ?? [])], body: options.body ?? "", remote_addr: "testclient", remote_port: 50000 });
  return [response.status, response.headers, new TextDecoder().decode(response.body)];
}

const VARY_MW: [string, string][] = [["vary", "Origin"], ["x-mw", "1"]];
const TEXT = (n: number): [string, string][] => [["content-length", String(n)], ["content-type", "text/plain; charset=utf-8"]];

describe("Starlette: routes, middleware and responses, as real Starlette answers", () => {
  it("serves a plain-text route and a sync JSON route (path convertor, repeated query keys)", async () => {
    expect(await send("GET", "/")).toEqual([200, [...TEXT(4), ...VARY_MW], "home"]);
    expect(await send("GET", "/items/7?q=a&q=b")).toEqual([200, [["content-length", "42"], ["content-type", "application/json"], ...VARY_MW], '{"id":7,"q":"b","all":["a","b"],"é":"ü"}']);
  });

  it("a response's status code positionally, or a keyword-only call as one object (every key a keyword name, content=… alone included)", () => {
    const bytes = (r: Response) => [r.status_code, new TextDecoder().decode(r.body), r.raw_headers.map(([k, v]) => [new TextDecoder().decode(k), new TextDecoder().decode(v)])];
    expect(bytes(new JSONResponse({ a: 1 }, 418, { "X-A": "1" }))).toEqual([418, '{"a":1}', [["x-a", "1"], ["content-length", "7"], ["content-type", "application/json"]]]);
    expect(bytes(new JSONResponse({ status_code: 201, content: { message: "made" } }))).toEqual([201, '{"message":"made"}', [["content-length", "18"], ["content-type", "application/json"]]]);
    expect(bytes(new JSONResponse({ content: 1 }))).toEqual([200, "1", [["content-length", "1"], ["content-type", "application/json"]]]);
    expect(bytes(new JSONResponse({ content: { content: 1 } }))).toEqual([200, '{"content":1}', [["content-length", "13"], ["content-type", "application/json"]]]);
    expect(bytes(new JSONResponse({ status_code: 1, other: 2 }))).toEqual([200, '{"status_code":1,"other":2}', [["content-length", "27"], ["content-type", "application/json"]]]);
  });

  it("404 when no route matches (the int convertor refuses 'x'), 405 with Allow for a PARTIAL match", async () => {
    expect(await send("GET", "/items/x")).toEqual([404, [...TEXT(9), ...VARY_MW], "Not Found"]);
    expect(await send("POST", "/")).toEqual([405, [["allow", "GET, HEAD"], ...TEXT(18), ...VARY_MW], "Method Not Allowed"]);
  });

  it("an HTTPException becomes its status, default detail and headers; an unhandled error a bare 500", async () => {
    expect(await send("GET", "/tea")).toEqual([418, [["x-tea", "yes"], ...TEXT(12), ...VARY_MW], "I'm a Teapot"]);
    expect(await send("GET", "/crash")).toEqual([500, TEXT(21), "Internal Server Error"]);
  });

  it("redirects: the location is quoted; redirect_slashes adds or removes the trailing slash", async () => {
    expect(await send("GET", "/redir")).toEqual([307, [["content-length", "0"], ["location", "/a%20b?x=%C3%A9&y=1"], ...VARY_MW], ""]);
    expect(await send("GET", "/slash")).toEqual([307, [["content-length", "0"], ["location", "http://testserver/slash/"], ...VARY_MW], ""]);
    expect(await send("GET", "/sub")).toEqual([307, [["content-length", "0"], ["location", "http://testserver/sub/"], ...VARY_MW], ""]);
  });

  it("streams a body without content-length; reads body, cookies, url, base_url and client", async () => {
    expect(await send("GET", "/stream")).toEqual([200, [["content-type", "text/plain; charset=utf-8"], ...VARY_MW], "ab"]);
    expect(await send("POST", "/echo", { body: "hello", headers: [["cookie", 'a=1; b="x\\\\y"']] })).toEqual([
      200,
      [["content-length", "129"], ["content-type", "application/json"], ...VARY_MW],
      '{"len":5,"cookies":{"a":"1","b":"x\\\\y"},"url":"http://testserver/echo","base":"http://testserver/","client":["testclient",50000]}',
    ]);
  });

  it("url_for / url_path_for, and a Mount's root_path", async () => {
    expect(await send("GET", "/urls")).toEqual([200, [...TEXT(31), ...VARY_MW], "http://testserver/items/5 /sub/"]);
    expect(await send("GET", "/sub/")).toEqual([200, [...TEXT(8), ...VARY_MW], "sub /sub"]);
  });

  it("BaseHTTPMiddleware: code after call_next runs before the body is sent, background tasks after", async () => {
    LOG.length = 0;
    expect(await send("GET", "/bg")).toEqual([200, [...TEXT(2), ...VARY_MW], "ok"]);
    expect(LOG).toEqual(["mw:before", "endpoint", "mw:after", "task"]);
  });

  it("CORS: an allowed preflight, a refused one, and a simple request from an allowed origin", async () => {
    const PREFLIGHT: [string, string][] = [
      ["vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network"],
      ["access-control-allow-methods", "GET, POST"],
      ["access-control-max-age", "600"],
      ["access-control-allow-headers", "Accept, Accept-Language, Content-Language, Content-Type"],
    ];
    expect(await send("OPTIONS", "/", { headers: [["origin", "http://a.com"], ["access-control-request-method", "GET"]] })).toEqual([
      200,
      [...PREFLIGHT, ["access-control-allow-origin", "http://a.com"], ...TEXT(2), ["x-mw", "1"]],
      "OK",
    ]);
    expect(await send("OPTIONS", "/", { headers: [["origin", "http://b.com"], ["access-control-request-method", "PUT"], ["access-control-request-headers", "X-Foo"]] })).toEqual([
      400,
      [...PREFLIGHT, ...TEXT(39), ["x-mw", "1"]],
      "Disallowed CORS origin, method, headers",
    ]);
    expect(await send("GET", "/", { headers: [["origin", "http://a.com"]] })).toEqual([200, [...TEXT(4), ["access-control-allow-origin", "http://a.com"], ...VARY_MW], "home"]);
  });

  it("HEAD is answered by a GET route with the headers and no body", async () => {
    expect(await send("HEAD", "/")).toEqual([200, [...TEXT(4), ...VARY_MW], ""]);
  });

  it("traces the onion: middleware spans, the router with every route tried, the endpoint", async () => {
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      await serve_asgi(app.asgi, { method: "GET", target: "/items/3", headers: CLIENT_HEADERS, body: "" });
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans;
    const names = spans.filter((s) => ["middleware", "resolver", "view"].includes(s.kind)).map((s) => `${s.kind}:${s.name}`);
    expect(names).toEqual(["middleware:ServerErrorMiddleware", "middleware:Logger", "middleware:CORSMiddleware", "middleware:ExceptionMiddleware", "resolver:Router", "view:sync_item"]);
    const tried = spans.filter((s) => s.kind === "pattern").map((s) => [s.name, s.attrs.match]);
    expect(tried).toEqual([["/", "NONE"], ["/items/{id:int}", "FULL"]]);
    expect(spans.find((s) => s.kind === "view")!.attrs.threadpool).toBe(true);
    expect(spans.some((s) => s.kind === "handler" && s.name === "run_in_threadpool")).toBe(true);
  });
});

describe("starlette.routing.compile_path", () => {
  it("turns a route path into a regex, a format and convertors", () => {
    const [regex, format, convertors] = compile_path("/users/{username}/files/{rest:path}.{n:int}");
    expect([regex.source, format, Object.keys(convertors)]).toEqual(["^\\/users\\/(?<username>[^/]+)\\/files\\/(?<rest>.*)\\.(?<n>[0-9]+)$", "/users/{username}/files/{rest}.{n}", ["username", "rest", "n"]]);
    expect(() => compile_path("/{a}/{a}")).toThrow("Duplicated param name a at path /{a}/{a}");
    expect(() => compile_path("/{a:nope}")).toThrow("Unknown path convertor 'nope'");
  });
});
