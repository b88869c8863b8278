/**
 * starlette.datastructures: the value types a request is read through — raw scope bytes into
 * `URL` (from the scope, the Host header winning over `server`), `Headers` (a case-insensitive
 * multidict over the scope's `[name, value]` byte pairs; `MutableHeaders` edits them in place),
 * `QueryParams` (the query string parsed into an immutable multidict: `[]` reads the *last*
 * value, `getlist` all of them), `Address` (`client`), `State` (attribute access over a dict) and
 * `URLPath` (what `url_path_for` returns), `UploadFile` (a file of a multipart form, its bytes in
 * memory). Main classes: `URL`, `Headers`, `QueryParams`.
 */
import { AttributeError, KeyError, py_repr } from "../python/builtins";
import { latin1_decode, latin1_encode, utf8_decode, type Bytes } from "../python/bytes";
import { BytesIO } from "../python/io";
import { SplitResult, parse_qsl, urlencode, urlsplit } from "../python/urllib/parse";
import { parse_host_header } from "./_utils";
import type { Scope } from "./types";

/** `request.client`: the peer's host and port (a NamedTuple in Python). */
export class Address {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  __repr__(): string {
    return `Address(host='${this.host}', port=${this.port})`;
  }
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

export interface URLComponents {
  scheme?: string;
  netloc?: string;
  path?: string;
  query?: string;
  fragment?: string;
}

export class URL {
  private readonly _url: string;
  private _components?: SplitResult;

  /** `URL("http://x/p")`, `URL({ scope })` or `URL({ components: {...} })`. */
  constructor(url: string | URL = "", options: { scope?: Scope; components?: URLComponents } = {}) {
    if (options.scope) this._url = URL.from_scope(options.scope);
    else if (options.components) this._url = new URL("").replace(options.components).components.geturl();
    else this._url = String(url);
  }

  /** The URL a request was made to: scheme, the Host header (else `server`), path, query. */
  private static from_scope(scope: Scope): string {
    const scheme: string = scope.scheme ?? "http";
    const server: [string, number] | null = scope.server ?? null;
    const path: string = scope.path;
    const query_string: Bytes = scope.query_string ?? new Uint8Array(0);
    let host_header: string | null = null;
    for (const [key, value] of scope.headers as [Bytes, Bytes][]) {
      if (latin1_decode(key) === "host") {
        host_header = latin1_decode(value);
        break;
      }
    }
    const parsed = parse_host_header(host_header);
    let netloc: string | null;
    if (parsed !== null && parsed.is_valid_port) netloc = parsed.authority;
    else if (server) {
      const port = server[1];
      let host = server[0];
      if (host.includes(":") && !host.startsWith("[")) host = `[${host}]`;
      netloc = port === DEFAULT_PORTS[scheme] ? host : `${host}:${port}`;
    } else netloc = null;
    const query = utf8_decode(query_string, "replace");
    if (netloc !== null) return new SplitResult(scheme, netloc, path, query, "").geturl();
    return query ? `${path}?${query}` : path;
  }

  get components(): SplitResult {
    if (!this._components) this._components = urlsplit(this._url);
    return this._components;
  }

  get scheme(): string {
    return this.components.scheme;
  }
  get netloc(): string {
    return this.components.netloc;
  }
  get path(): string {
    return this.components.path;
  }
  get query(): string {
    return this.components.query;
  }
  get fragment(): string {
    return this.components.fragment;
  }
  get hostname(): string | null {
    return this.components.hostname;
  }
  get port(): number | null {
    return this.components.port;
  }
  get is_secure(): boolean {
    return this.scheme === "https" || this.scheme === "wss";
  }

  /** A copy with some parts replaced: `url.replace({ path: "/x" })`. */
  replace(parts: URLComponents & { hostname?: string; port?: number | null }): URL {
    const c = this.components;
    let netloc = parts.netloc ?? c.netloc;
    if (parts.hostname !== undefined || parts.port !== undefined) {
      let hostname = parts.hostname;
      if (hostname === undefined) {
        hostname = c.netloc.slice(c.netloc.lastIndexOf("@") + 1);
        if (hostname && !hostname.endsWith("]")) hostname = hostname.replace(/:[^:]*$/, "");
      }
      const port = parts.port === undefined ? this.port : parts.port;
      netloc = port === null ? hostname : `${hostname}:${port}`;
    }
    const replaced = new SplitResult(parts.scheme ?? c.scheme, netloc, parts.path ?? c.path, parts.query ?? c.query, parts.fragment ?? c.fragment);
    return new URL(replaced.geturl());
  }

  include_query_params(params: Record<string, unknown>): URL {
    const multi = new MultiDict(parse_qsl(this.query, { keep_blank_values: true }));
    multi.update(Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]));
    return this.replace({ query: urlencode(multi.multi_items()) });
  }

  replace_query_params(params: Record<string, unknown>): URL {
    return this.replace({ query: urlencode(Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string])) });
  }

  remove_query_params(keys: string | string[]): URL {
    const multi = new MultiDict(parse_qsl(this.query, { keep_blank_values: true }));
    for (const key of typeof keys === "string" ? [keys] : keys) multi.pop(key, null);
    return this.replace({ query: urlencode(multi.multi_items()) });
  }

  equals(other: unknown): boolean {
    return String(this) === String(other);
  }

  toString(): string {
    return this._url;
  }

  __repr__(): string {
    return `URL('${this._url}')`;
  }
}

/** What `url_path_for` returns: a path (a `str` in Python) that knows its protocol and host. */
export class URLPath extends String {
  constructor(
    path: string,
    readonly protocol: "http" | "websocket" | "" = "",
    readonly host: string = "",
  ) {
    super(path);
  }

  /** The path made absolute against `base_url`: `ws`/`wss` for websocket routes, `http(s)` for http ones. */
  make_absolute_url(base_url: string | URL): URL {
    const base = typeof base_url === "string" ? new URL(base_url) : base_url;
    let scheme = base.scheme;
    if (this.protocol === "http") scheme = base.is_secure ? "https" : "http";
    else if (this.protocol === "websocket") scheme = base.is_secure ? "wss" : "ws";
    const netloc = this.host || base.netloc;
    const path = base.path.replace(/\/+$/, "") + String(this);
    return new URL("", { components: { scheme, netloc, path } });
  }
}

/** An immutable multidict: `md[key]` is the last value given for key, `getlist(key)` all of them. */
export class ImmutableMultiDict<K = string, V = string> {
  protected _dict: Map<K, V>;
  protected _list: [K, V][];

  constructor(value: Iterable<[K, V]> | ImmutableMultiDict<K, V> | Record<string, V> | null = null) {
    let items: [K, V][];
    if (value === null || value === undefined) items = [];
    else if (value instanceof ImmutableMultiDict) items = value.multi_items();
    else if (Symbol.iterator in (value as object)) items = [...(value as Iterable<[K, V]>)];
    else items = Object.entries(value as Record<string, V>) as unknown as [K, V][];
    this._list = items;
    this._dict = new Map(items);
  }

  getlist(key: K): V[] {
    return this._list.filter(([k]) => k === key).map(([, v]) => v);
  }

  keys(): K[] {
    return [...this._dict.keys()];
  }

  values(): V[] {
    return [...this._dict.values()];
  }

  items(): [K, V][] {
    return [...this._dict.entries()];
  }

  multi_items(): [K, V][] {
    return [...this._list];
  }

  /** `md[key]`: KeyError when absent. */
  getitem(key: K): V {
    if (!this._dict.has(key)) throw new KeyError(key);
    return this._dict.get(key)!;
  }

  get(key: K): V | null;
  get<D>(key: K, default_: D): V | D;
  get(key: K, default_: unknown = null): unknown {
    return this._dict.has(key) ? this._dict.get(key) : default_;
  }

  has(key: K): boolean {
    return this._dict.has(key);
  }

  get length(): number {
    return this._dict.size;
  }

  [Symbol.iterator](): Iterator<K> {
    return this._dict.keys();
  }
}

/** The mutable multidict (`setlist`, `append`, `update`, `pop`). */
export class MultiDict<K = string, V = string> extends ImmutableMultiDict<K, V> {
  setitem(key: K, value: V): void {
    this.setlist(key, [value]);
  }

  delitem(key: K): void {
    this._list = this._list.filter(([k]) => k !== key);
    this._dict.delete(key);
  }

  pop<D>(key: K, default_: D): V | D {
    this._list = this._list.filter(([k]) => k !== key);
    const value = this._dict.has(key) ? this._dict.get(key)! : default_;
    this._dict.delete(key);
    return value;
  }

  setlist(key: K, values: V[]): void {
    if (!values.length) {
      this.pop(key, null);
      return;
    }
    this._list = [...this._list.filter(([k]) => k !== key), ...values.map((v): [K, V] => [key, v])];
    this._dict.set(key, values[values.length - 1]);
  }

  append(key: K, value: V): void {
    this._list.push([key, value]);
    this._dict.set(key, value);
  }

  update(items: Iterable<[K, V]>): void {
    const incoming = new MultiDict<K, V>(items);
    const keys = new Set(incoming.keys());
    this._list = [...this._list.filter(([k]) => !keys.has(k)), ...incoming.multi_items()];
    for (const [k, v] of incoming.items()) this._dict.set(k, v);
  }
}

/** `request.query_params`: the query string (bytes read as Latin-1, then percent-decoded as UTF-8). */
export class QueryParams extends ImmutableMultiDict<string, string> {
  constructor(value: string | Bytes | Iterable<[string, string]> | Record<string, string> | null = null) {
    if (typeof value === "string") super(parse_qsl(value, { keep_blank_values: true }));
    else if (value instanceof Uint8Array) super(parse_qsl(latin1_decode(value), { keep_blank_values: true }));
    else super(value);
  }

  override toString(): string {
    return urlencode(this._list);
  }

  __repr__(): string {
    return `QueryParams('${this.toString()}')`;
  }
}

/** An immutable, case-insensitive multidict of headers over `[name, value]` byte pairs. */
export class Headers {
  protected _list: [Bytes, Bytes][];

  /** `Headers({ "Content-Type": "…" })`, `Headers({ raw })` or `Headers({ scope })`. */
  constructor(options: { headers?: Record<string, string>; raw?: [Bytes, Bytes][]; scope?: Scope } = {}) {
    if (options.headers) this._list = Object.entries(options.headers).map(([k, v]) => [latin1_encode(k.toLowerCase()), latin1_encode(v)]);
    else if (options.raw) this._list = options.raw;
    else if (options.scope) this._list = options.scope.headers = [...options.scope.headers];
    else this._list = [];
  }

  get raw(): [Bytes, Bytes][] {
    return [...this._list];
  }

  keys(): string[] {
    return this._list.map(([k]) => latin1_decode(k));
  }

  values(): string[] {
    return this._list.map(([, v]) => latin1_decode(v));
  }

  items(): [string, string][] {
    return this._list.map(([k, v]) => [latin1_decode(k), latin1_decode(v)]);
  }

  getlist(key: string): string[] {
    const wanted = key.toLowerCase();
    const out: string[] = [];
    for (const [k, v] of this._list) if (latin1_decode(k) === wanted) out.push(latin1_decode(v));
    return out;
  }

  mutablecopy(): MutableHeaders {
    return new MutableHeaders({ raw: [...this._list] });
  }

  /** `headers[key]`: the first value (KeyError when absent). */
  getitem(key: string): string {
    const value = this.get(key);
    if (value === null) throw new KeyError(key);
    return value;
  }

  get(key: string): string | null;
  get<D>(key: string, default_: D): string | D;
  get(key: string, default_: unknown = null): unknown {
    const wanted = key.toLowerCase();
    for (const [k, v] of this._list) if (latin1_decode(k) === wanted) return latin1_decode(v);
    return default_;
  }

  has(key: string): boolean {
    return this.get(key) !== null;
  }

  get length(): number {
    return this._list.length;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }

  __repr__(): string {
    const items = this.items();
    const as_dict = new Map(items);
    const body = [...as_dict].map(([k, v]) => `'${k}': '${v}'`).join(", ");
    return as_dict.size === items.length ? `Headers({${body}})` : `Headers(raw=${items.length} pairs)`;
  }
}

export class MutableHeaders extends Headers {
  override get raw(): [Bytes, Bytes][] {
    return this._list;
  }

  /** `headers[key] = value`: replaces the first occurrence in place and drops any others. */
  setitem(key: string, value: string): void {
    const set_key = latin1_encode(key.toLowerCase());
    const set_value = latin1_encode(value);
    const wanted = key.toLowerCase();
    const found: number[] = [];
    this._list.forEach(([k], i) => {
      if (latin1_decode(k) === wanted) found.push(i);
    });
    for (const i of found.slice(1).reverse()) this._list.splice(i, 1);
    if (found.length) this._list[found[0]] = [set_key, set_value];
    else this._list.push([set_key, set_value]);
  }

  /** `headers[key] = value`, spelled as the lab's other header maps spell it (Django, Werkzeug). */
  set(key: string, value: string): void {
    this.setitem(key, value);
  }

  /** `del headers[key]`: every occurrence. */
  delitem(key: string): void {
    const wanted = key.toLowerCase();
    for (let i = this._list.length - 1; i >= 0; i--) if (latin1_decode(this._list[i][0]) === wanted) this._list.splice(i, 1);
  }

  setdefault(key: string, value: string): string {
    const existing = this.get(key);
    if (existing !== null) return existing;
    this._list.push([latin1_encode(key.toLowerCase()), latin1_encode(value)]);
    return value;
  }

  update(other: Record<string, string> | Iterable<[string, string]>): void {
    const entries = Symbol.iterator in (other as object) ? [...(other as Iterable<[string, string]>)] : Object.entries(other);
    for (const [k, v] of entries) this.setitem(k, v);
  }

  /** Add a header, keeping any already there (`Set-Cookie`). */
  append(key: string, value: string): void {
    this._list.push([latin1_encode(key.toLowerCase()), latin1_encode(value)]);
  }

  add_vary_header(vary: string): void {
    const existing = this.get("vary");
    this.setitem("vary", existing !== null ? `${existing}, ${vary}` : vary);
  }
}

/**
 * `request.state` / `app.state`: a dict read through attributes (`state.db`). An attribute never
 * set is Python's AttributeError "'State' object has no attribute 'x'".
 */
export class State {
  _state: Record<string, unknown>;
  [attribute: string]: unknown;

  constructor(state: Record<string, unknown> = {}) {
    this._state = state;
    return new Proxy(this, {
      get(target, key, receiver) {
        if (typeof key === "symbol" || key in target) return Reflect.get(target, key, receiver);
        if (Object.prototype.hasOwnProperty.call(target._state, key)) return target._state[key];
        throw new AttributeError(`'State' object has no attribute '${key}'`);
      },
      set(target, key, value) {
        if (key === "_state") target._state = value;
        else target._state[key as string] = value;
        return true;
      },
      has(target, key) {
        return typeof key === "string" && Object.prototype.hasOwnProperty.call(target._state, key);
      },
      deleteProperty(target, key) {
        if (!Object.prototype.hasOwnProperty.call(target._state, key)) throw new AttributeError(`'State' object has no attribute '${String(key)}'`);
        delete target._state[key as string];
        return true;
      },
    });
  }
}

/**
 * `UploadFile(file, { size, filename, headers })`: a file sent in a multipart form — its
 * `filename`, `size`, part `headers` and `content_type` (the part's Content-Type, or None), and
 * the async file methods `read(size=-1)`, `write(data)`, `seek(offset)`, `close()`. Starlette
 * spools the bytes to a temporary file past 1 MB; here they stay in a `BytesIO` (a page has no
 * disk), so every call is in memory.
 */
export class UploadFile {
  filename: string | null;
  file: BytesIO;
  size: number | null;
  headers: Headers;

  constructor(file: BytesIO, options: { size?: number | null; filename?: string | null; headers?: Headers | null } = {}) {
    this.file = file;
    this.filename = options.filename ?? null;
    this.size = options.size ?? null;
    this.headers = options.headers ?? new Headers();
  }

  get content_type(): string | null {
    return this.headers.get("content-type");
  }

  async write(data: Bytes): Promise<void> {
    if (this.size !== null) this.size += data.length;
    this.file.write(data);
  }

  async read(size = -1): Promise<Bytes> {
    return this.file.read(size);
  }

  async seek(offset: number): Promise<void> {
    this.file.seek(offset);
  }

  async close(): Promise<void> {
    this.file.close();
  }

  __repr__(): string {
    return `${this.constructor.name}(filename=${py_repr(this.filename)}, size=${py_repr(this.size)}, headers=${this.headers.__repr__()})`;
  }
}
