/**
 * django.contrib.messages.storage.fallback: the default MESSAGE_STORAGE — messages go to the
 * cookie first, and whatever does not fit goes on to the session.
 */
import type { HttpRequest } from "../../../http/request";
import type { HttpResponseBase } from "../../../http/response";
import { BaseStorage, type Message } from "./base";
import { CookieStorage } from "./cookie";
import { SessionStorage } from "./session";

export class FallbackStorage extends BaseStorage {
  static storage_classes: (new (request: HttpRequest) => BaseStorage)[] = [CookieStorage, SessionStorage];
  storages: BaseStorage[];
  /** The storages that held messages when read (made on first use: most requests read none). */
  private _used_storages: Set<BaseStorage> | null = null;

  constructor(request: HttpRequest) {
    super(request);
    this.storages = (this.constructor as typeof FallbackStorage).storage_classes.map((cls) => new cls(request));
  }

  /** Read each storage in turn until one says it held everything. */
  _get(): [Message[] | null, boolean] {
    const all_messages: Message[] = [];
    let all_retrieved = false;
    for (const storage of this.storages) {
      const [messages, retrieved] = storage._get();
      all_retrieved = retrieved;
      if (messages === null) break;
      if (messages.length) (this._used_storages ??= new Set()).add(storage);
      all_messages.push(...messages);
      if (retrieved) break;
    }
    return [all_messages, all_retrieved];
  }

  /** Each storage keeps what it can; the rest goes to the next. Storages emptied now are cleared. */
  _store(messages: Message[], response: HttpResponseBase): Message[] {
    for (const storage of this.storages) {
      if (messages.length) messages = storage._store(messages, response, false);
      else if (this._used_storages?.has(storage)) {
        storage._store([], response);
        this._used_storages!.delete(storage);
      }
    }
    return messages;
  }
}
