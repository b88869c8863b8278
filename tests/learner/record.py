"""Record a learner project's responses from real Django 5.2.17.

Run: /work/.venv-ref/bin/python tests/learner/record.py PROJECT [PROJECT ...]
     (PROJECT is a folder name under tests/learner/projects/; "all" records every one)

Each project folder holds the TypeScript project the lab runs (site/), its Python twin (twin/:
settings.py and the app packages, written the same way), and requests.json, the scripted requests
both sides send. This script boots the twin (migrate with run_syncdb, then seed.seed() when the
twin has a seed module), sends every request through Django's WSGIHandler with a browser-like
cookie jar (the same rules as src/scenarios/client.ts's CookieJar), and writes recorded.json:
status, content type, location and body of each response. CI replays that file without Python.

A form value "{csrf}" is replaced by the csrfmiddlewaretoken found in the last HTML response
that had one, else by the csrftoken cookie, as a browser submitting the page's form would send.
A request with "link" (a regular expression with one group) goes to the group's text in its last
match in the latest response that has one — the link a learner copies out of an email the page
showed (its "target" only labels it).
"""
import io
import json
import os
import re
import sys
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECTS = os.path.join(HERE, "projects")


class CookieJar:
    """One site's cookies: Set-Cookie stores, Max-Age<=0 or a past Expires deletes."""

    def __init__(self):
        self.cookies = {}

    def store(self, headers):
        for name, value in headers:
            if name.lower() == "set-cookie":
                self.set_cookie(value)

    def set_cookie(self, header):
        pair, *attributes = header.split(";")
        if "=" not in pair or pair.index("=") == 0:
            return
        name, value = pair.split("=", 1)
        name, value = name.strip(), value.strip()
        if expired(attributes):
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value

    def header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items()) or None


def expired(attributes):
    import datetime
    expires = None
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        key, value = key.strip().lower(), value.strip()
        if key == "max-age" and re.fullmatch(r"-?\d+", value):
            return int(value) <= 0
        if key == "expires":
            try:
                expires = parsedate_to_datetime(value)
            except (TypeError, ValueError):
                pass
    return expires is not None and expires <= datetime.datetime.now(datetime.timezone.utc)


def form_encode(form):
    pairs = []
    for key, value in form.items():
        for v in value if isinstance(value, list) else [value]:
            pairs.append((key, v))
    return urlencode(pairs)


def environ_for(spec, jar, body):
    target = spec["target"]
    path, _, query = target.partition("?")
    from urllib.parse import unquote
    env = {
        "REQUEST_METHOD": spec["method"],
        "PATH_INFO": unquote(path, encoding="latin-1"),
        "SCRIPT_NAME": "",
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "localhost",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)),
    }
    for name, value in spec.get("headers", []):
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            env[key] = value
        else:
            env["HTTP_" + key] = value
    if "form" in spec and "CONTENT_TYPE" not in env:
        env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
    cookie = jar.header() if not spec.get("no_cookies") else None
    if cookie and "HTTP_COOKIE" not in env:
        env["HTTP_COOKIE"] = cookie
    return env


TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def link_target(pattern, bodies):
    """The link a learner copies: the pattern's group in its last match in the latest body that has one."""
    for content in reversed(bodies):
        found = re.findall(pattern, content.decode("utf-8", "replace"))
        if found:
            return found[-1]
    raise LookupError(f"no earlier response has a link matching {pattern!r}")


def record(project):
    folder = os.path.join(PROJECTS, project)
    twin = os.path.join(folder, "twin")
    sys.path.insert(0, twin)
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", run_syncdb=True, verbosity=0)
    if os.path.exists(os.path.join(twin, "seed.py")):
        import seed
        seed.seed()
    from django.core.handlers.wsgi import WSGIHandler
    handler = WSGIHandler()
    with open(os.path.join(folder, "requests.json")) as f:
        requests = json.load(f)
    jar = CookieJar()
    last_token = None
    responses = []
    bodies = []
    for spec in requests:
        label = spec["target"]
        if "link" in spec:
            spec = {**spec, "target": link_target(spec["link"], bodies)}
        body = b""
        if "form" in spec:
            form = {}
            for key, value in spec["form"].items():
                token = last_token or jar.cookies.get("csrftoken", "")
                form[key] = [token if v == "{csrf}" else v for v in value] if isinstance(value, list) else (token if value == "{csrf}" else value)
            body = form_encode(form).encode()
        elif "body" in spec:
            body = spec["body"].encode()
        env = environ_for(spec, jar, body)
        box = {}

        def start_response(status, headers, exc_info=None):
            box["status"] = status
            box["headers"] = headers

        result = handler(env, start_response)
        content = b"".join(result)
        if spec["method"] == "HEAD":
            content = b""  # the server sends no body for HEAD (runserver's ServerHandler drops it)
        if hasattr(result, "close"):
            result.close()
        headers = box["headers"]
        if not spec.get("no_cookies"):
            jar.store(headers)
        bodies.append(content)
        found = TOKEN.search(content)
        if found:
            last_token = found.group(1).decode()
        header = lambda n: next((v for k, v in headers if k.lower() == n), None)  # noqa: E731
        responses.append({
            "request": f'{spec["method"]} {label}',
            "status": int(box["status"].split()[0]),
            "content_type": header("content-type"),
            "location": header("location"),
            "body": content.decode("utf-8", "replace"),
        })
    with open(os.path.join(folder, "recorded.json"), "w") as f:
        json.dump({"django": django.get_version(), "responses": responses}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{project}: {len(responses)} responses recorded")


if __name__ == "__main__":
    names = sys.argv[1:]
    if names == ["all"]:
        names = sorted(os.listdir(PROJECTS))
    if len(names) == 1:
        record(names[0])
    else:
        # each project gets its own interpreter: settings and apps are per process
        import subprocess
        for name in names:
            subprocess.run([sys.executable, __file__, name], check=True)
