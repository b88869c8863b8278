/**
 * Built-in scenario "admin-users": Django's admin on the default project (the seed's project 5).
 * INSTALLED_APPS with admin, auth, contenttypes, sessions and messages; startproject's MIDDLEWARE;
 * a UserAdmin (list_display, list_filter, search_fields, ordering, fieldsets) for auth's User and a
 * default admin for Post (with Comments, so deleting a post shows the cascade summary). The seed
 * creates a superuser ("admin" / "admin") with a fast password hasher, and enough rows to paginate.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";
import { ADMIN_USERS_MIGRATION_0001 } from "./admin-users-migration";

const SETTINGS = `// project/settings.ts — what \`django-admin startproject\` writes, minus what the lab does not need.
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-admin";
export const ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"];
export const INSTALLED_APPS = [
  "django.contrib.admin",
  "django.contrib.auth",
  "django.contrib.contenttypes",
  "django.contrib.sessions",
  "django.contrib.messages",
  "blog",
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
// Django hashes passwords with 1,000,000 PBKDF2 iterations (about 2 s here): a subclass with
// fewer iterations goes first, as Django's own test suites do. Hashes keep the pbkdf2_sha256 format.
export const PASSWORD_HASHERS = [
  "blog.hashers.FastPBKDF2PasswordHasher",
  "django.contrib.auth.hashers.PBKDF2PasswordHasher",
];
`;

const HASHERS = `// blog/hashers.ts — PBKDF2 with fewer iterations, so signing in stays fast in the page.
import { PBKDF2PasswordHasher } from "django/contrib/auth/hashers";

export class FastPBKDF2PasswordHasher extends PBKDF2PasswordHasher {
  iterations = 1000;
}
`;

const URLS = `// project/urls.ts
import { path } from "django/urls";
import { site } from "django/contrib/admin";

export const urlpatterns = [
  path("admin/", site.urls),
];
`;

const APPS = `// blog/apps.ts
import { AppConfig } from "django/apps";

export class BlogConfig extends AppConfig {
  name = "blog";
}
`;

export const ADMIN_USERS_MODELS = `// blog/models.ts — posts written by users, and comments on them (deleting a post deletes its comments).
import { models } from "django/db";
import { User } from "django/contrib/auth/models";

export class Post extends models.Model {
  static fields = {
    title: new models.CharField({ max_length: 200 }),
    author: new models.ForeignKey(User, { on_delete: models.CASCADE, related_name: "posts" }),
    status: new models.CharField({ max_length: 10, choices: [["draft", "Draft"], ["published", "Published"]], default: "draft" }),
    published: new models.DateField(),
  };
  static Meta = { ordering: ["-published"] };
  declare id: number;
  declare title: string;

  toString() {
    return this.title;
  }
}

export class Comment extends models.Model {
  static fields = {
    post: new models.ForeignKey(Post, { on_delete: models.CASCADE, related_name: "comments" }),
    text: new models.CharField({ max_length: 200 }),
  };
  declare id: number;
  declare text: string;

  toString() {
    return this.text;
  }
}
`;

const ADMIN = `// blog/admin.ts — imported by the admin's autodiscover() when the project starts.
import { ModelAdmin, register, site } from "django/contrib/admin";
import { User } from "django/contrib/auth/models";
import { Comment, Post } from "./models";

// Like django.contrib.auth.admin.UserAdmin: each option below shapes the change list's query.
export class UserAdmin extends ModelAdmin {
  list_display = ["username", "email", "first_name", "last_name", "is_staff"];
  list_filter = ["is_staff", "is_superuser", "is_active"];
  search_fields = ["username", "first_name", "last_name", "email"];
  ordering = ["username"];
  list_per_page = 10;
  // Django's UserAdmin shows the hash read-only through its own form (ReadOnlyPasswordHashField):
  // readonly_fields does the same here, so saving the form never writes a password.
  readonly_fields = ["password", "last_login", "date_joined"];
  fieldsets = [
    [null, { fields: ["username", "password"] }],
    ["Personal info", { fields: ["first_name", "last_name", "email"] }],
    ["Permissions", { fields: ["is_active", "is_staff", "is_superuser"] }],
    ["Important dates", { fields: ["last_login", "date_joined"] }],
  ];
}
// django.contrib.auth registers User with its own UserAdmin; replace it, as the admin guide shows.
site.unregister(User);
site.register(User, UserAdmin);

// The defaults: list_display is the object's str(), no filters, no search.
site.register(Post);

register(Comment)(class CommentAdmin extends ModelAdmin {
  list_display = ["text", "post"];
  list_select_related = ["post"];
});
`;

const SEED = `// blog/seed.ts — run once after migrate: a superuser (like \`manage.py createsuperuser\`) and some rows.
import { date } from "python/datetime";
import { createsuperuser } from "django/contrib/auth/management/commands/createsuperuser";
import { User } from "django/contrib/auth/models";
import { Comment, Post } from "./models";

const PEOPLE = [
  ["ada", "Ada", "Lovelace"], ["grace", "Grace", "Hopper"], ["alan", "Alan", "Turing"],
  ["edsger", "Edsger", "Dijkstra"], ["barbara", "Barbara", "Liskov"], ["donald", "Donald", "Knuth"],
  ["margaret", "Margaret", "Hamilton"], ["ken", "Ken", "Thompson"], ["dennis", "Dennis", "Ritchie"],
  ["frances", "Frances", "Allen"], ["john", "John", "McCarthy"], ["radia", "Radia", "Perlman"],
];

export function seed() {
  const { user: admin } = createsuperuser({ username: "admin", email: "admin@example.com", password: "admin" });
  PEOPLE.forEach(([username, first_name, last_name], i) => {
    const user = User.objects.create_user(username, \`\${username}@example.com\`, "password", { first_name, last_name });
    if (i % 4 === 0) { user.is_staff = true; user.save(); }
  });
  const ada = User.objects.get({ username: "ada" });
  const first = Post.objects.create({ title: "Notes on the Analytical Engine", author: ada, status: "published", published: new date(1843, 10, 1) });
  Post.objects.create({ title: "Bernoulli numbers, step by step", author: ada, published: new date(1844, 1, 1) });
  Post.objects.create({ title: "Welcome to the admin", author: admin, status: "published", published: new date(2026, 1, 1) });
  Comment.objects.create({ post: first, text: "The engine weaves algebraic patterns." });
  Comment.objects.create({ post: first, text: "Note G is the first program." });
}
`;

export const admin_users: Scenario = {
  format: SCENARIO_FORMAT,
  title: "The admin: sign in, search, filter, edit",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  description:
    "Django's admin on startproject's settings. Sign in as admin / admin at /admin/, open Users: the Admin panel shows how list_filter, search_fields, ordering and list_per_page shaped the query, and the SQL it produced.",
  files: {
    "project/settings.ts": SETTINGS,
    "project/urls.ts": URLS,
    "blog/apps.ts": APPS,
    "blog/hashers.ts": HASHERS,
    "blog/models.ts": ADMIN_USERS_MODELS,
    "blog/migrations/0001_initial.ts": ADMIN_USERS_MIGRATION_0001,
    "blog/admin.ts": ADMIN,
    "blog/seed.ts": SEED,
  },
  setup: [{ command: "migrate" }, { command: "call", function: "blog.seed.seed" }],
  requests: [
    { method: "GET", target: "/admin/", note: "Not signed in: a redirect to the login page (the Auth panel shows AnonymousUser)." },
    { method: "GET", target: "/admin/login/?next=/admin/", note: "The login form: {% csrf_token %} sets the csrftoken cookie (CSRF and Session panels). Sign in as admin / admin." },
    { method: "POST", target: "/admin/login/?next=/admin/", form: { username: "admin", password: "admin" }, note: "A POST without csrfmiddlewaretoken: 403, and the CSRF panel says why." },
  ],
  checks: [
    { request: 0, status: 302, header: ["Location", "/admin/login/?next=/admin/"] },
    { request: 1, status: 200, body_contains: "csrfmiddlewaretoken" },
    { request: 2, status: 403, body_contains: "CSRF" },
  ],
};
