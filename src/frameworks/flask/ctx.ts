/**
 * flask.ctx: the application context and the request context — what makes `current_app`, `g`,
 * `request` and `session` mean something. Main classes: `AppContext`, `RequestContext`.
 *
 * For each request `Flask.wsgi_app` creates a RequestContext and `push()`es it: an application
 * context is pushed first if none is active for this app, the request context becomes current,
 * the session is opened, and the URL is matched (`match_request`). `pop()` runs the
 * `teardown_request` functions, resets the request context, and pops the application context it
 * pushed (running `teardown_appcontext`). `g` lives on the application context: one per request.
 *
 * Tracing: each push and pop is a `context` span whose attrs give the stacks after the operation.
 */
import { AttributeError, AssertionError, KeyError, RuntimeError } from "../python/builtins";
import type { Token } from "../python/contextvars";
import { span_set, trace_site, type Attrs, type Json } from "../../trace";
import { HTTPException } from "../werkzeug/exceptions";
import type { MapAdapter } from "../werkzeug/routing/map";
import type { Rule } from "../werkzeug/routing/rules";
import { _cv_app, _cv_request, _app_ctx, _request_ctx } from "./globals";
import type { Flask } from "./app";
import type { Request } from "./wrappers";
import type { SecureCookieSession } from "./sessions";
import { appcontext_popped, appcontext_pushed } from "./signals";

// The context stacks' call sites. Not eager: their attrs read the app's name, the request's url and
// method (Werkzeug caches both on first read) and the exception's class, which do not change; the
// stacks are copied at the moment (`kept_stacks()`, the contexts on each) and the contexts named
// when the trace is read (`__repr__`: the app's name, the request's url and method).
const APP_PUSH = trace_site("context", "flask/ctx.ts#AppContext.push", { source: true });
// Pushing and popping contexts is Flask's own bounded work (teardown functions run in their own,
// timed spans): bounded sites (ADR 0040).
const APP_POP = trace_site("context", "flask/ctx.ts#AppContext.pop", { source: true, bounded: true });
const REQUEST_PUSH = trace_site("context", "flask/ctx.ts#RequestContext.push", { source: true, bounded: true });
const REQUEST_POP = trace_site("context", "flask/ctx.ts#RequestContext.pop", { source: true, bounded: true });

/**
 * Names JavaScript code probes objects for (a Promise's `then`, `toJSON`, the duck-typed protocols
 * of the Python layer and Jinja: `getitem`, `len`, `keys`…). Reading one that `g` lacks gives
 * undefined instead of AttributeError; so does any name starting with `_` or `$`.
 */
const JS_PROBES = new Set(["then", "toJSON", "constructor", "valueOf", "toString", "inspect", "asymmetricMatch", "nodeType", "getitem", "len", "keys", "items", "values", "length", "size", "next"]);

/** What makes a missing attribute of `g` an AttributeError (one handler shared by every `g`). */
const G_TRAPS: ProxyHandler<_AppCtxGlobals> = {
  get(target, key, receiver) {
    if (typeof key === "symbol" || key in target || JS_PROBES.has(key) || key.startsWith("_") || key.startsWith("$")) return Reflect.get(target, key, receiver);
    throw new AttributeError(key);
  },
  deleteProperty(target, key) {
    if (!(key in target)) throw new AttributeError(String(key));
    return Reflect.deleteProperty(target, key);
  },
};

/**
 * `_AppCtxGlobals`: the `g` object — a plain namespace for one application context. Reading an
 * attribute that was never set is AttributeError, as in Python; `g.get(name, default)` is safe.
 */
export class _AppCtxGlobals {
  [name: string]: any;

  constructor() {
    return new Proxy(this, G_TRAPS);
  }

  /** Python's `__getattr__`: an attribute that was never set is AttributeError (Jinja prints it as undefined). */
  __getattr__(name: string): never {
    throw new AttributeError(name);
  }

  /** `g.get(name, default=None)` */
  get(name: string, default_: unknown = null): any {
    return Object.prototype.hasOwnProperty.call(this, name) ? this[name] : default_;
  }

  /** `g.pop(name[, default])`: KeyError when missing and no default is given. */
  pop(name: string, ...default_: [unknown?]): any {
    if (Object.prototype.hasOwnProperty.call(this, name)) {
      const v = this[name];
      delete this[name];
      return v;
    }
    if (default_.length) return default_[0];
    throw new KeyError(name);
  }

  /** `g.setdefault(name, default=None)` */
  setdefault(name: string, default_: unknown = null): any {
    if (!Object.prototype.hasOwnProperty.call(this, name)) this[name] = default_;
    return this[name];
  }

  /** `name in g` */
  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this, name);
  }

  /** `iter(g)`: the attribute names. */
  *[Symbol.iterator](): Generator<string> {
    yield* Object.keys(this);
  }

  __repr__(): string {
    const ctx = _cv_app.get(null);
    return ctx !== null ? `<flask.g of '${ctx.app.name}'>` : "<flask.g>";
  }
}

export function has_request_context(): boolean {
  return _cv_request.get(null) !== null;
}

export function has_app_context(): boolean {
  return _cv_app.get(null) !== null;
}

/** `after_this_request(f)`: run `f(response)` after this request only. */
export function after_this_request<F extends (response: any) => any>(f: F): F {
  const ctx = _cv_request.get(null);
  if (ctx === null) throw new RuntimeError("'after_this_request' can only be used when a request context is active, such as in a view function.");
  ctx._after_request_functions.push(f);
  return f;
}

/** `copy_current_request_context(f)`: `f` runs later inside a copy of the current request context. */
export function copy_current_request_context<F extends (...args: any[]) => any>(f: F): F {
  const current = _cv_request.get(null);
  if (current === null) throw new RuntimeError("'copy_current_request_context' can only be used when a request context is active, such as in a view function.");
  const ctx = current.copy();
  return ((...args: any[]) => {
    ctx.push();
    try {
      return f(...args);
    } finally {
      ctx.pop();
    }
  }) as F;
}

/** The two stacks, innermost last (what the Context panel draws after each push and pop). */
export function context_stacks(): { app: string[]; request: string[] } {
  const app: string[] = [];
  const req: string[] = [];
  for (const t of app_tokens) app.push(t.ctx.__repr__());
  for (const t of request_tokens) req.push(t.ctx.__repr__());
  return { app, request: req };
}

/** Orders stack changes within a trace (a push span can end after a nested one began). */
let stack_change = 0;

/** The two stacks at this moment, for the trace: the contexts on each, named when the trace is read. */
interface KeptStacks {
  seq: number;
  app: AppContext[];
  request: RequestContext[];
}

function kept_stacks(): KeptStacks {
  const app: AppContext[] = new Array(app_tokens.length);
  for (let i = 0; i < app.length; i++) app[i] = app_tokens[i].ctx;
  const request: RequestContext[] = new Array(request_tokens.length);
  for (let i = 0; i < request.length; i++) request[i] = request_tokens[i].ctx;
  return { seq: ++stack_change, app, request };
}

function stack_attrs(kept: KeptStacks): { seq: number; stacks: Json } {
  return { seq: kept.seq, stacks: { app: kept.app.map((ctx) => ctx.__repr__()), request: kept.request.map((ctx) => ctx.__repr__()) } };
}

// The live tokens of both variables, in push order: the context "stacks".
const app_tokens: { ctx: AppContext; token: Token<AppContext> }[] = [];
const request_tokens: { ctx: RequestContext; token: Token<RequestContext> }[] = [];

/** `AppContext(app)`: `current_app` and `g` for one request (or a CLI command, a test). */
export class AppContext {
  readonly url_adapter: MapAdapter | null;
  readonly g: _AppCtxGlobals;
  readonly _cv_tokens: Token<AppContext>[] = [];

  constructor(readonly app: Flask) {
    this.url_adapter = app.create_url_adapter(null);
    this.g = new app.app_ctx_globals_class();
  }

  /** `push()`: make this the current application context, then send `appcontext_pushed`. */
  push(): void {
    const token = _cv_app.set(this);
    this._cv_tokens.push(token);
    app_tokens.push({ ctx: this, token });
    APP_PUSH.event_with("AppContext.push", app_push_attrs, this, kept_stacks());
    appcontext_pushed.send(this.app, { _async_wrapper: this.app.ensure_sync });
  }

  /** `pop(exc)`: run `teardown_appcontext` (when this is the last push), restore the previous one, send `appcontext_popped`. */
  pop(exc: unknown = null): void {
    APP_POP.run("AppContext.pop", () => ({ context: "app", action: "pop", app: this.app.name, exception: exc === null ? null : String((exc as Error)?.constructor?.name) }), (span) => {
      let ctx: AppContext;
      try {
        if (this._cv_tokens.length === 1) this.app.do_teardown_appcontext(exc);
      } finally {
        ctx = _app_ctx();
        const token = this._cv_tokens.pop()!;
        _cv_app.reset(token);
        remove_token(app_tokens, token);
        if (span >= 0) {
          const kept = kept_stacks();
          span_set(span, () => stack_attrs(kept));
        }
      }
      if (ctx !== this) throw new AssertionError(`Popped wrong app context. (${ctx.__repr__()} instead of ${this.__repr__()})`);
      appcontext_popped.send(this.app, { _async_wrapper: this.app.ensure_sync });
    });
  }

  /** `with app.app_context():` entering — push, and hand back the context. */
  __enter__(): this {
    this.push();
    return this;
  }

  /** `with` leaving: pop, passing on the exception that ended the block. */
  __exit__(_exc_type: unknown, exc_value: unknown, _tb: unknown): void {
    this.pop(exc_value ?? null);
  }

  __repr__(): string {
    return `<AppContext of '${this.app.name}'>`;
  }
}

function app_push_attrs(ctx: AppContext, kept: KeptStacks): Attrs {
  return { context: "app", action: "push", app: ctx.app.name, ...stack_attrs(kept) };
}

/** Take a token off its stack (the last one, unless contexts were popped out of order). */
function remove_token<C>(list: { ctx: C; token: Token<C> }[], token: Token<C>): void {
  let i = list.length - 1;
  while (i >= 0 && list[i].token !== token) i--;
  if (i === list.length - 1) list.pop();
  else if (i >= 0) list.splice(i, 1);
}

/** `match(return_rule=True)`: the options `match_request` passes on every request. */
const RETURN_RULE = Object.freeze({ return_rule: true });

/** `RequestContext(app, environ, request=None, session=None)`: `request` and `session` for one request. */
export class RequestContext {
  readonly request: Request;
  url_adapter: MapAdapter | null = null;
  flashes: [string, string][] | null = null;
  _session: SecureCookieSession | null;
  readonly _after_request_functions: ((response: any) => any)[] = [];
  readonly _cv_tokens: [Token<RequestContext>, AppContext | null][] = [];

  constructor(
    readonly app: Flask,
    environ: Record<string, any>,
    request: Request | null = null,
    session: SecureCookieSession | null = null,
  ) {
    if (request === null) {
      const created = new app.request_class(environ);
      created.json_module = app.json;
      this.request = created;
    } else this.request = request;
    try {
      this.url_adapter = app.create_url_adapter(this.request);
    } catch (e) {
      if (!(e instanceof HTTPException)) throw e;
      this.request.routing_exception = e;
    }
    this._session = session;
  }

  copy(): RequestContext {
    return new RequestContext(this.app, this.request.environ, this.request, this._session);
  }

  /** `match_request()`: match the URL; a 404/405/308 is kept for `dispatch_request` to raise. */
  match_request(): void {
    try {
      const [rule, view_args] = this.url_adapter!.match(null, null, RETURN_RULE);
      this.request.url_rule = rule as Rule;
      this.request.view_args = view_args;
    } catch (e) {
      if (!(e instanceof HTTPException)) throw e;
      this.request.routing_exception = e;
    }
  }

  /** `ctx.session`: reading it through the context marks the session accessed (`Vary: Cookie`). */
  get session(): SecureCookieSession {
    if (this._session === null) throw new AssertionError("The session has not yet been opened.");
    this._session.accessed = true;
    return this._session;
  }

  /**
   * `push()`: an application context if needed, then this request context; then open the session
   * and match the URL.
   */
  push(): void {
    REQUEST_PUSH.run("RequestContext.push", () => ({ context: "request", action: "push", url: this.request.url, method: this.request.method }), (span) => {
      const current = _cv_app.get(null);
      let app_ctx: AppContext | null = null;
      if (current === null || current.app !== this.app) {
        const pushed = this.app.app_context();
        pushed.push();
        app_ctx = pushed;
      }
      const token = _cv_request.set(this);
      this._cv_tokens.push([token, app_ctx]);
      request_tokens.push({ ctx: this, token });
      if (span >= 0) {
        const kept = kept_stacks();
        const pushed_app_context = app_ctx !== null;
        span_set(span, () => ({ ...stack_attrs(kept), pushed_app_context }));
      }
      if (this._session === null) {
        const session_interface = this.app.session_interface;
        this._session = session_interface.open_session(this.app, this.request) ?? session_interface.make_null_session(this.app);
      }
      if (this.url_adapter !== null) this.match_request();
    });
  }

  /**
   * `pop(exc)`: `teardown_request` functions (last push only), then reset the request context and
   * pop the application context this push created.
   */
  pop(exc: unknown = null): void {
    REQUEST_POP.run("RequestContext.pop", () => ({ context: "request", action: "pop", exception: exc === null ? null : String((exc as Error)?.constructor?.name) }), (span) => {
      const clear_request = this._cv_tokens.length === 1;
      let ctx: RequestContext;
      try {
        if (clear_request) {
          this.app.do_teardown_request(exc);
          this.request.close();
        }
      } finally {
        ctx = _request_ctx();
        const [token, app_ctx] = this._cv_tokens.pop()!;
        _cv_request.reset(token);
        remove_token(request_tokens, token);
        if (span >= 0) {
          const kept = kept_stacks();
          span_set(span, () => stack_attrs(kept));
        }
        if (clear_request) ctx.request.environ["werkzeug.request"] = null;
        if (app_ctx !== null) app_ctx.pop(exc);
      }
      if (ctx !== this) throw new AssertionError(`Popped wrong request context. (${ctx.__repr__()} instead of ${this.__repr__()})`);
    });
  }

  __repr__(): string {
    return `<RequestContext '${this.request.url}' [${this.request.method}] of ${this.app.name}>`;
  }
}

/** Forget every pushed context (a project reset between scenarios). */
export function _reset_context_stacks(): void {
  while (request_tokens.length) {
    const { token } = request_tokens.pop()!;
    try {
      _cv_request.reset(token);
    } catch {
      /* already reset */
    }
  }
  while (app_tokens.length) {
    const { token } = app_tokens.pop()!;
    try {
      _cv_app.reset(token);
    } catch {
      /* already reset */
    }
  }
}

