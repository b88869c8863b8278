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
const DEFAULT_ORDER = ["django-hello", "wsgi-hello"];

export async function loadBuiltinScenarios(): Promise<ScenarioEntry[]> {
  const { BUILTIN_SCENARIOS } = await import("../scenarios/index");
  const entries = Object.entries(BUILTIN_SCENARIOS).map(([id, scenario]) => ({ id, scenario }));
  const rank = (id: string) => (DEFAULT_ORDER.includes(id) ? DEFAULT_ORDER.indexOf(id) : DEFAULT_ORDER.length);
  return entries.sort((a, b) => rank(a.id) - rank(b.id));
}
