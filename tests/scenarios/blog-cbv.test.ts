/** The class-based-view blog (seed project 6): pagination, the category filter, the create form's errors and redirect, and what the trace says about each. */
import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { blog_cbv } from "../../src/scenarios/blog-cbv";
import { replay, run_checks } from "../../src/scenarios/client";
import type { Span } from "../../src/trace";

function body(step: { result: { response: { body: Uint8Array } } }): string {
  return new TextDecoder().decode(step.result.response.body);
}

describe("blog-cbv scenario", () => {
  it("migrates, seeds and passes its scripted checks", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load(blog_cbv)).ok).toBe(true);
    const steps = await replay(runtime, blog_cbv);
    expect(run_checks(blog_cbv.checks ?? [], steps).filter((c) => !c.passed)).toEqual([]);
  });

  it("paginates five a page and keeps the category filter in the links", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(blog_cbv);
    const steps = await replay(runtime, { ...blog_cbv, requests: [{ method: "GET", target: "/posts/?category=python" }, { method: "GET", target: "/posts/?page=3" }] });
    expect(body(steps[0])).toContain('<a href="?page=2&amp;category=python">next</a>');
    expect(body(steps[0])).toContain("Page 1 of 2");
    expect(body(steps[1])).toContain("Page 3 of 3");
    expect(body(steps[1]).match(/<li>/g)).toHaveLength(2);
  });

  it("traces the methods that ran, with each super() hop and the class that defined it", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(blog_cbv);
    const steps = await replay(runtime, { ...blog_cbv, requests: [{ method: "GET", target: "/posts/" }] });
    const methods = steps[0].result.trace.spans.filter((s: Span) => s.kind === "view" && typeof s.attrs.method === "string");
    expect(methods.slice(0, 6).map((s: Span) => [s.name, s.attrs.super_hop])).toEqual([
      ["View.__init__", false],
      ["View.setup", false],
      ["View.dispatch", false],
      ["BaseListView.get", false],
      ["PostListView.get_queryset", false],
      ["MultipleObjectMixin.get_queryset", true],
    ]);
    expect(methods[4].attrs.defined_in).toBe("blog.views.PostListView");
  });

  it("records each field's raw value, cleaning and which step raised each error", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(blog_cbv);
    const steps = await replay(runtime, { ...blog_cbv, requests: [{ method: "POST", target: "/posts/new/", form: { title: "SHOUTING", category: "1", body: "Loud." } }] });
    const form = steps[0].result.trace.spans.find((s: Span) => s.kind === "form")!;
    expect(form.name).toBe("PostForm.full_clean");
    expect(form.attrs.is_valid).toBe(false);
    expect(form.attrs.fields).toEqual([
      { field: "title", type: "CharField", raw: "SHOUTING", errors: [{ message: "Please don't shout in titles.", code: "shouting", raised_by: "clean_title" }], clean_method: true },
      { field: "category", type: "ModelChoiceField", raw: "1", errors: [], cleaned: "<Category: Django>" },
      { field: "body", type: "CharField", raw: "Loud.", errors: [], cleaned: "Loud." },
    ]);
  });
});

describe("the Class-based view panel's anatomy (runtime.inspect_class)", () => {
  it("gives PostListView's MRO and the class that defines each attribute", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(blog_cbv);
    const result = await runtime.inspect_class("blog.views.PostListView");
    if (!result.ok) throw new Error(result.error.message);
    expect(result.anatomy.mro).toEqual([
      "blog.views.PostListView",
      "django.views.generic.list.ListView",
      "django.views.generic.list.MultipleObjectTemplateResponseMixin",
      "django.views.generic.base.TemplateResponseMixin",
      "django.views.generic.list.BaseListView",
      "django.views.generic.list.MultipleObjectMixin",
      "django.views.generic.base.ContextMixin",
      "django.views.generic.base.View",
      "builtins.object",
    ]);
    expect(result.anatomy.attributes.get_queryset).toMatchObject({ defined_in: "blog.views.PostListView", overrides: ["django.views.generic.list.MultipleObjectMixin"] });
    expect(result.anatomy.attributes.paginate_by).toMatchObject({ defined_in: "blog.views.PostListView", kind: "attribute", value: 5 });
    expect((await runtime.inspect_class("blog.views.Nope")).ok).toBe(false);
  });
});
