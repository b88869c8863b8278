/**
 * channels.db: `database_sync_to_async` — a function that uses Django's ORM → an awaitable an
 * async consumer can call. Main function: `database_sync_to_async`.
 *
 *     const get_room = database_sync_to_async((name: string) => Room.objects.get({ name }));
 *     const room = await get_room("lobby");          // Python: await database_sync_to_async(get_room)("lobby")
 *
 * It is `asgiref.sync.sync_to_async` plus Django's `close_old_connections()` before and after the
 * call, which in Python keeps a worker thread from holding a stale database connection. The page
 * has one in-memory SQLite connection that never goes stale, so there is nothing to close; the
 * function still marks, in one place, where an async consumer reaches the database.
 */
import { sync_to_async } from "../asgiref/sync";

type AnyFunction = (...args: any[]) => any;

/** `database_sync_to_async(func)` (Python's `DatabaseSyncToAsync` class, used as a decorator). */
export function database_sync_to_async<F extends AnyFunction>(func: F): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>> {
  return sync_to_async(func);
}

/** `await aclose_old_connections()`: nothing to close here (see the module header). */
export async function aclose_old_connections(): Promise<void> {}
