import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../../src/runtime/headless";
import { blog_orm } from "../../../src/scenarios/blog-orm";
import { build_request } from "../../../src/scenarios/client";
import { buildFlowGraph } from "../../../src/ui/panels/flow-graph";
import { indexTrace } from "../../../src/ui/panels/span-index";

async function blogTrace() {
  const runtime = await HeadlessRuntime.create();
  const loaded = await runtime.load(blog_orm);
  const result = await runtime.request(build_request({ method: "GET", target: "/" }, null));
  return { index: indexTrace(result.trace), middleware: loaded.middleware ?? [] };
}

describe("buildFlowGraph", () => {
  it("counts the side nodes' top-level spans: 8 SQL statements, 8 QuerySets, 1 template for the N+1 list", async () => {
    const { index, middleware } = await blogTrace();
    const graph = buildFlowGraph(index, middleware);
    const side = Object.fromEntries(graph.side.map((n) => [n.key, n.count]));
    expect(side).toMatchObject({ sql: 8, orm: 8, templates: 1 });
    expect(graph.main.map((n) => n.key)).toEqual(["client", "gateway", "mw:SecurityMiddleware", "mw:CommonMiddleware", "mw:XFrameOptionsMiddleware", "resolver", "view"]);
    expect(graph.main.some((n) => n.unreached)).toBe(false);
  });

  it("adds the middleware of the settings that the request never reached, in their place, marked unreached", async () => {
    const { index, middleware } = await blogTrace();
    const graph = buildFlowGraph(index, [...middleware, "project.middleware.GateMiddleware"]);
    const gate = graph.main.find((n) => n.key === "mw:GateMiddleware");
    expect(graph.main.map((n) => n.key)).toEqual(["client", "gateway", "mw:SecurityMiddleware", "mw:CommonMiddleware", "mw:XFrameOptionsMiddleware", "mw:GateMiddleware", "resolver", "view"]);
    expect(gate).toMatchObject({ label: "GateMiddleware", unreached: true, spans: [], count: 0 });
  });
});
