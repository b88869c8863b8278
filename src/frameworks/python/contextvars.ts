/**
 * Python's `contextvars`: a `ContextVar` holds one value per execution context; `set()` returns a
 * `Token` that `reset()` uses to restore the value it replaced.
 *
 * Flask keeps the current application and request contexts in two ContextVars
 * (`flask.globals._cv_app`, `_cv_request`). Each `push()` calls `set()` and keeps the token; each
 * `pop()` hands the token back. The tokens a context keeps form the stack a learner sees in the
 * Context panel. The page runs one request at a time, so one global context is enough here; the
 * token discipline (reset in reverse order, a token used once) is Python's.
 *
 *     const cv = new ContextVar<string>("name");
 *     const token = cv.set("a");   cv.get() === "a"
 *     cv.reset(token);             cv.get(null) === null
 */
import { LookupError, RuntimeError, ValueError } from "./builtins";

/** Python's `contextvars.Token.MISSING`: the variable had no value before `set()`. */
export const MISSING: unique symbol = Symbol("Token.MISSING");

/** `get()` called without a default (a named marker, so that no call allocates an arguments list). */
const NO_DEFAULT: unique symbol = Symbol("no default");

/** `contextvars.Token`: what `set()` replaced, to be given back to `reset()` once. */
export class Token<T> {
  used = false;
  constructor(
    readonly var_: ContextVar<T>,
    readonly old_value: T | typeof MISSING,
  ) {}

  __repr__(): string {
    return `<Token${this.used ? " used" : ""} var=${this.var_.__repr__()}>`;
  }
}

/** `contextvars.ContextVar(name, *, default=MISSING)` */
export class ContextVar<T> {
  private value: T | typeof MISSING = MISSING;
  private readonly has_default: boolean;
  private readonly default_: T | undefined;

  constructor(
    readonly name: string,
    options: { default?: T } = {},
  ) {
    this.has_default = "default" in options;
    this.default_ = options.default;
  }

  /** `var.get([default])`: the value, else the default given here, else the var's default, else LookupError. */
  get<D = T>(default_: D | typeof NO_DEFAULT = NO_DEFAULT): T | D {
    if (this.value !== MISSING) return this.value;
    if (default_ !== NO_DEFAULT) return default_;
    if (this.has_default) return this.default_ as T;
    throw new LookupError(`<ContextVar name='${this.name}'>`);
  }

  /** `var.set(value)` → a Token remembering the previous value. */
  set(value: T): Token<T> {
    const token = new Token<T>(this, this.value);
    this.value = value;
    return token;
  }

  /** `var.reset(token)`: restore the value from before the `set()` that made `token`. */
  reset(token: Token<T>): void {
    if (token.used) throw new RuntimeError(`${token.__repr__()} has already been used once`);
    if (token.var_ !== this) throw new ValueError(`${token.__repr__()} was created by a different ContextVar`);
    token.used = true;
    this.value = token.old_value;
  }

  __repr__(): string {
    return `<ContextVar name='${this.name}'>`;
  }
}
