/**
 * sqlite3: Python's DB-API 2.0 driver for SQLite → connections and cursors over the project's
 * database (the one the Database panel shows). Main function: `connect`; main classes:
 * `Connection`, `Cursor`, `Row`.
 *
 *   const db = connect(current_app.config["DATABASE"], { detect_types: PARSE_DECLTYPES });
 *   db.row_factory = Row;
 *   const user = db.execute("SELECT * FROM user WHERE username = ?", [username]).fetchone();
 *   user["username"]                        // a Row: by column name or by index
 *
 * As in Python 3.11: an INSERT/UPDATE/DELETE/REPLACE opens a transaction implicitly (isolation
 * level ""), `commit()` ends it, `close()` without a commit rolls it back; `executescript` commits
 * first and runs every statement; `?` and `:name` placeholders; the default adapters (date,
 * datetime → ISO text) and converters ("date", "timestamp"); PARSE_DECLTYPES and PARSE_COLNAMES;
 * errors raised as sqlite3's classes, also reachable as attributes of the connection
 * (`db.IntegrityError`, as the Flask tutorial catches it).
 *
 * The page has one database per project: every path (":memory:" included) opens that database.
 * SQLite's column declared types are not exposed by the WebAssembly build, so PARSE_DECLTYPES
 * takes a result column's declared type from the tables the statement reads (FROM and JOIN), by
 * column name; an expression aliased to a column's name is converted too, where SQLite would not.
 */
import type { DatabaseDriver, ExecuteResult, SqlValue } from "../django/db/backends/driver";
import { is_driver_error } from "../django/db/backends/driver";
import { Exception } from "./builtins";
import { is_bytes, utf8_decode, utf8_encode, type Bytes } from "./bytes";
import { date, datetime } from "./datetime";

export const PARSE_DECLTYPES = 1;
export const PARSE_COLNAMES = 2;
export const paramstyle = "qmark";
export const apilevel = "2.0";
export const threadsafety = 1;
export const sqlite_version = "3";

// --- exceptions (PEP 249) ---
export class Warning extends Exception {}
export class Error extends Exception {}
export class InterfaceError extends Error {}
export class DatabaseError extends Error {}
export class DataError extends DatabaseError {}
export class OperationalError extends DatabaseError {}
export class IntegrityError extends DatabaseError {}
export class InternalError extends DatabaseError {}
export class ProgrammingError extends DatabaseError {}
export class NotSupportedError extends DatabaseError {}

const ERROR_CLASSES: Record<string, new (message: string) => Error> = { DataError, OperationalError, IntegrityError, InternalError, ProgrammingError, NotSupportedError, DatabaseError, InterfaceError };

// --- the project's database, given by the runtime ---
let database: DatabaseDriver | null = null;
const open_connections = new Set<Connection>();

/** The runtime hands over the project's database (null takes it away); connections of the previous project are closed. */
export function _attach_database(driver: DatabaseDriver | null): void {
  for (const connection of [...open_connections]) connection._forget();
  open_connections.clear();
  database = driver;
  converters.clear();
  adapters.clear();
  register_defaults();
}

// --- adapters and converters ---
type Converter = (value: Bytes) => unknown;
type Adapter = (value: any) => SqlValue;
const converters = new Map<string, Converter>();
const adapters = new Map<Function, Adapter>();

/** `register_converter(typename, converter)`: a column of that declared type (case-insensitive) → `converter(bytes)`. */
export function register_converter(typename: string, converter: Converter): void {
  converters.set(typename.toUpperCase(), converter);
}

/** `register_adapter(type, adapter)`: a parameter of that class → `adapter(value)` before binding. */
export function register_adapter(type: Function, adapter: Adapter): void {
  adapters.set(type, adapter);
}

function convert_date(value: Bytes): date {
  const [y, m, d] = utf8_decode(value).split("-").map(Number);
  return new date(y, m, d);
}

/** Python 3.11's default "timestamp" converter: `YYYY-MM-DD HH:MM:SS[.ffffff]`. */
function convert_timestamp(value: Bytes): datetime {
  const [datepart, timepart = "00:00:00"] = utf8_decode(value).split(" ");
  const [y, m, d] = datepart.split("-").map(Number);
  const [clock, fraction] = timepart.split(".");
  const [hh, mm, ss] = clock.split(":").map(Number);
  const us = fraction === undefined ? 0 : Number(fraction.slice(0, 6).padEnd(6, "0"));
  return new datetime(y, m, d, hh, mm, ss, us);
}

function register_defaults(): void {
  register_adapter(date, (v: date) => v.isoformat());
  register_adapter(datetime, (v: datetime) => v.isoformat(" "));
  register_converter("date", convert_date);
  register_converter("timestamp", convert_timestamp);
}
register_defaults();

function adapt(value: unknown, index: number): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "string" || is_bytes(value)) return value as SqlValue;
  if (typeof value === "bigint") return Number(value);
  for (let cls = (value as object).constructor; cls && cls !== Object; cls = Object.getPrototypeOf(cls)) {
    const adapter = adapters.get(cls);
    if (adapter) return adapter(value);
  }
  const name = (value as object).constructor?.name === "Object" ? "dict" : Array.isArray(value) ? "list" : ((value as object).constructor?.name ?? typeof value);
  throw new ProgrammingError(`Error binding parameter ${index}: type '${name}' is not supported`);
}

// --- SQL text: statements and placeholders, outside strings and comments (linear scans) ---

/** Index just past the quoted string, identifier or comment starting at `i`, or `i` when none starts there. */
function skip_literal(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"' || c === "`") {
    let j = i + 1;
    for (; j < sql.length; j++) if (sql[j] === c) {
      if (sql[j + 1] === c) j++;
      else return j + 1;
    }
    return sql.length;
  }
  if (c === "[") {
    const end = sql.indexOf("]", i + 1);
    return end < 0 ? sql.length : end + 1;
  }
  if (c === "-" && sql[i + 1] === "-") {
    const end = sql.indexOf("\n", i + 2);
    return end < 0 ? sql.length : end + 1;
  }
  if (c === "/" && sql[i + 1] === "*") {
    const end = sql.indexOf("*/", i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

/** A script → its statements (what `executescript` runs one by one); empty ones dropped. */
export function split_statements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < script.length; ) {
    const after = skip_literal(script, i);
    if (after !== i) {
      i = after;
      continue;
    }
    if (script[i] === ";") {
      out.push(script.slice(start, i + 1));
      start = i + 1;
    }
    i++;
  }
  out.push(script.slice(start));
  return out.filter((s) => /\S/.test(s.replace(/--[^\n]*|\/\*[\s\S]*?(\*\/|$)/g, "").replace(/;/g, "")));
}

/** `:name` placeholders → `?` with the values in order (the driver binds positionally). */
function bind_named(sql: string, params: Record<string, unknown>): [string, unknown[]] {
  let out = "";
  const values: unknown[] = [];
  let i = 0;
  while (i < sql.length) {
    const after = skip_literal(sql, i);
    if (after !== i) {
      out += sql.slice(i, after);
      i = after;
      continue;
    }
    const m = /^[:@$]([A-Za-z_]\w*)/.exec(sql.slice(i, i + 200));
    if (m && sql[i - 1] !== ":") {
      if (!Object.prototype.hasOwnProperty.call(params, m[1])) throw new ProgrammingError(`You did not supply a value for binding parameter :${m[1]}.`);
      values.push(params[m[1]]);
      out += "?";
      i += m[0].length;
      continue;
    }
    out += sql[i++];
  }
  return [out, values];
}

const DML = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

/** `sqlite3.Row`: a result row readable by index or by column name (case-insensitive), with `keys()`. */
export class Row {
  readonly #columns: string[];
  readonly #values: unknown[];

  constructor(cursor: Cursor, values: unknown[]) {
    this.#columns = (cursor.description ?? []).map((d) => d[0]);
    this.#values = values;
    // So that TypeScript code reads `row["title"]` and `row[0]` as Python reads `row['title']`.
    this.#columns.forEach((name, i) => {
      if (!(name in this)) Object.defineProperty(this, name, { value: values[i], enumerable: true });
    });
    values.forEach((value, i) => Object.defineProperty(this, i, { value, enumerable: false }));
  }

  /** `row[key]`: an index (negative from the end) or a column name. */
  __getitem__(key: unknown): unknown {
    if (typeof key === "number") {
      const i = key < 0 ? key + this.#values.length : key;
      if (i < 0 || i >= this.#values.length) throw new IndexErrorRow("Index out of range");
      return this.#values[i];
    }
    if (typeof key === "string") {
      const i = this.#columns.findIndex((c) => c.toLowerCase() === key.toLowerCase());
      if (i < 0) throw new IndexErrorRow("No item with that key");
      return this.#values[i];
    }
    throw new IndexErrorRow("Index must be int or string");
  }

  keys(): string[] {
    return [...this.#columns];
  }

  get length(): number {
    return this.#values.length;
  }

  [Symbol.iterator](): Iterator<unknown> {
    return this.#values[Symbol.iterator]();
  }
}

/** Row lookups raise IndexError (Python's message), which Jinja treats as a missing item. */
class IndexErrorRow extends Exception {
  constructor(message: string) {
    super(message);
    this.name = "IndexError";
  }
}
Object.defineProperty(IndexErrorRow, "name", { value: "IndexError" });

export type RowFactory = ((cursor: Cursor, row: unknown[]) => unknown) | typeof Row | null;

/** `sqlite3.Cursor`: runs statements and hands out their rows. */
export class Cursor {
  description: [string, null, null, null, null, null, null][] | null = null;
  lastrowid: number | null = null;
  rowcount = -1;
  arraysize = 1;
  row_factory: RowFactory;
  private rows: unknown[][] = [];
  private closed = false;

  constructor(readonly connection: Connection) {
    this.row_factory = connection.row_factory;
  }

  /** `cursor.execute(sql, parameters=())`: one statement; returns the cursor. */
  execute(sql: string, parameters: readonly unknown[] | Record<string, unknown> = []): this {
    this.check();
    let text = sql;
    let values: readonly unknown[];
    if (Array.isArray(parameters)) values = parameters;
    else [text, values] = bind_named(sql, parameters as Record<string, unknown>);
    const bound = values.map((v, i) => adapt(v, i + 1));
    if (DML.test(text)) this.connection._begin_implicitly();
    const result = this.connection._run(text, bound);
    this.take(text, result);
    return this;
  }

  /** `cursor.executemany(sql, seq_of_parameters)` */
  executemany(sql: string, seq_of_parameters: Iterable<readonly unknown[] | Record<string, unknown>>): this {
    let total = 0;
    for (const params of seq_of_parameters) {
      this.execute(sql, params);
      total += Math.max(this.rowcount, 0);
    }
    this.rowcount = total;
    return this;
  }

  /** `cursor.executescript(script)`: commits a pending transaction, then runs every statement. */
  executescript(script: string): this {
    this.check();
    this.connection.commit();
    for (const statement of split_statements(script)) this.connection._run(statement, []);
    this.description = null;
    this.rows = [];
    return this;
  }

  private take(sql: string, result: ExecuteResult): void {
    const colnames = (this.connection.detect_types & PARSE_COLNAMES) !== 0;
    const names = result.columns.map((c) => (colnames && /\s\[[^\]]+\]\s*$/.test(c) ? c.replace(/\s\[[^\]]+\]\s*$/, "") : c));
    this.description = result.columns.length ? names.map((n) => [n, null, null, null, null, null, null]) : null;
    const convert = this.connection._converters_for(sql, result.columns);
    this.rows = result.rows.map((row) => row.map((value, i) => (convert[i] && value !== null ? convert[i]!(typeof value === "string" ? utf8_encode(value) : is_bytes(value) ? value : utf8_encode(String(value))) : value)));
    this.rowcount = result.columns.length ? -1 : DML.test(sql) ? result.rows_modified : -1;
    if (result.last_insert_rowid !== null && /^\s*(INSERT|REPLACE)\b/i.test(sql)) this.lastrowid = result.last_insert_rowid;
  }

  private make(row: unknown[]): unknown {
    const factory = this.row_factory;
    if (factory === null) return row;
    if (factory === Row) return new Row(this, row);
    return (factory as (cursor: Cursor, row: unknown[]) => unknown)(this, row);
  }

  /** The next row, or null (None) when there is none. */
  fetchone(): unknown {
    this.check();
    const row = this.rows.shift();
    return row === undefined ? null : this.make(row);
  }

  fetchmany(size = this.arraysize): unknown[] {
    this.check();
    return this.rows.splice(0, size).map((row) => this.make(row));
  }

  fetchall(): unknown[] {
    this.check();
    return this.rows.splice(0).map((row) => this.make(row));
  }

  [Symbol.iterator](): Iterator<unknown> {
    return { next: () => (this.rows.length ? { value: this.fetchone(), done: false } : { value: undefined, done: true }) };
  }

  close(): void {
    this.closed = true;
  }

  private check(): void {
    if (this.closed) throw new ProgrammingError("Cannot operate on a closed cursor.");
    this.connection._check();
  }
}

/** `sqlite3.Connection`: one connection to the project's database. */
export class Connection {
  row_factory: RowFactory = null;
  isolation_level: string | null = "";
  readonly detect_types: number;
  total_changes = 0;
  private closed = false;
  private transaction = false;
  private readonly decltypes = new Map<string, Map<string, string>>();

  // The exception classes, as attributes of every connection (`except db.IntegrityError`).
  readonly Warning = Warning;
  readonly Error = Error;
  readonly InterfaceError = InterfaceError;
  readonly DatabaseError = DatabaseError;
  readonly DataError = DataError;
  readonly OperationalError = OperationalError;
  readonly IntegrityError = IntegrityError;
  readonly InternalError = InternalError;
  readonly ProgrammingError = ProgrammingError;
  readonly NotSupportedError = NotSupportedError;

  constructor(
    readonly database: string,
    options: { detect_types?: number; isolation_level?: string | null } = {},
  ) {
    this.detect_types = options.detect_types ?? 0;
    if ("isolation_level" in options) this.isolation_level = options.isolation_level ?? null;
  }

  get in_transaction(): boolean {
    return this.transaction;
  }

  cursor(): Cursor {
    this._check();
    return new Cursor(this);
  }

  execute(sql: string, parameters: readonly unknown[] | Record<string, unknown> = []): Cursor {
    return this.cursor().execute(sql, parameters);
  }

  executemany(sql: string, seq_of_parameters: Iterable<readonly unknown[] | Record<string, unknown>>): Cursor {
    return this.cursor().executemany(sql, seq_of_parameters);
  }

  executescript(script: string): Cursor {
    return this.cursor().executescript(script);
  }

  commit(): void {
    this._check();
    if (this.transaction) {
      this.transaction = false;
      this._run("COMMIT", []);
    }
  }

  rollback(): void {
    this._check();
    if (this.transaction) {
      this.transaction = false;
      this._run("ROLLBACK", []);
    }
  }

  /** Closing without `commit()` loses what the open transaction wrote (as in Python). */
  close(): void {
    if (this.closed) return;
    if (this.transaction) this.rollback();
    this.closed = true;
    open_connections.delete(this);
  }

  /** The project is gone (another one loads): this connection no longer reaches any database. */
  _forget(): void {
    this.closed = true;
    this.transaction = false;
  }

  _check(): void {
    if (this.closed) throw new ProgrammingError("Cannot operate on a closed database.");
  }

  _begin_implicitly(): void {
    if (this.isolation_level !== null && !this.transaction) {
      this._run(`BEGIN ${this.isolation_level}`.trim(), []);
      this.transaction = true;
    }
  }

  /** One statement on the project's database, SQLite's failures raised as sqlite3's classes. */
  _run(sql: string, params: SqlValue[]): ExecuteResult {
    if (!database) throw new OperationalError("unable to open database file");
    try {
      const result = database.execute(sql, params);
      this.total_changes += result.rows_modified;
      if (/^\s*(COMMIT|END|ROLLBACK)\b/i.test(sql)) this.transaction = false;
      else if (/^\s*BEGIN\b/i.test(sql)) this.transaction = true;
      this.decltypes.clear();
      return result;
    } catch (e) {
      if (is_driver_error(e)) throw new (ERROR_CLASSES[e.db_error_class] ?? DatabaseError)(e.message);
      throw e;
    }
  }

  /** For each result column, the converter PARSE_COLNAMES or PARSE_DECLTYPES picks (or none). */
  _converters_for(sql: string, columns: string[]): (Converter | undefined)[] {
    if (!this.detect_types || !columns.length) return [];
    const declared = this.detect_types & PARSE_DECLTYPES ? this.declared_types(sql) : new Map<string, string>();
    return columns.map((column) => {
      if (this.detect_types & PARSE_COLNAMES) {
        const m = /\[([^\]]+)\]\s*$/.exec(column);
        if (m) return converters.get(m[1].trim().toUpperCase());
      }
      const type = declared.get(column.toLowerCase());
      return type ? converters.get(type.split(/[\s(]/)[0].toUpperCase()) : undefined;
    });
  }

  /** Column name → declared type, from the tables named after FROM and JOIN. */
  private declared_types(sql: string): Map<string, string> {
    const out = new Map<string, string>();
    const tables = [...sql.matchAll(/\b(?:FROM|JOIN)\s+(?:"([^"]+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_]\w*))/gi)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
    for (const table of tables) {
      const key = table.toLowerCase();
      if (!this.decltypes.has(key)) {
        const info = new Map<string, string>();
        try {
          const result = database!.execute(`PRAGMA table_info("${table.replace(/"/g, '""')}")`, []);
          for (const row of result.rows) info.set(String(row[1]).toLowerCase(), String(row[2] ?? ""));
        } catch {
          // Not a table (a CTE, a subquery's alias): nothing declared.
        }
        this.decltypes.set(key, info);
      }
      for (const [name, type] of this.decltypes.get(key)!) if (!out.has(name) && type) out.set(name, type);
    }
    return out;
  }
}

/** `sqlite3.connect(database, detect_types=0, isolation_level="")`: a connection to the project's database. */
export function connect(database: string, options: { detect_types?: number; isolation_level?: string | null } = {}): Connection {
  if (typeof database !== "string") database = String(database);
  const connection = new Connection(database, options);
  open_connections.add(connection);
  return connection;
}
