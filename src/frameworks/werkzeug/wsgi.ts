/**
 * werkzeug.wsgi: helpers that read the WSGI environ. `get_input_stream` guards the request body
 * (Content-Length above `max_content_length` is a 413 before anything is read; reads stop at
 * Content-Length), `get_host` and `get_current_url` read the host and URL from the environ.
 */
import { concat_bytes, type Bytes } from "../python/bytes";
import { ClientDisconnected, RequestEntityTooLarge } from "./exceptions";
import { _wsgi_decoding_dance } from "./_internal";
import { get_content_length as _sansio_get_content_length, get_current_url as _sansio_get_current_url, get_host as _sansio_get_host } from "./sansio/utils";
import { latin1_encode } from "../python/bytes";

export type Environ = Record<string, any>;

/** A readable byte stream (`wsgi.input`, io.BytesIO). */
export interface InputStream {
  read(size?: number | null): Bytes;
}

/** `_get_server(environ)`: (SERVER_NAME, port), or None without a server name. */
export function _get_server(environ: Environ): [string, number | null] | null {
  const name = environ.SERVER_NAME;
  if (name === undefined || name === null) return null;
  const port = environ.SERVER_PORT;
  if (port === undefined || port === null || port === "") return [name, null];
  const n = Number(port);
  return [name, Number.isInteger(n) ? n : null];
}

/** `get_host(environ, trusted_hosts=None)` */
export function get_host(environ: Environ, trusted_hosts: string[] | null = null): string {
  return _sansio_get_host(environ["wsgi.url_scheme"], environ.HTTP_HOST ?? null, _get_server(environ), trusted_hosts);
}

/** `get_content_length(environ)` */
export function get_content_length(environ: Environ): number | null {
  return _sansio_get_content_length(environ.CONTENT_LENGTH ?? null, environ.HTTP_TRANSFER_ENCODING ?? null);
}

/** `get_current_url(environ, root_only=False, strip_querystring=False, host_only=False, trusted_hosts=None)` */
export function get_current_url(environ: Environ, options: { root_only?: boolean; strip_querystring?: boolean; host_only?: boolean; trusted_hosts?: string[] | null } = {}): string {
  const parts: [string, string, string | null, string | null, Bytes | null] = [environ["wsgi.url_scheme"], get_host(environ, options.trusted_hosts ?? null), null, null, null];
  if (!options.host_only) {
    parts[2] = _wsgi_decoding_dance(environ.SCRIPT_NAME ?? "");
    if (!options.root_only) {
      parts[3] = _wsgi_decoding_dance(environ.PATH_INFO ?? "");
      if (!options.strip_querystring) parts[4] = latin1_encode(environ.QUERY_STRING ?? "");
    }
  }
  return _sansio_get_current_url(...parts);
}

/**
 * `LimitedStream(stream, limit, is_max=False)`: reads stop at `limit` bytes. With `is_max`, reading
 * more than the limit is RequestEntityTooLarge; otherwise a body shorter than announced is
 * ClientDisconnected.
 */
export class LimitedStream implements InputStream {
  private _pos = 0;
  constructor(
    private readonly _stream: InputStream,
    readonly limit: number,
    private readonly _limit_is_max = false,
  ) {}

  get is_exhausted(): boolean {
    return this._pos >= this.limit;
  }

  read(size: number | null = null): Bytes {
    if (size === null || size < 0) return this.readall();
    const remaining = this.limit - this._pos;
    if (remaining <= 0) {
      if (this._limit_is_max) throw new RequestEntityTooLarge();
      return new Uint8Array();
    }
    const data = this._stream.read(Math.min(size, remaining));
    if (!data.length && size > 0) {
      if (!this._limit_is_max) throw new ClientDisconnected();
      return data;
    }
    this._pos += data.length;
    return data;
  }

  readall(): Bytes {
    if (this.is_exhausted) {
      if (this._limit_is_max) throw new RequestEntityTooLarge();
      return new Uint8Array();
    }
    const out: Bytes[] = [];
    while (!this.is_exhausted) {
      const data = this.read(64 * 1024);
      if (!data.length) break;
      out.push(data);
    }
    return concat_bytes(out);
  }

  tell(): number {
    return this._pos;
  }
}

/** An empty stream (Python's `io.BytesIO()`). */
export class BytesStream implements InputStream {
  private pos = 0;
  constructor(private readonly data: Bytes = new Uint8Array()) {}
  read(size: number | null = null): Bytes {
    const end = size === null || size < 0 ? this.data.length : Math.min(this.data.length, this.pos + size);
    const chunk = this.data.subarray(this.pos, end);
    this.pos = end;
    return chunk;
  }
}

/**
 * `get_input_stream(environ, safe_fallback=True, max_content_length=None)`: the body, limited to
 * Content-Length; a body announced larger than `max_content_length` is a 413 at once.
 */
export function get_input_stream(environ: Environ, options: { safe_fallback?: boolean; max_content_length?: number | null } = {}): InputStream {
  const stream = environ["wsgi.input"] as InputStream;
  const content_length = get_content_length(environ);
  const max = options.max_content_length ?? null;
  if (content_length !== null && max !== null && content_length > max) throw new RequestEntityTooLarge();
  if ("wsgi.input_terminated" in environ) return max !== null ? new LimitedStream(stream, max, true) : stream;
  if (content_length === null) return options.safe_fallback === false ? stream : new BytesStream();
  return new LimitedStream(stream, content_length);
}
