"""Extra FastAPI cases probed on real FastAPI 0.142.2 (the reference interpreter's spec grammar).

Run from /tmp with the reference venv and a fixed hash seed (set order in Allow headers):
    cd /tmp && PYTHONHASHSEED=0 /work/.venv-ref/bin/python /work/wt-fastapi/tests/frameworks/fastapi/probes.py
It rewrites probes.json next to this file (without each case's rendered Python source). Cases whose
spec cannot carry what Python meant (a float literal such as 1.0 read back from JSON as an int:
the corpus writes {"__float__": "1.0"} for those) and ones that belong to Pydantic are skipped.
"""
import json
import os
import sys

sys.path.insert(0, "/work/shared/conformance/reference/fastapi")
import common  # noqa: E402
from common import Cases, P, D, route, R, M, F  # noqa: E402,F401

ALL = []
SKIP = {
    "fastapi-response-return-floats",          # 1.0 in a JSON spec is an int in JavaScript
    "fastapi-openapi-typed-defaults-schema",   # same: a float default written 1.0
    "fastapi-validation-int-from-large-float", # pydantic-core: int_parsing_size for 1e20 (the Pydantic port's)
}

def batch_1():

    ITEM = M("Item", [F("name", "str"), F("description", {"optional": "str"}, None), F("price", "float"), F("tax", "float", 10.5), F("tags", {"list": "str"}, [])])
    ENUMS = [{"name": "Color", "base": "str", "members": [["red", "red"], ["green", "green"]]}, {"name": "Level", "base": "int", "members": [["low", 1], ["high", 2]]}]
    cases = []

    # ---- params ----
    c = Cases("fastapi", "params")
    def one(slug, path, params, url, **kw):
        c.app(slug, {"enums": ENUMS, "routes": [route(path, params, behaviour={"do": "echo", "types": True})]}, [R(url, **kw)])
    one("path-int-negative", "/i/{x}", [P("x", "int")], "/i/-5")
    one("path-int-big", "/i/{x}", [P("x", "int")], "/i/123456789012345678901234567890")
    one("path-int-underscore", "/i/{x}", [P("x", "int")], "/i/1_000")
    one("path-float-inf", "/f/{x}", [P("x", "float")], "/f/inf")
    one("path-float-nan", "/f/{x}", [P("x", "float")], "/f/nan")
    one("path-float-dot", "/f/{x}", [P("x", "float")], "/f/.5")
    one("path-enum-int-ok", "/e/{x}", [P("x", {"enum": "Level"})], "/e/2")
    one("path-enum-str-bad", "/e/{x}", [P("x", {"enum": "Color"})], "/e/blue")
    one("path-bool", "/b/{x}", [P("x", "bool")], "/b/yes")
    one("path-str-unicode", "/s/{x}", [P("x", "str")], "/s/%C3%A9t%C3%A9")
    one("path-gt-float", "/f/{x}", [P("x", "float", "path", **{"gt": 0.5, "le": 2})], "/f/0.5")
    one("path-max-length", "/s/{x}", [P("x", "str", "path", **{"max_length": 3})], "/s/abcd")
    one("path-pattern", "/s/{x}", [P("x", "str", "path", **{"pattern": "^[a-z]+$"})], "/s/ABC")
    one("query-bool-on", "/q", [P("x", "bool")], "/q?x=on")
    one("query-bool-yes-upper", "/q", [P("x", "bool")], "/q?x=YES")
    one("query-bool-spaces", "/q", [P("x", "bool")], "/q?x=%20true")
    one("query-int-negative-zero", "/q", [P("x", "int")], "/q?x=-0")
    one("query-int-plus", "/q", [P("x", "int")], "/q?x=%2B7")
    one("query-float-comma", "/q", [P("x", "float")], "/q?x=1,5")
    one("query-float-optional-empty", "/q", [P("x", {"optional": "float"}, default=None)], "/q?x=")
    one("query-int-optional-absent", "/q", [P("x", {"optional": "int"}, default=None)], "/q")
    one("query-str-repeated-last", "/q", [P("x", "str")], "/q?x=a&x=b")
    one("query-list-str", "/q", [P("x", {"list": "str"}, "query", default=[])], "/q?x=a&x=b&x=")
    one("query-list-float-bad", "/q", [P("x", {"list": "float"}, "query", default=[])], "/q?x=1&x=a&x=2.5&x=b")
    one("query-list-bool", "/q", [P("x", {"list": "bool"}, "query", default=[])], "/q?x=1&x=off")
    one("query-alias-hyphen", "/q", [P("item_query", "str", "query", **{"alias": "item-query"})], "/q?item-query=z")
    one("query-deprecated", "/q", [P("x", "str", "query", **{"deprecated": True}, default="d")], "/q")
    one("query-default-int-provided-str", "/q", [P("x", "int", default=3)], "/q?x=abc")
    one("query-date", "/q", [P("x", "date")], "/q?x=2024-02-30")
    one("query-datetime-z", "/q", [P("x", "datetime")], "/q?x=2024-01-02T03:04:05Z")
    one("query-uuid", "/q", [P("x", "uuid")], "/q?x=12345678123456781234567812345678")
    one("query-decimal-exp", "/q", [P("x", "decimal")], "/q?x=1e3")
    one("query-literal-str-ok", "/q", [P("x", {"literal": ["a", "b"]})], "/q?x=b")
    one("query-enum-bad", "/q", [P("x", {"enum": "Color"})], "/q?x=RED")
    one("query-min-max-int", "/q", [P("x", "int", "query", **{"ge": 1, "lt": 5})], "/q?x=5")
    one("query-several-errors", "/q", [P("a", "int"), P("b", "float"), P("c", "bool")], "/q?a=x&b=y&c=z")
    one("header-optional-absent", "/h", [P("x_token", {"optional": "str"}, "header", default=None)], "/h")
    one("header-float", "/h", [P("x_rate", "float", "header")], "/h", headers=[["X-Rate", "2.5"]])
    one("header-list-int", "/h", [P("x_n", {"list": "int"}, "header", default=[])], "/h", headers=[["X-N", "1"], ["X-N", "b"]])
    one("header-min-length", "/h", [P("x_key", "str", "header", **{"min_length": 5})], "/h", headers=[["X-Key", "abc"]])
    one("cookie-float-bad", "/c", [P("ratio", "float", "cookie")], "/c", cookies={"ratio": "x"})
    one("cookie-optional-absent", "/c", [P("sid", {"optional": "str"}, "cookie", default=None)], "/c")
    one("cookie-bool", "/c", [P("flag", "bool", "cookie")], "/c", cookies={"flag": "true"})
    cases += c.items

    # ---- validation / body ----
    c = Cases("fastapi", "body")
    def body(slug, models, params, req, **kw):
        c.app(slug, {"enums": ENUMS, "models": models, "routes": [route("/b", params, method="POST", **kw)]}, [req])
    body("item-ok", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", json={"name": "a", "price": 1}))
    body("item-price-str-bad", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", json={"name": "a", "price": "x"}))
    body("item-tags-not-list", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", json={"name": "a", "price": 1, "tags": "x"}))
    body("item-tags-item-bad", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", json={"name": "a", "price": 1, "tags": ["x", 1, None]}))
    body("item-int-name", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", json={"name": 5, "price": 1}))
    body("item-bool-price", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", json={"name": "a", "price": True}))
    body("item-big-int-price", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", json={"name": "a", "price": 10**20}))
    body("item-float-exp", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", body='{"name": "a", "price": 1e400}', content_type="application/json"))
    body("item-embed", [ITEM], [P("item", {"model": "Item"}, "body", **{"embed": True})], R("/b", "POST", json={"item": {"name": "a", "price": 2}}))
    body("item-embed-missing-key", [ITEM], [P("item", {"model": "Item"}, "body", **{"embed": True})], R("/b", "POST", json={"name": "a", "price": 2}))
    body("item-and-int-body", [ITEM], [P("item", {"model": "Item"}), P("importance", "int", "body")], R("/b", "POST", json={"item": {"name": "a", "price": 2}, "importance": "5"}))
    body("item-and-int-body-bad", [ITEM], [P("item", {"model": "Item"}), P("importance", "int", "body")], R("/b", "POST", json={"item": {"price": 2}, "importance": "x"}))
    body("list-of-items", [ITEM], [P("items", {"list": {"model": "Item"}})], R("/b", "POST", json=[{"name": "a", "price": 1}, {"name": "b"}]))
    body("dict-str-int", [], [P("weights", {"dict": ["int", "float"]}, "body")], R("/b", "POST", json={"1": 2.5, "x": 1}))
    body("body-str-embed", [], [P("text", "str", "body", **{"embed": True})], R("/b", "POST", json={"text": 5}))
    body("body-optional-model-empty-object", [ITEM], [P("item", {"optional": {"model": "Item"}}, default=None)], R("/b", "POST", json={}))
    body("body-constraints", [M("C", [F("n", "int", **{"gt": 0, "le": 10}), F("s", "str", **{"min_length": 2, "max_length": 4}), F("code", "str", **{"pattern": "^[A-Z]{2}$"})])], [P("c", {"model": "C"})], R("/b", "POST", json={"n": 11, "s": "abcde", "code": "ab"}))
    body("body-datetime-fields", [M("T", [F("when", "datetime"), F("day", "date"), F("at", "time")])], [P("t", {"model": "T"})], R("/b", "POST", json={"when": "2024-01-01T10:00:00+02:00", "day": "2024-01-01", "at": "10:11:12.5"}))
    body("body-datetime-bad", [M("T", [F("when", "datetime"), F("day", "date"), F("at", "time")])], [P("t", {"model": "T"})], R("/b", "POST", json={"when": "yesterday", "day": 5, "at": "25:00"}))
    body("body-uuid-decimal", [M("U", [F("uid", "uuid"), F("amount", "decimal")])], [P("u", {"model": "U"})], R("/b", "POST", json={"uid": "not-a-uuid", "amount": "1.2.3"}))
    body("body-enum-literal", [M("E", [F("color", {"enum": "Color"}), F("mode", {"literal": ["a", "b"]}), F("level", {"enum": "Level"})])], [P("e", {"model": "E"})], R("/b", "POST", json={"color": "blue", "mode": "c", "level": 3}))
    body("body-union", [M("Un", [F("v", {"union": ["int", "str"]})])], [P("u", {"model": "Un"})], R("/b", "POST", json={"v": [1]}))
    body("body-set-dups", [M("S", [F("ids", {"set": "int"})])], [P("s", {"model": "S"})], R("/b", "POST", json={"ids": [3, 1, 3, 2]}))
    body("body-optional-list-null", [M("O", [F("xs", {"optional": {"list": "int"}})])], [P("o", {"model": "O"})], R("/b", "POST", json={"xs": None}))
    body("body-nested-list-error", [M("Leaf", [F("v", "int")]), M("Tree", [F("leaves", {"list": {"model": "Leaf"}})])], [P("t", {"model": "Tree"})], R("/b", "POST", json={"leaves": [{"v": 1}, {"v": "x"}, {}]}))
    body("body-extra-forbid-nested", [M("In", [F("a", "int")], config={"extra": "forbid"}), M("Out", [F("inner", {"model": "In"})])], [P("o", {"model": "Out"})], R("/b", "POST", json={"inner": {"a": 1, "b": 2}}))
    body("body-form-urlencoded-to-json-route", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", body="name=a&price=1", content_type="application/x-www-form-urlencoded"))
    body("body-json-array-top-for-model", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", body="[1,2]", content_type="application/json"))
    body("body-json-bad-escape", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", body='{"name": "\\x"}', content_type="application/json"))
    body("body-json-bom", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", body='\ufeff{"name": "a", "price": 1}', content_type="application/json"))
    body("body-vnd-json", [ITEM], [P("item", {"model": "Item"})], R("/b", "POST", body='{"name": "a", "price": 1}', content_type="application/vnd.api+json"))
    body("body-strict-int", [M("St", [F("n", "int", **{"strict": True})])], [P("s", {"model": "St"})], R("/b", "POST", json={"n": "1"}))
    body("body-alias-missing", [M("Al", [F("full_name", "str", **{"alias": "fullName"})])], [P("a", {"model": "Al"})], R("/b", "POST", json={"full_name": "x"}))
    body("body-default-factory", [M("DF", [F("n", "int", 1), F("tags", {"list": "str"}, [])])], [P("d", {"model": "DF"})], R("/b", "POST", json={}))
    cases += c.items

    # ---- response ----
    c = Cases("fastapi", "response")
    def resp(slug, routes, reqs, models=(ITEM,), **spec):
        c.app(slug, dict({"enums": ENUMS, "models": list(models), "routes": routes}, **spec), reqs)
    resp("exclude-none", [route("/r", **{"response_model": {"model": "Item"}, "response_model_exclude_none": True}, behaviour={"do": "return", "value": {"name": "a", "price": 1, "description": None}})], [R("/r")])
    resp("exclude-defaults", [route("/r", **{"response_model": {"model": "Item"}, "response_model_exclude_defaults": True}, behaviour={"do": "return", "value": {"name": "a", "price": 1, "tax": 10.5, "tags": ["x"]}})], [R("/r")])
    resp("include-set-list", [route("/r", **{"response_model": {"model": "Item"}, "response_model_include": ["name", "tags"]}, behaviour={"do": "return", "value": {"name": "a", "price": 1}})], [R("/r")])
    resp("by-alias-false", [route("/r", **{"response_model": {"model": "Al"}, "response_model_by_alias": False}, behaviour={"do": "return", "value": {"fullName": "x"}})], [R("/r")], models=[M("Al", [F("full_name", "str", **{"alias": "fullName"})])])
    resp("list-of-models-invalid", [route("/r", **{"response_model": {"list": {"model": "Item"}}}, behaviour={"do": "return", "value": [{"name": "a", "price": 1}, {"name": "b"}]})], [R("/r")])
    resp("status-202", [route("/r", method="POST", **{"status_code": 202}, behaviour={"do": "return", "value": {"ok": True}})], [R("/r", "POST")])
    resp("status-304-decorator", [route("/r", **{"status_code": 304}, behaviour={"do": "return", "value": {"ok": True}})], [R("/r")])
    resp("http-exception-headers", [route("/r", behaviour={"do": "raise_http", "status_code": 403, "detail": "no", "headers": {"X-Reason": "why"}})], [R("/r")])
    resp("http-exception-detail-list", [route("/r", behaviour={"do": "raise_http", "status_code": 400, "detail": ["a", 1]})], [R("/r")])
    resp("http-exception-500", [route("/r", behaviour={"do": "raise_http", "status_code": 500})], [R("/r")])
    resp("return-typed-values", [route("/r", behaviour={"do": "return", "value": {"d": {"__datetime__": "2024-01-02T03:04:05.123456+01:00"}, "day": {"__date__": "2024-01-02"}, "t": {"__time__": "03:04:05"}, "dec": {"__decimal__": "1.10"}, "u": {"__uuid__": "12345678-1234-5678-1234-567812345678"}, "s": {"__set__": [3]}, "b": {"__bytes__": "hi"}, "f": {"__float__": "1e16"}}})], [R("/r")])
    resp("return-enum-model", [route("/r", behaviour={"do": "return", "value": {"c": {"__enum__": ["Color", "red"]}, "m": {"__model__": ["Item", {"name": "a", "price": 2}]}}})], [R("/r")])
    resp("return-floats", [route("/r", behaviour={"do": "return", "value": {"a": 1.0, "b": 0.1, "c": 1e-7, "d": 123456789.0, "e": 1e22, "f": -0.0}})], [R("/r")])
    resp("html-response-class", [route("/r", **{"response_class": "HTMLResponse"}, behaviour={"do": "return", "value": "<b>hi</b>"})], [R("/r")])
    resp("json-response-custom-headers", [route("/r", behaviour={"do": "response", "class": "JSONResponse", "content": {"a": 1}, "status_code": 207, "headers": {"X-A": "1"}})], [R("/r")])
    resp("response-media-type", [route("/r", behaviour={"do": "response", "class": "Response", "content": "x,y", "media_type": "text/csv"})], [R("/r")])
    resp("redirect-307-default", [route("/r", behaviour={"do": "response", "class": "RedirectResponse", "url": "/target?a=1&b=é"})], [R("/r")])
    resp("set-response-header-and-cookie", [route("/r", params=[P("response", where="response")], behaviour={"do": "set_response", "status_code": 201, "headers": {"X-Extra": "1"}, "cookies": [{"key": "a", "value": "b", "max_age": 60, "httponly": True}], "value": {"ok": True}})], [R("/r")])
    resp("delete-cookie", [route("/r", params=[P("response", where="response")], behaviour={"do": "set_response", "cookies": [{"key": "a", "delete": True, "path": "/x"}], "value": None})], [R("/r")])
    resp("head-on-api-route", [route("/r", methods=["GET", "HEAD"], behaviour={"do": "return", "value": {"ok": True}})], [R("/r", "HEAD"), R("/r", "GET")])
    resp("405-allow-order", [route("/r", method="POST", behaviour={"do": "return", "value": 1}), route("/r", method="PUT", behaviour={"do": "return", "value": 2}), route("/r", method="DELETE", behaviour={"do": "return", "value": 3})], [R("/r", "GET"), R("/r", "PATCH")])
    resp("redirect-slash-post", [route("/r/", method="POST", behaviour={"do": "return", "value": 1})], [R("/r", "POST")])
    resp("path-trailing-both", [route("/r", behaviour={"do": "return", "value": 1}), route("/r/", behaviour={"do": "return", "value": 2})], [R("/r"), R("/r/")])
    resp("router-prefix-tags", [], [R("/api/x"), R("/api/x/"), R("/openapi.json", compare="json")], routers=[{"options": {"prefix": "/api", "tags": ["t"]}, "routes": [route("/x", behaviour={"do": "return", "value": "x"})]}])
    resp("exception-handler-int-status", [route("/r", behaviour={"do": "raise_http", "status_code": 418, "detail": "tea"})], [R("/r"), R("/nope")], exception_handlers=[{"exc": 418, "response": {"class": "PlainTextResponse", "content": "handled", "status_code": 200}}, {"exc": 404, "response": {"class": "JSONResponse", "content": {"missing": True}, "status_code": 404}}])
    resp("request-info", [route("/r/{p}", params=[P("p", "str"), P("request", where="request")], behaviour={"do": "request_info", "fields": ["method", "path", "query", "url", "path_params", "query_params", "client_host", "base_url", "cookies", "headers", "url_for"], "url_for": ["ep_0", {"p": "z z"}]})], [R("/r/a%20b?x=1&x=2&y=", cookies={"c": "1"})])
    cases += c.items

    # ---- dependencies ----
    c = Cases("fastapi", "dependencies")
    c.app("use-cache-false", {"dependencies": [{"name": "counter", "log": "counter"}, {"name": "a", "params": [D("c", "counter", use_cache=False)]}],
          "routes": [route("/d", params=[D("x", "a"), D("y", "counter", use_cache=False), D("z", "counter")], behaviour={"do": "log_read"})]}, [R("/d")], log=True)
    c.app("yield-three-cleanup", {"dependencies": [{"name": "d1", "yield": True, "log": "d1:enter", "exit_log": "d1:exit"}, {"name": "d2", "yield": True, "log": "d2:enter", "exit_log": "d2:exit", "params": [D("a", "d1")]}, {"name": "d3", "yield": True, "async": True, "log": "d3:enter", "exit_log": "d3:exit"}],
          "routes": [route("/d", params=[D("b", "d2"), D("c", "d3")], behaviour={"do": "return", "value": 1, "log": "endpoint"}), route("/log", behaviour={"do": "log_read"})]}, [R("/d"), R("/log")], log=True)
    c.app("raise-in-sub-dep-with-param", {"dependencies": [{"name": "check", "params": [P("token", "str", "header")], "raise": {"if_param": "token", "equals": "bad", "status_code": 401, "detail": "bad token", "headers": {"WWW-Authenticate": "Bearer"}}}],
          "routes": [route("/d", params=[D("t", "check")], behaviour={"do": "return", "value": 1})]}, [R("/d", headers=[["token", "bad"]]), R("/d"), R("/d", headers=[["token", "ok"]])])
    c.app("class-dep-shorthand-errors", {"dependencies": [{"name": "Pager", "class": True, "params": [P("skip", "int", default=0), P("limit", "int", "query", **{"le": 10}, default=5)]}],
          "routes": [route("/d", params=[D("p", "Pager")], behaviour={"do": "return", "value": 1})]}, [R("/d?skip=x&limit=11")])
    c.app("router-and-route-deps-order", {"dependencies": [{"name": "app_dep", "log": "app"}, {"name": "router_dep", "log": "router"}, {"name": "route_dep", "log": "route"}],
          "app_dependencies": ["app_dep"], "routers": [{"options": {"prefix": "/r", "dependencies": ["router_dep"]}, "routes": [route("/x", **{"dependencies": ["route_dep"]}, behaviour={"do": "log_read", "log": "endpoint"})]}]}, [R("/r/x")], log=True)
    c.app("api-key-query-missing", {"security": [{"name": "key", "class": "APIKeyQuery", "options": {"name": "api_key"}}], "routes": [route("/d", params=[{"name": "k", "in": "security", "dep": "key"}], behaviour={"do": "echo"})]}, [R("/d"), R("/d?api_key=s")])
    c.app("api-key-cookie-auto-error-false", {"security": [{"name": "key", "class": "APIKeyCookie", "options": {"name": "session", "auto_error": False}}], "routes": [route("/d", params=[{"name": "k", "in": "security", "dep": "key"}], behaviour={"do": "echo"})]}, [R("/d"), R("/d", cookies={"session": "abc"})])
    c.app("http-basic", {"security": [{"name": "basic", "class": "HTTPBasic"}], "routes": [route("/d", params=[{"name": "creds", "in": "security", "dep": "basic"}], behaviour={"do": "return", "value": 1})]}, [R("/d"), R("/d", headers=[["Authorization", "Basic dXNlcjpwYXNz"]]), R("/d", headers=[["Authorization", "Basic !!!"]]), R("/d", headers=[["Authorization", "Bearer x"]])])
    c.app("http-bearer-wrong-scheme", {"security": [{"name": "bearer", "class": "HTTPBearer"}], "routes": [route("/d", params=[{"name": "creds", "in": "security", "dep": "bearer"}], behaviour={"do": "return", "value": 1})]}, [R("/d"), R("/d", headers=[["Authorization", "Basic abc"]]), R("/d", headers=[["Authorization", "Bearer"]])])
    c.app("oauth2-scopes", {"security": [{"name": "oauth", "class": "OAuth2PasswordBearer", "options": {"tokenUrl": "token", "scopes": {"read": "Read", "write": "Write"}}}],
          "routes": [route("/d", params=[{"name": "tok", "in": "security", "dep": "oauth", "scopes": ["read"]}], behaviour={"do": "echo"}), route("/e", params=[{"name": "tok", "in": "security", "dep": "oauth", "scopes": ["write"]}], behaviour={"do": "echo"})]}, [R("/d"), R("/d", headers=[["Authorization", "Bearer t"]]), R("/openapi.json", compare="json")])
    c.app("overrides", {"dependencies": [{"name": "real", "returns": {"value": "real"}}, {"name": "fake", "returns": {"value": "fake"}, "params": [P("q", "int", default=1)]}],
          "routes": [route("/d", params=[D("v", "real")], behaviour={"do": "echo"})], "overrides": {"real": "fake"}}, [R("/d?q=x"), R("/d?q=2")])
    cases += c.items

    # ---- openapi ----
    c = Cases("fastapi", "openapi")
    def oa(slug, spec):
        c.app(slug, spec, [R("/openapi.json", compare="json")])
    oa("route-metadata", {"models": [ITEM], "app_options": {"title": "T", "version": "2", "description": "D", "summary": "S"}, "routes": [
        route("/items/{item_id}", params=[P("item_id", "int", "path", **{"ge": 1, "description": "The id", "title": "Item ID"}), P("q", {"optional": "str"}, "query", **{"max_length": 5, "deprecated": True, "examples": ["a"]}, default=None)],
              **{"response_model": {"model": "Item"}, "tags": ["items"], "summary": "Get", "description": "Long", "response_description": "The item", "deprecated": True, "operation_id": "getItem"}),
        route("/items", method="POST", params=[P("item", {"model": "Item"})], **{"status_code": 201, "tags": ["items", "write"]}, docstring="Create an item.\n\nMore text.")]})
    oa("enums-and-lists", {"enums": ENUMS, "models": [M("Q", [F("c", {"enum": "Color"}), F("ls", {"list": {"enum": "Level"}}, [])])], "routes": [
        route("/e/{c}", params=[P("c", {"enum": "Color"}), P("lv", {"list": "int"}, "query", default=[]), P("x_h", {"optional": "str"}, "header", default=None), P("sess", "str", "cookie", default="s")], **{"response_model": {"model": "Q"}})]})
    oa("nested-models-optional", {"models": [M("Leaf", [F("v", "int")]), M("Tree", [F("leaf", {"optional": {"model": "Leaf"}}, None), F("leaves", {"list": {"model": "Leaf"}}, []), F("by_name", {"dict": ["str", {"model": "Leaf"}]}, {})])], "routes": [
        route("/t", method="PUT", params=[P("t", {"model": "Tree"})], **{"response_model": {"model": "Tree"}})]})
    oa("status-204-and-responses", {"models": [ITEM], "routes": [
        route("/d", method="DELETE", **{"status_code": 204}, behaviour={"do": "return", "value": None}),
        route("/r", **{"responses": {"404": {"description": "Missing"}, "418": {"model": {"model": "Item"}, "description": "Teapot"}, "default": {"description": "Other"}}})]})
    oa("body-embed-and-multiple", {"models": [ITEM], "routes": [
        route("/a", method="POST", params=[P("item", {"model": "Item"}, "body", **{"embed": True})]),
        route("/b", method="POST", params=[P("item", {"model": "Item"}), P("n", "int", "body"), P("note", {"optional": "str"}, "body", default=None)])]})
    oa("security-variants", {"security": [{"name": "basic", "class": "HTTPBasic", "options": {"description": "B"}}, {"name": "key", "class": "APIKeyHeader", "options": {"name": "X-Key", "scheme_name": "Keyed"}}, {"name": "cookie", "class": "APIKeyCookie", "options": {"name": "sid"}}], "routes": [
        route("/a", params=[{"name": "c", "in": "security", "dep": "basic"}, {"name": "k", "in": "security", "dep": "key"}]),
        route("/b", params=[{"name": "c", "in": "security", "dep": "cookie"}])]})
    oa("router-prefix-deps-responses", {"dependencies": [{"name": "dep", "params": [P("token", "str", "header")]}], "routers": [{"options": {"prefix": "/r", "tags": ["r"], "dependencies": ["dep"], "responses": {"404": {"description": "nf"}}}, "routes": [route("/x", **{"tags": ["x"]})]}]})
    oa("typed-defaults-schema", {"models": [M("D", [F("when", "datetime", {"__datetime__": "2024-01-01T00:00:00"}), F("amount", "decimal", {"__decimal__": "1.5"}), F("f", "float", 1.0), F("b", "bool", False), F("n", {"optional": "int"}, None, **{"description": "maybe", "title": "N"}), F("lit", {"literal": [1, 2]}, 1), F("raw", "bytes", {"__bytes__": "x"})])], "routes": [
        route("/d", method="POST", params=[P("d", {"model": "D"})], **{"response_model": {"model": "D"}})]})
    oa("root-path-and-servers", {"app_options": {"root_path": "/proxy", "servers": [{"url": "https://x.example", "description": "prod"}]}, "routes": [route("/a")]})
    oa("same-function-name-two-routes", {"routes": [route("/a", name="handler"), route("/b", method="POST", name="handler")]})
    cases += c.items

    # ---- middleware ----
    c = Cases("fastapi", "middleware")
    ROUTES = [route("/items", behaviour={"do": "return", "value": {"ok": True}}), route("/items", method="POST", behaviour={"do": "return", "value": {"created": True}})]
    def cors(slug, options, reqs):
        c.app(slug, {"middleware": [{"kind": "cors", "options": options}], "routes": ROUTES}, reqs)
    cors("cors-expose-max-age", {"allow_origins": ["https://a.com"], "expose_headers": ["X-Total", "X-Other"], "max_age": 100, "allow_methods": ["*"]}, [R("/items", headers=[["Origin", "https://a.com"]]), R("/items", "OPTIONS", headers=[["Origin", "https://a.com"], ["Access-Control-Request-Method", "DELETE"]])])
    cors("cors-allow-headers-star", {"allow_origins": ["*"], "allow_headers": ["*"], "allow_methods": ["*"]}, [R("/items", "OPTIONS", headers=[["Origin", "https://x.com"], ["Access-Control-Request-Method", "POST"], ["Access-Control-Request-Headers", "X-Anything, Authorization"]])])
    cors("cors-star-credentials-preflight", {"allow_origins": ["*"], "allow_credentials": True, "allow_methods": ["*"], "allow_headers": ["*"]}, [R("/items", "OPTIONS", headers=[["Origin", "https://x.com"], ["Access-Control-Request-Method", "POST"], ["Access-Control-Request-Headers", "X-A"]]), R("/items", headers=[["Origin", "https://x.com"]])])
    cors("cors-regex-bad", {"allow_origin_regex": "https://.*\\.example\\.org", "allow_methods": ["GET"]}, [R("/items", headers=[["Origin", "https://evil.com"]]), R("/items", headers=[["Origin", "https://a.example.org"]]), R("/items", "OPTIONS", headers=[["Origin", "https://a.example.org"], ["Access-Control-Request-Method", "GET"]])])
    cors("cors-preflight-headers-case", {"allow_origins": ["https://a.com"], "allow_headers": ["X-Custom", "Content-Type"]}, [R("/items", "OPTIONS", headers=[["Origin", "https://a.com"], ["Access-Control-Request-Method", "GET"], ["Access-Control-Request-Headers", "x-custom,CONTENT-TYPE"]])])
    c.app("http-middleware-append-header", {"middleware": [{"kind": "http", "name": "a", "append_header": ["X-Trail", "a"]}, {"kind": "http", "name": "b", "append_header": ["X-Trail", "b"]}], "routes": ROUTES + [route("/log", behaviour={"do": "log_read"})]}, [R("/items"), R("/log")], log=True)
    c.app("http-middleware-404", {"middleware": [{"kind": "http", "name": "m", "add_headers": {"X-M": "1"}}], "routes": ROUTES}, [R("/nope"), R("/items", "PUT")], log=True)
    c.app("http-middleware-catch-http-exception-not-raised", {"middleware": [{"kind": "http", "name": "m", "catch": {"class": "PlainTextResponse", "content": "caught", "status_code": 500}}], "routes": [route("/x", behaviour={"do": "raise_http", "status_code": 409, "detail": "conflict"}), route("/y", behaviour={"do": "raise", "exc": "RuntimeError", "message": "bad"})]}, [R("/x"), R("/y")], log=True)
    cases += c.items

    # ---- async ----
    c = Cases("fastapi", "async")
    c.app("sync-yield-dep-and-bg", {"dependencies": [{"name": "res", "yield": True, "log": "res:open", "exit_log": "res:close"}], "routes": [
        route("/x", method="POST", params=[D("r", "res"), P("background_tasks", where="background")], behaviour={"do": "background", "tasks": ["bg"], "value": 1, "log": "endpoint"}),
        route("/log", behaviour={"do": "log_read"})]}, [R("/x", "POST"), R("/log")], log=True)
    c.app("bg-task-on-response-object", {"routes": [route("/x", params=[P("background_tasks", where="background")], behaviour={"do": "background", "tasks": ["a", "b"], "value": None}, **{"async": True}), route("/log", behaviour={"do": "log_read"})]}, [R("/x"), R("/log")], log=True)
    cases += c.items

    ALL.extend(cases)


def batch_2():
    ITEM = M("Item", [F("name", "str"), F("description", {"optional": "str"}, None), F("price", "float"), F("tax", "float", 10.5), F("tags", {"list": "str"}, [])])
    USER_IN = M("UserIn", [F("username", "str"), F("password", "str"), F("email", "str"), F("full_name", {"optional": "str"}, None)])
    USER_OUT = M("UserOut", [F("username", "str"), F("email", "str"), F("full_name", {"optional": "str"}, None)])
    ENUMS = [{"name": "Color", "base": "str", "members": [["red", "red"], ["green", "green"]]}, {"name": "Level", "base": "int", "members": [["low", 1], ["high", 2]]}]
    cases = []
    c = Cases("fastapi", "openapi")
    def oa(slug, spec, extra=()):
        c.app(slug, spec, [R("/openapi.json", compare="json")] + list(extra))
    oa("response-classes-mixed", {"models": [ITEM], "routes": [
        route("/h", options={"response_class": "HTMLResponse"}), route("/p", options={"response_class": "PlainTextResponse"}),
        route("/r", options={"response_class": "RedirectResponse"}), route("/n", options={"response_model": None}),
        route("/j", options={"response_class": "JSONResponse", "response_model": {"model": "Item"}})]})
    oa("user-in-out-filtering", {"models": [USER_IN, USER_OUT], "routes": [route("/u", method="POST", params=[P("user", {"model": "UserIn"})], options={"response_model": {"model": "UserOut"}}, behaviour={"do": "return_param", "param": "user"})]},
       [R("/u", "POST", json={"username": "a", "password": "p", "email": "e"})])
    oa("returns-annotation", {"models": [ITEM], "routes": [route("/a", returns={"model": "Item"}, behaviour={"do": "return", "value": {"name": "a", "price": 1, "secret": 1}}), route("/b", returns={"list": "int"}, behaviour={"do": "return", "value": ["1", 2]})]},
       [R("/a"), R("/b")])
    oa("include-router-options", {"dependencies": [{"name": "dep"}], "routers": [
        {"options": {"prefix": "/v1", "tags": ["v1"]}, "routes": [route("/a", options={"tags": ["a"]}), route("/b", options={"include_in_schema": False})], "include": {"prefix": "/api", "tags": ["api"], "deprecated": True, "responses": {"500": {"description": "err"}}}},
        {"routes": [route("/c")], "include": {"include_in_schema": False}}]})
    oa("path-multi-params", {"enums": ENUMS, "routes": [route("/u/{uid}/items/{item_id}/{color}", params=[P("uid", "uuid"), P("item_id", "int", "path", gt=0), P("color", {"enum": "Color"}), P("short", "bool", default=False), P("when", {"optional": "datetime"}, default=None)])]})
    oa("query-list-and-model-body-with-examples", {"models": [M("Ex", [F("a", "int", examples=[1, 2]), F("b", "str", "z", description="B field", title="Bee")], json_schema_extra=None) if False else M("Ex", [F("a", "int", examples=[1, 2]), F("b", "str", "z", description="B field", title="Bee")])], "routes": [
        route("/e", method="POST", params=[P("ex", {"model": "Ex"}, "body", examples=[{"a": 1}]), P("ids", {"list": "int"}, "query", default=[], description="ids", alias="id")])]})
    oa("docstring-summary-description", {"routes": [route("/a", docstring="First line.\n\n    Second paragraph\n    indented.\n    ", name="my_handler"), route("/b", options={"summary": "S", "description": "D"}, docstring="ignored")]})
    oa("status-codes-various", {"models": [ITEM], "routes": [route("/a", method="POST", options={"status_code": 201, "response_model": {"model": "Item"}}), route("/b", method="PUT", options={"status_code": 202}), route("/c", method="PATCH", options={"status_code": 200, "responses": {"201": {"description": "Made", "model": {"model": "Item"}}, "422": {"description": "Bad"}}})]})
    oa("openapi-tags-and-contact", {"app_options": {"title": "X", "openapi_tags": [{"name": "items", "description": "Items"}], "contact": {"name": "me", "email": "a@b.c"}, "license_info": {"name": "MIT"}, "terms_of_service": "http://t"}, "routes": [route("/a", options={"tags": ["items"]})]})
    oa("docs-urls-custom", {"app_options": {"docs_url": "/documentation", "redoc_url": None}, "routes": [route("/a")]}, [R("/documentation", compare="html"), R("/redoc"), R("/docs")])
    oa("separate-schemas-nested-default", {"models": [M("Leaf", [F("v", "int", 0)]), M("Box", [F("leaf", {"model": "Leaf"}), F("more", {"list": {"model": "Leaf"}}, [])])], "routes": [route("/b", method="POST", params=[P("box", {"model": "Box"})], options={"response_model": {"model": "Box"}})]})
    oa("header-cookie-alias-schema", {"routes": [route("/h", params=[P("user_agent", {"optional": "str"}, "header", default=None), P("x_a", "str", "header", convert_underscores=False), P("trace_id", "str", "header", alias="X-Trace"), P("sess", "str", "cookie", alias="session-id")])]})
    cases += c.items

    c = Cases("fastapi", "response")
    def resp(slug, routes, reqs, models=(ITEM,), **spec):
        c.app(slug, dict({"enums": ENUMS, "models": list(models), "routes": routes}, **spec), reqs)
    resp("response-model-dict-unknown-fields", [route("/r", options={"response_model": {"dict": ["str", "int"]}}, behaviour={"do": "return", "value": {"a": 1, "b": "2", "c": 3.0}})], [R("/r")])
    resp("response-model-exclude-unset-nested", [route("/r", options={"response_model": {"model": "Box"}, "response_model_exclude_unset": True}, behaviour={"do": "return", "value": {"__model__": ["Box", {"leaf": {"v": 1}}]}})], [R("/r")], models=[M("Leaf", [F("v", "int", 0), F("w", "int", 2)]), M("Box", [F("leaf", {"model": "Leaf"}), F("more", {"list": {"model": "Leaf"}}, [])])])
    resp("response-model-optional-with-none-return", [route("/r", options={"response_model": {"optional": {"model": "Item"}}}, behaviour={"do": "return", "value": None})], [R("/r")])
    resp("response-model-union", [route("/r", options={"response_model": {"union": [{"model": "Item"}, "str"]}}, behaviour={"do": "return", "value": "plain"})], [R("/r")])
    resp("response-model-coerce-str-to-float", [route("/r", options={"response_model": {"model": "Item"}}, behaviour={"do": "return", "value": {"name": "a", "price": "2.5"}})], [R("/r")])
    resp("response-model-enum", [route("/r", options={"response_model": {"enum": "Color"}}, behaviour={"do": "return", "value": "red"})], [R("/r")])
    resp("return-list-of-models", [route("/r", behaviour={"do": "return", "value": [{"__model__": ["Item", {"name": "a", "price": 2}]}, {"__model__": ["Item", {"name": "b", "price": 3.5, "tags": ["x"]}]}]})], [R("/r")])
    resp("return-nested-dict-with-none-and-bool", [route("/r", behaviour={"do": "return", "value": {"a": None, "b": [True, False, None], "c": {"d": "é\u2028"}}})], [R("/r")])
    resp("http-exception-in-sync-with-response-model", [route("/r", options={"response_model": {"model": "Item"}}, behaviour={"do": "raise_http", "status_code": 404, "detail": {"msg": "nope", "code": 1}})], [R("/r")])
    resp("raise-valueerror-handler", [route("/r", behaviour={"do": "raise", "exc": "ValueError", "message": "bad value"})], [R("/r")], exception_handlers=[{"exc": "ValueError", "response": {"class": "JSONResponse", "content": {"error": "value"}, "status_code": 400}}])
    resp("custom-exception-fields", [route("/r", behaviour={"do": "raise", "exc": "Oops", "args": {"name": "zed", "code": 7}})], [R("/r")], exceptions=[{"name": "Oops", "fields": ["name", "code"]}], exception_handlers=[{"exc": "Oops", "response": {"class": "JSONResponse", "content": {"message": "Oops {name} #{code}"}, "status_code": 418}}])
    resp("validation-handler-plaintext", [route("/r/{x}", params=[P("x", "int")])], [R("/r/abc")], exception_handlers=[{"exc": "RequestValidationError", "response": {"class": "PlainTextResponse", "content_from": "errors", "status_code": 400}}])
    resp("http-handler-detail", [route("/r", behaviour={"do": "raise_http", "status_code": 409, "detail": "conflict!"})], [R("/r"), R("/missing")], exception_handlers=[{"exc": "HTTPException", "response": {"class": "PlainTextResponse", "content_from": "detail"}}])
    resp("cookie-samesite-secure-expires", [route("/r", behaviour={"do": "response", "class": "JSONResponse", "content": {"ok": 1}, "cookies": [{"key": "a", "value": "1", "secure": True, "samesite": "strict", "expires": 3600, "domain": "example.com"}, {"key": "b", "value": "x y;z", "samesite": None}]})], [R("/r")])
    resp("plaintext-status-and-unicode", [route("/r", behaviour={"do": "response", "class": "PlainTextResponse", "content": "héllo ✓", "status_code": 203})], [R("/r")])
    resp("html-response-bytes", [route("/r", behaviour={"do": "response", "class": "HTMLResponse", "content": {"__bytes__": "<p>x</p>"}})], [R("/r")])
    resp("redirect-301-with-headers", [route("/r", behaviour={"do": "response", "class": "RedirectResponse", "url": "https://example.com/a b", "status_code": 301, "headers": {"X-Why": "moved"}})], [R("/r")])
    resp("api-route-default-methods", [route("/r", methods=["GET", "POST", "PUT"], behaviour={"do": "return", "value": 1})], [R("/r", "PUT"), R("/r", "DELETE"), R("/r", "OPTIONS")])
    resp("redirect-slashes-query-and-nested", [route("/a/b/", behaviour={"do": "return", "value": 1})], [R("/a/b?x=1&y=2"), R("/a/b//")])
    resp("request-info-root", [route("/", params=[P("request", where="request")], behaviour={"do": "request_info", "fields": ["url", "base_url", "path", "query"]})], [R("/?a=%20b&c")])
    cases += c.items

    c = Cases("fastapi", "validation")
    def val(slug, models, params, req, method="POST"):
        c.app(slug, {"enums": ENUMS, "models": models, "routes": [route("/v/{pid}" if any(p.get("in") == "path" or p["name"] == "pid" for p in params) else "/v", params, method=method)]}, [req])
    val("query-and-body-and-header-errors-order", [ITEM], [P("item", {"model": "Item"}), P("q", "int"), P("x_n", "int", "header")], R("/v?q=a", "POST", json={"price": "x"}, headers=[["X-N", "b"]]))
    val("path-and-cookie-errors", [], [P("pid", "int"), P("c", "int", "cookie")], R("/v/x", "GET", cookies={"c": "y"}), method="GET")
    val("body-embed-two-errors", [], [P("a", "int", "body"), P("b", {"list": "int"}, "body")], R("/v", "POST", json={"a": "x", "b": [1, "y"]}))
    val("body-missing-vs-null-optional", [M("Op", [F("a", {"optional": "int"}), F("b", {"optional": "int"}, None)])], [P("o", {"model": "Op"})], R("/v", "POST", json={"b": "x"}))
    val("float-special-strings", [M("Fl", [F("a", "float"), F("b", "float"), F("c", "float")])], [P("f", {"model": "Fl"})], R("/v", "POST", json={"a": "inf", "b": "-Infinity", "c": "nan"}))
    val("int-from-large-float", [M("In", [F("a", "int"), F("b", "int")])], [P("i", {"model": "In"})], R("/v", "POST", json={"a": 1e20, "b": 2.5e0}))
    val("str-constraints-unicode", [M("Sc", [F("s", "str", max_length=3)])], [P("s", {"model": "Sc"})], R("/v", "POST", json={"s": "éé✓✓"}))
    val("list-min-max-items", [M("Li", [F("xs", {"list": "int"}, min_length=2, max_length=3)])], [P("l", {"model": "Li"})], R("/v", "POST", json={"xs": [1]}))
    val("dict-value-errors", [M("Dv", [F("d", {"dict": ["str", "int"]})])], [P("d", {"model": "Dv"})], R("/v", "POST", json={"d": {"a": "x", "b": 2, "c": None}}))
    val("datetime-variants", [M("Dt", [F("a", "datetime"), F("b", "datetime"), F("c", "datetime"), F("d", "date")])], [P("d", {"model": "Dt"})], R("/v", "POST", json={"a": "2024-01-01", "b": "2024-01-01 10:00", "c": 1700000000, "d": "2024-13-01"}))
    val("bool-variants", [M("Bo", [F("a", "bool"), F("b", "bool"), F("c", "bool"), F("d", "bool")])], [P("b", {"model": "Bo"})], R("/v", "POST", json={"a": "yes", "b": 0, "c": 1.0, "d": "maybe"}))
    val("json-invalid-positions", [ITEM], [P("item", {"model": "Item"})], R("/v", "POST", body='{"name": "a",\n "price": }', content_type="application/json"))
    val("json-empty-object-for-list", [], [P("xs", {"list": "int"})], R("/v", "POST", json={}))
    val("json-string-for-int-body", [], [P("n", "int", "body")], R("/v", "POST", json="5"))
    cases += c.items
    ALL.extend(cases)


def batch_3():
    cases = []
    LOGR = route("/log", behaviour={"do": "log_read"})
    c = Cases("fastapi", "dependencies")
    c.app("yield-error-in-endpoint-seen-by-dep", {"dependencies": [{"name": "db", "yield": True, "log": "db:open", "on_error": "db:error", "exit_log": "db:close"}],
          "routes": [route("/a", params=[D("d", "db")], behaviour={"do": "raise_http", "status_code": 400, "detail": "x"}), route("/b", params=[D("d", "db")], behaviour={"do": "raise", "exc": "RuntimeError", "message": "boom"}), LOGR]}, [R("/a"), R("/b"), R("/log")], log=True)
    c.app("yield-dep-raises-before-yield", {"dependencies": [{"name": "gate", "yield": True, "raise": {"status_code": 403, "detail": "closed"}, "log": "gate"}], "routes": [route("/a", params=[D("g", "gate")], behaviour={"do": "return", "value": 1, "log": "endpoint"}), LOGR]}, [R("/a"), R("/log")], log=True)
    c.app("dep-with-body-param", {"models": [M("Item", [F("name", "str")])], "dependencies": [{"name": "get_item", "params": [P("item", {"model": "Item"})]}], "routes": [route("/a", method="POST", params=[D("it", "get_item"), P("n", "int", "body", default=1)])]},
          [R("/a", "POST", json={"item": {"name": "x"}, "n": 2}), R("/a", "POST", json={"item": {}})])
    c.app("dep-shared-param-name", {"dependencies": [{"name": "d1", "params": [P("q", "int", default=1)]}, {"name": "d2", "params": [P("q", "int", default=2)]}], "routes": [route("/a", params=[D("a", "d1"), D("b", "d2"), P("q", "str", default="e")])]}, [R("/a"), R("/a?q=5"), R("/a?q=x")])
    c.app("dep-returns-none-and-value", {"dependencies": [{"name": "nothing", "returns": "none"}, {"name": "const", "returns": {"value": [1, "two"]}}], "routes": [route("/a", params=[D("n", "nothing"), D("c", "const")])]}, [R("/a")])
    c.app("async-class-mix-cache", {"dependencies": [{"name": "base", "async": True, "log": "base"}, {"name": "Svc", "class": True, "params": [D("b", "base")], "log": "svc"}, {"name": "other", "params": [D("s", "Svc"), D("b", "base")], "log": "other"}],
          "routes": [route("/a", params=[D("s", "Svc"), D("o", "other")], behaviour={"do": "log_read"})]}, [R("/a")], log=True)
    c.app("security-scopes-chain", {"security": [{"name": "oauth", "class": "OAuth2PasswordBearer", "options": {"tokenUrl": "/token"}}], "dependencies": [{"name": "current_user", "params": [{"name": "t", "in": "security", "dep": "oauth", "scopes": ["me"]}]}],
          "routes": [route("/me", params=[{"name": "u", "in": "security", "dep": "current_user", "scopes": ["items"]}], behaviour={"do": "echo"})]}, [R("/me", headers=[["Authorization", "Bearer abc"]]), R("/me"), R("/openapi.json", compare="json")])
    c.app("bearer-auto-error-false", {"security": [{"name": "bearer", "class": "HTTPBearer", "options": {"auto_error": False}}], "routes": [route("/a", params=[{"name": "c", "in": "security", "dep": "bearer"}], behaviour={"do": "echo"})]}, [R("/a"), R("/a", headers=[["Authorization", "Bearer tok"]]), R("/a", headers=[["Authorization", "Basic tok"]])])
    cases += c.items

    c = Cases("fastapi", "middleware")
    ROUTES = [route("/items", behaviour={"do": "return", "value": {"ok": True}, "log": "endpoint"}), route("/err", behaviour={"do": "raise", "exc": "RuntimeError", "message": "x"}), route("/bad/{n}", params=[P("n", "int")]), LOGR]
    c.app("three-with-cors-inside", {"middleware": [{"kind": "http", "name": "outer", "add_headers": {"X-Outer": "1"}}, {"kind": "cors", "options": {"allow_origins": ["https://a.com"]}}, {"kind": "http", "name": "inner"}], "routes": ROUTES},
          [R("/items", headers=[["Origin", "https://a.com"]]), R("/items", "OPTIONS", headers=[["Origin", "https://a.com"], ["Access-Control-Request-Method", "GET"]]), R("/log")], log=True)
    c.app("short-circuit-and-validation", {"middleware": [{"kind": "http", "name": "gate", "short_circuit": {"if_header": "x-block", "response": {"class": "JSONResponse", "content": {"blocked": True}, "status_code": 403}}}], "routes": ROUTES},
          [R("/bad/x"), R("/bad/x", headers=[["X-Block", "1"]]), R("/log")], log=True)
    c.app("catch-unhandled-in-outer", {"middleware": [{"kind": "http", "name": "outer", "catch": {"class": "JSONResponse", "content": {"caught": True}, "status_code": 503}}, {"kind": "http", "name": "inner"}], "routes": ROUTES}, [R("/err"), R("/log")], log=True)
    c.app("middleware-with-exception-handler", {"middleware": [{"kind": "http", "name": "m"}], "exception_handlers": [{"exc": "RuntimeError", "log": "handler", "response": {"class": "PlainTextResponse", "content": "handled", "status_code": 500}}], "routes": ROUTES}, [R("/err"), R("/log")], log=True)
    c.app("cors-simple-post-credentials-vary", {"middleware": [{"kind": "cors", "options": {"allow_origins": ["https://a.com", "https://b.com"], "allow_credentials": True}}], "routes": ROUTES + [route("/items", method="POST", behaviour={"do": "response", "class": "JSONResponse", "content": {"x": 1}, "headers": {"Vary": "Accept"}})]},
          [R("/items", "POST", headers=[["Origin", "https://b.com"]]), R("/items", headers=[["Origin", "https://c.com"]])])
    c.app("cors-on-error-and-404", {"middleware": [{"kind": "cors", "options": {"allow_origins": ["*"]}}], "routes": ROUTES}, [R("/err", headers=[["Origin", "https://x.com"]]), R("/nope", headers=[["Origin", "https://x.com"]]), R("/bad/z", headers=[["Origin", "https://x.com"]])])
    cases += c.items

    c = Cases("fastapi", "async")
    c.app("bg-tasks-order-dep-and-endpoint-and-yield", {"dependencies": [{"name": "res", "yield": True, "async": True, "log": "res:open", "exit_log": "res:close"}, {"name": "q", "params": [{"name": "background_tasks", "in": "background"}], "tasks": ["task:dep"]}],
          "routes": [route("/x", params=[D("r", "res"), D("qq", "q"), P("background_tasks", where="background")], behaviour={"do": "background", "tasks": ["task:endpoint"], "value": {"ok": 1}, "log": "endpoint"}, **{"async": True}), LOGR]}, [R("/x"), R("/log")], log=True)
    c.app("bg-with-http-exception", {"routes": [route("/x", params=[P("background_tasks", where="background")], behaviour={"do": "background", "tasks": ["never"], "value": 1}), LOGR]}, [R("/x"), R("/log")], log=True)
    c.app("sync-async-echo-types", {"routes": [route("/s/{n}", params=[P("n", "int"), P("f", "float", default=1.5)], behaviour={"do": "echo", "types": True}), route("/a/{n}", params=[P("n", "int"), P("f", "float", default=1.5)], behaviour={"do": "echo", "types": True}, **{"async": True})]}, [R("/s/1?f=2"), R("/a/1?f=2")])
    c.app("raw-body-and-json", {"routes": [route("/raw", method="POST", params=[P("request", where="request")], behaviour={"do": "body_raw"})]}, [R("/raw", "POST", body="héllo"), R("/raw", "POST", json={"a": [1, 2]}), R("/raw", "POST")])
    cases += c.items
    ALL.extend(cases)


def batch_4():
    LOGR = route("/log", behaviour={"do": "log_read"})
    ROUTES = [route("/err", behaviour={"do": "raise", "exc": "RuntimeError", "message": "x"}), route("/key", behaviour={"do": "raise", "exc": "KeyError", "message": "k"}), route("/http", behaviour={"do": "raise_http", "status_code": 400, "detail": "h"}), LOGR]
    c = Cases("fastapi", "response")
    c.app("handler-exception-base", {"exception_handlers": [{"exc": "Exception", "log": "h:exc", "response": {"class": "PlainTextResponse", "content": "generic", "status_code": 500}}], "routes": ROUTES}, [R("/err"), R("/key"), R("/http"), R("/log")], log=True)
    c.app("handler-500-int", {"exception_handlers": [{"exc": 500, "log": "h:500", "response": {"class": "JSONResponse", "content": {"e": 500}, "status_code": 500}}], "routes": ROUTES}, [R("/err"), R("/log")], log=True)
    c.app("handler-keyerror-with-mw", {"middleware": [{"kind": "http", "name": "m"}], "exception_handlers": [{"exc": "KeyError", "log": "h:key", "response": {"class": "PlainTextResponse", "content": "key!", "status_code": 404}}], "routes": ROUTES}, [R("/key"), R("/err"), R("/log")], log=True)
    c.app("handler-exception-with-mw-catch", {"middleware": [{"kind": "http", "name": "m", "catch": {"class": "PlainTextResponse", "content": "mw", "status_code": 502}}], "exception_handlers": [{"exc": "Exception", "log": "h:exc", "response": {"class": "PlainTextResponse", "content": "generic", "status_code": 500}}], "routes": ROUTES}, [R("/err"), R("/log")], log=True)
    ALL.extend(c.items)


# Byte-exact OpenAPI documents: every app above (and every corpus app) that serves /openapi.json,
# recorded again with the body compared byte for byte — key order and float spelling included
# (FastAPI's OpenAPI models re-order a path item only when it validates strictly, parameter schemas
# keep Pydantic's generation order, bounds under the Schema model become floats).
BYTES_SKIP = {
    # JavaScript objects list integer-like keys first: "5XX" declared before the added "422" cannot
    # come out before it. The corpus case still passes as JSON.
    "fastapi-openapi-additional-responses",
}


def batch_5():
    c = Cases("fastapi", "openapi")
    item = M("Item", [F("name", "str"), F("price", "float"), F("description", {"optional": "str"}, None)])
    # The built-in scenario fastapi-items (src/scenarios/fastapi-items.ts), in the spec grammar.
    c.app("bytes-scenario-fastapi-items", {"models": [item], "app_options": {"title": "My API", "version": "1.0.0"}, "routes": [
        route("/items/{item_id}", params=[P("item_id", "int", "path", gt=0), P("q", {"optional": "str"}, "query", max_length=50, default=None)], name="read_item", response_model={"model": "Item"}, **{"async": True}),
        route("/items/", method="POST", params=[P("item", {"model": "Item"})], name="create_item", response_model={"model": "Item"}, status_code=201, behaviour={"do": "return_param", "param": "item"}, **{"async": True})]},
        [R("/openapi.json")])
    with open("/work/shared/conformance/fastapi.json", encoding="utf-8") as fh:
        corpus = json.load(fh)["cases"]
    sources = [(x["id"], x["input"]) for x in corpus] + [(x["id"], x["input"]) for x in ALL]
    for case_id, inp in sources:
        if case_id in BYTES_SKIP or case_id in SKIP:
            continue
        wanted = [r for r in inp["requests"] if r["url"].endswith("openapi.json")]
        if not wanted:
            continue
        requests = [{k: v for k, v in r.items() if k != "compare"} for r in wanted]
        slug = "bytes-" + case_id.split("-", 1)[1]
        c.app(slug, inp["app"], requests)
    ALL.extend(c.items)


if __name__ == "__main__":
    for batch in (batch_1, batch_2, batch_3, batch_4, batch_5):
        batch()
    cases = []
    for c in ALL:
        if c["id"] in SKIP:
            continue
        c["input"].pop("python", None)
        c["id"] = c["id"].replace("fastapi-", "fastapi-probe-", 1)
        cases.append(c)
    doc = {"area": "fastapi", "note": "Extra cases probed on real FastAPI 0.142.2 (Starlette 1.7.0, Pydantic 2.13.5, PYTHONHASHSEED=0) with the reference interpreter (shared/conformance/reference/fastapi/common.py); regenerate with tests/frameworks/fastapi/probes.py.", "cases": cases}
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "probes.json")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")
    print("%d cases -> %s" % (len(cases), out))
