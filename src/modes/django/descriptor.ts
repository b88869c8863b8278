/**
 * Django: a project served as `wsgi.py` serves it — settings, the app registry, the middleware
 * onion, the URL resolver, views, the ORM on sql.js, templates, forms, sessions, auth and the admin.
 */
import type { ModeDescriptor } from "../types";

export const descriptor: ModeDescriptor = {
  id: "django",
  title: "Django",
  gateway: "wsgi",
  entry: [{ name: "settings", example: "project.settings", describes: "the settings module" }],
  span_kinds: ["request", "gateway", "handler", "middleware", "resolver", "pattern", "view", "signal", "receiver", "exception", "queryset", "sql", "template", "form", "admin", "session", "auth", "module", "settings", "app", "log", "command"],
  panels: ["flow", "step", "timeline", "middleware", "urls", "sql", "signals", "templates", "forms", "cbv", "session", "auth", "csrf", "admin", "request", "logs", "errors", "history", "database", "terminal"],
  first_file: ["**/views.ts", "**/views.js", "**/*.ts"],
  template_language: "django",
  command_line: {
    program: "manage.py",
    invocations: [["python", "manage.py"], ["python3", "manage.py"], ["py", "manage.py"], ["python", "./manage.py"], ["python3", "./manage.py"], ["py", "./manage.py"], ["./manage.py"], ["manage.py"], ["django-admin"]],
    hint: "python manage.py help",
    help: "run a manage.py command on the project (check, makemigrations, migrate,\n                                        sqlmigrate, showmigrations, createsuperuser, shell, dbshell, startapp, runserver…)",
  },
};
