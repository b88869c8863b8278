/**
 * Nothing leaks between projects: every built-in scenario, loaded after all the others in one
 * runtime (forwards, then backwards), answers its scripted requests exactly as it does when it is
 * the first project a fresh runtime loads — same statuses, same content types, same checks passing.
 * Plus direct probes of the state a project can leave behind: a receiver on a framework signal,
 * an admin registration, the app registry, settings.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { BUILTIN_SCENARIOS } from "../../src/scenarios/index";
import { replay_all, run_checks, build_request } from "../../src/scenarios/client";
import type { Scenario } from "../../src/scenarios/format";
import { MODE_BOOTS } from "../../src/modes";
import { MODE_DESCRIPTORS } from "../../src/modes/descriptors";
import { site } from "../../src/frameworks/django/contrib/admin";
import { apps } from "../../src/frameworks/django/apps";
import { _cv_app, _cv_request } from "../../src/frameworks/flask/globals";

interface Outcome {
  responses: string[];
  checks: string[];
}

async function run(runtime: HeadlessRuntime, scenario: Scenario): Promise<Outcome> {
  const loaded = await runtime.load(scenario);
  expect(loaded.ok ? "loaded" : loaded.error.message).toBe("loaded");
  const replayed = await replay_all(runtime, scenario);
  const header = (headers: [string, string][], name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? "";
  return {
    responses: replayed.requests.map(({ request, result: { response } }) => `${request.method} ${request.target} → ${response.status} ${header(response.headers, "content-type")} ${header(response.headers, "location")}`),
    checks: run_checks(scenario.checks ?? [], replayed).map((c) => `${"request" in c.check ? c.check.request : `script ${c.check.script}`}: ${c.message}`),
  };
}

const ids = Object.keys(BUILTIN_SCENARIOS);

describe("modes: nothing survives from one project into the next", () => {
  const first = new Map<string, Outcome>();

  beforeAll(async () => {
    for (const id of ids) first.set(id, await run(await HeadlessRuntime.create(), BUILTIN_SCENARIOS[id]));
  }, 120_000);

  it("every built-in scenario's mode is registered, as data and as code", () => {
    for (const scenario of Object.values(BUILTIN_SCENARIOS)) {
      expect(MODE_DESCRIPTORS.map((m) => m.id)).toContain(scenario.framework);
      expect(MODE_BOOTS.map((m) => m.id)).toContain(scenario.framework);
    }
    expect(MODE_BOOTS.map((m) => m.id)).toEqual(MODE_DESCRIPTORS.map((m) => m.id));
  });

  it("each scenario, loaded after every other one in one runtime, behaves as if loaded first", async () => {
    const runtime = await HeadlessRuntime.create();
    for (const id of [...ids, ...[...ids].reverse()]) expect({ id, ...(await run(runtime, BUILTIN_SCENARIOS[id])) }).toEqual({ id, ...first.get(id) });
  }, 120_000);

  it("a receiver, an admin registration, an installed app and a setting from one project are gone in the next", async () => {
    const runtime = await HeadlessRuntime.create();
    const leaky: Scenario = {
      ...BUILTIN_SCENARIOS["admin-users"],
      files: {
        ...BUILTIN_SCENARIOS["admin-users"].files,
        "leak/__init__.ts": "",
        "leak/apps.ts": `import { AppConfig } from "django/apps";\nimport { request_finished } from "django/core/signals";\nexport class LeakConfig extends AppConfig {\n  name = "leak";\n  ready() { request_finished.connect(function shout(sender: unknown, kwargs: object) { console.log("LEAKED RECEIVER"); }, { weak: false }); }\n}\n`,
        "leak/admin.ts": `import { site } from "django/contrib/admin";\nimport { Permission } from "django/contrib/auth/models";\nsite.register(Permission);\n`,
      },
    };
    leaky.files["project/settings.ts"] = leaky.files["project/settings.ts"].replace(/INSTALLED_APPS = \[/, 'INSTALLED_APPS = [\n  "leak.apps.LeakConfig",');
    const loaded = await runtime.load(leaky);
    expect(loaded.ok ? "loaded" : loaded.error.message).toBe("loaded");
    const noisy = await runtime.request(build_request({ method: "GET", target: "/admin/login/" }, null));
    expect(noisy.logs.map((l) => l.message)).toContain("LEAKED RECEIVER");
    expect([...site._registry.keys()].map((model: any) => model._meta.label)).toContain("auth.Permission");
    expect(apps.is_installed("leak")).toBe(true);

    for (const id of ids.filter((i) => BUILTIN_SCENARIOS[i].framework === "django")) {
      await runtime.load(BUILTIN_SCENARIOS[id]);
      const quiet = await runtime.request(build_request({ method: "GET", target: "/admin/login/" }, null));
      expect({ id, logs: quiet.logs.map((l) => l.message).filter((m) => m.includes("LEAKED")) }).toEqual({ id, logs: [] });
      const registered = [...site._registry.keys()].map((model: any) => model._meta.label);
      expect({ id, permission_registered: registered.includes("auth.Permission"), leak_app: apps.is_installed("leak") }).toEqual({ id, permission_registered: false, leak_app: false });
    }
  }, 120_000);

  it("a Flask extension, a context left pushed and an open sqlite3 transaction from one project are gone in the next", async () => {
    const runtime = await HeadlessRuntime.create();
    const leaky: Scenario = {
      ...BUILTIN_SCENARIOS["flask-blueprints"],
      entry: { kind: "flask", app: "leak.app" },
      files: {
        "leak.ts": `import { Flask } from "flask";
import * as sqlite3 from "python/sqlite3";
export const app = new Flask("leak");
app.extensions["leaky_extension"] = { shout: () => "LEAKED" };
// A context pushed at import and never popped, and a write never committed.
app.app_context().push();
export const db = sqlite3.connect("leak.sqlite");
db.execute("CREATE TABLE leak (a)");
db.execute("INSERT INTO leak VALUES (1)");
app.route("/")(() => "leaky");
`,
      },
    };
    const loaded = await runtime.load(leaky);
    expect(loaded.ok ? "loaded" : loaded.error.message).toBe("loaded");
    expect(_cv_app.get(null)?.app.name).toBe("leak");

    await runtime.load(BUILTIN_SCENARIOS["flask-blueprints"]);
    expect([_cv_app.get(null), _cv_request.get(null)]).toEqual([null, null]);
    const info = await runtime.request(build_request({ method: "GET", target: "/extension" }, null));
    expect(JSON.parse(new TextDecoder().decode(info.response.body)).registered).toEqual(["my_extension"]);
    expect([_cv_app.get(null), _cv_request.get(null)]).toEqual([null, null]);
    const tables = await runtime.load({ ...leaky, files: { "leak.ts": `import { Flask } from "flask";\nimport * as sqlite3 from "python/sqlite3";\nexport const app = new Flask("probe");\napp.route("/")(() => JSON.stringify(sqlite3.connect("x").execute("SELECT name FROM sqlite_master").fetchall()));\n` } });
    expect(tables.ok).toBe(true);
    const probe = await runtime.request(build_request({ method: "GET", target: "/" }, null));
    expect(new TextDecoder().decode(probe.response.body)).toBe("[]");
  }, 60_000);
});
