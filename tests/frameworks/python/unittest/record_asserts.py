"""Record unittest's failure messages (CPython 3.11) for the assert calls in assert_cases.json.

Run: /work/.venv-ref/bin/python tests/frameworks/python/unittest/record_asserts.py

Each case names an assert method, its arguments and keyword arguments, written as JSON with two
tags for what JSON lacks: {"$tuple": [...]} and {"$set": [...]}. The script calls the method on a
TestCase and writes the AssertionError's message (null when the assertion passed) into
asserts.recorded.json, which case.test.ts replays against python/unittest/case.ts.
"""
import json
import os
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {"$tuple"}:
            return tuple(decode(v) for v in value["$tuple"])
        if set(value) == {"$set"}:
            return {decode(v) for v in value["$set"]}
        if set(value) == {"$repeat"}:
            text, times = value["$repeat"]
            return text * times
        return {k: decode(v) for k, v in value.items()}
    return value


class Case(unittest.TestCase):
    def runTest(self):
        pass


def main():
    cases = json.load(open(os.path.join(HERE, "assert_cases.json")))
    results = []
    for case in cases:
        test = Case()
        if "maxDiff" in case:
            test.maxDiff = case["maxDiff"]
        method = getattr(test, case["call"])
        try:
            method(*decode(case.get("args", [])), **decode(case.get("kwargs", {})))
            message = None
        except AssertionError as e:
            message = str(e)
        results.append({**case, "message": message})
    with open(os.path.join(HERE, "asserts.recorded.json"), "w") as out:
        json.dump(results, out, indent=1, ensure_ascii=False)
        out.write("\n")
    print(f"{len(results)} cases, {sum(r['message'] is not None for r in results)} failing")


if __name__ == "__main__":
    main()
