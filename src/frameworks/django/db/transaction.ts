/**
 * django.db.transaction: a block of code → one database transaction (or a savepoint inside one).
 *
 *     transaction.atomic(() => {            BEGIN
 *       author.save();                      INSERT ...
 *       transaction.atomic(() => {          SAVEPOINT "s1_x1"
 *         book.save();                      INSERT ...
 *         throw new ValueError("no");       ROLLBACK TO SAVEPOINT "s1_x1"; RELEASE SAVEPOINT "s1_x1"
 *       });                                 (the exception propagates)
 *     });                                   ROLLBACK  (or COMMIT, then the on_commit callbacks)
 *
 * Python's `with transaction.atomic():` is a callback here; the value it returns is returned.
 * Outside any atomic block the connection is in autocommit: each statement commits on its own,
 * and `on_commit(fn)` runs `fn` at once.
 */
import { trace_site } from "../../../trace";
import { connections } from "./index";
import { DEFAULT_DB_ALIAS } from "./utils";
import type { BaseDatabaseWrapper } from "./backends/base/base";

const SIGNAL = trace_site("signal", "django/db/transaction.ts", { eager: true });

/** Django keeps this on the connection; here it lives beside it, one per wrapper. */
interface AtomicState {
  in_atomic_block: boolean;
  /** Open savepoints, innermost last (null: an inner block opened without a savepoint). */
  savepoint_ids: (string | null)[];
  savepoint_count: number;
  needs_rollback: boolean;
  /** `[savepoint ids open when registered, callback]` */
  run_on_commit: [string[], () => void][];
}

const STATES = new WeakMap<BaseDatabaseWrapper, AtomicState>();

export function atomic_state(connection: BaseDatabaseWrapper): AtomicState {
  let state = STATES.get(connection);
  if (!state) STATES.set(connection, (state = { in_atomic_block: false, savepoint_ids: [], savepoint_count: 0, needs_rollback: false, run_on_commit: [] }));
  return state;
}

export function get_connection(using: string | null = null): BaseDatabaseWrapper {
  return connections.__getitem__(using ?? DEFAULT_DB_ALIAS);
}

/** Raised when the database is used after an error inside an atomic block without a savepoint. */
export class TransactionManagementError extends Error {}

function run(connection: BaseDatabaseWrapper, sql: string): void {
  const cursor = connection.cursor();
  try {
    cursor.execute(sql);
  } finally {
    cursor.close();
  }
}

export interface AtomicOptions {
  using?: string | null;
  /** Open a savepoint for an inner block (default true); without one an error dooms the whole transaction. */
  savepoint?: boolean;
}

/** `with transaction.atomic(using=None, savepoint=True): fn()` */
export function atomic<T>(fn: () => T, options: AtomicOptions = {}): T {
  const connection = get_connection(options.using);
  const state = atomic_state(connection);
  const outermost = !state.in_atomic_block;
  const sid = atomic_enter(connection, state, outermost, options.savepoint ?? true);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    atomic_exit_error(connection, state, outermost, sid);
    throw e;
  }
  atomic_exit_success(connection, state, outermost, sid);
  return result;
}

function atomic_enter(connection: BaseDatabaseWrapper, state: AtomicState, outermost: boolean, savepoint: boolean): string | null {
  if (outermost) {
    run(connection, "BEGIN");
    state.in_atomic_block = true;
    state.needs_rollback = false;
    return null;
  }
  const sid = savepoint ? `s1_x${++state.savepoint_count}` : null;
  if (sid) run(connection, `SAVEPOINT "${sid}"`);
  state.savepoint_ids.push(sid);
  return sid;
}

function atomic_exit_success(connection: BaseDatabaseWrapper, state: AtomicState, outermost: boolean, sid: string | null): void {
  if (!outermost) {
    state.savepoint_ids.pop();
    if (sid && !state.needs_rollback) run(connection, `RELEASE SAVEPOINT "${sid}"`);
    return;
  }
  state.in_atomic_block = false;
  if (state.needs_rollback) {
    run(connection, "ROLLBACK");
    state.run_on_commit = [];
    return;
  }
  run(connection, "COMMIT");
  run_commit_hooks(state);
}

function atomic_exit_error(connection: BaseDatabaseWrapper, state: AtomicState, outermost: boolean, sid: string | null): void {
  if (outermost) {
    state.in_atomic_block = false;
    state.needs_rollback = false;
    state.run_on_commit = [];
    safely(() => run(connection, "ROLLBACK"));
    return;
  }
  state.savepoint_ids.pop();
  if (!sid) {
    state.needs_rollback = true;
    return;
  }
  safely(() => {
    run(connection, `ROLLBACK TO SAVEPOINT "${sid}"`);
    run(connection, `RELEASE SAVEPOINT "${sid}"`);
  });
  state.run_on_commit = state.run_on_commit.filter(([sids]) => !sids.includes(sid));
}

/** A failing ROLLBACK must not hide the exception that caused it. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // the original exception propagates
  }
}

function run_commit_hooks(state: AtomicState): void {
  const hooks = state.run_on_commit;
  state.run_on_commit = [];
  for (const [, fn] of hooks) SIGNAL.run("transaction.on_commit callback", () => ({}), () => fn());
}

/** `transaction.on_commit(fn, using=None)`: run `fn` after the outermost atomic block commits. */
export function on_commit(fn: () => void, options: { using?: string | null; robust?: boolean } = {}): void {
  const state = atomic_state(get_connection(options.using));
  if (!state.in_atomic_block) {
    fn();
    return;
  }
  state.run_on_commit.push([state.savepoint_ids.filter((s): s is string => s !== null), fn]);
}

/**
 * `transaction.mark_for_rollback_on_error()`: inside an atomic block, an error in `fn` dooms the
 * transaction (as Django's cursor errors do); outside one it changes nothing.
 */
export function mark_for_rollback_on_error<T>(fn: () => T, options: { using?: string | null } = {}): T {
  const state = atomic_state(get_connection(options.using));
  try {
    return fn();
  } catch (e) {
    if (state.in_atomic_block) state.needs_rollback = true;
    throw e;
  }
}

/** `transaction.get_autocommit()`: true outside any atomic block. */
export function get_autocommit(using: string | null = null): boolean {
  return !atomic_state(get_connection(using)).in_atomic_block;
}

/** Forget any open block (the runtime calls this when it replaces the database). */
export function reset(using: string | null = null): void {
  STATES.delete(get_connection(using));
}

/** `transaction.set_rollback(rollback, using=None)`: mark the innermost atomic block to roll back when it exits (or not). */
export function set_rollback(rollback: boolean, options: { using?: string | null } = {}): void {
  const state = atomic_state(get_connection(options.using));
  if (!state.in_atomic_block) throw new TransactionManagementError("The rollback flag doesn't work outside of an 'atomic' block.");
  state.needs_rollback = rollback;
}

/**
 * `transaction.Atomic`: the atomic block as an object, entered and exited by two calls rather than
 * around a callback — what Django's TestCase holds open around a class (BEGIN) and each test
 * (SAVEPOINT), then rolls back. `atomic(fn)` is the form for code.
 *
 *     const block = new Atomic("default", true);
 *     block.__enter__();                   BEGIN, or SAVEPOINT "s1_x1" inside a transaction
 *     set_rollback(true);
 *     block.__exit__(null);                ROLLBACK, or ROLLBACK TO SAVEPOINT + RELEASE SAVEPOINT
 */
export class Atomic {
  private sid: string | null = null;
  private outermost = false;

  constructor(
    readonly using: string | null = null,
    readonly savepoint = true,
  ) {}

  __enter__(): void {
    const connection = get_connection(this.using);
    const state = atomic_state(connection);
    this.outermost = !state.in_atomic_block;
    this.sid = atomic_enter(connection, state, this.outermost, this.savepoint);
  }

  /** Leave the block: commit (or release the savepoint), unless it failed or is marked for rollback. */
  __exit__(error: unknown | null): void {
    const connection = get_connection(this.using);
    const state = atomic_state(connection);
    if (error === null && !state.needs_rollback) return atomic_exit_success(connection, state, this.outermost, this.sid);
    if (this.outermost || this.sid !== null) {
      // A savepoint (or the transaction) undoes what the block did; the blocks around it carry on.
      state.needs_rollback = false;
      return atomic_exit_error(connection, state, this.outermost, this.sid);
    }
    state.savepoint_ids.pop();
    state.needs_rollback = true;
  }
}
