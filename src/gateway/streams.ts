/**
 * The environ's two streams: the request body as `wsgi.input` (bytes in) and `wsgi.errors` (text
 * out), PEP 3333's "Input and Error Streams". Main classes: `InputStream`, `ErrorStream`.
 */
import type { WSGIErrors, WSGIInput } from "./wsgi";

const NEWLINE = 0x0a;

/** `wsgi.input` over a request body held in memory; reads never go past the end. */
export class InputStream implements WSGIInput {
  private position = 0;

  constructor(private readonly body: Uint8Array) {}

  get length(): number {
    return this.body.length;
  }

  /** How many bytes the application has read so far (shown in the trace). */
  get bytes_read(): number {
    return this.position;
  }

  read(size?: number | null): Uint8Array {
    const end = size === undefined || size === null || size < 0 ? this.body.length : Math.min(this.body.length, this.position + size);
    return this.take(end);
  }

  readline(size?: number | null): Uint8Array {
    const newline = this.body.indexOf(NEWLINE, this.position);
    let end = newline < 0 ? this.body.length : newline + 1;
    if (size !== undefined && size !== null && size >= 0) end = Math.min(end, this.position + size);
    return this.take(end);
  }

  readlines(hint?: number | null): Uint8Array[] {
    const lines: Uint8Array[] = [];
    let total = 0;
    for (let line = this.readline(); line.length; line = this.readline()) {
      lines.push(line);
      total += line.length;
      if (hint !== undefined && hint !== null && hint > 0 && total >= hint) break;
    }
    return lines;
  }

  *__iter__(): Iterator<Uint8Array> {
    for (let line = this.readline(); line.length; line = this.readline()) yield line;
  }

  [Symbol.iterator](): Iterator<Uint8Array> {
    return this.__iter__();
  }

  /** What the trace shows instead of the stream object. */
  summary(): string {
    return `<wsgi.input: ${this.body.length} bytes>`;
  }

  private take(end: number): Uint8Array {
    const chunk = this.body.slice(this.position, end);
    this.position = end;
    return chunk;
  }
}

/** `wsgi.errors`: collects what the application (or the server) writes, for the trace and logs. */
export class ErrorStream implements WSGIErrors {
  private readonly chunks: string[] = [];

  write(text: string): void {
    if (typeof text !== "string") throw new TypeError(`write() argument must be str, not ${typeof text}`);
    this.chunks.push(text);
  }

  writelines(lines: Iterable<string>): void {
    for (const line of lines) this.write(line);
  }

  flush(): void {}

  getvalue(): string {
    return this.chunks.join("");
  }
}
