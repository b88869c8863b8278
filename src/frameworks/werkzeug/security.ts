/**
 * werkzeug.security: a password → a salted hash string, and back to a verdict
 * (`generate_password_hash`, `check_password_hash`; `gen_salt` makes the salt).
 *
 *   generate_password_hash("secret")   // "scrypt:32768:8:1$<16-char salt>$<128 hex digits>"
 *   check_password_hash(stored, "secret")  // true
 *
 * Werkzeug 3.1's formats, byte-exact: `scrypt:n:r:p` (the default, 64-byte key) and
 * `pbkdf2:<hash>:<iterations>` (1,000,000 iterations of sha256 by default); the salt is
 * `salt_length` characters of letters and digits; the hash is the key in hex. A hash made here
 * verifies in real Werkzeug and the other way round. The key derivations are @noble/hashes'.
 * Also `safe_join`, which static files are served through.
 */
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import { scrypt } from "@noble/hashes/scrypt.js";
import { sha224, sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { ValueError } from "../python/builtins";
import { utf8_encode } from "../python/bytes";
import { compare_digest } from "../python/hmac";

export const SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const DEFAULT_PBKDF2_ITERATIONS = 1_000_000;

const DIGESTS: Record<string, typeof sha256> = { sha1: sha1 as typeof sha256, sha224: sha224 as typeof sha256, sha256, sha384: sha384 as unknown as typeof sha256, sha512: sha512 as unknown as typeof sha256 };

/** `gen_salt(length)`: `length` random letters and digits (from the platform's CSPRNG). */
export function gen_salt(length: number): string {
  if (length <= 0) throw new ValueError("Salt length must be at least 1.");
  const out: string[] = [];
  const limit = 256 - (256 % SALT_CHARS.length);
  while (out.length < length) {
    const bytes = new Uint8Array(length * 2);
    crypto.getRandomValues(bytes);
    for (const byte of bytes) if (byte < limit && out.length < length) out.push(SALT_CHARS[byte % SALT_CHARS.length]);
  }
  return out.join("");
}

/** hashlib's error for a digest it does not know (a ValueError). */
export class UnsupportedDigestmodError extends ValueError {}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** `_hash_internal(method, salt, password)` → [hex hash, the method string stored with it]. */
export function _hash_internal(method: string, salt: string, password: string): [string, string] {
  const [name, ...args] = method.split(":");
  const salt_bytes = utf8_encode(salt);
  const password_bytes = utf8_encode(password);
  if (name === "scrypt") {
    let n = 2 ** 15;
    let r = 8;
    let p = 1;
    if (args.length) {
      if (args.length !== 3) throw new ValueError("'scrypt' takes 3 arguments.");
      [n, r, p] = args.map((a) => parse_int(a));
    }
    const maxmem = 132 * n * r * p; // Werkzeug's allowance: a little over 128 * n * r * p
    return [hex(scrypt(password_bytes, salt_bytes, { N: n, r, p, dkLen: 64, maxmem })), `scrypt:${n}:${r}:${p}`];
  }
  if (name === "pbkdf2") {
    const len = args.length;
    let hash_name = "sha256";
    let iterations = DEFAULT_PBKDF2_ITERATIONS;
    if (len === 1) hash_name = args[0];
    else if (len === 2) {
      hash_name = args[0];
      iterations = parse_int(args[1]);
    } else if (len > 2) throw new ValueError("'pbkdf2' takes 2 arguments.");
    const digest = DIGESTS[hash_name];
    if (!digest) throw new UnsupportedDigestmodError("[digital envelope routines] unsupported");
    return [hex(pbkdf2(digest, password_bytes, salt_bytes, { c: iterations, dkLen: digest.outputLen })), `pbkdf2:${hash_name}:${iterations}`];
  }
  throw new ValueError(`Invalid hash method '${name}'.`);
}

function parse_int(text: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new ValueError(`invalid literal for int() with base 10: '${text}'`);
  return Number(text);
}

/** `generate_password_hash(password, method="scrypt", salt_length=16)`: `method$salt$hash`. */
export function generate_password_hash(password: string, method = "scrypt", salt_length = 16): string {
  const salt = gen_salt(salt_length);
  const [h, actual_method] = _hash_internal(method, salt, password);
  return `${actual_method}$${salt}$${h}`;
}

/** `check_password_hash(pwhash, password)`: does `password` hash to `pwhash`? A malformed hash is false. */
export function check_password_hash(pwhash: string, password: string): boolean {
  const parts = pwhash.split("$");
  if (parts.length !== 3) return false;
  const [method, salt, hashval] = parts;
  return compare_digest(_hash_internal(method, salt, password)[0], hashval);
}

/** `posixpath.normpath`: `a//b/./c/../d` → `a/b/d` (a leading `..` stays; "" → "."). */
function normpath(path: string): string {
  if (path === "") return ".";
  const initial = path.startsWith("/") ? (path.startsWith("//") && !path.startsWith("///") ? "//" : "/") : "";
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== ".." || (!initial && !out.length) || (out.length && out[out.length - 1] === "..")) out.push(part);
    else if (out.length) out.pop();
  }
  return initial + out.join("/") || ".";
}

/**
 * `safe_join(directory, *pathnames)`: the path of `pathnames` inside `directory`, or null when one
 * would leave it (absolute, `..`, `../x` after normalising).
 */
export function safe_join(directory: string, ...pathnames: string[]): string | null {
  const parts = [directory || "."];
  for (let filename of pathnames) {
    if (filename !== "") filename = normpath(filename);
    if (filename.startsWith("/") || filename === ".." || filename.startsWith("../")) return null;
    parts.push(filename);
  }
  // posixpath.join: each part after a separator.
  return parts.reduce((acc, part) => (part.startsWith("/") ? part : acc === "" || acc.endsWith("/") ? acc + part : `${acc}/${part}`));
}

