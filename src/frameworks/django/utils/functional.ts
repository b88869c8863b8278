/**
 * django.utils.functional: a computation → a value computed later, once or on every use.
 * Main names: `cached_property` (a method → an attribute computed on first read and kept on the
 * instance), `lazy` (a function → a function returning `Promise` proxies that call it when cast),
 * `SimpleLazyObject` (a setup function → an object that runs it on first use, then behaves as
 * what it returned), `classproperty`, `keep_lazy`, `lazystr`.
 *
 *   class Person(models.Model):                  export class Person extends models.Model {
 *       @cached_property                            get friends() { return this.friendship_set.count(); }
 *       def friends(self): ...                      static { cached_property(this, "friends"); }
 *                                                 }
 *   lazy_url = lazy(reverse, str)              →  const lazy_url = lazy(reverse, String);
 *   user = SimpleLazyObject(lambda: get_user(r)) →  const user = new SimpleLazyObject(() => get_user(r));
 *
 * How `@cached_property` is spelled (a getter, then the decorator in a `static {}` block after it)
 * is docs/adr/0044-cached-property-and-lazy-values.md. `Promise` is Django's name for the base
 * class of lazy proxies (`isinstance(x, Promise)`); importing it shadows JavaScript's `Promise` in
 * that file only.
 */
import { NotImplementedError, TypeError, py_repr } from "../../python/builtins";

// ---------------------------------------------------------------------------------------------
// cached_property

/** The getter cached_property installs: marks itself so introspection can say "cached_property". */
type CachedGetter = (() => unknown) & { __cached_property__?: true; func?: Function };

/**
 * `cached_property(owner, name)`: the getter `name` of class `owner` becomes a cached property —
 * the first read on an instance runs it and stores the value on that instance (Python's
 * `instance.__dict__[name]`), which then answers every later read without running it again;
 * `delete obj[name]` (Python's `del obj.name`) forgets the value so the next read computes anew.
 * Assigning `obj[name] = v` sets the cached value, as in Python.
 *
 * A plain method (`friends() {…}`) is accepted too, as Python's `@cached_property def friends`
 * is; reading `obj.friends` then runs it as a getter.
 */
export function cached_property(owner: Function, name: string): void {
  const proto = owner.prototype as object;
  const d = Object.getOwnPropertyDescriptor(proto, name);
  const func = (d?.get ?? d?.value) as ((this: unknown) => unknown) | undefined;
  if (typeof func !== "function")
    throw new TypeError(`cached_property: ${owner.name} has no method or getter named '${name}' to cache.`);
  if ((d?.get as CachedGetter | undefined)?.__cached_property__) return;
  const getter: CachedGetter = function (this: object) {
    if (this === proto) return getter; // the class's own attribute: the descriptor itself
    const value = func.call(this);
    Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  getter.__cached_property__ = true;
  getter.func = func;
  Object.defineProperty(getter, "name", { value: name });
  Object.defineProperty(proto, name, {
    get: getter,
    set(this: object, value: unknown) {
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: false,
    configurable: true,
  });
}

/** Is `name` on `owner` a cached_property? (For the class panel's attribute kinds.) */
export function is_cached_property(owner: Function, name: string): boolean {
  const d = Object.getOwnPropertyDescriptor(owner.prototype as object, name);
  return Boolean((d?.get as CachedGetter | undefined)?.__cached_property__);
}

// ---------------------------------------------------------------------------------------------
// classproperty

/**
 * `classproperty(method)`: a property read on the class (`MyModel.label`), the method called with
 * the class. In a class body the TypeScript spelling is a static getter (`static get label()`),
 * which is what a classproperty is; the object form exists for code that builds one by hand.
 */
export class classproperty<T = unknown> {
  fget: ((cls: any) => T) | null;
  constructor(method: ((cls: any) => T) | null = null) {
    this.fget = method;
  }
  __get__(_instance: unknown, cls: unknown = null): T {
    return this.fget!(cls);
  }
  getter(method: (cls: any) => T): this {
    this.fget = method;
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Promise, lazy, lazystr, keep_lazy

/** The base class of every lazy proxy made by `lazy()` (`isinstance(value, Promise)`). */
export class Promise {}

type ResultClass = Function;
type AnyFn = (...args: any[]) => any;

/**
 * A lazy value: the function and its arguments, called again on each use (`str(proxy)`, a
 * comparison, a method of the result class). Python's `lazy.<locals>.__proxy__`.
 */
export class __proxy__ extends Promise {
  declare readonly _func: AnyFn;
  declare readonly _args: unknown[];
  declare readonly _resultclasses: ResultClass[];
  constructor(func: AnyFn, args: unknown[], resultclasses: ResultClass[]) {
    super();
    Object.defineProperties(this, {
      _func: { value: func },
      _args: { value: args },
      _resultclasses: { value: resultclasses },
    });
  }
  /** Evaluate now: the function's result for these arguments. */
  __cast(): any {
    return this._func(...this._args);
  }
  override toString(): string {
    return String(this.__cast());
  }
  override valueOf(): unknown {
    const value = this.__cast();
    return value !== null && typeof value === "object" ? value.valueOf() : value;
  }
  [Symbol.toPrimitive](hint: string): unknown {
    return hint === "string" ? this.toString() : this.valueOf();
  }
  toJSON(): unknown {
    return this.__cast();
  }
  __eq__(other: unknown): boolean {
    const o = other instanceof __proxy__ ? other.__cast() : other;
    return this.__cast() === o;
  }
  __repr__(): string {
    return `<django.utils.functional.lazy.<locals>.__proxy__ object>`;
  }
}

/** Each result class's methods, delegated to the evaluated value (Python's `__prepare_class__`). */
function proxy_class_for(resultclasses: ResultClass[]): typeof __proxy__ {
  const cls = class extends __proxy__ {};
  for (const rc of resultclasses) {
    const proto = (rc as { prototype?: object }).prototype;
    if (!proto) continue;
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === "constructor" || key in cls.prototype) continue;
      const d = Object.getOwnPropertyDescriptor(proto, key)!;
      if (typeof d.value !== "function") continue;
      Object.defineProperty(cls.prototype, key, {
        value: function (this: __proxy__, ...args: unknown[]) {
          const value = this.__cast();
          return (Object(value) as Record<string, AnyFn>)[key](...args);
        },
        writable: true,
        configurable: true,
      });
    }
  }
  Object.defineProperty(cls, "name", { value: "__proxy__" });
  return cls;
}

/**
 * `lazy(func, ...resultclasses)`: a function that, called, returns a proxy instead of calling
 * `func`; the proxy calls `func` with those arguments each time it is used as a value.
 * `reverse_lazy` is `lazy(reverse, String)`; `gettext_lazy` is `lazy(gettext, String)` in Django.
 */
export function lazy<F extends AnyFn>(func: F, ...resultclasses: ResultClass[]): (...args: Parameters<F>) => any {
  if (resultclasses.length === 0) throw new TypeError("You must pass at least one argument to lazy().");
  const cls = proxy_class_for(resultclasses);
  const __wrapper__ = (...args: unknown[]) => new cls(func, args, resultclasses);
  Object.defineProperty(__wrapper__, "name", { value: func.name });
  return __wrapper__ as (...args: Parameters<F>) => any;
}

/** `lazystr(text)`: a lazy `str(text)`. */
export function lazystr(text: unknown): __proxy__ {
  return lazy((t: unknown) => String(t), String)(text);
}

/**
 * `keep_lazy(...resultclasses)(func)`: `func` again, except that when any argument is a lazy
 * `Promise`, the call itself is deferred (the result is lazy too) — so a lazy string stays lazy
 * through `capfirst`, `format_lazy`…
 */
export function keep_lazy(...resultclasses: ResultClass[]): <F extends AnyFn>(func: F) => F {
  if (resultclasses.length === 0) throw new TypeError("You must pass at least one argument to keep_lazy().");
  return <F extends AnyFn>(func: F): F => {
    const lazy_func = lazy(func, ...resultclasses);
    const wrapper = function (this: unknown, ...args: unknown[]) {
      const kwargs = args.length && args[args.length - 1] !== null && typeof args[args.length - 1] === "object" && !(args[args.length - 1] instanceof Promise) ? Object.values(args[args.length - 1] as object) : [];
      if ([...args, ...kwargs].some((a) => a instanceof Promise)) return lazy_func(...(args as Parameters<F>));
      return func.apply(this, args);
    };
    Object.defineProperty(wrapper, "name", { value: func.name });
    return wrapper as unknown as F;
  };
}

/** `keep_lazy_text(func)`: `keep_lazy(str)(func)`. */
export function keep_lazy_text<F extends AnyFn>(func: F): F {
  return keep_lazy(String)(func);
}

// ---------------------------------------------------------------------------------------------
// LazyObject, SimpleLazyObject

/** The marker of a lazy object not set up yet (Django's `empty`). */
export const empty: unique symbol = Symbol("empty");

/** Names a LazyObject answers itself; everything else goes to the wrapped object. */
const OWN = new Set<PropertyKey>(["_wrapped", "_setup", "_setupfunc", "__repr__", "__copy__", "__deepcopy__", "__reduce__"]);

/**
 * `LazyObject`: a stand-in whose `_setup()` makes the real object on first use; every attribute
 * read, write, `in` test and delete after that goes to the real object (`_wrapped`), and
 * `instanceof` answers for its class (Python's `__class__` property). Subclasses define `_setup`.
 */
export class LazyObject {
  declare _wrapped: any;

  constructor() {
    (this as { _wrapped: unknown })._wrapped = empty;
    const target = this;
    const ready = () => {
      if (target._wrapped === empty) target._setup();
      return target._wrapped;
    };
    return new Proxy(target, {
      get(t, key, receiver) {
        if (OWN.has(key) || key === "constructor" && t._wrapped === empty) return Reflect.get(t, key, receiver);
        if (key === Symbol.toPrimitive || key === "toString" || key === "valueOf") {
          const value = ready();
          const member = (Object(value) as Record<PropertyKey, unknown>)[key];
          return typeof member === "function" ? (member as AnyFn).bind(value) : member;
        }
        const wrapped = ready();
        if (wrapped === null || wrapped === undefined) return undefined;
        const value = Reflect.get(Object(wrapped), key);
        return typeof value === "function" && key !== "constructor" ? (value as AnyFn).bind(wrapped) : value;
      },
      set(t, key, value) {
        if (key === "_wrapped" || key === "_setupfunc") return Reflect.set(t, key, value);
        return Reflect.set(Object(ready()), key, value);
      },
      has(_t, key) {
        return key in Object(ready());
      },
      deleteProperty(_t, key) {
        if (key === "_wrapped") throw new TypeError("can't delete _wrapped.");
        return Reflect.deleteProperty(Object(ready()), key);
      },
      ownKeys() {
        return Reflect.ownKeys(Object(ready()));
      },
      getOwnPropertyDescriptor(_t, key) {
        const d = Reflect.getOwnPropertyDescriptor(Object(ready()), key);
        return d && { ...d, configurable: true };
      },
      getPrototypeOf() {
        return Object.getPrototypeOf(Object(ready()));
      },
    });
  }

  /** Make the wrapped object (subclasses must). */
  _setup(): void {
    throw new NotImplementedError("subclasses of LazyObject must provide a _setup() method");
  }
}

/**
 * `SimpleLazyObject(func)`: a lazy object made by calling `func()` on first use — how Django's
 * AuthenticationMiddleware gives every request a `request.user` that costs nothing until read.
 */
export class SimpleLazyObject extends LazyObject {
  declare _setupfunc: () => unknown;

  constructor(func: () => unknown) {
    super();
    (this as { _setupfunc: unknown })._setupfunc = func;
  }

  override _setup(): void {
    this._wrapped = this._setupfunc();
  }

  __repr__(): string {
    const repr_attr = this._wrapped === empty ? this._setupfunc : this._wrapped;
    const shown = typeof repr_attr === "function" ? `<function ${repr_attr.name || "<lambda>"}>` : py_repr(repr_attr);
    return `<SimpleLazyObject: ${shown}>`;
  }
}

/** `partition(predicate, values)`: `[values where false, values where true]`. */
export function partition<T>(predicate: (value: T) => unknown, values: Iterable<T>): [T[], T[]] {
  const results: [T[], T[]] = [[], []];
  for (const item of values) results[predicate(item) ? 1 : 0].push(item);
  return results;
}
