/**
 * Generators shared by the HTTP targets: request messages as a browser, a script or an attacker
 * sends them — request targets (origin and absolute form, %-escapes valid and broken, non-ASCII),
 * headers (Host, Cookie, Content-Type with boundaries and charsets, names with "_"), bodies.
 */
import type { HttpRequestMessage } from "../../../src/gateway/wsgi";
import { mutate, repeat_to } from "../mutate";
import { random_name, random_text, type Rng } from "../prng";

/** wsgiref (Django's runserver) refuses a request line over 65,536 bytes with 414. */
export const REQUEST_LINE_LIMIT = 65_536;
/** Django's DATA_UPLOAD_MAX_MEMORY_SIZE: the body a view reads through request.body or POST. */
export const BODY_LIMIT = 2_621_440;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "TRACE", "CONNECT", "X-CUSTOM", ""];

export const TARGET_DICTIONARY = ["/", "//", "%", "%2", "%25", "%2F", "%C3%A9", "%FF", "%00", "?", "&", "=", "#", "+", ";", "..", "./", "\u00e9", "\ud800", "http://", "https://evil.example", ":80", "@", "[::1]", " ", "\t"];

export function random_target(rng: Rng): string {
  let out = rng.chance(0.05) ? rng.pick(["http://", "https://", "ftp://", "HTTP://"]) + rng.pick(["localhost", "testserver", "[::1]:8000", "a.example.com:99", ""]) : "";
  const segments = rng.range(0, 5);
  for (let i = 0; i < segments; i++) out += "/" + (rng.chance(0.7) ? random_name(rng) : random_text(rng, 12));
  if (!out.startsWith("/") && rng.chance(0.9)) out = "/" + out;
  if (rng.chance(0.5)) out += "/";
  if (rng.chance(0.5)) out += "?" + random_query(rng);
  if (rng.chance(0.1)) out += "#" + random_text(rng, 8);
  if (rng.chance(0.3)) out = mutate(rng, out, { dictionary: TARGET_DICTIONARY, max_length: 2000 });
  return out;
}

export function random_query(rng: Rng): string {
  const pairs: string[] = [];
  const n = rng.range(0, 6);
  for (let i = 0; i < n; i++) {
    const key = rng.chance(0.8) ? random_name(rng) : random_text(rng, 6);
    const value = rng.chance(0.5) ? random_name(rng) : random_text(rng, 10);
    pairs.push(rng.chance(0.9) ? `${key}=${value}` : key);
  }
  let q = pairs.join(rng.chance(0.9) ? "&" : ";");
  if (rng.chance(0.3)) q = mutate(rng, q, { dictionary: ["%", "%2", "%ZZ", "%C3", "%A9", "+", "&&", "==", "%00", "%E2%82", "\u00e9"], max_length: 2000 });
  return q;
}

export function random_cookie_header(rng: Rng): string {
  const parts: string[] = [];
  const n = rng.range(0, 5);
  for (let i = 0; i < n; i++) {
    const key = rng.chance(0.8) ? random_name(rng) : random_text(rng, 6);
    const value = rng.pick([random_name(rng), `"${random_text(rng, 8)}"`, random_text(rng, 8), "", '"\\\\012\\"x"']);
    parts.push(rng.chance(0.9) ? `${key}=${value}` : key);
  }
  let h = parts.join(rng.pick(["; ", ";", " ; ", ", "]));
  if (rng.chance(0.3)) h = mutate(rng, h, { dictionary: ["=", ";", '"', "\\", "$Version=1", "Path=/", "expires=Wed, 09 Jun 2021 10:18:14 GMT", "secure", " "], max_length: 2000 });
  return h;
}

const CONTENT_TYPES = [
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=latin-1",
  "application/x-www-form-urlencoded; charset=nope",
  "multipart/form-data; boundary=----b",
  'multipart/form-data; boundary="quoted b"',
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "text/plain; charset=utf-8",
  "application/json",
  "multipart/mixed; boundary=x",
];

export function random_headers(rng: Rng): [string, string][] {
  const headers: [string, string][] = [];
  if (rng.chance(0.8)) headers.push(["Host", rng.pick(["localhost", "testserver", "localhost:8000", "[::1]", "[::1]:80", "evil.example", "a.example.com", "", "x:y:z", random_text(rng, 10)])]);
  if (rng.chance(0.4)) headers.push(["Cookie", random_cookie_header(rng)]);
  if (rng.chance(0.4)) headers.push(["Content-Type", rng.chance(0.8) ? rng.pick(CONTENT_TYPES) : mutate(rng, rng.pick(CONTENT_TYPES), { dictionary: [";", '"', "=", "boundary=", "charset="], max_length: 500 })]);
  if (rng.chance(0.2)) headers.push(["Content-Length", rng.pick(["0", "5", "-1", "99999999999", "abc", "1e3", ""])]);
  const extra = rng.range(0, 3);
  for (let i = 0; i < extra; i++) headers.push([rng.chance(0.8) ? random_name(rng).replace(/^_/, "X") : random_text(rng, 8), random_text(rng, 30)]);
  return headers;
}

/** A multipart body for `boundary`: fields, files, broken parts. */
export function random_multipart(rng: Rng, boundary: string): string {
  const parts: string[] = [];
  const n = rng.range(0, 5);
  for (let i = 0; i < n; i++) {
    const name = rng.chance(0.8) ? random_name(rng) : random_text(rng, 6);
    const file = rng.chance(0.3);
    let head = `Content-Disposition: form-data; name="${name}"${file ? `; filename="${rng.pick(["a.txt", "../../etc/passwd", "", "&#x2F;x", "\u00e9.png", random_text(rng, 8)])}"` : ""}`;
    if (file && rng.chance(0.5)) head += `\r\nContent-Type: ${rng.pick(["text/plain", "image/png; charset=utf-8", "x"])}`;
    if (rng.chance(0.1)) head += "\r\nContent-Transfer-Encoding: base64";
    parts.push(`--${boundary}\r\n${head}\r\n\r\n${rng.chance(0.7) ? random_text(rng, 40) : random_name(rng)}\r\n`);
  }
  let body = parts.join("") + (rng.chance(0.8) ? `--${boundary}--\r\n` : "");
  if (rng.chance(0.4)) body = mutate(rng, body, { dictionary: [`--${boundary}`, "\r\n", "\r\n\r\n", "Content-Disposition: form-data; name=", '"', ";", "--"], max_length: 20_000 });
  return body;
}

export function random_message(rng: Rng): HttpRequestMessage {
  const headers = random_headers(rng);
  const content_type = headers.find(([k]) => k === "Content-Type")?.[1] ?? "";
  const boundary = /boundary="?([^";]*)/.exec(content_type)?.[1] ?? "";
  let body = "";
  if (rng.chance(0.5)) body = content_type.startsWith("multipart/") ? random_multipart(rng, boundary) : random_query(rng);
  return { method: rng.pick(METHODS), target: random_target(rng), headers, body, scheme: rng.chance(0.1) ? "https" : "http" };
}

/** A message with one part at its limit: a long target, a long header, or a big body. */
export function stress_message(rng: Rng, size: number): HttpRequestMessage {
  const message = random_message(rng);
  const r = rng.int(4);
  const fragments = ["\u00e9", "%", "%C3%A9", "a/", "/", "?a=1&", "&", "=", "%FF", "\ud800", "a", ";", '"', "\u4e2d", "%2F..%2F"];
  if (r === 0) message.target = "/" + repeat_to(rng, Math.min(size, REQUEST_LINE_LIMIT - 20), fragments);
  else if (r === 1) message.headers.push([rng.pick(["Cookie", "Content-Type", "X-Long", "Host"]), repeat_to(rng, Math.min(size, REQUEST_LINE_LIMIT), fragments)]);
  else if (r === 2) message.body = repeat_to(rng, Math.min(size, BODY_LIMIT), fragments);
  else message.headers.push(...Array.from({ length: 100 }, (_, i): [string, string] => [i % 2 ? "X-A" : "Cookie", "a=1;".repeat(rng.range(1, 100))]));
  return message;
}

export function message_size(m: HttpRequestMessage): number {
  return Math.max(m.target.length, ...m.headers.map(([k, v]) => k.length + v.length), typeof m.body === "string" ? m.body.length : m.body.length);
}
