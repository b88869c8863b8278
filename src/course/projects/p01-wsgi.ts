/**
 * Course project 1, "A WSGI application from scratch": a raw PEP 3333 app that parses GET and POST
 * parameters, keeps a session through a cookie, and is wrapped in two middlewares. The solution is
 * the wsgi-hello scenario's middleware and sessions with an app that parses parameters itself; the
 * starter leaves `respond`, the parsers, the session store and the middleware stack to write.
 */
import { SCENARIO_FORMAT, type Scenario } from "../../scenarios/format";
import { wsgi_hello } from "../../scenarios/wsgi-hello";
import { starter_of } from "../check";
import type { CourseProject } from "../types";

const M = {
  response: "request/response works",
  params: "GET and POST parameters parsed",
  sessions: "cookie-based sessions work",
  middleware: "several middleware compose",
} as const;

const APP_HEAD = `// app.ts — a raw WSGI application (PEP 3333): environ in; status, headers and bytes out.
import { utf8_encode, utf8_decode } from "python/bytes";
import { event, span } from "lab/trace";
import { cookie_middleware, logging_middleware } from "./middleware";
import { create_session, get_session } from "./sessions";

type Environ = Record<string, any>;
type StartResponse = (status: string, headers: [string, string][]) => unknown;
`;

const RESPOND = `
/** Every answer goes through here: the text as UTF-8 bytes, start_response, then the body as a list. */
function respond(start_response: StartResponse, status: string, text: string, headers: [string, string][] = []) {
  const body = utf8_encode(text);
  start_response(status, [["Content-Type", "text/plain; charset=utf-8"], ["Content-Length", String(body.length)], ...headers]);
  return [body];
}
`;

const RESPOND_TODO = `
/** Every answer goes through here: the text as UTF-8 bytes, start_response, then the body as a list. */
function respond(start_response: StartResponse, status: string, text: string, headers: [string, string][] = []) {
  // TODO (milestone 1): encode \`text\` with utf8_encode, call start_response(status, headers) with a
  // Content-Type and a Content-Length before the extra \`headers\`, and return the body as [bytes].
  throw new Error("TODO (milestone 1): respond() must call start_response and return [bytes]");
}
`;

const PARSE = `
/** "name=Ada+L&x=%C3%A9" → {name: "Ada L", x: "é"}: a query string or a form body. */
function parse_qs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const [key, value] = eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
    out[decodeURIComponent(key.replace(/\\+/g, " "))] = decodeURIComponent(value.replace(/\\+/g, " "));
  }
  return out;
}

/** The form body arrives as bytes on wsgi.input; CONTENT_LENGTH says how many to read. */
function read_form(environ: Environ): Record<string, string> {
  const length = Number(environ.CONTENT_LENGTH || 0);
  return parse_qs(utf8_decode(environ["wsgi.input"].read(length)));
}
`;

const PARSE_TODO = `
/** "name=Ada+L&x=%C3%A9" → {name: "Ada L", x: "é"}: a query string or a form body. */
function parse_qs(text: string): Record<string, string> {
  // TODO (milestone 2): split on "&", then on the first "="; "+" is a space and %XX a percent-escape.
  return {};
}

/** The form body arrives as bytes on wsgi.input; CONTENT_LENGTH says how many to read. */
function read_form(environ: Environ): Record<string, string> {
  // TODO (milestone 2): read CONTENT_LENGTH bytes from environ["wsgi.input"], decode them, parse_qs them.
  return {};
}
`;

const VIEWS = `
function hello(environ: Environ, start_response: StartResponse) {
  const name = parse_qs(environ.QUERY_STRING ?? "").name ?? "World";
  return respond(start_response, "200 OK", \`Hello, \${name}!\`);
}

function login(environ: Environ, start_response: StartResponse) {
  const username = read_form(environ).username;
  if (!username) return respond(start_response, "400 Bad Request", "Missing username");
  const session_id = create_session(username);
  return respond(start_response, "200 OK", \`Welcome, \${username}!\`, [["Set-Cookie", \`session_id=\${session_id}; Path=/; HttpOnly\`]]);
}

function profile(environ: Environ, start_response: StartResponse) {
  // environ["app.cookies"] was filled in by cookie_middleware.
  const username = get_session((environ["app.cookies"] ?? {}).session_id);
  if (!username) return respond(start_response, "401 Unauthorized", "Unauthorized");
  return respond(start_response, "200 OK", \`Profile for \${username} (authenticated)\`);
}

const routes: [method: string, path: string, handler: typeof hello][] = [
  ["GET", "/hello", hello],
  ["POST", "/login", login],
  ["GET", "/profile", profile],
];

function app(environ: Environ, start_response: StartResponse) {
  const handler = span("resolver", "route " + environ.PATH_INFO, {}, () => {
    for (const [method, path, handler] of routes) {
      const matched = method === environ.REQUEST_METHOD && path === environ.PATH_INFO;
      event("pattern", \`\${method} \${path}\`, { matched });
      if (matched) return handler;
    }
    return undefined;
  });
  if (!handler) return respond(start_response, "404 Not Found", "Not Found");
  return span("view", handler.name, {}, () => handler(environ, start_response));
}
`;

const STACK = `
// The server calls the outermost layer: logging → cookies → app, and back out in reverse.
export const application = logging_middleware(cookie_middleware(app));
`;

const STACK_TODO = `
// TODO (milestone 4): wrap the app so the server calls logging_middleware, which calls
// cookie_middleware, which calls app (see middleware.ts).
export const application = app;
`;

const SESSIONS_TODO = `// sessions.ts — an in-memory session store: session id → username.

/** Like Python's secrets.token_hex(16): 32 random hex digits. */
function token_hex(nbytes: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(nbytes));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function create_session(username: string): string {
  // TODO (milestone 3): make a new session id (token_hex(16)), remember it → username, return it.
  return "";
}

export function get_session(session_id: string | undefined): string | undefined {
  // TODO (milestone 3): the username the session id was created for (undefined when there is none).
  return undefined;
}
`;

const solution: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Project 1 — a WSGI application from scratch",
  framework: "wsgi",
  entry: { kind: "wsgi", application: "app.application" },
  description: "A raw PEP 3333 app: environ in, start_response, bytes out; parameters, a session cookie, two middlewares.",
  files: {
    "app.ts": APP_HEAD + RESPOND + PARSE + VIEWS + STACK,
    "middleware.ts": wsgi_hello.files["middleware.ts"],
    "sessions.ts": wsgi_hello.files["sessions.ts"],
  },
  requests: [
    { method: "GET", target: "/hello", note: "start_response and a list of bytes." },
    { method: "GET", target: "/hello?name=Ada+Lovelace", note: "a query string parameter, from QUERY_STRING." },
    { method: "POST", target: "/login", form: { username: "alice" }, note: "a form body on wsgi.input; the answer sets a session cookie." },
    { method: "GET", target: "/profile", note: "the browser sends the cookie back: the session finds alice." },
    { method: "GET", target: "/profile", no_cookies: true, note: "a private window: no cookie, 401." },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "Hello, World!", header: ["Content-Type", "text/plain; charset=utf-8"], label: M.response },
    { request: 1, status: 200, body_contains: "Hello, Ada Lovelace!", label: M.params },
    { request: 2, status: 200, body_contains: "Welcome, alice!", label: M.params },
    { request: 3, status: 200, body_contains: "Profile for alice (authenticated)", label: M.sessions },
    { request: 4, status: 401, label: M.sessions },
    {
      request: 0,
      label: M.middleware,
      trace: [
        { kind: "middleware", name: "logging_middleware (request)" },
        { kind: "middleware", name: "cookie_middleware (request)" },
        { kind: "middleware", name: "logging_middleware (response)" },
      ],
    },
  ],
};

export const project_wsgi: CourseProject = {
  number: 1,
  id: "wsgi",
  title: "A WSGI application from scratch",
  summary: "environ in, start_response, bytes out — parameters, cookies, a session and middleware by hand",
  based_on: "wsgi-hello",
  lesson: [
    "## What you build",
    "A web application with no framework at all: one function, `application(environ, start_response)`, as PEP 3333 defines it. The server turns the HTTP request into the `environ` dictionary (`REQUEST_METHOD`, `PATH_INFO`, `QUERY_STRING`, `HTTP_COOKIE`, the body on `wsgi.input`) and calls you; you call `start_response(\"200 OK\", headers)` and return an iterable of **bytes**.",
    "",
    "## Why",
    "Django, Flask and every other WSGI framework are a layer on this one contract. Once you have parsed a query string, read a form body and kept a session in a cookie yourself, `request.GET`, `request.POST` and `request.session` stop being magic: they are this code, written once.",
    "",
    "## The core challenges",
    "- **The interface**: `respond()` must call `start_response` before the body is sent and return `[bytes]` (`utf8_encode` from `python/bytes`). A string instead of bytes is a PEP 3333 violation the server names.",
    "- **Parsing**: `parse_qs` turns `name=Ada+Lovelace` into `{name: \"Ada Lovelace\"}`; `read_form` reads exactly `CONTENT_LENGTH` bytes of `wsgi.input`.",
    "- **State through cookies**: HTTP forgets everything between requests. The login sets `session_id`; the browser sends it back; `sessions.ts` maps it to a user.",
    "- **Middleware**: an application that wraps an application. `logging_middleware(cookie_middleware(app))` runs in, in, app, out, out — the trace shows the onion.",
    "",
    "## Passing the milestones",
    "Open `app.ts` and `sessions.ts` and write each part marked `TODO (milestone N)`, then press **Check**. The trace marks your own layers: `span(kind, name, attrs, fn)` and `event(kind, name, attrs)` from `lab/trace`.",
  ].join("\n"),
  milestones: [
    { title: M.response, how: "GET /hello answers 200, text/plain, \"Hello, World!\"" },
    { title: M.params, how: "GET /hello?name=Ada+Lovelace greets Ada Lovelace; POST /login with a form body welcomes alice" },
    { title: M.sessions, how: "after the login, GET /profile with the cookie is 200 for alice; without it, 401" },
    { title: M.middleware, how: "the trace of GET /hello holds logging_middleware (request), cookie_middleware (request) and logging_middleware (response) spans" },
  ],
  solution,
  starter: starter_of(solution, { "app.ts": APP_HEAD + RESPOND_TODO + PARSE_TODO + VIEWS + STACK_TODO, "sessions.ts": SESSIONS_TODO }, "Project 1 — a WSGI application from scratch (starter)"),
};
