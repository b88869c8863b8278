/**
 * The timing harness of `npm run bench`: cases → per-run times (wall and CPU), the way the Python
 * anchors' benchlib.py times them, so our figures and theirs are read the same way.
 *
 * A *case* is one function timed as `n` back-to-back calls; per-run value = elapsed / n. Every case
 * gets an untimed warm-up of n calls (JIT tier-up; the anchors use n/10), then the cases of a group run round-robin
 * (run 1 of A, B, C, then run 2 of A, B, C …) so that every case of a run saw the same machine
 * load; `per_run_ratio(a, b)` divides A's run r by B's run r. CPU time (`process.cpuUsage`, all
 * threads) is recorded next to wall time: on a shared machine, wall time includes the time this
 * process waited for a core, CPU time does not.
 */
import { performance } from "node:perf_hooks";

export interface Case {
  name: string;
  /** One call of the workload. May return a promise (awaited before the next call). */
  fn: () => unknown;
  /** Calls per timed run. */
  n: number;
  /** Whether `fn` returns a promise (awaited); sync cases are timed without any await in the loop. */
  async?: boolean;
  /** Untimed, before / after every timed run. */
  setup?: () => unknown;
  teardown?: () => unknown;
}

/** Per-run values of one case, in µs per call. */
export interface Series {
  wall: number[];
  cpu: number[];
}

export type Unit = "us" | "ms" | "x" | "%";

/** One named figure of the bench (what `--json` writes and `--anchors` compares). */
export interface Figure {
  /** The key in the `--json` object, e.g. `django_hello_us`. */
  key: string;
  label: string;
  unit: Unit;
  /** Per-run values in `unit` (wall clock), and the same from CPU time. */
  wall: number[];
  cpu: number[];
  /** The Python anchors' row this figure compares with (results of `--anchors`). */
  anchor?: AnchorRef;
}

/** A row of the anchors' JSON output: script, `workload` and `metric` as benchlib.py writes them. */
export interface AnchorRef {
  script: "django_bench" | "orm_bench" | "template_bench" | "micro_bench";
  workload: string;
  metric: string;
  /** What the Python row measures, when it is not the same as ours (shown in the table). */
  note?: string;
}

/** Scale every case's `n` (the anchors' `--scale`); runs per case (the anchors' `--runs`). */
export interface RunOptions {
  runs: number;
  scale: number;
}

function cpu_us(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** Time `n` calls of a synchronous function: [wall µs, cpu µs] per call. */
function time_sync(fn: () => unknown, n: number): [number, number] {
  const c0 = cpu_us();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  const wall = (performance.now() - t0) * 1000;
  return [wall / n, (cpu_us() - c0) / n];
}

async function time_async(fn: () => unknown, n: number): Promise<[number, number]> {
  const c0 = cpu_us();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const wall = (performance.now() - t0) * 1000;
  return [wall / n, (cpu_us() - c0) / n];
}

/** Round-robin runs of every case after a warm-up; per-call µs for each run. */
export async function run_cases(cases: Case[], options: RunOptions): Promise<Map<string, Series>> {
  const n_of = (c: Case) => Math.max(1, Math.round(c.n * options.scale));
  for (const c of cases) {
    await c.setup?.();
    // The anchors warm up with N/10 calls (CPython has no JIT); V8 needs more calls to compile the
    // hot path, so each case gets one full untimed run of N calls.
    const warmup = n_of(c);
    if (c.async) await time_async(c.fn, warmup);
    else time_sync(c.fn, warmup);
    await c.teardown?.();
  }
  const out = new Map<string, Series>(cases.map((c) => [c.name, { wall: [], cpu: [] }]));
  for (let run = 0; run < options.runs; run++) {
    for (const c of cases) {
      await c.setup?.();
      (globalThis as { gc?: () => void }).gc?.();
      const [wall, cpu] = c.async ? await time_async(c.fn, n_of(c)) : time_sync(c.fn, n_of(c));
      await c.teardown?.();
      const series = out.get(c.name)!;
      series.wall.push(wall);
      series.cpu.push(cpu);
    }
  }
  return out;
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A[r] / B[r] for every run r (both measured in the same round of the round-robin). */
export function per_run_ratio(a: Series, b: Series): Series {
  return { wall: a.wall.map((x, i) => x / b.wall[i]), cpu: a.cpu.map((x, i) => x / b.cpu[i]) };
}

/** µs per call → the figure's unit. */
export function figure(key: string, label: string, unit: Unit, series: Series, anchor?: AnchorRef): Figure {
  const scale = unit === "ms" ? 1 / 1000 : 1;
  return { key, label, unit, wall: series.wall.map((v) => v * scale), cpu: series.cpu.map((v) => v * scale), ...(anchor ? { anchor } : {}) };
}

/** Append the runs of a later pass to the figures of an earlier one (same keys). */
export function pool(into: Figure[], more: Figure[]): Figure[] {
  for (const f of more) {
    const existing = into.find((g) => g.key === f.key);
    if (existing) {
      existing.wall.push(...f.wall);
      existing.cpu.push(...f.cpu);
    } else into.push({ ...f, wall: [...f.wall], cpu: [...f.cpu] });
  }
  return into;
}

export function format_value(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return "—";
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  return `${value.toFixed(digits)}${unit === "x" ? "×" : unit === "us" ? " µs" : unit === "%" ? " %" : " ms"}`;
}
