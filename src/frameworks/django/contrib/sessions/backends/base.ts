/**
 * django.contrib.sessions.backends.base: a session key (from the cookie) → a dict-like store the
 * view reads and writes as `request.session`, loaded lazily and saved only when modified.
 *
 * Python's `request.session["k"] = v` is `request.session.set("k", v)` here; `session["k"]` is
 * `getitem("k")` (KeyError when missing), `del session["k"]` is `delete("k")`, `"k" in session` is
 * `has("k")`. Two flags tell SessionMiddleware what happened: `accessed` (the data was looked at →
 * `Vary: Cookie`) and `modified` (it changed → save and set the cookie).
 *
 * The data is stored as `signing.dumps(data, salt="django.contrib.sessions.SessionStore",
 * compress=True)`; the expiry, when set, lives inside it under `_session_expiry`. Backends
 * (db, signed_cookies) implement exists / create / save / delete / load.
 */
import { trace_site, type Attrs } from "../../../../../trace";
import { settings } from "../../../conf";
import { KeyError, NotImplementedError } from "../../../../python/builtins";
import { datetime, timedelta } from "../../../../python/datetime";
import { getLogger } from "../../../../python/logging";
import { BadSignature, dumps, loads, type SerializerClass, JSONSerializer } from "../../../core/signing";
import { get_random_string } from "../../../utils/crypto";
import { now } from "../../../utils/timezone";

const SESSION = trace_site("session", "django/contrib/sessions/backends/base.ts", { eager: true });
/** The same place, for events whose values are kept at the call. */
const LOADED = trace_site("session", "django/contrib/sessions/backends/base.ts");

/** session_key characters: lower-case letters and digits. */
export const VALID_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

export class CreateError extends Error {}
export class UpdateError extends Error {}

export type SessionData = Record<string, unknown>;
type Expiry = number | string | datetime | timedelta | null;

/** "SessionStore loaded" (when the trace is read). */
function loaded_attrs(cls: typeof SessionBase, session_key: string | null): Attrs {
  return { backend: cls.backend, session_key: session_key ? mask(session_key) : null };
}

export abstract class SessionBase {
  /** Django's key names, the salt of `encode` and the trace label. */
  static readonly TEST_COOKIE_NAME = "testcookie";
  static readonly TEST_COOKIE_VALUE = "worked";
  /** Which backend this is, for the trace ("django.contrib.sessions.backends.db"). */
  static backend = "django.contrib.sessions.backends.base";

  accessed = false;
  modified = false;
  serializer: SerializerClass = JSONSerializer;
  protected _session_key: string | null = null;
  protected _session_cache: SessionData | undefined = undefined;

  constructor(session_key: string | null = null) {
    // Django's `_session_key` is a property whose setter refuses a malformed key, the
    // constructor's assignment included: a cookie "garbage" is no key, the session is empty, and
    // SessionMiddleware deletes the cookie (with Vary: Cookie).
    this._session_key = this._validate_session_key(session_key) ? session_key : null;
    // The class and the key (a string) kept: the event is described when the trace is read.
    LOADED.event_with("SessionStore loaded", loaded_attrs, this.constructor as typeof SessionBase, session_key);
  }

  /** `key_salt`: "django.contrib.sessions." + the class's qualified name ("SessionStore"). */
  get key_salt(): string {
    return "django.contrib.sessions." + this.constructor.name;
  }

  // --- the dict-like API ----------------------------------------------------------------------

  /** `session[key]`: KeyError when missing. */
  getitem(key: string): unknown {
    const data = this._session;
    if (!(key in data)) throw new KeyError(key);
    SESSION.event(() => `session[${JSON.stringify(key)}]`, () => ({ op: "read", key }));
    return data[key];
  }

  /** `session.get(key, default=None)` */
  get(key: string, default_: unknown = null): unknown {
    const data = this._session;
    SESSION.event(() => `session.get(${JSON.stringify(key)})`, () => ({ op: "read", key, found: key in data }));
    return key in data ? data[key] : default_;
  }

  /** `session[key] = value` */
  set(key: string, value: unknown): void {
    this._session[key] = value;
    this.modified = true;
    SESSION.event(() => `session[${JSON.stringify(key)}] = …`, () => ({ op: "write", key }));
  }

  /** `del session[key]` */
  delete_item(key: string): void {
    const data = this._session;
    if (!(key in data)) throw new KeyError(key);
    delete data[key];
    this.modified = true;
    SESSION.event(() => `del session[${JSON.stringify(key)}]`, () => ({ op: "write", key }));
  }

  /** `key in session` */
  has(key: string): boolean {
    return key in this._session;
  }

  /** `session.pop(key[, default])`: modified only if the key was there. */
  pop(key: string, ...default_: [unknown?]): unknown {
    const data = this._session;
    const present = key in data;
    this.modified = this.modified || present;
    if (present) {
      const value = data[key];
      delete data[key];
      return value;
    }
    if (default_.length) return default_[0];
    throw new KeyError(key);
  }

  setdefault(key: string, value: unknown): unknown {
    if (this.has(key)) return this._session[key];
    this.set(key, value);
    return value;
  }

  update(dict: SessionData): void {
    Object.assign(this._session, dict);
    this.modified = true;
  }

  keys(): string[] {
    return Object.keys(this._session);
  }

  values(): unknown[] {
    return Object.values(this._session);
  }

  items(): [string, unknown][] {
    return Object.entries(this._session);
  }

  /** Empty the data without touching the stored session (`flush()` also deletes it). */
  clear(): void {
    this._session_cache = {};
    this.accessed = true;
    this.modified = true;
  }

  /** True when there is neither a key nor any loaded data (the cookie can go). */
  is_empty(): boolean {
    return !this._session_key && (this._session_cache === undefined || Object.keys(this._session_cache).length === 0);
  }

  set_test_cookie(): void {
    this.set(SessionBase.TEST_COOKIE_NAME, SessionBase.TEST_COOKIE_VALUE);
  }

  test_cookie_worked(): boolean {
    return this.get(SessionBase.TEST_COOKIE_NAME) === SessionBase.TEST_COOKIE_VALUE;
  }

  delete_test_cookie(): void {
    this.delete_item(SessionBase.TEST_COOKIE_NAME);
  }

  // --- encoding ---------------------------------------------------------------------------------

  encode(session_dict: SessionData): string {
    return dumps(session_dict, { salt: this.key_salt, serializer: this.serializer, compress: true });
  }

  /** Stored text → data; tampered data is logged to django.security.SuspiciousSession and reads as {}. */
  decode(session_data: string): SessionData {
    try {
      return loads(session_data, { salt: this.key_salt, serializer: this.serializer });
    } catch (e) {
      if (e instanceof BadSignature) getLogger("django.security.SuspiciousSession").warning("Session data corrupted");
      return {};
    }
  }

  // --- the key -----------------------------------------------------------------------------------

  get session_key(): string | null {
    return this._session_key;
  }

  set session_key(value: string | null) {
    this._session_key = this._validate_session_key(value) ? value : null;
  }

  /** Keys shorter than 8 characters are refused (treated as no key). */
  protected _validate_session_key(key: string | null): boolean {
    return !!key && key.length >= 8;
  }

  protected _get_new_session_key(): string {
    for (;;) {
      const session_key = get_random_string(32, VALID_KEY_CHARS);
      if (!this.exists(session_key)) return session_key;
    }
  }

  protected _get_or_create_session_key(): string {
    if (this._session_key === null) this._session_key = this._get_new_session_key();
    return this._session_key;
  }

  /** The data, loaded on first access (`no_load`: start empty, for a brand-new session). */
  protected _get_session(no_load = false): SessionData {
    this.accessed = true;
    if (this._session_cache === undefined) {
      if (this.session_key === null || no_load) this._session_cache = {};
      else this._session_cache = this.load();
    }
    return this._session_cache;
  }

  protected get _session(): SessionData {
    return this._get_session();
  }

  // --- expiry ----------------------------------------------------------------------------------

  get_session_cookie_age(): number {
    return Number(settings.SESSION_COOKIE_AGE);
  }

  /** Seconds until expiry: the stored `_session_expiry` (seconds or an ISO date) or SESSION_COOKIE_AGE. */
  get_expiry_age(options: { modification?: datetime; expiry?: Expiry } = {}): number {
    const modification = options.modification ?? now();
    let expiry = options.expiry === undefined ? (this.get("_session_expiry") as Expiry) : options.expiry;
    if (!expiry) return this.get_session_cookie_age();
    if (typeof expiry === "number") return expiry;
    if (typeof expiry === "string") expiry = datetime.fromisoformat(expiry);
    const delta = (expiry as datetime).sub(modification) as timedelta;
    return delta.days * 86400 + delta.seconds;
  }

  get_expiry_date(options: { modification?: datetime; expiry?: Expiry } = {}): datetime {
    const modification = options.modification ?? now();
    let expiry = options.expiry === undefined ? (this.get("_session_expiry") as Expiry) : options.expiry;
    if (expiry instanceof datetime) return expiry;
    if (typeof expiry === "string") return datetime.fromisoformat(expiry);
    expiry = expiry || this.get_session_cookie_age();
    return modification.add(new timedelta({ seconds: expiry as number })) as datetime;
  }

  /**
   * `set_expiry(value)`: seconds from now (0 = when the browser closes), a datetime or timedelta,
   * or null to fall back to the global policy.
   */
  set_expiry(value: number | datetime | timedelta | null): void {
    if (value === null) {
      try {
        this.delete_item("_session_expiry");
      } catch (e) {
        if (!(e instanceof KeyError)) throw e;
      }
      return;
    }
    if (value instanceof timedelta) value = now().add(value) as datetime;
    this.set("_session_expiry", value instanceof datetime ? value.isoformat() : value);
  }

  get_expire_at_browser_close(): boolean {
    const expiry = this.get("_session_expiry");
    if (expiry === null || expiry === undefined) return !!settings.SESSION_EXPIRE_AT_BROWSER_CLOSE;
    return expiry === 0;
  }

  // --- lifecycle ---------------------------------------------------------------------------------

  /** Logout: empty the data, delete the stored session, forget the key. */
  flush(): void {
    this.clear();
    this.delete();
    this._session_key = null;
    SESSION.event("session.flush()", () => ({ op: "flush" }));
  }

  /** Login: same data under a new key (the old one is deleted), against session fixation. */
  cycle_key(): void {
    const data = this._session;
    const key = this.session_key;
    this.create();
    this._session_cache = data;
    if (key) this.delete(key);
    SESSION.event("session.cycle_key()", () => ({ op: "cycle_key" }));
  }

  abstract exists(session_key: string): boolean;
  abstract create(): void;
  abstract save(must_create?: boolean): void;
  abstract delete(session_key?: string | null): void;
  abstract load(): SessionData;

  static clear_expired(): void {
    throw new NotImplementedError("This backend does not support clear_expired().");
  }
}

/** A session key in the trace: enough to tell sessions apart, not enough to steal one. */
export function mask(key: string): string {
  return key.length > 8 ? `${key.slice(0, 4)}…${key.slice(-4)}` : "…";
}

