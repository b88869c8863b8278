/**
 * starlette.middleware.trustedhost: `TrustedHostMiddleware(app, { allowed_hosts, www_redirect })`
 * refuses a request whose `Host` header is not one of `allowed_hosts` — an exact name, `*.example.com`
 * (any subdomain, not the bare domain) or `*` — with 400 "Invalid host header"; a host whose
 * `www.` form is allowed is redirected there (307) when `www_redirect`. A pattern with `*`
 * anywhere but a leading `*.` is refused when the middleware is built. Main class:
 * `TrustedHostMiddleware`.
 */
import { span_set, trace_site } from "../../../trace";
import { AssertionError } from "../../python/builtins";
import { span_async } from "../_tracing";
import { parse_host_header } from "../_utils";
import { Headers, URL } from "../datastructures";
import { PlainTextResponse, RedirectResponse, type Response } from "../responses";
import { call_app, type ASGIAppLike, type Receive, type Scope, type Send } from "../types";

const TRUSTED_HOST = trace_site("middleware", "starlette/middleware/trustedhost.ts#TrustedHostMiddleware.__call__");

export const ENFORCE_DOMAIN_WILDCARD = "Domain wildcard patterns must be like '*.example.com'.";

export class TrustedHostMiddleware {
  allowed_hosts: string[];
  allow_any: boolean;
  www_redirect: boolean;

  constructor(
    readonly app: ASGIAppLike,
    options: { allowed_hosts?: string[] | null; www_redirect?: boolean } = {},
  ) {
    const allowed_hosts = options.allowed_hosts ?? ["*"];
    for (const pattern of allowed_hosts) {
      if (pattern.slice(1).includes("*")) throw new AssertionError(ENFORCE_DOMAIN_WILDCARD);
      if (pattern.startsWith("*") && pattern !== "*" && !pattern.startsWith("*.")) throw new AssertionError(ENFORCE_DOMAIN_WILDCARD);
    }
    this.allowed_hosts = [...allowed_hosts];
    this.allow_any = allowed_hosts.includes("*");
    this.www_redirect = options.www_redirect ?? true;
  }

  async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (this.allow_any || (scope.type !== "http" && scope.type !== "websocket")) return call_app(this.app, scope, receive, send);
    const host_header = new Headers({ scope }).get("host");
    await span_async(TRUSTED_HOST, "TrustedHostMiddleware", () => ({ middleware: "TrustedHostMiddleware", host: host_header, allowed_hosts: this.allowed_hosts }), async (span) => {
      const parsed_host = parse_host_header(host_header);
      if (parsed_host === null) {
        if (span >= 0) span_set(span, { short_circuit: true, reason: "the Host header is missing or malformed" });
        await new PlainTextResponse("Invalid host header", { status_code: 400 }).__call__(scope, receive, send);
        return;
      }
      const host = parsed_host.host;
      let is_valid_host = false;
      let found_www_redirect = false;
      for (const pattern of this.allowed_hosts) {
        if (host === pattern || (pattern.startsWith("*") && host.endsWith(pattern.slice(1)))) {
          is_valid_host = true;
          break;
        } else if ("www." + host === pattern) found_www_redirect = true;
      }
      if (is_valid_host) {
        await call_app(this.app, scope, receive, send);
        return;
      }
      let response: Response;
      if (found_www_redirect && this.www_redirect) {
        const url = new URL("", { scope });
        response = new RedirectResponse(String(url.replace({ netloc: "www." + url.netloc })));
      } else response = new PlainTextResponse("Invalid host header", { status_code: 400 });
      if (span >= 0) span_set(span, { short_circuit: true, reason: `${host} is not an allowed host`, status: response.status_code });
      await response.__call__(scope, receive, send);
    });
  }
}
