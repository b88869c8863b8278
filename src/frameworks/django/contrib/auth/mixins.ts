/**
 * django.contrib.auth.mixins: the access checks of class-based views → mixins listed before the view.
 *
 *     export const Dashboard = python_class("blog.views", [LoginRequiredMixin, TemplateView], (Base) =>
 *       class Dashboard extends Base { static template_name = "dashboard.html"; });
 *     // anonymous GET /dashboard/ → 302 /accounts/login/?next=/dashboard/
 *
 *     class PostEdit extends … [PermissionRequiredMixin, UpdateView] … { static permission_required = "blog.change_post"; }
 *     // signed in without it → 403 (PermissionDenied); anonymous → the login redirect
 *
 * Each mixin's `dispatch` checks first and then calls `super.dispatch()`, which the MRO (ADR 0008)
 * sends on to the view's own dispatch. `handle_no_permission()` redirects anonymous users to the
 * login page, and refuses signed-in ones (or everyone, with `raise_exception`) with PermissionDenied.
 */
import { NotImplementedError } from "../../../python/builtins";
import { python_class } from "../../../python/mro";
import { urlsplit } from "../../../python/urllib/parse";
import { settings } from "../../conf";
import { ImproperlyConfigured, PermissionDenied } from "../../core/exceptions";
import type { HttpRequest } from "../../http/request";
import type { HttpResponseBase } from "../../http/response";
import { resolve_url } from "../../shortcuts";
import { REDIRECT_FIELD_NAME } from "./index";
import { redirect_to_login } from "./views";

export const AccessMixin = python_class("django.contrib.auth.mixins", [], (Base) =>
  /** Abstract CBV mixin that gives access mixins the same customizable functionality. */
  class AccessMixin extends Base {
    static login_url: string | null = null;
    static permission_denied_message = "";
    static raise_exception = false;
    static redirect_field_name = REDIRECT_FIELD_NAME;
    declare login_url: string | null;
    declare permission_denied_message: string;
    declare raise_exception: boolean;
    declare redirect_field_name: string;

    /** Override this method to override the login_url attribute. */
    get_login_url(): string {
      const login_url = this.login_url || settings.LOGIN_URL;
      const name = this.constructor.name;
      if (!login_url) throw new ImproperlyConfigured(`${name} is missing the login_url attribute. Define ${name}.login_url, settings.LOGIN_URL, or override ${name}.get_login_url().`);
      return String(login_url);
    }

    /** Override this method to override the permission_denied_message attribute. */
    get_permission_denied_message(): string {
      return this.permission_denied_message;
    }

    /** Override this method to override the redirect_field_name attribute. */
    get_redirect_field_name(): string {
      return this.redirect_field_name;
    }

    /** Signed in (or raise_exception): PermissionDenied. Anonymous: the login redirect with `next`. */
    handle_no_permission(): HttpResponseBase {
      const request = this.request as HttpRequest;
      if (this.raise_exception || (request as any).user.is_authenticated) throw new PermissionDenied(this.get_permission_denied_message());
      let path = request.build_absolute_uri();
      const resolved_login_url = resolve_url(this.get_login_url());
      const login = urlsplit(resolved_login_url);
      const current = urlsplit(path);
      if ((!login.scheme || login.scheme === current.scheme) && (!login.netloc || login.netloc === current.netloc)) path = request.get_full_path();
      return redirect_to_login(path, resolved_login_url, this.get_redirect_field_name());
    }
  },
);

/** Verify that the current user is authenticated. */
export const LoginRequiredMixin = python_class("django.contrib.auth.mixins", [AccessMixin], (Base) =>
  class LoginRequiredMixin extends Base {
    dispatch(request: HttpRequest, ...rest: unknown[]): any {
      if (!(request as any).user.is_authenticated) return this.handle_no_permission();
      return super.dispatch(request, ...rest);
    }
  },
);

/** Verify that the current user has all specified permissions. */
export const PermissionRequiredMixin = python_class("django.contrib.auth.mixins", [AccessMixin], (Base) =>
  class PermissionRequiredMixin extends Base {
    static permission_required: string | string[] | null = null;
    declare permission_required: string | string[] | null;

    /** The permissions to check, as a list (a single string is one permission). */
    get_permission_required(): string[] {
      const name = this.constructor.name;
      if (this.permission_required === null || this.permission_required === undefined)
        throw new ImproperlyConfigured(`${name} is missing the permission_required attribute. Define ${name}.permission_required, or override ${name}.get_permission_required().`);
      return typeof this.permission_required === "string" ? [this.permission_required] : [...this.permission_required];
    }

    /** Override this method to customize the way permissions are checked. */
    has_permission(): boolean {
      return (this.request as any).user.has_perms(this.get_permission_required());
    }

    dispatch(request: HttpRequest, ...rest: unknown[]): any {
      if (!this.has_permission()) return this.handle_no_permission();
      return super.dispatch(request, ...rest);
    }
  },
);

/** Deny access unless `test_func()` returns true. */
export const UserPassesTestMixin = python_class("django.contrib.auth.mixins", [AccessMixin], (Base) =>
  class UserPassesTestMixin extends Base {
    test_func(): boolean {
      throw new NotImplementedError(`${this.constructor.name} is missing the implementation of the test_func() method.`);
    }

    /** Override this method to use a different test_func method. */
    get_test_func(): () => boolean {
      return this.test_func;
    }

    dispatch(request: HttpRequest, ...rest: unknown[]): any {
      const user_test_result = this.get_test_func().call(this);
      if (!user_test_result) return this.handle_no_permission();
      return super.dispatch(request, ...rest);
    }
  },
);
