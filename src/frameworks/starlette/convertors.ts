/**
 * starlette.convertors: what `{name:type}` in a route path matches and turns the text into —
 * `str` (one segment), `path` (the rest, slashes included), `int`, `float` and `uuid`.
 * `convert` runs when a route matches; `to_string` when `url_path_for` builds a path.
 * `register_url_convertor(key, convertor)` adds a type.
 */
import { AssertionError } from "../python/builtins";
import { UUID } from "../python/uuid";

export abstract class Convertor<T = unknown> {
  abstract readonly regex: string;
  abstract convert(value: string): T;
  abstract to_string(value: T): string;
}

export class StringConvertor extends Convertor<string> {
  readonly regex = "[^/]+";
  convert(value: string): string {
    return value;
  }
  to_string(value: string): string {
    value = String(value);
    if (value.includes("/")) throw new AssertionError("May not contain path separators");
    if (!value) throw new AssertionError("Must not be empty");
    return value;
  }
}

export class PathConvertor extends Convertor<string> {
  readonly regex = ".*";
  convert(value: string): string {
    return String(value);
  }
  to_string(value: string): string {
    return String(value);
  }
}

export class IntegerConvertor extends Convertor<number> {
  readonly regex = "[0-9]+";
  convert(value: string): number {
    return Number.parseInt(value, 10);
  }
  to_string(value: number): string {
    const n = Math.trunc(Number(value));
    if (n < 0) throw new AssertionError("Negative integers are not supported");
    return String(n);
  }
}

export class FloatConvertor extends Convertor<number> {
  readonly regex = "[0-9]+(\\.[0-9]+)?";
  convert(value: string): number {
    return Number.parseFloat(value);
  }
  to_string(value: number): string {
    const n = Number(value);
    if (n < 0) throw new AssertionError("Negative floats are not supported");
    if (Number.isNaN(n)) throw new AssertionError("NaN values are not supported");
    if (!Number.isFinite(n)) throw new AssertionError("Infinite values are not supported");
    return n.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
  }
}

export class UUIDConvertor extends Convertor<UUID> {
  readonly regex = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}";
  convert(value: string): UUID {
    return new UUID(value);
  }
  to_string(value: UUID): string {
    return String(value);
  }
}

export const CONVERTOR_TYPES: Record<string, Convertor<any>> = {
  str: new StringConvertor(),
  path: new PathConvertor(),
  int: new IntegerConvertor(),
  float: new FloatConvertor(),
  uuid: new UUIDConvertor(),
};

export function register_url_convertor(key: string, convertor: Convertor<any>): void {
  CONVERTOR_TYPES[key] = convertor;
}
