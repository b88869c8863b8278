/**
 * django.contrib.sessions.middleware: the session cookie → `request.session` on the way in, and
 * on the way out the session saved and the cookie set (or deleted) on the response.
 *
 * On the way out, in order:
 *   - the browser sent a session cookie but the session is now empty (flushed) → delete the cookie;
 *   - the session was looked at → `Vary: Cookie` (the page depends on who asks);
 *   - it was modified (or SESSION_SAVE_EVERY_REQUEST) and is not empty → save it and set the cookie
 *     with SESSION_COOKIE_* attributes and the session's expiry (none at all for
 *     expire-at-browser-close sessions). Not on 5xx responses: a crashed view saves nothing.
 */
import { trace_site } from "../../../../trace";
import { settings } from "../../conf";
import { time } from "../../../python/time";
import type { HttpRequest } from "../../http/request";
import type { HttpResponseBase } from "../../http/response";
import { MiddlewareMixin, type GetResponse } from "../../utils/deprecation";
import { import_module } from "../../utils/module_loading";
import { patch_vary_headers } from "../../utils/cache";
import { http_date } from "../../utils/http";
import { SessionBase, UpdateError, mask } from "./backends/base";
import { SessionInterrupted } from "./exceptions";

const SESSION = trace_site("session", "django/contrib/sessions/middleware.ts", { eager: true });

type SessionStoreClass = new (session_key?: string | null) => SessionBase;

export class SessionMiddleware extends MiddlewareMixin {
  SessionStore: SessionStoreClass;

  constructor(get_response: GetResponse) {
    super(get_response);
    const engine = import_module(String(settings.SESSION_ENGINE));
    this.SessionStore = engine.SessionStore as SessionStoreClass;
  }

  override process_request(request: HttpRequest): null {
    const session_key = request.COOKIES[String(settings.SESSION_COOKIE_NAME)] ?? null;
    request.session = new this.SessionStore(session_key);
    return null;
  }

  override process_response(request: HttpRequest, response: HttpResponseBase): HttpResponseBase {
    const session = request.session as SessionBase | undefined;
    if (!(session instanceof SessionBase)) return response;
    const { accessed, modified } = session;
    const empty = session.is_empty();
    if (String(settings.SESSION_COOKIE_NAME) in request.COOKIES && empty) {
      delete_session_cookie(response);
      patch_vary_headers(response, ["Cookie"]);
      return response;
    }
    if (accessed) patch_vary_headers(response, ["Cookie"]);
    if ((modified || settings.SESSION_SAVE_EVERY_REQUEST) && !empty) save_and_set_cookie(session, response);
    return response;
  }
}

function delete_session_cookie(response: HttpResponseBase): void {
  response.delete_cookie(String(settings.SESSION_COOKIE_NAME), {
    path: settings.SESSION_COOKIE_PATH as string,
    domain: (settings.SESSION_COOKIE_DOMAIN as string | null) ?? null,
    samesite: (settings.SESSION_COOKIE_SAMESITE as string | null) || null,
  });
  SESSION.event("session cookie deleted", () => ({ cookie: String(settings.SESSION_COOKIE_NAME) }));
}

/** Save the session, then set its cookie (unless the response is a server error). */
function save_and_set_cookie(session: SessionBase, response: HttpResponseBase): void {
  let max_age: number | null = null;
  let expires: string | null = null;
  if (!session.get_expire_at_browser_close()) {
    max_age = session.get_expiry_age();
    expires = http_date(time() + max_age);
  }
  if (response.status_code >= 500) return;
  try {
    session.save();
  } catch (e) {
    if (e instanceof UpdateError)
      throw new SessionInterrupted("The request's session was deleted before the request completed. The user may have logged out in a concurrent request, for example.");
    throw e;
  }
  response.set_cookie(String(settings.SESSION_COOKIE_NAME), session.session_key ?? "", {
    max_age,
    expires,
    domain: (settings.SESSION_COOKIE_DOMAIN as string | null) ?? null,
    path: settings.SESSION_COOKIE_PATH as string,
    secure: !!settings.SESSION_COOKIE_SECURE || null,
    httponly: !!settings.SESSION_COOKIE_HTTPONLY || null,
    samesite: (settings.SESSION_COOKIE_SAMESITE as string | null) || null,
  } as any);
  SESSION.event("session saved, cookie set", () => ({ cookie: String(settings.SESSION_COOKIE_NAME), session_key: mask(session.session_key ?? ""), max_age, expire_at_browser_close: max_age === null }));
}
