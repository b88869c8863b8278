/**
 * The fuzz suite in CI: every parser of untrusted input, a fixed seed, a couple of thousand inputs
 * each (a few stress inputs at a quarter of the size limit among them). The rule (issue 9): no
 * error other than the parser's documented, typed ones, and no input within the limit over 1 s.
 * `npm run fuzz -- --n 100000` runs the same targets at full size on demand.
 */
import { describe, expect, it } from "vitest";
import { TARGETS } from "./targets";
import { fuzz, TIME_LIMIT_MS } from "./runner";

/** Inputs per target in CI (the slower parsers get fewer; all together stay well under a minute). */
const CI_INPUTS: Record<string, number> = { permalink: 600, templates: 1500, urls: 1500 };

describe("fuzz (seed 1)", () => {
  for (const target of TARGETS) {
    it(`${target.name}: ${target.parser} — only documented errors, no input over ${TIME_LIMIT_MS} ms`, async () => {
      const report = await fuzz(target, { n: CI_INPUTS[target.name] ?? 2000, seed: 1, stress_every: 500, stress_scale: 0.25 });
      expect(report.failures.map((f) => `#${f.index} ${f.kind}: ${f.message}\n  input: ${f.input}`)).toEqual([]);
      expect(report.slow.map((f) => `#${f.index} ${f.message}\n  input: ${f.input}`)).toEqual([]);
      expect(report.inputs).toBe(CI_INPUTS[target.name] ?? 2000);
    }, 120_000);
  }
});
