/**
 * Python's `contextlib` as FastAPI uses it: a generator function as a context manager
 * (`@contextmanager` / `@asynccontextmanager`: run to the `yield`, then on exit resume it — or
 * throw the pending exception in at the `yield`), and `AsyncExitStack`, which exits everything
 * entered on it in reverse order.
 *
 * The exit rules are contextlib's: with no exception the generator must finish ("generator
 * didn't stop"); with one, it is thrown into the generator — re-raising it lets it propagate,
 * finishing normally swallows it, raising another replaces it. The stack calls each exit newest
 * first, handing each the exception still pending. Main class: `AsyncExitStack`.
 */
import { RuntimeError } from "./builtins";

/** No exception pending (distinct from a thrown `undefined`). */
export const NO_EXCEPTION: unique symbol = Symbol("no exception");
export type Pending = unknown | typeof NO_EXCEPTION;

/** An exit callback: given the pending exception, true when it swallowed it. */
export type ExitCallback = (exc: Pending) => Promise<boolean>;

type AnyGenerator = Generator<unknown, unknown, unknown> | AsyncGenerator<unknown, unknown, unknown>;

/** Enter a generator-based context: its first yielded value, and the exit that resumes it. */
export async function enter_generator(gen: AnyGenerator, is_async: boolean): Promise<{ value: unknown; exit: ExitCallback }> {
  const first = await gen.next();
  if (first.done) throw new RuntimeError("generator didn't yield");
  const exit: ExitCallback = async (exc) => {
    if (exc === NO_EXCEPTION) {
      const step = await gen.next();
      if (!step.done) throw new RuntimeError("generator didn't stop");
      return false;
    }
    let step: IteratorResult<unknown>;
    try {
      step = await gen.throw(exc);
    } catch (raised) {
      if (raised === exc) return false; // re-raised: let it propagate
      throw raised;
    }
    if (!step.done) throw new RuntimeError(is_async ? "generator didn't stop after athrow()" : "generator didn't stop after throw()");
    return true; // the generator handled it
  };
  return { value: first.value, exit };
}

/** `contextlib.AsyncExitStack`: exits run newest first; each sees what is still pending. */
export class AsyncExitStack {
  private readonly exits: ExitCallback[] = [];

  /** Enter a `yield` context and remember its exit. */
  async enter_generator(gen: AnyGenerator, is_async: boolean): Promise<unknown> {
    const { value, exit } = await enter_generator(gen, is_async);
    this.exits.push(exit);
    return value;
  }

  push_exit(callback: ExitCallback): void {
    this.exits.push(callback);
  }

  /** `push_async_callback(fn)`: called on exit whatever happened, never swallowing. */
  push_async_callback(fn: () => Promise<unknown> | unknown): void {
    this.exits.push(async () => {
      await fn();
      return false;
    });
  }

  /**
   * `__aexit__`: run every exit, newest first. Returns normally when no exception remains
   * pending at the end; throws the one that does.
   */
  async aclose(exc: Pending = NO_EXCEPTION): Promise<void> {
    let pending = exc;
    while (this.exits.length) {
      const exit = this.exits.pop()!;
      try {
        if (await exit(pending)) pending = NO_EXCEPTION;
      } catch (e) {
        pending = e;
      }
    }
    if (pending !== NO_EXCEPTION) throw pending;
  }

  /**
   * Whether anything was entered (an exit is waiting). After a block that ended normally,
   * `if (stack.entered()) await stack.aclose()` is `__aexit__` with nothing pending — without an
   * await (a turn of the event loop) when nothing was entered, the usual request.
   */
  entered(): boolean {
    return this.exits.length > 0;
  }

  /** `async with AsyncExitStack() as stack: body(stack)` */
  static async run<T>(body: (stack: AsyncExitStack) => Promise<T>): Promise<T> {
    const stack = new AsyncExitStack();
    let result: T;
    try {
      result = await body(stack);
    } catch (e) {
      await stack.aclose(e); // rethrows e unless an exit swallowed it
      return undefined as T;
    }
    if (stack.exits.length) await stack.aclose(); // nothing entered: no exit to await
    return result;
  }
}
