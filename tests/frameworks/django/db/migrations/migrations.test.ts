import { beforeAll, describe, expect, it } from "vitest";
import { AutoField, CharField, IntegerField } from "../../../../../src/frameworks/django/db/models/fields";
import { ForeignKey } from "../../../../../src/frameworks/django/db/models/fields/related";
import { ModelState, ProjectState } from "../../../../../src/frameworks/django/db/migrations/state";
import { MigrationAutodetector, TopologicalSorter, type MigrationQuestioner } from "../../../../../src/frameworks/django/db/migrations/autodetector";
import { MigrationGraph } from "../../../../../src/frameworks/django/db/migrations/graph";
import { MigrationOptimizer } from "../../../../../src/frameworks/django/db/migrations/optimizer";
import { MigrationWriter } from "../../../../../src/frameworks/django/db/migrations/writer";
import type { Migration } from "../../../../../src/frameworks/django/db/migrations/migration";
import { AddField, CreateModel, RemoveField } from "../../../../../src/frameworks/django/db/migrations/operations";
import { sqlmigrate_text } from "../../../../../src/frameworks/django/core/management/commands/sqlmigrate";
import { sqlmigrate, migrate, showmigrations, makemigrations } from "../../../../../src/frameworks/django/core/management/commands";
import { connection } from "../../../../../src/frameworks/django/db";
import { SqlJsDriver, boot_sqlite } from "../../../../../src/runtime/sqlite";

function CASCADE() {}

const id = () => new AutoField({ primary_key: true, serialize: false }) as any;

function shop_state(extra: [string, any][] = [], title = "title"): ProjectState {
  return new ProjectState([
    new ModelState({ app_label: "shop", name: "Author", fields: [["id", id()], ["name", new CharField({ max_length: 100 }) as any]] }),
    new ModelState({
      app_label: "shop",
      name: "Book",
      fields: [["id", id()], [title, new CharField({ max_length: 200 }) as any], ["author", new ForeignKey("Author", { on_delete: CASCADE }) as any], ...extra],
    }),
  ]);
}

function detect(from: ProjectState, to: ProjectState, graph = new MigrationGraph(), questioner?: MigrationQuestioner): Migration[] {
  return new MigrationAutodetector(from, to, questioner).changes(graph).get("shop") ?? [];
}

function graph_with(...migrations: Migration[]): MigrationGraph {
  const graph = new MigrationGraph();
  for (const m of migrations) graph.add_node(m.key, m);
  for (const m of migrations) for (const d of m.dependencies) graph.add_dependency(String(m), m.key, d);
  return graph;
}

beforeAll(async () => {
  await boot_sqlite();
});

describe("makemigrations: the autodetector", () => {
  it("writes 0001_initial with relations folded in last, and its SQL like Django's sqlmigrate", () => {
    const [initial] = detect(new ProjectState(), shop_state());
    expect(initial.name).toBe("0001_initial");
    expect(initial.operations.map((op) => op.describe())).toEqual(["Create model Author", "Create model Book"]);
    expect(sqlmigrate_text(initial)).toBe(
      [
        "BEGIN;",
        "--",
        "-- Create model Author",
        "--",
        'CREATE TABLE "shop_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL);',
        "--",
        "-- Create model Book",
        "--",
        'CREATE TABLE "shop_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "author_id" integer NOT NULL REFERENCES "shop_author" ("id") DEFERRABLE INITIALLY DEFERRED);',
        'CREATE INDEX "shop_book_author_id_82b8ab51" ON "shop_book" ("author_id");',
        "COMMIT;",
        "",
      ].join("\n"),
    );
  });

  it("names the second migration after its operations and rebuilds the table for a NOT NULL column", () => {
    const [initial] = detect(new ProjectState(), shop_state());
    const extra: [string, any][] = [["isbn", new CharField({ max_length: 13, null: true })], ["pages", new IntegerField({ default: 1 })]];
    const [second] = detect(shop_state(), shop_state(extra), graph_with(initial));
    expect(second.name).toBe("0002_book_isbn_book_pages");
    expect(second.dependencies).toEqual([["shop", "0001_initial"]]);
    expect(sqlmigrate_text(second, { state: shop_state() })).toBe(
      [
        "BEGIN;",
        "--",
        "-- Add field isbn to book",
        "--",
        'ALTER TABLE "shop_book" ADD COLUMN "isbn" varchar(13) NULL;',
        "--",
        "-- Add field pages to book",
        "--",
        'CREATE TABLE "new__shop_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "author_id" integer NOT NULL REFERENCES "shop_author" ("id") DEFERRABLE INITIALLY DEFERRED, "isbn" varchar(13) NULL, "pages" integer NOT NULL);',
        'INSERT INTO "new__shop_book" ("id", "title", "author_id", "isbn", "pages") SELECT "id", "title", "author_id", "isbn", 1 FROM "shop_book";',
        'DROP TABLE "shop_book";',
        'ALTER TABLE "new__shop_book" RENAME TO "shop_book";',
        'CREATE INDEX "shop_book_author_id_82b8ab51" ON "shop_book" ("author_id");',
        "COMMIT;",
        "",
      ].join("\n"),
    );
  });

  it("refuses a NOT NULL field without default, as --noinput does", () => {
    expect(() => detect(shop_state(), shop_state([["pages", new IntegerField()]]))).toThrow(
      "It is impossible to add a non-nullable field 'pages' to book without specifying a default.",
    );
  });

  it("detects a rename only when the questioner agrees, and renames the column", () => {
    const yes: MigrationQuestioner = { ask_rename: () => true, ask_not_null_addition: () => null };
    const [renamed] = detect(shop_state(), shop_state([], "headline"), new MigrationGraph(), yes);
    expect(renamed.operations.map((op) => op.describe())).toEqual(["Rename field title on book to headline"]);
    expect(sqlmigrate_text(renamed, { state: shop_state() })).toContain('ALTER TABLE "shop_book" RENAME COLUMN "title" TO "headline";');
    // Without the answer it is a new NOT NULL field, which --noinput cannot add.
    expect(() => detect(shop_state(), shop_state([], "headline"))).toThrow("non-nullable field 'headline'");
  });
});

describe("the optimizer and graphlib order", () => {
  it("folds AddField into the CreateModel before it and drops an AddField removed later", () => {
    const ops = [
      new CreateModel({ name: "Tag", fields: [["id", id()]] }),
      new AddField({ model_name: "tag", name: "name", field: new CharField({ max_length: 50 }) as any }),
      new AddField({ model_name: "tag", name: "slug", field: new CharField({ max_length: 50 }) as any }),
      new RemoveField({ model_name: "tag", name: "slug" }),
    ];
    const result = new MigrationOptimizer().optimize(ops, "shop");
    expect(result).toHaveLength(1);
    expect((result[0] as CreateModel).fields.map(([n]) => n)).toEqual(["id", "name"]);
  });

  it("orders nodes as Python's graphlib static_order does (ready nodes in insertion order)", () => {
    const ts = new TopologicalSorter<string>();
    ts.add("c");
    ts.add("a", "c");
    ts.add("b");
    ts.add("d", "a", "b");
    expect(ts.static_order()).toEqual(["c", "b", "a", "d"]);
  });
});

describe("the writer", () => {
  it("writes a TypeScript migration file that mirrors Django's", () => {
    const [initial] = detect(new ProjectState(), shop_state());
    const writer = new MigrationWriter(initial);
    expect(writer.path).toBe("shop/migrations/0001_initial.ts");
    expect(writer.as_string(new Date(Date.UTC(2024, 2, 5, 14, 7)))).toBe(
      [
        "// Generated by Django 5.2.17 on 2024-03-05 14:07",
        "",
        'import { models } from "django/db";',
        'import * as migrations from "django/db/migrations";',
        "",
        "export class Migration extends migrations.Migration {",
        "  initial = true;",
        "",
        "  dependencies: [string, string][] = [];",
        "",
        "  operations = [",
        "    new migrations.CreateModel({",
        '      name: "Author",',
        "      fields: [",
        '        ["id", new models.AutoField({ primary_key: true, serialize: false })],',
        '        ["name", new models.CharField({ max_length: 100 })],',
        "      ],",
        "    }),",
        "    new migrations.CreateModel({",
        '      name: "Book",',
        "      fields: [",
        '        ["id", new models.AutoField({ primary_key: true, serialize: false })],',
        '        ["title", new models.CharField({ max_length: 200 })],',
        '        ["author", new models.ForeignKey("shop.author", { on_delete: models.CASCADE })],',
        "      ],",
        "    }),",
        "  ];",
        "}",
        "",
      ].join("\n"),
    );
  });
});

describe("migrate, showmigrations, sqlmigrate on sql.js", () => {
  it("applies the plan, records it in django_migrations and shows [X]", async () => {
    connection.close();
    connection.set_driver(await SqlJsDriver.open());
    const [initial] = detect(new ProjectState(), shop_state());
    const options = { migrations: [initial] };
    expect(showmigrations(options)).toBe("shop\n [ ] 0001_initial\n");
    expect(migrate(options).output).toBe("Operations to perform:\n  Apply all migrations: shop\nRunning migrations:\n  Applying shop.0001_initial... OK\n");
    expect(showmigrations(options)).toBe("shop\n [X] 0001_initial\n");
    expect(migrate(options).output).toContain("  No migrations to apply.");
    const cursor = connection.cursor();
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'shop_%' ORDER BY name");
    expect(cursor.fetchall()).toEqual([["shop_author"], ["shop_book"]]);
    cursor.execute("SELECT app, name FROM django_migrations");
    expect(cursor.fetchall()).toEqual([["shop", "0001_initial"]]);
    expect(sqlmigrate("shop", "0001", options)).toBe(sqlmigrate_text(initial));
  });

  it("makemigrations returns the files to write, or says nothing changed", () => {
    const result = makemigrations({ to_state: shop_state(), app_labels: ["shop"] });
    expect(result.files.map((f) => f.path)).toEqual(["shop/migrations/0001_initial.ts"]);
    expect(result.output).toBe("Migrations for 'shop':\n  shop/migrations/0001_initial.ts\n    + Create model Author\n    + Create model Book\n");
    const again = makemigrations({ to_state: shop_state(), app_labels: ["shop"], migrations: [result.files[0].migration] });
    expect(again.output).toBe("No changes detected in app 'shop'\n");
  });
});

describe("a later migration touching options, fields, unique_together, indexes and constraints", () => {
  it("matches Django's operations order, name and sqlmigrate text", async () => {
    const { IndexSpec, UniqueConstraintSpec, CheckConstraintSpec } = await import("../../../../../src/conformance/areas/orm_schema");
    const { Q } = await import("../../../../../src/frameworks/django/db/models/query_utils");
    const extra: [string, any][] = [["isbn", new CharField({ max_length: 13, null: true })], ["pages", new IntegerField({ default: 1 })]];
    const before = shop_state(extra);
    const after = new ProjectState([
      new ModelState({ app_label: "shop", name: "Author", fields: [["id", id()], ["name", new CharField({ max_length: 150 }) as any]], options: { ordering: ["name"] } }),
      new ModelState({
        app_label: "shop",
        name: "Book",
        fields: [["id", id()], ["title", new CharField({ max_length: 200 }) as any], ["author", new ForeignKey("Author", { on_delete: CASCADE }) as any], ...extra],
        options: {
          unique_together: [["title", "isbn"]],
          indexes: [new IndexSpec("book_title_idx", ["title"])],
          constraints: [new CheckConstraintSpec("pages_gte_0", new Q({ pages__gte: 0 })), new UniqueConstraintSpec("uniq_title_author", ["title", "author"])],
        },
      }),
      new ModelState({ app_label: "shop", name: "Tag", fields: [["id", id()], ["name", new CharField({ max_length: 20 }) as any]] }),
    ]);
    const [initial] = detect(new ProjectState(), shop_state());
    const [third] = detect(before, after, graph_with(initial));
    expect(third.name).toBe("0002_tag_alter_author_options_alter_author_name_and_more");
    const book = 'CREATE TABLE "new__shop_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "author_id" integer NOT NULL REFERENCES "shop_author" ("id") DEFERRABLE INITIALLY DEFERRED, "isbn" varchar(13) NULL, "pages" integer NOT NULL, CONSTRAINT "pages_gte_0" CHECK ("pages" >= 0)';
    const rebuild_tail = [
      'INSERT INTO "new__shop_book" ("id", "title", "author_id", "isbn", "pages") SELECT "id", "title", "author_id", "isbn", "pages" FROM "shop_book";',
      'DROP TABLE "shop_book";',
      'ALTER TABLE "new__shop_book" RENAME TO "shop_book";',
      'CREATE UNIQUE INDEX "shop_book_title_isbn_837e389d_uniq" ON "shop_book" ("title", "isbn");',
      'CREATE INDEX "shop_book_author_id_82b8ab51" ON "shop_book" ("author_id");',
      'CREATE INDEX "book_title_idx" ON "shop_book" ("title");',
    ];
    expect(sqlmigrate_text(third, { state: before }).split("\n")).toEqual([
      "BEGIN;",
      "--", "-- Create model Tag", "--",
      'CREATE TABLE "shop_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(20) NOT NULL);',
      "--", "-- Change Meta options on author", "--",
      "-- (no-op)",
      "--", "-- Alter field name on author", "--",
      'CREATE TABLE "new__shop_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL);',
      'INSERT INTO "new__shop_author" ("id", "name") SELECT "id", "name" FROM "shop_author";',
      'DROP TABLE "shop_author";',
      'ALTER TABLE "new__shop_author" RENAME TO "shop_author";',
      "--", "-- Alter unique_together for book (1 constraint(s))", "--",
      'CREATE UNIQUE INDEX "shop_book_title_isbn_837e389d_uniq" ON "shop_book" ("title", "isbn");',
      "--", "-- Create index book_title_idx on field(s) title of model book", "--",
      'CREATE INDEX "book_title_idx" ON "shop_book" ("title");',
      "--", "-- Create constraint pages_gte_0 on model book", "--",
      `${book});`,
      ...rebuild_tail,
      "--", "-- Create constraint uniq_title_author on model book", "--",
      `${book}, CONSTRAINT "uniq_title_author" UNIQUE ("title", "author_id"));`,
      ...rebuild_tail,
      "COMMIT;",
      "",
    ]);
  });
});

describe("deleting a model", () => {
  it("folds the removal of its relations into one DeleteModel, named delete_<model>", () => {
    const [initial] = detect(new ProjectState(), shop_state());
    const after = new ProjectState([shop_state().get_model_state("shop", "author")]);
    const [deletion] = detect(shop_state(), after, graph_with(initial));
    expect(deletion.name).toBe("0002_delete_book");
    expect(deletion.operations.map((op) => op.describe())).toEqual(["Delete model Book"]);
    expect(sqlmigrate_text(deletion, { state: shop_state() })).toBe('BEGIN;\n--\n-- Delete model Book\n--\nDROP TABLE "shop_book";\nCOMMIT;\n');
  });
});
