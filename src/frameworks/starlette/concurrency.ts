/**
 * starlette.concurrency: `run_in_threadpool(func, ...args)` — how an `async` framework calls a
 * plain (`def`) function without blocking its event loop: Python hands it to a worker thread
 * (anyio's threadpool) and awaits the result. JavaScript has one thread, so the call runs here
 * and now; the trace records the hop (a `run_in_threadpool` step) so a learner sees which
 * functions would have left the event loop.
 */
import { trace_site, tracing_enabled } from "../../trace";

const THREADPOOL = trace_site("handler", "starlette/concurrency.ts#run_in_threadpool");

/** Call a sync function "in a worker thread" and await its result. */
export async function run_in_threadpool<T>(func: (...args: any[]) => T, ...args: any[]): Promise<T> {
  if (tracing_enabled()) THREADPOOL.event("run_in_threadpool", () => ({ func: func.name || "<lambda>", thread: "AnyIO worker thread" }));
  return func(...args);
}

/** Iterate a sync iterator "in the threadpool", one `next()` per hop. */
export async function* iterate_in_threadpool<T>(iterator: Iterable<T>): AsyncGenerator<T> {
  for (const item of iterator) yield item;
}
