/**
 * werkzeug.wrappers.request: a WSGI environ → a `Request` object with the body parsed on demand.
 * Main class: `Request`.
 *
 * Reading `request.form` parses the body once (urlencoded or multipart, see formparser.ts);
 * `request.get_data()` reads the raw bytes; `request.get_json()` parses JSON — a body that is not
 * JSON raises BadRequest ("Failed to decode JSON object: …"), and a request whose Content-Type is
 * not JSON raises UnsupportedMediaType (415), unless `force`/`silent` say otherwise.
 *
 *     request.form.getitem("username")     // Python's request.form["username"]
 *     request.args.get("page", "1")
 *     request.get_json({ silent: true })
 */
import { utf8_decode, type Bytes } from "../../python/bytes";
import { ValueError } from "../../python/builtins";
import { py_json_loads } from "../../python/json";
import { EnvironHeaders } from "../datastructures/headers";
import { CombinedMultiDict, ImmutableMultiDict, MultiDict } from "../datastructures/structures";
import type { FileStorage } from "../datastructures/file_storage";
import { BadRequest, UnsupportedMediaType } from "../exceptions";
import { FormDataParser } from "../formparser";
import { Request as SansIORequest } from "../sansio/request";
import { _wsgi_decoding_dance } from "../_internal";
import { latin1_encode } from "../../python/bytes";
import { _get_server, BytesStream, get_input_stream, type InputStream } from "../wsgi";

/** Python's `Ellipsis`: "nothing cached yet" for `get_json`. */
const NOT_CACHED: unique symbol = Symbol("Ellipsis");

const NOTHING_CACHED: readonly [unknown, unknown] = Object.freeze([NOT_CACHED, NOT_CACHED] as [unknown, unknown]);

/** Python's `json` module, as `get_json` uses it unless told otherwise (one object for every request). */
const JSON_MODULE: { loads(s: string): unknown } = Object.freeze({ loads: py_json_loads });

/** The empty query string's bytes (most requests have none; bytes are never changed in place here). */
const NO_QUERY: Bytes = new Uint8Array(0);

/** `Request(environ, populate_request=True, shallow=False)` */
export class Request extends SansIORequest {
  static max_content_length_default: number | null = null;
  static max_form_memory_size_default: number | null = 500_000;
  static max_form_parts_default: number | null = 1000;
  static form_data_parser_class = FormDataParser;

  readonly environ: Record<string, any>;
  readonly shallow: boolean;
  /** The json module `get_json` uses (Flask sets `app.json`). */
  json_module: { loads(s: string): unknown } = JSON_MODULE;
  /** `[value, value when silent]`; replaced (never changed in place) when `get_json` caches. */
  private _cached_json: readonly [unknown, unknown] = NOTHING_CACHED;
  _cached_data: Bytes | null = null;

  constructor(environ: Record<string, any>, populate_request = true, shallow = false) {
    super(
      environ.REQUEST_METHOD ?? "GET",
      environ["wsgi.url_scheme"] ?? "http",
      _get_server(environ),
      _wsgi_decoding_dance(environ.SCRIPT_NAME || ""),
      _wsgi_decoding_dance(environ.PATH_INFO || ""),
      environ.QUERY_STRING ? latin1_encode(environ.QUERY_STRING) : NO_QUERY,
      new EnvironHeaders(environ),
      environ.REMOTE_ADDR ?? null,
    );
    this.environ = environ;
    this.shallow = shallow;
    if (populate_request && !shallow) this.environ["werkzeug.request"] = this;
  }

  /** Stop reading the body after this many bytes (413). */
  get max_content_length(): number | null {
    return (this.constructor as typeof Request).max_content_length_default;
  }

  get max_form_memory_size(): number | null {
    return (this.constructor as typeof Request).max_form_memory_size_default;
  }

  get max_form_parts(): number | null {
    return (this.constructor as typeof Request).max_form_parts_default;
  }

  /** Only a request with a Content-Type has form data to parse. */
  get want_form_data_parsed(): boolean {
    return Boolean(this.environ.CONTENT_TYPE);
  }

  make_form_data_parser(): FormDataParser {
    return new (this.constructor as typeof Request).form_data_parser_class({
      max_form_memory_size: this.max_form_memory_size,
      max_content_length: this.max_content_length,
      max_form_parts: this.max_form_parts,
      cls: (this.constructor as typeof Request).parameter_storage_class,
    });
  }

  /** `_load_form_data()`: parse the body once into `stream`, `form` and `files`. */
  _load_form_data(): void {
    if ("form" in this.__dict__) return;
    let data: [InputStream, MultiDict<any>, MultiDict<any>];
    if (this.want_form_data_parsed) {
      const parser = this.make_form_data_parser();
      data = parser.parse(this._get_stream_for_parsing(), this.mimetype, this.content_length, this.mimetype_params);
    } else {
      const cls = (this.constructor as typeof Request).parameter_storage_class;
      data = [this.stream, new cls(), new cls()];
    }
    [this.__dict__.stream, this.__dict__.form, this.__dict__.files] = data;
  }

  _get_stream_for_parsing(): InputStream {
    if (this._cached_data !== null) return new BytesStream(this._cached_data);
    return this.stream;
  }

  close(): void {}

  /** The body stream, limited to Content-Length (and `max_content_length`). */
  get stream(): InputStream {
    return this.cached("stream", () => {
      if (this.shallow) throw new Error("This request was created with 'shallow=True', reading from the input stream is disabled.");
      return get_input_stream(this.environ, { max_content_length: this.max_content_length });
    });
  }

  get input_stream(): InputStream {
    return this.environ["wsgi.input"];
  }

  /** `request.data`: the raw body (form data parsed first, so a form body reads as b""). */
  get data(): Bytes {
    return this.cached("data", () => this.get_data({ parse_form_data: true }) as Bytes);
  }

  /** `get_data(cache=True, as_text=False, parse_form_data=False)` */
  get_data(options: { cache?: boolean; as_text?: boolean; parse_form_data?: boolean } = {}): Bytes | string {
    const { cache = true, as_text = false, parse_form_data = false } = options;
    let rv = this._cached_data;
    if (rv === null) {
      if (parse_form_data) this._load_form_data();
      rv = this.stream.read();
      if (cache) this._cached_data = rv;
    }
    return as_text ? utf8_decode(rv, "replace") : rv;
  }

  /** `request.form`: the urlencoded or multipart fields. */
  get form(): ImmutableMultiDict<string> {
    this._load_form_data();
    return this.__dict__.form;
  }

  /** `request.values`: args, then form (form only for methods other than GET). */
  get values(): CombinedMultiDict<string> {
    return this.cached("values", () => {
      const sources: MultiDict<string>[] = [this.args];
      if (this.method !== "GET") sources.push(this.form);
      return new CombinedMultiDict(sources);
    });
  }

  /** `request.files`: uploaded files (multipart only). */
  get files(): ImmutableMultiDict<FileStorage> {
    this._load_form_data();
    return this.__dict__.files;
  }

  get script_root(): string {
    return this.root_path;
  }

  get url_root(): string {
    return this.root_url;
  }

  get remote_user(): string | null {
    return this.environ.REMOTE_USER ?? null;
  }

  /** `request.json`: `get_json()`. */
  get json(): any {
    return this.get_json();
  }

  /**
   * `get_json(force=False, silent=False, cache=True)`: the body parsed as JSON. Not JSON by
   * Content-Type → `on_json_loading_failed(None)` (415) unless `force`; invalid JSON → BadRequest
   * unless `silent` (then None).
   */
  get_json(options: { force?: boolean; silent?: boolean; cache?: boolean } = {}): any {
    const { force = false, silent = false, cache = true } = options;
    const slot = silent ? 1 : 0;
    if (cache && this._cached_json[slot] !== NOT_CACHED) return this._cached_json[slot];
    if (!(force || this.is_json)) return silent ? null : this.on_json_loading_failed(null);
    const data = this.get_data({ cache }) as Bytes;
    let rv: unknown;
    try {
      rv = this.json_module.loads(utf8_decode(data, "strict"));
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      if (silent) {
        rv = null;
        if (cache) this._cached_json = [this._cached_json[0], rv];
      } else {
        rv = this.on_json_loading_failed(e);
        if (cache) this._cached_json = [rv, this._cached_json[1]];
      }
      return rv;
    }
    if (cache) this._cached_json = [rv, rv];
    return rv;
  }

  /** What a JSON failure raises: BadRequest for bad JSON, UnsupportedMediaType for a non-JSON body. */
  on_json_loading_failed(e: Error | null): any {
    if (e !== null) throw new BadRequest(`Failed to decode JSON object: ${e.message}`);
    throw new UnsupportedMediaType("Did not attempt to load JSON data because the request Content-Type was not 'application/json'.");
  }
}
