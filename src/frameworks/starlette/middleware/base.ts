/**
 * starlette.middleware.base: `BaseHTTPMiddleware` — middleware written as one function,
 * `dispatch(request, call_next)`, instead of as a raw ASGI app. (FastAPI's
 * `@app.middleware("http")` is this class with the decorated function as `dispatch`.)
 *
 * `call_next(request)` starts the rest of the application as a concurrent task whose `send`
 * writes into a memory stream, waits for its `http.response.start`, and returns a streaming
 * response that relays the body messages as they come. The inner app's last body message waits
 * until the outer response has been sent, so code after `call_next` (and the response's
 * headers it edits) runs *before* the client has the body, and the inner app's background tasks
 * run *after*. An exception the inner app raises before responding comes out of `call_next`;
 * one raised later is re-raised once the response is out. The body is cached (`_CachedRequest`)
 * so that `dispatch` and the endpoint can both read it. Main class: `BaseHTTPMiddleware`.
 */
import { AssertionError, Exception, RuntimeError } from "../../python/builtins";
import type { Bytes } from "../../python/bytes";
import { trace_site } from "../../../trace";
import { callable_label, span_async } from "../_tracing";
import { ClientDisconnect, Request } from "../requests";
import { Response } from "../responses";
import { call_app, type ASGIAppLike, type Message, type Receive, type Scope, type Send } from "../types";

const BASE_HTTP_MIDDLEWARE = trace_site("middleware", "starlette/middleware/base.ts#BaseHTTPMiddleware.__call__");

export type RequestResponseEndpoint = (request: Request) => Promise<Response>;
export type DispatchFunction = (request: Request, call_next: RequestResponseEndpoint) => Promise<Response>;

/** The dispatch function raised, so the inner task is cancelled (anyio's cancel scope). */
class Cancelled extends Exception {}

/** A one-shot event (anyio.Event). */
class Event {
  is_set = false;
  private readonly waiters: (() => void)[] = [];
  set(): void {
    if (this.is_set) return;
    this.is_set = true;
    for (const wake of this.waiters.splice(0)) wake();
  }
  wait(): Promise<void> {
    return this.is_set ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** anyio's memory object stream: `send` queues, `receive` waits; `null` once the sender closed. */
class MemoryStream {
  private readonly queue: Message[] = [];
  private waiter: ((message: Message | null) => void) | null = null;
  send_closed = false;
  receive_closed = false;

  /** False when nobody will read (anyio's BrokenResourceError, ignored by the sender). */
  send(message: Message): boolean {
    if (this.receive_closed) return false;
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = null;
      wake(message);
    } else this.queue.push(message);
    return true;
  }

  receive(): Promise<Message | null> {
    const next = this.queue.shift();
    if (next) return Promise.resolve(next);
    if (this.send_closed) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  close_send(): void {
    this.send_closed = true;
    if (this.waiter && !this.queue.length) {
      const wake = this.waiter;
      this.waiter = null;
      wake(null);
    }
  }

  close_receive(): void {
    this.receive_closed = true;
  }
}

/**
 * A request whose body, once read by `dispatch`, is replayed to the inner app through
 * `wrapped_receive` (and an empty body if `dispatch` only streamed it), so neither side hangs.
 */
export class _CachedRequest extends Request {
  private _wrapped_rcv_disconnected = false;
  private _wrapped_rcv_consumed = false;

  async wrapped_receive(): Promise<Message> {
    if (this._wrapped_rcv_disconnected) return { type: "http.disconnect" };
    if (this._wrapped_rcv_consumed) {
      if (this._is_disconnected) {
        this._wrapped_rcv_disconnected = true;
        return { type: "http.disconnect" };
      }
      const message = await this.receive();
      if (message.type !== "http.disconnect") throw new RuntimeError(`Unexpected message received: ${message.type}`);
      this._wrapped_rcv_disconnected = true;
      return message;
    }
    if (this._body !== undefined) {
      this._wrapped_rcv_consumed = true;
      return { type: "http.request", body: this._body, more_body: false };
    }
    if (this._stream_consumed) {
      this._wrapped_rcv_consumed = true;
      return { type: "http.request", body: new Uint8Array(0), more_body: false };
    }
    try {
      const stream = this.stream();
      const chunk = (await stream.next()).value as Bytes;
      this._wrapped_rcv_consumed = this._stream_consumed;
      return { type: "http.request", body: chunk, more_body: !this._stream_consumed };
    } catch (e) {
      if (!(e instanceof ClientDisconnect)) throw e;
      this._wrapped_rcv_disconnected = true;
      return { type: "http.disconnect" };
    }
  }
}

export class BaseHTTPMiddleware {
  readonly dispatch_func: DispatchFunction;

  constructor(
    readonly app: ASGIAppLike,
    dispatch: DispatchFunction | null = null,
  ) {
    this.dispatch_func = dispatch ?? ((request, call_next) => this.dispatch(request, call_next));
  }

  /** The name the trace shows: the dispatch function's (or the subclass's). */
  get middleware_name(): string {
    return this.dispatch_func.name && this.dispatch_func.name !== "dispatch_func" ? callable_label(this.dispatch_func) : this.constructor.name;
  }

  async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (scope.type !== "http") return call_app(this.app, scope, receive, send);
    const name = this.middleware_name;
    await span_async(BASE_HTTP_MIDDLEWARE, name, () => ({ middleware: name, kind: "BaseHTTPMiddleware" }), () => this.run(scope, receive, send));
  }

  private async run(scope: Scope, receive: Receive, send: Send): Promise<void> {
    const request = new _CachedRequest(scope, receive);
    const wrapped_receive = () => request.wrapped_receive();
    const response_sent = new Event();
    const stream = new MemoryStream();
    const state = { app_exc: null as unknown, exception_already_raised: false, cancelled: false, task: null as Promise<void> | null };

    const call_next: RequestResponseEndpoint = async () => {
      state.task = this.run_inner_app(scope, wrapped_receive, stream, response_sent, state);
      const message = await stream.receive();
      if (message === null) {
        if (state.app_exc !== null) {
          state.exception_already_raised = true;
          throw state.app_exc;
        }
        throw new RuntimeError("No response returned.");
      }
      if (message.type !== "http.response.start") throw new AssertionError("");
      const response = new _StreamingResponse(body_stream(stream), { status_code: message.status });
      response.raw_headers = message.headers;
      return response;
    };

    try {
      const response = await this.dispatch_func(request, call_next);
      await response.__call__(scope, wrapped_receive, send);
      response_sent.set();
      stream.close_receive();
    } catch (e) {
      state.cancelled = true; // the task group cancels the inner app
      response_sent.set();
      stream.close_receive();
      if (state.task) await state.task;
      throw e;
    }
    if (state.task) await state.task; // the task group waits for the inner app (its background tasks)
    if (state.app_exc !== null && !state.exception_already_raised) throw state.app_exc;
  }

  /** The rest of the app as a task: its messages go into the stream; its last body waits for the outer response. */
  private async run_inner_app(scope: Scope, wrapped_receive: Receive, stream: MemoryStream, response_sent: Event, state: { app_exc: unknown; cancelled: boolean }): Promise<void> {
    const receive_or_disconnect = async (): Promise<Message> => {
      if (response_sent.is_set) return { type: "http.disconnect" };
      const message = await Promise.race([wrapped_receive(), response_sent.wait().then(() => null)]);
      if (response_sent.is_set || message === null) return { type: "http.disconnect" };
      return message;
    };
    const send_no_error = async (message: Message): Promise<void> => {
      if (state.cancelled) throw new Cancelled();
      if (!stream.send(message)) return;
      if (message.type === "http.response.body" && !message.more_body) {
        await response_sent.wait();
        if (state.cancelled) throw new Cancelled();
      }
    };
    try {
      await call_app(this.app, scope, receive_or_disconnect, send_no_error);
    } catch (e) {
      if (!(e instanceof Cancelled)) state.app_exc = e;
    } finally {
      stream.close_send();
    }
  }

  /** Override in a subclass, or pass `dispatch` to the constructor. */
  async dispatch(_request: Request, _call_next: RequestResponseEndpoint): Promise<Response> {
    throw new Exception("NotImplementedError");
  }
}

/** The inner app's body messages, as the response's body chunks (empty ones skipped). */
async function* body_stream(stream: MemoryStream): AsyncGenerator<Bytes> {
  for (;;) {
    const message = await stream.receive();
    if (message === null) return;
    if (message.type !== "http.response.body") throw new AssertionError(`Unexpected message: ${message.type}`);
    const body: Bytes = message.body ?? new Uint8Array(0);
    if (body.length) yield body;
    if (!message.more_body) return;
  }
}

/** What `call_next` returns: the inner response, relayed chunk by chunk. */
export class _StreamingResponse extends Response {
  body_iterator: AsyncIterable<Bytes>;

  constructor(content: AsyncIterable<Bytes>, options: { status_code?: number } = {}) {
    super(null, { status_code: options.status_code ?? 200, headers: null });
    this.body_iterator = content;
    this.raw_headers = [];
  }

  override async __call__(_scope: Scope, _receive: Receive, send: Send): Promise<void> {
    await send({ type: "http.response.start", status: this.status_code, headers: this.raw_headers });
    for await (const chunk of this.body_iterator) await send({ type: "http.response.body", body: chunk, more_body: true });
    await send({ type: "http.response.body", body: new Uint8Array(0), more_body: false });
    if (this.background) await this.background.__call__();
  }
}
