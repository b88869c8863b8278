/**
 * Checking milestones: a course scenario (starter, solution, or the learner's edit of either) run
 * on a runtime → each milestone ✓ or ✗ with why. Main functions: `check_project`,
 * `milestone_results`, `check_course`.
 *
 * Pure: the page (through the worker's runtime) and the CLI (`npm run lab -- course --check`,
 * through the headless runtime) share it.
 */
import type { LoadResult, Scenario } from "../runtime/protocol";
import { replay_all, run_checks, type CheckOutcome, type RequestSender } from "../scenarios/client";
import type { CourseProject, MilestoneResult, Variant } from "./types";

/** What checking needs from a runtime: load a scenario, then send its requests and steps. */
export interface CourseRuntime extends RequestSender {
  load(scenario: Scenario): Promise<LoadResult>;
}

/**
 * The milestones of `project` from the outcomes of its checks: a milestone passes when it has at
 * least one check and every one of them passed. A project that failed to load says so first.
 */
export function milestone_results(project: CourseProject, outcomes: readonly CheckOutcome[], load_error?: string): MilestoneResult[] {
  return project.milestones.map((milestone) => {
    const mine = outcomes.filter((o) => o.check.label === milestone.title);
    if (!mine.length) return { milestone, passed: false, why: "no check is labelled with this milestone" };
    const failed = mine.filter((o) => !o.passed);
    if (!failed.length) return { milestone, passed: true, why: `ok: ${mine.length} check${mine.length === 1 ? "" : "s"} passed` };
    const reasons = [...new Set(failed.map((o) => `${where(o)}: ${o.message}`))];
    return { milestone, passed: false, why: `${load_error ? `the project does not load (${load_error}); ` : ""}${reasons.join("; ")}` };
  });
}

function where(outcome: CheckOutcome): string {
  return "request" in outcome.check ? `request ${outcome.check.request + 1}` : `step ${outcome.check.script + 1}`;
}

/** Load `scenario` (a project's starter, solution, or the learner's files) and check its milestones. */
export async function check_project(runtime: CourseRuntime, project: CourseProject, scenario: Scenario): Promise<MilestoneResult[]> {
  const loaded = await runtime.load(scenario);
  const load_error = loaded.ok ? undefined : `${loaded.error.type}: ${loaded.error.message}`;
  try {
    const replayed = await replay_all(runtime, scenario);
    return milestone_results(project, run_checks(scenario.checks ?? [], replayed), load_error);
  } catch (e) {
    const why = `the run stopped: ${e instanceof Error ? e.message : String(e)}`;
    return project.milestones.map((milestone) => ({ milestone, passed: false, why }));
  }
}

export interface CourseCheck {
  project: CourseProject;
  variant: Variant;
  results: MilestoneResult[];
}

/** Every project's milestones against its solution and its starter (a fresh runtime per run). */
export async function check_course(projects: readonly CourseProject[], runtime: () => Promise<CourseRuntime>, on_result?: (check: CourseCheck) => void): Promise<CourseCheck[]> {
  const out: CourseCheck[] = [];
  for (const project of projects) {
    for (const variant of ["solution", "starter"] as const) {
      const results = await check_project(await runtime(), project, project[variant]);
      const check = { project, variant, results };
      out.push(check);
      on_result?.(check);
    }
  }
  return out;
}

/** `milestones: P/40 pass on solutions, F/40 fail on starters`. */
export function course_summary(checks: readonly CourseCheck[]): { passed: number; failed: number; total: number; line: string } {
  const solutions = checks.filter((c) => c.variant === "solution").flatMap((c) => c.results);
  const starters = checks.filter((c) => c.variant === "starter").flatMap((c) => c.results);
  const passed = solutions.filter((r) => r.passed).length;
  const failed = starters.filter((r) => !r.passed).length;
  const total = solutions.length;
  return { passed, failed, total, line: `milestones: ${passed}/${total} pass on solutions, ${failed}/${starters.length} fail on starters` };
}

/** A starter from its solution: the same project, requests and checks, with some files replaced by the exercise. */
export function starter_of(solution: Scenario, files: Record<string, string>, title = `${solution.title} — starter`): Scenario {
  return { ...solution, title, files: { ...solution.files, ...files } };
}

/**
 * The starter's version of one file: each `[solution text, exercise text]` pair replaced once. A
 * pair whose solution text is not in the file throws, so a changed lesson cannot leave a starter
 * that silently equals its solution.
 */
export function carve(source: string, pairs: readonly (readonly [string, string])[], file = "a file"): string {
  let out = source;
  for (const [from, to] of pairs) {
    const at = out.indexOf(from);
    if (at < 0) throw new Error(`course starter: ${JSON.stringify(from.slice(0, 60))} is not in ${file}`);
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return out;
}
