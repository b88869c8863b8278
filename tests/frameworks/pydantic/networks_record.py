"""Record pydantic 2.13's HttpUrl / AnyHttpUrl / AnyUrl on URL texts → networks.recorded.json.

Run: /work/.venv-ref/bin/python tests/frameworks/pydantic/networks_record.py
"""
import json, os
from pydantic import AnyHttpUrl, AnyUrl, BaseModel, HttpUrl, ValidationError

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
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "networks.recorded.json"), "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(out), "cases")
