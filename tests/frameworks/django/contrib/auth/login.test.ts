/**
 * Signing in and out with a database session: authenticate → login (key rotated, _auth_user_id /
 * _auth_user_backend / _auth_user_hash stored, signals) → get_user on the next request (hash
 * verified) → logout (flushed). Also the lazy request.user of AuthenticationMiddleware,
 * login_required's redirects (Location values recorded from Django 5.2.17's RequestFactory),
 * permission_required, the auth context processor and create_permissions.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apps } from "../../../../../src/frameworks/django/apps/registry";
import { PermissionDenied } from "../../../../../src/frameworks/django/core/exceptions";
import { WSGIRequest } from "../../../../../src/frameworks/django/core/handlers/wsgi_request";
import { HttpResponse } from "../../../../../src/frameworks/django/http/response";
import { post_migrate } from "../../../../../src/frameworks/django/db/models/signals";
import { SessionStore } from "../../../../../src/frameworks/django/contrib/sessions/backends/db";
import { latin1_decode } from "../../../../../src/frameworks/python/bytes";
import { unquote_to_bytes } from "../../../../../src/frameworks/python/urllib/parse";
import { truth, contains } from "../../../../../src/frameworks/python/operator";
import {
  aauthenticate, alogin, authenticate, login, logout, get_user, update_session_auth_hash, SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY,
} from "../../../../../src/frameworks/django/contrib/auth";
import { User, AnonymousUser, Permission } from "../../../../../src/frameworks/django/contrib/auth/models";
import { user_logged_in, user_logged_out, user_login_failed } from "../../../../../src/frameworks/django/contrib/auth/signals";
import { AuthenticationMiddleware, LoginRequiredMiddleware } from "../../../../../src/frameworks/django/contrib/auth/middleware";
import { login_not_required, login_required, permission_required, user_passes_test } from "../../../../../src/frameworks/django/contrib/auth/decorators";
import { redirect_to_login } from "../../../../../src/frameworks/django/contrib/auth/views";
import { auth as auth_context } from "../../../../../src/frameworks/django/contrib/auth/context_processors";
import { create_permissions } from "../../../../../src/frameworks/django/contrib/auth/management";
import { createsuperuser } from "../../../../../src/frameworks/django/contrib/auth/management/commands/createsuperuser";
import { setup_project, teardown_project, rows } from "./project";

/** A GET request as Django's RequestFactory builds it: `path` may carry a raw query string. */
function request_for(target: string, method = "GET"): any {
  const [path, query = ""] = target.split(/\?(.*)/s);
  return new WSGIRequest({
    REQUEST_METHOD: method,
    PATH_INFO: latin1_decode(unquote_to_bytes(path)),
    QUERY_STRING: query,
    SERVER_NAME: "testserver",
    SERVER_PORT: "80",
    "wsgi.url_scheme": "http",
  } as any);
}

function with_session(request: any, session_key: string | null = null): any {
  request.session = new SessionStore(session_key);
  return request;
}

const ok = (_request: any) => new HttpResponse("ok");

beforeEach(async () => {
  await setup_project();
});

afterEach(() => {
  teardown_project();
});

describe("authenticate", () => {
  it("returns the user with the backend path that found it", () => {
    User.objects.create_user("ann", null, "pw");
    const user = authenticate(null, { username: "ann", password: "pw" });
    expect(user.username).toBe("ann");
    expect(user.backend).toBe("django.contrib.auth.backends.ModelBackend");
  });

  it("sends user_login_failed with secrets cleansed when no backend accepts", () => {
    const heard: unknown[] = [];
    const receiver = (sender: unknown, kwargs: any) => heard.push([sender, kwargs.credentials]);
    user_login_failed.connect(receiver);
    try {
      expect(authenticate(null, { username: "ann", password: "wrong", api_token: "t" })).toBeNull();
    } finally {
      user_login_failed.disconnect(receiver);
    }
    expect(heard).toEqual([["django.contrib.auth", { username: "ann", password: "********************", api_token: "********************" }]]);
  });
});

describe("the async variants", () => {
  it("aauthenticate and alogin do what authenticate and login do", async () => {
    User.objects.create_user("ann", null, "pw");
    const request = with_session(request_for("/"));
    const user = await aauthenticate(request, { username: "ann", password: "pw" });
    await alogin(request, user);
    expect(request.session.getitem(SESSION_KEY)).toBe("1");
    expect(await user.acheck_password("pw")).toBe(true);
  });
});

describe("login / get_user / logout", () => {
  it("login rotates the session key and stores the user id (as text), backend and session hash", () => {
    const ann = User.objects.create_user("ann", null, "pw");
    const request = with_session(request_for("/"));
    request.session.set("cart", [1, 2]);
    request.session.save();
    const before = request.session.session_key;
    const heard: string[] = [];
    const receiver = (_s: unknown, kwargs: any) => heard.push(String(kwargs.user));
    user_logged_in.connect(receiver);
    try {
      login(request, authenticate(request, { username: "ann", password: "pw" }));
    } finally {
      user_logged_in.disconnect(receiver);
    }
    expect(request.session.session_key).not.toBe(before);
    expect(request.session.get("cart")).toEqual([1, 2]);
    expect(request.session.getitem(SESSION_KEY)).toBe("1");
    expect(request.session.getitem(BACKEND_SESSION_KEY)).toBe("django.contrib.auth.backends.ModelBackend");
    expect(request.session.getitem(HASH_SESSION_KEY)).toBe(ann.get_session_auth_hash());
    expect(heard).toEqual(["ann"]);
    // AuthConfig.ready() connected update_last_login.
    expect(rows(`SELECT last_login IS NOT NULL FROM auth_user`)[0][0]).toBe(1);
  });

  it("login over a session that holds another user flushes it first", () => {
    const ann = User.objects.create_user("ann", null, "pw");
    const bob = User.objects.create_user("bob", null, "pw");
    const request = with_session(request_for("/"));
    login(request, ann, "django.contrib.auth.backends.ModelBackend");
    request.session.set("ann's", true);
    login(request, bob, "django.contrib.auth.backends.ModelBackend");
    expect(request.session.has("ann's")).toBe(false);
    expect(request.session.getitem(SESSION_KEY)).toBe(String(bob.pk));
  });

  it("the next request finds the user through the session; a changed password ends the session", () => {
    const ann = User.objects.create_user("ann", null, "pw");
    const first = with_session(request_for("/"));
    login(first, ann, "django.contrib.auth.backends.ModelBackend");
    first.session.save();
    const key = first.session.session_key;
    expect(get_user(with_session(request_for("/"), key)).username).toBe("ann");
    ann.set_password("new");
    ann.save();
    const after = with_session(request_for("/"), key);
    expect(get_user(after)).toBeInstanceOf(AnonymousUser);
    expect(after.session.has(SESSION_KEY)).toBe(false);
  });

  it("update_session_auth_hash keeps this session signed in after a password change", () => {
    const ann = User.objects.create_user("ann", null, "pw");
    const request = with_session(request_for("/"));
    login(request, ann, "django.contrib.auth.backends.ModelBackend");
    request.user = ann;
    ann.set_password("new");
    ann.save();
    update_session_auth_hash(request, ann);
    request.session.save();
    expect(get_user(with_session(request_for("/"), request.session.session_key)).username).toBe("ann");
  });

  it("a backend no longer in AUTHENTICATION_BACKENDS, or no session data, means AnonymousUser", () => {
    const request = with_session(request_for("/"));
    expect(get_user(request)).toBeInstanceOf(AnonymousUser);
    request.session.set(SESSION_KEY, "1");
    request.session.set(BACKEND_SESSION_KEY, "gone.Backend");
    expect(get_user(request)).toBeInstanceOf(AnonymousUser);
  });

  it("logout sends user_logged_out, flushes the session and leaves an AnonymousUser", () => {
    const ann = User.objects.create_user("ann", null, "pw");
    const request = with_session(request_for("/"));
    request.user = new AnonymousUser();
    login(request, ann, "django.contrib.auth.backends.ModelBackend");
    expect(request.user).toBe(ann);
    const heard: unknown[] = [];
    const receiver = (sender: unknown, kwargs: any) => heard.push([sender, String(kwargs.user)]);
    user_logged_out.connect(receiver);
    try {
      logout(request);
    } finally {
      user_logged_out.disconnect(receiver);
    }
    expect(heard).toEqual([[User, "ann"]]);
    expect(request.session.has(SESSION_KEY)).toBe(false);
    expect(request.user).toBeInstanceOf(AnonymousUser);
  });
});

describe("AuthenticationMiddleware", () => {
  it("request.user is loaded on first read, not before (the session stays unaccessed until then)", () => {
    User.objects.create_user("ann", null, "pw");
    const request = with_session(request_for("/"));
    new AuthenticationMiddleware(() => new HttpResponse("")).process_request(request);
    expect(request.session.accessed).toBe(false);
    expect(request.user.is_authenticated).toBe(false);
    expect(request.session.accessed).toBe(true);
    expect(request.user).toBe(request.user);
  });

  it("LoginRequiredMiddleware sends anonymous requests to LOGIN_URL unless the view is login_not_required", () => {
    const middleware = new LoginRequiredMiddleware(() => new HttpResponse(""));
    const request = request_for("/private/?q=1");
    request.user = new AnonymousUser();
    expect(middleware.process_view(request, ok, [], {})!.headers.get("Location")).toBe("/accounts/login/?next=/private/%3Fq%3D1");
    expect(middleware.process_view(request, login_not_required((_r: any) => new HttpResponse("")), [], {})).toBeNull();
    request.user = User.objects.create_user("ann", null, "pw");
    expect(middleware.process_view(request, ok, [], {})).toBeNull();
  });

  it("without SessionMiddleware it is ImproperlyConfigured", () => {
    expect(() => new AuthenticationMiddleware(() => new HttpResponse("")).process_request(request_for("/"))).toThrow(
      "The Django authentication middleware requires session middleware to be installed. Edit your MIDDLEWARE setting to insert 'django.contrib.sessions.middleware.SessionMiddleware' before 'django.contrib.auth.middleware.AuthenticationMiddleware'.",
    );
  });
});

describe("login_required and friends (Locations from Django 5.2.17)", () => {
  const CASES: [string, Record<string, unknown>, string][] = [
    ["/secret/", {}, "/accounts/login/?next=/secret/"],
    ["/secret/?a=1&b=%C3%A9 x", {}, "/accounts/login/?next=/secret/%3Fa%3D1%26b%3D%25C3%25A9%2520x"],
    ["/caf%C3%A9/?next=/x", {}, "/accounts/login/?next=/caf%25C3%25A9/%3Fnext%3D/x"],
    ["/secret/", { login_url: "/signin/?lang=fr" }, "/signin/?lang=fr&next=/secret/"],
    ["/secret/", { login_url: "https://auth.example.com/login/" }, "https://auth.example.com/login/?next=http%3A//testserver/secret/"],
    ["/secret/", { login_url: "http://testserver/login/" }, "http://testserver/login/?next=/secret/"],
    ["/secret/", { redirect_field_name: "to" }, "/accounts/login/?to=/secret/"],
    ["/secret/", { redirect_field_name: null }, "/accounts/login/"],
  ];

  it.each(CASES)("anonymous %s with %j → 302 %s", (target, options, location) => {
    const request = request_for(target);
    request.user = new AnonymousUser();
    const response = login_required(ok, options as any)(request);
    expect(response.status_code).toBe(302);
    expect(response.headers.get("Location")).toBe(location);
  });

  it("login_required({ ... }) is a decorator factory; a signed-in user reaches the view", () => {
    const request = request_for("/secret/");
    request.user = User.objects.create_user("ann", null, "pw");
    const response = login_required({ login_url: "/signin/" })(ok)(request);
    expect(response.content).toEqual(new TextEncoder().encode("ok"));
  });

  it("permission_required redirects, or raises PermissionDenied with raise_exception", () => {
    const request = request_for("/p/");
    request.user = new AnonymousUser();
    expect(permission_required("a.b")(ok)(request).headers.get("Location")).toBe("/accounts/login/?next=/p/");
    expect(() => permission_required("a.b", { raise_exception: true })(ok)(request)).toThrow(PermissionDenied);
  });

  it("user_passes_test keeps the view's name; redirect_to_login keeps the login URL's query and fragment", () => {
    function dashboard(_request: any) {
      return new HttpResponse("d");
    }
    expect(user_passes_test((u) => u.is_staff)(dashboard).name).toBe("dashboard");
    expect(redirect_to_login("/a b/?x=1&y=/z", "/login/?q=1#frag").headers.get("Location")).toBe("/login/?q=1&next=/a%20b/%3Fx%3D1%26y%3D/z#frag");
  });
});

describe("auth context processor", () => {
  it("perms.app and perms.app.codename ask the user; the user is loaded lazily", () => {
    const root = User.objects.create_superuser("root", null, "pw");
    let loads = 0;
    const request: any = request_for("/");
    Object.defineProperty(request, "user", { get: () => (loads++, root), configurable: true });
    const context = auth_context(request);
    expect(loads).toBe(0);
    expect(context.user.username).toBe("root");
    expect(loads).toBe(1);
    const perms: any = context.perms;
    expect(truth(perms.auth)).toBe(true);
    expect(perms.auth.add_user).toBe(true);
    expect(contains(perms, "auth.add_user")).toBe(true);
    const anon = auth_context({ user: new AnonymousUser() });
    expect((anon.perms as any).auth.add_user).toBe(false);
    expect(truth((anon.perms as any).auth)).toBe(false);
  });
});

describe("create_permissions and createsuperuser", () => {
  it("post_migrate creates add/change/delete/view for each model of the app, once", () => {
    const auth_config = apps.get_app_config("auth");
    post_migrate.send(auth_config, { app_config: auth_config, verbosity: 0, interactive: false, using: "default", apps });
    create_permissions(auth_config, { verbosity: 0 });
    const names = (Permission.objects.values_list("content_type__model", "codename", "name") as any).order_by("id");
    expect([...names]).toEqual([
      ["permission", "add_permission", "Can add permission"],
      ["permission", "change_permission", "Can change permission"],
      ["permission", "delete_permission", "Can delete permission"],
      ["permission", "view_permission", "Can view permission"],
      ["group", "add_group", "Can add group"],
      ["group", "change_group", "Can change group"],
      ["group", "delete_group", "Can delete group"],
      ["group", "view_group", "Can view group"],
      ["user", "add_user", "Can add user"],
      ["user", "change_user", "Can change user"],
      ["user", "delete_user", "Can delete user"],
      ["user", "view_user", "Can view user"],
    ]);
  });

  it("createsuperuser makes a staff superuser and refuses a taken username", () => {
    const { user, output } = createsuperuser({ username: "admin", email: "admin@example.com", password: "admin" });
    expect(output).toBe("Superuser created successfully.\n");
    expect([user.is_staff, user.is_superuser, user.check_password("admin")]).toEqual([true, true, true]);
    expect(() => createsuperuser({ username: "admin", email: "x@example.com", password: "x" })).toThrow("Error: That username is already taken.");
    expect(() => createsuperuser({ username: "bob" })).toThrow("You must use --email with --noinput.");
  });
});
