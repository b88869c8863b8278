/**
 * channels.security.websocket: a WebSocket's `Origin` header → accept the connection (run the
 * inner application) or refuse it (close before accepting). Main class: `OriginValidator`;
 * `AllowedHostsOriginValidator(inner)` allows the hosts in ALLOWED_HOSTS.
 *
 *     websocket: AllowedHostsOriginValidator(AuthMiddlewareStack(new URLRouter(...)))
 *     new OriginValidator(app, ["https://example.com", ".example.org", "http://*.test:8080"... ])
 *
 * Browsers send `Origin` with every WebSocket handshake and do not apply the same-origin policy to
 * WebSockets, so without this check any page a user visits could open a socket with their cookies
 * (cross-site WebSocket hijacking). A pattern without a scheme matches the host (with Django's
 * `is_same_domain`: `.example.org` is the domain and its subdomains) on any scheme and port; a
 * pattern with a scheme must match scheme, host and port (the default port when none is given:
 * 80 for http/ws, 443 for https/wss). `*` allows everything, even no `Origin` at all.
 */
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging -- these classes make callable objects (asgiref/compatibility.ts, callable_object); the interface of the same name gives them their call signature. */
import { trace_site } from "../../../trace";
import { ValueError } from "../../python/builtins";
import { latin1_decode } from "../../python/bytes";
import { urlsplit, type SplitResult } from "../../python/urllib/parse";
import { callable_object, guarantee_single_callable } from "../../asgiref/compatibility";
import type { ASGIApplicationLike, ASGIReceiveCallable, ASGISendCallable, Scope } from "../../asgiref/typing";
import { settings } from "../../django/conf";
import { is_same_domain } from "../../django/utils/http";
import { AsyncWebsocketConsumer } from "../generic/websocket";

const ORIGIN = trace_site("asgi", "channels/security/websocket.ts#OriginValidator.__call__");

export interface OriginValidator {
  (scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown>;
}

export class OriginValidator {
  application: ASGIApplicationLike;
  allowed_origins: string[];

  constructor(application: ASGIApplicationLike, allowed_origins: string[]) {
    this.application = application;
    this.allowed_origins = allowed_origins;
    return callable_object(this);
  }

  async __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown> {
    if (scope.type !== "websocket") throw new ValueError("You cannot use OriginValidator on a non-WebSocket connection");
    let header: string | null = null;
    let parsed_origin: SplitResult | null = null;
    for (const [name, value] of (scope.headers ?? []) as [Uint8Array, Uint8Array][]) {
      if (latin1_decode(name) === "origin") {
        header = latin1_decode(value);
        parsed_origin = urlsplit(header);
      }
    }
    const valid = this.valid_origin(parsed_origin);
    ORIGIN.event(`OriginValidator: ${valid ? "allowed" : "denied"}`, () => ({ middleware: "OriginValidator", origin: header, allowed_origins: this.allowed_origins, valid }));
    if (valid) return guarantee_single_callable(this.application)(scope, receive, send);
    return WebsocketDenier.as_asgi()(scope, receive, send);
  }

  /** No `Origin` is allowed only by `*`; otherwise some pattern must match. */
  valid_origin(parsed_origin: SplitResult | null): boolean {
    if (parsed_origin === null && !this.allowed_origins.includes("*")) return false;
    return this.validate_origin(parsed_origin);
  }

  validate_origin(parsed_origin: SplitResult | null): boolean {
    return this.allowed_origins.some((pattern) => pattern === "*" || this.match_allowed_origin(parsed_origin, pattern));
  }

  /** One pattern against the parsed origin (see the module header). */
  match_allowed_origin(parsed_origin: SplitResult | null, pattern: string): boolean {
    if (parsed_origin === null) return false;
    const parsed_pattern = urlsplit(pattern.toLowerCase());
    const hostname = parsed_origin.hostname;
    if (hostname === null) return false;
    if (!parsed_pattern.scheme) {
      const pattern_hostname = urlsplit("//" + pattern).hostname || pattern;
      return is_same_domain(hostname, pattern_hostname);
    }
    const origin_port = this.get_origin_port(parsed_origin);
    const pattern_port = this.get_origin_port(parsed_pattern);
    return parsed_pattern.scheme === parsed_origin.scheme && origin_port === pattern_port && is_same_domain(hostname, parsed_pattern.hostname ?? "");
  }

  /** The port given, or the scheme's default (80 for http/ws, 443 for https/wss), or null. */
  get_origin_port(origin: SplitResult | null): number | null {
    if (origin === null) return null;
    if (origin.port !== null) return origin.port;
    if (origin.scheme === "http" || origin.scheme === "ws") return 80;
    if (origin.scheme === "https" || origin.scheme === "wss") return 443;
    return null;
  }
}

/**
 * `AllowedHostsOriginValidator(application)`: an OriginValidator allowing ALLOWED_HOSTS (read now,
 * when the application is built). With DEBUG and no ALLOWED_HOSTS, the local hosts.
 */
export function AllowedHostsOriginValidator(application: ASGIApplicationLike): OriginValidator {
  let allowed_hosts = settings.ALLOWED_HOSTS as string[];
  if (settings.DEBUG && !allowed_hosts.length) allowed_hosts = ["localhost", "127.0.0.1", "[::1]"];
  return new OriginValidator(application, allowed_hosts);
}

/** `WebsocketDenier`: a consumer that refuses the connection (closes before accepting). */
export class WebsocketDenier extends AsyncWebsocketConsumer {
  override async connect(): Promise<void> {
    await this.close();
  }
}
