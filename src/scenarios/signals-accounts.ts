/**
 * Built-in scenario "signals-accounts": model and auth signals on a sign-up flow (the seed's
 * project 4). An `accounts` app with a Member model; its AppConfig's ready() connects a pre_save
 * receiver that hashes a plain password with make_password, a post_save receiver that puts a
 * welcome message in a console "outbox" when a member is created, a user_logged_in receiver that
 * logs each sign-in, and one receiver connected then disconnected by its dispatch_uid (never called).
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";
import { SIGNALS_ACCOUNTS_MIGRATION_0001 } from "./signals-accounts-migration";

const SETTINGS = `// project/settings.ts — no sessions, auth or CSRF middleware: the lesson is about signals.
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-signals";
export const ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"];
export const INSTALLED_APPS = ["accounts"];
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];
export const ROOT_URLCONF = "project.urls";
export const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: [], APP_DIRS: true }];
// Django hashes passwords with 1,000,000 PBKDF2 iterations (about 2 s here): a subclass with
// fewer iterations goes first, as Django's own test suites do. Hashes keep the pbkdf2_sha256 format.
export const PASSWORD_HASHERS = [
  "accounts.hashers.FastPBKDF2PasswordHasher",
  "django.contrib.auth.hashers.PBKDF2PasswordHasher",
];
`;

const HASHERS = `// accounts/hashers.ts — PBKDF2 with fewer iterations, so signing up stays fast in the page.
import { PBKDF2PasswordHasher } from "django/contrib/auth/hashers";

export class FastPBKDF2PasswordHasher extends PBKDF2PasswordHasher {
  iterations = 1000;
}
`;

export const SIGNALS_ACCOUNTS_MODELS = `// accounts/models.ts — a member of the site. \`password\` holds a hash once saved (see signals.ts).
import { models } from "django/db";

export class Member extends models.Model {
  static fields = {
    username: new models.CharField({ max_length: 150, unique: true }),
    email: new models.EmailField({ blank: true }),
    password: new models.CharField({ max_length: 128 }),
  };
  static Meta = { ordering: ["username"] };
  declare id: number;
  declare username: string;
  declare email: string;
  declare password: string;

  toString() {
    return this.username;
  }
}
`;

const SIGNALS = `// accounts/signals.ts — the receivers. Each one is \`function (sender, kwargs)\`: kwargs holds what
// send() passed (instance, created, raw, request, user, …) plus the signal itself.
import { identify_hasher, make_password } from "django/contrib/auth/hashers";

/** The console "outbox": every welcome message "sent", newest last (the /outbox page lists it). */
export const outbox = [];

/** pre_save: runs before the INSERT/UPDATE, so changing the instance here changes what is stored. */
export function hash_password(sender, { instance }) {
  if (!is_hashed(instance.password)) instance.password = make_password(instance.password);
}

function is_hashed(password) {
  try {
    identify_hasher(password);   // throws ValueError for text that is not a known hash
    return true;
  } catch {
    return false;
  }
}

/** post_save: runs after the SQL; \`created\` is true for an INSERT, false for an UPDATE. */
export function send_welcome(sender, { instance, created }) {
  if (!created) return;
  const message = \`To: \${instance.email || instance.username} — Welcome to the lab, \${instance.username}!\`;
  outbox.push(message);
  console.log(\`[outbox] \${message}\`);
}

/** user_logged_in: sent by the login view once the password checked out. */
export function log_login(sender, { user, request }) {
  const line = \`\${user.username} logged in from \${request.META.REMOTE_ADDR ?? "an unknown address"}\`;
  outbox.push(\`[log] \${line}\`);
  console.log(\`[login] \${line}\`);
}

/** Connected, then disconnected in ready(): the trace shows it is never called. */
export function audit_every_save(sender, { instance }) {
  console.log(\`[audit] \${sender.name} \${instance.pk} saved\`);
}
`;

const APPS = `// accounts/apps.ts — ready() runs once, after every app is loaded: the place to connect receivers.
import { AppConfig } from "django/apps";
import { receiver } from "django/dispatch";
import { models } from "django/db";
import { user_logged_in } from "django/contrib/auth/signals";
import { audit_every_save, hash_password, log_login, send_welcome } from "./signals";

const { pre_save, post_save } = models.signals;   // Python: from django.db.models.signals import …

export class AccountsConfig extends AppConfig {
  name = "accounts";

  ready() {
    const Member = this.get_model("Member");   // models are loaded by now (Python: from .models import Member)
    // The decorator form: @receiver(pre_save, sender=Member) in Python.
    receiver(pre_save, { sender: Member })(hash_password);
    // The method form; dispatch_uid makes a second connect (a module loaded twice) a no-op.
    post_save.connect(send_welcome, { sender: Member, dispatch_uid: "accounts.send_welcome" });
    user_logged_in.connect(log_login, { sender: Member, dispatch_uid: "accounts.log_login" });
    // Connected, then disconnected by the same dispatch_uid: send() never calls it again.
    post_save.connect(audit_every_save, { sender: Member, dispatch_uid: "accounts.audit" });
    post_save.disconnect(null, { sender: Member, dispatch_uid: "accounts.audit" });
  }
}
`;

const VIEWS = `// accounts/views.ts — sign up, sign in, and the outbox. No CSRF middleware in this project (see
// settings.ts), so the scripted POSTs need no token; the sessions-login lesson covers CSRF.
import { HttpResponse, HttpResponseRedirect } from "django/http";
import { render } from "django/shortcuts";
import { check_password } from "django/contrib/auth/hashers";
import { user_logged_in } from "django/contrib/auth/signals";
import { Member } from "./models";
import { outbox } from "./signals";

export function signup(request) {
  if (request.method !== "POST") return render(request, "accounts/signup.html", {});
  const { username, email, password } = Object.fromEntries(["username", "email", "password"].map((k) => [k, request.POST.get(k, "")]));
  // save() sends pre_save (the password is hashed), runs the INSERT, then sends post_save(created=true).
  Member.objects.create({ username, email, password });
  return new HttpResponseRedirect("/outbox/");
}

export function signin(request) {
  if (request.method !== "POST") return render(request, "accounts/signin.html", {});
  const member = Member.objects.filter({ username: request.POST.get("username", "") }).first();
  if (!member || !check_password(request.POST.get("password", ""), member.password))
    return new HttpResponse("Wrong username or password.", { status: 401 });
  // django.contrib.auth.login() sends this signal with sender=user's class; Members are not auth
  // Users (no sessions here), so the view sends it the same way itself.
  user_logged_in.send(Member, { request, user: member });
  return new HttpResponse(\`Welcome back, \${member.username}!\`);
}

export function outbox_view(request) {
  return render(request, "accounts/outbox.html", { members: Member.objects.all(), outbox });
}
`;

const URLS = `// project/urls.ts
import { path } from "django/urls";
import * as views from "accounts/views";

export const urlpatterns = [
  path("signup/", views.signup, { name: "signup" }),
  path("signin/", views.signin, { name: "signin" }),
  path("outbox/", views.outbox_view, { name: "outbox" }),
];
`;

const SEED = `// accounts/seed.ts — run once after migrate: each create() already goes through the receivers.
import { Member } from "./models";

export function seed() {
  Member.objects.create({ username: "ada", email: "ada@example.com", password: "analytical" });
}
`;

const SIGNUP_TEMPLATE = `<!doctype html>
<title>Sign up</title>
<h1>Sign up</h1>
<form method="post">
  <p><label>Username <input name="username" required></label></p>
  <p><label>Email <input name="email" type="email"></label></p>
  <p><label>Password <input name="password" type="password" required></label></p>
  <button>Sign up</button>
</form>
<p><a href="/outbox/">Outbox</a> · <a href="/signin/">Sign in</a></p>
`;

const SIGNIN_TEMPLATE = `<!doctype html>
<title>Sign in</title>
<h1>Sign in</h1>
<form method="post">
  <p><label>Username <input name="username" required></label></p>
  <p><label>Password <input name="password" type="password" required></label></p>
  <button>Sign in</button>
</form>
`;

const OUTBOX_TEMPLATE = `<!doctype html>
<title>Outbox</title>
<h1>Members</h1>
<ul>{% for member in members %}<li>{{ member.username }} — <code>{{ member.password|truncatechars:40 }}</code></li>{% endfor %}</ul>
<h2>Outbox</h2>
<ol>{% for message in outbox %}<li>{{ message }}</li>{% empty %}<li>Nothing sent yet.</li>{% endfor %}</ol>
<p><a href="/signup/">Sign up</a> · <a href="/signin/">Sign in</a></p>
`;

export const signals_accounts: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Signals: hash on pre_save, welcome on post_save",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  description:
    "An accounts app whose receivers hash the password before saving (pre_save), send a welcome message to a console outbox (post_save, created), and log each sign-in (user_logged_in). A fourth receiver is disconnected in ready(): the trace shows it never runs.",
  files: {
    "project/settings.ts": SETTINGS,
    "project/urls.ts": URLS,
    "accounts/apps.ts": APPS,
    "accounts/hashers.ts": HASHERS,
    "accounts/models.ts": SIGNALS_ACCOUNTS_MODELS,
    "accounts/migrations/0001_initial.ts": SIGNALS_ACCOUNTS_MIGRATION_0001,
    "accounts/signals.ts": SIGNALS,
    "accounts/views.ts": VIEWS,
    "accounts/seed.ts": SEED,
    "accounts/templates/accounts/signup.html": SIGNUP_TEMPLATE,
    "accounts/templates/accounts/signin.html": SIGNIN_TEMPLATE,
    "accounts/templates/accounts/outbox.html": OUTBOX_TEMPLATE,
  },
  setup: [{ command: "migrate" }, { command: "call", function: "accounts.seed.seed" }],
  requests: [
    { method: "POST", target: "/signup/", form: { username: "grace", email: "grace@example.com", password: "cobol1959" }, note: "Sign up: the Signals panel shows pre_save → hash_password, the INSERT, then post_save → send_welcome (audit_every_save is gone)." },
    { method: "GET", target: "/outbox/", note: "Both members, their passwords stored as pbkdf2_sha256 hashes, and the welcome messages." },
    { method: "POST", target: "/signin/", form: { username: "grace", password: "cobol1959" }, note: "Sign in: user_logged_in → log_login." },
  ],
  checks: [
    { request: 0, status: 302, header: ["Location", "/outbox/"] },
    { request: 1, status: 200, body_contains: "Welcome to the lab, grace!" },
    { request: 1, status: 200, body_contains: "pbkdf2_sha256$1000$" },
    { request: 2, status: 200, body_contains: "Welcome back, grace!" },
  ],
};
