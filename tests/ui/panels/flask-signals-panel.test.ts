/**
 * The Signals panel on a Flask trace: a project whose receivers listen to request_started (for this
 * app) and template_rendered (for another app) shows the Signals tab, each signal sent, the receiver
 * called with what it returned, and the receiver passed over with why. A Flask project that connects
 * nothing records no signal, so the tab stays hidden (the flask-blueprints tabs test).
 */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { HeadlessRuntime } from "../../../src/runtime/headless";
import { build_request, CookieJar } from "../../../src/scenarios/client";
import type { Exchange } from "../../../src/ui/state/store";
import { indexTrace } from "../../../src/ui/panels/span-index";
import { visiblePanels, type PanelProps } from "../../../src/ui/panels/registry";
import { SignalsPanel } from "../../../src/ui/panels/SignalsPanel";
import { mode_descriptor } from "../../../src/modes/descriptors";
import { StoreContext } from "../../../src/ui/state/react";
import { createLabStore } from "../../../src/ui/state/store";

const APP = `
import { Flask, render_template_string, request_started, template_rendered } from "flask";
export const app = new Flask("shop");
const other = new Flask("other");
export function count_request(sender, extra) { return "counted"; }
export function for_other(sender, { template }) {}
request_started.connect(count_request, app);
template_rendered.connect(for_other, other);
app.route("/")(function index() { return render_template_string("hi {{ name }}", { name: "ada" }); });
`;

describe("Signals panel for Flask", () => {
  it("shows Flask's signals sent, the receiver called and the one connected for another app", async () => {
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load({ entry: { kind: "flask", app: "app.app" }, files: { "app.ts": APP } });
    expect(loaded.ok).toBe(true);
    const request = build_request({ method: "GET", target: "/" }, new CookieJar());
    const result = await runtime.request(request);
    const props: PanelProps = { exchange: { request, outcome: { kind: "response", result } } as Exchange, index: indexTrace(result.trace), logs: [] };
    expect(visiblePanels(mode_descriptor("flask"), props).map((p) => p.id)).toContain("signals");
    const text = renderToStaticMarkup(createElement(StoreContext.Provider, { value: createLabStore() }, createElement(SignalsPanel, props))).replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/\s+/g, " ");
    expect(text.indexOf("request-started")).toBeGreaterThanOrEqual(0);
    expect(text.indexOf("template-rendered")).toBeGreaterThan(text.indexOf("request-started"));
    expect(text).toContain("count_request 0.");
    expect(text).toContain("returned counted kwargs {}");
    expect(text).toContain("not called: it listens to sender=<Flask 'other'>, this was sent by <Flask 'shop'>");
  }, 60_000);
});
