/**
 * Built-in scenario "flask-hello": one Flask module — routes with converters, a trailing-slash
 * redirect, the query string and a form through `request`, JSON in and out, `url_for`, `abort`
 * and a custom 404 page.
 *
 * Decorators are calls (ADR 0013): Python's `@app.route("/")` over `def index()` is
 * `app.route("/")(function index() {…})`. URL values arrive as one object of keyword arguments
 * (ADR 0001): `def hello(name)` is `function hello({ name })`.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";

const APP = `// app.ts — a Flask application in one module: routes, converters, request data and JSON.
import { Flask, abort, escape, jsonify, redirect, request, url_for } from "flask";
import { int, py_tuple } from "python";

export const app = new Flask("app");

// @app.route("/") in Python: the decorator is called, then applied to the function.
app.route("/")(function index() {
  const links = [
    url_for("hello", { name: "Ada" }),
    url_for("show_post", { post_id: 42 }),
    url_for("search", { q: "flask", page: 2 }),
    url_for("projects"),
  ];
  const items = links.map((link) => \`<li><a href="\${link}">\${link}</a></li>\`).join("");
  return \`<h1>Hello, Flask!</h1><ul>\${items}</ul>
<form method="post" action="\${url_for("greet")}"><input name="name" value="Grace"><button>Greet</button></form>\`;
});

// <name>: the default (string) converter — one path segment, passed as a keyword argument.
app.route("/hello/<name>")(function hello({ name }) {
  // Text from the URL goes into HTML: escape it (a Jinja template would do it for us).
  return \`<h1>Hello, \${escape(name)}!</h1>\`;
});

// <int:post_id>: only digits match, and the view receives a number.
app.route("/post/<int:post_id>")(function show_post({ post_id }) {
  if (post_id > 100) abort(404);
  return jsonify({ post_id, next: url_for("show_post", { post_id: post_id + 1 }) });
});

// A rule ending in "/" is a folder: /projects is redirected (308) to /projects/.
app.route("/projects/")(function projects() {
  return "<h1>Projects</h1>";
});

// request.args is a MultiDict: get() with a default and a type, getlist() for repeated keys.
app.route("/search")(function search() {
  const q = request.args.get("q", "");
  const page = request.args.get("page", 1, { type: int });
  return jsonify({ q, page, tags: request.args.getlist("tag") });
});

// request.form["name"] is request.form.getitem("name"): a missing field is a 400 Bad Request.
app.route("/greet", { methods: ["GET", "POST"] })(function greet() {
  if (request.method === "POST") return redirect(url_for("hello", { name: request.form.getitem("name") }));
  return '<form method="post"><input name="name"><button>Greet</button></form>';
});

// JSON in, JSON out: a dict returned by a view becomes a JSON response.
app.route("/api/echo", { methods: ["POST"] })(function echo() {
  return { received: request.get_json(), content_type: request.content_type };
});

// A view's (body, status) tuple is py_tuple(body, status).
app.errorhandler(404)(function page_not_found(error) {
  return py_tuple(\`<h1>Not here</h1><p>\${escape(request.path)} matched no rule (\${error.code}).</p>\`, 404);
});
`;

export const flask_hello: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Flask: hello, routing, request data and JSON",
  framework: "flask",
  entry: { kind: "flask", app: "app.app" },
  description:
    "One Flask module: routes with the string and int converters, a trailing-slash redirect, the query string and a form through request, JSON in and out, url_for, abort and a custom 404 page. The URL map panel shows every rule tried for each request.",
  files: { "app.ts": APP },
  requests: [
    { method: "GET", target: "/", note: "The index: its links are built with url_for()." },
    { method: "GET", target: "/hello/Ada", note: "<name> captures Ada and the view receives { name }." },
    { method: "GET", target: "/post/42", note: "<int:post_id>: the view gets the number 42 and answers JSON." },
    { method: "GET", target: "/post/forty-two", note: "Not digits: the int converter does not match, so no rule does — 404." },
    { method: "GET", target: "/projects", note: "No trailing slash: Werkzeug redirects to /projects/ (308)." },
    { method: "GET", target: "/search?q=flask&page=2&tag=web&tag=python", note: "request.args: get() with type=int, getlist()." },
    { method: "POST", target: "/greet", form: { name: "Grace" }, note: "request.form, then a redirect built with url_for()." },
    { method: "POST", target: "/api/echo", headers: [["Content-Type", "application/json"]], body: '{"answer": 42}', note: "request.get_json() and a dict returned as JSON." },
    { method: "GET", target: "/api/echo", note: "The rule only allows POST: 405 with an Allow header." },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "Hello, Flask!" },
    { request: 1, status: 200, body_contains: "Hello, Ada!" },
    { request: 2, status: 200, body_contains: '"post_id":42' },
    { request: 3, status: 404, body_contains: "matched no rule" },
    { request: 4, status: 308, header: ["Location", "http://localhost/projects/"] },
    { request: 5, status: 200, body_contains: '"page":2,"q":"flask","tags":["web","python"]' },
    { request: 6, status: 302, header: ["Location", "/hello/Grace"] },
    { request: 7, status: 200, body_contains: '"received":{"answer":42}' },
    { request: 8, status: 405 },
  ],
};
