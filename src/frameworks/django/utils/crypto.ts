/**
 * django.utils.crypto: secrets and messages → keyed digests, random strings and timing-safe
 * comparisons — the primitives signing, sessions, CSRF and password hashing stand on.
 *
 * WebCrypto is asynchronous and Django's request cycle is not, so HMAC and the hashes come from
 * `@noble/hashes` (audited, synchronous). Random bytes come from `crypto.getRandomValues`.
 *
 *   salted_hmac("salt", "value", "key", { algorithm: "sha256" }).hexdigest()
 *   get_random_string(32)        // "k3Jd…", 32 characters from [a-zA-Z0-9]
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { settings } from "../conf";
import { ValueError } from "../../python/builtins";
import { utf8_encode, type Bytes } from "../../python/bytes";

export class InvalidAlgorithm extends ValueError {}

export const RANDOM_STRING_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** The hash functions `hashlib` offers under the names Django passes as `algorithm=`. */
export const HASHES = { sha1, sha256, sha512 } as const;
export type Algorithm = keyof typeof HASHES;

/** `force_bytes`: text is UTF-8 encoded, bytes pass through. */
export function force_bytes(value: string | Bytes): Bytes {
  return typeof value === "string" ? utf8_encode(value) : value;
}

/** What `hmac.new(...)` returns once fed: its `digest()` and `hexdigest()`. */
export class HmacResult {
  constructor(private readonly mac: Bytes) {}
  digest(): Bytes {
    return this.mac;
  }
  hexdigest(): string {
    return Array.from(this.mac, (b) => b.toString(16).padStart(2, "0")).join("");
  }
}

/**
 * `salted_hmac(key_salt, value, secret=None, *, algorithm="sha1")`: the HMAC key is
 * `hash(key_salt + secret)`, so each use of the one SECRET_KEY (cookies, sessions, messages…) gets
 * a key of its own.
 */
export function salted_hmac(key_salt: string | Bytes, value: string | Bytes, secret: string | Bytes | null = null, options: { algorithm?: string } = {}): HmacResult {
  const algorithm = options.algorithm ?? "sha1";
  const hasher = HASHES[algorithm as Algorithm];
  if (!hasher) throw new InvalidAlgorithm(`${algorithm} is not an algorithm accepted by the hashlib module.`);
  const secret_bytes = force_bytes(secret ?? String(settings.SECRET_KEY));
  const salt_bytes = force_bytes(key_salt);
  const joined = new Uint8Array(salt_bytes.length + secret_bytes.length);
  joined.set(salt_bytes);
  joined.set(secret_bytes, salt_bytes.length);
  const key = hasher(joined);
  return new HmacResult(hmac(hasher, key, force_bytes(value)));
}

/** `get_random_string(length, allowed_chars=RANDOM_STRING_CHARS)`, from a cryptographic source. */
export function get_random_string(length: number, allowed_chars: string = RANDOM_STRING_CHARS): string {
  const out: string[] = [];
  const limit = 256 - (256 % allowed_chars.length);
  while (out.length < length) {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      // Bytes past the last whole multiple are skipped so every character is equally likely.
      if (byte < limit && out.length < length) out.push(allowed_chars[byte % allowed_chars.length]);
    }
  }
  return out.join("");
}

/** `constant_time_compare(a, b)`: equal or not, in time that does not depend on where they differ. */
export function constant_time_compare(val1: string | Bytes, val2: string | Bytes): boolean {
  const a = force_bytes(val1);
  const b = force_bytes(val2);
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
