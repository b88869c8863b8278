"""Patterns from Flask's docs in one app factory: a blueprint with a URL prefix and its own error
handler, a custom URL converter, a JSON API with errors as JSON, request hooks and g, a streamed
response, and the ways a view can build its response."""
from flask import Blueprint, Flask, Response, abort, g, jsonify, make_response, redirect, request, stream_with_context, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter


class ListConverter(BaseConverter):
    def to_python(self, value):
        return value.split("+")

    def to_url(self, values):
        return "+".join(super(ListConverter, self).to_url(value) for value in values)


api = Blueprint("api", __name__, url_prefix="/api")
BOOKS = {1: {"id": 1, "title": "Dune", "year": 1965}, 2: {"id": 2, "title": "Emma", "year": 1815}}


@api.errorhandler(HTTPException)
def api_error(e):
    return jsonify(error=e.name, code=e.code, description=e.description), e.code


@api.get("/books")
def list_books():
    order = request.args.get("order", "id")
    if order not in ("id", "title", "year"):
        abort(400, description=f"cannot order by {order}")
    return sorted(BOOKS.values(), key=lambda book: book[order])


@api.get("/books/<int:book_id>")
def get_book(book_id):
    book = BOOKS.get(book_id)
    if book is None:
        abort(404, description=f"no book {book_id}")
    return book


@api.post("/books")
def create_book():
    data = request.get_json(silent=True)
    if not data or "title" not in data:
        abort(422, description="a title is required")
    book_id = max(BOOKS) + 1
    BOOKS[book_id] = {"id": book_id, "title": data["title"], "year": data.get("year")}
    return BOOKS[book_id], 201, {"Location": url_for("api.get_book", book_id=book_id)}


@api.delete("/books/<int:book_id>")
def delete_book(book_id):
    BOOKS.pop(book_id, None)
    return "", 204


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev")
    if test_config:
        app.config.from_mapping(test_config)
    app.url_map.converters["list"] = ListConverter
    app.json.sort_keys = False
    app.register_blueprint(api)

    @app.before_request
    def load_visitor():
        g.visitor = request.headers.get("X-Visitor", "anonymous")
        if request.path == "/closed":
            return "closed for the day", 503

    @app.after_request
    def add_header(response):
        response.headers["X-Visitor"] = g.get("visitor", "nobody")
        return response

    @app.errorhandler(404)
    def page_not_found(e):
        return f"<h1>Not here</h1><p>{e.description}</p>", 404

    @app.errorhandler(ZeroDivisionError)
    def divide_error(e):
        return "cannot divide by zero", 400

    @app.route("/")
    def index():
        return f"hello {g.visitor}"

    @app.route("/tags/<list:tags>")
    def tags(tags):
        return {"tags": tags, "back": url_for("tags", tags=tags)}

    @app.route("/divide/<int:a>/<int:b>")
    def divide(a, b):
        return str(a // b)

    @app.route("/csv")
    def csv():
        def generate():
            yield "id,title\n"
            for book in BOOKS.values():
                yield f"{book['id']},{book['title']}\n"
        return Response(generate(), mimetype="text/csv")

    @app.route("/stream")
    def stream():
        def generate():
            yield "visitor: "
            yield request.args.get("name", "nobody")
        return stream_with_context(generate())

    @app.route("/tuple")
    def tuple_response():
        return "created", 201, {"X-Made": "yes"}

    @app.route("/made")
    def made():
        response = make_response("<b>made</b>", 202)
        response.set_cookie("flavour", "oat", max_age=60)
        response.mimetype = "text/plain"
        return response

    @app.route("/list")
    def a_list():
        return ["a", 1, None, True]

    @app.route("/moved")
    def moved():
        return redirect(url_for("index", _external=True), code=301)

    @app.route("/teapot")
    def teapot():
        abort(418)

    @app.route("/custom-abort")
    def custom_abort():
        abort(make_response("made for you", 409))

    @app.route("/closed")
    def closed():
        return "never reached"

    return app
