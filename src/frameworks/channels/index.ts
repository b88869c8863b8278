/**
 * channels: Django Channels 4.3.2 — ASGI applications for WebSockets (and long-lived HTTP) built
 * from consumers, routed by protocol and URL, talking to each other through a channel layer.
 *
 *     // project/asgi.ts
 *     export const application = ProtocolTypeRouter({
 *       http: get_asgi_application(),
 *       websocket: AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
 *     });
 *
 * The modules mirror the package: routing (routers), consumer + generic/websocket + generic/http
 * (consumers), layers (the channel layer), sessions + auth + middleware (scope middleware),
 * security/websocket (origin checks), db (`database_sync_to_async`), exceptions, testing.
 */
export const __version__ = "4.3.2";

/** The alias of the channel layer consumers use unless they set `channel_layer_alias`. */
export const DEFAULT_CHANNEL_LAYER = "default";
