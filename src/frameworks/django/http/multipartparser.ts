/**
 * django.http.multipartparser: a `multipart/form-data` body into `[POST, FILES]`.
 *
 * A form with `enctype="multipart/form-data"` sends each field as a part between boundary
 * lines, with its own headers (`Content-Disposition: form-data; name="title"`, and for files a
 * `filename` and `Content-Type`). `MultiPartParser.parse()` reads the parts in order: fields
 * become QueryDict values (decoded in the request encoding), files become InMemoryUploadedFile
 * objects. Django's limits apply as they do there: DATA_UPLOAD_MAX_NUMBER_FIELDS (the preamble
 * and epilogue count too, hence the +2), DATA_UPLOAD_MAX_NUMBER_FILES, and
 * DATA_UPLOAD_MAX_MEMORY_SIZE for the non-file field data.
 */
import { Exception } from "../../python/builtins";
import { concat_bytes, latin1_decode, utf8_encode, type Bytes } from "../../python/bytes";
import { BytesIO } from "../../python/io";
import { settings } from "../conf";
import { RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent } from "../core/exceptions";
import { InMemoryUploadedFile } from "../core/files/uploadedfile";
import { MultiValueDict } from "../utils/datastructures";
import { force_str } from "../utils/encoding";
import { base64_decode, parse_header_parameters } from "../utils/http";
import { QueryDict } from "./request";

export class MultiPartParserError extends Exception {}
export class InputStreamExhausted extends Exception {}
export { TooManyFilesSent };

export const RAW = "raw";
export const FILE = "file";
export const FIELD = "field";
const MAX_TOTAL_HEADER_SIZE = 1024;
const boundary_re = /^[ -~]{0,200}[!-~]$/;

type PartType = typeof RAW | typeof FILE | typeof FIELD;
/** A part's headers: lowercased name → [value, params]. */
type PartHeaders = Record<string, [string, Record<string, string>]>;

interface Part {
  type: PartType;
  headers: PartHeaders;
  body: Bytes;
}

export class MultiPartParser {
  private readonly _boundary: Bytes;
  private readonly _encoding: string;
  private readonly _content_length: number;

  constructor(
    readonly META: Record<string, any>,
    private readonly _input_data: { read(size?: number | null): Bytes },
    encoding: string | null = null,
  ) {
    const content_type: string = META.CONTENT_TYPE ?? "";
    if (!content_type.startsWith("multipart/")) throw new MultiPartParserError(`Invalid Content-Type: ${content_type}`);
    if (/[^\x00-\x7f]/.test(content_type)) throw new MultiPartParserError(`Invalid non-ASCII Content-Type in multipart: ${content_type}`);
    const [, opts] = parse_header_parameters(content_type);
    const boundary = opts.boundary;
    if (!boundary || !boundary_re.test(boundary)) throw new MultiPartParserError(`Invalid boundary in multipart: ${boundary ?? "None"}`);
    const content_length = Number.parseInt(String(META.CONTENT_LENGTH ?? 0), 10) || 0;
    if (content_length < 0) throw new MultiPartParserError(`Invalid content length: ${content_length}`);
    this._boundary = new TextEncoder().encode(boundary);
    this._encoding = encoding || settings.DEFAULT_CHARSET;
    this._content_length = content_length;
  }

  /** `parse()` → `[POST QueryDict (immutable), FILES MultiValueDict]`. */
  parse(): [QueryDict, MultiValueDict] {
    if (this._content_length === 0) return [new QueryDict(null, { encoding: this._encoding }), new MultiValueDict()];
    const post = new QueryDict(null, { mutable: true });
    const files = new MultiValueDict();
    const counts = { post_keys: 0, files: 0, bytes_read: 0 };
    for (const part of split_parts(this._input_data.read(null), this._boundary)) {
      this.check_field_count(part.type, counts);
      const name = part.headers["content-disposition"]?.[1]?.name;
      if (name === undefined) continue;
      const field_name = force_str(utf8_encode(name.trim()), this._encoding, false, "replace") as string;
      const transfer_encoding = part.headers["content-transfer-encoding"]?.[0]?.trim() ?? null;
      if (part.type === FIELD) post.appendlist(field_name, this.read_field(part, field_name, transfer_encoding, counts));
      else if (part.type === FILE) {
        counts.files += 1;
        const max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES;
        if (max_files !== null && max_files !== undefined && counts.files > max_files)
          throw new TooManyFilesSent("The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES.");
        const file = this.read_file(part, field_name, transfer_encoding);
        if (file) files.appendlist(field_name, file);
      }
    }
    (post as any)._mutable = false;
    return [post, files];
  }

  /** Every part counts toward DATA_UPLOAD_MAX_NUMBER_FIELDS, plus 2 for preamble and epilogue. */
  private check_field_count(type: PartType, counts: { post_keys: number }): void {
    const max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS;
    if (type === FILE || max_fields === null || max_fields === undefined) return;
    counts.post_keys += 1;
    if (max_fields + 2 < counts.post_keys) throw new TooManyFieldsSent("The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.");
  }

  /** A text field's value; its bytes (and name) count toward DATA_UPLOAD_MAX_MEMORY_SIZE. */
  private read_field(part: Part, field_name: string, transfer_encoding: string | null, counts: { bytes_read: number }): string {
    const max = settings.DATA_UPLOAD_MAX_MEMORY_SIZE;
    let data = max !== null && max !== undefined ? part.body.subarray(0, Math.max(0, max - counts.bytes_read)) : part.body;
    counts.bytes_read += data.length;
    if (transfer_encoding === "base64") {
      try {
        data = base64_decode(latin1_decode(data).replace(/\s+/g, ""));
      } catch {
        /* Django keeps the raw data when it is not valid base64 */
      }
    }
    counts.bytes_read += field_name.length + 2;
    if (max !== null && max !== undefined && counts.bytes_read > max) throw new RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.");
    return force_str(data, this._encoding, false, "replace");
  }

  /** A file part as an InMemoryUploadedFile; null when its sanitized name is empty. */
  private read_file(part: Part, field_name: string, transfer_encoding: string | null): InMemoryUploadedFile | null {
    const raw_name = part.headers["content-disposition"][1].filename;
    const file_name = sanitize_file_name(force_str(utf8_encode(raw_name), this._encoding, false, "replace"));
    if (!file_name) return null;
    const [content_type_raw, content_type_extra] = part.headers["content-type"] ?? ["", {}];
    let content = part.body;
    if (transfer_encoding === "base64") {
      try {
        content = base64_decode(latin1_decode(content).replace(/\s+/g, ""));
      } catch {
        throw new MultiPartParserError("Could not decode base64 data.");
      }
    }
    const charset = content_type_extra.charset ?? null;
    return new InMemoryUploadedFile(new BytesIO(content), field_name, file_name, content_type_raw.trim(), content.length, charset, content_type_extra);
  }
}

/**
 * `haystack.find(needle, from)` in linear time (Knuth–Morris–Pratt; CPython's `bytes.find` is
 * linear too). A naive search is O(body × boundary): a 2.5 MB body of dashes against a 200-byte
 * boundary would take seconds.
 */
function finder(needle: Bytes): (haystack: Bytes, from?: number) => number {
  const fail = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = fail[k - 1];
    if (needle[i] === needle[k]) k++;
    fail[i] = k;
  }
  return (haystack, from = 0) => {
    if (needle.length === 0) return from <= haystack.length ? from : -1;
    for (let i = from, k = 0; i < haystack.length; i++) {
      while (k > 0 && haystack[i] !== needle[k]) k = fail[k - 1];
      if (haystack[i] === needle[k]) k++;
      if (k === needle.length) return i - needle.length + 1;
    }
    return -1;
  };
}

const find_header_end = finder(new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a]));

/**
 * The body cut at every `--boundary`, one part at a time (the line break before each boundary
 * belongs to it). Lazy, as Django's parser streams: the field and file limits stop a body of a
 * million tiny parts after the first thousand, not after splitting them all.
 */
function* split_parts(body: Bytes, boundary: Bytes): Generator<Part> {
  const separator = concat_bytes([new Uint8Array([0x2d, 0x2d]), boundary]);
  const find_separator = finder(separator);
  let start = 0;
  for (;;) {
    const at = find_separator(body, start);
    let end = at < 0 ? body.length : at;
    if (at >= 0 && end > start && body[end - 1] === 0x0a) end -= 1;
    if (at >= 0 && end > start && body[end - 1] === 0x0d) end -= 1;
    yield parse_part(body.subarray(start, end));
    if (at < 0) return;
    start = at + separator.length;
  }
}

/** One part: its headers (which must end within 1024 bytes) and its content. */
function parse_part(chunk: Bytes): Part {
  const head = chunk.subarray(0, MAX_TOTAL_HEADER_SIZE);
  const header_end = find_header_end(head);
  if (header_end < 0) {
    if (head.length < MAX_TOTAL_HEADER_SIZE) return { type: RAW, headers: {}, body: chunk };
    throw new MultiPartParserError("Request max total header size exceeded.");
  }
  let type: PartType = RAW;
  const headers: PartHeaders = {};
  for (const raw_line of split_lines(chunk.subarray(0, header_end))) {
    const line = decode_header_line(raw_line);
    if (line === null) continue;
    const [main, params] = parse_header_parameters(line);
    const colon = main.indexOf(":");
    if (colon < 0) continue;
    const name = main.slice(0, colon);
    if (name === "content-disposition") type = params.filename ? FILE : FIELD;
    headers[name] = [main.slice(colon + 1), params];
  }
  return { type, headers, body: type === RAW ? chunk : chunk.subarray(header_end + 4) };
}

function split_lines(header: Bytes): Bytes[] {
  const lines: Bytes[] = [];
  let start = 0;
  for (let i = 0; i + 1 < header.length; i++) {
    if (header[i] === 0x0d && header[i + 1] === 0x0a) {
      lines.push(header.subarray(start, i));
      start = i + 2;
    }
  }
  lines.push(header.subarray(start));
  return lines;
}

/** A header line as UTF-8 text; an undecodable line is skipped, as Django skips invalid headers. */
function decode_header_line(line: Bytes): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(line);
  } catch {
    return null;
  }
}

const HTML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Keep only the last path component, drop non-printable characters; "", "." and ".." are refused. */
export function sanitize_file_name(file_name: string): string | null {
  file_name = file_name.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") return String.fromCodePoint(ref[1].toLowerCase() === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    return HTML_ENTITIES[ref.toLowerCase()] ?? whole;
  });
  file_name = file_name.slice(file_name.lastIndexOf("/") + 1);
  file_name = file_name.slice(file_name.lastIndexOf("\\") + 1);
  file_name = [...file_name].filter((c) => !/[\p{C}\p{Z}]/u.test(c) || c === " ").join("");
  if (["", ".", ".."].includes(file_name)) return null;
  return file_name;
}
