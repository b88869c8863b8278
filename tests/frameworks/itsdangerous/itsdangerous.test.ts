/**
 * itsdangerous: signatures and serialized tokens byte-for-byte as itsdangerous 2.2.0 writes them
 * (expected values printed by the real library with its clock frozen at 2025-01-01T00:00:00.5Z).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BadPayload, BadSignature, SignatureExpired, Signer, TimestampSigner, URLSafeSerializer, URLSafeTimedSerializer } from "../../../src/frameworks/itsdangerous";
import { freeze_time } from "../../../src/frameworks/python/time";
import { latin1_decode } from "../../../src/frameworks/python/bytes";

const T0 = 1735689600.5;
const text = (b: Uint8Array) => latin1_decode(b);

/** The exception `fn` raises (the test fails if it returns). */
function raised(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an exception");
}

describe("itsdangerous", () => {
  beforeEach(() => freeze_time(T0));
  afterEach(() => freeze_time(null));

  it("signs with the django-concat key derivation and HMAC-SHA1 by default", () => {
    expect(text(new Signer("secret").sign("hello"))).toBe("hello.7KTthSs1fJgtbigPvFpQH1bpoGA");
    expect(text(new Signer("secret").unsign("hello.7KTthSs1fJgtbigPvFpQH1bpoGA"))).toBe("hello");
  });

  it("derives the key with HMAC when asked (Flask's sessions)", () => {
    expect(text(new Signer("secret", { salt: "x", key_derivation: "hmac" }).sign("v"))).toBe("v.BDYCGiXRA5knGN5EwiwNghqyNEI");
  });

  it("reports a wrong signature and a missing separator with itsdangerous' messages", () => {
    const s = new Signer("secret");
    const bad = raised(() => s.unsign("hello.bad"));
    expect([bad.constructor, bad.message, text((bad as BadSignature).payload as Uint8Array)]).toEqual([BadSignature, "Signature b'bad' does not match", "hello"]);
    const missing = raised(() => s.unsign("hello"));
    expect([missing.constructor, missing.message]).toEqual([BadSignature, "No b'.' found in value"]);
    expect(s.validate("hello.bad")).toBe(false);
  });

  it("timestamps signatures and refuses them once older than max_age", () => {
    const ts = new TimestampSigner("secret");
    const signed = ts.sign("v");
    expect(text(signed)).toBe("v.Z3SFgA.KFnhi9zlocUu4egjnABqLDlJC8s");
    freeze_time(T0 + 100);
    const error = raised(() => ts.unsign(signed, { max_age: 10 }));
    expect(error).toBeInstanceOf(SignatureExpired);
    expect((error as SignatureExpired).message).toBe("Signature age 100 > 10 seconds");
    expect((error as SignatureExpired).date_signed!.isoformat()).toBe("2025-01-01T00:00:00+00:00");
    expect(text(ts.unsign(signed, { max_age: 1000 }))).toBe("v");
  });

  it("compresses a URL-safe payload exactly as zlib does, with the leading dot", () => {
    freeze_time(T0 + 100);
    const u = new URLSafeTimedSerializer("secret");
    const token = u.dumps({ a: Array.from({ length: 60 }, (_, i) => (i % 3) + 1) });
    expect(token).toBe(".eJyrVkpUsoo21DHSMdahOxlbCwAh2hhs.Z3SF5A.7enMFYbJ3hxcinqhGbVB8plgTFU");
    expect(u.loads(token)).toEqual({ a: Array.from({ length: 60 }, (_, i) => (i % 3) + 1) });
    expect(u.dumps({ "é": "ü" })).toBe("eyLDqSI6IsO8In0.Z3SF5A.jPFlu3J_fhVucBy80OpU35kK3Z8");
  });

  it("signs with the newest key and accepts any key when rotating", () => {
    expect(new URLSafeSerializer(["old", "new"]).dumps([1, "x"])).toBe("WzEsIngiXQ.j6lX0LlV2O3VAupRHVc01Su6kpE");
    expect(new URLSafeSerializer(["new", "old"]).loads(new URLSafeSerializer("old").dumps("x"))).toBe("x");
  });

  it("keeps a bad payload apart from a bad signature", () => {
    const bad = raised(() => new URLSafeSerializer("k").loads("e30.bad"));
    expect([bad.constructor, bad.message]).toEqual([BadSignature, "Signature b'bad' does not match"]);
    const s = new Signer("k", { salt: "itsdangerous" });
    const token = latin1_decode(s.sign("not-base64!"));
    expect(() => new URLSafeSerializer("k").loads(token)).toThrow(BadPayload);
  });
});
