/**
 * The admin's login, logout and password-change pages → django.contrib.auth.
 *
 * login:  GET → the form; POST → authenticate(username, password); an active staff user is logged
 *         in (session key rotated by auth.login) and sent to `next` or the index; anyone else sees
 *         the form again with AdminAuthenticationForm's error.
 * logout: POST → auth.logout and the "Logged out" page.
 * password_change: POST old/new1/new2 → set_password, keep the session (update_session_auth_hash).
 */
import { HttpResponseNotAllowed, HttpResponseRedirect } from "../../../http/response";
import { reverse } from "../../../urls/base";
import { authenticate, login, logout, update_session_auth_hash } from "../../auth";
import { AdminAuthenticationForm } from "../forms";

type Request = any;

function safe_next(request: Request, fallback: string): string {
  const next = request.POST?.get("next") ?? request.GET?.get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : fallback;
}

export function login_view(site: any, request: Request, extra_context: Record<string, unknown>): any {
  const index_url = reverse("admin:index", { current_app: site.name });
  const form = new AdminAuthenticationForm(request.method === "POST" ? request.POST : null, { request });
  if (request.method === "POST" && form.is_valid()) {
    login(request, form.get_user());
    return new HttpResponseRedirect(safe_next(request, index_url));
  }
  return site.render_admin(request, "admin/login.html", {
    ...site.each_context(request),
    title: "Log in",
    subtitle: null,
    app_path: request.get_full_path(),
    username: request.user?.get_username?.() ?? "",
    form,
    // Django's template reads form.username / iterates form.non_field_errors; the page's Form and
    // ErrorList do not offer those lookups yet, so the view hands them over.
    username_field: form.bf("username"),
    password_field: form.bf("password"),
    non_field_errors: form.is_bound ? [...form.non_field_errors()].map(error_message) : [],
    next: request.GET.get("next") ?? index_url,
    ...extra_context,
  });
}

export function logout_view(site: any, request: Request, extra_context: Record<string, unknown>): any {
  if (request.method !== "POST") return new HttpResponseNotAllowed(["POST", "OPTIONS"]);
  logout(request);
  return site.render_admin(request, "admin/logged_out.html", { ...site.each_context(request), title: "Logged out", subtitle: null, has_permission: false, ...extra_context });
}

export function password_change_view(site: any, request: Request, extra_context: Record<string, unknown>): any {
  const errors: string[] = [];
  if (request.method === "POST") {
    const user = request.user;
    const old = request.POST.get("old_password") ?? "";
    const p1 = request.POST.get("new_password1") ?? "";
    const p2 = request.POST.get("new_password2") ?? "";
    if (!user.check_password(old)) errors.push("Your old password was entered incorrectly. Please enter it again.");
    else if (p1 !== p2) errors.push("The two password fields didn’t match.");
    else if (!p1) errors.push("This field is required.");
    else {
      user.set_password(p1);
      user.save();
      update_session_auth_hash(request, user);
      return new HttpResponseRedirect(reverse("admin:password_change_done", { current_app: site.name }));
    }
  }
  return site.render_admin(request, "admin/password_change_form.html", { ...site.each_context(request), title: "Password change", subtitle: null, errors, ...extra_context });
}

/** An ErrorList item → its message text (Django's ErrorList yields the messages when iterated). */
function error_message(error: unknown): string {
  const e = error as { messages?: string[]; message?: string };
  return e && typeof e === "object" ? (e.messages?.[0] ?? String(e.message)) : String(error);
}

export { authenticate };
