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

  it("GET /hello?name=World → Hello, World!, with a log span from each middleware in order", async () => {
    await runtime.load(wsgi_hello);
    const { response, trace, logs } = await runtime.request(build_request({ method: "GET", target: "/hello?name=World" }, null));
    expect([response.status, response.reason, text(response.body)]).toEqual([200, "OK", "Hello, World!"]);
    expect(response.headers).toEqual([["Content-Type", "text/plain; charset=utf-8"], ["Content-Length", "13"]]);
    expect(trace.spans.map((s) => [s.kind, s.name, s.parent])).toEqual([
      ["request", "GET /hello?name=World", null],
      ["gateway", "WSGI GET /hello?name=World", 0],
      ["log", "console.log", 1],
      ["log", "console.log", 1],
      ["log", "console.log", 1],
    ]);
    expect(trace.spans.filter((s) => s.kind === "log").map((s) => [s.attrs.message, s.source?.file, s.source?.line])).toEqual([
      ["[logging] GET /hello?name=World", "middleware.ts", 12],
      ["[cookies] 0 cookie(s): none", "middleware.ts", 31],
      ["[logging] -> 200 OK", "middleware.ts", 15],
    ]);
    expect(logs.map((l) => l.message)).toEqual(["[logging] GET /hello?name=World", "[cookies] 0 cookie(s): none", "[logging] -> 200 OK"]);
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
