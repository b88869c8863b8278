/**
 * itsdangerous: data → signed data a server can hand to a client and trust when it comes back.
 * `from itsdangerous import URLSafeTimedSerializer` works as `import { URLSafeTimedSerializer }
 * from "itsdangerous"`.
 */
export { want_bytes, base64_encode, base64_decode, int_to_bytes, bytes_to_int } from "./encoding";
export { BadData, BadSignature, BadTimeSignature, SignatureExpired, BadHeader, BadPayload } from "./exc";
export { SigningAlgorithm, NoneAlgorithm, HMACAlgorithm, Signer } from "./signer";
export { Serializer } from "./serializer";
export { TimestampSigner, TimedSerializer } from "./timed";
export { URLSafeSerializer, URLSafeTimedSerializer } from "./url_safe";
