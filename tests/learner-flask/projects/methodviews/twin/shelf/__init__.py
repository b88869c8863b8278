"""A bookshelf written the way Flask's docs teach class-based views: a reusable View with
arguments, MethodView APIs registered by a helper (one class for the list, one for an item),
API errors as JSON (a custom exception and a generic HTTPException handler on the blueprint),
a decorator on every method of a view, and templates with a macro and a custom filter."""
import json

from flask import Blueprint, Flask, abort, jsonify, render_template, request
from flask.views import MethodView, View
from werkzeug.exceptions import HTTPException

BOOKS = {}
NEXT_ID = [1]


class InvalidAPIUsage(Exception):
    status_code = 400

    def __init__(self, message, status_code=None, payload=None):
        super().__init__()
        self.message = message
        if status_code is not None:
            self.status_code = status_code
        self.payload = payload

    def to_dict(self):
        rv = dict(self.payload or ())
        rv["message"] = self.message
        return rv


def validate(data, partial=False):
    if not isinstance(data, dict):
        raise InvalidAPIUsage("Expected a JSON object.")
    errors = {}
    if "title" in data or not partial:
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            errors["title"] = "A title is required."
    if "year" in data:
        if not isinstance(data["year"], int) or isinstance(data["year"], bool):
            errors["year"] = "The year must be a number."
    if errors:
        raise InvalidAPIUsage("Invalid book.", payload={"errors": errors})
    return data


def require_key(view):
    def wrapped(*args, **kwargs):
        if request.method != "GET" and request.headers.get("X-Api-Key") != "secret":
            abort(401)
        return view(*args, **kwargs)
    wrapped.__name__ = view.__name__
    return wrapped


class ItemAPI(MethodView):
    init_every_request = False
    decorators = [require_key]

    def _get_item(self, id):
        if id not in BOOKS:
            abort(404, description=f"No book with id {id}.")
        return BOOKS[id]

    def get(self, id):
        return jsonify(self._get_item(id))

    def patch(self, id):
        item = self._get_item(id)
        data = validate(request.get_json(), partial=True)
        item.update({k: v for k, v in data.items() if k in ("title", "year", "tags")})
        return jsonify(item)

    def delete(self, id):
        self._get_item(id)
        del BOOKS[id]
        return "", 204


class GroupAPI(MethodView):
    init_every_request = False
    decorators = [require_key]

    def get(self):
        books = list(BOOKS.values())
        tag = request.args.get("tag")
        if tag:
            books = [b for b in books if tag in b["tags"]]
        limit = request.args.get("limit", type=int)
        if limit is not None:
            books = books[:limit]
        return jsonify(books)

    def post(self):
        data = validate(request.get_json(silent=True))
        book = {"id": NEXT_ID[0], "title": data["title"].strip(), "year": data.get("year"), "tags": data.get("tags", [])}
        BOOKS[book["id"]] = book
        NEXT_ID[0] += 1
        return jsonify(book), 201, {"Location": f"/api/books/{book['id']}"}


def register_api(bp, name):
    item = ItemAPI.as_view(f"{name}-item")
    group = GroupAPI.as_view(f"{name}-group")
    bp.add_url_rule(f"/{name}/<int:id>", view_func=item)
    bp.add_url_rule(f"/{name}/", view_func=group)


class ListView(View):
    def __init__(self, template):
        self.template = template

    def get_objects(self):
        return sorted(BOOKS.values(), key=lambda b: b["title"].lower())

    def dispatch_request(self):
        return render_template(self.template, objects=self.get_objects())


class DetailView(View):
    methods = ["GET", "POST"]

    def dispatch_request(self, id):
        book = BOOKS.get(id)
        if book is None:
            abort(404)
        if request.method == "POST":
            book["tags"] = sorted(set(book["tags"]) | {t.strip() for t in request.form.getlist("tag") if t.strip()})
        return render_template("detail.html", book=book)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev")
    if test_config:
        app.config.from_mapping(test_config)

    api = Blueprint("api", __name__, url_prefix="/api")
    register_api(api, "books")

    @api.errorhandler(HTTPException)
    def handle_exception(e):
        response = e.get_response()
        response.data = json.dumps({"code": e.code, "name": e.name, "description": e.description})
        response.content_type = "application/json"
        return response

    app.register_blueprint(api)

    @app.errorhandler(InvalidAPIUsage)
    def invalid_api_usage(e):
        return jsonify(e.to_dict()), e.status_code

    @app.template_filter("shout")
    def shout(s):
        return s.upper() + "!"

    app.add_url_rule("/", view_func=ListView.as_view("book_list", "list.html"))
    app.add_url_rule("/books/<int:id>", view_func=DetailView.as_view("book_detail"))
    return app


app = create_app()
