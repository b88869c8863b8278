/**
 * django.core.signing: a value → the value plus a signature (`"hello:JwW8…"`), and back, refusing
 * anything that was tampered with. Sessions in cookies, messages in cookies, signed cookies and
 * password-reset style tokens all go through here.
 *
 *   new Signer().sign("hello")                  // "hello:<43-char base64 HMAC-SHA256>"
 *   new TimestampSigner().sign("hello")         // "hello:<base62 time>:<signature>"
 *   dumps({ k: "v" })                           // base64(JSON) + ":" + timestamp + ":" + signature
 *   loads(token, { max_age: 60 })               // the object, or BadSignature / SignatureExpired
 *
 * The signature is `salted_hmac(salt + "signer", value, key, algorithm="sha256")`, URL-safe base64
 * without padding. `sign_object(compress=true)` zlib-compresses the JSON when that saves at least
 * two bytes, and marks it with a leading ".".
 */
import { zlibSync, unzlibSync } from "fflate";
import { settings } from "../conf";
import { Exception, ValueError, py_float_str } from "../../python/builtins";
import { latin1_decode, latin1_encode, type Bytes } from "../../python/bytes";
import { py_json_dumps } from "../../python/json";
import { time } from "../../python/time";
import { base64_decode, base64_encode } from "../utils/http";
import { constant_time_compare, salted_hmac } from "../utils/crypto";

export class BadSignature extends Exception {}
export class SignatureExpired extends BadSignature {}

const BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Separators made only of these characters could appear inside a signature, so they are refused. */
const SEP_UNSAFE = /^[A-z0-9\-_=]*$/;

/** `b62_encode(n)`: an integer in base 62 ("0-9A-Za-z"); the timestamp of TimestampSigner. */
export function b62_encode(s: number): string {
  if (s === 0) return "0";
  const sign = s < 0 ? "-" : "";
  let n = Math.abs(s);
  let encoded = "";
  while (n > 0) {
    encoded = BASE62_ALPHABET[n % 62] + encoded;
    n = Math.floor(n / 62);
  }
  return sign + encoded;
}

export function b62_decode(s: string): number {
  if (s === "0") return 0;
  let sign = 1;
  if (s[0] === "-") {
    sign = -1;
    s = s.slice(1);
  }
  let decoded = 0;
  for (const digit of s) decoded = decoded * 62 + BASE62_ALPHABET.indexOf(digit);
  return sign * decoded;
}

/** URL-safe base64 without the `=` padding. */
export function b64_encode(s: Bytes): string {
  return base64_encode(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function b64_decode(s: string): Bytes {
  const pad = "=".repeat((4 - (s.length % 4)) % 4);
  return base64_decode(s.replace(/-/g, "+").replace(/_/g, "/") + pad);
}

/** `base64_hmac(salt, value, key, algorithm)`: the signature text. */
export function base64_hmac(salt: string, value: string, key: string | Bytes, algorithm = "sha1"): string {
  return b64_encode(salted_hmac(salt, value, key, { algorithm }).digest());
}

/** `JSONSerializer`: compact JSON (`separators=(",", ":")`, ASCII only) as Latin-1 bytes. */
export class JSONSerializer {
  dumps(obj: unknown): Bytes {
    return latin1_encode(py_json_dumps(obj, { separators: [",", ":"] }));
  }
  loads(data: Bytes): any {
    return JSON.parse(latin1_decode(data));
  }
}
export type SerializerClass = new () => { dumps(obj: unknown): Bytes; loads(data: Bytes): any };

export interface SignerOptions {
  key?: string | Bytes | null;
  sep?: string;
  salt?: string | null;
  algorithm?: string | null;
  fallback_keys?: (string | Bytes)[] | null;
}

export class Signer {
  /** Module path used in the default salt (`"django.core.signing.Signer"`); user subclasses may set it. */
  static __module__ = "django.core.signing";
  key: string | Bytes;
  fallback_keys: (string | Bytes)[];
  sep: string;
  salt: string;
  algorithm: string;

  constructor(options: SignerOptions = {}) {
    this.key = options.key ?? String(settings.SECRET_KEY);
    this.fallback_keys = options.fallback_keys ?? [...((settings.SECRET_KEY_FALLBACKS as string[] | undefined) ?? [])];
    this.sep = options.sep ?? ":";
    const cls = this.constructor as typeof Signer;
    this.salt = options.salt ?? `${cls.__module__}.${cls.name}`;
    this.algorithm = options.algorithm ?? "sha256";
    if (SEP_UNSAFE.test(this.sep))
      throw new ValueError(`Unsafe Signer separator: '${this.sep}' (cannot be empty or consist of only A-z0-9-_=)`);
  }

  signature(value: string, key: string | Bytes | null = null): string {
    return base64_hmac(this.salt + "signer", value, key ?? this.key, this.algorithm);
  }

  sign(value: string): string {
    return `${value}${this.sep}${this.signature(value)}`;
  }

  unsign(signed_value: string, _options: { max_age?: number | null } = {}): string {
    const at = signed_value.lastIndexOf(this.sep);
    if (at < 0) throw new BadSignature(`No "${this.sep}" found in value`);
    const value = signed_value.slice(0, at);
    const sig = signed_value.slice(at + this.sep.length);
    for (const key of [this.key, ...this.fallback_keys]) {
      if (constant_time_compare(sig, this.signature(value, key))) return value;
    }
    throw new BadSignature(`Signature "${sig}" does not match`);
  }

  /** An object → signed URL-safe base64 of its JSON (compressed, with a "." mark, when that helps). */
  sign_object(obj: unknown, options: { serializer?: SerializerClass; compress?: boolean } = {}): string {
    let data = new (options.serializer ?? JSONSerializer)().dumps(obj);
    let is_compressed = false;
    if (options.compress) {
      const compressed = zlibSync(data);
      if (compressed.length < data.length - 1) {
        data = compressed;
        is_compressed = true;
      }
    }
    const base64d = b64_encode(data);
    return this.sign(is_compressed ? "." + base64d : base64d);
  }

  unsign_object(signed_obj: string, options: { serializer?: SerializerClass; max_age?: number | null } = {}): any {
    let base64d = this.unsign(signed_obj, { max_age: options.max_age });
    const decompress = base64d.startsWith(".");
    if (decompress) base64d = base64d.slice(1);
    let data = b64_decode(base64d);
    if (decompress) data = unzlibSync(data);
    return new (options.serializer ?? JSONSerializer)().loads(data);
  }
}

/** A Signer that also signs the time (base 62 seconds), so `unsign` can enforce a `max_age`. */
export class TimestampSigner extends Signer {
  timestamp(): string {
    return b62_encode(Math.floor(time()));
  }

  override sign(value: string): string {
    return super.sign(`${value}${this.sep}${this.timestamp()}`);
  }

  /** `max_age` in seconds (a timedelta's total seconds); older signatures raise SignatureExpired. */
  override unsign(value: string, options: { max_age?: number | null } = {}): string {
    const result = super.unsign(value);
    const at = result.lastIndexOf(this.sep);
    const unsigned = result.slice(0, at);
    const timestamp = b62_decode(result.slice(at + this.sep.length));
    const max_age = options.max_age;
    if (max_age !== undefined && max_age !== null) {
      const age = time() - timestamp;
      if (age > max_age) throw new SignatureExpired(`Signature age ${py_float_str(age)} > ${max_age} seconds`);
    }
    return unsigned;
  }
}

/** The salt of a signed cookie: its length-prefixed salt then the cookie name, so pairs cannot collide. */
export function _cookie_signer_salt(cookie_name: string, salt = ""): string {
  return `django.http.cookies.v2:${salt.length}:${salt}${cookie_name}`;
}

/** A signed cookie's value, checked under the current salt, then (if allowed) the pre-5.2.17 `name + salt`. */
export function _unsign_cookie(signed_value: string, options: { cookie_name: string; salt?: string; max_age?: number | null }): string {
  const salt = options.salt ?? "";
  try {
    return get_cookie_signer(_cookie_signer_salt(options.cookie_name, salt)).unsign(signed_value, { max_age: options.max_age });
  } catch (e) {
    if (e instanceof BadSignature && settings.SIGNED_COOKIE_LEGACY_SALT_FALLBACK && !(e instanceof SignatureExpired))
      return get_cookie_signer(options.cookie_name + salt).unsign(signed_value, { max_age: options.max_age });
    throw e;
  }
}

/** `get_cookie_signer(salt)`: settings.SIGNING_BACKEND keyed with `"django.http.cookies" + SECRET_KEY`. */
export function get_cookie_signer(salt = "django.core.signing.get_cookie_signer"): Signer {
  const cookie_key = (key: string) => "django.http.cookies" + key;
  return new TimestampSigner({
    key: cookie_key(String(settings.SECRET_KEY)),
    fallback_keys: ((settings.SECRET_KEY_FALLBACKS as string[] | undefined) ?? []).map(cookie_key),
    salt,
  });
}

export interface DumpsOptions {
  key?: string | null;
  salt?: string;
  serializer?: SerializerClass;
  compress?: boolean;
}

/** `dumps(obj, key=None, salt="django.core.signing", serializer=JSONSerializer, compress=False)` */
export function dumps(obj: unknown, options: DumpsOptions = {}): string {
  return new TimestampSigner({ key: options.key, salt: options.salt ?? "django.core.signing" }).sign_object(obj, {
    serializer: options.serializer,
    compress: options.compress,
  });
}

/** `loads(s, key=None, salt="django.core.signing", serializer=JSONSerializer, max_age=None, fallback_keys=None)` */
export function loads(s: string, options: DumpsOptions & { max_age?: number | null; fallback_keys?: string[] | null } = {}): any {
  return new TimestampSigner({ key: options.key, salt: options.salt ?? "django.core.signing", fallback_keys: options.fallback_keys }).unsign_object(s, {
    serializer: options.serializer,
    max_age: options.max_age,
  });
}
