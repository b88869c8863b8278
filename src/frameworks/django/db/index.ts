/**
 * django.db: the database connection and its errors, as `from django.db import connection` gives.
 *
 *     import { connection } from "django/db";
 *     const cursor = connection.cursor();
 *     cursor.execute("SELECT COUNT(*) FROM blog_post WHERE author_id = %s", [1]);
 *     cursor.fetchone();   // → [3]        (SQL run: SELECT COUNT(*) FROM blog_post WHERE author_id = ?)
 *
 * The runtime installs the SQLite driver with `connection.set_driver(driver)` before user code runs.
 */
import { ConnectionHandler, DEFAULT_DB_ALIAS } from "./utils";
import { request_finished, request_started } from "../core/signals";
import { mark_bounded } from "../../../trace";
import type { BaseDatabaseWrapper } from "./backends/base/base";

export {
  DEFAULT_DB_ALIAS,
  ConnectionDoesNotExist,
  ConnectionHandler,
  DataError,
  DatabaseError,
  Error,
  IntegrityError,
  InterfaceError,
  InternalError,
  NotSupportedError,
  OperationalError,
  ProgrammingError,
} from "./utils";
export type { DatabaseDriver, ExecuteResult, SqlValue, DriverError } from "./backends/driver";
export { CursorWrapper, CursorDebugWrapper } from "./backends/utils";
export { BaseDatabaseWrapper } from "./backends/base/base";

/** `django.db.connections` */
export const connections = new ConnectionHandler();

/** `django.db.connection`: the default database's wrapper. */
export const connection: BaseDatabaseWrapper = connections.__getitem__(DEFAULT_DB_ALIAS);

/** `from django.db import transaction`, `from django.db import models` */
export * as transaction from "./transaction";
export * as models from "./models";

/**
 * `django.db.reset_queries()`: connected to `request_started`, as in Django, so that
 * `connection.queries` holds one request's statements and a long run does not accumulate them.
 */
export function reset_queries(): void {
  for (const wrapper of connections.all()) if (wrapper.queries_log.length) wrapper.queries_log.length = 0;
}
request_started.connect(reset_queries);
// Django's own receivers: their spans take the clock's latest reading (ADR 0040).
mark_bounded(reset_queries);

/**
 * `django.db.close_old_connections()`: connected to `request_started` and `request_finished`.
 * Django closes connections that errored or outlived CONN_MAX_AGE here; the lab's one in-memory
 * SQLite connection belongs to the runtime and never goes stale, so there is nothing to close.
 */
export function close_old_connections(): void {}
request_started.connect(close_old_connections);
request_finished.connect(close_old_connections);
mark_bounded(close_old_connections);
