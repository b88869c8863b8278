/**
 * fastapi.utils: small helpers — which statuses may carry a body, the `{names}` of a path, the
 * `operationId` FastAPI generates for a route, and the deep merge used for `responses`.
 */
import { py_set_order } from "../python/hash";

/** 1xx, 204, 205 and 304 responses have no body. */
export function is_body_allowed_for_status_code(status_code: number | string | null | undefined): boolean {
  if (status_code === null || status_code === undefined) return true;
  if (["default", "1XX", "2XX", "3XX", "4XX", "5XX"].includes(String(status_code))) return true;
  const code = Number(status_code);
  return !(code < 200 || code === 204 || code === 205 || code === 304);
}

/** `"/items/{item_id}/{name:path}"` → the set `{item_id, name:path}` (everything between braces). */
export function get_path_param_names(path: string): Set<string> {
  return new Set([...path.matchAll(/{(.*?)}/g)].map((m) => m[1]));
}

/** `read_item_items__item_id__get`: the route's name, its path format, and the first of its methods (in Python's set order). */
export function generate_unique_id(route: { name: string; path_format: string; methods: Set<string> }): string {
  const operation_id = `${route.name}${route.path_format}`.replace(/[^\p{L}\p{N}_]/gu, "_");
  return `${operation_id}_${py_set_order(route.methods)[0].toLowerCase()}`;
}

/** Merge `update` into `main`: nested dicts merged, lists concatenated, anything else replaced. */
export function deep_dict_update(main: Record<string, any>, update: Record<string, any>): void {
  for (const [key, value] of Object.entries(update)) {
    const current = main[key];
    if (key in main && is_plain(current) && is_plain(value)) deep_dict_update(current, value);
    else if (key in main && Array.isArray(current) && Array.isArray(value)) main[key] = [...current, ...value];
    else main[key] = value;
  }
}

function is_plain(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
