import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { SqlJsDriver, boot_sqlite } from "../../src/runtime/sqlite";
import { connection, connections, reset_queries, IntegrityError, OperationalError, ProgrammingError, DatabaseError, ConnectionDoesNotExist } from "django/db";
import { convert_query, last_executed_query } from "django/db/backends/utils";
import { settings } from "django/conf";
import { Recorder, set_active_recorder } from "../../src/trace";

beforeAll(async () => {
  await boot_sqlite();
});

async function fresh(): Promise<void> {
  connection.close();
  connection.set_driver(await SqlJsDriver.open());
}

afterEach(() => settings.reset());

describe("django.db connection over sql.js", () => {
  it("round-trips rows through connection.cursor() with %s placeholders", async () => {
    await fresh();
    const cursor = connection.cursor();
    cursor.execute("CREATE TABLE blog_post (id integer PRIMARY KEY AUTOINCREMENT, title text NOT NULL UNIQUE, score real, draft bool)");
    expect(cursor.description).toBe(null);
    cursor.execute("INSERT INTO blog_post (title, score, draft) VALUES (%s, %s, %s)", ["Hello", 1.5, true]);
    expect([cursor.rowcount, cursor.lastrowid]).toEqual([1, 1]);
    cursor.executemany("INSERT INTO blog_post (title, score, draft) VALUES (%s, %s, %s)", [["B", null, false], ["C", 3, false]]);
    expect([cursor.rowcount, cursor.lastrowid]).toEqual([2, 3]);
    cursor.execute("SELECT id, title, score, draft FROM blog_post WHERE title LIKE %s ORDER BY id", ["%"]);
    expect(cursor.description).toEqual([
      ["id", null, null, null, null, null, null],
      ["title", null, null, null, null, null, null],
      ["score", null, null, null, null, null, null],
      ["draft", null, null, null, null, null, null],
    ]);
    expect(cursor.rowcount).toBe(-1);
    expect(cursor.fetchone()).toEqual([1, "Hello", 1.5, 1]);
    expect(cursor.fetchmany(1)).toEqual([[2, "B", null, 0]]);
    expect(cursor.fetchall()).toEqual([[3, "C", 3, 0]]);
    expect(cursor.fetchone()).toBe(null);
    cursor.close();
    expect(() => cursor.fetchone()).toThrowError(new ProgrammingError("Cannot operate on a closed cursor."));
  });

  it("converts %s to ? and %% to % only when params are given, as Django's SQLite backend does", async () => {
    expect(convert_query("SELECT '%%', %s, '%%s'")).toBe("SELECT '%', ?, '%s'");
    await fresh();
    expect(connection.cursor().execute("SELECT '100%%'").fetchone()).toEqual(["100%%"]);
    expect(connection.cursor().execute("SELECT '100%%', %s", [1]).fetchone()).toEqual(["100%", 1]);
  });

  it("re-raises driver errors as django.db errors with sqlite3's classes and messages", async () => {
    await fresh();
    const cursor = connection.cursor();
    cursor.execute("CREATE TABLE t (name text UNIQUE)");
    cursor.execute("INSERT INTO t VALUES (%s)", ["a"]);
    expect(() => cursor.execute("INSERT INTO t VALUES (%s)", ["a"])).toThrowError(new IntegrityError("UNIQUE constraint failed: t.name"));
    expect(() => cursor.execute("SELECT * FROM nope")).toThrowError(new OperationalError("no such table: nope"));
    expect(() => cursor.execute("SELEC 1")).toThrowError(OperationalError);
    expect(() => cursor.execute("SELECT %s", [1, 2])).toThrowError(new ProgrammingError("Incorrect number of bindings supplied. The current statement uses 1, and there are 2 supplied."));
    expect(() => cursor.execute("SELECT %s, %s", [1])).toThrowError(new ProgrammingError("Incorrect number of bindings supplied. The current statement uses 2, and there are 1 supplied."));
    expect(() => cursor.execute("SELECT %s", [{}])).toThrowError(new ProgrammingError("Error binding parameter 1: type 'dict' is not supported"));
    expect(() => cursor.execute("SELECT 1; SELECT 2")).toThrowError(new ProgrammingError("You can only execute one statement at a time."));
    expect(new IntegrityError("x")).toBeInstanceOf(DatabaseError);
  });

  it("counts a statement's parameters exactly, from none to hundreds, to say how many bindings it takes", async () => {
    await fresh();
    const cursor = connection.cursor();
    const message = (uses: number, supplied: number) => `Incorrect number of bindings supplied. The current statement uses ${uses}, and there are ${supplied} supplied.`;
    const error = (sql: string, params: unknown[]) => {
      try {
        cursor.execute(sql, params);
        return "no error";
      } catch (e) {
        return (e as Error).message;
      }
    };
    const placeholders = (n: number) => Array.from({ length: n }, () => "%s").join(", ");
    expect([
      error("SELECT 1", [1]),
      error(`SELECT ${placeholders(2)}`, [1, 2, 3]),
      error(`SELECT ${placeholders(3)}`, [1]),
      error(`SELECT ${placeholders(700)}`, new Array(701).fill(1)),
      error(`SELECT ${placeholders(513)}`, new Array(512).fill(1)),
      error(`SELECT ${placeholders(1024)}`, new Array(1024).fill(1)),
    ]).toEqual([message(0, 1), message(2, 3), message(3, 1), message(700, 701), message(513, 512), "no error"]);
  });

  it("records one sql span per execute with sql, params and row count", async () => {
    await fresh();
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      connection.cursor().execute("SELECT %s AS a UNION SELECT %s", [1, "x"]);
    } finally {
      set_active_recorder(previous);
    }
    const [span] = recorder.trace().spans;
    expect([span.kind, span.name, span.attrs]).toEqual(["sql", "SELECT %s AS a UNION SELECT %s", { sql: "SELECT %s AS a UNION SELECT %s", params: [1, "x"], alias: "default", rows: 2, columns: ["a"] }]);
  });

  it("fills connection.queries only when DEBUG is on, with params quoted in place", async () => {
    await fresh();
    settings.configure({ SECRET_KEY: "k", DEBUG: false });
    connection.cursor().execute("SELECT %s", [1]);
    expect(connection.queries).toEqual([]);
    settings.configure({ SECRET_KEY: "k", DEBUG: true });
    connection.cursor().execute("SELECT %s, %s, %s", ["it's", null, 2]);
    expect(connection.queries.map((q) => q.sql)).toEqual(["SELECT 'it''s', NULL, 2"]);
    expect(connection.queries[0].time).toMatch(/^\d+\.\d{3}$/);
    reset_queries();
    expect(connection.queries).toEqual([]);
    expect(last_executed_query("SELECT %s, '%%'", [true])).toBe("SELECT 1, '%'");
  });

  it("keeps its database file locked between statements (nothing else opens it), and still rolls back, exports and reopens", async () => {
    const driver = await SqlJsDriver.open();
    expect(driver.execute("PRAGMA locking_mode", []).rows).toEqual([["exclusive"]]);
    driver.execute("CREATE TABLE t (n integer)", []);
    driver.execute("BEGIN", []);
    driver.execute("INSERT INTO t VALUES (1), (2)", []);
    driver.execute("ROLLBACK", []);
    driver.execute("INSERT INTO t VALUES (3)", []);
    const copy = await SqlJsDriver.open(driver.export());
    driver.execute("INSERT INTO t VALUES (4)", []);
    expect([driver.execute("SELECT n FROM t", []).rows, copy.execute("SELECT n FROM t", []).rows]).toEqual([[[3], [4]], [[3]]]);
    expect(copy.execute("PRAGMA foreign_keys", []).rows).toEqual([[1]]);
    copy.close();
    driver.close();
  });

  it("runs a text it has seen again from its prepared statement, as sqlite3's statement cache does, with the same results", async () => {
    const driver = await SqlJsDriver.open();
    driver.execute("CREATE TABLE t (id integer PRIMARY KEY, name text)", []);
    driver.execute("INSERT INTO t (id, name) VALUES (?, ?), (?, ?)", [1, "a", 2, "b"]);
    const select = "SELECT * FROM t WHERE id >= ? ORDER BY id";
    expect([driver.execute(select, [1]).rows, driver.execute(select, [2]).rows]).toEqual([[[1, "a"], [2, "b"]], [[2, "b"]]]);
    // A wrong number of bindings, then the right one: the statement's bindings do not linger.
    expect(() => driver.execute(select, [])).toThrowError("Incorrect number of bindings supplied. The current statement uses 1, and there are 0 supplied.");
    expect(driver.execute(select, [2]).rows).toEqual([[2, "b"]]);
    // The schema changes under a kept statement: its next run sees the new column, names included.
    driver.execute("ALTER TABLE t ADD COLUMN extra integer DEFAULT 7", []);
    expect(driver.execute(select, [2])).toMatchObject({ columns: ["id", "name", "extra"], rows: [[2, "b", 7]] });
    // A kept statement holds no lock: a transaction commits, the table can be dropped.
    driver.execute("BEGIN", []);
    expect(driver.execute(select, [1]).rows.length).toBe(2);
    driver.execute("COMMIT", []);
    driver.execute("DROP TABLE t", []);
    expect(() => driver.execute(select, [1])).toThrowError("no such table: t");
    driver.close();
  });

  it("keeps at most 128 statements, and a SQL function running the same text meanwhile gets its own", async () => {
    const driver = await SqlJsDriver.open();
    driver.execute("CREATE TABLE n (v integer)", []);
    for (let i = 0; i < 300; i++) driver.execute(`INSERT INTO n (v) VALUES (${i})`, []);
    expect(driver.execute("SELECT count(*), sum(v) FROM n", []).rows).toEqual([[300, 44850]]);
    const inner = "SELECT v FROM n WHERE v < ? ORDER BY v";
    driver.create_function("inner_count", (limit) => driver.execute(inner, [limit]).rows.length);
    expect(driver.execute(inner, [3]).rows).toEqual([[0], [1], [2]]);
    const outer = driver.execute("SELECT v, inner_count(v) FROM n WHERE v IN (SELECT v FROM n WHERE v < ?) ORDER BY v", [3]);
    expect(outer.rows).toEqual([[0, 0], [1, 1], [2, 2]]);
    expect(driver.execute(inner, [2]).rows).toEqual([[0], [1]]);
    // The same text, run again from inside itself.
    const again = "SELECT again(?)";
    driver.create_function("again", (depth) => (Number(depth) > 0 ? Number(driver.execute(again, [Number(depth) - 1]).rows[0][0]) + 1 : 0));
    expect([driver.execute(again, [3]).rows, driver.execute(again, [2]).rows]).toEqual([[[3]], [[2]]]);
    driver.close();
  });

  it("connections['default'] is connection; an unknown alias raises ConnectionDoesNotExist", () => {
    expect(connections["default"]).toBe(connection);
    expect(() => connections.__getitem__("other")).toThrowError(new ConnectionDoesNotExist("The connection 'other' doesn't exist."));
  });
});
