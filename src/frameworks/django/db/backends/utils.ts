/**
 * django.db.backends.utils: a DB-API 2.0 cursor over the driver, in Django's dialect.
 *
 * `connection.cursor()` returns a `CursorWrapper`. Its `execute(sql, params)` turns Django's
 * `%s` placeholders into SQLite's `?` (and `%%` into `%`, only when params are given, as Django's
 * SQLite backend does), adapts the params, runs the statement through the driver, re-raises driver
 * errors as `django.db` errors, and records one "sql" span. `CursorDebugWrapper` (used when DEBUG)
 * also appends `{sql, time}` to `connection.queries`.
 *
 *     const cursor = connection.cursor();                 // with connection.cursor() as cursor:
 *     try {
 *       cursor.execute("SELECT name FROM t WHERE id = %s", [1]);
 *       cursor.fetchone();                                //   → ["alice"]
 *     } finally {
 *       cursor.close();
 *     }
 */
import { span_set, trace_site, tracing_enabled, type Attrs } from "../../../../trace";
import { py_repr } from "../../../python/builtins";
import { DATABASE_ERRORS, InterfaceError, ProgrammingError } from "../utils";
import { is_driver_error, type ExecuteResult, type SqlValue } from "./driver";
import type { BaseDatabaseWrapper } from "./base/base";

// The statement, its parameters (adapted: the cursor's own copy) and its result are not changed
// afterwards: their attrs are built when the trace is read.
const EXECUTE = trace_site("sql", "django/db/backends/utils.ts#CursorWrapper.execute");

export type Params = readonly unknown[] | null | undefined;
export type Row = SqlValue[];
/** PEP 249's 7-item column description; SQLite fills in only the name. */
export type ColumnDescription = [name: string, type_code: null, display_size: null, internal_size: null, precision: null, scale: null, null_ok: null];

/** Django's SQLite `convert_query`: `%s` → `?` (not after `%`), then `%%` → `%`. */
export function convert_query(sql: string): string {
  return sql.replace(/(?<!%)%s/g, "?").replace(/%%/g, "%");
}

/** Python sqlite3's adaptation of parameters: bool → int, None → NULL, str/int/float/bytes as is. */
export function adapt_params(params: readonly unknown[]): SqlValue[] {
  return params.map((value, i) => {
    if (value === null || value === undefined) return null;
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "number" || typeof value === "string" || value instanceof Uint8Array) return value;
    if (typeof value === "bigint") return Number(value);
    throw new ProgrammingError(`Error binding parameter ${i + 1}: type '${type_name(value)}' is not supported`);
  });
}

function type_name(value: unknown): string {
  if (Array.isArray(value)) return "list";
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) return "dict";
  return (value as { constructor?: { name?: string } })?.constructor?.name ?? typeof value;
}

export class CursorWrapper {
  description: ColumnDescription[] | null = null;
  /** -1 after a SELECT (DB-API: "not determinable"), else the rows modified. */
  rowcount = -1;
  lastrowid: number | null = null;
  arraysize = 1;
  private rows: Row[] = [];
  private position = 0;
  private closed = false;

  constructor(readonly db: BaseDatabaseWrapper) {}

  /** `cursor.execute(sql, params=None)`; returns the cursor, as sqlite3's does. */
  execute(sql: string, params: Params = null): this {
    this.check_open();
    const query = params === null || params === undefined || !sql.includes("%") ? sql : convert_query(sql);
    const adapted = adapt_params(params ?? []);
    if (!tracing_enabled()) this.store(run_on_driver(this.db, query, adapted), -1);
    else {
      const alias = this.db.alias;
      EXECUTE.run(sql_span_name(sql), () => ({ sql, params: adapted.map(param_json), alias }), (span) => this.store(run_on_driver(this.db, query, adapted), span));
    }
    return this;
  }

  /** `cursor.executemany(sql, param_list)`: one statement, run once per params sequence. */
  executemany(sql: string, param_list: Iterable<readonly unknown[]>): this {
    this.check_open();
    const query = convert_query(sql);
    const batches = Array.from(param_list, adapt_params);
    const alias = this.db.alias;
    EXECUTE.run(sql_span_name(sql), () => ({ sql, many: batches.length, params: batches.slice(0, 20).map((p) => p.map(param_json)), alias }), (span) => {
      let modified = 0;
      for (const params of batches) {
        const result = run_on_driver(this.db, query, params);
        modified += result.rows_modified;
        if (result.last_insert_rowid !== null) this.lastrowid = result.last_insert_rowid;
      }
      this.reset_results(null, []);
      this.rowcount = modified;
      span_set(span, () => ({ rowcount: modified }));
    });
    return this;
  }

  fetchone(): Row | null {
    this.check_open();
    return this.position < this.rows.length ? this.rows[this.position++] : null;
  }

  fetchmany(size: number = this.arraysize): Row[] {
    this.check_open();
    const chunk = this.rows.slice(this.position, this.position + size);
    this.position += chunk.length;
    return chunk;
  }

  fetchall(): Row[] {
    this.check_open();
    if (this.position === 0) {
      // Every row, handed over (the cursor keeps none: nothing is left to fetch).
      const all = this.rows;
      this.rows = [];
      return all;
    }
    const rest = this.rows.slice(this.position);
    this.position = this.rows.length;
    return rest;
  }

  close(): void {
    this.closed = true;
    this.rows = [];
  }

  /** Python's `for row in cursor`. */
  *[Symbol.iterator](): Iterator<Row> {
    for (let row = this.fetchone(); row !== null; row = this.fetchone()) yield row;
  }

  /** `with connection.cursor() as cursor:` — enter returns the cursor, exit closes it. */
  __enter__(): this {
    return this;
  }

  __exit__(): void {
    this.close();
  }

  private check_open(): void {
    if (this.closed) throw new ProgrammingError("Cannot operate on a closed cursor.");
  }

  private store(result: ExecuteResult, span: number): void {
    const is_query = result.columns.length > 0;
    this.reset_results(is_query ? result.columns.map(describe_column) : null, result.rows);
    this.rowcount = is_query ? -1 : result.rows_modified;
    if (result.last_insert_rowid !== null && result.rows_modified > 0) this.lastrowid = result.last_insert_rowid;
    if (span >= 0) span_set(span, (): Attrs => (is_query ? { rows: result.rows.length, columns: result.columns } : { rowcount: result.rows_modified }));
  }

  private reset_results(description: ColumnDescription[] | null, rows: Row[]): void {
    this.description = description;
    this.rows = rows;
    this.position = 0;
  }
}

/** The cursor DEBUG gives: every statement is also logged in `connection.queries`. */
export class CursorDebugWrapper extends CursorWrapper {
  override execute(sql: string, params: Params = null): this {
    return this.debug_sql(sql, params ?? null, false, () => super.execute(sql, params));
  }

  override executemany(sql: string, param_list: Iterable<readonly unknown[]>): this {
    const batches = Array.from(param_list);
    return this.debug_sql(sql, batches, true, () => super.executemany(sql, batches));
  }

  private debug_sql(sql: string, params: unknown, many: boolean, run: () => this): this {
    const start = now();
    try {
      return run();
    } finally {
      const duration = (now() - start) / 1000;
      const shown = many ? `${(params as unknown[]).length} times: ${sql}` : last_executed_query(sql, params as Params);
      this.db.log_query({ sql: shown, time: duration.toFixed(3) });
    }
  }
}

/** Django's SQLite `last_executed_query`: the statement with its params quoted in place. */
export function last_executed_query(sql: string, params: Params): string {
  if (params === null || params === undefined) return sql;
  const quoted = adapt_params(params).map(quote_value);
  let i = 0;
  return sql.replace(/%%|%s/g, (m) => (m === "%%" ? "%" : i < quoted.length ? quoted[i++] : m));
}

function quote_value(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(value);
  if (value instanceof Uint8Array) return `X'${Array.from(value, (b) => b.toString(16).padStart(2, "0").toUpperCase()).join("")}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

/** Run one statement, re-raising the driver's error as Django's (DatabaseErrorWrapper). */
function run_on_driver(db: BaseDatabaseWrapper, sql: string, params: SqlValue[]): ExecuteResult {
  const driver = db.ensure_driver();
  try {
    return driver.execute(sql, params);
  } catch (e) {
    if (is_driver_error(e)) throw new DATABASE_ERRORS[e.db_error_class](e.message);
    throw e instanceof Error && !(e instanceof InterfaceError) ? new DATABASE_ERRORS.DatabaseError(e.message) : e;
  }
}

function sql_span_name(sql: string): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? flat.slice(0, 79) + "…" : flat;
}

function param_json(value: SqlValue): string | number | null {
  return value instanceof Uint8Array ? py_repr(value) : value;
}

const now: () => number = typeof performance !== "undefined" ? () => performance.now() : () => Date.now();

function describe_column(name: string): ColumnDescription {
  return [name, null, null, null, null, null, null];
}
