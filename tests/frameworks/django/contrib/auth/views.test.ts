/**
 * The auth forms and views, against Django 5.2.17's observed behaviour: AuthenticationForm's
 * errors and HTML attributes, UserCreationForm and PasswordChangeForm, LoginView (GET renders the
 * form with `next`; a wrong password re-renders with the non-field error; a right one logs in and
 * redirects, refusing an off-site `next`), LogoutView (POST only; 405 with Allow: POST, OPTIONS for
 * GET; never_cache headers), PasswordChangeView, and the access mixins.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PermissionDenied } from "../../../../../src/frameworks/django/core/exceptions";
import { WSGIRequest } from "../../../../../src/frameworks/django/core/handlers/wsgi_request";
import { QueryDict } from "../../../../../src/frameworks/django/http/request";
import { path } from "../../../../../src/frameworks/django/urls";
import { python_class } from "../../../../../src/frameworks/python/mro";
import { TemplateView } from "../../../../../src/frameworks/django/views/generic/base";
import { SessionStore } from "../../../../../src/frameworks/django/contrib/sessions/backends/db";
import { SESSION_KEY } from "../../../../../src/frameworks/django/contrib/auth";
import { User, AnonymousUser } from "../../../../../src/frameworks/django/contrib/auth/models";
import { AuthenticationForm, PasswordChangeForm, UserCreationForm } from "../../../../../src/frameworks/django/contrib/auth/forms";
import { LoginView, LogoutView, PasswordChangeView } from "../../../../../src/frameworks/django/contrib/auth/views";
import { LoginRequiredMixin, PermissionRequiredMixin, UserPassesTestMixin } from "../../../../../src/frameworks/django/contrib/auth/mixins";
import { setup_project, teardown_project } from "./project";

const TEMPLATES = [
  {
    BACKEND: "django.template.backends.django.DjangoTemplates",
    OPTIONS: {
      loaders: [["django.template.loaders.locmem.Loader", {
        "registration/login.html": "{{ form.non_field_errors }}|next={{ next }}|{{ site_name }}",
        "registration/logged_out.html": "out:{{ title }}",
        "registration/password_change_form.html": "{{ form.errors.as_text }}|{{ title }}",
        "page.html": "page",
      }]],
    },
  },
];

const URLS = { urlpatterns: [path("password_change/done/", () => null, { name: "password_change_done" })] };

function request_for(target: string, method = "GET", form: string | null = null): any {
  const [p, query = ""] = target.split(/\?(.*)/s);
  const request: any = new WSGIRequest({ REQUEST_METHOD: method, PATH_INFO: p, QUERY_STRING: query, SERVER_NAME: "testserver", SERVER_PORT: "80", "wsgi.url_scheme": "http" } as any);
  if (form !== null) request._post = new QueryDict(form);
  request._dont_enforce_csrf_checks = true;
  request.session = new SessionStore(null);
  request.user = new AnonymousUser();
  return request;
}

/** Call a view function synchronously (these views never return a Promise). */
function call(view: (...args: any[]) => unknown, request: any): any {
  return view(request);
}

function text(response: any): string {
  if (typeof response.render === "function" && !response.is_rendered) response.render();
  return new TextDecoder().decode(response.content);
}

beforeEach(async () => {
  await setup_project({ TEMPLATES, ROOT_URLCONF: "tests.auth_urls" }, { "tests/auth_urls": URLS });
  User.objects.create_user("ann", null, "pw");
});

afterEach(() => {
  teardown_project();
});

describe("AuthenticationForm", () => {
  it("renders the username input with Django's attributes", () => {
    expect(String(new AuthenticationForm().bf("username"))).toBe(
      '<input type="text" name="username" autofocus autocapitalize="none" autocomplete="username" maxlength="150" required id="id_username">',
    );
    expect(String(new AuthenticationForm().bf("password"))).toBe('<input type="password" name="password" autocomplete="current-password" required id="id_password">');
  });

  it("a wrong password is the invalid_login non-field error; a right one gives the user", () => {
    const wrong = new AuthenticationForm({ username: "ann", password: "no" });
    expect(wrong.is_valid()).toBe(false);
    expect(wrong.non_field_errors().as_data()[0].code).toBe("invalid_login");
    expect(wrong.non_field_errors().messages).toEqual(["Please enter a correct username and password. Note that both fields may be case-sensitive."]);
    const right = new AuthenticationForm({ username: "ann", password: "pw" });
    expect(right.is_valid()).toBe(true);
    expect(right.get_user().username).toBe("ann");
  });
});

describe("UserCreationForm and PasswordChangeForm", () => {
  it("mismatched passwords, then a username that differs only in case", () => {
    const mismatch = new UserCreationForm({ username: "bob", password1: "abc12345", password2: "abc12346" });
    expect(mismatch.is_valid()).toBe(false);
    expect(mismatch.errors.get("password2")!.messages).toEqual(["The two password fields didn’t match."]);
    const taken = new UserCreationForm({ username: "ANN", password1: "abc12345", password2: "abc12345" });
    expect(taken.is_valid()).toBe(false);
    expect(taken.errors.get("username")!.messages).toEqual(["A user with that username already exists."]);
  });

  it("a valid form saves a user whose password checks", () => {
    const form = new UserCreationForm({ username: "bob", password1: "abc12345", password2: "abc12345" });
    expect(form.is_valid()).toBe(true);
    const bob = form.save();
    expect(User.objects.get({ username: "bob" }).check_password("abc12345")).toBe(true);
    expect(bob.pk).toBe(2);
  });

  it("PasswordChangeForm asks for the old password first and checks it", () => {
    const ann = User.objects.get({ username: "ann" });
    expect(Object.keys(new PasswordChangeForm(ann).fields)).toEqual(["old_password", "new_password1", "new_password2"]);
    const wrong = new PasswordChangeForm(ann, { old_password: "x", new_password1: "n3w-pass", new_password2: "n3w-pass" });
    expect(wrong.is_valid()).toBe(false);
    expect(wrong.errors.get("old_password")!.messages).toEqual(["Your old password was entered incorrectly. Please enter it again."]);
  });
});

describe("LoginView and LogoutView", () => {
  it("GET renders the form with next and the site name, never cached", () => {
    const response = call(LoginView.as_view(), request_for("/login/?next=/x/"));
    expect(text(response)).toBe("|next=/x/|testserver");
    expect(response.context_data.form).toBeInstanceOf(AuthenticationForm);
    expect(response.headers.get("Cache-Control")).toBe("max-age=0, no-cache, no-store, must-revalidate, private");
    expect(response.has_header("Expires")).toBe(true);
  });

  it("POST with a wrong password re-renders with the error; with the right one logs in and redirects to next", () => {
    const wrong = call(LoginView.as_view(), request_for("/login/?next=/x/", "POST", "username=ann&password=no"));
    expect(text(wrong)).toContain('<ul class="errorlist nonfield"><li>Please enter a correct username and password. Note that both fields may be case-sensitive.</li></ul>');
    const request = request_for("/login/?next=/x/", "POST", "username=ann&password=pw");
    const right = call(LoginView.as_view(), request);
    expect([right.status_code, right.headers.get("Location")]).toEqual([302, "/x/"]);
    expect(request.session.getitem(SESSION_KEY)).toBe("1");
    expect(request.user.username).toBe("ann");
  });

  it("an off-site next falls back to LOGIN_REDIRECT_URL", () => {
    const response = call(LoginView.as_view(), request_for("/login/", "POST", "username=ann&password=pw&next=http%3A%2F%2Fevil.com%2F"));
    expect(response.headers.get("Location")).toBe("/accounts/profile/");
  });

  it("LogoutView: GET is 405 (Allow: POST, OPTIONS); POST logs out and renders logged_out.html, or redirects to next_page", () => {
    const get = call(LogoutView.as_view(), request_for("/logout/"));
    expect([get.status_code, get.headers.get("Allow")]).toEqual([405, "POST, OPTIONS"]);
    expect(get.headers.get("Cache-Control")).toBe("max-age=0, no-cache, no-store, must-revalidate, private");
    const request = request_for("/logout/", "POST", "");
    request.session.set(SESSION_KEY, "1");
    const post = call(LogoutView.as_view(), request);
    expect([post.status_code, text(post)]).toEqual([200, "out:Logged out"]);
    expect(request.session.has(SESSION_KEY)).toBe(false);
    const redirect = call(LogoutView.as_view({ next_page: "/bye/" }), request_for("/logout/", "POST", ""));
    expect([redirect.status_code, redirect.headers.get("Location")]).toEqual([302, "/bye/"]);
  });

  it("PasswordChangeView: anonymous → login redirect; a valid change keeps the session and redirects to password_change_done", () => {
    expect(call(PasswordChangeView.as_view(), request_for("/pw/")).headers.get("Location")).toBe("/accounts/login/?next=/pw/");
    const request = request_for("/pw/", "POST", "old_password=pw&new_password1=n3w-pass&new_password2=n3w-pass");
    request.user = User.objects.get({ username: "ann" });
    const response = call(PasswordChangeView.as_view(), request);
    expect([response.status_code, response.headers.get("Location")]).toEqual([302, "/password_change/done/"]);
    expect(User.objects.get({ username: "ann" }).check_password("n3w-pass")).toBe(true);
  });
});

describe("access mixins", () => {
  const Page = python_class("tests.views", [LoginRequiredMixin, TemplateView], (Base) =>
    class Page extends Base {
      static override template_name = "page.html";
    },
  );
  const Editors = python_class("tests.views", [PermissionRequiredMixin, TemplateView], (Base) =>
    class Editors extends Base {
      static override template_name = "page.html";
      static override permission_required = "auth.change_user";
    },
  );
  const Staff = python_class("tests.views", [UserPassesTestMixin, TemplateView], (Base) =>
    class Staff extends Base {
      static override template_name = "page.html";
      override test_func(): boolean {
        return Boolean(this.request.user.is_staff);
      }
    },
  );

  it("LoginRequiredMixin: anonymous → redirect with next; signed in → the page", () => {
    expect(call(Page.as_view(), request_for("/page/?a=1")).headers.get("Location")).toBe("/accounts/login/?next=/page/%3Fa%3D1");
    const request = request_for("/page/");
    request.user = User.objects.get({ username: "ann" });
    expect(text(call(Page.as_view(), request))).toBe("page");
  });

  it("PermissionRequiredMixin and UserPassesTestMixin: a signed-in user without it gets PermissionDenied", () => {
    const request = request_for("/e/");
    request.user = User.objects.get({ username: "ann" });
    expect(() => call(Editors.as_view(), request)).toThrow(PermissionDenied);
    expect(() => call(Staff.as_view(), request)).toThrow(PermissionDenied);
    expect(call(Staff.as_view(), request_for("/e/")).headers.get("Location")).toBe("/accounts/login/?next=/e/");
    request.user = User.objects.create_superuser("root", null, "pw");
    expect(text(call(Editors.as_view(), request))).toBe("page");
  });
});
