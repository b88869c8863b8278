/** A scenario's checks as the Lesson pane words them. Pure. */
import type { ScenarioCheck } from "../../scenarios/format";

/** "status 401 · body contains “Unauthorized”": what a check asks of its response (its label first, when it has one). */
export function describeCheck(check: ScenarioCheck): string {
  if ("script" in check) return check.label ?? `script step ${check.script + 1} holds`;
  const parts: string[] = [];
  if (check.status !== undefined) parts.push(`status ${check.status}`);
  if (check.body_contains !== undefined) parts.push(`body contains “${check.body_contains}”`);
  if (check.header) parts.push(`header ${check.header[0]}: ${check.header[1]}`);
  const what = parts.join(" · ") || "responds";
  return check.label ? `${check.label} (${what})` : what;
}
