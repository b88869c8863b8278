/**
 * django.contrib.messages.middleware: each request → `request._messages` (the MESSAGE_STORAGE),
 * and at the end the unread messages stored for the next request (cookie and/or session).
 */
import { settings } from "../../conf";
import { ValueError } from "../../../python/builtins";
import type { HttpRequest } from "../../http/request";
import type { HttpResponseBase } from "../../http/response";
import { MiddlewareMixin } from "../../utils/deprecation";
import { default_storage } from "./storage";

export class MessageMiddleware extends MiddlewareMixin {
  override process_request(request: HttpRequest): null {
    request._messages = default_storage(request);
    return null;
  }

  override process_response(request: HttpRequest, response: HttpResponseBase): HttpResponseBase {
    if (request._messages) {
      const unstored = request._messages.update(response);
      if (unstored && unstored.length && settings.DEBUG) throw new ValueError("Not all temporary messages could be stored.");
    }
    return response;
  }
}
