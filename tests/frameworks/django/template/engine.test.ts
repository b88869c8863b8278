import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { override_settings, settings } from "../../../../src/frameworks/django/conf";
import { Context, Engine, Library, RequestContext, Template, TemplateDoesNotExist, TemplateSyntaxError, engines, set_template_files } from "../../../../src/frameworks/django/template";
import { render_to_string } from "../../../../src/frameworks/django/template/loader";
import { set_module_importer } from "../../../../src/frameworks/django/utils/module_loading";
import { mark_safe } from "../../../../src/frameworks/django/utils/safestring";
import { render, redirect } from "../../../../src/frameworks/django/shortcuts";
import { path, set_urlconf } from "../../../../src/frameworks/django/urls";
import { datetime, timezone } from "../../../../src/frameworks/python/datetime";
import { PyFloat } from "../../../../src/frameworks/python/json";
import { Recorder, set_active_recorder } from "../../../../src/trace";

function engine(templates: Record<string, string>, options: { autoescape?: boolean; string_if_invalid?: string; libraries?: Record<string, Library> } = {}) {
  return new Engine({ loaders: [["django.template.loaders.locmem.Loader", templates]], ...options });
}

function render_one(source: string, context: Record<string, unknown> = {}, options: { autoescape?: boolean; string_if_invalid?: string } = {}): string {
  const e = engine({ "main.html": source }, options);
  return e.get_template("main.html").render(new Context(context, { autoescape: options.autoescape ?? true })).valueOf();
}

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "template-tests" });
});

afterEach(() => {
  engines.reset();
  set_template_files(null);
  set_module_importer(null);
  set_urlconf(null);
});

describe("variables", () => {
  it("looks up dict key, then attribute, then list index", () => {
    class Person {
      name = "Ann";
      greeting() {
        return `hi ${this.name}`;
      }
    }
    expect(render_one("{{ d.items }}|{{ p.name }}|{{ p.greeting }}|{{ l.1 }}", { d: { items: "shadowed" }, p: new Person(), l: ["a", "b"] })).toBe("shadowed|Ann|hi Ann|b");
  });

  it("prints Python values: None, True, floats, repr of lists (escaped)", () => {
    expect(render_one("{{ n }} {{ t }} {{ f }} {{ g }} {{ l }}", { n: null, t: true, f: new PyFloat(2), g: 1e20, l: ["a", 1] })).toBe(
      "None True 2.0 100000000000000000000 [&#x27;a&#x27;, 1]",
    );
  });

  it("does not call callables marked alters_data; uses string_if_invalid for missing names", () => {
    const del = Object.assign(() => "deleted!", { alters_data: true });
    expect(render_one("[{{ obj.delete }}][{{ missing }}]", { obj: { delete: del } }, { string_if_invalid: "INVALID(%s)" })).toBe("[INVALID(%s)][INVALID(missing)]");
  });

  it("converts aware datetimes to TIME_ZONE and formats them with DATETIME_FORMAT", () => {
    const d = new datetime(2024, 7, 1, 4, 0, 0, 0, timezone.utc);
    expect(override_settings({ USE_TZ: true, TIME_ZONE: "UTC" }, () => render_one("{{ d }}|{{ d|date:'D, d M Y' }}", { d }))).toBe("July 1, 2024, 4 a.m.|Mon, 01 Jul 2024");
  });
});

describe("autoescape and safe strings", () => {
  it("escapes variables, not literals or SafeStrings", () => {
    expect(render_one('{{ s }}|{{ safe }}|{{ missing|default:"<b>" }}', { s: "<i>", safe: mark_safe("<u>") })).toBe("&lt;i&gt;|<u>|<b>");
  });

  it("{% autoescape off %} turns escaping off for its body only", () => {
    expect(render_one("{% autoescape off %}{{ s }}{% endautoescape %}{{ s }}", { s: "&" })).toBe("&&amp;");
  });
});

describe("syntax errors carry Django's messages and a source excerpt", () => {
  it("unclosed block tag", () => {
    expect(() => render_one("line1\n{% if a %}x")).toThrowError(TemplateSyntaxError);
    expect(() => render_one("line1\n{% if a %}x")).toThrowError("Unclosed tag on line 2: 'if'. Looking for one of: elif, else, endif.");
  });

  it("template_debug names the line and the failing token", () => {
    try {
      render_one("ok\n{% foo %}\nafter");
      expect.unreachable();
    } catch (e) {
      const info = (e as { template_debug: { line: number; during: string; source_lines: [number, string][] } }).template_debug;
      expect(info.line).toBe(2);
      expect(info.during).toBe("{% foo %}");
      expect(info.source_lines.map(([n]) => n)).toEqual([1, 2, 3]);
    }
  });
});

describe("inheritance and include over the project's files", () => {
  const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: ["templates"], APP_DIRS: false, OPTIONS: {} }];

  it("renders a three-level chain with block.super through render_to_string", () => {
    set_template_files({
      "templates/base.html": "<h1>{% block title %}Site{% endblock %}</h1>{% block body %}{% endblock %}",
      "templates/section.html": "{% extends 'base.html' %}{% block title %}{{ block.super }} / Blog{% endblock %}",
      "templates/post.html": "{% extends 'section.html' %}{% block title %}{{ block.super }} / {{ title }}{% endblock %}{% block body %}{% include 'byline.html' with who=author %}{% endblock %}",
      "templates/byline.html": "<p>by {{ who }}</p>",
    });
    const html = override_settings({ TEMPLATES }, () => render_to_string("post.html", { title: "Hello", author: "<ann>" }));
    expect(html).toBe("<h1>Site / Blog / Hello</h1><p>by &lt;ann&gt;</p>");
  });

  it("a missing template is TemplateDoesNotExist listing the paths tried", () => {
    set_template_files({});
    try {
      override_settings({ TEMPLATES }, () => render_to_string("nope.html"));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateDoesNotExist);
    }
  });

  it("edits to the project's files are seen on the next render (the cache is dropped)", () => {
    set_template_files({ "templates/a.html": "v1" });
    expect(override_settings({ TEMPLATES }, () => render_to_string("a.html"))).toBe("v1");
    set_template_files({ "templates/a.html": "v2" });
    expect(override_settings({ TEMPLATES }, () => render_to_string("a.html"))).toBe("v2");
  });
});

describe("custom libraries", () => {
  it("{% load %} imports <app>.templatetags.<name> and uses its filters, simple and inclusion tags", () => {
    const register = new Library();
    register.filter("shout", (value: unknown) => `${value}!`, { is_safe: true });
    register.simple_tag(function greet(name: unknown, options: { punct?: string } = {}) {
      return `<hi ${name}${options.punct ?? ""}>`;
    });
    register.inclusion_tag("item.html")(function show_item(item: unknown) {
      return { item };
    });
    set_module_importer((module_path) => {
      if (module_path === "blog/templatetags/blog_extras") return { register };
      if (module_path === "blog/apps") throw new Error("no module");
      throw new Error(`No module named '${module_path}'`);
    });
    const e = engine({ "main.html": "{% load blog_extras %}{{ 'a'|shout }} {% greet n punct='?' %} {% show_item 'x' %}", "item.html": "[{{ item }}]" }, { libraries: { blog_extras: register } });
    expect(e.get_template("main.html").render(new Context({ n: "Bo" })).valueOf()).toBe("a! &lt;hi Bo?&gt; [x]");
  });
});

describe("RequestContext", () => {
  it("runs the engine's context processors into their own layer", () => {
    const e = new Engine({ loaders: [["django.template.loaders.locmem.Loader", { "t.html": "{{ user }}|{{ x }}" }]], context_processors: [(request) => ({ user: (request as { user: string }).user })] });
    const ctx = new RequestContext({ user: "ann" }, { x: 1 });
    expect(e.get_template("t.html").render(ctx).valueOf()).toBe("ann|1");
  });
});

describe("tracing", () => {
  it("records a template span per template in the chain, with variables resolved", () => {
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      const e = engine({ "base.html": "[{% block b %}{% endblock %}]", "child.html": "{% extends 'base.html' %}{% block b %}{{ x|upper }}{% endblock %}" });
      expect(e.get_template("child.html").render(new Context({ x: "y" })).valueOf()).toBe("[Y]");
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans.filter((s) => s.kind === "template");
    expect(spans.map((s) => s.name)).toEqual(["child.html", "base.html", "block b"]);
    expect(spans[0].attrs.extends).toBe("base.html");
    expect(spans[1].attrs.variables).toEqual([{ expr: "x|upper", line: 1, value: "Y", template: "child.html" }]);
  });
});

describe("shortcuts", () => {
  it("render() returns an HttpResponse with the rendered template", () => {
    set_template_files({ "templates/hello.html": "Hello {{ name }}" });
    const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: ["templates"] }];
    const response = override_settings({ TEMPLATES }, () => render(null, "hello.html", { name: "World" }, { status: 201 }));
    expect(response.status_code).toBe(201);
    expect(new TextDecoder().decode(response.content)).toBe("Hello World");
  });

  it("redirect() reverses URL names, uses get_absolute_url, or passes URLs through", () => {
    set_urlconf({ urlpatterns: [path("posts/<int:pk>/", () => null, { name: "post" })] } as never);
    expect(redirect("post", 5).url).toBe("/posts/5/");
    expect(redirect({ get_absolute_url: () => "/abs/" }, { permanent: true }).status_code).toBe(301);
    expect(redirect("https://example.com/x").url).toBe("https://example.com/x");
  });

  it("new Template() without a configured engine raises ImproperlyConfigured", () => {
    expect(() => new Template("x")).toThrowError("No DjangoTemplates backend is configured.");
  });
});
