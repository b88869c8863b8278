/**
 * Tutorial-style FastAPI apps (nineteen, 392 requests; NAME.files/ holds project files beside main.ts —
 * templates and static files, or a whole package whose Python twin sits beside it), as a learner writes them following FastAPI's tutorial, answered as
 * real FastAPI 0.142.2 answers them: NAME.py is the Python app, NAME.main.ts.txt the same app for
 * the lab, NAME.requests.json the requests, NAME.recorded.json real FastAPI's answers (record.py).
 * Each request's status, headers and body must be identical.
 *
 * Known difference left out of the requests: an integral float computed in the handler from floats
 * (`item.price + item.tax` with 1 and 2) or a `float` parameter returned in a dict prints `3` where
 * Python prints `3.0` (JavaScript has one number type). A model's floats print `1.0` as in Python:
 * through a `response_model`, a model instance, and a `model_dump()` spread into a dict (the dump
 * marks its float fields, python/json.ts FLOAT_KEYS).
 *
 * Also left out: a TS enum member is a plain string, so a route tagged `tags: [Tags.items]` that
 * has no parameters comes out of the OpenAPI document in the `Operation` model's key order
 * (`responses` before `deprecated`, `content` before `required`), where Python's Enum tag fails
 * the `PathItem` model's strict validation and keeps FastAPI's own order.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ungzip } from "pako";
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../../../src/runtime/headless";
import { build_request } from "../../../../src/scenarios/client";
import { SCENARIO_FORMAT, type Scenario } from "../../../../src/scenarios/format";

type Sent = { method?: string; url: string; headers?: [string, string][]; json?: unknown; body?: string };
const read = (file: string) => readFileSync(resolve(__dirname, file), "utf8");

/** NAME.files/ (templates, static files): project files beside main.ts, as the app's folder holds them in Python. */
function project_files(name: string): Record<string, string> {
  const root = resolve(__dirname, `${name}.files`);
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (!full.endsWith(".py")) files[relative(root, full)] = readFileSync(full, "utf8");
    }
  };
  if (existsSync(root)) walk(root);
  return files;
}
/**
 * The headers TestClient (httpx) sends for a request of record.py: the request's headers as a dict
 * (a repeated name keeps its first place and its last value), `content-type` set for JSON, merged
 * over httpx's defaults (a default given again moves to the end), `Host: testserver` first unless
 * given — absolute URLs (url_for, redirects) show it.
 */
function testclient_headers(r: Sent): [string, string][] {
  const given = new Map<string, [string, string]>();
  for (const [k, v] of r.headers ?? []) {
    const key = k.toLowerCase();
    given.set(key, [given.get(key)?.[0] ?? k, v]);
  }
  if (r.json !== undefined) given.set("content-type", [given.get("content-type")?.[0] ?? "content-type", "application/json"]);
  const defaults: [string, string][] = [["accept", "*/*"], ["accept-encoding", "gzip, deflate"], ["connection", "keep-alive"], ["user-agent", "testclient"]];
  const headers = [...defaults.filter(([k]) => !given.has(k)), ...given.values()];
  if (!given.has("host")) headers.unshift(["host", "testserver"]);
  return headers;
}

let runtime: HeadlessRuntime;

beforeAll(async () => {
  runtime = await HeadlessRuntime.create();
}, 60_000);

describe("tutorial-style FastAPI apps answer as real FastAPI does", () => {
  for (const name of ["basics", "deps_security", "models_responses", "advanced", "templates_static", "bigger", "dependencies", "security", "middleware", "errors_models", "params_forms", "files", "lifespan", "events", "advanced2", "metadata_examples", "redirects", "background", "extra_types"]) {
    it(`${name}: every request's status, headers and body`, async () => {
      const scenario: Scenario = { format: SCENARIO_FORMAT, title: name, framework: "fastapi", entry: { kind: "fastapi", app: "main.app" }, files: { ...project_files(name), "main.ts": read(`${name}.main.ts.txt`) }, requests: [] };
      const loaded = await runtime.load(scenario);
      expect(loaded.ok).toBe(true);
      const sent = JSON.parse(read(`${name}.requests.json`)) as Sent[];
      const recorded = JSON.parse(read(`${name}.recorded.json`)) as unknown[];
      const answers: unknown[] = [];
      for (const r of sent) {
        const headers = testclient_headers(r);
        const body = r.json !== undefined ? JSON.stringify(r.json) : r.body;
        const { response } = await runtime.request(build_request({ method: r.method ?? "GET", target: r.url, headers, ...(body !== undefined ? { body } : {}) }, null));
        const kept = response.headers.map(([k, v]) => [k.toLowerCase(), v]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
        // httpx (under TestClient) undoes a gzip Content-Encoding; content-length stays the compressed size.
        const gzipped = kept.some(([k, v]) => k === "content-encoding" && v === "gzip");
        answers.push([r.method ?? "GET", r.url, response.status, kept, new TextDecoder().decode(gzipped ? ungzip(response.body) : response.body)]);
      }
      if (process.env.TUTORIAL_REPORT) {
        const failed = answers.filter((a, i) => JSON.stringify(a) !== JSON.stringify(recorded[i]));
        console.log(`${name}: ${answers.length - failed.length}/${answers.length} requests identical`);
        if (process.env.TUTORIAL_DUMP) writeFileSync(`${process.env.TUTORIAL_DUMP}/${name}.ours.json`, JSON.stringify(answers));
        for (const a of failed) console.log("  ours:", JSON.stringify(a).slice(0, Number(process.env.TUTORIAL_REPORT)), "\n  real:", JSON.stringify(recorded[answers.indexOf(a)]).slice(0, Number(process.env.TUTORIAL_REPORT)));
      }
      expect(answers).toEqual(recorded);
    }, 60_000);
  }
});
