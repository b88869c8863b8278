/**
 * django.contrib.auth.backends: credentials → a user, and a user → the permission names they hold.
 * Main class: `ModelBackend`, Django's default (AUTHENTICATION_BACKENDS).
 *
 *     new ModelBackend().authenticate(request, { username: "ann", password: "s3cret" })  // the User or null
 *     backend.get_all_permissions(ann)   // Set {"blog.add_post", "blog.change_post"}
 *     // SQL: SELECT "django_content_type"."app_label", "auth_permission"."codename" FROM "auth_permission"
 *     //      INNER JOIN "auth_user_user_permissions" … WHERE "auth_user_user_permissions"."user_id" = 1
 *
 * Permissions are read once per user object and cached on it (`_user_perm_cache`,
 * `_group_perm_cache`, `_perm_cache`), as Django does: a permission granted after the first check
 * is seen only by a freshly loaded user. The trace marks each lookup as a cache hit or a query.
 */
import { trace_site } from "../../../../trace";
import { get_user_model } from "./index";
import { Permission } from "./models";

const AUTH = trace_site("auth", "django/contrib/auth/backends.ts", { eager: true });

export type Credentials = Record<string, unknown>;
type UserObj = any;

/** The backend interface with "nobody, nothing" answers; `has_perm` reads `get_all_permissions`. */
export class BaseBackend {
  authenticate(_request: unknown, _credentials: Credentials = {}): UserObj | null {
    return null;
  }

  get_user(_user_id: unknown): UserObj | null {
    return null;
  }

  get_user_permissions(_user_obj: UserObj, _obj: unknown = null): Set<string> {
    return new Set();
  }

  get_group_permissions(_user_obj: UserObj, _obj: unknown = null): Set<string> {
    return new Set();
  }

  get_all_permissions(user_obj: UserObj, obj: unknown = null): Set<string> {
    return new Set([...this.get_user_permissions(user_obj, obj), ...this.get_group_permissions(user_obj, obj)]);
  }

  has_perm(user_obj: UserObj, perm: string, obj: unknown = null): boolean {
    return this.get_all_permissions(user_obj, obj).has(perm);
  }
}

/** Users and permissions from the database (the user model's table, auth_permission and its links). */
export class ModelBackend extends BaseBackend {
  /**
   * `authenticate(request, username=None, password=None, **kwargs)`: look the user up by
   * USERNAME_FIELD and check the password. An unknown username still hashes the password once, so
   * the response time does not tell which usernames exist.
   */
  override authenticate(_request: unknown, credentials: Credentials = {}): UserObj | null {
    const UserModel = get_user_model();
    const username = credentials.username ?? credentials[UserModel.USERNAME_FIELD];
    const password = credentials.password;
    if (username === null || username === undefined || password === null || password === undefined) return null;
    let user: UserObj;
    try {
      user = UserModel._default_manager.get_by_natural_key(username);
    } catch (e) {
      if (!(e instanceof UserModel.DoesNotExist)) throw e;
      new UserModel().set_password(password);
      return null;
    }
    if (user.check_password(password) && this.user_can_authenticate(user)) return user;
    return null;
  }

  /** Inactive users (`is_active` false) may not sign in; models without the field may. */
  user_can_authenticate(user: UserObj): boolean {
    return user.is_active ?? true;
  }

  _get_user_permissions(user_obj: UserObj): any {
    return user_obj.user_permissions.all();
  }

  /** Permissions of the user's groups: `Permission.objects.filter(group__user=user_obj)`. */
  _get_group_permissions(user_obj: UserObj): any {
    const user_groups_field = get_user_model()._meta.get_field("groups");
    const user_groups_query = `group__${user_groups_field.related_query_name()}`;
    // The pk stands for the user: this ORM's related lookups do not take model instances yet.
    return Permission.objects.filter({ [user_groups_query]: user_obj.pk });
  }

  /** `"app_label.codename"` names, read once per user object and kept in `_<from_name>_perm_cache`. */
  _get_permissions(user_obj: UserObj, obj: unknown, from_name: "user" | "group"): Set<string> {
    if (!user_obj.is_active || user_obj.is_anonymous || (obj !== null && obj !== undefined)) return new Set();
    const perm_cache_name = `_${from_name}_perm_cache`;
    if (!(perm_cache_name in user_obj)) {
      const perms = user_obj.is_superuser ? Permission.objects.all() : from_name === "user" ? this._get_user_permissions(user_obj) : this._get_group_permissions(user_obj);
      const rows = perms.values_list("content_type__app_label", "codename").order_by() as Iterable<[string, string]>;
      user_obj[perm_cache_name] = new Set([...rows].map(([ct, name]) => `${ct}.${name}`));
      AUTH.event(`ModelBackend: ${from_name} permissions of ${user_obj} loaded`, () => ({ user: String(user_obj), from: from_name, cache: "miss", permissions: [...user_obj[perm_cache_name]] as string[] }));
    } else {
      AUTH.event(`ModelBackend: ${from_name} permissions of ${user_obj} from the cache`, () => ({ user: String(user_obj), from: from_name, cache: "hit" }));
    }
    return user_obj[perm_cache_name];
  }

  override get_user_permissions(user_obj: UserObj, obj: unknown = null): Set<string> {
    return this._get_permissions(user_obj, obj, "user");
  }

  override get_group_permissions(user_obj: UserObj, obj: unknown = null): Set<string> {
    return this._get_permissions(user_obj, obj, "group");
  }

  override get_all_permissions(user_obj: UserObj, obj: unknown = null): Set<string> {
    if (!user_obj.is_active || user_obj.is_anonymous || (obj !== null && obj !== undefined)) return new Set();
    if (!("_perm_cache" in user_obj)) user_obj._perm_cache = super.get_all_permissions(user_obj);
    return user_obj._perm_cache;
  }

  override has_perm(user_obj: UserObj, perm: string, obj: unknown = null): boolean {
    return Boolean(user_obj.is_active) && super.has_perm(user_obj, perm, obj);
  }

  /** Any permission whose app label is `app_label`. */
  has_module_perms(user_obj: UserObj, app_label: string): boolean {
    return Boolean(user_obj.is_active) && [...this.get_all_permissions(user_obj)].some((perm) => perm.slice(0, perm.indexOf(".")) === app_label);
  }

  /** `get_user(user_id)`: the user with that pk, if it may still authenticate. */
  override get_user(user_id: unknown): UserObj | null {
    const UserModel = get_user_model();
    let user: UserObj;
    try {
      user = UserModel._default_manager.get({ pk: user_id });
    } catch (e) {
      if (e instanceof UserModel.DoesNotExist) return null;
      throw e;
    }
    return this.user_can_authenticate(user) ? user : null;
  }
}

/** ModelBackend that lets inactive users sign in too. */
export class AllowAllUsersModelBackend extends ModelBackend {
  override user_can_authenticate(_user: UserObj): boolean {
    return true;
  }
}
