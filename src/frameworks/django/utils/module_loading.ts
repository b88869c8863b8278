/**
 * django.utils.module_loading: dotted paths from settings ("blog.views.index") → objects.
 *
 * The module finder itself is Python's importlib (src/frameworks/python/importlib.ts), which the
 * runtime installs; Django adds `import_string`, the dotted path of an attribute.
 */
import { ImportError, import_module } from "../../python/importlib";

// The importer itself is Python's (src/frameworks/python/importlib.ts); Django's module re-exports it.
export { ImportError, ModuleNotFoundError, import_module, set_module_importer, type Module, type ModuleImporter } from "../../python/importlib";

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
