/**
 * django.db.backends.base.creation: a connection → its test database and back. Main class:
 * `BaseDatabaseCreation` (`connection.creation`).
 *
 *     create_test_db()    "Creating test database for alias 'default'..."   (stderr)
 *                         → the connection is pointed at a new, empty database
 *                         → every migration applied to it (silently below verbosity 2)
 *     destroy_test_db()   "Destroying test database for alias 'default'..."
 *                         → the test database dropped, the connection given its own back
 *
 * So the tests run against a fresh, migrated copy of the schema, and the learner's own rows are
 * untouched. How a database is created and dropped is the backend's (sqlite3/creation.ts).
 */
import { stderr } from "../../../../python/sys";
import type { BaseDatabaseWrapper } from "./base";

export interface CreateTestDbOptions {
  verbosity?: number;
  autoclobber?: boolean;
  serialize?: boolean;
  keepdb?: boolean;
}

/** Migrations for the new database: django.core.management's migrate, given by the test runner (it imports this package). */
export type MigrateTestDb = (connection: BaseDatabaseWrapper, verbosity: number) => void;

let migrate_test_db: MigrateTestDb = () => {};

export function set_test_db_migrator(fn: MigrateTestDb): void {
  migrate_test_db = fn;
}

export class BaseDatabaseCreation {
  constructor(readonly connection: BaseDatabaseWrapper) {}

  /** Messages go to stderr, as Django's creation writes them. */
  log(msg: string): void {
    stderr.write(msg + "\n");
  }

  /** Create the test database, migrate it, and return its name (the connection now uses it). */
  create_test_db(options: CreateTestDbOptions = {}): unknown {
    const { verbosity = 1, autoclobber = false, keepdb = false } = options;
    const test_database_name = this._get_test_db_name();
    if (verbosity >= 1) this.log(`${keepdb ? "Using existing" : "Creating"} test database for alias ${this._get_database_display_str(verbosity, test_database_name)}...`);
    const old_database = this._create_test_db(verbosity, autoclobber, keepdb);
    migrate_test_db(this.connection, Math.max(verbosity - 1, 0));
    return old_database;
  }

  /** Drop the test database and give the connection back what it had. */
  destroy_test_db(old_database: unknown, verbosity = 1, keepdb = false): void {
    const test_database_name = this._get_test_db_name();
    if (verbosity >= 1) this.log(`${keepdb ? "Preserving" : "Destroying"} test database for alias ${this._get_database_display_str(verbosity, test_database_name)}...`);
    if (!keepdb) this._destroy_test_db(old_database, verbosity);
  }

  /** `'default'`, and the database's name too from verbosity 2. */
  _get_database_display_str(verbosity: number, database_name: string): string {
    return `'${this.connection.alias}'${verbosity >= 2 ? ` ('${database_name}')` : ""}`;
  }

  /** `test_` + the database's name, unless TEST.NAME says otherwise. */
  _get_test_db_name(): string {
    return `test_${this.connection.alias}`;
  }

  /** Create the database; returns what `_destroy_test_db` needs to undo it. */
  _create_test_db(_verbosity: number, _autoclobber: boolean, _keepdb: boolean): unknown {
    throw new Error("subclasses of BaseDatabaseCreation must provide a _create_test_db() method");
  }

  _destroy_test_db(_old_database: unknown, _verbosity: number): void {
    throw new Error("subclasses of BaseDatabaseCreation must provide a _destroy_test_db() method");
  }
}
