/**
 * django.contrib.auth.hashers: a raw password → the `<algorithm>$<iterations>$<salt>$<hash>` text
 * stored in `auth_user.password`, and back to "does this password match?". Main classes:
 * `BasePasswordHasher` and `PBKDF2PasswordHasher` (Django's default).
 *
 *     make_password("secret", { salt: "abc" })
 *     // "pbkdf2_sha256$1000000$abc$CJo8F7K3bTHLdYc1MzxpwRM5NO6L98dhwz0In1ko1/8="   (same as Django 5.2)
 *     check_password("secret", encoded)                    // true
 *     check_password("secret", old, { setter })            // true, and setter("secret") re-hashes it
 *
 * The first entry of settings.PASSWORD_HASHERS hashes new passwords; every entry can verify one.
 * A stored hash made with another algorithm, fewer iterations or a short salt "must update": when
 * the password is next checked successfully, `setter` stores a fresh hash.
 *
 * Iterations: Django 5.2 uses 1,000,000 (about 2 s here). A scenario lowers them the way a Django
 * test suite does, with a subclass listed first in PASSWORD_HASHERS:
 *
 *     // accounts/hashers.ts
 *     export class FastPBKDF2PasswordHasher extends PBKDF2PasswordHasher { iterations = 1000; }
 *     // settings: PASSWORD_HASHERS = ["accounts.hashers.FastPBKDF2PasswordHasher", ...]
 *
 * Hashes keep the `pbkdf2_sha256` name, so real Django verifies them (and would upgrade them).
 */
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { md5, sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { span_set, trace_site } from "../../../../trace";
import { NotImplementedError, TypeError as PyTypeError, ValueError } from "../../../python/builtins";
import { is_bytes, type Bytes } from "../../../python/bytes";
import { settings } from "../../conf";
import { ImproperlyConfigured } from "../../core/exceptions";
import { constant_time_compare, force_bytes, get_random_string, RANDOM_STRING_CHARS } from "../../utils/crypto";
import { base64_encode } from "../../utils/http";
import { import_string } from "../../utils/module_loading";

const AUTH = trace_site("auth", "django/contrib/auth/hashers.ts", { eager: true });

/** A password stored as `!<random>` can never match (`set_unusable_password()`). */
export const UNUSABLE_PASSWORD_PREFIX = "!";
/** How many random characters follow the `!`. */
export const UNUSABLE_PASSWORD_SUFFIX_LENGTH = 40;

export type Password = string | Bytes;
export type PasswordSetter = (raw_password: string) => void;

/** What `decode()` reads out of a stored hash. */
export interface DecodedHash {
  algorithm: string;
  hash: string;
  iterations?: number;
  salt: string;
  [key: string]: unknown;
}

/** `is_password_usable(encoded)`: false only for the `!…` marker of an unusable password. */
export function is_password_usable(encoded: string | null | undefined): boolean {
  return encoded === null || encoded === undefined || !encoded.startsWith(UNUSABLE_PASSWORD_PREFIX);
}

/**
 * `verify_password(password, encoded, preferred="default")` → `[is_correct, must_update]`. A
 * missing password, an unusable or unrecognised hash still spends the time of one hashing, so the
 * response time does not reveal which case it was.
 */
export function verify_password(password: Password | null | undefined, encoded: string, options: { preferred?: string | BasePasswordHasher } = {}): [boolean, boolean] {
  let fake_runtime = password === null || password === undefined || !is_password_usable(encoded);
  const preferred = get_hasher(options.preferred ?? "default");
  let hasher: BasePasswordHasher | null = null;
  try {
    hasher = identify_hasher(encoded);
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    fake_runtime = true;
  }
  if (fake_runtime || !hasher) {
    make_password(get_random_string(UNUSABLE_PASSWORD_SUFFIX_LENGTH));
    return [false, false];
  }
  const hasher_changed = hasher.algorithm !== preferred.algorithm;
  const must_update = hasher_changed || preferred.must_update(encoded);
  const is_correct = hasher.verify(password as Password, encoded);
  // Equalise the time of a wrong password against an old hash with fewer iterations.
  if (!is_correct && !hasher_changed && must_update) hasher.harden_runtime(password as Password, encoded);
  return [is_correct, must_update];
}

/**
 * `check_password(password, encoded, setter=None, preferred="default")`: does the raw password
 * match the stored hash? When it does and the hash is outdated, `setter(password)` re-hashes it.
 */
export function check_password(password: Password | null | undefined, encoded: string, options: { setter?: PasswordSetter | null; preferred?: string | BasePasswordHasher } = {}): boolean {
  return AUTH.run("check_password", () => ({}), (span) => {
    const [is_correct, must_update] = verify_password(password, encoded, { preferred: options.preferred });
    const upgraded = Boolean(options.setter && is_correct && must_update);
    if (upgraded) options.setter!(typeof password === "string" ? password : String(password));
    span_set(span, () => ({ algorithm: encoded.split("$", 1)[0], correct: is_correct, must_update, upgraded }));
    return is_correct;
  });
}

/** `acheck_password(password, encoded, setter=None, preferred="default")`: awaitable, same answer. */
export async function acheck_password(password: Password | null | undefined, encoded: string, options: { setter?: PasswordSetter | null; preferred?: string | BasePasswordHasher } = {}): Promise<boolean> {
  return check_password(password, encoded, options);
}

/**
 * `make_password(password, salt=None, hasher="default")`: the text to store. `null` gives an
 * unusable password (`!` and 40 random characters).
 */
export function make_password(password: Password | null | undefined, options: { salt?: string | null; hasher?: string | BasePasswordHasher } = {}): string {
  if (password === null || password === undefined) return UNUSABLE_PASSWORD_PREFIX + get_random_string(UNUSABLE_PASSWORD_SUFFIX_LENGTH);
  if (typeof password !== "string" && !is_bytes(password))
    throw new PyTypeError(`Password must be a string or bytes, got ${python_type_name(password)}.`);
  const hasher = get_hasher(options.hasher ?? "default");
  const salt = options.salt || hasher.salt();
  return hasher.encode(password, salt);
}

// --- the configured hashers ----------------------------------------------------------------------

let hashers_cache: { setting: unknown; hashers: BasePasswordHasher[] } | null = null;

/** `get_hashers()`: one instance per PASSWORD_HASHERS entry (cached until the setting changes). */
export function get_hashers(): BasePasswordHasher[] {
  const setting = settings.PASSWORD_HASHERS as string[];
  if (hashers_cache && hashers_cache.setting === setting) return hashers_cache.hashers;
  const hashers = setting.map((path) => {
    const hasher_cls = import_string(path) as new () => BasePasswordHasher;
    const hasher = new hasher_cls();
    if (!hasher.algorithm) throw new ImproperlyConfigured(`hasher doesn't specify an algorithm name: ${path}`);
    return hasher;
  });
  hashers_cache = { setting, hashers };
  return hashers;
}

/** `get_hashers_by_algorithm()`: algorithm name → hasher. */
export function get_hashers_by_algorithm(): Map<string, BasePasswordHasher> {
  return new Map(get_hashers().map((h) => [h.algorithm, h]));
}

/** Forget the cached hashers (Django clears its cache on `setting_changed`). */
export function reset_hashers(): void {
  hashers_cache = null;
}

/** `get_hasher(algorithm="default")`: the first configured hasher, or the one with that name. */
export function get_hasher(algorithm: string | BasePasswordHasher = "default"): BasePasswordHasher {
  if (typeof algorithm !== "string") return algorithm;
  if (algorithm === "default") return get_hashers()[0];
  const hasher = get_hashers_by_algorithm().get(algorithm);
  if (!hasher) throw new ValueError(`Unknown password hashing algorithm '${algorithm}'. Did you specify it in the PASSWORD_HASHERS setting?`);
  return hasher;
}

/** `identify_hasher(encoded)`: the hasher named before the first `$` (ValueError if unknown). */
export function identify_hasher(encoded: string): BasePasswordHasher {
  let algorithm: string;
  if ((encoded.length === 32 && !encoded.includes("$")) || (encoded.length === 37 && encoded.startsWith("md5$$"))) algorithm = "unsalted_md5";
  else if (encoded.length === 46 && encoded.startsWith("sha1$$")) algorithm = "unsalted_sha1";
  else algorithm = encoded.split("$", 1)[0];
  return get_hasher(algorithm);
}

/** `mask_hash(hash, show=6, char="*")`: the first characters, the rest hidden. */
export function mask_hash(hash: string, show = 6, char = "*"): string {
  return hash.slice(0, show) + char.repeat(Math.max(hash.length - show, 0));
}

/** `must_update_salt(salt, expected_entropy)`: is the salt too short for the entropy wanted? */
export function must_update_salt(salt: string, expected_entropy: number): boolean {
  return salt.length * Math.log2(RANDOM_STRING_CHARS.length) < expected_entropy;
}

// --- hashers -------------------------------------------------------------------------------------

/** Abstract base: subclasses set `algorithm` and implement encode/decode/verify/safe_summary. */
export class BasePasswordHasher {
  algorithm = "";
  /** Bits of randomness in a generated salt: 22 characters of [a-zA-Z0-9]. */
  salt_entropy = 128;

  /** `salt()`: a random string carrying at least `salt_entropy` bits. */
  salt(): string {
    const char_count = Math.ceil(this.salt_entropy / Math.log2(RANDOM_STRING_CHARS.length));
    return get_random_string(char_count, RANDOM_STRING_CHARS);
  }

  verify(_password: Password, _encoded: string): boolean {
    throw new NotImplementedError("subclasses of BasePasswordHasher must provide a verify() method");
  }

  _check_encode_args(password: Password | null | undefined, salt: string | null | undefined): void {
    if (password === null || password === undefined) throw new PyTypeError("password must be provided.");
    if (!salt || salt.includes("$")) throw new ValueError("salt must be provided and cannot contain $.");
  }

  encode(_password: Password, _salt: string, _iterations?: number | null): string {
    throw new NotImplementedError("subclasses of BasePasswordHasher must provide an encode() method");
  }

  decode(_encoded: string): DecodedHash {
    throw new NotImplementedError("subclasses of BasePasswordHasher must provide a decode() method.");
  }

  safe_summary(_encoded: string): Record<string, unknown> {
    throw new NotImplementedError("subclasses of BasePasswordHasher must provide a safe_summary() method");
  }

  must_update(_encoded: string): boolean {
    return false;
  }

  /** Spend the time a full-strength check would have taken (against timing attacks). */
  harden_runtime(_password: Password, _encoded: string): void {}
}

/**
 * PBKDF2 with HMAC-SHA256, `iterations` rounds, a 32-byte key printed as base64: Django's default.
 * `digest` is the hash function; PBKDF2SHA1PasswordHasher swaps it.
 */
export class PBKDF2PasswordHasher extends BasePasswordHasher {
  override algorithm = "pbkdf2_sha256";
  iterations = 1_000_000;
  digest: typeof sha256 | typeof sha1 = sha256;

  override encode(password: Password, salt: string, iterations: number | null = null): string {
    this._check_encode_args(password, salt);
    const rounds = iterations || this.iterations;
    const key = pbkdf2(this.digest, force_bytes(password), force_bytes(salt), { c: rounds, dkLen: this.digest.outputLen });
    return `${this.algorithm}$${rounds}$${salt}$${base64_encode(key)}`;
  }

  /** `algorithm$iterations$salt$hash` → its parts. */
  override decode(encoded: string): DecodedHash {
    const [algorithm, iterations, salt, ...rest] = encoded.split("$");
    if (algorithm !== this.algorithm || rest.length === 0) throw new ValueError(`not a ${this.algorithm} hash`);
    return { algorithm, hash: rest.join("$"), iterations: Number.parseInt(iterations, 10), salt };
  }

  override verify(password: Password, encoded: string): boolean {
    const decoded = this.decode(encoded);
    return constant_time_compare(encoded, this.encode(password, decoded.salt, decoded.iterations));
  }

  override safe_summary(encoded: string): Record<string, unknown> {
    const decoded = this.decode(encoded);
    return { algorithm: decoded.algorithm, iterations: decoded.iterations, salt: decoded.salt, hash: mask_hash(decoded.hash) };
  }

  override must_update(encoded: string): boolean {
    const decoded = this.decode(encoded);
    return decoded.iterations !== this.iterations || must_update_salt(decoded.salt, this.salt_entropy);
  }

  override harden_runtime(password: Password, encoded: string): void {
    const decoded = this.decode(encoded);
    const extra_iterations = this.iterations - (decoded.iterations ?? 0);
    if (extra_iterations > 0) this.encode(password, decoded.salt, extra_iterations);
  }
}

/** PBKDF2 with HMAC-SHA1 (`pbkdf2_sha1$…`), for hashes made by older configurations. */
export class PBKDF2SHA1PasswordHasher extends PBKDF2PasswordHasher {
  override algorithm = "pbkdf2_sha1";
  override digest = sha1;
}

/**
 * Salted MD5 (`md5$salt$hexdigest`): insecure, and what Django's docs suggest for test settings
 * (`PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]`) because it is fast.
 */
export class MD5PasswordHasher extends BasePasswordHasher {
  override algorithm = "md5";

  override encode(password: Password, salt: string): string {
    this._check_encode_args(password, salt);
    const hash = bytesToHex(md5(force_bytes(salt + (typeof password === "string" ? password : new TextDecoder().decode(password)))));
    return `${this.algorithm}$${salt}$${hash}`;
  }

  override decode(encoded: string): DecodedHash {
    const [algorithm, salt, ...rest] = encoded.split("$");
    if (algorithm !== this.algorithm || rest.length === 0) throw new ValueError(`not a ${this.algorithm} hash`);
    return { algorithm, hash: rest.join("$"), salt };
  }

  override verify(password: Password, encoded: string): boolean {
    const decoded = this.decode(encoded);
    return constant_time_compare(encoded, this.encode(password, decoded.salt as string));
  }

  override safe_summary(encoded: string): Record<string, unknown> {
    const decoded = this.decode(encoded);
    return { algorithm: decoded.algorithm, salt: mask_hash(decoded.salt as string, 2), hash: mask_hash(decoded.hash) };
  }

  override must_update(encoded: string): boolean {
    return must_update_salt(this.decode(encoded).salt as string, this.salt_entropy);
  }
}

/** Python's `type(x).__qualname__` for the TypeError message. */
function python_type_name(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object" && value !== null) return value.constructor?.name ?? "object";
  return typeof value;
}
