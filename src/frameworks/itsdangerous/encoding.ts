/**
 * itsdangerous.encoding: the byte helpers every signer uses. Text becomes UTF-8 (`want_bytes`),
 * signatures and payloads become URL-safe base64 without `=` padding, and a timestamp becomes its
 * big-endian bytes with the leading zeros stripped (`int_to_bytes(1735689600)` is 4 bytes,
 * `Z3SFgA` once encoded).
 */
import { concat_bytes, latin1_encode, utf8_encode, type Bytes } from "../python/bytes";
import { urlsafe_b64decode, urlsafe_b64encode } from "../python/base64";
import { BadData } from "./exc";

/** `want_bytes(s)`: str → UTF-8 bytes; bytes unchanged. */
export function want_bytes(s: string | Bytes, encoding = "utf-8"): Bytes {
  if (typeof s !== "string") return s;
  return encoding === "ascii" || encoding === "latin-1" ? latin1_encode(s) : utf8_encode(s);
}

/** `base64_encode(s)`: URL-safe base64 with the padding removed. */
export function base64_encode(string: string | Bytes): Bytes {
  return latin1_encode(urlsafe_b64encode(want_bytes(string)).replace(/=+$/, ""));
}

/** `base64_decode(s)`: pads again, then decodes; `BadData("Invalid base64-encoded data")` if it cannot. */
export function base64_decode(string: string | Bytes): Bytes {
  let bytes = typeof string === "string" ? latin1_encode(string.replace(/[^\x00-\x7f]/g, "")) : string;
  const pad = (4 - (bytes.length % 4)) % 4;
  if (pad) bytes = concat_bytes([bytes, latin1_encode("=".repeat(pad))]);
  try {
    return urlsafe_b64decode(bytes);
  } catch {
    throw new BadData("Invalid base64-encoded data");
  }
}

/** `int_to_bytes(num)`: 8 big-endian bytes with the leading zero bytes stripped. */
export function int_to_bytes(num: number): Bytes {
  const out: number[] = [];
  let n = BigInt(Math.trunc(num)) & 0xffffffffffffffffn;
  for (let i = 0; i < 8; i++) {
    out.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  while (out.length && out[0] === 0) out.shift();
  return new Uint8Array(out);
}

/** `bytes_to_int(b)`: big-endian, at most 8 bytes (more is a struct error, a ValueError in effect). */
export function bytes_to_int(bytestr: Bytes): number {
  if (bytestr.length > 8) throw new BadData("unpack requires a buffer of 8 bytes");
  let n = 0n;
  for (const b of bytestr) n = (n << 8n) | BigInt(b);
  return Number(n);
}
