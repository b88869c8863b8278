import { describe, expect, it } from "vitest";
import { AutoField, CharField, IntegerField, TextField } from "../../../../../src/frameworks/django/db/models/fields";
import { ForeignKey, ManyToManyField } from "../../../../../src/frameworks/django/db/models/fields/related";
import { Q } from "../../../../../src/frameworks/django/db/models/query_utils";
import { ModelState, ProjectState } from "../../../../../src/frameworks/django/db/migrations/state";
import { MigrationAutodetector } from "../../../../../src/frameworks/django/db/migrations/autodetector";
import { MigrationGraph } from "../../../../../src/frameworks/django/db/migrations/graph";
import { sqlmigrate_text } from "../../../../../src/frameworks/django/core/management/commands/sqlmigrate";
import { CheckConstraintSpec, IndexSpec, UniqueConstraintSpec } from "../../../../../src/conformance/areas/orm_schema";

function CASCADE() {}
function SET_NULL() {}

const id = (): any => new AutoField({ primary_key: true, serialize: false });
const simple = (name: string, max_length: number) => new ModelState({ app_label: "lab2", name, fields: [["id", id()], ["name", new CharField({ max_length }) as any]] });

/** Recorded from Django 5.2.17: `sqlmigrate lab2 0002` after `migrate lab2 0001`. */
const DJANGO_SQLMIGRATE = "BEGIN;\n--\n-- Remove constraint stock_gte_0 from model book\n--\nCREATE TABLE \"new__lab2_book\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"title\" varchar(200) NULL, \"code\" varchar(10) NOT NULL, \"note\" text NOT NULL, \"stock\" integer NOT NULL, \"owner_id\" integer NOT NULL REFERENCES \"lab2_author\" (\"id\") DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO \"new__lab2_book\" (\"id\", \"title\", \"code\", \"note\", \"stock\", \"owner_id\") SELECT \"id\", \"title\", \"code\", \"note\", \"stock\", \"owner_id\" FROM \"lab2_book\";\nDROP TABLE \"lab2_book\";\nALTER TABLE \"new__lab2_book\" RENAME TO \"lab2_book\";\nCREATE UNIQUE INDEX \"lab2_book_title_code_b6175520_uniq\" ON \"lab2_book\" (\"title\", \"code\");\nCREATE INDEX \"lab2_book_owner_id_3bff74fc\" ON \"lab2_book\" (\"owner_id\");\nCREATE INDEX \"book_code_idx\" ON \"lab2_book\" (\"code\");\n--\n-- Remove index book_code_idx from book\n--\nDROP INDEX \"book_code_idx\";\n--\n-- Alter unique_together for book (0 constraint(s))\n--\nDROP INDEX \"lab2_book_title_code_b6175520_uniq\";\n--\n-- Add field editor to book\n--\nALTER TABLE \"lab2_book\" ADD COLUMN \"editor_id\" integer NULL REFERENCES \"lab2_author\" (\"id\") DEFERRABLE INITIALLY DEFERRED;\n--\n-- Add field isbn to book\n--\nCREATE TABLE \"new__lab2_book\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"title\" varchar(200) NULL, \"code\" varchar(10) NOT NULL, \"note\" text NOT NULL, \"stock\" integer NOT NULL, \"owner_id\" integer NOT NULL REFERENCES \"lab2_author\" (\"id\") DEFERRABLE INITIALLY DEFERRED, \"editor_id\" integer NULL REFERENCES \"lab2_author\" (\"id\") DEFERRABLE INITIALLY DEFERRED, \"isbn\" varchar(13) NULL UNIQUE);\nINSERT INTO \"new__lab2_book\" (\"id\", \"title\", \"code\", \"note\", \"stock\", \"owner_id\", \"editor_id\", \"isbn\") SELECT \"id\", \"title\", \"code\", \"note\", \"stock\", \"owner_id\", \"editor_id\", NULL FROM \"lab2_book\";\nDROP TABLE \"lab2_book\";\nALTER TABLE \"new__lab2_book\" RENAME TO \"lab2_book\";\nCREATE INDEX \"lab2_book_owner_id_3bff74fc\" ON \"lab2_book\" (\"owner_id\");\nCREATE INDEX \"lab2_book_editor_id_0a4cf5d8\" ON \"lab2_book\" (\"editor_id\");\n--\n-- Add field tags to book\n--\nCREATE TABLE \"lab2_book_tags\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"book_id\" integer NOT NULL REFERENCES \"lab2_book\" (\"id\") DEFERRABLE INITIALLY DEFERRED, \"tag_id\" integer NOT NULL REFERENCES \"lab2_tag\" (\"id\") DEFERRABLE INITIALLY DEFERRED);\n--\n-- Alter field code on book\n--\n-- (no-op)\n--\n-- Alter field title on book\n--\nCREATE TABLE \"new__lab2_book\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"code\" varchar(10) NOT NULL, \"note\" text NOT NULL, \"stock\" integer NOT NULL, \"owner_id\" integer NOT NULL REFERENCES \"lab2_author\" (\"id\") DEFERRABLE INITIALLY DEFERRED, \"editor_id\" integer NULL REFERENCES \"lab2_author\" (\"id\") DEFERRABLE INITIALLY DEFERRED, \"isbn\" varchar(13) NULL UNIQUE, \"title\" varchar(200) NOT NULL);\nINSERT INTO \"new__lab2_book\" (\"id\", \"code\", \"note\", \"stock\", \"owner_id\", \"editor_id\", \"isbn\", \"title\") SELECT \"id\", \"code\", \"note\", \"stock\", \"owner_id\", \"editor_id\", \"isbn\", coalesce(\"title\", 'untitled') FROM \"lab2_book\";\nDROP TABLE \"lab2_book\";\nALTER TABLE \"new__lab2_book\" RENAME TO \"lab2_book\";\nCREATE UNIQUE INDEX \"lab2_book_tags_book_id_tag_id_9ae71977_uniq\" ON \"lab2_book_tags\" (\"book_id\", \"tag_id\");\nCREATE INDEX \"lab2_book_tags_book_id_6fe52961\" ON \"lab2_book_tags\" (\"book_id\");\nCREATE INDEX \"lab2_book_tags_tag_id_238f8fa6\" ON \"lab2_book_tags\" (\"tag_id\");\nCREATE INDEX \"lab2_book_owner_id_3bff74fc\" ON \"lab2_book\" (\"owner_id\");\nCREATE INDEX \"lab2_book_editor_id_0a4cf5d8\" ON \"lab2_book\" (\"editor_id\");\n--\n-- Create constraint code_in_stock on model book\n--\nCREATE UNIQUE INDEX \"code_in_stock\" ON \"lab2_book\" (\"code\") WHERE \"stock\" > 0;\n--\n-- Remove field note from book\n--\nALTER TABLE \"lab2_book\" DROP COLUMN \"note\";\n--\n-- Remove field old_tags from book\n--\nDROP TABLE \"lab2_book_old_tags\";\nCOMMIT;\n";

const v1 = new ProjectState([
  simple("Author", 100),
  simple("Tag", 20),
  new ModelState({
    app_label: "lab2",
    name: "Book",
    fields: [
      ["id", id()],
      ["title", new CharField({ max_length: 200, null: true }) as any],
      ["code", new CharField({ max_length: 10 }) as any],
      ["note", new TextField({ blank: true }) as any],
      ["stock", new IntegerField({ default: 0 }) as any],
      ["owner", new ForeignKey("Author", { on_delete: CASCADE, related_name: "owned" }) as any],
      ["old_tags", new ManyToManyField("Tag", { related_name: "old_books" }) as any],
    ],
    options: {
      unique_together: [["title", "code"]],
      indexes: [new IndexSpec("book_code_idx", ["code"])],
      constraints: [new CheckConstraintSpec("stock_gte_0", new Q({ stock__gte: 0 }))],
    },
  }),
]);

const v2 = new ProjectState([
  simple("Author", 100),
  simple("Tag", 20),
  new ModelState({
    app_label: "lab2",
    name: "Book",
    fields: [
      ["id", id()],
      ["title", new CharField({ max_length: 200, default: "untitled" }) as any],
      ["code", new CharField({ max_length: 10, verbose_name: "the code" }) as any],
      ["owner", new ForeignKey("Author", { on_delete: CASCADE, related_name: "owned" }) as any],
      ["stock", new IntegerField({ default: 0 }) as any],
      ["editor", new ForeignKey("Author", { on_delete: SET_NULL, null: true, related_name: "edited" }) as any],
      ["isbn", new CharField({ max_length: 13, unique: true, null: true }) as any],
      ["tags", new ManyToManyField("Tag", {}) as any],
    ],
    options: { constraints: [new UniqueConstraintSpec("code_in_stock", ["code"], new Q({ stock__gt: 0 }))] },
  }),
]);

describe("a second migration with every kind of change (Django's lab2 scenario)", () => {
  it("generates Django's operations in Django's order, and the same SQL", () => {
    const graph = new MigrationGraph();
    const [initial] = new MigrationAutodetector(new ProjectState(), v1).changes(graph).get("lab2")!;
    graph.add_node(initial.key, initial);
    const [second] = new MigrationAutodetector(v1, v2).changes(graph).get("lab2")!;
    expect(second.name).toBe("0002_remove_book_stock_gte_0_remove_book_book_code_idx_and_more");
    expect(second.operations.map((op) => op.describe())).toEqual([
      "Remove constraint stock_gte_0 from model book",
      "Remove index book_code_idx from book",
      "Alter unique_together for book (0 constraint(s))",
      "Add field editor to book",
      "Add field isbn to book",
      "Add field tags to book",
      "Alter field code on book",
      "Alter field title on book",
      "Create constraint code_in_stock on model book",
      "Remove field note from book",
      "Remove field old_tags from book",
    ]);
    expect(sqlmigrate_text(second, { state: v1 }).split("\n")).toEqual(DJANGO_SQLMIGRATE.split("\n"));
  });
});
