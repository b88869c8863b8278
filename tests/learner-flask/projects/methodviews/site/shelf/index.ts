// shelf/index.ts (the package, as shelf/__init__.py) — a bookshelf written the way Flask's docs teach
// class-based views: a reusable View with arguments, MethodView APIs registered by a helper (one
// class for the list, one for an item), API errors as JSON (a custom exception and a generic
// HTTPException handler on the blueprint), a decorator on every method of a view, and templates
// with a macro and a custom filter.
import { Blueprint, Flask, abort, jsonify, render_template, request } from "flask";
import { MethodView, View } from "flask/views";
import { Exception, int, py_tuple } from "python";
import * as json from "python/json";
import { HTTPException } from "werkzeug/exceptions";

export const BOOKS = new Map();
export const NEXT_ID = [1];

class InvalidAPIUsage extends Exception {
  static status_code = 400;

  constructor(message, status_code = null, payload = null) {
    super();
    this.message = message;
    this.status_code = status_code ?? InvalidAPIUsage.status_code;
    this.payload = payload;
  }

  to_dict() {
    return { ...(this.payload ?? {}), message: this.message };
  }
}

const is_object = (data) => data !== null && typeof data === "object" && !Array.isArray(data);

function validate(data, partial = false) {
  if (!is_object(data)) throw new InvalidAPIUsage("Expected a JSON object.");
  const errors = {};
  if (Object.hasOwn(data, "title") || !partial) {
    const title = data.title;
    if (typeof title !== "string" || !title.trim()) errors.title = "A title is required.";
  }
  if (Object.hasOwn(data, "year")) {
    if (!Number.isInteger(data.year)) errors.year = "The year must be a number.";
  }
  if (Object.keys(errors).length) throw new InvalidAPIUsage("Invalid book.", null, { errors });
  return data;
}

function require_key(view) {
  function wrapped(kwargs) {
    if (request.method !== "GET" && request.headers.get("X-Api-Key") !== "secret") abort(401);
    return view(kwargs);
  }
  Object.defineProperty(wrapped, "name", { value: view.name });
  return wrapped;
}

class ItemAPI extends MethodView {
  static init_every_request = false;
  static decorators = [require_key];

  _get_item(id) {
    if (!BOOKS.has(id)) abort(404, { description: `No book with id ${id}.` });
    return BOOKS.get(id);
  }

  get({ id }) {
    return jsonify(this._get_item(id));
  }

  patch({ id }) {
    const item = this._get_item(id);
    const data = validate(request.get_json(), true);
    for (const key of ["title", "year", "tags"]) if (Object.hasOwn(data, key)) item[key] = data[key];
    return jsonify(item);
  }

  delete({ id }) {
    this._get_item(id);
    BOOKS.delete(id);
    return py_tuple("", 204);
  }
}

class GroupAPI extends MethodView {
  static init_every_request = false;
  static decorators = [require_key];

  get() {
    let books = [...BOOKS.values()];
    const tag = request.args.get("tag");
    if (tag) books = books.filter((b) => b.tags.includes(tag));
    const limit = request.args.get("limit", null, { type: int });
    if (limit !== null) books = books.slice(0, limit);
    return jsonify(books);
  }

  post() {
    const data = validate(request.get_json({ silent: true }));
    const book = { id: NEXT_ID[0], title: data.title.trim(), year: data.year ?? null, tags: data.tags ?? [] };
    BOOKS.set(book.id, book);
    NEXT_ID[0] += 1;
    return py_tuple(jsonify(book), 201, { Location: `/api/books/${book.id}` });
  }
}

function register_api(bp, name) {
  const item = ItemAPI.as_view(`${name}-item`);
  const group = GroupAPI.as_view(`${name}-group`);
  bp.add_url_rule(`/${name}/<int:id>`, { view_func: item });
  bp.add_url_rule(`/${name}/`, { view_func: group });
}

class ListView extends View {
  constructor(template) {
    super();
    this.template = template;
  }

  get_objects() {
    return [...BOOKS.values()].sort((a, b) => (a.title.toLowerCase() < b.title.toLowerCase() ? -1 : a.title.toLowerCase() > b.title.toLowerCase() ? 1 : 0));
  }

  dispatch_request() {
    return render_template(this.template, { objects: this.get_objects() });
  }
}

class DetailView extends View {
  static methods = ["GET", "POST"];

  dispatch_request({ id }) {
    const book = BOOKS.get(id);
    if (book === undefined) abort(404);
    if (request.method === "POST") {
      const added = request.form.getlist("tag").map((t) => t.trim()).filter((t) => t);
      book.tags = [...new Set([...book.tags, ...added])].sort();
    }
    return render_template("detail.html", { book });
  }
}

export function create_app(test_config = null) {
  const app = new Flask("shelf");
  app.config.from_mapping({ SECRET_KEY: "dev" });
  if (test_config) app.config.from_mapping(test_config);

  const api = new Blueprint("api", "shelf", { url_prefix: "/api" });
  register_api(api, "books");

  api.errorhandler(HTTPException)(function handle_exception(e) {
    const response = e.get_response();
    response.data = json.dumps({ code: e.code, name: e.name, description: e.description });
    response.content_type = "application/json";
    return response;
  });

  app.register_blueprint(api);

  app.errorhandler(InvalidAPIUsage)(function invalid_api_usage(e) {
    return py_tuple(jsonify(e.to_dict()), e.status_code);
  });

  app.template_filter("shout")(function shout(s) {
    return s.toUpperCase() + "!";
  });

  app.add_url_rule("/", { view_func: ListView.as_view("book_list", "list.html") });
  app.add_url_rule("/books/<int:id>", { view_func: DetailView.as_view("book_detail") });
  return app;
}

export const app = create_app();
