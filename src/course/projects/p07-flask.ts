/**
 * Course project 7, "Flask": the flask-blueprints scenario as the solution (one milestone per
 * course milestone), and a starter whose blueprint registration, index route, request hooks,
 * login view and extension are left to write.
 */
import type { Scenario } from "../../scenarios/format";
import { flask_blueprints } from "../../scenarios/flask-blueprints";
import { carve, starter_of } from "../check";
import type { CourseProject } from "../types";

const M = {
  routing: "basic routing works",
  locals: "context locals work",
  blueprints: "blueprints work",
  extension: "the extension pattern works",
} as const;

const files = flask_blueprints.files;

const solution: Scenario = {
  ...flask_blueprints,
  title: "Project 7 — Flask",
  checks: [
    { request: 0, status: 200, body_contains: "stranger!", label: M.routing },
    { request: 5, status: 404, body_contains: "No page at <code>/auth/missing</code>", label: M.routing },
    { request: 2, status: 302, header: ["Location", "/"], label: M.locals },
    { request: 3, status: 200, body_contains: "ada!", label: M.locals },
    { request: 1, status: 200, body_contains: 'action="/auth/login"', label: M.blueprints },
    { request: 6, status: 302, header: ["Location", "/auth/login"], label: M.blueprints },
    { request: 4, status: 200, body_contains: '"registered":["my_extension"]', label: M.extension },
    { request: 4, body_contains: '"config_default":"Hello"', label: M.extension },
  ],
};

const APP_TODO = carve(
  files["app.ts"],
  [
    ['app.register_blueprint(auth, { url_prefix: "/auth" });', "// TODO (milestone 3): register the auth blueprint under /auth (its endpoints become auth.login, auth.logout)."],
    ['  g.user = session.get("username", null);', '  // TODO (milestone 2): put the session\'s "username" (null when there is none) in g.user.'],
    [
      'app.route("/")(function index() {\n  return render_template("index.html");\n});',
      '// TODO (milestone 1): route "/" to a view named index that renders "index.html" (Python: @app.route("/")).',
    ],
  ],
  "app.ts",
);

const AUTH_TODO = carve(
  files["auth.ts"],
  [
    [
      '    const username = request.form.getitem("username");',
      '    // TODO (milestone 2): read request.form["username"], check current_app.config has a SECRET_KEY,\n    // store the username in the session, flash a welcome and redirect to url_for("index").\n    throw new Error("TODO (milestone 2): the login POST");\n    const username = "";',
    ],
  ],
  "auth.ts",
);

const EXTENSION_TODO = carve(
  files["extension.ts"],
  [
    [
      '    app.config.setdefault("GREETING", "Hello");\n    app.extensions["my_extension"] = this;',
      '    // TODO (milestone 4): default GREETING to "Hello" (setdefault), and register this object as\n    // app.extensions["my_extension"].',
    ],
    ['app.context_processor(() => ({ greeting: app.config.getitem("GREETING") }));', 'app.context_processor(() => ({ greeting: app.config.get("GREETING", "") }));'],
  ],
  "extension.ts",
);

export const project_flask: CourseProject = {
  number: 7,
  id: "flask",
  title: "Flask",
  summary: "routing, context locals on a stack, a blueprint at /auth, an extension with init_app",
  based_on: "flask-blueprints",
  lesson: [
    "## What you build",
    "A Flask app with a `SECRET_KEY`, an `auth` blueprint mounted at `/auth` whose `login` view reads `request.form[\"username\"]` and `current_app.config`, stores the user in the session and redirects; hooks around each request; an extension (`MyExtension`) with `init_app(app)`.",
    "",
    "## Why",
    "Flask gives you a small core and asks you to assemble the rest. Its two big ideas are worth taking apart: **context locals** (`request`, `g`, `current_app` look global but resolve, at each access, to the context on top of a stack) and **composition** (blueprints and extensions register themselves on an app they do not import).",
    "",
    "## The core challenges",
    "- **Application and request contexts**: pushed for each request and popped after; the Context panel shows them.",
    "- **Thread-local state**: `g.user` set in `before_request` is visible to the view and the template, and gone for the next request.",
    "- **Blueprints**: routes recorded now, added to the app at `register_blueprint` under a prefix and an endpoint namespace (`url_for(\".login\")`).",
    "- **The extension pattern**: one object, many apps; configuration through `app.config.setdefault` and discovery through `app.extensions`.",
    "",
    "## Passing the milestones",
    "Write the parts marked `TODO` in `app.ts`, `auth.ts` and `extension.ts`.",
  ].join("\n"),
  milestones: [
    { title: M.routing, how: "GET / renders index.html (…stranger!), and /auth/missing is the app's 404 handler's page" },
    { title: M.locals, how: "POST /auth/login reads request.form and current_app.config and redirects to /; then GET / greets ada through g.user" },
    { title: M.blueprints, how: "GET /auth/login is the blueprint's login form (action=\"/auth/login\"), and /auth/logout redirects through url_for(\".login\")" },
    { title: M.extension, how: "GET /extension shows my_extension in app.extensions and GREETING defaulted to \"Hello\"" },
  ],
  solution,
  starter: starter_of(solution, { "app.ts": APP_TODO, "auth.ts": AUTH_TODO, "extension.ts": EXTENSION_TODO }, "Project 7 — Flask (starter)"),
};
