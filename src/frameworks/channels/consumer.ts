/**
 * channels.consumer: a consumer class → an ASGI application whose instance turns each incoming
 * message into a call of the method named after the message's `type`.
 * Main classes: `AsyncConsumer`, `SyncConsumer`; main function: `get_handler_name`.
 *
 *     {"type": "websocket.receive", "text": "hi"}  →  consumer.websocket_receive(message)
 *     {"type": "chat.message", "message": "hi"}    →  consumer.chat_message(event)   (from the channel layer)
 *
 * `Consumer.as_asgi()` is the application: each connection (each scope) gets a new instance.
 * The instance's lifecycle, `__call__(scope, receive, send)`:
 *   1. `get_channel_layer()`; with a layer, `new_channel()` gives the instance its own
 *      `channel_name`, so others can reach it (`group_add(group, this.channel_name)`);
 *   2. `await_many_dispatch([receive, channel_receive], dispatch)`: every message from the client
 *      or from the layer goes to `dispatch`, one at a time;
 *   3. a handler raising `StopConsumer` ends the loop cleanly (the generic consumers do after
 *      `disconnect()`); any other exception ends the application with that exception.
 *
 * `SyncConsumer` runs handlers synchronously (Python runs them in a worker thread through
 * `database_sync_to_async`) and sends through `async_to_sync(send)`.
 *
 * Tracing: `dispatch` is a "consumer" span named after the handler it ran
 * (`ChatConsumer.chat_message`); the generic consumers add one for each method a learner writes
 * (`connect`, `receive`, `disconnect`). The page runs one handler at a time (ADR 0015): a handler
 * that awaits keeps the next one waiting, so each span holds only its own consumer's work.
 */
import { active_recorder, trace_site, type Attrs, type Recorder } from "../../trace";
import { AttributeError, TypeError, ValueError } from "../python/builtins";
import { Lock, type Task } from "../python/asyncio";
import { async_to_sync } from "../asgiref/sync";
import type { ASGIReceiveCallable, ASGISendCallable, Message, Scope } from "../asgiref/typing";
import { DEFAULT_CHANNEL_LAYER } from "./index";
import { database_sync_to_async } from "./db";
import { AcceptConnection, DenyConnection, StopConsumer } from "./exceptions";
import { get_channel_layer, type BaseChannelLayer } from "./layers";
import { await_many_dispatch } from "./utils";

// Eager: the attrs describe the consumer (its channel, groups, scope) as it is at that moment.
const DISPATCH = trace_site("consumer", "channels/consumer.ts#AsyncConsumer.dispatch", { source: true, eager: true });
const METHOD = trace_site("consumer", "channels/consumer.ts#consumer_call", { eager: true });

/**
 * `get_handler_name(message)`: `"chat.message"` → `"chat_message"`. No `type`, or a name that starts
 * with `_` once dots are underscores, is a ValueError (a message cannot call a private method).
 */
export function get_handler_name(message: Message): string {
  if (message === null || typeof message !== "object" || !("type" in message)) throw new ValueError("Incoming message has no 'type' attribute");
  if (typeof message.type !== "string") throw new AttributeError(`'${py_type(message.type)}' object has no attribute 'replace'`);
  const handler_name = message.type.replace(/\./g, "_");
  if (handler_name.startsWith("_")) throw new ValueError("Malformed type in message (leading underscore)");
  return handler_name;
}

function py_type(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "list";
  return typeof value === "object" ? "dict" : typeof value;
}

/**
 * `getattr(self, handler_name, None)`: the method of that name, or null. JavaScript's own object
 * members (`constructor`, `toString`, …) are not handlers, as they are not attributes in Python.
 */
function handler_of(consumer: AsyncConsumer, handler_name: string): ((message: Message) => unknown) | null {
  if (handler_name in Object.prototype) return null;
  const handler = (consumer as unknown as Record<string, unknown>)[handler_name];
  if (handler === undefined || handler === null || handler === false) return null;
  if (typeof handler !== "function") throw new TypeError(`'${py_type(handler)}' object is not callable`);
  return handler as (message: Message) => unknown;
}

/** One handler at a time, page-wide (ADR 0015). */
let dispatch_lock = new Lock();

/**
 * Not in Channels: the runtime's reset between projects. A handler of the previous project that
 * never finished (stopped by the page's deadline) must not keep the next project's consumers waiting.
 */
export function _reset_dispatch_lock(): void {
  dispatch_lock = new Lock();
}

/** Exceptions that steer a consumer rather than report a failure. */
function is_control_flow(e: unknown): boolean {
  return e instanceof StopConsumer || e instanceof AcceptConnection || e instanceof DenyConnection;
}

/** A Python class attribute that may be set on the instance (a field) or the class (`static`). */
export function class_attribute<T>(instance: object, name: string, fallback: T): T {
  const own = (instance as Record<string, unknown>)[name];
  if (own !== undefined) return own as T;
  const from_class = (instance.constructor as unknown as Record<string, unknown>)[name];
  return from_class === undefined ? fallback : (from_class as T);
}

export type ConsumerApplication<C> = ((scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable) => Promise<void>) & {
  consumer_class: C;
  consumer_initkwargs: Record<string, unknown>;
};

export class AsyncConsumer {
  /** Handlers run synchronously (SyncConsumer) or are awaited. */
  static _sync = false;
  /** Which entry of CHANNEL_LAYERS this consumer uses (a class attribute; an instance field works too). */
  static channel_layer_alias: string = DEFAULT_CHANNEL_LAYER;

  scope!: Scope;
  channel_layer: BaseChannelLayer | null = null;
  /** This instance's own channel on the layer (absent without a layer, as in Python). */
  channel_name?: string;
  channel_receive?: () => Task<Message>;
  base_send!: (message: Message) => unknown;

  /** `cls(**initkwargs)`: a consumer class that takes arguments defines its own constructor. */
  constructor(initkwargs: Record<string, unknown> = {}) {
    if (Object.keys(initkwargs).length) throw new TypeError(`${new.target.name}() takes no arguments`);
  }

  /**
   * `Consumer.as_asgi(**initkwargs)`: the ASGI application — one new consumer instance per
   * connection, called with the connection's scope.
   */
  static as_asgi<C extends new (initkwargs?: Record<string, unknown>) => AsyncConsumer>(this: C, initkwargs: Record<string, unknown> = {}): ConsumerApplication<C> {
    const cls = this;
    const app = async function (scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<void> {
      const consumer = new cls(initkwargs);
      return consumer.__call__(scope, receive, send);
    } as ConsumerApplication<C>;
    app.consumer_class = cls;
    app.consumer_initkwargs = initkwargs;
    Object.defineProperty(app, "name", { value: cls.name, configurable: true });
    return app;
  }

  /** The instance's lifecycle (see the module header): channel, then the dispatch loop. */
  async __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<void> {
    this.scope = scope;
    this.channel_layer = get_channel_layer(class_attribute(this, "channel_layer_alias", DEFAULT_CHANNEL_LAYER));
    if (this.channel_layer !== null) {
      const layer = this.channel_layer;
      this.channel_name = await layer.new_channel();
      const channel_name = this.channel_name;
      this.channel_receive = () => layer.receive(channel_name);
    }
    this.base_send = (this.constructor as typeof AsyncConsumer)._sync ? async_to_sync(send) : send;
    try {
      const sources = this.channel_receive ? [receive, this.channel_receive] : [receive];
      await await_many_dispatch(sources, (message) => this.dispatch(message));
    } catch (e) {
      if (!(e instanceof StopConsumer)) throw e;
    }
  }

  /** `await dispatch(message)`: the handler named after `message.type`, or ValueError. */
  dispatch(message: Message): Promise<void> {
    return dispatch_span(this, message, async () => {
      const handler = handler_of(this, get_handler_name(message));
      if (!handler) throw new ValueError(`No handler for message type ${String(message.type)}`);
      await handler.call(this, message);
    });
  }

  /** `await send(message)`: an ASGI message to the client (overridden by the generic consumers). */
  async send(message: any): Promise<void> {
    await this.base_send(message);
  }
}

export class SyncConsumer extends AsyncConsumer {
  static override _sync = true;

  /**
   * `@database_sync_to_async def dispatch(self, message)`: the handler runs synchronously; what it
   * sent is awaited before the next message.
   */
  override dispatch(message: Message): Promise<void> {
    return dispatch_span(this, message, () => sync_dispatch.call(this, message));
  }

  /** `send(message)`: `async_to_sync(send)(message)`. */
  override send(message: any): any {
    this.base_send(message);
  }
}

const sync_dispatch = database_sync_to_async(function (this: SyncConsumer, message: Message): void {
  const handler = handler_of(this, get_handler_name(message));
  if (!handler) throw new ValueError(`No handler for message type ${String(message.type)}`);
  handler.call(this, message);
});

// --- tracing: the consumer spans ----------------------------------------------------------------

/** Who a consumer serves, for the trace: its class, channel and connection. */
function consumer_attrs(consumer: AsyncConsumer): Attrs {
  const scope = consumer.scope ?? {};
  const client = scope.client;
  return {
    consumer: consumer.constructor.name,
    channel_name: consumer.channel_name ?? null,
    scope_type: typeof scope.type === "string" ? scope.type : null,
    path: typeof scope.path === "string" ? scope.path : null,
    client: Array.isArray(client) ? client.map((part) => (typeof part === "number" || typeof part === "string" ? part : String(part))) : null,
  };
}

/** A message as the trace shows it: its type and its keys, values shortened. */
function message_summary(message: Message): Attrs {
  const out: Attrs = {};
  if (message && typeof message === "object") {
    for (const [key, value] of Object.entries(message).slice(0, 20)) {
      if (value instanceof Uint8Array) out[key] = `<${value.length} bytes>`;
      else if (typeof value === "string") out[key] = value.length > 500 ? `${value.slice(0, 500)}…` : value;
      else if (value === null || typeof value === "number" || typeof value === "boolean") out[key] = value;
      else out[key] = safe_json(value);
    }
  }
  return out;
}

function safe_json(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return String(value);
  }
}

/** `dispatch` as one "consumer" span, holding the page-wide dispatch lock while the handler runs. */
async function dispatch_span(consumer: AsyncConsumer, message: Message, run: () => PromiseLike<unknown> | unknown): Promise<void> {
  await dispatch_lock.acquire();
  const recorder = active_recorder();
  let handler_name = "dispatch";
  try {
    handler_name = get_handler_name(message);
  } catch {
    // dispatch itself raises it below, inside the span
  }
  const type = message && typeof message === "object" ? message.type : undefined;
  const span = recorder.site_open(DISPATCH, `${consumer.constructor.name}.${handler_name}`, () => ({
    ...consumer_attrs(consumer),
    method: handler_name,
    phase: "dispatch",
    message_type: typeof type === "string" ? type : null,
    source: typeof type === "string" && /^(websocket|http|lifespan)\./.test(type) ? "client" : "channel layer",
    message: message_summary(message),
  }));
  try {
    await run();
  } catch (e) {
    end_with(recorder, span, e);
    throw e;
  } finally {
    recorder.span_close(span);
    dispatch_lock.release();
  }
}

function end_with(recorder: Recorder, span: number, e: unknown): void {
  if (is_control_flow(e)) {
    const raised = (e as Error).constructor.name;
    recorder.span_set(span, () => ({ raised }));
  } else recorder.span_fail(span, e);
}

/**
 * One method a learner writes (`connect`, `receive`, `disconnect`, `receive_json`, `handle`) as a
 * "consumer" span nested in the dispatch span; sync or async alike.
 */
export function consumer_call<T>(consumer: AsyncConsumer, method: string, attrs: () => Attrs, fn: () => T): T {
  const recorder = active_recorder();
  if (!recorder.enabled) return fn();
  const span = recorder.site_open(METHOD, `${consumer.constructor.name}.${method}`, () => ({ ...consumer_attrs(consumer), method, phase: "method", ...attrs() }));
  let result: T;
  try {
    result = fn();
  } catch (e) {
    end_with(recorder, span, e);
    recorder.span_close(span);
    throw e;
  }
  if (result && typeof (result as { then?: unknown }).then === "function") {
    return (result as unknown as PromiseLike<unknown>).then(
      (value) => {
        recorder.span_close(span);
        return value;
      },
      (e: unknown) => {
        end_with(recorder, span, e);
        recorder.span_close(span);
        throw e;
      },
    ) as T;
  }
  recorder.span_close(span);
  return result;
}
