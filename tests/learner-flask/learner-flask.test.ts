/**
 * Flask learner projects (tests/learner-flask/projects/*): the code the Flask tutorial teaches —
 * flaskr: an application factory, blueprints, sessions, flashed messages, Jinja templates and
 * sqlite3 through g — run here and in real Flask 3.1.3 (recorded.json, made by record.py). Every
 * response must be equal: status, content type, location and body.
 */
import { describe, expect, it } from "vitest";
import { project_names, run_project } from "./harness";

describe("Flask learner projects replay real Flask's responses", () => {
  for (const name of project_names()) {
    it(`${name}: the lab answers every scripted request as Flask 3.1.3 did`, async () => {
      const { recorded, actual } = await run_project(name);
      expect(actual.map((r) => r.request)).toEqual(recorded.map((r) => r.request));
      for (let i = 0; i < recorded.length; i++) expect({ i, ...actual[i] }).toEqual({ i, ...recorded[i] });
    }, 120_000);
  }
});
