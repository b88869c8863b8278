import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { settings } from "../../../../src/frameworks/django/conf";
import { freeze_time } from "../../../../src/frameworks/python/time";
import { BadSignature, Signer, SignatureExpired, TimestampSigner, b62_decode, b62_encode, dumps, loads } from "../../../../src/frameworks/django/core/signing";
import { HttpRequest } from "../../../../src/frameworks/django/http/request";
import { HttpResponse } from "../../../../src/frameworks/django/http/response";
import { constant_time_compare, get_random_string, salted_hmac } from "../../../../src/frameworks/django/utils/crypto";

// Vectors recorded from Django 5.2.17 with SECRET_KEY="lab-secret" and time.time() = 1735689600.5.
describe("django.core.signing (vectors from Django 5.2)", () => {
  beforeEach(() => {
    settings.configure({ SECRET_KEY: "lab-secret" });
    freeze_time(1735689600.5);
  });
  afterEach(() => freeze_time(null));

  it("salted_hmac derives the key from salt + secret (sha1 default, sha256 on request)", () => {
    expect(salted_hmac("salt", "value").hexdigest()).toBe("9c17eb8304e4040d7555fdf68c0c74699cd4857e");
    expect(salted_hmac("salt", "value", null, { algorithm: "sha256" }).hexdigest()).toBe("7993ea82a0be0d30c4f62e3e6957fd95c12509fa9e67435910f2b5943551dded");
  });

  it("Signer signs with HMAC-SHA256 under its class path as salt", () => {
    expect(new Signer().salt).toBe("django.core.signing.Signer");
    expect(new Signer().sign("hello")).toBe("hello:JwW8tmK2xVe1IQUcRdCWyg1ufY3ZEH7XhKHdBXlFAPY");
    expect(new Signer({ salt: "extra" }).sign("hello")).toBe("hello:QXJQUUCd16Lnz_hwyVr4SIYCP4gymp9CDmm0W8sDd3s");
    expect(new Signer({ sep: "/" }).sign("hello")).toBe("hello/JwW8tmK2xVe1IQUcRdCWyg1ufY3ZEH7XhKHdBXlFAPY");
    expect(new Signer({ key: "other" }).sign("héllo")).toBe("héllo:ZDofZ_h7O070q8ooktrqM_w-mxwr6ck8F9q7bMAhCQo");
  });

  it("sign_object writes compact ASCII JSON, compressed with a leading '.' when it helps", () => {
    const s = new Signer();
    expect(s.sign_object({ a: [1, 2, "é"], b: null })).toBe("eyJhIjpbMSwyLCJcdTAwZTkiXSwiYiI6bnVsbH0:UwnEx5W5yN3KRfWD-CxlV5ExnbKBpwONBn986OZs1rA");
    const compressed = s.sign_object({ a: "x".repeat(100) }, { compress: true });
    expect(compressed).toBe(".eJyrVkpUslKqoANQqgUAPCcw_A:GC7j5tzmasl8P6IDNoqpVeCd066B4Gd2n2RDFk-RIuw");
    expect(s.unsign_object(compressed)).toEqual({ a: "x".repeat(100) });
    expect(s.unsign_object(".eJyrVkpUslKqoANQqgUAPCcw_A:GC7j5tzmasl8P6IDNoqpVeCd066B4Gd2n2RDFk-RIuw")).toEqual({ a: "x".repeat(100) });
  });

  it("unsign refuses missing separators and wrong signatures with Django's messages", () => {
    expect(() => new Signer().unsign("abc")).toThrow(new BadSignature('No ":" found in value'));
    expect(() => new Signer().unsign("abc:def")).toThrow(new BadSignature('Signature "def" does not match'));
    expect(() => new Signer({ sep: "a" })).toThrow("Unsafe Signer separator: 'a' (cannot be empty or consist of only A-z0-9-_=)");
  });

  it("TimestampSigner and dumps add the base62 time", () => {
    expect(new TimestampSigner().sign("hello")).toBe("hello:1tSm9Y:_OpiZQJAi8WSymlYN6wBMOGjQUv1Pys6judcLM6kJ34");
    expect(dumps({ k: "v" })).toBe("eyJrIjoidiJ9:1tSm9Y:OUdPHI8qFRu0Cce-qgY-jMxydrbYeMkL8t_Y7gp4AnA");
    expect(dumps([1, "two", 3.5, true])).toBe("WzEsInR3byIsMy41LHRydWVd:1tSm9Y:ncvL6al8TVMVE31jjxjPI_uz2P92t0LaL546tnK2hQo");
    expect(loads(".eJyrVspWslIqIxko1QIA0E8ZMg:1tSm9Y:z58hV5zvOt98f7IxxNuOP9Rg9t70stKmKl-lQwoZ8UQ")).toEqual({ k: "v".repeat(50) });
  });

  it("max_age turns old signatures into SignatureExpired", () => {
    const token = new TimestampSigner().sign("hello");
    freeze_time(1735689700.5);
    expect(new TimestampSigner().unsign(token, { max_age: 200 })).toBe("hello");
    expect(() => new TimestampSigner().unsign(token, { max_age: 10 })).toThrow(new SignatureExpired("Signature age 100.5 > 10 seconds"));
  });

  it("set_signed_cookie / get_signed_cookie sign with the cookie signer (a length-prefixed v2 salt)", () => {
    const response = new HttpResponse();
    response.set_signed_cookie("name", "value", { salt: "s" });
    const signed = String(response.cookies.getitem("name").value);
    expect(signed).toBe("value:1tSm9Y:fQBUvZv0knfD3n8Fze4MdcBNvzKVA2F0ptM9FYLgCv8");
    const request = new HttpRequest();
    request.COOKIES = { name: signed, bad: "value:1tSm9Y:x" };
    expect(request.get_signed_cookie("name", { salt: "s" })).toBe("value");
    expect(request.get_signed_cookie("bad", { default: null })).toBe(null);
    expect(request.get_signed_cookie("missing", { default: "d" })).toBe("d");
    expect(() => request.get_signed_cookie("name")).toThrow(BadSignature);
  });

  it("b62 round-trips and crypto helpers behave", () => {
    expect([0, 1, 61, 62, -5, 1735689600].map(b62_encode)).toEqual(["0", "1", "z", "10", "-5", "1tSm9Y"]);
    expect(b62_decode("1tSm9Y")).toBe(1735689600);
    expect(get_random_string(32)).toMatch(/^[a-zA-Z0-9]{32}$/);
    expect(constant_time_compare("abc", "abc")).toBe(true);
    expect(constant_time_compare("abc", "abd")).toBe(false);
  });
});
