/**
 * werkzeug.datastructures.file_storage: one uploaded file (`FileStorage`: stream, filename, name,
 * content type) and the MultiDict that holds them (`request.files`).
 */
import { concat_bytes, type Bytes } from "../../python/bytes";
import { MultiDict } from "./structures";

/** `FileStorage(stream=None, filename=None, name=None, content_type=None, content_length=None)` */
export class FileStorage {
  private data: Bytes;
  constructor(
    stream: Bytes | null = null,
    readonly filename: string | null = null,
    readonly name: string | null = null,
    readonly content_type: string | null = null,
    readonly content_length: number | null = null,
  ) {
    this.data = stream ?? new Uint8Array();
  }
  /** `read()`: the file's bytes. */
  read(): Bytes {
    return this.data;
  }
  get mimetype(): string {
    return (this.content_type ?? "").split(";")[0].trim().toLowerCase();
  }
  /** Uploads stay in memory in the page: `save()` is not available. */
  close(): void {
    this.data = concat_bytes([]);
  }
  __bool__(): boolean {
    return Boolean(this.filename);
  }
  __repr__(): string {
    return `<FileStorage: '${this.filename}' ('${this.content_type}')>`;
  }
}

/** `FileMultiDict`: a MultiDict of FileStorage with `add_file`. */
export class FileMultiDict extends MultiDict<FileStorage> {
  add_file(name: string, file: Bytes, filename: string | null = null, content_type: string | null = null): void {
    this.add(name, new FileStorage(file, filename, name, content_type ?? "application/octet-stream"));
  }
}
