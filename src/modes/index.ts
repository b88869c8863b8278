/**
 * The framework modes, as code: one line per mode. The runtime boots a project by asking this
 * registry for the scenario's mode — never by naming a framework — and resets every mode before
 * every load. The data side (panels, entry fields, template language) is `descriptors.ts`.
 *
 * `FRAMEWORK_MODULES` is every package user code can import by bare name: the standard library and
 * each mode's packages together, as if they were all installed in one virtualenv (a Channels
 * project imports Django; a learner may compare Flask's `escape` with Django's).
 */
import type { ModeBoot } from "./types";
import * as standard_library from "./standard-library";
import { boot as wsgi } from "./wsgi/boot";
import { boot as django } from "./django/boot";
import { boot as flask } from "./flask/boot";
import { boot as channels } from "./channels/boot";
import { boot as fastapi } from "./fastapi/boot";

export const MODE_BOOTS: readonly ModeBoot[] = [
  wsgi,
  django,
  flask,
  channels,
  fastapi,
];

export function mode_boot(id: string): ModeBoot | null {
  return MODE_BOOTS.find((mode) => mode.id === id) ?? null;
}

export const FRAMEWORK_MODULES: Readonly<Record<string, Record<string, unknown>>> = Object.freeze(
  Object.assign({}, standard_library as unknown as Record<string, Record<string, unknown>>, ...MODE_BOOTS.map((mode) => mode.modules)),
);

/** Forget every project's state in every framework (before each load, whatever the next project's mode). */
export function reset_all_modes(): void {
  for (const mode of MODE_BOOTS) mode.reset();
}

export type { BootContext, CommandOutput, CommandPrompt, LoadDetails, ManageIO, ManageResult, ManagementCommand, ModeBoot, OutputChunk, PlanStep, ServedApplication } from "./types";
