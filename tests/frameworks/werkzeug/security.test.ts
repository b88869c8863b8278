/**
 * werkzeug.security byte-exact with Werkzeug 3.1: the hashes below were printed by real Werkzeug
 * (`_hash_internal(method, "salt", "pw")`), so a hash made here verifies there and back.
 */
import { describe, expect, it } from "vitest";
import { _hash_internal, check_password_hash, gen_salt, generate_password_hash } from "../../../src/frameworks/werkzeug/security";

describe("werkzeug.security", () => {
  it("pbkdf2 and scrypt keys as real Werkzeug derives them", () => {
    expect(_hash_internal("pbkdf2:sha512:1000", "salt", "pw")).toEqual(["dba2956d5d8f05e6f06dc9732ca6037d32a4fcbcdde4b35e62594b632d059275a4612b69ad28703b5340833cb47d99636d088ef65309684ac39b5c45372b025e", "pbkdf2:sha512:1000"]);
    expect(_hash_internal("scrypt:1024:8:1", "salt", "pw")).toEqual(["9f1f8695838e682c1689750f45a69fb95645b4a27f0c9994c696b1c98c0a1671ffffb615a347a197185c56762f9facab613a97be907c513ae0247e55b777e15b", "scrypt:1024:8:1"]);
  });

  it("the default method is scrypt:32768:8:1 with a 16-character salt, and verifies", () => {
    const stored = generate_password_hash("pw");
    expect(stored).toMatch(/^scrypt:32768:8:1\$[A-Za-z0-9]{16}\$[0-9a-f]{128}$/);
    expect(stored.split("$")[2]).toBe(_hash_internal("scrypt", stored.split("$")[1], "pw")[0]);
    expect([check_password_hash(stored, "pw"), check_password_hash(stored, "px")]).toEqual([true, false]);
  });

  it("a hash made by real Werkzeug verifies here (the Flask tutorial's test user)", () => {
    const real = "pbkdf2:sha256:50000$TCI4GzcX$0de171a4f4dac32e3364c7ddc7c14f3e2fa61f2d17574483f7ffbb431b4acb2f";
    expect([check_password_hash(real, "test"), check_password_hash(real, "other")]).toEqual([true, false]);
  });

  it("Werkzeug's errors and a malformed hash", () => {
    expect(() => generate_password_hash("pw", "md5")).toThrow("Invalid hash method 'md5'.");
    expect(() => generate_password_hash("pw", "scrypt:1")).toThrow("'scrypt' takes 3 arguments.");
    expect(() => gen_salt(0)).toThrow("Salt length must be at least 1.");
    expect(check_password_hash("nonsense", "pw")).toBe(false);
  });
});
