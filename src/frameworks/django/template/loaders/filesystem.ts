/**
 * django.template.loaders.filesystem: templates from directories (settings.TEMPLATES[…].DIRS).
 *
 * There is no disk here: the project's files live in the runtime. The runtime hands them over once
 * (and again after each edit) with `set_template_files(files)`, a `{ "templates/base.html": "…" }`
 * map of project-relative paths (or a function path → text | null). A directory `"templates"` and
 * the name `"blog/list.html"` give the path `templates/blog/list.html`.
 */
import { Origin, type EngineLike } from "../base";
import { TemplateDoesNotExist } from "../exceptions";
import { Loader as BaseLoader } from "./base";

export type TemplateFiles = Record<string, string> | ((path: string) => string | null | undefined);

let files: TemplateFiles = {};
let version = 0;

/** Give the template loaders the project's files (paths relative to the project root). */
export function set_template_files(project_files: TemplateFiles | null): void {
  files = project_files ?? {};
  version += 1;
}

/** Bumped by each `set_template_files`; cached loaders drop their templates when it changes. */
export function template_files_version(): number {
  return version;
}

/**
 * Files the framework's own packages ship (django.contrib.admin's `templates/admin/*.html`):
 * directory → { relative path → source }. They sit where Django's package files sit, so the
 * app_directories loader finds them under the app's path like any app's templates.
 */
const package_files = new Map<string, Record<string, string>>();

/** Make `files` readable under `directory` (a package's folder, e.g. "django/contrib/admin/templates"). */
export function register_package_files(directory: string, sources: Record<string, string>): void {
  package_files.set(normalize_path(directory), sources);
}

function read_package_file(path: string): string | null {
  for (const [directory, sources] of package_files) {
    if (!path.startsWith(directory + "/")) continue;
    const name = path.slice(directory.length + 1);
    if (Object.prototype.hasOwnProperty.call(sources, name)) return sources[name];
  }
  return null;
}

/** The source at a project path (or a framework package's file), or null. */
export function read_template_file(path: string): string | null {
  const p = normalize_path(path);
  const shipped = read_package_file(p);
  if (shipped !== null) return shipped;
  if (typeof files === "function") return files(p) ?? null;
  return Object.prototype.hasOwnProperty.call(files, p) ? files[p] : null;
}

/** `a/./b/../c` → `a/c`; no leading `/`. Null when the path climbs above the root. */
export function normalize_path(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}

/** `safe_join(directory, name)`: refuses names that would escape the directory (`../secret`). */
export function safe_join(directory: string, template_name: string): string | null {
  const base = normalize_path(directory);
  const joined = normalize_path(`${base}/${template_name}`);
  if (base && !(joined === base || joined.startsWith(base + "/"))) return null;
  return joined;
}

export class Loader extends BaseLoader {
  static override module_name = "django.template.loaders.filesystem.Loader";

  constructor(engine: EngineLike, readonly dirs: string[] | null = null) {
    super(engine);
  }

  get_dirs(): string[] {
    return this.dirs ?? (this.engine as EngineLike & { dirs: string[] }).dirs ?? [];
  }

  *get_template_sources(template_name: string): Iterable<Origin> {
    for (const template_dir of this.get_dirs()) {
      const name = safe_join(template_dir, template_name);
      if (name === null) continue;
      yield new Origin(name, template_name, this);
    }
  }

  get_contents(origin: Origin): string {
    const source = read_template_file(origin.name);
    if (source === null) throw new TemplateDoesNotExist(origin.name);
    return source;
  }
}
