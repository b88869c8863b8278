/**
 * Fuzz target: Jinja template source → Lexer → Parser → compiled module → Template.render(vars)
 * (jinja2, what a Flask project's templates go through).
 *
 * Inputs are grammar-built templates (text, expressions with operators, filters and tests, nested
 * statements, macros and calls, includes of a few dict-loaded templates) or byte-level mutations of
 * the built-in Flask scenarios' templates.
 */
import { DictLoader, Environment, Markup } from "../../../src/frameworks/jinja2";
import { TemplateError } from "../../../src/frameworks/jinja2/exceptions";
import { FILTERS } from "../../../src/frameworks/jinja2/filters";
import { BUILTIN_SCENARIOS } from "../../../src/scenarios";
import * as py from "../../../src/frameworks/python/builtins";
import { mutate, repeat_to } from "../mutate";
import { random_name, random_text, type Rng } from "../prng";
import { define_target, preview } from "../target";
import { TEMPLATE_SOURCE_LIMIT } from "./templates";

const FILTER_NAMES = Object.keys(FILTERS).sort();
const TESTS = ["defined", "undefined", "none", "number", "string", "mapping", "sequence", "iterable", "odd", "even", "divisibleby(3)", "sameas(none)", "lower", "upper", "callable", "escaped", "in([1, 2])", "eq 1", "gt(2)", "nosuchtest"];
const VARIABLES = ["s", "n", "f", "neg", "big", "zero", "none", "t", "no", "items", "words", "html", "d", "users", "nested", "missing", "d.a", "d['c'][1]", "users[0].name", "items[9]", "s.upper()", "loop.index", "range(5)", "lipsum(2)", "namespace(a=1)", "dict(a=1)", "cycler(1, 2)", "joiner(',')"];
const ARGS = ["999999999", "-999999999", "0", "1", "-1", "2", "1.5", "'abc'", "''", "'%s'", "'%.999999f'", "'%d'", "none", "true", "n", "s", "items", "'name'", "'<b>'", "1e308", "-1e308", "(1, 2)", "[1, [2]]", "{'a': 1}", "attribute='name'", "reverse=true", "case_sensitive=true", "width=999999999", "indent=999999999", "length=-5", "1 // 0", "'x' * 3"];
const OPERATORS = ["+", "-", "*", "/", "//", "%", "**", "~", "==", "!=", "<", ">=", "and", "or", "in", "not in", "is"];
const STATEMENTS = ["if", "for", "with", "filter upper", "set", "macro", "call", "autoescape", "raw", "block"];

/** A few templates the fuzzed ones may include, import or extend. */
const INCLUDED: Record<string, string> = {
  "base.html": "<title>{% block title %}T{% endblock %}</title>{% block body %}{% endblock %}",
  "macros.html": "{% macro hello(name, greeting='Hi') %}{{ greeting }} {{ name }}!{% endmacro %}{% macro rec(n) %}{% if n > 0 %}{{ rec(n - 1) }}{% endif %}{% endmacro %}",
  "self.html": "{% include 'self.html' %}",
  "part.html": "<p>{{ s }} {{ n }}</p>",
};

function values(): Record<string, unknown> {
  return {
    s: "Hello <b>World</b> & 'friends'",
    n: 42,
    f: 3.14159,
    neg: -7,
    big: 1e21,
    zero: 0,
    none: null,
    t: true,
    no: false,
    items: [1, 2, 3, "a", null],
    words: "the quick brown fox http://example.com/a?b=1 mail@example.com",
    html: new Markup("<p>safe</p>"),
    d: { a: 1, b: "two", c: [1, 2, 3] },
    users: [{ name: "b", age: 2 }, { name: "a", age: 1 }, { name: "c" }],
    nested: [[1, [2, 3]], [4, []]],
  };
}

function random_expression(rng: Rng, depth = 0): string {
  const r = rng.int(depth > 2 ? 3 : 7);
  if (r === 0) return rng.pick(VARIABLES);
  if (r === 1) return rng.pick(ARGS);
  if (r === 2) return `${rng.pick(VARIABLES)}|${rng.pick(FILTER_NAMES)}${rng.chance(0.5) ? `(${Array.from({ length: rng.int(3) }, () => rng.pick(ARGS)).join(", ")})` : ""}`;
  if (r === 3) return `${random_expression(rng, depth + 1)} ${rng.pick(OPERATORS)} ${random_expression(rng, depth + 1)}`;
  if (r === 4) return `${random_expression(rng, depth + 1)} is ${rng.chance(0.2) ? "not " : ""}${rng.pick(TESTS)}`;
  if (r === 5) return `(${random_expression(rng, depth + 1)} if ${random_expression(rng, depth + 1)} else ${random_expression(rng, depth + 1)})`;
  return `[${Array.from({ length: rng.int(3) }, () => random_expression(rng, depth + 1)).join(", ")}]`;
}

function random_template(rng: Rng, depth: number): string {
  const parts: string[] = [];
  const n = 1 + rng.int(depth === 0 ? 8 : 4);
  for (let i = 0; i < n; i++) {
    const r = rng.int(10);
    if (r < 2) parts.push(random_text(rng, 12));
    else if (r < 5) parts.push(`{{ ${random_expression(rng)} }}`);
    else if (r < 8 && depth < 4) {
      const tag = rng.pick(STATEMENTS);
      const body = random_template(rng, depth + 1);
      if (tag === "if") parts.push(`{% if ${random_expression(rng)} %}${body}{% elif ${random_expression(rng)} %}x{% else %}${body}{% endif %}`);
      else if (tag === "for") parts.push(`{% for ${random_name(rng)} in ${rng.pick(["items", "users", "range(3)", "d.items()", "nested", "s", "n", "none"])}${rng.chance(0.2) ? " recursive" : ""} %}${body}{% else %}empty{% endfor %}`);
      else if (tag === "with") parts.push(`{% with ${random_name(rng)} = ${random_expression(rng)} %}${body}{% endwith %}`);
      else if (tag === "set") parts.push(`{% set ${random_name(rng)} = ${random_expression(rng)} %}${body}`);
      else if (tag === "macro") parts.push(`{% macro m${depth}(a, b=1) %}${body}{{ caller() if caller }}{% endmacro %}{{ m${depth}(${random_expression(rng)}) }}`);
      else if (tag === "call") parts.push(`{% call ${rng.pick(["m0", "m1", "nothing", "range"])}(1) %}${body}{% endcall %}`);
      else if (tag === "autoescape") parts.push(`{% autoescape ${rng.pick(["true", "false", "s"])} %}${body}{% endautoescape %}`);
      else if (tag === "raw") parts.push(`{% raw %}${body}{% endraw %}`);
      else if (tag === "block") parts.push(`{% block b${depth}_${i} %}${body}{% endblock %}`);
      else parts.push(`{% filter ${rng.pick(FILTER_NAMES)} %}${body}{% endfilter %}`);
    } else if (r === 8) parts.push(rng.pick([`{% include "${rng.pick(Object.keys(INCLUDED).concat(["missing.html"]))}" %}`, `{% from "macros.html" import hello %}{{ hello(${random_expression(rng)}) }}`, `{% import "macros.html" as m %}{{ m.rec(${rng.pick(["3", "99999", "-1", "n"])}) }}`, `{% extends "base.html" %}`]));
    else parts.push(rng.pick(["{#", "#}", "{%", "%}", "{{", "}}", "{%-", "-%}", "{{-", "{% end %}", "{% endif %}", "{{ }}", "{{ ( }}", "{{ 'unclosed }}", "{% for %}", "{% set %}", "\n"]));
  }
  return parts.join("");
}

function seeds(): string[] {
  const out = Object.values(INCLUDED);
  for (const s of Object.values(BUILTIN_SCENARIOS)) for (const [file, text] of Object.entries(s.files)) if (/templates\/.*\.html$/.test(file) && /\{%|\{\{/.test(text) && !/\{% load /.test(text)) out.push(text);
  return out;
}

let env: Environment;
let SEEDS: string[] = [];

export const jinja = define_target<{ source: string }>({
  name: "jinja",
  parser: "Jinja template source → Lexer → Parser → compiled module → Template.render(vars)",
  size_limit: TEMPLATE_SOURCE_LIMIT,
  unit: "chars",
  limit_note: "a template is a project file: LIMITS.file_chars (500,000) in src/scenarios/format.ts",
  errors: [TemplateError, py.RecursionError, py.MemoryError, py.ValueError, py.TypeError, py.ZeroDivisionError, py.OverflowError, py.AttributeError, py.KeyError, py.IndexError, py.AssertionError],
  setup() {
    env = new Environment({ loader: new DictLoader(INCLUDED), autoescape: true });
    SEEDS = seeds();
  },
  generate(rng) {
    if (rng.chance(0.5)) return { source: random_template(rng, 0) };
    return { source: mutate(rng, rng.pick(SEEDS), { dictionary: ["{%", "%}", "{{", "}}", "{#", "#}", "-", "|", "(", ")", "[", "]", "'", '"', " if ", " for ", " in ", "endif", "endfor", "*", "**"], corpus: SEEDS, max_length: 20_000 }) };
  },
  stress(rng, size) {
    const fragments = ["{%", "{{", "{#", "{% if a %}", "{% for x in items %}", "{% with a=1 %}", "{% raw %}", "{{ s", "{{ s|", "{% if", "%}", "}}", "{{ x }}", "{% endif %}", "a", "\n", "(", "[", "{{ (((", "'", "{% filter upper %}", "{% set x = 1 %}", "{{ n * 2 }}"];
    const r = rng.int(3);
    if (r === 0) return { source: repeat_to(rng, size, fragments) };
    if (r === 1) return { source: repeat_to(rng, size, fragments, "", "{% endif %}") };
    return { source: repeat_to(rng, size, SEEDS.filter((s) => s.length < 2000)) };
  },
  size_of: (input) => input.source.length,
  run(input) {
    return env.from_string(input.source).render(values()).length;
  },
  describe: (input) => preview(input.source, 300),
});
