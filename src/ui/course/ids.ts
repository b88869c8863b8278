/**
 * Course scenarios inside the page: their ids in the scenario library (`course-orm-starter`), and
 * the permalinks of the path (`#course/orm/starter`, `#course/3/lesson`, `#course`, `#compare`).
 * The course's data is loaded on demand (`loadCourse`), so these take the loaded projects.
 */
import type { CourseProject, Variant } from "../../course/types";

export function courseScenarioId(project: CourseProject, variant: Variant): string {
  return `course-${project.id}-${variant}`;
}

function find(projects: readonly CourseProject[], key: string): CourseProject | undefined {
  return projects.find((p) => p.id === key || String(p.number) === key);
}

/** `course-orm-starter` → project 3 and "starter"; anything else → null. */
export function parseCourseScenarioId(projects: readonly CourseProject[] | null, id: string | null): { project: CourseProject; variant: Variant } | null {
  const match = /^course-([a-z0-9]+)-(starter|solution)$/.exec(id ?? "");
  const project = match && projects ? find(projects, match[1]) : undefined;
  return match && project ? { project, variant: match[2] as Variant } : null;
}

export function isCourseScenarioId(id: string): boolean {
  return /^course-[a-z0-9]+-(starter|solution)$/.test(id);
}

export type CourseLink = { kind: "project"; project: CourseProject; step: Variant | "lesson" } | { kind: "path" } | { kind: "compare" };

export function isCourseHash(hash: string): boolean {
  return hash === "#compare" || hash === "#course" || hash.startsWith("#course/");
}

/** `#course`, `#course/orm`, `#course/3/solution`, `#course/orm/lesson`, `#compare` → where to go; anything else → null. */
export function parseCourseHash(projects: readonly CourseProject[], hash: string): CourseLink | null {
  if (hash === "#compare") return { kind: "compare" };
  if (hash === "#course") return { kind: "path" };
  const match = /^#course\/([a-z0-9]+)(?:\/(starter|solution|lesson))?$/.exec(hash);
  const project = match ? find(projects, match[1]) : undefined;
  if (!match || !project) return null;
  return { kind: "project", project, step: (match[2] as Variant | "lesson" | undefined) ?? "starter" };
}

export function courseHash(project: CourseProject, step: Variant | "lesson"): string {
  return `#course/${project.id}/${step}`;
}

export function neighbours(projects: readonly CourseProject[], project: CourseProject): { previous: CourseProject | null; next: CourseProject | null } {
  const i = projects.indexOf(project);
  return { previous: projects[i - 1] ?? null, next: projects[i + 1] ?? null };
}
