/**
 * Booting a Flask project, as a WSGI server does with `module:app`: the scenario's entry names the
 * application object (`"app.app"`), and the gateway calls `app.wsgi_app(environ, start_response)`.
 * Flask keeps its state on the application object, which the next project's modules build anew;
 * what is global — the context stacks, Flask's and click's — is emptied by `reset`. The `flask`
 * command runs through `manage` (manage.ts).
 */
import { Flask } from "../../frameworks/flask/app";
import { _reset_context_stacks } from "../../frameworks/flask/ctx";
import { _signals } from "../../frameworks/flask/signals";
import { default_namespace } from "../../frameworks/blinker/base";
import { _reset_context_stack } from "../../frameworks/click/globals";
import { set_project_files } from "../../frameworks/jinja2/loaders";
import type { WSGIApplication } from "../../gateway/wsgi";
import { mark_bounded } from "../../trace";
import type { ModeBoot } from "../types";
import { import_attribute, wsgi_callable } from "../wsgi/boot";
import * as modules from "./modules";
import { manage } from "./manage";

export const boot: ModeBoot = {
  id: "flask",
  modules: modules as unknown as Record<string, Record<string, unknown>>,
  reset: reset_flask,
  // Templates are project files: Jinja's FileSystemLoader reads them from the project about to load.
  attach_project: ({ files }) => set_project_files(files),
  boot: ({ app }, context) => ({ interface: "wsgi", app: serve(import_attribute(app, context), app) }),
  // The `flask` command (`flask --app flaskr init-db`), run as a process by the Terminal and scripts.
  manage,
};

/** A Flask app is served through `wsgi_app`; any other WSGI callable as it is. */
function serve(application: unknown, name: string): WSGIApplication {
  if (application instanceof Flask) {
    const served = ((environ, start_response) => application.wsgi_app(environ, start_response)) as WSGIApplication;
    // Flask's own wsgi_app runs only bounded framework code in the gateway's span (ADR 0040); a
    // project's WSGI middleware put in its place (`app.wsgi_app = ProxyFix(app.wsgi_app)`) does not.
    return application.wsgi_app === Flask.prototype.wsgi_app ? mark_bounded(served) : served;
  }
  return wsgi_callable(application, name);
}

/**
 * Forget contexts a previous project left pushed (an exception mid-request, a test context, a
 * command that crashed), the receivers it connected to Flask's signals (Flask connects none), and
 * the signals it made with blinker's `signal(name)` (a new process would start without them).
 */
export function reset_flask(): void {
  _reset_context_stacks();
  _reset_context_stack();
  for (const signal of _signals.values()) signal._clear_state();
  default_namespace.clear();
}
