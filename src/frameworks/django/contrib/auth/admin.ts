/**
 * django.contrib.auth.admin: the admin pages of auth's own models → GroupAdmin and UserAdmin,
 * registered on the default site when the admin's autodiscover() imports this module (as it
 * imports every installed app's `admin` module): "Groups" and "Users" under "Authentication and
 * Authorization".
 *
 * UserAdmin keeps Django's changelist (username, email, names, staff; filters on the flags and
 * groups; search on names and email; ordered by username), its fieldsets, and an add form asking
 * for a username and the password twice.
 */
import { settings } from "../../conf";
import * as admin from "../admin";
import { Group, User } from "./models";
import { UserCreationForm } from "./forms";

type Request = any;

export class GroupAdmin extends admin.ModelAdmin {
  override search_fields = ["name"];
  override ordering = ["name"];
  override filter_horizontal = ["permissions"];

  /** The permissions select reads each permission's content type in the same query. */
  override formfield_for_manytomany(db_field: any, request: Request = null, kwargs: Record<string, unknown> = {}) {
    if (db_field.name === "permissions") {
      const qs: any = kwargs.queryset ?? db_field.remote_field.model.objects;
      kwargs = { ...kwargs, queryset: qs.select_related("content_type") };
    }
    return super.formfield_for_manytomany(db_field, request, kwargs);
  }
}

export class UserAdmin extends admin.ModelAdmin {
  override add_form_template = "admin/auth/user/add_form.html";
  change_user_password_template: string | null = null;
  override fieldsets: [string | null, { fields: (string | string[])[]; classes?: string[] }][] = [
    [null, { fields: ["username", "password"] }],
    ["Personal info", { fields: ["first_name", "last_name", "email"] }],
    ["Permissions", { fields: ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"] }],
    ["Important dates", { fields: ["last_login", "date_joined"] }],
  ];
  add_fieldsets: [string | null, { fields: (string | string[])[]; classes?: string[] }][] = [[null, { classes: ["wide"], fields: ["username", "password1", "password2"] }]];
  add_form: any = UserCreationForm;
  override list_display = ["username", "email", "first_name", "last_name", "is_staff"];
  override list_filter = ["is_staff", "is_superuser", "is_active", "groups"];
  override search_fields = ["username", "first_name", "last_name", "email"];
  override ordering = ["username"];
  override filter_horizontal = ["groups", "user_permissions"];

  override get_fieldsets(request: Request, obj: any = null) {
    if (!obj) return this.add_fieldsets;
    return super.get_fieldsets(request, obj);
  }

  /** The creation form while adding a user. */
  override get_form(request: Request, obj: any = null, options: Record<string, unknown> = {}) {
    const defaults: Record<string, unknown> = {};
    if (obj === null) defaults.form = this.add_form;
    return super.get_form(request, obj, { ...defaults, ...options });
  }

  /** Lookups on the password hash are never allowed in the changelist's query string. */
  override lookup_allowed(lookup: string, value: unknown, request: Request = null): boolean {
    return !lookup.startsWith("password") && super.lookup_allowed(lookup, value, request);
  }
}

/**
 * The module's top-level registrations. Framework modules load once per page while projects come
 * and go (the registry is emptied between them), so autodiscover() runs this for each project
 * where Python would import the module afresh.
 */
export function __register__(): void {
  if (!admin.site.is_registered(Group)) admin.site.register(Group, GroupAdmin);
  if (settings.AUTH_USER_MODEL === "auth.User" && !admin.site.is_registered(User)) admin.site.register(User, UserAdmin);
}
