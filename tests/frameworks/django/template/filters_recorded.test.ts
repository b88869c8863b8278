/**
 * Django 5.2.17's built-in filters on values of every kind, as the real Django rendered them
 * (filters_recorded.py records filters_recorded.json): the same output, or the same exception
 * and message — `'datetime.date' object is not subscriptable`, `'int' object has no attribute
 * 'lower'` — and truncatechars_html keeping text that fits exactly as it was written.
 */
import { beforeAll, describe, expect, it } from "vitest";
import recorded from "./filters_recorded.json";
import { settings } from "../../../../src/frameworks/django/conf";
import { Context, Engine } from "../../../../src/frameworks/django/template";
import { date, datetime } from "../../../../src/frameworks/python/datetime";
import { Decimal } from "../../../../src/frameworks/python/decimal";

interface Case {
  source: string;
  value?: string;
  output?: string;
  error?: string;
  message?: string;
}

const values = () => ({
  s: "Hello World", e: "", n: 3, f: 2.5, neg: -1.25, u: null, l: [3, 1, 2], d: { a: 1, b: 2 }, t: true, html: "<b>x</b> & y", big: 1234567.891,
  ld: [{ k: 2, v: "b" }, { k: 1, v: "a" }], num_s: "42", dt: new datetime(2024, 3, 5, 14, 7, 9), dd: new date(2024, 3, 5), dec: new Decimal("1.005"),
});

function run(c: Case): Omit<Case, "source" | "value"> {
  try {
    const engine = new Engine({ loaders: [["django.template.loaders.locmem.Loader", { "main.html": c.source }]] });
    const context = c.value === undefined ? values() : { v: c.value };
    return { output: String(engine.get_template("main.html").render(new Context(context))) };
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "filters-recorded", USE_TZ: false, TIME_ZONE: "UTC" });
});

describe("Django 5.2.17 built-in filters on values of every kind", () => {
  const { cases } = recorded as { cases: Case[] };
  it("the recording is there", () => {
    expect(cases.length).toBeGreaterThan(1000);
  });
  for (const { source, value, ...expected } of cases) {
    it(`${source}${value === undefined ? "" : ` with ${JSON.stringify(value)}`}`, () => {
      expect(run({ source, value })).toEqual(expected);
    });
  }
});
