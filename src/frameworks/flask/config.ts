/**
 * flask.config: `app.config`, a dict of settings with loaders. Main class: `Config`.
 *
 * Only UPPERCASE keys are taken from objects and mappings (`from_object`, `from_mapping`), so a
 * settings class can hold helpers too. `get_namespace("MAIL_")` gives the settings of one
 * extension with the prefix trimmed and the keys lower-cased. Python's `config["KEY"]` is
 * `config.getitem("KEY")` (KeyError when missing) and `config["KEY"] = v` is `config.set("KEY", v)`.
 *
 *     app.config.from_mapping({ SECRET_KEY: "dev" });
 *     app.config.getitem("SECRET_KEY")          // "dev"
 *     app.config.get_namespace("MAIL_")         // { server: "…", port: 25 }
 */
import { KeyError, RuntimeError, py_repr } from "../python/builtins";
import { py_json_loads } from "../python/json";

/** Python's `str.isupper()`: some cased character, and no lower-case one. */
function isupper(s: string): boolean {
  return s !== s.toLowerCase() && s === s.toUpperCase();
}

/** `dir(obj)`: the attribute names of an object or class (own and inherited), sorted. */
function dir(obj: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = obj; o && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) names.add(k);
  }
  return [...names].sort();
}

/** `Config(root_path, defaults=None)`: a dict with loaders. */
export class Config implements Iterable<string> {
  protected readonly _data = new Map<string, unknown>();

  constructor(
    readonly root_path: string = "/",
    defaults: Record<string, unknown> | null = null,
  ) {
    for (const [k, v] of Object.entries(defaults ?? {})) this._data.set(k, v);
  }

  /** `config[key]`: KeyError when missing. */
  getitem(key: string): any {
    const value = this._data.get(key);
    if (value === undefined && !this._data.has(key)) throw new KeyError(key);
    return value;
  }

  /** `config.get(key, default=None)` */
  get(key: string, default_: unknown = null): any {
    const value = this._data.get(key);
    return value !== undefined || this._data.has(key) ? value : default_;
  }

  /** `config[key] = value` */
  set(key: string, value: unknown): void {
    this._data.set(key, value);
  }

  /** `del config[key]` */
  delitem(key: string): void {
    if (!this._data.delete(key)) throw new KeyError(key);
  }

  /** `key in config` */
  has(key: string): boolean {
    return this._data.has(key);
  }

  setdefault(key: string, default_: unknown = null): any {
    if (!this._data.has(key)) this._data.set(key, default_);
    return this._data.get(key);
  }

  pop(key: string, ...default_: [unknown?]): any {
    if (this._data.has(key)) {
      const v = this._data.get(key);
      this._data.delete(key);
      return v;
    }
    if (default_.length) return default_[0];
    throw new KeyError(key);
  }

  /** `config.update(mapping)`: every key, upper-case or not. */
  update(mapping: Record<string, unknown> | Iterable<[string, unknown]> = {}): void {
    const entries = Symbol.iterator in mapping ? [...(mapping as Iterable<[string, unknown]>)] : Object.entries(mapping);
    for (const [k, v] of entries) this._data.set(k, v);
  }

  keys(): string[] {
    return [...this._data.keys()];
  }

  values(): unknown[] {
    return [...this._data.values()];
  }

  items(): [string, unknown][] {
    return [...this._data.entries()];
  }

  len(): number {
    return this._data.size;
  }

  [Symbol.iterator](): Iterator<string> {
    return this._data.keys();
  }

  /** `from_mapping(mapping=None, **kwargs)`: the UPPERCASE keys of both. */
  from_mapping(mapping: Record<string, unknown> | null = null, kwargs: Record<string, unknown> = {}): boolean {
    const mappings: Record<string, unknown> = { ...(mapping ?? {}), ...kwargs };
    for (const [key, value] of Object.entries(mappings)) if (isupper(key)) this.set(key, value);
    return true;
  }

  /** `from_object(obj)`: every UPPERCASE attribute of an object or class (in `dir()` order). */
  from_object(obj: object | string): void {
    if (typeof obj === "string") throw new RuntimeError(`from_object(${py_repr(obj)}): import the settings object and pass it instead of its dotted path`);
    for (const key of dir(obj)) if (isupper(key)) this.set(key, (obj as Record<string, unknown>)[key]);
  }

  /**
   * `from_prefixed_env(prefix="FLASK", loads=json.loads)`: variables named `FLASK_KEY` (in sorted
   * order) become `KEY`, their values parsed as JSON when possible; `FLASK_A__B` sets `A.B` in a
   * nested dict. The page has no process environment: pass it as `environ`.
   */
  from_prefixed_env(prefix = "FLASK", options: { loads?: (s: string) => unknown; environ?: Record<string, string> } = {}): boolean {
    const loads = options.loads ?? py_json_loads;
    const environ = options.environ ?? {};
    const p = `${prefix}_`;
    for (const full of Object.keys(environ).sort()) {
      if (!full.startsWith(p)) continue;
      let value: unknown = environ[full];
      const key = full.slice(p.length);
      try {
        value = loads(value as string);
      } catch {
        /* keep the string */
      }
      if (!key.includes("__")) {
        this.set(key, value);
        continue;
      }
      const parts = key.split("__");
      const tail = parts.pop()!;
      let current: any = this;
      for (const part of parts) {
        const has = current instanceof Config ? current.has(part) : part in current;
        if (!has) {
          if (current instanceof Config) current.set(part, {});
          else current[part] = {};
        }
        current = current instanceof Config ? current.getitem(part) : current[part];
      }
      if (current instanceof Config) current.set(tail, value);
      else current[tail] = value;
    }
    return true;
  }

  /** `get_namespace(namespace, lowercase=True, trim_namespace=True)` */
  get_namespace(namespace: string, options: { lowercase?: boolean; trim_namespace?: boolean } = {}): Record<string, unknown> {
    const { lowercase = true, trim_namespace = true } = options;
    const rv: Record<string, unknown> = {};
    for (const [k, v] of this._data) {
      if (!k.startsWith(namespace)) continue;
      let key = trim_namespace ? k.slice(namespace.length) : k;
      if (lowercase) key = key.toLowerCase();
      rv[key] = v;
    }
    return rv;
  }

  /** Python-file loaders read the disk, which the page does not have. */
  from_pyfile(filename: string): never {
    throw new RuntimeError(`Unable to load configuration file (${filename}): use from_object or from_mapping in the page`);
  }

  from_envvar(variable_name: string): never {
    throw new RuntimeError(`The environment variable '${variable_name}' is not set and as such configuration could not be loaded. Set this variable and make it point to a configuration file`);
  }

  __repr__(): string {
    return `<Config {${[...this._data].map(([k, v]) => `${py_repr(k)}: ${py_repr(v)}`).join(", ")}}>`;
  }
}
