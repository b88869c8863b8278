/**
 * starlette.middleware: `Middleware(cls, ...args, options)` — a middleware class and the arguments
 * to build it with, kept until the application assembles its stack (`cls(app, ...args, options)`,
 * innermost last in the list first). Iterating it gives `[cls, args, kwargs]` as in Python.
 */
import type { ASGIAppLike } from "../types";

export type MiddlewareClass = new (app: ASGIAppLike, ...args: any[]) => unknown;

export class Middleware {
  readonly args: unknown[];
  constructor(
    readonly cls: MiddlewareClass,
    ...args: unknown[]
  ) {
    this.args = args;
  }

  /** `cls(app, *args, **kwargs)`: the middleware instance wrapping `app`. */
  build(app: ASGIAppLike): ASGIAppLike {
    return new this.cls(app, ...this.args) as ASGIAppLike;
  }

  *[Symbol.iterator](): Iterator<unknown> {
    yield this.cls;
    yield this.args;
  }

  __repr__(): string {
    return `Middleware(${this.cls.name})`;
  }
}
