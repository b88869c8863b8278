/**
 * django.db.migrations.recorder: which migrations have run → the `django_migrations` table.
 * Main class: `MigrationRecorder`.
 *
 *     CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 *       "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL);
 *
 * `migrate` records each migration it applies (with the time, UTC, as Django stores datetimes);
 * `showmigrations` and the next `migrate` read it back.
 */
import type { BaseDatabaseWrapper } from "../backends/base/base";
import type { MigrationKey } from "./migration";

const TABLE = "django_migrations";

export class MigrationRecorder {
  constructor(readonly connection: BaseDatabaseWrapper) {}

  private run(sql: string, params: unknown[] | null = null): unknown[][] {
    const cursor = this.connection.cursor();
    try {
      cursor.execute(sql, params);
      return cursor.fetchall();
    } finally {
      cursor.close();
    }
  }

  has_table(): boolean {
    return this.run("SELECT name FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE]).length > 0;
  }

  /** Create `django_migrations` if it is missing (Django's `ensure_schema`). */
  ensure_schema(): void {
    if (this.has_table()) return;
    this.run(
      `CREATE TABLE "${TABLE}" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL)`,
    );
  }

  /** `{"library.0001_initial": applied_at, …}` in the order they were applied. */
  applied_migrations(): Map<string, string> {
    if (!this.has_table()) return new Map();
    return new Map(this.run(`SELECT "app", "name", "applied" FROM "${TABLE}" ORDER BY "id"`).map(([app, name, applied]) => [`${app}.${name}`, String(applied)]));
  }

  record_applied(app: string, name: string, now: Date = new Date()): void {
    this.ensure_schema();
    const applied = now.toISOString().replace("T", " ").replace("Z", "").padEnd(26, "0");
    this.run(`INSERT INTO "${TABLE}" ("app", "name", "applied") VALUES (%s, %s, %s)`, [app, name, applied]);
  }

  record_unapplied(app: string, name: string): void {
    this.ensure_schema();
    this.run(`DELETE FROM "${TABLE}" WHERE "app" = %s AND "name" = %s`, [app, name]);
  }

  flush(): void {
    this.ensure_schema();
    this.run(`DELETE FROM "${TABLE}"`);
  }

  is_applied([app, name]: MigrationKey): boolean {
    return this.applied_migrations().has(`${app}.${name}`);
  }
}
