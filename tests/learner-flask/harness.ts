/**
 * Flask learner projects as tests: a project folder (site/ in TypeScript, twin/ in Python, the
 * shared requests.json, project.json naming the app and the seed function, and recorded.json from
 * real Flask 3.1.3 by record.py) → the lab's responses to the same requests, compared one by one.
 *
 * The lab side does what a learner does on the page: load the files with the app as the entry, run
 * the seed function as a setup step (the schema and the tutorial's test data, in an application
 * context), then send the requests with one cookie jar (src/scenarios/client.ts), following no
 * redirect — as Flask's test client does on the Python side. Only today's date is normalised
 * (posts created during the run); everything else must be equal, byte for byte.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { CookieJar, build_request } from "../../src/scenarios/client";
import type { ScenarioRequest } from "../../src/scenarios/format";

export const PROJECTS = join(import.meta.dirname, "projects");

export interface RecordedResponse {
  request: string;
  status: number;
  content_type: string | null;
  location: string | null;
  body: string;
}

export function project_names(): string[] {
  return readdirSync(PROJECTS).filter((name) => statSync(join(PROJECTS, name)).isDirectory()).sort();
}

function read_tree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(root, full)] = readFileSync(full, "utf8");
    }
  };
  walk(root);
  return files;
}

/** Load, seed and replay one project; returns both sides' responses. */
export async function run_project(name: string): Promise<{ recorded: RecordedResponse[]; actual: RecordedResponse[] }> {
  const folder = join(PROJECTS, name);
  const files = read_tree(join(folder, "site"));
  const project: { app: string; seed: string } = JSON.parse(readFileSync(join(folder, "project.json"), "utf8"));
  const requests: ScenarioRequest[] = JSON.parse(readFileSync(join(folder, "requests.json"), "utf8"));
  const recorded: RecordedResponse[] = JSON.parse(readFileSync(join(folder, "recorded.json"), "utf8")).responses;
  const runtime = await HeadlessRuntime.create({ trace: false });
  const loaded = await runtime.load({ entry: { kind: "flask", app: project.app }, files, setup: [{ command: "call", function: project.seed }] });
  if (!loaded.ok) throw new Error(`${name}: load failed: ${loaded.error.type}: ${loaded.error.message}`);
  const jar = new CookieJar();
  const today = new Date().toISOString().slice(0, 10);
  const actual: RecordedResponse[] = [];
  for (const spec of requests) {
    const { response } = await runtime.request(build_request(spec, jar));
    jar.store_response(response);
    const header = (n: string) => response.headers.find(([k]) => k.toLowerCase() === n)?.[1] ?? null;
    const body = new TextDecoder().decode(response.body).replaceAll(today, "<today>");
    actual.push({ request: `${spec.method} ${spec.target}`, status: response.status, content_type: header("content-type"), location: header("location"), body });
  }
  return { recorded, actual };
}
