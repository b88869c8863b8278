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

/**
 * What the module being imported keeps alive. A Python module's globals hold everything its top
 * level defines — a `@receiver`-decorated function lives as long as its module. A user module here
 * is a function body, and a function it only passes along (`receiver(post_save)(function on_save…)`)
 * has nothing holding it once the body returns: a weak reference to it would die at the next
 * garbage collection. The runtime's loader hands each module's keep-list in while the module runs;
 * `keep_with_importing_module` adds a value to it (ADR 0003).
 */
let importing_globals: unknown[] | null = null;

/** Installed by the runtime's loader around a module's top level: its keep-list, or null after. Returns the previous one (imports nest). */
export function set_importing_globals(globals: unknown[] | null): unknown[] | null {
  const previous = importing_globals;
  importing_globals = globals;
  return previous;
}

/** Tie `value`'s life to the module being imported, if one is: a receiver connected weakly by a module's top level. */
export function keep_with_importing_module(value: unknown): void {
  importing_globals?.push(value);
}

/** `importlib.import_module("blog.views")`; raises ModuleNotFoundError naming the module. */
export function import_module(dotted: string): Module {
  if (!importer) throw new ImportError("No module importer is installed: the runtime must call set_module_importer() first.");
  return importer(dotted.replace(/\./g, "/"));
}
