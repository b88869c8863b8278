import { beforeAll, describe, expect, it } from "vitest";
import { settings } from "../../../../../src/frameworks/django/conf";
import { connection } from "../../../../../src/frameworks/django/db";
import { sqlmigrate_text } from "../../../../../src/frameworks/django/core/management/commands/sqlmigrate";
import { Migration } from "../../../../../src/frameworks/django/contrib/contenttypes/migrations/0001_initial";
import { ContentType } from "../../../../../src/frameworks/django/contrib/contenttypes/models";
import { Session } from "../../../../../src/frameworks/django/contrib/sessions/models";
import { SqlJsDriver, boot_sqlite } from "../../../../../src/runtime/sqlite";

const SQL_0001 = `BEGIN;
--
-- Create model ContentType
--
CREATE TABLE "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);
--
-- Alter unique_together for contenttype (1 constraint(s))
--
CREATE UNIQUE INDEX "django_content_type_app_label_model_76bd3d3b_uniq" ON "django_content_type" ("app_label", "model");
COMMIT;
`;

beforeAll(async () => {
  await boot_sqlite();
  settings.configure({ SECRET_KEY: "k" });
  connection.set_driver(await SqlJsDriver.open());
  connection.cursor().execute('CREATE TABLE "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL)', null);
});

describe("django.contrib.contenttypes", () => {
  it("0001_initial is Django's sqlmigrate, byte for byte", () => {
    expect(sqlmigrate_text(new Migration("0001_initial", "contenttypes"))).toBe(SQL_0001);
  });

  it("get_for_model creates the row once, then answers from the cache", () => {
    const manager = (ContentType as any)._default_manager;
    const ct = manager.get_for_model(Session);
    expect([ct.app_label, ct.model]).toEqual(["sessions", "session"]);
    expect(manager.get_for_model(Session)).toBe(ct);
    expect(manager.count()).toBe(1);
    expect(manager.get_for_id(ct.pk)).toBe(ct);
    expect(ct.natural_key()).toEqual(["sessions", "session"]);
  });
});
