/** The ASGI/FastAPI panels' data (asgi-spans.ts) and rendering, from real traces of the fastapi-items and fastapi-deps scenarios. */
import { beforeAll, describe, expect, it } from "vitest";
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { HeadlessRuntime } from "../../../src/runtime/headless";
import { fastapi_items } from "../../../src/scenarios/fastapi-items";
import { fastapi_deps } from "../../../src/scenarios/fastapi-deps";
import { build_request } from "../../../src/scenarios/client";
import type { HttpRequestMessage, RequestResult } from "../../../src/runtime/protocol";
import { indexTrace, type SpanIndex } from "../../../src/ui/panels/span-index";
import { StoreContext } from "../../../src/ui/state/react";
import { createLabStore, type Exchange } from "../../../src/ui/state/store";
import type { PanelProps } from "../../../src/ui/panels/registry";
import { asgiExchange, dependencyGraph, fieldDeclaration, operationSources, operationsOf, validationSummary } from "../../../src/ui/panels/asgi-spans";
import { ValidationPanel, validationCount } from "../../../src/ui/panels/ValidationPanel";
import { AsgiPanel } from "../../../src/ui/panels/AsgiPanel";
import { buildFlowGraph } from "../../../src/ui/panels/flow-graph";

type Sent = { request: HttpRequestMessage; result: RequestResult; index: SpanIndex };

function text(Panel: ComponentType<PanelProps>, sent: Sent, files: Record<string, string> = {}): string {
  const store = createLabStore({ files });
  const props: PanelProps = { exchange: { request: sent.request, response: sent.result.response } as unknown as Exchange, index: sent.index, logs: [] };
  const html = renderToStaticMarkup(createElement(StoreContext.Provider, { value: store }, createElement(Panel, props)));
  return html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/\s+/g, " ");
}

const sent: Record<string, Sent> = {};

beforeAll(async () => {
  const items = await HeadlessRuntime.create();
  await items.load(fastapi_items);
  const send = async (runtime: HeadlessRuntime, i: number, spec = fastapi_items.requests[i]): Promise<Sent> => {
    const request = build_request(spec, null);
    const result = await runtime.request(request);
    return { request, result, index: indexTrace(result.trace) };
  };
  sent.read = await send(items, 0);
  sent.zero = await send(items, 1);
  sent.created = await send(items, 4);
  sent.missing = await send(items, 5);
  sent.openapi = await send(items, 6);
  const deps = await HeadlessRuntime.create();
  await deps.load(fastapi_deps);
  sent.users = await send(deps, 0, fastapi_deps.requests[0]);
  sent.unauthorized = await send(deps, 1, fastapi_deps.requests[1]);
  sent.notify = await send(deps, 2, fastapi_deps.requests[2]);
  // fastapi-items with a sync handler (`function read_item`, no `async`).
  const sync = await HeadlessRuntime.create();
  await sync.load({ ...fastapi_items, files: { ...fastapi_items.files, "main.ts": fastapi_items.files["main.ts"].replace("(async function read_item", "(function read_item") } });
  sent.sync_read = await send(sync, 0);
}, 60_000);

describe("ASGI panel data", () => {
  it("the scope as uvicorn builds it, and the messages in order", () => {
    const { scope, messages } = asgiExchange(sent.created.index);
    expect(scope).toMatchObject({ type: "http", method: "POST", path: "/items/", raw_path: "b'/items/'", query_string: "b''", http_version: "1.1", scheme: "http", root_path: "" });
    expect(messages.map((m) => `${m.direction} ${m.type}`)).toEqual(["receive http.request", "send http.response.start", "send http.response.body"]);
    expect(messages[1].message.status).toBe(201);
    expect(asgiExchange(sent.read.index).messages.map((m) => m.type)).toEqual(["http.response.start", "http.response.body"]);
  });
});

describe("Validation panel data", () => {
  it("each parameter: its source, raw text, coerced value, errors exactly as the 422 body, and its declaration line", () => {
    const zero = validationSummary(sent.zero.index);
    expect(zero.parameters.map((p) => [p.name, p.source, p.declared, p.annotation, p.raw, p.declaration])).toEqual([
      ["item_id", "path", "Path", "int", "0", { file: "main.ts", line: 18 }],
      ["q", "query", "Query", "Optional[str]", null, { file: "main.ts", line: 19 }],
    ]);
    const error = { type: "greater_than", loc: ["path", "item_id"], msg: "Input should be greater than 0", input: "0", ctx: { gt: 0 } };
    expect(zero.parameters[0].errors).toEqual([error]);
    expect(zero.requestErrors).toEqual([error]);
    expect(JSON.parse(new TextDecoder().decode(sent.zero.result.response.body))).toEqual({ detail: zero.requestErrors });
    expect(validationCount({ index: sent.zero.index } as PanelProps)).toBe(1);
  });

  it("a body: the raw JSON, the model it became, and the response model that dumped it", () => {
    const created = validationSummary(sent.created.index);
    expect(created.parameters).toMatchObject([{ name: "item", source: "body", declared: "Body", annotation: "Item", raw: { name: "Pen", price: "1.5" }, value: { name: "Pen", price: 1.5, description: null }, errors: [] }]);
    expect(created.requestErrors).toBeNull();
    expect(created.responseModel).toEqual({ model: "Item", errors: [], filters: { by_alias: true }, failed: false });
  });

  it("a body error points at the model field's line in the learner's files", () => {
    const item = validationSummary(sent.missing.index).parameters[0];
    expect(item.errors[0].loc).toEqual(["body", "price"]);
    expect(fieldDeclaration(fastapi_items.files, item, item.errors[0].loc)).toEqual({ field: "Item.price", source: { file: "models.ts", line: 12 } });
    expect(fieldDeclaration(fastapi_items.files, { ...item, alias: "item" }, ["body", "item", "name"])).toEqual({ field: "Item.name", source: { file: "models.ts", line: 11 } });
    expect(fieldDeclaration(fastapi_items.files, item, ["body"])).toBeNull();
    expect(fieldDeclaration(fastapi_items.files, { ...item, source: "query" }, ["query", "price"])).toBeNull();
    const out = text(ValidationPanel, sent.missing, fastapi_items.files);
    expect(out).toContain('{"type":"missing","loc":["body","price"],"msg":"Field required","input":{"name":"Pen"}} → field Item.price models.ts:12');
    expect(out).toContain("FastAPI raised RequestValidationError : the handler did not run, and the answer is 422 Unprocessable Entity");
  });
});

describe("Dependencies panel data", () => {
  it("the order of resolution, each dependency's kind, and the cleanup after the response", () => {
    const graph = dependencyGraph(sent.users.index);
    expect(graph.endpoint).toEqual({ name: "list_users", ran: true, source: { file: "main.ts", line: 11 } });
    const ids = new Map(graph.nodes.map((n) => [n.id, n.name]));
    expect(graph.nodes.map((n) => [n.order, n.name, n.kind, n.parameter, n.parent === "endpoint" ? "endpoint" : ids.get(n.parent), n.cached, n.cleanup])).toEqual([
      [1, "get_db", "generator (yield), in the threadpool", "db", "endpoint", false, 1],
      [2, "verify_token", "async", "token", "endpoint", false, null],
      [3, "current_user", "async", "user", "endpoint", false, null],
      // current_user asks for verify_token too: served from the per-request cache, not called again.
      [null, "verify_token", "", "token", "current_user", true, null],
      [4, "pagination", "sync, in the threadpool", "page", "endpoint", false, null],
    ]);
    // get_db has no signature() (no parameters): its node links to where Depends(get_db) named it.
    expect(graph.nodes.map((n) => n.source)).toEqual([
      { file: "main.ts", line: 13 },
      { file: "deps.ts", line: 34 },
      { file: "deps.ts", line: 45 },
      { file: "deps.ts", line: 34 },
      { file: "deps.ts", line: 51 },
    ]);
    expect(graph.cleanups).toEqual([{ name: "get_db", how: "after yield (normal exit)", exception: null }]);
  });

  it("an auth dependency that raises: the handler never runs, get_db sees the exception at its yield", () => {
    const graph = dependencyGraph(sent.unauthorized.index);
    expect(graph.endpoint).toMatchObject({ name: "(handler)", ran: false });
    expect(graph.nodes.map((n) => [n.name, n.error])).toEqual([
      ["get_db", null],
      ["verify_token", "HTTPException: 401: Invalid X-Token header"],
    ]);
    expect(graph.cleanups).toEqual([{ name: "get_db", how: "exception thrown in at the yield", exception: "HTTPException" }]);
  });

  it("a background task after the response", () => {
    expect(dependencyGraph(sent.notify.index).tasks).toEqual([{ name: "write_notification", error: null }]);
  });
});

describe("OpenAPI panel data", () => {
  it("each documented operation linked to its handler's declaration", () => {
    const doc = JSON.parse(new TextDecoder().decode(sent.openapi.result.response.body));
    expect(operationsOf(doc, operationSources(sent.openapi.index))).toEqual([
      { method: "GET", path: "/items/{item_id}", operationId: "read_item_items__item_id__get", summary: "Read Item", handler: "read_item", source: { file: "main.ts", line: 16 } },
      { method: "POST", path: "/items/", operationId: "create_item_items__post", summary: "Create Item", handler: "create_item", source: { file: "main.ts", line: 31 } },
    ]);
  });
});

describe("ASGI panel", () => {
  it("renders the scope and the messages", () => {
    const out = text(AsgiPanel, sent.created);
    expect(out).toContain('raw_path "b\'/items/\'"');
    expect(out).toMatch(/→ app http\.request \+[\d.]+ ms (?:waited [\d.]+ ms )?\{"body":"b'\{\\"name\\": \\"Pen\\", \\"price\\": \\"1\.5\\"\}'","more_body":false\}/);
    expect(out).toContain('app → http.response.start');
    expect(out).toContain('{"status":201,"headers":[["content-length","45"],["content-type","application/json"]]}');
  });
});

describe("Flow on the ASGI path", () => {
  const lane = (name: string) => buildFlowGraph(sent[name].index).main.map((n) => [n.label, n.threadpool]);
  it("server → middleware → router → dependencies → handler, and the stage that ran sync dependencies says threadpool", () => {
    expect(lane("users")).toEqual([["Client (browser)", []], ["Web server (ASGI)", []], ["ServerErrorMiddleware", []], ["ExceptionMiddleware", []], ["URL resolver", []], ["Dependencies", ["get_db", "pagination"]], ["list_users", []]]);
  });
  it("an async handler with a response model, then background tasks run in the threadpool after the response", () => {
    expect(lane("read")).toEqual([["Client (browser)", []], ["Web server (ASGI)", []], ["ServerErrorMiddleware", []], ["ExceptionMiddleware", []], ["URL resolver", []], ["read_item", []], ["Response model", []]]);
    expect(lane("notify").slice(-3)).toEqual([["Dependencies", []], ["send_notification", []], ["Background tasks", ["write_notification"]]]);
  });
  it("a sync handler runs in the threadpool, and so does its response model's validate", () => {
    expect(lane("sync_read").slice(-2)).toEqual([["read_item", ["read_item"]], ["Response model", ["validate"]]]);
  });
});
