/**
 * unittest's assert methods and their failure messages, replayed from CPython 3.11: each case of
 * assert_cases.json (an assert method, its arguments and keywords) was called on a real
 * `unittest.TestCase` by record_asserts.py, and asserts.recorded.json holds the AssertionError's
 * message (null when it passed). The same call on python/unittest/case.ts must give the same.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AssertionError, py_tuple } from "../../../../src/frameworks/python/builtins";
import { TestCase } from "../../../../src/frameworks/python/unittest/case";

interface RecordedCase {
  call: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  maxDiff?: number | null;
  message: string | null;
}

const cases: RecordedCase[] = JSON.parse(readFileSync(join(import.meta.dirname, "asserts.recorded.json"), "utf8"));

/** JSON → the values Python had: {"$tuple": [...]}, {"$set": [...]}, {"$repeat": [text, n]}. */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    const v = value as Record<string, unknown>;
    if (keys.length === 1 && keys[0] === "$tuple") return py_tuple(...(v.$tuple as unknown[]).map(decode));
    if (keys.length === 1 && keys[0] === "$set") return new Set((v.$set as unknown[]).map(decode));
    if (keys.length === 1 && keys[0] === "$repeat") return (v.$repeat as [string, number])[0].repeat((v.$repeat as [string, number])[1]);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return value;
}

/** Python keywords → the TypeScript call: `msg` positional last, the almost-equal options as one object. */
function call(test: TestCase, c: RecordedCase): void {
  const args = (c.args ?? []).map(decode);
  const kwargs = decode(c.kwargs ?? {}) as Record<string, unknown>;
  const method = (test as unknown as Record<string, (...a: unknown[]) => void>)[c.call];
  if (c.call === "assertAlmostEqual" || c.call === "assertNotAlmostEqual") return method.call(test, ...args, kwargs);
  if ("msg" in kwargs) return method.call(test, ...args, kwargs.msg);
  return method.call(test, ...args);
}

class Case extends TestCase {
  runTest() {}
}

describe("unittest.TestCase's assert methods, as CPython 3.11 words their failures", () => {
  for (const [i, c] of cases.entries()) {
    it(`${i}: ${c.call}(${JSON.stringify(c.args)}${c.kwargs ? `, ${JSON.stringify(c.kwargs)}` : ""}) ${c.message === null ? "passes" : "fails"}`, () => {
      const test = new Case();
      if ("maxDiff" in c) test.maxDiff = c.maxDiff ?? null;
      let message: string | null = null;
      try {
        call(test, c);
      } catch (e) {
        if (!(e instanceof AssertionError)) throw e;
        message = e.message;
      }
      expect(message).toBe(c.message);
    });
  }
});
