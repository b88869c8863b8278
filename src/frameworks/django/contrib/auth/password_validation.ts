/**
 * django.contrib.auth.password_validation: a candidate password → nothing, or a ValidationError
 * listing every rule of settings.AUTH_PASSWORD_VALIDATORS it breaks.
 *
 *     AUTH_PASSWORD_VALIDATORS = [{ NAME: "django.contrib.auth.password_validation.MinimumLengthValidator", OPTIONS: { min_length: 9 } }]
 *     validate_password("short")   // ValidationError: ["This password is too short. It must contain at least 9 characters."]
 *
 * Framework Lab ships UserAttributeSimilarityValidator, MinimumLengthValidator and
 * NumericPasswordValidator; CommonPasswordValidator is not here (its default is a list of 20,000
 * passwords Django ships as data, which the page does not carry).
 */
import { settings } from "../../conf";
import { FieldDoesNotExist, ImproperlyConfigured, ValidationError } from "../../core/exceptions";
import { import_string } from "../../utils/module_loading";
import { ValueError } from "../../../python/builtins";
import { SequenceMatcher } from "../../../python/difflib";

export interface PasswordValidator {
  validate(password: string, user?: unknown): void;
  password_changed?(password: string, user?: unknown): void;
  get_help_text?(): string;
}

interface ValidatorConfig {
  NAME: string;
  OPTIONS?: Record<string, unknown>;
}

/** `get_password_validators(validator_config)`: one instance per entry, built with its OPTIONS. */
export function get_password_validators(validator_config: ValidatorConfig[]): PasswordValidator[] {
  return validator_config.map((config) => {
    let klass: new (options?: Record<string, unknown>) => PasswordValidator;
    try {
      klass = import_string(config.NAME);
    } catch {
      throw new ImproperlyConfigured(`The module in NAME could not be imported: ${config.NAME}. Check your AUTH_PASSWORD_VALIDATORS setting.`);
    }
    return new klass(config.OPTIONS ?? {});
  });
}

export function get_default_password_validators(): PasswordValidator[] {
  return get_password_validators((settings.AUTH_PASSWORD_VALIDATORS ?? []) as ValidatorConfig[]);
}

/** `validate_password(password, user=None, password_validators=None)`: every error at once. */
export function validate_password(password: string, user: unknown = null, password_validators: PasswordValidator[] | null = null): void {
  const errors: ValidationError[] = [];
  for (const validator of password_validators ?? get_default_password_validators()) {
    try {
      validator.validate(password, user);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors.push(e);
    }
  }
  if (errors.length) throw new ValidationError(errors);
}

/** `password_changed(password, user=None)`: tell each validator (history-keeping ones care). */
export function password_changed(password: string, user: unknown = null, password_validators: PasswordValidator[] | null = null): void {
  for (const validator of password_validators ?? get_default_password_validators()) validator.password_changed?.(password, user);
}

export function password_validators_help_texts(password_validators: PasswordValidator[] | null = null): string[] {
  return (password_validators ?? get_default_password_validators()).flatMap((v) => (v.get_help_text ? [v.get_help_text()] : []));
}

/**
 * `exceeds_maximum_length_ratio(password, max_similarity, value)`: a value so much shorter than the
 * password (a tenth or less) that it cannot reach max_similarity — skipped without comparing.
 */
export function exceeds_maximum_length_ratio(password: string, max_similarity: number, value: string): boolean {
  const pwd_len = [...password].length;
  const length_bound_similarity = (max_similarity / 2) * pwd_len;
  const value_len = [...value].length;
  return pwd_len >= 10 * value_len && value_len < length_bound_similarity;
}

/**
 * Not too close to the user's own attributes (username, first and last name, email — each whole
 * and split at non-word characters, so "alice@example.com" is also tried as "alice", "example" and
 * "com"): `SequenceMatcher(a=password, b=part).quick_ratio() >= max_similarity` refuses it.
 *
 *     validate("alice-example", alice)   // ValidationError: The password is too similar to the email address.
 */
export class UserAttributeSimilarityValidator implements PasswordValidator {
  static DEFAULT_USER_ATTRIBUTES = ["username", "first_name", "last_name", "email"];
  user_attributes: string[];
  max_similarity: number;

  constructor(options: { user_attributes?: string[]; max_similarity?: number } = {}) {
    this.user_attributes = options.user_attributes ?? UserAttributeSimilarityValidator.DEFAULT_USER_ATTRIBUTES;
    const max_similarity = options.max_similarity ?? 0.7;
    if (max_similarity < 0.1) throw new ValueError("max_similarity must be at least 0.1");
    this.max_similarity = max_similarity;
  }

  validate(password: string, user: any = null): void {
    if (!user) return;
    const lowered = password.toLowerCase();
    for (const attribute_name of this.user_attributes) {
      const value = user[attribute_name];
      if (!value || typeof value !== "string") continue;
      const value_lower = value.toLowerCase();
      // Python's re.split(r"\W+", value) + [value]: the parts between non-word characters, then the whole.
      const value_parts = [...value_lower.split(/[^\p{L}\p{N}_]+/u), value_lower];
      for (const value_part of value_parts) {
        if (exceeds_maximum_length_ratio(lowered, this.max_similarity, value_part)) continue;
        if (new SequenceMatcher(null, lowered, value_part).quick_ratio() >= this.max_similarity)
          throw new ValidationError(this.get_error_message(), { code: "password_too_similar", params: { verbose_name: this.verbose_name_of(user, attribute_name) } });
      }
    }
  }

  /** The field's verbose name ("email address"), or the attribute's name when it is no field. */
  private verbose_name_of(user: any, attribute_name: string): string {
    try {
      return String((user._meta ?? user.constructor._meta).get_field(attribute_name).verbose_name);
    } catch (e) {
      if (e instanceof FieldDoesNotExist) return attribute_name;
      throw e;
    }
  }

  get_error_message(): string {
    return "The password is too similar to the %(verbose_name)s.";
  }

  get_help_text(): string {
    return "Your password can’t be too similar to your other personal information.";
  }
}

/** At least `min_length` characters (8 by default). */
export class MinimumLengthValidator implements PasswordValidator {
  min_length: number;

  constructor(options: { min_length?: number } = {}) {
    this.min_length = options.min_length ?? 8;
  }

  validate(password: string): void {
    if ([...password].length < this.min_length) throw new ValidationError(this.get_error_message(), { code: "password_too_short", params: { min_length: this.min_length } });
  }

  get_error_message(): string {
    return `This password is too short. It must contain at least ${this.min_length} character${this.min_length === 1 ? "" : "s"}.`;
  }

  get_help_text(): string {
    return `Your password must contain at least ${this.min_length} character${this.min_length === 1 ? "" : "s"}.`;
  }
}

/** Not only digits. */
export class NumericPasswordValidator implements PasswordValidator {
  validate(password: string): void {
    if (/^\p{Nd}+$/u.test(password)) throw new ValidationError(this.get_error_message(), { code: "password_entirely_numeric" });
  }

  get_error_message(): string {
    return "This password is entirely numeric.";
  }

  get_help_text(): string {
    return "Your password can’t be entirely numeric.";
  }
}
