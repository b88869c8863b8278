/**
 * Channels' modules (and the parts of asgiref it needs) user code can import by bare name:
 * `import { AsyncWebsocketConsumer } from "channels/generic/websocket"`, and
 * `"channels.layers.InMemoryChannelLayer"` in CHANNEL_LAYERS. One line per module.
 */
export * as "asgiref/sync" from "../../frameworks/asgiref/sync";
export * as "asgiref/compatibility" from "../../frameworks/asgiref/compatibility";
export * as "asgiref/testing" from "../../frameworks/asgiref/testing";
export * as "channels" from "../../frameworks/channels";
export * as "channels/apps" from "../../frameworks/channels/apps";
export * as "channels/auth" from "../../frameworks/channels/auth";
export * as "channels/consumer" from "../../frameworks/channels/consumer";
export * as "channels/db" from "../../frameworks/channels/db";
export * as "channels/exceptions" from "../../frameworks/channels/exceptions";
export * as "channels/generic/http" from "../../frameworks/channels/generic/http";
export * as "channels/generic/websocket" from "../../frameworks/channels/generic/websocket";
export * as "channels/layers" from "../../frameworks/channels/layers";
export * as "channels/middleware" from "../../frameworks/channels/middleware";
export * as "channels/routing" from "../../frameworks/channels/routing";
export * as "channels/security/websocket" from "../../frameworks/channels/security/websocket";
export * as "channels/sessions" from "../../frameworks/channels/sessions";
export * as "channels/testing" from "../../frameworks/channels/testing";
