/**
 * Channels (the course's project 9): a Django project served over ASGI, as Channels' `runserver`
 * serves it — `settings.ASGI_APPLICATION` (usually a ProtocolTypeRouter: Django's views for
 * `http`, consumers behind a URLRouter for `websocket`). Simulated clients open WebSockets; the
 * trace shows every ASGI message, the routers, each consumer handler and the channel layer.
 */
import type { ModeDescriptor } from "../types";

export const descriptor: ModeDescriptor = {
  id: "channels",
  title: "Django Channels",
  gateway: "asgi",
  entry: [{ name: "settings", example: "project.settings", describes: "the settings module (its ASGI_APPLICATION names the application)" }],
  span_kinds: ["request", "gateway", "asgi", "websocket", "consumer", "channel", "handler", "middleware", "resolver", "pattern", "view", "signal", "receiver", "exception", "queryset", "sql", "template", "form", "session", "auth", "module", "settings", "app", "log", "command"],
  panels: ["flow", "step", "timeline", "clients", "connections", "channel-layer", "urls", "middleware", "sql", "templates", "session", "auth", "csrf", "signals", "request", "logs", "errors", "history", "database"],
  first_file: ["**/consumers.ts", "**/consumers.js", "**/routing.ts", "**/views.ts", "**/*.ts"],
  template_language: "django",
};
