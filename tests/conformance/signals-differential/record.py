"""Random signal scripts (the corpus's `script` kind, FORMAT.md part A; sync operations) recorded
from real Django 5.2.17 → signals.json beside this file (or OUT_DIR).

Run: /work/.venv-ref/bin/python record.py SEED COUNT [OUT_DIR]   (SEED 0: replay the corpus's sync script cases, to check this twin)
"""
import json, os, random, sys
import django
from django.conf import settings
settings.configure(DEBUG=False, INSTALLED_APPS=[], USE_TZ=True)
django.setup()
from django.dispatch import Signal
from django.test.utils import override_settings

CORPUS = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../shared/conformance/signals.json")))
class A: pass
class B: pass
class A_sub(A): pass
SENDERS = {"A": A, "B": B, "A_sub": A_sub, None: None}
def sender_label(s):
    for k, v in SENDERS.items():
        if v is s: return k
    return repr(s)
ERRORS = {"ValueError": ValueError, "RuntimeError": RuntimeError, "KeyError": KeyError}

def run(inp):
    calls = []
    signals = {name: Signal() for name in inp["signals"]}
    names = {id(s): n for n, s in signals.items()}
    receivers, owners = {}, []
    for label, spec in inp["receivers"].items():
        def make(label=label, spec=spec):
            def body(signal, sender, kwargs):
                calls.append({"receiver": label, "signal": names[id(signal)], "sender": sender_label(sender), "kwargs": kwargs})
                if "raises" in spec: raise ERRORS[spec["raises"]](spec.get("message", ""))
                return spec.get("returns", label)
            if spec.get("kind") == "method":
                class Owner:
                    def handler(self, signal, sender, **kwargs): return body(signal, sender, kwargs)
                o = Owner(); owners.append(o); return o.handler
            if spec.get("accepts_kwargs") is False:
                def f(signal, sender): return body(signal, sender, {})
            else:
                def f(signal, sender, **kwargs): return body(signal, sender, kwargs)
            f.__name__ = f.__qualname__ = label
            return f
        receivers[label] = make()
    out = []
    for op in inp["ops"]:
        calls.clear()
        sig = signals[op["signal"]]
        try:
            if op["op"] == "connect":
                kw = {k: op[k] for k in ("weak", "dispatch_uid") if k in op}
                if "sender" in op: kw["sender"] = SENDERS[op["sender"]]
                with override_settings(DEBUG=bool(inp.get("debug"))):
                    sig.connect(receivers[op["receiver"]], **kw)
                res = {"result": None}
            elif op["op"] == "disconnect":
                kw = {}
                if "receiver" in op: kw["receiver"] = receivers[op["receiver"]]
                if "sender" in op: kw["sender"] = SENDERS[op["sender"]]
                if "dispatch_uid" in op: kw["dispatch_uid"] = op["dispatch_uid"]
                res = {"result": sig.disconnect(**kw)}
            elif op["op"] == "has_listeners":
                res = {"result": sig.has_listeners(SENDERS[op.get("sender")]) if "sender" in op else sig.has_listeners()}
            else:
                fn = sig.send if op["op"] == "send" else sig.send_robust
                responses = fn(SENDERS[op["sender"]], **op.get("kwargs", {}))
                def label_of(r):
                    for k, v in receivers.items():
                        if v == r: return k
                    return repr(r)
                def resp(v):
                    if isinstance(v, Exception): return {"error": type(v).__name__, "message": str(v)}
                    return v
                res = {"responses": [[label_of(r), resp(v)] for r, v in responses]}
        except Exception as e:
            res = {"error": type(e).__name__, "message": str(e)}
        res["calls"] = [dict(c) for c in calls]
        out.append(res)
    return {"ops": out}

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
out_dir = sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(os.path.abspath(__file__))
if seed == 0:
    bad = n = 0
    for c in CORPUS["cases"]:
        if c["input"].get("kind") != "script": continue
        s = json.dumps(c["input"])
        if "async" in s or "asend" in s or "drop_reference" in s: continue
        n += 1
        got = run(c["input"])
        if got != c["expect"]: bad += 1; print("DIFF", c["id"], json.dumps(got)[:400]); print("  WANT", json.dumps(c["expect"])[:400])
    print(n, "corpus sync script cases,", bad, "differ"); sys.exit(0)
R = random.Random(seed)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 300
cases = []
for k in range(N):
    sigs = ["s1", "s2"][: R.randint(1, 2)]
    recs = {}
    for i in range(R.randint(1, 4)):
        spec = {}
        r = R.random()
        if r < 0.2: spec["raises"] = R.choice(list(ERRORS)); spec["message"] = R.choice(["bad", "", "x y"])
        elif r < 0.3: spec["returns"] = R.choice([None, 0, "v", [1, 2], {"a": 1}, True])
        if R.random() < 0.2: spec["kind"] = "method"
        elif R.random() < 0.1: spec["accepts_kwargs"] = False
        recs[("m" if spec.get("kind") == "method" else "r") + str(i + 1)] = spec
    ops = []
    for j in range(R.randint(2, 8)):
        o = R.choice(["connect", "connect", "connect", "disconnect", "has_listeners", "send", "send", "send_robust"])
        op = {"op": o, "signal": R.choice(sigs)}
        if o in ("connect", "disconnect"):
            if o == "connect" or R.random() < 0.8: op["receiver"] = R.choice(list(recs))
            if R.random() < 0.35: op["sender"] = R.choice(["A", "B", "A_sub", None])
            if R.random() < 0.2: op["dispatch_uid"] = R.choice(["u1", "u2", ""])
            if o == "connect" and R.random() < 0.2: op["weak"] = False
        elif o == "has_listeners":
            if R.random() < 0.6: op["sender"] = R.choice(["A", "B", "A_sub", None])
        else:
            op["sender"] = R.choice(["A", "B", "A_sub", None])
            if R.random() < 0.3: op["kwargs"] = {R.choice(["x", "instance", "n"]): R.choice([1, "v", None])}
        ops.append(op)
    inp = {"kind": "script", "signals": sigs, "receivers": recs, "ops": ops}
    if R.random() < 0.15: inp["debug"] = True
    cases.append({"id": f"fz-sig-{seed}-{k}", "input": inp, "expect": run(inp)})
json.dump({**{k: v for k, v in CORPUS.items() if k != "cases"}, "cases": cases}, open(os.path.join(out_dir, "signals.json"), "w"))
print(len(cases), "cases")
