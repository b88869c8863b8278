/**
 * `npm run bench`: figures measured in one run, printed as ratios so they survive a noisy machine.
 *
 * 1. A hello view through a 7-middleware stack (Django's startproject stack: the middleware that
 *    exists here, plus pass-through stand-ins named after the ones that come in later issues), served
 *    headless through the gateway, with tracing on and off → requests/second and the on/off ratio.
 * 2. `resolve()` of the 105th of 105 patterns, tracing on and off → µs per resolve.
 * 3. The ORM (bench/orm.ts): 1,000 rows as model instances vs a raw sql.js loop; the N+1 list.
 * 4. Pydantic (bench/pydantic.ts): the anchors' 10-field Item validated from a dict (pydantic_validate_us).
 * 5. Memory (bench/memory.ts): 2,000 admin requests in a row → heap growth after warm-up, and the
 *    first 200 against the last 200 requests.
 * 6. FastAPI (bench/fastapi.ts): the anchors' hello over ASGI, tracing off (fastapi_hello_us).
 */
import { performance } from "node:perf_hooks";
import { HeadlessRuntime } from "../src/runtime/headless";
import { SCENARIO_FORMAT, type Scenario } from "../src/scenarios/format";
import { Recorder, set_active_recorder } from "../src/trace";
import { path, clear_url_caches, get_resolver } from "../src/frameworks/django/urls";
import { HttpResponse } from "../src/frameworks/django/http";
import { settings } from "../src/frameworks/django/conf";
import { bench_jinja, bench_templates } from "./templates";
import { bench_orm } from "./orm";
import { bench_pydantic } from "./pydantic";
import { bench_memory } from "./memory";
import { bench_flask } from "./flask";
import { bench_fastapi } from "./fastapi";

const STANDINS = ["PassThroughSessionMiddleware", "PassThroughCsrfViewMiddleware", "PassThroughAuthenticationMiddleware", "PassThroughMessageMiddleware"];

export const stack_scenario: Scenario = {
  format: SCENARIO_FORMAT,
  title: "bench: hello through seven middleware",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  files: {
    "project/settings.ts": `
export const DEBUG = false;
export const SECRET_KEY = "bench";
export const ALLOWED_HOSTS = ["testserver"];
export const ROOT_URLCONF = "project.urls";
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "project.standins.PassThroughSessionMiddleware",
  "django.middleware.common.CommonMiddleware",
  "project.standins.PassThroughCsrfViewMiddleware",
  "project.standins.PassThroughAuthenticationMiddleware",
  "project.standins.PassThroughMessageMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];`,
    "project/standins.ts": `
// Pass-through stand-ins for the middleware that lands with sessions, CSRF, auth and messages.
function pass_through(name) {
  const cls = class { constructor(get_response) { this.get_response = get_response; } __call__(request) { return this.get_response(request); } };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}
${STANDINS.map((n) => `export const ${n} = pass_through("${n}");`).join("\n")}
`,
    "project/urls.ts": `
import { path } from "django/urls";
import { HttpResponse } from "django/http";
export const urlpatterns = [path("hello/", (request) => new HttpResponse("Hello, world!"), { name: "hello" })];
`,
  },
  requests: [],
};

async function requests_per_second(runtime: HeadlessRuntime, trace: boolean, seconds: number): Promise<number> {
  const request = { method: "GET", target: "/hello/", headers: [["Host", "testserver"]] as [string, string][], body: "" };
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const result = await runtime.request(request, { trace });
    if (result.response.status !== 200) throw new Error(`bench request failed: ${result.response.status} ${new TextDecoder().decode(result.response.body).slice(0, 300)}`);
    n++;
  }
  return n / seconds;
}

async function bench_stack(): Promise<void> {
  const runtime = await HeadlessRuntime.create();
  const loaded = await runtime.load(stack_scenario);
  if (!loaded.ok) throw new Error(`bench scenario failed to load: ${JSON.stringify(loaded.error)}`);
  await requests_per_second(runtime, true, 0.5); // warm up (JIT tier-up)
  await requests_per_second(runtime, false, 0.5);
  // Interleave on/off rounds so drift on a shared machine affects both alike.
  const on: number[] = [];
  const off: number[] = [];
  for (let round = 0; round < 3; round++) {
    off.push(await requests_per_second(runtime, false, 1));
    on.push(await requests_per_second(runtime, true, 1));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const r_on = med(on);
  const r_off = med(off);
  console.log(`bench hello/7-middleware: trace off ${r_off.toFixed(0)} req/s, trace on ${r_on.toFixed(0)} req/s`);
  console.log(`bench hello/7-middleware: tracing cost ratio (off/on time) ${(r_off / r_on).toFixed(2)}x  (budget ≤ 1.30x)`);
}

function bench_resolve(): void {
  settings.configure({ SECRET_KEY: "bench", ROOT_URLCONF: null });
  const view = () => new HttpResponse("ok");
  const urlpatterns = Array.from({ length: 105 }, (_, i) => path(`section${i}/<int:year>/<slug:slug>/`, view, { name: `p${i}` }));
  clear_url_caches();
  const resolver = get_resolver({ urlpatterns } as never);
  const target = "/section104/2024/the-last-one/";
  const time = (enabled: boolean, iterations: number) => {
    const previous = set_active_recorder(new Recorder({ enabled }));
    const start = performance.now();
    for (let i = 0; i < iterations; i++) {
      if (enabled && i % 200 === 0) set_active_recorder(new Recorder({ enabled })); // keep traces per-request sized
      resolver.resolve(target);
    }
    const us = ((performance.now() - start) * 1000) / iterations;
    set_active_recorder(previous);
    return us;
  };
  time(false, 2000);
  time(true, 500);
  const off = time(false, 20000);
  const on = time(true, 5000);
  console.log(`bench resolve 105th of 105 patterns: trace off ${off.toFixed(2)} µs, trace on ${on.toFixed(2)} µs (${(on / off).toFixed(2)}x: on records one span per pattern tried)`);
}

if (process.argv[1]?.endsWith("main.ts")) {
  await bench_stack();
  bench_resolve();
  bench_templates();
  bench_jinja();
  await bench_orm();
  bench_pydantic();
  await bench_memory();
  await bench_flask();
  await bench_fastapi();
}
