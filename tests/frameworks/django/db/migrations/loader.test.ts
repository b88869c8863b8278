import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { FRAMEWORK_MODULES } from "../../../../../src/modes";
import { load } from "../../../../../src/runtime/loader";
import * as db from "../../../../../src/frameworks/django/db";
import * as fields from "../../../../../src/frameworks/django/db/models/fields";
import * as related from "../../../../../src/frameworks/django/db/models/fields/related";
import * as migrations from "../../../../../src/frameworks/django/db/migrations";
import { create_model } from "../../../../../src/frameworks/django/db/models/base";
import { MigrationLoader, set_migration_module_lister } from "../../../../../src/frameworks/django/db/migrations/loader";
import { makemigrations, migrate, showmigrations, sqlmigrate } from "../../../../../src/frameworks/django/core/management/commands";
import { sqlmigrate_text } from "../../../../../src/frameworks/django/core/management/commands/sqlmigrate";
import { SqlJsDriver, boot_sqlite } from "../../../../../src/runtime/sqlite";

function CASCADE() {}

/** The modules a migration file imports: `django/db` with `models`, and `django/db/migrations`. */
const framework_modules = {
  ...(FRAMEWORK_MODULES as unknown as Record<string, Record<string, unknown>>),
  "django/db": { ...db, models: { ...fields, ...related, CASCADE } },
  "django/db/migrations": migrations,
};

function project_models() {
  const Author = create_model("Author", { app_label: "shop", fields: { name: new fields.CharField({ max_length: 50 }) } });
  const Tag = create_model("Tag", { app_label: "shop", fields: { name: new fields.SlugField({ unique: true }) } });
  const Book = create_model("Book", {
    app_label: "shop",
    fields: {
      title: new fields.CharField({ max_length: 50 }),
      author: new related.ForeignKey(Author as any, { on_delete: CASCADE }),
      tags: new related.ManyToManyField("Tag", { blank: true }),
    },
    Meta: { ordering: ["title"] },
  });
  const models = [Author, Tag, Book];
  for (const m of models) void (m as any)._meta;
  return { get_models: () => models as any[] };
}

beforeAll(async () => {
  await boot_sqlite();
});

afterEach(() => set_migration_module_lister(() => []));

describe("migration files round-trip through the module loader", () => {
  it("imports the file makemigrations wrote, and it builds the same SQL", async () => {
    const made = makemigrations({ apps: project_models(), now: new Date(Date.UTC(2024, 0, 1)) });
    const [file] = made.files;
    expect(file.path).toBe("shop/migrations/0001_initial.ts");
    load({ [file.path]: file.contents }, { framework_modules });
    set_migration_module_lister((app) => (app === "shop" ? ["0001_initial"] : []));
    const loader = new MigrationLoader(null, { app_labels: ["shop"] });
    const loaded = loader.get_migration("shop", "0001_initial");
    expect(loaded.initial).toBe(true);
    expect(loaded.operations.map((op) => op.describe())).toEqual(["Create model Author", "Create model Tag", "Create model Book"]);
    db.connection.close();
    db.connection.set_driver(await SqlJsDriver.open());
    expect(sqlmigrate("shop", "0001", { connection: db.connection })).toBe(sqlmigrate_text(file.migration));
    expect(migrate({ app_labels: ["shop"] }).applied).toEqual(["shop.0001_initial"]);
    expect(showmigrations({ app_labels: ["shop"] })).toBe("shop\n [X] 0001_initial\n");
    expect(makemigrations({ apps: project_models(), app_labels: ["shop"] }).output).toBe("No changes detected in app 'shop'\n");
  });
});
