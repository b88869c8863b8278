/**
 * flask.sessions: the session, kept in a signed cookie. Main classes: `SecureCookieSession` (the
 * dict `session` stands for) and `SecureCookieSessionInterface` (opens it from the request's
 * cookie, saves it onto the response).
 *
 * The cookie is the session dict as tagged JSON (json/tag.ts), signed with itsdangerous'
 * `URLSafeTimedSerializer(SECRET_KEY, salt="cookie-session")` — key derived with HMAC-SHA1, the
 * signature HMAC-SHA1 — so the client can read it but not change it:
 *
 *     session=eyJuIjoxfQ.Z3SFgA.CVoKzQ9mnWZv1pR2u48UpMRu1u0
 *             payload    time   signature
 *
 * A tampered, re-keyed or expired cookie (older than PERMANENT_SESSION_LIFETIME) opens as an
 * empty session. The cookie is written when the session was modified (or on every request for a
 * permanent session), deleted when the session became empty, and `Vary: Cookie` is added whenever
 * the session was accessed. Without SECRET_KEY the session is a `NullSession` that refuses writes.
 *
 * Tracing: `open_session` and `save_session` are `session` spans with the decoded cookie (payload,
 * timestamp, signature verdict) — what the Session panel shows.
 */
import { RuntimeError } from "../python/builtins";
import { utf8_decode } from "../python/bytes";
import { datetime, timedelta, timezone } from "../python/datetime";
import { sha1 } from "../python/hashlib";
import { span_set, to_json, trace_site, type Json } from "../../trace";
import { BadSignature, SignatureExpired } from "../itsdangerous/exc";
import { base64_decode, bytes_to_int } from "../itsdangerous/encoding";
import { URLSafeTimedSerializer } from "../itsdangerous/url_safe";
import { inflate } from "pako";
import { CallbackDict } from "../werkzeug/datastructures/structures";
import { TaggedJSONSerializer } from "./json/tag";
import type { App } from "./sansio/app";
import type { Request, Response } from "./wrappers";

// Reading and writing the signed cookie is Flask's own bounded work: bounded sites (ADR 0040).
const OPEN_SESSION = trace_site("session", "flask/sessions.ts#SecureCookieSessionInterface.open_session", { source: true, eager: true, bounded: true });
const SAVE_SESSION = trace_site("session", "flask/sessions.ts#SecureCookieSessionInterface.save_session", { source: true, eager: true, bounded: true });

/** The session's `on_update`: any change through the dict's methods marks it modified. */
function mark_modified(self: SecureCookieSession): void {
  self.modified = true;
}

/** `SecureCookieSession(initial=None)`: a dict that notes when it is modified (and accessed). */
export class SecureCookieSession extends CallbackDict<unknown> {
  /** Flask's cookie sessions never set this (it stays False, as in Flask). */
  new = false;
  /** Set by `session[k] = v`, `del`, `pop`, … — not by changing a value in place. */
  modified = false;
  /** Set whenever the session is read through the request context (`Vary: Cookie`). */
  accessed = false;

  constructor(initial: Record<string, unknown> | null = null) {
    super(initial, mark_modified);
    this.modified = false;
  }

  /** `session.permanent`: stored as `_permanent` (the cookie then gets an Expires date). */
  get permanent(): boolean {
    return Boolean(this.get("_permanent", false));
  }
  set permanent(value: boolean) {
    this.set("_permanent", Boolean(value));
  }
}

/** `NullSession`: the session without a SECRET_KEY — reading works, every write fails. */
export class NullSession extends SecureCookieSession {
  private _fail(): never {
    throw new RuntimeError("The session is unavailable because no secret key was set.  Set the secret_key on the application to something unique and secret.");
  }
  override set(_key?: string, _value?: unknown): void {
    this._fail();
  }
  override delitem(): void {
    this._fail();
  }
  override clear(): void {
    this._fail();
  }
  override pop(): any {
    this._fail();
  }
  override popitem(): [string, unknown] {
    this._fail();
  }
  override update(): void {
    this._fail();
  }
  override setdefault(): unknown {
    this._fail();
  }
}

/** `SessionInterface`: where a session comes from and goes to (the cookie settings live here). */
export class SessionInterface {
  null_session_class: typeof NullSession = NullSession;
  pickle_based = false;

  make_null_session(_app: App): NullSession {
    return new this.null_session_class();
  }

  is_null_session(obj: unknown): boolean {
    return obj instanceof this.null_session_class;
  }

  get_cookie_name(app: App): string {
    return app.config.getitem("SESSION_COOKIE_NAME");
  }
  get_cookie_domain(app: App): string | null {
    return app.config.getitem("SESSION_COOKIE_DOMAIN");
  }
  get_cookie_path(app: App): string {
    return app.config.getitem("SESSION_COOKIE_PATH") || app.config.getitem("APPLICATION_ROOT");
  }
  get_cookie_httponly(app: App): boolean {
    return app.config.getitem("SESSION_COOKIE_HTTPONLY");
  }
  get_cookie_secure(app: App): boolean {
    return app.config.getitem("SESSION_COOKIE_SECURE");
  }
  get_cookie_samesite(app: App): string | null {
    return app.config.getitem("SESSION_COOKIE_SAMESITE");
  }
  get_cookie_partitioned(app: App): boolean {
    return app.config.getitem("SESSION_COOKIE_PARTITIONED");
  }

  /** A permanent session's cookie expires `PERMANENT_SESSION_LIFETIME` from now. */
  get_expiration_time(app: App, session: SecureCookieSession): datetime | null {
    if (session.permanent) return datetime.now(timezone.utc).add(app.permanent_session_lifetime);
    return null;
  }

  should_set_cookie(app: App, session: SecureCookieSession): boolean {
    return session.modified || (session.permanent && Boolean(app.config.getitem("SESSION_REFRESH_EACH_REQUEST")));
  }

  open_session(_app: App, _request: Request): SecureCookieSession | null {
    throw new RuntimeError("SessionInterface.open_session is abstract");
  }

  save_session(_app: App, _session: SecureCookieSession, _response: Response): void {
    throw new RuntimeError("SessionInterface.save_session is abstract");
  }
}

export const session_json_serializer = new TaggedJSONSerializer();

/** What the Session panel shows of a signed cookie value. */
export function describe_cookie(value: string): Record<string, Json> {
  const compressed = value.startsWith(".");
  const parts = (compressed ? value.slice(1) : value).split(".");
  if (parts.length !== 3) return { malformed: true };
  const [payload, ts, signature] = parts;
  let text: string | null = null;
  let timestamp: number | null = null;
  try {
    const raw = base64_decode(payload);
    text = utf8_decode(compressed ? inflate(raw) : raw, "replace");
  } catch {
    text = null;
  }
  try {
    timestamp = bytes_to_int(base64_decode(ts));
  } catch {
    timestamp = null;
  }
  return { payload: text, compressed, timestamp, signature };
}

/** `SecureCookieSessionInterface`: the default — the whole session in a signed cookie. */
export class SecureCookieSessionInterface extends SessionInterface {
  salt = "cookie-session";
  digest_method = sha1;
  key_derivation = "hmac";
  serializer = session_json_serializer;
  session_class: typeof SecureCookieSession = SecureCookieSession;

  /** The serializer for the app's SECRET_KEY (the newest key last, SECRET_KEY_FALLBACKS before it). */
  get_signing_serializer(app: App): URLSafeTimedSerializer | null {
    if (!app.secret_key) return null;
    const keys: (string | Uint8Array)[] = [...((app.config.getitem("SECRET_KEY_FALLBACKS") as (string | Uint8Array)[] | null) ?? [])];
    keys.push(app.secret_key);
    return new URLSafeTimedSerializer(keys, { salt: this.salt, serializer: this.serializer, signer_kwargs: { key_derivation: this.key_derivation, digest_method: this.digest_method } });
  }

  /** `open_session(app, request)`: the session from the cookie; empty if missing or not trusted. */
  override open_session(app: App, request: Request): SecureCookieSession | null {
    return OPEN_SESSION.run("SecureCookieSessionInterface.open_session", () => ({ framework: "flask", cookie_name: app.config.get("SESSION_COOKIE_NAME") }), (span) => {
      const s = this.get_signing_serializer(app);
      if (s === null) {
        if (span >= 0) span_set(span, () => ({ verdict: "no SECRET_KEY: NullSession" }));
        return null;
      }
      const val = request.cookies.get(this.get_cookie_name(app));
      if (!val) {
        if (span >= 0) span_set(span, () => ({ verdict: "no cookie: new empty session" }));
        return new this.session_class();
      }
      const max_age = Math.trunc((app.permanent_session_lifetime as timedelta).total_seconds());
      if (span >= 0) span_set(span, { cookie: describe_cookie(val), max_age });
      try {
        const data = s.loads(val, { max_age }) as Record<string, unknown>;
        if (span >= 0) span_set(span, { verdict: "signature valid", data: to_json(data) });
        return new this.session_class(data);
      } catch (e) {
        if (!(e instanceof BadSignature)) throw e;
        span_set(span, () => ({ verdict: e instanceof SignatureExpired ? `expired: ${e.message}` : `bad signature: ${e.message}` }));
        return new this.session_class();
      }
    });
  }

  /**
   * `save_session(app, session, response)`: `Vary: Cookie` if accessed; delete the cookie if the
   * session became empty; otherwise sign and set it when it should be set.
   */
  override save_session(app: App, session: SecureCookieSession, response: Response): void {
    SAVE_SESSION.run("SecureCookieSessionInterface.save_session", () => ({ framework: "flask", modified: session.modified, accessed: session.accessed, permanent: session.permanent }), (span) => {
      const name = this.get_cookie_name(app);
      const domain = this.get_cookie_domain(app);
      const path = this.get_cookie_path(app);
      const secure = this.get_cookie_secure(app);
      const partitioned = this.get_cookie_partitioned(app);
      const samesite = this.get_cookie_samesite(app);
      const httponly = this.get_cookie_httponly(app);
      if (session.accessed) response.vary.add("Cookie");
      if (!session.len()) {
        if (session.modified) {
          response.delete_cookie(name, { domain, path, secure, partitioned, samesite, httponly });
          response.vary.add("Cookie");
          span_set(span, () => ({ action: "deleted the cookie (the session is empty)" }));
        } else span_set(span, () => ({ action: "nothing to save (empty session)" }));
        return;
      }
      if (!this.should_set_cookie(app, session)) {
        span_set(span, () => ({ action: "not modified: cookie left as it is" }));
        return;
      }
      const expires = this.get_expiration_time(app, session);
      const val = this.get_signing_serializer(app)!.dumps(session.to_dict());
      response.set_cookie(name, val, { expires, httponly, domain, path, secure, partitioned, samesite });
      response.vary.add("Cookie");
      if (span >= 0) span_set(span, { action: "set the cookie", cookie: describe_cookie(val), data: to_json(session.to_dict()) });
    });
  }
}
