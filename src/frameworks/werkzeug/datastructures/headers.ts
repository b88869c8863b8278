/**
 * werkzeug.datastructures.headers: HTTP headers as an ordered list of (name, value) pairs with
 * case-insensitive lookup. Main classes: `Headers` (a response's headers, mutable) and
 * `EnvironHeaders` (a request's headers, read straight from the WSGI environ, read-only).
 *
 * Python's `headers["X"]`, `headers["X"] = v`, `del headers["X"]` and `"X" in headers` are
 * `getitem("X")`, `set("X", v)`, `delitem("X")` and `has("X")`; `set` replaces every header of
 * that name in place (keeping the first one's position), `add` appends another. A value with a
 * newline is refused (header injection): `ValueError: Header values must not contain newline
 * characters.`
 *
 *     const h = new Headers([["Content-Type", "text/html"]]);
 *     h.add("Set-Cookie", "a=1"); h.add("Set-Cookie", "b=2");
 *     h.getlist("set-cookie")   // ["a=1", "b=2"]
 */
import { KeyError, TypeError, ValueError, py_repr } from "../../python/builtins";
import { py_str } from "../../python/operator";
import { BadRequestKeyError } from "../exceptions";
import { dump_options_header } from "../http";
import { py_title } from "../_internal";
import { iter_multi_items, MultiDict, type Converter, type MultiItems } from "./structures";

export type HeaderPairs = MultiItems<unknown> | Headers;

/** Header values are text without CR or LF. */
export function _str_header_value(value: unknown): string {
  const s = typeof value === "string" ? value : py_str(value);
  if (s.includes("\n") || s.includes("\r")) throw new ValueError("Header values must not contain newline characters.");
  return s;
}

/**
 * Is `k` the header name `ikey` (already lower-cased), ignoring case? Names of another length are
 * told apart without lower-casing anything (most names compared on every lookup).
 */
function same_name(k: string, ikey: string): boolean {
  return k.length === ikey.length && (k === ikey || k.toLowerCase() === ikey);
}

/** `**kwargs` of `add`/`set`: `add("Content-Disposition", "attachment", { filename: "a.txt" })`. */
function _options_header_vkw(value: unknown, kw: Record<string, unknown>): string {
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kw)) options[k.replace(/_/g, "-")] = v;
  return dump_options_header(py_str(value), options);
}

/** `Headers(defaults=None)` */
export class Headers implements Iterable<[string, string]> {
  protected _list: [string, string][] = [];

  constructor(defaults: HeaderPairs = null) {
    // Another Headers' pairs were checked when they were added: copy them as they are.
    if (defaults instanceof Headers && !(defaults instanceof EnvironHeaders)) this._list = defaults._list.map(([k, v]) => [k, v]);
    else if (defaults !== null && defaults !== undefined) this.extend(defaults);
  }

  /** `headers[key]` (first value, BadRequestKeyError when missing) or `headers[index]` (a pair). */
  getitem(key: string): string;
  getitem(key: number): [string, string];
  getitem(key: string | number): string | [string, string] {
    if (typeof key === "number") {
      const pair = this._list[key < 0 ? this._list.length + key : key];
      if (!pair) throw new KeyError(key);
      return pair;
    }
    return this._get_key(key);
  }

  protected _get_key(key: string): string {
    const v = this._lookup(key);
    if (v === undefined) throw new BadRequestKeyError(key);
    return v;
  }

  /** The first value of a header, or undefined (lookups that must not raise stay cheap). */
  protected _lookup(key: string): string | undefined {
    const ikey = key.toLowerCase();
    const list = this._list;
    for (let i = 0; i < list.length; i++) if (same_name(list[i][0], ikey)) return list[i][1];
    return undefined;
  }

  /** `headers.get(key, default=None, type=None)` */
  get<T = string>(key: string, default_: unknown = null, options?: { type?: Converter<T> | null }): any {
    const rv = this._lookup(key);
    if (rv === undefined) return default_;
    if (!options?.type) return rv;
    try {
      return options.type(rv);
    } catch (e) {
      if (e instanceof ValueError) return default_;
      throw e;
    }
  }

  /** `headers.getlist(key, type=None)`: every value of that header, in order. */
  getlist<T = string>(key: string, options: { type?: Converter<T> | null } = {}): any[] {
    const ikey = key.toLowerCase();
    const out: unknown[] = [];
    for (const [k, v] of this) {
      if (k.toLowerCase() !== ikey) continue;
      if (!options.type) out.push(v);
      else
        try {
          out.push(options.type(v));
        } catch (e) {
          if (!(e instanceof ValueError)) throw e;
        }
    }
    return out;
  }

  get_all(name: string): string[] {
    return this.getlist(name);
  }

  *items(lower = false): Generator<[string, string]> {
    for (const [k, v] of this) yield [lower ? k.toLowerCase() : k, v];
  }

  *keys(lower = false): Generator<string> {
    for (const [k] of this.items(lower)) yield k;
  }

  *values(): Generator<string> {
    for (const [, v] of this) yield v;
  }

  /** `headers.extend(other)`: add every pair (nothing is replaced). */
  extend(arg: HeaderPairs = null, kwargs: Record<string, unknown> = {}): void {
    if (arg !== null && arg !== undefined) for (const [k, v] of iter_multi_items(arg as MultiItems<unknown>)) this.add(k, v);
    for (const [k, v] of iter_multi_items(kwargs)) this.add(k, v);
  }

  /** `del headers[key]` (every header of that name) or `del headers[index]`. */
  delitem(key: string | number): void {
    if (typeof key === "number") this._list.splice(key, 1);
    else this._del_key(key);
  }

  protected _del_key(key: string): void {
    const ikey = key.toLowerCase();
    this._list = this._list.filter(([k]) => !same_name(k, ikey));
  }

  /** `headers.remove(key)`: like `del`, but no error when missing. */
  remove(key: string): void {
    this._del_key(key);
  }

  /** `headers.pop(key=None, default=…)`: a name gives its first value; nothing pops the last pair. */
  pop(key: string | number | null = null, ...default_: [unknown?]): any {
    if (key === null) return this._list.pop();
    if (typeof key === "number") return this._list.splice(key, 1)[0];
    let rv: string;
    try {
      rv = this._get_key(key);
    } catch (e) {
      if (default_.length) return default_[0];
      throw e;
    }
    this.remove(key);
    return rv;
  }

  popitem(): [string, string] {
    const pair = this._list.pop();
    if (!pair) throw new KeyError("pop from empty list");
    return pair;
  }

  /** `key in headers` */
  has(key: string): boolean {
    return this._lookup(key) !== undefined;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this._list[Symbol.iterator]();
  }

  len(): number {
    return this._list.length;
  }

  __len__(): number {
    return this.len();
  }

  /** `headers.add(key, value, **kwargs)`: one more header (options become `; k=v` parameters). */
  add(key: string, value: unknown, kwargs?: Record<string, unknown>): void {
    const v = kwargs !== undefined && Object.keys(kwargs).length ? _options_header_vkw(value, kwargs) : value;
    this._list.push([key, _str_header_value(v)]);
  }

  add_header(key: string, value: unknown, kwargs: Record<string, unknown> = {}): void {
    this.add(key, value, kwargs);
  }

  clear(): void {
    this._list.length = 0;
  }

  /** `headers.set(key, value, **kwargs)` / `headers[key] = value`: replace in place, or append. */
  set(key: string, value: unknown, kwargs?: Record<string, unknown>): void {
    const v = _str_header_value(kwargs !== undefined && Object.keys(kwargs).length ? _options_header_vkw(value, kwargs) : value);
    const ikey = key.toLowerCase();
    const list = this._list;
    let idx = 0;
    while (idx < list.length && !same_name(list[idx][0], ikey)) idx++;
    if (idx === list.length) {
      list.push([key, v]);
      return;
    }
    list[idx] = [key, v];
    // Later headers of the same name go (Werkzeug keeps the first one's position).
    let kept = idx + 1;
    for (let i = idx + 1; i < list.length; i++) if (!same_name(list[i][0], ikey)) list[kept++] = list[i];
    list.length = kept;
  }

  /** `headers.setlist(key, values)`: replace with several values (none removes the header). */
  setlist(key: string, values: Iterable<unknown>): void {
    const list = [...values];
    if (!list.length) {
      this.remove(key);
      return;
    }
    this.set(key, list[0]);
    for (const v of list.slice(1)) this.add(key, v);
  }

  setdefault(key: string, default_: unknown): string {
    if (this.has(key)) return this._get_key(key);
    this.set(key, default_);
    return this._get_key(key);
  }

  setlistdefault(key: string, default_: Iterable<unknown>): string[] {
    if (!this.has(key)) this.setlist(key, default_);
    return this.getlist(key);
  }

  /**
   * `headers.update(mapping)`: *replace* the named headers. Headers/MultiDict replace with all
   * their values; a dict value that is a list sets several values.
   */
  update(arg: HeaderPairs = null, kwargs: Record<string, unknown> = {}): void {
    if (arg instanceof Headers || arg instanceof MultiDict) {
      const keys = arg instanceof Headers ? [...new Set(arg.keys())] : [...arg.keys()];
      for (const key of keys) this.setlist(key, arg.getlist(key));
    } else if (arg !== null && arg !== undefined && Object.getPrototypeOf(arg) === Object.prototype) {
      for (const [key, value] of Object.entries(arg)) {
        if (Array.isArray(value) || value instanceof Set) this.setlist(key, value);
        else this.set(key, value);
      }
    } else if (arg) {
      for (const [key, value] of arg as Iterable<[string, unknown]>) this.set(key, value);
    }
    for (const [key, value] of Object.entries(kwargs)) {
      if (Array.isArray(value)) this.setlist(key, value);
      else this.set(key, value);
    }
  }

  /** The pairs a WSGI server receives. */
  to_wsgi_list(): [string, string][] {
    return this._list.slice();
  }

  copy(): Headers {
    return new (this.constructor as new (d: HeaderPairs) => Headers)(this._list);
  }

  /** `str(headers)`: `Name: value` lines and a blank line, CRLF-separated. */
  toString(): string {
    return [...this.to_wsgi_list().map(([k, v]) => `${k}: ${v}`), "\r\n"].join("\r\n");
  }

  __repr__(): string {
    return `${this.constructor.name}([${this._list.map(([k, v]) => `(${py_repr(k)}, ${py_repr(v)})`).join(", ")}])`;
  }
}

/** `Content-Type` → `CONTENT_TYPE`; `X-Forwarded-For` → `HTTP_X_FORWARDED_FOR`. */
function environ_key(key: string): string {
  const k = key.toUpperCase().replace(/-/g, "_");
  return k === "CONTENT_TYPE" || k === "CONTENT_LENGTH" ? k : `HTTP_${k}`;
}

/**
 * `EnvironHeaders(environ)`: the request's headers, read from the environ's `HTTP_*` keys (plus
 * `CONTENT_TYPE` / `CONTENT_LENGTH`), in the environ's order, names in Title-Case. Read-only.
 */
export class EnvironHeaders extends Headers {
  constructor(readonly environ: Record<string, any>) {
    super();
  }

  protected override _get_key(key: string): string {
    const v = this._lookup(key);
    if (v === undefined) throw new KeyError(environ_key(key));
    return v;
  }

  protected override _lookup(key: string): string | undefined {
    const v = this.environ[environ_key(key)];
    return v === undefined || v === null ? undefined : v;
  }

  override *[Symbol.iterator](): Generator<[string, string]> {
    for (const [key, value] of Object.entries(this.environ)) {
      if (key.startsWith("HTTP_") && key !== "HTTP_CONTENT_TYPE" && key !== "HTTP_CONTENT_LENGTH") yield [py_title(key.slice(5).replace(/_/g, "-")), value];
      else if ((key === "CONTENT_TYPE" || key === "CONTENT_LENGTH") && value) yield [py_title(key.replace(/_/g, "-")), value];
    }
  }

  override len(): number {
    return [...this].length;
  }

  override to_wsgi_list(): [string, string][] {
    return [...this];
  }

  override copy(): never {
    throw new TypeError(`cannot create 'EnvironHeaders' copies`);
  }

  private immutable(): never {
    throw new TypeError(`'EnvironHeaders' objects are immutable`);
  }
  override add(): void {
    this.immutable();
  }
  override set(): void {
    this.immutable();
  }
  override setlist(): void {
    this.immutable();
  }
  override extend(arg: HeaderPairs = null): void {
    if (arg !== null) this.immutable();
  }
  override delitem(): void {
    this.immutable();
  }
  override remove(): void {
    this.immutable();
  }
  override pop(): any {
    this.immutable();
  }
  override popitem(): [string, string] {
    return this.immutable();
  }
  override update(): void {
    this.immutable();
  }
  override clear(): void {
    this.immutable();
  }
  override setdefault(): string {
    return this.immutable();
  }
}
