"""The Flask quickstart's examples in one app: routing and converters, URL building, HTTP
methods, templates, the request object, cookies, redirects and errors, responses, sessions and
message flashing."""
from flask import Flask, abort, flash, get_flashed_messages, jsonify, make_response, redirect, render_template, request, session, url_for
from markupsafe import escape


def create_app(test_config=None):
    app = Flask(__name__)
    app.secret_key = b'_5#y2L"F4Q8z\n\xec]/'
    if test_config:
        app.config.from_mapping(test_config)

    @app.route("/")
    def index():
        if "username" in session:
            return f"Logged in as {session['username']}"
        return "You are not logged in"

    @app.route("/hello/")
    @app.route("/hello/<name>")
    def hello(name=None):
        return render_template("hello.html", person=name)

    @app.route("/user/<username>")
    def show_user_profile(username):
        return f"User {escape(username)}"

    @app.route("/post/<int:post_id>")
    def show_post(post_id):
        return f"Post {post_id}"

    @app.route("/path/<path:subpath>")
    def show_subpath(subpath):
        return f"Subpath {escape(subpath)}"

    @app.route("/projects/")
    def projects():
        return "The project page"

    @app.route("/about")
    def about():
        return "The about page"

    @app.route("/urls")
    def urls():
        return "\n".join([
            url_for("index"),
            url_for("login"),
            url_for("login", next="/"),
            url_for("show_user_profile", username="John Doe"),
            url_for("show_post", post_id=7, sort="new"),
            url_for("static", filename="style.css"),
            url_for("hello", _anchor="top"),
        ])

    @app.get("/login")
    def login_get():
        return '<form method="post"><p><input name="username"><p><input type="submit" value="Login"></form>'

    @app.post("/login")
    def login_post():
        session["username"] = request.form["username"]
        flash("You were successfully logged in")
        return redirect(url_for("index"))

    app.add_url_rule("/login", endpoint="login", view_func=login_get)

    @app.route("/logout")
    def logout():
        session.pop("username", None)
        return redirect(url_for("index"))

    @app.route("/messages")
    def messages():
        flash("Invalid password provided", "error")
        return jsonify(get_flashed_messages(with_categories=True))

    @app.route("/search")
    def search():
        q = request.args.get("q", "")
        page = request.args.get("page", 1, type=int)
        return jsonify(q=q, page=page, tags=request.args.getlist("tag"))

    @app.route("/cookie/set")
    def set_cookie():
        resp = make_response(render_template("hello.html", person="cookie"))
        resp.set_cookie("username", "the username")
        return resp

    @app.route("/cookie/get")
    def get_cookie():
        return request.cookies.get("username", "no cookie")

    @app.route("/secret")
    def secret():
        abort(401)

    @app.errorhandler(404)
    def page_not_found(error):
        return render_template("page_not_found.html", path=request.path), 404

    @app.route("/me")
    def me_api():
        return {"username": session.get("username"), "theme": "dark", "languages": ["en", "fr"]}

    @app.route("/users")
    def users_api():
        return [{"id": 1, "name": "ann"}, {"id": 2, "name": "bob"}]

    @app.route("/created", methods=["POST"])
    def created():
        data = request.get_json()
        return {"received": data}, 201, {"X-Custom": "yes"}

    @app.route("/form", methods=["GET", "POST"])
    def form():
        if request.method == "POST":
            return f"{request.form.get('a')} {request.form.getlist('b')} {request.values.get('q')}"
        return f"args={dict(request.args)}"

    return app
