/**
 * channels.utils: the consumer's main loop — several message sources (the client's `receive`,
 * the consumer's channel on the channel layer) → one `dispatch` call per message, in order.
 * Main function: `await_many_dispatch`.
 */
import { ensure_future, wait_first_completed, type Task } from "../python/asyncio";

/**
 * `await await_many_dispatch(consumer_callables, dispatch)`: call every source, wait for the first
 * message from any of them, `await dispatch(message)`, ask that source again, forever — until
 * `dispatch` (or a source) raises. When several sources have a message at once, they are
 * dispatched in the order given (the client first, then the channel layer). On the way out every
 * pending source is cancelled, so a stopped consumer stops listening on its channel.
 */
export async function await_many_dispatch<M>(consumer_callables: (() => PromiseLike<M>)[], dispatch: (message: M) => PromiseLike<unknown>): Promise<void> {
  const tasks: Task<M>[] = consumer_callables.map((consumer_callable) => ensure_future(consumer_callable()));
  try {
    for (;;) {
      await wait_first_completed(tasks);
      for (let i = 0; i < tasks.length; i++) {
        if (!tasks[i].done()) continue;
        const result = tasks[i].result();
        await dispatch(result);
        tasks[i] = ensure_future(consumer_callables[i]());
      }
    }
  } finally {
    for (const task of tasks) task.cancel();
  }
}

/** `name_that_thing(thing)`: a readable name for a class, function or instance ("ChatConsumer"). */
export function name_that_thing(thing: unknown): string {
  if (thing === null || thing === undefined) return "None";
  if (typeof thing === "function") {
    const named = thing as { __qualname__?: string; __name__?: string; name?: string; consumer_class?: unknown };
    if (named.consumer_class) return name_that_thing(named.consumer_class);
    return named.__qualname__ ?? named.__name__ ?? named.name ?? "<function>";
  }
  const ctor = (thing as object).constructor as { name?: string } | undefined;
  return ctor?.name ? `${ctor.name} instance` : String(thing);
}
