/**
 * Flask (the course's project 7): an application object with routes and blueprints, served as
 * `app.wsgi_app` — contexts pushed, the Werkzeug URL map matched, hooks around the view, the
 * session in a signed cookie, Jinja templates.
 */
import type { ModeDescriptor } from "../types";

export const descriptor: ModeDescriptor = {
  id: "flask",
  title: "Flask",
  gateway: "wsgi",
  entry: [{ name: "app", example: "app.app", describes: "the Flask application object" }],
  span_kinds: ["request", "gateway", "handler", "context", "resolver", "pattern", "hook", "view", "exception", "session", "template", "app", "module", "log"],
  panels: ["flow", "step", "timeline", "context", "urlmap", "templates", "session", "request", "logs", "errors", "history"],
  first_file: ["app.ts", "app.js", "**/app.ts", "**/*.ts"],
  template_language: "jinja",
};
