import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { wsgi_hello } from "../../src/scenarios/wsgi-hello";
import { build_request, CookieJar, replay, run_checks } from "../../src/scenarios/client";
import { parse_scenario } from "../../src/scenarios/format";
import { get_builtin_scenario } from "../../src/scenarios";

const text = (body: Uint8Array) => new TextDecoder().decode(body);
let runtime: HeadlessRuntime;

beforeAll(async () => {
  runtime = await HeadlessRuntime.create();
});

describe("wsgi-hello: a raw PEP 3333 app through the headless runtime", () => {
  it("is a valid v1 scenario registered under its name", () => {
    expect(parse_scenario(JSON.parse(JSON.stringify(wsgi_hello)))).toEqual(wsgi_hello);
    expect(get_builtin_scenario("wsgi-hello")).toBe(wsgi_hello);
  });

  it("loads its three modules", async () => {
    const loaded = await runtime.load(wsgi_hello);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.modules).toEqual(["app.ts", "middleware.ts", "sessions.ts"]);
  });

  it("GET /hello?name=World → Hello, World!, traced: middleware phases in onion order, routes tried, the view", async () => {
    await runtime.load(wsgi_hello);
    const { response, trace, logs } = await runtime.request(build_request({ method: "GET", target: "/hello?name=World" }, null));
    expect([response.status, response.reason, text(response.body)]).toEqual([200, "OK", "Hello, World!"]);
    expect(response.headers).toEqual([["Content-Type", "text/plain; charset=utf-8"], ["Content-Length", "13"]]);
    expect(trace.spans.map((s) => [s.kind, s.name, s.parent])).toEqual([
      ["request", "GET /hello?name=World", null],
      ["gateway", "WSGI GET /hello?name=World", 0],
      ["middleware", "logging_middleware (request)", 1],
      ["log", "console.log", 2],
      ["middleware", "cookie_middleware (request)", 1],
      ["log", "console.log", 4],
      ["resolver", "route /hello", 1],
      ["pattern", "GET /hello", 6],
      ["view", "hello", 1],
      // start_response is called by the view, and each wrapper calls the one outside it.
      ["middleware", "cookie_middleware (response)", 8],
      ["middleware", "logging_middleware (response)", 9],
      ["log", "console.log", 10],
    ]);
    expect(trace.spans.filter((s) => s.kind === "middleware").map((s) => s.attrs)).toEqual([
      { phase: "request", middleware: "logging_middleware" },
      { phase: "request", middleware: "cookie_middleware" },
      { phase: "response", middleware: "cookie_middleware" },
      { phase: "response", middleware: "logging_middleware" },
    ]);
    expect(trace.spans.filter((s) => s.kind === "pattern").map((s) => s.attrs)).toEqual([{ matched: true }]);
    expect(trace.spans.filter((s) => s.kind === "log").map((s) => [s.attrs.message, s.source?.file, s.source?.line])).toEqual([
      ["[logging] GET /hello?name=World", "middleware.ts", 19],
      ["[cookies] 0 cookie(s): none", "middleware.ts", 40],
      ["[logging] -> 200 OK", "middleware.ts", 23],
    ]);
    expect(logs.map((l) => l.message)).toEqual(["[logging] GET /hello?name=World", "[cookies] 0 cookie(s): none", "[logging] -> 200 OK"]);
  });

  it("the router records each route it tried and why it did not match, in order", async () => {
    await runtime.load(wsgi_hello);
    const patterns = async (method: string, target: string) => {
      const { trace } = await runtime.request(build_request({ method, target }, null));
      return trace.spans.filter((s) => s.kind === "pattern").map((s) => [s.name, s.attrs]);
    };
    expect(await patterns("GET", "/profile")).toEqual([
      ["GET /hello", { matched: false, reason: "path differs" }],
      ["POST /login", { matched: false, reason: "path differs" }],
      ["GET /profile", { matched: true }],
    ]);
    expect(await patterns("GET", "/login")).toEqual([
      ["GET /hello", { matched: false, reason: "path differs" }],
      ["POST /login", { matched: false, reason: "method differs" }],
      ["GET /profile", { matched: false, reason: "path differs" }],
    ]);
    const { response, trace } = await runtime.request(build_request({ method: "GET", target: "/login" }, null));
    expect([response.status, text(response.body)]).toEqual([404, "Not Found"]);
    expect(trace.spans.some((s) => s.kind === "view")).toBe(false);
  });

  it("replays login → profile with the cookie → profile without it (200, 200, 401)", async () => {
    await runtime.load(wsgi_hello);
    const jar = new CookieJar();
    const steps = await replay(runtime, wsgi_hello, jar);
    const bodies = steps.map((s) => text(s.result.response.body));
    const session_id = jar.get("session_id")!;
    expect(session_id).toMatch(/^[0-9a-f]{32}$/);
    expect(steps.map((s) => s.result.response.status)).toEqual([200, 200, 200, 401]);
    expect(bodies).toEqual(["Hello, World!", `Welcome, alice! Session ID: ${session_id}`, "Profile for alice (authenticated)", "Unauthorized"]);
    expect(steps[1].request.body).toBe("username=alice");
    expect(steps[1].result.response.headers).toContainEqual(["Set-Cookie", `session_id=${session_id}; Path=/; HttpOnly`]);
    expect(steps[2].request.headers).toContainEqual(["Cookie", `session_id=${session_id}`]);
    expect(steps[3].request.headers.some(([k]) => k === "Cookie")).toBe(false);
    const cookie_logs = steps.map((s) => s.result.logs[1].message);
    expect(cookie_logs).toEqual(["[cookies] 0 cookie(s): none", "[cookies] 0 cookie(s): none", "[cookies] 1 cookie(s): session_id", "[cookies] 0 cookie(s): none"]);
    expect(run_checks(wsgi_hello.checks!, steps).every((c) => c.passed)).toBe(true);
  });

  it("the session store does not survive a reload", async () => {
    await runtime.load(wsgi_hello);
    const jar = new CookieJar();
    await replay(runtime, { requests: wsgi_hello.requests.slice(1, 2) }, jar);
    await runtime.load(wsgi_hello);
    const [profile] = await replay(runtime, { requests: [{ method: "GET", target: "/profile" }] }, jar);
    expect(profile.result.response.status).toBe(401);
  });
});

describe("HeadlessRuntime with a broken project", () => {
  it("a syntax error fails the load with file:line:col, and requests get a 500 naming it", async () => {
    const loaded = await runtime.load({ entry: { kind: "wsgi", application: "app.application" }, files: { "app.ts": "export const application = (;\n" } });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error).toMatchObject({ type: "SyntaxError", source: { file: "app.ts", line: 1 } });
    const { response } = await runtime.request(build_request({ method: "GET", target: "/" }, null));
    expect(response.status).toBe(500);
    expect(text(response.body)).toMatch(/^A server error occurred\. {2}Please contact the administrator\.\n\nSyntaxError: app\.ts:1:\d+: /);
  });

  it("an application that is not callable is reported at load", async () => {
    const loaded = await runtime.load({ entry: { kind: "wsgi", application: "app.application" }, files: { "app.ts": "export const application = 42;" } });
    expect(loaded.ok ? null : loaded.error.message).toBe("The WSGI application 'app.application' is not callable.");
  });

  it("trace: false records no spans but still answers", async () => {
    const quiet = await HeadlessRuntime.create({ trace: false });
    await quiet.load(wsgi_hello);
    const { response, trace } = await quiet.request(build_request({ method: "GET", target: "/hello" }, null));
    expect([response.status, trace.spans]).toEqual([200, []]);
  });
});
