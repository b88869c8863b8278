/**
 * itsdangerous.signer: a value → `value.signature`, and back only if the signature is right.
 * Main class: `Signer`.
 *
 * The key is never used as it is: `derive_key()` mixes in the salt first ("django-concat" by
 * default: `digest(salt + b"signer" + secret_key)`; Flask's sessions use "hmac":
 * `HMAC(secret_key, salt)`). The signature is `HMAC(derived_key, value)` (SHA-1 unless told
 * otherwise), URL-safe base64 without padding. Several secret keys may be given for rotation: the
 * last one signs, all of them (newest first) are tried when verifying.
 *
 *     new Signer("secret").sign("hello")             // b"hello.<27 base64 characters>"
 *     new Signer("secret").unsign(signed)            // b"hello", or BadSignature
 */
import { NotImplementedError, py_repr, TypeError, ValueError } from "../python/builtins";
import { concat_bytes, latin1_encode, type Bytes } from "../python/bytes";
import { sha1, type HashConstructor } from "../python/hashlib";
import { compare_digest, HMAC } from "../python/hmac";
import { base64_decode, base64_encode, want_bytes } from "./encoding";
import { BadSignature } from "./exc";

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=";

/** `SigningAlgorithm`: key + value → signature bytes. */
export class SigningAlgorithm {
  get_signature(_key: Bytes, _value: Bytes): Bytes {
    throw new NotImplementedError();
  }

  /** Constant-time comparison with a freshly computed signature. */
  verify_signature(key: Bytes, value: Bytes, sig: Bytes): boolean {
    return compare_digest(sig, this.get_signature(key, value));
  }
}

/** `NoneAlgorithm`: an empty signature (for tests only). */
export class NoneAlgorithm extends SigningAlgorithm {
  override get_signature(): Bytes {
    return new Uint8Array();
  }
}

/** `HMACAlgorithm(digest_method=sha1)` */
export class HMACAlgorithm extends SigningAlgorithm {
  static default_digest_method: HashConstructor = sha1;
  readonly digest_method: HashConstructor;

  constructor(digest_method: HashConstructor | null = null) {
    super();
    this.digest_method = digest_method ?? (this.constructor as typeof HMACAlgorithm).default_digest_method;
  }

  override get_signature(key: Bytes, value: Bytes): Bytes {
    return new HMAC(key, value, this.digest_method).digest();
  }
}

export type SecretKey = string | Bytes | Iterable<string | Bytes>;

/** `_make_keys_list(secret_key)`: one key or several (oldest first), as bytes. */
export function _make_keys_list(secret_key: SecretKey): Bytes[] {
  if (typeof secret_key === "string" || secret_key instanceof Uint8Array) return [want_bytes(secret_key)];
  return [...secret_key].map((k) => want_bytes(k));
}

export interface SignerOptions {
  salt?: string | Bytes | null;
  sep?: string | Bytes;
  key_derivation?: string | null;
  digest_method?: HashConstructor | null;
  algorithm?: SigningAlgorithm | null;
}

/** Does `haystack` contain the byte sequence `needle`? Returns its last index or -1. */
function rfind(haystack: Bytes, needle: Bytes): number {
  outer: for (let i = haystack.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** `Signer(secret_key, salt=b"itsdangerous.Signer", sep=b".", key_derivation="django-concat", digest_method=sha1)` */
export class Signer {
  static default_digest_method: HashConstructor = sha1;
  static default_key_derivation = "django-concat";

  readonly secret_keys: Bytes[];
  readonly sep: Bytes;
  readonly salt: Bytes;
  readonly key_derivation: string;
  readonly digest_method: HashConstructor;
  readonly algorithm: SigningAlgorithm;

  constructor(secret_key: SecretKey, options: SignerOptions = {}) {
    const cls = this.constructor as typeof Signer;
    this.secret_keys = _make_keys_list(secret_key);
    this.sep = want_bytes(options.sep ?? ".");
    if (this.sep.length === 1 && BASE64_ALPHABET.includes(String.fromCharCode(this.sep[0])))
      throw new ValueError("The given separator cannot be used because it may be contained in the signature itself. ASCII letters, digits, and '-_=' must not be used.");
    this.salt = want_bytes(options.salt ?? "itsdangerous.Signer");
    this.key_derivation = options.key_derivation ?? cls.default_key_derivation;
    this.digest_method = options.digest_method ?? cls.default_digest_method;
    this.algorithm = options.algorithm ?? new HMACAlgorithm(this.digest_method);
  }

  /** The newest key: the one that signs. */
  get secret_key(): Bytes {
    return this.secret_keys[this.secret_keys.length - 1];
  }

  /** `derive_key(secret_key=None)`: the salted key the algorithm actually uses. */
  derive_key(secret_key: string | Bytes | null = null): Bytes {
    const key = secret_key === null ? this.secret_key : want_bytes(secret_key);
    switch (this.key_derivation) {
      case "concat":
        return this.digest_method(concat_bytes([this.salt, key])).digest();
      case "django-concat":
        return this.digest_method(concat_bytes([this.salt, latin1_encode("signer"), key])).digest();
      case "hmac":
        return new HMAC(key, this.salt, this.digest_method).digest();
      case "none":
        return key;
      default:
        throw new TypeError("Unknown key derivation method");
    }
  }

  /** `get_signature(value)`: base64 of the algorithm's signature under the derived key. */
  get_signature(value: string | Bytes): Bytes {
    return base64_encode(this.algorithm.get_signature(this.derive_key(), want_bytes(value)));
  }

  /** `sign(value)`: `value + sep + signature`. */
  sign(value: string | Bytes): Bytes {
    const v = want_bytes(value);
    return concat_bytes([v, this.sep, this.get_signature(v)]);
  }

  /** `verify_signature(value, sig)`: true when any key (newest first) produced `sig`. */
  verify_signature(value: string | Bytes, sig: string | Bytes): boolean {
    let raw: Bytes;
    try {
      raw = base64_decode(sig);
    } catch {
      return false;
    }
    const v = want_bytes(value);
    for (const key of [...this.secret_keys].reverse()) {
      if (this.algorithm.verify_signature(this.derive_key(key), v, raw)) return true;
    }
    return false;
  }

  /** `unsign(signed_value)`: the value, or BadSignature (with the unverified value as `payload`). */
  unsign(signed_value: string | Bytes): Bytes {
    const signed = want_bytes(signed_value);
    const at = rfind(signed, this.sep);
    if (at < 0) throw new BadSignature(`No ${py_repr(this.sep)} found in value`);
    const value = signed.subarray(0, at);
    const sig = signed.subarray(at + this.sep.length);
    if (this.verify_signature(value, sig)) return value;
    throw new BadSignature(`Signature ${py_repr(sig)} does not match`, value);
  }

  /** `validate(signed_value)`: unsign without raising. */
  validate(signed_value: string | Bytes): boolean {
    try {
      this.unsign(signed_value);
      return true;
    } catch (e) {
      if (e instanceof BadSignature) return false;
      throw e;
    }
  }
}

/** Split `value` at the last `sep`: [before, after], or null when `sep` is absent. */
export function rsplit_once(value: Bytes, sep: Bytes): [Bytes, Bytes] | null {
  const at = rfind(value, sep);
  return at < 0 ? null : [value.subarray(0, at), value.subarray(at + sep.length)];
}
