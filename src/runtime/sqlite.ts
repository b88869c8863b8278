/**
 * sql.js → the framework's database driver: boots SQLite (compiled to WebAssembly) in Node or the
 * browser and implements `DatabaseDriver` (src/frameworks/django/db/backends/driver.ts) on it.
 * Main function: `boot_sqlite`; main class: `SqlJsDriver`.
 *
 * The driver plays Python's `sqlite3` module: one statement per `execute`, a wrong number of
 * bindings is a ProgrammingError, and SQLite's failures are classed as sqlite3 classes them
 * (constraint → IntegrityError, syntax or missing table → OperationalError, …).
 */
import initSqlJs from "sql.js";
import type { Database, SqlJsStatic, Statement } from "sql.js";
import type { DatabaseDriver, DriverError, ExecuteResult, SqlValue } from "../frameworks/django/db/backends/driver";
import type { DatabaseErrorName } from "../frameworks/django/db/utils";

export interface SqliteBootOptions {
  /** Browser: where the `.wasm` file is served (`(file) => wasmUrl`). Node finds it by itself. */
  locateFile?: (file: string, prefix: string) => string;
  /** Browser: instantiate from a `WebAssembly.Module` compiled once on the page and posted in. */
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) => WebAssembly.Exports | Record<string, never>;
  wasmBinary?: ArrayBuffer | Uint8Array;
}

let booted: Promise<SqlJsStatic> | null = null;

/** Load sql.js once per process (or worker); later calls share the same module. */
export function boot_sqlite(options: SqliteBootOptions = {}): Promise<SqlJsStatic> {
  // @types/sql.js lacks `instantiateWasm` in its config type (NOTES-stack.md, trap 10).
  booted ??= initSqlJs(options as Parameters<typeof initSqlJs>[0]);
  return booted;
}

/** sqlite3's exception class for an SQLite error message (sql.js gives messages, not codes). */
export function classify_sqlite_error(message: string): DatabaseErrorName {
  if (/constraint failed|datatype mismatch/i.test(message)) return "IntegrityError";
  if (/string or blob too big/i.test(message)) return "DataError";
  if (/out of memory|database disk image is malformed|file is not a database/i.test(message)) return "DatabaseError";
  return "OperationalError";
}

export class SqliteDriverError extends Error implements DriverError {
  constructor(
    readonly db_error_class: DatabaseErrorName,
    message: string,
  ) {
    super(message);
  }
}

export class SqlJsDriver implements DatabaseDriver {
  readonly vendor = "sqlite";
  /** How many parameters each SQL text takes (found once per text, by probing). */
  private readonly parameter_counts = new Map<string, number>();
  /**
   * How many statements have run through this driver (or been run on `db` by the runtime, which
   * counts them here): while it stays the same, SQLite's total_changes() cannot have moved.
   */
  statements_run = 0;

  constructor(readonly db: Database) {
    // Django's SQLite backend turns foreign-key enforcement on for every new connection.
    db.run("PRAGMA foreign_keys = ON");
    // sql.js keeps the database in a file of Emscripten's in-memory file system, and SQLite, in its
    // normal locking mode, takes and drops the file's lock around every statement and looks for a
    // leftover journal each time: file-system calls into JavaScript that were more than half of a
    // one-row SELECT. Nothing else ever opens that file, so the connection keeps its lock (a
    // ":memory:" database, which Python's sqlite3 would use, has no file to lock at all; ADR 0027).
    db.run("PRAGMA locking_mode = EXCLUSIVE");
  }

  /** A fresh in-memory database, or one opened from an exported image. */
  static async open(data?: Uint8Array | null, options?: SqliteBootOptions): Promise<SqlJsDriver> {
    const SQL = await boot_sqlite(options);
    return new SqlJsDriver(new SQL.Database(data ?? null));
  }

  execute(sql: string, params: SqlValue[]): ExecuteResult {
    this.statements_run++;
    // Taken out of the cache while it runs: a SQL function that runs the same text meanwhile prepares its own.
    let statement = this.statements.get(sql);
    if (statement !== undefined) this.statements.delete(sql);
    else statement = this.prepare_one(sql);
    try {
      bind_checked(statement, sql, params, this.parameter_counts);
      const rows: SqlValue[][] = [];
      while (statement.step()) rows.push(statement.get() as SqlValue[]);
      // Asked after stepping: a cached statement is prepared again by its first step if the schema changed.
      const columns = statement.getColumnNames();
      const rows_modified = columns.length ? 0 : this.db.getRowsModified();
      return { columns, rows, rows_modified, last_insert_rowid: rows_modified ? this.last_insert_rowid() : null };
    } catch (e) {
      throw as_driver_error(e);
    } finally {
      this.keep(sql, statement);
    }
  }

  /**
   * Python's sqlite3 keeps a connection's last 128 prepared statements (`cached_statements`) and
   * runs a text it has seen again without compiling it: a statement is reset (its bindings cleared)
   * and kept here, the least recently used one freed when a 129th arrives.
   */
  private readonly statements = new Map<string, Statement>();

  private keep(sql: string, statement: Statement): void {
    statement.reset();
    if (this.statements.has(sql)) {
      statement.free();
      return;
    }
    this.statements.set(sql, statement);
    if (this.statements.size > CACHED_STATEMENTS) {
      const [oldest, evicted] = this.statements.entries().next().value as [string, Statement];
      this.statements.delete(oldest);
      evicted.free();
    }
  }

  /**
   * A host function callable from SQL; a throw fails the statement as sqlite3 does. sql.js takes a
   * function's arity from `fn.length`, and Django's SQLite functions take one to four arguments
   * (some optional), so the function is registered once per arity, as SQLite allows.
   */
  create_function(name: string, fn: (...args: SqlValue[]) => SqlValue): void {
    const call = (...args: unknown[]) => {
      try {
        const result = fn(...(args as SqlValue[]));
        return result === undefined ? null : result;
      } catch {
        throw new Error("user-defined function raised exception");
      }
    };
    const by_arity = [
      (a: unknown) => call(a),
      (a: unknown, b: unknown) => call(a, b),
      (a: unknown, b: unknown, c: unknown) => call(a, b, c),
      (a: unknown, b: unknown, c: unknown, d: unknown) => call(a, b, c, d),
    ];
    for (const wrapper of by_arity) this.db.create_function(name, wrapper as (...args: unknown[]) => unknown as never);
  }

  /** An aggregate callable from SQL: the values are collected by step, handed to finalize (DatabaseDriver.create_aggregate). */
  create_aggregate(name: string, finalize: (values: SqlValue[]) => SqlValue): void {
    // sql.js has create_aggregate (1.8+); its type definitions predate it.
    (this.db as unknown as { create_aggregate(name: string, functions: object): void }).create_aggregate(name, {
      init: () => [] as SqlValue[],
      step: (state: SqlValue[], value: SqlValue) => (state.push(value), state),
      finalize: (state: SqlValue[]) => {
        try {
          const result = finalize(state ?? []);
          return result === undefined ? null : result;
        } catch {
          throw new Error("user-defined aggregate's 'finalize' method raised error");
        }
      },
    });
  }

  /** A new, empty in-memory database beside this one (Django's test database; DatabaseDriver.connect_memory). */
  connect_memory(): SqlJsDriver {
    return new SqlJsDriver(new (this.db.constructor as new () => Database)());
  }

  /** The database image, to restore after a worker is replaced. */
  export(): Uint8Array {
    return this.db.export();
  }

  /** SQLite's `total_changes()`: rows inserted, updated or deleted since the database was opened. */
  total_changes(): number {
    return Number(this.db.exec("SELECT total_changes()")[0]?.values[0]?.[0] ?? 0);
  }

  close(): void {
    for (const statement of this.statements.values()) statement.free();
    this.statements.clear();
    this.db.close();
  }

  private prepare_one(sql: string): Statement {
    let statement: Statement;
    try {
      statement = this.db.prepare(sql);
    } catch (e) {
      throw as_driver_error(e);
    }
    if (has_more_statements(sql, statement)) {
      statement.free();
      throw new SqliteDriverError("ProgrammingError", "You can only execute one statement at a time.");
    }
    return statement;
  }

  private last_insert_rowid(): number | null {
    const result = this.db.exec("SELECT last_insert_rowid()");
    return result.length ? Number(result[0].values[0][0]) : null;
  }
}

/** sql.js's `prepare` silently ignores what follows the first statement; sqlite3 refuses it. */
function has_more_statements(sql: string, statement: Statement): boolean {
  if (!sql.includes(";")) return false; // only a ";" ends a statement
  const first = statement.getSQL();
  const index = sql.indexOf(first);
  if (index < 0) return false;
  const rest = sql.slice(index + first.length).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, "");
  return /[^\s;]/.test(rest);
}

/**
 * Bind params, checking their number as sqlite3 does. SQLite reports only "too many" (a range
 * error); binding one extra NULL tells "too few" apart.
 */
function bind_checked(statement: Statement, sql: string, params: SqlValue[], counts: Map<string, number>): void {
  if (params.length === 0 && !/[?:@$]/.test(sql)) return;
  let expected = counts.get(sql);
  if (expected === undefined) {
    expected = parameter_count(statement);
    if (counts.size > 1000) counts.clear();
    counts.set(sql, expected);
  }
  if (expected !== params.length)
    throw new SqliteDriverError("ProgrammingError", `Incorrect number of bindings supplied. The current statement uses ${expected}, and there are ${params.length} supplied.`);
  statement.bind(params);
}

/**
 * How many parameters a statement takes. sql.js does not say, but binding n values succeeds exactly
 * when n is at most that number: double n until a bind fails, then halve the gap (a few binds, where
 * trying every n made a 1,000-row bulk_create's INSERT cost a million).
 */
function parameter_count(statement: Statement): number {
  const fits = (n: number): boolean => {
    try {
      statement.bind(new Array(n).fill(0)); // sql.js reports a range error for numbers, not for NULL
      return true;
    } catch {
      return false;
    }
  };
  let low = 0; // binding `low` values fits (none always does)…
  let high = 1; // …binding `high` values is tried next
  while (high <= MAX_PARAMETERS && fits(high)) [low, high] = [high, high * 2];
  high = Math.min(high, MAX_PARAMETERS + 1); // the smallest count known (or taken) not to fit
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}

const MAX_PARAMETERS = 32767;
/** sqlite3.connect's `cached_statements` default. */
const CACHED_STATEMENTS = 128;

function as_driver_error(e: unknown): unknown {
  if (e instanceof SqliteDriverError) return e;
  if (e instanceof Error) return new SqliteDriverError(classify_sqlite_error(e.message), e.message);
  return e;
}
