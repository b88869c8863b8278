/**
 * Built-in scenario "wsgi-hello": the web without a framework. A raw PEP 3333 application — a
 * function of (environ, start_response) returning a list of bytes — wrapped in two WSGI middlewares,
 * with a login that sets a session cookie and a profile page that reads it.
 *
 * Bytes in user code: a WSGI body is an iterable of bytes, so the app returns `[b("Hello")]` (ASCII
 * text) or `[utf8_encode(text)]` (any text), both from `"python/bytes"`.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";

const APP = `// A raw WSGI application (PEP 3333): no framework, just environ in, status + headers + bytes out.
import { utf8_encode, utf8_decode } from "python/bytes";
import { event, span } from "lab/trace";
import { cookie_middleware, logging_middleware } from "./middleware";
import { create_session, get_session } from "./sessions";

type Environ = Record<string, any>;
type StartResponse = (status: string, headers: [string, string][]) => unknown;

function respond(start_response: StartResponse, status: string, text: string, headers: [string, string][] = []) {
  const body = utf8_encode(text);
  start_response(status, [["Content-Type", "text/plain; charset=utf-8"], ["Content-Length", String(body.length)], ...headers]);
  return [body];
}

function hello(environ: Environ, start_response: StartResponse) {
  const query = new URLSearchParams(environ.QUERY_STRING);
  const name = query.get("name") ?? "World";
  return respond(start_response, "200 OK", \`Hello, \${name}!\`);
}

function login(environ: Environ, start_response: StartResponse) {
  // The body arrives as bytes on wsgi.input; CONTENT_LENGTH says how many to read.
  const length = Number(environ.CONTENT_LENGTH || 0);
  const form = new URLSearchParams(utf8_decode(environ["wsgi.input"].read(length)));
  const username = form.get("username");
  if (!username) return respond(start_response, "400 Bad Request", "Missing username");
  const session_id = create_session(username);
  return respond(start_response, "200 OK", \`Welcome, \${username}! Session ID: \${session_id}\`, [
    ["Set-Cookie", \`session_id=\${session_id}; Path=/; HttpOnly\`],
  ]);
}

function profile(environ: Environ, start_response: StartResponse) {
  // environ["app.cookies"] was filled in by cookie_middleware.
  const username = get_session(environ["app.cookies"].session_id);
  if (!username) return respond(start_response, "401 Unauthorized", "Unauthorized");
  return respond(start_response, "200 OK", \`Profile for \${username} (authenticated)\`);
}

// The routing table, tried in order: the first route whose method and path both match wins.
const routes: [method: string, path: string, handler: typeof hello][] = [
  ["GET", "/hello", hello],
  ["POST", "/login", login],
  ["GET", "/profile", profile],
];

function resolve(method: string, path: string) {
  return span("resolver", "route " + path, { method, path }, () => {
    for (const [route_method, route_path, handler] of routes) {
      const reason = route_path !== path ? "path differs" : route_method !== method ? "method differs" : undefined;
      event("pattern", \`\${route_method} \${route_path}\`, { matched: !reason, reason });
      if (!reason) return handler;
    }
    return undefined;
  });
}

function app(environ: Environ, start_response: StartResponse) {
  const handler = resolve(environ.REQUEST_METHOD, environ.PATH_INFO);
  if (!handler) return respond(start_response, "404 Not Found", "Not Found");
  return span("view", handler.name, { path: environ.PATH_INFO }, () => handler(environ, start_response));
}

// The server calls the outermost layer: logging → cookies → app, and back out in reverse.
export const application = logging_middleware(cookie_middleware(app));
`;

const MIDDLEWARE = `// WSGI middleware: a WSGI application that wraps another one. To the server it is the app;
// to the app it is the server (PEP 3333, "Middleware: Components that Play Both Sides").
import { span } from "lab/trace";

type Environ = Record<string, any>;
type StartResponse = (status: string, headers: [string, string][], exc_info?: unknown) => unknown;
type Application = (environ: Environ, start_response: StartResponse) => Iterable<Uint8Array>;

/** Each half of a middleware runs in its own span, so the trace shows the onion: in, in, app, out, out. */
function phase<T>(middleware: string, phase: "request" | "response", fn: () => T): T {
  return span("middleware", \`\${middleware} (\${phase})\`, { phase, middleware }, fn);
}

/** Logs each request on the way in and its status on the way out. */
export function logging_middleware(app: Application): Application {
  return function logging(environ, start_response) {
    phase("logging_middleware", "request", () => {
      const query = environ.QUERY_STRING ? "?" + environ.QUERY_STRING : "";
      console.log(\`[logging] \${environ.REQUEST_METHOD} \${environ.PATH_INFO}\${query}\`);
    });
    // Wrap start_response to see the status the inner app chose.
    const logging_start_response: StartResponse = (status, headers, exc_info) => {
      phase("logging_middleware", "response", () => console.log(\`[logging] -> \${status}\`));
      return start_response(status, headers, exc_info);
    };
    return app(environ, logging_start_response);
  };
}

/** Parses the Cookie header into environ["app.cookies"] for the apps inside it. */
export function cookie_middleware(app: Application): Application {
  return function cookies(environ, start_response) {
    phase("cookie_middleware", "request", () => {
      const cookies: Record<string, string> = {};
      for (const part of (environ.HTTP_COOKIE ?? "").split(";")) {
        const eq = part.indexOf("=");
        if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
      }
      environ["app.cookies"] = cookies;
      console.log(\`[cookies] \${Object.keys(cookies).length} cookie(s): \${Object.keys(cookies).join(", ") || "none"}\`);
    });
    // Nothing to change on the way out, but the response still passes through this layer.
    const cookies_start_response: StartResponse = (status, headers, exc_info) =>
      phase("cookie_middleware", "response", () => start_response(status, headers, exc_info));
    return app(environ, cookies_start_response);
  };
}
`;

const SESSIONS = `// An in-memory session store: session id → username. It lives as long as this module does
// (editing any file reloads the project and empties it).

const sessions = new Map<string, string>();

/** Like Python's secrets.token_hex(16): 32 random hex digits. */
function token_hex(nbytes: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(nbytes));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function create_session(username: string): string {
  const session_id = token_hex(16);
  sessions.set(session_id, username);
  return session_id;
}

export function get_session(session_id: string | undefined): string | undefined {
  return session_id === undefined ? undefined : sessions.get(session_id);
}
`;

export const wsgi_hello: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Hello, WSGI: an app, two middlewares and a session cookie",
  framework: "wsgi",
  entry: { kind: "wsgi", application: "app.application" },
  description:
    "A raw PEP 3333 application with no framework: the server calls application(environ, start_response), " +
    "two middlewares wrap it (logging, cookie parsing), and a login sets a session cookie the browser sends back.",
  lesson: [
    "Every Python web framework sits on this contract. The server turns the HTTP request into `environ`",
    "(PATH_INFO, QUERY_STRING, HTTP_COOKIE, wsgi.input, ...) and calls the application with it and a",
    "`start_response` callable. The application calls `start_response(\"200 OK\", headers)` and returns",
    "an iterable of **bytes**: here `[utf8_encode(text)]` (or `[b(\"Hello\")]` for ASCII text), from `python/bytes`.",
    "",
    "A middleware is an application that wraps another. `logging_middleware(cookie_middleware(app))` runs",
    "logging first on the way in, and sees the status last on the way out.",
    "",
    "Django's layers are traced by the framework; a raw app has none, so it marks its own with `span` and",
    "`event` from `lab/trace`: each middleware phase, each route tried (and why it missed), the view.",
    "",
    "The scripted requests log in (the response sets `session_id`), open the profile with the cookie the",
    "browser kept, then open it again from a private window (`no_cookies`), which gets 401.",
  ].join("\n"),
  files: {
    "app.ts": APP,
    "middleware.ts": MIDDLEWARE,
    "sessions.ts": SESSIONS,
  },
  requests: [
    { method: "GET", target: "/hello?name=World", note: "A query string parameter, read from QUERY_STRING." },
    { method: "POST", target: "/login", form: { username: "alice" }, note: "A form body on wsgi.input; the response sets a session cookie." },
    { method: "GET", target: "/profile", note: "The browser sends the session cookie back." },
    { method: "GET", target: "/profile", no_cookies: true, note: "A private window: no cookie, so 401." },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "Hello, World!" },
    { request: 1, status: 200, body_contains: "Welcome, alice! Session ID: " },
    { request: 2, status: 200, body_contains: "Profile for alice (authenticated)" },
    { request: 3, status: 401, body_contains: "Unauthorized" },
  ],
};
