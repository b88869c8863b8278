/**
 * django.core.mail.message: an `EmailMessage` (subject, body, sender, recipients, attachments) →
 * the MIME message a backend sends (`message()`). Main classes: `EmailMessage`,
 * `EmailMultiAlternatives`.
 *
 *   const email = new EmailMessage("Hello", "Body", "from@example.com", ["to@example.com"]);
 *   email.message().as_string();   // "Content-Type: text/plain; charset=\"utf-8\"\n…\nSubject: Hello\n…"
 *   email.send();                  // through settings.EMAIL_BACKEND; the number of messages sent
 *
 * Every header goes through `forbid_multi_line_headers`, which refuses a newline (a header
 * injection: "Bcc: …" smuggled into a subject) with BadHeaderError, and encodes non-ASCII text as
 * RFC 2047 words. A UTF-8 body is sent as it is (7bit or 8bit), never base64 (spam filters dislike
 * it) — but quoted-printable when a line is longer than the 998 bytes RFC 5322 allows.
 */
import { settings } from "../../conf";
import { TypeError, ValueError } from "../../../python/builtins";
import { is_bytes, utf8_decode, utf8_encode } from "../../../python/bytes";
import { guess_type } from "../../../python/mimetypes";
import { header_encode } from "../../../python/email/header";
import { MIMEBase, MIMEMessage, MIMEMultipart, MIMEText, Message, encode_base64, type BodyEncoding } from "../../../python/email/message";
import { formataddr, formatdate, getaddresses, make_msgid } from "../../../python/email/utils";
import { DNS_NAME } from "./utils";
import type { BaseEmailBackend } from "./backends/base";

export { make_msgid };

/** The type of an attachment whose type is neither given nor guessable from its name. */
export const DEFAULT_ATTACHMENT_MIME_TYPE = "application/octet-stream";
const RFC5322_EMAIL_LINE_LENGTH_LIMIT = 998;

export class BadHeaderError extends ValueError {}

/** Header names that hold addresses (RFC 5322): their non-ASCII names are encoded address by address. */
const ADDRESS_HEADERS = new Set(["from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender", "resent-to", "resent-cc", "resent-bcc"]);

const is_ascii = (text: string) => /^[\x00-\x7f]*$/.test(text);

/** Python's `repr()` of a str, for the error message. */
function py_repr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}

/** `forbid_multi_line_headers(name, val, encoding)`: refuses newlines, then encodes for the wire. */
export function forbid_multi_line_headers(name: string, val: unknown, encoding: string | null): [string, string] {
  const charset = encoding ?? settings.DEFAULT_CHARSET;
  let value = String(val);
  if (value.includes("\n") || value.includes("\r"))
    throw new BadHeaderError(`Header values can't contain newlines (got ${py_repr(value)} for header ${py_repr(name)})`);
  if (!is_ascii(value)) {
    if (ADDRESS_HEADERS.has(name.toLowerCase())) value = getaddresses([value]).map((addr) => sanitize_address(addr, charset)).join(", ");
    else value = header_encode(value, { charset: "utf-8" });
  } else if (name.toLowerCase() === "subject") {
    value = header_encode(value);
  }
  return [name, value];
}

/** `sanitize_address(addr, encoding)`: one address, its non-ASCII name and local part as encoded words, its domain as punycode. */
export function sanitize_address(addr: string | [string, string], _encoding: string): string {
  const [display_name, address] = typeof addr === "string" ? (getaddresses([addr])[0] ?? ["", ""]) : addr;
  if (!address.includes("@")) throw new ValueError(`Invalid address "${typeof addr === "string" ? addr : address}"`);
  const at = address.lastIndexOf("@");
  let localpart = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (/[\r\n]/.test(display_name + localpart + domain)) throw new ValueError("Invalid address; address parts cannot contain newlines.");
  const name = is_ascii(display_name) ? header_encode(display_name) : header_encode(display_name, { charset: "utf-8" });
  if (!is_ascii(localpart)) localpart = header_encode(localpart, { charset: "utf-8" });
  return formataddr([name, `${localpart}@${punycode(domain)}`]);
}

/** `django.utils.encoding.punycode`: an internationalised domain name in its ASCII form. */
function punycode(domain: string): string {
  return is_ascii(domain) ? domain : new URL(`http://${domain}`).hostname;
}

/** Django's MIME classes set every header through forbid_multi_line_headers. */
export class SafeMIMEText extends MIMEText {
  constructor(
    text: string,
    subtype = "plain",
    readonly encoding: string = "utf-8",
  ) {
    super(text, subtype, encoding, body_encoding_for(text));
  }

  override set(name: string, value: unknown): void {
    super.set(...forbid_multi_line_headers(name, value, this.encoding));
  }
}

/** SafeMIMEText.set_payload's choice: as it is (7bit/8bit), or quoted-printable when a line passes 998 bytes. */
function body_encoding_for(text: string): BodyEncoding {
  const has_long_lines = text.split(/\r\n|\r|\n/).some((line) => utf8_encode(line).length > RFC5322_EMAIL_LINE_LENGTH_LIMIT);
  return has_long_lines ? "quoted-printable" : "7or8bit";
}

export class SafeMIMEMultipart extends MIMEMultipart {
  constructor(
    subtype = "mixed",
    readonly encoding: string | null = null,
  ) {
    super(subtype);
  }

  override set(name: string, value: unknown): void {
    super.set(...forbid_multi_line_headers(name, value, this.encoding));
  }
}

/** A message/rfc822 attachment: RFC 2046 wants its headers in ASCII. */
export class SafeMIMEMessage extends MIMEMessage {
  override set(name: string, value: unknown): void {
    super.set(...forbid_multi_line_headers(name, value, "ascii"));
  }
}

/** `EmailAlternative(content, mimetype)`: another rendering of the body (HTML beside the text). */
export type EmailAlternative = [content: string, mimetype: string];
/** `EmailAttachment(filename, content, mimetype)`. */
export type EmailAttachment = [filename: string | null, content: string | Uint8Array | EmailMessage | Message, mimetype: string];

export type EmailMessageOptions = {
  subject?: string;
  body?: string;
  from_email?: string | null;
  to?: string[] | null;
  bcc?: string[] | null;
  connection?: BaseEmailBackend | null;
  attachments?: (MIMEBase | [string | null, EmailAttachment[1], string | null])[] | null;
  headers?: Record<string, string> | null;
  cc?: string[] | null;
  reply_to?: string[] | null;
};

/** A recipient list must be a list: a lone string would be sent to each of its characters. */
function as_list(name: string, value: string[] | null | undefined): string[] {
  if (!value) return [];
  if (typeof value === "string") throw new TypeError(`"${name}" argument must be a list or tuple`);
  return [...value];
}

export class EmailMessage {
  content_subtype = "plain";
  mixed_subtype = "mixed";
  /** null: settings.DEFAULT_CHARSET. */
  encoding: string | null = null;

  subject: string;
  body: string;
  from_email: string;
  to: string[];
  cc: string[];
  bcc: string[];
  reply_to: string[];
  attachments: (MIMEBase | EmailAttachment)[] = [];
  extra_headers: Record<string, string>;
  connection: BaseEmailBackend | null;

  /** `EmailMessage(subject, body, from_email, to, …)`: positional like Django's first four, the rest as options. */
  /** A lone options object is the keyword-only call (`EmailMessage(subject=…, to=…)`, ADR 0014). */
  constructor(subject: string | EmailMessageOptions = "", body = "", from_email: string | null = null, to: string[] | null = null, options: EmailMessageOptions = {}) {
    if (typeof subject === "object" && subject !== null) {
      options = subject;
      subject = options.subject ?? "";
    }
    this.to = as_list("to", to ?? options.to);
    this.cc = as_list("cc", options.cc);
    this.bcc = as_list("bcc", options.bcc);
    this.reply_to = as_list("reply_to", options.reply_to);
    this.from_email = from_email || options.from_email || settings.DEFAULT_FROM_EMAIL;
    this.subject = subject;
    this.body = body || options.body || "";
    for (const attachment of options.attachments ?? []) {
      if (attachment instanceof MIMEBase) this.attach(attachment);
      else this.attach(...attachment);
    }
    this.extra_headers = options.headers ?? {};
    this.connection = options.connection ?? null;
  }

  /** The backend this message is sent through: the one given, else `get_connection()` (settings.EMAIL_BACKEND). */
  get_connection(fail_silently = false): BaseEmailBackend {
    if (!this.connection) this.connection = get_connection_hook!(null, { fail_silently });
    return this.connection;
  }

  /** `message()`: the MIME message — body part, alternatives, attachments, then the headers in Django's order. */
  message(): Message {
    const encoding = this.encoding ?? settings.DEFAULT_CHARSET;
    const msg = this._create_message(new SafeMIMEText(this.body, this.content_subtype, encoding));
    msg.set("Subject", this.subject);
    msg.set("From", this.header("From") ?? this.from_email);
    this._set_list_header_if_not_empty(msg, "To", this.to);
    this._set_list_header_if_not_empty(msg, "Cc", this.cc);
    this._set_list_header_if_not_empty(msg, "Reply-To", this.reply_to);
    // Header names are case-insensitive (RFC 2045): a "date" in headers= replaces the generated one.
    const names = Object.keys(this.extra_headers).map((k) => k.toLowerCase());
    if (!names.includes("date")) msg.set("Date", formatdate(null));
    if (!names.includes("message-id")) msg.set("Message-ID", make_msgid({ domain: DNS_NAME }));
    for (const [name, value] of Object.entries(this.extra_headers)) {
      if (!["from", "to", "cc", "reply-to"].includes(name.toLowerCase())) msg.set(name, value);
    }
    return msg;
  }

  private header(name: string): string | null {
    return Object.hasOwn(this.extra_headers, name) ? this.extra_headers[name]! : null;
  }

  /** `recipients()`: to + cc + bcc, empty entries dropped — who the backend delivers to. */
  recipients(): string[] {
    return [...this.to, ...this.cc, ...this.bcc].filter((email) => email);
  }

  /** `send(fail_silently=False)`: 0 without recipients (no connection is opened), else the backend's count. */
  send(fail_silently = false): number {
    if (this.recipients().length === 0) return 0;
    return this.get_connection(fail_silently).send_messages([this]) ?? 0;
  }

  /** `attach(filename, content, mimetype)`, or `attach(mime_part)`. Bytes for a text type are decoded as UTF-8, else sent as octet-stream. */
  attach(filename: string | null | MIMEBase = null, content: EmailAttachment[1] | null = null, mimetype: string | null = null): void {
    if (filename instanceof MIMEBase) {
      if (content !== null || mimetype !== null) throw new ValueError("content and mimetype must not be given when a MIMEBase instance is provided.");
      this.attachments.push(filename);
      return;
    }
    if (content === null || content === undefined) throw new ValueError("content must be provided.");
    let type = mimetype || (filename ? guess_type(filename)[0] : null) || DEFAULT_ATTACHMENT_MIME_TYPE;
    if (type.split("/")[0] === "text" && is_bytes(content)) {
      try {
        content = utf8_decode(content);
      } catch {
        type = DEFAULT_ATTACHMENT_MIME_TYPE;
      }
    }
    this.attachments.push([filename, content, type]);
  }

  protected _create_message(msg: Message): Message {
    return this._create_attachments(msg);
  }

  /** With attachments, the body becomes the first part of a multipart/mixed (left out when empty). */
  protected _create_attachments(msg: Message): Message {
    if (this.attachments.length === 0) return msg;
    const mixed = new SafeMIMEMultipart(this.mixed_subtype, this.encoding ?? settings.DEFAULT_CHARSET);
    if (this.body || msg.is_multipart()) mixed.attach(msg);
    for (const attachment of this.attachments) mixed.attach(attachment instanceof MIMEBase ? attachment : this._create_attachment(...attachment));
    return mixed;
  }

  /** text/* as a text part; message/rfc822 as an embedded message (never base64, RFC 2046); anything else base64. */
  protected _create_mime_attachment(content: EmailAttachment[1], mimetype: string): Message {
    const [basetype, subtype] = split_mimetype(mimetype);
    if (basetype === "text") return new SafeMIMEText(String(content), subtype, this.encoding ?? settings.DEFAULT_CHARSET);
    if (basetype === "message" && subtype === "rfc822") {
      if (content instanceof EmailMessage) return new SafeMIMEMessage(content.message(), subtype);
      if (content instanceof Message) return new SafeMIMEMessage(content, subtype);
      throw new TypeError("A message/rfc822 attachment must be an EmailMessage or an email Message here (parsing message text is not supported).");
    }
    const attachment = new MIMEBase(basetype, subtype);
    encode_base64(attachment, typeof content === "string" ? raw_unicode_escape(content) : (content as Uint8Array));
    return attachment;
  }

  /** Adds `Content-Disposition: attachment; filename="…"` (RFC 2231 `filename*=utf-8''…` for a non-ASCII name). */
  protected _create_attachment(filename: string | null, content: EmailAttachment[1], mimetype: string): Message {
    const attachment = this._create_mime_attachment(content, mimetype);
    if (filename) attachment.add_header("Content-Disposition", "attachment", { filename: is_ascii(filename) ? filename : ["utf-8", "", filename] });
    return attachment;
  }

  /** A header from `headers=` wins over the list (`headers={"To": …}` shows another To than the envelope). */
  protected _set_list_header_if_not_empty(msg: Message, header: string, values: string[]): void {
    const given = this.header(header);
    if (given !== null) msg.set(header, given);
    else if (values.length > 0) msg.set(header, values.join(", "));
  }
}

function split_mimetype(mimetype: string): [string, string] {
  const slash = mimetype.indexOf("/");
  if (slash < 0) throw new ValueError("not enough values to unpack (expected 2, got 1)");
  return [mimetype.slice(0, slash), mimetype.slice(slash + 1)];
}

/** How Python turns a str payload into bytes for base64: Latin-1 characters as bytes, others as `\uXXXX`. */
function raw_unicode_escape(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 256) bytes.push(code);
    else for (const c of code > 0xffff ? `\\U${code.toString(16).padStart(8, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`) bytes.push(c.charCodeAt(0));
  }
  return Uint8Array.from(bytes);
}

export type EmailMultiAlternativesOptions = EmailMessageOptions & { alternatives?: EmailAlternative[] | null };

/** An EmailMessage with other renderings of the body: `multipart/alternative` (text first, then HTML). */
export class EmailMultiAlternatives extends EmailMessage {
  alternative_subtype = "alternative";
  alternatives: EmailAlternative[];

  constructor(subject: string | EmailMultiAlternativesOptions = "", body = "", from_email: string | null = null, to: string[] | null = null, options: EmailMultiAlternativesOptions = {}) {
    super(subject, body, from_email, to, options);
    const given = typeof subject === "object" ? subject.alternatives : options.alternatives;
    this.alternatives = (given ?? []).map(([content, mimetype]) => [content, mimetype]);
  }

  /** `attach_alternative(content, mimetype)`: e.g. the HTML version of the text body. */
  attach_alternative(content: string | null, mimetype: string | null): void {
    if (content === null || content === undefined || mimetype === null || mimetype === undefined) throw new ValueError("Both content and mimetype must be provided.");
    this.alternatives.push([content, mimetype]);
  }

  protected override _create_message(msg: Message): Message {
    return this._create_attachments(this._create_alternatives(msg));
  }

  protected _create_alternatives(msg: Message): Message {
    if (this.alternatives.length === 0) return msg;
    const alternative = new SafeMIMEMultipart(this.alternative_subtype, this.encoding ?? settings.DEFAULT_CHARSET);
    if (this.body) alternative.attach(msg);
    for (const [content, mimetype] of this.alternatives) alternative.attach(this._create_mime_attachment(content, mimetype));
    return alternative;
  }

  /** `body_contains(text)`: in the body and in every text/* alternative. */
  body_contains(text: string): boolean {
    if (!this.body.includes(text)) return false;
    return this.alternatives.every(([content, mimetype]) => !mimetype.startsWith("text/") || content.includes(text));
  }
}

/** get_connection lives in django.core.mail (index.ts), which imports this module: it registers itself here. */
let get_connection_hook: ((backend: string | null, options: { fail_silently: boolean }) => BaseEmailBackend) | null = null;
export function _set_get_connection(fn: typeof get_connection_hook): void {
  get_connection_hook = fn;
}
