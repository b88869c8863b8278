/**
 * werkzeug.sansio.utils: the host and URL of a request, without any I/O. `get_host` picks the
 * `Host` header (or the server address), drops the default port and refuses hosts that are not
 * plausible (or not in `trusted_hosts`); `get_current_url` rebuilds `scheme://host/root/path?query`
 * as an IRI.
 */
import { quote } from "../../python/urllib/parse";
import type { Bytes } from "../../python/bytes";
import { SecurityError } from "../exceptions";
import { uri_to_iri } from "../urls";
import { parse_set_header } from "../http";
import { _plain_int } from "../_internal";

const HOST_RE = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::([1-9][0-9]{0,4}))?$/i;

/** The last host found plausible with no trusted list (each request asks about the same host several times). */
let last_plausible_host: string | null = null;

/** `host_is_trusted(hostname, trusted_list=None)` */
export function host_is_trusted(hostname: string | null, trusted_list: string[] | string | null = null): boolean {
  if (!hostname) return false;
  const no_list = !trusted_list || !trusted_list.length;
  if (no_list && hostname === last_plausible_host) return true;
  const m = HOST_RE.exec(hostname);
  if (!m) return false;
  const [, host, port] = m;
  if (port && !(Number(port) >= 1 && Number(port) <= 65535)) return false;
  if (no_list) {
    last_plausible_host = hostname;
    return true;
  }
  for (let ref of typeof trusted_list === "string" ? [trusted_list] : trusted_list!) {
    let suffix_match = false;
    if (ref.startsWith(".")) {
      ref = ref.slice(1);
      suffix_match = true;
    }
    ref = ref.split(":")[0];
    if (ref === host || (suffix_match && host.endsWith(`.${ref}`))) return true;
  }
  return false;
}

/**
 * `get_host(scheme, host_header, server=None, trusted_hosts=None)`: the host (with a non-default
 * port). An implausible host is `""`; one outside `trusted_hosts` is SecurityError.
 */
export function get_host(scheme: string, host_header: string | null, server: [string, number | null] | null = null, trusted_hosts: string[] | null = null): string {
  let host: string;
  if (host_header !== null && host_header !== undefined) host = host_header;
  else if (server !== null && server[1] !== null) {
    host = server[0];
    if (host.includes(":") && host[0] !== "[") host = `[${host}]`;
    host = `${host}:${server[1]}`;
  } else return "";
  if (scheme === "http" || scheme === "ws") host = host.endsWith(":80") ? host.slice(0, -3) : host;
  else if (scheme === "https" || scheme === "wss") host = host.endsWith(":443") ? host.slice(0, -4) : host;
  if (!host_is_trusted(host, trusted_hosts)) {
    if (trusted_hosts && trusted_hosts.length) throw new SecurityError(`Host '${host}' is not trusted.`);
    return "";
  }
  return host;
}

/** `get_current_url(scheme, host, root_path=None, path=None, query_string=None)` */
export function get_current_url(scheme: string, host: string, root_path: string | null = null, path: string | null = null, query_string: Bytes | null = null): string {
  const url = [scheme, "://", host];
  if (root_path === null) {
    url.push("/");
    return uri_to_iri(url.join(""));
  }
  url.push(quote(root_path.replace(/\/+$/, ""), "!$&'()*+,/:;=@%"));
  url.push("/");
  if (path === null) return uri_to_iri(url.join(""));
  url.push(quote(path.replace(/^\/+/, ""), "!$&'()*+,/:;=@%"));
  if (query_string && query_string.length) {
    url.push("?");
    url.push(quote(query_string, "!$&'()*+,/:;=?@%"));
  }
  return uri_to_iri(url.join(""));
}


/** `get_content_length(http_content_length, http_transfer_encoding)`: None when chunked or absent; 0 when invalid. */
export function get_content_length(http_content_length: string | null = null, http_transfer_encoding: string | null = null): number | null {
  if ((http_transfer_encoding !== null && parse_set_header(http_transfer_encoding).has("chunked")) || http_content_length === null) return null;
  try {
    return Math.max(0, _plain_int(http_content_length));
  } catch {
    return 0;
  }
}
