"""Record a Flask learner project's responses from real Flask 3.1.3.

Run: /work/.venv-ref/bin/python tests/learner-flask/record.py PROJECT [PROJECT ...]   ("all": every one)

Each project folder holds the TypeScript project the lab runs (site/), its Python twin (twin/,
written the same way), and requests.json, the scripted requests both sides send. This script
creates the twin's app with create_app({"DATABASE": a fresh file}), runs the twin's seed(app),
then sends every request through Flask's test client (which keeps cookies as a browser does, and
follows no redirect), and writes recorded.json (today's date as "<today>"): status, content type, location and body of each
response. CI replays that file without Python.
"""
import datetime
import importlib
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECTS = os.path.join(HERE, "projects")


def record(name):
    folder = os.path.join(PROJECTS, name)
    twin = os.path.join(folder, "twin")
    sys.path.insert(0, twin)
    try:
        package = json.load(open(os.path.join(folder, "project.json")))["package"]
        factory = importlib.import_module(package)
        seed = importlib.import_module(f"{package}.seed")
        handle, database = tempfile.mkstemp(suffix=".sqlite")
        os.close(handle)
        try:
            app = factory.create_app({"TESTING": False, "DATABASE": database})
            seed.seed(app)
            client = app.test_client()
            responses = []
            today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
            for spec in json.load(open(os.path.join(folder, "requests.json"))):
                data = spec["body"] if "body" in spec else spec.get("form")
                response = client.open(spec["target"], method=spec["method"], data=data, headers=spec.get("headers"))
                responses.append({
                    "request": f"{spec['method']} {spec['target']}",
                    "status": response.status_code,
                    "content_type": response.headers.get("Content-Type"),
                    "location": response.headers.get("Location"),
                    # Posts created now carry today's date (SQLite's CURRENT_TIMESTAMP, UTC).
                    "body": response.get_data(as_text=True).replace(today, "<today>"),
                })
        finally:
            os.unlink(database)
    finally:
        sys.path.remove(twin)
        for module in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[module]
    import flask, werkzeug, jinja2
    out = {"flask": flask.__version__ if hasattr(flask, "__version__") else "3.1.3", "werkzeug": werkzeug.__version__ if hasattr(werkzeug, "__version__") else "", "jinja2": jinja2.__version__, "responses": responses}
    with open(os.path.join(folder, "recorded.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{name}: {len(responses)} responses")


if __name__ == "__main__":
    names = sys.argv[1:] or ["all"]
    if names == ["all"]:
        names = sorted(n for n in os.listdir(PROJECTS) if os.path.isdir(os.path.join(PROJECTS, n)))
    for n in names:
        record(n)
