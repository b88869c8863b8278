/**
 * Course project 10, "Django from scratch": a whole project — settings, an app with its AppConfig,
 * models and migration, views and templates, a custom management command — checked through
 * manage.py (`manage` script steps: the command's output, and the trace of django.setup: settings
 * read lazily, apps.populate, ready()) and end-to-end requests.
 */
import { SCENARIO_FORMAT, type Scenario } from "../../scenarios/format";
import { blog_orm } from "../../scenarios/blog-orm";
import { carve, starter_of } from "../check";
import type { CourseProject } from "../types";

const M = {
  manage: "manage.py commands work",
  settings: "settings load properly",
  apps: "apps register",
  blog: "a blog app works end to end",
} as const;

const SETTINGS = `// project/settings.ts — read lazily: nothing here runs until some code first reads a setting
// (django.conf.settings.INSTALLED_APPS in django.setup()).
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-from-scratch";
export const ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"];
export const INSTALLED_APPS = ["blog.apps.BlogConfig"];
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];
export const ROOT_URLCONF = "project.urls";
export const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: [], APP_DIRS: true }];
// The primary key type of models that do not declare one (the system check warns without it).
export const DEFAULT_AUTO_FIELD = "django.db.models.AutoField";
`;

const SETTINGS_TODO = carve(SETTINGS, [['// The primary key type of models that do not declare one (the system check warns without it).\nexport const DEFAULT_AUTO_FIELD = "django.db.models.AutoField";', '// TODO (milestone 2): DEFAULT_AUTO_FIELD, the primary key type of models that declare none\n// ("django.db.models.AutoField", as the migration has it): without it `manage.py check` warns (models.W042).']], "project/settings.ts");

const APPS = `// blog/apps.ts — the app's configuration: apps.populate() creates it, imports blog.models, then calls ready().
import { AppConfig } from "django/apps";
import { models } from "django/db";
import { log_new_post } from "./signals";

export class BlogConfig extends AppConfig {
  name = "blog";
  verbose_name = "The blog";

  ready() {
    // Every app's models are loaded by now.
    models.signals.post_save.connect(log_new_post, { sender: this.get_model("Post"), dispatch_uid: "blog.log_new_post" });
  }
}
`;

const APPS_TODO = `// blog/apps.ts — the app's configuration: apps.populate() creates it, imports blog.models, then calls ready().
import { AppConfig } from "django/apps";
import { models } from "django/db";
import { log_new_post } from "./signals";

export class BlogConfig extends AppConfig {
  name = "blog";
  verbose_name = "The blog";

  // TODO (milestone 3): ready(), called once every app's models are loaded: connect log_new_post
  // to post_save for this app's Post model (this.get_model("Post")), with a dispatch_uid.
}
`;

const SIGNALS = `// blog/signals.ts
export function log_new_post(sender, { instance, created }) {
  if (created) console.log(\`[blog] new post: \${instance.title}\`);
}
`;

const COMMAND = `// blog/management/commands/blogstats.ts — \`manage.py blogstats\`: found because blog is an installed app.
import { BaseCommand } from "django/core/management/base";
import { Author, Post } from "blog/models";

export class Command extends BaseCommand {
  help = "Counts the blog's posts and authors.";

  add_arguments(parser) {
    parser.add_argument("--author", { help: "only this author's posts" });
  }

  handle(options) {
    const posts = options.author ? Post.objects.filter({ author__name: options.author }) : Post.objects.all();
    this.stdout.write(\`\${posts.count()} posts by \${Author.objects.filter({ posts__in: posts }).distinct().count()} authors\`);
  }
}
`;

const COMMAND_TODO = `// blog/management/commands/blogstats.ts — \`manage.py blogstats\`: found because blog is an installed app.
import { BaseCommand } from "django/core/management/base";
import { Author, Post } from "blog/models";

export class Command extends BaseCommand {
  help = "Counts the blog's posts and authors.";

  add_arguments(parser) {
    parser.add_argument("--author", { help: "only this author's posts" });
  }

  handle(options) {
    // TODO (milestone 1): write "<n> posts by <m> authors" to this.stdout — all posts, or only those of
    // options.author (author__name) when it is given; m counts the distinct authors of those posts.
    throw new Error("TODO (milestone 1): blogstats");
  }
}
`;

const VIEWS = `// blog/views.ts — a list, a detail, a form.
import { HttpResponseRedirect } from "django/http";
import { get_object_or_404, render } from "django/shortcuts";
import { date } from "python/datetime";
import { Author, Post } from "./models";

export function post_list(request) {
  const posts = Post.objects.select_related("author");
  return render(request, "blog/post_list.html", { posts, count: posts.count() });
}

export function post_detail(request, { pk }) {
  return render(request, "blog/post_detail.html", { post: get_object_or_404(Post.objects.select_related("author"), { pk }) });
}

export function post_create(request) {
  if (request.method === "POST") {
    const [year, month, day] = request.POST.get("published", "").split("-").map(Number);
    const post = Post.objects.create({
      title: request.POST.get("title", ""),
      author: get_object_or_404(Author, { pk: request.POST.get("author") }),
      published: new date(year, month, day),
    });
    return new HttpResponseRedirect(\`/posts/\${post.pk}/\`);
  }
  return render(request, "blog/post_form.html", { authors: Author.objects.all() });
}
`;

const URLS = `// project/urls.ts
import { path } from "django/urls";
import * as views from "blog/views";

export const urlpatterns = [
  path("", views.post_list, { name: "post_list" }),
  path("posts/<int:pk>/", views.post_detail, { name: "post_detail" }),
  path("posts/new/", views.post_create, { name: "post_create" }),
];
`;

const URLS_TODO = carve(URLS, [['  path("posts/<int:pk>/", views.post_detail, { name: "post_detail" }),', '  // TODO (milestone 4): posts/<int:pk>/ → views.post_detail, named "post_detail".']], "project/urls.ts");

const LIST = `<!doctype html>
<title>The blog</title>
<h1>{{ count }} posts</h1>
<ul>{% for post in posts %}<li><a href="/posts/{{ post.pk }}/">{{ post.title }}</a> — {{ post.author.name }}</li>{% endfor %}</ul>
<p><a href="/posts/new/">Write a post</a></p>
`;

const DETAIL = `<!doctype html>
<title>{{ post.title }}</title>
<h1>{{ post.title }}</h1>
<p>by {{ post.author.name }}, {{ post.published|date:"Y" }}</p>
<p><a href="/">All posts</a></p>
`;

const FORM = `<!doctype html>
<title>Write a post</title>
<h1>Write a post</h1>
<form method="post">
  <p><label>Title <input name="title" required></label></p>
  <p><label>Author <select name="author">{% for author in authors %}<option value="{{ author.pk }}">{{ author.name }}</option>{% endfor %}</select></label></p>
  <p><label>Published <input name="published" type="date" required></label></p>
  <button>Publish</button>
</form>
`;

const files = blog_orm.files;

const solution: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Project 10 — Django from scratch",
  framework: "django",
  entry: blog_orm.entry,
  description: "A whole project: lazy settings, an app registry that imports models and calls ready(), a custom manage.py command, and a blog working end to end.",
  files: {
    "project/settings.ts": SETTINGS,
    "project/urls.ts": URLS,
    "blog/apps.ts": APPS,
    "blog/models.ts": files["blog/models.ts"],
    "blog/migrations/0001_initial.ts": files["blog/migrations/0001_initial.ts"],
    "blog/seed.ts": files["blog/seed.ts"],
    "blog/signals.ts": SIGNALS,
    "blog/views.ts": VIEWS,
    "blog/management/commands/blogstats.ts": COMMAND,
    "blog/templates/blog/post_list.html": LIST,
    "blog/templates/blog/post_detail.html": DETAIL,
    "blog/templates/blog/post_form.html": FORM,
  },
  setup: blog_orm.setup,
  requests: [
    { method: "GET", target: "/", note: "the list" },
    { method: "GET", target: "/posts/6/", note: "a detail page" },
    { method: "POST", target: "/posts/new/", form: { title: "From scratch", author: "2", published: "2026-12-07" }, note: "the form: save (post_save → log_new_post), then a redirect" },
    { method: "GET", target: "/posts/8/", note: "the new post" },
  ],
  script: [
    { manage: ["blogstats"], note: "a command from blog/management/commands" },
    { manage: ["blogstats", "--author", "Grace Hopper"] },
    { manage: ["check"], note: "django.setup(): settings read on first access, apps.populate, ready(); then the system checks" },
  ],
  checks: [
    { script: 0, output: "8 posts by 3 authors\n", label: M.manage },
    { script: 1, output: "4 posts by 1 authors\n", label: M.manage },
    { script: 2, output_contains: "System check identified no issues (0 silenced).", label: M.settings },
    { script: 2, trace: [{ kind: "settings", name: "LazySettings._setup", attrs: { settings_module: "project.settings", first_access: "INSTALLED_APPS" } }], label: M.settings },
    { script: 2, trace: [{ kind: "app", name: "apps.populate" }, { kind: "app", name: "AppConfig.create: blog.apps.BlogConfig", attrs_contain: { class: "BlogConfig" } }, { kind: "app", name: "import models: blog" }], label: M.apps },
    { request: 2, status: 302, header: ["Location", "/posts/8/"], trace: [{ kind: "receiver", name: "log_new_post" }], label: M.apps },
    { request: 0, status: 200, body_contains: "7 posts", label: M.blog },
    { request: 1, status: 200, body_contains: "<h1>Computable numbers</h1>", label: M.blog },
    { request: 3, status: 200, body_contains: "by Grace Hopper, 2026", label: M.blog },
  ],
};

export const project_django: CourseProject = {
  number: 10,
  id: "django",
  title: "Django from scratch",
  summary: "everything joined: lazy settings, the app registry, manage.py commands, a blog end to end",
  lesson: [
    "## What you build",
    "A Django project with nothing borrowed: its settings, a `blog` app with an `AppConfig` whose `ready()` connects a receiver, models and their migration, a list, a detail and a form, and a management command of your own, `manage.py blogstats`.",
    "",
    "## Why",
    "Every earlier project rebuilt one piece; this one is about how they are joined. When `manage.py` (or the server) starts, `django.setup()` reads the settings *lazily* — the settings module is imported on the first attribute access — then `apps.populate()` creates each app's config, imports its models, and calls `ready()`. Commands are found by name in each installed app's `management/commands/`. The trace of a `manage.py` step shows all of it, in order.",
    "",
    "## The core challenges",
    "- **Integration**: the URLconf, views, templates, ORM and signals of one app working together.",
    "- **Lazy settings**: the `settings` span records which setting was read first, and every name the module defined.",
    "- **Reusable app packages**: `INSTALLED_APPS = [\"blog.apps.BlogConfig\"]`; `ready()` runs once, after every model is loaded.",
    "- **Management commands**: a `Command(BaseCommand)` with `help`, `add_arguments` and `handle`, found by the registry.",
    "",
    "## Passing the milestones",
    "Write the parts marked `TODO` in `blog/management/commands/blogstats.ts`, `project/settings.ts`, `blog/apps.ts` and `project/urls.ts`. The Terminal runs the same `manage.py`.",
  ].join("\n"),
  milestones: [
    { title: M.manage, how: "manage.py blogstats prints \"8 posts by 3 authors\" (after the form's post), and with --author \"Grace Hopper\" \"4 posts by 1 authors\"" },
    { title: M.settings, how: "manage.py check identifies no issues, and its trace has the LazySettings._setup span of project.settings, first read for INSTALLED_APPS" },
    { title: M.apps, how: "manage.py check's trace has apps.populate creating BlogConfig and importing blog's models; the form's save calls the receiver ready() connected" },
    { title: M.blog, how: "GET / lists 7 posts, /posts/6/ shows one, and the form's POST redirects to the new post's page" },
  ],
  solution,
  starter: starter_of(
    solution,
    { "project/settings.ts": SETTINGS_TODO, "blog/apps.ts": APPS_TODO, "blog/management/commands/blogstats.ts": COMMAND_TODO, "project/urls.ts": URLS_TODO },
    "Project 10 — Django from scratch (starter)",
  ),
};
