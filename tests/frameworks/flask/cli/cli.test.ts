/**
 * flask.cli, replayed against real Flask 3.1.3 (recorded.json, from record.py): `flask …` command
 * lines on the tutorial's flaskr and on an app with its own commands, each run as a process by the
 * headless runtime (the Flask mode's `manage`, as the page's Terminal runs it) → the same stdout,
 * stderr and exit status, byte for byte: `--help` with the app's commands, `routes` and its sorts,
 * `init-db`, finding the application (`--app`, `module:name`, `app.py`) and every error on the way.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { HeadlessRuntime } from "../../../../src/runtime/headless";
import type { CommandResult } from "../../../../src/runtime/protocol";
import { CookieJar, build_request, replay_all } from "../../../../src/scenarios/client";

interface Case {
  project: string;
  argv: string[];
  stdout: string;
  stderr: string;
  exit_code: number;
}

const recorded: { flask: string; cases: Case[] } = JSON.parse(readFileSync(join(import.meta.dirname, "recorded.json"), "utf8"));

const PROJECTS: Record<string, { folder: string; app: string }> = {
  flaskr: { folder: join(import.meta.dirname, "../../../learner-flask/projects/flaskr/site"), app: "flaskr.app" },
  commands: { folder: join(import.meta.dirname, "commands/site"), app: "app.app" },
};

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

/** stdout and stderr of a finished process. */
function streams(result: CommandResult): { stdout: string; stderr: string; exit_code: number | undefined } {
  if (!result.ok) throw new Error(`${result.error.type}: ${result.error.message}`);
  const chunks = result.chunks ?? [];
  const text = (stream: string) => chunks.filter((c) => c.stream === stream).map((c) => c.text).join("");
  return { stdout: text("stdout"), stderr: text("stderr"), exit_code: result.exit_code };
}

/** One runtime (one page): the project loaded again when the next case is another project's. */
let runtime: HeadlessRuntime;
let loaded_project: string | null = null;

async function runtime_for(name: string): Promise<HeadlessRuntime> {
  if (loaded_project !== name) {
    const project = PROJECTS[name];
    const loaded = await runtime.load({ entry: { kind: "flask", app: project.app }, files: read_tree(project.folder) });
    if (!loaded.ok) throw new Error(`${name}: ${loaded.error.type}: ${loaded.error.message}`);
    loaded_project = name;
  }
  return runtime;
}

beforeAll(async () => {
  runtime = await HeadlessRuntime.create({ trace: false });
});

describe(`the flask command prints what Flask ${recorded.flask} prints`, () => {
  for (const c of recorded.cases) {
    test(`${c.project}: flask ${c.argv.join(" ")}`.trim(), async () => {
      const result = await (await runtime_for(c.project)).command({ command: "manage", argv: c.argv });
      expect(streams(result)).toEqual({ stdout: c.stdout, stderr: c.stderr, exit_code: c.exit_code });
    });
  }
});

describe("flask --app flaskr init-db on the page's database", () => {
  test("creates the tutorial's tables, which the application's requests then use", async () => {
    loaded_project = null;
    const loaded = await runtime.load({ entry: { kind: "flask", app: "flaskr.app" }, files: read_tree(PROJECTS.flaskr.folder) });
    expect(loaded.ok).toBe(true);
    const before = await runtime.request(build_request({ method: "GET", target: "/" }, new CookieJar()));
    expect(before.response.status).toBe(500); // no tables yet: sqlite3.OperationalError
    const result = await runtime.command({ command: "manage", argv: ["--app", "flaskr", "init-db"] });
    expect(streams(result)).toEqual({ stdout: "Initialized the database.\n", stderr: "", exit_code: 0 });
    const after = await runtime.request(build_request({ method: "GET", target: "/" }, new CookieJar()));
    expect(after.response.status).toBe(200);
    expect(new TextDecoder().decode(after.response.body)).toContain("<h1>Posts</h1>");
  });

  test("runs as a scenario script's manage step, before the requests that need the tables", async () => {
    loaded_project = null;
    await runtime.load({ entry: { kind: "flask", app: "flaskr.app" }, files: read_tree(PROJECTS.flaskr.folder) });
    const run = await replay_all(runtime, { requests: [{ method: "GET", target: "/auth/register" }, { method: "GET", target: "/" }], script: [{ manage: ["--app", "flaskr", "init-db"] }, { request: 1 }] });
    const command = run.script[0].command;
    expect(command && command.ok ? streams(command) : command).toEqual({ stdout: "Initialized the database.\n", stderr: "", exit_code: 0 });
    expect(run.requests.map((r) => r.result.response.status)).toEqual([200, 200]);
  });

  test("is traced: the command, the app context it ran in, and the SQL script", async () => {
    const traced = await HeadlessRuntime.create({ trace: true });
    await traced.load({ entry: { kind: "flask", app: "flaskr.app" }, files: read_tree(PROJECTS.flaskr.folder) });
    const result = await traced.command({ command: "manage", argv: ["--app", "flaskr", "init-db"] });
    if (!result.ok) throw new Error(result.error.message);
    const names = result.trace.spans.map((s) => `${s.kind}:${s.name}`);
    expect(names[0]).toBe("command:flask --app flaskr init-db");
    expect(names).toContain("command:flask init-db");
    expect(names).toContain("context:AppContext.pop");
  });
});
