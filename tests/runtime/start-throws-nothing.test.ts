/**
 * Loading the runtime throws nothing. In the page the runtime is one 2 MB script evaluated by a
 * worker (src/runtime/sandbox.ts); a throw while its top level runs — even one caught at once — has
 * the whole script's function on the stack, and Chromium then has V8 re-parse that function to
 * place the frame: about 100 ms of the worker's start per throw on this machine
 * (docs/benchmarks.md, the page, 2026-12-07). The inspector sees every throw, caught or not.
 */
import { Session } from "node:inspector";
import { describe, expect, it } from "vitest";

interface Paused {
  params: { reason: string; data?: { description?: string } };
}

describe("the runtime's module graph", () => {
  it("evaluates every module (frameworks, modes, worker) without throwing, not even a caught exception", async () => {
    const session = new Session();
    session.connect();
    const throws: string[] = [];
    session.on("Debugger.paused", (message: Paused) => {
      // Only throws made by the project's own modules (their stack names a file under src/), not
      // by Node's or Vitest's module loading around them.
      const stack = message.params.data?.description ?? "";
      if (message.params.reason === "exception" && /\/src\/(frameworks|runtime|modes|gateway|trace)\//.test(stack)) throws.push(stack.split("\n").slice(0, 4).join(" / "));
      session.post("Debugger.resume");
    });
    session.post("Debugger.enable");
    session.post("Debugger.setPauseOnExceptions", { state: "all" });
    try {
      await import("../../src/runtime/worker");
    } finally {
      session.post("Debugger.disable");
      session.disconnect();
    }
    expect(throws).toEqual([]);
  });
});
