/**
 * django.contrib.sessions.backends.db: a session key → a row of `django_session` (the default
 * SESSION_ENGINE). Loading reads the row if it has not expired; saving inserts a new row under a
 * fresh key (`must_create`) or updates the existing one; `flush()` deletes it.
 */
import { span_set, trace_site } from "../../../../../trace";
import { DatabaseError, IntegrityError } from "../../../db/utils";
import { atomic } from "../../../db/transaction";
import { SuspiciousOperation } from "../../../core/exceptions";
import { now } from "../../../utils/timezone";
import { CreateError, SessionBase, UpdateError, mask, type SessionData } from "./base";
import { Session } from "../models";

const SESSION = trace_site("session", "django/contrib/sessions/backends/db.ts", { eager: true });

export class SessionStore extends SessionBase {
  static override backend = "django.contrib.sessions.backends.db";

  static get_model_class(): typeof Session {
    return Session;
  }

  get model(): typeof Session {
    return (this.constructor as typeof SessionStore).get_model_class();
  }

  /** The unexpired row for this key, or null (the key is then forgotten). */
  protected _get_session_from_db(): Session | null {
    try {
      return (this.model as any)._default_manager.get({ session_key: this.session_key, expire_date__gt: now() });
    } catch (e) {
      if (e instanceof (this.model as any).DoesNotExist || e instanceof SuspiciousOperation) {
        this._session_key = null;
        return null;
      }
      throw e;
    }
  }

  load(): SessionData {
    return SESSION.run("SessionStore.load", () => ({ backend: SessionStore.backend, session_key: this.session_key ? mask(this.session_key) : null }), (span: number) => {
      const s = this._get_session_from_db();
      span_set(span, () => ({ found: s !== null }));
      return s ? this.decode(s.session_data) : {};
    });
  }

  exists(session_key: string): boolean {
    return (this.model as any)._default_manager.filter({ session_key }).exists();
  }

  /** A new row under a fresh random key (retrying on the unlikely collision). */
  create(): void {
    for (;;) {
      this._session_key = this._get_new_session_key();
      try {
        this.save(true);
      } catch (e) {
        if (e instanceof CreateError) continue;
        throw e;
      }
      this.modified = true;
      return;
    }
  }

  create_model_instance(data: SessionData): Session {
    const Model = this.model as unknown as new (kw: Record<string, unknown>) => Session;
    return new Model({ session_key: this._get_or_create_session_key(), session_data: this.encode(data), expire_date: this.get_expiry_date() });
  }

  /** INSERT (must_create) or UPDATE the row; a vanished row on update is UpdateError. */
  save(must_create = false): void {
    if (this.session_key === null) return this.create();
    const session_key = this.session_key;
    SESSION.run("SessionStore.save", () => ({ backend: SessionStore.backend, must_create, session_key: mask(session_key) }), () => {
      const data = this._get_session(must_create);
      const obj = this.create_model_instance(data);
      try {
        atomic(() => obj.save({ force_insert: must_create, force_update: !must_create }));
      } catch (e) {
        if (e instanceof IntegrityError && must_create) throw new CreateError();
        // The ORM reports "Forced update did not affect any rows." as a DatabaseError-like error.
        const database_error = e instanceof DatabaseError || (e instanceof Error && /did not affect any rows/.test(e.message));
        if (database_error && !must_create) throw new UpdateError();
        throw e;
      }
    });
  }

  delete(session_key: string | null = null): void {
    if (session_key === null) {
      if (this.session_key === null) return;
      session_key = this.session_key;
    }
    try {
      (this.model as any)._default_manager.get({ session_key }).delete();
    } catch (e) {
      if (!(e instanceof (this.model as any).DoesNotExist)) throw e;
    }
  }

  static override clear_expired(): void {
    (this.get_model_class() as any)._default_manager.filter({ expire_date__lt: now() }).delete();
  }
}
