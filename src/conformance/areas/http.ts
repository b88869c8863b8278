/**
 * Replays the `http` area: each case's `input.op` exercises one part of django.http (QueryDict,
 * request parsing and URL helpers, cookies in and out, responses, JSON, redirects) and the result
 * is compared with what Django 5.2 recorded. Settings come from the file (`settings`) and the case
 * (`input.settings`); the clock is frozen at `frozen_now` for cookie expiry.
 */
import type { AreaReplayer, CaseResult, CorpusCase, CorpusFile } from "../area";
import { expect_equal } from "../compare";
import { latin1_decode, latin1_encode, utf8_encode } from "../../frameworks/python/bytes";
import { date, datetime, time, timedelta } from "../../frameworks/python/datetime";
import { Decimal } from "../../frameworks/python/decimal";
import { py_float } from "../../frameworks/python/json";
import { with_frozen_time } from "../../frameworks/python/time";
import { UUID } from "../../frameworks/python/uuid";
import { override_settings, settings } from "../../frameworks/django/conf";
import { WSGIRequest } from "../../frameworks/django/core/handlers/wsgi_request";
import { parse_cookie } from "../../frameworks/django/http/cookie";
import { HttpHeaders, QueryDict } from "../../frameworks/django/http/request";
import { HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse } from "../../frameworks/django/http/response";

type Json = any;

/** `{"error": ClassName, "message": str(exc)}` */
function error_of(e: unknown): Json {
  if (e instanceof Error) return { error: e.name || e.constructor.name, message: e.message };
  return { error: "Exception", message: String(e) };
}

function attempt(fn: () => Json): Json {
  try {
    return fn();
  } catch (e) {
    return error_of(e);
  }
}

/** A QueryDict as the corpus records one: lists, last-value dict, urlencode(). */
function querydict_state(qd: QueryDict): Json {
  return { lists: qd.lists().map(([k, v]) => [k, [...v]]), dict: qd.dict(), urlencode: qd.urlencode() };
}

function replay_querydict(input: Json): Json {
  const qd = new QueryDict(input.query_string, { encoding: input.encoding ?? null });
  const state = querydict_state(qd);
  if (input.urlencode_safe !== undefined) state.urlencode_safe = qd.urlencode(input.urlencode_safe);
  return state;
}

/** One `[name, args…]` operation of a `querydict_ops` case; returns the new dict for `copy`. */
function run_querydict_op(qd: QueryDict, [name, ...args]: [string, ...Json[]]): [Json, QueryDict] {
  switch (name) {
    case "setitem": return [qd.setitem(args[0], args[1]), qd];
    case "getitem": return [qd.getitem(args[0]), qd];
    case "get": return [qd.get(args[0], args.length > 1 ? args[1] : null), qd];
    case "getlist": return [qd.getlist(args[0], args.length > 1 ? args[1] : null), qd];
    case "setlist": return [qd.setlist(args[0], args[1]), qd];
    case "appendlist": return [qd.appendlist(args[0], args[1]), qd];
    case "setlistdefault": return [qd.setlistdefault(args[0], args.length > 1 ? args[1] : null), qd];
    case "setdefault": return [qd.setdefault(args[0], args.length > 1 ? args[1] : null), qd];
    case "update": return [qd.update(args[0]), qd];
    case "pop": return [args.length > 1 ? qd.pop(args[0], args[1]) : qd.pop(args[0]), qd];
    case "delitem": return [qd.delitem(args[0]), qd];
    case "contains": return [qd.has(args[0]), qd];
    case "clear": return [qd.clear(), qd];
    case "copy": return [null, qd.copy()];
    case "urlencode": return [qd.urlencode(args[0] ?? null), qd];
    case "lists": return [qd.lists(), qd];
    case "items": return [qd.items(), qd];
    case "len": return [qd.length, qd];
    default: throw new Error(`unknown querydict op ${name}`);
  }
}

function replay_querydict_ops(input: Json): Json {
  let qd = new QueryDict(input.query_string ?? null, { mutable: input.mutable ?? true });
  const results: Json[] = [];
  for (const op of input.ops) {
    try {
      const [result, next] = run_querydict_op(qd, op);
      qd = next;
      results.push({ result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
    } catch (e) {
      results.push(error_of(e));
    }
  }
  return { results, final: querydict_state(qd) };
}

/** A WSGI environ built as Django's RequestFactory builds one (see FORMAT.md, `request` op). */
function build_environ(input: Json, body: Uint8Array = new Uint8Array(0)): Record<string, any> {
  const target: string = input.path ?? "/";
  const q = target.indexOf("?");
  const path = q >= 0 ? target.slice(0, q) : target;
  const query = q >= 0 ? target.slice(q + 1) : "";
  let offset = 0;
  const environ: Record<string, any> = {
    REQUEST_METHOD: String(input.method ?? "GET").toUpperCase(),
    PATH_INFO: percent_decode_to_latin1(path),
    QUERY_STRING: latin1_decode(utf8_encode(query)),
    SCRIPT_NAME: "",
    SERVER_NAME: "testserver",
    SERVER_PORT: input.secure ? "443" : "80",
    SERVER_PROTOCOL: "HTTP/1.1",
    REMOTE_ADDR: "127.0.0.1",
    "wsgi.url_scheme": input.secure ? "https" : "http",
    "wsgi.input": {
      read(size?: number | null) {
        const end = size === undefined || size === null || size < 0 ? body.length : Math.min(body.length, offset + size);
        const chunk = body.subarray(offset, end);
        offset = end;
        return chunk;
      },
    },
  };
  return Object.assign(environ, input.environ ?? {});
}

/** Percent-escapes decoded to bytes, those bytes read as Latin-1 (the WSGI PATH_INFO rule). */
function percent_decode_to_latin1(raw: string): string {
  const bytes: number[] = [];
  const utf8 = utf8_encode(raw);
  for (let i = 0; i < utf8.length; i++) {
    const hex = String.fromCharCode(utf8[i + 1] ?? 0, utf8[i + 2] ?? 0);
    if (utf8[i] === 0x25 && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(utf8[i]);
  }
  return latin1_decode(new Uint8Array(bytes));
}

function replay_post_body(input: Json): Json {
  const body = latin1_encode(input.body ?? "");
  const environ = build_environ({ ...input, method: input.method ?? "POST", path: input.path ?? "/" }, body);
  environ.CONTENT_TYPE = input.content_type;
  environ.CONTENT_LENGTH = String(body.length);
  const request = new WSGIRequest(environ);
  const post = request.POST.lists();
  return { POST: post, GET: request.GET.lists() };
}

function replay_request(input: Json): Json {
  const request = new WSGIRequest(build_environ(input));
  return {
    path: request.path,
    path_info: request.path_info,
    method: request.method,
    get_full_path: request.get_full_path(),
    get_full_path_slash: request.get_full_path(true),
    get_full_path_info: request.get_full_path_info(),
    GET: request.GET.lists(),
    scheme: request.scheme,
    is_secure: request.is_secure(),
    get_port: request.get_port(),
    get_host: attempt(() => request.get_host()),
    build_absolute_uri: (input.absolute_uri ?? []).map((loc: string | null) => [loc, attempt(() => request.build_absolute_uri(loc))]),
  };
}

function replay_request_headers(input: Json): Json {
  const headers = new HttpHeaders(input.meta);
  return { items: headers.items(), lookups: input.lookups.map((name: string) => [name, headers.get(name)]) };
}

/** Tagged corpus values (`{"$datetime": iso}` …) as the Python values they stand for. */
function untag(value: Json): Json {
  if (Array.isArray(value)) return value.map(untag);
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0].startsWith("$")) {
    const v = value[keys[0]];
    switch (keys[0]) {
      case "$datetime": return datetime.fromisoformat(v);
      case "$date": return date.fromisoformat(v);
      case "$time": return time.fromisoformat(v);
      case "$decimal": return new Decimal(v);
      case "$uuid": return new UUID(v);
      case "$float": return py_float(Number(v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v));
      case "$timedelta": return new timedelta(v);
      case "$tuple": return v.map(untag);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, untag(value[k])]));
}

function replay_cookies(input: Json): Json {
  const frozen = datetime.fromisoformat(input.frozen_now).timestamp();
  return with_frozen_time(frozen, () => {
    const response = new HttpResponse();
    for (const call of input.calls) {
      const { method, key, value, ...options } = untag(call);
      if (method === "set_cookie") response.set_cookie(key, value ?? "", options);
      else response.delete_cookie(key, options);
    }
    return { set_cookie: response.cookies.values().map((m) => m.OutputString()) };
  });
}

function replay_json_response(input: Json): Json {
  const options: Json = {};
  if (input.safe !== undefined) options.safe = input.safe;
  if (input.json_dumps_params !== undefined) options.json_dumps_params = input.json_dumps_params;
  if (input.status !== undefined) options.status = input.status;
  const response = new JsonResponse(untag(input.data), options);
  return { status: response.status_code, content_type: response.get("Content-Type"), body: response.text };
}

function replay_response_status(input: Json): Json {
  const response = new HttpResponse("", { status: input.status ?? null, reason: input.reason ?? null });
  return { status_code: response.status_code, reason_phrase: response.reason_phrase };
}

function replay_response_content(input: Json): Json {
  const response = new HttpResponse(input.content, { content_type: input.content_type ?? null, charset: input.charset ?? null });
  for (const [name, value] of input.set_headers ?? []) response.set(name, value);
  const hex = [...response.content].map((b) => b.toString(16).padStart(2, "0")).join("");
  return { content_hex: hex, charset: response.charset, headers: response.items() };
}

function replay_redirect(input: Json): Json {
  const cls = input.permanent ? HttpResponsePermanentRedirect : HttpResponseRedirect;
  const response = new cls(input.url);
  return { status: response.status_code, location: response.get("Location"), url: response.url };
}

const OPS: Record<string, (input: Json) => Json> = {
  querydict: replay_querydict,
  querydict_ops: replay_querydict_ops,
  post_body: replay_post_body,
  parse_cookie: (input) => ({ cookies: Object.entries(parse_cookie(input.header)) }),
  cookies: replay_cookies,
  json_response: replay_json_response,
  response_status: replay_response_status,
  response_content: replay_response_content,
  request_headers: replay_request_headers,
  request: replay_request,
  redirect: replay_redirect,
};

export const replayer: AreaReplayer = {
  prepare(file: CorpusFile) {
    if (!settings.configured) settings.configure({ SECRET_KEY: "conformance-http" });
    const file_settings = file.settings ?? {};
    return (c: CorpusCase): CaseResult => {
      const op = OPS[c.input.op];
      if (!op) return { passed: false, message: `unknown http op '${c.input.op}'` };
      const actual = override_settings({ ...file_settings, ...(c.input.settings ?? {}) }, () => attempt(() => op(c.input)));
      return expect_equal(actual, c.expect);
    };
  },
};
