/**
 * A small in-memory project for the auth tests: settings, the app registry populated with auth,
 * contenttypes (the real app when it is installed, else a stand-in with the same table) and
 * sessions, and every table migrated. Passwords use a 1,000-iteration PBKDF2 subclass.
 */
import { settings } from "../../../../../src/frameworks/django/conf";
import { apps } from "../../../../../src/frameworks/django/apps/registry";
import { connection } from "../../../../../src/frameworks/django/db";
import * as models from "../../../../../src/frameworks/django/db/models";
import * as migrations from "../../../../../src/frameworks/django/db/migrations";
import { MigrationExecutor } from "../../../../../src/frameworks/django/db/migrations/executor";
import { set_module_importer } from "../../../../../src/frameworks/django/utils/module_loading";
import { PBKDF2PasswordHasher, reset_hashers } from "../../../../../src/frameworks/django/contrib/auth/hashers";
import { AppConfig } from "../../../../../src/frameworks/django/apps/config";
import { Migration as AuthMigration } from "../../../../../src/frameworks/django/contrib/auth/migrations/0001_initial";
import { Migration as SessionsMigration } from "../../../../../src/frameworks/django/contrib/sessions/migrations/0001_initial";
import { FRAMEWORK_MODULES } from "../../../../../src/modes";
import { SqlJsDriver, boot_sqlite } from "../../../../../src/runtime/sqlite";

export class FastPBKDF2PasswordHasher extends PBKDF2PasswordHasher {
  override iterations = 1000;
}

const FRAMEWORK = FRAMEWORK_MODULES as unknown as Record<string, Record<string, any>>;
const HAS_CONTENTTYPES = "django/contrib/contenttypes/models" in FRAMEWORK;

// --- a stand-in for django.contrib.contenttypes until that app is installed ----------------------

class ContentTypeManager extends models.Manager {
  get_for_model(model: any, _options: { for_concrete_model?: boolean } = {}): any {
    const opts = model._meta;
    return this.get_or_create({ app_label: opts.app_label, model: opts.model_name })[0];
  }
  get_by_natural_key(app_label: string, model: string): any {
    return this.get({ app_label, model });
  }
}

class ContentType extends models.Model {
  static override fields = { app_label: new models.CharField({ max_length: 100 }), model: new models.CharField({ max_length: 100 }) };
  static override Meta = { app_label: "contenttypes", db_table: "django_content_type", unique_together: [["app_label", "model"]] };
  static override objects = new ContentTypeManager();
  override toString(): string {
    return `${this.app_label} | ${this.model}`;
  }
  natural_key(): unknown[] {
    return [this.app_label, this.model];
  }
}

class ContentTypesConfig extends AppConfig {
  override name = "tests.contenttypes";
  override label = "contenttypes";
  override import_models(): void {
    super.import_models();
    const opts = ContentType._meta;
    this.apps!.register_model(opts.app_label, ContentType);
  }
}

class ContentTypesMigration extends migrations.Migration {
  override operations = [
    new migrations.CreateModel({
      name: "ContentType",
      fields: [
        ["id", new models.AutoField({ auto_created: true, primary_key: true, serialize: false, verbose_name: "ID" })],
        ["app_label", new models.CharField({ max_length: 100 })],
        ["model", new models.CharField({ max_length: 100 })],
      ] as [string, any][],
      options: { db_table: "django_content_type", unique_together: [["app_label", "model"]] },
    }),
  ];
}

const TEST_MODULES: Record<string, Record<string, any>> = {
  "tests/contenttypes": { __name__: "tests.contenttypes" },
  "tests/contenttypes/apps": { ContentTypesConfig },
  "tests/contenttypes/models": { ContentType },
  "tests/hashers": { FastPBKDF2PasswordHasher },
  "tests/urls": { urlpatterns: [] },
};

export function the_content_type_model(): any {
  return HAS_CONTENTTYPES ? FRAMEWORK["django/contrib/contenttypes/models"].ContentType : ContentType;
}

/** Configure, populate and migrate; returns after every table exists. */
export async function setup_project(extra_settings: Record<string, unknown> = {}, extra_modules: Record<string, Record<string, any>> = {}): Promise<void> {
  await boot_sqlite();
  connection.close();
  connection.set_driver(await SqlJsDriver.open());
  const contenttypes = HAS_CONTENTTYPES ? "django.contrib.contenttypes" : "tests.contenttypes";
  settings.configure({
    SECRET_KEY: "auth-tests",
    USE_TZ: true,
    TIME_ZONE: "UTC",
    ALLOWED_HOSTS: ["testserver"],
    ROOT_URLCONF: "tests.urls",
    INSTALLED_APPS: ["django.contrib.auth", contenttypes, "django.contrib.sessions"],
    PASSWORD_HASHERS: ["tests.hashers.FastPBKDF2PasswordHasher"],
    ...extra_settings,
  });
  reset_hashers();
  set_module_importer((path) => {
    const module = extra_modules[path] ?? TEST_MODULES[path] ?? FRAMEWORK[path];
    if (!module) throw new (FRAMEWORK["django/utils/module_loading"].ModuleNotFoundError)(`No module named '${path.replace(/\//g, ".")}'`);
    return module;
  });
  apps.reset();
  apps.populate(settings.INSTALLED_APPS);
  // The contenttypes app registers ContentType only when the class is first prepared, so a second
  // populate() in the same process (the next test, or the page's next run) misses it; AuthConfig
  // re-registers its models for that reason. Until ContentTypesConfig does too, do it here.
  const content_type = the_content_type_model();
  if (!apps.all_models.get("contenttypes")?.has("contenttype")) apps.register_model("contenttypes", content_type);
  // ContentType rows are cached per process; each test starts from an empty database.
  the_content_type_model().objects.clear_cache?.();
  const contenttypes_migrations = HAS_CONTENTTYPES
    ? ["0001_initial", "0002_remove_content_type_name"].map((name) => new FRAMEWORK[`django/contrib/contenttypes/migrations/${name}`].Migration(name, "contenttypes"))
    : [new ContentTypesMigration("0001_initial", "contenttypes")];
  const all = [...contenttypes_migrations, new AuthMigration("0001_initial", "auth"), new SessionsMigration("0001_initial", "sessions")];
  new MigrationExecutor(connection, { migrations: all }).migrate();
}

export function teardown_project(): void {
  set_module_importer(null);
  apps.reset();
  settings.reset();
  reset_hashers();
}

export function rows(sql: string): unknown[][] {
  const cursor = connection.cursor();
  cursor.execute(sql, null);
  return cursor.fetchall();
}
