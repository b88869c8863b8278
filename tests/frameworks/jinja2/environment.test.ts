/**
 * jinja2.environment and compiler: templates compile once to JavaScript functions (root + one per
 * block), render through them, and report blocks, macros and expressions to the trace.
 */
import { describe, expect, it } from "vitest";
import { DictLoader, Environment, TemplateSyntaxError, UndefinedError } from "../../../src/frameworks/jinja2";
import { Recorder, set_active_recorder } from "../../../src/trace";

const TEMPLATES = {
  "base.html": "<title>{% block title %}Site{% endblock %}</title>{% block body %}{% endblock %}",
  "page.html": "{% extends 'base.html' %}{% import 'forms.html' as f %}{% block title %}{{ name }} | {{ super() }}{% endblock %}{% block body %}{{ f.input('q', name) }}{% endblock %}",
  "forms.html": "{% macro input(n, v) %}<input name=\"{{ n }}\" value=\"{{ v }}\">{% endmacro %}",
};

const env = () => new Environment({ loader: new DictLoader(TEMPLATES), autoescape: true });

describe("jinja2 Environment", () => {
  it("compiles a template to JavaScript with Jinja's root and block functions", () => {
    const source = env().compile("{% block a %}{{ x }}{% endblock %}", "t.html", null, true) as string;
    expect(source).toContain("function root(context)");
    expect(source).toContain("function block_a(context)");
    expect(source).toContain('const blocks = {"a": block_a};');
  });

  it("renders inheritance, super(), imported macros and autoescaping through the compiled code", () => {
    expect(env().get_template("page.html").render({ name: "<Ann>" })).toBe('<title>&lt;Ann&gt; | Site</title><input name="q" value="&lt;Ann&gt;">');
  });

  it("caches a loaded template: the second get_template returns the same compiled object", () => {
    const e = env();
    expect(e.get_template("page.html")).toBe(e.get_template("page.html"));
  });

  it("raises TemplateSyntaxError with the line number and the template name", () => {
    const e = new Environment({ loader: new DictLoader({ "bad.html": "a\n{% for x in y %}\n{{ x }}" }) });
    expect(() => e.get_template("bad.html")).toThrowError(TemplateSyntaxError);
    try {
      e.get_template("bad.html");
    } catch (err) {
      expect((err as TemplateSyntaxError).lineno).toBe(3);
      expect((err as TemplateSyntaxError).template_name).toBe("bad.html");
      expect((err as Error).message).toBe("Unexpected end of template. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.");
    }
  });

  it("raises UndefinedError naming the missing attribute", () => {
    expect(() => env().from_string("{{ user.name.first }}").render({ user: {} })).toThrowError(new UndefinedError("'dict object' has no attribute 'name'"));
  });

  it("records the inheritance chain, the blocks with their template, macros called and expressions read", () => {
    const recorder = new Recorder({ enabled: true });
    const previous = set_active_recorder(recorder);
    try {
      env().get_template("page.html").render({ name: "Ann" });
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans;
    const templates = spans.filter((s) => s.kind === "template" && typeof s.attrs.origin === "string").map((s) => [s.name, s.attrs.rendered_as]);
    expect(templates).toEqual([
      ["page.html", "render"],
      ["forms.html", "import"],
      ["base.html", "extends"],
    ]);
    const blocks = spans.filter((s) => typeof s.attrs.block === "string").map((s) => [s.attrs.block, s.attrs.overridden_in]);
    expect(blocks).toEqual([
      ["title", "page.html"],
      ["title", "base.html"], // super()
      ["body", "page.html"],
    ]);
    const macro = spans.find((s) => s.attrs.macro === "input")!;
    expect(macro.attrs.defined_in).toBe("forms.html");
    const base = spans.find((s) => s.name === "base.html")!;
    expect(base.attrs.variables).toEqual([
      { expr: "name", line: 1, value: "Ann", template: "page.html" },
      { expr: "super(…)", line: 1, value: "Site", template: "page.html" },
      { expr: "n", line: 1, value: "q", template: "forms.html" },
      { expr: "v", line: 1, value: "Ann", template: "forms.html" },
      { expr: "f.input(…)", line: 1, value: '<input name="q" value="Ann">', template: "page.html" },
    ]);
  });
});
