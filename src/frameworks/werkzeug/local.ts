/**
 * werkzeug.local: `LocalProxy` — an object that stands for "whatever this context variable holds
 * right now". Flask's `request`, `session`, `g` and `current_app` are LocalProxies over the
 * request and application context variables: `request.method` looks up the current request
 * context, then its `request`, then `.method`, at every access. Outside a context the lookup fails
 * with the proxy's `unbound_message` (Flask's "Working outside of request context.").
 *
 * JavaScript has the machinery for this: a `Proxy` whose traps resolve the current object first.
 *
 *     const request = LocalProxy(_cv_request, "request", { unbound_message: "Working outside…" });
 *     request.method          // _cv_request.get().request.method
 *     request._get_current_object()
 */
import { RuntimeError } from "../python/builtins";
import type { ContextVar } from "../python/contextvars";

export interface LocalProxyOptions {
  unbound_message?: string | null;
  /** Called on every attribute access with the resolved object (the Context panel's record). */
  on_access?: ((name: string, key: string, obj: unknown) => void) | null;
  /**
   * Methods that spell a Python statement whose value is evaluated before its target:
   * `session[key] = value()` is `session.set(key, value())`, and Python runs `value()` before it
   * looks at `session`. JavaScript looks the method up first; for these names the proxy resolves
   * its object when the method is called instead, so a value that raises leaves the object untouched
   * (for Flask's session: not marked accessed, no `Vary: Cookie`).
   */
  resolved_at_call?: readonly string[];
}

/** What a LocalProxy can read: a ContextVar, or a function returning the object. */
export type ProxySource<T> = ContextVar<any> | (() => T);

const INSPECTION_KEYS = new Set<PropertyKey>(["then", "toJSON", "$$typeof", "asymmetricMatch", "nodeType", "@@__IMMUTABLE_ITERABLE__@@"]);

/**
 * `LocalProxy(local, name=None, *, unbound_message=None)`: with a ContextVar and a name, the proxy
 * stands for `getattr(var.get(), name)`; with a ContextVar alone, for `var.get()`.
 */
export function LocalProxy<T extends object>(local: ProxySource<T>, name: string | null = null, options: LocalProxyOptions = {}): T & { _get_current_object(): T } {
  const message = options.unbound_message ?? "object is not bound";
  const label = name ?? "object";
  const resolve = (): T => {
    if (typeof local === "function") return local();
    let obj: any;
    try {
      obj = local.get();
    } catch {
      throw new RuntimeError(message);
    }
    return name === null ? obj : obj[name];
  };
  const try_resolve = (): T | undefined => {
    try {
      return resolve();
    } catch {
      return undefined;
    }
  };
  const get_current_object = () => resolve();
  // One function per name, made once: it resolves the object when called (`resolved_at_call`).
  const at_call = new Map<string, (...args: unknown[]) => unknown>();
  for (const method of options.resolved_at_call ?? [])
    at_call.set(method, (...args: unknown[]) => {
      const obj = resolve() as any;
      if (options.on_access) options.on_access(label, method, obj);
      return obj[method](...args);
    });
  const handler: ProxyHandler<object> = {
    get(_target, key) {
      if (key === "_get_current_object") return get_current_object;
      if (at_call.size !== 0 && typeof key === "string") {
        const deferred = at_call.get(key);
        if (deferred !== undefined) return deferred;
      }
      if (typeof key === "symbol" || INSPECTION_KEYS.has(key)) {
        const obj = try_resolve() as any;
        const v = obj?.[key];
        return typeof v === "function" ? v.bind(obj) : v;
      }
      const obj = resolve() as any;
      if (options.on_access) options.on_access(label, key, obj);
      const value = obj[key];
      return typeof value === "function" ? value.bind(obj) : value;
    },
    set(_target, key, value) {
      const obj = resolve() as any;
      if (options.on_access && typeof key === "string") options.on_access(label, `${key} =`, obj);
      obj[key] = value;
      return true;
    },
    has(_target, key) {
      return key in (resolve() as object);
    },
    deleteProperty(_target, key) {
      return delete (resolve() as any)[key];
    },
    ownKeys() {
      const obj = try_resolve();
      return obj ? Reflect.ownKeys(obj) : [];
    },
    getOwnPropertyDescriptor(_target, key) {
      const obj = try_resolve();
      const d = obj ? Reflect.getOwnPropertyDescriptor(obj, key) : undefined;
      return d ? { ...d, configurable: true } : undefined;
    },
    getPrototypeOf() {
      const obj = try_resolve();
      return obj ? Object.getPrototypeOf(obj) : Object.prototype;
    },
  };
  return new Proxy({}, handler) as T & { _get_current_object(): T };
}
