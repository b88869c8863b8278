/**
 * fastapi.datastructures: `Default(value)` — a value that was *not* given explicitly, so a router's
 * or the app's setting may still replace it (`response_class`, `generate_unique_id_function`).
 */
export class DefaultPlaceholder<T = unknown> {
  constructor(readonly value: T) {}
}

export function Default<T>(value: T): DefaultPlaceholder<T> {
  return new DefaultPlaceholder(value);
}

/** The first item that was given explicitly, else the first placeholder. */
export function get_value_or_default<T>(first: T | DefaultPlaceholder<T>, ...rest: (T | DefaultPlaceholder<T>)[]): T | DefaultPlaceholder<T> {
  for (const item of [first, ...rest]) if (!(item instanceof DefaultPlaceholder)) return item;
  return first;
}

