/**
 * The learner's progress on the course path, kept in this browser (localStorage): each project's
 * last checked milestones (✓/✗ and why) and the project last opened. Main exports: `courseStore`,
 * `useCourse`, `recordResults`.
 *
 * Survives reloads; nothing leaves the page. A storage that cannot be read (private window, quota)
 * starts empty and the page keeps working.
 */
import { createStore } from "zustand/vanilla";
import { useStore } from "zustand";
import type { CourseProject, MilestoneResult, Variant } from "../../course/types";

const KEY = "framework-lab:course-progress";

export interface SavedMilestone {
  title: string;
  passed: boolean;
  why: string;
}

export interface ProjectProgress {
  /** Which files were checked: the learner's work on the starter, or the solution. */
  variant: Variant;
  at: number;
  milestones: SavedMilestone[];
}

export interface CourseState {
  /** By project id: the last check. */
  results: Record<string, ProjectProgress>;
  /** The project being checked right now (the Check button is busy). */
  checking: string | null;
  /** Whether the lesson text is open in the course bar. */
  lessonOpen: boolean;
  /** The course's projects, once loaded (its data is a chunk of its own). */
  projects: readonly CourseProject[] | null;
}

function load(): Record<string, ProjectProgress> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    const out: Record<string, ProjectProgress> = {};
    for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
      const v = value as Partial<ProjectProgress>;
      if (!v || (v.variant !== "starter" && v.variant !== "solution") || !Array.isArray(v.milestones)) continue;
      const milestones = v.milestones.filter((m): m is SavedMilestone => !!m && typeof m.title === "string" && typeof m.passed === "boolean" && typeof m.why === "string");
      out[id] = { variant: v.variant, at: typeof v.at === "number" ? v.at : 0, milestones };
    }
    return out;
  } catch {
    return {};
  }
}

export const courseStore = createStore<CourseState>()(() => ({ results: load(), checking: null, lessonOpen: true, projects: null }));

let loading: Promise<readonly CourseProject[]> | null = null;

/** The course's projects (loaded once, on first need). */
export function loadCourse(): Promise<readonly CourseProject[]> {
  loading ??= import("../../course/index").then(({ COURSE }) => {
    courseStore.setState({ projects: COURSE });
    return COURSE;
  });
  return loading;
}

export function useCourse<T>(selector: (state: CourseState) => T): T {
  return useStore(courseStore, selector);
}

/** Where a check's results are kept: the learner's own work under the project's id (the path's progress), the solution's apart. */
export function progressKey(project: string, variant: Variant): string {
  return variant === "starter" ? project : `${project}/solution`;
}

/** Keep a project's check results (and write them to this browser's storage). */
export function recordResults(project: string, variant: Variant, results: readonly MilestoneResult[]): void {
  const entry: ProjectProgress = { variant, at: Date.now(), milestones: results.map((r) => ({ title: r.milestone.title, passed: r.passed, why: r.why })) };
  const next = { ...courseStore.getState().results, [progressKey(project, variant)]: entry };
  courseStore.setState({ results: next });
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage unavailable: the results still show until the page is closed.
  }
}

/** How many of a project's milestones passed at its last check. */
export function passedCount(progress: ProjectProgress | undefined): number {
  return progress ? progress.milestones.filter((m) => m.passed).length : 0;
}
