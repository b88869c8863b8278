/**
 * The panels that used to mislead (issue 15), rendered (server-side) from real traces: each says
 * what happened — a raw WSGI app's own routes, an exception caught inside the framework, a
 * template no view rendered — and the Timeline's label column fits the longest label.
 */
import { describe, expect, it } from "vitest";
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { HeadlessRuntime } from "../../../src/runtime/headless";
import type { Scenario } from "../../../src/runtime/protocol";
import { wsgi_hello } from "../../../src/scenarios/wsgi-hello";
import { django_hello } from "../../../src/scenarios/django-hello";
import { admin_users } from "../../../src/scenarios/admin-users";
import { replay } from "../../../src/scenarios/client";
import { indexTrace } from "../../../src/ui/panels/span-index";
import { StoreContext } from "../../../src/ui/state/react";
import { createLabStore, type Exchange } from "../../../src/ui/state/store";
import type { PanelProps } from "../../../src/ui/panels/registry";
import { UrlsPanel } from "../../../src/ui/panels/UrlsPanel";
import { ErrorsPanel } from "../../../src/ui/panels/ErrorsPanel";
import { TemplatesPanel } from "../../../src/ui/panels/TemplatesPanel";

/** One request's trace, as the panel gets it. */
async function propsFor(scenario: Scenario, method: string, target: string): Promise<PanelProps> {
  const runtime = await HeadlessRuntime.create();
  await runtime.load(scenario);
  const [step] = await replay(runtime, { ...scenario, requests: [{ method, target }] });
  const exchange = { request: { method, target }, outcome: { kind: "response", result: step.result } } as unknown as Exchange;
  return { exchange, index: indexTrace(step.result.trace), logs: [] };
}

function render(Panel: ComponentType<PanelProps>, props: PanelProps): string {
  return renderToStaticMarkup(createElement(StoreContext.Provider, { value: createLabStore() }, createElement(Panel, props)));
}
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();

describe("the URLs panel on a raw WSGI app (wsgi-hello) tells the app's own routing, no Django resolver story", () => {
  it("a match: the route tried and matched, nothing about patterns", async () => {
    const html = text(render(UrlsPanel, await propsFor(wsgi_hello, "GET", "/hello")));
    expect(html).toBe("Resolving /hello ✓ GET /hello Matched GET /hello");
  });

  it("no match: every route tried and why, and that what happens next is the app's own code", async () => {
    const html = text(render(UrlsPanel, await propsFor(wsgi_hello, "GET", "/nope")));
    expect(html).toBe("Resolving /nope ✗ GET /hello path differs ✗ POST /login path differs ✗ GET /profile path differs No route matched /nope : what the app does next is its own code (see the view or the response).");
    expect(html).not.toMatch(/No pattern matched|URLconf|Django/);
  });
});

describe("the Errors panel says what became of each exception", () => {
  it("a Resolver404 the resolver caught (an include that did not match) is 'caught inside the framework', the outer one 'turned into a 404 response'; neither is shown as an error of the request", async () => {
    const props = await propsFor(django_hello, "GET", "/nope/");
    const html = render(ErrorsPanel, props);
    const cards = text(html).split(/(?=Resolver404: )/).map((c) => c.trim());
    expect(cards).toHaveLength(2);
    expect(cards[0]).toMatch(/^Resolver404: .*'path': 'nope\/'\} Raised in resolver resolve \/nope\/ .*Handled: turned into a 404 response by the framework \(Resolver404 → response\)\.$/);
    expect(cards[1]).toBe("Resolver404: {'path': 'nope/'} Raised in resolver include hello/ django/urls/resolvers.ts#URLResolver.resolve Caught inside the framework by resolver resolve /nope/ , which went on — not an error of this request.");
    expect(html).not.toContain('class="error-text"');
  });

  it("an Http404 raised by a view: raised at its line, handled as a 404 response", async () => {
    const html = text(render(ErrorsPanel, await propsFor(django_hello, "GET", "/hello/missing/")));
    expect(html).toBe("Http404: No greeting lives here. Raised in view hello.views.missing hello/views.ts:33:9 Handled: turned into a 404 response by the framework (Http404 → response).");
  });
});

describe("the Templates panel never credits a view that did not run", () => {
  it("CSRF's failure page (a template from a string) is rendered by the middleware that refused the request", async () => {
    const html = text(render(TemplatesPanel, await propsFor(admin_users, "POST", "/admin/login/")));
    expect(html).toContain("a template from a string (<unknown source>) rendered by the middleware CsrfViewMiddleware.process_view");
    expect(html).not.toMatch(/rendered by the view/);
  });
});
