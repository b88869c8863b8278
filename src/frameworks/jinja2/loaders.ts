/**
 * jinja2.loaders: a template name → its source (`get_source`) → a compiled Template (`load`).
 *
 * `DictLoader` serves templates from a mapping (what Flask's conformance harness and the page's
 * in-memory projects use), `FunctionLoader` asks a function, `PrefixLoader` and `ChoiceLoader`
 * combine loaders. A miss raises `TemplateNotFound(name)`.
 *
 *   new DictLoader({ "index.html": "Hello {{ name }}" }).get_source(env, "index.html")
 */
import { py_repr } from "../python/builtins";
import { TemplateNotFound } from "./exceptions";
import type { Environment, Template, CompiledModule } from "./environment";

export type Source = [source: string, filename: string | null, uptodate: (() => boolean) | null];

export abstract class BaseLoader {
  has_source_access = true;

  abstract get_source(environment: Environment, template: string): Source;

  list_templates(): string[] {
    throw new TypeError("this loader cannot iterate over all templates");
  }

  /** Source → compiled Template (the environment's cache sits in front of this). */
  load(environment: Environment, name: string, globals: Record<string, unknown> | null = null): Template {
    const [source, filename, uptodate] = this.get_source(environment, name);
    const code = environment.compile(source, name, filename) as CompiledModule;
    return environment.template_class.from_code(environment, code, globals ?? environment.make_globals(null), uptodate, name, filename);
  }
}

/** Templates from a dict of name → source. */
export class DictLoader extends BaseLoader {
  constructor(readonly mapping: Record<string, string>) {
    super();
  }
  get_source(_environment: Environment, template: string): Source {
    if (Object.prototype.hasOwnProperty.call(this.mapping, template)) {
      const source = this.mapping[template];
      return [source, null, () => this.mapping[template] === source];
    }
    throw new TemplateNotFound(template);
  }
  override list_templates(): string[] {
    return Object.keys(this.mapping).sort();
  }
}

/** Templates from a function: name → source, [source, filename, uptodate], or null. */
export class FunctionLoader extends BaseLoader {
  constructor(readonly load_func: (name: string) => string | Source | null) {
    super();
  }
  get_source(_environment: Environment, template: string): Source {
    const rv = this.load_func(template);
    if (rv === null || rv === undefined) throw new TemplateNotFound(template);
    return typeof rv === "string" ? [rv, null, null] : rv;
  }
}

/** `PrefixLoader({"app": loader})`: `app/page.html` goes to that loader as `page.html`. */
export class PrefixLoader extends BaseLoader {
  constructor(
    readonly mapping: Record<string, BaseLoader>,
    readonly delimiter = "/",
  ) {
    super();
  }
  private get_loader(template: string): [BaseLoader, string] {
    const at = template.indexOf(this.delimiter);
    if (at < 0) throw new TemplateNotFound(template);
    const prefix = template.slice(0, at);
    const loader = this.mapping[prefix];
    if (!loader) throw new TemplateNotFound(template);
    return [loader, template.slice(at + this.delimiter.length)];
  }
  get_source(environment: Environment, template: string): Source {
    const [loader, name] = this.get_loader(template);
    try {
      return loader.get_source(environment, name);
    } catch (e) {
      if (e instanceof TemplateNotFound) throw new TemplateNotFound(template);
      throw e;
    }
  }
  override list_templates(): string[] {
    return Object.entries(this.mapping).flatMap(([prefix, loader]) => loader.list_templates().map((t) => prefix + this.delimiter + t));
  }
}

/** Tries each loader in turn. */
export class ChoiceLoader extends BaseLoader {
  constructor(readonly loaders: BaseLoader[]) {
    super();
  }
  get_source(environment: Environment, template: string): Source {
    for (const loader of this.loaders) {
      try {
        return loader.get_source(environment, template);
      } catch (e) {
        if (!(e instanceof TemplateNotFound)) throw e;
      }
    }
    throw new TemplateNotFound(template);
  }
  override list_templates(): string[] {
    return [...new Set(this.loaders.flatMap((l) => l.list_templates()))].sort();
  }
}

// The project's files: the page has no disk, so FileSystemLoader reads the files of the project
// that is loaded (the runtime hands them over before the project's modules run).
let project_files: Readonly<Record<string, string>> = {};

/** Called by the runtime (a mode's `attach_project`) before a project loads. */
export function set_project_files(files: Readonly<Record<string, string>>): void {
  project_files = files;
}

/** The loaded project's files, by path. */
export function get_project_files(): Readonly<Record<string, string>> {
  return project_files;
}

/** `split_template_path(template)`: `a/./b.html` → `["a", "b.html"]`; `..` is refused (TemplateNotFound). */
export function split_template_path(template: string): string[] {
  const pieces: string[] = [];
  for (const piece of template.split("/")) {
    if (piece === "..") throw new TemplateNotFound(template);
    if (piece && piece !== ".") pieces.push(piece);
  }
  return pieces;
}

/**
 * `FileSystemLoader(searchpath)`: templates from folders of the project (`templates/login.html`);
 * each search path is tried in order.
 */
export class FileSystemLoader extends BaseLoader {
  /** The folders as given (`"templates"`, `"./templates/"`), which the not-found message quotes. */
  readonly searchpath: string[];
  /** The same folders as project paths (`"templates"`). */
  private readonly folders: string[];
  constructor(searchpath: string | string[], readonly encoding = "utf-8") {
    super();
    this.searchpath = Array.isArray(searchpath) ? [...searchpath] : [searchpath];
    this.folders = this.searchpath.map((p) => p.replace(/^\.?\/+/, "").replace(/\/+$/, ""));
  }
  get_source(_environment: Environment, template: string): Source {
    const pieces = split_template_path(template);
    for (const folder of this.folders) {
      const filename = [folder, ...pieces].filter(Boolean).join("/");
      if (Object.prototype.hasOwnProperty.call(project_files, filename)) {
        const files = project_files;
        const source = files[filename];
        return [source, filename, () => project_files === files && project_files[filename] === source];
      }
    }
    const plural = this.searchpath.length === 1 ? "path" : "paths";
    throw new TemplateNotFound(template, `${py_repr(template)} not found in search ${plural}: ${this.searchpath.map(py_repr).join(", ")}`);
  }
  override list_templates(): string[] {
    const found = new Set<string>();
    for (const folder of this.folders) {
      const prefix = folder ? `${folder}/` : "";
      for (const path of Object.keys(project_files)) if (path.startsWith(prefix)) found.add(path.slice(prefix.length));
    }
    return [...found].sort();
  }
}
