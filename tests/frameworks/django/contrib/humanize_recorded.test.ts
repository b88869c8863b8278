/**
 * django.contrib.humanize in a project, against Django 5.2.17: humanize_recorded.json (from
 * humanize_recorded.py) holds templates, values and what real Django rendered. A project with
 * `django.contrib.humanize` in INSTALLED_APPS renders every case in one view, so `{% load humanize %}`
 * finds the library as Django does (the app's templatetags module). Times are offsets from now on
 * both sides (a printed date is a fixed one); a future time is taken a millisecond early, as Python's microseconds had passed by
 * the time its filter read the clock.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../../../src/runtime/headless";
import { build_request } from "../../../../src/scenarios/client";
import { SCENARIO_FORMAT, type Scenario } from "../../../../src/scenarios/format";

interface Case {
  template: string;
  value: unknown;
  output: string;
}
const recorded: { cases: Case[] } = JSON.parse(readFileSync(resolve(__dirname, "humanize_recorded.json"), "utf8"));

const VIEW = `
import { HttpResponse } from "django/http";
import { Template, Context } from "django/template";
import { Decimal } from "python/decimal";
import { PyFloat } from "python/json";
import { date, timedelta } from "python/datetime";
import * as timezone from "django/utils/timezone";
import { CASES } from "./cases";

function decode(v) {
  if (v !== null && typeof v === "object") {
    if ("decimal" in v) return new Decimal(v.decimal);
    if ("float" in v) return new PyFloat(Number(v.float));
    if ("int" in v) return BigInt(v.int);
    if ("seconds_from_now" in v) return timezone.now().add(new timedelta({ seconds: v.seconds_from_now > 0 ? v.seconds_from_now - 0.001 : v.seconds_from_now }));
    if ("date" in v) return date.fromisoformat(v.date);
    if ("days_from_today" in v) return date.today().add(new timedelta({ days: v.days_from_today }));
  }
  return v;
}

export function render_all(request) {
  const out = CASES.map((c) => String(new Template(c.template).render(new Context({ v: decode(c.value) }))));
  return new HttpResponse(JSON.stringify(out), { content_type: "application/json" });
}
`;

describe("django.contrib.humanize", () => {
  it(`renders the ${recorded.cases.length} recorded cases as Django 5.2.17 did`, async () => {
    const scenario: Scenario = {
      format: SCENARIO_FORMAT,
      title: "humanize",
      framework: "django",
      entry: { kind: "django", settings: "site.settings" },
      files: {
        "site/settings.ts": `export const SECRET_KEY = "t"; export const DEBUG = true; export const ALLOWED_HOSTS = ["localhost"];
export const ROOT_URLCONF = "site.urls"; export const USE_TZ = true; export const TIME_ZONE = "UTC";
export const INSTALLED_APPS = ["django.contrib.humanize"];
export const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", APP_DIRS: true }];`,
        "site/urls.ts": `import { path } from "django/urls"; import { render_all } from "./views"; export const urlpatterns = [path("", render_all)];`,
        "site/views.ts": VIEW,
        "site/cases.ts": `export const CASES = ${JSON.stringify(recorded.cases.map(({ template, value }) => ({ template, value })))};`,
      },
      requests: [],
    };
    const runtime = await HeadlessRuntime.create({ trace: false });
    const loaded = await runtime.load(scenario);
    expect(loaded.ok ? "ok" : loaded.error.message).toBe("ok");
    const { response } = await runtime.request(build_request({ method: "GET", target: "/" }, null));
    const body = new TextDecoder().decode(response.body);
    expect(response.status, body.slice(0, 2000)).toBe(200);
    const outputs: string[] = JSON.parse(body);
    const got = recorded.cases.map((c, i) => ({ template: c.template, value: c.value, output: outputs[i] }));
    expect(got).toEqual(recorded.cases);
  }, 60_000);
});
