/**
 * starlette.middleware.gzip: `GZipMiddleware(app, { minimum_size = 500, compresslevel = 9,
 * exclude_content_types })` compresses a response when the request's `Accept-Encoding` mentions
 * gzip (`GZipResponder`), else passes it through (`IdentityResponder`, which still adds
 * `Vary: Accept-Encoding` to a body it could have compressed).
 *
 * The decision waits for the first body message: a body smaller than `minimum_size` with no more to
 * come, a response that already has a `Content-Encoding`, a 206 or an excluded content type
 * (images, audio, video, fonts, archives, event streams) goes out untouched; a whole body is
 * compressed at once (new `Content-Length`); a streamed one chunk by chunk, each chunk flushed
 * (`Z_SYNC_FLUSH`) so the client can read it, the last finishing the stream (no `Content-Length`).
 * Compression is zlib's gzip wrapper (header with no name and no time, OS 3), as Python's
 * `zlib.compressobj(level, DEFLATED, 16 + MAX_WBITS)` writes it, by pako (a port of zlib) with
 * zlib's own hash (`legacyHash`; pako's faster default finds other matches), so the bytes and the
 * `Content-Length` are the same. Main class: `GZipMiddleware`.
 */
import { Deflate, Z_FINISH, Z_SYNC_FLUSH } from "pako";
import { span_set, trace_site } from "../../../trace";
import { span_async } from "../_tracing";
import { Headers, MutableHeaders } from "../datastructures";
import { call_app, type ASGIAppLike, type Message, type Receive, type Scope, type Send } from "../types";

const GZIP = trace_site("middleware", "starlette/middleware/gzip.ts#GZipMiddleware.__call__");

export const DEFAULT_EXCLUDED_CONTENT_TYPES = [
  "application/gzip",
  "application/x-gzip",
  "application/zip",
  "audio/*",
  "font/woff",
  "font/woff2",
  "image/avif",
  "image/gif",
  "image/jpeg",
  "image/png",
  "image/webp",
  "text/event-stream",
  "video/*",
];

export interface GZipOptions {
  minimum_size?: number;
  compresslevel?: number;
  thread_minimum_size?: number;
  exclude_content_types?: string[];
}

function normalize_content_types(content_types: string[]): string[] {
  return content_types.map((content_type) => content_type.split(";", 1)[0].trim().toLowerCase());
}

export class GZipMiddleware {
  minimum_size: number;
  compresslevel: number;
  thread_minimum_size: number;
  exclude_content_types: string[];

  constructor(
    readonly app: ASGIAppLike,
    options: GZipOptions = {},
  ) {
    this.minimum_size = options.minimum_size ?? 500;
    this.compresslevel = options.compresslevel ?? 9;
    this.thread_minimum_size = options.thread_minimum_size ?? 128 * 1024;
    this.exclude_content_types = normalize_content_types(options.exclude_content_types ?? DEFAULT_EXCLUDED_CONTENT_TYPES);
  }

  async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (scope.type !== "http") return call_app(this.app, scope, receive, send);
    const headers = new Headers({ scope });
    const accepts_gzip = (headers.get("Accept-Encoding") ?? "").includes("gzip");
    await span_async(GZIP, "GZipMiddleware", () => ({ middleware: "GZipMiddleware", accept_encoding: headers.get("Accept-Encoding"), responder: accepts_gzip ? "GZipResponder" : "IdentityResponder" }), async (span) => {
      const responder = accepts_gzip
        ? new GZipResponder(this.app, this.minimum_size, { compresslevel: this.compresslevel, exclude_content_types: this.exclude_content_types })
        : new IdentityResponder(this.app, this.minimum_size, { exclude_content_types: this.exclude_content_types });
      await responder.__call__(scope, receive, send);
      if (span >= 0) span_set(span, () => ({ compressed: responder.compressed }));
    });
  }
}

/** Passes the body through; decides, on the first body message, whether it could have been compressed. */
export class IdentityResponder {
  content_encoding = "";
  exclude_content_types: string[];
  send: Send = async () => {
    throw new Error("send awaitable not set");
  };
  initial_message: Message = { type: "" };
  started = false;
  content_encoding_set = false;
  content_type_is_excluded = false;
  partial_response = false;
  /** For the trace: whether a body was compressed. */
  compressed = false;

  constructor(
    readonly app: ASGIAppLike,
    readonly minimum_size: number,
    options: { exclude_content_types?: string[] } = {},
  ) {
    this.exclude_content_types = normalize_content_types(options.exclude_content_types ?? DEFAULT_EXCLUDED_CONTENT_TYPES);
  }

  async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    this.send = send;
    await call_app(this.app, scope, receive, (message) => this.send_with_compression(message));
  }

  async send_with_compression(message: Message): Promise<void> {
    const message_type = message.type;
    if (message_type === "http.response.start") {
      // Held back until the first body shows how the headers must change.
      this.initial_message = message;
      const headers = new Headers({ raw: message.headers ?? [] });
      this.content_encoding_set = headers.has("content-encoding");
      this.partial_response = message.status === 206;
      const media_type = (headers.get("content-type") ?? "").split(";", 1)[0].trim().toLowerCase();
      const media_types = [media_type, media_type.split("/", 1)[0] + "/*"];
      this.content_type_is_excluded = media_types.some((m) => this.exclude_content_types.includes(m));
    } else if (message_type === "http.response.body" && (this.content_encoding_set || this.partial_response || this.content_type_is_excluded)) {
      if (!this.started) {
        this.started = true;
        await this.send(this.initial_message);
      }
      await this.send(message);
    } else if (message_type === "http.response.body" && !this.started) {
      this.started = true;
      const body: Uint8Array = message.body ?? new Uint8Array(0);
      const more_body = Boolean(message.more_body);
      if (body.length < this.minimum_size && !more_body) {
        // Small responses are not worth compressing.
        await this.send(this.initial_message);
        await this.send(message);
      } else if (!more_body) {
        const compressed = this.apply_compression(body, false);
        const headers = this.initial_headers();
        headers.add_vary_header("Accept-Encoding");
        if (compressed !== body) {
          headers.setitem("Content-Encoding", this.content_encoding);
          headers.setitem("Content-Length", String(compressed.length));
          message.body = compressed;
          this.compressed = true;
        }
        await this.send(this.initial_message);
        await this.send(message);
      } else {
        // The first chunk of a streamed body.
        const compressed = this.apply_compression(body, true);
        const headers = this.initial_headers();
        headers.add_vary_header("Accept-Encoding");
        if (compressed !== body) {
          headers.setitem("Content-Encoding", this.content_encoding);
          if (headers.has("Content-Length")) headers.delitem("Content-Length");
          message.body = compressed;
          this.compressed = true;
        }
        await this.send(this.initial_message);
        await this.send(message);
      }
    } else if (message_type === "http.response.body") {
      // The rest of a streamed body.
      message.body = this.apply_compression(message.body ?? new Uint8Array(0), Boolean(message.more_body));
      await this.send(message);
    } else if (message_type === "http.response.pathsend") {
      await this.send(this.initial_message);
      await this.send(message);
    }
  }

  private initial_headers(): MutableHeaders {
    if (!this.initial_message.headers) this.initial_message.headers = [];
    return new MutableHeaders({ scope: this.initial_message as unknown as Scope });
  }

  /** The body as it goes out: unchanged here. */
  apply_compression(body: Uint8Array, _more_body: boolean): Uint8Array {
    return body;
  }
}

/** Compresses the body with gzip, one compressor for the whole response. */
export class GZipResponder extends IdentityResponder {
  override content_encoding = "gzip";
  compresslevel: number;
  private _compressor: Deflate | null = null;
  /** The compressor's output since the last call (pako hands it over chunk by chunk). */
  private pending: Uint8Array[] = [];

  constructor(app: ASGIAppLike, minimum_size: number, options: { compresslevel?: number; exclude_content_types?: string[] } = {}) {
    super(app, minimum_size, options);
    this.compresslevel = options.compresslevel ?? 9;
  }

  /** `zlib.compressobj(compresslevel, DEFLATED, 16 + MAX_WBITS)`, made on first use. */
  get compressor(): Deflate {
    if (this._compressor === null) {
      this._compressor = new Deflate({ level: this.compresslevel as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9, windowBits: 15, gzip: true, legacyHash: true });
      this._compressor.onData = (chunk) => void this.pending.push(chunk);
    }
    return this._compressor;
  }

  override apply_compression(body: Uint8Array, more_body: boolean): Uint8Array {
    const compressor = this.compressor;
    compressor.push(body as Uint8Array<ArrayBuffer>, more_body ? Z_SYNC_FLUSH : Z_FINISH);
    if (compressor.err) throw new Error(`zlib error: ${compressor.msg}`);
    const fresh = this.pending;
    this.pending = [];
    let size = 0;
    for (const c of fresh) size += c.length;
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of fresh) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
