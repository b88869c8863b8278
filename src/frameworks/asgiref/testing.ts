/**
 * asgiref.testing: drive an ASGI application by hand — a scope in, messages in and out, no server.
 * Main class: `ApplicationCommunicator` (Channels' `WebsocketCommunicator` and `HttpCommunicator`
 * build on it).
 *
 *     const comm = new ApplicationCommunicator(app, { type: "websocket", path: "/ws/", headers: [] });
 *     await comm.send_input({ type: "websocket.connect" });
 *     await comm.receive_output();        // {type: "websocket.accept", subprotocol: null}
 *     await comm.wait();                  // the application returned (or raises what it raised)
 *
 * The application starts as soon as the communicator is made; its `receive` reads the input queue
 * and its `send` writes the output queue. Once the application has finished with an exception,
 * `send_input`, `receive_output` and `wait` raise that exception. Timeouts are in seconds, as in
 * Python; a `receive_output` that times out cancels the application (`TimeoutError`).
 */
import { CancelledError, Queue, Task, TimeoutError, sleep, wait_for } from "../python/asyncio";
import { guarantee_single_callable } from "./compatibility";
import type { ASGIApplicationLike, Message, Scope } from "./typing";

export class ApplicationCommunicator {
  readonly application: ReturnType<typeof guarantee_single_callable>;
  readonly input_queue = new Queue<Message>();
  readonly output_queue = new Queue<Message>();
  /** The running application instance (Python's `self.future`). */
  readonly future: Task<unknown>;
  private readonly pending_receives = new Set<Task<Message>>();

  constructor(
    application: ASGIApplicationLike,
    readonly scope: Scope,
  ) {
    this.application = guarantee_single_callable(application);
    const receive = () => {
      const task = this.input_queue.get();
      this.pending_receives.add(task);
      task.then(
        () => this.pending_receives.delete(task),
        () => this.pending_receives.delete(task),
      );
      return task;
    };
    const send = (message: Message) => this.output_queue.put(message);
    this.future = new Task(Promise.resolve().then(() => this.application(scope, receive, send)), () => this.stop_receiving());
  }

  /** A cancelled application stops waiting on its input queue. */
  private stop_receiving(): void {
    for (const task of this.pending_receives) task.cancel();
  }

  /** `await wait(timeout=1)`: until the application returns; raises what it raised. */
  async wait(timeout = 1): Promise<void> {
    try {
      await wait_for(this.future, timeout);
    } catch (e) {
      if (e instanceof CancelledError) return;
      throw e;
    } finally {
      if (!this.future.done()) this.future.cancel();
    }
  }

  /** `stop(exceptions=True)`: cancel the application, or re-raise its exception if it already failed. */
  stop(exceptions = true): void {
    if (this.future.done()) {
      if (exceptions) this.future.result();
    } else this.future.cancel();
  }

  /** `await send_input(message)`: raises the application's exception if it has already failed. */
  async send_input(message: Message): Promise<void> {
    if (this.future.done()) this.future.result();
    await this.input_queue.put(message);
  }

  /** `await receive_output(timeout=1)`: the next message the application sent. */
  async receive_output(timeout = 1): Promise<Message> {
    if (this.future.done()) this.future.result();
    try {
      return await wait_for(this.output_queue.get(), timeout);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      if (this.future.done()) this.future.result();
      else this.future.cancel();
      throw e;
    }
  }

  /** `await receive_nothing(timeout=0.1, interval=0.01)`: is the output queue still empty after `timeout`? */
  async receive_nothing(timeout = 0.1, interval = 0.01): Promise<boolean> {
    if (!this.output_queue.empty()) return false;
    const started = Date.now();
    while (Date.now() - started < timeout * 1000) {
      if (!this.output_queue.empty()) return false;
      await sleep(Math.min(interval, timeout));
    }
    return this.output_queue.empty();
  }
}
