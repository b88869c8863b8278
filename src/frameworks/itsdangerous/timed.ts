/**
 * itsdangerous.timed: a signature that also proves *when* it was made. Main classes:
 * `TimestampSigner` and `TimedSerializer`.
 *
 * `TimestampSigner.sign(value)` appends the current time (seconds, big-endian bytes, base64) and
 * signs both: `value.timestamp.signature`. `unsign(value, max_age)` checks the signature first,
 * then the age: older than `max_age` seconds (or from the future) is `SignatureExpired`. Flask's
 * session cookie is exactly this, with `max_age` = PERMANENT_SESSION_LIFETIME.
 */
import { OverflowError, ValueError } from "../python/builtins";
import { concat_bytes, type Bytes } from "../python/bytes";
import { datetime, timezone } from "../python/datetime";
import { time } from "../python/time";
import { base64_decode, base64_encode, bytes_to_int, int_to_bytes, want_bytes } from "./encoding";
import { BadSignature, BadTimeSignature, SignatureExpired } from "./exc";
import { Serializer } from "./serializer";
import { rsplit_once, Signer } from "./signer";

/** `TimestampSigner`: sign `value.timestamp`, and check the age when unsigning. */
export class TimestampSigner extends Signer {
  /** `get_timestamp()`: now, in whole seconds (python/time's clock, frozen in tests). */
  get_timestamp(): number {
    return Math.floor(time());
  }

  /** `timestamp_to_datetime(ts)`: an aware UTC datetime. */
  timestamp_to_datetime(ts: number): datetime {
    return datetime.fromtimestamp(ts, timezone.utc);
  }

  /** `sign(value)`: `value + sep + timestamp + sep + signature`. */
  override sign(value: string | Bytes): Bytes {
    const timestamp = base64_encode(int_to_bytes(this.get_timestamp()));
    const signed = concat_bytes([want_bytes(value), this.sep, timestamp]);
    return concat_bytes([signed, this.sep, this.get_signature(signed)]);
  }

  /**
   * `unsign(signed_value, max_age=None, return_timestamp=False)`: the value (or `[value, when]`).
   * A bad signature is reported as BadTimeSignature carrying the signing date when it was readable.
   */
  override unsign(signed_value: string | Bytes): Bytes;
  override unsign(signed_value: string | Bytes, options: { max_age?: number | null; return_timestamp?: false }): Bytes;
  override unsign(signed_value: string | Bytes, options: { max_age?: number | null; return_timestamp: true }): [Bytes, datetime];
  override unsign(signed_value: string | Bytes, options: { max_age?: number | null; return_timestamp?: boolean } = {}): Bytes | [Bytes, datetime] {
    const { max_age = null, return_timestamp = false } = options;
    let result: Bytes;
    let sig_error: BadSignature | null = null;
    try {
      result = super.unsign(signed_value);
    } catch (e) {
      if (!(e instanceof BadSignature)) throw e;
      sig_error = e;
      result = (e.payload as Bytes | null) ?? new Uint8Array();
    }
    const parts = rsplit_once(result, this.sep);
    if (parts === null) {
      if (sig_error) throw sig_error;
      throw new BadTimeSignature("timestamp missing", result);
    }
    const [value, ts_bytes] = parts;
    const ts_int = this.read_timestamp(ts_bytes);
    if (sig_error !== null) throw this.signature_error(sig_error, value, ts_int);
    if (ts_int === null) throw new BadTimeSignature("Malformed timestamp", value);
    if (max_age !== null) this.check_age(value, ts_int, max_age);
    return return_timestamp ? [value, this.timestamp_to_datetime(ts_int)] : value;
  }

  private read_timestamp(ts_bytes: Bytes): number | null {
    try {
      return bytes_to_int(base64_decode(ts_bytes));
    } catch {
      return null;
    }
  }

  private signature_error(sig_error: BadSignature, value: Bytes, ts_int: number | null): BadTimeSignature {
    let ts_dt: datetime | null = null;
    if (ts_int !== null) {
      try {
        ts_dt = this.timestamp_to_datetime(ts_int);
      } catch (e) {
        if (e instanceof ValueError || e instanceof OverflowError) return new BadTimeSignature("Malformed timestamp", value);
        throw e;
      }
    }
    return new BadTimeSignature(sig_error.message, value, ts_dt);
  }

  /** Older than `max_age` or from the future: SignatureExpired. */
  private check_age(value: Bytes, ts_int: number, max_age: number): void {
    const age = this.get_timestamp() - ts_int;
    if (age > max_age) throw new SignatureExpired(`Signature age ${age} > ${max_age} seconds`, value, this.timestamp_to_datetime(ts_int));
    if (age < 0) throw new SignatureExpired(`Signature age ${age} < 0 seconds`, value, this.timestamp_to_datetime(ts_int));
  }

  /** `validate(signed_value, max_age=None)` */
  override validate(signed_value: string | Bytes, max_age: number | null = null): boolean {
    try {
      this.unsign(signed_value, { max_age });
      return true;
    } catch (e) {
      if (e instanceof BadSignature) return false;
      throw e;
    }
  }
}

/** `TimedSerializer`: a Serializer whose signer is a TimestampSigner; `loads` takes `max_age`. */
export class TimedSerializer extends Serializer {
  static override default_signer: typeof Signer = TimestampSigner;

  /** `loads(s, max_age=None, return_timestamp=False, salt=None)` */
  override loads(s: string | Bytes, options: { max_age?: number | null; return_timestamp?: boolean; salt?: string | Bytes | null } = {}): any {
    const bytes = want_bytes(s);
    let last_exception: BadSignature | null = null;
    for (const signer of this.iter_unsigners(options.salt ?? null)) {
      try {
        const [base64d, timestamp] = (signer as TimestampSigner).unsign(bytes, { max_age: options.max_age ?? null, return_timestamp: true });
        const payload = this.load_payload(base64d);
        return options.return_timestamp ? [payload, timestamp] : payload;
      } catch (e) {
        if (e instanceof SignatureExpired) throw e;
        if (!(e instanceof BadSignature)) throw e;
        last_exception = e;
      }
    }
    throw last_exception;
  }
}
