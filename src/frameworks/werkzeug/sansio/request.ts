/**
 * werkzeug.sansio.request: the parts of a request that need no I/O — method, scheme, host, path,
 * query string and headers, and everything computed from them. Main class: `Request` (the WSGI
 * `Request` in wrappers/request.ts adds the body: form, files, data, json).
 *
 * Values computed once are cached, as Python's `cached_property` does: `request.args` parses
 * the query string the first time it is read and returns the same MultiDict afterwards.
 *
 *     request.url        // "http://localhost/echo?a=1"      request.base_url  // without the query
 *     request.url_root   // "http://localhost/"               request.full_path // "/echo?a=1"
 */
import { latin1_decode, type Bytes } from "../../python/bytes";
import type { Headers } from "../datastructures/headers";
import { ImmutableList, ImmutableMultiDict, HeaderSet } from "../datastructures/structures";
import { parse_cookie, parse_list_header, parse_options_header, parse_set_header, parse_date } from "../http";
import { _parse_qsl } from "../urls";
import { UserAgent } from "../user_agent";
import type { datetime } from "../../python/datetime";
import { get_content_length, get_current_url, get_host } from "./utils";

/** `Request(method, scheme, server, root_path, path, query_string, headers, remote_addr)` */
export class Request {
  static parameter_storage_class = ImmutableMultiDict;
  static dict_storage_class = ImmutableMultiDict;
  static user_agent_class = UserAgent;
  trusted_hosts: string[] | null = null;

  /** Python's instance `__dict__`: where cached properties keep their values. */
  readonly __dict__: Record<string, any> = {};

  readonly method: string;
  readonly root_path: string;
  readonly path: string;

  constructor(
    method: string,
    readonly scheme: string,
    readonly server: [string, number | null] | null,
    root_path: string,
    path: string,
    readonly query_string: Bytes,
    readonly headers: Headers,
    readonly remote_addr: string | null,
  ) {
    this.method = method.toUpperCase();
    // Werkzeug: `root_path.rstrip("/")` and `"/" + path.lstrip("/")`; a path that already has
    // exactly one leading slash (and a root without a trailing one) is kept as it is.
    this.root_path = root_path.endsWith("/") ? root_path.replace(/\/+$/, "") : root_path;
    this.path = path.startsWith("/") && path[1] !== "/" ? path : "/" + path.replace(/^\/+/, "");
  }

  /** `cached_property`: compute once per request. */
  protected cached<T>(name: string, compute: () => T): T {
    if (!(name in this.__dict__)) this.__dict__[name] = compute();
    return this.__dict__[name];
  }

  __repr__(): string {
    let url: string;
    try {
      url = this.url;
    } catch (e) {
      url = `(invalid URL: ${e})`;
    }
    return `<${this.constructor.name} '${url}' [${this.method}]>`;
  }

  /** `request.args`: the query string as an ImmutableMultiDict. */
  get args(): ImmutableMultiDict<string> {
    return this.cached("args", () => new (this.constructor as typeof Request).parameter_storage_class(_parse_qsl(latin1_decode(this.query_string))) as ImmutableMultiDict<string>);
  }

  /** `request.access_route`: `X-Forwarded-For` addresses, else the remote address. */
  get access_route(): string[] {
    return this.cached("access_route", () => {
      if (this.headers.has("X-Forwarded-For")) return ImmutableList.of_items(parse_list_header(this.headers.getitem("X-Forwarded-For")));
      if (this.remote_addr !== null) return ImmutableList.of_items([this.remote_addr]);
      return ImmutableList.of_items<string>([]);
    });
  }

  /** `/path?query` (the `?` is there even when the query is empty). */
  get full_path(): string {
    return this.cached("full_path", () => `${this.path}?${latin1_decode(this.query_string)}`);
  }

  get is_secure(): boolean {
    return this.scheme === "https" || this.scheme === "wss";
  }

  /** The full URL, as an IRI. */
  get url(): string {
    return this.cached("url", () => get_current_url(this.scheme, this.host, this.root_path, this.path, this.query_string));
  }

  /** The URL without the query string. */
  get base_url(): string {
    return this.cached("base_url", () => get_current_url(this.scheme, this.host, this.root_path, this.path));
  }

  /** scheme, host and root path: where the application is mounted. */
  get root_url(): string {
    return this.cached("root_url", () => get_current_url(this.scheme, this.host, this.root_path));
  }

  get host_url(): string {
    return this.cached("host_url", () => get_current_url(this.scheme, this.host));
  }

  /** The host (with a non-default port), checked against `trusted_hosts`. */
  get host(): string {
    return this.cached("host", () => get_host(this.scheme, this.headers.get("host"), this.server, this.trusted_hosts));
  }
  set host(value: string) {
    this.__dict__.host = value;
  }

  /** `request.cookies`: the `Cookie` header parsed. */
  get cookies(): ImmutableMultiDict<string> {
    return this.cached("cookies", () => parse_cookie(this.headers.getlist("Cookie").join(";"), (this.constructor as typeof Request).dict_storage_class) as ImmutableMultiDict<string>);
  }

  get content_type(): string | null {
    return this.headers.get("Content-Type");
  }

  get content_length(): number | null {
    return this.cached("content_length", () => get_content_length(this.headers.get("Content-Length"), this.headers.get("Transfer-Encoding")));
  }

  get content_encoding(): string | null {
    return this.headers.get("Content-Encoding");
  }

  get referrer(): string | null {
    return this.headers.get("Referer");
  }

  get date(): datetime | null {
    return parse_date(this.headers.get("Date"));
  }

  private parsed_content_type(): [string, Record<string, string>] {
    return this.cached("_parsed_content_type", () => parse_options_header(this.headers.get("Content-Type", "")));
  }

  /** The mimetype, lower-cased, without parameters (`""` when there is no Content-Type). */
  get mimetype(): string {
    return this.parsed_content_type()[0].toLowerCase();
  }

  get mimetype_params(): Record<string, string> {
    return this.parsed_content_type()[1];
  }

  get pragma(): HeaderSet {
    return this.cached("pragma", () => parse_set_header(this.headers.get("Pragma", "")));
  }

  get user_agent(): UserAgent {
    return this.cached("user_agent", () => new (this.constructor as typeof Request).user_agent_class(this.headers.get("User-Agent", "")));
  }

  /** `application/json` or any `application/*+json`. */
  get is_json(): boolean {
    const mt = this.mimetype;
    return mt === "application/json" || (mt.startsWith("application/") && mt.endsWith("+json"));
  }
}
