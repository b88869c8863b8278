/**
 * Python's `tuple`: an Array that prints as `(1, 2)` and is told apart from a list.
 *
 * It is an Array subclass so everything that iterates, indexes or measures a list works on it;
 * slicing or mapping it gives a plain Array (a list), so build tuples with `tuple(...)`.
 *
 *   py_repr(tuple([1, "a"]))   // "(1, 'a')"
 *   py_repr(tuple([1]))        // "(1,)"
 */
export class PyTuple<T = unknown> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

/** `tuple(items)` */
export function tuple<T>(items: Iterable<T> = []): PyTuple<T> {
  const t = new PyTuple<T>();
  for (const item of items) t.push(item);
  return t;
}

export function is_tuple(value: unknown): value is PyTuple {
  return value instanceof PyTuple;
}
