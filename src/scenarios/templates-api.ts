/**
 * Built-in scenario "templates-api" (the seed's project 2): routes with path converters, function
 * views rendering templates with a context (a base template, children that override its blocks,
 * an include, filters), a context processor, and a JSON API over the same data. The data is a
 * plain list, so every template context is plain JSON: the Templates panel can re-render an
 * edited template with exactly the context the view gave it.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";

const SETTINGS = `// project/settings.ts
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-templates-api";
export const ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"];
export const INSTALLED_APPS = ["shelf"];
export const MIDDLEWARE = ["django.middleware.common.CommonMiddleware"];
export const ROOT_URLCONF = "project.urls";
export const TEMPLATES = [
  {
    BACKEND: "django.template.backends.django.DjangoTemplates",
    DIRS: [],
    APP_DIRS: true,
    OPTIONS: { context_processors: ["shelf.context_processors.shelf"] },
  },
];
`;

const DATA = `// shelf/data.ts — the "database" of this project: a plain list (no ORM yet).
export const BOOKS = [
  { id: 1, slug: "sicp", title: "structure and interpretation of computer programs", authors: ["Abelson", "Sussman"], year: 1985, rating: 4.66, tags: ["lisp", "classic"] },
  { id: 2, slug: "taocp", title: "the art of computer programming", authors: ["Knuth"], year: 1968, rating: 4.31, tags: ["algorithms", "classic"] },
  { id: 3, slug: "pragprog", title: "the pragmatic programmer", authors: ["Hunt", "Thomas"], year: 1999, rating: 4.33, tags: [] },
  { id: 4, slug: "fluent-python", title: "fluent python", authors: ["Ramalho"], year: 2015, rating: 4.65, tags: ["python"] },
  { id: 5, slug: "two-scoops", title: "two scoops of django", authors: ["Greenfeld", "Roy"], year: 2013, rating: 4.2, tags: ["django", "python"] },
];

export function find(predicate) {
  return BOOKS.find(predicate) ?? null;
}
`;

const VIEWS = `// shelf/views.ts — function views: the URL's converted values arrive as keyword arguments.
import { Http404, JsonResponse } from "django/http";
import { render } from "django/shortcuts";
import { reverse } from "django/urls";
import { BOOKS, find } from "./data";

export function book_list(request) {
  const q = request.GET.get("q", "");
  const books = BOOKS.filter((b) => b.title.includes(q.toLowerCase()));
  return render(request, "shelf/book_list.html", { books, q });
}

export function book_detail(request, { slug }) {            // <slug:slug>: a str of letters, digits, - and _
  const book = find((b) => b.slug === slug);
  if (!book) throw new Http404(\`No book is called "\${slug}".\`);
  return render(request, "shelf/book_detail.html", { book });
}

export function books_of_year(request, { year }) {           // <int:year>: already a number here
  const books = BOOKS.filter((b) => b.year === year);
  return render(request, "shelf/book_list.html", { books, year, q: "" });
}

export function api_books(request) {
  const books = BOOKS.map((b) => ({ id: b.id, title: b.title, url: reverse("book_api", { kwargs: { pk: b.id } }) }));
  return new JsonResponse({ count: books.length, books });
}

export function api_book(request, { pk }) {
  const book = find((b) => b.id === pk);
  if (!book) return new JsonResponse({ error: \`no book \${pk}\` }, { status: 404 });
  return new JsonResponse(book);
}
`;

const URLS = `// project/urls.ts — converters turn path segments into typed keyword arguments.
import { path } from "django/urls";
import * as views from "shelf/views";

export const urlpatterns = [
  path("", views.book_list, { name: "book_list" }),
  path("books/<slug:slug>/", views.book_detail, { name: "book_detail" }),
  path("years/<int:year>/", views.books_of_year, { name: "books_of_year" }),
  path("api/books/", views.api_books, { name: "books_api" }),
  path("api/books/<int:pk>/", views.api_book, { name: "book_api" }),
];
`;

const CONTEXT_PROCESSORS = `// shelf/context_processors.ts — adds these names to every template rendered with a request.
export function shelf(request) {
  return { site: "Bookshelf", path: request.path };
}
`;

const APPS = `// shelf/apps.ts
import { AppConfig } from "django/apps";

export class ShelfConfig extends AppConfig {
  name = "shelf";
}
`;

const BASE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{{ site }}{% endblock %}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}.tag{background:#eef;border-radius:3px;padding:0 .3rem;margin-right:.3rem}</style>
</head>
<body>
<header><a href="{% url 'book_list' %}">{{ site }}</a> · <a href="{% url 'books_api' %}">JSON API</a></header>
<main>{% block content %}{% endblock %}</main>
<footer><small>{{ path }}</small></footer>
</body>
</html>
`;

const LIST = `{% extends "shelf/base.html" %}
{% block title %}{% if year %}Books of {{ year }}{% else %}All books{% endif %} · {{ block.super }}{% endblock %}
{% block content %}
<h1>{% if year %}Books of {{ year }}{% else %}{{ books|length }} book{{ books|pluralize }}{% endif %}</h1>
<form><input name="q" value="{{ q }}" placeholder="search titles"> <button>Search</button></form>
<ul>
{% for book in books %}  <li>{% include "shelf/_book.html" %}</li>
{% empty %}  <li>No book matches “{{ q }}”.</li>
{% endfor %}</ul>
{% endblock %}
`;

const ITEM = `<a href="{% url 'book_detail' book.slug %}">{{ book.title|title }}</a> ({{ book.year }}) by {{ book.authors|join:" & " }}{% for tag in book.tags %} <span class="tag">{{ tag|upper }}</span>{% endfor %}`;

const DETAIL = `{% extends "shelf/base.html" %}
{% block title %}{{ book.title|title }} · {{ block.super }}{% endblock %}
{% block content %}
<h1>{{ book.title|title }}</h1>
<p>By {{ book.authors|join:", " }}, <a href="{% url 'books_of_year' book.year %}">{{ book.year }}</a>.</p>
<p>Rating: {{ book.rating|floatformat:1 }} / 5 · Tags: {{ book.tags|join:", "|default:"none" }}</p>
<p><a href="{% url 'book_api' book.id %}">as JSON</a></p>
{% endblock %}
`;

export const templates_api: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Templates and a JSON API: converters, inheritance, includes, filters",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  description:
    "Function views render templates that extend a base, override its blocks and include a partial; path converters (<slug:…>, <int:…>) type the URL's values; the same data is served as JSON. Open the Templates panel: edit a template there and re-render it with the captured context.",
  files: {
    "project/settings.ts": SETTINGS,
    "project/urls.ts": URLS,
    "shelf/apps.ts": APPS,
    "shelf/data.ts": DATA,
    "shelf/views.ts": VIEWS,
    "shelf/context_processors.ts": CONTEXT_PROCESSORS,
    "shelf/templates/shelf/base.html": BASE,
    "shelf/templates/shelf/book_list.html": LIST,
    "shelf/templates/shelf/_book.html": ITEM,
    "shelf/templates/shelf/book_detail.html": DETAIL,
  },
  requests: [
    { method: "GET", target: "/", note: "book_list.html extends base.html and includes _book.html once per book." },
    { method: "GET", target: "/?q=python", note: "a GET parameter narrows the list." },
    { method: "GET", target: "/books/fluent-python/", note: "<slug:slug> → book_detail(request, {slug: \"fluent-python\"})." },
    { method: "GET", target: "/years/1999/", note: "<int:year> → the view gets the number 1999." },
    { method: "GET", target: "/years/nineteen/", note: "the int converter does not match: 404." },
    { method: "GET", target: "/api/books/", note: "JsonResponse, with URLs reversed from the route names." },
    { method: "GET", target: "/api/books/4/", note: "one book as JSON." },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "<h1>5 books</h1>" },
    { request: 1, status: 200, body_contains: "Fluent Python" },
    { request: 2, status: 200, body_contains: "Rating: 4.7 / 5" },
    { request: 3, status: 200, body_contains: "Books of 1999" },
    { request: 4, status: 404 },
    { request: 5, status: 200, body_contains: '"url": "/api/books/1/"' },
    { request: 6, status: 200, header: ["Content-Type", "application/json"] },
  ],
};
