/**
 * Flask learner projects (tests/learner-flask/projects/*): the code the Flask docs teach — flaskr,
 * the tutorial's blog (an application factory, blueprints, sessions, flashed messages, Jinja
 * templates, sqlite3 through g, static files); quickstart, the quickstart's examples (converters,
 * URL building, methods, cookies, errors, JSON responses, request data); methodviews (class-based
 * views); and signals (receivers for Flask's signals and a project's own, template_rendered
 * captured around the test client) — run here and in real Flask 3.1.3 (recorded.json, made by record.py). Every response must be equal:
 * status, content type, location and body; a failure lists every differing response.
 */
import { describe, expect, it } from "vitest";
import { project_names, run_project } from "./harness";

describe("Flask learner projects replay real Flask's responses", () => {
  for (const name of project_names()) {
    it(`${name}: the lab answers every scripted request as Flask 3.1.3 did`, async () => {
      const { recorded, actual } = await run_project(name);
      expect(actual.map((r) => r.request)).toEqual(recorded.map((r) => r.request));
      const differing = recorded.flatMap((want, i) => {
        const got = actual[i];
        const fields = (["status", "content_type", "location", "body"] as const).filter((f) => got[f] !== want[f]);
        return fields.length ? [{ i, request: want.request, ...Object.fromEntries(fields.map((f) => [f, { flask: want[f], lab: got[f] }])) }] : [];
      });
      expect(differing).toEqual([]);
    }, 120_000);
  }
});
