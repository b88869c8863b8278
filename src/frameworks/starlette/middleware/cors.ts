/**
 * starlette.middleware.cors: `CORSMiddleware` answers a browser's cross-origin checks.
 *
 * A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is answered here
 * without reaching the app: 200 "OK" when origin, method and requested headers are allowed, else
 * 400 "Disallowed CORS origin, method, headers". Any other request goes through, and its
 * response gets `Access-Control-Allow-Origin` (`*`, or the origin itself when credentials are
 * allowed or origins are listed) and `Vary: Origin`. Main class: `CORSMiddleware`.
 */
import { span_set, trace_site } from "../../../trace";
import { span_async } from "../_tracing";
import { Headers, MutableHeaders } from "../datastructures";
import { PlainTextResponse, type Response } from "../responses";
import { call_app, type ASGIAppLike, type Message, type Receive, type Scope, type Send } from "../types";

const CORS = trace_site("middleware", "starlette/middleware/cors.ts#CORSMiddleware.__call__");

export const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "QUERY"];
const SAFELISTED_HEADERS = ["Accept", "Accept-Language", "Content-Language", "Content-Type"];

export interface CORSOptions {
  allow_origins?: string[];
  allow_methods?: string[];
  allow_headers?: string[];
  allow_credentials?: boolean;
  allow_origin_regex?: string | null;
  allow_private_network?: boolean;
  expose_headers?: string[];
  max_age?: number;
}

export class CORSMiddleware {
  allow_origins: string[];
  allow_methods: string[];
  allow_headers: string[];
  allow_all_origins: boolean;
  allow_all_headers: boolean;
  allow_credentials: boolean;
  preflight_explicit_allow_origin: boolean;
  allow_origin_regex: RegExp | null;
  allow_private_network: boolean;
  simple_headers: Record<string, string>;
  preflight_headers: Record<string, string>;

  constructor(
    readonly app: ASGIAppLike,
    options: CORSOptions = {},
  ) {
    const allow_origins = options.allow_origins ?? [];
    let allow_methods = options.allow_methods ?? ["GET"];
    const allow_credentials = options.allow_credentials ?? false;
    const expose_headers = options.expose_headers ?? [];
    if (allow_methods.includes("*")) allow_methods = ALL_METHODS;
    this.allow_origin_regex = options.allow_origin_regex ? new RegExp(`^(?:${options.allow_origin_regex})$`) : null;
    this.allow_all_origins = allow_origins.includes("*");
    this.allow_all_headers = (options.allow_headers ?? []).includes("*");
    this.preflight_explicit_allow_origin = !this.allow_all_origins || allow_credentials;
    this.simple_headers = {};
    if (this.allow_all_origins) this.simple_headers["Access-Control-Allow-Origin"] = "*";
    if (allow_credentials) this.simple_headers["Access-Control-Allow-Credentials"] = "true";
    if (expose_headers.length) this.simple_headers["Access-Control-Expose-Headers"] = expose_headers.join(", ");
    this.preflight_headers = { Vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network" };
    if (!this.preflight_explicit_allow_origin) this.preflight_headers["Access-Control-Allow-Origin"] = "*";
    this.preflight_headers["Access-Control-Allow-Methods"] = allow_methods.join(", ");
    this.preflight_headers["Access-Control-Max-Age"] = String(options.max_age ?? 600);
    const allow_headers = [...new Set([...SAFELISTED_HEADERS, ...(options.allow_headers ?? [])])].sort();
    if (allow_headers.length && !this.allow_all_headers) this.preflight_headers["Access-Control-Allow-Headers"] = allow_headers.join(", ");
    if (allow_credentials) this.preflight_headers["Access-Control-Allow-Credentials"] = "true";
    this.allow_origins = allow_origins;
    this.allow_methods = allow_methods;
    this.allow_headers = allow_headers.map((h) => h.toLowerCase());
    this.allow_credentials = allow_credentials;
    this.allow_private_network = options.allow_private_network ?? false;
  }

  async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (scope.type !== "http") return call_app(this.app, scope, receive, send);
    const headers = new Headers({ scope });
    const origin = headers.get("origin");
    const preflight = origin !== null && scope.method === "OPTIONS" && headers.has("access-control-request-method");
    await span_async(CORS, "CORSMiddleware", () => ({ middleware: "CORSMiddleware", origin, preflight }), async (span) => {
      if (preflight) {
        const response = this.preflight_response(headers);
        if (span >= 0) span_set(span, { short_circuit: true, status: response.status_code });
        await response.__call__(scope, receive, send);
        return;
      }
      await this.simple_response(scope, receive, send, headers);
    });
  }

  is_allowed_origin(origin: string): boolean {
    if (this.allow_all_origins) return true;
    if (this.allow_origin_regex !== null && this.allow_origin_regex.test(origin)) return true;
    return this.allow_origins.includes(origin);
  }

  preflight_response(request_headers: Headers): Response {
    const requested_origin = request_headers.getitem("origin");
    const requested_method = request_headers.getitem("access-control-request-method");
    const requested_headers = request_headers.get("access-control-request-headers");
    const requested_private_network = request_headers.get("access-control-request-private-network");
    const headers = { ...this.preflight_headers };
    const failures: string[] = [];
    if (this.is_allowed_origin(requested_origin)) {
      if (this.preflight_explicit_allow_origin) headers["Access-Control-Allow-Origin"] = requested_origin;
    } else failures.push("origin");
    if (!this.allow_methods.includes(requested_method)) failures.push("method");
    if (this.allow_all_headers && requested_headers !== null) headers["Access-Control-Allow-Headers"] = requested_headers;
    else if (requested_headers !== null) {
      for (const header of requested_headers.split(",").map((h) => h.toLowerCase())) {
        if (!this.allow_headers.includes(header.trim())) {
          failures.push("headers");
          break;
        }
      }
    }
    if (requested_private_network !== null) {
      if (this.allow_private_network) headers["Access-Control-Allow-Private-Network"] = "true";
      else failures.push("private-network");
    }
    if (failures.length) return new PlainTextResponse("Disallowed CORS " + failures.join(", "), { status_code: 400, headers });
    return new PlainTextResponse("OK", { status_code: 200, headers });
  }

  async simple_response(scope: Scope, receive: Receive, send: Send, request_headers: Headers): Promise<void> {
    await call_app(this.app, scope, receive, (message) => this.send(message, send, request_headers));
  }

  /** On `http.response.start`, add the CORS headers the request's origin earns. */
  async send(message: Message, send: Send, request_headers: Headers): Promise<void> {
    if (message.type !== "http.response.start") return send(message);
    if (!message.headers) message.headers = [];
    const headers = new MutableHeaders({ scope: message as unknown as Scope });
    const origin = request_headers.get("Origin");
    if (origin !== null) headers.update(this.simple_headers);
    if (origin !== null && this.allow_all_origins && this.allow_credentials) CORSMiddleware.allow_explicit_origin(headers, origin);
    else if (origin !== null && !this.allow_all_origins && this.is_allowed_origin(origin)) CORSMiddleware.allow_explicit_origin(headers, origin);
    else headers.setitem("Vary", [...headers.getlist("Vary"), "Origin"].join(", "));
    await send(message);
  }

  static allow_explicit_origin(headers: MutableHeaders, origin: string): void {
    headers.setitem("Access-Control-Allow-Origin", origin);
    headers.setitem("Vary", [...headers.getlist("Vary"), "Origin"].join(", "));
  }
}
