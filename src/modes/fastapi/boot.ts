/**
 * Booting a FastAPI project, as `uvicorn main:app` does: import the module, take the application
 * object (a FastAPI or Starlette instance, or any ASGI callable), run its lifespan startup
 * (`lifespan.startup` → `lifespan.startup.complete`, traced in the load), and hand it to the ASGI
 * gateway with the lifespan state copied into every request's scope (uvicorn's `state`). FastAPI
 * keeps no global state between projects, so there is nothing to reset.
 */
import { set_project_files } from "../../frameworks/jinja2/loaders";
import { Lifespan, type ASGIApplication } from "../../gateway/asgi";
import type { ModeBoot, ServedApplication } from "../types";
import { import_attribute } from "../wsgi/boot";
import * as modules from "./modules";

/** The object's ASGI callable: a function, or an instance's `__call__`. */
export function asgi_callable(value: unknown, name: string): ASGIApplication {
  if (typeof value === "function") return value as ASGIApplication;
  const call = (value as { __call__?: unknown } | null)?.__call__;
  if (typeof call === "function") return call.bind(value) as ASGIApplication;
  throw new TypeError(`The ASGI application '${name}' is not callable.`);
}

export const boot: ModeBoot = {
  id: "fastapi",
  modules: modules as unknown as Record<string, Record<string, unknown>>,
  reset() {},
  // Templates (Jinja2Templates) and static files (StaticFiles, FileResponse) are project files.
  attach_project: ({ files }) => set_project_files(files),
  async boot({ app: app_path }, context): Promise<ServedApplication> {
    const target = import_attribute(app_path, context);
    const app = asgi_callable(target, app_path);
    const lifespan = new Lifespan(app);
    const started = await lifespan.startup();
    if (!started.ok) throw new LifespanStartupFailed(`${started.message} ${lifespan.log.slice(0, -1).join(" ")}`.trim());
    // uvicorn copies the state the lifespan filled into every connection's scope.
    const served: ASGIApplication = (scope, receive, send) => {
      if (scope.type !== "lifespan") scope.state = { ...lifespan.state, ...(scope.state ?? {}) };
      return app(scope, receive, send);
    };
    return { interface: "asgi", app: Object.assign(served, { target }) };
  },
  describe(application) {
    const target = (application.app as { target?: { user_middleware?: { cls: { name: string }; args: unknown[] }[] } }).target;
    const user = target?.user_middleware?.map((m) => middleware_label(m)) ?? [];
    return { middleware: target?.user_middleware ? ["ServerErrorMiddleware", ...user, "ExceptionMiddleware"] : [] };
  },
};

/** A user middleware's name as the trace shows it (a `@app.middleware("http")` function by its own name). */
function middleware_label(m: { cls: { name: string }; args: unknown[] }): string {
  const dispatch = m.args[0] as { name?: string } | undefined;
  return m.cls.name === "BaseHTTPMiddleware" && typeof dispatch === "function" && dispatch.name ? dispatch.name : m.cls.name;
}

class LifespanStartupFailed extends Error {
  static python_name = "RuntimeError";
}
