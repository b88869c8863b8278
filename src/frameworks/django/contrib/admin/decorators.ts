/**
 * django.contrib.admin.decorators: attach admin metadata to functions and classes.
 *
 *   admin.register(Book)(BookAdmin)                 → site.register(Book, BookAdmin); returns BookAdmin
 *   admin.display({ description: "Price", boolean: true, ordering: "price" })(fn)
 *                                                   → fn.short_description / .boolean / .admin_order_field
 *   admin.action({ description: "Mark as published", permissions: ["change"] })(fn)
 *                                                   → fn.short_description / .allowed_permissions
 * Python spells them as decorators (`@admin.display(...)`); here they are called on the function.
 */
import { ValueError } from "../../../python/builtins";
import type { AdminSite } from "./sites";
import type { ModelAdmin } from "./options";

export interface DisplayOptions {
  boolean?: boolean;
  ordering?: unknown;
  description?: string;
  empty_value?: string;
}

export interface ActionOptions {
  permissions?: string[];
  description?: string;
}

type AnyFn = (...args: any[]) => any;

/** `display(options)(fn)` or `display(fn, options)`: column metadata on a list_display callable. */
export function display<F extends AnyFn>(fn_or_options: F | DisplayOptions = {}, maybe_options: DisplayOptions = {}): any {
  const decorate = (fn: F, options: DisplayOptions): F => {
    if (options.boolean !== undefined && options.empty_value !== undefined)
      throw new ValueError("The boolean and empty_value arguments to the @display decorator are mutually exclusive.");
    const target = fn as any;
    if (options.boolean !== undefined) target.boolean = options.boolean;
    if (options.ordering !== undefined) target.admin_order_field = options.ordering;
    if (options.description !== undefined) target.short_description = options.description;
    if (options.empty_value !== undefined) target.empty_value_display = options.empty_value;
    return fn;
  };
  if (typeof fn_or_options === "function") return decorate(fn_or_options, maybe_options);
  return (fn: F) => decorate(fn, fn_or_options);
}

/** `action(options)(fn)` or `action(fn, options)`: an admin action's label and required permissions. */
export function action<F extends AnyFn>(fn_or_options: F | ActionOptions = {}, maybe_options: ActionOptions = {}): any {
  const decorate = (fn: F, options: ActionOptions): F => {
    const target = fn as any;
    if (options.permissions !== undefined) target.allowed_permissions = options.permissions;
    if (options.description !== undefined) target.short_description = options.description;
    return fn;
  };
  if (typeof fn_or_options === "function") return decorate(fn_or_options, maybe_options);
  return (fn: F) => decorate(fn, fn_or_options);
}

type AdminClass = new (model: any, site: AdminSite) => ModelAdmin;

/** `register(Model, ...)(AdminClass)`: registers on `options.site` (the default site) and returns the class. */
export function register(...models_and_options: any[]): (admin_class: AdminClass) => AdminClass {
  const last = models_and_options[models_and_options.length - 1];
  const options = last && typeof last === "object" && !Array.isArray(last) && "site" in last ? models_and_options.pop() : {};
  const models = models_and_options;
  return (admin_class: AdminClass) => {
    if (!models.length) throw new ValueError("At least one model must be passed to register.");
    // Imported lazily: sites.ts imports options.ts, which must not depend on the site at load time.
    const admin_site: AdminSite = options.site ?? default_site();
    admin_site.register(models, admin_class);
    return admin_class;
  };
}

let site_getter: (() => AdminSite) | null = null;
/** sites.ts installs the default-site getter (avoids an import cycle). */
export function _set_default_site(getter: () => AdminSite): void {
  site_getter = getter;
}
function default_site(): AdminSite {
  if (!site_getter) throw new ValueError("The admin site is not loaded yet.");
  return site_getter();
}
