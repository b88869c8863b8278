/**
 * Permalinks: what a learner shares (a scenario with its edited files, its scripted requests, the
 * selected request and trace step) ↔ the URL hash `#v1.<base64url of zlib-compressed JSON>`.
 * Main functions: `encodePermalink`, `decodePermalink`.
 *
 * The prefix names the format version, and a decoder is kept here for every version ever issued,
 * so old links keep opening. A link comes from anyone: every failure (not a link, a newer version,
 * damaged or cut-off text, an invalid scenario) is a `PermalinkError` whose message the page shows
 * as it is. Pure (no DOM): the page and the Vitest tests in Node share it.
 */
import { strFromU8, strToU8, Unzlib, zlibSync } from "fflate";
import { parse_scenario, ScenarioFormatError, type Scenario } from "../../scenarios/format";

/** The version `encodePermalink` writes. */
export const PERMALINK_VERSION = 1;

/** Chat tools and some browsers cut links longer than this: offer a file instead. */
export const LONG_LINK_CHARS = 8000;

/** What a permalink carries. */
export interface SharedState {
  scenario: Scenario;
  /** Index into `scenario.requests` of the request in the address bar, or null. */
  request: number | null;
  /** The step of the trace the Step panel showed, or null. */
  step: number | null;
}

export class PermalinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermalinkError";
  }
}

/** SharedState → the text after `#` (`v1.…`). */
export function encodePermalink(state: SharedState): string {
  const json = JSON.stringify({ scenario: state.scenario, request: state.request, step: state.step });
  return `v${PERMALINK_VERSION}.${toBase64Url(zlibSync(strToU8(json), { level: 9 }))}`;
}

/** Does this hash look like a permalink at all (so the page should try to open it)? */
export function isPermalinkHash(hash: string): boolean {
  return /^#?v\d+\./.test(hash);
}

/** The text after `#` (with or without the `#`) → SharedState; throws PermalinkError. */
export function decodePermalink(hash: string): SharedState {
  const text = hash.replace(/^#/, "");
  const m = /^v(\d+)\.([\s\S]*)$/.exec(text);
  if (!m) throw new PermalinkError("This is not a Framework Lab link: it should start with #v1.");
  const version = Number(m[1]);
  const decoder = DECODERS[version];
  if (!decoder) {
    if (version > PERMALINK_VERSION)
      throw new PermalinkError(`This link was made by a newer version of Framework Lab (format v${version}; this page reads up to v${PERMALINK_VERSION}). Reload the page to get the newest version.`);
    throw new PermalinkError(`This link's format (v${version}) is not one Framework Lab ever issued.`);
  }
  return decoder(m[2]);
}

/** One decoder per version ever issued. Never change an old one: add a new version instead. */
const DECODERS: Record<number, (payload: string) => SharedState> = {
  1: decodeV1,
};

function decodeV1(payload: string): SharedState {
  const data = parseJson(inflate(fromBase64Url(payload)));
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw damaged("it holds no scenario");
  const o = data as Record<string, unknown>;
  let scenario: Scenario;
  try {
    scenario = parse_scenario(o.scenario);
  } catch (e) {
    if (e instanceof ScenarioFormatError) throw new PermalinkError(`This link's scenario is not valid: ${e.message}.`);
    throw e;
  }
  return { scenario, request: index(o.request, scenario.requests.length, "request"), step: index(o.step, Infinity, "step") };
}

function index(value: unknown, length: number, what: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= length) throw damaged(`its selected ${what} (${String(value)}) does not exist`);
  return value;
}

function damaged(why: string): PermalinkError {
  return new PermalinkError(`This link is damaged (${why}). It may have been cut off when it was copied: ask for the whole link, or for the scenario as a .json file.`);
}

/**
 * What a link may inflate to. The largest valid scenario is 2,000,000 characters of files
 * (LIMITS.total_chars), at most 3 bytes each in UTF-8, plus its JSON: 16 MiB is beyond any of
 * them. A decompression bomb (958 kB of link, 700 MB of output) stops here, after 16 MiB.
 */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

class TooLarge extends Error {}

/** zlib → bytes, streamed a kilobyte of input at a time so the output can be counted and cut off. */
function inflate_capped(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > MAX_INFLATED_BYTES) throw new TooLarge();
    chunks.push(chunk);
  });
  for (let i = 0; i < bytes.length; i += 1024) stream.push(bytes.subarray(i, i + 1024), i + 1024 >= bytes.length);
  if (bytes.length === 0) stream.push(bytes, true);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function inflate(bytes: Uint8Array): string {
  let out: Uint8Array;
  try {
    out = inflate_capped(bytes);
  } catch (e) {
    if (e instanceof TooLarge) throw new PermalinkError(`This link is too large: it unpacks to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB, more than any scenario can hold. It was not opened.`);
    throw damaged("its data does not decompress");
  }
  if (bytes.length < 6 || readUint32(bytes, bytes.length - 4) !== adler32(out)) throw damaged("its checksum does not match");
  try {
    return strFromU8(out);
  } catch {
    throw damaged("its text is not UTF-8");
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw damaged("its data is not JSON");
  }
}

/** Adler-32 (RFC 1950), the checksum a zlib stream ends with. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 3800, bytes.length);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

/** base64url without padding; chunked, as a spread of a large array overflows the stack (NOTES-stack trap 13). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw damaged("it contains characters a link of this kind never has");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
