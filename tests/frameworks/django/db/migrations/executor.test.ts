import { beforeAll, describe, expect, it } from "vitest";
import { AutoField, CharField, IntegerField } from "../../../../../src/frameworks/django/db/models/fields";
import { ForeignKey } from "../../../../../src/frameworks/django/db/models/fields/related";
import { ModelState, ProjectState } from "../../../../../src/frameworks/django/db/migrations/state";
import { MigrationAutodetector } from "../../../../../src/frameworks/django/db/migrations/autodetector";
import { MigrationGraph } from "../../../../../src/frameworks/django/db/migrations/graph";
import { MigrationExecutor } from "../../../../../src/frameworks/django/db/migrations/executor";
import type { Migration } from "../../../../../src/frameworks/django/db/migrations/migration";
import { connection, IntegrityError } from "../../../../../src/frameworks/django/db";
import { SqlJsDriver, boot_sqlite } from "../../../../../src/runtime/sqlite";
import { Recorder, set_active_recorder } from "../../../../../src/trace";

function CASCADE() {}
const id = (): any => new AutoField({ primary_key: true, serialize: false });

function state(book_extra: [string, any][] = []): ProjectState {
  return new ProjectState([
    new ModelState({ app_label: "shop", name: "Author", fields: [["id", id()], ["name", new CharField({ max_length: 100 }) as any]] }),
    new ModelState({
      app_label: "shop",
      name: "Book",
      fields: [["id", id()], ["title", new CharField({ max_length: 200, null: true }) as any], ["author", new ForeignKey("Author", { on_delete: CASCADE }) as any], ...book_extra],
    }),
  ]);
}

function two_migrations(): Migration[] {
  const graph = new MigrationGraph();
  const [first] = new MigrationAutodetector(new ProjectState(), state()).changes(graph).get("shop")!;
  graph.add_node(first.key, first);
  const [second] = new MigrationAutodetector(state(), state([["pages", new IntegerField({ default: 10 })]])).changes(graph).get("shop")!;
  return [first, second];
}

function rows(sql: string): unknown[][] {
  const cursor = connection.cursor();
  cursor.execute(sql);
  return cursor.fetchall();
}

beforeAll(async () => {
  await boot_sqlite();
});

describe("MigrationExecutor", () => {
  it("migrates step by step: the table rebuild keeps the rows and the foreign keys", async () => {
    connection.close();
    connection.set_driver(await SqlJsDriver.open());
    const [first, second] = two_migrations();
    new MigrationExecutor(connection, { migrations: [first, second] }).migrate([first.key]);
    rows("INSERT INTO shop_author (name) VALUES ('Ann')");
    rows("INSERT INTO shop_book (title, author_id) VALUES ('Emma', 1), (NULL, 1)");
    const executor = new MigrationExecutor(connection, { migrations: [first, second] });
    expect(executor.migration_plan().map(([m]) => String(m))).toEqual(["shop.0002_book_pages"]);
    executor.migrate();
    expect(rows("SELECT id, title, author_id, pages FROM shop_book ORDER BY id")).toEqual([
      [1, "Emma", 1, 10],
      [2, null, 1, 10],
    ]);
    expect(rows("PRAGMA foreign_key_list(shop_book)").map((r) => r[2])).toEqual(["shop_author"]);
    expect(rows("SELECT name FROM django_migrations ORDER BY id")).toEqual([["0001_initial"], ["0002_book_pages"]]);
    expect(rows("PRAGMA foreign_keys")).toEqual([[1]]);
  });

  it("traces each migration, each operation and each statement", async () => {
    connection.close();
    connection.set_driver(await SqlJsDriver.open());
    const [first] = two_migrations();
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      new MigrationExecutor(connection, { migrations: [first] }).migrate();
    } finally {
      set_active_recorder(previous);
    }
    const names = recorder.trace().spans.map((s) => s.name);
    expect(names).toContain("Applying shop.0001_initial");
    expect(names).toContain("CreateModel: Create model Book");
    expect(names.some((n) => n.startsWith('CREATE TABLE "shop_book"'))).toBe(true);
    expect(names.some((n) => n.startsWith('CREATE INDEX "shop_book_author_id_'))).toBe(true);
  });

  it("rolls the migration back when a row is left pointing nowhere", async () => {
    connection.close();
    connection.set_driver(await SqlJsDriver.open());
    const [first, second] = two_migrations();
    new MigrationExecutor(connection, { migrations: [first] }).migrate();
    rows("PRAGMA foreign_keys = OFF");
    rows("INSERT INTO shop_book (title, author_id) VALUES ('Orphan', 99)");
    rows("PRAGMA foreign_keys = ON");
    expect(() => new MigrationExecutor(connection, { migrations: [first, second] }).migrate()).toThrowError(
      new IntegrityError("The row in table 'shop_book' with primary key '1' has an invalid foreign key: shop_book.author_id contains a value '99' that does not have a corresponding value in shop_author.id."),
    );
    expect(rows("SELECT name FROM django_migrations ORDER BY id")).toEqual([["0001_initial"]]);
    expect(rows("SELECT COUNT(*) FROM pragma_table_info('shop_book') WHERE name = 'pages'")).toEqual([[0]]);
  });
});

describe("migrate backwards", () => {
  // Going backwards, Django 5.2.17 first renders the states ("Rendering model states... DONE"), as its manage.py migrate prints.
  it("unapplies the migrations after a target, then everything with zero", async () => {
    const { migrate, showmigrations } = await import("../../../../../src/frameworks/django/core/management/commands");
    connection.close();
    connection.set_driver(await SqlJsDriver.open());
    const options = { migrations: two_migrations() };
    migrate(options);
    rows("INSERT INTO shop_author (name) VALUES ('Ann')");
    rows("INSERT INTO shop_book (title, author_id, pages) VALUES ('Emma', 1, 3)");
    expect(migrate({ ...options, app_label: "shop", migration_name: "0001" }).output).toBe(
      "Operations to perform:\n  Target specific migration: 0001_initial, from shop\nRunning migrations:\n  Rendering model states... DONE\n  Unapplying shop.0002_book_pages... OK\n",
    );
    expect(rows("SELECT * FROM shop_book")).toEqual([[1, "Emma", 1]]);
    expect(showmigrations(options)).toBe("shop\n [X] 0001_initial\n [ ] 0002_book_pages\n");
    expect(migrate({ ...options, app_label: "shop", migration_name: "zero" }).output).toBe(
      "Operations to perform:\n  Unapply all migrations: shop\nRunning migrations:\n  Rendering model states... DONE\n  Unapplying shop.0001_initial... OK\n",
    );
    expect(rows("SELECT name FROM sqlite_master WHERE name LIKE 'shop_%'")).toEqual([]);
    expect(migrate(options).applied).toEqual(["shop.0001_initial", "shop.0002_book_pages"]);
  });
});
