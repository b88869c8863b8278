/**
 * werkzeug.datastructures.structures: the dict-likes a request is made of. Main class: `MultiDict`,
 * a dict where one key may hold several values — a query string `?tag=a&tag=b` or a form with
 * repeated fields. `md.getitem("tag")` (Python's `md["tag"]`) gives the *first* value,
 * `md.getlist("tag")` all of them; a missing key is `BadRequestKeyError`, so an unguarded
 * `request.form.getitem("username")` becomes a 400 page rather than a 500.
 *
 * Python's `d[k]`, `d[k] = v`, `del d[k]` and `k in d` are `getitem(k)`, `set(k, v)`,
 * `delitem(k)` and `has(k)` (ADR 0001); iteration yields keys, as a dict does.
 *
 *     const md = new MultiDict([["tag", "a"], ["tag", "b"]]);
 *     md.getitem("tag")   // "a"        md.getlist("tag")   // ["a", "b"]
 *     md.get("page", null, { type: int })                   // null when missing or not a number
 */
import { KeyError, py_repr, TypeError, ValueError } from "../../python/builtins";
import { BadRequestKeyError } from "../exceptions";

export type MultiItems<V> = Iterable<[string, V]> | Record<string, V | V[]> | MultiDict<V> | null | undefined;

/** `type=` of `get`/`getlist`: a conversion that raises ValueError (or TypeError) to reject a value. */
export type Converter<T> = (value: any) => T;

function is_plain_object(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype;
}

/**
 * `iter_multi_items(mapping)`: every (key, value) pair. A MultiDict gives all its values; a dict
 * whose value is a list or tuple gives one pair per item; an iterable of pairs is itself.
 */
export function* iter_multi_items<V>(mapping: MultiItems<V>): Generator<[string, V]> {
  if (mapping === null || mapping === undefined) return;
  if (mapping instanceof MultiDict) {
    yield* mapping.items(true);
    return;
  }
  if (is_plain_object(mapping)) {
    for (const [key, value] of Object.entries(mapping)) {
      if (Array.isArray(value) || value instanceof Set) for (const v of value) yield [key, v as V];
      else yield [key, value as V];
    }
    return;
  }
  if (typeof (mapping as { items?: unknown }).items === "function" && !(Symbol.iterator in mapping)) {
    yield* (mapping as unknown as { items(): Iterable<[string, V]> }).items();
    return;
  }
  for (const pair of mapping as Iterable<[string, V]>) yield [pair[0], pair[1]];
}

/** Is the second argument of `get` Python's keyword arguments (`{ type: int }`) rather than a default? */
function get_options<T>(default_: unknown, options: { type?: Converter<T> | null }): [unknown, Converter<T> | null] {
  if (is_plain_object(default_) && typeof default_.type === "function" && Object.keys(default_).every((k) => k === "type" || k === "default"))
    return [default_.default ?? null, default_.type as Converter<T>];
  return [default_, options.type ?? null];
}

/** Apply `type=`: a ValueError or TypeError means "not a value of that type". */
function convert<T>(type: Converter<T>, value: unknown): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: type(value) };
  } catch (e) {
    if (e instanceof ValueError || e instanceof TypeError) return { ok: false };
    throw e;
  }
}

/** `MultiDict(mapping=None)`: a dict of lists that acts like a dict of first values. */
export class MultiDict<V = string> implements Iterable<string> {
  protected readonly _lists = new Map<string, V[]>();

  constructor(mapping: MultiItems<V> = null) {
    if (mapping instanceof MultiDict) {
      for (const [key, values] of mapping.lists()) this._lists.set(key, [...values]);
    } else if (is_plain_object(mapping)) {
      for (const [key, value] of Object.entries(mapping)) {
        const values = Array.isArray(value) ? [...value] : [value as V];
        if (values.length) this._lists.set(key, values as V[]);
      }
    } else if (mapping) {
      for (const [key, value] of iter_multi_items(mapping)) this.append(key, value);
    }
  }

  private append(key: string, value: V): void {
    const list = this._lists.get(key);
    if (list) list.push(value);
    else this._lists.set(key, [value]);
  }

  /** `md[key]`: the first value; BadRequestKeyError when the key is missing. */
  getitem(key: string): V {
    const list = this._lists.get(key);
    if (list && list.length) return list[0];
    throw new BadRequestKeyError(key);
  }

  /** `md[key] = value`: replace every value of `key` with this one. */
  set(key: string, value: V): void {
    this._lists.set(key, [value]);
  }

  /** `md.add(key, value)`: one more value for `key`. */
  add(key: string, value: V): void {
    this.append(key, value);
  }

  /** `md.get(key, default=None, type=None)` */
  get<T = V>(key: string, default_: unknown = null, options: { type?: Converter<T> | null } = {}): any {
    const [dflt, type] = get_options<T>(default_, options);
    const list = this._lists.get(key);
    if (!list || !list.length) return dflt;
    if (type === null) return list[0];
    const r = convert(type, list[0]);
    return r.ok ? r.value : dflt;
  }

  /** `md.getlist(key, type=None)`: every value (converted, the unconvertible dropped). */
  getlist<T = V>(key: string, options: { type?: Converter<T> | null } = {}): any[] {
    const list = this._lists.get(key) ?? [];
    if (!options.type) return [...list];
    const out: T[] = [];
    for (const v of list) {
      const r = convert(options.type, v);
      if (r.ok) out.push(r.value);
    }
    return out;
  }

  /** `md.setlist(key, new_list)` */
  setlist(key: string, new_list: Iterable<V>): void {
    this._lists.set(key, [...new_list]);
  }

  /** `md.setdefault(key, default=None)` */
  setdefault(key: string, default_: V | null = null): V {
    if (!this.has(key)) this.set(key, default_ as V);
    return this.getitem(key);
  }

  /** `md.setlistdefault(key, default_list=None)`: the live list for `key`. */
  setlistdefault(key: string, default_list: Iterable<V> | null = null): V[] {
    if (!this._lists.has(key)) this._lists.set(key, [...(default_list ?? [])]);
    return this._lists.get(key)!;
  }

  /** `md.items(multi=False)`: (key, first value), or every (key, value) with `multi`. */
  *items(multi = false): Generator<[string, V]> {
    for (const [key, values] of this._lists) {
      if (multi) for (const v of values) yield [key, v];
      else if (values.length) yield [key, values[0]];
    }
  }

  /** `md.lists()`: (key, list of values). */
  *lists(): Generator<[string, V[]]> {
    for (const [key, values] of this._lists) yield [key, [...values]];
  }

  *keys(): Generator<string> {
    yield* this._lists.keys();
  }

  /** `md.values()`: the first value of each key. */
  *values(): Generator<V> {
    for (const values of this._lists.values()) if (values.length) yield values[0];
  }

  *listvalues(): Generator<V[]> {
    for (const values of this._lists.values()) yield [...values];
  }

  [Symbol.iterator](): Iterator<string> {
    return this._lists.keys();
  }

  /** `key in md` */
  has(key: string): boolean {
    return this._lists.has(key);
  }

  /** `len(md)`: the number of keys. */
  len(): number {
    return this._lists.size;
  }

  __len__(): number {
    return this._lists.size;
  }

  /** `del md[key]` */
  delitem(key: string): void {
    if (!this._lists.delete(key)) throw new KeyError(key);
  }

  copy(): this {
    return new (this.constructor as new (m: MultiItems<V>) => this)(this as MultiDict<V>);
  }

  deepcopy(): this {
    return this.copy();
  }

  /** `md.to_dict(flat=True)`: a plain object of first values (or of lists). */
  to_dict(flat = true): Record<string, V | V[]> {
    const out: Record<string, V | V[]> = {};
    for (const [key, values] of this._lists) if (values.length) out[key] = flat ? values[0] : [...values];
    return out;
  }

  /** `md.update(mapping)`: extend with every pair (values are added, not replaced). */
  update(mapping: MultiItems<V>): void {
    for (const [key, value] of iter_multi_items(mapping)) this.append(key, value);
  }

  /** `md.pop(key[, default])`: remove the key, return its first value. */
  pop(key: string, ...default_: [V?]): V {
    const list = this._lists.get(key);
    if (!list) {
      if (default_.length) return default_[0] as V;
      throw new BadRequestKeyError(key);
    }
    this._lists.delete(key);
    if (!list.length) {
      if (default_.length) return default_[0] as V;
      throw new BadRequestKeyError(key);
    }
    return list[0];
  }

  popitem(): [string, V] {
    const last = [...this._lists.keys()].pop();
    if (last === undefined) throw new BadRequestKeyError("popitem(): dictionary is empty");
    const values = this._lists.get(last)!;
    this._lists.delete(last);
    return [last, values[0]];
  }

  /** `md.poplist(key)`: remove the key, return all its values (`[]` if missing). */
  poplist(key: string): V[] {
    const list = this._lists.get(key) ?? [];
    this._lists.delete(key);
    return list;
  }

  popitemlist(): [string, V[]] {
    const last = [...this._lists.keys()].pop();
    if (last === undefined) throw new BadRequestKeyError("popitemlist(): dictionary is empty");
    const values = this._lists.get(last)!;
    this._lists.delete(last);
    return [last, values];
  }

  clear(): void {
    this._lists.clear();
  }

  __repr__(): string {
    return `${this.constructor.name}([${[...this.items(true)].map(([k, v]) => `(${py_repr(k)}, ${py_repr(v)})`).join(", ")}])`;
  }

  toString(): string {
    return this.__repr__();
  }
}

/** What every immutable structure raises on a write. */
export function is_immutable(self: object): never {
  throw new TypeError(`${py_repr(self.constructor.name)} objects are immutable`);
}

/** `ImmutableMultiDict`: `request.args`, `request.form`, `request.cookies` — read-only. */
export class ImmutableMultiDict<V = string> extends MultiDict<V> {
  private frozen = false;
  constructor(mapping: MultiItems<V> = null) {
    super(mapping);
    this.frozen = true;
  }
  override set(key: string, value: V): void {
    if (this.frozen) is_immutable(this);
    super.set(key, value);
  }
  override add(): void {
    is_immutable(this);
  }
  override setlist(): void {
    is_immutable(this);
  }
  override setdefault(): V {
    return is_immutable(this);
  }
  override setlistdefault(): V[] {
    return is_immutable(this);
  }
  override update(): void {
    is_immutable(this);
  }
  override pop(): V {
    return is_immutable(this);
  }
  override popitem(): [string, V] {
    return is_immutable(this);
  }
  override poplist(): V[] {
    return is_immutable(this);
  }
  override popitemlist(): [string, V[]] {
    return is_immutable(this);
  }
  override delitem(): void {
    is_immutable(this);
  }
  override clear(): void {
    is_immutable(this);
  }
  /** A mutable copy (`MultiDict`). */
  override copy(): any {
    return new MultiDict<V>(this);
  }
}

/**
 * `CombinedMultiDict(dicts)`: several MultiDicts read as one — `request.values` is args then form.
 * A key's values are gathered from every dict, in order.
 */
export class CombinedMultiDict<V = string> extends ImmutableMultiDict<V> {
  readonly dicts: MultiDict<V>[];
  constructor(dicts: MultiDict<V>[] = []) {
    super();
    this.dicts = [...dicts];
  }
  override getitem(key: string): V {
    for (const d of this.dicts) if (d.has(key)) return d.getitem(key);
    throw new BadRequestKeyError(key);
  }
  override get<T = V>(key: string, default_: unknown = null, options: { type?: Converter<T> | null } = {}): any {
    const [dflt, type] = get_options<T>(default_, options);
    for (const d of this.dicts) {
      if (!d.has(key)) continue;
      if (type === null) return d.getitem(key);
      const r = convert(type, d.getitem(key));
      if (r.ok) return r.value;
    }
    return dflt;
  }
  override getlist<T = V>(key: string, options: { type?: Converter<T> | null } = {}): any[] {
    return this.dicts.flatMap((d) => d.getlist(key, options));
  }
  override *keys(): Generator<string> {
    const seen = new Set<string>();
    for (const d of this.dicts) for (const k of d.keys()) if (!seen.has(k)) {
      seen.add(k);
      yield k;
    }
  }
  override [Symbol.iterator](): Iterator<string> {
    return this.keys();
  }
  override *items(multi = false): Generator<[string, V]> {
    if (multi) {
      for (const d of this.dicts) yield* d.items(true);
      return;
    }
    for (const key of this.keys()) yield [key, this.getitem(key)];
  }
  override *lists(): Generator<[string, V[]]> {
    for (const key of this.keys()) yield [key, this.getlist(key)];
  }
  override *values(): Generator<V> {
    for (const [, v] of this.items()) yield v;
  }
  override *listvalues(): Generator<V[]> {
    for (const [, v] of this.lists()) yield v;
  }
  override has(key: string): boolean {
    return this.dicts.some((d) => d.has(key));
  }
  override len(): number {
    return [...this.keys()].length;
  }
  override __len__(): number {
    return this.len();
  }
  override to_dict(flat = true): Record<string, V | V[]> {
    const out: Record<string, V | V[]> = {};
    for (const [key, values] of this.lists()) out[key] = flat ? values[0] : values;
    return out;
  }
  override copy(): any {
    return new MultiDict<V>([...this.items(true)]);
  }
}

/** `ImmutableList`: a list that refuses changes (`request.access_route`). */
export class ImmutableList<T> extends Array<T> {
  static override get [Symbol.species]() {
    return Array;
  }
  static of_items<T>(items: Iterable<T>): ImmutableList<T> {
    const list = new ImmutableList<T>();
    Array.prototype.push.apply(list, [...items]);
    return Object.freeze(list) as ImmutableList<T>;
  }
}

/**
 * `CallbackDict(initial=None, on_update=None)`: a dict that calls `on_update(self)` after every
 * change. Flask's `SecureCookieSession` uses it to notice `session["k"] = v` (and sets
 * `modified`); an in-place change to a value inside (`session["cart"].push(x)`) is not seen.
 */
export class CallbackDict<V = unknown> implements Iterable<string> {
  protected readonly _data = new Map<string, V>();
  on_update: ((self: any) => void) | null;

  constructor(initial: Record<string, V> | Iterable<[string, V]> | null = null, on_update: ((self: any) => void) | null = null) {
    if (initial) {
      const entries = is_plain_object(initial) ? Object.entries(initial) : [...(initial as Iterable<[string, V]>)];
      for (const [k, v] of entries) this._data.set(k, v as V);
    }
    this.on_update = on_update;
  }

  protected changed(): void {
    if (this.on_update) this.on_update(this);
  }

  /** `d[key]`: KeyError when missing. */
  getitem(key: string): V {
    if (!this._data.has(key)) throw new KeyError(key);
    return this._data.get(key)!;
  }
  get(key: string, default_: unknown = null): any {
    return this._data.has(key) ? this._data.get(key) : default_;
  }
  /** `d[key] = value` */
  set(key: string, value: V): void {
    this._data.set(key, value);
    this.changed();
  }
  /** `del d[key]` */
  delitem(key: string): void {
    if (!this._data.has(key)) throw new KeyError(key);
    this._data.delete(key);
    this.changed();
  }
  has(key: string): boolean {
    return this._data.has(key);
  }
  /** `d.pop(key[, default])` */
  pop(key: string, ...default_: [unknown?]): any {
    if (this._data.has(key)) {
      const v = this._data.get(key);
      this._data.delete(key);
      this.changed();
      return v;
    }
    if (default_.length) return default_[0];
    throw new KeyError(key);
  }
  popitem(): [string, V] {
    const last = [...this._data.keys()].pop();
    if (last === undefined) throw new KeyError("popitem(): dictionary is empty");
    const v = this._data.get(last)!;
    this._data.delete(last);
    this.changed();
    return [last, v];
  }
  /** `d.setdefault(key, default=None)`: sets (and reports a change) only when missing. */
  setdefault(key: string, default_: V | null = null): V {
    if (this._data.has(key)) return this._data.get(key)!;
    this._data.set(key, default_ as V);
    this.changed();
    return default_ as V;
  }
  update(other: Record<string, V> | Iterable<[string, V]> = {}): void {
    const entries = is_plain_object(other) ? Object.entries(other) : [...(other as Iterable<[string, V]>)];
    for (const [k, v] of entries) this._data.set(k, v as V);
    this.changed();
  }
  clear(): void {
    this._data.clear();
    this.changed();
  }
  keys(): string[] {
    return [...this._data.keys()];
  }
  values(): V[] {
    return [...this._data.values()];
  }
  items(): [string, V][] {
    return [...this._data.entries()];
  }
  len(): number {
    return this._data.size;
  }
  __len__(): number {
    return this._data.size;
  }
  [Symbol.iterator](): Iterator<string> {
    return this._data.keys();
  }
  /** `dict(d)`: a plain object copy. */
  to_dict(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [k, v] of this._data) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  }
  __repr__(): string {
    return `<${this.constructor.name} {${[...this._data].map(([k, v]) => `${py_repr(k)}: ${py_repr(v)}`).join(", ")}}>`;
  }
}

/**
 * `HeaderSet(headers=None, on_update=None)`: a case-insensitive ordered set of header tokens
 * (`Vary`, `Allow`). `response.vary.add("Cookie")` rewrites the `Vary` header.
 */
export class HeaderSet implements Iterable<string> {
  private readonly _headers: string[];
  private readonly _set: Set<string>;
  on_update: ((s: HeaderSet) => void) | null;

  constructor(headers: Iterable<string> | null = null, on_update: ((s: HeaderSet) => void) | null = null) {
    this._headers = [...(headers ?? [])];
    this._set = new Set(this._headers.map((x) => x.toLowerCase()));
    this.on_update = on_update;
  }

  private changed(): void {
    if (this.on_update) this.on_update(this);
  }

  add(header: string): void {
    this.update([header]);
  }

  remove(header: string): void {
    const key = header.toLowerCase();
    if (!this._set.has(key)) throw new KeyError(header);
    this._set.delete(key);
    const i = this._headers.findIndex((h) => h.toLowerCase() === key);
    if (i >= 0) this._headers.splice(i, 1);
    this.changed();
  }

  discard(header: string): void {
    if (this._set.has(header.toLowerCase())) this.remove(header);
  }

  update(iterable: Iterable<string>): void {
    let inserted = false;
    for (const header of iterable) {
      const key = header.toLowerCase();
      if (!this._set.has(key)) {
        this._headers.push(header);
        this._set.add(key);
        inserted = true;
      }
    }
    if (inserted) this.changed();
  }

  find(header: string): number {
    const key = header.toLowerCase();
    return this._headers.findIndex((h) => h.toLowerCase() === key);
  }

  index(header: string): number {
    const i = this.find(header);
    if (i < 0) throw new ValueError(header);
    return i;
  }

  clear(): void {
    this._set.clear();
    this._headers.length = 0;
    this.changed();
  }

  as_set(preserve_casing = false): Set<string> {
    return new Set(preserve_casing ? this._headers : this._headers.map((h) => h.toLowerCase()));
  }

  /** `to_header()`: `Cookie, Accept-Encoding` (items quoted when needed). */
  to_header(): string {
    return this._headers.map((h) => (/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(h) ? h : `"${h.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)).join(", ");
  }

  has(header: string): boolean {
    return this._set.has(header.toLowerCase());
  }

  len(): number {
    return this._set.size;
  }

  __len__(): number {
    return this._set.size;
  }

  __bool__(): boolean {
    return this._set.size > 0;
  }

  [Symbol.iterator](): Iterator<string> {
    return this._headers[Symbol.iterator]();
  }

  toString(): string {
    return this.to_header();
  }
}
