/**
 * django.contrib.auth.base_user: the part of a user that does not depend on the auth app's tables
 * → `AbstractBaseUser` (a password and a last login) and `BaseUserManager`. A custom user model
 * starts here:
 *
 *     export class Member extends AbstractBaseUser {
 *       static fields: Record<string, Field> = { email: new models.EmailField({ unique: true }) };
 *       static USERNAME_FIELD = "email";
 *       static objects = new MemberManager();
 *     }
 *
 *     user.set_password("s3cret")    // user.password = "pbkdf2_sha256$…" (not saved yet)
 *     user.check_password("s3cret")  // true; an outdated hash is re-hashed and saved
 *     user.is_authenticated          // always true for a user row (AnonymousUser says false)
 *
 * Python class attributes (USERNAME_FIELD, REQUIRED_FIELDS, EMAIL_FIELD) are `static` here; the
 * instance reads them through its constructor, as `self.USERNAME_FIELD` reads the class in Python.
 */
import { settings } from "../../conf";
import { CharField, DateTimeField, Manager, Model, type Field, type SaveOptions } from "../../db/models";
import type { MetaOptions } from "../../db/models/options";
import { salted_hmac } from "../../utils/crypto";
import { check_password, is_password_usable, make_password } from "./hashers";
import { password_changed } from "./password_validation";

/** What `user.__class__` offers as class attributes. */
export interface UserClassAttributes {
  USERNAME_FIELD: string;
  EMAIL_FIELD?: string;
  REQUIRED_FIELDS: string[];
}

export class BaseUserManager<T extends AbstractBaseUser = any> extends Manager<T> {
  /** `normalize_email(email)`: lower-case the domain part only ("Ann@EXAMPLE.com" → "Ann@example.com"). */
  static normalize_email(email: string | null | undefined): string {
    const text = email || "";
    const at = text.trim().lastIndexOf("@");
    if (at < 0) return text;
    const trimmed = text.trim();
    return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
  }

  normalize_email(email: string | null | undefined): string {
    return BaseUserManager.normalize_email(email);
  }

  /** `get_by_natural_key(username)`: the user whose USERNAME_FIELD equals it. */
  get_by_natural_key(username: unknown): T {
    return this.get({ [(this.model as UserClassAttributes).USERNAME_FIELD]: username }) as T;
  }
}

export class AbstractBaseUser extends Model {
  static override fields: Record<string, Field> = {
    password: new CharField({ verbose_name: "password", max_length: 128 }),
    last_login: new DateTimeField({ verbose_name: "last login", blank: true, null: true }),
  };
  static override Meta: MetaOptions = { abstract: true };

  /** The field that identifies a user (`"username"`, or `"email"` in many custom models). */
  static USERNAME_FIELD = "username";
  /** Fields `createsuperuser` asks for besides USERNAME_FIELD and the password. */
  static REQUIRED_FIELDS: string[] = [];

  declare password: string;
  declare last_login: unknown;
  /** A class attribute in Django (`is_active = True`); AbstractUser turns it into a column. */
  declare is_active: boolean;
  /** The raw password set by set_password(), until save() hands it to the validators. */
  declare _password: string | null;

  override toString(): string {
    return String(this.get_username());
  }

  /** `save()`: after the row is written, password validators hear about a changed password. */
  override save(options: SaveOptions = {}): void {
    super.save(options);
    if (this._password !== null && this._password !== undefined) {
      password_changed(this._password, this);
      this._password = null;
    }
  }

  /** `get_username()`: the value of USERNAME_FIELD. */
  get_username(): unknown {
    return this[user_class(this).USERNAME_FIELD];
  }

  /** `clean()`: the username normalized (NFKC), as forms and full_clean() store it. */
  override clean(): void {
    const field = user_class(this).USERNAME_FIELD;
    this[field] = AbstractBaseUser.normalize_username(this.get_username());
  }

  natural_key(): unknown[] {
    return [this.get_username()];
  }

  /** Always false for a real user: only AnonymousUser is anonymous. */
  get is_anonymous(): boolean {
    return false;
  }

  /** Always true for a real user: "this request comes with a user" (not "active" or "staff"). */
  get is_authenticated(): boolean {
    return true;
  }

  /** `set_password(raw)`: hash with the first PASSWORD_HASHERS entry; nothing is saved yet. */
  set_password(raw_password: string | null): void {
    this.password = make_password(raw_password);
    this._password = raw_password;
  }

  /**
   * `check_password(raw)`: compare against the stored hash. When the hash is outdated (another
   * algorithm, other iterations), the password is re-hashed and saved with `update_fields=["password"]`.
   */
  check_password(raw_password: string | null): boolean {
    const setter = (raw: string) => {
      this.set_password(raw);
      this._password = null; // the password did not change, only its hash
      this.save({ update_fields: ["password"] });
    };
    return check_password(raw_password, this.password, { setter });
  }

  /** `acheck_password(raw)`: the awaitable check_password. */
  async acheck_password(raw_password: string | null): Promise<boolean> {
    return this.check_password(raw_password);
  }

  /** `set_unusable_password()`: no password will ever match (`!` + random text). */
  set_unusable_password(): void {
    this.password = make_password(null);
  }

  has_usable_password(): boolean {
    return is_password_usable(this.password);
  }

  /**
   * `get_session_auth_hash()`: an HMAC of the password hash, stored in the session at login. When
   * the password changes, the session's value no longer matches and the session ends.
   */
  get_session_auth_hash(): string {
    return this._get_session_auth_hash();
  }

  /** The same hash under each SECRET_KEY_FALLBACKS entry (sessions survive a key rotation). */
  get_session_auth_fallback_hash(): string[] {
    const fallbacks = (settings.SECRET_KEY_FALLBACKS ?? []) as string[];
    return fallbacks.map((secret) => this._get_session_auth_hash(secret));
  }

  _get_session_auth_hash(secret: string | null = null): string {
    const key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash";
    return salted_hmac(key_salt, this.password, secret, { algorithm: "sha256" }).hexdigest();
  }

  /** `get_email_field_name()`: EMAIL_FIELD, or "email". */
  static get_email_field_name(): string {
    return (this as unknown as UserClassAttributes).EMAIL_FIELD ?? "email";
  }

  /** `normalize_username(username)`: Unicode NFKC, so visually identical names compare equal. */
  static normalize_username<T>(username: T): T {
    return (typeof username === "string" ? username.normalize("NFKC") : username) as T;
  }
}

/** `self.__class__`, typed with the user class attributes. */
export function user_class(user: object): UserClassAttributes & typeof AbstractBaseUser {
  return user.constructor as UserClassAttributes & typeof AbstractBaseUser;
}

// Django sets `_password = None` as a class attribute: every instance starts without one.
Object.defineProperty(AbstractBaseUser.prototype, "_password", { value: null, writable: true, configurable: true });
Object.defineProperty(AbstractBaseUser, "__module__", { value: "django.contrib.auth.base_user", writable: true, configurable: true });
Object.defineProperty(AbstractBaseUser.prototype, "is_active", { value: true, writable: true, configurable: true });
