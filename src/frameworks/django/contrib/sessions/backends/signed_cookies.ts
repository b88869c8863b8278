/**
 * django.contrib.sessions.backends.signed_cookies: the session data → the cookie itself
 * (`signing.dumps(data, compress=True)`), nothing stored on the server. The "session key" is the
 * signed payload; a bad or expired signature simply starts an empty session.
 */
import { dumps, loads } from "../../../core/signing";
import { SessionBase, type SessionData } from "./base";

const SALT = "django.contrib.sessions.backends.signed_cookies";

export class SessionStore extends SessionBase {
  static override backend = "django.contrib.sessions.backends.signed_cookies";

  load(): SessionData {
    try {
      return loads(this.session_key!, { serializer: this.serializer, max_age: this.get_session_cookie_age(), salt: SALT });
    } catch {
      this.create();
    }
    return {};
  }

  create(): void {
    this.modified = true;
  }

  /** "Saving" computes the new cookie value. */
  save(_must_create = false): void {
    this._session_key = this._get_session_key();
    this.modified = true;
  }

  exists(_session_key: string | null = null): boolean {
    return false;
  }

  delete(_session_key: string | null = null): void {
    this._session_key = "";
    this._session_cache = {};
    this.modified = true;
  }

  override cycle_key(): void {
    this.save();
  }

  protected _get_session_key(): string {
    return dumps(this._session, { compress: true, salt: SALT, serializer: this.serializer });
  }

  static override clear_expired(): void {}
}
