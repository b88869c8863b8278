/**
 * auth's tables, users and permissions: 0001_initial builds Django 5.2's auth schema, the user
 * manager and password methods, AnonymousUser, and permission checks through ModelBackend.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { User, Group, Permission, AnonymousUser } from "../../../../../src/frameworks/django/contrib/auth/models";
import { get_user_model } from "../../../../../src/frameworks/django/contrib/auth";
import { ModelBackend } from "../../../../../src/frameworks/django/contrib/auth/backends";
import { BaseUserManager } from "../../../../../src/frameworks/django/contrib/auth/base_user";
import { setup_project, teardown_project, rows, the_content_type_model } from "./project";

beforeEach(async () => {
  await setup_project();
});

afterEach(() => {
  teardown_project();
});

describe("0001_initial", () => {
  it("creates auth_user with Django 5.2's columns, in the order Django's migrations leave them", () => {
    expect(rows(`SELECT sql FROM sqlite_master WHERE name = 'auth_user'`)[0][0]).toBe(
      'CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL, "first_name" varchar(150) NOT NULL)',
    );
  });

  it("creates auth_permission, auth_group and the three many-to-many tables like Django", () => {
    const sql = Object.fromEntries(rows(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'auth_%'`) as [string, string][]);
    expect(sql.auth_permission).toBe(
      'CREATE TABLE "auth_permission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "codename" varchar(100) NOT NULL, "name" varchar(255) NOT NULL)',
    );
    expect(sql.auth_group).toBe('CREATE TABLE "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE)');
    expect(sql.auth_user_groups).toBe(
      'CREATE TABLE "auth_user_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED)',
    );
    expect(sql.auth_group_permissions).toContain('"permission_id" integer NOT NULL REFERENCES "auth_permission" ("id")');
    expect(sql.auth_user_user_permissions).toContain('"permission_id" integer NOT NULL REFERENCES "auth_permission" ("id")');
    const indexes = (rows(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'auth_%' ORDER BY name`) as [string][]).map(([n]) => n);
    expect(indexes).toEqual([
      "auth_group_permissions_group_id_b120cbf9",
      "auth_group_permissions_group_id_permission_id_0cd325b0_uniq",
      "auth_group_permissions_permission_id_84c5c92e",
      "auth_permission_content_type_id_2f476e4b",
      "auth_permission_content_type_id_codename_01ab375a_uniq",
      "auth_user_groups_group_id_97559544",
      "auth_user_groups_user_id_6a12ed8b",
      "auth_user_groups_user_id_group_id_94350c0c_uniq",
      "auth_user_user_permissions_permission_id_1fbb5f2c",
      "auth_user_user_permissions_user_id_a95ead1b",
      "auth_user_user_permissions_user_id_permission_id_14a6b632_uniq",
    ]);
  });
});

describe("User and UserManager", () => {
  it("get_user_model() is auth.User by default", () => {
    expect(get_user_model()).toBe(User);
  });

  it("create_user hashes the password, normalizes the email domain and is not staff", () => {
    const ann = User.objects.create_user("ann", "Ann@EXAMPLE.com", "s3cret");
    expect(ann.pk).toBe(1);
    expect(ann.email).toBe("Ann@example.com");
    expect(ann.password).toMatch(/^pbkdf2_sha256\$1000\$[a-zA-Z0-9]{22}\$/);
    expect([ann.is_staff, ann.is_superuser, ann.is_active]).toEqual([false, false, true]);
    expect(ann.check_password("s3cret")).toBe(true);
    expect(ann.check_password("nope")).toBe(false);
    expect(String(ann)).toBe("ann");
    expect(ann.is_authenticated).toBe(true);
    expect(ann.is_anonymous).toBe(false);
    const row = rows(`SELECT username, email, is_staff, is_superuser, is_active, first_name FROM auth_user`)[0];
    expect(row).toEqual(["ann", "Ann@example.com", 0, 0, 1, ""]);
  });

  it("create_user without a username is Django's ValueError; without a password the password is unusable", () => {
    expect(() => User.objects.create_user("")).toThrow("The given username must be set");
    const bob = User.objects.create_user("bob");
    expect(bob.has_usable_password()).toBe(false);
    expect(bob.password).toMatch(/^![a-zA-Z0-9]{40}$/);
  });

  it("create_superuser insists on is_staff and is_superuser", () => {
    const root = User.objects.create_superuser("root", "root@example.com", "pw");
    expect([root.is_staff, root.is_superuser]).toEqual([true, true]);
    expect(() => User.objects.create_superuser("x", null, "pw", { is_staff: false })).toThrow("Superuser must have is_staff=True.");
    expect(() => User.objects.create_superuser("y", null, "pw", { is_superuser: false })).toThrow("Superuser must have is_superuser=True.");
  });

  it("check_password re-hashes and saves an outdated hash (update_fields=['password'])", () => {
    const ann = User.objects.create_user("ann", null, null);
    // Django's own vector at 1 iteration: must_update is true for the 1,000-iteration hasher.
    User.objects.filter({ pk: ann.pk }).update({ password: "pbkdf2_sha256$1$abc$YmTvh3c6moJEsT6nOQOJ7C5swWqoGtU9W2Bl46i3lvk=" });
    const fresh = User.objects.get({ pk: ann.pk });
    expect(fresh.check_password("secret")).toBe(true);
    expect(String(rows(`SELECT password FROM auth_user`)[0][0])).toMatch(/^pbkdf2_sha256\$1000\$/);
  });

  it("get_full_name, get_short_name, natural_key and normalize_email", () => {
    const ann = new User({ username: "ann", first_name: " Ann", last_name: "Smith " });
    expect(ann.get_full_name()).toBe("Ann Smith");
    expect(ann.get_short_name()).toBe(" Ann");
    expect(ann.natural_key()).toEqual(["ann"]);
    expect(BaseUserManager.normalize_email("  a@B.COM ")).toBe("a@b.com");
    expect(BaseUserManager.normalize_email("no-at-sign")).toBe("no-at-sign");
    expect(BaseUserManager.normalize_email(null)).toBe("");
  });

  it("the username validator accepts letters of any script and rejects spaces", () => {
    const field = User._meta.get_field("username");
    expect(() => field.clean("with space", null)).toThrow("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
    expect(field.clean("Zoë_99@x.y+z-", null)).toBe("Zoë_99@x.y+z-");
  });

  it("get_session_auth_hash is the sha256 salted HMAC of the password hash (Django's vector)", () => {
    const ann = new User({ username: "ann", password: "pbkdf2_sha256$1$abc$YmTvh3c6moJEsT6nOQOJ7C5swWqoGtU9W2Bl46i3lvk=" });
    expect(ann.get_session_auth_hash()).toBe(SESSION_HASH_VECTOR);
  });
});

// Django 5.2.17, SECRET_KEY="auth-tests": User(password="pbkdf2_sha256$1$abc$YmTv…").get_session_auth_hash()
const SESSION_HASH_VECTOR = "b63c6bcae662d7aad056fa6209fbc086ba3227f034873a67745bd00bbac00186";

describe("AnonymousUser", () => {
  it("is anonymous, has no permissions and no database representation", () => {
    const anon = new AnonymousUser();
    expect([anon.is_authenticated, anon.is_anonymous, anon.pk, anon.username, String(anon)]).toEqual([false, true, null, "", "AnonymousUser"]);
    expect(anon.has_perm("auth.add_user")).toBe(false);
    expect(anon.get_all_permissions()).toEqual(new Set());
    expect(() => anon.save()).toThrow("Django doesn't provide a DB representation for AnonymousUser.");
    expect(() => anon.__int__()).toThrow("Cannot cast AnonymousUser to int. Are you trying to use it in place of User?");
    expect(anon.equals(new AnonymousUser())).toBe(true);
    expect(() => anon.has_perms("auth.add_user" as never)).toThrow("perm_list must be an iterable of permissions.");
  });
});

describe("permissions through ModelBackend", () => {
  function permission(codename: string, model = User): Permission {
    const ContentType = the_content_type_model();
    const ct = ContentType.objects.get_for_model(model);
    return Permission.objects.get_or_create({ codename, content_type_id: ct.pk, defaults: { name: `Can ${codename}` } })[0];
  }

  it("user permissions and group permissions are unioned as 'app_label.codename'", () => {
    const ann = User.objects.create_user("ann", null, "pw");
    const editors = Group.objects.create({ name: "Editors" });
    editors.permissions.add(permission("change_user"));
    ann.groups.add(editors);
    ann.user_permissions.add(permission("view_user"));
    const fresh = User.objects.get({ pk: ann.pk });
    expect(fresh.get_user_permissions()).toEqual(new Set(["auth.view_user"]));
    expect(fresh.get_group_permissions()).toEqual(new Set(["auth.change_user"]));
    expect(fresh.get_all_permissions()).toEqual(new Set(["auth.view_user", "auth.change_user"]));
    expect(fresh.has_perm("auth.change_user")).toBe(true);
    expect(fresh.has_perm("auth.delete_user")).toBe(false);
    expect(fresh.has_perms(["auth.change_user", "auth.view_user"])).toBe(true);
    expect(fresh.has_module_perms("auth")).toBe(true);
    expect(fresh.has_module_perms("blog")).toBe(false);
  });

  it("permissions are cached on the user object: a later grant is seen only by a fresh instance", () => {
    const ann = User.objects.create_user("ann", null, "pw");
    expect(ann.has_perm("auth.add_user")).toBe(false);
    ann.user_permissions.add(permission("add_user"));
    expect(ann.has_perm("auth.add_user")).toBe(false);
    expect(User.objects.get({ pk: ann.pk }).has_perm("auth.add_user")).toBe(true);
  });

  it("an active superuser has every permission; an inactive one has none", () => {
    const root = User.objects.create_superuser("root", null, "pw");
    expect(root.has_perm("anything.at_all")).toBe(true);
    expect(root.has_module_perms("blog")).toBe(true);
    root.is_active = false;
    expect(root.has_perm("anything.at_all")).toBe(false);
  });

  it("ModelBackend.authenticate: right password, wrong password, unknown user, inactive user", () => {
    const backend = new ModelBackend();
    const ann = User.objects.create_user("ann", null, "pw");
    expect(backend.authenticate(null, { username: "ann", password: "pw" })?.pk).toBe(ann.pk);
    expect(backend.authenticate(null, { username: "ann", password: "no" })).toBeNull();
    expect(backend.authenticate(null, { username: "zed", password: "pw" })).toBeNull();
    expect(backend.authenticate(null, { username: "ann" })).toBeNull();
    User.objects.filter({ pk: ann.pk }).update({ is_active: false });
    expect(backend.authenticate(null, { username: "ann", password: "pw" })).toBeNull();
    expect(backend.get_user(ann.pk)).toBeNull();
  });
});
