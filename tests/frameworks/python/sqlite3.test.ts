/**
 * Python's sqlite3 over the project's database (real sql.js): every expected value below was
 * printed by CPython 3.11's sqlite3 running the same statements.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { SqlJsDriver } from "../../../src/runtime/sqlite";
import * as sqlite3 from "../../../src/frameworks/python/sqlite3";
import { date, datetime } from "../../../src/frameworks/python/datetime";

function error_of(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (e) {
    return [(e as Error).constructor.name, (e as Error).message];
  }
  return ["no error", ""];
}

describe("sqlite3 (the Flask tutorial's database layer)", () => {
  beforeEach(async () => sqlite3._attach_database(await SqlJsDriver.open(null)));

  function setup(): sqlite3.Connection {
    const db = sqlite3.connect("instance/flaskr.sqlite", { detect_types: sqlite3.PARSE_DECLTYPES });
    db.row_factory = sqlite3.Row;
    db.executescript(`
CREATE TABLE user (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL, created TIMESTAMP NOT NULL DEFAULT '2024-05-06 07:08:09', born DATE);
-- a comment; with a semicolon
INSERT INTO user (username, born) VALUES ('a;b', '2000-01-02');
`);
    return db;
  }

  it("an INSERT opens a transaction; lastrowid and rowcount; commit closes it", () => {
    const db = setup();
    const c = db.execute("INSERT INTO user (username) VALUES (?)", ["bob"]);
    expect([c.lastrowid, c.rowcount, db.in_transaction]).toEqual([2, 1, true]);
    db.commit();
    expect(db.in_transaction).toBe(false);
  });

  it("a constraint failure is the connection's IntegrityError, with SQLite's message", () => {
    const db = setup();
    db.execute("INSERT INTO user (username) VALUES (?)", ["bob"]);
    let caught: unknown = null;
    try {
      db.execute("INSERT INTO user (username) VALUES (?)", ["bob"]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(db.IntegrityError);
    expect(caught).toBeInstanceOf(sqlite3.DatabaseError);
    expect((caught as Error).message).toBe("UNIQUE constraint failed: user.username");
  });

  it("Row by name (any case) and index, keys(); PARSE_DECLTYPES turns TIMESTAMP and DATE columns into datetime and date", () => {
    const db = setup();
    const row = db.execute("SELECT * FROM user WHERE username = :name", { name: "a;b" }).fetchone() as sqlite3.Row & Record<string, unknown>;
    expect([row.__getitem__("username"), row.__getitem__("USERNAME"), row.__getitem__(1), row.keys(), row.length]).toEqual(["a;b", "a;b", "a;b", ["id", "username", "created", "born"], 4]);
    expect(row.__getitem__("created")).toEqual(new datetime(2024, 5, 6, 7, 8, 9));
    expect(row.__getitem__("born")).toEqual(new date(2000, 1, 2));
    expect(row["username"]).toBe("a;b");
    expect(db.execute("SELECT * FROM user WHERE id = ?", [99]).fetchone()).toBe(null);
    expect(error_of(() => row.__getitem__("nope"))).toEqual(["IndexError", "No item with that key"]);
  });

  it("closing without commit rolls back what the transaction wrote", () => {
    const db = setup();
    db.execute("INSERT INTO user (username) VALUES (?)", ["bob"]);
    db.commit();
    db.execute("UPDATE user SET username = 'zed' WHERE id = 2");
    db.close();
    const db2 = sqlite3.connect("instance/flaskr.sqlite");
    expect(db2.execute("SELECT username FROM user ORDER BY id").fetchall()).toEqual([["a;b"], ["bob"]]);
    expect(db2.execute("UPDATE user SET username = username || '!'").rowcount).toBe(2);
  });

  it("errors as sqlite3 words them", () => {
    const db = setup();
    expect(error_of(() => db.execute("SELECT ?", [{}]))).toEqual(["ProgrammingError", "Error binding parameter 1: type 'dict' is not supported"]);
    expect(error_of(() => db.execute("SELECT 1; SELECT 2"))).toEqual(["ProgrammingError", "You can only execute one statement at a time."]);
    expect(error_of(() => db.execute("SELECT ?", [1, 2]))).toEqual(["ProgrammingError", "Incorrect number of bindings supplied. The current statement uses 1, and there are 2 supplied."]);
    db.close();
    expect(error_of(() => db.execute("SELECT 1"))).toEqual(["ProgrammingError", "Cannot operate on a closed database."]);
  });

  it("a script is split into statements outside strings and comments", () => {
    expect(sqlite3.split_statements("CREATE TABLE t (a TEXT DEFAULT ';');\n-- x; y\nINSERT INTO t VALUES ('a;b'); /* ; */ ;")).toEqual(["CREATE TABLE t (a TEXT DEFAULT ';');", "\n-- x; y\nINSERT INTO t VALUES ('a;b');"]);
  });

  it("the next project's database: connections of the previous one are closed", async () => {
    const db = setup();
    sqlite3._attach_database(await SqlJsDriver.open(null));
    expect(error_of(() => db.execute("SELECT 1"))).toEqual(["ProgrammingError", "Cannot operate on a closed database."]);
    expect(error_of(() => sqlite3.connect("x").execute("SELECT * FROM user"))).toEqual(["OperationalError", "no such table: user"]);
  });
});
