/**
 * django.template.defaultfilters.stringfilter on a project's own filters, as Django 5.2.17 renders
 * them (recorded with the real engine): the value arrives as str, a safe value's result stays safe
 * only with is_safe, and the argument count is the wrapped function's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { settings } from "../../../../src/frameworks/django/conf";
import { Context, Engine, Library } from "../../../../src/frameworks/django/template";
import { stringfilter } from "../../../../src/frameworks/django/template/defaultfilters";
import { mark_safe } from "../../../../src/frameworks/django/utils/safestring";

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "stringfilter-tests" });
});

describe("stringfilter", () => {
  it("renders as Django does", () => {
    const register = new Library();
    register.filter(stringfilter(function shout(value: string) {
      return value.toUpperCase() + "!";
    }));
    register.filter(stringfilter(function wrap(value: string, arg = "*") {
      return arg + value + arg;
    }), { is_safe: true });
    const engine = new Engine({ loaders: [["django.template.loaders.locmem.Loader", {}]], libraries: {} });
    engine.template_builtins.push(register);
    const render = (source: string, context: Record<string, unknown>) => engine.from_string(source).render(new Context(context)).valueOf();
    expect([
      render("{{ n|shout }}", { n: 5 }),
      render("{{ s|shout }}", { s: "<b>" }),
      render("{{ s|shout }}", { s: mark_safe("<b>") }),
      render("{{ s|wrap }}", { s: mark_safe("<b>") }),
      render("{{ s|wrap:'<' }}", { s: mark_safe("<b>") }),
      render("{{ s|wrap:'-' }}", { s: "<i>" }),
      render("{{ n|wrap }}", { n: null }),
    ]).toEqual(["5!", "&lt;B&gt;!", "&lt;B&gt;!", "*<b>*", "<<b><", "-&lt;i&gt;-", "*None*"]);
    expect(() => engine.from_string("{{ s|shout:'x' }}")).toThrow("shout requires 1 arguments, 2 provided");
  });
});
