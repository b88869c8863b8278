/**
 * itsdangerous.url_safe: payloads safe to put in a URL or a cookie. Main class:
 * `URLSafeTimedSerializer` (what Flask signs its session cookie with).
 *
 * The payload is compact JSON, zlib-compressed when that saves at least two bytes, then URL-safe
 * base64 without padding; a compressed payload starts with "." so `loads` knows to decompress.
 * Compression is pako's (a port of zlib itself), so the bytes are those Python's `zlib.compress`
 * writes (zlib 1.2's hash: `legacyHash`) and a cookie is byte-for-byte the one Flask would set
 * (docs/adr/0014):
 *
 *     eyJuIjoxfQ.Z3SFgA.CVoKzQ9mnWZv1pR2u48UpMRu1u0        {"n":1}, not compressed
 *     .eJyrVkrOz...Z3SFgA.<signature>                      compressed
 */
import { deflate, inflate } from "pako";
import { concat_bytes, latin1_encode, type Bytes } from "../python/bytes";
import { base64_decode, base64_encode } from "./encoding";
import { BadPayload } from "./exc";
import { _CompactJSON, type PayloadSerializer } from "./_json";
import { Serializer } from "./serializer";
import { TimedSerializer } from "./timed";

/**
 * `URLSafeSerializerMixin.load_payload`: a leading "." means zlib-compressed; then base64, then
 * the base class's JSON decoding (`load_json`).
 */
function load_url_safe_payload(payload: Bytes, load_json: (json: Bytes) => any): any {
  let data = payload;
  const decompress = data[0] === 0x2e;
  if (decompress) data = data.subarray(1);
  let json: Bytes;
  try {
    json = base64_decode(data);
  } catch (e) {
    throw new BadPayload("Could not base64 decode the payload because of an exception", e);
  }
  if (decompress) {
    try {
      json = inflate(json);
    } catch (e) {
      throw new BadPayload("Could not zlib decompress the payload before decoding the payload", e);
    }
  }
  return load_json(json);
}

/** `URLSafeSerializerMixin.dump_payload`: JSON, zlib-compressed when that saves 2+ bytes, base64. */
function dump_url_safe_payload(json: Bytes): Bytes {
  const compressed = deflate(json, { level: 6, legacyHash: true });
  const is_compressed = compressed.length < json.length - 1;
  const base64d = base64_encode(is_compressed ? compressed : json);
  return is_compressed ? concat_bytes([latin1_encode("."), base64d]) : base64d;
}

/** `URLSafeSerializer`: compact JSON, compressed when useful, URL-safe base64, signed. */
export class URLSafeSerializer extends Serializer {
  static override default_serializer: PayloadSerializer = _CompactJSON;

  override load_payload(payload: Bytes, serializer: PayloadSerializer | null = null): any {
    return load_url_safe_payload(payload, (json) => super.load_payload(json, serializer));
  }

  override dump_payload(obj: unknown): Bytes {
    return dump_url_safe_payload(super.dump_payload(obj));
  }
}

/** `URLSafeTimedSerializer`: the same payload, signed with a timestamp (Flask's session cookie). */
export class URLSafeTimedSerializer extends TimedSerializer {
  static override default_serializer: PayloadSerializer = _CompactJSON;

  override load_payload(payload: Bytes, serializer: PayloadSerializer | null = null): any {
    return load_url_safe_payload(payload, (json) => super.load_payload(json, serializer));
  }

  override dump_payload(obj: unknown): Bytes {
    return dump_url_safe_payload(super.dump_payload(obj));
  }
}
