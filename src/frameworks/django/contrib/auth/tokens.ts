/**
 * django.contrib.auth.tokens: a user + the time → a password-reset token, valid until the user's
 * password (or last login, or email) changes or PASSWORD_RESET_TIMEOUT passes. Main class:
 * `PasswordResetTokenGenerator`; `default_token_generator` is its instance.
 *
 *     default_token_generator.make_token(user)          // "d8ary8-123c6daa941715c0268b9eb28df473af"
 *     default_token_generator.check_token(user, token)  // true until the password changes
 *
 * The token is `<seconds since 2001-01-01, base 36>-<every other hex digit of a salted HMAC-SHA256>`
 * over the user's pk, password hash, last login, the timestamp and email: the same text Django 5.2
 * makes with the same SECRET_KEY.
 */
import { datetime } from "../../../python/datetime";
import { ValueError } from "../../../python/builtins";
import { settings } from "../../conf";
import { constant_time_compare, salted_hmac } from "../../utils/crypto";
import { base36_to_int, int_to_base36 } from "../../utils/http";

const EPOCH_2001 = new datetime(2001, 1, 1);

export class PasswordResetTokenGenerator {
  key_salt = "django.contrib.auth.tokens.PasswordResetTokenGenerator";
  algorithm: string | null = null;
  _secret: string | null = null;
  _secret_fallbacks: string[] | null = null;

  constructor() {
    this.algorithm = this.algorithm || "sha256";
  }

  get secret(): string {
    return this._secret ?? String(settings.SECRET_KEY);
  }

  set secret(value: string) {
    this._secret = value;
  }

  get secret_fallbacks(): string[] {
    return this._secret_fallbacks ?? ((settings.SECRET_KEY_FALLBACKS ?? []) as string[]);
  }

  set secret_fallbacks(values: string[]) {
    this._secret_fallbacks = values;
  }

  /** A token for resetting the user's password, stamped with now. */
  make_token(user: any): string {
    return this._make_token_with_timestamp(user, this._num_seconds(this._now()), this.secret);
  }

  /** Was the token made for this user (with SECRET_KEY or a fallback), and is it recent enough? */
  check_token(user: any, token: string | null | undefined): boolean {
    if (!(user && token)) return false;
    const parts = token.split("-");
    if (parts.length !== 2) return false;
    let ts: number;
    try {
      ts = base36_to_int(parts[0]);
    } catch (e) {
      if (e instanceof ValueError) return false;
      throw e;
    }
    const secrets = [this.secret, ...this.secret_fallbacks];
    if (!secrets.some((secret) => constant_time_compare(this._make_token_with_timestamp(user, ts, secret), token))) return false;
    return this._num_seconds(this._now()) - ts <= Number(settings.PASSWORD_RESET_TIMEOUT);
  }

  _make_token_with_timestamp(user: any, timestamp: number, secret: string): string {
    const ts_b36 = int_to_base36(timestamp);
    const digest = salted_hmac(this.key_salt, this._make_hash_value(user, timestamp), secret, { algorithm: this.algorithm! }).hexdigest();
    const hash_string = [...digest].filter((_, i) => i % 2 === 0).join("");
    return `${ts_b36}-${hash_string}`;
  }

  /**
   * What the token depends on: pk, password hash, last login (to the second, without zone),
   * timestamp and email. Changing any of them invalidates every token made before.
   */
  _make_hash_value(user: any, timestamp: number): string {
    const last_login = user.last_login as datetime | null | undefined;
    const login_timestamp = last_login === null || last_login === undefined ? "" : String(last_login.replace({ microsecond: 0, tzinfo: null }));
    const email_field: string = user.constructor.get_email_field_name?.() ?? "email";
    const email = user[email_field] || "";
    return `${user.pk}${user.password}${login_timestamp}${timestamp}${email}`;
  }

  _num_seconds(dt: datetime): number {
    return Math.trunc(dt.sub(EPOCH_2001).total_seconds());
  }

  _now(): datetime {
    return datetime.now();
  }
}

export const default_token_generator = new PasswordResetTokenGenerator();
