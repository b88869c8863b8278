/**
 * asgiref.compatibility: whatever a router was given as an application → one ASGI 3 callable.
 * Main function: `guarantee_single_callable`.
 *
 * Python accepts any callable: a function, or an instance whose class defines `__call__` (a
 * `URLRouter`, a middleware). Channels' routers and middleware are callable objects here too (see
 * `callable_object`), so a learner can pass `URLRouter([...])` wherever an application goes, as in
 * Python. (ASGI 2 "double callables" do not exist in this codebase.)
 */
import { TypeError } from "../python/builtins";
import type { ASGIApplication, ASGIApplicationLike } from "./typing";

/** `guarantee_single_callable(application)`: the ASGI 3 callable to `await app(scope, receive, send)`. */
export function guarantee_single_callable(application: ASGIApplicationLike | unknown): ASGIApplication {
  if (typeof application === "function") return application as ASGIApplication;
  const call = (application as { __call__?: unknown } | null)?.__call__;
  if (typeof call === "function") return call.bind(application) as ASGIApplication;
  throw new TypeError(`'${application === null ? "NoneType" : typeof application}' object is not callable`);
}

/**
 * Make `instance` callable like a Python object with `__call__`: returns a function that runs
 * `instance.__call__(...)` and *is* the instance (same prototype and fields), so `instanceof`,
 * attributes and methods all work. Used by a class's constructor: `return callable_object(this)`.
 */
export function callable_object<T extends { __call__(...args: any[]): any }>(instance: T): T & T["__call__"] {
  const fn = function (...args: unknown[]) {
    return fn.__call__(...args);
  } as unknown as T & T["__call__"];
  Object.setPrototypeOf(fn, Object.getPrototypeOf(instance));
  for (const key of Reflect.ownKeys(instance)) {
    if (key === "length" || key === "name" || key === "prototype") continue;
    Object.defineProperty(fn, key, Object.getOwnPropertyDescriptor(instance, key)!);
  }
  return fn;
}
