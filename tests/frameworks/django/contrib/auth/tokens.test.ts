/**
 * Password-reset tokens equal Django 5.2.17's for the same user, timestamp and SECRET_KEY
 * ("auth-tests"); they stop checking when the password changes, after PASSWORD_RESET_TIMEOUT, and
 * keep checking under a SECRET_KEY_FALLBACKS key.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { settings } from "../../../../../src/frameworks/django/conf";
import { datetime, timezone } from "../../../../../src/frameworks/python/datetime";
import { freeze_time } from "../../../../../src/frameworks/python/time";
import { User } from "../../../../../src/frameworks/django/contrib/auth/models";
import { PasswordResetTokenGenerator } from "../../../../../src/frameworks/django/contrib/auth/tokens";
import { setup_project, teardown_project } from "./project";

const PASSWORD = "pbkdf2_sha256$1$abc$YmTvh3c6moJEsT6nOQOJ7C5swWqoGtU9W2Bl46i3lvk=";

beforeEach(async () => {
  await setup_project();
});

afterEach(() => {
  freeze_time(null);
  teardown_project();
});

describe("PasswordResetTokenGenerator", () => {
  it("makes Django's tokens (vectors from Django 5.2.17)", () => {
    const g = new PasswordResetTokenGenerator();
    const ann = new User({ id: 7, username: "ann", email: "ann@example.com", password: PASSWORD });
    expect(g._make_token_with_timestamp(ann, 800000000, g.secret)).toBe("d8ary8-123c6daa941715c0268b9eb28df473af");
    ann.last_login = new datetime(2024, 3, 6, 12, 30, 45, 123456, timezone.utc);
    expect(g._make_token_with_timestamp(ann, 800000000, g.secret)).toBe("d8ary8-6dd622fa0058f0ba3c8d377a7a38e51f");
    ann.email = "";
    expect(g._make_token_with_timestamp(ann, 123, g.secret)).toBe("3f-f0115df4b2fedd586574aa05bbee4f80");
    expect(g._num_seconds(new datetime(2026, 11, 27))).toBe(817430400);
  });

  it("checks until the password changes or the timeout passes; a fallback secret still checks", () => {
    freeze_time(Date.UTC(2026, 10, 27, 12) / 1000);
    const g = new PasswordResetTokenGenerator();
    const ann = User.objects.create_user("ann", "ann@example.com", "pw");
    const token = g.make_token(ann);
    expect(g.check_token(ann, token)).toBe(true);
    expect(g.check_token(ann, "bad")).toBe(false);
    expect(g.check_token(ann, "zz-00")).toBe(false);
    freeze_time(Date.UTC(2026, 10, 27, 12) / 1000 + Number(settings.PASSWORD_RESET_TIMEOUT) + 1);
    expect(g.check_token(ann, token)).toBe(false);
    freeze_time(Date.UTC(2026, 10, 27, 12) / 1000);
    const rotated = new PasswordResetTokenGenerator();
    rotated.secret = "new-key";
    rotated.secret_fallbacks = ["auth-tests"];
    expect(rotated.check_token(ann, token)).toBe(true);
    ann.set_password("changed");
    expect(g.check_token(ann, token)).toBe(false);
  });
});
