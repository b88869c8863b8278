"""Records what real FastAPI 0.142.2 answers to each tutorial-style app's requests.

For every NAME.py here (a FastAPI app as a learner writes it following the tutorial) and its
NAME.requests.json, sends the requests through Starlette's TestClient and writes NAME.recorded.json:
one [method, url, status, sorted headers, body text] per request (date/server headers dropped).
NAME.main.ts.txt is the same app written for the lab; tutorial.test.ts replays it and compares.
Run:  cd /tmp && /work/.venv-ref/bin/python /work/wt-fastapi/tests/frameworks/fastapi/tutorial/record.py [NAME...]
(only the named apps when names are given).

Forms (Form, File, UploadFile, OAuth2PasswordRequestForm) need python-multipart, which the shared
venv lacks: security, params_forms and files were recorded with Debian's python3-multipart 0.0.5
(and python3-six) unpacked beside a `python_multipart` module re-exporting it, on PYTHONPATH
(`apt-get download python3-multipart python3-six`, `dpkg-deb -x`). Their requests keep to bodies
every python-multipart version parses alike (no empty multipart body, no body without a boundary).
"""
import importlib
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fastapi.testclient import TestClient  # noqa: E402

# Project files an app serves (templates, static files) sit in NAME.files/, the folder the app runs
# in, as the lab's project root is. Project files have no modification time in the lab, so a file
# response's last-modified and etag are not compared.
NOT_COMPARED = ("date", "server", "last-modified", "etag")

for name in [n for n in ("basics", "deps_security", "models_responses", "advanced", "templates_static", "bigger", "dependencies", "security", "middleware", "errors_models", "params_forms", "files", "lifespan", "events", "advanced2", "metadata_examples", "redirects", "background", "extra_types") if len(sys.argv) < 2 or n in sys.argv[1:]]:
    files = os.path.join(HERE, name + ".files")
    os.chdir(files if os.path.isdir(files) else HERE)
    if os.path.isdir(files):
        sys.path.insert(0, files)
    app = importlib.import_module(name).app
    with open(os.path.join(HERE, name + ".requests.json"), encoding="utf-8") as fh:
        requests = json.load(fh)
    answers = []
    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as client:
        for r in requests:
            headers = dict(r.get("headers", []))
            content = None
            if "json" in r:
                content = json.dumps(r["json"])
                headers["content-type"] = "application/json"
            elif "body" in r:
                content = r["body"]
            resp = client.request(r.get("method", "GET"), r["url"], headers=headers, content=content)
            kept = sorted([k.decode().lower(), v.decode()] for k, v in resp.headers.raw if k.decode().lower() not in NOT_COMPARED)
            answers.append([r.get("method", "GET"), r["url"], resp.status_code, kept, resp.content.decode()])
    with open(os.path.join(HERE, name + ".recorded.json"), "w", encoding="utf-8") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(a, ensure_ascii=False) for a in answers) + "\n]\n")
    print(name, len(answers), "answers")
