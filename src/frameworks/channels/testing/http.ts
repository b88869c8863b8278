/**
 * channels.testing.http: an HTTP client for tests, no server needed — method, path, body and
 * headers → an `http` scope, one `http.request`, and the response collected from
 * `http.response.start` and every `http.response.body`. Main class: `HttpCommunicator`.
 *
 *     const comm = new HttpCommunicator(application, "GET", "/time/");
 *     const response = await comm.get_response();   // {status, headers, body}
 */
import { AssertionError } from "../../python/builtins";
import { concat_bytes, utf8_encode } from "../../python/bytes";
import { urlsplit, unquote } from "../../python/urllib/parse";
import { ApplicationCommunicator } from "../../asgiref/testing";
import type { ASGIApplicationLike } from "../../asgiref/typing";

export interface HttpResponseSummary {
  status: unknown;
  headers: [Uint8Array, Uint8Array][];
  body: Uint8Array;
  [key: string]: unknown;
}

export class HttpCommunicator extends ApplicationCommunicator {
  readonly body: Uint8Array;
  sent_request = false;

  constructor(application: ASGIApplicationLike, method: string, path: string, body: Uint8Array = new Uint8Array(0), headers: [Uint8Array, Uint8Array][] | null = null) {
    const parsed = urlsplit(path);
    if (!(body instanceof Uint8Array)) throw new AssertionError();
    super(application, {
      type: "http",
      http_version: "1.1",
      method: method.toUpperCase(),
      path: unquote(parsed.path),
      query_string: utf8_encode(parsed.query),
      headers: headers ?? [],
    });
    this.body = body;
  }

  /** `await get_response(timeout=1)`: the request (sent once), then the response start and all its body. */
  async get_response(timeout = 1): Promise<HttpResponseSummary> {
    if (!this.sent_request) {
      this.sent_request = true;
      await this.send_input({ type: "http.request", body: this.body });
    }
    const response_start = { ...(await this.receive_output(timeout)) } as Record<string, unknown>;
    if (response_start.type !== "http.response.start") throw new AssertionError();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const chunk = await this.receive_output(timeout);
      chunks.push(chunk.body as Uint8Array);
      if (!chunk.more_body) break;
    }
    delete response_start.type;
    response_start.body = concat_bytes(chunks);
    response_start.headers ??= [];
    return response_start as HttpResponseSummary;
  }
}
