/**
 * Built-in scenario "flask-blueprints": the course's project 7 — a Flask app with
 * `config['SECRET_KEY']`, an `auth` blueprint mounted at /auth whose `login` view (GET and POST)
 * reads `request.form['username']` and `current_app.config['SECRET_KEY']` and redirects,
 * Jinja templates (`render_template('login.html')`, inheritance, flashed messages), a
 * `MyExtension` whose `init_app` sets a config default and registers itself in `app.extensions`,
 * hooks around every request and a 404 handler. One check per milestone: basic routing, context
 * locals, blueprints, the extension pattern.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";

const APP = `// app.ts — the application: configuration, an extension, the auth blueprint, hooks, an error handler.
import { Flask, current_app, g, render_template, request, session } from "flask";
import { py_tuple } from "python";
import { auth } from "./auth";
import { MyExtension } from "./extension";

export const app = new Flask("app");
// The session cookie is signed with SECRET_KEY: without it, Flask refuses to store a session.
app.config.from_mapping({ SECRET_KEY: "dev-only-change-me", SITE_NAME: "Framework Lab" });

// The extension pattern: one object, bound to this app by init_app().
export const greeter = new MyExtension();
greeter.init_app(app);

// A blueprint's routes are recorded now and added here, under /auth, with "auth." endpoints.
app.register_blueprint(auth, { url_prefix: "/auth" });

// Before every view. g lives on the application context: one per request.
app.before_request(function load_user() {
  g.user = session.get("username", null);
});

// After every view (the last registered runs first); it may change the response.
app.after_request(function add_site_header(response) {
  response.headers.set("X-Site", current_app.config.getitem("SITE_NAME"));
  return response;
});

// When the request context is popped — after an error too.
app.teardown_request(function log_request(exc) {
  console.log(\`teardown \${request.method} \${request.path}\${exc ? " after " + exc : ""}\`);
});

app.errorhandler(404)(function page_not_found(error) {
  return py_tuple(render_template("404.html", { path: request.path }), 404);
});

app.route("/")(function index() {
  return render_template("index.html");
});

app.route("/extension")(function extension_info() {
  // A dict returned by a view is sent as JSON.
  return {
    registered: Object.keys(current_app.extensions),
    config_default: current_app.config.getitem("GREETING"),
    greeting: greeter.greet(g.user ?? "stranger"),
  };
});
`;

const AUTH = `// auth.ts — the auth blueprint: views registered on the app when the blueprint is.
import { Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for } from "flask";

export const auth = new Blueprint("auth", "auth");

auth.route("/login", { methods: ["GET", "POST"] })(function login() {
  if (request.method === "POST") {
    // request.form["username"]: a missing field would be a 400 Bad Request.
    const username = request.form.getitem("username");
    // current_app is the app handling this request — no import of app.ts, no circular import.
    if (!current_app.config.getitem("SECRET_KEY")) abort(500, { description: "Set SECRET_KEY to sign the session." });
    session.set("username", username);
    flash(\`Welcome, \${username}!\`);
    return redirect(url_for("index"));
  }
  return render_template("login.html");
});

auth.route("/logout")(function logout() {
  session.pop("username", null);
  flash("Signed out.");
  // ".login": the login view of this request's blueprint (auth.login).
  return redirect(url_for(".login"));
});
`;

const EXTENSION = `// extension.ts — the Flask extension pattern: create the object once, bind it to apps with init_app().
import { current_app } from "flask";

export class MyExtension {
  constructor(app = null) {
    if (app !== null) this.init_app(app);
  }

  // Set the defaults the app did not configure, and register in app.extensions.
  init_app(app) {
    app.config.setdefault("GREETING", "Hello");
    app.extensions["my_extension"] = this;
    // Templates can use {{ greeting }}: a context processor of the app.
    app.context_processor(() => ({ greeting: app.config.getitem("GREETING") }));
  }

  // At request time the extension finds its app through current_app (one extension, many apps).
  greet(name) {
    return \`\${current_app.config.getitem("GREETING")}, \${name}!\`;
  }
}
`;

const BASE = `<!doctype html>
<title>{% block title %}{{ config.SITE_NAME }}{% endblock %}</title>
<nav>
  <a href="{{ url_for('index') }}">Home</a>
  {% if g.user %}Signed in as <strong>{{ g.user }}</strong> · <a href="{{ url_for('auth.logout') }}">Sign out</a>
  {% else %}<a href="{{ url_for('auth.login') }}">Sign in</a>{% endif %}
  · <a href="{{ url_for('extension_info') }}">The extension</a>
</nav>
{% for message in get_flashed_messages() %}<p class="flash">{{ message }}</p>
{% endfor %}
{% block content %}{% endblock %}
`;

const INDEX = `{% extends "base.html" %}
{% block content %}
<h1>{{ greeting }}, {{ g.user or "stranger" }}!</h1>
<p>Rendered by the <code>{{ request.endpoint }}</code> view for {{ request.path }}.</p>
{% endblock %}
`;

const LOGIN = `{% extends "base.html" %}
{% block title %}Sign in · {{ super() }}{% endblock %}
{% block content %}
<h1>Sign in</h1>
<form method="post" action="{{ url_for('auth.login') }}">
  <p><label>Username <input name="username" required></label></p>
  <p><button type="submit">Sign in</button></p>
</form>
{% endblock %}
`;

const NOT_FOUND = `{% extends "base.html" %}
{% block title %}Not found · {{ super() }}{% endblock %}
{% block content %}
<h1>Not found</h1>
<p>No page at <code>{{ path }}</code>.</p>
{% endblock %}
`;

export const flask_blueprints: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Flask: blueprints, context locals and an extension (project 7)",
  framework: "flask",
  entry: { kind: "flask", app: "app.app" },
  description:
    "The course's project 7: an auth blueprint at /auth whose login view reads request.form and current_app.config and redirects, Jinja templates with inheritance and flashed messages, an extension with init_app, hooks around every request and a 404 handler. The Context panel shows the contexts pushed and popped; the URL map, every rule tried.",
  lesson: `## Flask from the inside

1. **Basic routing** — \`app.route("/")(function index() {…})\` is Python's \`@app.route("/")\`: the rule goes into Werkzeug's URL map, the function into \`app.view_functions\`. Open the **URL map** tab to see every rule tried.
2. **Context locals** — \`request\`, \`session\`, \`g\` and \`current_app\` are proxies: each access looks up the context on top of the stack. The **Context** tab shows the application and request contexts pushed and popped, and what each proxy read resolved to.
3. **Blueprints** — \`auth\` records its routes and registers them on the app under \`/auth\`, as \`auth.login\` and \`auth.logout\`; \`url_for(".login")\` means "login in this blueprint".
4. **The extension pattern** — \`MyExtension.init_app(app)\` sets a default (\`GREETING\`) and registers itself in \`app.extensions\`; at request time it finds its app through \`current_app\`.

Sign in from the Preview: the form posts to \`/auth/login\`, the view stores the username in the signed session cookie (the **Session** tab decodes it) and redirects.`,
  files: {
    "app.ts": APP,
    "auth.ts": AUTH,
    "extension.ts": EXTENSION,
    "templates/base.html": BASE,
    "templates/index.html": INDEX,
    "templates/login.html": LOGIN,
    "templates/404.html": NOT_FOUND,
  },
  requests: [
    { method: "GET", target: "/", note: "Basic routing: the index view renders index.html (which extends base.html)." },
    { method: "GET", target: "/auth/login", note: "A blueprint's view: /auth/login is the endpoint auth.login." },
    { method: "POST", target: "/auth/login", form: { username: "ada" }, note: "request.form and current_app.config inside the view; the session is set and the view redirects." },
    { method: "GET", target: "/", note: "Context locals: before_request put the session's user in g; the flashed message shows once." },
    { method: "GET", target: "/extension", note: "The extension registered itself in app.extensions and set GREETING's default." },
    { method: "GET", target: "/auth/missing", note: "No rule matches: the app's 404 handler renders 404.html." },
    { method: "GET", target: "/auth/logout", note: "url_for('.login') inside the auth blueprint." },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "Hello, stranger!", label: "1. basic routing: / renders index.html" },
    { request: 1, status: 200, body_contains: 'action="/auth/login"', label: "3. blueprints: /auth/login is auth.login" },
    { request: 2, status: 302, header: ["Location", "/"], label: "2. context locals: request.form and current_app.config, then a redirect" },
    { request: 3, status: 200, body_contains: "Hello, ada!", label: "2. context locals: g.user from the session" },
    { request: 4, status: 200, body_contains: '"registered":["my_extension"]', label: "4. the extension pattern: init_app and app.extensions" },
    { request: 5, status: 404, body_contains: "No page at <code>/auth/missing</code>", label: "1. basic routing: the 404 error handler" },
    { request: 6, status: 302, header: ["Location", "/auth/login"], label: "3. blueprints: url_for('.login')" },
  ],
};
