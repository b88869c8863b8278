/**
 * The session's exchanges → a HAR 1.2 log (what browsers' DevTools export), so a session can be
 * opened in any HAR viewer. Requests that never got a response (the deadline, a failed load) are
 * entries with status 0 and a `_error`, as browsers write failed requests. Main function: `toHar`.
 */
import type { Exchange } from "../state/store";
import { bodyBytes, bodyText, header, HOST_HEADER, ORIGIN } from "../http/message";

type NameValue = { name: string; value: string };

export interface HarLog {
  log: { version: "1.2"; creator: { name: string; version: string }; pages: []; entries: HarEntry[] };
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: { method: string; url: string; httpVersion: string; cookies: NameValue[]; headers: NameValue[]; queryString: NameValue[]; postData?: { mimeType: string; text: string }; headersSize: -1; bodySize: number };
  response: { status: number; statusText: string; httpVersion: string; cookies: NameValue[]; headers: NameValue[]; content: { size: number; mimeType: string; text: string }; redirectURL: string; headersSize: -1; bodySize: number };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _initiator: string;
  _error?: string;
}

const pairs = (headers: [string, string][]): NameValue[] => headers.map(([name, value]) => ({ name, value }));

function cookiesOf(headerValue: string | null): NameValue[] {
  if (!headerValue) return [];
  return headerValue.split(/;\s*/).filter(Boolean).map((pair) => ({ name: pair.split("=")[0], value: pair.slice(pair.indexOf("=") + 1) }));
}

function entry(e: Exchange): HarEntry {
  const url = new URL(e.request.target, `${ORIGIN.scheme}://${HOST_HEADER}`);
  const body = bodyText(e.request.body);
  const request: HarEntry["request"] = {
    method: e.request.method,
    url: url.href,
    httpVersion: "HTTP/1.1",
    cookies: cookiesOf(header(e.request.headers, "cookie")),
    headers: pairs(e.request.headers),
    queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
    headersSize: -1,
    bodySize: bodyBytes(e.request.body),
  };
  if (body) request.postData = { mimeType: header(e.request.headers, "content-type") ?? "", text: body };
  const result = e.outcome.kind === "response" ? e.outcome.result.response : null;
  const response: HarEntry["response"] = result
    ? {
        status: result.status,
        statusText: result.reason,
        httpVersion: "HTTP/1.1",
        cookies: result.headers.filter(([k]) => k.toLowerCase() === "set-cookie").map(([, v]) => cookiesOf(v.split(";")[0])[0]).filter(Boolean),
        headers: pairs(result.headers),
        content: { size: bodyBytes(result.body), mimeType: header(result.headers, "content-type") ?? "", text: bodyText(result.body) },
        redirectURL: header(result.headers, "location") ?? "",
        headersSize: -1,
        bodySize: bodyBytes(result.body),
      }
    : { status: 0, statusText: "", httpVersion: "HTTP/1.1", cookies: [], headers: [], content: { size: 0, mimeType: "", text: "" }, redirectURL: "", headersSize: -1, bodySize: 0 };
  const har: HarEntry = { startedDateTime: new Date(e.at - e.ms).toISOString(), time: e.ms, request, response, cache: {}, timings: { send: 0, wait: e.ms, receive: 0 }, _initiator: e.initiator };
  if (e.outcome.kind === "deadline") har._error = "Stopped at the deadline (the runtime was restarted)";
  if (e.outcome.kind === "failed") har._error = `${e.outcome.error.type}: ${e.outcome.error.message}`;
  return har;
}

export function toHar(exchanges: Exchange[], version = "0.1.0"): HarLog {
  return { log: { version: "1.2", creator: { name: "Framework Lab", version }, pages: [], entries: exchanges.filter((e) => !e.socket).map(entry) } };
}
