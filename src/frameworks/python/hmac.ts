/**
 * Python's `hmac`: a key and a message → a keyed digest (RFC 2104), on top of python/hashlib.
 *
 * itsdangerous signs Flask's session cookie with `hmac.new(key, msg=value, digestmod=sha1)` and
 * derives the key with an HMAC of the salt; `compare_digest` checks a signature in constant time.
 *
 *     hmac_new(b("key"), b("msg"), sha1).digest()     // Python's hmac.new(b"key", b"msg", "sha1")
 */
import { hmac } from "@noble/hashes/hmac.js";
import { TypeError } from "./builtins";
import { utf8_encode, type Bytes } from "./bytes";
import { sha1, sha224, sha256, sha384, sha512, type HashConstructor } from "./hashlib";

const BY_NAME: Record<string, HashConstructor> = { sha1, sha224, sha256, sha384, sha512 };

/** `hmac.HMAC`: a running keyed hash. */
export class HMAC {
  private readonly state: ReturnType<typeof hmac.create>;
  readonly digest_cons: HashConstructor;

  constructor(key: Bytes, msg: Bytes | string | null = null, digestmod: HashConstructor | string | null = null) {
    if (digestmod === null) throw new TypeError("Missing required parameter 'digestmod'.");
    const cons = typeof digestmod === "string" ? BY_NAME[digestmod.toLowerCase()] : digestmod;
    if (!cons) throw new TypeError(`unsupported hash type ${digestmod}`);
    this.digest_cons = cons;
    this.state = hmac.create(cons.noble, key);
    if (msg !== null) this.update(msg);
  }

  get name(): string {
    return `hmac-${this.digest_cons.hash_name}`;
  }

  update(msg: Bytes | string): this {
    this.state.update(typeof msg === "string" ? utf8_encode(msg) : msg);
    return this;
  }

  digest(): Bytes {
    return this.state.clone().digest();
  }

  hexdigest(): string {
    return Array.from(this.digest(), (b) => b.toString(16).padStart(2, "0")).join("");
  }
}

/** `hmac.new(key, msg=None, digestmod='')` */
function new_(key: Bytes, msg: Bytes | string | null = null, digestmod: HashConstructor | string | null = null): HMAC {
  return new HMAC(key, msg, digestmod);
}
export { new_ as new, new_ as hmac_new };

/** `hmac.compare_digest(a, b)`: equality that takes the same time wherever the inputs differ. */
export function compare_digest(a: Bytes | string, b: Bytes | string): boolean {
  const x = typeof a === "string" ? utf8_encode(a) : a;
  const y = typeof b === "string" ? utf8_encode(b) : b;
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ (y[i % Math.max(y.length, 1)] ?? 0);
  return diff === 0;
}
