/**
 * channels.auth: `scope["session"]` → `scope["user"]`, and signing in or out from a consumer.
 * Main class: `AuthMiddleware`; `AuthMiddlewareStack(inner)` = Cookie(Session(Auth(inner)));
 * functions `get_user`, `login`, `logout`.
 *
 *     websocket: AuthMiddlewareStack(new URLRouter(websocket_urlpatterns))
 *     // a consumer: this.scope.user — the User a Django view signed in (same session), or AnonymousUser
 *     await login(this.scope, user);  await database_sync_to_async(() => this.scope.session.save())();
 *     await logout(this.scope);
 *
 * The user comes from the session exactly as Django's own `get_user` finds it: `_auth_user_id`,
 * a backend still listed in AUTHENTICATION_BACKENDS, and `_auth_user_hash` matching the user's
 * current password hash (else the session is flushed). `login` and `logout` change the session and
 * `scope["user"]` but do not save the session: a consumer calls `session.save()` itself (a
 * WebSocket has no response to set a cookie on).
 */
import { span_close, span_fail, span_set, trace_site, type Attrs, type TraceSite } from "../../trace";
import { KeyError, ValueError } from "../python/builtins";
import type { ASGIApplicationLike, ASGIReceiveCallable, ASGISendCallable, Scope } from "../asgiref/typing";
import { settings } from "../django/conf";
import { constant_time_compare } from "../django/utils/crypto";
import { BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, _get_backends, get_user_model, load_backend } from "../django/contrib/auth";
import { AnonymousUser } from "../django/contrib/auth/models";
import { user_logged_in, user_logged_out } from "../django/contrib/auth/signals";
import type { SessionBase } from "../django/contrib/sessions/backends/base";
import { database_sync_to_async } from "./db";
import { BaseMiddleware } from "./middleware";
import { CookieMiddleware, SessionMiddleware } from "./sessions";

const GET_USER = trace_site("auth", "channels/auth.ts#get_user", { source: true });
const LOGIN = trace_site("auth", "channels/auth.ts#login", { source: true });
const LOGOUT = trace_site("auth", "channels/auth.ts#logout", { source: true });

type User = any;

/** Run `fn` inside an "auth" span. */
function auth_span<T>(site: TraceSite, name: string, fn: (set: (attrs: Record<string, any>) => void) => T): T {
  const span = site.open(name);
  try {
    // The attrs describe the session and user as they are now: captured at the call.
    return fn((attrs) => span_set(span, attrs as Attrs));
  } catch (e) {
    span_fail(span, e);
    throw e;
  } finally {
    span_close(span);
  }
}

function session_of(scope: Scope, message: string): SessionBase {
  if (!("session" in scope)) throw new ValueError(message);
  return scope.session as SessionBase;
}

/** `_get_user_session_key(session)`: the pk stored in the session, as the user model's pk type. */
function _get_user_session_key(session: SessionBase): unknown {
  return get_user_model()._meta.pk.to_python(session.getitem(SESSION_KEY));
}

/**
 * `await get_user(scope)`: the user the scope's session belongs to, or AnonymousUser. A session
 * whose hash does not match the user's password hash is flushed.
 */
export const get_user = database_sync_to_async(function get_user(scope: Scope): User {
  return auth_span(GET_USER, "get_user(scope)", (set) => {
    const session = session_of(scope, "Cannot find session in scope. You should wrap your consumer in SessionMiddleware.");
    let user: User = null;
    let user_id: unknown;
    let backend_path: string;
    try {
      user_id = _get_user_session_key(session);
      backend_path = session.getitem(BACKEND_SESSION_KEY) as string;
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      set({ how: "no user in the session", user: "AnonymousUser" });
      return new AnonymousUser();
    }
    let verified: boolean | null = null;
    if ((settings.AUTHENTICATION_BACKENDS as string[]).includes(backend_path)) {
      user = load_backend(backend_path).get_user(user_id);
      if (user && typeof user.get_session_auth_hash === "function") {
        const session_hash = session.get(HASH_SESSION_KEY) as string | null;
        verified = Boolean(session_hash) && constant_time_compare(session_hash!, user.get_session_auth_hash());
        if (!verified) {
          session.flush();
          user = null;
        }
      }
    }
    set({ how: "session → backend → user", user_id: String(user_id), backend: backend_path, backend_configured: (settings.AUTHENTICATION_BACKENDS as string[]).includes(backend_path), hash_verified: verified, user: user ? String(user) : "AnonymousUser" });
    return user ?? new AnonymousUser();
  });
});

/**
 * `await login(scope, user, backend=None)`: remember the user in the scope's session (a session
 * of another user is flushed, otherwise its key is rotated) and set `scope["user"]`. Sends
 * `user_logged_in` (with `request=None`). Does not save the session.
 */
export const login = database_sync_to_async(function login(scope: Scope, user: User, backend: string | null = null): void {
  auth_span(LOGIN, `login(${String(user)})`, (set) => {
    const session = session_of(scope, "Cannot find session in scope. You should wrap your consumer in SessionMiddleware.");
    if (user === null || user === undefined) user = scope.user ?? null;
    if (user === null || user === undefined) throw new ValueError("User must be passed as an argument or must be present in the scope.");
    const session_auth_hash: string = typeof user.get_session_auth_hash === "function" ? user.get_session_auth_hash() : "";
    let step: string;
    if (session.has(SESSION_KEY)) {
      const other = !py_equal(_get_user_session_key(session), user.pk);
      const stale = Boolean(session_auth_hash) && !constant_time_compare(String(session.get(HASH_SESSION_KEY, "")), session_auth_hash);
      step = other || stale ? "flush" : "kept";
      if (other || stale) session.flush();
    } else {
      session.cycle_key();
      step = "cycle_key";
    }
    const backend_path = backend ?? user.backend ?? only_backend();
    session.set(SESSION_KEY, user.constructor._meta.pk.value_to_string(user));
    session.set(BACKEND_SESSION_KEY, backend_path);
    session.set(HASH_SESSION_KEY, session_auth_hash);
    scope.user = user;
    set({ session: step, backend: backend_path, user: String(user) });
    user_logged_in.send(user.constructor, { request: null, user });
  });
});

/** The backend when only one is configured; with several, login() needs to be told. */
function only_backend(): string {
  const backends = _get_backends();
  if (backends.length === 1) return backends[0][1];
  throw new ValueError("You have multiple authentication backends configured and therefore must provide the `backend` argument or set the `backend` attribute on the user.");
}

/** `await logout(scope)`: `user_logged_out`, the session flushed, `scope["user"]` anonymous. */
export const logout = database_sync_to_async(function logout(scope: Scope): void {
  auth_span(LOGOUT, "logout(scope)", (set) => {
    const session = session_of(scope, "Login cannot find session in scope. You should wrap your consumer in SessionMiddleware.");
    let user: User = scope.user ?? null;
    if (user !== null && user.is_authenticated === false) user = null;
    set({ user: user === null ? null : String(user) });
    if (user !== null) user_logged_out.send(user.constructor, { request: null, user });
    session.flush();
    if ("user" in scope) scope.user = new AnonymousUser();
  });
});

function py_equal(a: any, b: any): boolean {
  if (a !== null && typeof a === "object" && typeof a.equals === "function") return a.equals(b);
  return a === b;
}

/** `AuthMiddleware(inner)`: `scope["user"]` from `scope["session"]` (SessionMiddleware must be outside it). */
export class AuthMiddleware extends BaseMiddleware {
  /** `populate_scope(scope)`: check there is a session to read the user from. */
  populate_scope(scope: Scope): void {
    if (!("session" in scope)) throw new ValueError("AuthMiddleware cannot find session in scope. SessionMiddleware must be above it.");
    if (!("user" in scope)) scope.user = null;
  }

  /** `await resolve_scope(scope)`: the user, found through the session. */
  async resolve_scope(scope: Scope): Promise<void> {
    scope.user = await get_user(scope);
  }

  override async __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown> {
    scope = { ...scope };
    this.populate_scope(scope);
    await this.resolve_scope(scope);
    return super.__call__(scope, receive, send);
  }
}

/** `AuthMiddlewareStack(inner)` = `CookieMiddleware(SessionMiddleware(AuthMiddleware(inner)))`. */
export function AuthMiddlewareStack(inner: ASGIApplicationLike): CookieMiddleware {
  return new CookieMiddleware(new SessionMiddleware(new AuthMiddleware(inner)));
}
