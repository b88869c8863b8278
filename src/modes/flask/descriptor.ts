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
  span_kinds: ["request", "gateway", "handler", "context", "resolver", "pattern", "hook", "view", "exception", "session", "template", "signal", "receiver", "app", "module", "log", "command"],
  panels: ["flow", "step", "timeline", "context", "urlmap", "templates", "signals", "session", "request", "logs", "errors", "history", "terminal"],
  first_file: ["app.ts", "app.js", "**/app.ts", "**/*.ts"],
  template_language: "jinja",
  // The `flask` command (flask/cli.ts): `flask --app flaskr init-db`, `flask routes`, the app's own commands.
  command_line: {
    program: "flask",
    invocations: [["flask"], ["python", "-m", "flask"], ["python3", "-m", "flask"], ["py", "-m", "flask"]],
    hint: "flask --app <module> --help",
    help: "run a flask command on the project (routes, shell, run, and the app's own:\n                                        flask --app flaskr init-db)",
  },
};
