/**
 * django.contrib.auth.models: who may do what → `User`, `Group`, `Permission` (tables auth_user,
 * auth_group, auth_permission and their many-to-many tables) and `AnonymousUser` (the user of a
 * request nobody signed in to).
 *
 *     const ann = User.objects.create_user("ann", "ann@example.com", "s3cret")
 *     ann.has_perm("blog.add_post")     // asks every AUTHENTICATION_BACKENDS backend; "auth" span
 *     ann.groups.add(editors)           // a row in auth_user_groups
 *     new AnonymousUser().is_authenticated   // false
 *
 * A permission is named `"<app_label>.<codename>"`; `add_`, `change_`, `delete_` and `view_`
 * permissions are created for every model after `migrate` (management.ts).
 *
 * Python's multiple inheritance `class AbstractUser(AbstractBaseUser, PermissionsMixin)` is a
 * mixin function here: `class AbstractUser extends PermissionsMixin(AbstractBaseUser)`; a custom
 * user model with permissions writes `class Member extends PermissionsMixin(AbstractBaseUser)`.
 */
import { span_set, trace_site } from "../../../../trace";
import { NotImplementedError, TypeError as PyTypeError, ValueError } from "../../../python/builtins";
import { PermissionDenied } from "../../core/exceptions";
import { apps as global_apps } from "../../apps/registry";
import { BooleanField, CASCADE, CharField, DateTimeField, EmailField, ForeignKey, ManyToManyField, Manager, Model, type Field } from "../../db/models";
import type { MetaOptions } from "../../db/models/options";
import { now } from "../../utils/timezone";
import { AbstractBaseUser, BaseUserManager } from "./base_user";
import { make_password } from "./hashers";
import { get_backends } from "./index";
import { UnicodeUsernameValidator } from "./validators";

const AUTH = trace_site("auth", "django/contrib/auth/models.ts", { eager: true });

export { AbstractBaseUser, BaseUserManager } from "./base_user";

type Backend = Record<string, any>;

// --- permission checks through the backends -------------------------------------------------------

/** `_user_get_permissions(user, obj, from_name)`: the union of every backend's `get_<from_name>_permissions`. */
export function _user_get_permissions(user: unknown, obj: unknown, from_name: "user" | "group" | "all"): Set<string> {
  const permissions = new Set<string>();
  const name = `get_${from_name}_permissions`;
  for (const backend of get_backends()) {
    if (typeof backend[name] === "function") for (const perm of backend[name](user, obj) as Iterable<string>) permissions.add(perm);
  }
  return permissions;
}

/**
 * `_user_has_perm(user, perm, obj)`: the first backend that grants it wins; a backend that raises
 * PermissionDenied refuses for all. One "auth" span per check, one event per backend asked.
 */
export function _user_has_perm(user: unknown, perm: string, obj: unknown): boolean {
  return AUTH.run(`has_perm("${perm}")`, () => ({ perm, user: String(user), obj: obj === null || obj === undefined ? null : String(obj) }), (span) => {
    const outcome = ask_backends(get_backends(), "has_perm", (backend) => backend.has_perm(user, perm, obj));
    span_set(span, () => ({ granted: outcome.granted, decided_by: outcome.decided_by }));
    return outcome.granted;
  });
}

/** `_user_has_module_perms(user, app_label)`: does any backend grant some permission in the app? */
export function _user_has_module_perms(user: unknown, app_label: string): boolean {
  return AUTH.run(`has_module_perms("${app_label}")`, () => ({ app_label, user: String(user) }), (span) => {
    const outcome = ask_backends(get_backends(), "has_module_perms", (backend) => backend.has_module_perms(user, app_label));
    span_set(span, () => ({ granted: outcome.granted, decided_by: outcome.decided_by }));
    return outcome.granted;
  });
}

function ask_backends(backends: Backend[], method: string, ask: (backend: Backend) => boolean): { granted: boolean; decided_by: string | null } {
  for (const backend of backends) {
    const name = backend.constructor?.name ?? "backend";
    if (typeof backend[method] !== "function") continue;
    try {
      const granted = Boolean(ask(backend));
      AUTH.event(`${name}.${method} → ${granted}`, () => ({ backend: name, granted }));
      if (granted) return { granted: true, decided_by: name };
    } catch (e) {
      if (!(e instanceof PermissionDenied)) throw e;
      AUTH.event(`${name}.${method} raised PermissionDenied`, () => ({ backend: name, granted: false }));
      return { granted: false, decided_by: name };
    }
  }
  return { granted: false, decided_by: null };
}

/** Python's `isinstance(perm_list, Iterable) and not isinstance(perm_list, str)`. */
function check_perm_list(perm_list: unknown): Iterable<string> {
  if (typeof perm_list === "string" || perm_list === null || typeof perm_list !== "object" || !(Symbol.iterator in perm_list))
    throw new ValueError("perm_list must be an iterable of permissions.");
  return perm_list as Iterable<string>;
}

// --- Permission and Group ---------------------------------------------------------------------------

export class PermissionManager extends Manager<Permission> {
  /** `get_by_natural_key(codename, app_label, model)` */
  get_by_natural_key(codename: string, app_label: string, model: string): Permission {
    const ContentType = global_apps.get_model("contenttypes", "ContentType") as any;
    const content_type = ContentType.objects.db_manager(this._db).get_by_natural_key(app_label, model);
    return this.get({ codename, content_type: content_type.pk });
  }
}

/**
 * One thing a user may do with one model: `name` "Can add post", `codename` "add_post", and the
 * model's ContentType. `user.has_perm("blog.add_post")` checks for it.
 */
export class Permission extends Model {
  static override fields: Record<string, Field> = {
    name: new CharField({ verbose_name: "name", max_length: 255 }),
    content_type: new ForeignKey("contenttypes.ContentType", { on_delete: CASCADE, verbose_name: "content type" }),
    codename: new CharField({ verbose_name: "codename", max_length: 100 }),
  };
  static override Meta: MetaOptions = {
    app_label: "auth",
    verbose_name: "permission",
    verbose_name_plural: "permissions",
    unique_together: [["content_type", "codename"]],
    ordering: ["content_type__app_label", "content_type__model", "codename"],
  };
  static override objects = new PermissionManager();

  declare name: string;
  declare content_type: any;
  declare content_type_id: number;
  declare codename: string;

  /** "blog | post | Can add post" (the ContentType prints "blog | post"). */
  override toString(): string {
    return `${this.content_type} | ${this.name}`;
  }

  natural_key(): unknown[] {
    return [this.codename, ...this.content_type.natural_key()];
  }
}

export class GroupManager extends Manager<Group> {
  get_by_natural_key(name: string): Group {
    return this.get({ name });
  }
}

/** A named set of permissions; a user in the group has them all ("Editors" may change posts). */
export class Group extends Model {
  static override fields: Record<string, Field> = {
    name: new CharField({ verbose_name: "name", max_length: 150, unique: true }),
    permissions: new ManyToManyField(Permission, { verbose_name: "permissions", blank: true }),
  };
  static override Meta: MetaOptions = { app_label: "auth", verbose_name: "group", verbose_name_plural: "groups" };
  static override objects = new GroupManager();

  declare name: string;
  declare permissions: any;

  override toString(): string {
    return this.name;
  }

  natural_key(): unknown[] {
    return [this.name];
  }
}

// --- PermissionsMixin -----------------------------------------------------------------------------

type UserBase = abstract new (...args: any[]) => AbstractBaseUser;

/**
 * `PermissionsMixin`: the fields and methods that give a user model Django's permission system —
 * `is_superuser`, `groups`, `user_permissions`, `has_perm()`… Use it as a mixin function:
 * `class Member extends PermissionsMixin(AbstractBaseUser) { … }`.
 */
export function PermissionsMixin<TBase extends UserBase>(Base: TBase) {
  abstract class PermissionsMixin extends Base {
    static fields: Record<string, Field> = {
      is_superuser: new BooleanField({
        verbose_name: "superuser status",
        default: false,
        help_text: "Designates that this user has all permissions without explicitly assigning them.",
      }),
      groups: new ManyToManyField(Group, {
        verbose_name: "groups",
        blank: true,
        help_text: "The groups this user belongs to. A user will get all permissions granted to each of their groups.",
        related_name: "user_set",
        related_query_name: "user",
      }),
      user_permissions: new ManyToManyField(Permission, {
        verbose_name: "user permissions",
        blank: true,
        help_text: "Specific permissions for this user.",
        related_name: "user_set",
        related_query_name: "user",
      }),
    };
    static Meta: MetaOptions = { abstract: true };

    declare is_superuser: boolean;
    declare groups: any;
    declare user_permissions: any;

    /** Permission names ("app.codename") the user has directly. */
    get_user_permissions(obj: unknown = null): Set<string> {
      return _user_get_permissions(this, obj, "user");
    }

    /** Permission names the user has through their groups. */
    get_group_permissions(obj: unknown = null): Set<string> {
      return _user_get_permissions(this, obj, "group");
    }

    get_all_permissions(obj: unknown = null): Set<string> {
      return _user_get_permissions(this, obj, "all");
    }

    /** An active superuser has every permission; anyone else asks the backends. */
    has_perm(perm: string, obj: unknown = null): boolean {
      if (this.is_active && this.is_superuser) {
        AUTH.event(`has_perm("${perm}") → true (active superuser)`, () => ({ perm, user: String(this), granted: true }));
        return true;
      }
      return _user_has_perm(this, perm, obj);
    }

    has_perms(perm_list: Iterable<string>, obj: unknown = null): boolean {
      return [...check_perm_list(perm_list)].every((perm) => this.has_perm(perm, obj));
    }

    /** Does the user have any permission in the app? (The admin index shows the app if so.) */
    has_module_perms(app_label: string): boolean {
      if (this.is_active && this.is_superuser) return true;
      return _user_has_module_perms(this, app_label);
    }
  }
  Object.defineProperty(PermissionsMixin, "__module__", { value: "django.contrib.auth.models", writable: true, configurable: true });
  return PermissionsMixin;
}

// --- users ------------------------------------------------------------------------------------------

export class UserManager<T extends AbstractBaseUser = any> extends BaseUserManager<T> {
  use_in_migrations = true;

  /** The unsaved user: username required, email and username normalized, password hashed. */
  _create_user_object(username: string, email: string | null, password: string | null, extra_fields: Record<string, unknown>): T {
    if (!username) throw new ValueError("The given username must be set");
    const normalized_email = this.normalize_email(email);
    const GlobalUserModel = global_apps.get_model(this.model._meta.app_label, this.model._meta.object_name) as unknown as typeof AbstractBaseUser;
    const normalized_username = GlobalUserModel.normalize_username(username);
    const user = new this.model({ username: normalized_username, email: normalized_email, ...extra_fields }) as T;
    user.password = make_password(password);
    return user;
  }

  _create_user(username: string, email: string | null, password: string | null, extra_fields: Record<string, unknown>): T {
    const user = this._create_user_object(username, email, password, extra_fields);
    user.save({ using: this._db });
    return user;
  }

  /** `create_user(username, email=None, password=None, **extra_fields)`; no password → unusable. */
  create_user(username: string, email: string | null = null, password: string | null = null, extra_fields: Record<string, unknown> = {}): T {
    const fields = { is_staff: false, is_superuser: false, ...extra_fields };
    return this._create_user(username, email, password, fields);
  }

  /** `create_superuser(...)`: is_staff and is_superuser must both be true. */
  create_superuser(username: string, email: string | null = null, password: string | null = null, extra_fields: Record<string, unknown> = {}): T {
    const fields = { is_staff: true, is_superuser: true, ...extra_fields };
    if (fields.is_staff !== true) throw new ValueError("Superuser must have is_staff=True.");
    if (fields.is_superuser !== true) throw new ValueError("Superuser must have is_superuser=True.");
    return this._create_user(username, email, password, fields);
  }
}

/**
 * A full-featured user without the table: username, names, email, staff/active flags and the date
 * joined. Subclass it for a custom user model that keeps Django's fields.
 */
export abstract class AbstractUser extends PermissionsMixin(AbstractBaseUser) {
  static username_validator = new UnicodeUsernameValidator();

  static override fields: Record<string, Field> = {
    username: new CharField({
      verbose_name: "username",
      max_length: 150,
      unique: true,
      help_text: "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
      validators: [(value: unknown) => AbstractUser.username_validator.__call__(value)],
      error_messages: { unique: "A user with that username already exists." },
    }),
    first_name: new CharField({ verbose_name: "first name", max_length: 150, blank: true }),
    last_name: new CharField({ verbose_name: "last name", max_length: 150, blank: true }),
    email: new EmailField({ verbose_name: "email address", blank: true }),
    is_staff: new BooleanField({ verbose_name: "staff status", default: false, help_text: "Designates whether the user can log into this admin site." }),
    is_active: new BooleanField({
      verbose_name: "active",
      default: true,
      help_text: "Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
    }),
    date_joined: new DateTimeField({ verbose_name: "date joined", default: now }),
  };
  static override Meta: MetaOptions = { abstract: true, verbose_name: "user", verbose_name_plural: "users" };
  static override objects = new UserManager();

  static EMAIL_FIELD = "email";
  static override USERNAME_FIELD = "username";
  static override REQUIRED_FIELDS = ["email"];

  declare username: string;
  declare first_name: string;
  declare last_name: string;
  declare email: string;
  declare is_staff: boolean;
  declare date_joined: unknown;

  override clean(): void {
    super.clean();
    this.email = BaseUserManager.normalize_email(this.email);
  }

  /** "Ann Smith" (first and last name, stripped). */
  get_full_name(): string {
    return `${this.first_name} ${this.last_name}`.trim();
  }

  get_short_name(): string {
    return this.first_name;
  }
}

/**
 * Django's own user model (table auth_user). A project may replace it with AUTH_USER_MODEL
 * ("swappable"); code that needs "the user model" calls `get_user_model()`.
 */
export class User extends AbstractUser {
  static override Meta: MetaOptions = { app_label: "auth", swappable: "AUTH_USER_MODEL", verbose_name: "user", verbose_name_plural: "users" };
}

// --- AnonymousUser ----------------------------------------------------------------------------------

/** The empty manager Django gives AnonymousUser's `groups` and `user_permissions`. */
class EmptyManager {
  constructor(readonly model: unknown) {}
  all(): unknown[] {
    return [];
  }
  count(): number {
    return 0;
  }
  exists(): boolean {
    return false;
  }
}

/**
 * The user of a request without a signed-in user (`request.user` when the session has none). It
 * has no row: saving or setting a password is NotImplementedError.
 */
export class AnonymousUser {
  readonly id = null;
  readonly pk = null;
  readonly username = "";
  readonly is_staff = false;
  readonly is_active = false;
  readonly is_superuser = false;
  private readonly _groups = new EmptyManager(Group);
  private readonly _user_permissions = new EmptyManager(Permission);

  toString(): string {
    return "AnonymousUser";
  }

  __repr__(): string {
    return "<AnonymousUser>";
  }

  /** Every AnonymousUser equals every other (`__eq__` is `isinstance`). */
  equals(other: unknown): boolean {
    return other instanceof AnonymousUser;
  }

  /** `int(AnonymousUser())` */
  __int__(): never {
    throw new PyTypeError("Cannot cast AnonymousUser to int. Are you trying to use it in place of User?");
  }

  save(): never {
    throw new NotImplementedError("Django doesn't provide a DB representation for AnonymousUser.");
  }

  delete(): never {
    throw new NotImplementedError("Django doesn't provide a DB representation for AnonymousUser.");
  }

  set_password(_raw_password: string): never {
    throw new NotImplementedError("Django doesn't provide a DB representation for AnonymousUser.");
  }

  check_password(_raw_password: string): never {
    throw new NotImplementedError("Django doesn't provide a DB representation for AnonymousUser.");
  }

  get groups(): EmptyManager {
    return this._groups;
  }

  get user_permissions(): EmptyManager {
    return this._user_permissions;
  }

  get_user_permissions(obj: unknown = null): Set<string> {
    return _user_get_permissions(this, obj, "user");
  }

  get_group_permissions(obj: unknown = null): Set<string> {
    return _user_get_permissions(this, obj, "group");
  }

  get_all_permissions(obj: unknown = null): Set<string> {
    return _user_get_permissions(this, obj, "all");
  }

  has_perm(perm: string, obj: unknown = null): boolean {
    return _user_has_perm(this, perm, obj);
  }

  has_perms(perm_list: Iterable<string>, obj: unknown = null): boolean {
    return [...check_perm_list(perm_list)].every((perm) => this.has_perm(perm, obj));
  }

  has_module_perms(module: string): boolean {
    return _user_has_module_perms(this, module);
  }

  get is_anonymous(): boolean {
    return true;
  }

  get is_authenticated(): boolean {
    return false;
  }

  get_username(): string {
    return this.username;
  }
}

for (const cls of [Permission, Group, AbstractUser, User, AnonymousUser])
  Object.defineProperty(cls, "__module__", { value: "django.contrib.auth.models", writable: true, configurable: true });

/** `update_last_login(sender, user, **kwargs)`: the user_logged_in receiver AuthConfig connects. */
export function update_last_login(_sender: unknown, kwargs: Record<string, any>): void {
  const user = kwargs.user;
  user.last_login = now();
  user.save({ update_fields: ["last_login"] });
}
