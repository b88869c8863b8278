/**
 * pydantic.networks: URL types — a string → a validated, normalised URL object. Main classes:
 * `AnyUrl`, `AnyHttpUrl`, `HttpUrl` (the FastAPI tutorial's `url: HttpUrl`).
 *
 * pydantic-core parses URLs with the WHATWG URL Standard (Rust's `url` crate); so does the
 * platform's `URL`, which this module uses: the scheme and host lowercased, the host made
 * punycode, default ports and `..` segments dropped, a bare host given the path `/`. What the
 * platform does not say is *why* a URL is refused (its error is only "Invalid URL"): `url_error`
 * names the reason the way the `url` crate does ("relative URL without a base", "empty host",
 * "invalid port number", …), from the part of the text that made it fail.
 *
 * Validation order, as pydantic-core's: the input's length (bytes), then parsing, then the scheme.
 *
 * `EmailStr` (pydantic's, over the email-validator package) is here too: `validate_email` makes
 * email-validator's syntax checks and reasons, without its deliverability (DNS) check, as
 * pydantic calls it.
 */
import { PydanticCustomError, PydanticKnownError } from "../pydantic_core/errors";
import type { CoreSchema } from "../pydantic_core/core_schema";

/** `UrlConstraints(max_length, allowed_schemes, host_required)`. */
export interface UrlConstraints {
  max_length: number | null;
  allowed_schemes: readonly string[] | null;
  host_required: boolean;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 };
const SPECIAL_SCHEMES = new Set(["http", "https", "ws", "wss", "ftp", "file"]);
const utf8 = new TextEncoder();

/** `AnyUrl(url)`: any scheme; the validated URL's parts as attributes, `str(url)` its text. */
export class AnyUrl {
  static _constraints: UrlConstraints = { max_length: null, allowed_schemes: null, host_required: false };
  readonly #url: URL;

  constructor(url: string | AnyUrl) {
    this.#url = parse_url(url, (this.constructor as typeof AnyUrl)._constraints);
  }

  /** `url.scheme`: `https`. */
  get scheme(): string {
    return this.#url.protocol.slice(0, -1);
  }
  /** `url.host`: the host as punycode (`xn--mnchen-3ya.de`), or None. */
  get host(): string | null {
    return this.#url.hostname === "" ? null : this.#url.hostname;
  }
  /** `url.port`: the port given, or the scheme's default (443 for https), or None. */
  get port(): number | null {
    if (this.#url.port !== "") return Number(this.#url.port);
    return DEFAULT_PORTS[this.scheme] ?? null;
  }
  get username(): string | null {
    return this.#url.username === "" ? null : this.#url.username;
  }
  get password(): string | null {
    return this.#url.password === "" ? null : this.#url.password;
  }
  /** `url.path`: `/`, `/items/1`, or None. */
  get path(): string | null {
    return this.#url.pathname === "" ? null : this.#url.pathname;
  }
  /** `url.query`: the text after `?`, or None. */
  get query(): string | null {
    // An empty query (`…/path/?`) is "", no query at all None; the platform gives "" for both.
    if (this.#url.search !== "") return this.#url.search.slice(1);
    return this.#url.href.split("#", 1)[0].includes("?") ? "" : null;
  }
  /** `url.fragment`: the text after `#`, or None. */
  get fragment(): string | null {
    if (this.#url.hash !== "") return this.#url.hash.slice(1);
    return this.#url.href.includes("#") ? "" : null;
  }

  toString(): string {
    return this.#url.href;
  }
  /** `HttpUrl('https://example.com/')`. */
  __repr__(): string {
    return `${this.constructor.name}('${this.#url.href}')`;
  }
  __eq__(other: unknown): boolean {
    return other instanceof AnyUrl && other.constructor === this.constructor && String(other) === String(this);
  }

  /** The core schema of a field annotated with this class: validated by `validate_url`, a string in JSON. */
  static __get_pydantic_core_schema__(this: typeof AnyUrl): CoreSchema {
    const cls = this;
    return {
      type: "function-plain",
      function: (value: unknown) => validate_url(cls, value),
      info_arg: false,
      serialization: { kind: "plain", function: (value: unknown, info: { mode?: string }) => (info.mode === "json" && value instanceof AnyUrl ? String(value) : value) },
    };
  }

  /** `{"type": "string", "format": "uri", "minLength": 1, "maxLength": 2083}`. */
  static __get_pydantic_json_schema__(this: typeof AnyUrl): Record<string, unknown> {
    const max = this._constraints.max_length;
    return max === null ? { type: "string", format: "uri", minLength: 1 } : { type: "string", format: "uri", minLength: 1, maxLength: max };
  }
}

/** `AnyHttpUrl`: http or https. */
export class AnyHttpUrl extends AnyUrl {
  static override _constraints: UrlConstraints = { max_length: null, allowed_schemes: ["http", "https"], host_required: true };
}

/** `HttpUrl`: http or https, at most 2,083 characters (what browsers accept). */
export class HttpUrl extends AnyUrl {
  static override _constraints: UrlConstraints = { max_length: 2083, allowed_schemes: ["http", "https"], host_required: true };
}

/** A field's value → an instance of `cls`, or one of pydantic-core's URL errors. */
export function validate_url(cls: typeof AnyUrl, value: unknown): AnyUrl {
  if (value instanceof cls) return value;
  if (value instanceof AnyUrl) value = String(value);
  if (typeof value !== "string") throw new PydanticKnownError("url_type");
  return new cls(value);
}

/** The text → a parsed URL within the constraints, or the error pydantic-core raises. */
function parse_url(input: string | AnyUrl, c: UrlConstraints): URL {
  const text = String(input);
  if (c.max_length !== null && utf8.encode(text).length > c.max_length) throw new PydanticKnownError("url_too_long", { max_length: c.max_length });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PydanticKnownError("url_parsing", { error: url_error(text) });
  }
  const scheme = url.protocol.slice(0, -1);
  if (c.allowed_schemes !== null && !c.allowed_schemes.includes(scheme)) {
    const expected = c.allowed_schemes.map((s) => `'${s}'`);
    const words = expected.length === 1 ? expected[0] : `${expected.slice(0, -1).join(", ")} or ${expected[expected.length - 1]}`;
    throw new PydanticKnownError("url_scheme", { expected_schemes: words });
  }
  if (c.host_required && url.hostname === "") throw new PydanticKnownError("url_parsing", { error: "empty host" });
  return url;
}

/** Why the URL Standard refuses `text`, in the words of Rust's `url` crate. */
export function url_error(text: string): string {
  if (text === "") return "input is empty";
  const trimmed = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed);
  if (scheme === null) return "relative URL without a base";
  if (!SPECIAL_SCHEMES.has(scheme[1].toLowerCase())) return "invalid international domain name";
  // The authority: after the scheme and its slashes, up to the path, query or fragment.
  const rest = trimmed.slice(scheme[0].length).replace(/^[/\\]*/, "");
  const authority = rest.split(/[/\\?#]/, 1)[0];
  const host_port = authority.slice(authority.lastIndexOf("@") + 1);
  if (host_port.startsWith("[")) return host_port.includes("]") ? port_error(host_port.slice(host_port.indexOf("]") + 1)) ?? "invalid IPv6 address" : "invalid IPv6 address";
  const colon = host_port.lastIndexOf(":");
  const host = colon < 0 ? host_port : host_port.slice(0, colon);
  if (host === "") return "empty host";
  if (colon >= 0) {
    const port = port_error(host_port.slice(colon));
    if (port !== null) return port;
  }
  // A host whose last label is a number is read as an IPv4 address.
  const labels = host.replace(/\.$/, "").split(".");
  if (/^(0x[0-9a-f]*|[0-9]+)$/i.test(labels[labels.length - 1])) return "invalid IPv4 address";
  return "invalid international domain name";
}

/** `:8080` → null (a valid port), `:abc` or `:99999` → "invalid port number". */
function port_error(after_host: string): string | null {
  if (after_host === "" || after_host === ":") return null;
  const digits = after_host.slice(1);
  return /^[0-9]+$/.test(digits) && Number(digits) <= 65535 ? null : "invalid port number";
}

// ---------------------------------------------------------------------------------------------
// EmailStr: pydantic's `validate_email`, over the email-validator package's syntax checks
// ---------------------------------------------------------------------------------------------

/** pydantic refuses longer input before parsing it. */
const MAX_EMAIL_LENGTH = 2048;
/** `Name <address>`: the address pydantic takes out of a display form. */
const PRETTY_EMAIL = /^ *([\p{L}\p{N}_ ]*?) *<(.+?)> *$/u;
/** What may stand in an unquoted local part besides letters beyond ASCII (RFC 5322 atext). */
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\u{10FFFF}]$/u;
const DOMAIN_CHAR = /^[A-Za-z0-9\-.\u0080-\u{10FFFF}]$/u;
/** Invisible or control characters email-validator names instead of showing. */
const CHARACTER_NAMES: Record<string, string> = { " ": "SPACE", "\u00a0": "NO-BREAK SPACE", "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR", "\ufeff": "ZERO WIDTH NO-BREAK SPACE" };
const UNSAFE = /[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\p{Cc}]/u;
/** Domains no email can be delivered to (RFC 6761 and after): the name itself or any name under it. */
const SPECIAL_USE_DOMAINS = ["arpa", "invalid", "local", "localhost", "onion", "test"];

/** A character as email-validator names it in a message: `','`, `SPACE`, `U+0009`. */
function character_display(c: string): string {
  const name = CHARACTER_NAMES[c];
  if (name !== undefined) return name;
  if (/[\p{C}\s]/u.test(c)) return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return c === "'" ? `"'"` : `'${c}'`;
}

function unique(chars: Iterable<string>): string[] {
  return [...new Set(chars)];
}

/** `value is not a valid email address: {reason}` — pydantic's error for a refused address. */
function email_error(reason: string): PydanticCustomError {
  return new PydanticCustomError("value_error", "value is not a valid email address: {reason}", { reason });
}

/** The dot rules of a local part or a domain (email-validator's `check_dot_atom`). */
function dot_atom_error(label: string, start: string, end: string, is_hostname: boolean): string | null {
  if (label.endsWith(".")) return end.replace("{}", "period");
  if (label.startsWith(".")) return start.replace("{}", "period");
  if (label.includes("..")) return "An email address cannot have two periods in a row.";
  if (is_hostname) {
    if (label.endsWith("-")) return end.replace("{}", "hyphen");
    if (label.startsWith("-")) return start.replace("{}", "hyphen");
    if (label.includes(".-") || label.includes("-.")) return "An email address cannot have a period and a hyphen next to each other.";
  }
  return null;
}

/**
 * `validate_email(value)` as pydantic runs it for `EmailStr` (email-validator with
 * `check_deliverability=False`) → the normalised address: the local part as given (NFC), the
 * domain lowercased. A refusal is `value_error` with email-validator's reason.
 */
export function validate_email(value: string): string {
  if (value.length > MAX_EMAIL_LENGTH) throw email_error(`Length must not exceed ${MAX_EMAIL_LENGTH} characters`);
  const pretty = PRETTY_EMAIL.exec(value);
  const email = (pretty ? pretty[2] : value).trim();
  if (email.includes("<")) throw email_error("An open angle bracket at the start of the email address has to be followed by a close angle bracket at the end.");
  if (email.startsWith('"')) throw email_error("Quoting the part before the @-sign is not allowed here.");
  const at = email.indexOf("@");
  // A quotation mark inside the local part opens a quoted string that swallows the @-sign.
  const quote = email.indexOf('"');
  if (at < 0 || (quote >= 0 && quote < at)) throw email_error("An email address must have an @-sign.");
  const local = email.slice(0, at).normalize("NFC");
  const domain = email.slice(at + 1);
  if (local === "") throw email_error("There must be something before the @-sign.");
  if (domain === "") throw email_error("There must be something after the @-sign.");
  check_local_part(local);
  return `${local}@${check_domain(domain)}`;
}

function check_local_part(local: string): void {
  const bad = unique([...local].filter((c) => c !== "." && !ATEXT.test(c)));
  if (bad.length !== 0) throw email_error(`The email address contains invalid characters before the @-sign: ${bad.map(character_display).join(", ")}.`);
  const dots = dot_atom_error(local, "An email address cannot start with a {}.", "An email address cannot have a {} immediately before the @-sign.", false);
  if (dots !== null) throw email_error(dots);
  const unsafe = unique([...local].filter((c) => UNSAFE.test(c)));
  if (unsafe.length !== 0) throw email_error(`The email address contains unsafe characters: ${unsafe.map(character_display).join(", ")}.`);
}

/** The domain's checks → the domain normalised (NFC, lowercased). */
function check_domain(domain: string): string {
  if (domain.startsWith("[")) throw email_error("A bracketed IP address after the @-sign is not allowed here.");
  const bad = unique([...domain].filter((c) => !DOMAIN_CHAR.test(c)));
  if (bad.length !== 0) throw email_error(`The part after the @-sign contains invalid characters: ${bad.map(character_display).join(", ")}.`);
  const dots = dot_atom_error(domain, "An email address cannot have a {} immediately after the @-sign.", "An email address cannot end with a {}.", true);
  if (dots !== null) throw email_error(dots);
  const normalised = domain.normalize("NFC").toLowerCase();
  for (const label of normalised.split(".")) {
    // A label's length is counted as it goes on the wire (punycode for a name beyond ASCII).
    const ascii = /^[\x00-\x7f]*$/.test(label) ? label : new URL(`http://${label}`).hostname;
    if (ascii.length > 63) {
      const over = ascii.length - 63;
      throw email_error(`After the @-sign, periods cannot be separated by so many characters (${over} character${over === 1 ? "" : "s"} too many).`);
    }
  }
  if (!normalised.includes(".")) throw email_error("The part after the @-sign is not valid. It should have a period.");
  if (SPECIAL_USE_DOMAINS.some((d) => normalised === d || normalised.endsWith(`.${d}`)))
    throw email_error("The part after the @-sign is a special-use or reserved name that cannot be used with email.");
  const tld = normalised.slice(normalised.lastIndexOf(".") + 1);
  if (!/^[a-z\u0080-\u{10FFFF}]/u.test(tld)) throw email_error("The part after the @-sign is not valid. It is not within a valid top-level domain.");
  return normalised;
}

/**
 * `EmailStr`: a `str` field holding an email address, validated and normalised by
 * `validate_email` (`{"type": "string", "format": "email"}` in a JSON Schema).
 */
export class EmailStr {
  static __get_pydantic_core_schema__(): CoreSchema {
    return { type: "function-after", function: (value: string) => validate_email(value), info_arg: false, schema: { type: "str" } };
  }
  static __get_pydantic_json_schema__(): Record<string, unknown> {
    return { type: "string", format: "email" };
  }
}
