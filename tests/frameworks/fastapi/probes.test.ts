/**
 * FastAPI beyond the public corpus: 239 cases of our own, recorded on real FastAPI 0.142.2 with the
 * corpus's reference interpreter (probes.py regenerates probes.json), replayed like corpus cases —
 * parameters and their coercions, bodies and 422 bodies, response models and classes, cookies,
 * exception handlers, dependencies and security, OpenAPI documents, middleware and CORS, background
 * tasks — and 40 OpenAPI documents compared byte for byte (key order, floats): every corpus and
 * probe app that serves /openapi.json, and the fastapi-items scenario's app.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { replay_case } from "../../../src/conformance/areas/fastapi";

const probes = JSON.parse(readFileSync(resolve(__dirname, "probes.json"), "utf8")) as { cases: { id: string; input: any; expect: any }[] };

describe("FastAPI probes recorded on real FastAPI", () => {
  it("has its cases", () => {
    expect(probes.cases.length).toBe(239);
  });

  for (const kind of [...new Set(probes.cases.map((c) => c.input.kind as string))]) {
    it(`replays every ${kind} case`, async () => {
      const failed: string[] = [];
      for (const c of probes.cases.filter((x) => x.input.kind === kind)) {
        const r = await replay_case(c.input, c.expect);
        if (!r.passed) failed.push(`${c.id}: ${r.message}`);
      }
      expect(failed).toEqual([]);
    }, 60_000);
  }
});
