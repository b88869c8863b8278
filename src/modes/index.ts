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
import type { BootContext, ModeBoot } from "./types";
import type { DatabaseDriver } from "../frameworks/django/db/backends/driver";
import { _attach_database } from "../frameworks/python/sqlite3";
import * as standard_library from "./standard-library";
import { MODE_SOURCE } from "./source";

type Modules = Record<string, Record<string, unknown>>;

/** The modes evaluated so far, in the order they were (in Node: every mode, in `source.ts`'s order). */
const evaluated: ModeBoot[] = [...MODE_SOURCE.preloaded];
export const MODE_BOOTS: readonly ModeBoot[] = evaluated;

/** What the current project gave every mode, handed again to a mode evaluated later. */
let project: BootContext | null = null;
let database: DatabaseDriver | null = null;

/** The mode with this id (evaluated now if it was not yet), or null for an unknown one. */
export function mode_boot(id: string): ModeBoot | null {
  if (!MODE_SOURCE.ids.includes(id)) return null;
  const known = evaluated.find((mode) => mode.id === id);
  if (known) return known;
  const mode = MODE_SOURCE.load(id);
  if (!mode) return null;
  if (mode.id !== id) throw new Error(`The runtime's mode "${id}" is a "${mode.id}" mode: the build's mode table is wrong.`);
  evaluated.push(mode);
  // A mode evaluated in the middle of a project's run starts from where every other mode is.
  if (project) mode.attach_project?.(project);
  if (database) mode.attach_database?.(database);
  return mode;
}

const standard = standard_library as unknown as Modules;
const lookup = (name: string): Record<string, unknown> | undefined => {
  if (Object.hasOwn(standard, name)) return standard[name];
  const owner = MODE_SOURCE.owner_of(name);
  return owner ? mode_boot(owner)?.modules[name] : undefined;
};

/**
 * Every importable module by name. A read (`FRAMEWORK_MODULES["flask"]`) evaluates the mode that
 * owns the name if it was not yet; listing the names (`Object.keys`) evaluates nothing.
 */
export const FRAMEWORK_MODULES: Readonly<Modules> = new Proxy({} as Modules, {
  get: (_target, name) => (typeof name === "string" ? lookup(name) : undefined),
  has: (_target, name) => typeof name === "string" && (Object.hasOwn(standard, name) || MODE_SOURCE.owner_of(name) !== null),
  ownKeys: () => [...new Set([...Object.keys(standard), ...MODE_SOURCE.names()])],
  getOwnPropertyDescriptor: (_target, name) => {
    if (typeof name !== "string" || !(Object.hasOwn(standard, name) || MODE_SOURCE.owner_of(name) !== null)) return undefined;
    return { configurable: true, enumerable: true, get: () => lookup(name) };
  },
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
});

/** Forget every project's state in every framework (before each load, whatever the next project's mode). */
export function reset_all_modes(): void {
  for (const mode of evaluated) mode.reset();
}

/** Point every mode at the project about to load (its templates, migrations), now and when evaluated later. */
export function attach_project_to_modes(context: BootContext): void {
  project = context;
  for (const mode of evaluated) mode.attach_project?.(context);
}

/**
 * Give every mode the project's database (null takes it away), now and when evaluated later — and
 * Python's own sqlite3 (the standard library's: any project's `sqlite3.connect()` reaches it).
 */
export function attach_database_to_modes(driver: DatabaseDriver | null): void {
  database = driver;
  _attach_database(driver);
  for (const mode of evaluated) mode.attach_database?.(driver);
}

export type { BootContext, CommandOutput, CommandPrompt, LoadDetails, ManageIO, ManageResult, ManagementCommand, ModeBoot, ModeSource, OutputChunk, PlanStep, ServedApplication } from "./types";
