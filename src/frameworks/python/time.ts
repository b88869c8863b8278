/**
 * Python's `time.time()`: the wall clock as float seconds since the Unix epoch.
 *
 * Django reads the clock in a few places learners can see (cookie expiry in `set_cookie`,
 * `timezone.now()`, session expiry). Tests and the conformance runner freeze it with
 * `freeze_time(epoch_seconds)`, as the Python recordings patched `time.time()`; `freeze_time(null)`
 * lets it run again.
 */

let frozen_at: number | null = null;

/** `time.time()`: seconds since the epoch (the frozen instant while frozen). */
export function time(): number {
  return frozen_at ?? Date.now() / 1000;
}

/** Freeze the clock at `epoch_seconds` (a float), or unfreeze it with `null`. */
export function freeze_time(epoch_seconds: number | null): void {
  frozen_at = epoch_seconds;
}

/** Run `fn` with the clock frozen at `epoch_seconds`, restoring the previous clock afterwards. */
export function with_frozen_time<T>(epoch_seconds: number, fn: () => T): T {
  const previous = frozen_at;
  frozen_at = epoch_seconds;
  try {
    return fn();
  } finally {
    frozen_at = previous;
  }
}

/** `time.perf_counter()`: a monotonic clock in float seconds, for durations (never frozen). */
export function perf_counter(): number {
  return performance.now() / 1000;
}
