/**
 * click.globals: the stack of running contexts → `get_current_context()`. Main function:
 * `get_current_context`.
 *
 * While a command's callback runs, its Context is on top of this stack (`with ctx:` pushes it), so
 * `click.get_current_context()` and `@click.pass_context` find it without it being passed along.
 */
import { RuntimeError } from "../python/builtins";
import type { Context } from "./core";

const stack: Context[] = [];

/** `get_current_context(silent=False)`: the innermost running context (RuntimeError, or null when silent, outside one). */
export function get_current_context(silent?: false): Context;
export function get_current_context(silent: boolean): Context | null;
export function get_current_context(silent = false): Context | null {
  const top = stack[stack.length - 1];
  if (top) return top;
  if (silent) return null;
  throw new RuntimeError("There is no active click context.");
}

/** `push_context(ctx)`: `with ctx:` entering. */
export function push_context(ctx: Context): void {
  stack.push(ctx);
}

/** `pop_context()`: `with ctx:` leaving. */
export function pop_context(): void {
  stack.pop();
}

/** Forget contexts a crashed program left pushed (the runtime's reset between projects). */
export function _reset_context_stack(): void {
  stack.length = 0;
}
