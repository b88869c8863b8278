/**
 * Python's `uuid.UUID` and `uuid.uuid4()`: 128-bit identifiers kept as 32 lowercase hex digits.
 *
 * `str(u)` is the hyphenated 8-4-4-4-12 form, `u.hex` the bare digits; Django's `<uuid:...>` path
 * converter, `UUIDField` and `DjangoJSONEncoder` all speak these two forms.
 */
import { ValueError } from "./builtins";

export class UUID {
  /** 32 lowercase hex digits. */
  readonly hex: string;

  /** Accepts `{12345678-1234-...}`, `urn:uuid:...`, hyphenated or bare hex, in any case. */
  constructor(hex: string) {
    const digits = hex.replace(/^urn:uuid:/i, "").replace(/[{}]/g, "").replace(/-/g, "");
    if (!/^[0-9a-fA-F]{32}$/.test(digits)) throw new ValueError("badly formed hexadecimal UUID string");
    this.hex = digits.toLowerCase();
  }

  /** `str(uuid)`: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
  toString(): string {
    const h = this.hex;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  __repr__(): string {
    return `UUID('${this.toString()}')`;
  }

  /** The version number (4 for random UUIDs). */
  get version(): number {
    return parseInt(this.hex[12], 16);
  }

  equals(other: unknown): boolean {
    return other instanceof UUID && other.hex === this.hex;
  }
}

/** `uuid.uuid4()`: a random UUID (version 4, RFC 4122 variant). */
export function uuid4(): UUID {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return new UUID([...bytes].map((b) => b.toString(16).padStart(2, "0")).join(""));
}
