/**
 * `npm run bench`: our frameworks timed on the anchors' workloads (../shared/anchors/python-bench/
 * README.md) → one table of figures, optionally beside the real frameworks' figures measured in
 * the same window, and the budgets of issue 11 checked as ratios.
 *
 *   npm run bench                          every bench, a table (median of 5 runs, wall and CPU); the
 *                                          code runs as the page's worker bundle runs it (bench/run.mjs)
 *   npm run bench -- --json FILE           also writes { django_hello_us: …, …, details: {…} }
 *   npm run bench -- --anchors             runs the Python anchors too: ours, a pass of the anchors,
 *                                          ours again (pooled), then ours and theirs side by side
 *   npm run bench -- --one-realm           every bench in this one process (by default each bench runs
 *                                          in a fresh process, as the anchors' scripts do)
 *   npm run bench -- --only django,orm     some benches;  --runs N  --scale S  (as benchlib.py)
 *                                          --anchor-runs N  --anchor-scale S  --anchors-dir DIR
 *
 * A bench is a function `(options) → Figure[]` (bench/harness.ts). Adding one — Flask, FastAPI — is
 * one line in BENCHES; a figure names the anchors' row it compares with, and one line in GOALS
 * states its budget.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { anchor_values, find_anchors, run_anchor, type AnchorScript } from "./anchors";
import { bench_django, startproject_runtime } from "./django";
import { format_value, median, pool, type AnchorRef, type Figure, type RunOptions } from "./harness";
import { bench_fastapi_figures } from "./fastapi";
import { bench_flask_figures } from "./flask";
import { bench_memory } from "./memory";
import { bench_orm } from "./orm";
import { bench_pydantic } from "./pydantic";
import { bench_jinja, bench_templates } from "./templates";

interface Bench {
  name: string;
  run(options: RunOptions): Promise<Figure[]>;
  /** Measured once even when `--anchors` makes two passes (a long single run, e.g. memory). */
  once?: boolean;
}

/** Every bench, in the order it runs. One line per framework mode. */
export const BENCHES: Bench[] = [
  { name: "django", run: async (o) => bench_django(await django_runtime(), o) },
  { name: "templates", run: bench_templates },
  { name: "jinja", run: bench_jinja },
  { name: "orm", run: bench_orm },
  { name: "pydantic", run: bench_pydantic },
  { name: "flask", run: bench_flask_figures },
  { name: "fastapi", run: bench_fastapi_figures },
  { name: "memory", run: memory_figures, once: true },
];

/** bench/memory.ts's row (2,000 admin requests in a row) as figures: one run, so one value each. */
async function memory_figures(): Promise<Figure[]> {
  const m = await bench_memory();
  const one = (value: number) => ({ wall: [value], cpu: [value] });
  return [
    { key: "memory_growth_pct", label: "heap growth over 2,000 admin requests, after 200", unit: "%", ...one(m.memory_growth_pct) },
    { key: "first_200_ms", label: "the first 200 admin requests", unit: "ms", ...one(m.first_200_ms) },
    { key: "last_200_ms", label: "the last 200 admin requests", unit: "ms", ...one(m.last_200_ms) },
  ];
}

/**
 * The budgets (issue 11, DESIGN.md): `ratio` is ours / theirs (time) for `vs` goals, our figure
 * itself otherwise; a goal whose figure or anchor is missing is reported as not measured.
 */
interface Goal {
  text: string;
  key: string;
  /** Compare with this anchor row (time ratio ours / theirs); without it, our figure is the ratio. */
  vs?: AnchorRef;
  max: number;
}

const GOALS: Goal[] = [
  { text: "Django hello ≥ 10× faster than Django's WSGIHandler (7 default middleware)", key: "django_hello_us", vs: { script: "django_bench", workload: "django.hello/wsgi", metric: "us/req" }, max: 0.1 },
  { text: "tracing on / off ≤ 1.10× on hello", key: "django_hello_trace_ratio", max: 1.1 },
  { text: "tracing on / off ≤ 1.5× on the 105-pattern resolve", key: "resolve_trace_ratio", max: 1.5 },
  { text: "Django templates ≥ 2× faster than Jinja2", key: "template_render_ms", vs: { script: "template_bench", workload: "template.jinja2 render child (extends base)", metric: "us/op" }, max: 0.5 },
  { text: "1,000 rows as instances ≤ 1.25× raw sql.js", key: "orm_fetch_ratio", max: 1.25 },
  { text: "Jinja2 (ours) no slower than Jinja2", key: "jinja_render_ms", vs: { script: "template_bench", workload: "template.jinja2 render child (extends base)", metric: "us/op" }, max: 1 },
  { text: "2,000 admin requests: heap flat within 10 %", key: "memory_growth_pct", max: 10 },
  { text: "tracing on / off ≤ 1.10× on Flask hello", key: "flask_hello_trace_ratio", max: 1.1 },
  // Real Flask is timed as a WSGI app called directly (micro_bench's wsgi_caller), real FastAPI as
  // an ASGI app awaited directly: the like-for-like figures are ours called the same way. Ours
  // through the gateway and through the headless runtime (the worker's recorder, log drain and
  // change counter, which have no counterpart there) are checked too, against the same anchor.
  { text: "Flask hello ≥ 10× faster than Flask (both WSGI apps called directly)", key: "flask_hello_direct_us", vs: { script: "micro_bench", workload: "micro.hello: Flask WSGI app direct", metric: "us/req" }, max: 0.1 },
  { text: "the same, ours over the WSGI gateway", key: "flask_hello_wsgi_us", vs: { script: "micro_bench", workload: "micro.hello: Flask WSGI app direct", metric: "us/req" }, max: 0.1 },
  { text: "the same, ours through the headless runtime", key: "flask_hello_us", vs: { script: "micro_bench", workload: "micro.hello: Flask WSGI app direct", metric: "us/req" }, max: 0.1 },
  { text: "FastAPI hello ≥ 10× faster than FastAPI (both ASGI apps awaited directly)", key: "fastapi_hello_direct_us", vs: { script: "micro_bench", workload: "micro.hello: FastAPI ASGI direct (async def, 50/loop entry)", metric: "us/req" }, max: 0.1 },
  { text: "the same, ours over the ASGI gateway", key: "fastapi_hello_us", vs: { script: "micro_bench", workload: "micro.hello: FastAPI ASGI direct (async def, 50/loop entry)", metric: "us/req" }, max: 0.1 },
  { text: "Item validation no slower than pydantic-core", key: "pydantic_validate_us", vs: { script: "micro_bench", workload: "micro.pydantic alone: Item.model_validate(dict)", metric: "us/op" }, max: 1 },
];

/**
 * The startproject loaded afresh for each pass: the frameworks' state is global (settings, the
 * URLconf), and a bench run since (the memory row's admin project, Flask, FastAPI) replaced it.
 */
async function django_runtime() {
  // Traces read as the page's worker reads them (packed, ADR 0035).
  return startproject_runtime({ packed_traces: true });
}

interface Args {
  json: string | null;
  anchors: boolean;
  only: string[] | null;
  runs: number;
  scale: number;
  anchor_runs: number;
  anchor_scale: number;
  anchors_dir: string | undefined;
  /** Run every bench in this process, one after another (the default gives each its own process). */
  one_realm: boolean;
  /** Internal: a child process writes its figures here as JSON instead of printing a table. */
  figures_out: string | null;
}

function parse_args(argv: string[]): Args {
  const args: Args = { json: null, anchors: false, only: null, runs: 5, scale: 1, anchor_runs: 3, anchor_scale: 0.5, anchors_dir: undefined, one_realm: false, figures_out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--json") args.json = value();
    else if (a === "--anchors") args.anchors = true;
    else if (a === "--only") args.only = value().split(",");
    else if (a === "--runs") args.runs = Number(value());
    else if (a === "--scale") args.scale = Number(value());
    else if (a === "--anchor-runs") args.anchor_runs = Number(value());
    else if (a === "--anchor-scale") args.anchor_scale = Number(value());
    else if (a === "--anchors-dir") args.anchors_dir = value();
    else if (a === "--one-realm") args.one_realm = true;
    else if (a === "--figures-out") args.figures_out = value();
    else throw new Error(`unknown option ${a} (see bench/main.ts)`);
  }
  return args;
}

async function run_benches(args: Args, pass: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const bench of BENCHES) {
    if (args.only && !args.only.includes(bench.name)) continue;
    if (bench.once && pass.startsWith("pass 2")) continue;
    const started = Date.now();
    figures.push(...(args.one_realm ? await bench.run({ runs: args.runs, scale: args.scale }) : run_in_own_process(bench, args)));
    process.stderr.write(`  ${pass}${bench.name} done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  return figures;
}

/**
 * Each bench in a fresh process, as the anchors' run_all.py runs each of its scripts: a bench's
 * figures then do not depend on which other frameworks ran before it in the same V8 realm. (They
 * do: the ORM fetch measured after every other bench in one realm was 1.40× raw sql.js, alone
 * 1.03–1.12× — shared code's type feedback and heap size carry over. `--one-realm` measures that.)
 */
function run_in_own_process(bench: Bench, args: Args): Figure[] {
  const file = join(mkdtempSync(join(tmpdir(), "bench-")), "figures.json");
  const argv = [process.argv[1], "--one-realm", "--only", bench.name, "--runs", String(args.runs), "--scale", String(args.scale), "--figures-out", file];
  const child = spawnSync(process.execPath, argv, { stdio: ["ignore", "inherit", "inherit"], env: process.env });
  if (child.status !== 0) throw new Error(`bench ${bench.name} failed in its own process (exit ${child.status ?? child.signal})`);
  return JSON.parse(readFileSync(file, "utf8")) as Figure[];
}

function run_anchors(args: Args, figures: Figure[]): { scripts: AnchorScript[]; skipped: string | null } {
  const where = find_anchors(args.anchors_dir);
  if (!where.ok) return { scripts: [], skipped: where.reason };
  const wanted = new Set<string>();
  for (const f of figures) if (f.anchor) wanted.add(f.anchor.script);
  for (const g of GOALS) if (g.vs && figures.some((f) => f.key === g.key)) wanted.add(g.vs.script);
  const scripts = [...wanted].sort().map((s) => run_anchor(where, s, args.anchor_runs, args.anchor_scale));
  return { scripts, skipped: null };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

function print_table(figures: Figure[], scripts: AnchorScript[]): void {
  const with_anchors = scripts.length > 0;
  const head = ["figure", "ours wall", "ours CPU", ...(with_anchors ? ["theirs wall", "theirs CPU", "ours/theirs wall", "CPU"] : [])];
  const rows = figures.map((f) => {
    const ours = [format_value(median(f.wall), f.unit), format_value(median(f.cpu), f.unit)];
    if (!with_anchors) return [`${f.key}  (${f.label})`, ...ours];
    const theirs = f.anchor ? anchor_values(scripts, f.anchor, f.unit) : null;
    if (!theirs) return [`${f.key}  (${f.label})`, ...ours, "", "", "", ""];
    const [tw, tc] = [median(theirs.wall), median(theirs.cpu)];
    return [`${f.key}  (${f.label})`, ...ours, format_value(tw, f.unit), format_value(tc, f.unit), `${(median(f.wall) / tw).toFixed(3)}×`, `${(median(f.cpu) / tc).toFixed(3)}×`];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log(head.map((h, i) => (i ? lpad(h, widths[i]) : pad(h, widths[i]))).join("  "));
  for (const r of rows) console.log(r.map((c, i) => (i ? lpad(c, widths[i]) : pad(c, widths[i]))).join("  "));
}

interface GoalResult {
  goal: string;
  wall: number | null;
  cpu: number | null;
  max: number;
  met: boolean | null;
}

function check_goals(figures: Figure[], scripts: AnchorScript[]): GoalResult[] {
  return GOALS.flatMap((g) => {
    const f = figures.find((x) => x.key === g.key);
    if (!f) return [];
    let wall: number | null = median(f.wall);
    let cpu: number | null = median(f.cpu);
    if (g.vs) {
      const theirs = anchor_values(scripts, g.vs, f.unit);
      wall = theirs ? wall / median(theirs.wall) : null;
      cpu = theirs && theirs.cpu.length ? cpu / median(theirs.cpu) : null;
    }
    const met = wall === null ? null : wall <= g.max && (cpu === null || cpu <= g.max);
    return [{ goal: g.text, wall, cpu, max: g.max, met }];
  });
}

function print_goals(results: GoalResult[]): void {
  console.log("\nbudgets (time ratios; ≤ the limit is met):");
  for (const r of results) {
    const value = r.wall === null ? "not measured (needs --anchors)" : `wall ${r.wall.toFixed(3)}×, CPU ${r.cpu === null ? "—" : r.cpu.toFixed(3) + "×"}  (limit ${r.max}×)`;
    console.log(`  ${r.met === null ? "?" : r.met ? "met    " : "NOT met"}  ${r.goal}: ${value}`);
  }
}

function json_object(figures: Figure[], scripts: AnchorScript[], goals: GoalResult[], skipped: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of figures) out[f.key] = Number(median(f.wall).toPrecision(4));
  const details: Record<string, unknown> = {};
  for (const f of figures) {
    const theirs = f.anchor ? anchor_values(scripts, f.anchor, f.unit) : null;
    details[f.key] = { label: f.label, unit: f.unit, wall: f.wall, cpu: f.cpu, cpu_median: median(f.cpu), ...(f.anchor ? { anchor: f.anchor } : {}), ...(theirs ? { anchor_wall_median: median(theirs.wall), anchor_cpu_median: median(theirs.cpu) } : {}) };
  }
  out.details = details;
  out.goals = goals;
  out.machine = { node: process.version, loadavg: loadavg(), anchors: scripts.map((s) => ({ script: s.script, env: s.env })), anchors_skipped: skipped };
  return out;
}

async function main(): Promise<void> {
  const args = parse_args(process.argv.slice(2));
  const started = Date.now();
  if (args.figures_out) {
    writeFileSync(args.figures_out, JSON.stringify(await run_benches(args, "")));
    return;
  }
  let figures = await run_benches(args, args.anchors ? "pass 1: " : "");
  let scripts: AnchorScript[] = [];
  let skipped: string | null = null;
  if (args.anchors) {
    ({ scripts, skipped } = run_anchors(args, figures));
    if (skipped) console.log(`--anchors: skipped: ${skipped}`);
    else figures = pool(figures, await run_benches(args, "pass 2: "));
  }
  console.log(`\nnpm run bench: ${args.runs} runs per pass${args.anchors && !skipped ? " × 2 passes around the anchors" : ""}, scale ${args.scale}; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  print_table(figures, scripts);
  const goals = check_goals(figures, scripts);
  print_goals(goals);
  if (args.json) {
    writeFileSync(args.json, JSON.stringify(json_object(figures, scripts, goals, skipped), null, 2) + "\n");
    console.log(`\nwrote ${args.json}`);
  }
}

// `npm run bench` runs the bundle bench/run.mjs makes of this file (main.mjs); `tsx bench/main.ts` works too.
if (/main\.(ts|mjs)$/.test(process.argv[1] ?? "")) await main();
