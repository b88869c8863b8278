/**
 * jinja2 on hostile templates (docs/limits.md, the fuzz target `jinja`): what CPython ends in —
 * RecursionError, MemoryError, or the TypeError/AttributeError/ValueError real Jinja2 3.1.6 raises —
 * and never a native JavaScript error. Expected errors were checked against /work/.venv-ref (Jinja2 3.1.6).
 */
import { describe, expect, it } from "vitest";
import { DictLoader, Environment } from "../../../src/frameworks/jinja2";
import { MAX_ITEMS, MAX_WIDTH } from "../../../src/frameworks/jinja2/limits";

const env = () =>
  new Environment({
    loader: new DictLoader({ "self.html": "{% include 'self.html' %}", "macros.html": "{% macro rec(n) %}{% if n > 0 %}{{ rec(n - 1) }}{% endif %}{% endmacro %}" }),
    autoescape: true,
  });

/** The Python exception a render ends in, as `Name: message`. */
function failure(source: string, vars: Record<string, unknown> = {}): string {
  try {
    return `rendered ${JSON.stringify(env().from_string(source).render(vars))}`;
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

describe("jinja2 recursion ends in RecursionError, as on CPython", () => {
  it("a macro recursing 99,999 times", () => {
    expect(failure("{% import 'macros.html' as m %}{{ m.rec(99999) }}")).toBe("RecursionError: maximum recursion depth exceeded");
  });
  it("a template including itself", () => {
    expect(failure("{% include 'self.html' %}")).toBe("RecursionError: maximum recursion depth exceeded");
  });
  it("a shallow recursion still renders", () => {
    expect(failure("{% import 'macros.html' as m %}[{{ m.rec(50) }}]")).toBe('rendered "[]"');
  });
});

describe("jinja2 widths and repetitions past the lab's bounds end in MemoryError", () => {
  it("'x' * 999999999", () => {
    expect(failure("{{ 'x' * 999999999 }}")).toBe(`MemoryError: a repetition: 999999999 items is over the lab's limit of ${MAX_ITEMS} (docs/limits.md)`);
  });
  it("range(999999999)|list", () => {
    expect(failure("{{ range(999999999)|list }}")).toBe(`MemoryError: range(): 999999999 items is over the lab's limit of ${MAX_ITEMS} (docs/limits.md)`);
  });
  it("center, indent and format widths", () => {
    expect(failure("{{ 'a'|center(999999999) }}")).toBe(`MemoryError: center: a width of 999999999 is over the lab's limit of ${MAX_WIDTH} (docs/limits.md)`);
    expect(failure("{{ 'a'|indent(999999999) }}")).toBe(`MemoryError: indent: a width of 999999999 is over the lab's limit of ${MAX_WIDTH} (docs/limits.md)`);
    expect(failure("{{ '%999999999s'|format(1) }}")).toBe(`MemoryError: format: a width of 999999999 is over the lab's limit of ${MAX_WIDTH} (docs/limits.md)`);
  });
  it("within the bounds they render as Python does", () => {
    expect(failure("{{ 'ab' * 3 }}|{{ range(3)|list }}|{{ 'a'|center(5) }}|{{ '%%%3d'|format(7) }}")).toBe('rendered "ababab|[0, 1, 2]|  a  |%  7"');
  });
});

describe("jinja2 filters raise Jinja2 3.1.6's Python errors, not JavaScript's", () => {
  it("dictsort and xmlattr of what is not a mapping: AttributeError from value.items()", () => {
    expect(failure("{{ range(5)|dictsort }}")).toBe("AttributeError: 'range' object has no attribute 'items'");
    expect(failure("{{ 5|xmlattr }}")).toBe("AttributeError: 'int' object has no attribute 'items'");
    expect(failure("{{ namespace(a=1)|xmlattr }}")).toBe("AttributeError: items");
  });
  it("urlencode of a sequence that is not of pairs: the errors of `k, v = item`", () => {
    expect(failure("{{ range(5)|urlencode }}")).toBe("TypeError: cannot unpack non-iterable int object");
    expect(failure("{{ [{'a': 1}]|urlencode }}")).toBe("ValueError: not enough values to unpack (expected 2, got 1)");
    expect(failure("{{ [[1, 2]]|urlencode }}")).toBe('rendered "1=2"');
  });
  it("truncate's assertions and comparisons", () => {
    expect(failure("{{ 'abcdef'|truncate(1) }}")).toBe("AssertionError: expected length >= 3, got 1");
    expect(failure("{{ 'abcdef'|truncate(none) }}")).toBe("TypeError: '>=' not supported between instances of 'NoneType' and 'int'");
  });
});

describe("jinja2 filters given a float or a missing argument fail as CPython does (fuzz, 20,000 inputs)", () => {
  it("indent(-1e308) and indent(1.5): a float cannot repeat a string", () => {
    expect(failure("{{ n|indent(-1e308) }}", { n: 42 })).toBe("TypeError: can't multiply sequence by non-int of type 'float'");
    expect(failure("{{ n|indent(1.5) }}", { n: "a\nb" })).toBe("TypeError: can't multiply sequence by non-int of type 'float'");
  });
  it("indent(-3): a negative width indents nothing", () => {
    expect(failure("{{ n|indent(-3) }}", { n: "a\nb" })).toBe('rendered "a\\nb"');
  });
  it("center(1e308) and center(1.5): str.center takes an int", () => {
    expect(failure("{{ no|center(1e308) }}", { no: false })).toBe("TypeError: 'float' object cannot be interpreted as an integer");
    expect(failure("{{ 'ab'|center(1.5) }}")).toBe("TypeError: 'float' object cannot be interpreted as an integer");
  });
  it("tojson with a negative indent breaks lines without indenting; a huge one is refused only when used", () => {
    expect(failure("{{ {'a': [1]}|tojson(-3) }}")).toBe('rendered "{\\n\\"a\\": [\\n1\\n]\\n}"');
    expect(failure("{{ 'X'|tojson(999999999) }}")).toBe('rendered "\\"X\\""');
    expect(failure("{{ [1]|tojson(999999999) }}")).toBe("MemoryError: json.dumps: an indent of 999999999 is over the lab's limit of 100000 (docs/limits.md)");
  });
  it("attr without a name", () => {
    expect(failure("{{ 3|attr }}")).toBe("TypeError: do_attr() missing 1 required positional argument: 'name'");
  });
});
