/**
 * The module loader: user files (path → TypeScript source) → evaluated CommonJS modules.
 * Main class: `ModuleLoader`; main function: `load`.
 *
 * Each file is transpiled by sucrase (TypeScript and ES imports → CommonJS, line numbers kept:
 * compile.ts, which takes a built-in file's code from the build when the file is unchanged) and
 * run by `new Function(exports, require, module, __filename, __dirname, console)` with a
 * `sourceURL` naming the file. `require` reaches other user files by relative path (`./views`,
 * `../blog/models`, trying `.ts`, `.js`, `/index.ts`, `/index.js`), project modules by absolute
 * path (`blog/models`), and framework modules by bare name (`django/http`, `flask`: the modes'
 * module tables, src/modes/index.ts). Dotted paths from settings (`"blog.views"`) resolve the same
 * way through the importer installed in Python's importlib (src/frameworks/python/importlib.ts). Modules are cached and circular imports
 * see a partly filled `exports`, exactly as in CommonJS (and as in Python).
 */
import { compile_module, SOURCE_EXTENSIONS } from "./compile";
import { trace_site } from "../trace";

const IMPORT = trace_site("module", "runtime/loader.ts#ModuleLoader.load_user_module");
import { set_importing_globals, set_module_importer, ModuleNotFoundError, type Module } from "../frameworks/python/importlib";
import { set_frame_mapper, type FrameSummary } from "../frameworks/python/traceback";
import { set_source_reader } from "../frameworks/python/linecache";
import { set_module_lister, type ModuleInfo } from "../frameworks/python/pkgutil";
import { framework_source } from "./frame-sources";
import { FRAMEWORK_MODULES, attach_project_to_modes, reset_all_modes } from "../modes";
import { function_body_line_offset, UserSyntaxError, frame_symbol } from "./errors";

export { compile_module } from "./compile";
import type { UserConsole } from "./console";
import { install_console_compiler } from "./console-compiler";

install_console_compiler();

export type Files = Record<string, string>;

interface ModuleRecord {
  path: string;
  module: { exports: Module; id: string; filename: string; loaded: boolean };
  /** What the module's top level keeps alive besides its exports, as a Python module's globals do (receivers it connected weakly). */
  globals: unknown[];
}

const CANDIDATE_SUFFIXES = ["", ".ts", ".js", "/index.ts", "/index.js"];

export interface LoaderOptions {
  /** The console user modules see (the runtime's LogCollector console). */
  console?: UserConsole;
  /** Defaults to every mode's module table (src/modes/index.ts); tests can add or replace modules. */
  framework_modules?: Record<string, Module>;
}

export class ModuleLoader {
  readonly files: Files;
  private readonly records = new Map<string, ModuleRecord>();
  private readonly namespaces = new Map<string, Module>();
  private readonly framework_modules: Record<string, Module>;
  private readonly console: UserConsole | Console;

  constructor(files: Files, options: LoaderOptions = {}) {
    this.files = { ...files };
    this.framework_modules = options.framework_modules ?? FRAMEWORK_MODULES;
    this.console = options.console ?? globalThis.console;
  }

  is_user_file = (path: string): boolean => Object.prototype.hasOwnProperty.call(this.files, path);

  /** Paths of the user modules evaluated so far, in load order. */
  loaded_modules(): string[] {
    return [...this.records.keys()];
  }

  /** `require(specifier)` as seen from the user file `from` (or the project root). */
  require(specifier: string, from = ""): Module {
    if (specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/")) {
      const base = specifier.startsWith("/") ? "" : dirname(from);
      const path = this.find_user_file(join(base, specifier));
      if (path === null) throw new ModuleNotFoundError(`Cannot find module '${specifier}' imported from ${from || "the project"}`);
      return this.load_user_module(path);
    }
    const module = this.import_module(specifier);
    return this.framework_modules[module_path_of(specifier)] === module ? live_namespace(module) : module;
  }

  /**
   * `importlib.import_module`: `"blog.views"` or `"blog/views"` → a project file (`blog/views.ts`,
   * `blog/views/index.ts`) or a framework module (`django/...`).
   */
  import_module = (module_path: string): Module => {
    const path = module_path.includes("/") ? module_path.replace(/\.(ts|js)$/, "") : module_path.replace(/\./g, "/");
    const framework = this.framework_modules[path];
    if (framework) return framework;
    const user_path = this.find_user_file(path);
    if (user_path !== null) return this.load_user_module(user_path);
    if (this.is_user_directory(path)) return this.namespace_package(path);
    throw new ModuleNotFoundError(`No module named '${path.replace(/\//g, ".")}'`);
  };

  /** A folder without index.ts is importable, like Python's namespace package (an app folder). */
  private is_user_directory(path: string): boolean {
    return path !== "" && Object.keys(this.files).some((file) => file.startsWith(path + "/"));
  }

  private namespace_package(path: string): Module {
    let module = this.namespaces.get(path);
    if (!module) {
      module = { __name__: path.replace(/\//g, "."), __path__: [path] };
      this.namespaces.set(path, module);
    }
    return module;
  }

  private find_user_file(path: string): string | null {
    for (const suffix of CANDIDATE_SUFFIXES) {
      const candidate = path + suffix;
      if (this.is_user_file(candidate) && SOURCE_EXTENSIONS.some((ext) => candidate.endsWith(ext))) return candidate;
    }
    return null;
  }

  private load_user_module(path: string): Module {
    const cached = this.records.get(path);
    if (cached) return cached.module.exports;
    const record: ModuleRecord = { path, module: { exports: {}, id: path, filename: path, loaded: false }, globals: [] };
    this.records.set(path, record);
    try {
      IMPORT.run(`import ${module_name(path)}`, () => ({ file: path }), () => this.evaluate(record), { file: path, line: 1 });
    } catch (e) {
      this.records.delete(path);
      throw e;
    }
    return record.module.exports;
  }

  private evaluate(record: ModuleRecord): void {
    const code = compile_module(record.path, this.files[record.path]);
    let body: Function;
    try {
      body = new Function("exports", "require", "module", "__filename", "__dirname", "console", `${code}\n//# sourceURL=${record.path}`);
    } catch (e) {
      throw new UserSyntaxError((e as Error).message, record.path, null, null);
    }
    const require = (specifier: string) => this.require(specifier, record.path);
    const importer_globals = set_importing_globals(record.globals);
    try {
      body(record.module.exports, require, record.module, record.path, dirname(record.path), this.console);
    } finally {
      set_importing_globals(importer_globals);
    }
    record.module.loaded = true;
    stamp_module_names(record.module.exports, module_name(record.path));
  }
}

/** The framework-table key `import_module` looks up for a specifier. */
function module_path_of(specifier: string): string {
  return specifier.includes("/") ? specifier.replace(/\.(ts|js)$/, "") : specifier.replace(/\./g, "/");
}

const LIVE_NAMESPACES = new WeakMap<Module, Module>();

/**
 * A framework module as user code's `import * as mail from "django/core/mail"` sees it: marked
 * `__esModule`, so the compiled import keeps the object instead of copying its properties once,
 * and each export read through a getter — a binding the module reassigns later (`mail.outbox`,
 * made by the first locmem backend, replaced by the test runner) reads its current value, as
 * Python's `mail.outbox` does.
 */
function live_namespace(module: Module): Module {
  let live = LIVE_NAMESPACES.get(module);
  if (!live) {
    live = {};
    for (const key of Object.keys(module)) Object.defineProperty(live, key, { enumerable: true, get: () => module[key] });
    Object.defineProperty(live, "__esModule", { value: true });
    // `import x from "django/..."` kept giving the whole module, as before the marker.
    if (!("default" in module)) Object.defineProperty(live, "default", { value: live });
    LIVE_NAMESPACES.set(module, live);
  }
  return live;
}

/** `blog/views.ts` → `blog.views`; a package's `blog/index.ts` → `blog`. */
export function module_name(path: string): string {
  return path.replace(/\.(ts|js|tsx|mjs)$/, "").replace(/\/index$/, "").replace(/\//g, ".");
}

/**
 * Python functions and classes know their module (`view.__module__ == "blog.views"`); the URL
 * resolver builds `view_name` from it. Stamp each exported function or class that has no own one.
 */
function stamp_module_names(exports: Module, dotted: string): void {
  for (const value of Object.values(exports)) {
    if (typeof value !== "function" || Object.prototype.hasOwnProperty.call(value, "__module__")) continue;
    try {
      Object.defineProperty(value, "__module__", { value: dotted, writable: true, configurable: true, enumerable: false });
    } catch {
      // A frozen function keeps its own (absent) __module__.
    }
  }
}

function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** Join and normalise `a/b` + `../c/./d` → `a/c/d` (never above the project root). */
function join(base: string, relative: string): string {
  const parts = base ? base.split("/") : [];
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/**
 * Start a run: every framework forgets the previous project (src/modes: settings, registries,
 * connected receivers…), a loader is built over `files` and becomes the importer for dotted paths
 * and the frame mapper for tracebacks, and each framework is pointed at the new project's files
 * (templates, migrations). Nothing is evaluated until first imported.
 */
export function load(files: Files, options: LoaderOptions = {}): ModuleLoader {
  reset_all_modes();
  const loader = new ModuleLoader(files, options);
  set_module_importer(loader.import_module);
  set_frame_mapper((frame) => map_frame(frame, loader));
  set_source_reader((filename) => loader.files[filename]);
  set_module_lister((path) => list_modules(path, loader.files, options.framework_modules ?? FRAMEWORK_MODULES));
  attach_project_to_modes({ import_module: loader.import_module, files: loader.files });
  return loader;
}

/** `pkgutil.iter_modules`: the modules directly inside a folder — project files and framework modules alike. */
function list_modules(path: string, files: Files, framework: Record<string, Module>): ModuleInfo[] {
  const prefix = path ? `${path}/` : "";
  const found = new Map<string, boolean>();
  const add = (rest: string, is_file: boolean) => {
    const slash = rest.indexOf("/");
    if (slash < 0) {
      const name = is_file ? rest.replace(/\.(ts|js|tsx|mjs)$/, "") : rest;
      if (name && name !== "index" && (!is_file || SOURCE_EXTENSIONS.some((ext) => rest.endsWith(ext)))) found.set(name, found.get(name) ?? false);
    } else found.set(rest.slice(0, slash), true);
  };
  for (const file of Object.keys(files)) if (file.startsWith(prefix)) add(file.slice(prefix.length), true);
  for (const key of Object.keys(framework)) if (key.startsWith(prefix)) add(key.slice(prefix.length), false);
  return [...found].map(([name, ispkg]) => ({ name, ispkg }));
}

function map_frame(frame: FrameSummary, loader: ModuleLoader): FrameSummary {
  if (!loader.is_user_file(frame.filename)) {
    const where = framework_source(frame.filename, frame.lineno, frame.colno);
    return where ? { ...frame, filename: where.file, lineno: where.line, colno: where.line === null ? null : frame.colno } : frame;
  }
  return { ...frame, name: frame_symbol(frame.name), lineno: frame.lineno === null ? null : frame.lineno - function_body_line_offset(), is_user_code: true };
}
