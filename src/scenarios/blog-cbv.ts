/**
 * Built-in scenario "blog-cbv" (the seed's project 6): a blog written with class-based views.
 * HomeView (TemplateView), PostListView (ListView, five posts a page, `?category=` filter),
 * PostCreateView (CreateView with a ModelForm, a clean_title hook and a redirect), templates that
 * extend a base, include a partial and show pagination links and field errors. The Class-based
 * view panel shows each view's MRO and which methods ran; the Forms and Templates panels show
 * the form's cleaning and the template chain.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";
import { BLOG_CBV_MIGRATION_0001 } from "./blog-cbv-migration";

const SETTINGS = `// project/settings.ts
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-blog-cbv";
export const ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"];
export const INSTALLED_APPS = ["blog"];
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];
export const ROOT_URLCONF = "project.urls";
export const TEMPLATES = [
  {
    BACKEND: "django.template.backends.django.DjangoTemplates",
    DIRS: [],
    APP_DIRS: true,
    // Each processor adds a layer to every RequestContext (the Templates panel shows the layers).
    OPTIONS: { context_processors: ["blog.context_processors.blog_nav"] },
  },
];
`;

export const BLOG_CBV_MODELS = `// blog/models.ts
import { models } from "django/db";

export class Category extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 50 }),
    slug: new models.SlugField({ unique: true }),
  };
  static Meta = { ordering: ["name"], verbose_name_plural: "categories" };
  declare id: number;
  declare name: string;
  declare slug: string;

  toString() {
    return this.name;
  }
}

export class Post extends models.Model {
  static fields = {
    title: new models.CharField({ max_length: 100 }),
    category: new models.ForeignKey(Category, { on_delete: models.PROTECT, related_name: "posts" }),
    body: new models.TextField(),
  };
  static Meta = { ordering: ["-id"] };
  declare id: number;
  declare title: string;
  declare category: Category;
  declare body: string;

  toString() {
    return this.title;
  }
}
`;

const FORMS = `// blog/forms.ts — a ModelForm: its fields come from the model (Meta.fields).
import * as forms from "django/forms";
import { Post } from "./models";

export class PostForm extends forms.ModelForm {
  static Meta = { model: Post, fields: ["title", "category", "body"] };

  // clean_<field>() runs after the field's own cleaning (to_python → validate → validators).
  clean_title() {
    const title = this.cleaned_data.title;
    if (title === title.toUpperCase() && /[A-Z]/.test(title)) {
      throw new forms.ValidationError("Please don't shout in titles.", { code: "shouting" });
    }
    return title;
  }
}
`;

const VIEWS = `// blog/views.ts — class-based views: class attributes configure the generic views (ADR 0008).
import { CreateView, ListView, TemplateView } from "django/views/generic";
import { reverse_lazy } from "django/urls";
import { PostForm } from "./forms";
import { Category, Post } from "./models";

export class HomeView extends TemplateView {
  static template_name = "blog/home.html";

  get_context_data(kwargs) {
    const context = super.get_context_data(kwargs);
    context.latest = Post.objects.select_related("category").first();
    context.post_count = Post.objects.count();
    return context;
  }
}

export class PostListView extends ListView {
  static model = Post;
  static paginate_by = 5;

  // ?category=<slug> narrows the list; the pagination links keep the filter.
  get_queryset() {
    const queryset = super.get_queryset().select_related("category");
    const slug = this.request.GET.get("category");
    return slug ? queryset.filter({ category__slug: slug }) : queryset;
  }

  get_context_data(kwargs) {
    const context = super.get_context_data(kwargs);
    context.category = this.request.GET.get("category", "");
    context.categories = Category.objects.all();
    return context;
  }
}

export class PostCreateView extends CreateView {
  static model = Post;
  static form_class = PostForm;
  static success_url = reverse_lazy("blog:post_list");
}
`;

const URLS = `// project/urls.ts
import { include, path } from "django/urls";

export const urlpatterns = [path("", include("blog.urls"))];
`;

const APP_URLS = `// blog/urls.ts — as_view() turns each class into a view function.
import { path } from "django/urls";
import { HomeView, PostCreateView, PostListView } from "./views";

export const app_name = "blog";

export const urlpatterns = [
  path("", HomeView.as_view(), { name: "home" }),
  path("posts/", PostListView.as_view(), { name: "post_list" }),
  path("posts/new/", PostCreateView.as_view(), { name: "post_create" }),
];
`;

const CONTEXT_PROCESSORS = `// blog/context_processors.ts — a context processor: request → names for every template.
export function blog_nav(request) {
  return { site_name: "Class-based blog", nav: [["Home", "/"], ["Posts", "/posts/"], ["Write", "/posts/new/"]] };
}
`;

const APPS = `// blog/apps.ts
import { AppConfig } from "django/apps";

export class BlogConfig extends AppConfig {
  name = "blog";
}
`;

const SEED = `// blog/seed.ts — run once after migrate.
import { Category, Post } from "./models";

export function seed() {
  const django = Category.objects.create({ name: "Django", slug: "django" });
  const python = Category.objects.create({ name: "Python", slug: "python" });
  const titles = [
    ["Views are callables", django], ["Generators, lazily", python], ["The MRO, explained", python],
    ["ListView in five lines", django], ["Decorators unwrapped", python], ["Templates inherit", django],
    ["ModelForms save you typing", django], ["f-strings and friends", python], ["Paginating a QuerySet", django],
    ["Dataclasses", python], ["super() follows the MRO", python], ["Class-based or function views?", django],
  ];
  for (const [title, category] of titles) {
    Post.objects.create({ title, category, body: \`A short post about \${String(title).toLowerCase()}.\` });
  }
}
`;

const BASE_TEMPLATE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{{ site_name }}{% endblock %}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}nav a{margin-right:.8rem}.errorlist{color:#b00020}.pagination a,.pagination span{margin-right:.6rem}</style>
</head>
<body>
<nav>{% for label, href in nav %}<a href="{{ href }}">{{ label }}</a>{% endfor %}</nav>
<h1>{% block heading %}{{ site_name }}{% endblock %}</h1>
{% block content %}{% endblock %}
</body>
</html>
`;

const HOME_TEMPLATE = `{% extends "blog/base.html" %}
{% block content %}
<p>{{ post_count }} post{{ post_count|pluralize }} so far.</p>
{% if latest %}<p>Latest: {% include "blog/_post.html" with post=latest %}</p>{% endif %}
<p><a href="{% url 'blog:post_list' %}">All posts</a> · <a href="{% url 'blog:post_create' %}">Write one</a></p>
{% endblock %}
`;

const LIST_TEMPLATE = `{% extends "blog/base.html" %}
{% block title %}Posts – {{ block.super }}{% endblock %}
{% block heading %}Posts{% if category %} in {{ category|title }}{% endif %}{% endblock %}
{% block content %}
<p>Filter: <a href="?">all</a>{% for c in categories %} · <a href="?category={{ c.slug }}">{{ c.name }}</a>{% endfor %}</p>
<ul>
{% for post in post_list %}  <li>{% include "blog/_post.html" %}</li>
{% empty %}  <li>No posts yet.</li>
{% endfor %}</ul>
{% if is_paginated %}
<p class="pagination">
  {% if page_obj.has_previous %}<a href="?page={{ page_obj.previous_page_number }}{% if category %}&amp;category={{ category }}{% endif %}">previous</a>{% endif %}
  <span>Page {{ page_obj.number }} of {{ page_obj.paginator.num_pages }}</span>
  {% if page_obj.has_next %}<a href="?page={{ page_obj.next_page_number }}{% if category %}&amp;category={{ category }}{% endif %}">next</a>{% endif %}
</p>
{% endif %}
{% endblock %}
`;

const POST_PARTIAL = `<strong>{{ post.title }}</strong> <small>({{ post.category.name|default:"no category" }})</small> — {{ post.body|truncatewords:6 }}`;

const FORM_TEMPLATE = `{% extends "blog/base.html" %}
{% block heading %}Write a post{% endblock %}
{% block content %}
{# novalidate: let the server's validation answer, not the browser's "required" check #}
<form method="post" action="{% url 'blog:post_create' %}" novalidate>{% csrf_token %}
  {{ form.non_field_errors }}
  {% for field in form %}
  <div class="field">
    {{ field.label_tag }} {{ field }}
    {{ field.errors }}
  </div>
  {% endfor %}
  <button type="submit">Save</button>
</form>
{% endblock %}
`;

export const blog_cbv: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Class-based views: a paginated, filtered blog with a create form",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  description:
    "HomeView, PostListView (5 a page, ?category= filter) and PostCreateView with a ModelForm. Open the Class-based view panel to see each view's MRO and the methods that ran, the Forms panel after posting the form, the Templates panel for the extends chain.",
  files: {
    "project/settings.ts": SETTINGS,
    "project/urls.ts": URLS,
    "blog/apps.ts": APPS,
    "blog/models.ts": BLOG_CBV_MODELS,
    "blog/migrations/0001_initial.ts": BLOG_CBV_MIGRATION_0001,
    "blog/seed.ts": SEED,
    "blog/forms.ts": FORMS,
    "blog/views.ts": VIEWS,
    "blog/urls.ts": APP_URLS,
    "blog/context_processors.ts": CONTEXT_PROCESSORS,
    "blog/templates/blog/base.html": BASE_TEMPLATE,
    "blog/templates/blog/home.html": HOME_TEMPLATE,
    "blog/templates/blog/post_list.html": LIST_TEMPLATE,
    "blog/templates/blog/_post.html": POST_PARTIAL,
    "blog/templates/blog/post_form.html": FORM_TEMPLATE,
  },
  setup: [{ command: "migrate" }, { command: "call", function: "blog.seed.seed" }],
  requests: [
    { method: "GET", target: "/", note: "TemplateView: get → get_context_data (overridden, calls super) → render_to_response." },
    { method: "GET", target: "/posts/", note: "ListView, page 1 of 3: the Class-based view panel shows each super() hop." },
    { method: "GET", target: "/posts/?page=2", note: "page 2 (paginate_by = 5)." },
    { method: "GET", target: "/posts/?category=python", note: "get_queryset filters by the GET parameter: 6 posts, 2 pages." },
    { method: "GET", target: "/posts/?page=9", note: "a page past the end: Http404 from paginate_queryset." },
    { method: "GET", target: "/posts/new/", note: "CreateView GET: an unbound form." },
    { method: "POST", target: "/posts/new/", form: { title: "", category: "", body: "" }, note: "empty form: form_invalid re-renders with field errors (Forms panel)." },
    { method: "POST", target: "/posts/new/", form: { title: "SHOUTING", category: "1", body: "Loud." }, note: "clean_title raises: the Forms panel names it." },
    { method: "POST", target: "/posts/new/", form: { title: "My first CBV", category: "1", body: "It worked." }, note: "valid: form_valid saves, then a 302 to success_url." },
    { method: "GET", target: "/posts/", note: "the new post is first." },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "12 posts so far." },
    { request: 1, status: 200, body_contains: "Page 1 of 3" },
    { request: 2, status: 200, body_contains: "Page 2 of 3" },
    { request: 3, status: 200, body_contains: "Posts in Python" },
    { request: 4, status: 404 },
    { request: 5, status: 200, body_contains: '<input type="text" name="title"' },
    { request: 6, status: 200, body_contains: "This field is required." },
    { request: 7, status: 200, body_contains: "Please don&#x27;t shout in titles." },
    { request: 8, status: 302, header: ["Location", "/posts/"] },
    { request: 9, status: 200, body_contains: "My first CBV" },
  ],
};
