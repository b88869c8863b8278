/**
 * The course's shapes: a project of the learning path (its lesson, starter and solution scenarios,
 * four milestones) and what checking a milestone found. Main type: `CourseProject`.
 *
 * A milestone is checked by the scenario's own `checks` (src/scenarios/format.ts): every check
 * whose `label` is the milestone's title belongs to it, and the milestone passes when there is at
 * least one and all of them pass. The starter and the solution share their requests, script and
 * checks; only their files differ — the starter is the exercise, with the parts to write marked
 * `TODO (milestone N)`.
 */
import type { Scenario } from "../scenarios/format";

export interface Milestone {
  /** The milestone as the course names it ("the QuerySet is lazy"): also the `label` of its checks. */
  title: string;
  /** How it is checked, in a sentence (the checklist and the closing note show it). */
  how: string;
}

export interface CourseProject {
  /** 1…10, the order of the path. */
  number: number;
  /** A short id for permalinks and the CLI (`orm`, `flask`). */
  id: string;
  title: string;
  /** What the learner builds, in one line. */
  summary: string;
  /** Markdown: what you build, why it teaches what it teaches, the core challenges, how to pass. */
  lesson: string;
  /** The built-in scenario the solution starts from (for the gallery), if any. */
  based_on?: string;
  milestones: readonly Milestone[];
  /** The exercise: the solution's files with the parts to write replaced by marked TODOs. */
  starter: Scenario;
  solution: Scenario;
}

/** One milestone checked against a run of the starter or the solution. */
export interface MilestoneResult {
  milestone: Milestone;
  passed: boolean;
  /** Why: "ok: …" on a pass; each failing check's reason on a failure. */
  why: string;
}

export type Variant = "starter" | "solution";
