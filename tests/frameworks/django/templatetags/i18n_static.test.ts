/** django.templatetags i18n, static and l10n, as a DjangoTemplates backend loads them; outputs recorded from Django 5.2.17. */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { override_settings, settings } from "../../../../src/frameworks/django/conf";
import { engines } from "../../../../src/frameworks/django/template";
import { DjangoTemplates } from "../../../../src/frameworks/django/template/backends/django";

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "templatetags-tests" });
});
afterEach(() => engines.reset());

function render(source: string, context: Record<string, unknown> = {}): string {
  return override_settings({ LANGUAGE_CODE: "en-us", STATIC_URL: "static/" }, () => {
    const backend = new DjangoTemplates({ BACKEND: "django.template.backends.django.DjangoTemplates", NAME: "django", DIRS: [], APP_DIRS: false, OPTIONS: {} });
    try {
      return backend.from_string(source).render(context);
    } catch (e) {
      return `${(e as Error).constructor.name}: ${(e as Error).message}`;
    }
  });
}

describe("{% load i18n %}", () => {
  it("translate prints the message (literals safe, variables escaped) and stores it with `as`", () => {
    expect(render('{% load i18n %}[{% translate "a%b <x>" %}][{% translate v %}]', { v: "<i>%s" })).toBe("[a%b <x>][&lt;i&gt;%s]");
    expect(render('{% load i18n %}[{% translate "x" as t %}{{ t }}{% get_current_language as L %}{{ L }}{% get_current_language_bidi as B %}{{ B }}]')).toBe("[xen-usFalse]");
  });

  it("blocktranslate fills placeholders, trims, picks the plural by count and refuses other tags", () => {
    expect(render("{% load i18n %}[{% blocktranslate trimmed %}\n  Hello   there\n   world  {{ v }} \n\n  x\n{% endblocktranslate %}]", { v: "<i>" })).toBe("[Hello   there world  &lt;i&gt; x]");
    expect(render("{% load i18n %}[{% blocktranslate count counter=n %}{{ counter }} result{% plural %}{{ counter }} results{% endblocktranslate %}]", { n: 1 })).toBe("[1 result]");
    expect(render("{% load i18n %}[{% blocktranslate count counter=n|length %}{{ counter }} result{% plural %}{{ counter }} results{% endblocktranslate %}]", { n: [1, 2] })).toBe("[2 results]");
    expect(render("{% load i18n %}[{% blocktranslate count counter=n %}{{ counter }} result{% plural %}{{ counter }} results{% endblocktranslate %}]", { n: [1, 2] })).toBe(
      "TemplateSyntaxError: 'counter' argument to 'blocktranslate' tag must be a number.",
    );
    expect(render("{% load i18n %}[{% blocktranslate with a=b|upper %}x {{ a }} {{ c }}{% endblocktranslate %}]", { b: "q", c: "<" })).toBe("[x Q &lt;]");
    expect(render("{% load i18n %}[{% blocktranslate %}x {% if %}{% endblocktranslate %}]")).toBe("TemplateSyntaxError: 'blocktranslate' doesn't allow other block tags (seen 'if') inside it");
    expect(render("{% load i18n %}[{% blocktranslate asvar t %}x {{ c }}{% endblocktranslate %}{{ t }}]", { c: "<" })).toBe("[x &lt;]");
    expect(render("{% load i18n %}{% blocktranslate %}100% {{ c }}{% endblocktranslate %}", { c: 1 })).toBe("100% 1");
  });
});

describe("{% load static %} and {% load l10n %}", () => {
  it("joins STATIC_URL (with the script prefix) and the quoted path", () => {
    expect(render('{% load static %}[{% static "a b/c.css" %}][{% get_static_prefix %}][{% get_media_prefix %}]')).toBe("[/static/a%20b/c.css][/static/][/]");
  });

  it("unlocalize prints a number without localisation", () => {
    expect(render("{% load l10n %}{{ n|unlocalize }} {% localize off %}{{ n }}{% endlocalize %}", { n: 1234 })).toBe("1234 1234");
  });
});
