import { describe, expect, it } from "vitest";
import { CancelledError, InvalidStateError, Lock, Queue, QueueFull, Task, TimeoutError, wait_for } from "../../../src/frameworks/python/asyncio";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("asyncio.Queue", () => {
  it("hands items to waiting getters in the order they arrived", async () => {
    const queue = new Queue<string>();
    const first = queue.get();
    const second = queue.get();
    queue.put_nowait("a");
    queue.put_nowait("b");
    expect([await first, await second]).toEqual(["a", "b"]);
  });

  it("counts an item put for a woken getter until the getter runs (Python's qsize)", async () => {
    const queue = new Queue<string>();
    const getter = queue.get();
    queue.put_nowait("x");
    expect(queue.qsize()).toBe(1);
    expect(await getter).toBe("x");
    expect(queue.qsize()).toBe(0);
  });

  it("a cancelled getter takes nothing: the next item goes to the next getter", async () => {
    const queue = new Queue<number>();
    const cancelled = queue.get();
    const waiting = queue.get();
    expect(cancelled.cancel()).toBe(true);
    queue.put_nowait(1);
    expect(await waiting).toBe(1);
    expect(() => cancelled.result()).toThrow(CancelledError);
  });

  it("a getter cancelled after it was handed an item gives the item back", async () => {
    const queue = new Queue<number>();
    queue.put_nowait(7);
    const task = queue.get();
    task.cancel();
    await tick();
    expect(queue.get_nowait()).toBe(7);
  });

  it("refuses an item beyond maxsize with QueueFull", () => {
    const queue = new Queue<number>(1);
    queue.put_nowait(1);
    expect(() => queue.put_nowait(2)).toThrow(QueueFull);
  });
});

describe("asyncio.Task and wait_for", () => {
  it("result() raises InvalidStateError while pending and the exception once failed", async () => {
    const task = new Task(Promise.reject(new TypeError("bad")));
    expect(() => task.result()).toThrow(InvalidStateError);
    await tick();
    expect(task.done()).toBe(true);
    expect(() => task.result()).toThrow("bad");
  });

  it("wait_for cancels the awaitable and raises TimeoutError when time runs out", async () => {
    const queue = new Queue<number>();
    const getter = queue.get();
    await expect(wait_for(getter, 0.001)).rejects.toBeInstanceOf(TimeoutError);
    expect(getter.cancelled()).toBe(true);
    queue.put_nowait(3);
    expect(queue.qsize()).toBe(1);
  });
});

describe("asyncio.Lock", () => {
  it("serves waiters in arrival order", async () => {
    const lock = new Lock();
    const order: string[] = [];
    await lock.acquire();
    const a = lock.acquire().then(() => order.push("a"));
    const b = lock.acquire().then(() => order.push("b"));
    lock.release();
    await a;
    lock.release();
    await b;
    lock.release();
    expect(order).toEqual(["a", "b"]);
    expect(lock.locked()).toBe(false);
  });
});
