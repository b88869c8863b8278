/**
 * flask.json: `dumps`, `loads` and `jsonify` — through `current_app.json` inside an application
 * context (so the app's settings apply), through Python's `json` with Flask's defaults otherwise.
 *
 *     return jsonify({ username: user.name, id: user.id });
 *     return jsonify([1, 2, 3]);
 */
import { py_json_dumps, py_json_loads, type JSONDumpsOptions } from "../../python/json";
import { _cv_app, _app_ctx } from "../globals";
import { _default } from "./provider";
import type { Response } from "../wrappers";

/** `flask.json.dumps(obj, **kwargs)` */
export function dumps(obj: unknown, options: JSONDumpsOptions = {}): string {
  const ctx = _cv_app.get(null);
  if (ctx !== null) return ctx.app.json.dumps(obj, options);
  return py_json_dumps(obj, { default: _default, ...options });
}

/** `flask.json.loads(s)` */
export function loads(s: string): unknown {
  const ctx = _cv_app.get(null);
  if (ctx !== null) return ctx.app.json.loads(s);
  return py_json_loads(s);
}

/**
 * `jsonify(*args, **kwargs)`: a JSON response of one value (or a list of several). Python's
 * keyword form `jsonify(a=1)` is `jsonify({ a: 1 })` here.
 */
export function jsonify(...args: unknown[]): Response {
  return _app_ctx().app.json.response(...args);
}
