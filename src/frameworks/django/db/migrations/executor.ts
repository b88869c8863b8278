/**
 * django.db.migrations.executor: a target ("library at 0002", or every app's latest) → the
 * migrations to run, run in order and recorded. Main class: `MigrationExecutor`.
 *
 * `migrate()` walks the full plan: migrations already in `django_migrations` only advance the
 * in-memory state; the others run inside a schema editor (one transaction each) and are recorded.
 * `collect_sql()` does the same without touching the database, for `sqlmigrate`.
 */
import { traced } from "../../../../trace";
import type { BaseDatabaseWrapper } from "../backends/base/base";
import { DatabaseSchemaEditor } from "../backends/sqlite3/schema";
import { MigrationLoader, type MigrationLoaderOptions } from "./loader";
import type { Migration, MigrationKey } from "./migration";
import { MigrationRecorder } from "./recorder";
import { ProjectState } from "./state";

export type PlanStep = [migration: Migration, backwards: boolean];

export class MigrationExecutor {
  readonly loader: MigrationLoader;
  readonly recorder: MigrationRecorder;

  constructor(
    readonly connection: BaseDatabaseWrapper,
    options: MigrationLoaderOptions = {},
  ) {
    this.loader = new MigrationLoader(connection, options);
    this.recorder = new MigrationRecorder(connection);
  }

  /** The unapplied migrations needed to reach `targets`, dependencies first. */
  migration_plan(targets: MigrationKey[] = this.loader.graph.leaf_nodes()): PlanStep[] {
    const applied = this.loader.applied_migrations;
    const plan: PlanStep[] = [];
    const seen = new Set<string>();
    for (const target of targets)
      for (const key of this.loader.graph.forwards_plan(target)) {
        const text = `${key[0]}.${key[1]}`;
        if (applied.has(text) || seen.has(text)) continue;
        seen.add(text);
        plan.push([this.loader.graph.get_migration(key), false]);
      }
    return plan;
  }

  /** Apply the plan; returns the project state at the end. */
  migrate(targets?: MigrationKey[], options: { fake?: boolean; on_applied?: (m: Migration) => void } = {}): ProjectState {
    this.recorder.ensure_schema();
    const plan = this.migration_plan(targets);
    const to_run = new Set(plan.map(([m]) => String(m)));
    let state = new ProjectState();
    for (const key of this.loader.graph.full_plan()) {
      const migration = this.loader.graph.get_migration(key);
      if (!to_run.has(String(migration))) {
        if (this.loader.applied_migrations.has(String(migration))) state = migration.mutate_state(state, false);
        continue;
      }
      state = this.apply_migration(state, migration, options.fake ?? false);
      options.on_applied?.(migration);
    }
    return state;
  }

  /** Run one migration in a schema editor and record it in `django_migrations`. */
  apply_migration(state: ProjectState, migration: Migration, fake = false): ProjectState {
    return traced("sql", `Applying ${migration}`, { migration: String(migration), fake }, () => {
      if (!fake) {
        const editor = new DatabaseSchemaEditor(this.connection, { atomic: migration.atomic }).__enter__();
        try {
          state = migration.apply(state, editor);
        } catch (e) {
          editor.__exit__(e);
          throw e;
        }
        editor.__exit__();
      } else state = migration.mutate_state(state, false);
      this.recorder.record_applied(migration.app_label, migration.name);
      this.loader.applied_migrations.set(String(migration), "");
      return state;
    });
  }

  /** The SQL each migration of the plan would run, with `-- description` comments. */
  collect_sql(plan: PlanStep[]): string[] {
    const statements: string[] = [];
    for (const [migration] of plan) {
      const state = this.loader.project_state([migration.key], false);
      statements.push(...collect_migration_sql(this.connection, migration, state));
    }
    return statements;
  }
}

/** One migration's SQL from a given starting state, as `sqlmigrate` prints it (no BEGIN/COMMIT). */
export function collect_migration_sql(connection: BaseDatabaseWrapper, migration: Migration, state: ProjectState = new ProjectState()): string[] {
  const editor = new DatabaseSchemaEditor(connection, { collect_sql: true, atomic: migration.atomic }).__enter__();
  migration.apply(state.clone(), editor, true);
  editor.__exit__();
  return editor.collected_sql;
}
