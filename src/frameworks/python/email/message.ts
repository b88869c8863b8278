/**
 * email.message, email.mime and email.generator (policy compat32): a mail's parts → its text.
 * Main class: `Message`; `Message.as_bytes()` is the generator.
 *
 *   const msg = new MIMEText("Hello", "plain", "utf-8");   // Content-Type, MIME-Version, 7bit
 *   msg.set("Subject", "Hi");
 *   utf8_decode(msg.as_bytes());  // "Content-Type: text/plain; charset=\"utf-8\"\nMIME-Version: 1.0\n…\n\nHello"
 *
 * A message is its headers, in the order they were set, and a payload: text (already in its
 * transfer encoding) or a list of parts. Writing it out folds each header (header.ts), leaves a
 * blank line, then writes the body; a multipart first writes its parts, then picks a boundary
 * (`===============<19 digits>==`) that none of them contains and adds it to its Content-Type.
 */
import { ValueError } from "../builtins";
import { utf8_decode, utf8_encode } from "../bytes";
import { b64encode } from "../base64";
import { fold_header } from "./header";

/** How a text body is put on the wire: as it is (7bit or 8bit), quoted-printable, or base64. */
export type BodyEncoding = "7or8bit" | "quoted-printable" | "base64";

export class Message {
  /** `(name, value)` pairs in the order they were set; names keep their case. */
  headers: [string, string][] = [];
  /** Text in its transfer encoding, or the sub-parts of a multipart (or of a message/rfc822). */
  payload: string | Message[] = "";

  /** `msg[name] = value`: appends a header (a second Subject is a second header, as in Python). */
  set(name: string, value: string): void {
    this.headers.push([name, value]);
  }

  /** `msg[name]`: the first header of that name, case-insensitively, or null. */
  get(name: string): string | null {
    const lower = name.toLowerCase();
    return this.headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  /** `del msg[name]`: removes every header of that name. */
  delete(name: string): void {
    const lower = name.toLowerCase();
    this.headers = this.headers.filter(([n]) => n.toLowerCase() !== lower);
  }

  /** `add_header(name, value, **params)`: `value; key="param"`; a `[charset, language, text]` param is RFC 2231 (`key*=utf-8''…`). */
  add_header(name: string, value: string, params: Record<string, string | [string, string, string]> = {}): void {
    const parts = [value, ...Object.entries(params).map(([key, param]) => format_param(key, param))];
    this.set(name, parts.join("; "));
  }

  is_multipart(): boolean {
    return Array.isArray(this.payload);
  }

  /** `attach(part)`: adds a sub-part to a multipart. */
  attach(part: Message): void {
    if (!Array.isArray(this.payload)) this.payload = [];
    this.payload.push(part);
  }

  /** `get_content_type()`: "text/plain", from the Content-Type header. */
  get_content_type(): string {
    return (this.get("Content-Type") ?? "text/plain").split(";")[0]!.trim().toLowerCase();
  }

  /** `as_bytes(linesep="\n")`: the whole message as the BytesGenerator writes it (UTF-8 text). */
  as_bytes(linesep = "\n"): Uint8Array {
    return utf8_encode(flatten(this, linesep));
  }

  /** `as_string()`: the same text, as a str. */
  as_string(linesep = "\n"): string {
    return utf8_decode(this.as_bytes(linesep));
  }

  toString(): string {
    return this.as_string();
  }
}

/** `MIMEBase(maintype, subtype, **params)`: Content-Type and MIME-Version, no body yet. */
export class MIMEBase extends Message {
  constructor(maintype: string, subtype: string, params: Record<string, string> = {}) {
    super();
    this.add_header("Content-Type", `${maintype}/${subtype}`, params);
    this.set("MIME-Version", "1.0");
  }
}

/** `MIMEText(text, subtype, charset)`: a text part; `body_encoding` is the charset's choice. */
export class MIMEText extends MIMEBase {
  constructor(text: string, subtype = "plain", charset = "utf-8", body_encoding: BodyEncoding = "base64") {
    super("text", subtype, { charset });
    this.set_text(text, body_encoding);
  }

  /** `set_payload(text, charset)`: encodes the text and names the encoding in Content-Transfer-Encoding. */
  set_text(text: string, body_encoding: BodyEncoding): void {
    if (body_encoding === "quoted-printable") this.payload = quopri_body_encode(latin1_of_utf8(text));
    else if (body_encoding === "base64") this.payload = encodebytes(utf8_encode(text));
    else this.payload = text;
    if (this.has("Content-Transfer-Encoding")) return;
    // encode_7or8bit: 7bit when every character is ASCII.
    const cte = body_encoding === "7or8bit" ? (/^[\x00-\x7f]*$/.test(text) ? "7bit" : "8bit") : body_encoding;
    this.set("Content-Transfer-Encoding", cte);
  }
}

/** `MIMEMultipart(subtype)`: a container whose payload is its parts. */
export class MIMEMultipart extends MIMEBase {
  constructor(subtype = "mixed") {
    super("multipart", subtype);
    this.payload = [];
  }
}

/** `MIMEMessage(msg)`: a whole message carried as a part (message/rfc822). */
export class MIMEMessage extends MIMEBase {
  constructor(message: Message, subtype = "rfc822") {
    super("message", subtype);
    this.payload = [message];
  }
}

/** `email.encoders.encode_base64(msg)`: the bytes as base64 lines of 76 characters. */
export function encode_base64(msg: Message, content: Uint8Array): void {
  msg.payload = encodebytes(content);
  msg.set("Content-Transfer-Encoding", "base64");
}

/** `base64.encodebytes`: base64 in lines of 76 characters, each ending in a newline. */
export function encodebytes(bytes: Uint8Array): string {
  const text = b64encode(bytes);
  let out = "";
  for (let i = 0; i < text.length; i += 76) out += text.slice(i, i + 76) + "\n";
  return out;
}

// ---- the generator -------------------------------------------------------------------------

/** `Generator.flatten(msg)`: headers, a blank line, the body. The body is written first (a multipart's boundary is chosen then). */
export function flatten(msg: Message, linesep = "\n"): string {
  const body = Array.isArray(msg.payload) ? (msg.get_content_type().startsWith("multipart/") ? write_multipart(msg, msg.payload, linesep) : msg.payload.map((m) => flatten(m, linesep)).join("")) : write_lines(msg.payload, linesep);
  return msg.headers.map(([name, value]) => fold_header(name, value, linesep)).join("") + linesep + body;
}

function write_lines(text: string, linesep: string): string {
  return text.replace(/\r\n|\r|\n/g, linesep);
}

function write_multipart(msg: Message, parts: Message[], linesep: string): string {
  const texts = parts.map((part) => flatten(part, linesep));
  const boundary = make_boundary(texts.join(linesep));
  set_boundary(msg, boundary);
  let out = `--${boundary}${linesep}`;
  out += texts.join(`${linesep}--${boundary}${linesep}`);
  return out + `${linesep}--${boundary}--${linesep}`;
}

/** `_make_boundary`: 15 "=", a random 19-digit number, "=="; a "." and a counter while the text contains it. */
function make_boundary(text: string): string {
  let digits = "";
  for (let i = 0; i < 19; i++) digits += Math.floor(Math.random() * 10);
  const token = `===============${digits}==`;
  let boundary = token;
  for (let counter = 0; text.includes(`--${boundary}`); counter++) boundary = `${token}.${counter}`;
  return boundary;
}

/** `set_boundary`: the Content-Type header gains `boundary="…"`, in place. */
function set_boundary(msg: Message, boundary: string): void {
  const index = msg.headers.findIndex(([n]) => n.toLowerCase() === "content-type");
  if (index < 0) throw new ValueError("No Content-Type header found");
  const [name, value] = msg.headers[index]!;
  msg.headers[index] = [name, `${value}; boundary="${boundary}"`];
}

// ---- parameters and quoted-printable --------------------------------------------------------

/** `_formatparam`: `key="value"` (quotes and backslashes escaped), or RFC 2231's `key*=charset'lang'%XX…`. */
function format_param(key: string, value: string | [string, string, string]): string {
  if (Array.isArray(value)) {
    const [charset, language, text] = value;
    return `${key}*=${charset}'${language}'${percent_encode(text)}`;
  }
  return `${key}="${value.replace(/[\\"]/g, "\\$&")}"`;
}

/** `urllib.parse.quote(s, safe="")`: every byte but letters, digits and `_.-~` as %XX. */
function percent_encode(text: string): string {
  let out = "";
  for (const byte of utf8_encode(text)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.\-~]/.test(ch) ? ch : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** The text's UTF-8 bytes, one character per byte (what quoprimime works on). */
function latin1_of_utf8(text: string): string {
  let out = "";
  for (const byte of utf8_encode(text)) out += String.fromCharCode(byte);
  return out;
}

/** Printable ASCII but "=", plus space and tab: kept as they are in a quoted-printable body. */
const QP_BODY_SAFE = /[ -<>-~\t\r\n]/;

/**
 * `quoprimime.body_encode(body, maxlinelen=76)`: bytes outside printable ASCII (and "=") become
 * `=XX`; lines longer than 76 columns end in a soft break "="; a space or tab that ends a line is
 * encoded so that it survives.
 */
export function quopri_body_encode(body: string, maxlinelen = 76, eol = "\n"): string {
  if (!body) return body;
  let encoded = "";
  for (const ch of body) encoded += QP_BODY_SAFE.test(ch) ? ch : "=" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
  const soft_break = "=" + eol;
  const out: string[] = [];
  const lines = encoded.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(encoded)) lines.pop();
  for (const line of lines) {
    let start = 0;
    const laststart = line.length - 1 - maxlinelen;
    while (start <= laststart) {
      const stop = start + maxlinelen - 1;
      // Never cut an "=XX" in two.
      if (line[stop - 2] === "=") {
        out.push(line.slice(start, stop - 1));
        start = stop - 2;
      } else if (line[stop - 1] === "=") {
        out.push(line.slice(start, stop));
        start = stop - 1;
      } else {
        out.push(line.slice(start, stop) + "=");
        start = stop;
      }
    }
    const last = line[line.length - 1];
    if (last === " " || last === "\t") {
      const room = start - laststart;
      const quoted = "=" + last.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
      const ending = room >= 3 ? quoted : room === 2 ? last + soft_break : soft_break + quoted;
      out.push(line.slice(start, -1) + ending);
    } else {
      out.push(line.slice(start));
    }
  }
  if (/[\r\n]$/.test(encoded)) out.push("");
  return out.join(eol);
}
