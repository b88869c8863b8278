/**
 * django.db.utils: the database exceptions (PEP 249's hierarchy, under Django's names) and the
 * registry of connections by alias. Main class: `ConnectionHandler`.
 *
 * Driver errors are re-raised as these classes (Django's `DatabaseErrorWrapper`), so user code
 * catches `IntegrityError` from `django/db` whatever database runs underneath.
 */
import { Exception } from "../../python/builtins";
import { ImproperlyConfigured } from "../core/exceptions";
import { BaseDatabaseWrapper } from "./backends/base/base";

export const DEFAULT_DB_ALIAS = "default";

/** PEP 249: the base of every database error (Python's `Error`; exported also as `DatabaseBaseError`). */
export class Error extends Exception {}
export class InterfaceError extends Error {}
export class DatabaseError extends Error {}
export class DataError extends DatabaseError {}
export class OperationalError extends DatabaseError {}
export class IntegrityError extends DatabaseError {}
export class InternalError extends DatabaseError {}
export class ProgrammingError extends DatabaseError {}
export class NotSupportedError extends DatabaseError {}

/** The driver-side names (Python's sqlite3 module raises these) → Django's classes. */
export const DATABASE_ERRORS = {
  Error,
  InterfaceError,
  DatabaseError,
  DataError,
  OperationalError,
  IntegrityError,
  InternalError,
  ProgrammingError,
  NotSupportedError,
} as const;

export type DatabaseErrorName = keyof typeof DATABASE_ERRORS;

export class ConnectionDoesNotExist extends ImproperlyConfigured {}

/**
 * `django.db.connections`: one DatabaseWrapper per alias. The lab runs a single SQLite database,
 * so only the "default" alias exists; `connections["default"]` and `connections.__getitem__()`
 * both reach it.
 */
export class ConnectionHandler {
  private readonly wrappers = new Map<string, BaseDatabaseWrapper>();
  [alias: string]: unknown;

  constructor(aliases: string[] = [DEFAULT_DB_ALIAS]) {
    for (const alias of aliases) {
      const wrapper = new BaseDatabaseWrapper(alias);
      this.wrappers.set(alias, wrapper);
      Object.defineProperty(this, alias, { value: wrapper, enumerable: true });
    }
  }

  __getitem__(alias: string): BaseDatabaseWrapper {
    const wrapper = this.wrappers.get(alias);
    if (!wrapper) throw new ConnectionDoesNotExist(`The connection '${alias}' doesn't exist.`);
    return wrapper;
  }

  all(): BaseDatabaseWrapper[] {
    return [...this.wrappers.values()];
  }

  close_all(): void {
    for (const wrapper of this.wrappers.values()) wrapper.close();
  }
}
