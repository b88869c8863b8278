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
