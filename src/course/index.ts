/**
 * The course "from the surface to the core" (../shared/COURSE.md): ten projects in order, each
 * with its lesson, starter and solution scenarios and four milestones — forty in all. Pure data
 * plus the checking functions (check.ts); the gallery's learning path and `npm run lab -- course`
 * both read it. Main export: `COURSE`.
 */
import type { CourseProject } from "./types";
import { project_wsgi } from "./projects/p01-wsgi";
import { project_framework } from "./projects/p02-framework";
import { project_orm } from "./projects/p03-orm";
import { project_signals } from "./projects/p04-signals";
import { project_admin } from "./projects/p05-admin";
import { project_cbv } from "./projects/p06-cbv";
import { project_flask } from "./projects/p07-flask";
import { project_fastapi } from "./projects/p08-fastapi";
import { project_channels } from "./projects/p09-channels";
import { project_django } from "./projects/p10-django";

export const COURSE: readonly CourseProject[] = [
  project_wsgi,
  project_framework,
  project_orm,
  project_signals,
  project_admin,
  project_cbv,
  project_flask,
  project_fastapi,
  project_channels,
  project_django,
];

/** A project by its number ("3") or id ("orm"). */
export function course_project(key: string | number): CourseProject | undefined {
  return COURSE.find((p) => p.id === key || String(p.number) === String(key));
}

export * from "./types";
export { check_course, check_project, course_summary, milestone_results, starter_of, type CourseCheck, type CourseRuntime } from "./check";
