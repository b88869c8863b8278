/**
 * The Flask panels rendered (server-side) from real traces of the flask-blueprints scenario: the
 * Context panel's push/pop sequence and proxy reads, the URL map's rules in match order with their
 * verdicts, the Session panel decoding Flask's signed cookie, the Flow graph's main line (WSGI →
 * wsgi_app → contexts → hooks → view → make_response → teardown), and the tabs a Flask trace shows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { HeadlessRuntime } from "../../../src/runtime/headless";
import { flask_blueprints } from "../../../src/scenarios/flask-blueprints";
import { CookieJar, build_request } from "../../../src/scenarios/client";
import type { ScenarioRequest } from "../../../src/scenarios/format";
import type { HttpRequestMessage, RequestResult } from "../../../src/runtime/protocol";
import { indexTrace } from "../../../src/ui/panels/span-index";
import { StoreContext } from "../../../src/ui/state/react";
import { createLabStore, type Exchange } from "../../../src/ui/state/store";
import { visiblePanels, type PanelProps } from "../../../src/ui/panels/registry";
import { ContextPanel } from "../../../src/ui/panels/ContextPanel";
import { UrlMapPanel } from "../../../src/ui/panels/UrlMapPanel";
import { SessionPanel } from "../../../src/ui/panels/SessionPanel";
import { buildFlowGraph } from "../../../src/ui/panels/flow-graph";
import { mode_descriptor } from "../../../src/modes/descriptors";

type Sent = { request: HttpRequestMessage; result: RequestResult };

function props(sent: Sent): PanelProps {
  return { exchange: { request: sent.request, outcome: { kind: "response", result: sent.result } } as Exchange, index: indexTrace(sent.result.trace), logs: [] };
}

function text(Panel: ComponentType<PanelProps>, sent: Sent): string {
  const html = renderToStaticMarkup(createElement(StoreContext.Provider, { value: createLabStore() }, createElement(Panel, props(sent))));
  return html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/\s+/g, " ");
}

const sent: Record<string, Sent> = {};

beforeAll(async () => {
  const runtime = await HeadlessRuntime.create();
  await runtime.load(flask_blueprints);
  const jar = new CookieJar();
  const send = async (spec: ScenarioRequest): Promise<Sent> => {
    const request = build_request(spec, jar);
    const result = await runtime.request(request);
    jar.store_response(result.response);
    return { request, result };
  };
  sent.form = await send({ method: "GET", target: "/auth/login" });
  sent.signin = await send({ method: "POST", target: "/auth/login", form: { username: "ada" } });
  sent.home = await send({ method: "GET", target: "/" });
  sent.slash = await send({ method: "GET", target: "/auth/login/" });
}, 60_000);

describe("Flask panels", () => {
  it("Context: the app context pushed, then the request context; popped in reverse, with the stacks after each", () => {
    const out = text(ContextPanel, sent.form);
    const order = ["AppContext.push", "RequestContext.push", "RequestContext.pop", "AppContext.pop"].map((name) => out.indexOf(name));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain("<AppContext of 'app'>");
    expect(out).toContain("<RequestContext 'http://localhost/auth/login' [GET] of app>");
  });

  it("Context: each proxy read and what it resolved to", () => {
    const out = text(ContextPanel, sent.signin);
    expect(out).toContain("request.form");
    expect(out).toContain("current_app.config");
  });

  it("URL map: the rules in match order, /auth/login matched with endpoint auth.login, the others with why not", () => {
    const out = text(UrlMapPanel, sent.form);
    expect(out).toContain("GET /auth/login — matched /auth/login → endpoint auth.login");
    expect(out).toContain("path differs");
    const html = renderToStaticMarkup(createElement(StoreContext.Provider, { value: createLabStore() }, createElement(UrlMapPanel, props(sent.form))));
    expect(html).toMatch(/data-verdict="matched"[^]*\/auth\/login/);
  });

  it("URL map: a trailing slash the rule does not have is a 404 here (no redirect the other way)", () => {
    const out = text(UrlMapPanel, sent.slash);
    expect(out).toContain("GET /auth/login/");
    expect(out).toContain("NotFound (404)");
  });

  it("Session: the signed cookie decoded on open and on save, with its signature verdict", () => {
    expect(text(SessionPanel, sent.signin)).toContain('"username":"ada"');
    const home = text(SessionPanel, sent.home);
    expect(home).toContain("signature valid");
    expect(home).toContain("HMAC-SHA1");
  });

  // RequestContext.push pushes the app context (and matches the URL) inside it; RequestContext.pop
  // runs teardown_request, then pops the app context: the Flow follows that nesting.
  it("Flow: WSGI → wsgi_app → contexts pushed → URL matching → hooks → view → make_response → after_request → teardown → contexts popped", () => {
    const graph = buildFlowGraph(indexTrace(sent.form.result.trace));
    const labels = graph.main.map((n) => n.label);
    const at = (pattern: RegExp) => labels.findIndex((l) => pattern.test(l));
    const steps = [/^Web server/, /wsgi_app/, /RequestContext\.push/, /AppContext\.push/, /URL resolver/, /before_request/, /^login$/, /make_response/, /after_request/, /RequestContext\.pop/, /teardown_request/, /AppContext\.pop/].map(at);
    expect(steps.every((i) => i >= 0), labels.join(" | ")).toBe(true);
    expect([...steps].sort((a, b) => a - b), labels.join(" | ")).toEqual(steps);
    expect(graph.side.some((n) => /Context locals/.test(n.label))).toBe(true);
  });

  it("tabs: a Flask trace shows Context and URL map, and no Django-only panel", () => {
    const ids = visiblePanels(mode_descriptor("flask"), props(sent.signin)).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(["flow", "context", "urlmap", "session"]));
    for (const id of ["middleware", "sql", "signals", "forms", "cbv", "auth", "csrf", "admin"]) expect(ids).not.toContain(id);
  });
});
