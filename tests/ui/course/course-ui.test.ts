/**
 * The learning path's page-side pieces without a browser: course links and scenario ids, the
 * lesson's Markdown as elements (never raw HTML), and progress kept per project and variant.
 */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { COURSE } from "../../../src/course";
import { courseHash, courseScenarioId, isCourseHash, parseCourseHash, parseCourseScenarioId, neighbours } from "../../../src/ui/course/ids";
import { Markdown } from "../../../src/ui/course/Markdown";
import { courseStore, passedCount, progressKey, recordResults } from "../../../src/ui/course/progress";

describe("course links and ids", () => {
  const orm = COURSE[2];

  it("round-trips a project and step through its permalink and its scenario id", () => {
    expect(courseHash(orm, "solution")).toBe("#course/orm/solution");
    expect(parseCourseHash(COURSE, "#course/orm/solution")).toEqual({ kind: "project", project: orm, step: "solution" });
    expect(parseCourseHash(COURSE, "#course/3/lesson")).toEqual({ kind: "project", project: orm, step: "lesson" });
    expect(parseCourseHash(COURSE, "#course/orm")).toEqual({ kind: "project", project: orm, step: "starter" });
    expect(parseCourseHash(COURSE, "#course")).toEqual({ kind: "path" });
    expect(parseCourseHash(COURSE, "#compare")).toEqual({ kind: "compare" });
    expect(parseCourseHash(COURSE, "#course/nope/starter")).toBeNull();
    expect(isCourseHash("#course/orm")).toBe(true);
    expect(isCourseHash("#s=abc")).toBe(false);
    expect(courseScenarioId(orm, "starter")).toBe("course-orm-starter");
    expect(parseCourseScenarioId(COURSE, "course-orm-starter")).toEqual({ project: orm, variant: "starter" });
    expect(parseCourseScenarioId(COURSE, "blog-orm")).toBeNull();
    expect(neighbours(COURSE, orm)).toEqual({ previous: COURSE[1], next: COURSE[3] });
    expect(neighbours(COURSE, COURSE[0]).previous).toBeNull();
  });
});

describe("Markdown", () => {
  it("renders headings, lists, code, bold and emphasis as elements, and markup in the text as text", () => {
    const html = renderToStaticMarkup(createElement(Markdown, { source: "## What\nA `x` **b** *c* <script>\n- one\n- two" }));
    expect(html).toBe('<div class="lesson-text"><h4>What</h4><p>A <code>x</code> <strong>b</strong> <em>c</em> &lt;script&gt;</p><ul><li>one</li><li>two</li></ul></div>');
  });
});

describe("progress", () => {
  it("keeps the learner's checks under the project and the solution's apart", () => {
    const project = COURSE[0];
    const results = project.milestones.map((milestone, i) => ({ milestone, passed: i === 0, why: i === 0 ? "ok" : "no" }));
    recordResults(project.id, "starter", results);
    recordResults(project.id, "solution", results.map((r) => ({ ...r, passed: true })));
    expect(progressKey(project.id, "starter")).toBe("wsgi");
    expect(passedCount(courseStore.getState().results.wsgi)).toBe(1);
    expect(passedCount(courseStore.getState().results["wsgi/solution"])).toBe(4);
  });
});
