"""Record pydantic 2.13's HttpUrl / AnyHttpUrl / AnyUrl on URL texts → networks.recorded.json.

Run: /work/.venv-ref/bin/python tests/frameworks/pydantic/networks_record.py
"""
import json, os
from pydantic import AnyHttpUrl, AnyUrl, BaseModel, EmailStr, HttpUrl, ValidationError

INPUTS = [
    "https://example.com", "http://Example.COM:80/a b?x=1#f", "ftp://x.com", "example.com", "http://", "http://x.com:99999",
    123, None, "https://münchen.de/ä", "http://[::1]:8080", "http://1.2.3.4.5", "", "   ", "http://x y.com", "http://a_b.com",
    "http://ex%41mple.com", "https://user:pw@Ex.com:443/p/../q?a=1", "HTTP://X.COM/", " http://x.com ", "http://x.com:abc",
    "http:///x.com", "mailto:x@y.com", "https://[::1", "http://-x.com", "https://x.com/" + "a" * 2068 + "ä", "https://x.com/" + "a" * 2069,
    "ftp://x.com/" + "a" * 2100, "https://x.com/path/?", "https://x.com#", "http://0x7f.1/", "http://127.0.0.1:8000/items/?q=1",
    "https://x.com:/", "ws://x.com/chat", "file:///etc/passwd", "https://x.com/%zz", "http://[1:2:3]/",
]
out = []
for cls in (HttpUrl, AnyHttpUrl, AnyUrl):
    class M(BaseModel):
        u: cls
    for value in INPUTS:
        try:
            m = M(u=value)
            u = m.u
            out.append({"cls": cls.__name__, "input": value, "str": str(u), "repr": repr(u), "scheme": u.scheme, "host": u.host, "port": u.port,
                        "path": u.path, "query": u.query, "fragment": u.fragment, "username": u.username, "password": u.password, "json": m.model_dump_json()})
        except ValidationError as e:
            out.append({"cls": cls.__name__, "input": value, "errors": json.loads(e.json(include_url=False))})
    out.append({"cls": cls.__name__, "schema": M.model_json_schema()})
EMAILS = [
    "john@example.com", "John.Doe@Example.COM", "x", "@x.com", "x@", "x@y", "a b@x.com", "a@b@c.com", "a@x..com", ".a@x.com", "a.@x.com",
    "a..b@x.com", "a@-x.com", "a@x.com.", "ü@x.com", "a@münchen.de", "a@[1.2.3.4]", '"a b"@x.com', "a@localhost", "a@x.invalid", "a@x.test",
    12, None, "", " a@x.com ", "a@x.c", "a+tag@x.co.uk", "A@B.CO", "a@x_y.com", "a" * 65 + "@x.com", "a@" + "b" * 64 + ".com",
    "a,b@x.com", "a<b@x.com", "a(b)@x.com", "ab\t@x.com", "a@x-.com", "a@x.-y.com", "a@x.y-.com", "a@.x.com", "a@x.com-",
    "John Doe <JD@X.com>", "<a@x.com>", "a@1.2.3.4", "a@x.123", "a@x.local", "a@x.arpa", "a@x.onion", "a@x.internal",
    "a@localhost.localdomain", "a@x.example", "a@x." + "c" * 64, "a@x.Co", "a@\u00e9.com", "\u00c9@x.com", "a\u200b@x.com",
    "a b c@x.com", 'a"b@x.com', "a@x y.com", "a@x,y.com", "a@x;y.com", "a@x.c" + "o" * 70, "x" * 2049,
]


class E(BaseModel):
    e: EmailStr


for value in EMAILS:
    try:
        out.append({"cls": "EmailStr", "input": value, "str": E(e=value).e})
    except ValidationError as e:
        out.append({"cls": "EmailStr", "input": value, "errors": json.loads(e.json(include_url=False))})
out.append({"cls": "EmailStr", "schema": E.model_json_schema()})
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "networks.recorded.json"), "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(out), "cases")
