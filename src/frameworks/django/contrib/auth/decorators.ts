/**
 * django.contrib.auth.decorators: a view → the same view behind a test on `request.user`; a user
 * who fails it is redirected to LOGIN_URL with `?next=<where they were going>`.
 *
 *     export const secret = login_required((request) => new HttpResponse("secret"));
 *     // anonymous GET /secret/?a=1 → 302 Location: /accounts/login/?next=/secret/%3Fa%3D1
 *     export const edit = permission_required("blog.change_post", { raise_exception: true })(view);
 *     // signed in without the permission → PermissionDenied → 403
 *
 * Python's optional-argument decorators become: `login_required(view)` or
 * `login_required({ login_url: "/signin/" })(view)` (also `login_required(view, { … })`).
 */
import { span_set, trace_site } from "../../../../trace";
import { PermissionDenied } from "../../core/exceptions";
import type { HttpRequest } from "../../http/request";
import type { HttpResponseBase } from "../../http/response";
import { settings } from "../../conf";
import { resolve_url } from "../../shortcuts";
import { urlsplit } from "../../../python/urllib/parse";
import { REDIRECT_FIELD_NAME } from "./index";
import { redirect_to_login } from "./views";

const AUTH = trace_site("auth", "django/contrib/auth/decorators.ts", { eager: true });

type View = (request: HttpRequest, ...args: any[]) => HttpResponseBase | Promise<HttpResponseBase>;
type Decorator = <V extends View>(view: V) => V;

export interface LoginOptions {
  login_url?: string | null;
  redirect_field_name?: string | null;
}

/**
 * The login redirect for a failed test: the full URL becomes a bare path when LOGIN_URL is on the
 * same scheme and host (so `next` stays short and relative).
 */
function redirect_for(request: HttpRequest, login_url: string | null | undefined, redirect_field_name: string | null): HttpResponseBase {
  let path = request.build_absolute_uri();
  const resolved_login_url = resolve_url(login_url || settings.LOGIN_URL);
  const login = urlsplit(resolved_login_url);
  const current = urlsplit(path);
  if ((!login.scheme || login.scheme === current.scheme) && (!login.netloc || login.netloc === current.netloc)) path = request.get_full_path();
  return redirect_to_login(path, resolved_login_url, redirect_field_name);
}

/**
 * `user_passes_test(test_func, login_url=None, redirect_field_name="next")`: the view runs when
 * `test_func(request.user)` is true; otherwise the login redirect.
 */
export function user_passes_test(test_func: (user: any) => boolean, options: LoginOptions = {}): Decorator {
  const redirect_field_name = options.redirect_field_name === undefined ? REDIRECT_FIELD_NAME : options.redirect_field_name;
  return <V extends View>(view_func: V): V => {
    const test_name = test_func.name || "test_func";
    const wrapper = function (this: unknown, request: HttpRequest, ...rest: unknown[]) {
      const passed = AUTH.run(`user_passes_test(${test_name})`, () => ({ view: view_func.name || "view", test: test_name }), (span) => {
        const ok = Boolean(test_func(request.user));
        span_set(span, () => ({ user: String(request.user), passed: ok }));
        return ok;
      });
      if (passed) return view_func.call(this, request, ...rest);
      return redirect_for(request, options.login_url, redirect_field_name);
    };
    return wraps(wrapper, view_func) as unknown as V;
  };
}

/** `functools.wraps`: the wrapper keeps the view's name, module and attributes. */
function wraps(wrapper: Function, view_func: Function): Function {
  Object.assign(wrapper, view_func, { __wrapped__: view_func });
  Object.defineProperty(wrapper, "name", { value: view_func.name, configurable: true });
  const module = (view_func as { __module__?: string }).__module__;
  if (module) Object.defineProperty(wrapper, "__module__", { value: module, writable: true, configurable: true });
  return wrapper;
}

/** `login_required(function=None, redirect_field_name="next", login_url=None)`: signed-in users only. */
export function login_required<V extends View>(view: V, options?: LoginOptions): V;
export function login_required(options?: LoginOptions | null): Decorator;
export function login_required(view_or_options?: View | LoginOptions | null, options: LoginOptions = {}): any {
  const opts = typeof view_or_options === "function" ? options : (view_or_options ?? {});
  const is_authenticated = (u: any) => u.is_authenticated;
  const actual_decorator = user_passes_test(is_authenticated, opts);
  return typeof view_or_options === "function" ? actual_decorator(view_or_options) : actual_decorator;
}

/** `login_not_required(view)`: LoginRequiredMiddleware lets this view through (Django 5.1). */
export function login_not_required<V extends View>(view_func: V): V {
  (view_func as unknown as { login_required: boolean }).login_required = false;
  return view_func;
}

/**
 * `permission_required(perm, login_url=None, raise_exception=False)`: the user must have every
 * permission listed; otherwise the login redirect, or PermissionDenied (a 403) with raise_exception.
 */
export function permission_required(perm: string | Iterable<string>, options: { login_url?: string | null; raise_exception?: boolean } = {}): Decorator {
  const perms = typeof perm === "string" ? [perm] : [...perm];
  const check_perms = (user: any): boolean => {
    if (user.has_perms(perms)) return true;
    if (options.raise_exception) throw new PermissionDenied();
    return false;
  };
  return user_passes_test(check_perms, { login_url: options.login_url });
}
