/**
 * asgiref.sync: a synchronous function ↔ an awaitable one — `sync_to_async(f)` turns a blocking
 * function into one you can `await`, `async_to_sync(f)` turns an async function into one you can
 * call from synchronous code (a Django view, a `WebsocketConsumer` handler).
 *
 *     // consumers.ts, inside a sync WebsocketConsumer (Python: async_to_sync(self.channel_layer.group_send)(...))
 *     async_to_sync(this.channel_layer.group_send)("chat_lobby", { type: "chat.message", message })
 *     // an async consumer reads the database through a thread (Python: await database_sync_to_async(get_user)(id))
 *     const user = await database_sync_to_async(get_user)(id)
 *
 * In Python, `async_to_sync` blocks its thread until the coroutine finishes on the event loop, and
 * `sync_to_async` runs the function in a worker thread. The page has one thread, and JavaScript
 * cannot block on a promise (ADR 0015). So:
 *
 * - `sync_to_async(f)` calls `f` at once, on this thread, inside an async wrapper. The wrapper
 *   remembers `f` as its *synchronous form*.
 * - `async_to_sync(f)` calls `f`'s synchronous form when it has one — every channel-layer method,
 *   `channels.auth.login`/`logout`, and anything made by `sync_to_async` has one — so the call
 *   completes before it returns, exactly as in Python.
 * - Without a synchronous form (an ASGI `send`, a learner's own `async function`), `f` is started
 *   and its promise is handed to the nearest enclosing `sync_to_async` call, which awaits it before
 *   it returns: effects happen in order and errors still reach the awaiting caller, but the
 *   synchronous caller does not see the result (it gets the promise).
 */
import { TypeError } from "../python/builtins";
import { getLogger } from "../python/logging";

/** Where a function made by `sync_to_async` (or given one with `with_sync_form`) keeps its synchronous form. */
const SYNC_FORM: unique symbol = Symbol("asgiref.sync.sync_form");

type AnyFunction = (...args: any[]) => any;
type SyncForm<F extends AnyFunction> = (...args: Parameters<F>) => Awaited<ReturnType<F>>;

/** Promises started by `async_to_sync` inside the synchronous part of `sync_to_async` calls (innermost last). */
const started_stack: Promise<unknown>[][] = [];

/**
 * Give an async function the synchronous function that does the same work, for `async_to_sync`
 * to call. Returns the async function.
 */
export function with_sync_form<F extends AnyFunction>(async_fn: F, sync_fn: SyncForm<F>): F {
  Object.defineProperty(async_fn, SYNC_FORM, { value: sync_fn, configurable: true });
  return async_fn;
}

/** The synchronous form of an async function, if it has one. */
export function sync_form_of<F extends AnyFunction>(fn: F): SyncForm<F> | null {
  return ((fn as unknown as Record<symbol, unknown>)[SYNC_FORM] as SyncForm<F> | undefined) ?? null;
}

/**
 * `sync_to_async(func, thread_sensitive=True)`: an async function that runs `func` (on this thread,
 * synchronously) and then waits for whatever `async_to_sync` started inside it.
 */
export function sync_to_async<F extends AnyFunction>(func: F, _options: { thread_sensitive?: boolean } = {}): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>> {
  if (typeof func !== "function") throw new TypeError("sync_to_async can only be applied to sync functions.");
  const wrapper = async function (this: unknown, ...args: Parameters<F>): Promise<Awaited<ReturnType<F>>> {
    const result = run_collecting(() => func.apply(this, args));
    for (const promise of result.started) await promise;
    return result.value;
  };
  Object.defineProperty(wrapper, "name", { value: func.name, configurable: true });
  return with_sync_form(wrapper, func as unknown as SyncForm<typeof wrapper>);
}

/** Run `fn` synchronously, collecting the promises `async_to_sync` starts inside it. */
function run_collecting<T>(fn: () => T): { value: T; started: Promise<unknown>[] } {
  const started: Promise<unknown>[] = [];
  started_stack.push(started);
  try {
    return { value: fn(), started };
  } catch (e) {
    for (const promise of started) promise.catch(() => undefined);
    throw e;
  } finally {
    started_stack.pop();
  }
}

/**
 * `async_to_sync(awaitable)`: a synchronous function. Its synchronous form when it has one;
 * otherwise the call is started and left to the enclosing `sync_to_async` to await.
 */
export function async_to_sync<F extends AnyFunction>(awaitable: F): (...args: Parameters<F>) => Awaited<ReturnType<F>> {
  if (typeof awaitable !== "function") throw new TypeError("async_to_sync can only be applied to async functions.");
  const sync = sync_form_of(awaitable);
  const wrapper = function (this: unknown, ...args: Parameters<F>): Awaited<ReturnType<F>> {
    if (sync) return sync.apply(this, args);
    const result = awaitable.apply(this, args);
    if (result && typeof (result as PromiseLike<unknown>).then === "function") {
      const promise = Promise.resolve(result as PromiseLike<unknown>);
      const enclosing = started_stack[started_stack.length - 1];
      if (enclosing) enclosing.push(promise);
      else promise.catch((e: unknown) => getLogger("asgiref.sync").error("async_to_sync(%s) failed after its caller returned: %s", awaitable.name || "<function>", String(e)));
    }
    return result;
  };
  Object.defineProperty(wrapper, "name", { value: awaitable.name, configurable: true });
  return wrapper;
}

/** `asgiref.sync.iscoroutinefunction(func)`: an `async function` (or one marked as such). */
export function iscoroutinefunction(func: unknown): boolean {
  if (typeof func !== "function") return false;
  return func.constructor?.name === "AsyncFunction" || sync_form_of(func as AnyFunction) !== null || (func as { _is_coroutine?: boolean })._is_coroutine === true;
}

/** `asgiref.sync.markcoroutinefunction(func)`: say that `func` returns an awaitable. */
export function markcoroutinefunction<F extends AnyFunction>(func: F): F {
  (func as { _is_coroutine?: boolean })._is_coroutine = true;
  return func;
}
