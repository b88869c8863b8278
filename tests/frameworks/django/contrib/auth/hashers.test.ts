/**
 * Password hashing interoperates with Django 5.2: vectors recorded from real Django
 * (`.venv-django/bin/python`, `make_password(...)` / `PBKDF2PasswordHasher().encode(...)`) come out
 * identical here, and hashes made here with random salts were checked with Django's
 * `check_password` (each returned True) before being recorded below.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { settings } from "../../../../../src/frameworks/django/conf";
import { set_module_importer } from "../../../../../src/frameworks/django/utils/module_loading";
import * as hashers from "../../../../../src/frameworks/django/contrib/auth/hashers";
import {
  PBKDF2PasswordHasher, PBKDF2SHA1PasswordHasher, check_password, get_hasher, identify_hasher, is_password_usable, make_password, reset_hashers, UNUSABLE_PASSWORD_PREFIX,
} from "../../../../../src/frameworks/django/contrib/auth/hashers";

class FastPBKDF2PasswordHasher extends PBKDF2PasswordHasher {
  override iterations = 1000;
}

const MODULES: Record<string, Record<string, unknown>> = {
  "django/contrib/auth/hashers": hashers,
  "tests/hashers": { FastPBKDF2PasswordHasher },
};

function configure(PASSWORD_HASHERS: string[]): void {
  settings.configure({ SECRET_KEY: "s", PASSWORD_HASHERS });
  reset_hashers();
}

beforeEach(() => {
  set_module_importer((path) => {
    const module = MODULES[path];
    if (!module) throw new Error(`No module named '${path}'`);
    return module;
  });
  // The fast subclass first: a wrong password against a 1-iteration hash then hardens for 1,000
  // rounds, not Django's 1,000,000 (about 2 s each).
  configure(["tests.hashers.FastPBKDF2PasswordHasher", "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher"]);
});

afterEach(() => {
  set_module_importer(null);
  settings.reset();
  reset_hashers();
});

/** [password, salt, iterations, what Django 5.2.17 produced] */
const DJANGO_SHA256: [string, string, number, string][] = [
  ["secret", "abc", 1, "pbkdf2_sha256$1$abc$YmTvh3c6moJEsT6nOQOJ7C5swWqoGtU9W2Bl46i3lvk="],
  ["secret", "abc", 2, "pbkdf2_sha256$2$abc$EOLrytLn0RhNL1/gxYjfDJxVErHosXEpbxjM7hh37bw="],
  ["letmein", "NaCl", 1000, "pbkdf2_sha256$1000$NaCl$Lolw6KB6yaFpJ7bzPzR7SHOYO5ayYA35YbipmVYcTD4="],
  ["correct horse battery staple", "Zq8rM2kTtY9cVbN1xLwP0a", 1000, "pbkdf2_sha256$1000$Zq8rM2kTtY9cVbN1xLwP0a$YHla9xWU6ARvP9AaTmOEk1HxN/wcUbJGWt6xP4jYVxM="],
  ["", "salty", 10, "pbkdf2_sha256$10$salty$ayxw4tOoF2mHvsbUhX1ZEmeoN6f7vkgpku+gDXiLuEc="],
  ["日本語パスワード", "unicode", 100, "pbkdf2_sha256$100$unicode$ZEXfOazhqJBTVt6DcWFn04Baa5hW3nYweEqWgINiO+I="],
];

/** Made here with random salts; Django 5.2.17 `check_password(p, e)` returned True for each (and False for p + "x"). */
const MADE_HERE: [string, string][] = [
  ["secret", "pbkdf2_sha256$1000$cbAyKQDP0taTfUo3le9IXo$5egFHYSaiKxPnoX6qgwv7pkekwRcevMNvrNzFqhizQY="],
  ["pässwörd", "pbkdf2_sha256$1000$tSiZMqLkdAiaqSF3RvCXgz$i9Wu7LdyVeczqWLZedExYO2lTyjZOs/RhyNqiU2Y1jE="],
  ["hunter2", "pbkdf2_sha256$1000$Ok41isEZ6xOoe7XZhYkxGx$KuoCruWBWHpM8Eez0iW2KTeCfg5V53J7Lr82DdHv1PY="],
  ["default-iterations", "pbkdf2_sha256$1000000$afpXBLuKQx0RkctnzOkBU0$iNZ58AWrpoJckm0WZXCbLqsr4/g3NTprrd8TLpY9CIs="],
];

describe("PBKDF2PasswordHasher", () => {
  it.each(DJANGO_SHA256)("encode(%j, %j, %d) is byte-for-byte Django's", (password, salt, iterations, expected) => {
    expect(new PBKDF2PasswordHasher().encode(password, salt, iterations)).toBe(expected);
  });

  it("make_password at Django's default 1,000,000 iterations matches Django's vector", () => {
    configure(["django.contrib.auth.hashers.PBKDF2PasswordHasher"]);
    expect(make_password("secret", { salt: "abc", hasher: "pbkdf2_sha256" })).toBe("pbkdf2_sha256$1000000$abc$CJo8F7K3bTHLdYc1MzxpwRM5NO6L98dhwz0In1ko1/8=");
  });

  it("pbkdf2_sha1 matches Django's vector", () => {
    expect(new PBKDF2SHA1PasswordHasher().encode("secret", "abc", 1000)).toBe("pbkdf2_sha1$1000$abc$l2H2oogsryV2Lw9a7h1z7xkcW8k=");
  });

  it.each(DJANGO_SHA256)("check_password verifies Django's hash of %j", (password, _salt, _iterations, encoded) => {
    expect(check_password(password, encoded)).toBe(true);
    expect(check_password(password + "x", encoded)).toBe(false);
  });

  it.each(MADE_HERE)("a hash made here (checked in Django) verifies: %j", (password, encoded) => {
    expect(check_password(password, encoded)).toBe(true);
  });

  it("a random salt is 22 characters of [a-zA-Z0-9] (128 bits)", () => {
    const salt = new PBKDF2PasswordHasher().salt();
    expect(salt).toMatch(/^[a-zA-Z0-9]{22}$/);
  });

  it("decode and safe_summary", () => {
    const h = new PBKDF2PasswordHasher();
    const encoded = DJANGO_SHA256[0][3];
    expect(h.decode(encoded)).toEqual({ algorithm: "pbkdf2_sha256", hash: "YmTvh3c6moJEsT6nOQOJ7C5swWqoGtU9W2Bl46i3lvk=", iterations: 1, salt: "abc" });
    expect(h.safe_summary(encoded)).toEqual({ algorithm: "pbkdf2_sha256", iterations: 1, salt: "abc", hash: "YmTvh3**************************************" });
    expect(h.must_update(encoded)).toBe(true);
  });

  it("encode refuses a salt containing $ and a missing password", () => {
    const h = new PBKDF2PasswordHasher();
    expect(() => h.encode("x", "a$b", 1)).toThrow("salt must be provided and cannot contain $.");
    expect(() => h.encode("x", "", 1)).toThrow("salt must be provided and cannot contain $.");
    expect(() => h.encode(null as never, "abc", 1)).toThrow("password must be provided.");
  });
});

describe("make_password / check_password", () => {
  it("a subclass first in PASSWORD_HASHERS lowers the iterations and keeps Django's algorithm name", () => {
    const encoded = make_password("secret");
    expect(encoded).toMatch(/^pbkdf2_sha256\$1000\$[a-zA-Z0-9]{22}\$[A-Za-z0-9+/]{43}=$/);
    expect(check_password("secret", encoded)).toBe(true);
  });

  it("null makes an unusable password: ! and 40 random characters", () => {
    const encoded = make_password(null);
    expect(encoded).toMatch(/^![a-zA-Z0-9]{40}$/);
    expect(is_password_usable(encoded)).toBe(false);
    expect(UNUSABLE_PASSWORD_PREFIX).toBe("!");
    expect(is_password_usable(null)).toBe(true);
    expect(check_password("anything", encoded)).toBe(false);
  });

  it("a non-string password is a TypeError with Django's message", () => {
    expect(() => make_password(1 as never)).toThrow("Password must be a string or bytes, got int.");
  });

  it("unknown algorithms: identify_hasher raises, check_password answers false", () => {
    expect(() => identify_hasher("nope")).toThrow("Unknown password hashing algorithm 'nope'. Did you specify it in the PASSWORD_HASHERS setting?");
    expect(() => identify_hasher("foo$bar")).toThrow("Unknown password hashing algorithm 'foo'.");
    expect(check_password("secret", "garbage")).toBe(false);
    expect(check_password(null, "pbkdf2_sha256$1$abc$x")).toBe(false);
    expect(identify_hasher("pbkdf2_sha256$1$abc$x").algorithm).toBe("pbkdf2_sha256");
    expect(get_hasher().algorithm).toBe("pbkdf2_sha256");
  });

  it("setter re-hashes an outdated hash after a correct check, not after a wrong one", () => {
    const calls: string[] = [];
    const old = "pbkdf2_sha1$1000$abc$l2H2oogsryV2Lw9a7h1z7xkcW8k=";
    expect(check_password("wrong", old, { setter: (p) => calls.push(p) })).toBe(false);
    expect(calls).toEqual([]);
    expect(check_password("secret", old, { setter: (p) => calls.push(p) })).toBe(true);
    expect(calls).toEqual(["secret"]);
    const current = make_password("secret");
    expect(check_password("secret", current, { setter: (p) => calls.push(p) })).toBe(true);
    expect(calls).toEqual(["secret"]);
  });
});
