/**
 * flask.json.provider: how an app writes and reads JSON. Main class: `DefaultJSONProvider`
 * (`app.json`).
 *
 * Flask's defaults differ from `json.dumps`: keys sorted, non-ASCII escaped, and types JSON lacks
 * converted by `default` — dates as HTTP dates, Decimal and UUID as strings, objects with
 * `__html__` (Markup) as their HTML. `response()` is what `jsonify` returns: compact separators and
 * a trailing newline outside debug mode, two-space indentation in debug mode.
 *
 *     jsonify({ b: 1, a: "é" })    // body '{"a":"\\u00e9","b":1}\n', mimetype application/json
 */
import { TypeError } from "../../python/builtins";
import { date } from "../../python/datetime";
import { Decimal } from "../../python/decimal";
import { py_json_dumps, py_json_loads, py_type_name, type JSONDumpsOptions } from "../../python/json";
import { UUID } from "../../python/uuid";
import { http_date } from "../../werkzeug/http";
import type { App } from "../sansio/app";
import type { Response } from "../wrappers";

/** `JSONProvider(app)`: the interface `app.json` offers. */
export class JSONProvider {
  constructor(readonly _app: App) {}

  dumps(_obj: unknown, _options: JSONDumpsOptions = {}): string {
    throw new TypeError("JSONProvider.dumps is abstract");
  }

  loads(_s: string): unknown {
    throw new TypeError("JSONProvider.loads is abstract");
  }

  /** One positional argument is the value; several are a list; keyword arguments are a dict. */
  _prepare_response_obj(args: unknown[], kwargs: Record<string, unknown>): unknown {
    const has_kwargs = Object.keys(kwargs).length > 0;
    if (args.length && has_kwargs) throw new TypeError("app.json.response() takes either args or kwargs, not both");
    if (!args.length && !has_kwargs) return null;
    if (args.length === 1) return args[0];
    return args.length ? args : kwargs;
  }

  /** `response(*args, **kwargs)` — see `_response` for keyword arguments. */
  response(...args: unknown[]): Response {
    return this._response(args, {});
  }

  /** `response(*args, **kwargs)` with the keyword arguments as an object. */
  _response(args: unknown[], kwargs: Record<string, unknown>): Response {
    const obj = this._prepare_response_obj(args, kwargs);
    return new this._app.response_class(this.dumps(obj), { mimetype: "application/json" }) as Response;
  }
}

/** `_default(o)`: what Flask's JSON does with values `json` cannot encode. */
export function _default(o: any): unknown {
  if (o instanceof date) return http_date(o);
  if (o instanceof Decimal || o instanceof UUID) return String(o);
  if (o !== null && typeof o === "object" && typeof o.__html__ === "function") return String(o.__html__());
  throw new TypeError(`Object of type ${py_type_name(o)} is not JSON serializable`);
}

/** `DefaultJSONProvider(app)`: Python's `json` with Flask's defaults. */
export class DefaultJSONProvider extends JSONProvider {
  default: (o: any) => unknown = _default;
  ensure_ascii = true;
  sort_keys = true;
  compact: boolean | null = null;
  mimetype = "application/json";

  /** `dumps(obj, **kwargs)`: `default`, `ensure_ascii` and `sort_keys` filled from the provider. */
  override dumps(obj: unknown, options: JSONDumpsOptions = {}): string {
    return py_json_dumps(obj, { default: this.default, ensure_ascii: this.ensure_ascii, sort_keys: this.sort_keys, ...options });
  }

  override loads(s: string): unknown {
    return py_json_loads(s);
  }

  /** The JSON response: compact unless debug (or `compact` says), with a trailing newline. */
  override _response(args: unknown[], kwargs: Record<string, unknown>): Response {
    const obj = this._prepare_response_obj(args, kwargs);
    const dump_args: JSONDumpsOptions = (this.compact === null && this._app.debug) || this.compact === false ? { indent: 2 } : { separators: [",", ":"] };
    return new this._app.response_class(`${this.dumps(obj, dump_args)}\n`, { mimetype: this.mimetype }) as Response;
  }
}
