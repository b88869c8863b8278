/**
 * Built-in scenario "sessions-login": the seed's project 1 login flow redone with
 * django.contrib.sessions and django.contrib.auth. startproject's INSTALLED_APPS and MIDDLEWARE; a
 * `portal` app whose /login view calls authenticate() then login() (the session key rotates, the
 * sessionid cookie is set), a login_required /profile, and a POST-only /logout. The seed creates
 * alice / wonderland with User.objects.create_user and a fast password hasher.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";

const SETTINGS = `// project/settings.ts — what \`django-admin startproject\` writes, minus the admin.
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-sessions";
export const ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"];
export const INSTALLED_APPS = [
  "django.contrib.auth",
  "django.contrib.contenttypes",
  "django.contrib.sessions",
  "django.contrib.messages",
  "portal",
];
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.contrib.sessions.middleware.SessionMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.csrf.CsrfViewMiddleware",
  "django.contrib.auth.middleware.AuthenticationMiddleware",
  "django.contrib.messages.middleware.MessageMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];
export const ROOT_URLCONF = "project.urls";
export const TEMPLATES = [
  {
    BACKEND: "django.template.backends.django.DjangoTemplates",
    DIRS: [],
    APP_DIRS: true,
    OPTIONS: {
      context_processors: [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
      ],
    },
  },
];
// Where login_required sends anonymous visitors (Django's default is /accounts/login/).
export const LOGIN_URL = "/login/";
// Django hashes passwords with 1,000,000 PBKDF2 iterations (about 2 s here): a subclass with
// fewer iterations goes first, as Django's own test suites do. Hashes keep the pbkdf2_sha256 format.
export const PASSWORD_HASHERS = [
  "portal.hashers.FastPBKDF2PasswordHasher",
  "django.contrib.auth.hashers.PBKDF2PasswordHasher",
];
`;

const HASHERS = `// portal/hashers.ts — PBKDF2 with fewer iterations, so signing in stays fast in the page.
import { PBKDF2PasswordHasher } from "django/contrib/auth/hashers";

export class FastPBKDF2PasswordHasher extends PBKDF2PasswordHasher {
  iterations = 1000;
}
`;

const APPS = `// portal/apps.ts
import { AppConfig } from "django/apps";

export class PortalConfig extends AppConfig {
  name = "portal";
}
`;

const VIEWS = `// portal/views.ts — sign in, a page for signed-in users only, sign out.
import { HttpResponse, HttpResponseRedirect } from "django/http";
import { render } from "django/shortcuts";
import { authenticate, login, logout } from "django/contrib/auth";
import { login_required } from "django/contrib/auth/decorators";
import { csrf_exempt } from "django/views/decorators/csrf";

// csrf_exempt only because the lesson's scripted requests cannot read a token from a page first.
// The form in login.html carries {% csrf_token %}: remove csrf_exempt and post it from the
// Preview, and CsrfViewMiddleware checks the token (a scripted POST then gets 403).
export const login_view = csrf_exempt(function login_view(request) {
  if (request.method !== "POST") return render(request, "portal/login.html", { next: request.GET.get("next", "/profile/") });
  // authenticate() asks each AUTHENTICATION_BACKENDS backend; ModelBackend checks the hash.
  const user = authenticate(request, { username: request.POST.get("username"), password: request.POST.get("password") });
  if (user === null) return render(request, "portal/login.html", { error: "Please enter a correct username and password." }, { status: 401 });
  // login() rotates the session key, stores the user's id in the session and sends user_logged_in.
  login(request, user);
  return new HttpResponse(\`Welcome, \${user.username}!\`);
});

// Anonymous visitors are redirected to LOGIN_URL?next=/profile/.
export const profile = login_required(function profile(request) {
  const state = request.user.is_authenticated ? "authenticated" : "anonymous";
  return new HttpResponse(\`Profile for \${request.user.username} (\${state})\`);
});

export function logout_view(request) {
  if (request.method !== "POST") return new HttpResponse("Sign out with a POST.", { status: 405, headers: { Allow: "POST" } });
  logout(request);   // flushes the session; request.user becomes AnonymousUser
  return new HttpResponseRedirect("/login/");
}
`;

const URLS = `// project/urls.ts
import { path } from "django/urls";
import * as views from "portal/views";

export const urlpatterns = [
  path("login/", views.login_view, { name: "login" }),
  path("profile/", views.profile, { name: "profile" }),
  path("logout/", views.logout_view, { name: "logout" }),
];
`;

const SEED = `// portal/seed.ts — run once after migrate (like \`manage.py shell -c …\`): one user to sign in as.
import { User } from "django/contrib/auth/models";

export function seed() {
  // create_user hashes the password (make_password) before saving.
  User.objects.create_user("alice", "alice@example.com", "wonderland");
}
`;

const LOGIN_TEMPLATE = `<!doctype html>
<title>Sign in</title>
<h1>Sign in</h1>
{% if error %}<p class="error">{{ error }}</p>{% endif %}
<form method="post" action="/login/">{% csrf_token %}
  <p><label>Username <input name="username" required></label></p>
  <p><label>Password <input name="password" type="password" required></label></p>
  <button>Sign in</button>
</form>
<p>Try alice / wonderland.</p>
`;

export const sessions_login: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Sessions and auth: sign in, a private page, sign out",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  description:
    "Sign in as alice / wonderland: authenticate() checks the password hash, login() rotates the session and sets the sessionid cookie. /profile is login_required: with the cookie it greets alice; from a private window it redirects to the login page. The Session and Auth panels follow each step.",
  files: {
    "project/settings.ts": SETTINGS,
    "project/urls.ts": URLS,
    "portal/apps.ts": APPS,
    "portal/hashers.ts": HASHERS,
    "portal/views.ts": VIEWS,
    "portal/seed.ts": SEED,
    "portal/templates/portal/login.html": LOGIN_TEMPLATE,
  },
  setup: [{ command: "migrate" }, { command: "call", function: "portal.seed.seed" }],
  requests: [
    { method: "POST", target: "/login/", form: { username: "alice", password: "wonderland" }, note: "authenticate() + login(): the Session panel shows the new session saved and the sessionid cookie." },
    { method: "GET", target: "/profile/", note: "The jar sends sessionid: AuthenticationMiddleware loads alice from the session." },
    { method: "GET", target: "/profile/", no_cookies: true, note: "A private window (no cookies): AnonymousUser, so login_required redirects to LOGIN_URL." },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "Welcome, alice!" },
    { request: 1, status: 200, body_contains: "Profile for alice (authenticated)" },
    { request: 2, status: 302, header: ["Location", "/login/?next=/profile/"] },
  ],
};
