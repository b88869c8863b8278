/**
 * What `call_command("flush", verbosity=0, interactive=False)` does for TransactionTestCase: a
 * connection → every model's table emptied in one transaction (core/management/sql.ts's
 * `sql_flush`), then `post_migrate` sent again so the rows the framework needs (content types,
 * permissions) are there for the next test.
 */
import { emit_post_migrate_signal, sql_flush } from "../core/management/sql";
import type { BaseDatabaseWrapper } from "../db/backends/base/base";
import { atomic } from "../db/transaction";

/** The names of the tables in the database (Django's `connection.introspection.table_names()`). */
function table_names(connection: BaseDatabaseWrapper): string[] {
  const cursor = connection.cursor();
  try {
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    return cursor.fetchall().map((row) => String((row as unknown[])[0]));
  } finally {
    cursor.close();
  }
}

export function flush_database(connection: BaseDatabaseWrapper, options: { reset_sequences?: boolean } = {}): void {
  const statements = sql_flush({ introspection_table_names: () => table_names(connection) }, options);
  atomic(
    () => {
      const cursor = connection.cursor();
      try {
        for (const sql of statements) {
          if (sql.includes("sqlite_sequence") && !table_names(connection).includes("sqlite_sequence")) continue;
          cursor.execute(sql);
        }
      } finally {
        cursor.close();
      }
    },
    { using: connection.alias },
  );
  emit_post_migrate_signal({ verbosity: 0, interactive: false, using: connection.alias });
}
