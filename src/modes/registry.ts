/**
 * The modes registry's workings: a mode source (every mode at once, or each on first use) and the
 * standard library → the registry index.ts exports. Main function: `mode_registry`. A mode
 * evaluated after a project was attached is given that project and its database at once, so a
 * mode evaluated late (user code importing `flask` in a Django project) starts where every other
 * mode is; a mode never evaluated has no state to reset.
 */
import type { BootContext, ModeBoot, ModeSource } from "./types";
import type { DatabaseDriver } from "../frameworks/django/db/backends/driver";
import { _attach_database } from "../frameworks/python/sqlite3";

type Modules = Record<string, Record<string, unknown>>;

export interface ModeRegistry {
  /** The modes evaluated so far, in the order they were (with source.ts: every mode, in its order). */
  MODE_BOOTS: readonly ModeBoot[];
  /** The mode with this id (evaluated now if it was not yet), or null for an unknown one. */
  mode_boot(id: string): ModeBoot | null;
  /**
   * Every importable module by name. A read (`FRAMEWORK_MODULES["flask"]`) evaluates the mode that
   * owns the name if it was not yet; listing the names (`Object.keys`) evaluates nothing.
   */
  FRAMEWORK_MODULES: Readonly<Modules>;
  /** Forget every project's state in every framework (before each load, whatever the next project's mode). */
  reset_all_modes(): void;
  /** Point every mode at the project about to load (its templates, migrations), now and when evaluated later. */
  attach_project_to_modes(context: BootContext): void;
  /**
   * Give every mode the project's database (null takes it away), now and when evaluated later — and
   * Python's own sqlite3 (the standard library's: any project's `sqlite3.connect()` reaches it).
   */
  attach_database_to_modes(driver: DatabaseDriver | null): void;
}

export function mode_registry(source: ModeSource, standard: Modules): ModeRegistry {
  const evaluated: ModeBoot[] = [...source.preloaded];
  let project: BootContext | null = null;
  let database: DatabaseDriver | null = null;

  function mode_boot(id: string): ModeBoot | null {
    if (!source.ids.includes(id)) return null;
    const known = evaluated.find((mode) => mode.id === id);
    if (known) return known;
    const mode = source.load(id);
    if (!mode) return null;
    if (mode.id !== id) throw new Error(`The runtime's mode "${id}" is a "${mode.id}" mode: the build's mode table is wrong.`);
    evaluated.push(mode);
    if (project) mode.attach_project?.(project);
    if (database) mode.attach_database?.(database);
    return mode;
  }

  const provided = (name: string) => Object.hasOwn(standard, name) || source.owner_of(name) !== null;
  const lookup = (name: string): Record<string, unknown> | undefined => {
    if (Object.hasOwn(standard, name)) return standard[name];
    const owner = source.owner_of(name);
    if (!owner) return undefined;
    const modules = mode_boot(owner)?.modules;
    if (modules && !Object.hasOwn(modules, name)) throw new Error(`The runtime's mode "${owner}" has no module "${name}": the build's mode table is wrong.`);
    return modules?.[name];
  };
  const FRAMEWORK_MODULES: Readonly<Modules> = new Proxy({} as Modules, {
    get: (_target, name) => (typeof name === "string" ? lookup(name) : undefined),
    has: (_target, name) => typeof name === "string" && provided(name),
    ownKeys: () => [...new Set([...Object.keys(standard), ...source.names()])],
    getOwnPropertyDescriptor: (_target, name) => (typeof name === "string" && provided(name) ? { configurable: true, enumerable: true, get: () => lookup(name) } : undefined),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });

  return {
    MODE_BOOTS: evaluated,
    mode_boot,
    FRAMEWORK_MODULES,
    reset_all_modes() {
      for (const mode of evaluated) mode.reset();
    },
    attach_project_to_modes(context) {
      project = context;
      for (const mode of evaluated) mode.attach_project?.(context);
    },
    attach_database_to_modes(driver) {
      database = driver;
      _attach_database(driver);
      for (const mode of evaluated) mode.attach_database?.(driver);
    },
  };
}
