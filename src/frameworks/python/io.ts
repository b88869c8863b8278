/**
 * Python's `io.BytesIO`: an in-memory byte stream with `read`, `readline`, `seek` and `tell`.
 *
 * Once Django has read a request body it keeps it as `BytesIO(body)` so the body can be read
 * again; the multipart parser reads uploads from one.
 */
import { concat_bytes, type Bytes } from "./bytes";

export class BytesIO {
  private buffer: Bytes;
  private pos = 0;
  closed = false;

  constructor(initial: Bytes = new Uint8Array(0)) {
    this.buffer = initial;
  }

  /** `read(size=-1)`: up to `size` bytes (all remaining when size is -1, null or absent). */
  read(size: number | null = -1): Bytes {
    const end = size === null || size < 0 ? this.buffer.length : Math.min(this.buffer.length, this.pos + size);
    const chunk = this.buffer.slice(this.pos, end);
    this.pos = Math.max(this.pos, end);
    return chunk;
  }

  /** `readline(size=-1)`: up to and including the next `\n`. */
  readline(size: number | null = -1): Bytes {
    let end = this.buffer.indexOf(0x0a, this.pos);
    end = end < 0 ? this.buffer.length : end + 1;
    if (size !== null && size >= 0) end = Math.min(end, this.pos + size);
    const chunk = this.buffer.slice(this.pos, end);
    this.pos = Math.max(this.pos, end);
    return chunk;
  }

  write(data: Bytes): number {
    const before = this.buffer.slice(0, this.pos);
    const after = this.buffer.slice(this.pos + data.length);
    this.buffer = concat_bytes([before, data, after]);
    this.pos += data.length;
    return data.length;
  }

  /** `seek(offset, whence)`: 0 from the start, 1 from here, 2 from the end. */
  seek(offset: number, whence: 0 | 1 | 2 = 0): number {
    const base = whence === 0 ? 0 : whence === 1 ? this.pos : this.buffer.length;
    this.pos = Math.max(0, base + offset);
    return this.pos;
  }

  tell(): number {
    return this.pos;
  }

  seekable(): boolean {
    return true;
  }

  getvalue(): Bytes {
    return this.buffer.slice();
  }

  close(): void {
    this.closed = true;
  }
}
