/**
 * itsdangerous._json: the compact JSON serializer URL-safe tokens use by default — no spaces
 * (`separators=(",", ":")`) and non-ASCII characters kept as they are (`ensure_ascii=False`).
 */
import { py_json_dumps, py_json_loads, type JSONDumpsOptions } from "../python/json";

/** A payload serializer: `dumps(obj)` → text, `loads(text)` → obj (Python's `json` module shape). */
export interface PayloadSerializer {
  dumps(obj: unknown, options?: JSONDumpsOptions): string;
  loads(payload: string): unknown;
}

/** Python's `json` module as a serializer (the default of the plain `Serializer`). */
export const json: PayloadSerializer = {
  dumps: (obj, options = {}) => py_json_dumps(obj, options),
  loads: (payload) => py_json_loads(payload),
};

/** `_CompactJSON` */
export const _CompactJSON: PayloadSerializer = {
  loads: (payload) => py_json_loads(payload),
  dumps: (obj, options = {}) => py_json_dumps(obj, { ensure_ascii: false, separators: [",", ":"], ...options }),
};
