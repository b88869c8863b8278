/**
 * A custom user model (AUTH_USER_MODEL = "accounts.Member"): email as USERNAME_FIELD, Django's
 * permission system through `PermissionsMixin(AbstractBaseUser)`, its own manager. get_user_model,
 * ModelBackend, the group permissions (the `user_set` / `user` related names) and the auth
 * migration leaving auth_user out (User is swapped).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connection } from "../../../../../src/frameworks/django/db";
import * as models from "../../../../../src/frameworks/django/db/models";
import { authenticate, get_user_model } from "../../../../../src/frameworks/django/contrib/auth";
import { AbstractBaseUser, BaseUserManager } from "../../../../../src/frameworks/django/contrib/auth/base_user";
import { Group, Permission, PermissionsMixin } from "../../../../../src/frameworks/django/contrib/auth/models";
import { setup_project, teardown_project, rows, the_content_type_model } from "./project";
import { DatabaseSchemaEditor } from "../../../../../src/frameworks/django/db/backends/sqlite3/schema";

class MemberManager extends BaseUserManager {
  create_user(email: string, password: string | null = null): any {
    const user = new this.model({ email: this.normalize_email(email) });
    user.set_password(password);
    user.save();
    return user;
  }
}

/** A fresh class per test, as the page evaluates the project's models.ts again on every run. */
function define_member() {
  return class Member extends PermissionsMixin(AbstractBaseUser) {
    static override fields: Record<string, models.Field> = {
      email: new models.EmailField({ unique: true }),
      is_active: new models.BooleanField({ default: true }),
    };
    static override Meta = { app_label: "accounts" };
    static override USERNAME_FIELD = "email";
    static override objects = new MemberManager();
    declare email: string;
  };
}

let Member: ReturnType<typeof define_member>;

beforeEach(async () => {
  Member = define_member();
  const modules = { accounts: { __name__: "accounts" }, "accounts/models": { Member } };
  await setup_project({ AUTH_USER_MODEL: "accounts.Member", INSTALLED_APPS: ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "accounts"] }, modules);
  const editor = new DatabaseSchemaEditor(connection);
  editor.__enter__();
  editor.create_model(Member as any);
  editor.__exit__();
});

afterEach(() => {
  teardown_project();
});

describe("a custom user model", () => {
  it("get_user_model() is the AUTH_USER_MODEL class, and the auth migration did not create auth_user", () => {
    expect(get_user_model()).toBe(Member);
    expect(rows(`SELECT name FROM sqlite_master WHERE name = 'auth_user'`)).toEqual([]);
    expect(rows(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'accounts_member%' ORDER BY name`)).toEqual([["accounts_member"], ["accounts_member_groups"], ["accounts_member_user_permissions"]]);
  });

  it("authenticates by email and gets group permissions through PermissionsMixin", () => {
    const m = Member.objects.create_user("Zoe@EXAMPLE.com", "pw");
    expect(authenticate(null, { email: "Zoe@example.com", password: "pw" })?.pk).toBe(m.pk);
    expect(authenticate(null, { username: "Zoe@example.com", password: "pw" })?.pk).toBe(m.pk);
    const ct = the_content_type_model().objects.get_for_model(Group);
    const perm = Permission.objects.create({ codename: "change_group", name: "Can change group", content_type_id: ct.pk });
    const editors = Group.objects.create({ name: "Editors" });
    editors.permissions.add(perm);
    m.groups.add(editors);
    const fresh = Member.objects.get({ pk: m.pk });
    expect(fresh.has_perm("auth.change_group")).toBe(true);
    expect(fresh.get_all_permissions()).toEqual(new Set(["auth.change_group"]));
    expect(String(fresh)).toBe("Zoe@example.com");
  });
});
