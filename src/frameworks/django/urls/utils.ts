/**
 * django.urls.utils: a view given as a dotted path ("blog.views.index") → the view function.
 *
 * Settings such as `handler404 = "blog.views.not_found"` name views by dotted path; `get_callable`
 * imports them once and caches the result.
 */
import { ViewDoesNotExist } from "../core/exceptions";
import { ImportError, import_module } from "../utils/module_loading";

const callable_cache = new Map<string, Function>();

/** `get_callable(lookup_view)`: a callable passes through; a dotted path is imported and must name a callable. */
export function get_callable(lookup_view: string | Function): Function {
  if (typeof lookup_view === "function") return lookup_view;
  if (typeof lookup_view !== "string") throw new ViewDoesNotExist(`'${String(lookup_view)}' is not a callable or a dot-notation path`);
  const cached = callable_cache.get(lookup_view);
  if (cached) return cached;
  const dot = lookup_view.lastIndexOf(".");
  if (dot < 0) throw new ImportError(`Could not import '${lookup_view}'. The path must be fully qualified.`);
  const mod_name = lookup_view.slice(0, dot);
  const func_name = lookup_view.slice(dot + 1);
  let mod: Record<string, unknown>;
  try {
    mod = import_module(mod_name);
  } catch (e) {
    if (e instanceof ImportError) throw new ViewDoesNotExist(`Could not import '${lookup_view}'. Parent module ${mod_name} does not exist.`);
    throw e;
  }
  const view_func = mod[func_name];
  if (view_func === undefined) throw new ViewDoesNotExist(`Could not import '${lookup_view}'. View does not exist in module ${mod_name}.`);
  if (typeof view_func !== "function") throw new ViewDoesNotExist(`Could not import '${lookup_view}.${func_name}'. View is not callable.`);
  callable_cache.set(lookup_view, view_func);
  return view_func;
}

export function clear_callable_cache(): void {
  callable_cache.clear();
}
