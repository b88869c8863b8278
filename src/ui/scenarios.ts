/**
 * The built-in scenarios for the gallery. src/scenarios is pure data plus the format validator (no
 * runtime code), so the page imports it directly — in its own chunk, loaded right after the shell
 * paints — rather than asking the worker: the gallery shows before the runtime has booted, and
 * permalinks need `parse_scenario` on the page anyway.
 */
import type { Scenario } from "../runtime/protocol";

export interface ScenarioEntry {
  id: string;
  scenario: Scenario;
}

/** Preferred first: the scenario a first visit opens. */
export const DEFAULT_ORDER = ["django-hello", "wsgi-hello"];

export async function loadBuiltinScenarios(): Promise<ScenarioEntry[]> {
  // Three chunks, fetched side by side (the default scenario waits for them all).
  const [{ BUILTIN_SCENARIOS }, { COURSE }, { COMPARISON }] = await Promise.all([import("../scenarios/index"), import("../course/index"), import("../course/compare")]);
  // The course's starters and solutions open like built-ins (with the learner's saved edits); the
  // gallery lists them in its learning path, not among the framework sections.
  const course = COURSE.flatMap((project) => (["starter", "solution"] as const).map((variant) => ({ id: `course-${project.id}-${variant}`, scenario: project[variant] })));
  const compared = COMPARISON.map(({ id, scenario }) => ({ id: `compare-${id}`, scenario }));
  const entries = [...Object.entries(BUILTIN_SCENARIOS).map(([id, scenario]) => ({ id, scenario })), ...course, ...compared];
  const rank = (id: string) => (DEFAULT_ORDER.includes(id) ? DEFAULT_ORDER.indexOf(id) : DEFAULT_ORDER.length);
  return entries.sort((a, b) => rank(a.id) - rank(b.id));
}
