/**
 * django.core.checks.messages: what a system check reports — a message with a level, an id
 * ("models.W042"), the object it is about and a hint — and how it prints:
 *
 *     blog.Post: (models.W042) Auto-created primary key used when not defining a primary key type, …
 *     	HINT: Configure the DEFAULT_AUTO_FIELD setting or …
 *
 * Main class: `CheckMessage`, with the level subclasses Debug, Info, Warning, Error, Critical.
 */
import { settings } from "../../conf";

export const DEBUG = 10;
export const INFO = 20;
export const WARNING = 30;
export const ERROR = 40;
export const CRITICAL = 50;

export interface CheckMessageOptions {
  hint?: string | null;
  obj?: unknown;
  id?: string | null;
}

export class CheckMessage {
  readonly hint: string | null;
  readonly obj: unknown;
  readonly id: string | null;

  constructor(
    readonly level: number,
    readonly msg: string,
    options: CheckMessageOptions = {},
  ) {
    this.hint = options.hint ?? null;
    this.obj = options.obj ?? null;
    this.id = options.id ?? null;
  }

  /** `obj: (id) msg` and the hint on its own tabbed line; a model prints as its label ("blog.Post"). */
  toString(): string {
    const obj = this.obj === null ? "?" : is_model_class(this.obj) ? (this.obj as { _meta: { label: string } })._meta.label : String(this.obj);
    const id = this.id ? `(${this.id}) ` : "";
    const hint = this.hint ? `\n\tHINT: ${this.hint}` : "";
    return `${obj}: ${id}${this.msg}${hint}`;
  }

  __repr__(): string {
    return `<${this.constructor.name}: level=${this.level}, msg='${this.msg}', hint=${this.hint === null ? "None" : `'${this.hint}'`}, obj=${this.obj === null ? "None" : String(this.obj)}, id=${this.id === null ? "None" : `'${this.id}'`}>`;
  }

  /** Error or worse (or `level` or worse): it stops a command. */
  is_serious(level = ERROR): boolean {
    return this.level >= level;
  }

  /** Listed in settings.SILENCED_SYSTEM_CHECKS. */
  is_silenced(): boolean {
    const silenced: unknown = settings.configured ? settings.SILENCED_SYSTEM_CHECKS : [];
    return Array.isArray(silenced) && this.id !== null && silenced.includes(this.id);
  }
}

function is_model_class(obj: unknown): boolean {
  return typeof obj === "function" && typeof (obj as { _meta?: { label?: unknown } })._meta?.label === "string";
}

export class Debug extends CheckMessage {
  constructor(msg: string, options: CheckMessageOptions = {}) {
    super(DEBUG, msg, options);
  }
}
export class Info extends CheckMessage {
  constructor(msg: string, options: CheckMessageOptions = {}) {
    super(INFO, msg, options);
  }
}
export class Warning extends CheckMessage {
  constructor(msg: string, options: CheckMessageOptions = {}) {
    super(WARNING, msg, options);
  }
}
export class Error extends CheckMessage {
  constructor(msg: string, options: CheckMessageOptions = {}) {
    super(ERROR, msg, options);
  }
}
export class Critical extends CheckMessage {
  constructor(msg: string, options: CheckMessageOptions = {}) {
    super(CRITICAL, msg, options);
  }
}
