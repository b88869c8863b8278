/**
 * Python's `secrets`: `compare_digest(a, b)` (equality that takes the same time wherever the
 * inputs differ, what a password check needs) and `token_hex(n)` / `token_urlsafe(n)` (random
 * tokens from the platform's cryptographic generator).
 */
import { compare_digest } from "./hmac";

export { compare_digest };

function token_bytes(nbytes = 32): Uint8Array {
  const out = new Uint8Array(nbytes);
  globalThis.crypto.getRandomValues(out);
  return out;
}

/** `secrets.token_hex(nbytes=32)`: `2 * nbytes` lowercase hexadecimal digits. */
export function token_hex(nbytes = 32): string {
  return Array.from(token_bytes(nbytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** `secrets.token_urlsafe(nbytes=32)`: base64url of `nbytes` random bytes, without padding. */
export function token_urlsafe(nbytes = 32): string {
  let binary = "";
  for (const b of token_bytes(nbytes)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
