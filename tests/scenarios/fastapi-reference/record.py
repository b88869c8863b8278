"""Records the OpenAPI document real FastAPI 0.142.2 serves for each built-in FastAPI scenario.

fastapi_items.py and fastapi_deps.py are the scenarios' apps written in Python (same routes,
parameters, models, dependencies and options; the handlers' bodies do not shape the document).
Run:  cd /tmp && /work/.venv-ref/bin/python /work/wt-fastapi/tests/scenarios/fastapi-reference/record.py
It writes <scenario>.openapi.json next to this file: the response body of GET /openapi.json, bytes
as served.
"""
import importlib
import os
import sys
import warnings

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fastapi.testclient import TestClient  # noqa: E402

for module, scenario in (("fastapi_items", "fastapi-items"), ("fastapi_deps", "fastapi-deps")):
    app = importlib.import_module(module).app
    response = TestClient(app).get("/openapi.json")
    assert response.status_code == 200, response.status_code
    with open(os.path.join(HERE, scenario + ".openapi.json"), "wb") as fh:
        fh.write(response.content)
    print(scenario, len(response.content), "bytes")
