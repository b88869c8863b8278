/**
 * FastAPI workload (issue 13): the anchors' hello (micro_bench.py `make_fastapi`: an `async def`
 * handler answering `PlainTextResponse` "Hello, World!") called over ASGI, tracing off.
 *
 * - `fastapi_hello_us`: through the gateway — `serve_asgi` builds the scope from the HTTP message
 *   as uvicorn does, runs the ASGI cycle with its message-order checks, and assembles the response.
 * - `fastapi_hello_direct_us`: `await app(scope, receive, send)` with a prebuilt scope, as
 *   micro_bench.py's "FastAPI ASGI direct" cases do (real FastAPI 0.142.2 ≈ 42–94 µs there, depending
 *   on the machine and the loop entries; run micro_bench.py in the same window for the ratio).
 * - `fastapi_runtime_hello_us` (and traced, and the ratio): the same app as a scenario, served by
 *   the headless runtime as the page's worker serves it (bench/hello.ts).
 *
 * `bench_fastapi_figures` is the `npm run bench` row (bench/main.ts); `bench_fastapi` prints.
 */
import { performance } from "node:perf_hooks";
import { FastAPI } from "../src/frameworks/fastapi";
import { PlainTextResponse } from "../src/frameworks/starlette/responses";
import { serve_asgi } from "../src/gateway/asgi";
import type { ASGIApplication, ASGIMessage, HTTPScope } from "../src/gateway/asgi-types";
import { Recorder, set_active_recorder } from "../src/trace";
import { SCENARIO_FORMAT, type Scenario } from "../src/scenarios/format";
import { figure, run_cases, type AnchorRef, type Figure, type RunOptions } from "./harness";
import { hello_bench } from "./hello";

const HELLO = "Hello, World!";

export function make_fastapi(): FastAPI {
  const app = new FastAPI();
  app.get("/hello/", { response_class: PlainTextResponse })(async function hello() {
    return HELLO;
  });
  return app;
}

const RAW_PATH = new TextEncoder().encode("/hello/");
const HEADERS: [Uint8Array, Uint8Array][] = [[new TextEncoder().encode("host"), new TextEncoder().encode("testserver")]];

/** micro_bench.py's `asgi_scope("GET", "/hello/")`, a fresh dict per call (`dict(scope)`). */
function hello_scope(): HTTPScope {
  return {
    type: "http",
    asgi: { version: "3.0", spec_version: "2.3" },
    http_version: "1.1",
    method: "GET",
    scheme: "http",
    path: "/hello/",
    raw_path: RAW_PATH,
    root_path: "",
    query_string: new Uint8Array(0),
    headers: HEADERS,
    client: ["127.0.0.1", 50000],
    server: ["testserver", 80],
    state: {},
  };
}

async function call_direct(app: FastAPI): Promise<number> {
  let done = false;
  let status = 0;
  const receive = async (): Promise<ASGIMessage> => {
    if (!done) {
      done = true;
      return { type: "http.request", body: new Uint8Array(), more_body: false };
    }
    return new Promise(() => {}); // no disconnect while the app is still working
  };
  const send = async (message: ASGIMessage): Promise<void> => {
    if (message.type === "http.response.start") status = message.status as number;
  };
  await app.__call__(hello_scope(), receive, send);
  return status;
}

/** µs per call: wall-clock, and the process's CPU time (what micro_bench.py's `cpu_values` are; steadier on a shared machine). */
async function time_us(fn: () => Promise<unknown>, iterations: number): Promise<{ wall: number; cpu: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await fn();
  const used = process.cpuUsage(cpu);
  return { wall: ((performance.now() - start) * 1000) / iterations, cpu: (used.user + used.system) / iterations };
}

async function median_us(fn: () => Promise<unknown>, iterations: number, runs = 7): Promise<{ wall: number; cpu: number }> {
  await time_us(fn, iterations);
  const samples: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < runs; r++) samples.push(await time_us(fn, iterations));
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[runs >> 1];
  return { wall: med(samples.map((s) => s.wall)), cpu: med(samples.map((s) => s.cpu)) };
}

export async function bench_fastapi(): Promise<{ fastapi_hello_us: number; fastapi_hello_cpu_us: number; fastapi_hello_direct_us: number }> {
  const previous = set_active_recorder(new Recorder({ enabled: false }));
  try {
    const app = make_fastapi();
    const request = { method: "GET", target: "/hello/", headers: [["Host", "testserver"]] as [string, string][], body: "" };
    const asgi: ASGIApplication = (scope, receive, send) => app.__call__(scope, receive, send);
    const first = await serve_asgi(asgi, request);
    if (first.status !== 200 || new TextDecoder().decode(first.body) !== HELLO) throw new Error(`fastapi bench: hello answered ${first.status}`);
    if ((await call_direct(app)) !== 200) throw new Error("fastapi bench: direct hello failed");
    const served = await median_us(() => serve_asgi(asgi, request), 20_000);
    const direct = await median_us(() => call_direct(app), 20_000);
    const fastapi_hello_us = served.wall;
    console.log(`bench fastapi hello over ASGI (serve_asgi, trace off): ${served.wall.toFixed(2)} µs wall, ${served.cpu.toFixed(2)} µs CPU (fastapi_hello_us; real FastAPI 0.142.2 "ASGI direct (async def, 50/loop entry)" ≈ 77–84 µs in micro_bench.py: run it in the same window for the ratio)`);
    console.log(`bench fastapi hello, app(scope, receive, send) direct: ${direct.wall.toFixed(2)} µs wall, ${direct.cpu.toFixed(2)} µs CPU (fastapi_hello_direct_us)`);
    return { fastapi_hello_us, fastapi_hello_cpu_us: served.cpu, fastapi_hello_direct_us: direct.wall };
  } finally {
    set_active_recorder(previous);
  }
}

/** make_fastapi() as a scenario, for the runtime's row. */
export const fastapi_hello_scenario: Scenario = {
  format: SCENARIO_FORMAT,
  title: "bench: FastAPI hello",
  framework: "fastapi",
  entry: { kind: "fastapi", app: "main.app" },
  files: {
    "main.ts": `import { FastAPI } from "fastapi";
import { PlainTextResponse } from "fastapi/responses";
export const app = new FastAPI();
app.get("/hello/", { response_class: PlainTextResponse })(async function hello() {
  return "Hello, World!";
});
`,
  },
  requests: [],
};

const FASTAPI_ANCHOR: AnchorRef = { script: "micro_bench", workload: "micro.hello: FastAPI ASGI direct (async def, 50/loop entry)", metric: "us/req" };
const runtime_hello = hello_bench({ scenario: fastapi_hello_scenario, key: "fastapi_runtime_hello_us", label: "FastAPI hello through the headless runtime", body: HELLO });

/** `npm run bench`'s FastAPI rows: over ASGI (serve_asgi), direct, and through the runtime. */
export async function bench_fastapi_figures(options: RunOptions): Promise<Figure[]> {
  const previous = set_active_recorder(new Recorder({ enabled: false }));
  let res;
  try {
    const app = make_fastapi();
    const request = { method: "GET", target: "/hello/", headers: [["Host", "testserver"]] as [string, string][], body: "" };
    const asgi: ASGIApplication = (scope, receive, send) => app.__call__(scope, receive, send);
    const first = await serve_asgi(asgi, request);
    if (first.status !== 200 || new TextDecoder().decode(first.body) !== HELLO) throw new Error(`fastapi bench: hello answered ${first.status}`);
    if ((await call_direct(app)) !== 200) throw new Error("fastapi bench: direct hello failed");
    res = await run_cases(
      [
        { name: "served", fn: () => serve_asgi(asgi, request), n: 2000, async: true },
        { name: "direct", fn: () => call_direct(app), n: 2000, async: true },
      ],
      options,
    );
  } finally {
    set_active_recorder(previous);
  }
  return [
    figure("fastapi_hello_us", "FastAPI hello over ASGI (serve_asgi, trace off)", "us", res.get("served")!, FASTAPI_ANCHOR),
    figure("fastapi_hello_direct_us", "FastAPI hello, app(scope, receive, send) direct", "us", res.get("direct")!, FASTAPI_ANCHOR),
    ...(await runtime_hello(options)),
  ];
}

if (process.argv[1]?.endsWith("fastapi.ts")) await bench_fastapi();
