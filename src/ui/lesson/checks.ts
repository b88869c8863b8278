/** A scenario's checks as the Lesson pane words them. Pure. */
import type { ScenarioCheck } from "../../scenarios/format";

/** "status 401 · body contains “Unauthorized”": what a check asks of its response. */
export function describeCheck(check: ScenarioCheck): string {
  const parts: string[] = [];
  if (check.status !== undefined) parts.push(`status ${check.status}`);
  if (check.body_contains !== undefined) parts.push(`body contains “${check.body_contains}”`);
  if (check.header) parts.push(`header ${check.header[0]}: ${check.header[1]}`);
  return parts.join(" · ") || "responds";
}
