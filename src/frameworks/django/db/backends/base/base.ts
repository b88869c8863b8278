/**
 * django.db.backends.base.base: the DatabaseWrapper, one connection to one database alias.
 * Main class: `BaseDatabaseWrapper` (`django.db.connection` is the "default" one).
 *
 * Django opens its connection lazily from `settings.DATABASES`; in the lab the runtime owns the
 * database (sql.js) and hands the wrapper a driver with `set_driver()`. `cursor()` gives a
 * CursorWrapper, or a CursorDebugWrapper that fills `queries` when `settings.DEBUG` is true.
 */
import { settings } from "../../../conf";
import { ImproperlyConfigured } from "../../../core/exceptions";
import type { DatabaseDriver } from "../driver";
import { CursorDebugWrapper, CursorWrapper, adapt_params, convert_query } from "../utils";
import { register_functions } from "../sqlite3/base";
import { DatabaseCreation } from "../sqlite3/creation";

/** Django keeps at most this many entries in `connection.queries`. */
export const QUERIES_LOG_LIMIT = 9000;

export interface QueryLogEntry {
  sql: string;
  /** Seconds, as a string with three decimals: "0.001". */
  time: string;
}

export class BaseDatabaseWrapper {
  vendor = "unknown";
  display_name = "unknown";
  /** Log queries even when DEBUG is off (Django's test utilities set this). */
  force_debug_cursor = false;
  readonly queries_log: QueryLogEntry[] = [];
  private driver: DatabaseDriver | null = null;

  /** `connection.creation`: makes and destroys the test database (the lab's one backend is SQLite). */
  readonly creation: DatabaseCreation;

  constructor(readonly alias: string) {
    this.creation = new DatabaseCreation(this);
  }

  /** Installed by the runtime (`src/runtime/sqlite.ts`); replaces any previous driver. */
  set_driver(driver: DatabaseDriver | null): void {
    this.driver = driver;
    if (driver) register_functions(driver);
    this.vendor = driver?.vendor ?? "unknown";
    this.display_name = this.vendor === "sqlite" ? "SQLite" : this.vendor;
    this.queries_log.length = 0;
  }

  get connection(): DatabaseDriver | null {
    return this.driver;
  }

  ensure_driver(): DatabaseDriver {
    if (!this.driver)
      throw new ImproperlyConfigured(`The database connection '${this.alias}' has no driver: the runtime must call connection.set_driver() first.`);
    return this.driver;
  }

  /** `connection.cursor()` */
  cursor(): CursorWrapper {
    this.ensure_driver();
    return this.queries_logged ? new CursorDebugWrapper(this) : new CursorWrapper(this);
  }

  get queries_logged(): boolean {
    return this.force_debug_cursor || (settings.configured && Boolean(settings.DEBUG));
  }

  /** `connection.queries`: the statements run since the last `reset_queries()` (DEBUG only). */
  get queries(): QueryLogEntry[] {
    return [...this.queries_log];
  }

  /**
   * Append to `queries_log`. Django's log is a `deque(maxlen=queries_limit)`: past 9,000 entries
   * the oldest one falls off, so a long run without `reset_queries()` cannot grow without bound.
   */
  log_query(entry: QueryLogEntry): void {
    this.queries_log.push(entry);
    if (this.queries_log.length > QUERIES_LOG_LIMIT) this.queries_log.shift();
  }

  /**
   * SQLite's `EXPLAIN QUERY PLAN` for a statement (Django-style `%s` params): one row per plan step.
   * Run on the driver directly, so asking for a plan adds no "sql" span and no `queries` entry.
   */
  explain(sql: string, params: readonly unknown[] = []): { id: number; parent: number; detail: string }[] {
    const result = this.ensure_driver().execute(`EXPLAIN QUERY PLAN ${params.length ? convert_query(sql) : sql}`, adapt_params(params));
    const col = (name: string) => result.columns.indexOf(name);
    return result.rows.map((r) => ({ id: Number(r[col("id")]), parent: Number(r[col("parent")]), detail: String(r[col("detail")]) }));
  }

  /** Close the underlying database (the runtime opens a fresh one on the next load). */
  close(): void {
    this.driver?.close();
    this.driver = null;
  }
}
