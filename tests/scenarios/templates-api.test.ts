/** The templates-and-API project (seed project 2): converters, inheritance, includes, filters, JSON — and the template trace. */
import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { replay, run_checks } from "../../src/scenarios/client";
import { templates_api } from "../../src/scenarios/templates-api";
import type { Span } from "../../src/trace";

describe("templates-api scenario", () => {
  it("passes its scripted checks", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load(templates_api)).ok).toBe(true);
    const steps = await replay(runtime, templates_api);
    expect(run_checks(templates_api.checks ?? [], steps).filter((c) => !c.passed)).toEqual([]);
  });

  it("serves the API as JSON with reversed URLs", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(templates_api);
    const [step] = await replay(runtime, { ...templates_api, requests: [{ method: "GET", target: "/api/books/4/" }] });
    expect(JSON.parse(new TextDecoder().decode(step.result.response.body))).toMatchObject({ id: 4, slug: "fluent-python", year: 2015 });
  });

  it("traces the chain: the child, the base it extends, one include per book, with the variables each resolved", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(templates_api);
    const [step] = await replay(runtime, { ...templates_api, requests: [{ method: "GET", target: "/?q=python" }] });
    const templates = step.result.trace.spans.filter((s: Span) => s.kind === "template" && typeof s.attrs.origin === "string");
    expect(templates.map((s: Span) => s.name)).toEqual(["shelf/book_list.html", "shelf/base.html", "shelf/_book.html"]);
    expect(templates[0].attrs).toMatchObject({ extends: "shelf/base.html", blocks: ["title", "content"] });
    expect(templates[1].parent).toBe(templates[0].id);
    const layers = templates[1].attrs.context_layers as { label: string; values: Record<string, unknown> }[];
    expect(layers.find((l) => l.label === "context processors")?.values).toMatchObject({ site: "Bookshelf", path: "/" });
    expect(templates[2].attrs.variables).toContainEqual({ expr: "tag|upper", line: 1, value: "PYTHON", template: "shelf/_book.html" });
    expect(templates[0].attrs.context_layers).toEqual(templates[1].attrs.context_layers);
  });
});

describe("the runtime's re-render and class inspection (what the Templates and Class-based view panels ask)", () => {
  it("re-renders an edited template with a captured context through the project's engine", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(templates_api);
    const source = '{% extends "shelf/base.html" %}{% block content %}<p>{{ book.title|upper }} — {% url "book_detail" book.slug %}</p>{% endblock %}';
    const result = await runtime.render_template(source, { site: "Shelf", path: "/x/", book: { title: "sicp", slug: "sicp" } });
    expect(result.ok && result.html).toContain("<p>SICP — /books/sicp/</p>");
    expect(result.ok && result.html).toContain("<title>Shelf</title>");
    const broken = await runtime.render_template("{% if %}", {});
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error.type).toBe("TemplateSyntaxError");
  });
});
