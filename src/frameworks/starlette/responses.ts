/**
 * starlette.responses: a response object → the ASGI messages that send it.
 *
 * `Response(content, status_code, headers, media_type, background)` renders its content to bytes
 * once (`render`), computes `content-length` and `content-type` (`text/*` gets `; charset=utf-8`)
 * unless given, and `await response(scope, receive, send)` sends `http.response.start` then one
 * `http.response.body`, then runs the background task. Subclasses choose the media type and the
 * rendering: `HTMLResponse`, `PlainTextResponse`, `JSONResponse` (compact JSON, non-ASCII kept,
 * NaN refused), `RedirectResponse` (307 with a quoted `location`), `StreamingResponse` (a body
 * iterator, one message per chunk). `set_cookie`/`delete_cookie` add `set-cookie` headers.
 * Main class: `Response`.
 */
import { get_project_files } from "../jinja2/loaders";
import { AssertionError, AttributeError, RuntimeError } from "../python/builtins";
import { latin1_encode, utf8_encode, type Bytes } from "../python/bytes";
import { bounded_cache } from "../python/functools";
import { py_json_dumps, py_type_name } from "../python/json";
import { guess_type } from "../python/mimetypes";
import { quote } from "../python/urllib/parse";
import type { BackgroundTask } from "./background";
import { iterate_in_threadpool } from "./concurrency";
import { MutableHeaders, URL } from "./datastructures";
import { format_cookie, type CookieOptions } from "./_cookies";
import type { Message, Receive, Scope, Send } from "./types";
import { is_keyword_object } from "./_utils";

export type { CookieOptions } from "./_cookies";

export interface ResponseOptions {
  status_code?: number;
  headers?: Record<string, string> | null;
  media_type?: string | null;
  background?: BackgroundTask | null;
}

/** A value's Python type name: a plain object is a dict, an array a list. */
function value_type_name(value: unknown): string {
  if (Array.isArray(value)) return "list";
  if (value instanceof Map || (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype)) return "dict";
  return py_type_name(value);
}

/** Header names every response writes, encoded once (bytes are never written to in place). */
const CONTENT_LENGTH = latin1_encode("content-length");
const CONTENT_TYPE = latin1_encode("content-type");

/**
 * The `content-type` value's bytes: the media type, with `; charset=…` added to a `text/*` one that
 * has none. A handful of distinct values per app, so each is built and encoded once (for the
 * default utf-8 charset; another charset is built each time).
 */
function content_type_bytes(media_type: string, charset: string): Bytes {
  return charset === "utf-8" ? utf8_content_type_bytes(media_type) : build_content_type_bytes(media_type, charset);
}

function build_content_type_bytes(media_type: string, charset: string): Bytes {
  let content_type = media_type;
  if (content_type.startsWith("text/") && !content_type.toLowerCase().includes("charset=")) content_type += "; charset=" + charset;
  return latin1_encode(content_type);
}

const utf8_content_type_bytes = bounded_cache(64, (media_type: string) => build_content_type_bytes(media_type, "utf-8"));

/**
 * `content.encode("utf-8")` of a response's text. A short text (a hello, `{"ok":true}`) is encoded
 * once and its bytes shared by every response that sends it (bytes are immutable: nothing writes
 * into a body, and the server copies what it is sent); anything longer is encoded each time.
 */
export function encode_content(text: string): Bytes {
  return text.length > 64 ? utf8_encode(text) : encode_short_content(text);
}

const encode_short_content = bounded_cache(256, utf8_encode);

/** `str(len(body)).encode("latin-1")`, encoded once per size for bodies under 64 KiB. */
function content_length_bytes(length: number): Bytes {
  return length < 65536 ? encode_small_length(length) : latin1_encode(String(length));
}

const encode_small_length = bounded_cache(4096, (length: number) => latin1_encode(String(length)));

const RESPONSE_KEYWORDS = new Set(["content", "status_code", "headers", "media_type", "background"]);

const EMPTY_OPTIONS: ResponseOptions = Object.freeze({});

/**
 * A one-argument call whose object is keywords only (ADR 0014), not content: every key a keyword
 * name, `content` alone included — `new JSONResponse({ content: item })` is the tutorial's
 * `JSONResponse(content=item)`.
 */
function is_keyword_call(value: unknown): boolean {
  return is_keyword_object(value, RESPONSE_KEYWORDS);
}

export class Response {
  static media_type: string | null = null;
  charset = "utf-8";
  status_code: number;
  media_type: string | null;
  background: BackgroundTask | null;
  body!: Bytes;
  raw_headers!: [Bytes, Bytes][];
  private _headers?: MutableHeaders;

  /**
   * `Response(content, status_code, headers, media_type, background)`: keywords as a trailing options
   * object (`new JSONResponse({ a: 1 }, { status_code: 201 })`), the status code also positionally
   * (`new JSONResponse(content, 418)`), and a keyword-only call as one object when every key is a
   * keyword name (`new JSONResponse({ status_code: 418, content: {...} })`, ADR 0014).
   */
  constructor(content: unknown = null, options?: ResponseOptions | number, headers?: Record<string, string> | null, media_type?: string | null) {
    if (options === undefined) {
      options = EMPTY_OPTIONS;
      if (is_keyword_call(content)) [options, content] = [content as ResponseOptions, (content as { content?: unknown }).content ?? null];
    } else if (typeof options === "number") options = { status_code: options, headers: headers ?? null, media_type: media_type ?? undefined };
    this.status_code = options.status_code ?? 200;
    this.media_type = options.media_type ?? (new.target as typeof Response).media_type;
    this.background = options.background ?? null;
    this.body = this.render(content);
    this.init_headers(options.headers ?? null);
  }

  /** Content → bytes: None is empty, bytes pass through, text is encoded with `charset`; anything else has no `.encode` (AttributeError, as in Python). */
  render(content: unknown): Bytes {
    if (content === null || content === undefined) return new Uint8Array(0);
    if (content instanceof Uint8Array) return content;
    if (typeof content !== "string") throw new AttributeError(`'${value_type_name(content)}' object has no attribute 'encode'`);
    return encode_content(content);
  }

  /** The raw header list: the given headers (lowercased), then content-length and content-type if missing. */
  init_headers(headers: Record<string, string> | null): void {
    let raw: [Bytes, Bytes][] = [];
    let populate_content_length = true;
    let populate_content_type = true;
    if (headers !== null) {
      raw = Object.entries(headers).map(([k, v]) => [latin1_encode(k.toLowerCase()), latin1_encode(String(v))]);
      const keys = Object.keys(headers).map((k) => k.toLowerCase());
      populate_content_length = !keys.includes("content-length");
      populate_content_type = !keys.includes("content-type");
    }
    const body = this.body as Bytes | undefined;
    if (body !== undefined && populate_content_length && !(this.status_code < 200 || this.status_code === 204 || this.status_code === 304))
      raw.push([CONTENT_LENGTH, content_length_bytes(body.length)]);
    const media_type = this.media_type;
    if (media_type !== null && populate_content_type) raw.push([CONTENT_TYPE, content_type_bytes(media_type, this.charset)]);
    this.raw_headers = raw;
  }

  /** The headers as a mutable view over `raw_headers`. */
  get headers(): MutableHeaders {
    if (!this._headers) this._headers = new MutableHeaders({ raw: this.raw_headers });
    return this._headers;
  }

  /** `response.set_cookie(key, value, { max_age, expires, path, domain, secure, httponly, samesite })` */
  set_cookie(key: string, value = "", options: CookieOptions = {}): void {
    const samesite = options.samesite === undefined ? "lax" : options.samesite;
    if (samesite !== null && !["strict", "lax", "none"].includes(samesite.toLowerCase())) throw new AssertionError("samesite must be either 'strict', 'lax' or 'none'");
    this.raw_headers.push([latin1_encode("set-cookie"), latin1_encode(format_cookie(key, value, { ...options, samesite }))]);
  }

  /** An expired cookie with the same path/domain: `max_age=0`, `expires=0` (now). */
  delete_cookie(key: string, options: Omit<CookieOptions, "max_age" | "expires"> = {}): void {
    this.set_cookie(key, "", { ...options, max_age: 0, expires: 0 });
  }

  /** The ASGI app this response is: start, body, then the background task. */
  async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (scope.type === "websocket") send = wrap_websocket_denial_send(send);
    await send({ type: "http.response.start", status: this.status_code, headers: this.raw_headers });
    await send({ type: "http.response.body", body: this.body });
    if (this.background !== null) await this.background.__call__();
  }
}

/** A response sent over a WebSocket before the handshake becomes the denial response. */
function wrap_websocket_denial_send(send: Send): Send {
  return async (message: Message) => {
    if (message.type === "http.response.start" || message.type === "http.response.body") message = { ...message, type: `websocket.${message.type}` };
    await send(message);
  };
}

export class HTMLResponse extends Response {
  static override media_type: string | null = "text/html";
}

export class PlainTextResponse extends Response {
  static override media_type: string | null = "text/plain";
}

/** JSON as Starlette writes it: `json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))`. */
export class JSONResponse extends Response {
  static override media_type: string | null = "application/json";

  override render(content: unknown): Bytes {
    return encode_content(py_json_dumps(content, { ensure_ascii: false, allow_nan: false, indent: null, separators: [",", ":"] }));
  }
}

/** A redirect (307 unless told otherwise) to `url`, percent-quoted as Starlette quotes it. */
export class RedirectResponse extends Response {
  /** `RedirectResponse(url, status_code=307, headers=None, background=None)`; `new RedirectResponse({ url: "/items/" })` as keywords. */
  constructor(url: string | URL | ({ url: string | URL } & Omit<ResponseOptions, "media_type">), options: Omit<ResponseOptions, "media_type"> = {}) {
    if (typeof url === "object" && !(url instanceof URL) && Object.getPrototypeOf(url) === Object.prototype) ({ url, ...options } = url);
    super(new Uint8Array(0), { status_code: 307, ...options });
    this.headers.setitem("location", quote(String(url), ":/%#?=@[]!$&'()*+,;"));
  }
}

export type ContentStream = AsyncIterable<string | Bytes> | Iterable<string | Bytes>;

/** A body produced piece by piece: one `http.response.body` message per chunk. */
export class StreamingResponse extends Response {
  body_iterator: AsyncIterable<string | Bytes>;

  constructor(content: ContentStream, options: ResponseOptions = {}) {
    super(null, { ...options, headers: null });
    this.body_iterator = Symbol.asyncIterator in (content as object) ? (content as AsyncIterable<string | Bytes>) : iterate_in_threadpool(content as Iterable<string | Bytes>);
    this.body = undefined as unknown as Bytes;
    this.init_headers(options.headers ?? null);
  }

  async stream_response(send: Send): Promise<void> {
    await send({ type: "http.response.start", status: this.status_code, headers: this.raw_headers });
    for await (let chunk of this.body_iterator) {
      if (!(chunk instanceof Uint8Array)) chunk = utf8_encode(String(chunk));
      await send({ type: "http.response.body", body: chunk, more_body: true });
    }
    await send({ type: "http.response.body", body: new Uint8Array(0), more_body: false });
  }

  override async __call__(scope: Scope, _receive: Receive, send: Send): Promise<void> {
    if (scope.type === "websocket") send = wrap_websocket_denial_send(send);
    await this.stream_response(send);
    if (this.background !== null) await this.background.__call__();
  }
}

export interface FileResponseOptions extends ResponseOptions {
  filename?: string | null;
  method?: string | null;
  content_disposition_type?: string;
}

/**
 * `FileResponse(path, status_code, headers, media_type, background, filename, stat_result, method,
 * content_disposition_type="attachment")`: a project file as the body, read when the response is
 * sent; its type guessed from `filename` or the path (`text/plain` when unknown), `accept-ranges:
 * bytes`, a `content-disposition` naming `filename` when given. A path that is not a project file
 * is a RuntimeError then, as Starlette's stat is. Project files have no modification time, so
 * there is no `last-modified` or `etag` (the same choice as Flask's send_file here).
 */
export class FileResponse extends Response {
  readonly path: string;
  readonly filename: string | null;
  readonly send_header_only: boolean;

  constructor(path: string | ({ path: string } & FileResponseOptions), options: FileResponseOptions = {}) {
    if (typeof path === "object") ({ path, ...options } = path);
    const filename = options.filename ?? null;
    const media_type = options.media_type ?? guess_type(filename ?? path)[0] ?? "text/plain";
    super(null, { status_code: options.status_code, headers: options.headers ?? null, media_type, background: options.background ?? null });
    this.path = path;
    this.filename = filename;
    this.send_header_only = options.method !== undefined && options.method !== null && options.method.toUpperCase() === "HEAD";
    this.body = undefined as unknown as Bytes;
    this.init_headers(options.headers ?? null);
    this.headers.setdefault("accept-ranges", "bytes");
    if (filename !== null) {
      const quoted = quote(filename);
      const type = options.content_disposition_type ?? "attachment";
      this.headers.setdefault("content-disposition", quoted !== filename ? `${type}; filename*=utf-8''${quoted}` : `${type}; filename="${filename}"`);
    }
  }

  /** The file's text as bytes, or Starlette's RuntimeError when no file is at the path. */
  private read_file(): Bytes {
    const files = get_project_files();
    const path = this.path.replace(/^\.\//, "");
    if (Object.hasOwn(files, path)) return utf8_encode(files[path]);
    const is_folder = Object.keys(files).some((name) => name.startsWith(path.replace(/\/+$/, "") + "/"));
    throw new RuntimeError(is_folder ? `File at path ${this.path} is not a file.` : `File at path ${this.path} does not exist.`);
  }

  override async __call__(scope: Scope, _receive: Receive, send: Send): Promise<void> {
    const body = this.read_file();
    this.headers.setitem("content-length", String(body.length));
    const head_only = this.send_header_only || scope.method === "HEAD";
    await send({ type: "http.response.start", status: this.status_code, headers: this.raw_headers });
    await send({ type: "http.response.body", body: head_only ? new Uint8Array(0) : body, more_body: false });
    if (this.background !== null) await this.background.__call__();
  }
}
