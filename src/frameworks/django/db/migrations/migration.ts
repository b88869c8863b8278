/**
 * django.db.migrations.migration: one migration file → a list of operations to apply in order.
 * Main class: `Migration`.
 *
 * A project's migration file subclasses it and fills in the class attributes, as in Django:
 *
 *     export class Migration extends migrations.Migration {
 *       initial = true;
 *       dependencies: [string, string][] = [["library", "0001_initial"]];
 *       operations = [new migrations.AddField({ model_name: "book", name: "isbn", field: new models.CharField({ max_length: 13, null: true }) })];
 *     }
 *
 * `apply()` walks the operations: each one advances the project state and changes the database
 * (or, for `sqlmigrate`, writes the SQL into the schema editor's collected text).
 */
import { trace_site } from "../../../../trace";
import type { BaseDatabaseSchemaEditor } from "../backends/base/schema";
import type { Operation } from "./operations/base";
import type { ProjectState } from "./state";

const MIGRATION = trace_site("sql", "django/db/migrations/migration.ts", { eager: true });

export type MigrationKey = [app_label: string, name: string];

export class Migration {
  operations: Operation[] = [];
  dependencies: MigrationKey[] = [];
  run_before: MigrationKey[] = [];
  replaces: MigrationKey[] = [];
  /** True for an app's first migration (lets `migrate --fake-initial` skip existing tables). */
  initial: boolean | null = null;
  /** Run the whole migration in one transaction. */
  atomic = true;

  constructor(
    public name = "",
    public app_label = "",
  ) {}

  get key(): MigrationKey {
    return [this.app_label, this.name];
  }

  toString(): string {
    return `${this.app_label}.${this.name}`;
  }

  /** The state after this migration, without touching the database. */
  mutate_state(project_state: ProjectState, preserve = true): ProjectState {
    const state = preserve ? project_state.clone() : project_state;
    for (const operation of this.operations) operation.state_forwards(this.app_label, state);
    return state;
  }

  /**
   * Apply every operation: advance the state, then let the operation change the database. When
   * collecting SQL, each operation is introduced by a `-- <description>` comment block, and one
   * that produced no SQL says `-- (no-op)`.
   */
  apply(project_state: ProjectState, schema_editor: BaseDatabaseSchemaEditor, collect_sql = false): ProjectState {
    // sqlmigrate starts from a state not yet rendered; migrate renders it before applying.
    let rendered = !collect_sql;
    for (const operation of this.operations) {
      if (collect_sql) {
        schema_editor.collected_sql.push("--", `-- ${operation.describe()}`, "--");
        if (!operation.reduces_to_sql) {
          schema_editor.collected_sql.push("-- THIS OPERATION CANNOT BE WRITTEN AS SQL");
          continue;
        }
      }
      const before = schema_editor.collected_sql.length;
      const old_state = project_state.clone();
      operation.state_forwards(this.app_label, project_state);
      schema_editor.states_rendered_new_first = !rendered;
      try {
        this.apply_operation(operation, schema_editor, old_state, project_state);
      } finally {
        schema_editor.states_rendered_new_first = false;
      }
      rendered = true;
      if (collect_sql && schema_editor.collected_sql.length === before) schema_editor.collected_sql.push("-- (no-op)");
    }
    return project_state;
  }

  private apply_operation(operation: Operation, editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void {
    const name = `${operation.constructor.name}: ${operation.describe()}`;
    MIGRATION.run(name, () => ({ migration: String(this), operation: operation.constructor.name, collect_sql: editor.collect_sql }), () =>
      operation.database_forwards(this.app_label, editor, from_state, to_state),
    );
  }

  /**
   * Undo the operations, last first (each needs the state from before it). With `collect_sql`
   * (`sqlmigrate --backwards`), each operation's SQL is collected under its description instead.
   */
  unapply(project_state: ProjectState, schema_editor: BaseDatabaseSchemaEditor, collect_sql = false): ProjectState {
    const steps: [Operation, ProjectState, ProjectState][] = [];
    let state = project_state;
    for (const operation of this.operations) {
      const before = state.clone();
      operation.state_forwards(this.app_label, state);
      steps.push([operation, state.clone(), before]);
      state = state.clone();
    }
    for (const [operation, after, before] of steps.reverse()) {
      if (collect_sql) {
        schema_editor.collected_sql.push("--", `-- ${operation.describe()}`, "--");
        if (!operation.reduces_to_sql) {
          schema_editor.collected_sql.push("-- THIS OPERATION CANNOT BE WRITTEN AS SQL");
          continue;
        }
      }
      const collected_before = schema_editor.collected_sql.length;
      operation.database_backwards(this.app_label, schema_editor, after, before);
      if (collect_sql && schema_editor.collected_sql.length === collected_before) schema_editor.collected_sql.push("-- (no-op)");
    }
    return project_state;
  }

  /** A name from the operations: "initial", "book_isbn", "remove_book_slug_and_more", or "auto_<timestamp>". */
  suggest_name(): string {
    if (this.initial) return "initial";
    const fragments = this.operations.map((op) => op.migration_name_fragment).filter((f): f is string => Boolean(f));
    if (!fragments.length || fragments.length !== this.operations.length) return `auto_${migration_name_timestamp()}`;
    let name = fragments[0];
    for (const fragment of fragments.slice(1)) {
      const longer = `${name}_${fragment}`;
      if (longer.length > 52) return `${name}_and_more`;
      name = longer;
    }
    return name;
  }
}

/** `get_migration_name_timestamp()`: "20240305_1407". */
export function migration_name_timestamp(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}_${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`;
}
