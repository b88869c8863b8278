/**
 * django.db.migrations.executor: a target ("library at 0002", or every app's latest) → the
 * migrations to run, run in order and recorded. Main class: `MigrationExecutor`.
 *
 * `migrate()` walks the full plan: migrations already in `django_migrations` only advance the
 * in-memory state; the others run inside a schema editor (one transaction each) and are recorded.
 * `collect_sql()` does the same without touching the database, for `sqlmigrate`.
 */
import { trace_site } from "../../../../trace";
import type { BaseDatabaseWrapper } from "../backends/base/base";
import { DatabaseSchemaEditor } from "../backends/sqlite3/schema";
import { MigrationLoader, type MigrationLoaderOptions } from "./loader";
import type { Migration, MigrationKey } from "./migration";
import { MigrationRecorder } from "./recorder";
import { ProjectState } from "./state";

const MIGRATION = trace_site("sql", "django/db/migrations/executor.ts", { eager: true });

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

  /**
   * What reaching `targets` takes: unapplied migrations forwards, dependencies first; or, when a
   * target is already applied (or is `[app, null]`, "zero"), the applied migrations after it
   * backwards, dependents first.
   */
  migration_plan(targets: [string, string | null][] = this.loader.graph.leaf_nodes()): PlanStep[] {
    const graph = this.loader.graph;
    const applied = this.loader.applied_migrations;
    const is_applied = ([app, name]: MigrationKey) => applied.has(`${app}.${name}`);
    const plan: PlanStep[] = [];
    const seen = new Set<string>();
    const add = (key: MigrationKey, backwards: boolean) => {
      const text = `${key[0]}.${key[1]}`;
      if (seen.has(text) || is_applied(key) !== backwards) return;
      seen.add(text);
      plan.push([graph.get_migration(key), backwards]);
    };
    for (const [app, name] of targets) {
      if (name === null) {
        for (const root of graph.root_nodes(app)) for (const key of graph.backwards_plan(root)) if (key[0] === app) add(key, true);
      } else if (is_applied([app, name])) {
        for (const child of graph.children_of([app, name]).filter(([a]) => a === app))
          for (const key of graph.backwards_plan(child)) add(key, true);
      } else for (const key of graph.forwards_plan([app, name])) add(key, false);
    }
    return plan;
  }

  /** Apply (or unapply) the plan for `targets`; `on_step` hears about each migration done. */
  migrate(targets?: [string, string | null][], options: { fake?: boolean; on_applied?: (m: Migration, backwards: boolean) => void } = {}): void {
    this.recorder.ensure_schema();
    const plan = this.migration_plan(targets);
    for (const [migration, backwards] of plan) {
      const state = this.loader.project_state([migration.key], false);
      if (backwards) this.unapply_migration(state, migration, options.fake ?? false);
      else this.apply_migration(state, migration, options.fake ?? false);
      options.on_applied?.(migration, backwards);
    }
  }

  /** Undo one migration (its operations backwards) and remove it from `django_migrations`. */
  unapply_migration(state: ProjectState, migration: Migration, fake = false): void {
    MIGRATION.run(`Unapplying ${migration}`, () => ({ migration: String(migration), fake }), () => {
      if (!fake) this.in_editor(migration, (editor) => migration.unapply(state, editor));
      this.recorder.record_unapplied(migration.app_label, migration.name);
      this.loader.applied_migrations.delete(String(migration));
    });
  }

  private in_editor(migration: Migration, run: (editor: DatabaseSchemaEditor) => void): void {
    const editor = new DatabaseSchemaEditor(this.connection, { atomic: migration.atomic }).__enter__();
    try {
      run(editor);
    } catch (e) {
      editor.__exit__(e);
      throw e;
    }
    editor.__exit__();
  }

  /** Run one migration in a schema editor and record it in `django_migrations`. */
  apply_migration(state: ProjectState, migration: Migration, fake = false): ProjectState {
    return MIGRATION.run(`Applying ${migration}`, () => ({ migration: String(migration), fake }), () => {
      if (!fake) this.in_editor(migration, (editor) => (state = migration.apply(state, editor)));
      else state = migration.mutate_state(state, false);
      this.recorder.record_applied(migration.app_label, migration.name);
      this.loader.applied_migrations.set(String(migration), "");
      return state;
    });
  }

  /** The SQL each migration of the plan would run, with `-- description` comments. */
  collect_sql(plan: PlanStep[]): string[] {
    const statements: string[] = [];
    for (const [migration, backwards] of plan) {
      const state = this.loader.project_state([migration.key], false);
      statements.push(...collect_migration_sql(this.connection, migration, state, backwards));
    }
    return statements;
  }
}

/** One migration's SQL from a given starting state (the state before it), as `sqlmigrate [--backwards]` prints it (no BEGIN/COMMIT). */
export function collect_migration_sql(connection: BaseDatabaseWrapper, migration: Migration, state: ProjectState = new ProjectState(), backwards = false): string[] {
  const editor = new DatabaseSchemaEditor(connection, { collect_sql: true, atomic: migration.atomic }).__enter__();
  if (backwards) migration.unapply(state.clone(), editor, true);
  else migration.apply(state.clone(), editor, true);
  editor.__exit__();
  return editor.collected_sql;
}
