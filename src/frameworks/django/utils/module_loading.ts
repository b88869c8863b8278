/**
 * django.utils.module_loading: dotted paths from settings ("blog.views.index") → objects.
 *
 * Django imports Python modules; here the runtime owns module loading (user files are transpiled
 * and evaluated there), so it installs an importer with `set_module_importer`. A dotted module path
 * `a.b.c` is the module file `a/b/c` — user files and `django/...` framework modules alike.
 */
import { ImproperlyConfigured } from "../core/exceptions";
import { Exception } from "../../python/builtins";

export class ImportError extends Exception {}
export class ModuleNotFoundError extends ImportError {}

export type Module = Record<string, any>;
export type ModuleImporter = (module_path: string) => Module;

let importer: ModuleImporter | null = null;

/** Installed by the runtime (and by tests) before the first import. */
export function set_module_importer(fn: ModuleImporter | null): void {
  importer = fn;
}

/** `importlib.import_module("blog.views")`; raises ModuleNotFoundError naming the module. */
export function import_module(dotted: string): Module {
  if (!importer) throw new ImproperlyConfigured("No module importer is installed: the runtime must call set_module_importer() first.");
  return importer(dotted.replace(/\./g, "/"));
}

/** `import_string("django.middleware.common.CommonMiddleware")` → the attribute of that module. */
export function import_string(dotted_path: string): any {
  const dot = dotted_path.lastIndexOf(".");
  if (dot < 0) throw new ImportError(`${dotted_path} doesn't look like a module path`);
  const module_path = dotted_path.slice(0, dot);
  const class_name = dotted_path.slice(dot + 1);
  const module = import_module(module_path);
  if (!(class_name in module) || module[class_name] === undefined)
    throw new ImportError(`Module "${module_path}" does not define a "${class_name}" attribute/class`);
  return module[class_name];
}
