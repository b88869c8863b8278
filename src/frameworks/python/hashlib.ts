/**
 * Python's `hashlib`, the part the frameworks need: `md5(data).hexdigest()`, and `sha1`/`sha256`/…
 * constructors (on @noble/hashes) for HMAC signing (itsdangerous, Flask's session cookie).
 *
 * Django names indexes and constraints with a short MD5 digest of the table and column names
 * (`django.db.backends.utils.names_digest`), so the schema editor needs MD5 synchronously, without
 * WebCrypto (which is asynchronous). MD5 is RFC 1321: 64 rounds over 512-bit blocks, little-endian.
 *
 *     md5(utf8_encode("abc")).hexdigest()   // "900150983cd24fb0d6963f7d28e17f72"
 */
import { utf8_encode, type Bytes } from "./bytes";
import { sha1 as noble_sha1 } from "@noble/hashes/legacy.js";
import { sha224 as noble_sha224, sha256 as noble_sha256, sha384 as noble_sha384, sha512 as noble_sha512 } from "@noble/hashes/sha2.js";

/** Per-round left-rotation amounts (RFC 1321 §3.4). */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
/** K[i] = floor(abs(sin(i + 1)) * 2^32). */
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000) >>> 0);

/** A running MD5 hash: `update()` with bytes (or str, UTF-8), then `hexdigest()`. */
export class Md5Hash {
  private chunks: Bytes[] = [];

  update(data: Bytes | string): this {
    this.chunks.push(typeof data === "string" ? utf8_encode(data) : data);
    return this;
  }

  digest(): Bytes {
    return md5_bytes(join(this.chunks));
  }

  hexdigest(): string {
    return Array.from(this.digest(), (b) => b.toString(16).padStart(2, "0")).join("");
  }
}

/** `hashlib.md5(data=b"", usedforsecurity=True)` */
export function md5(data?: Bytes | string, _options: { usedforsecurity?: boolean } = {}): Md5Hash {
  const h = new Md5Hash();
  if (data !== undefined) h.update(data);
  return h;
}

function join(chunks: Bytes[]): Bytes {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Pad the message to a multiple of 64 bytes: 0x80, zeros, then the bit length (little-endian). */
function pad(message: Bytes): DataView {
  const length = Math.ceil((message.length + 9) / 64) * 64;
  const buffer = new Uint8Array(length);
  buffer.set(message);
  buffer[message.length] = 0x80;
  const view = new DataView(buffer.buffer);
  const bits = message.length * 8;
  view.setUint32(length - 8, bits >>> 0, true);
  view.setUint32(length - 4, Math.floor(bits / 0x100000000), true);
  return view;
}

function md5_bytes(message: Bytes): Bytes {
  const view = pad(message);
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let offset = 0; offset < view.byteLength; offset += 64) compress(state, view, offset);
  const out = new DataView(new ArrayBuffer(16));
  state.forEach((word, i) => out.setUint32(i * 4, word, true));
  return new Uint8Array(out.buffer);
}

/** One 64-byte block: four rounds of sixteen steps, each mixing one message word. */
function compress(state: number[], view: DataView, offset: number): void {
  let [a, b, c, d] = state;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) [f, g] = [(b & c) | (~b & d), i];
    else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
    else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
    else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
    const sum = (a + f + K[i] + view.getUint32(offset + g * 4, true)) >>> 0;
    const shift = SHIFTS[(i >> 4) * 4 + (i % 4)];
    [a, d, c] = [d, c, b];
    b = (b + ((sum << shift) | (sum >>> (32 - shift)))) >>> 0;
  }
  state[0] = (state[0] + a) >>> 0;
  state[1] = (state[1] + b) >>> 0;
  state[2] = (state[2] + c) >>> 0;
  state[3] = (state[3] + d) >>> 0;
}

/** The audited hash behind a hashlib constructor (`@noble/hashes`). */
export type NobleHash = typeof noble_sha1 | typeof noble_sha256 | typeof noble_sha512;

/** A running hash object (`hashlib.sha1()`): `update()`, then `digest()` / `hexdigest()`. */
export class HashObject {
  private readonly state: ReturnType<NobleHash["create"]>;
  constructor(
    readonly name: string,
    readonly noble: NobleHash,
  ) {
    this.state = noble.create();
  }
  get digest_size(): number {
    return this.noble.outputLen;
  }
  get block_size(): number {
    return this.noble.blockLen;
  }
  update(data: Bytes | string): this {
    this.state.update(typeof data === "string" ? utf8_encode(data) : data);
    return this;
  }
  digest(): Bytes {
    return this.state.clone().digest();
  }
  hexdigest(): string {
    return Array.from(this.digest(), (b) => b.toString(16).padStart(2, "0")).join("");
  }
}

/** `hashlib.sha1`, `hashlib.sha256`, …: call with optional data; the constructor knows its name. */
export interface HashConstructor {
  (data?: Bytes | string): HashObject;
  readonly hash_name: string;
  readonly noble: NobleHash;
}

function constructor_for(name: string, noble: NobleHash): HashConstructor {
  const make = (data?: Bytes | string) => {
    const h = new HashObject(name, noble);
    if (data !== undefined) h.update(data);
    return h;
  };
  return Object.assign(make, { hash_name: name, noble });
}

export const sha1 = constructor_for("sha1", noble_sha1);
export const sha224 = constructor_for("sha224", noble_sha224 as NobleHash);
export const sha256 = constructor_for("sha256", noble_sha256);
export const sha384 = constructor_for("sha384", noble_sha384 as NobleHash);
export const sha512 = constructor_for("sha512", noble_sha512);
