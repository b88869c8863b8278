/**
 * The simulated browser's WebSockets, on the page's side: a client's URL → the upgrade request a
 * browser sends (Host, Origin, the offered subprotocols, the site's cookies); a server event → a
 * line of the client's log; a URL a Preview page passed to `new WebSocket(…)` → a path on the
 * simulated site, or a refusal.
 */
import type { HttpRequestMessage, WebSocketServerEvent } from "../../runtime/protocol";
import type { FrameEntry } from "../state/store";
import { HOST_HEADER, ORIGIN } from "./message";

/** The page's own origin, which a browser sends as `Origin` with a WebSocket handshake. */
export const PAGE_ORIGIN = `${ORIGIN.scheme}://${HOST_HEADER}`;

/** The handshake `new WebSocket("ws://localhost:8000" + target, subprotocols)` sends from a page of the site. */
export function upgradeRequest(target: string, subprotocols: string[], cookie: string | null): HttpRequestMessage {
  const headers: [string, string][] = [
    ["Host", HOST_HEADER],
    ["Origin", PAGE_ORIGIN],
    ["Upgrade", "websocket"],
    ["Connection", "Upgrade"],
    ["Sec-WebSocket-Version", "13"],
    ["Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="],
  ];
  if (subprotocols.length) headers.push(["Sec-WebSocket-Protocol", subprotocols.join(", ")]);
  if (cookie) headers.push(["Cookie", cookie]);
  return { method: "GET", target, headers, body: "", scheme: ORIGIN.scheme, server_name: ORIGIN.host, server_port: ORIGIN.port, remote_addr: "127.0.0.1" };
}

/** A server event → one line of the client's log. */
export function entryOf(event: WebSocketServerEvent, id: number, exchange: number | null): FrameEntry {
  switch (event.type) {
    case "accept":
      return { id, dir: "in", kind: "accept", text: event.subprotocol ? `subprotocol ${event.subprotocol}` : "", exchange };
    case "text":
      return { id, dir: "in", kind: "text", text: event.text, exchange };
    case "bytes":
      return { id, dir: "in", kind: "bytes", size: event.bytes.length, hex: hex(event.bytes), exchange };
    case "close":
      return { id, dir: "in", kind: "close", code: event.code, reason: event.reason, exchange };
    case "http_response":
      return { id, dir: "in", kind: "refused", code: event.response.status, text: `HTTP ${event.response.status} ${event.response.reason}`, exchange };
  }
}

/** The first 32 bytes in hex, for a binary frame's log line. */
export function hex(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, 32), (b) => b.toString(16).padStart(2, "0")).join(" ");
  return bytes.length > 32 ? `${shown} …` : shown;
}

/** Text typed in the composer's hex mode ("00 ff 10") → bytes; null when it is not hex. */
export function parseHex(text: string): Uint8Array | null {
  const digits = text.replace(/\s+/g, "");
  if (digits.length % 2 || !/^[0-9a-fA-F]*$/.test(digits)) return null;
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** Does the text look like JSON an object or array (the log shows it formatted)? */
export function asJson(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A URL a Preview page gave `new WebSocket(url)` → the path it opens on the simulated site.
 * The Preview's document has no host of its own (it is a sandboxed `srcdoc`), so the tutorial's
 * `"ws://" + window.location.host + "/ws/chat/…"` arrives as `ws:///ws/chat/…`: read as this site.
 * Relative URLs resolve against the page; a URL naming another host is refused.
 */
export function socketTarget(url: string, pageTarget: string): { target: string } | { refused: string } {
  const hostless = /^wss?:\/\/\/(.*)$/i.exec(url);
  if (hostless) return { target: `/${hostless[1]}` };
  let parsed: URL;
  try {
    parsed = new URL(url, `${PAGE_ORIGIN}${pageTarget}`);
  } catch {
    return { refused: `new WebSocket(${JSON.stringify(url)}): not a URL.` };
  }
  const scheme = parsed.protocol.replace(":", "");
  if (!["ws", "wss", "http", "https"].includes(scheme)) return { refused: `new WebSocket(${JSON.stringify(url)}): only ws:// and wss:// URLs open a WebSocket.` };
  const host = parsed.host.toLowerCase();
  if (host !== HOST_HEADER && host !== ORIGIN.host) return { refused: `new WebSocket(${JSON.stringify(url)}) leaves the simulated site (only ${HOST_HEADER} is served here), so it was not opened.` };
  return { target: `${parsed.pathname}${parsed.search}` };
}
