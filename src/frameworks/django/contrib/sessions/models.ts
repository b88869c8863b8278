/**
 * django.contrib.sessions.models: the `django_session` table → the `Session` model, read and
 * written by the database session store (backends/db.ts).
 */
import { AbstractBaseSession, BaseSessionManager } from "./base_session";
import { SessionStore } from "./backends/db";

export class SessionManager extends BaseSessionManager {
  use_in_migrations = true;
}

export class Session extends AbstractBaseSession {
  static override Meta = { app_label: "sessions", db_table: "django_session", verbose_name: "session", verbose_name_plural: "sessions" };

  static override get_session_store_class() {
    return SessionStore;
  }
}
Object.defineProperty(Session, "objects", { value: new SessionManager(), configurable: true, writable: true });
Object.defineProperty(Session, "__module__", { value: "django.contrib.sessions.models", configurable: true, writable: true });
