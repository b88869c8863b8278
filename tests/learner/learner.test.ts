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
      expect(differing).toEqual([]);
    }, 60_000);
  }

  // Issue 12 asks for ≥ 97 %; every response of the sixteen projects matches (355/355: the first
  // ten's 206 and the topic guides' pagination, messages, editing, aggregation, queries and
  // formsets, 149), and the floor holds what is reached.
  it("all recorded responses are equal (issue 12's target: ≥ 97 %)", () => {
    const total = [...results.values()].reduce((n, r) => n + r.total, 0);
    const equal = [...results.values()].reduce((n, r) => n + r.equal, 0);
    expect(results.size).toBe(project_names().length);
    expect(equal / total).toBe(1);
  });
});
