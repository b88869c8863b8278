/**
 * Template workload (issue 5): a base template and a child that extends it and loops over 100 items
 * applying five filters per item (title, truncatechars, date, default, floatformat). Compiled once
 * (the cached loader), then rendered repeatedly: time per render after compilation, tracing on/off.
 */
import { performance } from "node:perf_hooks";
import { settings } from "../src/frameworks/django/conf";
import { Context } from "../src/frameworks/django/template/context";
import { Engine } from "../src/frameworks/django/template/engine";
import { datetime } from "../src/frameworks/python/datetime";
import { Recorder, set_active_recorder } from "../src/trace";
import { DictLoader, Environment } from "../src/frameworks/jinja2";
import { install_code_compiler } from "../src/runtime/code-compiler";

const TEMPLATES = {
  "base.html": "<html><head><title>{% block title %}Site{% endblock %}</title></head><body>{% block content %}{% endblock %}</body></html>",
  "list.html": `{% extends "base.html" %}{% block title %}Items | {{ block.super }}{% endblock %}{% block content %}<ul>{% for item in items %}
<li>{{ item.name|title }} — {{ item.description|truncatechars:20 }} — {{ item.when|date:"N j, Y" }} — {{ item.note|default:"n/a" }} — {{ item.price|floatformat:2 }}</li>{% endfor %}</ul>{% endblock %}`,
};

export function bench_templates(): void {
  if (!settings.configured) settings.configure({ SECRET_KEY: "bench", USE_TZ: false });
  const engine = new Engine({ loaders: [["django.template.loaders.cached.Loader", [["django.template.loaders.locmem.Loader", TEMPLATES]]]] });
  const items = Array.from({ length: 100 }, (_, i) => ({
    name: `item number ${i}`,
    description: `a fairly long description of item ${i} that will be truncated`,
    when: new datetime(2024, 1 + (i % 12), 1 + (i % 28), 12, 0, 0),
    note: i % 3 ? `note ${i}` : "",
    price: i * 1.2345,
  }));
  const template = engine.get_template("list.html");
  const render = () => template.render(new Context({ items }));
  if (!render().includes("Item Number 99")) throw new Error("template bench rendered unexpected output");
  const time = (enabled: boolean, iterations: number) => {
    const previous = set_active_recorder(new Recorder({ enabled }));
    const start = performance.now();
    for (let i = 0; i < iterations; i++) {
      if (enabled) set_active_recorder(new Recorder({ enabled }));
      render();
    }
    const ms = (performance.now() - start) / iterations;
    set_active_recorder(previous);
    return ms;
  };
  time(false, 50);
  time(true, 20);
  const off = time(false, 300);
  const on = time(true, 100);
  console.log(`bench template (extends + 100 items × 5 filters): ${off.toFixed(3)} ms per render after compilation, tracing on ${on.toFixed(3)} ms (${(on / off).toFixed(2)}x)`);
}

/**
 * The anchors' Jinja2 workload (../shared/anchors/python-bench: jinja_templates/base.html +
 * list.html, `template_items(100)`, autoescape on, keep_trailing_newline): the child extends the
 * base, overrides four blocks (one with `super()`), and renders 100 rows with `loop.cycle`,
 * `loop.index` and five filters. Compiled once, rendered repeatedly. `--anchors` also runs the
 * real Jinja2 (template_bench.py) in the same window and prints the ratio.
 */
const JINJA_TEMPLATES = {
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

function template_items(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i,
    name: `item <${i}> & co`,
    description: `Description of item ${i}: <b>bold</b> claims & more text that goes on for a while (${i})`,
    price: i * 1.25,
    tags: ["a<b", "c&d", `t${i}`],
    note: i % 2 ? "" : `note ${i}`,
  }));
}

/** ms per render of the anchors' Jinja workload (tracing off), and with tracing on. */
export function bench_jinja(): { off: number; on: number; chars: number } {
  install_code_compiler();
  const env = new Environment({ loader: new DictLoader(JINJA_TEMPLATES), autoescape: true, auto_reload: false, keep_trailing_newline: true });
  const template = env.get_template("list.html");
  const ctx = { title: "Items", items: template_items(100) };
  const out = template.render(ctx);
  if ((out.match(/<tr /g) ?? []).length !== 100 || !out.includes("ITEM &lt;99&gt; &amp; CO")) throw new Error("jinja bench rendered unexpected output");
  const time = (enabled: boolean, iterations: number) => {
    const previous = set_active_recorder(new Recorder({ enabled }));
    const start = performance.now();
    for (let i = 0; i < iterations; i++) {
      if (enabled) set_active_recorder(new Recorder({ enabled }));
      template.render(ctx);
    }
    const ms = (performance.now() - start) / iterations;
    set_active_recorder(previous);
    return ms;
  };
  time(false, 200);
  time(true, 50);
  const off = Math.min(time(false, 500), time(false, 500));
  const on = time(true, 200);
  console.log(`bench jinja (anchors' list.html: extends + 100 rows × 5 filters): ${off.toFixed(3)} ms per render after compilation, tracing on ${on.toFixed(3)} ms (${(on / off).toFixed(2)}x), ${out.length} chars`);
  return { off, on, chars: out.length };
}
