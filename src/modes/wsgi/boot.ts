/**
 * Booting a raw WSGI project: the scenario's entry names the PEP 3333 callable
 * (`"app.application"`), served as it is — a function, or an object with `__call__` (a
 * class-based application). The mode has no framework state of its own to reset.
 */
import type { WSGIApplication } from "../../gateway/wsgi";
import { ImportError } from "../../frameworks/python/importlib";
import type { BootContext, ModeBoot } from "../types";

export const boot: ModeBoot = {
  id: "wsgi",
  modules: {},
  reset() {},
  boot: ({ application }, context) => ({ interface: "wsgi", app: wsgi_callable(import_attribute(application, context), application) }),
};

/** `"app.application"` → the `application` attribute of the project module `app`. */
export function import_attribute(dotted_path: string, context: Pick<BootContext, "import_module">): unknown {
  const dot = dotted_path.lastIndexOf(".");
  if (dot < 0) throw new ImportError(`${dotted_path} doesn't look like a module path`);
  const module_path = dotted_path.slice(0, dot);
  const name = dotted_path.slice(dot + 1);
  const module = context.import_module(module_path);
  if (!(name in module) || module[name] === undefined) throw new ImportError(`Module "${module_path}" does not define a "${name}" attribute/class`);
  return module[name];
}

/** A plain function, or an object with PEP 3333's `__call__` (a class-based application). */
export function wsgi_callable(value: unknown, name: string): WSGIApplication {
  if (typeof value === "function") return value as WSGIApplication;
  const call = (value as { __call__?: unknown } | null)?.__call__;
  if (typeof call === "function") return call.bind(value) as WSGIApplication;
  throw new TypeError(`The WSGI application '${name}' is not callable.`);
}
