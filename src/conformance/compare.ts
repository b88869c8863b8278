/**
 * Structural comparison of an actual result against a recorded expectation, with a path to the first
 * difference so a failing case says exactly what was wrong.
 */
import type { CaseResult } from "./area";

export function first_difference(actual: unknown, expected: unknown, path = "$"): string | null {
  if (expected === null || typeof expected !== "object") {
    if (Object.is(actual, expected)) return null;
    if (typeof expected === "number" && typeof actual === "number" && actual === expected) return null;
    return `${path}: expected ${show(expected)}, got ${show(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a list ${show(expected)}, got ${show(actual)}`;
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} items ${show(expected)}, got ${actual.length} ${show(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const d = first_difference(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return `${path}: expected an object ${show(expected)}, got ${show(actual)}`;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  for (const key of Object.keys(e)) {
    if (!(key in a)) return `${path}.${key}: missing (expected ${show(e[key])})`;
    const d = first_difference(a[key], e[key], `${path}.${key}`);
    if (d) return d;
  }
  for (const key of Object.keys(a)) if (!(key in e)) return `${path}.${key}: unexpected key (value ${show(a[key])})`;
  return null;
}

export function expect_equal(actual: unknown, expected: unknown): CaseResult {
  const d = first_difference(actual, expected);
  return d ? { passed: false, message: d } : { passed: true, message: "ok" };
}

export function show(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v);
  } catch {
    s = String(v);
  }
  if (s === undefined) s = String(v);
  return s.length > 300 ? s.slice(0, 300) + "…" : s;
}
