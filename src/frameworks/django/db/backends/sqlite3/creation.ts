/**
 * django.db.backends.sqlite3.creation: SQLite's test database. Main class: `DatabaseCreation`.
 *
 * An in-memory SQLite database (the lab's, always) gets an in-memory test database:
 * Django names it `file:memorydb_default?mode=memory&cache=shared` and opens it as a new
 * connection; here the driver opens a new, empty in-memory database (`connect_memory()`, Python's
 * `sqlite3.connect(":memory:")`). Destroying it closes it and puts the project's database back.
 */
import { ImproperlyConfigured } from "../../../core/exceptions";
import type { DatabaseDriver } from "../driver";
import { BaseDatabaseCreation } from "../base/creation";

export class DatabaseCreation extends BaseDatabaseCreation {
  override _get_test_db_name(): string {
    return `file:memorydb_${this.connection.alias}?mode=memory&cache=shared`;
  }

  /** The connection's own driver is kept and a new in-memory database put in its place. */
  override _create_test_db(): DatabaseDriver {
    const own = this.connection.ensure_driver();
    if (typeof own.connect_memory !== "function") throw new ImproperlyConfigured("The database driver cannot open a test database (connect_memory).");
    this.connection.set_driver(own.connect_memory());
    return own;
  }

  override _destroy_test_db(own: unknown): void {
    this.connection.connection?.close();
    this.connection.set_driver(own as DatabaseDriver);
  }
}
