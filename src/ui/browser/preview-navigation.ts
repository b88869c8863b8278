/**
 * A validated navigation from the preview → the request a browser would make: the link's URL, or
 * the form's method, action and encoded body (urlencoded, multipart or text/plain), resolved
 * against the page it came from. Links that leave the simulated site are refused.
 */
import { encodeForm, resolveLocation } from "../http/message";
import type { PreviewNavigation } from "./preview-document";

export interface NavigationRequest {
  method: string;
  target: string;
  body: string;
  contentType: string | null;
  initiator: "link" | "form";
}

export function toNavigationRequest(nav: Exclude<PreviewNavigation, { kind: "escape" } | { kind: "fetch" }>, currentTarget: string): NavigationRequest | { refused: string } {
  if (nav.kind === "link") {
    const target = resolveLocation(nav.href, currentTarget);
    return target ? { method: "GET", target, body: "", contentType: null, initiator: "link" } : { refused: `The link to ${nav.href} leaves the simulated site, so it was not followed.` };
  }
  const action = resolveLocation(nav.action || currentTarget, currentTarget);
  if (!action) return { refused: `The form posts to ${nav.action}, outside the simulated site, so it was not sent.` };
  if (nav.method === "get") {
    const path = action.split("?")[0];
    const query = encodeForm(nav.fields);
    return { method: "GET", target: query ? `${path}?${query}` : path, body: "", contentType: null, initiator: "form" };
  }
  if (nav.enctype === "multipart/form-data") {
    const boundary = `----FrameworkLabBoundary${Math.random().toString(36).slice(2, 12)}`;
    return { method: "POST", target: action, body: multipart(nav.fields, boundary), contentType: `multipart/form-data; boundary=${boundary}`, initiator: "form" };
  }
  if (nav.enctype === "text/plain") {
    return { method: "POST", target: action, body: nav.fields.map(([k, v]) => `${k}=${v}\r\n`).join(""), contentType: "text/plain", initiator: "form" };
  }
  return { method: "POST", target: action, body: encodeForm(nav.fields), contentType: "application/x-www-form-urlencoded", initiator: "form" };
}

function multipart(fields: [string, string][], boundary: string): string {
  const escape = (s: string) => s.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"\r\n\r\n${value}\r\n`);
  return parts.join("") + `--${boundary}--\r\n`;
}
