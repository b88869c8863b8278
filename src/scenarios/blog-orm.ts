/**
 * Built-in scenario "blog-orm": the ORM from Python to SQL and back, and the N+1 problem caught in
 * the act. Two models (Author, Post with a ForeignKey), their migration, seed data, and a list
 * view whose loop reads `post.author.name` — one query for the posts, then one more per post. The
 * SQL panel flags it with the line and offers `select_related("author")`; adding it brings the
 * request down to one query with a JOIN.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";
import { BLOG_MIGRATION_0001 } from "./blog-orm-migration";

const SETTINGS = `// project/settings.ts
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-blog";
export const ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"];
export const INSTALLED_APPS = ["blog"];
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];
export const ROOT_URLCONF = "project.urls";
export const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: [], APP_DIRS: true }];
`;

export const BLOG_MODELS = `// blog/models.ts — each class is a table; each entry of \`fields\` is a column (Django's class attributes).
import { models } from "django/db";

export class Author extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 100 }),
  };
  declare id: number;
  declare name: string;

  toString() {
    return this.name;
  }
}

export class Post extends models.Model {
  static fields = {
    title: new models.CharField({ max_length: 200 }),
    author: new models.ForeignKey(Author, { on_delete: models.CASCADE, related_name: "posts" }),
    published: new models.DateField(),
  };
  static Meta = { ordering: ["-published"] };
  declare id: number;
  declare title: string;
  declare author: Author;
  declare author_id: number;

  toString() {
    return this.title;
  }
}
`;

const VIEWS = `// blog/views.ts
import { JsonResponse } from "django/http";
import { get_object_or_404, render } from "django/shortcuts";
import { Author, Post } from "./models";

export function post_list(request) {
  const posts = Post.objects.all();          // lazy: building a QuerySet runs no SQL
  const rows = [];
  for (const post of posts) {                // the first iteration runs one query for the posts…
    rows.push({ title: post.title, author: post.author.name });   // …and post.author one more per post: N+1
  }
  return render(request, "blog/post_list.html", { rows, count: rows.length });
}

export function author_detail(request, { pk }) {
  const author = get_object_or_404(Author, { pk });
  const posts = author.posts.all();          // the reverse side of the ForeignKey (related_name="posts")
  return render(request, "blog/author_detail.html", { author, posts });
}

export function api_posts(request) {
  // values() skips model instances: rows come back as plain objects.
  const data = [...Post.objects.values("id", "title", "author__name")];
  return new JsonResponse({ posts: data });
}
`;

const URLS = `// project/urls.ts
import { path } from "django/urls";
import * as views from "blog/views";

export const urlpatterns = [
  path("", views.post_list, { name: "post_list" }),
  path("authors/<int:pk>/", views.author_detail, { name: "author_detail" }),
  path("api/posts/", views.api_posts, { name: "api_posts" }),
];
`;

const APPS = `// blog/apps.ts
import { AppConfig } from "django/apps";

export class BlogConfig extends AppConfig {
  name = "blog";
}
`;

const SEED = `// blog/seed.ts — run once after migrate (like \`manage.py shell -c "from blog.seed import seed; seed()"\`).
import { date } from "python/datetime";
import { Author, Post } from "./models";

export function seed() {
  const ada = Author.objects.create({ name: "Ada Lovelace" });
  const grace = Author.objects.create({ name: "Grace Hopper" });
  const alan = Author.objects.create({ name: "Alan Turing" });
  const posts = [
    ["Notes on the Analytical Engine", ada, 1843],
    ["Bernoulli numbers, step by step", ada, 1844],
    ["The first compiler", grace, 1952],
    ["Why COBOL reads like English", grace, 1959],
    ["Nanoseconds you can hold", grace, 1967],
    ["Computable numbers", alan, 1936],
    ["Can machines think?", alan, 1950],
  ];
  posts.forEach(([title, author, year], i) => Post.objects.create({ title, author, published: new date(year, 1 + i, 1) }));
}
`;

const LIST_TEMPLATE = `<!doctype html>
<title>Posts</title>
<h1>{{ count }} posts</h1>
<ul>
{% for row in rows %}  <li>{{ row.title }} — <em>{{ row.author }}</em></li>
{% endfor %}</ul>
<p><a href="/api/posts/">JSON</a> · <a href="/authors/1/">Ada's page</a></p>
`;

const AUTHOR_TEMPLATE = `<!doctype html>
<title>{{ author }}</title>
<h1>{{ author.name }}</h1>
<ul>{% for post in posts %}<li>{{ post.title }} ({{ post.published|date:"Y" }})</li>{% empty %}<li>No posts.</li>{% endfor %}</ul>
<p><a href="/">All posts</a></p>
`;

export const blog_orm: Scenario = {
  format: SCENARIO_FORMAT,
  title: "ORM: models, QuerySets, SQL — and an N+1",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  description:
    "Two models and their migration. The post list reads post.author in a loop: one query for the posts, then one per post. Open the SQL panel, then add select_related(\"author\") in blog/views.ts and send again.",
  files: {
    "project/settings.ts": SETTINGS,
    "project/urls.ts": URLS,
    "blog/apps.ts": APPS,
    "blog/models.ts": BLOG_MODELS,
    "blog/migrations/0001_initial.ts": BLOG_MIGRATION_0001,
    "blog/seed.ts": SEED,
    "blog/views.ts": VIEWS,
    "blog/templates/blog/post_list.html": LIST_TEMPLATE,
    "blog/templates/blog/author_detail.html": AUTHOR_TEMPLATE,
  },
  setup: [{ command: "migrate" }, { command: "call", function: "blog.seed.seed" }],
  requests: [
    { method: "GET", target: "/", note: "7 posts, 1 + 7 queries: the SQL panel flags the N+1 at blog/views.ts:10." },
    { method: "GET", target: "/authors/1/", note: "get_object_or_404, then the reverse relation author.posts." },
    { method: "GET", target: "/api/posts/", note: "values() with a join through author__name: one query." },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "7 posts" },
    { request: 1, status: 200, body_contains: "Ada Lovelace" },
    { request: 2, status: 200, body_contains: "Grace Hopper" },
  ],
};
