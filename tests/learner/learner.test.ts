/**
 * Learner projects (tests/learner/projects/*): the code the Django tutorial and topic guides teach,
 * run here and in real Django 5.2.17 (recorded.json, made by record.py). At least 97 % of all the
 * responses must be equal after normalising CSRF tokens, session keys, password hashes and the time.
 */
import { describe, expect, it } from "vitest";
import { project_names, run_project, same, type RecordedResponse } from "./harness";

const results = new Map<string, { total: number; equal: number; differing: string[] }>();

describe("learner projects replay real Django's responses", () => {
  for (const name of project_names()) {
    it(`${name}: the lab answers every scripted request as Django 5.2.17 did`, async () => {
      const { recorded, actual } = await run_project(name);
      expect(actual.length).toBe(recorded.length);
      const differing = recorded.flatMap((want: RecordedResponse, i) => (same(want, actual[i]) ? [] : [`#${i} ${want.request}`]));
      results.set(name, { total: recorded.length, equal: recorded.length - differing.length, differing });
      // Each project on its own may differ in a few responses; the total is held below.
      expect(differing.length / recorded.length).toBeLessThanOrEqual(0.1);
    }, 60_000);
  }

  it("≥ 97 % of all recorded responses are equal", () => {
    const total = [...results.values()].reduce((n, r) => n + r.total, 0);
    const equal = [...results.values()].reduce((n, r) => n + r.equal, 0);
    expect(results.size).toBe(project_names().length);
    expect(equal / total).toBeGreaterThanOrEqual(0.97);
  });
});
