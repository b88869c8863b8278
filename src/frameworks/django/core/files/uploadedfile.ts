/**
 * django.core.files.uploadedfile: a file that came in with a request, as `request.FILES` holds it.
 *
 * The multipart parser turns each file part of a form into an `InMemoryUploadedFile` (the lab
 * has no disk, so every upload stays in memory, as Django's MemoryFileUploadHandler keeps small
 * ones): its `name` (sanitized), `size`, `content_type`, `charset`, and the bytes via `read()`
 * or `chunks()`. `SimpleUploadedFile(name, content)` builds one by hand, for tests.
 */
import { utf8_encode, type Bytes } from "../../../python/bytes";
import { BytesIO } from "../../../python/io";

/** Django's `File.DEFAULT_CHUNK_SIZE`: 64 KiB. */
export const DEFAULT_CHUNK_SIZE = 64 * 2 ** 10;

export class UploadedFile {
  file: BytesIO;
  size: number | null;
  content_type: string | null;
  charset: string | null;
  content_type_extra: Record<string, string> | null;
  private _name: string | null = null;

  constructor(file: BytesIO | null = null, name: string | null = null, content_type: string | null = null, size: number | null = null, charset: string | null = null, content_type_extra: Record<string, string> | null = null) {
    this.file = file ?? new BytesIO();
    this.name = name;
    this.size = size;
    this.content_type = content_type;
    this.charset = charset;
    this.content_type_extra = content_type_extra;
  }

  /** The file name; longer than 255 characters it is cut, keeping the extension. */
  get name(): string | null {
    return this._name;
  }

  set name(value: string | null) {
    if (value !== null) {
      value = value.slice(Math.max(value.lastIndexOf("/"), value.lastIndexOf("\\")) + 1);
      if (value.length > 255) {
        const dot = value.lastIndexOf(".");
        const ext = dot > 0 ? value.slice(dot, dot + 255) : "";
        const stem = dot > 0 ? value.slice(0, dot) : value;
        value = stem.slice(0, 255 - ext.length) + ext;
      }
    }
    this._name = value;
  }

  read(size: number | null = -1): Bytes {
    return this.file.read(size);
  }

  readline(size: number | null = -1): Bytes {
    return this.file.readline(size);
  }

  seek(offset: number, whence: 0 | 1 | 2 = 0): number {
    return this.file.seek(offset, whence);
  }

  tell(): number {
    return this.file.tell();
  }

  /** The content in pieces of `chunk_size` bytes, from the start. */
  *chunks(chunk_size: number = DEFAULT_CHUNK_SIZE): Generator<Bytes> {
    this.file.seek(0);
    for (;;) {
      const data = this.file.read(chunk_size);
      if (!data.length) return;
      yield data;
    }
  }

  multiple_chunks(chunk_size: number = DEFAULT_CHUNK_SIZE): boolean {
    return (this.size ?? 0) > chunk_size;
  }

  open(): this {
    this.file.seek(0);
    return this;
  }

  close(): void {
    this.file.close();
  }

  get closed(): boolean {
    return this.file.closed;
  }

  toString(): string {
    return this.name ?? "";
  }

  __repr__(): string {
    return `<${this.constructor.name}: ${this.name} (${this.content_type})>`;
  }
}

/** An upload held in memory (all uploads in the lab). */
export class InMemoryUploadedFile extends UploadedFile {
  field_name: string | null;

  constructor(file: BytesIO, field_name: string | null, name: string | null, content_type: string | null, size: number | null, charset: string | null, content_type_extra: Record<string, string> | null = null) {
    super(file, name, content_type, size, charset, content_type_extra);
    this.field_name = field_name;
  }

  override open(): this {
    this.file.seek(0);
    return this;
  }

  override multiple_chunks(_chunk_size?: number): boolean {
    return false;
  }
}

/** `SimpleUploadedFile("a.txt", b"content", "text/plain")`: an in-memory upload for tests. */
export class SimpleUploadedFile extends InMemoryUploadedFile {
  constructor(name: string, content: Bytes | string | null, content_type = "text/plain") {
    const bytes = typeof content === "string" ? utf8_encode(content) : (content ?? new Uint8Array(0));
    super(new BytesIO(bytes), null, name, content_type, bytes.length, null, null);
  }
}
