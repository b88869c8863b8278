/**
 * starlette.formparsers: a `multipart/form-data` body → the form's items, `[name, str | UploadFile]`
 * in the order the parts came (`MultiPartParser(headers, body).parse()`).
 *
 * Starlette drives python-multipart's state machine; here one pass over the whole body does that
 * machine's job (`split_multipart`): an optional run of newlines, `--boundary`, then per part its
 * header lines (`Name: value`, a blank line ending them) and its data up to `\r\n--boundary`
 * followed by `\r\n` (another part) or `--` (the end; anything after is ignored). The delimiter is
 * found with a Knuth–Morris–Pratt scan, so the pass is linear in the body whatever its bytes. A
 * body that breaks the grammar is `MultiPartException("Invalid multipart data.")`; one that stops
 * early keeps the parts it finished, as python-multipart's `finalize()` does.
 *
 * Per part (`on_headers_finished`): its Content-Disposition's `name` is required
 * ('The Content-Disposition header field "name" must be provided.'); with a `filename` it becomes
 * an `UploadFile` (its headers kept, its bytes written in), without one a string decoded with the
 * form's charset (UTF-8 unless the Content-Type says otherwise; Latin-1 when that fails). At most
 * `max_files` files and `max_fields` fields, a field at most `max_part_size` bytes. Main class:
 * `MultiPartParser`.
 */
import { latin1_decode, latin1_encode, type Bytes } from "../python/bytes";
import { BytesIO } from "../python/io";
import { Headers, UploadFile } from "./datastructures";

export class MultiPartException extends Error {
  constructor(override readonly message: string) {
    super(message);
    this.name = "MultiPartException";
  }
}

/** python-multipart's FormParserError: the body is not multipart as the boundary says. */
class FormParserError extends Error {}

/**
 * `parse_options_header(value)`: `form-data; name="f"; filename="a.txt"` → `["form-data",
 * {name: "f", filename: "a.txt"}]`, parameters split as `email.message` splits them (a `;` inside
 * quotes does not split; keys lowercased; quoted values unquoted, `\"` and `\\` unescaped). A
 * filename with a Windows path (`C:\x\a.txt`, `\\host\a.txt`) keeps its last component, as
 * Internet Explorer sent it. Values stay Latin-1 text (the header's bytes), as python-multipart
 * returns bytes.
 */
export function parse_options_header(value: string | null | undefined): [string, Record<string, string>] {
  if (!value) return ["", {}];
  if (!value.includes(";")) return [value.toLowerCase().trim(), {}];
  const pieces = split_params(value);
  const ctype = pieces[0].trim().toLowerCase();
  const options: Record<string, string> = {};
  for (const piece of pieces.slice(1)) {
    const eq = piece.indexOf("=");
    const key = (eq < 0 ? piece : piece.slice(0, eq)).trim().toLowerCase();
    if (!key) continue;
    let val = eq < 0 ? "" : unquote(piece.slice(eq + 1).trim());
    if (key === "filename" && (val.slice(1, 3) === ":\\" || val.slice(0, 2) === "\\\\")) val = val.split("\\").pop()!;
    options[key] = val;
  }
  return [ctype, options];
}

/** Split at the `;`s that are not inside a quoted string. */
function split_params(value: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted && c === "\\") i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ";" && !quoted) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out.filter((p, i) => i === 0 || p.trim() !== "");
}

function unquote(value: string): string {
  if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(\\|")/g, "$1");
  if (value.length > 1 && value.startsWith("<") && value.endsWith(">")) return value.slice(1, -1);
  return value;
}

/** Bytes as `charset` text, Latin-1 when the charset is unknown or the bytes are not valid in it. */
function user_safe_decode(data: Bytes, charset: string): string {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(data);
  } catch {
    return latin1_decode(data);
  }
}

interface RawPart {
  headers: [Bytes, Bytes][];
  content_disposition: string | null;
  data: Bytes;
}

const CR = 0x0d;
const LF = 0x0a;
const HYPHEN = 0x2d;
const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;
/** RFC 7230 token characters, the ones a header name may use. */
const TOKEN = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TOKEN[c.charCodeAt(0)] = 1;

/** Knuth–Morris–Pratt: where `needle` first occurs in `hay` at or after `from`, or -1; linear in `hay`. */
function kmp_table(needle: Bytes): Int32Array {
  const fail = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = fail[k - 1];
    if (needle[i] === needle[k]) k++;
    fail[i] = k;
  }
  return fail;
}

function kmp_find(hay: Bytes, needle: Bytes, fail: Int32Array, from: number): number {
  for (let i = from, k = 0; i < hay.length; i++) {
    while (k > 0 && hay[i] !== needle[k]) k = fail[k - 1];
    if (hay[i] === needle[k]) k++;
    if (k === needle.length) return i - needle.length + 1;
  }
  return -1;
}

/**
 * The body's parts, each handed to `on_part` as soon as its headers are read (it may refuse the
 * part by throwing) and then completed with its data. Throws FormParserError where the grammar breaks.
 */
function split_multipart(body: Bytes, boundary: Bytes, on_headers: (part: RawPart) => void, on_part_end: (part: RawPart) => void): void {
  const dash_boundary = new Uint8Array(boundary.length + 2);
  dash_boundary.set([HYPHEN, HYPHEN]);
  dash_boundary.set(boundary, 2);
  const delimiter = new Uint8Array(dash_boundary.length + 2);
  delimiter.set([CR, LF]);
  delimiter.set(dash_boundary, 2);
  const fail = kmp_table(delimiter);
  let pos = 0;
  while (pos < body.length && (body[pos] === CR || body[pos] === LF)) pos++;
  for (let i = 0; i < dash_boundary.length; i++, pos++) {
    if (pos >= body.length) return;
    if (body[pos] !== dash_boundary[i]) throw new FormParserError(`Did not find boundary character at index ${i}`);
  }
  for (;;) {
    // After a boundary: `--` ends the body, CRLF starts a part.
    if (pos >= body.length) return;
    if (body[pos] === HYPHEN) {
      if (pos + 1 < body.length && body[pos + 1] !== HYPHEN) throw new FormParserError("Did not find - at end of boundary");
      return;
    }
    if (body[pos] !== CR) throw new FormParserError("Did not find CR at end of boundary");
    if (pos + 1 >= body.length) return;
    if (body[pos + 1] !== LF) throw new FormParserError("Did not find LF at end of boundary");
    pos += 2;
    const part: RawPart = { headers: [], content_disposition: null, data: new Uint8Array(0) };
    // Header lines until an empty one.
    for (;;) {
      if (pos >= body.length) return;
      if (body[pos] === CR) {
        if (pos + 1 >= body.length) return;
        if (body[pos + 1] !== LF) throw new FormParserError("Did not find LF at end of headers");
        pos += 2;
        break;
      }
      const name_start = pos;
      while (pos < body.length && body[pos] !== COLON) {
        if (body[pos] >= 128 || !TOKEN[body[pos]]) throw new FormParserError(`Found invalid character ${body[pos]} in header at ${pos}`);
        pos++;
      }
      if (pos >= body.length) return;
      if (pos === name_start) throw new FormParserError("Found 0-length header");
      const name = body.subarray(name_start, pos);
      pos++;
      while (pos < body.length && (body[pos] === SPACE || body[pos] === TAB)) pos++;
      const value_start = pos;
      while (pos < body.length && body[pos] !== CR) pos++;
      if (pos + 1 >= body.length) return;
      if (body[pos + 1] !== LF) throw new FormParserError("Did not find LF character at end of header");
      const field = latin1_encode(latin1_decode(name).toLowerCase());
      const value = body.slice(value_start, pos);
      if (latin1_decode(field) === "content-disposition") part.content_disposition = latin1_decode(value);
      part.headers.push([field, value]);
      pos += 2;
    }
    on_headers(part);
    // The data, up to a delimiter followed by CRLF or `--` (a delimiter followed by anything else is data).
    let search = pos;
    let end = -1;
    for (;;) {
      const at = kmp_find(body, delimiter, fail, search);
      if (at < 0) return;
      const after = at + delimiter.length;
      if (after + 1 >= body.length) return;
      if ((body[after] === CR && body[after + 1] === LF) || (body[after] === HYPHEN && body[after + 1] === HYPHEN)) {
        end = at;
        break;
      }
      search = at + 1;
    }
    part.data = body.slice(pos, end);
    on_part_end(part);
    pos = end + delimiter.length;
  }
}

export class MultiPartParser {
  static spool_max_size = 1024 * 1024;
  static max_part_size = 1024 * 1024;
  max_files: number;
  max_fields: number;
  max_part_size: number;
  items: [string, string | UploadFile][] = [];
  private _current_files = 0;
  private _current_fields = 0;
  private _charset = "utf-8";

  constructor(
    readonly headers: Headers,
    readonly body: Bytes,
    options: { max_files?: number; max_fields?: number; max_part_size?: number } = {},
  ) {
    this.max_files = options.max_files ?? 1000;
    this.max_fields = options.max_fields ?? 1000;
    this.max_part_size = options.max_part_size ?? MultiPartParser.max_part_size;
  }

  /** A part's headers are read: name it, and make it a file or a field. */
  private on_headers_finished(part: RawPart & { field_name?: string; file?: UploadFile | null }): void {
    const [, options] = parse_options_header(part.content_disposition);
    if (!("name" in options)) throw new MultiPartException('The Content-Disposition header field "name" must be provided.');
    part.field_name = user_safe_decode(latin1_encode(options.name), this._charset);
    if ("filename" in options) {
      this._current_files += 1;
      if (this._current_files > this.max_files) throw new MultiPartException(`Too many files. Maximum number of files is ${this.max_files}.`);
      const filename = user_safe_decode(latin1_encode(options.filename), this._charset);
      part.file = new UploadFile(new BytesIO(), { size: 0, filename, headers: new Headers({ raw: part.headers }) });
    } else {
      this._current_fields += 1;
      if (this._current_fields > this.max_fields) throw new MultiPartException(`Too many fields. Maximum number of fields is ${this.max_fields}.`);
      part.file = null;
    }
  }

  /** A part's data is read: the field's text now, a file's bytes once the body is parsed. */
  private on_part_end(part: RawPart & { field_name?: string; file?: UploadFile | null }, files: [UploadFile, Bytes][]): void {
    if (!part.file) {
      if (part.data.length > this.max_part_size) throw new MultiPartException(`Part exceeded maximum size of ${Math.trunc(this.max_part_size / 1024)}KB.`);
      this.items.push([part.field_name!, user_safe_decode(part.data, this._charset)]);
      return;
    }
    files.push([part.file, part.data]);
    this.items.push([part.field_name!, part.file]);
  }

  async parse(): Promise<[string, string | UploadFile][]> {
    const [, params] = parse_options_header(this.headers.get("content-type"));
    this._charset = params.charset ?? "utf-8";
    if (!("boundary" in params)) throw new MultiPartException("Missing boundary in multipart.");
    const files: [UploadFile, Bytes][] = [];
    try {
      split_multipart(this.body, latin1_encode(params.boundary), (part) => this.on_headers_finished(part), (part) => this.on_part_end(part, files));
    } catch (e) {
      if (e instanceof FormParserError) throw new MultiPartException("Invalid multipart data.");
      throw e;
    }
    for (const [file, data] of files) {
      await file.write(data);
      await file.seek(0);
    }
    return this.items;
  }
}
