/**
 * The request half of django.core.handlers.wsgi: a WSGI environ into a `WSGIRequest`.
 *
 * The gateway turns the HTTP message into a PEP 3333 environ (`REQUEST_METHOD`, `PATH_INFO`,
 * `QUERY_STRING`, `HTTP_*` headers, `wsgi.input` …). `new WSGIRequest(environ)` reads the path
 * and method at once and leaves the rest for later: `GET` parses `QUERY_STRING` on first use,
 * `COOKIES` parses `HTTP_COOKIE`, `POST`/`FILES`/`body` read `wsgi.input` through a
 * `LimitedStream` that stops at CONTENT_LENGTH. (WSGIHandler, in core/handlers/wsgi.ts,
 * re-exports this class.)
 *
 * WSGI keeps byte strings in "native strings": PATH_INFO holds the URL-decoded path bytes as
 * Latin-1 characters; `get_path_info` turns them back into bytes and decodes UTF-8, keeping
 * invalid bytes as `%XX`.
 */
import { latin1_encode, utf8_decode, type Bytes } from "../../../python/bytes";
import { settings } from "../../conf";
import { parse_cookie } from "../../http/cookie";
import { HttpRequest, QueryDict, type ReadableStream } from "../../http/request";
import { repercent_broken_unicode } from "../../utils/encoding";

export type WSGIEnviron = Record<string, any>;

/** Reads at most `limit` bytes from the server's input stream (so a view can't read past the body). */
export class LimitedStream implements ReadableStream {
  private _pos = 0;

  constructor(
    private readonly stream: { read(size?: number | null): Bytes; readline?(size?: number | null): Bytes },
    readonly limit: number,
  ) {}

  read(size: number | null = -1): Bytes {
    if (this._pos >= this.limit) return new Uint8Array(0);
    const n = size === null || size === -1 || size === undefined ? this.limit - this._pos : Math.min(size, this.limit - this._pos);
    const data = this.stream.read(n);
    this._pos += data.length;
    return data;
  }

  readline(size: number | null = -1): Bytes {
    if (this._pos >= this.limit) return new Uint8Array(0);
    const n = size === null || size === -1 || size === undefined ? this.limit - this._pos : Math.min(size, this.limit - this._pos);
    const line = this.stream.readline ? this.stream.readline(n) : this.stream.read(n);
    this._pos += line.length;
    return line;
  }

  close(): void {}
}

/** `environ[key]` as bytes (WSGI native strings are Latin-1). */
export function get_bytes_from_wsgi(environ: WSGIEnviron, key: string, default_: string): Bytes {
  const value = environ[key] ?? default_;
  return latin1_encode(String(value));
}

/** `environ[key]` as text: its bytes decoded as UTF-8, bad bytes replaced. */
export function get_str_from_wsgi(environ: WSGIEnviron, key: string, default_: string): string {
  const value = environ[key] ?? default_;
  if (typeof value === "string" && ASCII.test(value)) return value; // ASCII bytes decode to themselves
  return utf8_decode(get_bytes_from_wsgi(environ, key, default_), "replace");
}

/** The request path inside the application, as text (invalid UTF-8 kept as `%XX`). */
export function get_path_info(environ: WSGIEnviron): string {
  const value = environ.PATH_INFO ?? "/";
  if (typeof value === "string" && ASCII.test(value)) return value; // ASCII is valid UTF-8, nothing to re-percent
  return utf8_decode(repercent_broken_unicode(get_bytes_from_wsgi(environ, "PATH_INFO", "/")));
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Where the application is mounted: FORCE_SCRIPT_NAME if set, else what SCRIPT_URL /
 * REDIRECT_URL say (mod_rewrite), else SCRIPT_NAME.
 */
export function get_script_name(environ: WSGIEnviron): string {
  if (settings.FORCE_SCRIPT_NAME !== null && settings.FORCE_SCRIPT_NAME !== undefined) return settings.FORCE_SCRIPT_NAME;
  // Without mod_rewrite's SCRIPT_URL / REDIRECT_URL (the usual case) the answer is SCRIPT_NAME.
  let script_url = environ.SCRIPT_URL === undefined && environ.REDIRECT_URL === undefined ? "" : get_str_from_wsgi(environ, "SCRIPT_URL", "") || get_str_from_wsgi(environ, "REDIRECT_URL", "");
  if (script_url) {
    script_url = script_url.replace(/\/+/g, "/");
    const path_info = get_str_from_wsgi(environ, "PATH_INFO", "");
    return path_info && script_url.endsWith(path_info) ? script_url.slice(0, script_url.length - path_info.length) : script_url;
  }
  return get_str_from_wsgi(environ, "SCRIPT_NAME", ""); // its bytes decoded as UTF-8, bad bytes replaced
}

export class WSGIRequest extends HttpRequest {
  protected static override parses_its_input = true;
  environ: WSGIEnviron;

  constructor(environ: WSGIEnviron) {
    super();
    const script_name = get_script_name(environ);
    // PATH_INFO may be empty when the server mounts the app at the root.
    const path_info = get_path_info(environ) || "/";
    this.environ = environ;
    this.path_info = path_info;
    this.path = script_name === "" || script_name === "/" ? (path_info.startsWith("/") ? path_info : `/${path_info.replace("/", "")}`) : `${script_name.replace(/\/+$/, "")}/${path_info.replace("/", "")}`;
    this.META = environ;
    this.META.PATH_INFO = path_info;
    this.META.SCRIPT_NAME = script_name;
    this.method = String(environ.REQUEST_METHOD).toUpperCase();
    this._set_content_type_params(environ);
    const content_length = Number.parseInt(String(environ.CONTENT_LENGTH ?? ""), 10);
    this._stream = new LimitedStream(environ["wsgi.input"] ?? { read: () => new Uint8Array(0) }, Number.isNaN(content_length) ? 0 : content_length);
    this._read_started = false;
    this.resolver_match = null;
    this._get = undefined;
    this._post = undefined;
    this._files = undefined;
    this._cookies = undefined;
  }

  protected override _get_scheme(): string {
    return this.environ["wsgi.url_scheme"];
  }

  /** `request.GET`: QUERY_STRING's bytes, decoded in the request encoding. */
  protected override _parse_GET(): QueryDict {
    return new QueryDict(get_bytes_from_wsgi(this.environ, "QUERY_STRING", ""), { encoding: this._encoding });
  }

  protected override _parse_COOKIES(): Record<string, string> {
    return parse_cookie(get_str_from_wsgi(this.environ, "HTTP_COOKIE", ""));
  }
}
