/**
 * django.contrib.auth.middleware: a request with a session → the same request with `request.user`.
 * Main class: `AuthenticationMiddleware` (after SessionMiddleware in MIDDLEWARE).
 *
 *     request.user                  // first read: get_user(request) — session → backend → user
 *     request.user.is_authenticated // later reads: the same object, no second query
 *
 * Laziness: Django stores a `SimpleLazyObject` that runs `get_user(request)` on the first attribute
 * access, so a view that never looks at the user costs no session read (and no `Vary: Cookie`).
 * Here `request.user` is a getter installed on the request: the lookup runs on the first *read*
 * of `request.user` and is remembered; assigning `request.user = …` (login, logout) replaces it.
 * The one difference a learner could notice: in Django merely passing `request.user` along does not
 * load it; here reading the property does. The `auth` context processor hands templates a lazy
 * stand-in, so a template that never shows the user does not load it either.
 *
 * `LoginRequiredMiddleware` (Django 5.1) sends anonymous requests to LOGIN_URL unless the view is
 * marked `login_not_required`.
 */
import { trace_site } from "../../../../trace";
import { ImproperlyConfigured } from "../../core/exceptions";
import type { HttpRequest } from "../../http/request";
import type { HttpResponseBase } from "../../http/response";
import { settings } from "../../conf";
import { resolve_url } from "../../shortcuts";
import { MiddlewareMixin } from "../../utils/deprecation";
import { urlsplit } from "../../../python/urllib/parse";
import { get_user, REDIRECT_FIELD_NAME } from "./index";
import { redirect_to_login } from "./views";

const AUTH = trace_site("auth", "django/contrib/auth/middleware.ts", { eager: true });

/**
 * Where a request keeps its lazy user: the user once loaded (or assigned), or NOT_LOADED. Django's
 * SimpleLazyObject wraps a closure made per request; here the request itself is the state, so
 * installing the lazy user allocates nothing but the property.
 */
const LAZY_USER = Symbol("request.user");
const NOT_LOADED = Symbol("not loaded");
type WithLazyUser = { [LAZY_USER]: unknown };

/** One accessor pair shared by every request (Django's SimpleLazyObject around get_user). */
const USER_PROPERTY: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: WithLazyUser) {
    let user = this[LAZY_USER];
    if (user === NOT_LOADED) {
      this[LAZY_USER] = undefined; // a read from inside get_user() sees no user rather than looping
      user = this[LAZY_USER] = load_user(this as unknown as HttpRequest);
    }
    return user;
  },
  set(this: WithLazyUser, user: unknown) {
    this[LAZY_USER] = user;
  },
};

/** `get_user(request)`, the first time a request's user is read. */
function load_user(request: HttpRequest): unknown {
  return AUTH.run("request.user (lazy load)", () => ({}), () => get_user(request as any));
}

/** `request.user` as a getter that loads once; an assignment replaces the value. */
export function install_lazy_user(request: HttpRequest): void {
  (request as unknown as WithLazyUser)[LAZY_USER] = NOT_LOADED;
  Object.defineProperty(request, "user", USER_PROPERTY);
}

export class AuthenticationMiddleware extends MiddlewareMixin {
  override process_request(request: HttpRequest): HttpResponseBase | null {
    if (!("session" in request))
      throw new ImproperlyConfigured(
        "The Django authentication middleware requires session middleware to be installed. Edit your MIDDLEWARE setting to insert 'django.contrib.sessions.middleware.SessionMiddleware' before 'django.contrib.auth.middleware.AuthenticationMiddleware'.",
      );
    const req = request as HttpRequest & Record<string, any>;
    install_lazy_user(request);
    req.auser = async () => req.user;
    return null;
  }
}

/**
 * `LoginRequiredMiddleware`: every view needs a signed-in user unless decorated with
 * `login_not_required`; the redirect is built like `login_required`'s.
 */
export class LoginRequiredMiddleware extends MiddlewareMixin {
  redirect_field_name = REDIRECT_FIELD_NAME;

  process_view(request: HttpRequest, view_func: any, _view_args: unknown[], _view_kwargs: Record<string, unknown>): HttpResponseBase | null {
    if (view_func?.login_required === false) return null;
    if ((request as any).user.is_authenticated) return null;
    return this.handle_no_permission(request, view_func);
  }

  get_login_url(view_func: any): string {
    const login_url = view_func?.login_url ?? settings.LOGIN_URL;
    if (!login_url) throw new ImproperlyConfigured("No login URL to redirect to. Define settings.LOGIN_URL or provide a login_url via the 'django.contrib.auth.decorators.login_required' decorator.");
    return String(login_url);
  }

  get_redirect_field_name(view_func: any): string {
    return view_func?.redirect_field_name ?? this.redirect_field_name;
  }

  handle_no_permission(request: HttpRequest, view_func: any): HttpResponseBase {
    let path = request.build_absolute_uri();
    const resolved_login_url = resolve_url(this.get_login_url(view_func));
    const login = urlsplit(resolved_login_url);
    const current = urlsplit(path);
    if ((!login.scheme || login.scheme === current.scheme) && (!login.netloc || login.netloc === current.netloc)) path = request.get_full_path();
    return redirect_to_login(path, resolved_login_url, this.get_redirect_field_name(view_func));
  }
}
