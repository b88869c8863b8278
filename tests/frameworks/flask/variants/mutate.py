"""Variants of the Flask conformance cases: each request step replayed with its query values, last
path segment, form fields or JSON fields swapped for other values, recorded from the real Flask
3.1.3 with the reference harness. Run with the shared reference on the path:  python3 mutate.py SEED.
"""
import json, random, sys, copy, urllib.parse
sys.path.insert(0, "/work/shared/conformance/reference/flask")
import common
common.freeze_time()
import harness
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
src = json.load(open("/work/shared/conformance/flask.json"))
QPOOL = ["", "0", "-1", "1.5", "abc", "true", "on", " 7 ", "1e3", "99999999999999999999", "%", "a b", "é", "a/b", "..", "-0", "+5", "0x1A", "1_000", "None"]
JPOOL = [None, "", 0, -1, 1.5, "x", True, [], {}, "1", [1, "a"], 10**20, {"a": 1}]
cases = []
for c in src["cases"]:
    if c["input"].get("op") != "requests": continue
    steps = c["input"]["steps"]
    for si, step in enumerate(steps):
        variants = []
        u = urllib.parse.urlsplit(step["path"])
        q = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
        for qi in range(len(q)):
            for v in random.sample(QPOOL, 2):
                nq = list(q); nq[qi] = (q[qi][0], v)
                variants.append(dict(step, path=urllib.parse.urlunsplit(u._replace(query=urllib.parse.urlencode(nq)))))
        segs = u.path.split("/")
        if len(segs) > 2 and segs[-1]:
            for v in random.sample(QPOOL, 3):
                ns = segs[:-1] + [urllib.parse.quote(v, safe="")]
                variants.append(dict(step, path=urllib.parse.urlunsplit(u._replace(path="/".join(ns)))))
        if "form" in step:
            for fi in range(len(step["form"])):
                for v in random.sample(QPOOL, 2):
                    f = copy.deepcopy(step["form"]); f[fi] = [f[fi][0], v]
                    variants.append(dict(step, form=f))
        if "json" in step and isinstance(step["json"], dict):
            for k in list(step["json"].keys()):
                for v in random.sample(JPOOL, 2):
                    j = copy.deepcopy(step["json"]); j[k] = v
                    variants.append(dict(step, json=j))
        for vi, var in enumerate(variants):
            nsteps = copy.deepcopy(steps[:si]) + [var]
            try:
                app = harness.build_app(c["input"]["app"])
                expect = {"steps": harness.run_steps(app, nsteps)}
            except Exception as e:
                continue
            inp = dict(c["input"]); inp["steps"] = nsteps
            cases.append({"id": "%s~m%d.%d" % (c["id"], si, vi), "input": inp, "expect": expect})
out = dict(src); out["cases"] = cases
json.dump(out, open("out/flask.json", "w"))
print(len(cases))
