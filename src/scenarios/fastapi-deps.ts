/**
 * Built-in scenario "fastapi-deps": FastAPI's dependency injection — a `yield` dependency (a
 * database session opened before the handler and closed after the response), an auth dependency
 * that raises 401 (and what the `yield` dependency sees then), a dependency shared by two others
 * and served once from the per-request cache, and a background task that runs after the response.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";

const DEPS = `// deps.ts — dependencies: functions FastAPI calls for a handler, before it, once per request.
import { Depends, Header, HTTPException, Query, signature, t } from "fastapi";

/** A stand-in for a database session. */
export class Session {
  closed = false;
  constructor(readonly id: number) {}
  close() {
    this.closed = true;
  }
}
let sessions = 0;

// A \`yield\` dependency: the code before \`yield\` runs before the handler, the code after it once
// the response has been sent (FastAPI enters it as a context manager and exits it later).
//   Python: def get_db():
//               db = Session(); try: yield db; finally: db.close()
export function* get_db() {
  const db = new Session(++sessions);
  console.log(\`get_db: open session \${db.id}\`);
  try {
    yield db;
  } catch (exc) {
    console.log(\`get_db: the request failed (\${(exc as Error).constructor.name}), session \${db.id} rolled back\`);
    throw exc;
  } finally {
    db.close();
    console.log(\`get_db: session \${db.id} closed\`);
  }
}

// An auth dependency: it reads a header and raises 401 when the token is wrong. Everything that
// depends on it (here, the handler) never runs then.
export const verify_token = signature(
  { x_token: Header(t.Optional(t.str), { default: null }) },
  async function verify_token({ x_token }) {
    if (x_token !== "secret-token") throw new HTTPException(401, "Invalid X-Token header", { "WWW-Authenticate": "Token" });
    return x_token;
  },
);

// A dependency with its own dependency: it asks for verify_token too. The handler also asks for
// verify_token, so within one request FastAPI calls it once and serves current_user's copy from its
// per-request cache (the Dependencies panel marks the cache hit).
export const current_user = signature({ token: Depends(verify_token) }, async function current_user({ token }) {
  return { name: "ada", token };
});

// Common query parameters, as a dependency several handlers reuse. Within one request FastAPI
// calls a dependency once and serves its result from a cache to everyone else who asks for it.
export const pagination = signature(
  { skip: Query(t.int, { default: 0, ge: 0 }), limit: Query(t.int, { default: 10, le: 100 }) },
  function pagination({ skip, limit }) {
    console.log(\`pagination: skip=\${skip} limit=\${limit}\`);
    return { skip, limit };
  },
);
`;

const MAIN = `// main.ts — handlers that declare what they depend on.
import { BackgroundTasks, Depends, FastAPI, t } from "fastapi";
import { current_user, get_db, pagination, Session, verify_token } from "./deps";

export const app = new FastAPI({ title: "Dependencies" });

const NAMES = ["ada", "grace", "linus", "margaret", "guido"];

// Depends(get_db) gives the handler the session get_db yielded; Depends(verify_token) checks the
// token (when it raises, get_db — already entered — sees the exception at its \`yield\`).
app.get("/users/", {
  params: {
    db: Depends(get_db),
    token: Depends(verify_token),
    user: Depends(current_user),
    page: Depends(pagination),
  },
})(async function list_users({ db, user, page }) {
  console.log(\`list_users for \${user.name} with session \${(db as Session).id}\`);
  return { users: NAMES.slice(page.skip, page.skip + page.limit), session: (db as Session).id };
});

function write_notification(email: string, message: string) {
  console.log(\`background: notification to \${email}: \${message}\`);
}

// A background task: added during the request, run after the response has been sent.
app.post("/send-notification/{email}", {
  params: { email: t.str, background_tasks: BackgroundTasks, token: Depends(verify_token) },
})(async function send_notification({ email, background_tasks }) {
  background_tasks.add_task(write_notification, email, "some notification");
  return { message: "Notification sent in the background" };
});
`;

const LESSON = `# Dependencies

A dependency is a function FastAPI calls *for* a handler: its result becomes a parameter.
Dependencies can depend on others; FastAPI resolves the graph once per request, caches each
result, and cleans up \`yield\` dependencies after the response. The **Dependencies** panel draws
the graph: the order they ran, the cache hits, the cleanup order.

1. \`GET /users/\` with the right \`X-Token\`: \`get_db\` (opens a session), \`verify_token\`,
   \`current_user\` (whose own \`verify_token\` comes from the cache) and \`pagination\` run, then
   the handler; after the response, \`get_db\` closes its session.
2. Without the token, \`verify_token\` raises 401: the handler never runs, and \`get_db\` (entered
   before it) sees the exception at its \`yield\`, then closes its session.
3. \`POST /send-notification/...\`: the response is sent first; the **background task** runs after.
4. \`limit=500\`: a dependency's own parameter fails validation — a 422 naming \`["query", "limit"]\`.
`;

export const fastapi_deps: Scenario = {
  format: SCENARIO_FORMAT,
  title: "FastAPI: dependencies, yield, auth and background tasks",
  framework: "fastapi",
  entry: { kind: "fastapi", app: "main.app" },
  description: "Dependency injection: a yield dependency cleaned up after the response, an auth dependency that raises, a cached dependency and a background task.",
  lesson: LESSON,
  files: { "main.ts": MAIN, "deps.ts": DEPS },
  requests: [
    { method: "GET", target: "/users/?skip=1&limit=2", headers: [["X-Token", "secret-token"]], note: "auth passes, the session is opened, used, and closed after the response" },
    { method: "GET", target: "/users/", note: "no X-Token: verify_token raises 401, the handler never runs, get_db sees the exception" },
    { method: "POST", target: "/send-notification/ada@example.com", headers: [["X-Token", "secret-token"]], note: "the background task runs after the response" },
    { method: "GET", target: "/users/?limit=500", headers: [["X-Token", "secret-token"]], note: "a dependency's own parameter fails validation (limit ≤ 100)" },
  ],
  checks: [
    { request: 0, status: 200, body_contains: '{"users":["grace","linus"],"session":1}' },
    { request: 1, status: 401, body_contains: '{"detail":"Invalid X-Token header"}' },
    { request: 2, status: 200, body_contains: '{"message":"Notification sent in the background"}' },
    { request: 3, status: 422, body_contains: '"loc":["query","limit"]' },
  ],
};
