/**
 * Course project 2, "A minimal web framework": on the raw WSGI mode, the learner's own framework —
 * decorator routing with converters (`/users/<int:id>` → a regex with a named group), Request and
 * Response classes over WSGI, a template function with a context, JSON responses — whose steps
 * show in the trace through `lab/trace` spans of kind "user". A site built on it is given.
 */
import { SCENARIO_FORMAT, type Scenario } from "../../scenarios/format";
import { starter_of } from "../check";
import type { CourseProject } from "../types";

const M = {
  routing: "decorator routing works",
  params: "URL parameters extracted",
  templates: "templates render with context",
  json: "JSON APIs work",
} as const;

const WRAPPERS_HEAD = `// framework/wrappers.ts — Request and Response: WSGI's environ and start_response, as objects.
import { utf8_decode, utf8_encode } from "python/bytes";

type Environ = Record<string, any>;
type StartResponse = (status: string, headers: [string, string][]) => unknown;

const REASONS: Record<number, string> = { 200: "OK", 201: "Created", 302: "Found", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error" };

function parse_qs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) out[key] = value;
  return out;
}

/** What a view reads: the method, the path, the query string's arguments, the form body. */
export class Request {
  method: string;
  path: string;
  args: Record<string, string>;
  form: Record<string, string>;
  headers: Record<string, string>;

  constructor(environ: Environ) {
    this.method = environ.REQUEST_METHOD;
    this.path = environ.PATH_INFO || "/";
    this.args = parse_qs(environ.QUERY_STRING ?? "");
    const length = Number(environ.CONTENT_LENGTH || 0);
    this.form = length ? parse_qs(utf8_decode(environ["wsgi.input"].read(length))) : {};
    this.headers = Object.fromEntries(Object.entries(environ).filter(([k]) => k.startsWith("HTTP_")).map(([k, v]) => [k.slice(5).toLowerCase().replace(/_/g, "-"), String(v)]));
  }
}

/** What a view returns (or what its return value becomes): a body, a status, headers. */
export class Response {
  body: string;
  status: number;
  headers: [string, string][];

  constructor(body: string, { status = 200, content_type = "text/html; charset=utf-8", headers = [] as [string, string][] } = {}) {
    this.body = body;
    this.status = status;
    this.headers = [["Content-Type", content_type], ...headers];
  }

  /** The WSGI end of it: start_response with the status line and headers, then the body as [bytes]. */
  send(start_response: StartResponse): Uint8Array[] {
    const body = utf8_encode(this.body);
    start_response(\`\${this.status} \${REASONS[this.status] ?? "Unknown"}\`, [...this.headers, ["Content-Length", String(body.length)]]);
    return [body];
  }
}
`;

const JSONIFY = `
/** A JSON response: the data serialised, served as application/json. */
export function jsonify(data: unknown, status = 200): Response {
  return new Response(JSON.stringify(data), { status, content_type: "application/json" });
}
`;

const JSONIFY_TODO = `
/** A JSON response: the data serialised, served as application/json. */
export function jsonify(data: unknown, status = 200): Response {
  // TODO (milestone 4): a Response whose body is JSON.stringify(data) and whose Content-Type is
  // application/json.
  throw new Error("TODO (milestone 4): jsonify()");
}
`;

const TEMPLATING = `// framework/templating.ts — templates by name, rendered with a context.
import { span } from "lab/trace";
import { TEMPLATES } from "../templates";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** HTML-escape a value: text from the URL must never become markup. */
export function escape(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** "{{ user.name }}" → context.user.name. */
function lookup(context: Record<string, any>, expression: string): unknown {
  return expression.split(".").reduce((value: any, key) => (value == null ? undefined : value[key]), context);
}

/** Load the template \`name\` and replace each {{ expression }} with its value in \`context\`, escaped. */
export function render_template(name: string, context: Record<string, unknown> = {}): string {
  return span("user", \`render_template \${name}\`, { context: Object.keys(context) }, () => {
    const source = TEMPLATES[name];
    if (source === undefined) throw new Error(\`TemplateNotFound: \${name}\`);
    return source.replace(/\\{\\{\\s*([\\w.]+)\\s*\\}\\}/g, (_, expression) => escape(lookup(context, expression)));
  });
}
`;

const TEMPLATING_TODO = `// framework/templating.ts — templates by name, rendered with a context.
import { span } from "lab/trace";
import { TEMPLATES } from "../templates";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** HTML-escape a value: text from the URL must never become markup. */
export function escape(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Load the template \`name\` and replace each {{ expression }} with its value in \`context\`, escaped. */
export function render_template(name: string, context: Record<string, unknown> = {}): string {
  // TODO (milestone 3): find TEMPLATES[name] (a TemplateNotFound error when there is none), then replace
  // each {{ name }} or {{ user.name }} with its value looked up in context, passed through escape().
  // Wrap it in span("user", \`render_template \${name}\`, {}, () => …) to see it in the trace.
  throw new Error("TODO (milestone 3): render_template()");
}
`;

const APP_HEAD = `// framework/app.ts — the framework: routes registered by a decorator, matched by regular expressions,
// called with a Request; what they return becomes a Response.
import { event, span } from "lab/trace";
import { Request, Response, jsonify } from "./wrappers";

type Params = Record<string, string | number>;
type View = (request: Request, params: Params) => Response | string | Record<string, unknown>;
interface Converter { regex: string; to_value: (text: string) => string | number }
interface Route { pattern: string; regex: RegExp; converters: Record<string, Converter>; methods: string[]; view: View }

/** Django's path() converters: what each matches, and what the text becomes. */
export const CONVERTERS: Record<string, Converter> = {
  str: { regex: "[^/]+", to_value: (text) => text },
  int: { regex: "[0-9]+", to_value: (text) => Number(text) },
  slug: { regex: "[-a-zA-Z0-9_]+", to_value: (text) => text },
  path: { regex: ".+", to_value: (text) => text },
};

const escape_regex = (text: string) => text.replace(/[.*+?^\${}()|[\\]\\\\]/g, "\\\\$&");
`;

const COMPILE = `
/** "/users/<int:id>" → /^\\/users\\/(?<id>[0-9]+)$/ and {id: CONVERTERS.int} (Python: (?P<id>…)). */
export function compile_pattern(pattern: string): { regex: RegExp; converters: Record<string, Converter> } {
  let regex = "^";
  let last = 0;
  const converters: Record<string, Converter> = {};
  for (const match of pattern.matchAll(/<(?:(\\w+):)?(\\w+)>/g)) {
    const [whole, type = "str", name] = match;
    const converter = CONVERTERS[type];
    if (!converter) throw new Error(\`unknown converter "\${type}" in \${pattern}\`);
    regex += escape_regex(pattern.slice(last, match.index)) + \`(?<\${name}>\${converter.regex})\`;
    converters[name] = converter;
    last = match.index! + whole.length;
  }
  return { regex: new RegExp(regex + escape_regex(pattern.slice(last)) + "$"), converters };
}
`;

const COMPILE_TODO = `
/** "/users/<int:id>" → /^\\/users\\/(?<id>[0-9]+)$/ and {id: CONVERTERS.int} (Python: (?P<id>…)). */
export function compile_pattern(pattern: string): { regex: RegExp; converters: Record<string, Converter> } {
  // TODO (milestone 2): turn each <type:name> (or <name>, a str) into a named group (?<name>…) with the
  // converter's regex, escape the text around them, anchor with ^ and $, and return the converters
  // by name. For now a pattern only matches itself, letter for letter.
  return { regex: new RegExp("^" + escape_regex(pattern) + "$"), converters: {} };
}
`;

const APP_CLASS = `
/** A return value → a Response: a Response as it is, a string as HTML, an object as JSON. */
function make_response(rv: Response | string | Record<string, unknown>): Response {
  if (rv instanceof Response) return rv;
  if (typeof rv === "string") return new Response(rv);
  return jsonify(rv);
}

export class App {
  routes: Route[] = [];

  /** Python's @app.route("/users/<int:id>", methods=["GET"]): register the view, return it unchanged. */
  route(pattern: string, { methods = ["GET"] }: { methods?: string[] } = {}) {
    return (view: View): View => {
      ROUTE_BODY
      return view;
    };
  }

  /** The first route whose regex matches the path and whose methods include the request's; its parameters converted. */
  match(request: Request): [Route | null, Params] {
    return span("resolver", \`match \${request.method} \${request.path}\`, {}, () => {
      for (const route of this.routes) {
        const found = route.regex.exec(request.path);
        const allowed = route.methods.includes(request.method);
        event("pattern", route.pattern, { regex: route.regex.source, matched: Boolean(found) && allowed, reason: !found ? "path differs" : !allowed ? "method not allowed" : undefined });
        if (found && allowed) {
          const params: Params = {};
          for (const [name, text] of Object.entries(found.groups ?? {})) params[name] = route.converters[name].to_value(text);
          return [route, params];
        }
      }
      return [null, {}];
    });
  }

  /** The WSGI application: environ → Request → route → view → Response → bytes. */
  wsgi_app = (environ: Record<string, any>, start_response: (status: string, headers: [string, string][]) => unknown) =>
    span("user", "App.wsgi_app", { path: environ.PATH_INFO }, () => {
      const request = span("user", "Request(environ)", {}, () => new Request(environ));
      const [route, params] = this.match(request);
      if (!route) return new Response(\`<h1>Not Found</h1><p>No route for \${request.method} \${request.path.replace(/[&<>"']/g, "")}</p>\`, { status: 404 }).send(start_response);
      const rv = span("view", route.view.name || "view", { params }, () => route.view(request, params));
      return span("user", "make_response", { type: typeof rv }, () => make_response(rv)).send(start_response);
    });
}
`;

const ROUTE = `const { regex, converters } = compile_pattern(pattern);
      this.routes.push({ pattern, regex, converters, methods, view });`;

const ROUTE_TODO = `// TODO (milestone 1): compile the pattern (compile_pattern) and push {pattern, regex, converters,
      // methods, view} onto this.routes, so match() finds it.`;

const SITE = `// app.ts — a small site built on the framework (nothing to write here: the framework is the exercise).
import { App } from "./framework/app";
import { render_template } from "./framework/templating";
import { jsonify } from "./framework/wrappers";

export const app = new App();

app.route("/")(function index(request) {
  return "<h1>Home</h1><p>Try <a href=\\"/users/42\\">/users/42</a>, <a href=\\"/hello?name=Ada\\">/hello?name=Ada</a>, <a href=\\"/api/status\\">/api/status</a>.</p>";
});

app.route("/users/<int:id>")(function user_detail(request, { id }) {
  return \`<h1>User #\${id}</h1><p>id is a \${typeof id}</p>\`;
});

app.route("/hello")(function hello(request) {
  return render_template("hello.html", { name: request.args.name ?? "stranger", site: { title: "My framework" } });
});

app.route("/api/status")(function status(request) {
  return jsonify({ ok: true, routes: app.routes.map((route) => route.pattern) });
});

app.route("/api/echo", { methods: ["POST"] })(function echo(request) {
  return { received: request.form };   // an object becomes JSON too (make_response)
});

// The server calls this: a plain WSGI callable.
export const application = app.wsgi_app;
`;

const TEMPLATES = `// templates.ts — the site's templates, by name.
export const TEMPLATES: Record<string, string> = {
  "hello.html": "<!doctype html>\\n<title>{{ site.title }}</title>\\n<h1>Hello, {{ name }}!</h1>\\n",
};
`;

const solution: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Project 2 — a minimal web framework",
  framework: "wsgi",
  entry: { kind: "wsgi", application: "app.application" },
  description: "Your own framework on raw WSGI: decorator routing with converters, Request and Response, templates with a context, JSON — its steps in the trace.",
  files: {
    "framework/app.ts": APP_HEAD + COMPILE + APP_CLASS.replace("ROUTE_BODY", ROUTE),
    "framework/wrappers.ts": WRAPPERS_HEAD + JSONIFY,
    "framework/templating.ts": TEMPLATING,
    "app.ts": SITE,
    "templates.ts": TEMPLATES,
  },
  requests: [
    { method: "GET", target: "/", note: "@app.route(\"/\"): a string becomes an HTML Response" },
    { method: "GET", target: "/users/42", note: "<int:id>: a named group, converted to a number" },
    { method: "GET", target: "/users/ada", note: "not an int: no route matches" },
    { method: "GET", target: "/hello?name=Ada", note: "render_template with a context" },
    { method: "GET", target: "/hello?name=%3Cscript%3E", note: "the context's values are escaped" },
    { method: "GET", target: "/api/status", note: "jsonify" },
    { method: "POST", target: "/api/echo", form: { x: "1" }, note: "request.form; a returned object becomes JSON" },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "<h1>Home</h1>", trace: [{ kind: "pattern", name: "/", attrs: { matched: true } }, { kind: "user", name: "Request(environ)" }], label: M.routing },
    { request: 1, status: 200, body_contains: "<h1>User #42</h1><p>id is a number</p>", label: M.params },
    { request: 2, status: 404, trace: [{ kind: "pattern", name: "/users/<int:id>", attrs: { matched: false } }], label: M.params },
    { request: 3, status: 200, body_contains: "<title>My framework</title>\n<h1>Hello, Ada!</h1>", trace: [{ kind: "user", name: "render_template hello.html" }], label: M.templates },
    { request: 4, status: 200, body_contains: "<h1>Hello, &lt;script&gt;!</h1>", label: M.templates },
    { request: 5, status: 200, header: ["Content-Type", "application/json"], body_contains: '{"ok":true,"routes":["/","/users/<int:id>","/hello","/api/status","/api/echo"]}', label: M.json },
    { request: 6, status: 200, header: ["Content-Type", "application/json"], body_contains: '{"received":{"x":"1"}}', label: M.json },
  ],
};

export const project_framework: CourseProject = {
  number: 2,
  id: "framework",
  title: "A minimal web framework",
  summary: "decorator routing with converters, Request and Response, templates, JSON — on raw WSGI",
  lesson: [
    "## What you build",
    "A small Flask/Django hybrid on top of project 1's WSGI: `app.route(\"/users/<int:id>\")(view)` registers a view; the pattern becomes a regular expression with a named group; a `Request` wraps `environ`; whatever the view returns becomes a `Response` (a string as HTML, an object as JSON); `render_template(name, context)` fills a template. The site in `app.ts` is given — the framework in `framework/` is yours.",
    "",
    "## Why",
    "Every framework of the later projects does these four things; writing them once shows what is essential (a route table, a regex, a wrapper) and what is convenience. `/users/<int:id>` → `^/users/(?<id>[0-9]+)$` is exactly what Django's `path()` and Werkzeug's rules compile to (Python spells the group `(?P<id>…)`).",
    "",
    "## The core challenges",
    "- **Decorator routing**: Python's `@app.route(...)` is a call that returns a function taking the view (ADR 0013): `app.route(\"/\")(function index(request) {…})`.",
    "- **URL pattern matching**: converters (`int`, `str`, `slug`, `path`), named groups, and the value converted (`id` is a number).",
    "- **Templates with a context**: look the template up by name, replace `{{ name }}` and `{{ site.title }}`, escape what came from the URL.",
    "- **Request/response wrappers**: `start_response` and `[bytes]` hidden behind `Response.send`.",
    "",
    "## Your framework in the trace",
    "A raw WSGI app has no framework tracing it, so yours traces itself with `lab/trace`: `span(kind, name, attrs, fn)` runs `fn` inside a span and returns its result; `event(kind, name, attrs)` records something considered (a route tried). Kinds: `\"resolver\"`, `\"pattern\"`, `\"view\"`, `\"middleware\"`, and `\"user\"` for any other step of your own (`span(\"user\", \"render_template hello.html\", {}, () => …)`). The Flow and Step panels show them like Django's.",
    "",
    "## Passing the milestones",
    "Write the parts marked `TODO` in `framework/app.ts`, `framework/templating.ts` and `framework/wrappers.ts`.",
  ].join("\n"),
  milestones: [
    { title: M.routing, how: "GET / reaches index through a route the decorator registered: the trace shows pattern \"/\" matched and the user span Request(environ)" },
    { title: M.params, how: "GET /users/42 calls the view with id = 42, a number; /users/ada matches no route (404, pattern tried and not matched)" },
    { title: M.templates, how: "GET /hello?name=Ada renders hello.html with name and site.title (a render_template user span); <script> comes out escaped" },
    { title: M.json, how: "GET /api/status answers application/json {ok: true, routes: […]}, and a returned object becomes JSON" },
  ],
  solution,
  starter: starter_of(
    solution,
    {
      "framework/app.ts": APP_HEAD + COMPILE_TODO + APP_CLASS.replace("ROUTE_BODY", ROUTE_TODO),
      "framework/wrappers.ts": WRAPPERS_HEAD + JSONIFY_TODO,
      "framework/templating.ts": TEMPLATING_TODO,
    },
    "Project 2 — a minimal web framework (starter)",
  ),
};
