/**
 * django.contrib.admin.sites: the registry of models → ModelAdmins, and its URLconf.
 *
 *   admin.site.register(Book, BookAdmin)        (or `admin.register(Book)(BookAdmin)`)
 *   urlpatterns = [path("admin/", admin.site.urls)]
 *
 * `urls` is an include() triple (patterns, app_name "admin", namespace = the site's name):
 *   ""                               index              admin:index
 *   "login/", "logout/"              login / logout     admin:login, admin:logout
 *   "password_change/"(+"done/")     password change    admin:password_change(_done)
 *   "<app_label>/"                   app index          admin:app_list
 *   "<app>/<model>/"                 changelist         admin:<app>_<model>_changelist
 *   "<app>/<model>/add/"             add form           admin:<app>_<model>_add
 *   "<app>/<model>/<path:id>/change/" … /delete/ … /history/
 * Every view but login is wrapped in admin_view: a user who is not active staff is sent to login.
 */
import { redirect_to_login } from "../auth/views";
import { ImproperlyConfigured, PermissionDenied } from "../../core/exceptions";
import { Http404, HttpResponseRedirect } from "../../http/response";
import { TemplateResponse } from "../../template/response";
import { path, include, re_path } from "../../urls";
import { reverse } from "../../urls/base";

import { capfirst } from "../../utils/text";
import { apps as global_apps } from "../../apps";
import { trace_site } from "../../../../trace";
import { AlreadyRegistered, NotRegistered } from "./exceptions";
import { ModelAdmin, type ActionFunction } from "./options";
import { delete_selected } from "./actions";
import { quote } from "./utils";
import { LogEntry } from "./models";
import { _set_default_site } from "./decorators";
import { admin_template } from "./templates";
import { login_view, logout_view, password_change_view } from "./views/auth";

const ADMIN = trace_site("admin", "django/contrib/admin/sites.ts", { eager: true });

type Request = any;
type View = (request: Request, ...args: any[]) => any;

export class AdminSite {
  site_title = "Django site admin";
  site_header = "Django administration";
  index_title = "Site administration";
  site_url: string | null = "/";
  enable_nav_sidebar = true;
  empty_value_display = "-";
  final_catch_all_view = true;
  name: string;
  _registry = new Map<any, ModelAdmin>();
  _actions = new Map<string, ActionFunction>([["delete_selected", delete_selected as ActionFunction]]);
  _global_actions = new Map<string, ActionFunction>(this._actions);

  constructor(name = "admin") {
    this.name = name;
  }

  toString(): string {
    return `${this.constructor.name}(name='${this.name}')`;
  }

  /** Register one model (or several) with a ModelAdmin class (ModelAdmin itself by default). */
  register(model_or_iterable: any, admin_class: (new (model: any, site: AdminSite) => ModelAdmin) | null = null): void {
    const cls = admin_class ?? ModelAdmin;
    for (const model of Array.isArray(model_or_iterable) ? model_or_iterable : [model_or_iterable]) {
      if (model._meta.abstract) throw new ImproperlyConfigured(`The model ${model.name} is abstract, so it cannot be registered with admin.`);
      if (this.is_registered(model)) {
        const registered = this._registry.get(model)!;
        throw new AlreadyRegistered(`The model ${model.name} is already registered with '${registered}'.`);
      }
      this._registry.set(model, new cls(model, this));
    }
  }

  unregister(model_or_iterable: any): void {
    for (const model of Array.isArray(model_or_iterable) ? model_or_iterable : [model_or_iterable]) {
      if (!this.is_registered(model)) throw new NotRegistered(`The model ${model.name} is not registered`);
      this._registry.delete(model);
    }
  }

  is_registered(model: any): boolean {
    return this._registry.has(model);
  }

  get_model_admin(model: any): ModelAdmin {
    const admin = this._registry.get(model);
    if (!admin) throw new NotRegistered(`The model ${model.name} is not registered.`);
    return admin;
  }

  // --- site-wide actions -------------------------------------------------------------------------

  add_action(action: ActionFunction, name: string | null = null): void {
    const key = name ?? action.name;
    this._actions.set(key, action);
    this._global_actions.set(key, action);
  }

  disable_action(name: string): void {
    this._actions.delete(name);
  }

  get_action(name: string): ActionFunction | undefined {
    return this._global_actions.get(name);
  }

  get actions(): [string, ActionFunction][] {
    return [...this._actions.entries()];
  }

  /** LogEntry rows are written only when django.contrib.admin is installed (its table is migrated). */
  logging_enabled(): boolean {
    try {
      return global_apps.is_installed("django.contrib.admin");
    } catch {
      return false;
    }
  }

  /** The signed-in user's last ten LogEntry rows (the index's "Recent actions"). */
  recent_actions(request: Request): any[] {
    if (!this.logging_enabled() || !request.user?.pk) return [];
    return [...LogEntry.objects.filter({ user_id: request.user.pk }).select_related("content_type").order_by("-action_time", "-id").slice(0, 10)];
  }

  // --- permission and context ---------------------------------------------------------------------

  /** Active staff may use the admin. */
  has_permission(request: Request): boolean {
    return Boolean(request.user?.is_active && request.user?.is_staff);
  }

  /** Variables every admin page's template gets (titles, the app list for the sidebar). */
  each_context(request: Request): Record<string, unknown> {
    const script_name = request.META?.SCRIPT_NAME ?? "";
    const site_url = script_name && this.site_url === "/" ? script_name : this.site_url;
    return {
      site_title: this.site_title,
      site_header: this.site_header,
      site_url,
      has_permission: this.has_permission(request),
      available_apps: this.get_app_list(request),
      is_popup: false,
      is_nav_sidebar_enabled: this.enable_nav_sidebar,
      log_entries: [],
    };
  }

  /** `[{name, app_label, app_url, models: [{name, object_name, admin_url, add_url, perms}]}]`, sorted. */
  get_app_list(request: Request, app_label: string | null = null): any[] {
    const apps = new Map<string, any>();
    for (const [model, model_admin] of this._registry) {
      const opts = model._meta;
      if (app_label && opts.app_label !== app_label) continue;
      const perms = { add: model_admin.has_add_permission(request), change: model_admin.has_change_permission(request), delete: model_admin.has_delete_permission(request), view: model_admin.has_view_permission(request) };
      if (!Object.values(perms).some(Boolean)) continue;
      const info = `${this.name}:${opts.app_label}_${opts.model_name}`;
      const app = apps.get(opts.app_label) ?? { name: app_verbose_name(opts), app_label: opts.app_label, app_url: this.safe_reverse(`${this.name}:app_list`, [opts.app_label]), has_module_perms: true, models: [] };
      app.models.push({
        model,
        name: capfirst(opts.verbose_name_plural),
        object_name: opts.object_name,
        perms,
        admin_url: perms.change || perms.view ? this.safe_reverse(`${info}_changelist`) : null,
        add_url: perms.add ? this.safe_reverse(`${info}_add`) : null,
        view_only: !perms.change && !perms.add && !perms.delete,
      });
      apps.set(opts.app_label, app);
    }
    const list = [...apps.values()].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
    for (const app of list) app.models.sort((a: any, b: any) => a.name.localeCompare(b.name));
    return list;
  }

  /** The change-form URL of a registered object (the delete summary links each row to it). */
  reverse_change_url(obj: any): string {
    const opts = obj.constructor._meta;
    return reverse(`${this.name}:${opts.app_label}_${opts.model_name}_change`, { args: [quote(obj.pk)], current_app: this.name });
  }

  private safe_reverse(name: string, args: unknown[] = []): string | null {
    try {
      return reverse(name, { args, current_app: this.name });
    } catch {
      return null;
    }
  }

  // --- views ---------------------------------------------------------------------------------------

  /** Wrap a view: a user who may not use the admin is redirected to the login page with `?next=`. */
  admin_view(view: View): View {
    const site = this;
    const inner = function (request: Request, ...args: any[]) {
      if (!site.has_permission(request)) {
        const login_url = reverse("admin:login", { current_app: site.name });
        return redirect_to_login(request.get_full_path(), login_url);
      }
      return view(request, ...args);
    };
    Object.defineProperty(inner, "name", { value: view.name || "admin_view" });
    return inner;
  }

  render_admin(request: Request, template_name: string, context: Record<string, unknown>, status = 200): TemplateResponse {
    return new TemplateResponse(request, admin_template(template_name), context, { status });
  }

  index(request: Request, extra_context: Record<string, unknown> = {}): TemplateResponse {
    return ADMIN.run("AdminSite.index", () => ({ site: this.name }), () => {
      const app_list = this.get_app_list(request);
      return this.render_admin(request, "admin/index.html", { ...this.each_context(request), title: this.index_title, subtitle: null, app_list, log_entries: this.recent_actions(request), ...extra_context });
    });
  }

  app_index(request: Request, app_label: string, extra_context: Record<string, unknown> = {}): TemplateResponse {
    const app_list = this.get_app_list(request, app_label);
    if (!app_list.length) throw new Http404("The requested admin page does not exist.");
    const app = app_list[0];
    return this.render_admin(request, "admin/app_index.html", { ...this.each_context(request), title: `${app.name} administration`, subtitle: null, app_list, app_label, ...extra_context });
  }

  /** GET shows the form; POST authenticates through django.contrib.auth (when installed). */
  login(request: Request, extra_context: Record<string, unknown> = {}): any {
    if (request.method === "GET" && this.has_permission(request)) return new HttpResponseRedirect(reverse("admin:index", { current_app: this.name }));
    return ADMIN.run("AdminSite.login", () => ({ method: request.method }), () => login_view(this, request, extra_context));
  }

  logout(request: Request, extra_context: Record<string, unknown> = {}): any {
    return logout_view(this, request, extra_context);
  }

  password_change(request: Request, extra_context: Record<string, unknown> = {}): any {
    return password_change_view(this, request, extra_context);
  }

  password_change_done(request: Request, extra_context: Record<string, unknown> = {}): any {
    return this.render_admin(request, "admin/password_change_done.html", { ...this.each_context(request), title: "Password change successful", ...extra_context });
  }

  /** One model's URLs (changelist, add, history, delete, change), named `<app>_<model>_<view>`. */
  model_urls(model_admin: ModelAdmin): any[] {
    const info = `${model_admin.opts.app_label}_${model_admin.opts.model_name}`;
    const wrap = (view: View) => this.admin_view(view);
    const m = model_admin as any;
    const object_view = (name: string) => wrap((request: Request, object_id: string) => call_object_view(m, name, request, object_id));
    return [
      path("", wrap((request: Request) => m.changelist_view(request)), { name: `${info}_changelist` }),
      path("add/", wrap((request: Request) => call_optional(m, "add_view", request)), { name: `${info}_add` }),
      path("<path:object_id>/history/", object_view("history_view"), { name: `${info}_history` }),
      path("<path:object_id>/delete/", object_view("delete_view"), { name: `${info}_delete` }),
      path("<path:object_id>/change/", object_view("change_view"), { name: `${info}_change` }),
      path("<path:object_id>/", wrap((request: Request) => new HttpResponseRedirect(`${request.path}change/`)), { name: `${info}_redirect_to_change` }),
    ];
  }

  get_urls(): any[] {
    const wrap = (view: View) => this.admin_view(view);
    const urlpatterns: any[] = [
      path("", wrap((r: Request) => this.index(r)), { name: "index" }),
      path("login/", (r: Request) => this.login(r), { name: "login" }),
      path("logout/", wrap((r: Request) => this.logout(r)), { name: "logout" }),
      path("password_change/", wrap((r: Request) => this.password_change(r)), { name: "password_change" }),
      path("password_change/done/", wrap((r: Request) => this.password_change_done(r)), { name: "password_change_done" }),
    ];
    const app_labels = new Set<string>();
    for (const [model, model_admin] of this._registry) {
      urlpatterns.push(path(`${model._meta.app_label}/${model._meta.model_name}/`, include(model_admin.urls)));
      app_labels.add(model._meta.app_label);
    }
    if (app_labels.size) urlpatterns.push(re_path(`^(?P<app_label>${[...app_labels].join("|")})/$`, wrap((r: Request, ...args: any[]) => this.app_index(r, kwarg(args, "app_label"))), { name: "app_list" }));
    return urlpatterns;
  }

  /** `path("admin/", site.urls)`: the patterns, app_name "admin", namespace = this site's name. */
  get urls(): readonly [any[], string, string] {
    return [this.get_urls(), "admin", this.name];
  }
}

function app_verbose_name(opts: any): string {
  try {
    return String(opts.apps?.get_app_config?.(opts.app_label)?.verbose_name ?? capfirst(opts.app_label));
  } catch {
    return capfirst(opts.app_label);
  }
}

/** A view called with kwargs gets them as a trailing object (the resolver's convention). */
function kwarg(args: any[], name: string): string {
  const last = args[args.length - 1];
  return last && typeof last === "object" && name in last ? last[name] : args[0];
}

function call_object_view(model_admin: any, name: string, request: Request, object_id: unknown): any {
  const id = typeof object_id === "object" && object_id !== null ? (object_id as any).object_id : object_id;
  return call_optional(model_admin, name, request, id);
}

function call_optional(model_admin: any, name: string, request: Request, ...args: unknown[]): any {
  if (typeof model_admin[name] !== "function") throw new PermissionDenied(`${model_admin.constructor.name}.${name} is not available yet`);
  return model_admin[name](request, ...args);
}


/** The default site: `admin.site`. */
export const site = new AdminSite();

_set_default_site(() => site);
