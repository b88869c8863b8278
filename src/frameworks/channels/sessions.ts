/**
 * channels.sessions: the `Cookie` header → `scope["cookies"]`, and the session cookie → Django's
 * session as `scope["session"]`. Main classes: `CookieMiddleware`, `SessionMiddleware`
 * (`InstanceSessionWrapper` does its work per connection); `SessionMiddlewareStack(inner)` is
 * both, in that order.
 *
 *     websocket: SessionMiddlewareStack(new URLRouter([...]))
 *     // in a consumer: this.scope.session.get("cart"), this.scope.session.set("cart", 3),
 *     //                this.scope.session.save()   — a WebSocket has no response to carry a cookie
 *
 * The session is the Django project's own (`SESSION_ENGINE`'s `SessionStore`, e.g. the db
 * backend), so a WebSocket sees what a view stored. Over HTTP (an `AsyncHttpConsumer`), a
 * modified session (or every session, with `SESSION_SAVE_EVERY_REQUEST`) is saved when the
 * response starts and its cookie is added to `http.response.start`, with Django's cookie settings;
 * WebSocket messages never save it by themselves.
 */
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging -- these classes make callable objects (asgiref/compatibility.ts, callable_object); the interface of the same name gives them their call signature. */
import { trace_site } from "../../trace";
import { AssertionError } from "../python/builtins";
import { time } from "../python/time";
import { callable_object, guarantee_single_callable } from "../asgiref/compatibility";
import type { ASGIApplicationLike, ASGIReceiveCallable, ASGISendCallable, Message, Scope } from "../asgiref/typing";
import { settings } from "../django/conf";
import { SuspiciousOperation } from "../django/core/exceptions";
import { parse_cookie, SimpleCookie } from "../django/http/cookie";
import { http_date } from "../django/utils/http";
import { import_module } from "../python/importlib";
import { UpdateError, type SessionBase } from "../django/contrib/sessions/backends/base";
import { latin1_decode, utf8_encode } from "../python/bytes";
import { ValueError } from "../python/builtins";
import { database_sync_to_async } from "./db";

const COOKIES = trace_site("session", "channels/sessions.ts#CookieMiddleware.__call__");

export interface CookieOptions {
  max_age?: number | null;
  expires?: string | null;
  path?: string | null;
  domain?: string | null;
  secure?: boolean | null;
  httponly?: boolean | null;
  samesite?: string | null;
}

export interface CookieMiddleware {
  (scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown>;
}

/** `CookieMiddleware(inner)`: the first `cookie` header, parsed as Django parses it → `scope["cookies"]`. */
export class CookieMiddleware {
  inner: ASGIApplicationLike;

  constructor(inner: ASGIApplicationLike) {
    this.inner = inner;
    return callable_object(this);
  }

  async __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown> {
    if (!("headers" in scope))
      throw new ValueError("CookieMiddleware was passed a scope that did not have a headers key (make sure it is only passed HTTP or WebSocket connections)");
    let cookies: Record<string, string> = {};
    let header: string | null = null;
    for (const [name, value] of (scope.headers ?? []) as [Uint8Array, Uint8Array][]) {
      if (latin1_decode(name) === "cookie") {
        header = latin1_decode(value);
        cookies = parse_cookie(header);
        break;
      }
    }
    COOKIES.event("CookieMiddleware: scope[\"cookies\"]", () => ({ middleware: "CookieMiddleware", header, cookies: Object.keys(cookies) }));
    return guarantee_single_callable(this.inner)({ ...scope, cookies }, receive, send);
  }

  /**
   * `CookieMiddleware.set_cookie(message, key, value="", max_age=None, expires=None, path="/",
   * domain=None, secure=False, httponly=False, samesite="lax")`: add a `Set-Cookie` header to a
   * response-start message.
   */
  static set_cookie(message: Message, key: string, value = "", options: CookieOptions = {}): void {
    const { max_age = null, path = "/", domain = null, secure = false, httponly = false, samesite = "lax" } = options;
    let expires = options.expires ?? null;
    const cookies = new SimpleCookie();
    cookies.setitem(key, value);
    const morsel = cookies.getitem(key);
    if (expires !== null) morsel.setitem("expires", expires);
    else morsel.setitem("expires", "");
    if (max_age !== null) {
      morsel.setitem("max-age", max_age);
      if (!expires) {
        expires = http_date(time() + max_age);
        morsel.setitem("expires", expires);
      }
    }
    if (path !== null) morsel.setitem("path", path);
    if (domain !== null) morsel.setitem("domain", domain);
    if (secure) morsel.setitem("secure", true);
    if (httponly) morsel.setitem("httponly", true);
    if (samesite !== null) {
      if (!["strict", "lax", "none"].includes(samesite.toLowerCase())) throw new AssertionError("samesite must be either 'strict', 'lax' or 'none'");
      morsel.setitem("samesite", samesite);
    }
    const headers = ((message.headers as [Uint8Array, Uint8Array][] | undefined) ??= []);
    for (const cookie of cookies.values()) headers.push([utf8_encode("Set-Cookie"), utf8_encode(cookie.OutputString())]);
  }

  /** `CookieMiddleware.delete_cookie(message, key, path="/", domain=None)`: expire it now. */
  static delete_cookie(message: Message, key: string, options: { path?: string; domain?: string | null } = {}): void {
    CookieMiddleware.set_cookie(message, key, "", { max_age: 0, path: options.path ?? "/", domain: options.domain ?? null, expires: "Thu, 01-Jan-1970 00:00:00 GMT" });
  }
}

/**
 * `InstanceSessionWrapper(scope, send)`: for one connection, `scope["session"]` (loaded from the
 * session cookie) and a `send` that saves the session and sets its cookie when an HTTP response
 * starts. An outer session middleware's session is kept as is (and this one saves nothing).
 */
export class InstanceSessionWrapper {
  /** Message types that save a modified session. */
  save_message_types = ["http.response.start"];
  /** Message types that can carry the session cookie back. */
  cookie_response_message_types = ["http.response.start"];
  cookie_name: string;
  session_store: new (session_key?: string | null) => SessionBase;
  scope: Scope;
  activated: boolean;
  real_send: ASGISendCallable;

  constructor(scope: Scope, send: ASGISendCallable) {
    this.cookie_name = String(settings.SESSION_COOKIE_NAME);
    this.session_store = import_module(String(settings.SESSION_ENGINE)).SessionStore;
    this.scope = { ...scope };
    if ("session" in this.scope) {
      this.activated = false;
    } else {
      if (!("cookies" in this.scope)) throw new ValueError("No cookies in scope - SessionMiddleware needs to run inside of CookieMiddleware.");
      this.scope.session = null;
      this.activated = true;
    }
    this.real_send = send;
  }

  /** `await resolve_session()`: the SessionStore for the cookie's key (loaded lazily, as in Django). */
  async resolve_session(): Promise<void> {
    if (!this.activated) return;
    const session_key = (this.scope.cookies as Record<string, string>)[this.cookie_name] ?? null;
    this.scope.session = await database_sync_to_async((key: string | null) => new this.session_store(key))(session_key);
  }

  /** The wrapped `send`: save and set the cookie on `http.response.start`, then pass the message on. */
  send = async (message: Message): Promise<void> => {
    if (this.activated) {
      const session = this.scope.session as SessionBase;
      const modified = session.modified;
      const empty = session.is_empty();
      const type = String(message.type);
      if (this.save_message_types.includes(type) && (message.status ?? 200) !== 500 && (modified || settings.SESSION_SAVE_EVERY_REQUEST)) {
        await database_sync_to_async(() => this.save_session())();
        if (this.cookie_response_message_types.includes(type)) this.add_session_cookie(message, empty);
      }
    }
    return this.real_send(message);
  };

  /** The session cookie on a response start: deleted for an empty session, else set with Django's settings. */
  private add_session_cookie(message: Message, empty: boolean): void {
    const session = this.scope.session as SessionBase;
    if (empty) {
      if (settings.SESSION_COOKIE_NAME in (this.scope.cookies as Record<string, string>))
        CookieMiddleware.delete_cookie(message, String(settings.SESSION_COOKIE_NAME), { path: settings.SESSION_COOKIE_PATH, domain: settings.SESSION_COOKIE_DOMAIN });
      return;
    }
    let max_age: number | null = null;
    let expires: string | null = null;
    if (!session.get_expire_at_browser_close()) {
      max_age = session.get_expiry_age();
      expires = http_date(time() + max_age);
    }
    CookieMiddleware.set_cookie(message, this.cookie_name, String(session.session_key), {
      max_age,
      expires,
      domain: settings.SESSION_COOKIE_DOMAIN,
      path: settings.SESSION_COOKIE_PATH,
      secure: settings.SESSION_COOKIE_SECURE || null,
      httponly: settings.SESSION_COOKIE_HTTPONLY || null,
      samesite: settings.SESSION_COOKIE_SAMESITE,
    });
  }

  /** `save_session()`: a session deleted meanwhile (another connection logged out) is a SuspiciousOperation. */
  save_session(): void {
    try {
      (this.scope.session as SessionBase).save();
    } catch (e) {
      if (e instanceof UpdateError)
        throw new SuspiciousOperation("The request's session was deleted before the request completed. The user may have logged out in a concurrent request, for example.");
      throw e;
    }
  }
}

export interface SessionMiddleware {
  (scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown>;
}

/** `SessionMiddleware(inner)`: `scope["session"]` from the session cookie (needs CookieMiddleware outside it). */
export class SessionMiddleware {
  inner: ASGIApplicationLike;

  constructor(inner: ASGIApplicationLike) {
    this.inner = inner;
    return callable_object(this);
  }

  async __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown> {
    const wrapper = new InstanceSessionWrapper(scope, send);
    await wrapper.resolve_session();
    return guarantee_single_callable(this.inner)(wrapper.scope, receive, wrapper.send);
  }
}

/** `SessionMiddlewareStack(inner)` = `CookieMiddleware(SessionMiddleware(inner))`. */
export function SessionMiddlewareStack(inner: ASGIApplicationLike): CookieMiddleware {
  return new CookieMiddleware(new SessionMiddleware(inner));
}
