/**
 * django.contrib.auth.management: after `migrate`, every model → its four default permissions
 * (`add_`, `change_`, `delete_`, `view_`) plus those in `Meta.permissions`, as rows of auth_permission.
 * Main function: `create_permissions`, the `post_migrate` receiver AuthConfig.ready() connects.
 *
 *     migrate()   // post_migrate(sender=blog's AppConfig) → create_permissions:
 *                 // INSERT INTO "auth_permission" ("name", "content_type_id", "codename")
 *                 //   VALUES ('Can add post', 7, 'add_post'), ('Can change post', 7, 'change_post'), …
 *
 * Permissions already present are left alone; nothing is ever deleted here.
 */
import { span_set, trace_site } from "../../../../../trace";
import { apps as global_apps, type Apps } from "../../../apps/registry";
import type { AppConfig } from "../../../apps/config";
import { DEFAULT_DB_ALIAS } from "../../../db/utils";
import { LookupError } from "../../../../python/builtins";
import { import_module } from "../../../utils/module_loading";
import { get_permission_codename } from "../index";

const AUTH = trace_site("auth", "django/contrib/auth/management/index.ts", { eager: true });

interface OptionsLike {
  model_name: string;
  verbose_name: string;
  meta: { default_permissions?: string[]; permissions?: [string, string][] };
}

/** `_get_builtin_permissions(opts)`: `[codename, name]` for each of Meta.default_permissions. */
export function _get_builtin_permissions(opts: OptionsLike): [string, string][] {
  const actions = opts.meta.default_permissions ?? ["add", "change", "delete", "view"];
  return actions.map((action): [string, string] => [get_permission_codename(action, opts), `Can ${action} ${opts.verbose_name}`]);
}

/** `_get_all_permissions(opts)`: the built-in ones, then Meta.permissions. */
export function _get_all_permissions(opts: OptionsLike): [string, string][] {
  return [..._get_builtin_permissions(opts), ...(opts.meta.permissions ?? [])];
}

export interface CreatePermissionsOptions {
  app_config?: AppConfig;
  verbosity?: number;
  interactive?: boolean;
  using?: string;
  apps?: Apps;
  /** Where "Adding permission '…'" lines go (verbosity ≥ 2). */
  stdout?: (line: string) => void;
  [key: string]: unknown;
}

/**
 * `create_permissions(app_config, verbosity=2, interactive=True, using="default", apps=global_apps)`.
 * Called as a post_migrate receiver `(sender, kwargs)` or directly with `(app_config, options)`.
 */
export function create_permissions(sender: AppConfig | unknown, options: CreatePermissionsOptions = {}): void {
  const app_config = (options.app_config ?? sender) as AppConfig;
  if (!app_config?.models_module) return;
  AUTH.run(`create_permissions(${app_config.label})`, () => ({ app: app_config.label }), (span) => {
    create_contenttypes_first(app_config, options);
    const apps = options.apps ?? global_apps;
    const using = options.using ?? DEFAULT_DB_ALIAS;
    let ContentType: any;
    let Permission: any;
    try {
      ContentType = apps.get_model("contenttypes", "ContentType");
      Permission = apps.get_model("auth", "Permission");
    } catch (e) {
      if (e instanceof LookupError) return;
      throw e;
    }
    const searched: [any, [string, string]][] = [];
    const ctypes: any[] = [];
    for (const klass of apps.get_app_config(app_config.label).get_models() as any[]) {
      const ctype = ContentType.objects.db_manager(using).get_for_model(klass, { for_concrete_model: false });
      ctypes.push(ctype);
      for (const perm of _get_all_permissions(klass._meta)) searched.push([ctype, perm]);
    }
    const existing = new Set(
      ([...Permission.objects.using(using).filter({ content_type__in: ctypes.map((ct) => ct.pk) }).values_list("content_type", "codename")] as [number, string][]).map(([ct, codename]) => `${ct}:${codename}`),
    );
    const perms = searched
      .filter(([ct, [codename]]) => !existing.has(`${ct.pk}:${codename}`))
      .map(([ct, [codename, name]]) => {
        const permission = new Permission({ codename, name, content_type: ct });
        permission._state.db = using;
        return permission;
      });
    if (perms.length) Permission.objects.using(using).bulk_create(perms);
    if ((options.verbosity ?? 2) >= 2) for (const perm of perms) options.stdout?.(`Adding permission '${perm}'`);
    span_set(span, () => ({ created: perms.map((p: any) => p.codename as string) }));
  });
}

/** Django calls contenttypes' `create_contenttypes` first; `get_for_model` would create them anyway. */
function create_contenttypes_first(app_config: AppConfig, options: CreatePermissionsOptions): void {
  let management: Record<string, any>;
  try {
    management = import_module("django.contrib.contenttypes.management");
  } catch {
    return;
  }
  if (typeof management.create_contenttypes === "function") management.create_contenttypes(app_config, { ...options, app_config });
}

/** `get_system_username()`: there is no operating-system user in the page. */
export function get_system_username(): string {
  return "";
}

/** `get_default_username(check_db=True)`: Django suggests the OS user name; here there is none. */
export function get_default_username(): string {
  return "";
}
