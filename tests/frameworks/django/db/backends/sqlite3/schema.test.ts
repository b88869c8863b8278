import { beforeAll, describe, expect, it } from "vitest";
import { AutoField, CharField, IntegerField } from "../../../../../../src/frameworks/django/db/models/fields";
import { ForeignKey } from "../../../../../../src/frameworks/django/db/models/fields/related";
import { Q } from "../../../../../../src/frameworks/django/db/models/query_utils";
import { ModelState, ProjectState } from "../../../../../../src/frameworks/django/db/migrations/state";
import { DatabaseSchemaEditor } from "../../../../../../src/frameworks/django/db/backends/sqlite3/schema";
import { connection } from "../../../../../../src/frameworks/django/db";
import { SqlJsDriver, boot_sqlite } from "../../../../../../src/runtime/sqlite";

function CASCADE() {}

function state(book_fields: [string, any][] = [], options: Record<string, unknown> = {}): ProjectState {
  return new ProjectState([
    new ModelState({ app_label: "shop", name: "Author", fields: [["id", new AutoField({ primary_key: true }) as any]] }),
    new ModelState({
      app_label: "shop",
      name: "Book",
      fields: [["id", new AutoField({ primary_key: true }) as any], ["title", new CharField({ max_length: 20, null: true }) as any], ...book_fields],
      options,
    }),
  ]);
}

function collect(run: (editor: DatabaseSchemaEditor) => void): string[] {
  const editor = new DatabaseSchemaEditor(connection, { collect_sql: true }).__enter__();
  run(editor);
  editor.__exit__();
  return editor.collected_sql;
}

beforeAll(async () => {
  await boot_sqlite();
});

describe("sqlite3 DatabaseSchemaEditor", () => {
  const editor = new DatabaseSchemaEditor(connection, { collect_sql: true });

  it("names indexes as Django does: MD5 digest of table and columns, shortened and never starting with _", () => {
    expect(editor._create_index_name("library_book", ["author_id"])).toBe("library_book_author_id_d9a3b67e");
    expect(editor._create_index_name("library_book", ["book_id", "reviewer"], "_uniq")).toBe("library_book_book_id_reviewer_8534a9a4_uniq");
    expect(editor._create_index_name("x".repeat(150), ["y".repeat(100)], "_uniq")).toBe(`${"x".repeat(92)}_${"y".repeat(92)}_d9efd369_uniq`);
    expect(editor._create_index_name("_t", ["c".repeat(250)])).toBe(`D_t_${"c".repeat(95)}_fbece5e`);
  });

  it("drops a plain column with DROP COLUMN but rebuilds the table to drop a ForeignKey", () => {
    const s = state([["author", new ForeignKey("Author", { on_delete: CASCADE })]]);
    const book = s.apps.get_model("shop", "Book");
    expect(collect((e) => e.remove_field(book, book._meta.get_field("title")))).toEqual(['ALTER TABLE "shop_book" DROP COLUMN "title";']);
    expect(collect((e) => e.remove_field(book, book._meta.get_field("author")))).toEqual([
      'CREATE TABLE "new__shop_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(20) NULL);',
      'INSERT INTO "new__shop_book" ("id", "title") SELECT "id", "title" FROM "shop_book";',
      'DROP TABLE "shop_book";',
      'ALTER TABLE "new__shop_book" RENAME TO "shop_book";',
    ]);
  });

  it("makes a nullable column NOT NULL through coalesce(old, default) in the copy", () => {
    const before = state();
    const after = state();
    after.alter_field("shop", "book", "title", new CharField({ max_length: 20, default: "untitled" }) as any);
    const book = before.apps.get_model("shop", "Book");
    expect(collect((e) => e.alter_field(book, book._meta.get_field("title"), after.apps.get_model("shop", "Book")._meta.get_field("title")))[1]).toBe(
      `INSERT INTO "new__shop_book" ("id", "title") SELECT "id", coalesce("title", 'untitled') FROM "shop_book";`,
    );
  });

  it("writes a CheckConstraint's Q as SQL on bare columns", () => {
    const s = state([["pages", new IntegerField({ default: 0 })]], {
      constraints: [{ name: "pages_range", condition: new Q({ pages__gte: 0, pages__lt: 5000 }) }],
    });
    expect(editor.table_sql(s.apps.get_model("shop", "Book"))[0]).toBe(
      'CREATE TABLE "shop_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(20) NULL, "pages" integer NOT NULL, CONSTRAINT "pages_range" CHECK (("pages" >= 0 AND "pages" < 5000)))',
    );
  });

  it("keeps the rows when it rebuilds a real table on sql.js", async () => {
    connection.close();
    connection.set_driver(await SqlJsDriver.open());
    const before = state();
    const run = new DatabaseSchemaEditor(connection).__enter__();
    run.create_model(before.apps.get_model("shop", "Book"));
    run.__exit__();
    const cursor = connection.cursor();
    cursor.execute("INSERT INTO shop_book (title) VALUES ('Emma'), (NULL)");
    const after = state([["pages", new IntegerField({ default: 7 })]]);
    const add = new DatabaseSchemaEditor(connection).__enter__();
    add.add_field(before.apps.get_model("shop", "Book"), after.apps.get_model("shop", "Book")._meta.get_field("pages"));
    add.__exit__();
    cursor.execute("SELECT id, title, pages FROM shop_book ORDER BY id");
    expect(cursor.fetchall()).toEqual([
      [1, "Emma", 7],
      [2, null, 7],
    ]);
    cursor.execute("PRAGMA foreign_keys");
    expect(cursor.fetchone()).toEqual([1]);
  });
});
