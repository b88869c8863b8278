/**
 * The real frameworks' figures for `npm run bench -- --anchors`: runs the Python anchors
 * (../shared/anchors/python-bench/*.py, one JSON line each) in the same window as our bench and
 * finds the rows our figures compare with.
 *
 * Python comes from a venv with Django 5.2.17, Flask 3.1.3 and FastAPI 0.142.2: `.venv-ref` in the
 * repository's root, else `/work/.venv-ref` (the shared one on the team's machine). Without one,
 * or without the anchors' folder, `find_anchors` says why and the bench runs without them.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AnchorRef, Unit } from "./harness";

/** The repository's root (bench/run.mjs says where it is: the bundle it runs lives elsewhere). */
const ROOT = process.env.BENCH_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** One row of benchlib.py's output. */
export interface AnchorRow {
  workload: string;
  metric: string;
  unit: string;
  values: number[];
  median: number;
  cpu_values?: number[];
  cpu_median?: number;
}

export interface AnchorScript {
  script: string;
  results: AnchorRow[];
  env: { loadavg_start?: string[]; loadavg_end?: string[]; other_cores_busy_avg?: number | null; cpu_pinning?: unknown; packages?: Record<string, string> };
}

export type Located = { ok: true; python: string; dir: string } | { ok: false; reason: string };

/** The venv's python and the anchors' folder, or why they are not there. */
export function find_anchors(dir_option?: string): Located {
  const pythons = [join(ROOT, ".venv-ref", "bin", "python"), "/work/.venv-ref/bin/python"];
  const python = pythons.find((p) => existsSync(p));
  const dirs = dir_option ? [resolve(dir_option)] : [resolve(ROOT, "..", "shared", "anchors", "python-bench"), "/work/shared/anchors/python-bench"];
  const dir = dirs.find((d) => existsSync(join(d, "benchlib.py")));
  if (!python) return { ok: false, reason: `no Python venv with the real frameworks (looked for ${pythons.join(" and ")}); create one as ../shared/anchors/python-bench/README.md says` };
  if (!dir) return { ok: false, reason: `no anchors folder (looked for benchlib.py in ${dirs.join(" and ")}); pass --anchors-dir DIR` };
  return { ok: true, python, dir };
}

/** Run one anchor script (`--runs`, `--scale` as benchlib.py takes them) and parse its JSON line. */
export function run_anchor(where: { python: string; dir: string }, script: string, runs: number, scale: number): AnchorScript {
  const started = Date.now();
  const out = spawnSync(where.python, [join(where.dir, `${script}.py`), "--runs", String(runs), "--scale", String(scale)], {
    cwd: where.dir,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PYTHONWARNINGS: "ignore" },
  });
  if (out.status !== 0) throw new Error(`anchor ${script}.py failed (exit ${out.status}): ${(out.stderr || "").trim().split("\n").slice(-5).join("\n")}`);
  const line = out.stdout.trim().split("\n").filter((l) => l.startsWith("{")).pop();
  if (!line) throw new Error(`anchor ${script}.py printed no JSON line`);
  const parsed = JSON.parse(line) as AnchorScript;
  process.stderr.write(`  anchors: ${script}.py done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return parsed;
}

/** The row a figure points at, its values converted to the figure's unit. */
export function anchor_values(scripts: AnchorScript[], ref: AnchorRef, unit: Unit): { wall: number[]; cpu: number[] } | null {
  const script = scripts.find((s) => s.script === ref.script);
  const row = script?.results.find((r) => r.workload === ref.workload && r.metric === ref.metric);
  if (!row) return null;
  const factor = unit === "x" ? 1 : scale_of(row.unit) / scale_of(unit);
  return { wall: row.values.map((v) => v * factor), cpu: (row.cpu_values ?? []).map((v) => v * factor) };
}

function scale_of(unit: string): number {
  if (unit === "us") return 1;
  if (unit === "ms") return 1000;
  if (unit === "s") return 1_000_000;
  if (unit === "x") return 1;
  throw new Error(`anchors: unit ${unit} cannot be compared`);
}
