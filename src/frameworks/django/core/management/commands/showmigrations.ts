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

export interface ShowmigrationsOptions extends MigrationLoaderOptions {
  connection?: BaseDatabaseWrapper;
}

export function showmigrations(options: ShowmigrationsOptions = {}): string {
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
        lines.push(` [${loader.applied_migrations.has(`${app}.${name}`) ? "X" : " "}] ${name}`);
      }
    if (!shown.size) lines.push(" (no migrations)");
  }
  return lines.join("\n") + "\n";
}
