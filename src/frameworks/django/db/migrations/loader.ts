/**
 * django.db.migrations.loader: the project's migration files and `django_migrations` → the
 * migration graph, with what has been applied. Main class: `MigrationLoader`.
 *
 * Each installed app may have a `migrations` package; the loader imports every module in it
 * whose name starts with four digits (`library/migrations/0001_initial.ts`), instantiates its
 * `Migration` class as `Migration(name, app_label)`, then links the dependencies into a
 * `MigrationGraph`. The runtime tells it which modules exist (`list_modules`), because there is no
 * file system to scan.
 */
import { trace_site } from "../../../../trace";
import { BadMigrationError } from "./exceptions";
import type { BaseDatabaseWrapper } from "../backends/base/base";
import { apps } from "../../apps";
import { import_module } from "../../utils/module_loading";
import { MigrationGraph } from "./graph";
import type { Migration, MigrationKey } from "./migration";
import { MigrationRecorder } from "./recorder";
import { ProjectState } from "./state";

const MIGRATION = trace_site("sql", "django/db/migrations/loader.ts", { eager: true });

/** Lists an app's migration module names ("0001_initial", …); the runtime installs one. */
export type MigrationModuleLister = (app_label: string) => string[];

let module_lister: MigrationModuleLister = () => [];

export function set_migration_module_lister(fn: MigrationModuleLister): void {
  module_lister = fn;
}

/** Django's `MigrationLoader.migrations_module`: the dotted path of an app's migrations package. */
export function migrations_module(app_label: string): string {
  try {
    return `${apps.get_app_config(app_label).name}.migrations`;
  } catch {
    return `${app_label}.migrations`; // not an installed app: a package of that name
  }
}

export interface MigrationLoaderOptions {
  app_labels?: string[];
  /** Migrations given directly (tests, scenarios) instead of imported modules. */
  migrations?: Migration[];
  load?: boolean;
}

export class MigrationLoader {
  disk_migrations = new Map<string, Migration>();
  graph = new MigrationGraph();
  applied_migrations = new Map<string, string>();
  readonly app_labels: string[];

  constructor(
    readonly connection: BaseDatabaseWrapper | null,
    readonly options: MigrationLoaderOptions = {},
  ) {
    this.app_labels = options.app_labels ?? [];
    if (options.load !== false) this.build_graph();
  }

  /** Import `<app>/migrations/<name>` for every listed module of every app. */
  load_disk(): void {
    for (const migration of this.options.migrations ?? []) this.disk_migrations.set(String(migration), migration);
    for (const app_label of this.app_labels)
      for (const name of module_lister(app_label).filter((n) => /^\d{4}_/.test(n)).sort()) {
        const module = import_module(`${migrations_module(app_label)}.${name}`);
        if (typeof module.Migration !== "function")
          throw new BadMigrationError(`Migration ${name} in app ${app_label} has no Migration class`);
        const migration = new module.Migration(name, app_label) as Migration;
        migration.name = name;
        migration.app_label = app_label;
        this.disk_migrations.set(`${app_label}.${name}`, migration);
      }
  }

  /** Nodes for every migration, then edges for every dependency ("__first__" = the app's root). */
  build_graph(): void {
    MIGRATION.run("MigrationLoader.build_graph", () => ({ apps: this.app_labels }), () => {
      this.load_disk();
      this.applied_migrations = this.connection ? new MigrationRecorder(this.connection).applied_migrations() : new Map();
      for (const migration of this.disk_migrations.values()) this.graph.add_node(migration.key, migration);
      for (const migration of this.disk_migrations.values())
        for (const parent of migration.dependencies) this.graph.add_dependency(String(migration), migration.key, this.resolve_special(parent));
    });
  }

  private resolve_special([app, name]: MigrationKey): MigrationKey {
    if (name === "__first__") return this.graph.root_nodes(app)[0] ?? [app, name];
    if (name === "__latest__") return this.graph.leaf_nodes(app)[0] ?? [app, name];
    return [app, name];
  }

  get_migration(app_label: string, name: string): Migration {
    return this.graph.get_migration([app_label, name]);
  }

  /** `sqlmigrate library 0001`: a unique prefix is enough. */
  get_migration_by_prefix(app_label: string, prefix: string): Migration {
    const found = [...this.disk_migrations.values()].filter((m) => m.app_label === app_label && m.name.startsWith(prefix));
    if (found.length > 1) throw new AmbiguityError(`There is more than one migration for '${app_label}' with the prefix '${prefix}'`);
    if (!found.length) throw new KeyError_(`There is no migration for '${app_label}' with the prefix '${prefix}'`);
    return found[0];
  }

  /** The project state after `nodes` (and everything they need); all leaves when omitted. */
  project_state(nodes?: MigrationKey[], at_end = true): ProjectState {
    const targets = nodes ?? this.graph.leaf_nodes();
    const state = new ProjectState();
    const done = new Set<string>();
    for (const target of targets)
      for (const key of this.graph.forwards_plan(target)) {
        const text = `${key[0]}.${key[1]}`;
        if (done.has(text) || (!at_end && targets.some((t) => t[0] === key[0] && t[1] === key[1]))) continue;
        done.add(text);
        this.graph.get_migration(key).mutate_state(state, false);
      }
    return state;
  }
}

export class AmbiguityError extends Error {}
class KeyError_ extends Error {
  override name = "KeyError";
}
