"""Record what Django 5.2.17 answers for many generated `http` cases, in the corpus's format.

Run: /work/.venv-ref/bin/python tests/frameworks/django/http/http_recorded.py [SEED COUNT OUT]
With no arguments it writes http.recorded.json beside this file (committed; http_recorded.test.ts
replays every case through src/conformance/areas/http.ts, so CI needs no Python).

Each case is an `input` exactly as FORMAT.md part A "http" describes it (`op` = querydict,
querydict_ops, post_body, parse_cookie, cookies, json_response, response_status, response_content,
request_headers, request, redirect) and `expect` is Django's answer, or `{"error", "message"}`.
The inputs are drawn from a seeded generator aimed at the edges: percent-escapes and invalid
UTF-8, repeated and blank keys, multipart bodies, cookie values that need quoting, frozen-clock
expiry, DjangoJSONEncoder's types, header encodings, hosts and proxies, unsafe redirects.
"""
import datetime
import decimal
import json
import os
import random
import sys
import uuid
from http.cookies import SimpleCookie
from types import SimpleNamespace
from unittest import mock

import django
from django.conf import settings

FILE_SETTINGS = {"DEBUG": False, "ALLOWED_HOSTS": ["testserver", "example.com", ".sub.example.org", "[::1]", "localhost"],
                 "ROOT_URLCONF": None, "INSTALLED_APPS": [], "USE_TZ": True, "TIME_ZONE": "UTC",
                 "DEFAULT_CHARSET": "utf-8", "DATA_UPLOAD_MAX_NUMBER_FIELDS": 1000}
settings.configure(SECRET_KEY="http-recorded", **FILE_SETTINGS)
django.setup()
import django.http.response as response_module  # noqa: E402
from django.core.handlers.wsgi import WSGIRequest  # noqa: E402
from django.http import (HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect,  # noqa: E402
                         JsonResponse, QueryDict)
from django.http.cookie import parse_cookie  # noqa: E402
from django.http.request import HttpHeaders  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FROZEN_NOW = "2025-01-01T00:00:00.500000+00:00"
FROZEN = datetime.datetime.fromisoformat(FROZEN_NOW)


# --- The harness: one function per op, as src/conformance/areas/http.ts replays it ----------------

def error_of(exc):
    return {"error": type(exc).__name__, "message": str(exc)}


def attempt(fn):
    try:
        return fn()
    except Exception as exc:  # every failure is part of the answer
        return error_of(exc)


def querydict_state(qd):
    return {"lists": [[k, list(v)] for k, v in qd.lists()], "dict": qd.dict(), "urlencode": qd.urlencode()}


def op_querydict(i):
    qd = QueryDict(i["query_string"], encoding=i.get("encoding"))
    state = querydict_state(qd)
    if "urlencode_safe" in i:
        state["urlencode_safe"] = qd.urlencode(safe=i["urlencode_safe"])
    return state


def run_querydict_op(qd, name, args):
    if name == "setitem":
        qd[args[0]] = args[1]
    elif name == "getitem":
        return qd[args[0]]
    elif name == "contains":
        return args[0] in qd
    elif name == "delitem":
        del qd[args[0]]
    elif name == "len":
        return len(qd)
    elif name in ("lists", "items"):
        return [list(pair) for pair in getattr(qd, name)()]
    elif name == "urlencode":
        return qd.urlencode(*args)
    elif name == "pop":
        return qd.pop(*args)
    else:
        return getattr(qd, name)(*args)


def op_querydict_ops(i):
    qd = QueryDict(i.get("query_string"), mutable=i.get("mutable", True))
    results = []
    for name, *args in i["ops"]:
        try:
            if name == "copy":
                qd = qd.copy()
                results.append({"result": None})
            else:
                results.append({"result": json.loads(json.dumps(run_querydict_op(qd, name, args)))})
        except Exception as exc:
            results.append(error_of(exc))
    return {"results": results, "final": querydict_state(qd)}


def build_environ(i, body=b""):
    from io import BytesIO
    from urllib.parse import unquote_to_bytes
    target = i.get("path", "/")
    path, _, query = target.partition("?")
    environ = {
        "REQUEST_METHOD": str(i.get("method", "GET")).upper(),
        "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
        "QUERY_STRING": query.encode("utf-8").decode("latin-1"),
        "SCRIPT_NAME": "", "SERVER_NAME": "testserver", "SERVER_PORT": "443" if i.get("secure") else "80",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https" if i.get("secure") else "http", "wsgi.input": BytesIO(body),
    }
    environ.update(i.get("environ", {}))
    return environ


def op_post_body(i):
    body = i.get("body", "").encode("latin-1")
    environ = build_environ({**i, "method": i.get("method", "POST"), "path": i.get("path", "/")}, body)
    environ["CONTENT_TYPE"] = i["content_type"]
    environ["CONTENT_LENGTH"] = str(len(body))
    request = WSGIRequest(environ)
    post = [[k, list(v)] for k, v in request.POST.lists()]
    return {"POST": post, "GET": [[k, list(v)] for k, v in request.GET.lists()]}


def op_request(i):
    request = WSGIRequest(build_environ(i))
    return {
        "path": request.path, "path_info": request.path_info, "method": request.method,
        "get_full_path": request.get_full_path(), "get_full_path_slash": request.get_full_path(force_append_slash=True),
        "get_full_path_info": request.get_full_path_info(), "GET": [[k, list(v)] for k, v in request.GET.lists()],
        "scheme": request.scheme, "is_secure": request.is_secure(), "get_port": request.get_port(),
        "get_host": attempt(request.get_host),
        "build_absolute_uri": [[loc, attempt(lambda: request.build_absolute_uri(loc))] for loc in i.get("absolute_uri", [])],
    }


def op_request_headers(i):
    headers = HttpHeaders(i["meta"])
    return {"items": [list(p) for p in headers.items()], "lookups": [[n, headers.get(n)] for n in i["lookups"]]}


def untag(value):
    if isinstance(value, list):
        return [untag(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1 and next(iter(value)).startswith("$"):
        tag, v = next(iter(value.items()))
        return {
            "$datetime": lambda: datetime.datetime.fromisoformat(v), "$date": lambda: datetime.date.fromisoformat(v),
            "$time": lambda: datetime.time.fromisoformat(v), "$decimal": lambda: decimal.Decimal(v),
            "$uuid": lambda: uuid.UUID(v), "$float": lambda: float(v), "$timedelta": lambda: datetime.timedelta(**v),
            "$tuple": lambda: tuple(untag(x) for x in v),
        }[tag]()
    return {k: untag(v) for k, v in value.items()}


class AnyDatetime(type):
    """Lets a real datetime pass `isinstance(expires, datetime.datetime)` against the frozen class."""

    def __instancecheck__(cls, instance):
        return isinstance(instance, datetime.datetime)


class FrozenDatetime(datetime.datetime, metaclass=AnyDatetime):
    @classmethod
    def now(cls, tz=None):
        return FROZEN if tz is not None else FROZEN.replace(tzinfo=None)


FROZEN_DATETIME_MODULE = SimpleNamespace(datetime=FrozenDatetime, timezone=datetime.timezone, timedelta=datetime.timedelta)


def op_cookies(i):
    with mock.patch.object(response_module, "datetime", FROZEN_DATETIME_MODULE), \
            mock.patch.object(response_module.time, "time", lambda: FROZEN.timestamp()):
        response = HttpResponse()
        for call in i["calls"]:
            call = untag(call)
            method, key = call.pop("method"), call.pop("key")
            if method == "set_cookie":
                response.set_cookie(key, call.pop("value", ""), **call)
            else:
                response.delete_cookie(key, **call)
        return {"set_cookie": [m.OutputString() for m in response.cookies.values()]}


def op_json_response(i):
    kwargs = {k: i[k] for k in ("safe", "json_dumps_params", "status") if k in i}
    response = JsonResponse(untag(i["data"]), **kwargs)
    return {"status": response.status_code, "content_type": response["Content-Type"], "body": response.content.decode()}


def op_response_status(i):
    response = HttpResponse(status=i.get("status"), reason=i.get("reason"))
    return {"status_code": response.status_code, "reason_phrase": response.reason_phrase}


def op_response_content(i):
    response = HttpResponse(i["content"], content_type=i.get("content_type"), charset=i.get("charset"))
    for name, value in i.get("set_headers", []):
        response[name] = value
    return {"content_hex": response.content.hex(), "charset": response.charset, "headers": [list(p) for p in response.items()]}


def op_redirect(i):
    cls = HttpResponsePermanentRedirect if i.get("permanent") else HttpResponseRedirect
    response = cls(i["url"])
    return {"status": response.status_code, "location": response["Location"], "url": response.url}


OPS = {"querydict": op_querydict, "querydict_ops": op_querydict_ops, "post_body": op_post_body,
       "parse_cookie": lambda i: {"cookies": [list(p) for p in parse_cookie(i["header"]).items()]},
       "cookies": op_cookies, "json_response": op_json_response, "response_status": op_response_status,
       "response_content": op_response_content, "request_headers": op_request_headers, "request": op_request,
       "redirect": op_redirect}


def record(i):
    with override_settings(**i.get("settings", {})):
        return attempt(lambda: OPS[i["op"]](i))


# --- The generators ------------------------------------------------------------------------------

R = random.Random(0)


def pick(seq):
    return R.choice(seq)


def some(seq, lo=0, hi=4):
    return [pick(seq) for _ in range(R.randint(lo, hi))]


QS_KEYS = ["a", "b", "", "a b", "a+b", "a%20b", "%E9", "caf%C3%A9", "é", "k[]", "%zz", "%", "x%2", "?q", "a.b", "A", "☃", "%00"]
QS_VALUES = ["1", "", "two+words", "a%2Bb", "%FF%FE", "%C3%A9", "é", "x=y", "1;2", " sp ", "%2", "%", "#f", "/p?q", "%E9", "a%26b", "\t", "+%2B+"]
QS_SEPARATORS = ["&", "&", "&", "&&", ";", "&amp;"]


def query_string():
    parts = []
    for _ in range(R.randint(0, 5)):
        shape = R.random()
        key = pick(QS_KEYS)
        parts.append(key if shape < 0.12 else f"{key}={pick(QS_VALUES)}" if shape < 0.9 else f"{key}=={pick(QS_VALUES)}")
    text = ""
    for n, part in enumerate(parts):
        text += (pick(QS_SEPARATORS) if n else "") + part
    return text


def gen_querydict():
    i = {"op": "querydict", "query_string": query_string()}
    if R.random() < 0.2:
        i["encoding"] = pick(["latin-1", "utf-8", "cp1252", "iso-8859-15"])
    if R.random() < 0.3:
        i["urlencode_safe"] = pick(["/", "&", "/?:@", "é", "%", "+", " "])
    if R.random() < 0.08:
        count = pick([3, 4, 5])
        i["settings"] = {"DATA_UPLOAD_MAX_NUMBER_FIELDS": count}
        i["query_string"] = "&".join(f"f{n}=1" for n in range(R.randint(count - 1, count + 2)))
    return i


OP_NAMES = ["setitem", "getitem", "get", "getlist", "setlist", "appendlist", "setlistdefault", "setdefault", "update",
            "pop", "delitem", "contains", "clear", "copy", "urlencode", "lists", "items", "len"]
OP_KEYS = ["a", "b", "z", "", "é"]
OP_VALUES = ["1", "x", "", "a b", "c&d", "é", "/p?q=1"]


def querydict_op():
    name = pick(OP_NAMES)
    key = pick(OP_KEYS)
    if name in ("setitem", "appendlist", "setdefault"):
        return [name, key, pick(OP_VALUES)]
    if name in ("getitem", "delitem", "contains"):
        return [name, key]
    if name in ("get", "pop"):
        return [name, key] + ([pick(OP_VALUES)] if R.random() < 0.5 else [])
    if name in ("getlist", "setlistdefault"):
        return [name, key] + ([some(OP_VALUES, 0, 2)] if R.random() < 0.5 else [])
    if name == "setlist":
        return [name, key, some(OP_VALUES, 0, 3)]
    if name == "update":
        return [name, {pick(OP_KEYS): pick(OP_VALUES) for _ in range(R.randint(0, 2))}]
    if name == "urlencode":
        return [name] + ([pick(["/", "&", "é "])] if R.random() < 0.4 else [])
    return [name]


def gen_querydict_ops():
    i = {"op": "querydict_ops", "ops": [querydict_op() for _ in range(R.randint(1, 6))]}
    if R.random() < 0.8:
        i["query_string"] = query_string()
    if R.random() < 0.3:
        i["mutable"] = False
    return i


def multipart_body(boundary):
    parts = []
    for _ in range(R.randint(0, 3)):
        name = pick(["a", "b", "caf\xe9", "x y", "a"])
        kind = R.random()
        if kind < 0.6:
            head = f'Content-Disposition: form-data; name="{name}"'
        elif kind < 0.8:
            head = f'Content-Disposition: form-data; name="{name}"; filename="f.txt"\r\nContent-Type: text/plain'
        elif kind < 0.9:
            head = f'Content-Disposition: form-data; name="{name}"\r\nContent-Type: text/plain; charset=latin-1'
        else:
            head = pick(["Content-Disposition: form-data", "Content-Disposition: attachment; name=\"q\"", "X-Nothing: 1"])
        value = pick(["1", "", "two words", "line1\r\nline2", "caf\xe9", "--not-a-boundary", "x" * 30])
        parts.append(f"--{boundary}\r\n{head}\r\n\r\n{value}\r\n")
    ending = pick([f"--{boundary}--\r\n", f"--{boundary}--", "", f"--{boundary}\r\n"])
    return "".join(parts) + ending


def gen_post_body():
    kind = R.random()
    if kind < 0.45:
        body = query_string()
        content_type = pick(["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
                             "APPLICATION/X-WWW-FORM-URLENCODED", "application/x-www-form-urlencoded;charset=latin-1",
                             "application/x-www-form-urlencoded; charset=UTF-8", "application/x-www-form-urlencoded; charset=\"utf-8\""])
    elif kind < 0.85:
        boundary = pick(["BoUnDaRy", "----x", "b"])
        body = multipart_body(boundary)
        content_type = pick([f"multipart/form-data; boundary={boundary}", f'multipart/form-data; boundary="{boundary}"',
                             "multipart/form-data", f"multipart/form-data; boundary={boundary}; charset=utf-8",
                             f"Multipart/Form-Data; BOUNDARY={boundary}"])
    else:
        body = pick(['{"a": 1}', "a=1", ""])
        content_type = pick(["application/json", "text/plain", "", "application/x-www-form-urlencoded-extra"])
    i = {"op": "post_body", "body": body, "content_type": content_type}
    if R.random() < 0.15:
        i["method"] = pick(["PUT", "PATCH", "GET", "post"])
    if R.random() < 0.2:
        i["path"] = "/p?" + query_string()
    return i


COOKIE_PIECES = ["a=1", "b=2", "a=3", " c = 4 ", "d=", "=e", "f", 'g="x\\073y"', 'h="quoted"', "i=caf%C3%A9", "j=é",
                 "k=v=w", "l=1,m=2", "$Version=1", "n=\"unterminated", "o=a b", "p=\tq", "", " ", "Path=/", "expires=x"]


def gen_parse_cookie():
    return {"op": "parse_cookie", "header": pick(["; ", ";", " ; ", ";;"]).join(some(COOKIE_PIECES, 0, 5))}


COOKIE_KEYS = ["a", "sid", "a b", "a;b", "é", "$x", "expires", "Path", "__Host-a", "__Secure-b", "k-1_2.3", "a=b", "a,b", ""]
COOKIE_VALUES = ["1", "", "x,y", "say \"hi\"", "a\\b", "x=y", "a b", "a;b", "café", "☃", "{\"k\":1}", "tab\there",
                 "\x7f", "~!@#$%^&*()_+", "[1,2]", "x" * 20]
DATETIMES = ["2025-01-02T00:00:00", "2020-01-01T00:00:00", "2025-01-01T00:00:00", "2025-01-01T00:00:01.900000",
             "2025-01-02T00:00:00+02:00", "2025-06-01T12:30:00-05:00", "2025-01-01T00:00:00.400000"]


def cookie_call():
    if R.random() < 0.2:
        call = {"method": "delete_cookie", "key": pick(COOKIE_KEYS[:4] + COOKIE_KEYS[8:10])}
        for option, values in (("path", ["/x/", None, "/"]), ("domain", ["example.com", ".x.org"]), ("samesite", ["Lax", "None", "strict"])):
            if R.random() < 0.3:
                call[option] = pick(values)
        return call
    call = {"method": "set_cookie", "key": pick(COOKIE_KEYS)}
    if R.random() < 0.9:
        call["value"] = pick(COOKIE_VALUES)
    if R.random() < 0.3:
        call["max_age"] = pick([0, 1, 60, 3600, -5, 3.7, 0.4, 10 ** 9, {"$timedelta": {"days": 1, "seconds": 30}},
                                {"$timedelta": {"seconds": -10}}, {"$timedelta": {"microseconds": 900000}}])
    if R.random() < 0.3:
        call["expires"] = pick(["Wed, 21 Oct 2015 07:28:00 GMT", "tomorrow", "", {"$datetime": pick(DATETIMES)}])
    for option, values, p in (("path", ["/sub/", None, "/", "/a b/"], 0.2), ("domain", [".example.com", "example.com", "localhost"], 0.2),
                              ("secure", [True, False], 0.25), ("httponly", [True, False], 0.25),
                              ("samesite", ["Lax", "lax", "None", "Strict", "strict", "bogus", ""], 0.25)):
        if R.random() < p:
            call[option] = pick(values)
    return call


def gen_cookies():
    return {"op": "cookies", "frozen_now": FROZEN_NOW, "calls": [cookie_call() for _ in range(R.randint(1, 3))]}


# Not generated, as JSON input cannot carry them to the replayer intact: integers past 2**53 (JSON.parse
# rounds them) and integer-like dict keys after others (a JavaScript object lists those first).
def json_scalar():
    return pick([0, 1, -1, 2 ** 53, -(2 ** 53), True, False, None, "", "s", "café ☃ 😀", "<script>&'\"</script>",
                 "a\nb\tc\x01\u2028\u2029", "\\", "/", {"$float": pick(["1.0", "0.1", "1e20", "1e16", "1e-7", "-0.0", "nan", "inf", "123456789.125", "2.5e-5", "1e22"])},
                 {"$datetime": pick(["2024-01-02T03:04:05.123456", "2024-01-02T03:04:05", "2024-01-02T03:04:05.999999+00:00",
                                     "2024-01-02T03:04:05+05:30", "2024-01-02T03:04:05.5-01:00"])},
                 {"$date": pick(["2024-02-29", "0001-01-01"])},
                 {"$time": pick(["13:14:15.987654", "00:00", "13:14:15+02:00", "23:59:59.000001"])},
                 {"$decimal": pick(["1.50", "1E+3", "-0", "NaN", "0.000001", "1e-7", "123456789012345678901234567890"])},
                 {"$uuid": pick(["6F1B2A4E-9C3D-4E5F-8A7B-1C2D3E4F5A6B", "00000000-0000-0000-0000-000000000000"])},
                 {"$timedelta": pick([{"days": 1, "hours": 2, "minutes": 3, "seconds": 4}, {"seconds": -1}, {"microseconds": 1},
                                      {"days": -2, "seconds": 30}, {}, {"seconds": 59.5}])}])


def json_value(depth=0):
    roll = R.random()
    if depth > 2 or roll < 0.55:
        return json_scalar()
    if roll < 0.75:
        return [json_value(depth + 1) for _ in range(R.randint(0, 3))]
    if roll < 0.85:
        return {"$tuple": [json_value(depth + 1) for _ in range(R.randint(0, 2))]}
    return {pick(["a", "b", "true", "", "é", "z", "null"]): json_value(depth + 1) for _ in range(R.randint(0, 3))}


def gen_json_response():
    data = json_value() if R.random() < 0.3 else {pick(["a", "b", "x", "é", "1.5"]): json_value(1) for _ in range(R.randint(0, 3))}
    i = {"op": "json_response", "data": data}
    if R.random() < 0.3:
        i["safe"] = pick([False, True])
    if R.random() < 0.3:
        i["json_dumps_params"] = pick([{"separators": [",", ":"]}, {"sort_keys": True}, {"indent": 2}, {"indent": "\t"},
                                       {"ensure_ascii": False}, {"allow_nan": False}, {"indent": 0}, {"separators": [";", "="]}])
    if R.random() < 0.1:
        i["status"] = pick([201, 400, 418])
    return i


def gen_response_status():
    i = {"op": "response_status"}
    if R.random() < 0.9:
        i["status"] = pick([R.randint(100, 599), R.randint(100, 599), pick([99, 600, 0, -1, 1000, "200", "abc", "", None, True])])
    if R.random() < 0.15:
        i["reason"] = pick(["Everything Fine", "", "Café", "☃", None])
    return i


def gen_response_content():
    i = {"op": "response_content", "content": pick(["", "hello", "caf\xe9", "☃ snow", 123, 0, ["a", "b"], ["é", 1], [], "x\x00y"])}
    if R.random() < 0.3:
        i["content_type"] = pick(["text/plain; charset=iso-8859-1", "application/json", "text/html;charset=\"utf-8\"",
                                  "text/plain; charset=ascii", "text/csv; charset=UTF-16", "text/plain;charset=latin-1; x=1",
                                  "text/plain; CHARSET=Latin-1"])
    if R.random() < 0.3:
        i["charset"] = pick(["latin-1", "utf-8", "ascii", "utf-16", "cp1252"])
    if R.random() < 0.5:
        names = ["X-Name", "x-custom", "X-CUSTOM", "Content-Type", "Content-Length", "X-Näm", "X Space", "X-Tab\t", "Set-Cookie"]
        values = ["1", "€uro", "café", "a\nb", "a\rb", "", "  padded  ", "=?utf-8?b?x?=", "ok\x00", 42]
        i["set_headers"] = [[pick(names), pick(values)] for _ in range(R.randint(1, 3))]
    return i


META_KEYS = ["HTTP_X_FORWARDED_FOR", "HTTP_DNT", "CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_CONTENT_TYPE", "REMOTE_ADDR",
             "HTTP_", "HTTP_X__Y", "HTTP_ACCEPT_LANGUAGE", "SERVER_NAME", "HTTP_COOKIE", "HTTP_X_1", "http_lower", "HTTPS"]


def gen_request_headers():
    meta = {pick(META_KEYS): pick(["1", "", "a, b", "text/html", "é"]) for _ in range(R.randint(1, 5))}
    lookups = some(["x-forwarded-for", "X_FORWARDED_FOR", "Content-Type", "content_length", "dnt", "missing", "", "cookie",
                    "Accept-Language", "HTTP_DNT", "x-1"], 1, 4)
    return {"op": "request_headers", "meta": meta, "lookups": lookups}


PATHS = ["/a/b/", "/a/b", "/caf%C3%A9/", "/%FF%FE/x", "/a%2Fb/", "//evil.com/x", "/a/./b/../c", "/é/ü", "/", "/sp ace/",
         "/%25/", "/a%00b", "/x;p=1/", "/%E2%98%83", "/a//b"]
HOSTS = ["example.com", "example.com:8080", "EXAMPLE.COM", "example.com.", "a.sub.example.org", "sub.example.org", "evil.com",
         "bad host", "[::1]:8000", "[::1]", "localhost:80", "example.com:", "example.com:abc", "example.com:8080:1",
         "[::1", "testserver", "xn--bcher-kva.example", "exa_mple.com", "", ".sub.example.org", "example.com@evil.com"]
LOCATIONS = [None, "/abs/path", "rel/path", "../up", "?q=1", "#frag", "//other.com/x", "http://example.com/é", "https://x.test",
             "mailto:a@b.c", "", "c", "./c", "/", "../../../../x", "/a b", "http://[::1]/", "HTTP://EX.COM/", "\\\\evil.com", "/é?q=é"]


def gen_request():
    i = {"op": "request", "path": pick(PATHS) + (("?" + query_string()) if R.random() < 0.4 else "")}
    if R.random() < 0.15:
        i["method"] = pick(["post", "PUT", "delete", "Get"])
    if R.random() < 0.2:
        i["secure"] = True
    environ, settings_ = {}, {}
    if R.random() < 0.5:
        environ["HTTP_HOST"] = pick(HOSTS)
    if R.random() < 0.2:
        environ.update(pick([{"SERVER_NAME": "localhost", "SERVER_PORT": "8000"}, {"SERVER_NAME": "localhost", "SERVER_PORT": "443"},
                             {"SERVER_NAME": "example.com"}, {"SCRIPT_NAME": "/prefix"}, {"SCRIPT_NAME": "/prefix/"}]))
    if R.random() < 0.2:
        environ["HTTP_X_FORWARDED_HOST"] = pick(["example.com", "example.com, proxy.internal", "evil.com", "example.com:8443"])
        if R.random() < 0.6:
            settings_["USE_X_FORWARDED_HOST"] = True
    if R.random() < 0.15:
        environ["HTTP_X_FORWARDED_PORT"] = pick(["8443", "abc", ""])
        settings_["USE_X_FORWARDED_PORT"] = True
    if R.random() < 0.15:
        environ["HTTP_X_FORWARDED_PROTO"] = pick(["https", "http", "https, http", "HTTPS", " https"])
        if R.random() < 0.8:
            settings_["SECURE_PROXY_SSL_HEADER"] = ["HTTP_X_FORWARDED_PROTO", "https"]
    if R.random() < 0.1:
        settings_.update(pick([{"ALLOWED_HOSTS": [], "DEBUG": True}, {"ALLOWED_HOSTS": ["*"]}, {"FORCE_SCRIPT_NAME": "/forced"},
                               {"ALLOWED_HOSTS": [".example.com"]}, {"ALLOWED_HOSTS": []}]))
    if environ:
        i["environ"] = environ
    if settings_:
        i["settings"] = settings_
    i["absolute_uri"] = some(LOCATIONS, 0, 4)
    return i


REDIRECTS = ["/next/", "next", "http://example.com/x", "//evil.com/", "javascript:alert(1)", "JavaScript:x", " javascript:x",
             "data:text/html,x", "mailto:a@example.com", "myapp://open", "ftp://f.example/x", "/café/?q=é", "http://bücher.example/ä",
             "/a b/", "/a%20b/%C3%A9", "/100%/", "\tjavascript:x", "java\nscript:x", "", "?q=1", "#f", "https:///x",
             "/x" * 1100, "HTTPS://EXAMPLE.COM", "vbscript:x", "about:blank", "file:///etc/passwd", "\\\\evil.com", "/\\evil.com",
             "https://ex.com/<script>", "/a\"b"]


def gen_redirect():
    i = {"op": "redirect", "url": pick(REDIRECTS)}
    if R.random() < 0.3:
        i["permanent"] = True
    return i


GENERATORS = {"querydict": gen_querydict, "querydict_ops": gen_querydict_ops, "post_body": gen_post_body,
              "parse_cookie": gen_parse_cookie, "cookies": gen_cookies, "json_response": gen_json_response,
              "response_status": gen_response_status, "response_content": gen_response_content,
              "request_headers": gen_request_headers, "request": gen_request, "redirect": gen_redirect}


def main():
    global R
    seed, count, out = 20261207, 60, os.path.join(HERE, "http.recorded.json")
    if len(sys.argv) > 1:
        seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    R = random.Random(seed)
    cases, seen = [], set()
    for op, generator in GENERATORS.items():
        for n in range(count):
            i = json.loads(json.dumps(generator()))  # record exactly what the file will hold
            key = json.dumps(i, sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            expect = record(i)
            try:
                json.dumps(expect, allow_nan=False)
            except ValueError:
                continue  # NaN has no JSON spelling
            cases.append({"id": f"http-gen-{op.replace('_', '-')}-{n}", "input": i, "expect": expect})
    with open(out, "w") as f:
        json.dump({"area": "http", "django": django.get_version(), "settings": FILE_SETTINGS, "frozen_now": FROZEN_NOW,
                   "cases": cases}, f, indent=0, ensure_ascii=False)
        f.write("\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
