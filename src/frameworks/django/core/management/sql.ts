/**
 * django.core.management.sql (the signal part): `migrate` → pre_migrate before it runs and
 * post_migrate after, once per installed app that has models. Receivers create the rows the
 * framework needs: content types (contenttypes) and permissions (auth).
 */
import { apps } from "../../apps";
import { post_migrate, pre_migrate } from "../../db/models/signals";
import type { Signal } from "../../dispatch";

export interface MigrateSignalOptions {
  verbosity?: number;
  interactive?: boolean;
  using?: string;
  plan?: unknown[];
  stdout?: (line: string) => void;
}

function emit(signal: Signal, name: string, options: MigrateSignalOptions): void {
  if (!apps.ready) return;
  for (const app_config of apps.get_app_configs()) {
    if (!app_config.models_module) continue;
    if ((options.verbosity ?? 1) >= 2) options.stdout?.(`Running ${name} handlers for application ${app_config.label}`);
    signal.send(app_config, { app_config, verbosity: options.verbosity ?? 1, interactive: options.interactive ?? false, using: options.using ?? "default", apps, plan: options.plan ?? [], stdout: options.stdout });
  }
}

export function emit_pre_migrate_signal(options: MigrateSignalOptions = {}): void {
  emit(pre_migrate, "pre-migrate", options);
}

export function emit_post_migrate_signal(options: MigrateSignalOptions = {}): void {
  emit(post_migrate, "post-migrate", options);
}

/**
 * `sql_flush(style, connection, reset_sequences=True)`: the statements that empty every table of
 * the installed models — `DELETE FROM "polls_question";` … — and, with `reset_sequences`, restart
 * their ids (SQLite's `sqlite_sequence`). `manage.py flush` and TransactionTestCase run them.
 */
export function sql_flush(connection: { introspection_table_names(): string[] }, options: { reset_sequences?: boolean } = {}): string[] {
  const existing = new Set(connection.introspection_table_names());
  const tables = [...new Set(apps.get_models({ include_auto_created: true }).map((model) => (model as unknown as { _meta: { db_table: string } })._meta.db_table))].filter((t) => existing.has(t)).sort();
  const sql = tables.map((table) => `DELETE FROM "${table}";`);
  if (options.reset_sequences && tables.length) sql.push(`UPDATE "sqlite_sequence" SET "seq" = 0 WHERE "name" IN (${tables.map((t) => `'${t}'`).join(", ")});`);
  return sql;
}
