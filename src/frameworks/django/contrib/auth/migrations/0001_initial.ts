/**
 * The auth app's tables, as Django 5.2 leaves them after its twelve auth migrations: one
 * migration here (Framework Lab has no database that went through the older ones).
 *
 *     auth_permission             id, content_type_id → django_content_type, codename, name
 *                                 UNIQUE (content_type_id, codename)
 *     auth_group                  id, name UNIQUE
 *     auth_group_permissions      group_id, permission_id
 *     auth_user                   id, password, last_login, is_superuser, username UNIQUE, last_name,
 *                                 email, is_staff, is_active, date_joined, first_name
 *     auth_user_groups            user_id, group_id
 *     auth_user_user_permissions  user_id, permission_id
 *
 * The columns are listed in the order Django's SQLite table rebuilds left them, so `PRAGMA
 * table_info` reads the same here and in a database migrated by real Django.
 *
 * `User` is swappable: when AUTH_USER_MODEL names another model, its CreateModel is left out (Django
 * keeps it but skips swapped models when migrating; the effect on the database is the same).
 */
import * as migrations from "../../../db/migrations";
import * as models from "../../../db/models";
import { settings } from "../../../conf";
import { now } from "../../../utils/timezone";
import { UserManager } from "../models";
import { UnicodeUsernameValidator } from "../validators";

const id = () => new models.AutoField({ auto_created: true, primary_key: true, serialize: false, verbose_name: "ID" });

function create_permission(): migrations.CreateModel {
  return new migrations.CreateModel({
    name: "Permission",
    fields: [
      ["id", id()],
      ["content_type", new models.ForeignKey("contenttypes.contenttype", { on_delete: models.CASCADE, verbose_name: "content type" })],
      ["codename", new models.CharField({ max_length: 100, verbose_name: "codename" })],
      ["name", new models.CharField({ max_length: 255, verbose_name: "name" })],
    ] as [string, any][],
    options: {
      verbose_name: "permission",
      verbose_name_plural: "permissions",
      ordering: ["content_type__app_label", "content_type__model", "codename"],
      unique_together: [["content_type", "codename"]],
    },
    managers: [["objects", new models.Manager()]],
  });
}

function create_group(): migrations.CreateModel {
  return new migrations.CreateModel({
    name: "Group",
    fields: [
      ["id", id()],
      ["name", new models.CharField({ max_length: 150, unique: true, verbose_name: "name" })],
      ["permissions", new models.ManyToManyField("auth.permission", { blank: true, verbose_name: "permissions" })],
    ] as [string, any][],
    options: { verbose_name: "group", verbose_name_plural: "groups" },
    managers: [["objects", new models.Manager()]],
  });
}

function create_user(): migrations.CreateModel {
  const validator = new UnicodeUsernameValidator();
  return new migrations.CreateModel({
    name: "User",
    fields: [
      ["id", id()],
      ["password", new models.CharField({ max_length: 128, verbose_name: "password" })],
      ["last_login", new models.DateTimeField({ blank: true, null: true, verbose_name: "last login" })],
      ["is_superuser", new models.BooleanField({ default: false, help_text: "Designates that this user has all permissions without explicitly assigning them.", verbose_name: "superuser status" })],
      ["username", new models.CharField({
        error_messages: { unique: "A user with that username already exists." },
        help_text: "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
        max_length: 150,
        unique: true,
        validators: [(value: unknown) => validator.__call__(value)],
        verbose_name: "username",
      })],
      ["last_name", new models.CharField({ blank: true, max_length: 150, verbose_name: "last name" })],
      ["email", new models.EmailField({ blank: true, max_length: 254, verbose_name: "email address" })],
      ["is_staff", new models.BooleanField({ default: false, help_text: "Designates whether the user can log into this admin site.", verbose_name: "staff status" })],
      ["is_active", new models.BooleanField({ default: true, help_text: "Designates whether this user should be treated as active. Unselect this instead of deleting accounts.", verbose_name: "active" })],
      ["date_joined", new models.DateTimeField({ default: now, verbose_name: "date joined" })],
      ["first_name", new models.CharField({ blank: true, max_length: 150, verbose_name: "first name" })],
      ["groups", new models.ManyToManyField("auth.group", { blank: true, help_text: "The groups this user belongs to. A user will get all permissions granted to each of their groups.", related_name: "user_set", related_query_name: "user", verbose_name: "groups" })],
      ["user_permissions", new models.ManyToManyField("auth.permission", { blank: true, help_text: "Specific permissions for this user.", related_name: "user_set", related_query_name: "user", verbose_name: "user permissions" })],
    ] as [string, any][],
    options: { verbose_name: "user", verbose_name_plural: "users", swappable: "AUTH_USER_MODEL" },
    managers: [["objects", new UserManager()]],
  });
}

export class Migration extends migrations.Migration {
  override initial = true;
  override dependencies: [string, string][] = [["contenttypes", "__first__"]];
  override operations = [
    create_permission(),
    create_group(),
    ...(!settings.configured || settings.AUTH_USER_MODEL === "auth.User" ? [create_user()] : []),
  ];
}
