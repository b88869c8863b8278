/**
 * flask.globals: the context locals. Two context variables hold the current application context
 * and request context; four proxies reach into them:
 *
 *     current_app   → _cv_app.get().app         g        → _cv_app.get().g
 *     request       → _cv_request.get().request session  → _cv_request.get().session
 *
 * Each push of a context `set()`s its variable and keeps the token; each pop `reset()`s it, so the
 * tokens form the stacks the Context panel draws. Used outside a context, a proxy raises Flask's
 * RuntimeError ("Working outside of application context." / "…request context.").
 *
 * Tracing: every attribute read through a proxy is a `context` event naming the proxy, the
 * attribute and what the proxy resolved to (`request → <Request 'http://localhost/' [GET]>`).
 */
import { RuntimeError } from "../python/builtins";
import { ContextVar } from "../python/contextvars";
import { trace_site, tracing_enabled } from "../../trace";
import { LocalProxy } from "../werkzeug/local";
import type { AppContext, RequestContext, _AppCtxGlobals } from "./ctx";
import type { Flask } from "./app";
import type { Request } from "./wrappers";
import type { SecureCookieSession } from "./sessions";

const PROXY_ACCESS = trace_site("context", "flask/globals.ts#LocalProxy", { eager: true });

export const _no_app_msg =
  "Working outside of application context.\n\nThis typically means that you attempted to use functionality that needed\nthe current application. To solve this, set up an application context\nwith app.app_context(). See the documentation for more information.";

export const _no_req_msg =
  "Working outside of request context.\n\nThis typically means that you attempted to use functionality that needed\nan active HTTP request. Consult the documentation on testing for\ninformation about how to avoid this problem.";

export const _cv_app = new ContextVar<AppContext>("flask.app_ctx");
export const _cv_request = new ContextVar<RequestContext>("flask.request_ctx");

/** The current application context, or Flask's "Working outside of application context." */
export function _app_ctx(): AppContext {
  const ctx = _cv_app.get(null);
  if (ctx === null) throw new RuntimeError(_no_app_msg);
  return ctx;
}

/** The current request context, or Flask's "Working outside of request context." */
export function _request_ctx(): RequestContext {
  const ctx = _cv_request.get(null);
  if (ctx === null) throw new RuntimeError(_no_req_msg);
  return ctx;
}

/** How a proxy's target is shown in the trace. */
function describe(obj: unknown): string {
  const repr = (obj as { __repr__?: () => string } | null)?.__repr__;
  if (typeof repr === "function") return repr.call(obj);
  return String(obj);
}

/** What records one access through the proxy named `proxy` (only while tracing). */
function recorder_for(proxy: string) {
  return (_attribute: string, key: string, obj: unknown): void => {
    if (!tracing_enabled() || key.startsWith("_")) return;
    PROXY_ACCESS.event(() => `${proxy}.${key}`, () => ({ proxy, attribute: key, resolved: describe(obj) }));
  };
}

export const app_ctx = LocalProxy<AppContext>(_cv_app, null, { unbound_message: _no_app_msg });
export const current_app = LocalProxy<Flask>(_cv_app, "app", { unbound_message: _no_app_msg, on_access: recorder_for("current_app") });
export const g = LocalProxy<_AppCtxGlobals>(_cv_app, "g", { unbound_message: _no_app_msg, on_access: recorder_for("g") });
export const request_ctx = LocalProxy<RequestContext>(_cv_request, null, { unbound_message: _no_req_msg });
export const request = LocalProxy<Request>(_cv_request, "request", { unbound_message: _no_req_msg, on_access: recorder_for("request") });
// `session[key] = value` is `session.set(key, value)`: the session is looked up when `set` runs,
// after its value, as Python does (a value that raises leaves the session unaccessed).
export const session = LocalProxy<SecureCookieSession>(_cv_request, "session", { unbound_message: _no_req_msg, on_access: recorder_for("session"), resolved_at_call: ["set"] });
