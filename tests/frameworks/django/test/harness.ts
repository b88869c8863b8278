/**
 * A test project run the way a learner runs it: its files loaded in the headless runtime, its
 * migrations made (makemigrations), then `python manage.py <argv>` as a process — stdout, stderr
 * and the exit status kept apart, as tests/frameworks/django/test/record.py keeps Django's.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { HeadlessRuntime } from "../../../../src/runtime/headless";
import type { CommandResult } from "../../../../src/runtime/protocol";

export const PROJECTS = join(import.meta.dirname, "projects");

export interface ManageRun {
  stdout: string;
  stderr: string;
  exit_code: number | undefined;
}

export function read_tree(root: string): Record<string, string> {
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

function streams(result: CommandResult): { stdout: string; stderr: string } {
  if (!result.ok) throw new Error(`${result.error.type}: ${result.error.message}`);
  const chunks = result.chunks ?? [];
  return { stdout: chunks.filter((c) => c.stream === "stdout").map((c) => c.text).join(""), stderr: chunks.filter((c) => c.stream === "stderr").map((c) => c.text).join("") };
}

/** Load a project folder's site/ (with its migrations made) into a new runtime. */
export async function load_project(name: string): Promise<{ runtime: HeadlessRuntime; files: Record<string, string> }> {
  const files = read_tree(join(PROJECTS, name, "site"));
  const settings = Object.keys(files).find((p) => p.endsWith("/settings.ts"))!.replace(/\.ts$/, "").replace(/\//g, ".");
  const runtime = await HeadlessRuntime.create({ trace: false });
  const entry = { kind: "django" as const, settings };
  const first = await runtime.load({ entry, files });
  if (!first.ok) throw new Error(`${name}: load failed: ${first.error.type}: ${first.error.message}`);
  const apps = [...new Set(Object.keys(files).filter((p) => /^[^/]+\/models\.ts$/.test(p)).map((p) => p.split("/")[0]))];
  const made = await runtime.command({ command: "makemigrations", app_labels: apps });
  if (!made.ok) throw new Error(`${name}: makemigrations failed: ${made.error.type}: ${made.error.message}`);
  const all = { ...files, ...made.files };
  const loaded = await runtime.load({ entry, files: all, setup: [{ command: "migrate" }] });
  if (!loaded.ok) throw new Error(`${name}: migrate failed: ${loaded.error.type}: ${loaded.error.message}`);
  return { runtime, files: all };
}

/** `python manage.py <argv>` with stdin not a terminal. */
export async function manage(runtime: HeadlessRuntime, argv: string[]): Promise<ManageRun> {
  const result = await runtime.command({ command: "manage", argv, interactive: false });
  const { stdout, stderr } = streams(result);
  return { stdout, stderr, exit_code: result.ok ? result.exit_code : undefined };
}
