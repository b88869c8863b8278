"""Variants of the FastAPI conformance cases: each request of the params, validation and body cases
replayed with its query values, last path segment or JSON fields swapped for other values (empty,
signed, huge, of another type...), recorded from the real FastAPI 0.142.2 with the reference
harness. Run with the shared reference on the path:  python3 mutate.py SEED  → out/fastapi.json.
"""
import json, random, sys, copy, urllib.parse
sys.path.insert(0, "/work/shared/conformance/reference/fastapi")
import common
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
src = json.load(open("/work/shared/conformance/fastapi.json"))
QPOOL = ["", "0", "-1", "1.5", "abc", "true", "on", "no", " 7 ", "1e3", "99999999999999999999", "2024-01-01", "a,b", "None", "null", "1_000", "0x1A", "+5", "-0", "1.0"]
JPOOL = [None, "", 0, -1, 1.5, "x", True, [], {}, "1", [1, "a"], 10**20, "2024-01-01", {"a": 1}, 2.0]
cases = []
kinds = {"params", "validation", "body"}
for c in src["cases"]:
    if c["input"]["kind"] not in kinds: continue
    reqs = c["input"]["requests"]
    for ri, req in enumerate(reqs):
        variants = []
        u = urllib.parse.urlsplit(req["url"])
        q = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
        for qi in range(len(q)):
            for v in random.sample(QPOOL, 3):
                nq = list(q); nq[qi] = (q[qi][0], v)
                variants.append(dict(req, url=urllib.parse.urlunsplit(u._replace(query=urllib.parse.urlencode(nq)))))
            nq = [p for j, p in enumerate(q) if j != qi]
            variants.append(dict(req, url=urllib.parse.urlunsplit(u._replace(query=urllib.parse.urlencode(nq)))))
        segs = u.path.split("/")
        if len(segs) > 2 and segs[-1]:
            for v in random.sample(QPOOL, 3):
                ns = segs[:-1] + [urllib.parse.quote(v, safe="")]
                variants.append(dict(req, url=urllib.parse.urlunsplit(u._replace(path="/".join(ns)))))
        if "json" in req and isinstance(req["json"], dict):
            for k in list(req["json"].keys()):
                for v in random.sample(JPOOL, 3):
                    j = copy.deepcopy(req["json"]); j[k] = v
                    variants.append(dict(req, json=j))
                j = copy.deepcopy(req["json"]); del j[k]
                variants.append(dict(req, json=j))
            j = copy.deepcopy(req["json"]); j["zz_extra"] = 1
            variants.append(dict(req, json=j))
        for vi, var in enumerate(variants):
            var = dict(var)
            if "json" in var: var["json_text"] = json.dumps(var["json"])
            nreqs = copy.deepcopy(reqs[:ri]) + [var]
            try:
                pysrc, expect = common.run_case(c["input"]["app"], nreqs, log=c["input"].get("record_log", False))
            except Exception as e:
                continue
            inp = dict(c["input"]); inp["requests"] = nreqs
            cases.append({"id": "%s~m%d.%d" % (c["id"], ri, vi), "input": inp, "expect": expect})
out = dict(src); out["cases"] = cases
json.dump(out, open("out/fastapi.json", "w"))
print(len(cases))
