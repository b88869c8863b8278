/** fastapi-deps through the headless runtime: a yield dependency cleaned up after the response (or seeing the exception), an auth dependency that raises, a cache hit, a background task. */
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { fastapi_deps } from "../../src/scenarios/fastapi-deps";
import { build_request, replay, run_checks } from "../../src/scenarios/client";
import { parse_scenario } from "../../src/scenarios/format";
import { get_builtin_scenario } from "../../src/scenarios";

const text = (body: Uint8Array) => new TextDecoder().decode(body);
let runtime: HeadlessRuntime;

beforeAll(async () => {
  runtime = await HeadlessRuntime.create();
}, 60_000);

async function send(i: number) {
  await runtime.load(fastapi_deps);
  return runtime.request(build_request(fastapi_deps.requests[i], null));
}

describe("fastapi-deps: dependencies, yield, auth and background tasks", () => {
  it("is a valid v1 scenario registered under its name, and passes every check", async () => {
    expect(parse_scenario(JSON.parse(JSON.stringify(fastapi_deps)))).toEqual(fastapi_deps);
    expect(get_builtin_scenario("fastapi-deps")).toBe(fastapi_deps);
    const loaded = await runtime.load(fastapi_deps);
    expect(loaded.ok).toBe(true);
    const steps = await replay(runtime, fastapi_deps);
    expect(run_checks(fastapi_deps.checks!, steps).filter((c) => !c.passed)).toEqual([]);
  });

  it("resolves in declaration order, serves the second verify_token from the cache, and closes the session after the response", async () => {
    const { response, trace, logs } = await send(0);
    expect([response.status, text(response.body)]).toEqual([200, '{"users":["grace","linus"],"session":1}']);
    const deps = trace.spans.filter((s) => s.kind === "dependency");
    expect(deps.map((s) => [s.name, s.attrs.outcome ?? null, s.attrs.order ?? null, s.attrs.parent ?? null])).toEqual([
      ["get_db", "called", 1, "list_users"],
      ["verify_token", "called", 2, "list_users"],
      ["current_user", "called", 3, "list_users"],
      ["verify_token", "cache hit", null, "current_user"],
      ["pagination", "called", 4, "list_users"],
      ["cleanup get_db", null, null, null],
    ]);
    // The cleanup runs after the response's last message.
    const names = trace.spans.map((s) => `${s.kind} ${s.name}`);
    expect(names.indexOf("dependency cleanup get_db")).toBeGreaterThan(names.indexOf("asgi send http.response.body"));
    // A sync dependency runs "in the threadpool", and the trace says so.
    expect(trace.spans.filter((s) => s.kind === "handler" && s.name === "run_in_threadpool").map((s) => s.attrs.func)).toEqual(["get_db", "pagination"]);
    expect(logs.map((l) => l.message)).toEqual(["get_db: open session 1", "pagination: skip=1 limit=2", "list_users for ada with session 1", "get_db: session 1 closed"]);
  });

  it("an auth dependency that raises: 401 with its header, the handler never runs, get_db sees the exception then closes", async () => {
    const { response, trace, logs } = await send(1);
    expect([response.status, response.headers, text(response.body)]).toEqual([401, [["www-authenticate", "Token"], ["content-length", "35"], ["content-type", "application/json"]], '{"detail":"Invalid X-Token header"}']);
    expect(trace.spans.some((s) => s.kind === "view")).toBe(false);
    expect(trace.spans.find((s) => s.name === "cleanup get_db")!.attrs).toEqual({ dependency: "get_db", cleanup: "exception thrown in at the yield", exception: "HTTPException" });
    expect(logs.map((l) => l.message)).toEqual(["get_db: open session 1", "get_db: the request failed (HTTPException), session 1 rolled back", "get_db: session 1 closed"]);
  });

  it("a background task runs after the response has been sent", async () => {
    const { response, trace, logs } = await send(2);
    expect([response.status, text(response.body)]).toEqual([200, '{"message":"Notification sent in the background"}']);
    const names = trace.spans.map((s) => `${s.kind} ${s.name}`);
    expect(names.indexOf("task write_notification")).toBeGreaterThan(names.indexOf("asgi send http.response.body"));
    expect(logs.map((l) => l.message)).toEqual(["background: notification to ada@example.com: some notification"]);
  });

  it("a dependency's own parameter fails validation: 422 naming it", async () => {
    const { response } = await send(3);
    expect([response.status, text(response.body)]).toEqual([422, '{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}}]}']);
  });
});
