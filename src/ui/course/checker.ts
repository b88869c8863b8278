/**
 * The Check button: the open course project's files → its milestones ✓/✗, run in a runtime of its
 * own (a second worker, so the learner's session — database, cookies, history — is untouched),
 * then kept in the progress store. Main function: `checkMilestones`.
 */
import { RuntimeClient, type Outcome } from "../../runtime/client";
import type { Scenario } from "../../runtime/protocol";
import { check_project, type CourseRuntime } from "../../course/check";
import type { CourseProject, MilestoneResult, Variant } from "../../course/types";
import { courseStore, recordResults } from "./progress";

/** A check runs a whole project (setup, every request and step): each call gets this long. */
const CHECK_DEADLINE_MS = 20_000;

function value<T>(outcome: Outcome<T>, what: string): T {
  if (outcome.kind === "done") return outcome.value;
  if (outcome.kind === "deadline") throw new Error(`${what} was still running after ${outcome.ms / 1000} s (an endless loop?)`);
  throw new Error(`${what} failed: ${outcome.error.type}: ${outcome.error.message}`);
}

function adapter(client: RuntimeClient): CourseRuntime {
  return {
    load: async (scenario) => value(await client.load({ files: scenario.files, entry: scenario.entry, ...(scenario.setup ? { setup: scenario.setup } : {}) }), "loading the project"),
    request: async (request) => value(await client.request(request), `${request.method} ${request.target}`),
    socket: async (action) => value(await client.socket(action), "a WebSocket step"),
    command: async (command) => value(await client.command(command), command.command === "manage" ? `manage.py ${command.argv.join(" ")}` : `the step ${command.command}`),
  };
}

/** Check `files` (the editor's) against `project`'s milestones; the results are recorded for the path. */
export async function checkMilestones(project: CourseProject, variant: Variant, files: Record<string, string>): Promise<MilestoneResult[]> {
  if (courseStore.getState().checking) return [];
  courseStore.setState({ checking: project.id });
  const client = new RuntimeClient({ deadlineMs: CHECK_DEADLINE_MS });
  try {
    const scenario: Scenario = { ...project[variant], files };
    const results = await check_project(adapter(client), project, scenario);
    recordResults(project.id, variant, results);
    return results;
  } finally {
    client.dispose();
    courseStore.setState({ checking: null });
  }
}
