/**
 * django.contrib.messages.storage.session: messages → JSON text under `_messages` in
 * `request.session` (no size limit; needs SessionMiddleware before MessageMiddleware).
 */
import { ImproperlyConfigured } from "../../../core/exceptions";
import { py_json_dumps } from "../../../../python/json";
import type { HttpRequest } from "../../../http/request";
import { BaseStorage, type Message } from "./base";
import { decode_messages, encode_message } from "./cookie";

export class SessionStorage extends BaseStorage {
  session_key = "_messages";

  constructor(request: HttpRequest) {
    if (!request.session)
      throw new ImproperlyConfigured(
        "The session-based temporary message storage requires session middleware to be installed, and come before the message middleware in the MIDDLEWARE list.",
      );
    super(request);
  }

  _get(): [Message[] | null, boolean] {
    return [this.deserialize_messages(this.request.session.get(this.session_key)), true];
  }

  _store(messages: Message[]): Message[] {
    if (messages.length) this.request.session.set(this.session_key, this.serialize_messages(messages));
    else this.request.session.pop(this.session_key, null);
    return [];
  }

  serialize_messages(messages: Message[]): string {
    return py_json_dumps(messages, { default: encode_message });
  }

  deserialize_messages(data: unknown): Message[] | null {
    if (data && typeof data === "string") return decode_messages(JSON.parse(data));
    return (data as Message[] | null) ?? null;
  }
}
