/**
 * werkzeug.formparser: a request body → `(stream, form, files)`. Main class: `FormDataParser`.
 * `application/x-www-form-urlencoded` is parsed as a query string; `multipart/form-data` field by
 * field (files become FileStorage); any other body is left in the stream (`request.data`).
 */
import { latin1_decode, utf8_decode } from "../python/bytes";
import { ValueError } from "../python/builtins";
import { MultiDict } from "./datastructures/structures";
import { FileStorage } from "./datastructures/file_storage";
import { RequestEntityTooLarge } from "./exceptions";
import { parse_options_header } from "./http";
import { _parse_qsl } from "./urls";
import type { InputStream } from "./wsgi";

export type ParseResult = [InputStream, MultiDict<any>, MultiDict<any>];

/** `FormDataParser(max_form_memory_size=None, max_content_length=None, cls=MultiDict, silent=True, max_form_parts=None)` */
export class FormDataParser {
  readonly max_form_memory_size: number | null;
  readonly max_content_length: number | null;
  readonly max_form_parts: number | null;
  readonly cls: new (items?: any) => MultiDict<any>;
  readonly silent: boolean;

  constructor(options: { max_form_memory_size?: number | null; max_content_length?: number | null; max_form_parts?: number | null; cls?: new (items?: any) => MultiDict<any>; silent?: boolean } = {}) {
    this.max_form_memory_size = options.max_form_memory_size ?? null;
    this.max_content_length = options.max_content_length ?? null;
    this.max_form_parts = options.max_form_parts ?? null;
    this.cls = options.cls ?? MultiDict;
    this.silent = options.silent ?? true;
  }

  /** `parse(stream, mimetype, content_length, options)` */
  parse(stream: InputStream, mimetype: string, content_length: number | null, options: Record<string, string> = {}): ParseResult {
    const parse_func = mimetype === "multipart/form-data" ? this._parse_multipart : mimetype === "application/x-www-form-urlencoded" ? this._parse_urlencoded : null;
    if (parse_func === null) return [stream, new this.cls(), new this.cls()];
    try {
      return parse_func.call(this, stream, mimetype, content_length, options);
    } catch (e) {
      if (!(e instanceof ValueError) || !this.silent) throw e;
    }
    return [stream, new this.cls(), new this.cls()];
  }

  _parse_urlencoded(stream: InputStream, _mimetype: string, _content_length: number | null, _options: Record<string, string>): ParseResult {
    const items = _parse_qsl(utf8_decode(stream.read(), "replace"));
    return [stream, new this.cls(items), new this.cls()];
  }

  /** A small multipart reader: each part's headers, then its field value or file. */
  _parse_multipart(stream: InputStream, _mimetype: string, _content_length: number | null, options: Record<string, string>): ParseResult {
    const boundary = options.boundary ?? "";
    if (!boundary) throw new ValueError("Missing boundary");
    const body = latin1_decode(stream.read());
    const form: [string, string][] = [];
    const files: [string, FileStorage][] = [];
    const delimiter = `--${boundary}`;
    const sections = body.split(delimiter).slice(1);
    for (const section of sections) {
      if (section.startsWith("--")) break;
      if (this.max_form_parts !== null && form.length + files.length >= this.max_form_parts) throw new RequestEntityTooLarge();
      const part = section.replace(/^\r\n/, "").replace(/\r\n$/, "");
      const split = part.indexOf("\r\n\r\n");
      if (split < 0) continue;
      const headers = parse_part_headers(part.slice(0, split));
      const content = part.slice(split + 4);
      const [, disposition] = parse_options_header(headers["content-disposition"] ?? "");
      const name = disposition.name;
      if (name === undefined) continue;
      const bytes = Uint8Array.from(content, (c) => c.charCodeAt(0));
      if (disposition.filename !== undefined) files.push([name, new FileStorage(bytes, disposition.filename, name, headers["content-type"] ?? "application/octet-stream", bytes.length)]);
      else {
        if (this.max_form_memory_size !== null && bytes.length > this.max_form_memory_size) throw new RequestEntityTooLarge();
        form.push([name, utf8_decode(bytes, "replace")]);
      }
    }
    return [stream, new this.cls(form), new this.cls(files)];
  }
}

function parse_part_headers(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

