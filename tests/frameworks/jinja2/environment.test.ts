/**
 * jinja2.environment and compiler: templates compile once to JavaScript closures (root + one per
 * block, named as Jinja's generated module names them), render through them, and report blocks,
 * macros and expressions to the trace.
 */
import { describe, expect, it } from "vitest";
import { DictLoader, Environment, TemplateSyntaxError, UndefinedError } from "../../../src/frameworks/jinja2";
import type { CompiledModule } from "../../../src/frameworks/jinja2/environment";
import { Recorder, set_active_recorder } from "../../../src/trace";

const TEMPLATES = {
  "base.html": "<title>{% block title %}Site{% endblock %}</title>{% block body %}{% endblock %}",
  "page.html": "{% extends 'base.html' %}{% import 'forms.html' as f %}{% block title %}{{ name }} | {{ super() }}{% endblock %}{% block body %}{{ f.input('q', name) }}{% endblock %}",
  "forms.html": "{% macro input(n, v) %}<input name=\"{{ n }}\" value=\"{{ v }}\">{% endmacro %}",
};

const env = () => new Environment({ loader: new DictLoader(TEMPLATES), autoescape: true });

describe("jinja2 Environment", () => {
  it("compiles a template to a module of closures named as Jinja's: root and block_<name>", () => {
    const module = env().compile("{% block a %}{{ x }}{% endblock %}", "t.html", null) as CompiledModule;
    expect(module.root.name).toBe("root");
    expect(Object.keys(module.blocks)).toEqual(["a"]);
    expect(module.blocks.a.name).toBe("block_a");
    expect(env().compile("{% block a %}{% endblock %}{% block b %}{% endblock %}", "t.html", null, true)).toBe("root\nblock_a\nblock_b");
  });

  it("compiles once: rendering twice runs the same closures with fresh variables", () => {
    const t = env().from_string("{% set n = n + 1 %}{{ n }}{% for i in range(2) %}{% set n = i %}{{ n }}{% endfor %}{{ n }}");
    expect(t.render({ n: 1 })).toBe("2012");
    expect(t.render({ n: 5 })).toBe("6016");
  });

  it("macros see the enclosing template's variables as Python closures do, even ones set after the macro", () => {
    const t = env().from_string("{% macro m() %}[{{ x }}|{{ y }}]{% endmacro %}{% set x = 1 %}{{ m() }}{% for y in [2, 3] %}{% macro n() %}{{ y }}{% endmacro %}{{ n() }}{% endfor %}");
    expect(t.render({ y: "Y" })).toBe("[1|Y]23");
  });

  it("a recursive loop with a filter, loop.depth and an else branch renders each level", () => {
    const tree = [{ n: "a", kids: [{ n: "b", kids: [] }, { n: "skip", kids: [] }] }, { n: "c", kids: [] }];
    const t = env().from_string("{% for x in tree if x.n != 'skip' recursive %}{{ loop.depth }}{{ x.n }}({{ loop(x.kids) }}){% else %}-{% endfor %}");
    expect(t.render({ tree })).toBe("1a(2b(-))1c(-)");
  });

  it("call blocks, filter blocks and set blocks feed their body to the caller, the filter and the name", () => {
    const t = env().from_string("{% macro box() %}<{{ caller('k') }}>{% endmacro %}{% call(v) box() %}{{ v|upper }}{% endcall %}{% filter upper %}a{{ 'b' }}{% endfilter %}{% set s | trim %}  c  {% endset %}[{{ s }}]");
    expect(t.render()).toBe("<K>AB[c]");
  });

  it("a second unconditional extends fails at render time with Jinja's message", () => {
    const e = new Environment({ loader: new DictLoader({ "b.html": "B", "c.html": "{% extends 'b.html' %}{% extends 'b.html' %}after" }) });
    expect(() => e.get_template("c.html").render()).toThrowError("extended multiple times");
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
