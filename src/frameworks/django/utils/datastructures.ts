/**
 * django.utils.datastructures: the dictionaries Django's request and response are made of.
 *
 * - `MultiValueDict`: a key → list of values dict whose `d[key]` is the *last* value. An HTML form
 *   may send `tag=a&tag=b`; `getitem("tag")` is "b", `getlist("tag")` is ["a", "b"]. QueryDict
 *   (request.GET / request.POST) and request.FILES are MultiValueDicts.
 * - `CaseInsensitiveMapping`: a read-only mapping whose lookups ignore case but which remembers
 *   each key's original spelling; `request.headers` and `response.headers` build on it.
 * - `ImmutableList`: a list that refuses changes with a chosen message (the upload handlers once
 *   the body has been parsed).
 */
import { AttributeError, KeyError, ValueError, py_repr } from "../../python/builtins";
import { bounded_cache } from "../../python/functools";

/** `d[key]` on a MultiValueDict for a missing key: a KeyError, so `except KeyError` catches it. */
export class MultiValueDictKeyError extends KeyError {}

export type MultiValueInit<V> = Iterable<[string, V[]]> | Record<string, V[]> | Map<string, V[]>;

/** Sentinel meaning "no default given" for `pop`. */
const NO_DEFAULT = Symbol("no default");

export class MultiValueDict<V = any> {
  /** key → list of values, in first-insertion order of keys (Python dicts keep that order). */
  protected _data = new Map<string, V[]>();

  constructor(key_to_list_mapping?: MultiValueInit<V>) {
    if (key_to_list_mapping) for (const [k, list] of entries_of(key_to_list_mapping)) this._data.set(k, list);
  }

  /** `d[key]`: the last value; `[]` for an empty list; MultiValueDictKeyError when missing. */
  getitem(key: string): V | V[] {
    const list = this._data.get(key);
    if (list === undefined) throw new MultiValueDictKeyError(key);
    return list.length ? list[list.length - 1] : [];
  }

  /** `d[key] = value` replaces the whole list with `[value]`. */
  setitem(key: string, value: V): void {
    this._data.set(key, [value]);
  }

  /** `del d[key]` */
  delitem(key: string): void {
    if (!this._data.delete(key)) throw new KeyError(key);
  }

  /** `d.get(key, default)`: the last value, or `default` when missing or the list is empty. */
  get<D = null>(key: string, default_: D = null as D): V | D {
    const list = this._data.get(key);
    if (list === undefined || list.length === 0) return default_;
    return list[list.length - 1];
  }

  /** `d.getlist(key, default)`: a copy of the list; `default` (or `[]`) when the key is missing. */
  getlist(key: string, default_: V[] | null = null): V[] {
    const list = this._data.get(key);
    if (list === undefined) return default_ ?? [];
    return [...list];
  }

  /** `d.setlist(key, list_)` */
  setlist(key: string, list_: V[]): void {
    this._data.set(key, list_);
  }

  /** `d.setdefault(key, default)`: store `[default]` if missing, then return `d[key]`. */
  setdefault(key: string, default_: V | null = null): V | V[] {
    if (!this._data.has(key)) this.setitem(key, default_ as V);
    return this.getitem(key);
  }

  /** `d.setlistdefault(key, default_list)`: the stored list itself (appending to it changes `d`). */
  setlistdefault(key: string, default_list: V[] | null = null): V[] {
    if (!this._data.has(key)) this.setlist(key, default_list ?? []);
    return this._data.get(key)!;
  }

  /** `d.appendlist(key, value)` */
  appendlist(key: string, value: V): void {
    this.setlistdefault(key).push(value);
  }

  /** `d.pop(key[, default])`: removes the key and returns its whole list. */
  pop(key: string, default_: any = NO_DEFAULT): V[] | any {
    const list = this._data.get(key);
    if (list === undefined) {
      if (default_ === NO_DEFAULT) throw new KeyError(key);
      return default_;
    }
    this._data.delete(key);
    return list;
  }

  /** `d.popitem()`: removes the last key, returning `[key, list]`. */
  popitem(): [string, V[]] {
    const last = [...this._data.keys()].pop();
    if (last === undefined) throw new KeyError("popitem(): dictionary is empty");
    const list = this._data.get(last)!;
    this._data.delete(last);
    return [last, list];
  }

  clear(): void {
    this._data.clear();
  }

  /** `key in d` */
  has(key: string): boolean {
    return this._data.has(key);
  }

  /** `key in d`, as Python's protocol names it. */
  __contains__(key: string): boolean {
    return this.has(key);
  }

  /** `len(d)`: the number of keys. */
  get length(): number {
    return this._data.size;
  }

  len(): number {
    return this._data.size;
  }

  keys(): string[] {
    return [...this._data.keys()];
  }

  /** `d.items()`: `[key, last value]` pairs. */
  items(): [string, V | V[]][] {
    return this.keys().map((k) => [k, this.getitem(k)]);
  }

  /** `d.values()`: the last value of each key. */
  values(): (V | V[])[] {
    return this.keys().map((k) => this.getitem(k));
  }

  /** `d.lists()`: `[key, list]` pairs (the stored lists). */
  lists(): [string, V[]][] {
    return [...this._data.entries()];
  }

  /** Iterating a dict yields its keys. */
  [Symbol.iterator](): Iterator<string> {
    return this._data.keys();
  }

  /**
   * `d.update(other)` *appends*: values of a MultiValueDict extend the lists, pairs or a mapping
   * add one value per key.
   */
  update(other: MultiValueDict<V> | Iterable<[string, V]> | Record<string, V> | Map<string, V> = {}, kwargs: Record<string, V> = {}): void {
    if (other instanceof MultiValueDict) {
      for (const [k, list] of other.lists()) this.setlistdefault(k).push(...list);
    } else {
      for (const [k, v] of entries_of(other)) this.setlistdefault(k).push(v);
    }
    for (const [k, v] of Object.entries(kwargs)) this.setlistdefault(k).push(v);
  }

  /** `d.copy()`: a shallow copy (lists copied, values shared). */
  copy(): MultiValueDict<V> {
    const result = new (this.constructor as new () => MultiValueDict<V>)();
    for (const [k, list] of this.lists()) result._data.set(k, [...list]);
    return result;
  }

  /** `d.dict()`: key → last value (or `[]`), as a plain object. */
  dict(): Record<string, V | V[]> {
    const out: Record<string, V | V[]> = {};
    for (const k of this.keys()) out[k] = this.getitem(k);
    return out;
  }

  __repr__(): string {
    const body = this.lists().map(([k, list]) => `${py_repr(k)}: ${py_repr(list)}`).join(", ");
    return `<${this.constructor.name}: {${body}}>`;
  }

  toString(): string {
    return this.__repr__();
  }
}

/** Pairs from a Map, an iterable of pairs, or a plain object. */
function entries_of<T>(source: Iterable<[string, T]> | Record<string, T> | Map<string, T>): Iterable<[string, T]> {
  if (source instanceof Map) return source.entries();
  if (Symbol.iterator in (source as object)) return source as Iterable<[string, T]>;
  return Object.entries(source as Record<string, T>);
}

/** Pairs for a CaseInsensitiveMapping: a mapping's items, or a list of 2-item pairs with string keys. */
export function unpack_items<T>(data: Iterable<[string, T]> | Record<string, T> | Map<string, T> | null | undefined): [string, T][] {
  if (!data) return [];
  if (data instanceof Map || !(Symbol.iterator in (data as object))) return [...entries_of(data)];
  const out: [string, T][] = [];
  let i = 0;
  for (const elem of data as Iterable<unknown>) {
    if (!Array.isArray(elem) || elem.length !== 2) throw new ValueError(`field #${i} has length ${Array.isArray(elem) ? elem.length : 1}; 2 is required`);
    if (typeof elem[0] !== "string") throw new ValueError(`Element key ${py_repr(elem[0])} invalid, only strings are allowed`);
    out.push(elem as [string, T]);
    i++;
  }
  return out;
}

/**
 * `key.lower()`, remembered for the few keys a program uses (header names are mostly literals):
 * a fresh lowercased string would be allocated and hashed again on every lookup.
 */
export const lower_key: (key: string) => string = bounded_cache(512, (key) => key.toLowerCase());

/**
 * A mapping that looks keys up case-insensitively and keeps each key's last-set spelling.
 * Iteration yields `[key, value]` pairs (what a for-of over `.items()` would give in Python).
 */
export class CaseInsensitiveMapping<V = string> {
  /** lowercased key → [original key, value] */
  protected _store = new Map<string, [string, V]>();

  constructor(data?: Iterable<[string, V]> | Record<string, V> | Map<string, V> | null) {
    if (data) for (const [k, v] of unpack_items(data)) this._store.set(lower_key(k), [k, v]);
  }

  /** `m[key]`: KeyError when missing. */
  getitem(key: string): V {
    const entry = this._store.get(lower_key(key));
    if (!entry) throw new KeyError(key);
    return entry[1];
  }

  /** `m.get(key, default)` */
  get<D = null>(key: string, default_: D = null as D): V | D {
    const entry = this._store.get(lower_key(String(key)));
    return entry ? entry[1] : default_;
  }

  /** `key in m` */
  has(key: string): boolean {
    return this._store.has(lower_key(String(key)));
  }

  get length(): number {
    return this._store.size;
  }

  len(): number {
    return this._store.size;
  }

  keys(): string[] {
    return [...this._store.values()].map(([k]) => k);
  }

  values(): V[] {
    return [...this._store.values()].map(([, v]) => v);
  }

  items(): [string, V][] {
    const items: [string, V][] = [];
    for (const [k, v] of this._store.values()) items.push([k, v]);
    return items;
  }

  /**
   * The stored `[key, value]` pairs themselves, in order (a pair is replaced, never changed, when
   * a key is set): a snapshot that costs one array, for the trace's header comparisons.
   */
  _pairs(): readonly (readonly [string, V])[] {
    return Array.from(this._store.values());
  }

  /** Whether `pairs` (an earlier `_pairs()`) are still the stored pairs, in order: the snapshot still holds. */
  _holds(pairs: readonly (readonly [string, V])[]): boolean {
    if (pairs.length !== this._store.size) return false;
    let i = 0;
    for (const pair of this._store.values()) if (pair !== pairs[i++]) return false;
    return true;
  }

  [Symbol.iterator](): Iterator<[string, V]> {
    return this.items()[Symbol.iterator]();
  }

  /** Equal to another mapping with the same keys (ignoring case) and values. */
  equals(other: unknown): boolean {
    const theirs = other instanceof CaseInsensitiveMapping ? other : other && typeof other === "object" ? new CaseInsensitiveMapping(other as Record<string, V>) : null;
    if (!theirs || theirs.length !== this.length) return false;
    for (const [k, [, v]] of this._store) if (!theirs._store.has(k) || theirs._store.get(k)![1] !== v) return false;
    return true;
  }

  copy(): this {
    const result = Object.create(Object.getPrototypeOf(this)) as this;
    result._store = new Map(this._store);
    return result;
  }

  __repr__(): string {
    return `{${this.items().map(([k, v]) => `${py_repr(k)}: ${py_repr(v)}`).join(", ")}}`;
  }

  toString(): string {
    return this.__repr__();
  }
}

/** A tuple-like list whose mutators raise AttributeError(warning). */
export class ImmutableList<T> extends Array<T> {
  warning = "ImmutableList object is immutable.";

  /** Derived arrays (map, filter, slice) are ordinary lists. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  static of_items<T>(items: Iterable<T>, warning?: string): ImmutableList<T> {
    const list = new ImmutableList<T>();
    for (const item of items) Array.prototype.push.call(list, item);
    if (warning) list.warning = warning;
    return Object.freeze(list) as ImmutableList<T>;
  }

  private complain(): never {
    throw new AttributeError(this.warning);
  }

  override push(..._items: T[]): number {
    return this.complain();
  }
  override pop(): T | undefined {
    return this.complain();
  }
  override shift(): T | undefined {
    return this.complain();
  }
  override unshift(..._items: T[]): number {
    return this.complain();
  }
  override splice(..._args: any[]): T[] {
    return this.complain();
  }
  override sort(): this {
    return this.complain();
  }
  override reverse(): T[] {
    return this.complain();
  }
}

