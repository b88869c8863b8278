/**
 * importlib: a dotted module path (`"blog.views"`) → the module object, for every framework.
 *
 * Python finds modules on `sys.path`; here the runtime owns module loading (user files are
 * transpiled and evaluated there), so it installs the finder with `set_module_importer` before a
 * project loads. A dotted path `a.b.c` is the module file `a/b/c` — the project's own files and the
 * framework packages (`django/http`, `flask`) alike. Django's `import_string`, Flask's
 * `import_name` and FastAPI's app strings all come through `import_module` here.
 */
import { Exception } from "./builtins";

/** `ImportError`: a module was found but a name could not be imported from it (or no finder is installed). */
export class ImportError extends Exception {}
/** `ModuleNotFoundError`: no module of that name. */
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
  if (!importer) throw new ImportError("No module importer is installed: the runtime must call set_module_importer() first.");
  return importer(dotted.replace(/\./g, "/"));
}
