/**
 * The database driver contract: what the framework needs from a database, and nothing more.
 *
 * Django talks to SQLite through Python's `sqlite3` module (a DB-API 2.0 driver). Here the runtime
 * plays that module: `src/runtime/sqlite.ts` implements `DatabaseDriver` on sql.js and installs it
 * with `connection.set_driver(driver)`. The framework never imports sql.js itself.
 *
 * SQL arrives with `?` placeholders (the cursor has already converted Django's `%s`); params are
 * SQLite values (null, number, string, Uint8Array). A failing statement throws a `DriverError`
 * naming the PEP 249 class Python's sqlite3 would raise, which the cursor re-raises as Django's.
 */
import type { DatabaseErrorName } from "../utils";

export type SqlValue = null | number | string | Uint8Array;

export interface ExecuteResult {
  /** Column names of a result set; empty for statements that return no rows. */
  columns: string[];
  rows: SqlValue[][];
  /** Rows inserted, updated or deleted by this statement (SQLite `changes()`); 0 for SELECT. */
  rows_modified: number;
  /** SQLite `last_insert_rowid()` after this statement, or null when the driver cannot say. */
  last_insert_rowid: number | null;
}

export interface DatabaseDriver {
  /** "sqlite" (Django's `connection.vendor`). */
  readonly vendor: string;
  execute(sql: string, params: SqlValue[]): ExecuteResult;
  close(): void;
  /**
   * Register a scalar SQL function implemented in the host language (Python's
   * `connection.create_function`); Django's SQLite backend adds REGEXP and date helpers this way.
   * A function that throws makes the statement fail with "user-defined function raised exception".
   */
  create_function?(name: string, fn: (...args: SqlValue[]) => SqlValue): void;
  /**
   * Register an aggregate SQL function (Python's `connection.create_aggregate`): `finalize` gets
   * every value `step` saw, in order. Django's SQLite backend adds STDDEV_POP, VAR_SAMP… this way.
   * A finalize that throws fails the statement with "user-defined aggregate's 'finalize' method raised error".
   */
  create_aggregate?(name: string, finalize: (values: SqlValue[]) => SqlValue): void;
  /**
   * A new, empty in-memory database on the same engine (Python's `sqlite3.connect(":memory:")`):
   * the test runner's test database (db/backends/sqlite3/creation.ts).
   */
  connect_memory?(): DatabaseDriver;
}

/** What a driver throws: the message and the DB-API class Python's driver would use. */
export interface DriverError {
  db_error_class: DatabaseErrorName;
  message: string;
}

export function is_driver_error(e: unknown): e is DriverError {
  return typeof e === "object" && e !== null && typeof (e as DriverError).db_error_class === "string";
}
