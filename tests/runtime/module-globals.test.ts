/**
 * A module's top level keeps what it defines alive, as a Python module's globals do. A user module
 * here is a function body: a receiver connected weakly at import time — `receiver(post_save)(function
 * on_save() {...})`, the docs' `@receiver` — has nothing else holding it, and would stop being called
 * at the next garbage collection. The loader ties such receivers to the importing module.
 */
import { describe, expect, it } from "vitest";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { ModuleLoader } from "../../src/runtime/loader";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const macrotask = () => new Promise((r) => setTimeout(r, 0));
async function collect() {
  for (let i = 0; i < 3; i++) {
    await macrotask();
    gc();
  }
  await macrotask();
}

const DJANGO = `
import { Signal, receiver } from "django/dispatch";
export const saved = new Signal();
export const calls: string[] = [];
receiver(saved)(function on_save(sender, kwargs) { calls.push("decorated"); });
function on_save_too(sender, kwargs) { calls.push("connected"); }
saved.connect(on_save_too);
export function connect_later() {
  // Connected from a view at request time, inside a function: Python collects such a closure once
  // nothing holds it; so may we (weak, not tied to any module).
  saved.connect(function transient(sender, kwargs) { calls.push("transient"); });
}
`;

const FLASK = `
import { Namespace } from "blinker";
const ns = new Namespace();
export const ping = ns.signal("ping");
export const calls: string[] = [];
ping.connect(function on_ping(sender) { calls.push("ping"); });
`;

describe("receivers connected while a module is imported live as long as the module", () => {
  it("Django: a decorated and a connected module-level function still run after garbage collection", async () => {
    const loader = new ModuleLoader({ "app/signals.ts": DJANGO });
    const mod = loader.require("app/signals", "") as { saved: { send(s: unknown, k?: object): unknown }; calls: string[] };
    mod.saved.send(null);
    expect(mod.calls).toEqual(["decorated", "connected"]);
    await collect();
    mod.calls.length = 0;
    mod.saved.send(null);
    expect(mod.calls).toEqual(["decorated", "connected"]);
  });

  it("blinker: a module-level receiver connected weakly still runs after garbage collection", async () => {
    const loader = new ModuleLoader({ "app/ping.ts": FLASK });
    const mod = loader.require("app/ping", "") as { ping: { send(s: unknown): unknown }; calls: string[] };
    await collect();
    mod.ping.send(null);
    expect(mod.calls).toEqual(["ping"]);
  });
});
