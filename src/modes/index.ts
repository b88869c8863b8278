/**
 * The framework modes, as code. The runtime boots a project by asking this registry for the
 * scenario's mode — never by naming a framework — and resets every mode before every load. The
 * modes themselves come from `source.ts` (all of them at once in Node; in the built page's worker,
 * each evaluated on first use: docs/adr/0024-page-start-order.md). The data side (panels, entry
 * fields, template language) is `descriptors.ts`.
 *
 * `FRAMEWORK_MODULES` is every package user code can import by bare name: the standard library and
 * each mode's packages together, as if they were all installed in one virtualenv (a Channels
 * project imports Django; a learner may compare Flask's `escape` with Django's). Reading a module
 * of a mode not evaluated yet evaluates it.
 */
import * as standard_library from "./standard-library";
import { MODE_SOURCE } from "./source";
import { mode_registry } from "./registry";

export const { MODE_BOOTS, mode_boot, FRAMEWORK_MODULES, reset_all_modes, attach_project_to_modes, attach_database_to_modes } = mode_registry(
  MODE_SOURCE,
  standard_library as unknown as Record<string, Record<string, unknown>>,
);

export type { BootContext, CommandOutput, CommandPrompt, LoadDetails, ManageIO, ManageResult, ManagementCommand, ModeBoot, ModeSource, OutputChunk, PlanStep, ServedApplication } from "./types";
