/**
 * django.contrib.admin.sites: the registry of models → ModelAdmins, and its URLconf.
 *
 *   admin.site.register(Book, BookAdmin)        (or `admin.register(Book)(BookAdmin)`)
 *   urlpatterns = [path("admin/", admin.site.urls)]
 *
 * `urls` is an include() triple (patterns, app_name "admin", namespace = the site's name):
 *   ""                               index              admin:index
 *   "login/", "logout/"              auth's LoginView / LogoutView with the admin's templates
 *   "password_change/"(+"done/")     auth's PasswordChangeView / PasswordChangeDoneView
 *   "jsi18n/"                        the JavaScript translation catalog the admin's scripts load
 *   "r/<ct>/<id>/"                   "View on site": a redirect to the object's get_absolute_url()
 *   "<app>/<model>/…"                each ModelAdmin's views (changelist, add, change, delete, history)
 *   "<app_label>/"                   app index          admin:app_list
 *   anything else                    catch_all_view: a slash appended, else 404
 * Every view but login is wrapped in admin_view: a user who is not active staff is sent to login.
 * Pages render through the project's template engine (TemplateResponse), which finds the admin's
 * templates under `django/contrib/admin/templates/` — or the project's overrides first.
 */
import { LoginView, LogoutView, PasswordChangeView, PasswordChangeDoneView, redirect_to_login, add_never_cache_headers } from "../auth/views";
import { REDIRECT_FIELD_NAME } from "../auth";
import { ImproperlyConfigured, ObjectDoesNotExist } from "../../core/exceptions";
import { Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect } from "../../http/response";
import { TemplateResponse } from "../../template/response";
import { path, include, re_path } from "../../urls";
import { reverse, resolve } from "../../urls/base";
import { Resolver404, NoReverseMatch } from "../../urls/exceptions";
import { csrf_protect } from "../../views/decorators/csrf";
import { settings } from "../../conf";
import { capfirst } from "../../utils/text";
import { apps as global_apps } from "../../apps";
import { ValueError } from "../../../python/builtins";
import { trace_site } from "../../../../trace";
import { AlreadyRegistered, NotRegistered } from "./exceptions";
import { ModelAdmin, type ActionFunction } from "./options";
import { delete_selected } from "./actions";
import { quote } from "./utils";
import { LogEntry } from "./models";
import { AdminAuthenticationForm } from "./forms";
import { _set_default_site } from "./decorators";
import { javascript_catalog } from "./jsi18n";
import { AutocompleteJsonView } from "./views/autocomplete";
import "./templates";

const ADMIN = trace_site("admin", "django/contrib/admin/sites.ts", { eager: true });

type Request = any;
const OPTIONS_MODULE = "django.contrib.admin.options";
type View = ((request: Request, ...args: any[]) => any) & { csrf_exempt?: boolean };

export class AdminSite {
  site_title = "Django site admin";
  site_header = "Django administration";
  index_title = "Site administration";
  site_url: string | null = "/";
  enable_nav_sidebar = true;
  empty_value_display = "-";
  login_form: any = null;
  index_template: string | null = null;
  app_index_template: string | null = null;
  login_template: string | null = null;
  logout_template: string | null = null;
  password_change_template: string | null = null;
  password_change_done_template: string | null = null;
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

  /** A site-wide action by name, even a disabled one (a ModelAdmin may name it in `actions`). */
  get_action(name: string): ActionFunction | undefined {
    return this._global_actions.get(name);
  }

  get actions(): [string, ActionFunction][] {
    return [...this._actions.entries()];
  }

  // --- helpers the ModelAdmins use -----------------------------------------------------------------

  /** settings.DEBUG (the admin loads unminified scripts then). */
  debug(): boolean {
    try {
      return Boolean(settings.DEBUG);
    } catch {
      return false;
    }
  }

  /**
   * LogEntry (the `django_admin_log` table), or null when django.contrib.admin is not an installed
   * app (a site mounted in a bare test): Django requires the app, the lab's unit tests mount sites
   * without an app registry.
   */
  log_entry_model(): typeof LogEntry | null {
    try {
      return global_apps.is_installed("django.contrib.admin") ? LogEntry : null;
    } catch {
      return null;
    }
  }

  /** The ContentType pk of a model (change forms carry it for "View on site"). */
  content_type_id_for(model: any): number | null {
    try {
      const ContentType = global_apps.get_model("contenttypes", "ContentType") as any;
      return ContentType.objects.get_for_model(model, { for_concrete_model: false }).pk;
    } catch {
      return null;
    }
  }

  // --- permission and context ---------------------------------------------------------------------

  /** Active staff may use the admin. */
  has_permission(request: Request): boolean {
    return Boolean(request.user?.is_active && request.user?.is_staff);
  }

  /**
   * Wrap a view: a user who may not use the admin is redirected to the login page with `?next=`
   * (from the logout page, to the index). The view is never cached and is CSRF-protected.
   */
  admin_view(view: View, cacheable = false): View {
    const site = this;
    let inner: View = function (request: Request, ...args: any[]) {
      if (!site.has_permission(request)) {
        if (request.path === reverse("admin:logout", { current_app: site.name })) return new HttpResponseRedirect(reverse("admin:index", { current_app: site.name }));
        return redirect_to_login(request.get_full_path(), reverse("admin:login", { current_app: site.name }));
      }
      return view(request, ...args);
    };
    if (!cacheable) {
      const uncached = inner;
      inner = function (request: Request, ...args: any[]) {
        const response = uncached(request, ...args);
        add_never_cache_headers(response);
        return response;
      };
    }
    if (!view.csrf_exempt) inner = csrf_protect(inner) as View;
    // functools.update_wrapper(inner, view): the view's name and module.
    Object.defineProperty(inner, "name", { value: view.name || "admin_view", configurable: true });
    (inner as { __module__?: unknown }).__module__ = (view as { __module__?: unknown }).__module__;
    return inner;
  }

  /** Variables every admin page's template gets (titles, the sidebar's app list, the log entries). */
  each_context(request: Request): Record<string, unknown> {
    const script_name = request.META?.SCRIPT_NAME ?? "";
    const site_url = this.site_url === "/" && script_name ? script_name : this.site_url;
    return {
      site_title: this.site_title,
      site_header: this.site_header,
      site_url,
      has_permission: this.has_permission(request),
      available_apps: this.get_app_list(request),
      is_popup: false,
      is_nav_sidebar_enabled: this.enable_nav_sidebar,
      log_entries: this.get_log_entries(request),
    };
  }

  /** The LogEntry rows the index's "Recent actions" filters (`{% get_admin_log %}`). */
  get_log_entries(_request: Request): any {
    return LogEntry.objects.select_related("content_type", "user");
  }

  /** `{app_label: {name, app_label, app_url, has_module_perms, models: [{name, object_name, perms, admin_url, add_url, view_only}]}}`. */
  _build_app_dict(request: Request, label: string | null = null): Map<string, any> {
    const app_dict = new Map<string, any>();
    for (const [model, model_admin] of this._registry) {
      const opts = model._meta;
      if (label && opts.app_label !== label) continue;
      if (!model_admin.has_module_permission(request)) continue;
      const perms = model_admin.get_model_perms(request);
      if (!Object.values(perms).some(Boolean)) continue;
      const info = `${opts.app_label}_${opts.model_name}`;
      const model_dict: Record<string, unknown> = { model, name: capfirst(String(opts.verbose_name_plural)), object_name: opts.object_name, perms, admin_url: null, add_url: null };
      if (perms.change || perms.view) {
        model_dict.view_only = !perms.change;
        model_dict.admin_url = this.safe_reverse(`admin:${info}_changelist`);
      }
      if (perms.add) model_dict.add_url = this.safe_reverse(`admin:${info}_add`);
      const app = app_dict.get(opts.app_label);
      if (app) app.models.push(model_dict);
      else
        app_dict.set(opts.app_label, {
          name: String(((opts.app_config as { verbose_name?: string } | null) ?? global_apps.get_app_config(opts.app_label)).verbose_name),
          app_label: opts.app_label,
          app_url: reverse("admin:app_list", { kwargs: { app_label: opts.app_label }, current_app: this.name }),
          has_module_perms: true,
          models: [model_dict],
        });
    }
    return app_dict;
  }

  /** The apps the user may see, sorted by name (case-insensitively), each app's models by name. */
  get_app_list(request: Request, app_label: string | null = null): any[] {
    const by_code_points = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const app_list = [...this._build_app_dict(request, app_label).values()].sort((a, b) => by_code_points(a.name.toLowerCase(), b.name.toLowerCase()));
    for (const app of app_list) app.models.sort((a: any, b: any) => by_code_points(a.name, b.name));
    return app_list;
  }

  private safe_reverse(name: string): string | null {
    try {
      return reverse(name, { current_app: this.name });
    } catch (e) {
      if (e instanceof NoReverseMatch) return null;
      throw e;
    }
  }

  /** The change-form URL of a registered object (the delete summary links each row to it). */
  reverse_change_url(obj: any): string {
    const opts = obj.constructor._meta;
    return reverse(`${this.name}:${opts.app_label}_${opts.model_name}_change`, { args: [quote(obj.pk)], current_app: this.name });
  }

  // --- views ---------------------------------------------------------------------------------------

  index(request: Request, extra_context: Record<string, unknown> | null = null): TemplateResponse {
    return ADMIN.run("AdminSite.index", () => ({ site: this.name }), () => {
      const context = { ...this.each_context(request), title: this.index_title, subtitle: null, app_list: this.get_app_list(request), ...(extra_context ?? {}) };
      request.current_app = this.name;
      return new TemplateResponse(request, this.index_template ?? "admin/index.html", context);
    });
  }

  app_index(request: Request, app_label: string, extra_context: Record<string, unknown> | null = null): TemplateResponse {
    const app_list = this.get_app_list(request, app_label);
    if (!app_list.length) throw new Http404("The requested admin page does not exist.");
    const context = { ...this.each_context(request), title: `${app_list[0].name} administration`, subtitle: null, app_list, app_label, ...(extra_context ?? {}) };
    request.current_app = this.name;
    return new TemplateResponse(request, this.app_index_template ?? [`admin/${app_label}/app_index.html`, "admin/app_index.html"], context);
  }

  /** auth's LoginView with AdminAuthenticationForm and admin/login.html; a signed-in admin goes to the index. */
  login(request: Request, extra_context: Record<string, unknown> | null = null): any {
    if (request.method === "GET" && this.has_permission(request)) return new HttpResponseRedirect(reverse("admin:index", { current_app: this.name }));
    return ADMIN.run("AdminSite.login", () => ({ method: request.method }), () => {
      const context: Record<string, unknown> = { ...this.each_context(request), title: "Log in", subtitle: null, app_path: request.get_full_path(), username: request.user.get_username() };
      if (!request.GET.__contains__(REDIRECT_FIELD_NAME) && !request.POST.__contains__(REDIRECT_FIELD_NAME)) context[REDIRECT_FIELD_NAME] = reverse("admin:index", { current_app: this.name });
      Object.assign(context, extra_context ?? {});
      request.current_app = this.name;
      return (LoginView as any).as_view({ extra_context: context, authentication_form: this.login_form ?? AdminAuthenticationForm, template_name: this.login_template ?? "admin/login.html" })(request);
    });
  }

  logout(request: Request, extra_context: Record<string, unknown> | null = null): any {
    const defaults: Record<string, unknown> = { extra_context: { ...this.each_context(request), has_permission: false, ...(extra_context ?? {}) } };
    if (this.logout_template !== null) defaults.template_name = this.logout_template;
    request.current_app = this.name;
    return (LogoutView as any).as_view(defaults)(request);
  }

  password_change(request: Request, extra_context: Record<string, unknown> | null = null): any {
    const defaults: Record<string, unknown> = { success_url: reverse("admin:password_change_done", { current_app: this.name }), extra_context: { ...this.each_context(request), ...(extra_context ?? {}) } };
    if (this.password_change_template !== null) defaults.template_name = this.password_change_template;
    request.current_app = this.name;
    return (PasswordChangeView as any).as_view(defaults)(request);
  }

  password_change_done(request: Request, extra_context: Record<string, unknown> | null = null): any {
    const defaults: Record<string, unknown> = { extra_context: { ...this.each_context(request), ...(extra_context ?? {}) } };
    if (this.password_change_done_template !== null) defaults.template_name = this.password_change_done_template;
    request.current_app = this.name;
    return (PasswordChangeDoneView as any).as_view(defaults)(request);
  }

  /** The JSON of autocomplete widgets (views/autocomplete.ts). */
  autocomplete_view(request: Request): any {
    return AutocompleteJsonView(this, request);
  }

  /** The translation catalog the admin's JavaScript reads (`/admin/jsi18n/`). */
  i18n_javascript(_request: Request): HttpResponse {
    return new HttpResponse(javascript_catalog(), { content_type: "text/javascript; charset=utf-8" });
  }

  /** `/admin/r/<content_type_id>/<object_id>/`: redirect to the object's page (contenttypes' shortcut). */
  view_on_site(request: Request, content_type_id: string, object_id: string): any {
    const ContentType = global_apps.get_model("contenttypes", "ContentType") as any;
    let obj: any;
    let content_type: any;
    try {
      content_type = ContentType.objects.get({ pk: content_type_id });
      if (!content_type.model_class()) throw new Http404(`Content type ${content_type_id} object has no associated model`);
      obj = content_type.get_object_for_this_type({ pk: object_id });
    } catch (e) {
      if (e instanceof ObjectDoesNotExist || e instanceof ValueError) throw new Http404(`Content type ${content_type_id} object ${object_id} doesn’t exist`);
      throw e;
    }
    if (typeof obj.get_absolute_url !== "function") throw new Http404(`${content_type.name} objects don’t have a get_absolute_url() method`);
    const absurl: string = obj.get_absolute_url();
    if (/^(https?:)?\/\//.test(absurl)) return new HttpResponseRedirect(absurl);
    return new HttpResponseRedirect(`${request.scheme}://${request.get_host()}${absurl}`);
  }

  /** An admin URL that matched nothing: with APPEND_SLASH, the same path with a slash if that resolves; else 404. */
  catch_all_view(request: Request, url: string): any {
    if (settings.APPEND_SLASH && !url.endsWith("/")) {
      try {
        const match = resolve(`${request.path_info}/`, request.urlconf ?? null);
        if ((match.func as { should_append_slash?: boolean }).should_append_slash ?? true) return new HttpResponsePermanentRedirect(request.get_full_path(true));
      } catch (e) {
        if (!(e instanceof Resolver404)) throw e;
      }
    }
    throw new Http404();
  }

  /** One model's URLs (changelist, add, history, delete, change), named `<app>_<model>_<view>`. */
  model_urls(model_admin: ModelAdmin): any[] {
    const info = `${model_admin.opts.app_label}_${model_admin.opts.model_name}`;
    const wrap = (view: View) => {
      const wrapper = this.admin_view(view);
      (wrapper as any).model_admin = model_admin;
      return wrapper;
    };
    const m = model_admin as any;
    const object_view = (name: string) => named(name, (request: Request, kwargs: { object_id: string }) => m[name](request, kwargs.object_id), OPTIONS_MODULE);
    return [
      path("", wrap(named("changelist_view", (request: Request) => m.changelist_view(request), OPTIONS_MODULE)), { name: `${info}_changelist` }),
      path("add/", wrap(named("add_view", (request: Request) => m.add_view(request), OPTIONS_MODULE)), { name: `${info}_add` }),
      path("<path:object_id>/history/", wrap(object_view("history_view")), { name: `${info}_history` }),
      path("<path:object_id>/delete/", wrap(object_view("delete_view")), { name: `${info}_delete` }),
      path("<path:object_id>/change/", wrap(object_view("change_view")), { name: `${info}_change` }),
      path("<path:object_id>/", wrap(named("RedirectView", (request: Request, kwargs: { object_id: string }) => new HttpResponseRedirect(reverse(`${this.name}:${info}_change`, { kwargs, current_app: this.name })), "django.views.generic.base")), {}),
    ];
  }

  get_urls(): any[] {
    const wrap = (view: View, cacheable = false) => {
      const wrapper = this.admin_view(view, cacheable);
      (wrapper as any).admin_site = this;
      return wrapper;
    };
    const urlpatterns: any[] = [
      path("", wrap(named("index", (r: Request) => this.index(r))), { name: "index" }),
      path("login/", named("login", (r: Request) => this.login(r)), { name: "login" }),
      path("logout/", wrap(named("logout", (r: Request) => this.logout(r))), { name: "logout" }),
      path("password_change/", wrap(named("password_change", (r: Request) => this.password_change(r)), true), { name: "password_change" }),
      path("password_change/done/", wrap(named("password_change_done", (r: Request) => this.password_change_done(r)), true), { name: "password_change_done" }),
      path("autocomplete/", wrap(named("autocomplete_view", (r: Request) => this.autocomplete_view(r))), { name: "autocomplete" }),
      path("jsi18n/", wrap(named("i18n_javascript", (r: Request) => this.i18n_javascript(r)), true), { name: "jsi18n" }),
      path("r/<path:content_type_id>/<path:object_id>/", wrap(named("shortcut", (r: Request, kw: { content_type_id: string; object_id: string }) => this.view_on_site(r, kw.content_type_id, kw.object_id), "django.contrib.contenttypes.views")), { name: "view_on_site" }),
    ];
    const valid_app_labels: string[] = [];
    for (const [model, model_admin] of this._registry) {
      urlpatterns.push(path(`${model._meta.app_label}/${model._meta.model_name}/`, include(model_admin.urls)));
      if (!valid_app_labels.includes(model._meta.app_label)) valid_app_labels.push(model._meta.app_label);
    }
    if (valid_app_labels.length)
      urlpatterns.push(re_path(`^(?P<app_label>${valid_app_labels.join("|")})/$`, wrap(named("app_index", (r: Request, kw: { app_label: string }) => this.app_index(r, kw.app_label))), { name: "app_list" }));
    if (this.final_catch_all_view) urlpatterns.push(re_path("(?P<url>.*)$", wrap(named("catch_all_view", (r: Request, kw: { url: string }) => this.catch_all_view(r, kw.url)))));
    return urlpatterns;
  }

  /** `path("admin/", site.urls)`: the patterns, app_name "admin", namespace = this site's name. */
  get urls(): readonly [any[], string, string] {
    return [this.get_urls(), "admin", this.name];
  }
}

/**
 * A view function named as Django's bound method is (`django.contrib.admin.sites.index`): the
 * trace, the resolver's `_func_path` and the debug page show it.
 */
function named<F extends (...args: any[]) => any>(name: string, fn: F, module = "django.contrib.admin.sites"): F {
  Object.defineProperty(fn, "name", { value: name, configurable: true });
  (fn as { __module__?: string }).__module__ = module;
  return fn;
}

/** The default site: `admin.site`. */
export const site = new AdminSite();

_set_default_site(() => site);
