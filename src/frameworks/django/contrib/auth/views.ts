/**
 * django.contrib.auth.views: the sign-in pages → class-based views (LoginView, LogoutView,
 * PasswordChangeView, PasswordChangeDoneView, and the four steps of a forgotten password:
 * PasswordResetView, PasswordResetDoneView, PasswordResetConfirmView, PasswordResetCompleteView),
 * and `redirect_to_login`, the redirect `login_required` answers with.
 *
 *     urlpatterns = [
 *       path("accounts/login/", LoginView.as_view()),      // GET: the form; POST: authenticate → login → 302
 *       path("accounts/logout/", LogoutView.as_view()),    // POST only (Django 5): logout → 302 or logged_out.html
 *       path("accounts/", include("django.contrib.auth.urls")),   // all eight, with Django's names
 *     ]
 *     redirect_to_login("/secret/?a=1", "/accounts/login/")
 *     // 302 Location: /accounts/login/?next=/secret/%3Fa%3D1
 *
 * A reset, step by step: POST an address to password_reset/ (PasswordResetForm mails a link to
 * each matching user, then 302 → password_reset/done/ whether or not anyone matched); the link
 * reset/<uidb64>/<token>/ stores the token in the session (INTERNAL_RESET_SESSION_TOKEN) and 302s
 * to reset/<uidb64>/set-password/, so the token never sits in a URL a Referer could leak; that page
 * asks for the new password twice (SetPasswordForm), then 302 → reset/done/. A wrong user or
 * token shows "Password reset unsuccessful" (200, validlink false).
 *
 * Templates: as in Django, `django.contrib.auth` ships none of the pages (only
 * `registration/password_reset_subject.txt`); the admin app ships every `registration/*.html`
 * except login.html, so they are found whenever django.contrib.admin is installed, and a project
 * writes its own under its templates folder. Each view carries the decorators Django's does:
 * `never_cache` (`Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private`) on
 * login, logout and the reset confirmation; `csrf_protect` on login, logout, password change and
 * the reset request; `login_required` on the two password-change pages.
 */
import { python_class } from "../../../python/mro";
import { OverflowError, TypeError, ValueError } from "../../../python/builtins";
import { utf8_decode } from "../../../python/bytes";
import { urlsplit, urlunsplit } from "../../../python/urllib/parse";
import { settings } from "../../conf";
import { ImproperlyConfigured, ValidationError } from "../../core/exceptions";
import { QueryDict, type HttpRequest } from "../../http/request";
import { HttpResponseRedirect, type HttpResponseBase } from "../../http/response";
import { resolve_url } from "../../shortcuts";
import { reverse } from "../../urls/base";
import { url_has_allowed_host_and_scheme, urlsafe_base64_decode } from "../../utils/http";
import { add_never_cache_headers } from "../../utils/cache";
import { csrf_protect } from "../../views/decorators/csrf";
import { TemplateView, type Kwargs, type Context } from "../../views/generic/base";
import { FormView } from "../../views/generic/edit";
import { get_user_model, login as auth_login, logout as auth_logout, update_session_auth_hash, REDIRECT_FIELD_NAME } from "./index";
import { AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm, get_current_site } from "./forms";
import { default_token_generator } from "./tokens";

/**
 * `redirect_to_login(next, login_url=None, redirect_field_name="next")`: LOGIN_URL with `next`
 * added to its query string (slashes left readable, everything else percent-encoded).
 */
export function redirect_to_login(next: string, login_url: string | null = null, redirect_field_name: string | null = REDIRECT_FIELD_NAME): HttpResponseRedirect {
  const resolved_url = resolve_url(login_url || settings.LOGIN_URL);
  const parts = urlsplit(resolved_url);
  let query = parts.query;
  if (redirect_field_name) {
    const querystring = new QueryDict(query, { mutable: true });
    querystring.setitem(redirect_field_name, next);
    query = querystring.urlencode("/");
  }
  return new HttpResponseRedirect(urlunsplit([parts.scheme, parts.netloc, parts.path, query, parts.fragment]));
}

/** `@method_decorator(csrf_protect)` on dispatch: the CSRF check even without the middleware. */
function csrf_protected_dispatch(request: HttpRequest, dispatch: () => any): HttpResponseBase {
  const run = (_request: HttpRequest): any => dispatch();
  return csrf_protect(run)(request) as HttpResponseBase;
}

/** `@method_decorator(never_cache)` on dispatch: the response must not be cached anywhere. */
function never_cache_dispatch(dispatch: () => any): HttpResponseBase {
  const response = dispatch() as HttpResponseBase;
  add_never_cache_headers(response);
  return response;
}

/**
 * `never_cache` + `csrf_protect` around a view's dispatch, as Django's
 * `@method_decorator([csrf_protect, never_cache], name="dispatch")` does.
 */
function protected_dispatch(request: HttpRequest, dispatch: () => any): HttpResponseBase {
  return csrf_protected_dispatch(request, () => never_cache_dispatch(dispatch));
}

/**
 * `@method_decorator(login_not_required, name="dispatch")`: LoginRequiredMiddleware lets the view
 * through (as_view copies the mark from dispatch to the view function). The sign-in and reset pages
 * carry it: nobody can be signed in before logging in or after forgetting a password.
 */
function login_not_required_dispatch(view_class: { prototype: { dispatch: unknown } }): void {
  (view_class.prototype.dispatch as { login_required?: boolean }).login_required = false;
}

/** Django imports it from django.utils.cache; kept here for the admin, which imports it with the views. */
export { add_never_cache_headers };

export const RedirectURLMixin = python_class("django.contrib.auth.views", [], (Base) =>
  /** Where to go after the form: a safe `next` from POST or GET, else the view's default. */
  class RedirectURLMixin extends Base {
    static next_page: string | null = null;
    static redirect_field_name = REDIRECT_FIELD_NAME;
    static success_url_allowed_hosts: string[] = [];
    declare next_page: string | null;
    declare redirect_field_name: string;
    declare success_url_allowed_hosts: string[];

    get_success_url(): string {
      return this.get_redirect_url() || this.get_default_redirect_url();
    }

    /** `next` from POST, else GET — only if it stays on an allowed host (no open redirects). */
    get_redirect_url(): string {
      const request = this.request as HttpRequest;
      const redirect_to = request.POST.get(this.redirect_field_name, request.GET.get(this.redirect_field_name)) as string | null;
      const url_is_safe = url_has_allowed_host_and_scheme(redirect_to, this.get_success_url_allowed_hosts(), request.is_secure());
      return url_is_safe ? String(redirect_to) : "";
    }

    get_success_url_allowed_hosts(): Set<string> {
      return new Set([(this.request as HttpRequest).get_host(), ...this.success_url_allowed_hosts]);
    }

    get_default_redirect_url(): string {
      if (this.next_page) return resolve_url(this.next_page);
      throw new ImproperlyConfigured("No URL to redirect to. Provide a next_page.");
    }
  },
);

export const LoginView = python_class("django.contrib.auth.views", [RedirectURLMixin, FormView], (Base) =>
  /** Display the login form and handle the login action. */
  class LoginView extends Base {
    static override form_class: any = AuthenticationForm;
    static authentication_form: any = null;
    static override template_name = "registration/login.html";
    static redirect_authenticated_user = false;
    static override extra_context: Context | null = null;
    declare authentication_form: any;
    declare redirect_authenticated_user: boolean;

    override dispatch(request: HttpRequest, ...rest: unknown[]): any {
      return protected_dispatch(request, () => {
        if (this.redirect_authenticated_user && (request as any).user.is_authenticated) {
          const redirect_to = this.get_success_url();
          if (redirect_to === request.path)
            throw new ValueError("Redirection loop for authenticated user detected. Check that your LOGIN_REDIRECT_URL doesn't point to a login page.");
          return new HttpResponseRedirect(redirect_to);
        }
        return super.dispatch(request, ...rest);
      });
    }

    override get_default_redirect_url(): string {
      return resolve_url(this.next_page ? this.next_page : settings.LOGIN_REDIRECT_URL);
    }

    override get_form_class(): any {
      return this.authentication_form || this.form_class;
    }

    override get_form_kwargs(): Kwargs {
      return { ...super.get_form_kwargs(), request: this.request };
    }

    /** The credentials were right: log the user in, then redirect. */
    override form_valid(form: any): HttpResponseBase {
      auth_login(this.request as any, form.get_user());
      return new HttpResponseRedirect(this.get_success_url());
    }

    override get_context_data(kwargs: Kwargs = {}): Context {
      const context = super.get_context_data(kwargs);
      const site = get_current_site(this.request);
      return Object.assign(context, { [this.redirect_field_name]: this.get_redirect_url(), site, site_name: site.name, ...(this.extra_context ?? {}) });
    }
  },
);

login_not_required_dispatch(LoginView);

export const LogoutView = python_class("django.contrib.auth.views", [RedirectURLMixin, TemplateView], (Base) =>
  /** Log out the user and display the "You are logged out" message. POST only since Django 5.0. */
  class LogoutView extends Base {
    static override http_method_names = ["post", "options"];
    static override template_name = "registration/logged_out.html";
    static override extra_context: Context | null = null;

    override dispatch(request: HttpRequest, ...rest: unknown[]): any {
      return protected_dispatch(request, () => super.dispatch(request, ...rest));
    }

    /** Logout may be done via POST only: log out, then redirect (or render logged_out.html). */
    post(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      auth_logout(request as any);
      const redirect_to = this.get_success_url();
      if (redirect_to !== request.get_full_path()) return new HttpResponseRedirect(redirect_to);
      const kwargs = (rest[rest.length - 1] ?? {}) as Kwargs;
      return this.render_to_response(this.get_context_data({ ...kwargs }));
    }

    override get_default_redirect_url(): string {
      if (this.next_page) return resolve_url(this.next_page);
      if (settings.LOGOUT_REDIRECT_URL) return resolve_url(settings.LOGOUT_REDIRECT_URL);
      return (this.request as HttpRequest).path;
    }

    override get_context_data(kwargs: Kwargs = {}): Context {
      const context = super.get_context_data(kwargs);
      const site = get_current_site(this.request);
      return Object.assign(context, { site, site_name: site.name, title: "Logged out", subtitle: null, ...(this.extra_context ?? {}) });
    }
  },
);

export const PasswordContextMixin = python_class("django.contrib.auth.views", [], (Base) =>
  /** Adds `title` (and `subtitle`) to the password views' context. */
  class PasswordContextMixin extends Base {
    static extra_context: Context | null = null;
    static title = "";
    declare title: string;

    get_context_data(kwargs: Kwargs = {}): Context {
      const context = super.get_context_data(kwargs);
      return Object.assign(context, { title: this.title, subtitle: null, ...(this.extra_context ?? {}) });
    }
  },
);

/** Only signed-in users: Django's `@method_decorator(login_required)` on dispatch. */
function login_required_dispatch(request: HttpRequest, dispatch: () => any): HttpResponseBase {
  if ((request as any).user.is_authenticated) return dispatch();
  let path = request.build_absolute_uri();
  const resolved_login_url = resolve_url(settings.LOGIN_URL);
  const login = urlsplit(resolved_login_url);
  const current = urlsplit(path);
  if ((!login.scheme || login.scheme === current.scheme) && (!login.netloc || login.netloc === current.netloc)) path = request.get_full_path();
  return redirect_to_login(path, resolved_login_url, REDIRECT_FIELD_NAME);
}

export const PasswordChangeView = python_class("django.contrib.auth.views", [PasswordContextMixin, FormView], (Base) =>
  /** The old password and a new one twice; on success the session stays signed in. */
  class PasswordChangeView extends Base {
    static override form_class: any = PasswordChangeForm;
    static override success_url: any = null;
    static override template_name = "registration/password_change_form.html";
    static override title = "Password change";

    override dispatch(request: HttpRequest, ...rest: unknown[]): any {
      return csrf_protected_dispatch(request, () => login_required_dispatch(request, () => super.dispatch(request, ...rest)));
    }

    /** `success_url = reverse_lazy("password_change_done")` */
    override get_success_url(): string {
      return this.success_url ? String(this.success_url) : reverse("password_change_done");
    }

    override get_form_kwargs(): Kwargs {
      return { ...super.get_form_kwargs(), user: (this.request as any).user };
    }

    /** Django's forms take `user` first: `PasswordChangeForm(user, data, …)`. */
    override get_form(form_class: any = null): any {
      const cls = form_class ?? this.get_form_class();
      const { user, data = null, ...options } = this.get_form_kwargs();
      return new cls(user, data, options);
    }

    override form_valid(form: any): HttpResponseBase {
      form.save();
      // Changing the password changes the session hash; keep this session signed in.
      update_session_auth_hash(this.request as any, form.user);
      return super.form_valid(form);
    }
  },
);

export const PasswordChangeDoneView = python_class("django.contrib.auth.views", [PasswordContextMixin, TemplateView], (Base) =>
  class PasswordChangeDoneView extends Base {
    static override template_name = "registration/password_change_done.html";
    static override title = "Password change successful";

    override dispatch(request: HttpRequest, ...rest: unknown[]): any {
      return login_required_dispatch(request, () => super.dispatch(request, ...rest));
    }
  },
);

// --- a forgotten password, in four steps ---------------------------------------------------------

/** The session key under which PasswordResetConfirmView keeps the token between its two URLs. */
export const INTERNAL_RESET_SESSION_TOKEN = "_password_reset_token";

export const PasswordResetView = python_class("django.contrib.auth.views", [PasswordContextMixin, FormView], (Base) =>
  /** Step 1: an email address → PasswordResetForm.save() mails the links → 302 to password_reset_done. */
  class PasswordResetView extends Base {
    static email_template_name = "registration/password_reset_email.html";
    static extra_email_context: Record<string, unknown> | null = null;
    static override form_class: any = PasswordResetForm;
    static from_email: string | null = null;
    static html_email_template_name: string | null = null;
    static subject_template_name = "registration/password_reset_subject.txt";
    static override success_url: any = null;
    static override template_name = "registration/password_reset_form.html";
    static override title = "Password reset";
    static token_generator: any = default_token_generator;
    declare email_template_name: string;
    declare extra_email_context: Record<string, unknown> | null;
    declare from_email: string | null;
    declare html_email_template_name: string | null;
    declare subject_template_name: string;
    declare token_generator: any;

    override dispatch(request: HttpRequest, ...rest: unknown[]): any {
      return csrf_protected_dispatch(request, () => super.dispatch(request, ...rest));
    }

    /** `success_url = reverse_lazy("password_reset_done")` */
    override get_success_url(): string {
      return this.success_url ? String(this.success_url) : reverse("password_reset_done");
    }

    /** Mail the links (to nobody, if nobody has that address), then redirect all the same. */
    override form_valid(form: any): HttpResponseBase {
      const request = this.request as HttpRequest;
      form.save({
        use_https: request.is_secure(),
        token_generator: this.token_generator,
        from_email: this.from_email,
        email_template_name: this.email_template_name,
        subject_template_name: this.subject_template_name,
        request,
        html_email_template_name: this.html_email_template_name,
        extra_email_context: this.extra_email_context,
      });
      return super.form_valid(form);
    }
  },
);

login_not_required_dispatch(PasswordResetView);

export const PasswordResetDoneView = python_class("django.contrib.auth.views", [PasswordContextMixin, TemplateView], (Base) =>
  /** Step 2: "We’ve emailed you instructions" — shown whether or not an email left. */
  class PasswordResetDoneView extends Base {
    static override template_name = "registration/password_reset_done.html";
    static override title = "Password reset sent";

    /** Django's own dispatch, here so that it (not View's) carries the login_not_required mark. */
    override dispatch(request: HttpRequest, ...rest: unknown[]): any {
      return super.dispatch(request, ...rest);
    }
  },
);
login_not_required_dispatch(PasswordResetDoneView);

export const PasswordResetConfirmView = python_class("django.contrib.auth.views", [PasswordContextMixin, FormView], (Base) =>
  /**
   * Step 3: the link from the email. `reset/<uidb64>/<token>/` with a valid token → the token goes
   * into the session and the browser to `reset/<uidb64>/set-password/`, which shows SetPasswordForm
   * while the session's token is still valid. Anything else → the "unsuccessful" page.
   */
  class PasswordResetConfirmView extends Base {
    static override form_class: any = SetPasswordForm;
    static post_reset_login = false;
    static post_reset_login_backend: string | null = null;
    static reset_url_token = "set-password";
    static override success_url: any = null;
    static override template_name = "registration/password_reset_confirm.html";
    static override title = "Enter new password";
    static token_generator: any = default_token_generator;
    declare post_reset_login: boolean;
    declare post_reset_login_backend: string | null;
    declare reset_url_token: string;
    declare token_generator: any;
    declare validlink: boolean;
    declare user: any;

    override dispatch(request: HttpRequest, ...rest: unknown[]): any {
      return never_cache_dispatch(() => this.check_link(request, rest));
    }

    /** Django's dispatch body: find the user, then check the token in the URL or in the session. */
    check_link(request: HttpRequest, rest: unknown[]): any {
      const kwargs = this.kwargs as Kwargs;
      if (!("uidb64" in kwargs) || !("token" in kwargs)) throw new ImproperlyConfigured("The URL path must contain 'uidb64' and 'token' parameters.");
      this.validlink = false;
      this.user = this.get_user(String(kwargs.uidb64));
      if (this.user !== null) {
        const token = String(kwargs.token);
        if (token === this.reset_url_token) {
          const session_token = (request as any).session.get(INTERNAL_RESET_SESSION_TOKEN);
          if (this.token_generator.check_token(this.user, session_token)) {
            // The token (kept in the session) is valid: show the form.
            this.validlink = true;
            return super.dispatch(request, ...rest);
          }
        } else if (this.token_generator.check_token(this.user, token)) {
          // Keep the token in the session and redirect to a URL without it: a link on the next
          // page must not leak it in the Referer header.
          (request as any).session.set(INTERNAL_RESET_SESSION_TOKEN, token);
          return new HttpResponseRedirect(request.path.replace(token, this.reset_url_token));
        }
      }
      // The "Password reset unsuccessful" page.
      return this.render_to_response(this.get_context_data());
    }

    /** `get_user(uidb64)`: the user whose pk the base64 text encodes, or null for anything wrong. */
    get_user(uidb64: string): any {
      const UserModel = get_user_model();
      try {
        const uid = utf8_decode(urlsafe_base64_decode(uidb64));
        const pk = UserModel._meta.pk.to_python(uid);
        return UserModel._default_manager.get({ pk });
      } catch (e) {
        if (e instanceof TypeError || e instanceof ValueError || e instanceof OverflowError || e instanceof UserModel.DoesNotExist || e instanceof ValidationError) return null;
        throw e;
      }
    }

    override get_form_kwargs(): Kwargs {
      return { ...super.get_form_kwargs(), user: this.user };
    }

    /** Django's forms take `user` first: `SetPasswordForm(user, data, …)`. */
    override get_form(form_class: any = null): any {
      const cls = form_class ?? this.get_form_class();
      const { user, data = null, ...options } = this.get_form_kwargs();
      return new cls(user, data, options);
    }

    /** `success_url = reverse_lazy("password_reset_complete")` */
    override get_success_url(): string {
      return this.success_url ? String(this.success_url) : reverse("password_reset_complete");
    }

    /** Save the new password, forget the token (the link is spent), optionally log the user in. */
    override form_valid(form: any): HttpResponseBase {
      const user = form.save();
      (this.request as any).session.delete_item(INTERNAL_RESET_SESSION_TOKEN);
      if (this.post_reset_login) auth_login(this.request as any, user, this.post_reset_login_backend);
      return super.form_valid(form);
    }

    override get_context_data(kwargs: Kwargs = {}): Context {
      const context = super.get_context_data(kwargs);
      if (this.validlink) context.validlink = true;
      else Object.assign(context, { form: null, title: "Password reset unsuccessful", validlink: false });
      return context;
    }
  },
);

login_not_required_dispatch(PasswordResetConfirmView);

export const PasswordResetCompleteView = python_class("django.contrib.auth.views", [PasswordContextMixin, TemplateView], (Base) =>
  /** Step 4: "Your password has been set", with a link to LOGIN_URL. */
  class PasswordResetCompleteView extends Base {
    static override template_name = "registration/password_reset_complete.html";
    static override title = "Password reset complete";

    /** Django's own dispatch, here so that it (not View's) carries the login_not_required mark. */
    override dispatch(request: HttpRequest, ...rest: unknown[]): any {
      return super.dispatch(request, ...rest);
    }

    override get_context_data(kwargs: Kwargs = {}): Context {
      const context = super.get_context_data(kwargs);
      context.login_url = resolve_url(settings.LOGIN_URL);
      return context;
    }
  },
);
login_not_required_dispatch(PasswordResetCompleteView);
