import { beforeAll, describe, expect, it } from "vitest";
import "../../../../../src/frameworks/django/db/models";
import { settings } from "../../../../../src/frameworks/django/conf";
import { connection } from "../../../../../src/frameworks/django/db";
import { ProjectState } from "../../../../../src/frameworks/django/db/migrations/state";
import { sqlmigrate_text } from "../../../../../src/frameworks/django/core/management/commands/sqlmigrate";
import { Migration as ContentTypes0001 } from "../../../../../src/frameworks/django/contrib/contenttypes/migrations/0001_initial";
import { Migration as Auth0001 } from "../../../../../src/frameworks/django/contrib/auth/migrations/0001_initial";
import { Migration as Admin0001 } from "../../../../../src/frameworks/django/contrib/admin/migrations/0001_initial";
import { Migration as Admin0002 } from "../../../../../src/frameworks/django/contrib/admin/migrations/0002_logentry_remove_auto_add";
import { Migration as Admin0003 } from "../../../../../src/frameworks/django/contrib/admin/migrations/0003_logentry_add_action_flag_choices";
import { SqlJsDriver, boot_sqlite } from "../../../../../src/runtime/sqlite";

// `sqlmigrate admin 0001` / `0002` / `0003` from Django 5.2.17.
const SQL_0001 = `BEGIN;
--
-- Create model LogEntry
--
CREATE TABLE "django_admin_log" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "action_time" datetime NOT NULL, "object_id" text NULL, "object_repr" varchar(200) NOT NULL, "action_flag" smallint unsigned NOT NULL CHECK ("action_flag" >= 0), "change_message" text NOT NULL, "content_type_id" integer NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "django_admin_log_content_type_id_c4bce8eb" ON "django_admin_log" ("content_type_id");
CREATE INDEX "django_admin_log_user_id_c564eba6" ON "django_admin_log" ("user_id");
COMMIT;
`;
const SQL_0003 = `BEGIN;
--
-- Alter field action_flag on logentry
--
-- (no-op)
COMMIT;
`;

beforeAll(async () => {
  await boot_sqlite();
  settings.configure({ USE_TZ: true, TIME_ZONE: "UTC" });
  connection.set_driver(await SqlJsDriver.open());
});

describe("django.contrib.admin migrations", () => {
  it("0001_initial creates django_admin_log exactly as Django's sqlmigrate prints it", () => {
    let state = new ProjectState();
    for (const m of [new ContentTypes0001("0001_initial", "contenttypes"), new Auth0001("0001_initial", "auth")]) state = m.mutate_state(state, false);
    const migration = new Admin0001("0001_initial", "admin");
    expect(migration.dependencies).toEqual([
      ["auth", "__first__"],
      ["contenttypes", "__first__"],
    ]);
    expect(sqlmigrate_text(migration, { state })).toBe(SQL_0001);
    state = migration.mutate_state(state, false);
    expect(sqlmigrate_text(new Admin0002("0002_logentry_remove_auto_add", "admin"), { state })).toContain('CREATE TABLE "new__django_admin_log"');
    state = new Admin0002("0002_logentry_remove_auto_add", "admin").mutate_state(state, false);
    expect(sqlmigrate_text(new Admin0003("0003_logentry_add_action_flag_choices", "admin"), { state })).toBe(SQL_0003);
  });
});
