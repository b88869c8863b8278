/**
 * Python's `tuple` built from any iterable (`tuple(items)`), for code that has a list in hand;
 * the class itself is `PyTuple` in builtins.ts (an Array that prints as `(1, 2)`).
 *
 *   py_repr(tuple([1, "a"]))   // "(1, 'a')"
 */
import { PyTuple } from "./builtins";

export { PyTuple, is_tuple, py_tuple } from "./builtins";

/** `tuple(iterable)` */
export function tuple<T>(items: Iterable<T> = []): PyTuple<T> {
  const t = new PyTuple<T>();
  for (const item of items) t.push(item);
  return Object.freeze(t) as PyTuple<T>;
}
