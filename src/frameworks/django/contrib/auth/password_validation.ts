/**
 * django.contrib.auth.password_validation: a candidate password → nothing, or a ValidationError
 * listing every rule of settings.AUTH_PASSWORD_VALIDATORS it breaks.
 *
 *     AUTH_PASSWORD_VALIDATORS = [{ NAME: "django.contrib.auth.password_validation.MinimumLengthValidator", OPTIONS: { min_length: 9 } }]
 *     validate_password("short")   // ValidationError: ["This password is too short. It must contain at least 9 characters."]
 *
 * Framework Lab ships MinimumLengthValidator and NumericPasswordValidator;
 * UserAttributeSimilarityValidator and CommonPasswordValidator (a 20,000-word list) are not here.
 */
import { settings } from "../../conf";
import { ImproperlyConfigured, ValidationError } from "../../core/exceptions";
import { import_string } from "../../utils/module_loading";

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
