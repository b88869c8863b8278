/** The Templates panel rendered (server-side) from a real trace: who asked for each template. */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { HeadlessRuntime } from "../../../src/runtime/headless";
import { blog_cbv } from "../../../src/scenarios/blog-cbv";
import { replay } from "../../../src/scenarios/client";
import { indexTrace } from "../../../src/ui/panels/span-index";
import { StoreContext } from "../../../src/ui/state/react";
import { createLabStore, type Exchange } from "../../../src/ui/state/store";
import type { PanelProps } from "../../../src/ui/panels/registry";
import { TemplatesPanel } from "../../../src/ui/panels/TemplatesPanel";

describe("Templates panel", () => {
  it("credits a TemplateResponse's template to the view that returned it, not the middleware around the handler", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(blog_cbv);
    const [step] = await replay(runtime, { ...blog_cbv, requests: [{ method: "GET", target: "/posts/?page=2" }] });
    const props: PanelProps = { exchange: { request: {} } as Exchange, index: indexTrace(step.result.trace), logs: [] };
    const html = renderToStaticMarkup(createElement(StoreContext.Provider, { value: createLabStore() }, createElement(TemplatesPanel, props)));
    const text = html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toMatch(/blog\/post_list\.html rendered by the view blog\.views\.PostListView \(its TemplateResponse, rendered once it returned\)/);
    expect(text).not.toMatch(/rendered by the middleware/);
  });
});
