/**
 * channels.middleware: `BaseMiddleware` — an ASGI application wrapped around another one, which
 * changes the scope on the way in. Main class: `BaseMiddleware`.
 *
 *     class QueryAuthMiddleware extends BaseMiddleware {
 *       async __call__(scope, receive, send) {
 *         scope = { ...scope, token: token_from(scope.query_string) };
 *         return super.__call__(scope, receive, send);     // → this.inner(scope, receive, send)
 *       }
 *     }
 *     export const application = new QueryAuthMiddleware(new URLRouter([...]))   // Python: QueryAuthMiddleware(URLRouter([...]))
 *
 * The scope is copied before the inner application sees it, so what a middleware adds never
 * leaks back to an outer one. A middleware is a callable object, like the routers.
 */
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging -- these classes make callable objects (asgiref/compatibility.ts, callable_object); the interface of the same name gives them their call signature. */
import { callable_object, guarantee_single_callable } from "../asgiref/compatibility";
import type { ASGIApplicationLike, ASGIReceiveCallable, ASGISendCallable, Scope } from "../asgiref/typing";

export interface BaseMiddleware {
  (scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown>;
}

export class BaseMiddleware {
  inner: ASGIApplicationLike;

  /** `BaseMiddleware(inner)`: the application this middleware wraps. */
  constructor(inner: ASGIApplicationLike) {
    this.inner = inner;
    return callable_object(this);
  }

  /** Copy the scope (so changes do not go upstream), then run the inner application. */
  async __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown> {
    scope = { ...scope };
    return guarantee_single_callable(this.inner)(scope, receive, send);
  }
}
