// quickstart/index.ts (the package, as quickstart/__init__.py) — the Flask quickstart's examples in
// one app: routing and converters, URL building, HTTP methods, templates, the request object,
// cookies, redirects and errors, responses, sessions and message flashing.
import { Flask, abort, flash, get_flashed_messages, jsonify, make_response, redirect, render_template, request, session, url_for } from "flask";
import { escape } from "markupsafe";
import { b, int, py_tuple } from "python";

export function create_app(test_config = null) {
  const app = new Flask("quickstart");
  app.secret_key = b('_5#y2L"F4Q8z\n\xec]/');
  if (test_config) app.config.from_mapping(test_config);

  app.route("/")(function index() {
    if (session.has("username")) return `Logged in as ${session.getitem("username")}`;
    return "You are not logged in";
  });

  app.route("/hello/")(app.route("/hello/<name>")(function hello({ name = null } = {}) {
    return render_template("hello.html", { person: name });
  }));

  app.route("/user/<username>")(function show_user_profile({ username }) {
    return `User ${escape(username)}`;
  });

  app.route("/post/<int:post_id>")(function show_post({ post_id }) {
    return `Post ${post_id}`;
  });

  app.route("/path/<path:subpath>")(function show_subpath({ subpath }) {
    return `Subpath ${escape(subpath)}`;
  });

  app.route("/projects/")(function projects() {
    return "The project page";
  });

  app.route("/about")(function about() {
    return "The about page";
  });

  app.route("/urls")(function urls() {
    return [
      url_for("index"),
      url_for("login"),
      url_for("login", { next: "/" }),
      url_for("show_user_profile", { username: "John Doe" }),
      url_for("show_post", { post_id: 7, sort: "new" }),
      url_for("static", { filename: "style.css" }),
      url_for("hello", { _anchor: "top" }),
    ].join("\n");
  });

  const login_get = app.get("/login")(function login_get() {
    return '<form method="post"><p><input name="username"><p><input type="submit" value="Login"></form>';
  });

  app.post("/login")(function login_post() {
    session.set("username", request.form.getitem("username"));
    flash("You were successfully logged in");
    return redirect(url_for("index"));
  });

  app.add_url_rule("/login", { endpoint: "login", view_func: login_get });

  app.route("/logout")(function logout() {
    session.pop("username", null);
    return redirect(url_for("index"));
  });

  app.route("/messages")(function messages() {
    flash("Invalid password provided", "error");
    return jsonify(get_flashed_messages({ with_categories: true }));
  });

  app.route("/search")(function search() {
    const q = request.args.get("q", "");
    const page = request.args.get("page", 1, { type: int });
    return jsonify({ q, page, tags: request.args.getlist("tag") });
  });

  app.route("/cookie/set")(function set_cookie() {
    const resp = make_response(render_template("hello.html", { person: "cookie" }));
    resp.set_cookie("username", "the username");
    return resp;
  });

  app.route("/cookie/get")(function get_cookie() {
    return request.cookies.get("username", "no cookie");
  });

  app.route("/secret")(function secret() {
    abort(401);
  });

  app.errorhandler(404)(function page_not_found(error) {
    return py_tuple(render_template("page_not_found.html", { path: request.path }), 404);
  });

  app.route("/me")(function me_api() {
    return { username: session.get("username"), theme: "dark", languages: ["en", "fr"] };
  });

  app.route("/users")(function users_api() {
    return [{ id: 1, name: "ann" }, { id: 2, name: "bob" }];
  });

  app.route("/created", { methods: ["POST"] })(function created() {
    const data = request.get_json();
    return py_tuple({ received: data }, 201, { "X-Custom": "yes" });
  });

  app.route("/form", { methods: ["GET", "POST"] })(function form() {
    if (request.method === "POST") return `${request.form.get("a")} ${JSON.stringify(request.form.getlist("b")).replaceAll('"', "'").replaceAll(",", ", ")} ${request.values.get("q")}`;
    return `args=${JSON.stringify(Object.fromEntries(request.args.items())).replaceAll('"', "'").replaceAll(",", ", ").replaceAll(":", ": ")}`;
  });

  return app;
}

export const app = create_app();
