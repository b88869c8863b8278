/**
 * django.contrib.messages.api: what views call — `messages.success(request, "Saved.")` queues a
 * message on `request._messages` (set by MessageMiddleware); `get_messages(request)` reads them.
 */
import { TypeError } from "../../../python/builtins";
import type { HttpRequest } from "../../http/request";
import type { BaseStorage } from "./storage/base";
import * as constants from "./constants";

export class MessageFailure extends Error {}

interface AddOptions {
  extra_tags?: string;
  fail_silently?: boolean;
}

/** `add_message(request, level, message, extra_tags="", fail_silently=False)` */
export function add_message(request: HttpRequest, level: number, message: unknown, options: AddOptions = {}): void {
  const messages = (request as any)?._messages as BaseStorage | undefined;
  if (messages === undefined) {
    if (!request || !("META" in request)) throw new TypeError(`add_message() argument must be an HttpRequest object, not '${(request as object)?.constructor?.name}'.`);
    if (!options.fail_silently) throw new MessageFailure("You cannot add messages without installing django.contrib.messages.middleware.MessageMiddleware");
    return;
  }
  messages.add(level, message, options.extra_tags ?? "");
}

/** The request's message storage (iterate it to read and consume the messages), or []. */
export function get_messages(request: HttpRequest): BaseStorage | [] {
  return (request as any)._messages ?? [];
}

/** The minimum level recorded for this request. */
export function get_level(request: HttpRequest): number {
  const storage = (request as any)._messages as BaseStorage | undefined;
  return storage ? storage.level : constants.INFO;
}

/** `set_level(request, level)`: False when there is no message storage. */
export function set_level(request: HttpRequest, level: number): boolean {
  const storage = (request as any)._messages as BaseStorage | undefined;
  if (!storage) return false;
  storage.level = level;
  return true;
}

export function debug(request: HttpRequest, message: unknown, options: AddOptions = {}): void {
  add_message(request, constants.DEBUG, message, options);
}
export function info(request: HttpRequest, message: unknown, options: AddOptions = {}): void {
  add_message(request, constants.INFO, message, options);
}
export function success(request: HttpRequest, message: unknown, options: AddOptions = {}): void {
  add_message(request, constants.SUCCESS, message, options);
}
export function warning(request: HttpRequest, message: unknown, options: AddOptions = {}): void {
  add_message(request, constants.WARNING, message, options);
}
export function error(request: HttpRequest, message: unknown, options: AddOptions = {}): void {
  add_message(request, constants.ERROR, message, options);
}
