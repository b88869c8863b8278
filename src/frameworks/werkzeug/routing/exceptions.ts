/**
 * werkzeug.routing.exceptions: how matching and building fail. `RequestRedirect` is an HTTP
 * exception (308) the map raises for a missing trailing slash, merged slashes or a `redirect_to`
 * rule; `BuildError` is what `url_for` raises when no rule fits, with a suggestion
 * ("Did you mean 'admin.index' instead?") found by string similarity.
 */
import { Exception, LookupError, py_repr } from "../../python/builtins";
import { SequenceMatcher } from "../../python/difflib";
import { BadRequest, HTTPException } from "../exceptions";
import { redirect } from "../utils";
import type { MapAdapter } from "./map";
import type { Rule } from "./rules";

/** Marks the routing exceptions (Python's `RoutingException` mixin base). */
export class RoutingException extends Exception {
  static override [Symbol.hasInstance](obj: unknown): boolean {
    return obj instanceof RequestRedirect || obj instanceof BuildError || obj instanceof RequestPath || obj instanceof RequestAliasRedirect;
  }
}

/** `RequestRedirect(new_url)`: answer with a 308 to `new_url`. */
export class RequestRedirect extends HTTPException {
  static override code = 308;
  constructor(readonly new_url: string) {
    super(new_url);
  }
  override get_response(): any {
    return redirect(this.new_url, this.code!);
  }
}

/** Internal: the path matched once a slash is added (or slashes merged). */
export class RequestPath extends Exception {
  constructor(readonly path_info: string) {
    super();
  }
}

/** Internal: an alias rule matched; redirect to the canonical URL. */
export class RequestAliasRedirect extends Exception {
  constructor(
    readonly matched_values: Record<string, unknown>,
    readonly endpoint: unknown,
  ) {
    super();
  }
}

/**
 * `BuildError(endpoint, values, method, adapter=None)`: no rule could build a URL. `str(e)` says
 * why and suggests the closest rule: another endpoint, missing values, or other methods.
 */
export class BuildError extends LookupError {
  private _suggested: Rule | null | undefined = undefined;
  constructor(
    readonly endpoint: unknown,
    readonly values: Record<string, unknown>,
    readonly method: string | null,
    readonly adapter: MapAdapter | null = null,
  ) {
    super(endpoint, values, method);
    Object.defineProperty(this, "message", { get: () => this.toString(), configurable: true });
  }

  /** The rule most like what was asked for (endpoint similarity, then values, then method). */
  get suggested(): Rule | null {
    if (this._suggested === undefined) this._suggested = this.closest_rule(this.adapter);
    return this._suggested;
  }

  closest_rule(adapter: MapAdapter | null): Rule | null {
    if (!adapter) return null;
    const rules = adapter.map._rules;
    if (!rules.length) return null;
    const score = (rule: Rule) =>
      0.98 * new SequenceMatcher(null, String(rule.endpoint), String(this.endpoint)).ratio() +
      0.01 * Number(Object.keys(this.values ?? {}).every((k) => rule.arguments.has(k))) +
      0.01 * Number(Boolean(rule.methods && this.method !== null && rule.methods.has(this.method)));
    let best = rules[0];
    let best_score = score(best);
    for (const rule of rules.slice(1)) {
      const s = score(rule);
      if (s > best_score) [best, best_score] = [rule, s];
    }
    return best;
  }

  override toString(): string {
    const message = [`Could not build url for endpoint ${py_repr(this.endpoint)}`];
    if (this.method) message.push(` (${py_repr(this.method)})`);
    const keys = Object.keys(this.values ?? {});
    if (keys.length) message.push(` with values ${py_repr([...keys].sort())}`);
    message.push(".");
    const suggested = this.suggested;
    if (suggested) {
      if (this.endpoint === suggested.endpoint) {
        if (this.method && suggested.methods !== null && !suggested.methods.has(this.method)) message.push(` Did you mean to use methods ${py_repr([...suggested.methods].sort())}?`);
        const missing = [...new Set([...suggested.arguments, ...Object.keys(suggested.defaults ?? {})])].filter((k) => !keys.includes(k));
        if (missing.length) message.push(` Did you forget to specify values ${py_repr(missing.sort())}?`);
      } else message.push(` Did you mean ${py_repr(suggested.endpoint)} instead?`);
    }
    return message.join("");
  }
}

/** The only matching rule is for WebSockets and the request is HTTP (or the reverse). */
export class WebsocketMismatch extends BadRequest {}

/** Internal: nothing matched; `have_match_for` holds the methods of rules whose path matched. */
export class NoMatch extends Exception {
  constructor(
    readonly have_match_for: Set<string>,
    readonly websocket_mismatch: boolean,
  ) {
    super();
  }
}
