"""Record how real pydantic 2.13.5 (pydantic-core) reads durations as text, and numbers too large
for an int or a bool, in Python and in JSON mode. Writes scalars.json beside this file.

    python3 tests/frameworks/pydantic_core/scalars.py   # in a venv with pydantic==2.13.5
"""
import datetime
import json
import os

from pydantic import TypeAdapter, ValidationError

DURATIONS = [
    "", "1", "12", "123", "1234", "12345", "1:2", "1:02", "12:30", "12:3", "123:30", "123:3", "1:30:00", "12:30:00.5",
    "12:30:00,5", "12:30:00.", "12:30:00.1234567", "12:30:5", "12:30:60", "12:60", "12:3x", "12:30:xx", "25:00",
    "1 day", "2 days", "1d", "2 DAYS", "1 Day", "3 day", "1 day,", "1 dayx", "1 da", "1dd", "1 day, 1:00:00", "1 day 1:00:00",
    "1 days, 01:00", "1 day 1:00", "1 day, 25:00", "1 days ,1:00", "1000000000 days", "1 day, 12:30:00.000001",
    "-1:00", "+1:00", "-12:30", "-1 day, 1:00", "2024-01-01", "2024-01-01T10:00:00", "1_000", "1.5", "a", "1x", "x12:30",
    "12:30 ", "1:00:00:00", "99999999999:00", "00:00", "0:00:00", "10 d 10:00",
    "P1D", "P", "PT", "-PT", "+P1D", "P1", "PT1", "P1X", "PT1X", "P1DT", "P1DT1", "PTT", "PT1H1", "P1Y1", "P1.5Y", "PT1.5H", "P1DX",
    "P-1D", "PTX", "P1D1H", "PT1D", "P1M", "PT1M", "P1Y2M3DT4H5M6S", "PT1.5S", "P1W", "-P1D", "PT36H", "P0.5D", "PT1H30M",
]
NUMBERS = [True, False, 1.5, 2.0, 9.2e18, 9.3e18, 1e19, 1e300, -1e300, 86399999999999, 86400000000000, -86400000000000]

cases = []
for kind, tp, values in (("timedelta", datetime.timedelta, DURATIONS + NUMBERS), ("int", int, NUMBERS), ("bool", bool, NUMBERS)):
    adapter = TypeAdapter(tp)
    for value in values:
        for mode in ("python", "json"):
            try:
                result = adapter.validate_python(value) if mode == "python" else adapter.validate_json(json.dumps(value))
                text = json.dumps(value)
                out = [result.days, result.seconds, result.microseconds] if kind == "timedelta" else result
                cases.append({"type": kind, "mode": mode, "input": value, "text": text, "result": out})
            except ValidationError as e:
                error = e.errors()[0]
                cases.append({"type": kind, "mode": mode, "input": value, "text": json.dumps(value), "error": error["type"], "msg": error["msg"]})
with open(os.path.join(os.path.dirname(__file__), "scalars.json"), "w") as out:
    json.dump({"cases": cases}, out, indent=1)
print(len(cases), "cases")
