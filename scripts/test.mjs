// `npm test`: lint, typecheck, Vitest, build and Playwright, in three lanes that run side by side —
//   build → Playwright (the e2e suite needs the build)      Vitest      lint → typecheck
// — so that a two-core machine keeps both cores busy from start to end. Playwright is the longest
// chain (about two thirds of the CPU time: two tests at a time, E2E_WORKERS), so it starts as soon
// as the build is done; Vitest (one worker on two cores) starts at once instead of after lint and
// typecheck, which had made its lane the last to finish once Playwright ran two tests at a time.
// Every step runs even when another failed (a lane stops at its own first failure: Playwright
// needs the build). Each step's output is printed whole when it ends, with its wall and CPU time;
// the last lines sum them up. In CI (CI set) the steps' results go to .ci-results/stages.json for
// scripts/ci-summary.mjs.
//
//   node scripts/test.mjs            every step
//   node scripts/test.mjs --serial   one step at a time, in the order above (to measure a step alone)
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";

const serial = process.argv.includes("--serial");
// CPU time per step. On Linux every process under the step is sampled from /proc twice a second
// (the last figure seen per process is kept): /usr/bin/time only counts the children that were
// waited for, and missed most of Chromium's (its renderers and GPU process), which is where most
// of the Playwright step's CPU goes. Elsewhere /usr/bin/time, when there is one.
const PROC = existsSync("/proc/self/stat");
const TIME = !PROC && existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const TICKS = 100; // USER_HZ: Linux reports utime and stime in 1/100 s

/** pid → [ppid, CPU seconds] for every process now running. */
function processes() {
  const out = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(name), [Number(fields[1]), (Number(fields[11]) + Number(fields[12])) / TICKS]);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Steps running now: root pid → (pid → CPU seconds last seen). */
const sampled = new Map();
function sample() {
  if (!sampled.size) return;
  const all = processes();
  const children = new Map();
  for (const [pid, [ppid]] of all) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  for (const [root, seen] of sampled) {
    const stack = [root];
    while (stack.length) {
      const pid = stack.pop();
      const entry = all.get(pid);
      if (entry) seen.set(pid, Math.max(seen.get(pid) ?? 0, entry[1]));
      stack.push(...(children.get(pid) ?? []));
    }
  }
}
const sampler = PROC ? setInterval(sample, 500) : null;

const STEPS = {
  lint: ["npx", "eslint", "src", "tests", "bench", "e2e"],
  typecheck: ["npx", "tsc", "--noEmit", "-p", "tsconfig.json"],
  vitest: ["npx", "vitest", "run"],
  build: ["npx", "vite", "build"],
  playwright: ["npx", "playwright", "test"],
};
const LANES = serial ? [["lint", "typecheck", "vitest", "build", "playwright"]] : [["build", "playwright"], ["vitest"], ["lint", "typecheck"]];

/** One step: its output, exit code, wall and CPU seconds (CPU when /usr/bin/time is there). */
function run(name) {
  const argv = STEPS[name];
  const started = Date.now();
  console.log(`== ${name} started (${argv.join(" ")})`);
  return new Promise((resolve) => {
    const command = TIME ? [TIME, "-f", "\n__cpu %U %S", ...argv] : argv;
    const child = spawn(command[0], command.slice(1), { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
    if (PROC) sampled.set(child.pid, new Map());
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    child.on("close", (code) => {
      let output = Buffer.concat(chunks).toString("utf8");
      let cpu = null;
      if (PROC) {
        cpu = [...sampled.get(child.pid).values()].reduce((a, b) => a + b, 0);
        sampled.delete(child.pid);
      }
      const m = /\n__cpu ([\d.]+) ([\d.]+)\s*$/.exec(output);
      if (m) {
        cpu = Number(m[1]) + Number(m[2]);
        output = output.slice(0, m.index);
      }
      const wall = (Date.now() - started) / 1000;
      console.log(`\n== ${name}: ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${wall.toFixed(0)} s${cpu === null ? "" : ` (CPU ${cpu.toFixed(0)} s)`}\n${output.trimEnd()}\n== end of ${name}\n`);
      resolve({ name, ok: code === 0, wall, cpu });
    });
  });
}

async function lane(names) {
  const results = [];
  for (const name of names) {
    const result = await run(name);
    results.push(result);
    if (!result.ok) {
      for (const rest of names.slice(names.indexOf(name) + 1)) {
        console.log(`== ${rest}: not run (${name} failed)`);
        results.push({ name: rest, ok: false, wall: 0, cpu: null, skipped: true });
      }
      break;
    }
  }
  return results;
}

const started = Date.now();
const load = loadavg()[0];
const results = (await Promise.all(LANES.map(lane))).flat();
const wall = (Date.now() - started) / 1000;
if (sampler) clearInterval(sampler);
const minutes = (s) => `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
console.log(`== summary (${cpus().length} cores, load average ${load.toFixed(1)} at the start${serial ? ", serial" : ""})`);
for (const r of results) console.log(`   ${r.name.padEnd(11)} ${r.skipped ? "not run" : r.ok ? "passed" : "FAILED"}  ${r.wall.toFixed(0).padStart(4)} s${r.cpu === null ? "" : `  CPU ${r.cpu.toFixed(0)} s`}`);
const cpuTotal = results.reduce((sum, r) => sum + (r.cpu ?? 0), 0);
console.log(`   total       ${minutes(wall)}${cpuTotal ? `  CPU ${cpuTotal.toFixed(0)} s` : ""} (load average ${loadavg()[0].toFixed(1)} at the end)`);
if (process.env.CI) {
  mkdirSync(".ci-results", { recursive: true });
  writeFileSync(".ci-results/stages.json", JSON.stringify({ wall, load, results }, null, 2));
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
