/**
 * `manage.py makemigrations`: the models in code, compared with what the migration files build →
 * new migration files (path and TypeScript source), which the runtime writes into the project.
 *
 *     makemigrations({ app_labels: ["library"] })
 *     // → { files: [{ path: "library/migrations/0001_initial.ts", contents: "…", … }],
 *     //     output: "Migrations for 'library':\n  library/migrations/0001_initial.ts\n    + Create model Author\n…" }
 */
import { trace_site } from "../../../../../trace";
import { apps as default_apps } from "../../../apps/registry";
import { MigrationAutodetector, type MigrationQuestioner } from "../../../db/migrations/autodetector";
import { MigrationLoader, type MigrationLoaderOptions } from "../../../db/migrations/loader";
import type { Migration } from "../../../db/migrations/migration";
import type { Operation } from "../../../db/migrations/operations/base";
import { ProjectState, type ModelClassLike } from "../../../db/migrations/state";
import { MigrationWriter } from "../../../db/migrations/writer";
import { exit as sys_exit } from "../../../../python/sys";
// eslint-disable-next-line no-restricted-imports -- python/fs is the frameworks' own module (the project's files), not Node's fs
import { project_files } from "../../../../python/fs";
import { BaseCommand, CommandError, type CommandOptions, type CommandParser } from "../base";

const MIGRATION = trace_site("sql", "django/core/management/commands/makemigrations.ts", { eager: true });

export interface MakemigrationsOptions extends MigrationLoaderOptions {
  /** Only these apps (Django's positional app labels). */
  app_labels?: string[];
  /** `--name`: the suffix of the new migration's name. */
  name?: string;
  /** `--dry-run`: say what would be written, write nothing. */
  dry_run?: boolean;
  questioner?: MigrationQuestioner;
  /** The models now; by default every model of the app registry. */
  to_state?: ProjectState;
  apps?: { get_models(): ModelClassLike[] };
  now?: Date;
}

export interface MigrationFile {
  app_label: string;
  name: string;
  path: string;
  contents: string;
  operations: string[];
  migration: Migration;
}

export interface MakemigrationsResult {
  files: MigrationFile[];
  /** What the command prints. */
  output: string;
}

export function makemigrations(options: MakemigrationsOptions = {}): MakemigrationsResult {
  return MIGRATION.run("makemigrations", () => ({ apps: options.app_labels ?? [] }), () => {
    const to_state = options.to_state ?? ProjectState.from_apps(options.apps ?? (default_apps as unknown as { get_models(): ModelClassLike[] }));
    const app_labels = options.app_labels ?? [...new Set([...to_state.models.values()].map((m) => m.app_label))].sort();
    const loader = new MigrationLoader(null, { ...options, app_labels });
    const autodetector = new MigrationAutodetector(loader.project_state(), to_state, options.questioner);
    const changes = autodetector.changes(loader.graph, { trim_to_apps: options.app_labels, migration_name: options.name });
    const files: MigrationFile[] = [];
    for (const app_label of [...changes.keys()].sort())
      for (const migration of changes.get(app_label)!) {
        const writer = new MigrationWriter(migration);
        const operations = migration.operations.map((op) => `${operation_symbol(op)} ${op.describe()}`);
        files.push({ app_label, name: migration.name, path: writer.path, contents: writer.as_string(options.now), operations, migration });
      }
    return { files, output: describe_files(files, options.app_labels) };
  });
}

/** Django 5.2 marks each operation: + addition, - removal, ~ alteration. */
function operation_symbol(operation: Operation): string {
  const name = operation.constructor.name;
  if (/^(Create|Add)/.test(name)) return "+";
  if (/^(Delete|Remove)/.test(name)) return "-";
  return "~";
}

function describe_files(files: MigrationFile[], app_labels?: string[]): string {
  if (!files.length) {
    if (app_labels?.length === 1) return `No changes detected in app '${app_labels[0]}'\n`;
    if (app_labels?.length) return `No changes detected in apps '${app_labels.join("', '")}'\n`;
    return "No changes detected\n";
  }
  const lines: string[] = [];
  for (const file of files) lines.push(`Migrations for '${file.app_label}':`, `  ${file.path}`, ...file.operations.map((o) => `    ${o}`));
  return lines.join("\n") + "\n";
}

/** Options Django's makemigrations has that Framework Lab does not reproduce. */
const UNSUPPORTED: [string, string][] = [["merge", "--merge"], ["empty", "--empty"], ["scriptable", "--scriptable"], ["update", "--update"]];

/** `manage.py makemigrations [app_label …]`: the models compared with the migrations, new migration files written into the project. */
export class Command extends BaseCommand {
  override help = "Creates new migration(s) for apps.";

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("args", { metavar: "app_label", nargs: "*", help: "Specify the app label(s) to create migrations for." });
    parser.add_argument("--dry-run", { action: "store_true", help: "Just show what migrations would be made; don't actually write them." });
    parser.add_argument("--merge", { action: "store_true", help: "Enable fixing of migration conflicts." });
    parser.add_argument("--empty", { action: "store_true", help: "Create an empty migration." });
    parser.add_argument("--noinput", "--no-input", { action: "store_false", dest: "interactive", help: "Tells Django to NOT prompt the user for input of any kind." });
    parser.add_argument("-n", "--name", { help: "Use this name for migration file(s)." });
    parser.add_argument("--no-header", { action: "store_false", dest: "include_header", help: "Do not add header comments to new migration file(s)." });
    parser.add_argument("--check", { action: "store_true", dest: "check_changes", help: "Exit with a non-zero status if model changes are missing migrations and don't actually write them. Implies --dry-run." });
    parser.add_argument("--scriptable", { action: "store_true", dest: "scriptable", help: "Divert log output and input prompts to stderr, writing only paths of generated migration files to stdout." });
    parser.add_argument("--update", { action: "store_true", dest: "update", help: "Merge model changes into the latest migration and optimize the resulting operations." });
  }

  override handle(...args: unknown[]): void {
    const options = args.pop() as CommandOptions;
    const app_labels = args as string[];
    for (const [dest, flag] of UNSUPPORTED) if (options[dest]) throw new CommandError(`${flag} is not supported in Framework Lab.`);
    const bad = app_labels.filter((label) => {
      try {
        default_apps.get_app_config(label);
        return false;
      } catch (e) {
        this.stderr.write(e instanceof Error ? e.message : String(e));
        return true;
      }
    });
    if (bad.length) sys_exit(2);
    const result = makemigrations({ app_labels: app_labels.length ? app_labels : undefined, name: (options.name as string | null) ?? undefined });
    const dry_run = Boolean(options.dry_run) || Boolean(options.check_changes);
    if ((options.verbosity as number) >= 1) this.stdout.write(result.output, null, "");
    if (!dry_run) for (const file of result.files) project_files().write(file.path, file.contents);
    if (options.check_changes && result.files.length) sys_exit(1);
  }
}
