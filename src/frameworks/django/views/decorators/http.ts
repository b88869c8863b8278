/**
 * django.views.decorators.http: a view → the same view restricted to some HTTP methods.
 *
 *   export const vote = require_POST(function vote(request, { question_id }) { … });
 *   // @require_POST in Python; a GET gets 405 with `Allow: POST`, logged as
 *   // "Method Not Allowed (GET): /polls/1/vote/"
 *
 *   require_http_methods(["GET", "POST"])(view)   the general form
 *   require_GET, require_POST                     one method
 *   require_safe                                  GET and HEAD (what a read-only view should accept)
 *
 * Python decorators are called here as functions on the function they decorate (ADR 0013).
 */
import { wraps } from "../../../python/functools";
import { HttpResponseNotAllowed } from "../../http/response";
import type { HttpRequest } from "../../http/request";
import { log_response } from "../../utils/log";

type View = (request: HttpRequest, ...args: any[]) => any;

/** `require_http_methods(["GET", "POST"])(view)`: other methods get 405 Method Not Allowed. */
export function require_http_methods(request_method_list: string[]): <V extends View>(func: V) => V {
  return <V extends View>(func: V): V => {
    const inner = function (this: unknown, request: HttpRequest, ...args: unknown[]) {
      if (!request_method_list.includes(request.method ?? "")) {
        const response = new HttpResponseNotAllowed(request_method_list);
        log_response("Method Not Allowed (%s): %s", [request.method, request.path], { response, request });
        return response;
      }
      return func.call(this, request, ...args);
    } as V;
    return wraps<V>(func)(inner);
  };
}

export const require_GET = require_http_methods(["GET"]);
export const require_POST = require_http_methods(["POST"]);
export const require_safe = require_http_methods(["GET", "HEAD"]);
