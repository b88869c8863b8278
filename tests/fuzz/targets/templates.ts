/**
 * Fuzz target: Django template source → Lexer → Parser → Template.render(Context) (django.template).
 *
 * Inputs are grammar-built templates (text, variables with random filter chains and arguments,
 * nested block tags from the built-in library, includes of a few locmem templates) or byte-level
 * mutations of real templates (the built-in scenarios' and the admin's).
 */
import { settings } from "../../../src/frameworks/django/conf";
import { Context } from "../../../src/frameworks/django/template/context";
import { Engine } from "../../../src/frameworks/django/template/engine";
import { TemplateDoesNotExist, TemplateSyntaxError } from "../../../src/frameworks/django/template/exceptions";
import { VariableDoesNotExist } from "../../../src/frameworks/django/template/base";
import { register as defaultfilters } from "../../../src/frameworks/django/template/defaultfilters";
import { mark_safe } from "../../../src/frameworks/django/utils/safestring";
import { NoReverseMatch } from "../../../src/frameworks/django/urls/exceptions";
import { path } from "../../../src/frameworks/django/urls/conf";
import { ADMIN_TEMPLATES } from "../../../src/frameworks/django/contrib/admin/templates";
import { BUILTIN_SCENARIOS } from "../../../src/scenarios";
import { Decimal } from "../../../src/frameworks/python/decimal";
import { date, datetime } from "../../../src/frameworks/python/datetime";
import { PyFloat } from "../../../src/frameworks/python/json";
import * as py from "../../../src/frameworks/python/builtins";
import { mutate, repeat_to } from "../mutate";
import { random_name, random_text, type Rng } from "../prng";
import { define_target, preview } from "../target";

/** The largest template source the lab accepts (a scenario file: LIMITS.file_chars). */
export const TEMPLATE_SOURCE_LIMIT = 500_000;

const FILTERS = Object.keys(defaultfilters.filters).sort();

const VARIABLES = ["s", "n", "f", "neg", "big", "zero", "none", "t", "no", "list", "words", "html", "d", "dicts", "when", "day", "nested", "url", "empty", "emptylist", "unicode", "dec", "pyf", "missing", "d.a", "d.c.1", "dicts.0.name", "list.9", "s.upper", "forloop.counter"];

const ARGS = ['"999999999"', '"-999999999"', "999999999", '"2"', '"-3"', '"0"', '"1.5"', '"abc"', '""', '"%"', '"%s"', '"%.999999f"', '"99999999d"', '"u"', '"g"', '"3g"', '"-2u"', '"1e400"', '"NaN"', '"inf"', '"a,b,c"', '"a,b"', '"Y-m-d H:i"', '"DATE_FORMAT"', '"\\\\"', "1", "0", "-1", "n", "s", "list", "none", '"1:2"', '"::-1"', '"1:99999999999999999999"', '"name"', '"0.name"', '"<b>"', "_(\"x\")", "1e9", "3.5"];

function context_values(): Record<string, unknown> {
  return {
    s: "Hello <b>World</b> & 'friends' \"quoted\"",
    n: 42,
    f: 3.14159,
    neg: -7,
    big: 1e21,
    zero: 0,
    none: null,
    t: true,
    no: false,
    list: [1, 2, 3, "a", null],
    words: "the quick brown fox jumps over the lazy dog http://example.com/a?b=1&c=<d> mail@example.com",
    html: mark_safe("<p>safe <i>html</i></p>"),
    d: { a: 1, b: "two", c: [1, 2, 3] },
    dicts: [
      { name: "b", age: 2 },
      { name: "a", age: 1 },
      { name: "c" },
    ],
    when: new datetime(2024, 2, 29, 13, 45, 7, 123),
    day: new date(2000, 1, 1),
    nested: [
      [1, [2, 3]],
      [4, []],
    ],
    url: "http://example.com/path?a=1&b=<x>#frag",
    empty: "",
    emptylist: [],
    unicode: "Ünïcödé 中文 😀 \u202e",
    dec: new Decimal("1234.5678"),
    pyf: new PyFloat(2),
  };
}

let engine: Engine;

/** The locmem templates an `{% include %}` or `{% extends %}` can reach (one includes itself). */
const INCLUDED: Record<string, string> = {
  "a.html": "A{{ s|truncatechars:5 }}{% block b %}ab{% endblock %}",
  "b.html": '{% extends "a.html" %}{% block b %}B{{ block.super }}{% endblock %}',
  "self.html": '{% if n %}{% include "self.html" %}{% endif %}',
  "loop.html": '{% for x in list %}{% include "loop.html" %}{% endfor %}',
};

function seeds(): string[] {
  const out: string[] = [
    "{% if a %}x{% elif b %}y{% else %}z{% endif %}",
    "{% for x in list %}{{ forloop.counter }}:{{ x|default:'-' }}{% empty %}none{% endfor %}",
    "{% with total=n|add:1 %}{{ total|floatformat:2 }}{% endwith %}",
    '{% autoescape off %}{{ s }}{% endautoescape %}{% filter upper|lower %}x{% endfilter %}',
    '{% cycle "a" "b" as c silent %}{% cycle c %}{% resetcycle c %}{% firstof none empty "z" %}',
    '{% widthratio n 100 200 %}{% templatetag openblock %}{% spaceless %} <a> </a> {% endspaceless %}',
    '{% verbatim %}{{ raw }}{% endverbatim %}{# note #}{% comment %}x{% endcomment %}',
    '{% regroup dicts by name as g %}{% for k in g %}{{ k.grouper }}{{ k.list|length }}{% endfor %}',
    '{% ifchanged %}{{ n }}{% endifchanged %}{% lorem 3 w %}{% now "Y" %}{% url "x" %}',
    '{% include "a.html" %}{% include "b.html" with s="q" only %}{% load nothing %}',
    '{{ s|ljust:"10" }}{{ f|floatformat:"3" }}{{ n|stringformat:"05d" }}{{ words|wordwrap:5 }}{{ list|join:", " }}',
    '{{ when|date:"D d M Y" }}{{ day|timesince:when }}{{ dicts|dictsort:"name" }}{{ list|slice:"1:3" }}',
  ];
  for (const scenario of Object.values(BUILTIN_SCENARIOS)) for (const [path, source] of Object.entries(scenario.files)) if (path.endsWith(".html")) out.push(source);
  out.push(...Object.values(ADMIN_TEMPLATES).slice(0, 20));
  return out;
}

let SEEDS: string[] = [];

const DICTIONARY = ["{%", "%}", "{{", "}}", "{#", "#}", "{% if ", "{% endif %}", "{% for x in ", "{% endfor %}", "|", ":", '"', "'", "_(", " as ", " with ", "{% block x %}", "{% endblock %}", "{% verbatim %}", "{% endverbatim %}", "\n", "{% else %}", "{% empty %}", " and ", " not ", " or ", " in ", "==", "!="];

function random_filter_chain(rng: Rng): string {
  let out = "";
  const n = rng.range(0, 4);
  for (let i = 0; i < n; i++) {
    out += "|" + (rng.chance(0.95) ? rng.pick(FILTERS) : random_name(rng));
    if (rng.chance(0.6)) out += ":" + (rng.chance(0.85) ? rng.pick(ARGS) : JSON.stringify(random_text(rng, 12)));
  }
  return out;
}

function random_expression(rng: Rng): string {
  const head = rng.chance(0.8) ? rng.pick(VARIABLES) : rng.pick(ARGS);
  return head + random_filter_chain(rng);
}

function random_condition(rng: Rng): string {
  const ops = ["and", "or", "==", "!=", "<", ">", "<=", ">=", "in", "not in", "is", "is not"];
  let out = (rng.chance(0.2) ? "not " : "") + random_expression(rng);
  while (rng.chance(0.3)) out += ` ${rng.pick(ops)} ${random_expression(rng)}`;
  return out;
}

/** A random well-formed-ish template (nesting depth-bounded, sometimes deliberately broken). */
function random_template(rng: Rng, depth: number): string {
  const parts: string[] = [];
  const n = rng.range(1, 6);
  for (let i = 0; i < n; i++) {
    const r = rng.int(16);
    const inner = () => (depth < 6 ? random_template(rng, depth + 1) : "x");
    if (r < 3) parts.push(random_text(rng, 20).replace(/[{}%#]/g, ""));
    else if (r < 7) parts.push(`{{ ${random_expression(rng)} }}`);
    else if (r === 7) parts.push(`{% if ${random_condition(rng)} %}${inner()}${rng.chance(0.3) ? `{% elif ${random_condition(rng)} %}${inner()}` : ""}${rng.chance(0.3) ? `{% else %}${inner()}` : ""}{% endif %}`);
    else if (r === 8) parts.push(`{% for ${rng.chance(0.2) ? "k, v" : "x"} in ${random_expression(rng)}${rng.chance(0.2) ? " reversed" : ""} %}${inner()}${rng.chance(0.3) ? "{% empty %}e" : ""}{% endfor %}`);
    else if (r === 9) parts.push(`{% with ${random_name(rng)}=${random_expression(rng)} %}${inner()}{% endwith %}`);
    else if (r === 10) parts.push(`{% ${rng.pick(["spaceless", "autoescape on", "autoescape off", `filter ${rng.pick(FILTERS)}`, "ifchanged", "block " + random_name(rng)])} %}${inner()}{% end${rng.pick(["spaceless", "autoescape", "filter", "ifchanged", "block"])} %}`);
    else if (r === 11) parts.push(`{% ${rng.pick(["cycle", "firstof", "widthratio", "lorem", "now", "templatetag", "url", "include", "load", "resetcycle", "csrf_token", "debug", "regroup"])} ${Array.from({ length: rng.int(4) }, () => (rng.chance(0.5) ? rng.pick(ARGS) : rng.pick(VARIABLES))).join(" ")} %}`);
    else if (r === 12) parts.push(`{% include "${rng.pick(Object.keys(INCLUDED))}"${rng.chance(0.3) ? ` with ${random_name(rng)}=${random_expression(rng)}` : ""}${rng.chance(0.2) ? " only" : ""} %}`);
    else if (r === 13) parts.push(`{% lorem ${rng.pick(["1", "3", "999999999", "-1", "n", "big"])} ${rng.pick(["w", "p", "b", ""])} ${rng.chance(0.3) ? "random" : ""} %}`);
    else if (r === 14) parts.push(`{# ${random_text(rng, 10)} #}`);
    else parts.push(rng.pick(DICTIONARY));
  }
  return parts.join("");
}

type Input = { source: string };

export const templates = define_target<Input>({
  name: "templates",
  parser: "template source → Lexer → Parser → Template.render(Context)",
  size_limit: TEMPLATE_SOURCE_LIMIT,
  unit: "chars",
  limit_note: "a template is a project file: LIMITS.file_chars (500,000) in src/scenarios/format.ts",
  errors: [TemplateSyntaxError, TemplateDoesNotExist, VariableDoesNotExist, NoReverseMatch, py.RecursionError, py.MemoryError, py.ValueError, py.TypeError, py.ZeroDivisionError, py.OverflowError, py.AttributeError, py.KeyError, py.IndexError],
  setup() {
    const view = () => null;
    const urlconf = { urlpatterns: [path("book/<slug:slug>/", view, { name: "book_detail" }), path("x/<int:n>/", view, { name: "x" }), path("", view, { name: "home" })] };
    settings.configure({ SECRET_KEY: "fuzz", USE_TZ: false, ROOT_URLCONF: urlconf });
    engine = new Engine({ loaders: [["django.template.loaders.locmem.Loader", INCLUDED]], string_if_invalid: "", debug: false });
    SEEDS = seeds();
  },
  generate(rng) {
    if (rng.chance(0.5)) return { source: random_template(rng, 0) };
    return { source: mutate(rng, rng.pick(SEEDS), { dictionary: DICTIONARY, corpus: SEEDS, max_length: 20_000 }) };
  },
  stress(rng, size) {
    const fragments = ["{%", "{{", "{#", "{% if a %}", "{% for x in list %}", "{% with a=1 %}", "{% block b %}", "{% verbatim %}", "{% comment %}", "{{ s", "{{ s|", "{% if", "%}", "}}", "{{ x }}", "{% endif %}", "a", "\n", "{% spaceless %}", "{% filter upper %}", "{% autoescape off %}", '{{ "', "{% cycle a b %}", '{{ s|ljust:"9" }}', '{{ n|floatformat:"99" }}'];
    const r = rng.int(3);
    if (r === 0) return { source: repeat_to(rng, size, fragments) };
    if (r === 1) return { source: repeat_to(rng, size, fragments, "", "{% endif %}") };
    return { source: repeat_to(rng, size, SEEDS.filter((s) => s.length < 2000)) };
  },
  size_of: (input) => input.source.length,
  run(input) {
    const template = engine.from_string(input.source);
    return template.render(new Context(context_values())).valueOf().length;
  },
  describe: (input) => preview(input.source, 300),
});
