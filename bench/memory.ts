/**
 * Memory over a long session: N requests in a row through the admin scenario (signed in, then the
 * index, the user change list, a search, a filter and a change form, round-robin) → the heap after
 * a forced GC at intervals and the time of the first and last 200 requests. "Memory" is the JS heap
 * in use plus V8's external memory, which holds sql.js's WebAssembly memory (the SQLite database,
 * its page cache and every prepared statement: a statement never freed grows it, not the heap).
 *
 * Used by `npm run bench` (2,000 requests: `memory_growth_pct`, `first_200_ms`, `last_200_ms`) and
 * by tests/runtime/memory.test.ts (fewer requests, a tighter bound). Main function:
 * `run_admin_session`.
 *
 * The growth is measured from the end of a warm-up (the first `warmup` requests: JIT tier-up and
 * lazily built caches), so what it reports is what each further request leaves behind.
 */
import { performance } from "node:perf_hooks";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { HeadlessRuntime } from "../src/runtime/headless";
import { admin_users } from "../src/scenarios/admin-users";
import { CookieJar, build_request } from "../src/scenarios/client";
import type { ScenarioRequest } from "../src/scenarios/format";

/** The pages a signed-in admin user walks through, in turn. */
export const ADMIN_TARGETS = ["/admin/", "/admin/auth/user/", "/admin/auth/user/?q=grace", "/admin/auth/user/?is_staff__exact=1", "/admin/auth/user/2/change/"];

export interface SessionOptions {
  /** Requests after sign-in (the figures cover these). */
  requests: number;
  /** Requests whose heap growth is not counted (JIT tier-up, first-use caches). */
  warmup: number;
  /** Take a heap sample every this many requests. */
  sample_every: number;
  /** The window for first_ms / last_ms (200 in the benchmark). */
  window: number;
  /** Called after each heap sample (a diagnosis hook: take a heap snapshot there). */
  after_sample?: (requests: number) => void;
}

export interface SessionFigures {
  requests: number;
  /** [request count, used heap + external memory in MB after a full GC, of which external] */
  samples: [number, number, number][];
  /** The first sample (after `sample_every` requests), the one at the end of warm-up, and the last. */
  heap_first_mb: number;
  heap_after_warmup_mb: number;
  heap_end_mb: number;
  /** Largest sample after warm-up over the warm-up sample, in percent (0 when it shrank). */
  memory_growth_pct: number;
  /** Largest sample over the first one, warm-up included, in percent. */
  memory_growth_from_first_pct: number;
  /** The JS heap alone (external memory left out), after warm-up, in percent. */
  heap_growth_pct: number;
  /** External memory (sql.js's WebAssembly memory and buffers) after warm-up, in percent. */
  external_growth_pct: number;
  /** Wall time of the first and last `window` requests. */
  first_ms: number;
  last_ms: number;
  /** The same windows in this process's CPU time (what other processes on a shared machine do not change). */
  first_cpu_ms: number;
  last_cpu_ms: number;
  /** Every response status seen, with counts ({"200": 2000}). */
  statuses: Record<string, number>;
}

/** A forced full GC, exposed at run time (no `--expose-gc` needed on the command line). */
export function full_gc(): () => void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  return () => {
    gc();
    gc();
  };
}

export async function run_admin_session(options: SessionOptions): Promise<SessionFigures> {
  const gc = full_gc();
  const runtime = await HeadlessRuntime.create();
  const loaded = await runtime.load(admin_users);
  if (!loaded.ok) throw new Error(`admin-users failed to load: ${loaded.error.message}`);
  const jar = new CookieJar();
  const statuses: Record<string, number> = {};
  const browse = async (spec: ScenarioRequest) => {
    const result = await runtime.request(build_request(spec, jar));
    jar.store_response(result.response);
    statuses[result.response.status] = (statuses[result.response.status] ?? 0) + 1;
    return new TextDecoder().decode(result.response.body);
  };
  const login = await browse({ method: "GET", target: "/admin/login/?next=/admin/" });
  const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(login)?.[1] ?? "";
  await browse({ method: "POST", target: "/admin/login/?next=/admin/", form: { csrfmiddlewaretoken: token, username: "admin", password: "admin", next: "/admin/" } });
  for (const key of Object.keys(statuses)) delete statuses[key];

  const memory_mb = (): [number, number] => {
    gc();
    const external = process.memoryUsage().external / 1e6;
    return [getHeapStatistics().used_heap_size / 1e6 + external, external];
  };
  const samples: [number, number, number][] = [];
  const durations: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < options.requests; i++) {
    const start = performance.now();
    const cpu_start = process.cpuUsage();
    await browse({ method: "GET", target: ADMIN_TARGETS[i % ADMIN_TARGETS.length] });
    const used = process.cpuUsage(cpu_start);
    cpu.push((used.user + used.system) / 1000);
    durations.push(performance.now() - start);
    if ((i + 1) % options.sample_every === 0) {
      samples.push([i + 1, ...memory_mb()]);
      options.after_sample?.(i + 1);
    }
  }
  const base = samples.find(([n]) => n === options.warmup)?.[1] ?? samples[0][1];
  const after = samples.filter(([n]) => n >= options.warmup).map(([, mb]) => mb);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const first = samples[0][1];
  const warm = samples.find(([n]) => n === options.warmup) ?? samples[0];
  const later = samples.filter(([n]) => n >= options.warmup);
  const growth = (from: number, values: number[]) => Math.max(0, ((Math.max(...values) - from) / from) * 100);
  return {
    requests: options.requests,
    samples,
    heap_first_mb: first,
    memory_growth_from_first_pct: growth(first, samples.map(([, mb]) => mb)),
    heap_growth_pct: growth(warm[1] - warm[2], later.map(([, mb, ext]) => mb - ext)),
    external_growth_pct: growth(warm[2], later.map(([, , ext]) => ext)),
    heap_after_warmup_mb: base,
    heap_end_mb: samples[samples.length - 1][1],
    memory_growth_pct: Math.max(0, ((Math.max(...after) - base) / base) * 100),
    first_ms: sum(durations.slice(0, options.window)),
    last_ms: sum(durations.slice(-options.window)),
    first_cpu_ms: sum(cpu.slice(0, options.window)),
    last_cpu_ms: sum(cpu.slice(-options.window)),
    statuses,
  };
}

/** The benchmark row: 2,000 admin requests, the heap within 10 % after warm-up, the last 200 no slower than the first 200. */
export async function bench_memory(): Promise<{ memory_growth_pct: number; first_200_ms: number; last_200_ms: number }> {
  const f = await run_admin_session({ requests: 2000, warmup: 200, sample_every: 100, window: 200 });
  console.log(
    `bench memory, 2,000 admin requests: heap + external ${f.heap_first_mb.toFixed(1)} MB at 100, ${f.heap_after_warmup_mb.toFixed(1)} MB after 200 → ${f.heap_end_mb.toFixed(1)} MB at 2,000 ` +
      `(external, sql.js's memory: ${f.samples[0][2].toFixed(1)} → ${f.samples[f.samples.length - 1][2].toFixed(1)} MB), ` +
      `growth ${f.memory_growth_pct.toFixed(1)} % after warm-up (budget ≤ 10 %), ${f.memory_growth_from_first_pct.toFixed(1)} % from the first sample; first 200 ${f.first_ms.toFixed(0)} ms, last 200 ${f.last_ms.toFixed(0)} ms (budget: last ≤ first; CPU ${f.first_cpu_ms.toFixed(0)} → ${f.last_cpu_ms.toFixed(0)} ms)`,
  );
  return { memory_growth_pct: round(f.memory_growth_pct, 2), first_200_ms: round(f.first_ms, 1), last_200_ms: round(f.last_ms, 1) };
}

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
