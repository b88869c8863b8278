/**
 * Template figures for `npm run bench`: the anchors' template_bench.py workload → ms per render.
 *
 * `bench/base.html` + `bench/list.html` (the anchors' benchapp templates, verbatim): the child
 * extends the base, overrides title, heading, content and footer (footer with `{{ block.super }}`),
 * and loops over `template_items(100)` emitting per row `{% cycle %}`, `forloop.counter`, `item.id`
 * and five filters (upper, truncatechars:40, floatformat:2, join, default) plus an `{% if %}`.
 * Engine: autoescape on, the cached loader (parsed once, each FilterExpression's filters compiled
 * into FilterSteps, ADR 0026); render = `template.render(Context(ctx))`.
 * The output is checked as the anchors check it: 100 `<tr `, escaped text present, 22,401 chars.
 * The same page in Jinja2 (the anchors' jinja_templates/) is timed the same way.
 */
import { settings } from "../src/frameworks/django/conf";
import { Context } from "../src/frameworks/django/template/context";
import { Engine } from "../src/frameworks/django/template/engine";
import { DictLoader, Environment } from "../src/frameworks/jinja2";
import { Recorder, set_active_recorder } from "../src/trace";
import { figure, run_cases, type Figure, type RunOptions } from "./harness";

export const DJANGO_TEMPLATES = {
  "bench/base.html": `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{% block title %}Bench{% endblock %}</title>
</head>
<body>
<header><h1>{% block heading %}Bench{% endblock %}</h1></header>
<main>
{% block content %}{% endblock %}
</main>
<footer>{% block footer %}Rendered by the bench{% endblock %}</footer>
</body>
</html>
`,
  "bench/list.html": `{% extends "bench/base.html" %}
{% block title %}{{ title }} ({{ items|length }}){% endblock %}
{% block heading %}{{ title }}{% endblock %}
{% block content %}
<table>
{% for item in items %}
<tr class="{% cycle 'odd' 'even' %}" id="row-{{ item.id }}">
<td>{{ forloop.counter }}</td>
<td>{{ item.name|upper }}</td>
<td>{{ item.description|truncatechars:40 }}</td>
<td>{{ item.price|floatformat:2 }}</td>
<td>{{ item.tags|join:", " }}</td>
<td>{{ item.note|default:"n/a" }}</td>
<td>{% if item.price > 50 %}expensive{% else %}cheap{% endif %}</td>
</tr>
{% endfor %}
</table>
{% endblock %}
{% block footer %}{{ block.super }} &middot; {{ items|length }} items{% endblock %}
`,
};

/** The anchors' `template_items(n)`: plain objects, no database. */
export function template_items(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i,
    name: `item <${i}> & co`,
    description: `Description of item ${i}: <b>bold</b> claims & more text that goes on for a while (${i})`,
    price: i * 1.25,
    tags: ["a<b", "c&d", `t${i}`],
    note: i % 2 ? "" : `note ${i}`,
  }));
}

/** The output checks of template_bench.py / django_bench.py. */
export function check_template_output(out: string, engine: string): void {
  const rows = out.split("<tr ").length - 1;
  if (rows !== 100 || !out.includes("ITEM &lt;99&gt; &amp; CO") || out.length !== 22401)
    throw new Error(`${engine} bench rendered unexpected output (${rows} rows, ${out.length} chars; the anchors' output has 100 rows and 22,401 chars)`);
}

export async function bench_templates(options: RunOptions): Promise<Figure[]> {
  const previous = set_active_recorder(new Recorder({ enabled: false }));
  // floatformat localizes through settings (USE_THOUSAND_SEPARATOR…): Django's defaults, when no
  // other bench has configured them (`--only templates`).
  if (!settings.configured) settings.configure({ SECRET_KEY: "bench" });
  try {
    const engine = new Engine({ autoescape: true, loaders: [["django.template.loaders.cached.Loader", [["django.template.loaders.locmem.Loader", DJANGO_TEMPLATES]]]] });
    const template = engine.get_template("bench/list.html");
    const ctx = { title: "Items", items: template_items(100) };
    const render = () => template.render(new Context(ctx));
    check_template_output(String(render()), "Django template");
    const res = await run_cases([{ name: "django render", fn: render, n: 60 }], options);
    return [
      figure("template_render_ms", "Django template: base + child, 100 items × 5 filters", "ms", res.get("django render")!, {
        script: "template_bench",
        workload: "template.django render child (extends base)",
        metric: "us/op",
      }),
    ];
  } finally {
    set_active_recorder(previous);
  }
}

/**
 * The anchors' Jinja2 workload (../shared/anchors/python-bench: jinja_templates/base.html +
 * list.html, `template_items(100)`, autoescape on, keep_trailing_newline): the child extends the
 * base, overrides four blocks (one with `super()`), and renders 100 rows with `loop.cycle`,
 * `loop.index` and five filters. Compiled once to closures (jinja2/compiler.ts, ADR 0026),
 * rendered repeatedly. `--anchors` also runs the
 * real Jinja2 (template_bench.py) in the same window and prints the ratio.
 */
export const JINJA_TEMPLATES = {
  "base.html": `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{% block title %}Bench{% endblock %}</title>
</head>
<body>
<header><h1>{% block heading %}Bench{% endblock %}</h1></header>
<main>
{% block content %}{% endblock %}
</main>
<footer>{% block footer %}Rendered by the bench{% endblock %}</footer>
</body>
</html>
`,
  "list.html": `{% extends "base.html" %}
{% block title %}{{ title }} ({{ items|length }}){% endblock %}
{% block heading %}{{ title }}{% endblock %}
{% block content %}
<table>
{% for item in items %}
<tr class="{{ loop.cycle('odd', 'even') }}" id="row-{{ item.id }}">
<td>{{ loop.index }}</td>
<td>{{ item.name|upper }}</td>
<td>{{ item.description|truncate(40, True, '…', 0) }}</td>
<td>{{ '%.2f'|format(item.price) }}</td>
<td>{{ item.tags|join(', ') }}</td>
<td>{{ item.note|default('n/a', true) }}</td>
<td>{% if item.price > 50 %}expensive{% else %}cheap{% endif %}</td>
</tr>
{% endfor %}
</table>
{% endblock %}
{% block footer %}{{ super() }} &middot; {{ items|length }} items{% endblock %}
`,
};

/** ms per render of the anchors' Jinja2 page (compiled once; `template.render(ctx)`). */
export async function bench_jinja(options: RunOptions): Promise<Figure[]> {
  const previous = set_active_recorder(new Recorder({ enabled: false }));
  try {
    const env = new Environment({ loader: new DictLoader(JINJA_TEMPLATES), autoescape: true, auto_reload: false, keep_trailing_newline: true });
    const template = env.get_template("list.html");
    const ctx = { title: "Items", items: template_items(100) };
    const render = () => template.render(ctx);
    check_template_output(String(render()), "Jinja2");
    const res = await run_cases([{ name: "jinja render", fn: render, n: 250 }], options);
    return [
      figure("jinja_render_ms", "Jinja2: base + child, 100 items × 5 filters", "ms", res.get("jinja render")!, {
        script: "template_bench",
        workload: "template.jinja2 render child (extends base)",
        metric: "us/op",
      }),
    ];
  } finally {
    set_active_recorder(previous);
  }
}
