/**
 * The WSGI contract (PEP 3333): an HTTP message ↔ the environ, start_response and the body
 * iterable an application exchanges with its web server.
 *
 * This is the boundary between the simulated web server (`server.ts`) and any framework: Django's
 * `WSGIHandler` and a hand-written raw WSGI app both satisfy `WSGIApplication`. Python `bytes` is
 * `Uint8Array`, Python `str` is `string`, exactly as in `src/frameworks/python/bytes.ts`.
 */

export type { HttpRequestMessage, HttpResponseMessage } from "./exchange";

/** `wsgi.input`: the request body as a readable binary stream (PEP 3333 "Input and Error Streams"). */
export interface WSGIInput extends Iterable<Uint8Array> {
  /** Read at most `size` bytes (all that is left when `size` is omitted or negative). */
  read(size?: number | null): Uint8Array;
  /** Read one line, `\n` included (at most `size` bytes). */
  readline(size?: number | null): Uint8Array;
  /** Read the remaining lines (stopping once `hint` bytes have been read, when given). */
  readlines(hint?: number | null): Uint8Array[];
  /** Python's `for line in wsgi_input`. */
  __iter__(): Iterator<Uint8Array>;
}

/** `wsgi.errors`: a text stream the server collects (and the trace shows). */
export interface WSGIErrors {
  write(text: string): void;
  writelines(lines: Iterable<string>): void;
  flush(): void;
}

/**
 * The environ: CGI variables plus the `wsgi.*` keys. Values of CGI keys are "native strings": the
 * bytes of the request read as Latin-1 (PATH_INFO included), as PEP 3333 prescribes.
 */
export interface WSGIEnviron {
  REQUEST_METHOD: string;
  SCRIPT_NAME: string;
  PATH_INFO: string;
  QUERY_STRING: string;
  CONTENT_TYPE?: string;
  CONTENT_LENGTH?: string;
  SERVER_NAME: string;
  SERVER_PORT: string;
  SERVER_PROTOCOL: string;
  REMOTE_ADDR?: string;
  GATEWAY_INTERFACE?: string;
  "wsgi.version": [number, number];
  "wsgi.url_scheme": "http" | "https";
  "wsgi.input": WSGIInput;
  "wsgi.errors": WSGIErrors;
  "wsgi.multithread": boolean;
  "wsgi.multiprocess": boolean;
  "wsgi.run_once": boolean;
  /** `HTTP_*` headers and anything a middleware adds. */
  [key: string]: unknown;
}

/** The `write(data)` callable start_response returns (the legacy imperative body API). */
export type WriteCallable = (data: Uint8Array) => void;

/**
 * `start_response(status, response_headers, exc_info=None)`. `status` is `"200 OK"`; `exc_info` is
 * the error being handled (or Python's `(type, value, traceback)` triple) when an error page
 * replaces a response whose headers were set already.
 */
export type StartResponse = (status: string, headers: [string, string][], exc_info?: unknown) => WriteCallable;

/** The body the app returns: an iterable of bytes, optionally with a `close()` the server calls. */
export type WSGIBody = (Iterable<Uint8Array> | AsyncIterable<Uint8Array>) & { close?: () => void };

/** A WSGI application. An async application (one awaiting an async view) returns a Promise. */
export type WSGIApplication = (environ: WSGIEnviron, start_response: StartResponse) => WSGIBody | Promise<WSGIBody>;

/** Headers that belong to one connection, which an application must not set (PEP 3333). */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailers",
  "transfer-encoding",
  "upgrade",
]);

export function is_hop_by_hop(header_name: string): boolean {
  return HOP_BY_HOP_HEADERS.has(header_name.toLowerCase());
}
