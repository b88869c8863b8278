/**
 * django.contrib.auth: credentials → a user (`authenticate`), a user → a signed-in session (`login`),
 * a session → the request's user (`get_user`), and back out (`logout`).
 *
 *     const user = authenticate(request, { username: "ann", password: "s3cret" })  // User or null
 *     if (user) login(request, user)
 *     // session: _auth_user_id "1", _auth_user_backend "django.contrib.auth.backends.ModelBackend",
 *     //          _auth_user_hash HMAC of the password hash; the session key is rotated (cycle_key)
 *     logout(request)              // session flushed, request.user = AnonymousUser
 *
 * Each step is an "auth" span: which backend was asked and what it answered, how the request's
 * user was found (session → backend → user, hash verified or not), login and logout.
 *
 * Backends are the classes listed in AUTHENTICATION_BACKENDS. Python binds the credentials to each
 * backend's `authenticate(request, **credentials)` signature and skips a backend that does not
 * accept them; TypeScript cannot read a signature, so every backend is asked and one that does not
 * understand the credentials returns null.
 */
import { span_set, trace_site, tracing_enabled } from "../../../../trace";

const AUTH = trace_site("auth", "django/contrib/auth/__init__.ts");
import { KeyError, LookupError, TypeError as PyTypeError, ValueError, py_repr } from "../../../python/builtins";
import { apps as django_apps } from "../../apps/registry";
import { settings } from "../../conf";
import { ImproperlyConfigured, PermissionDenied } from "../../core/exceptions";
import { constant_time_compare } from "../../utils/crypto";
import { import_module, import_string } from "../../utils/module_loading";
import { user_logged_in, user_logged_out, user_login_failed } from "./signals";
import { AnonymousUser } from "./models";

export const SESSION_KEY = "_auth_user_id";
export const BACKEND_SESSION_KEY = "_auth_user_backend";
export const HASH_SESSION_KEY = "_auth_user_hash";
export const REDIRECT_FIELD_NAME = "next";

/** What auth needs of `request.session` (django.contrib.sessions' SessionBase). */
export interface SessionLike {
  get(key: string, default_?: unknown): any;
  getitem(key: string): any;
  set(key: string, value: unknown): void;
  has(key: string): boolean;
  flush(): void;
  cycle_key(): void;
}

export interface RequestLike {
  session: SessionLike;
  user?: any;
  [key: string]: any;
}

export type Credentials = Record<string, unknown>;
export type AuthBackend = Record<string, any>;

// --- backends ------------------------------------------------------------------------------------

/** `load_backend(path)`: import the class and make an instance. */
export function load_backend(path: string): AuthBackend {
  const backend_class = import_string(path) as new () => AuthBackend;
  return new backend_class();
}

/** `_get_backends(return_tuples)`: every AUTHENTICATION_BACKENDS entry, as `[backend, path]`. */
export function _get_backends(): [AuthBackend, string][] {
  const backends = (settings.AUTHENTICATION_BACKENDS as string[]).map((path): [AuthBackend, string] => [load_backend(path), path]);
  if (!backends.length) throw new ImproperlyConfigured("No authentication backends have been defined. Does AUTHENTICATION_BACKENDS contain anything?");
  return backends;
}

export function get_backends(): AuthBackend[] {
  return _get_backends().map(([backend]) => backend);
}

const SENSITIVE_CREDENTIALS = /api|token|key|secret|password|signature/i;
const CLEANSED_SUBSTITUTE = "********************";

/** `_clean_credentials(credentials)`: secrets replaced before the failure signal carries them. */
export function _clean_credentials(credentials: Credentials): Credentials {
  const cleaned: Credentials = {};
  for (const [key, value] of Object.entries(credentials)) cleaned[key] = SENSITIVE_CREDENTIALS.test(key) ? CLEANSED_SUBSTITUTE : value;
  return cleaned;
}

/** `_get_backend_from_user(user, backend=None)`: the dotted path login() stores in the session. */
export function _get_backend_from_user(user: any, backend: string | null = null): string {
  const chosen = backend ?? user.backend;
  if (chosen === undefined || chosen === null) {
    const backends = _get_backends();
    if (backends.length === 1) return backends[0][1];
    throw new ValueError("You have multiple authentication backends configured and therefore must provide the `backend` argument or set the `backend` attribute on the user.");
  }
  if (typeof chosen !== "string") throw new PyTypeError(`backend must be a dotted import path string (got ${py_repr(chosen)}).`);
  return chosen;
}

// --- authenticate --------------------------------------------------------------------------------

/**
 * `authenticate(request=None, **credentials)`: ask each backend in order; the first user returned
 * wins (and remembers its backend in `user.backend`). A backend raising PermissionDenied stops the
 * search. Nobody found → `user_login_failed` and null.
 */
export function authenticate(request: unknown, credentials: Credentials = {}): any {
  return AUTH.run("authenticate()", () => ({ credentials: Object.keys(credentials) }), (span) => {
    for (const [backend, backend_path] of _get_backends()) {
      let user: any;
      try {
        user = backend.authenticate(request, { ...credentials });
      } catch (e) {
        if (!(e instanceof PermissionDenied)) throw e;
        AUTH.event(`${backend_path}: PermissionDenied (stop)`, () => ({ backend: backend_path, outcome: "PermissionDenied" }));
        break;
      }
      if (user === null || user === undefined) {
        AUTH.event(`${backend_path}: None`, () => ({ backend: backend_path, outcome: "None" }));
        continue;
      }
      user.backend = backend_path;
      if (span >= 0) {
        AUTH.event(`${backend_path}: ${user}`, { backend: backend_path, outcome: String(user) });
        span_set(span, { user: String(user), backend: backend_path });
      }
      return user;
    }
    span_set(span, () => ({ user: null }));
    user_login_failed.send("django.contrib.auth", { credentials: _clean_credentials(credentials), request });
    return null;
  });
}

// --- login / logout ------------------------------------------------------------------------------

/**
 * `login(request, user, backend=None)`: remember the user in the session. A session that already
 * belongs to someone else (or to an older password) is flushed; otherwise its key is rotated, so a
 * session id planted before login is worthless afterwards. The CSRF token rotates too.
 */
export function login(request: RequestLike, user: any, backend: string | null = null): void {
  const described = tracing_enabled() ? String(user) : "";
  AUTH.run(`login(${described})`, () => ({ user: described }), (span) => {
    const session_auth_hash: string = typeof user.get_session_auth_hash === "function" ? user.get_session_auth_hash() : "";
    const session_step = rotate_session_for(request, user, session_auth_hash);
    const backend_path = _get_backend_from_user(user, backend);
    request.session.set(SESSION_KEY, user.constructor._meta.pk.value_to_string(user));
    request.session.set(BACKEND_SESSION_KEY, backend_path);
    request.session.set(HASH_SESSION_KEY, session_auth_hash);
    if ("user" in request) request.user = user;
    const csrf_rotated = rotate_csrf_token(request);
    span_set(span, () => ({ session: session_step, backend: backend_path, csrf_rotated }));
    user_logged_in.send(user.constructor, { request, user });
  });
}

/** Flush a session that holds another user (or a stale password hash), else cycle its key. */
function rotate_session_for(request: RequestLike, user: any, session_auth_hash: string): "flush" | "cycle_key" | "kept" {
  const session = request.session;
  if (session.has(SESSION_KEY)) {
    const other_user = !py_equal(_get_user_session_key(request), user.pk);
    const stale_hash = Boolean(session_auth_hash) && !constant_time_compare(String(session.get(HASH_SESSION_KEY, "")), session_auth_hash);
    if (other_user || stale_hash) {
      session.flush();
      return "flush";
    }
    return "kept";
  }
  session.cycle_key();
  return "cycle_key";
}

/** `django.middleware.csrf.rotate_token(request)`, when the CSRF module is installed. */
function rotate_csrf_token(request: RequestLike): boolean {
  let csrf: Record<string, any>;
  try {
    csrf = import_module("django.middleware.csrf");
  } catch {
    return false;
  }
  if (typeof csrf.rotate_token !== "function") return false;
  csrf.rotate_token(request);
  return true;
}

/** `logout(request)`: `user_logged_out`, then the whole session is flushed; request.user is anonymous. */
export function logout(request: RequestLike): void {
  AUTH.run("logout()", undefined, (span) => {
    let user = request.user ?? null;
    if (user !== null && user.is_authenticated === false) user = null;
    if (span >= 0) span_set(span, { user: user === null ? null : String(user) });
    user_logged_out.send(user === null ? null : user.constructor, { request, user });
    request.session.flush();
    if ("user" in request) request.user = new AnonymousUser();
  });
}

// --- the request's user --------------------------------------------------------------------------

/** `_get_user_session_key(request)`: the pk in the session, converted by the user model's pk field. */
export function _get_user_session_key(request: RequestLike): unknown {
  const user_model = get_user_model() as any;
  return user_model._meta.pk.to_python(request.session.getitem(SESSION_KEY));
}

/**
 * `get_user(request)`: session → backend → user. The backend must still be configured, the user
 * must still exist, and the session's hash must match the user's password hash (or a hash under a
 * SECRET_KEY_FALLBACKS key, which then re-keys the session); otherwise the session is flushed and
 * the request is anonymous.
 */
export function get_user(request: RequestLike): any {
  return AUTH.run("get_user(request)", undefined, (span) => {
    let user: any = null;
    let user_id: unknown;
    let backend_path: string;
    try {
      user_id = _get_user_session_key(request);
      backend_path = request.session.getitem(BACKEND_SESSION_KEY);
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      span_set(span, () => ({ how: "no user in the session", user: "AnonymousUser" }));
      return new AnonymousUser();
    }
    if ((settings.AUTHENTICATION_BACKENDS as string[]).includes(backend_path)) {
      user = load_backend(backend_path).get_user(user_id);
      if (user && typeof user.get_session_auth_hash === "function") user = verify_session_hash(request, user);
    }
    if (span >= 0) span_set(span, { how: "session → backend → user", user_id: String(user_id), backend: backend_path, user: user ? String(user) : "AnonymousUser" });
    return user ?? new AnonymousUser();
  });
}

/** The session's `_auth_user_hash` against the user's current one; null (and a flush) on mismatch. */
function verify_session_hash(request: RequestLike, user: any): any {
  const session_hash = request.session.get(HASH_SESSION_KEY) as string | null | undefined;
  const session_auth_hash: string = user.get_session_auth_hash();
  const verified = Boolean(session_hash) && constant_time_compare(session_hash!, session_auth_hash);
  AUTH.event(`session hash ${verified ? "verified" : "did not verify"}`, () => ({ verified }));
  if (verified) return user;
  const by_fallback = Boolean(session_hash) && (user.get_session_auth_fallback_hash() as string[]).some((h) => constant_time_compare(session_hash!, h));
  if (by_fallback) {
    request.session.cycle_key();
    request.session.set(HASH_SESSION_KEY, session_auth_hash);
    return user;
  }
  request.session.flush();
  return null;
}

/** `get_permission_codename(action, opts)`: "add" + Post's options → "add_post". */
export function get_permission_codename(action: string, opts: { model_name: string }): string {
  return `${action}_${opts.model_name}`;
}

/**
 * `update_session_auth_hash(request, user)`: after a password change, keep this session signed in
 * (every other session of the user ends, since their hash no longer matches).
 */
export function update_session_auth_hash(request: RequestLike, user: any): void {
  request.session.cycle_key();
  if (typeof user.get_session_auth_hash === "function" && py_equal(request.user, user)) request.session.set(HASH_SESSION_KEY, user.get_session_auth_hash());
}

/** `get_user_model()`: the class AUTH_USER_MODEL names ("auth.User" unless the project swaps it). */
export function get_user_model(): any {
  const label = String(settings.AUTH_USER_MODEL);
  try {
    return django_apps.get_model(label, null, { require_ready: false });
  } catch (e) {
    if (e instanceof ValueError) throw new ImproperlyConfigured("AUTH_USER_MODEL must be of the form 'app_label.model_name'");
    if (e instanceof LookupError) throw new ImproperlyConfigured(`AUTH_USER_MODEL refers to model '${label}' that has not been installed`);
    throw e;
  }
}

/** Python `==` for pks and model instances (`Model.equals`). */
function py_equal(a: any, b: any): boolean {
  if (a !== null && typeof a === "object" && typeof a.equals === "function") return a.equals(b);
  return a === b;
}

// --- the async variants (Django 5.0+): the same steps, awaited -----------------------------------

/** `aauthenticate(request=None, **credentials)` */
export async function aauthenticate(request: unknown, credentials: Credentials = {}): Promise<any> {
  return authenticate(request, credentials);
}

/** `alogin(request, user, backend=None)` */
export async function alogin(request: RequestLike, user: any, backend: string | null = null): Promise<void> {
  login(request, user, backend);
}

/** `alogout(request)` */
export async function alogout(request: RequestLike): Promise<void> {
  logout(request);
}

/** `aget_user(request)` */
export async function aget_user(request: RequestLike): Promise<any> {
  return get_user(request);
}

/** `aupdate_session_auth_hash(request, user)` */
export async function aupdate_session_auth_hash(request: RequestLike, user: any): Promise<void> {
  update_session_auth_hash(request, user);
}
