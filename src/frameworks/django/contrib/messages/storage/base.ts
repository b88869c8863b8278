/**
 * django.contrib.messages.storage.base: one-time notices ("Saved.") → a Message list kept for the
 * next page that shows them. Main classes: `Message` and `BaseStorage`.
 *
 * A storage holds the messages loaded from the request (cookie or session) and those queued during
 * it. Iterating marks the storage *used*: at the end of the request (`update(response)`) used
 * messages are dropped and only unread ones are stored again; if nothing was read, the loaded and
 * the new ones are stored together.
 */
import { trace_site } from "../../../../../trace";
import { settings } from "../../../conf";
import { NotImplementedError } from "../../../../python/builtins";
import type { HttpRequest } from "../../../http/request";
import type { HttpResponseBase } from "../../../http/response";
import { py_str } from "../../../utils/encoding";
import { INFO } from "../constants";
import { get_level_tags } from "../utils";

const SESSION = trace_site("session", "django/contrib/messages/storage/base.ts", { eager: true });

export class Message {
  constructor(
    public level: number,
    public message: unknown,
    public extra_tags: string | null = null,
  ) {}

  /** Messages become text before they are stored (lazy translations are resolved). */
  _prepare(): void {
    if (!(this.message instanceof String)) this.message = py_str(this.message);
    if (this.extra_tags !== null) this.extra_tags = py_str(this.extra_tags);
  }

  __eq__(other: unknown): boolean {
    return other instanceof Message && this.level === other.level && String(this.message) === String(other.message);
  }

  toString(): string {
    return String(this.message);
  }

  /** `str(message)`: the text, still a SafeString when the message was marked safe. */
  __str__(): unknown {
    return this.message;
  }

  /** `extra_tags` then the level's tag, space-separated. */
  get tags(): string {
    return [this.extra_tags, this.level_tag].filter((t) => t).join(" ");
  }

  get level_tag(): string {
    return get_level_tags()[this.level] ?? "";
  }
}

export abstract class BaseStorage implements Iterable<Message> {
  used = false;
  added_new = false;
  protected _queued_messages: Message[] = [];
  protected _loaded_data: Message[] | undefined;
  private _level: number | null = null;

  constructor(readonly request: HttpRequest) {}

  /** `len(storage)`: loaded plus queued messages (so `{% if messages %}` is false when there are none). */
  __len__(): number {
    return this.length;
  }

  get length(): number {
    return this._loaded_messages.length + this._queued_messages.length;
  }

  /** Reading the messages marks them used: they will not be stored again. */
  [Symbol.iterator](): Iterator<Message> {
    this.used = true;
    if (this._queued_messages.length) {
      this._loaded_messages.push(...this._queued_messages);
      this._queued_messages = [];
    }
    SESSION.event("messages read", () => ({ storage: this.constructor.name, count: this._loaded_messages.length }));
    return this._loaded_messages[Symbol.iterator]();
  }

  includes(item: Message): boolean {
    return [...this._loaded_messages, ...this._queued_messages].some((m) => m.__eq__(item));
  }

  /** The messages stored by an earlier request, loaded once. */
  get _loaded_messages(): Message[] {
    if (this._loaded_data === undefined) {
      const [messages] = this._get();
      this._loaded_data = messages ?? [];
    }
    return this._loaded_data;
  }

  /** `[messages or null (nothing stored), all_retrieved]` */
  abstract _get(): [Message[] | null, boolean];

  /** Store `messages`; return those that did not fit. */
  abstract _store(messages: Message[], response: HttpResponseBase | null, remove_oldest?: boolean): Message[];

  _prepare_messages(messages: Message[]): void {
    for (const message of messages) message._prepare();
  }

  /** End of request: store what is still unread; returns what could not be stored. */
  update(response: HttpResponseBase): Message[] | undefined {
    this._prepare_messages(this._queued_messages);
    if (this.used) return this._store(this._queued_messages, response);
    if (this.added_new) return this._store([...this._loaded_messages, ...this._queued_messages], response);
    return undefined;
  }

  /** Queue a message (ignored when empty or below the storage's level). */
  add(level: number, message: unknown, extra_tags: string | null = ""): void {
    if (!message && message !== 0) return;
    level = Math.trunc(Number(level));
    if (level < this.level) return;
    this.added_new = true;
    this._queued_messages.push(new Message(level, message, extra_tags));
    SESSION.event("message added", () => ({ storage: this.constructor.name, level, message: String(message) }));
  }

  /** The minimum level recorded: set_level() for this request, else settings.MESSAGE_LEVEL (INFO). */
  get level(): number {
    if (this._level === null) this._level = "MESSAGE_LEVEL" in settings ? Number(settings.MESSAGE_LEVEL) : INFO;
    return this._level;
  }

  set level(value: number | null) {
    this._level = value === null ? null : Math.trunc(value);
  }

  static not_implemented(): never {
    throw new NotImplementedError("subclasses of BaseStorage must provide a _get() method");
  }
}
