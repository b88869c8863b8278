/**
 * itsdangerous.exc: what can go wrong when reading signed data, as a small class tree under
 * `BadData`. A tampered or re-keyed value is `BadSignature`; a timestamp problem is
 * `BadTimeSignature`; one too old is `SignatureExpired`; a payload that verifies but cannot be
 * decoded is `BadPayload`. Flask's session treats every `BadSignature` as "start an empty session".
 */
import { Exception } from "../python/builtins";
import type { datetime } from "../python/datetime";

/** `BadData(message)`: the base class; `str(e)` is the message. */
export class BadData extends Exception {
  constructor(message: string) {
    super(message);
  }
}

/** The signature did not match. `payload` is the value it was supposed to protect (untrusted!). */
export class BadSignature extends BadData {
  constructor(
    message: string,
    readonly payload: unknown = null,
  ) {
    super(message);
  }
}

/** A timestamp was missing, malformed, or its signature did not match. */
export class BadTimeSignature extends BadSignature {
  constructor(
    message: string,
    payload: unknown = null,
    readonly date_signed: datetime | null = null,
  ) {
    super(message, payload);
  }
}

/** The signature is valid but older than `max_age` (or from the future). */
export class SignatureExpired extends BadTimeSignature {}

/** A header (JWS-style serializers) could not be read. */
export class BadHeader extends BadSignature {
  constructor(
    message: string,
    payload: unknown = null,
    readonly header: unknown = null,
    readonly original_error: unknown = null,
  ) {
    super(message, payload);
  }
}

/** The payload verified but could not be decoded (bad base64, zlib or JSON). */
export class BadPayload extends BadData {
  constructor(
    message: string,
    readonly original_error: unknown = null,
  ) {
    super(message);
  }
}
