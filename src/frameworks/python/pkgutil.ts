/**
 * Python's `pkgutil.iter_modules([path])`: a package folder → the names of the modules in it.
 *
 * There is no file system: the runtime installs the lister (`set_module_lister`), which answers
 * from the project's files and the framework module tables together. Django's `manage.py` uses it
 * to find commands: `blog/management/commands/publish.ts` → "publish".
 *
 *     iter_modules("blog/management/commands")   // [{ name: "publish", ispkg: false }]
 */
export interface ModuleInfo {
  name: string;
  ispkg: boolean;
}

export type ModuleLister = (package_path: string) => ModuleInfo[];

let lister: ModuleLister = () => [];

export function set_module_lister(fn: ModuleLister | null): void {
  lister = fn ?? (() => []);
}

/** The modules directly inside a package folder (`"blog/management/commands"` or dotted), sorted by name. */
export function iter_modules(package_path: string): ModuleInfo[] {
  return [...lister(package_path.replace(/\./g, "/").replace(/\/$/, ""))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
