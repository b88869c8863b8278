/**
 * A framework's hello through the runtime (`npm run bench`): a scenario's `GET /hello/` served
 * headless through its gateway → µs per request, tracing off and on (spans built), round-robin.
 * One call per framework mode: `hello_bench({ scenario, key: "flask_hello_us", … })`.
 */
import { HeadlessRuntime } from "../src/runtime/headless";
import type { Scenario } from "../src/scenarios/format";
import { figure, per_run_ratio, run_cases, type AnchorRef, type Figure, type RunOptions } from "./harness";

export interface HelloBench {
  scenario: Scenario;
  /** The untraced figure's key (`flask_hello_us`); the traced one is `…_traced_us`, the ratio `…_trace_ratio`. */
  key: string;
  label: string;
  anchor?: AnchorRef;
  /** The body the hello answers (checked before timing). */
  body?: string;
  target?: string;
}

export function hello_bench(spec: HelloBench): (options: RunOptions) => Promise<Figure[]> {
  let runtime: HeadlessRuntime | null = null;
  const request = { method: "GET", target: spec.target ?? "/hello/", headers: [["Host", "testserver"]] as [string, string][], body: "" };
  const once = (trace: boolean) => async () => {
    const result = await runtime!.request(request, { trace });
    if (result.response.status !== 200) throw new Error(`bench ${spec.key}: status ${result.response.status}`);
  };
  return async (options) => {
    if (!runtime) {
      runtime = await HeadlessRuntime.create({ trace: false });
      const loaded = await runtime.load(spec.scenario);
      if (!loaded.ok) throw new Error(`bench ${spec.key}: the scenario failed to load: ${loaded.error.type}: ${loaded.error.message}`);
      const first = await runtime.request(request, { trace: true });
      const body = new TextDecoder().decode(first.response.body);
      if (first.response.status !== 200 || (spec.body !== undefined && body !== spec.body)) throw new Error(`bench ${spec.key}: ${first.response.status} ${body.slice(0, 200)}`);
    }
    const res = await run_cases(
      [
        { name: "off", fn: once(false), n: 1000, async: true },
        { name: "on", fn: once(true), n: 1000, async: true },
      ],
      options,
    );
    const base = spec.key.replace(/_us$/, "");
    return [
      figure(spec.key, spec.label, "us", res.get("off")!, spec.anchor),
      figure(`${base}_traced_us`, `${spec.label}, traced (spans built)`, "us", res.get("on")!, spec.anchor),
      figure(`${base}_trace_ratio`, `tracing on / off, ${spec.label}`, "x", per_run_ratio(res.get("on")!, res.get("off")!)),
    ];
  };
}
