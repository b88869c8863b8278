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
import { AmbiguityError, type MigrationLoaderOptions } from "../../../db/migrations/loader";
import { BaseCommand, CommandError, type CommandOptions, type CommandParser } from "../base";
import { apps as global_apps } from "../../../apps/registry";
import { emit_post_migrate_signal, emit_pre_migrate_signal } from "../sql";
import type { Operation } from "../../../db/migrations/operations/base";
import { exit as sys_exit } from "../../../../python/sys";

export interface MigrateOptions extends MigrationLoaderOptions {
  app_label?: string;
  migration_name?: string;
  /** `--fake`: record the migrations as applied without running them. */
  fake?: boolean;
  /** `--plan`: list what would run (each migration and its operations) and run nothing. */
  plan?: boolean;
  /** `--check`: run nothing; `unapplied` says whether anything would run (the command exits 1 then). */
  check_unapplied?: boolean;
  connection?: BaseDatabaseWrapper;
}

export interface MigrateResult {
  /** `app.name` of each migration applied (or unapplied), in order. */
  applied: string[];
  output: string;
  /** With `plan` or `check_unapplied`: how many migrations would have run. */
  unapplied?: number;
}

/** One operation of `migrate --plan`: its description, "Undo …" going backwards, its code's doc or SQL after " -> " (40 characters). */
function describe_operation(operation: Operation, backwards: boolean): { message: string; is_error: boolean } {
  let prefix = "";
  let is_error = false;
  let action: string | null;
  const op = operation as Operation & { code?: unknown; reverse_code?: unknown; sql?: unknown; reverse_sql?: unknown };
  if ("code" in op) {
    const code = backwards ? op.reverse_code : op.code;
    action = code ? String((code as { __doc__?: string }).__doc__ ?? "") : null;
  } else if ("sql" in op) {
    const sql = backwards ? op.reverse_sql : op.sql;
    action = sql === null || sql === undefined ? null : String(sql);
  } else {
    action = "";
    if (backwards) prefix = "Undo ";
  }
  if (action !== null) action = action.replace(/\n/g, "");
  else if (backwards) {
    action = "IRREVERSIBLE";
    is_error = true;
  }
  if (action) action = ` -> ${action}`;
  // Truncator(action).chars(40): at most 40 characters, the last one "…" when cut.
  const chars = [...(action ?? "")];
  const truncated = chars.length > 40 ? `${chars.slice(0, 39).join("")}…` : chars.join("");
  return { message: prefix + operation.describe() + truncated, is_error };
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
      let migration;
      try {
        migration = executor.loader.get_migration_by_prefix(options.app_label, options.migration_name);
      } catch (e) {
        if (e instanceof AmbiguityError) throw new CommandError(`More than one migration matches '${options.migration_name}' in app '${options.app_label}'. Please be more specific.`);
        throw new CommandError(`Cannot find a migration matching '${options.migration_name}' from app '${options.app_label}'.`);
      }
      targets = [migration.key];
      lines.push(`  Target specific migration: ${targets[0][1]}, from ${options.app_label}`);
    } else {
      targets = graph.leaf_nodes(options.app_label);
      lines.push(`  Apply all migrations: ${options.app_label}`);
    }
  } else lines.push(`  Apply all migrations: ${apps.join(", ")}`);
  if (options.plan || options.check_unapplied) {
    const plan = executor.migration_plan(targets);
    if (!options.plan) return { applied: [], output: "", unapplied: plan.length };
    const planned = ["Planned operations:"];
    if (!plan.length) planned.push("  No planned migration operations.");
    for (const [migration, backwards] of plan) {
      planned.push(String(migration));
      for (const operation of migration.operations) planned.push(`    ${describe_operation(operation, backwards).message}`);
    }
    return { applied: [], output: planned.join("\n") + "\n", unapplied: plan.length };
  }
  lines.push("Running migrations:");
  const applied: string[] = [];
  emit_pre_migrate_signal({ verbosity: 1, interactive: false, using: "default" });
  let rendered = false;
  executor.migrate(targets, {
    fake: options.fake,
    on_applied: (m, backwards) => {
      // Going backwards, Django first renders the model states of every step ("render_start/success").
      if (backwards && !rendered) {
        rendered = true;
        lines.push("  Rendering model states... DONE");
      }
      applied.push(String(m));
      lines.push(`  ${backwards ? "Unapplying" : "Applying"} ${m}...${options.fake ? " FAKED" : " OK"}`);
    },
  });
  if (!applied.length) lines.push("  No migrations to apply.");
  // Receivers (content types, permissions) create their rows once the tables exist.
  emit_post_migrate_signal({ verbosity: 1, interactive: false, using: "default" });
  return { applied, output: lines.join("\n") + "\n" };
}

/** Options Django's migrate has that Framework Lab does not reproduce: using one says so, rather than doing something else. */
const UNSUPPORTED: [string, string][] = [["fake_initial", "--fake-initial"], ["run_syncdb", "--run-syncdb"], ["prune", "--prune"]];

/** `manage.py migrate`: the command around `migrate()`, with Django's arguments and help. */
export class Command extends BaseCommand {
  override help = "Updates database schema. Manages both apps with migrations and those without.";

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("app_label", { nargs: "?", help: "App label of an application to synchronize the state." });
    parser.add_argument("migration_name", { nargs: "?", help: 'Database state will be brought to the state after that migration. Use the name "zero" to unapply all migrations.' });
    parser.add_argument("--noinput", "--no-input", { action: "store_false", dest: "interactive", help: "Tells Django to NOT prompt the user for input of any kind." });
    parser.add_argument("--database", { default: "default", choices: ["default"], help: 'Nominates a database to synchronize. Defaults to the "default" database.' });
    parser.add_argument("--fake", { action: "store_true", help: "Mark migrations as run without actually running them." });
    parser.add_argument("--fake-initial", {
      action: "store_true",
      help: "Detect if tables already exist and fake-apply initial migrations if so. Make sure that the current database schema matches your initial migration before using this flag. Django will only check for an existing table name.",
    });
    parser.add_argument("--plan", { action: "store_true", help: "Shows a list of the migration actions that will be performed." });
    parser.add_argument("--run-syncdb", { action: "store_true", help: "Creates tables for apps without migrations." });
    parser.add_argument("--check", { action: "store_true", dest: "check_unapplied", help: "Exits with a non-zero status if unapplied migrations exist and does not actually apply migrations." });
    parser.add_argument("--prune", { action: "store_true", dest: "prune", help: "Delete nonexistent migrations from the django_migrations table." });
  }

  override handle(options: CommandOptions): void {
    for (const [dest, flag] of UNSUPPORTED) if (options[dest]) throw new CommandError(`${flag} is not supported in Framework Lab.`);
    const app_label = (options.app_label as string | null) ?? undefined;
    if (app_label !== undefined) {
      try {
        global_apps.get_app_config(app_label);
      } catch (e) {
        throw new CommandError(e instanceof Error ? e.message : String(e));
      }
    }
    const result = migrate({
      app_labels: global_apps.get_app_configs().map((c) => c.label),
      app_label,
      migration_name: (options.migration_name as string | null) ?? undefined,
      fake: Boolean(options.fake),
      plan: Boolean(options.plan),
      check_unapplied: Boolean(options.check_unapplied),
    });
    if (result.output && ((options.verbosity as number) >= 1 || options.plan)) this.stdout.write(result.output, null, "");
    // --check: a non-zero status when anything is unapplied (with --plan or without).
    if (options.check_unapplied && (result.unapplied ?? 0) > 0) sys_exit(1);
  }
}
