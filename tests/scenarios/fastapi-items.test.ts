/** fastapi-items (the course's project 8) through the headless runtime: every milestone's check, the exact answers, and the ASGI path in the trace. */
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { fastapi_items } from "../../src/scenarios/fastapi-items";
import { build_request, replay, run_checks } from "../../src/scenarios/client";
import { parse_scenario } from "../../src/scenarios/format";
import { get_builtin_scenario } from "../../src/scenarios";

const text = (body: Uint8Array) => new TextDecoder().decode(body);
let runtime: HeadlessRuntime;

beforeAll(async () => {
  runtime = await HeadlessRuntime.create();
}, 60_000);

describe("fastapi-items: project 8, an ASGI app with validation and docs", () => {
  it("is a valid v1 scenario registered under its name, with one check per milestone", () => {
    expect(parse_scenario(JSON.parse(JSON.stringify(fastapi_items)))).toEqual(fastapi_items);
    expect(get_builtin_scenario("fastapi-items")).toBe(fastapi_items);
    expect(fastapi_items.checks!.length).toBeGreaterThanOrEqual(4);
  });

  it("loads its modules and passes every check", async () => {
    const loaded = await runtime.load(fastapi_items);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.modules).toEqual(["main.ts", "models.ts"]);
    const steps = await replay(runtime, fastapi_items);
    expect(run_checks(fastapi_items.checks!, steps).filter((c) => !c.passed)).toEqual([]);
  });

  it("answers as FastAPI does: the item, the 422 bodies, 201 with the coerced body, 405 with Allow", async () => {
    await runtime.load(fastapi_items);
    const send = async (method: string, target: string, body?: string) => {
      const { response } = await runtime.request(build_request({ method, target, ...(body ? { headers: [["Content-Type", "application/json"]] as [string, string][], body } : {}) }, null));
      return [response.status, response.headers, text(response.body)];
    };
    expect(await send("GET", "/items/1")).toEqual([200, [["content-length", "58"], ["content-type", "application/json"]], '{"name":"Hammer","price":12.5,"description":"Claw hammer"}']);
    expect(await send("GET", "/items/7")).toEqual([404, [["content-length", "27"], ["content-type", "application/json"]], '{"detail":"Item not found"}']);
    expect((await send("GET", "/items/abc?q=hello"))[2]).toBe('{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}');
    expect((await send("GET", `/items/1?q=${"x".repeat(51)}`))[2]).toBe(`{"detail":[{"type":"string_too_long","loc":["query","q"],"msg":"String should have at most 50 characters","input":"${"x".repeat(51)}","ctx":{"max_length":50}}]}`);
    expect(await send("POST", "/items/", '{"name": "Pen", "price": "1.5"}')).toEqual([201, [["content-length", "45"], ["content-type", "application/json"]], '{"name":"Pen","price":1.5,"description":null}']);
    expect((await send("POST", "/items/", '{"name": "Pen",'))[2]).toBe('{"detail":[{"type":"json_invalid","loc":["body",15],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting property name enclosed in double quotes"}}]}');
    expect(await send("DELETE", "/items/")).toEqual([405, [["allow", "POST"], ["content-length", "31"], ["content-type", "application/json"]], '{"detail":"Method Not Allowed"}']);
  });

  it("generates the OpenAPI document and serves /docs from the page's own files", async () => {
    await runtime.load(fastapi_items);
    const { response } = await runtime.request(build_request({ method: "GET", target: "/openapi.json" }, null));
    const doc = JSON.parse(text(response.body));
    expect(doc.info).toEqual({ title: "My API", version: "1.0.0" });
    expect(Object.keys(doc.paths)).toEqual(["/items/{item_id}", "/items/"]);
    expect(doc.paths["/items/{item_id}"].get.parameters).toEqual([
      { name: "item_id", in: "path", required: true, schema: { type: "integer", exclusiveMinimum: 0, title: "Item Id" } },
      { name: "q", in: "query", required: false, schema: { anyOf: [{ type: "string", maxLength: 50 }, { type: "null" }], title: "Q" } },
    ]);
    expect(doc.components.schemas.Item.required).toEqual(["name", "price"]);
    const docs = await runtime.request(build_request({ method: "GET", target: "/docs" }, null));
    const html = text(docs.response.body);
    expect(html).toContain("lab-asset:swagger-ui-dist/swagger-ui-bundle.js");
    expect(html).toContain('url: "/openapi.json"');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|fastly)/);
  });

  it("traces the ASGI path: server → middleware → router → parameters → handler → response model → messages", async () => {
    await runtime.load(fastapi_items);
    const { trace } = await runtime.request(build_request({ method: "GET", target: "/items/1" }, null));
    expect(trace.spans.filter((s) => s.kind !== "pattern").map((s) => [s.kind, s.name])).toEqual([
      ["request", "GET /items/1"],
      ["gateway", "ASGI GET /items/1"],
      ["asgi", "scope http"],
      ["middleware", "ServerErrorMiddleware"],
      ["middleware", "ExceptionMiddleware"],
      ["resolver", "Router"],
      ["validation", "path item_id"],
      ["validation", "query q"],
      ["view", "read_item"],
      ["validation", "response_model Item"],
      ["asgi", "send http.response.start"],
      ["asgi", "send http.response.body"],
    ]);
    const view = trace.spans.find((s) => s.kind === "view")!;
    expect([view.attrs.threadpool, view.source]).toEqual([false, { file: "main.ts", line: 16 }]);
  });
});
