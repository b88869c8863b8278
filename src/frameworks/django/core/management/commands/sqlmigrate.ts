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
import { BaseCommand, CommandError, type CommandOptions, type CommandParser } from "../base";
import { apps as global_apps } from "../../../apps/registry";
import { AmbiguityError } from "../../../db/migrations/loader";

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

/** `manage.py sqlmigrate <app_label> <migration_name>`: the SQL, between BEGIN; and COMMIT; when the migration is atomic. */
export class Command extends BaseCommand {
  override help = "Prints the SQL statements for the named migration.";
  override output_transaction = true;

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("app_label", { help: "App label of the application containing the migration." });
    parser.add_argument("migration_name", { help: "Migration name to print the SQL for." });
    parser.add_argument("--database", { default: "default", choices: ["default"], help: 'Nominates a database to create SQL for. Defaults to the "default" database.' });
    parser.add_argument("--backwards", { action: "store_true", help: "Creates SQL to unapply the migration, rather than to apply it" });
  }

  /** sqlmigrate does not colour its output, so BEGIN/COMMIT stay plain too. */
  override execute(...args: unknown[]): Promise<unknown> {
    this.style.SQL_KEYWORD = (text) => text;
    return super.execute(...args);
  }

  override handle(options: CommandOptions): string {
    const app_label = options.app_label as string;
    const migration_name = options.migration_name as string;
    try {
      global_apps.get_app_config(app_label);
    } catch (e) {
      throw new CommandError(e instanceof Error ? e.message : String(e));
    }
    const executor = new MigrationExecutor(default_connection, { app_labels: global_apps.get_app_configs().map((c) => c.label) });
    if (![...executor.loader.disk_migrations.values()].some((m) => m.app_label === app_label)) throw new CommandError(`App '${app_label}' does not have migrations`);
    let migration: Migration;
    try {
      migration = executor.loader.get_migration_by_prefix(app_label, migration_name);
    } catch (e) {
      if (e instanceof AmbiguityError) throw new CommandError(`More than one migration matches '${migration_name}' in app '${app_label}'. Please be more specific.`);
      throw new CommandError(`Cannot find a migration matching '${migration_name}' from app '${app_label}'. Is it in INSTALLED_APPS?`);
    }
    // A non-atomic migration is not wrapped in a transaction.
    this.output_transaction = migration.atomic;
    const statements = executor.collect_sql([[migration, Boolean(options.backwards)]]);
    if (!statements.length && (options.verbosity as number) >= 1) this.stderr.write("No operations found.");
    return statements.join("\n");
  }
}
