/**
 * starlette.middleware.httpsredirect: `HTTPSRedirectMiddleware(app)` sends any `http` or `ws`
 * request to the same URL on `https`/`wss` (307; the port dropped when it is 80 or 443). Main class:
 * `HTTPSRedirectMiddleware`.
 */
import { trace_site } from "../../../trace";
import { span_async } from "../_tracing";
import { URL } from "../datastructures";
import { RedirectResponse } from "../responses";
import { call_app, type ASGIAppLike, type Receive, type Scope, type Send } from "../types";

const HTTPS_REDIRECT = trace_site("middleware", "starlette/middleware/httpsredirect.ts#HTTPSRedirectMiddleware.__call__");

export class HTTPSRedirectMiddleware {
  constructor(readonly app: ASGIAppLike) {}

  async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if ((scope.type === "http" || scope.type === "websocket") && (scope.scheme === "http" || scope.scheme === "ws")) {
      await span_async(HTTPS_REDIRECT, "HTTPSRedirectMiddleware", () => ({ middleware: "HTTPSRedirectMiddleware", short_circuit: true, scheme: String(scope.scheme) }), async () => {
        const url = new URL("", { scope });
        const redirect_scheme = { http: "https", ws: "wss" }[url.scheme as "http" | "ws"];
        const netloc = url.port === 80 || url.port === 443 ? (url.hostname ?? "") : url.netloc;
        const response = new RedirectResponse(String(url.replace({ scheme: redirect_scheme, netloc })), { status_code: 307 });
        await response.__call__(scope, receive, send);
      });
      return;
    }
    await call_app(this.app, scope, receive, send);
  }
}
