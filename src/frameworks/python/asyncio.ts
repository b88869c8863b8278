/**
 * Python's `asyncio`, the small part the ASGI frameworks lean on: awaitables that can be
 * cancelled (`Task`), a `Queue` whose waiting `get()` can be cancelled, a `Lock`, `sleep`,
 * `wait_for` with a timeout, and the exceptions they raise.
 *
 * JavaScript has promises but no cancellation and no tasks. A `Task` is a promise with Python's
 * task protocol on top: `done()`, `result()` (raises the exception, or `CancelledError`),
 * `cancel()`. Cancelling a task made by `Queue.get()` takes its waiter off the queue, exactly as
 * cancelling a Python task blocked in `await queue.get()` does — so an item put later goes to the
 * next getter instead of vanishing into a consumer that has stopped.
 *
 *     const queue = new Queue<string>();
 *     const getter = queue.get();          // a Task, pending
 *     queue.put_nowait("hello");           // wakes it: await getter === "hello"
 *     queue.get().cancel();                // a waiter taken off the queue again
 *
 * Everything here runs on the page's one thread: "concurrently" means "interleaved at `await`s".
 */
import { Exception, RuntimeError } from "./builtins";

/** `asyncio.CancelledError` (a BaseException in Python: `except Exception` does not catch it). */
export class CancelledError extends Exception {}
/** `TimeoutError` (`asyncio.TimeoutError` is the built-in since Python 3.11). */
export class TimeoutError extends Exception {}
/** `asyncio.InvalidStateError`: `result()` of a task that has not finished. */
export class InvalidStateError extends Exception {}
export class QueueEmpty extends Exception {}
export class QueueFull extends Exception {}

type TaskState = "pending" | "finished" | "failed" | "cancelled";

/**
 * `asyncio.Task`: an awaitable with a state. Made from any promise (`ensure_future`) or by
 * `Queue.get()`; `on_cancel` undoes whatever the awaitable was waiting on.
 */
export class Task<T> implements PromiseLike<T> {
  private state: TaskState = "pending";
  private value: T | undefined;
  private error: unknown;
  private readonly settled: Promise<T>;
  private resolve_settled!: (value: T) => void;
  private reject_settled!: (error: unknown) => void;

  constructor(
    source: PromiseLike<T>,
    private readonly on_cancel: (() => void) | null = null,
  ) {
    this.settled = new Promise<T>((resolve, reject) => {
      this.resolve_settled = resolve;
      this.reject_settled = reject;
    });
    // A task nobody awaits may fail quietly (Python logs "exception was never retrieved").
    this.settled.catch(() => undefined);
    source.then(
      (value) => this.finish("finished", value, undefined),
      (error) => this.finish("failed", undefined, error),
    );
  }

  then<A = T, B = never>(on_fulfilled?: ((value: T) => A | PromiseLike<A>) | null, on_rejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.settled.then(on_fulfilled, on_rejected);
  }

  done(): boolean {
    return this.state !== "pending";
  }

  cancelled(): boolean {
    return this.state === "cancelled";
  }

  /** The value; raises the task's exception, `CancelledError`, or `InvalidStateError` while pending. */
  result(): T {
    if (this.state === "pending") throw new InvalidStateError("Result is not set.");
    if (this.state === "cancelled") throw new CancelledError();
    if (this.state === "failed") throw this.error;
    return this.value as T;
  }

  /** Stop waiting: false when the task has already finished. */
  cancel(): boolean {
    if (this.state !== "pending") return false;
    this.on_cancel?.();
    this.finish("cancelled", undefined, new CancelledError());
    return true;
  }

  private finish(state: TaskState, value: T | undefined, error: unknown): void {
    if (this.state !== "pending") return;
    this.state = state;
    if (state === "finished") {
      this.value = value;
      this.resolve_settled(value as T);
    } else {
      this.error = error;
      this.reject_settled(error);
    }
  }
}

/** `asyncio.ensure_future(awaitable)`: a Task as is, anything else wrapped in one. */
export function ensure_future<T>(awaitable: PromiseLike<T> | Task<T>): Task<T> {
  return awaitable instanceof Task ? awaitable : new Task(awaitable);
}

/**
 * `asyncio.wait(tasks, return_when=FIRST_COMPLETED)`: resolves as soon as one task is done (at
 * once if one already is). Never raises: look at each task's `done()` / `result()` afterwards.
 */
export function wait_first_completed<T>(tasks: Task<T>[]): Promise<void> {
  if (tasks.some((task) => task.done())) return Promise.resolve();
  return new Promise((resolve) => {
    for (const task of tasks) task.then(() => resolve(), () => resolve());
  });
}

/** `asyncio.sleep(seconds)` */
export function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000)));
}

/**
 * `asyncio.wait_for(awaitable, timeout)`: its result, or `TimeoutError` after `timeout` seconds —
 * in which case the awaitable (as a task) is cancelled, as Python does.
 */
export async function wait_for<T>(awaitable: PromiseLike<T> | Task<T>, timeout: number | null): Promise<T> {
  const task = ensure_future(awaitable);
  if (timeout === null) return task;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), Math.max(0, timeout * 1000))));
  try {
    const first = await Promise.race([task.then(() => "done" as const, () => "done" as const), expired]);
    if (first === "timeout" && !task.done()) {
      task.cancel();
      throw new TimeoutError();
    }
    return task.result();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `asyncio.Queue(maxsize=0)`: first in, first out. `get()` waits for an item; a waiting getter is
 * handed the next item put, in the order the getters arrived.
 */
export class Queue<T> {
  private readonly items: T[] = [];
  private readonly getters: (() => void)[] = [];

  constructor(readonly maxsize = 0) {}

  qsize(): number {
    return this.items.length;
  }

  empty(): boolean {
    return this.items.length === 0;
  }

  full(): boolean {
    return this.maxsize > 0 && this.items.length >= this.maxsize;
  }

  /**
   * `put_nowait(item)`: `QueueFull` when there is no room. The item joins the queue and the first
   * waiting getter is woken; it takes the item when it runs (until then the item counts in `qsize`).
   */
  put_nowait(item: T): void {
    if (this.full()) throw new QueueFull();
    this.items.push(item);
    this.wakeup_next();
  }

  private wakeup_next(): void {
    const getter = this.getters.shift();
    if (getter) getter();
  }

  /** `await queue.put(item)` (the queues used here are unbounded or checked before putting). */
  async put(item: T): Promise<void> {
    this.put_nowait(item);
  }

  /** `get_nowait()`: `QueueEmpty` when there is nothing. */
  get_nowait(): T {
    if (!this.items.length) throw new QueueEmpty();
    return this.items.shift() as T;
  }

  /**
   * `await queue.get()`, as a cancellable Task. Cancelled before its caller saw the item, the item
   * goes back to the front of the queue (a Python task cancelled before it ran takes nothing).
   */
  get(): Task<T> {
    let taken: { item: T } | null = null;
    let waiter: (() => void) | null = null;
    let cancelled = false;
    const run = async (): Promise<T> => {
      while (!this.items.length) {
        await new Promise<void>((resolve) => {
          const wake = () => resolve();
          waiter = wake;
          this.getters.push(wake);
        });
        waiter = null;
        if (cancelled) throw new CancelledError();
      }
      taken = { item: this.items.shift() as T };
      return taken.item;
    };
    return new Task(run(), () => {
      cancelled = true;
      if (taken) return void this.items.unshift(taken.item);
      const i = waiter ? this.getters.indexOf(waiter) : -1;
      if (i >= 0) this.getters.splice(i, 1);
      else if (this.items.length) this.wakeup_next(); // woken but cancelled: pass the wake-up on
      waiter?.();
    });
  }

  /** The oldest item without taking it (Python's `queue._queue[0]`). */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Every item, oldest first, without taking them (for inspection). */
  snapshot(): readonly T[] {
    return this.items.slice();
  }
}

/** `asyncio.Lock`: one holder at a time; waiters get it in arrival order. */
export class Lock {
  private held = false;
  private readonly waiters: (() => void)[] = [];

  locked(): boolean {
    return this.held;
  }

  async acquire(): Promise<true> {
    if (!this.held) {
      this.held = true;
      return true;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
    return true;
  }

  release(): void {
    if (!this.held) throw new RuntimeError("Lock is not acquired.");
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }
}
