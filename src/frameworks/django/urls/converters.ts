/**
 * django.urls.converters: the `<int:pk>` in a route → a regex to match and a pair of conversions.
 *
 * A path converter is any object with three members, like Django's duck-typed converter classes:
 *
 *   regex           the regular expression (Python syntax) the segment must match
 *   to_python(s)    matched text → the value the view receives; throwing ValueError means
 *                   "this pattern does not match after all, try the next one"
 *   to_url(v)       value given to reverse() → text for the URL; ValueError means "try the next
 *                   candidate pattern"
 *
 * `register_converter(MyConverter, "name")` adds one (a class is instantiated once, as Django does);
 * `get_converters()` is the registry routes are compiled against.
 */
import { ValueError } from "../../python/builtins";
import { UUID } from "../../python/uuid";

/** What a route converter must provide (Django's converter protocol). */
export interface Converter {
  regex: string;
  to_python(value: string): unknown;
  to_url(value: any): string;
}
export type ConverterClass = new () => Converter;

/** Python's `int(value)` for the digits `[0-9]+` matched: big values become BigInt rather than lose precision. */
function to_int(value: string): number | bigint {
  if (!/^[0-9]+$/.test(value)) throw new ValueError(`invalid literal for int() with base 10: '${value}'`);
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : BigInt(value);
}

export class IntConverter implements Converter {
  regex = "[0-9]+";
  to_python(value: string): number | bigint {
    return to_int(value);
  }
  to_url(value: unknown): string {
    return String(value);
  }
}

export class StringConverter implements Converter {
  regex = "[^/]+";
  to_python(value: string): string {
    return value;
  }
  to_url(value: any): string {
    return value;
  }
}

export class UUIDConverter implements Converter {
  regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  to_python(value: string): UUID {
    return new UUID(value);
  }
  to_url(value: unknown): string {
    return String(value);
  }
}

export class SlugConverter extends StringConverter {
  override regex = "[-a-zA-Z0-9_]+";
}

export class PathConverter extends StringConverter {
  override regex = ".+";
}

export const DEFAULT_CONVERTERS: Readonly<Record<string, Converter>> = Object.freeze({
  int: new IntConverter(),
  path: new PathConverter(),
  slug: new SlugConverter(),
  str: new StringConverter(),
  uuid: new UUIDConverter(),
});

let REGISTERED_CONVERTERS: Record<string, Converter> = {};
let cached: Record<string, Converter> | null = null;
const cache_listeners: (() => void)[] = [];

/**
 * `register_converter(converter, type_name)`: make `<type_name:…>` usable in routes. Like Django 5.2,
 * registering over an existing name replaces it (Django warns that this is deprecated).
 */
export function register_converter(converter: ConverterClass | Converter, type_name: string): void {
  REGISTERED_CONVERTERS[type_name] = typeof converter === "function" ? new converter() : converter;
  cached = null;
  for (const listener of cache_listeners) listener();
}

/** Every converter routes may use: the defaults, then the registered ones. */
export function get_converters(): Record<string, Converter> {
  if (!cached) cached = { ...DEFAULT_CONVERTERS, ...REGISTERED_CONVERTERS };
  return cached;
}

/** Forget registered converters (tests and a fresh project run). */
export function reset_converters(): void {
  REGISTERED_CONVERTERS = {};
  cached = null;
  for (const listener of cache_listeners) listener();
}

/** resolvers.ts caches compiled routes; it asks to be told when the registry changes. */
export function on_converters_changed(listener: () => void): void {
  cache_listeners.push(listener);
}
