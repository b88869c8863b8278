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
