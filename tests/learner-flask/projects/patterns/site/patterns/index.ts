// patterns/index.ts (the package, as patterns/__init__.py) — patterns from Flask's docs in one app
// factory: a blueprint with a URL prefix and its own error handler, a custom URL converter, a JSON
// API with errors as JSON, request hooks and g, a streamed response, and the ways a view can build
// its response.
import { Blueprint, Flask, Response, abort, g, jsonify, make_response, redirect, request, stream_with_context, url_for } from "flask";
import { HTTPException } from "werkzeug/exceptions";
import { BaseConverter } from "werkzeug/routing";
import { ZeroDivisionError, py_tuple } from "python";

class ListConverter extends BaseConverter {
  to_python(value) {
    return value.split("+");
  }

  to_url(values) {
    return values.map((value) => super.to_url(value)).join("+");
  }
}

const api = new Blueprint("api", "patterns", { url_prefix: "/api" });
const BOOKS = new Map([
  [1, { id: 1, title: "Dune", year: 1965 }],
  [2, { id: 2, title: "Emma", year: 1815 }],
]);

api.errorhandler(HTTPException)(function api_error(e) {
  return py_tuple(jsonify({ error: e.name, code: e.code, description: e.description }), e.code);
});

api.get("/books")(function list_books() {
  const order = request.args.get("order", "id");
  if (!["id", "title", "year"].includes(order)) abort(400, { description: `cannot order by ${order}` });
  return [...BOOKS.values()].sort((a, b) => (a[order] < b[order] ? -1 : a[order] > b[order] ? 1 : 0));
});

api.get("/books/<int:book_id>")(function get_book({ book_id }) {
  const book = BOOKS.get(book_id);
  if (book === undefined) abort(404, { description: `no book ${book_id}` });
  return book;
});

api.post("/books")(function create_book() {
  const data = request.get_json({ silent: true });
  if (!data || !("title" in data)) abort(422, { description: "a title is required" });
  const book_id = Math.max(...BOOKS.keys()) + 1;
  BOOKS.set(book_id, { id: book_id, title: data.title, year: data.year ?? null });
  return py_tuple(BOOKS.get(book_id), 201, { Location: url_for("api.get_book", { book_id }) });
});

api.delete("/books/<int:book_id>")(function delete_book({ book_id }) {
  BOOKS.delete(book_id);
  return py_tuple("", 204);
});

export function create_app(test_config = null) {
  const app = new Flask("patterns");
  app.config.from_mapping({ SECRET_KEY: "dev" });
  if (test_config) app.config.from_mapping(test_config);
  app.url_map.converters.list = ListConverter;
  app.json.sort_keys = false;
  app.register_blueprint(api);

  app.before_request(function load_visitor() {
    g.visitor = request.headers.get("X-Visitor", "anonymous");
    if (request.path === "/closed") return py_tuple("closed for the day", 503);
  });

  app.after_request(function add_header(response) {
    response.headers.set("X-Visitor", g.get("visitor", "nobody"));
    return response;
  });

  app.errorhandler(404)(function page_not_found(e) {
    return py_tuple(`<h1>Not here</h1><p>${e.description}</p>`, 404);
  });

  app.errorhandler(ZeroDivisionError)(function divide_error(e) {
    return py_tuple("cannot divide by zero", 400);
  });

  app.route("/")(function index() {
    return `hello ${g.visitor}`;
  });

  app.route("/tags/<list:tags>")(function tags({ tags }) {
    return { tags, back: url_for("tags", { tags }) };
  });

  app.route("/divide/<int:a>/<int:b>")(function divide({ a, b }) {
    if (b === 0) throw new ZeroDivisionError("integer division or modulo by zero");
    return String(Math.floor(a / b));
  });

  app.route("/csv")(function csv() {
    function* generate() {
      yield "id,title\n";
      for (const book of BOOKS.values()) yield `${book.id},${book.title}\n`;
    }
    return new Response(generate(), { mimetype: "text/csv" });
  });

  app.route("/stream")(function stream() {
    function* generate() {
      yield "visitor: ";
      yield request.args.get("name", "nobody");
    }
    return stream_with_context(generate());
  });

  app.route("/tuple")(function tuple_response() {
    return py_tuple("created", 201, { "X-Made": "yes" });
  });

  app.route("/made")(function made() {
    const response = make_response("<b>made</b>", 202);
    response.set_cookie("flavour", "oat", { max_age: 60 });
    response.mimetype = "text/plain";
    return response;
  });

  app.route("/list")(function a_list() {
    return ["a", 1, null, true];
  });

  app.route("/moved")(function moved() {
    return redirect(url_for("index", { _external: true }), 301);
  });

  app.route("/teapot")(function teapot() {
    abort(418);
  });

  app.route("/custom-abort")(function custom_abort() {
    abort(make_response("made for you", 409));
  });

  app.route("/closed")(function closed() {
    return "never reached";
  });

  return app;
}

export const app = create_app();
