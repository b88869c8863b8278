/**
 * `manage.py sqlmigrate <app_label> <migration_name>`: a migration → the SQL it would run, printed
 * and not executed.
 *
 *     sqlmigrate("library", "0001")
 *     // BEGIN;
 *     // --
 *     // -- Create model Author
 *     // --
 *     // CREATE TABLE "library_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, …);
 *     // …
 *     // COMMIT;
 *
 * An atomic migration is wrapped in BEGIN;/COMMIT; (SQLite can roll back DDL). Deferred statements
 * (indexes) come at the end, as the schema editor runs them when it closes.
 */
import { connection as default_connection } from "../../../db";
import type { BaseDatabaseWrapper } from "../../../db/backends/base/base";
import { collect_migration_sql, MigrationExecutor } from "../../../db/migrations/executor";
import type { MigrationLoaderOptions } from "../../../db/migrations/loader";
import type { Migration } from "../../../db/migrations/migration";
import { ProjectState } from "../../../db/migrations/state";
import { CommandError } from "../base";

export interface SqlmigrateOptions extends MigrationLoaderOptions {
  connection?: BaseDatabaseWrapper;
}

/** The text `sqlmigrate` prints for `app_label` / `migration_name` (a unique prefix is enough). */
export function sqlmigrate(app_label: string, migration_name: string, options: SqlmigrateOptions = {}): string {
  const connection = options.connection ?? default_connection;
  const executor = new MigrationExecutor(connection, { ...options, app_labels: options.app_labels ?? [app_label] });
  if (!executor.loader.disk_migrations.size || ![...executor.loader.disk_migrations.values()].some((m) => m.app_label === app_label))
    throw new CommandError(`App '${app_label}' does not have migrations`);
  let migration: Migration;
  try {
    migration = executor.loader.get_migration_by_prefix(app_label, migration_name);
  } catch (e) {
    throw new CommandError(`Cannot find a migration matching '${migration_name}' from app '${app_label}'. ${e instanceof Error ? e.message : ""}`.trim());
  }
  return wrap(executor.collect_sql([[migration, false]]), migration.atomic);
}

/** `sqlmigrate` for a migration object, from an empty state (or the state before it). */
export function sqlmigrate_text(migration: Migration, options: { connection?: BaseDatabaseWrapper; state?: ProjectState } = {}): string {
  return wrap(collect_migration_sql(options.connection ?? default_connection, migration, options.state ?? new ProjectState()), migration.atomic);
}

function wrap(statements: string[], atomic: boolean): string {
  if (!statements.length) return "No operations found.\n";
  const lines = atomic ? ["BEGIN;", ...statements, "COMMIT;"] : statements;
  return lines.join("\n") + "\n";
}
