/**
 * Python's `base64`: bytes → ASCII text and back, standard (`+/`) and URL-safe (`-_`) alphabets.
 *
 * itsdangerous writes every part of a signed value in URL-safe base64 with the `=` padding
 * stripped; Flask's tagged JSON stores `bytes` session values as standard base64.
 * Decoding is Python's non-validating mode: characters outside the alphabet are discarded, and
 * the remaining length must be padded correctly (`binascii.Error: Incorrect padding`).
 */
import { ValueError } from "./builtins";
import type { Bytes } from "./bytes";

const STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URLSAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** `binascii.Error`, raised for badly padded input (a ValueError, as in Python). */
export class BinasciiError extends ValueError {
  static python_name = "Error";
}

function encode_with(alphabet: string, s: Bytes): string {
  let out = "";
  let i = 0;
  for (; i + 2 < s.length; i += 3) {
    const n = (s[i] << 16) | (s[i + 1] << 8) | s[i + 2];
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  if (s.length - i === 1) {
    const n = s[i] << 16;
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + "==";
  } else if (s.length - i === 2) {
    const n = (s[i] << 16) | (s[i + 1] << 8);
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + "=";
  }
  return out;
}

function decode_with(alphabet: string, text: string): Bytes {
  const values: number[] = [];
  let padding = 0;
  for (const ch of text) {
    if (ch === "=") {
      padding++;
      continue;
    }
    const v = alphabet.indexOf(ch);
    if (v < 0) continue; // discarded, as binascii does without validate=True
    if (padding) break; // data after padding ends the input
    values.push(v);
  }
  const rem = values.length % 4;
  if (rem === 1) throw new BinasciiError(`Invalid base64-encoded string: number of data characters (${values.length}) cannot be 1 more than a multiple of 4`);
  if (rem && padding < 4 - rem) throw new BinasciiError("Incorrect padding");
  const out = new Uint8Array(Math.floor((values.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < values.length; i += 4) {
    const n = (values[i] << 18) | (values[i + 1] << 12) | ((values[i + 2] ?? 0) << 6) | (values[i + 3] ?? 0);
    out[o++] = n >> 16;
    if (i + 2 < values.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < values.length) out[o++] = n & 255;
  }
  return out;
}

function as_text(s: Bytes | string): string {
  if (typeof s === "string") return s;
  let text = "";
  for (let i = 0; i < s.length; i += 8192) text += String.fromCharCode(...s.subarray(i, i + 8192));
  return text;
}

/** `base64.b64encode(s)` (returned as text: the bytes are ASCII). */
export function b64encode(s: Bytes): string {
  return encode_with(STANDARD, s);
}

/** `base64.b64decode(s)` */
export function b64decode(s: Bytes | string): Bytes {
  return decode_with(STANDARD, as_text(s));
}

/** `base64.urlsafe_b64encode(s)`: `-` and `_` instead of `+` and `/`, padding kept. */
export function urlsafe_b64encode(s: Bytes): string {
  return encode_with(URLSAFE, s);
}

/** `base64.urlsafe_b64decode(s)` */
export function urlsafe_b64decode(s: Bytes | string): Bytes {
  return decode_with(URLSAFE, as_text(s));
}
