import { describe, expect, it } from "vitest";
import initSqlJs from "sql.js";
import { checkSqliteFile, databaseFileName } from "../../../src/ui/share/database-file";

describe("database files: what an upload must be before the runtime gets it", () => {
  it("accepts a database SQLite wrote", async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)");
    expect(checkSqliteFile(db.export())).toBeNull();
  });

  it("refuses other files with the reason", () => {
    expect(checkSqliteFile(new TextEncoder().encode("x".repeat(200)))).toBe('it is not a SQLite database (it does not start with "SQLite format 3")');
    expect(checkSqliteFile(new Uint8Array(10))).toBe("it is too short to be a SQLite database (a SQLite file starts with a 100-byte header)");
    const header = new Uint8Array(5000);
    header.set(new TextEncoder().encode("SQLite format 3\u0000"));
    header[16] = 0x10;
    expect(checkSqliteFile(header)).toBe("it is 5000 bytes, not a whole number of 4096-byte pages (a cut-off download?)");
    header[16] = 0x03;
    expect(checkSqliteFile(header)).toBe("its header gives a page size of 768, which SQLite never writes");
  });

  it("names the file after the scenario", () => {
    expect(databaseFileName("Blog: posts & authors")).toBe("blog-posts-authors.sqlite");
    expect(databaseFileName("!!!")).toBe("framework-lab.sqlite");
  });
});
