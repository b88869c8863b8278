/**
 * The course's comparison: one small app — a list of books, a book's page, a form that adds one —
 * written three times, in Django, Flask and FastAPI, with the same three requests. The page runs
 * them side by side with their traces: "batteries included" (models, a migration, a ModelForm,
 * templates) against "bring your own" (a list in memory, a blueprint-free app, Jinja) against
 * "typed async" (a Pydantic model that validates, serialises and documents). Main export:
 * `COMPARISON`.
 */
import { SCENARIO_FORMAT, type Scenario } from "../scenarios/format";

const DJANGO_SETTINGS = `// project/settings.ts
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-compare";
export const ALLOWED_HOSTS = ["localhost"];
export const INSTALLED_APPS = ["books"];
export const MIDDLEWARE = ["django.middleware.common.CommonMiddleware"];
export const ROOT_URLCONF = "books.urls";
export const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: [], APP_DIRS: true }];
export const DEFAULT_AUTO_FIELD = "django.db.models.AutoField";
`;

const DJANGO_MODELS = `// books/models.ts — the table, declared once: the ORM, the migration and the form all read it.
import { models } from "django/db";

export class Book extends models.Model {
  static fields = {
    title: new models.CharField({ max_length: 200 }),
    author: new models.CharField({ max_length: 100 }),
  };
  static Meta = { ordering: ["title"] };
  declare id: number;
  declare title: string;
  declare author: string;

  toString() {
    return this.title;
  }
}
`;

const DJANGO_MIGRATION = `// books/migrations/0001_initial.ts
import { models } from "django/db";
import * as migrations from "django/db/migrations";

export class Migration extends migrations.Migration {
  initial = true;

  dependencies: [string, string][] = [];

  operations = [
    new migrations.CreateModel({
      name: "Book",
      fields: [
        ["id", new models.AutoField({ auto_created: true, primary_key: true, serialize: false, verbose_name: "ID" })],
        ["title", new models.CharField({ max_length: 200 })],
        ["author", new models.CharField({ max_length: 100 })],
      ],
      options: { ordering: ["title"] },
    }),
  ];
}
`;

const DJANGO_VIEWS = `// books/views.ts — a list, a detail, a form: the ORM, a ModelForm and templates do the work.
import * as forms from "django/forms";
import { HttpResponseRedirect } from "django/http";
import { get_object_or_404, render } from "django/shortcuts";
import { Book } from "./models";

export class BookForm extends forms.ModelForm {
  static Meta = { model: Book, fields: ["title", "author"] };
}

export function book_list(request) {
  if (request.method === "POST") {
    const form = new BookForm(request.POST);
    if (form.is_valid()) {
      const book = form.save();
      return new HttpResponseRedirect(\`/books/\${book.pk}/\`);
    }
    return render(request, "books/list.html", { books: Book.objects.all(), form }, { status: 400 });
  }
  return render(request, "books/list.html", { books: Book.objects.all(), form: new BookForm() });
}

export function book_detail(request, { pk }) {
  return render(request, "books/detail.html", { book: get_object_or_404(Book, { pk }) });
}
`;

const DJANGO_URLS = `// books/urls.ts
import { path } from "django/urls";
import { book_detail, book_list } from "./views";

export const urlpatterns = [
  path("books/", book_list, { name: "book_list" }),
  path("books/<int:pk>/", book_detail, { name: "book_detail" }),
];
`;

const DJANGO_SEED = `// books/seed.ts
import { Book } from "./models";

export function seed() {
  Book.objects.create({ title: "Structure and Interpretation of Computer Programs", author: "Abelson & Sussman" });
  Book.objects.create({ title: "The Art of Computer Programming", author: "Donald Knuth" });
}
`;

const DJANGO_LIST = `<!doctype html>
<title>Books</title>
<h1>{{ books|length }} books</h1>
<ul>{% for book in books %}<li><a href="/books/{{ book.pk }}/">{{ book.title }}</a> — {{ book.author }}</li>{% endfor %}</ul>
<form method="post">{{ form.as_p }}<button>Add</button></form>
`;

const DJANGO_DETAIL = `<!doctype html>
<title>{{ book.title }}</title>
<h1>{{ book.title }}</h1>
<p>by {{ book.author }}</p>
`;

const FLASK_APP = `// app.ts — the same app in Flask: routes on the app, a list in memory, Jinja templates.
import { Flask, abort, redirect, render_template, request, url_for } from "flask";

export const app = new Flask("app");

// Bring your own storage: here a list (a real app adds SQLAlchemy, Flask-WTF…).
const books = [
  { id: 1, title: "Structure and Interpretation of Computer Programs", author: "Abelson & Sussman" },
  { id: 2, title: "The Art of Computer Programming", author: "Donald Knuth" },
];

app.route("/books/", { methods: ["GET", "POST"] })(function book_list() {
  if (request.method === "POST") {
    const title = request.form.get("title", "").trim();
    const author = request.form.get("author", "").trim();
    if (!title || !author) return [render_template("list.html", { books, error: "Title and author are required." }), 400];
    const book = { id: books.length + 1, title, author };
    books.push(book);
    return redirect(url_for("book_detail", { book_id: book.id }));
  }
  return render_template("list.html", { books });
});

app.route("/books/<int:book_id>/")(function book_detail({ book_id }) {
  const book = books.find((b) => b.id === book_id);
  if (!book) abort(404);
  return render_template("detail.html", { book });
});
`;

const FLASK_LIST = `<!doctype html>
<title>Books</title>
<h1>{{ books|length }} books</h1>
<ul>{% for book in books %}<li><a href="{{ url_for('book_detail', book_id=book.id) }}">{{ book.title }}</a> — {{ book.author }}</li>{% endfor %}</ul>
{% if error %}<p class="error">{{ error }}</p>{% endif %}
<form method="post"><p><input name="title" placeholder="Title"> <input name="author" placeholder="Author"></p><button>Add</button></form>
`;

const FLASK_DETAIL = `<!doctype html>
<title>{{ book.title }}</title>
<h1>{{ book.title }}</h1>
<p>by {{ book.author }}</p>
`;

const FASTAPI_MAIN = `// main.ts — the same app in FastAPI: typed handlers, a Pydantic model, JSON in and out.
import { FastAPI, HTTPException, Path, t } from "fastapi";
import { BaseModel } from "pydantic";

export const app = new FastAPI({ title: "Books", version: "1.0.0" });

// The model validates the body, shapes the response and writes the OpenAPI schema.
export class Book extends BaseModel {
  static fields = { title: t.str, author: t.str };
  declare title: string;
  declare author: string;
}

const books = new Map<number, Book>([
  [1, new Book({ title: "Structure and Interpretation of Computer Programs", author: "Abelson & Sussman" })],
  [2, new Book({ title: "The Art of Computer Programming", author: "Donald Knuth" })],
]);

app.get("/books/", { response_model: t.list(Book) })(async function book_list() {
  return [...books.values()];
});

app.get("/books/{book_id}", { params: { book_id: Path(t.int, { gt: 0 }) }, response_model: Book })(async function book_detail({ book_id }) {
  const book = books.get(book_id);
  if (!book) throw new HTTPException(404, "Book not found");
  return book;
});

app.post("/books/", { params: { book: Book }, response_model: Book, status_code: 201 })(async function book_create({ book }) {
  books.set(books.size + 1, book);
  return book;
});
`;

const NEW_BOOK = { title: "Crafting Interpreters", author: "Robert Nystrom" };

export interface ComparedFramework {
  id: "django" | "flask" | "fastapi";
  title: string;
  /** "batteries included", "bring your own", "typed async". */
  motto: string;
  /** The file a reader should look at first. */
  main_file: string;
  scenario: Scenario;
}

export const COMPARISON: readonly ComparedFramework[] = [
  {
    id: "django",
    title: "Django",
    motto: "batteries included: a model, its migration, a ModelForm, templates",
    main_file: "books/views.ts",
    scenario: {
      format: SCENARIO_FORMAT,
      title: "Compare — books in Django",
      framework: "django",
      entry: { kind: "django", settings: "project.settings" },
      files: {
        "project/settings.ts": DJANGO_SETTINGS,
        "books/models.ts": DJANGO_MODELS,
        "books/migrations/0001_initial.ts": DJANGO_MIGRATION,
        "books/views.ts": DJANGO_VIEWS,
        "books/urls.ts": DJANGO_URLS,
        "books/seed.ts": DJANGO_SEED,
        "books/templates/books/list.html": DJANGO_LIST,
        "books/templates/books/detail.html": DJANGO_DETAIL,
      },
      setup: [{ command: "migrate" }, { command: "call", function: "books.seed.seed" }],
      requests: [
        { method: "GET", target: "/books/", note: "the list" },
        { method: "GET", target: "/books/1/", note: "a detail" },
        { method: "POST", target: "/books/", form: NEW_BOOK, note: "the form" },
      ],
      checks: [
        { request: 0, status: 200, body_contains: "2 books" },
        { request: 1, status: 200, body_contains: "<h1>Structure and Interpretation of Computer Programs</h1>" },
        { request: 2, status: 302, header: ["Location", "/books/3/"] },
      ],
    },
  },
  {
    id: "flask",
    title: "Flask",
    motto: "bring your own: routes, a list in memory, Jinja templates",
    main_file: "app.ts",
    scenario: {
      format: SCENARIO_FORMAT,
      title: "Compare — books in Flask",
      framework: "flask",
      entry: { kind: "flask", app: "app.app" },
      files: { "app.ts": FLASK_APP, "templates/list.html": FLASK_LIST, "templates/detail.html": FLASK_DETAIL },
      requests: [
        { method: "GET", target: "/books/", note: "the list" },
        { method: "GET", target: "/books/1/", note: "a detail" },
        { method: "POST", target: "/books/", form: NEW_BOOK, note: "the form" },
      ],
      checks: [
        { request: 0, status: 200, body_contains: "2 books" },
        { request: 1, status: 200, body_contains: "<h1>Structure and Interpretation of Computer Programs</h1>" },
        { request: 2, status: 302, header: ["Location", "/books/3/"] },
      ],
    },
  },
  {
    id: "fastapi",
    title: "FastAPI",
    motto: "typed async: a Pydantic model validates, serialises and documents",
    main_file: "main.ts",
    scenario: {
      format: SCENARIO_FORMAT,
      title: "Compare — books in FastAPI",
      framework: "fastapi",
      entry: { kind: "fastapi", app: "main.app" },
      files: { "main.ts": FASTAPI_MAIN },
      requests: [
        { method: "GET", target: "/books/", note: "the list" },
        { method: "GET", target: "/books/1", note: "a detail" },
        { method: "POST", target: "/books/", headers: [["Content-Type", "application/json"]], body: JSON.stringify(NEW_BOOK), note: "the form, as JSON" },
      ],
      checks: [
        { request: 0, status: 200, body_contains: '"title":"The Art of Computer Programming"' },
        { request: 1, status: 200, body_contains: '{"title":"Structure and Interpretation of Computer Programs","author":"Abelson & Sussman"}' },
        { request: 2, status: 201, body_contains: '{"title":"Crafting Interpreters","author":"Robert Nystrom"}' },
      ],
    },
  },
];
