/**
 * The course's forty milestones: each passes on its project's solution and fails on its starter
 * (what `npm run lab -- course --check` prints), the path's data is complete, and every course
 * scenario survives the JSON round trip a permalink or a download makes.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { COURSE, check_course, check_project, course_project, course_summary, milestone_results } from "../../src/course";
import { carve } from "../../src/course/check";
import { parse_scenario_json } from "../../src/scenarios/format";

describe("the course's milestones", () => {
  it("pass 40/40 on the solutions and fail 40/40 on the starters", async () => {
    const checks = await check_course(COURSE, () => HeadlessRuntime.create());
    const summary = course_summary(checks);
    const wrong = checks.flatMap((c) => c.results.filter((r) => r.passed !== (c.variant === "solution")).map((r) => `${c.project.id} ${c.variant}: ${r.milestone.title}: ${r.why}`));
    expect(wrong).toEqual([]);
    expect(summary.line).toBe("milestones: 40/40 pass on solutions, 40/40 fail on starters");
  }, 180_000);

  it("say why a starter's milestone fails, naming the TODO the server raised", async () => {
    const project = course_project("wsgi")!;
    const results = await check_project(await HeadlessRuntime.create(), project, project.starter);
    expect(results[0]).toMatchObject({ passed: false });
    expect(results[0].why).toContain("the server raised Error: TODO (milestone 1): respond() must call start_response and return [bytes]");
  });

  it("flip one at a time: fixing the starter's respond() passes milestone 1 of project 1 only", async () => {
    const project = course_project(1)!;
    const solution_app = project.solution.files["app.ts"];
    const respond = solution_app.slice(solution_app.indexOf("function respond("), solution_app.indexOf("\n}\n", solution_app.indexOf("function respond(")) + 3);
    const starter_app = project.starter.files["app.ts"];
    const todo = starter_app.slice(starter_app.indexOf("function respond("), starter_app.indexOf("\n}\n", starter_app.indexOf("function respond(")) + 3);
    const fixed = { ...project.starter, files: { ...project.starter.files, "app.ts": carve(starter_app, [[todo, respond]]) } };
    const results = await check_project(await HeadlessRuntime.create(), project, fixed);
    expect(results.map((r) => r.passed)).toEqual([true, false, false, false]);
  });

  it("group checks by label: a milestone with no check fails and says so", () => {
    const project = course_project("orm")!;
    const results = milestone_results(project, [{ check: { request: 0, label: "the QuerySet is lazy" }, passed: true, message: "ok" }]);
    expect(results.map((r) => [r.milestone.title, r.passed, r.why])).toEqual([
      ["models define tables", false, "no check is labelled with this milestone"],
      ["the QuerySet is lazy", true, "ok: 1 check passed"],
      ["chaining works", false, "no check is labelled with this milestone"],
      ["lookups work", false, "no check is labelled with this milestone"],
    ]);
  });
});

describe("the learning path's data", () => {
  it("has the ten projects of COURSE.md in order, four milestones each, named as COURSE.md names them", () => {
    expect(COURSE.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(COURSE.map((p) => p.id)).size).toBe(10);
    const table = readFileSync(new URL("../../../shared/COURSE.md", import.meta.url), "utf8");
    for (const project of COURSE) {
      expect(project.milestones).toHaveLength(4);
      const row = table.split("\n").find((line) => line.startsWith(`| ${project.number} |`));
      const listed = row!.split("|").at(-2)!.split(";").map((m) => m.trim().replace(/`/g, ""));
      expect(project.milestones.map((m) => m.title)).toEqual(listed);
    }
  });

  it("marks each milestone's part in the starter and not in the solution", () => {
    for (const project of COURSE) {
      const starter = Object.values(project.starter.files).join("\n");
      const solution = Object.values(project.solution.files).join("\n");
      for (const n of [1, 2, 3, 4]) {
        expect(starter, `${project.id} starter, milestone ${n}`).toContain(`TODO (milestone ${n})`);
        expect(solution, `${project.id} solution`).not.toContain(`TODO (milestone ${n})`);
      }
      expect(project.starter.checks).toEqual(project.solution.checks);
      expect(project.starter.requests).toEqual(project.solution.requests);
    }
  });

  it("round-trips every starter and solution through the scenario format (permalinks, downloads)", () => {
    for (const project of COURSE) {
      for (const scenario of [project.starter, project.solution]) expect(parse_scenario_json(JSON.stringify(scenario))).toEqual(scenario);
    }
  });
});
