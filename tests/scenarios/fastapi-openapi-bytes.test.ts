/**
 * The built-in FastAPI scenarios' OpenAPI documents, byte for byte as real FastAPI 0.142.2 serves
 * them for the same apps written in Python (tests/scenarios/fastapi-reference/: the apps, the
 * recorder, the recorded bodies): key order, spacing, numbers and the content-length all equal.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { build_request } from "../../src/scenarios/client";
import { get_builtin_scenario } from "../../src/scenarios";

let runtime: HeadlessRuntime;

beforeAll(async () => {
  runtime = await HeadlessRuntime.create();
}, 60_000);

describe("the built-in FastAPI scenarios' /openapi.json", () => {
  for (const name of ["fastapi-items", "fastapi-deps"]) {
    it(`${name}: the body real FastAPI serves, byte for byte`, async () => {
      const recorded = readFileSync(resolve(__dirname, "fastapi-reference", `${name}.openapi.json`));
      const loaded = await runtime.load(get_builtin_scenario(name)!);
      expect(loaded.ok).toBe(true);
      const { response } = await runtime.request(build_request({ method: "GET", target: "/openapi.json" }, null));
      expect(response.status).toBe(200);
      expect(response.headers).toEqual([
        ["content-length", String(recorded.length)],
        ["content-type", "application/json"],
      ]);
      expect(Buffer.from(response.body).toString("utf8")).toBe(recorded.toString("utf8"));
    });
  }
});
