/**
 * django.contrib.messages.storage.cookie: messages → the signed `messages` cookie (at most 2048
 * bytes; the oldest that do not fit are handed on, and a sentinel says more are elsewhere).
 *
 * Each message is JSON `["__json_message", is_safe (0/1), level, text, extra_tags]`; the list is
 * signed by the cookie signer (salt "django.contrib.messages") with zlib compression, like
 * `signing.dumps` without the timestamp.
 */
import { settings } from "../../../conf";
import { latin1_decode, latin1_encode, type Bytes } from "../../../../python/bytes";
import { py_json_dumps } from "../../../../python/json";
import { BadSignature, get_cookie_signer, type Signer } from "../../../core/signing";
import { cookie_quote } from "../../../http/cookie";
import type { HttpResponseBase } from "../../../http/response";
import { is_safe_data, mark_safe } from "../../../utils/safestring";
import { BaseStorage, Message } from "./base";

export const MESSAGE_KEY = "__json_message";

/** `MessageEncoder.default`: a Message → its compact list form. */
export function encode_message(obj: unknown): unknown {
  if (obj instanceof Message) {
    const out: unknown[] = [MESSAGE_KEY, is_safe_data(obj.message) ? 1 : 0, obj.level, String(obj.message)];
    if (obj.extra_tags !== null) out.push(obj.extra_tags);
    return out;
  }
  throw new TypeError(`Object of type ${(obj as object)?.constructor?.name} is not JSON serializable`);
}

/** `MessageDecoder.process_messages`: lists tagged "__json_message" back into Messages. */
export function decode_messages(obj: any): any {
  if (Array.isArray(obj) && obj.length) {
    if (obj[0] === MESSAGE_KEY) return new Message(obj[2], obj[1] ? mark_safe(obj[3]) : obj[3], obj[4] ?? null);
    return obj.map(decode_messages);
  }
  if (obj && typeof obj === "object") return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decode_messages(v)]));
  return obj;
}

/** Each message as compact JSON text (the parts are joined only once the size is known). */
function serialize_parts(messages: unknown[]): string[] {
  return messages.map((o) => py_json_dumps(o, { separators: [",", ":"], default: encode_message }));
}

class MessagePartGatherSerializer {
  dumps(obj: unknown): Bytes {
    return latin1_encode("[" + (obj as string[]).join(",") + "]");
  }
  loads(data: Bytes): unknown {
    return decode_messages(JSON.parse(latin1_decode(data)));
  }
}

/** `json.dumps(not_finished)`, written once (Django's is a class attribute; here each instance would re-encode it). */
const NOT_FINISHED_JSON = JSON.stringify("__messagesnotfinished__");

export class CookieStorage extends BaseStorage {
  cookie_name = "messages";
  /** Half of uwsgi's 4 KB header limit, leaving room for other cookies. */
  max_cookie_size = 2048;
  not_finished = "__messagesnotfinished__";
  not_finished_json = NOT_FINISHED_JSON;
  key_salt = "django.contrib.messages";
  private _signer: Signer | null = null;

  /** `get_cookie_signer(salt=key_salt)`, made when first used (most requests carry no messages). */
  get signer(): Signer {
    return (this._signer ??= get_cookie_signer(this.key_salt));
  }

  set signer(signer: Signer) {
    this._signer = signer;
  }

  _get(): [Message[] | null, boolean] {
    const messages = this._decode(this.request.COOKIES[this.cookie_name] ?? null) as unknown[] | null;
    const all_retrieved = !(messages && messages.length && messages[messages.length - 1] === this.not_finished);
    if (messages && !all_retrieved) messages.pop();
    return [messages as Message[] | null, all_retrieved];
  }

  _update_cookie(encoded_data: string | null, response: HttpResponseBase): void {
    if (encoded_data) {
      response.set_cookie(this.cookie_name, encoded_data, {
        domain: (settings.SESSION_COOKIE_DOMAIN as string | null) ?? null,
        secure: !!settings.SESSION_COOKIE_SECURE || null,
        httponly: !!settings.SESSION_COOKIE_HTTPONLY || null,
        samesite: (settings.SESSION_COOKIE_SAMESITE as string | null) || null,
      } as any);
    } else {
      response.delete_cookie(this.cookie_name, { domain: (settings.SESSION_COOKIE_DOMAIN as string | null) ?? null, samesite: (settings.SESSION_COOKIE_SAMESITE as string | null) || null });
    }
  }

  /** Store what fits in the cookie (dropping the oldest, or the newest with remove_oldest=false). */
  _store(messages: Message[], response: HttpResponseBase, remove_oldest = true): Message[] {
    let unstored: Message[] = [];
    const parts = serialize_parts(messages);
    let encoded = this._encode_parts(parts);
    const too_large = (data: string | null) => !!data && cookie_quote(data).length > this.max_cookie_size;
    const with_sentinel = (some: string[]) => this._encode_parts([...some, this.not_finished_json], true);
    if (this.max_cookie_size && too_large(encoded)) {
      if (remove_oldest) {
        let idx = 0;
        while (idx < parts.length && too_large(with_sentinel(parts.slice(idx)))) idx++;
        unstored = messages.slice(0, idx);
        encoded = with_sentinel(parts.slice(idx));
      } else {
        let idx = parts.length;
        while (idx > 0 && too_large(with_sentinel(parts.slice(0, idx)))) idx--;
        unstored = messages.slice(idx);
        encoded = with_sentinel(parts.slice(0, idx));
      }
    }
    this._update_cookie(encoded, response);
    return unstored;
  }

  _encode_parts(parts: string[], encode_empty = false): string | null {
    if (!parts.length && !encode_empty) return null;
    return this.signer.sign_object(parts, { serializer: MessagePartGatherSerializer, compress: true });
  }

  _encode(messages: Message[], encode_empty = false): string | null {
    return this._encode_parts(serialize_parts(messages), encode_empty);
  }

  /** Cookie text → messages; a bad signature or bad data marks the storage used (so it is cleared). */
  _decode(data: string | null): unknown[] | null {
    if (!data) return null;
    try {
      return this.signer.unsign_object(data, { serializer: MessagePartGatherSerializer });
    } catch (e) {
      if (!(e instanceof BadSignature || e instanceof SyntaxError || (e instanceof Error && /base64/i.test(e.message)))) throw e;
    }
    this.used = true;
    return null;
  }
}
