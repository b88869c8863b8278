/**
 * Flask hello through the gateway (`npm run bench`), next to real Flask's WSGI app measured in the
 * same window by the anchors' micro_bench.py (its `make_flask()` and `wsgi_caller()`, timed with
 * its benchlib `run_cases`), printed as a ratio. Real Flask is measured only where a Python with
 * Flask 3.1.3 is available (FLASK_BENCH_PYTHON, or the shared reference venv); CI has none and
 * prints our figure alone.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { HeadlessRuntime } from "../src/runtime/headless";
import { Flask } from "../src/frameworks/flask";
import { serve_wsgi } from "../src/gateway/server";
import type { WSGIApplication } from "../src/gateway/wsgi";
import { Recorder, set_active_recorder } from "../src/trace";
import { SCENARIO_FORMAT, type Scenario } from "../src/scenarios/format";
import { figure, run_cases, type AnchorRef, type Figure, type RunOptions } from "./harness";
import { hello_bench } from "./hello";

export const flask_hello_scenario: Scenario = {
  format: SCENARIO_FORMAT,
  title: "bench: Flask hello",
  framework: "flask",
  entry: { kind: "flask", app: "app.app" },
  files: {
    // The anchors' make_flask(): Flask("bench") with @app.get("/hello/") returning "Hello, World!".
    "app.ts": `import { Flask } from "flask";
export const app = new Flask("bench");
app.get("/hello/")(function hello() {
  return "Hello, World!";
});
`,
  },
  requests: [],
};

const ANCHORS = resolve(import.meta.dirname ?? __dirname, "../../shared/anchors/python-bench");

/** Python: micro_bench's Flask app and WSGI caller, timed by benchlib; prints µs per request. */
const PYTHON_SIDE = `
import json, statistics, sys
sys.path.insert(0, sys.argv[1])
import benchlib
from micro_bench import make_flask, wsgi_caller, HELLO
app = make_flask()
call, box = wsgi_caller(app, "/hello/")
assert call() == HELLO and box[-1].startswith("200")
res, _ = benchlib.run_cases([benchlib.Case("flask", call, int(sys.argv[2]))], int(sys.argv[3]))
print(json.dumps({"wall": statistics.median(res["flask"]) * 1e6, "cpu": statistics.median(benchlib.CPU_SAMPLES["flask"]) * 1e6}))
`;

function python_executable(): string | null {
  const candidates = [process.env.FLASK_BENCH_PYTHON, resolve(ANCHORS, "../../../.venv-ref/bin/python")].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p)) ?? null;
}

interface Timing {
  /** Microseconds per request, wall clock. */
  wall: number;
  /** Microseconds of this process's CPU time per request (what contention on a shared machine does not inflate). */
  cpu: number;
}

/** Real Flask's WSGI app per request (median of `runs` runs of `n` requests), or null. */
function real_flask(n = 3000, runs = 3): Timing | null {
  const python = python_executable();
  if (!python || !existsSync(resolve(ANCHORS, "micro_bench.py"))) return null;
  try {
    const out = execFileSync(python, ["-c", PYTHON_SIDE, ANCHORS, String(n), String(runs)], { encoding: "utf8", env: { ...process.env, BENCH_NO_PIN: "1" }, stdio: ["ignore", "pipe", "ignore"] });
    return JSON.parse(out.trim().split("\n").pop()!) as Timing;
  } catch {
    return null;
  }
}

async function ours(runtime: HeadlessRuntime, trace: boolean, seconds: number): Promise<Timing> {
  const request = { method: "GET", target: "/hello/", headers: [["Host", "testserver"]] as [string, string][], body: "" };
  let n = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    const result = await runtime.request(request, { trace });
    if (result.response.status !== 200) throw new Error(`flask bench request failed: ${result.response.status}`);
    n++;
  }
  const used = process.cpuUsage(cpu);
  return { wall: ((performance.now() - start) * 1000) / n, cpu: (used.user + used.system) / n };
}

/** The Flask app alone (`app.wsgi_app(environ, start_response)`, no gateway, no runtime): CPU µs per request. */
function wsgi_app_alone(n = 20000): number {
  const app = new Flask("bench");
  app.get("/hello/")(function hello() {
    return "Hello, World!";
  });
  const environ = () => ({
    REQUEST_METHOD: "GET", PATH_INFO: "/hello/", SCRIPT_NAME: "", QUERY_STRING: "", SERVER_NAME: "testserver", SERVER_PORT: "80", SERVER_PROTOCOL: "HTTP/1.1",
    REMOTE_ADDR: "127.0.0.1", HTTP_HOST: "testserver", "wsgi.version": [1, 0], "wsgi.url_scheme": "http", "wsgi.input": { read: () => new Uint8Array() },
    "wsgi.errors": { write() {} }, "wsgi.multithread": false, "wsgi.multiprocess": false, "wsgi.run_once": false,
  });
  const start_response = () => () => {};
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) for (const chunk of app.wsgi_app(environ(), start_response)) void chunk;
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / n;
}

export async function bench_flask(): Promise<void> {
  const runtime = await HeadlessRuntime.create();
  const loaded = await runtime.load(flask_hello_scenario);
  if (!loaded.ok) throw new Error(`flask bench scenario failed to load: ${JSON.stringify(loaded.error)}`);
  await ours(runtime, false, 0.5); // warm up (JIT tier-up)
  await ours(runtime, true, 0.3);
  // Ours, then real Flask, then ours again: the same window for both sides.
  const off = [await ours(runtime, false, 1)];
  const on = [await ours(runtime, true, 1)];
  const real = real_flask();
  off.push(await ours(runtime, false, 1));
  on.push(await ours(runtime, true, 1));
  wsgi_app_alone(5000);
  const alone = wsgi_app_alone();
  const best = (xs: Timing[]): Timing => ({ wall: Math.min(...xs.map((x) => x.wall)), cpu: Math.min(...xs.map((x) => x.cpu)) });
  const o = best(off);
  const t = best(on);
  console.log(`bench flask hello: Flask.wsgi_app alone (no gateway) ${alone.toFixed(1)} µs CPU/request`);
  console.log(`bench flask hello through the gateway: trace off ${o.wall.toFixed(1)} µs/request (${o.cpu.toFixed(1)} µs CPU), trace on ${t.wall.toFixed(1)} µs (${t.cpu.toFixed(1)} µs CPU)`);
  if (real === null) console.log("bench flask hello: real Flask not measured (no Python with Flask 3.1.3 here; set FLASK_BENCH_PYTHON)");
  else
    console.log(
      `bench flask hello: real Flask WSGI app ${real.wall.toFixed(1)} µs/request (${real.cpu.toFixed(1)} µs CPU) → ours is ${(real.wall / o.wall).toFixed(1)}x faster wall, ${(real.cpu / o.cpu).toFixed(1)}x CPU (trace off; trace on ${(real.cpu / t.cpu).toFixed(1)}x CPU)  (goal ≥ 10x)`,
    );
}

/** The anchors' make_flask(): Flask("bench") with `@app.get("/hello/")` returning the string. */
function make_flask(): Flask {
  const app = new Flask("bench");
  app.get("/hello/")(function hello() {
    return "Hello, World!";
  });
  return app;
}

/**
 * micro_bench's `wsgi_caller`: a fresh copy of one environ per request, `app(environ,
 * start_response)`, the body joined and closed — the layer real Flask is timed at.
 */
function wsgi_caller(app: Flask): (() => Uint8Array[]) & { text: () => string } {
  const base = {
    REQUEST_METHOD: "GET", PATH_INFO: "/hello/", SCRIPT_NAME: "", QUERY_STRING: "", SERVER_NAME: "testserver", SERVER_PORT: "80", SERVER_PROTOCOL: "HTTP/1.1",
    REMOTE_ADDR: "127.0.0.1", HTTP_HOST: "testserver", "wsgi.version": [1, 0], "wsgi.url_scheme": "http",
    "wsgi.errors": { write() {} }, "wsgi.multithread": false, "wsgi.multiprocess": false, "wsgi.run_once": false,
  };
  let status = "";
  const start_response = (s: string) => {
    status = s;
    return () => {};
  };
  const decoder = new TextDecoder();
  const call = () => {
    const environ: Record<string, unknown> = Object.assign({}, base);
    environ["wsgi.input"] = { read: () => new Uint8Array() };
    const body = app.wsgi_app(environ, start_response) as Iterable<Uint8Array> & { close?: () => void };
    const chunks: Uint8Array[] = [];
    try {
      for (const chunk of body) chunks.push(chunk);
    } finally {
      body.close?.();
    }
    return chunks;
  };
  return Object.assign(call, {
    /** The body as text, or the status and body when it is not a 200 (checked before timing). */
    text: () => {
      const text = call().map((c) => decoder.decode(c)).join("");
      return status.startsWith("200") ? text : `${status} ${text}`;
    },
  });
}

const FLASK_ANCHOR: AnchorRef = { script: "micro_bench", workload: "micro.hello: Flask WSGI app direct", metric: "us/req" };
const runtime_hello = hello_bench({ scenario: flask_hello_scenario, key: "flask_hello_us", label: "Flask hello through the headless runtime", body: "Hello, World!", anchor: FLASK_ANCHOR });

/**
 * `npm run bench`'s Flask rows: through the headless runtime (what a Send costs, traced and not),
 * over the WSGI gateway (`serve_wsgi` builds the environ from the HTTP message, as `serve_asgi`
 * does for FastAPI's row), and `wsgi_app` called directly as micro_bench calls real Flask.
 */
export async function bench_flask_figures(options: RunOptions): Promise<Figure[]> {
  const previous = set_active_recorder(new Recorder({ enabled: false }));
  let res;
  try {
    const app = make_flask();
    const wsgi: WSGIApplication = (environ, start_response) => app.wsgi_app(environ, start_response);
    const request = { method: "GET", target: "/hello/", headers: [["Host", "testserver"]] as [string, string][], body: "" };
    const first = await serve_wsgi(wsgi, request);
    if (first.status !== 200 || new TextDecoder().decode(first.body) !== "Hello, World!") throw new Error(`flask bench: hello answered ${first.status}`);
    const direct = wsgi_caller(app);
    if (direct.text() !== "Hello, World!") throw new Error(`flask bench: direct hello answered ${direct.text()}`);
    res = await run_cases(
      [
        { name: "served", fn: () => serve_wsgi(wsgi, request), n: 2000, async: true },
        { name: "direct", fn: direct, n: 2000 },
      ],
      options,
    );
  } finally {
    set_active_recorder(previous);
  }
  return [
    ...(await runtime_hello(options)),
    figure("flask_hello_wsgi_us", "Flask hello over WSGI (serve_wsgi, trace off)", "us", res.get("served")!, FLASK_ANCHOR),
    figure("flask_hello_direct_us", "Flask hello, app.wsgi_app(environ, start_response) direct", "us", res.get("direct")!, FLASK_ANCHOR),
  ];
}

if (process.argv[1]?.endsWith("flask.ts")) await bench_flask();
