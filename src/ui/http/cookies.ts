/**
 * The page's cookie jar: Set-Cookie response headers → stored cookies → the Cookie request header,
 * as a browser does it for one host (RFC 6265, the parts a single simulated origin needs).
 * Main functions: `storeSetCookies`, `cookieHeaderFor`.
 */

export interface Cookie {
  name: string;
  value: string;
  path: string;
  /** Epoch milliseconds; null for a session cookie. */
  expires: number | null;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string | null;
}

/** Parse one Set-Cookie header value; null when it has no name=value pair. */
export function parseSetCookie(header: string, requestPath: string, now: number): Cookie | null {
  const [pair, ...attributes] = header.split(";");
  const eq = pair.indexOf("=");
  if (eq < 0) return null;
  const name = pair.slice(0, eq).trim();
  if (!name) return null;
  const cookie: Cookie = { name, value: unquote(pair.slice(eq + 1).trim()), path: defaultPath(requestPath), expires: null, httpOnly: false, secure: false, sameSite: null };
  let maxAgeSeen = false;
  for (const attribute of attributes) {
    const i = attribute.indexOf("=");
    const key = (i < 0 ? attribute : attribute.slice(0, i)).trim().toLowerCase();
    const value = i < 0 ? "" : attribute.slice(i + 1).trim();
    if (key === "path" && value.startsWith("/")) cookie.path = value;
    else if (key === "max-age" && /^-?\d+$/.test(value)) {
      maxAgeSeen = true;
      cookie.expires = now + Number(value) * 1000;
    } else if (key === "expires" && !maxAgeSeen) {
      const t = Date.parse(value);
      if (!Number.isNaN(t)) cookie.expires = t;
    } else if (key === "httponly") cookie.httpOnly = true;
    else if (key === "secure") cookie.secure = true;
    else if (key === "samesite") cookie.sameSite = value || null;
  }
  return cookie;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** RFC 6265 §5.1.4: the directory of the request path. */
function defaultPath(requestPath: string): string {
  const path = requestPath.split("?")[0];
  if (!path.startsWith("/")) return "/";
  const last = path.lastIndexOf("/");
  return last <= 0 ? "/" : path.slice(0, last);
}

/** The jar after a response: set, replace (same name and path), or delete (expired) each cookie. */
export function storeSetCookies(jar: Cookie[], headers: [string, string][], requestPath: string, now: number): Cookie[] {
  let next = jar;
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== "set-cookie") continue;
    const cookie = parseSetCookie(value, requestPath, now);
    if (!cookie) continue;
    next = next.filter((c) => !(c.name === cookie.name && c.path === cookie.path));
    if (cookie.expires === null || cookie.expires > now) next = [...next, cookie];
  }
  return next;
}

function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

/** The Cookie header a browser would send (longest paths first), or null when none apply. */
export function cookieHeaderFor(jar: Cookie[], target: string, scheme: "http" | "https", now: number): string | null {
  const path = target.split("?")[0].split("#")[0] || "/";
  const sent = jar
    .filter((c) => (c.expires === null || c.expires > now) && (!c.secure || scheme === "https") && pathMatches(c.path, path))
    .sort((a, b) => b.path.length - a.path.length);
  return sent.length ? sent.map((c) => `${c.name}=${c.value}`).join("; ") : null;
}

/** The cookies that are still alive at `now`. */
export function liveCookies(jar: Cookie[], now: number): Cookie[] {
  return jar.filter((c) => c.expires === null || c.expires > now);
}
