/**
 * `manage.py showmigrations [app_label …]`: each app's migrations, applied or not.
 *
 *     showmigrations()
 *     // library
 *     //  [X] 0001_initial
 *     //  [ ] 0002_book_isbn
 */
import { connection as default_connection } from "../../../db";
import type { BaseDatabaseWrapper } from "../../../db/backends/base/base";
import { MigrationLoader, type MigrationLoaderOptions } from "../../../db/migrations/loader";
import { apps as global_apps } from "../../../apps/registry";
import { exit as sys_exit } from "../../../../python/sys";
import { BaseCommand, type CommandOptions, type CommandParser } from "../base";

export interface ShowmigrationsOptions extends MigrationLoaderOptions {
  connection?: BaseDatabaseWrapper;
}

export function showmigrations(options: ShowmigrationsOptions & { verbosity?: number } = {}): string {
  const loader = new MigrationLoader(options.connection ?? default_connection, options);
  const app_labels = [...new Set([...loader.app_labels, ...[...loader.disk_migrations.values()].map((m) => m.app_label)])].sort();
  const lines: string[] = [];
  for (const app_label of app_labels) {
    lines.push(app_label);
    const shown = new Set<string>();
    for (const leaf of loader.graph.leaf_nodes(app_label))
      for (const [app, name] of loader.graph.forwards_plan(leaf)) {
        if (app !== app_label || shown.has(name)) continue;
        shown.add(name);
        const applied = loader.applied_migrations.get(`${app}.${name}`);
        // With -v 2, when each was applied (to the second).
        const when = applied !== undefined && (options.verbosity ?? 1) >= 2 ? ` (applied at ${applied.slice(0, 19)})` : "";
        lines.push(` [${applied !== undefined ? "X" : " "}] ${name}${when}`);
      }
    if (!shown.size) lines.push(" (no migrations)");
  }
  return lines.join("\n") + "\n";
}

/**
 * `showmigrations --plan`: every migration in the order migrate would apply them, `[X]` when
 * applied; with -v 2 each names the migrations it depends on: `[X]  blog.0002_x ... (blog.0001_initial)`.
 */
export function show_plan(options: ShowmigrationsOptions & { verbosity?: number; only?: string[] } = {}): string {
  const loader = new MigrationLoader(options.connection ?? default_connection, options);
  const graph = loader.graph;
  const targets = graph.leaf_nodes().filter(([app]) => !options.only?.length || options.only.includes(app));
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const target of targets)
    for (const key of graph.forwards_plan(target)) {
      const name = `${key[0]}.${key[1]}`;
      if (seen.has(name)) continue;
      seen.add(name);
      const parents = graph
        .parents_of(key)
        .map(([app, parent]) => `${app}.${parent}`)
        .sort();
      const deps = (options.verbosity ?? 1) >= 2 && parents.length ? ` ... (${parents.join(", ")})` : "";
      lines.push(`[${loader.applied_migrations.has(name) ? "X" : " "}]  ${name}${deps}`);
    }
  if (!lines.length) lines.push("(no migrations)");
  return lines.join("\n") + "\n";
}

/** `manage.py showmigrations [app_label …]`: `[X]` for each applied migration, `[ ]` for the others. */
export class Command extends BaseCommand {
  override help = "Shows all available migrations for the current project";

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("app_label", { nargs: "*", help: "App labels of applications to limit the output to." });
    parser.add_argument("--database", { default: "default", choices: ["default"], help: 'Nominates a database to show migrations for. Defaults to the "default" database.' });
    const formats = parser.add_mutually_exclusive_group();
    formats.add_argument("--list", "-l", {
      action: "store_const",
      dest: "format",
      const: "list",
      help: "Shows a list of all migrations and which are applied. With a verbosity level of 2 or above, the applied datetimes will be included.",
    });
    formats.add_argument("--plan", "-p", {
      action: "store_const",
      dest: "format",
      const: "plan",
      help: "Shows all migrations in the order they will be applied. With a verbosity level of 2 or above all direct migration dependencies and reverse dependencies (run_before) will be included.",
    });
    parser.set_defaults({ format: "list" });
  }

  override handle(options: CommandOptions): void {
    const app_names = (options.app_label as string[]) ?? [];
    let bad = false;
    for (const app_name of app_names) {
      try {
        global_apps.get_app_config(app_name);
      } catch (e) {
        this.stderr.write(e instanceof Error ? e.message : String(e));
        bad = true;
      }
    }
    if (bad) sys_exit(2);
    const all = global_apps.get_app_configs().map((c) => c.label);
    const verbosity = options.verbosity as number;
    if (options.format === "plan") {
      this.stdout.write(show_plan({ app_labels: all, verbosity, only: app_names }), null, "");
      return;
    }
    const text = showmigrations({ app_labels: all, verbosity });
    this.stdout.write(app_names.length ? only_apps(text, app_names) : text, null, "");
  }
}

/** The blocks of showmigrations' text for these apps, in the order given. */
function only_apps(text: string, app_names: string[]): string {
  const blocks = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of text.split("\n")) {
    if (!line) continue;
    if (!line.startsWith(" ")) blocks.set(line, (current = [line]));
    else current?.push(line);
  }
  return app_names.map((name) => (blocks.get(name) ?? [name, " (no migrations)"]).join("\n")).join("\n") + "\n";
}
