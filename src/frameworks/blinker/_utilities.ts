/**
 * blinker._utilities: what blinker keys its receivers and senders by — a receiver or sender → a
 * stable identifier (`make_id`), a receiver → a weak reference to it (`make_ref`) — and `Symbol`,
 * the named constant `ANY` is made of.
 *
 * Python's `id(obj)` is the object's address; here it is a counter kept in a WeakMap and never
 * reused, so the id of a receiver that was garbage-collected cannot be taken by a new object.
 * A string or an integer is its own id (Python keys `str` and `int` senders by value), so
 * `connect(fn, "orders")` hears `send("orders")` whichever string object carries the text.
 */

/**
 * `Symbol(name)`: a constant that prints as its name; asking twice for one name gives the same
 * object (`Symbol("ANY") === Symbol("ANY")`). JavaScript's own `Symbol` is shadowed in this module
 * only; import this one as `blinker`'s `Symbol` where both are needed.
 */
export class Symbol {
  static readonly symbols = new Map<string, Symbol>();
  readonly name!: string;

  constructor(name: string) {
    const known = Symbol.symbols.get(name);
    if (known !== undefined) return known;
    this.name = name;
    Symbol.symbols.set(name, this);
  }

  __repr__(): string {
    return this.name;
  }

  toString(): string {
    return this.name;
  }
}

/** An identifier a Map can key by: a number for an object, a tagged string for a value or a bound method. */
export type Id = number | string;

let next_id = 1;
const object_ids = new WeakMap<object, number>();

/** Python's `id(obj)` for an object or a function (never 0: that is `ANY_ID`). */
export function id(obj: object): number {
  let known = object_ids.get(obj);
  if (known === undefined) object_ids.set(obj, (known = next_id++));
  return known;
}

/** A bound method (`obj.method` in Python): a callable carrying its object and its function. */
export interface BoundMethod {
  (...args: any[]): unknown;
  __self__: object;
  __func__: Function;
}

/** Python's `inspect.ismethod`: the callables Django's and blinker's ports build as `bound_method(obj, fn)`. */
export function ismethod(obj: unknown): obj is BoundMethod {
  return typeof obj === "function" && "__self__" in obj && "__func__" in obj;
}

/**
 * `make_id(obj)`: a bound method by (its function, its object) — each `obj.method` is a new
 * callable, but the pair is stable; a `str` or an `int` by its value; anything else by `id()`.
 * `None` is one object, so every `null` (and `undefined`, which JavaScript adds) has one id.
 */
export function make_id(obj: unknown): Id {
  if (ismethod(obj)) return `m${id(obj.__func__)},${id(obj.__self__)}`;
  if (typeof obj === "string") return `s${obj}`;
  if (typeof obj === "number") return Number.isInteger(obj) ? `i${obj}` : `f${obj}`;
  if (typeof obj === "boolean") return obj ? "i1" : "i0"; // Python's True == 1 and hashes as 1
  if (typeof obj === "bigint") return `i${obj}`;
  if (obj === null || obj === undefined) return NONE_ID;
  if (typeof obj === "object" || typeof obj === "function") return id(obj);
  return `v${String(obj)}`;
}

/** `id(None)`: a value no counter gives. */
const NONE_ID = -1;

/** A weak reference: Python's `weakref.ref` / `WeakMethod`, dereferenced by `deref()` (Python calls it). */
export interface Ref<T> {
  deref(): T | undefined;
}

/**
 * `make_ref(obj, callback)`: a weak reference — for a bound method, one that lives as long as the
 * method's object and its function do, and hands back a fresh bound method each time (Python's
 * `WeakMethod`). `callback` runs some time after the target is collected (a FinalizationRegistry
 * callback: JavaScript collects later than CPython's reference counting, and never on a schedule).
 */
export function make_ref<T extends object>(obj: T, callback: ((ref: Ref<T>) => void) | null = null): Ref<T> {
  let ref: Ref<T>;
  if (ismethod(obj)) {
    const owner = new WeakRef(obj.__self__);
    const func = new WeakRef(obj.__func__);
    ref = {
      deref() {
        const self = owner.deref();
        const fn = func.deref();
        return self && fn ? (rebind(self, fn) as unknown as T) : undefined;
      },
    };
  } else {
    const target = new WeakRef(obj);
    ref = { deref: () => target.deref() };
  }
  if (callback !== null) finalizer.register(ismethod(obj) ? obj.__self__ : obj, () => callback(ref));
  return ref;
}

const finalizer = new FinalizationRegistry<() => void>((cleanup) => cleanup());

/** A bound method again, from its object and function (what `WeakMethod()` returns). */
function rebind(owner: object, func: Function): BoundMethod {
  const method = ((...args: unknown[]) => func.apply(owner, args)) as BoundMethod;
  Object.defineProperty(method, "name", { value: func.name });
  method.__self__ = owner;
  method.__func__ = func;
  return method;
}

/** Python's `inspect.iscoroutinefunction`: `async function` / `async () =>` (a bound method's function). */
export function iscoroutinefunction(fn: unknown): boolean {
  const target = ismethod(fn) ? fn.__func__ : fn;
  return typeof target === "function" && Object.prototype.toString.call(target) === "[object AsyncFunction]";
}
