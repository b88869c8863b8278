/**
 * itsdangerous.serializer: an object → a signed, serialized string (`dumps`), and back (`loads`)
 * only if the signature verifies. Main class: `Serializer`.
 *
 * `dumps(obj)` = `signer.sign(dump_payload(obj))`; `loads(s)` tries the signer and then each
 * fallback signer, and decodes the payload of the first that verifies (`BadPayload` if it cannot
 * be decoded). Subclasses change the payload format (URL-safe base64, compression) or the signer
 * (timestamps).
 */
import { type Bytes, utf8_decode } from "../python/bytes";
import { want_bytes } from "./encoding";
import { BadPayload, BadSignature } from "./exc";
import { json, type PayloadSerializer } from "./_json";
import { Signer, _make_keys_list, type SecretKey, type SignerOptions } from "./signer";

export interface SerializerOptions {
  salt?: string | Bytes | null;
  serializer?: PayloadSerializer | null;
  serializer_kwargs?: Record<string, unknown> | null;
  signer?: typeof Signer | null;
  signer_kwargs?: SignerOptions | null;
  fallback_signers?: (SignerOptions | [typeof Signer, SignerOptions] | typeof Signer)[] | null;
}

/** `Serializer(secret_key, salt=b"itsdangerous", serializer=json, signer=Signer, …)` */
export class Serializer {
  static default_serializer: PayloadSerializer = json;
  static default_signer: typeof Signer = Signer;
  static default_fallback_signers: (SignerOptions | [typeof Signer, SignerOptions] | typeof Signer)[] = [];

  readonly secret_keys: Bytes[];
  readonly salt: Bytes | null;
  readonly serializer: PayloadSerializer;
  readonly is_text_serializer = true;
  readonly signer: typeof Signer;
  readonly signer_kwargs: SignerOptions;
  readonly fallback_signers: (SignerOptions | [typeof Signer, SignerOptions] | typeof Signer)[];
  readonly serializer_kwargs: Record<string, unknown>;

  constructor(secret_key: SecretKey, options: SerializerOptions = {}) {
    const cls = this.constructor as typeof Serializer;
    this.secret_keys = _make_keys_list(secret_key);
    const salt = "salt" in options ? options.salt : "itsdangerous";
    this.salt = salt === null || salt === undefined ? null : want_bytes(salt);
    this.serializer = options.serializer ?? cls.default_serializer;
    this.signer = options.signer ?? cls.default_signer;
    this.signer_kwargs = options.signer_kwargs ?? {};
    this.fallback_signers = options.fallback_signers ?? [...cls.default_fallback_signers];
    this.serializer_kwargs = options.serializer_kwargs ?? {};
  }

  get secret_key(): Bytes {
    return this.secret_keys[this.secret_keys.length - 1];
  }

  /** `load_payload(payload)`: bytes → object; any failure is BadPayload. */
  load_payload(payload: Bytes, serializer: PayloadSerializer | null = null): any {
    try {
      return (serializer ?? this.serializer).loads(utf8_decode(payload));
    } catch (e) {
      throw new BadPayload("Could not load the payload because an exception occurred on unserializing the data.", e);
    }
  }

  /** `dump_payload(obj)`: object → bytes. */
  dump_payload(obj: unknown): Bytes {
    return want_bytes(this.serializer.dumps(obj, this.serializer_kwargs));
  }

  /** `make_signer(salt=None)`: the signer for this serializer's keys and salt. */
  make_signer(salt: string | Bytes | null = null): Signer {
    return new this.signer(this.secret_keys, { ...this.signer_kwargs, salt: salt ?? this.salt });
  }

  /** The signer, then one signer per fallback and key. */
  *iter_unsigners(salt: string | Bytes | null = null): Generator<Signer> {
    const s = salt ?? this.salt;
    yield this.make_signer(s);
    for (const fallback of this.fallback_signers) {
      let cls: typeof Signer;
      let kwargs: SignerOptions;
      if (Array.isArray(fallback)) [cls, kwargs] = fallback;
      else if (typeof fallback === "function") [cls, kwargs] = [fallback, this.signer_kwargs];
      else [cls, kwargs] = [this.signer, fallback];
      for (const key of this.secret_keys) yield new cls(key, { ...kwargs, salt: s });
    }
  }

  /** `dumps(obj, salt=None)`: the signed text. */
  dumps(obj: unknown, salt: string | Bytes | null = null): string {
    return utf8_decode(this.make_signer(salt).sign(want_bytes(this.dump_payload(obj))));
  }

  /** `loads(s, salt=None)`: the object, or the last BadSignature. */
  loads(s: string | Bytes, options: { salt?: string | Bytes | null } = {}): any {
    const bytes = want_bytes(s);
    let last_exception: BadSignature | null = null;
    for (const signer of this.iter_unsigners(options.salt ?? null)) {
      try {
        return this.load_payload(signer.unsign(bytes));
      } catch (e) {
        if (!(e instanceof BadSignature)) throw e;
        last_exception = e;
      }
    }
    throw last_exception;
  }

  /** `loads_unsafe(s)`: `[verified, payload]` — the payload even when the signature is bad. */
  loads_unsafe(s: string | Bytes, options: { salt?: string | Bytes | null; max_age?: number | null } = {}): [boolean, any] {
    try {
      return [true, this.loads(s, options)];
    } catch (e) {
      if (!(e instanceof BadSignature)) throw e;
      if (e.payload === null) return [false, null];
      try {
        return [false, this.load_payload(e.payload as Bytes)];
      } catch (e2) {
        if (e2 instanceof BadPayload) return [false, null];
        throw e2;
      }
    }
  }
}
