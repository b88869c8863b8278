/**
 * channels.generic.http: an HTTP request (as ASGI messages) → `handle(body)` → a response sent in
 * pieces. Main class: `AsyncHttpConsumer`.
 *
 *     export class ServerTime extends AsyncHttpConsumer {
 *       async handle(body: Uint8Array) {
 *         await this.send_response(200, b("It is now …"), { headers: [[b("Content-Type"), b("text/plain")]] });
 *       }
 *     }
 *
 * The request body may arrive in several `http.request` messages (`more_body`); they are joined
 * before `handle()` runs. After `handle()` returns (or raises) the consumer calls `disconnect()`
 * and stops — a response it did not finish is the server's problem. A client that goes away
 * (`http.disconnect`) stops it too. Between `send_headers()` and the last `send_body()` the
 * consumer can stream (`more_body: true`), e.g. server-sent events fed by channel-layer handlers.
 */
import { AssertionError, NotImplementedError } from "../../python/builtins";
import { latin1_encode } from "../../python/bytes";
import type { Message } from "../../asgiref/typing";
import { AsyncConsumer, consumer_call } from "../consumer";
import { StopConsumer } from "../exceptions";

export type ResponseHeaders = [Uint8Array, Uint8Array][] | Record<string, Uint8Array> | Map<Uint8Array, Uint8Array>;

export class AsyncHttpConsumer extends AsyncConsumer {
  /** The request body chunks received so far. */
  body: Uint8Array[] = [];

  /**
   * `await send_headers(status=200, headers=None)`: `http.response.start`. A dict of headers
   * (`{"Content-Type": b("text/plain")}`, names as text) becomes its items: one value per name.
   */
  async send_headers(options: { status?: number; headers?: ResponseHeaders | null } = {}): Promise<void> {
    const status = options.status ?? 200;
    let headers: unknown = options.headers ?? [];
    if (headers instanceof Map) headers = [...headers.entries()];
    else if (!Array.isArray(headers)) headers = Object.entries(headers as Record<string, Uint8Array>).map(([name, value]) => [latin1_encode(name), value]);
    await this.send({ type: "http.response.start", status, headers });
  }

  /** `await send_body(body, more_body=False)`: one `http.response.body`; body must be bytes. */
  async send_body(body: Uint8Array, options: { more_body?: boolean } = {}): Promise<void> {
    if (!(body instanceof Uint8Array)) throw new AssertionError("Body is not bytes");
    await this.send({ type: "http.response.body", body, more_body: options.more_body ?? false });
  }

  /** `await send_response(status, body, **kwargs)`: headers, then the whole body. */
  async send_response(status: number, body: Uint8Array, options: { headers?: ResponseHeaders | null } = {}): Promise<void> {
    await this.send_headers({ status, headers: options.headers });
    await this.send_body(body);
  }

  /** Called with the whole request body; sends the response. */
  async handle(_body: Uint8Array): Promise<void> {
    throw new NotImplementedError("Subclasses of AsyncHttpConsumer must provide a handle() method.");
  }

  /** Called when the request is over (answered, or the client went away). */
  async disconnect(): Promise<void> {}

  /** `http.request`: collect the body; the last chunk runs `handle()`, then the consumer stops. */
  async http_request(message: Message): Promise<void> {
    if ("body" in message) this.body.push(message.body as Uint8Array);
    if (!message.more_body) {
      try {
        await consumer_call(this, "handle", () => ({ body_bytes: this.body.reduce((n, chunk) => n + chunk.length, 0) }), () => this.handle(join(this.body)));
      } finally {
        await consumer_call(this, "disconnect", () => ({}), () => this.disconnect());
      }
      throw new StopConsumer();
    }
  }

  /** `http.disconnect`: the client went away before the response was finished. */
  async http_disconnect(_message: Message): Promise<void> {
    await consumer_call(this, "disconnect", () => ({}), () => this.disconnect());
    throw new StopConsumer();
  }
}

/** `b"".join(chunks)` */
function join(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
