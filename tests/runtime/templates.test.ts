/** Project template files reach Django's template loaders through the runtime (DIRS and app dirs). */
import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { SCENARIO_FORMAT, type Scenario } from "../../src/scenarios/format";

describe("templates in a project", () => {
  it("renders a child template that extends a base from DIRS, with an app template included", async () => {
    const runtime = await HeadlessRuntime.create();
    const scenario: Scenario = {
      format: SCENARIO_FORMAT,
      title: "t",
      framework: "django",
      entry: { kind: "django", settings: "project.settings" },
      files: {
        "project/settings.ts": `export const SECRET_KEY = "t"; export const DEBUG = true; export const ALLOWED_HOSTS = ["localhost"];
export const ROOT_URLCONF = "project.urls"; export const INSTALLED_APPS = ["blog"];
export const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: ["templates"], APP_DIRS: true }];`,
        "project/urls.ts": `import { path } from "django/urls"; import { render } from "django/shortcuts";
export const urlpatterns = [path("", (request) => render(request, "home.html", { items: ["a", "<b>"] }))];`,
        "blog/apps.ts": `import { AppConfig } from "django/apps"; export class BlogConfig extends AppConfig { name = "blog"; }`,
        "templates/base.html": `<title>{% block title %}Site{% endblock %}</title>{% block body %}{% endblock %}`,
        "templates/home.html": `{% extends "base.html" %}{% block title %}Home | {{ block.super }}{% endblock %}{% block body %}{% for i in items %}{% include "blog/item.html" %}{% endfor %}{% endblock %}`,
        "blog/templates/blog/item.html": `<li>{{ i }}</li>`,
      },
      requests: [],
    };
    const loaded = await runtime.load(scenario);
    expect(loaded.ok).toBe(true);
    const result = await runtime.request({ method: "GET", target: "/", headers: [["Host", "localhost"]], body: "" });
    expect(new TextDecoder().decode(result.response.body)).toBe("<title>Home | Site</title><li>a</li><li>&lt;b&gt;</li>");
    const templates = result.trace.spans.filter((s) => s.kind === "template").map((s) => s.name);
    expect(templates).toContain("home.html");
    expect(templates).toContain("blog/item.html");
  });
});
