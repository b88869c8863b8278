/**
 * `manage.py migrate [app_label] [migration_name]`: the migration files → the database, each
 * unapplied migration run in order and recorded in `django_migrations`. A target that is already
 * applied (or `"zero"`) unapplies the migrations after it, last first.
 *
 *     migrate()
 *     // Operations to perform:
 *     //   Apply all migrations: blog, library
 *     // Running migrations:
 *     //   Applying library.0001_initial... OK
 */
import { connection as default_connection } from "../../../db";
import type { BaseDatabaseWrapper } from "../../../db/backends/base/base";
import { MigrationExecutor } from "../../../db/migrations/executor";
import type { MigrationLoaderOptions } from "../../../db/migrations/loader";
import { CommandError } from "../base";
import { emit_post_migrate_signal, emit_pre_migrate_signal } from "../sql";

export interface MigrateOptions extends MigrationLoaderOptions {
  app_label?: string;
  migration_name?: string;
  /** `--fake`: record the migrations as applied without running them. */
  fake?: boolean;
  connection?: BaseDatabaseWrapper;
}

export interface MigrateResult {
  /** `app.name` of each migration applied (or unapplied), in order. */
  applied: string[];
  output: string;
}

export function migrate(options: MigrateOptions = {}): MigrateResult {
  const executor = new MigrationExecutor(options.connection ?? default_connection, options);
  const graph = executor.loader.graph;
  const apps = [...new Set(graph.leaf_nodes().map(([app]) => app))].sort();
  const lines = ["Operations to perform:"];
  let targets: [string, string | null][] = graph.leaf_nodes();
  if (options.app_label) {
    if (!apps.includes(options.app_label)) throw new CommandError(`App '${options.app_label}' does not have migrations.`);
    if (options.migration_name === "zero") {
      targets = [[options.app_label, null]];
      lines.push(`  Unapply all migrations: ${options.app_label}`);
    } else if (options.migration_name) {
      targets = [executor.loader.get_migration_by_prefix(options.app_label, options.migration_name).key];
      lines.push(`  Target specific migration: ${targets[0][1]}, from ${options.app_label}`);
    } else {
      targets = graph.leaf_nodes(options.app_label);
      lines.push(`  Apply all migrations: ${options.app_label}`);
    }
  } else lines.push(`  Apply all migrations: ${apps.join(", ")}`);
  lines.push("Running migrations:");
  const applied: string[] = [];
  emit_pre_migrate_signal({ verbosity: 1, interactive: false, using: "default" });
  executor.migrate(targets, {
    fake: options.fake,
    on_applied: (m, backwards) => {
      applied.push(String(m));
      lines.push(`  ${backwards ? "Unapplying" : "Applying"} ${m}...${options.fake ? " FAKED" : " OK"}`);
    },
  });
  if (!applied.length) lines.push("  No migrations to apply.");
  // Receivers (content types, permissions) create their rows once the tables exist.
  emit_post_migrate_signal({ verbosity: 1, interactive: false, using: "default" });
  return { applied, output: lines.join("\n") + "\n" };
}
