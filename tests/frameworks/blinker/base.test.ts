/**
 * blinker.base: connecting receivers for a sender or for ANY, sending, disconnecting, the `with`
 * helpers (connected_to, muted), weak references, named signals — each checked against what
 * blinker 1.9 (the one Flask 3.1.3 runs on) does for the same calls; the argument errors are
 * Python's own messages.
 */
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { describe, expect, it } from "vitest";
import { ANY, NamedSignal, Namespace, Signal, default_namespace, signal } from "../../../src/frameworks/blinker";
import { RuntimeError, TypeError as PyTypeError } from "../../../src/frameworks/python/builtins";
import { Recorder, set_active_recorder } from "../../../src/trace";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const macrotask = () => new Promise((r) => setTimeout(r, 0));
async function collect() {
  await macrotask();
  gc();
  await macrotask();
}

/** A receiver that logs `label:sender` and returns its label. */
function recording(log: string[], label: string) {
  return (sender: unknown, _kwargs: Record<string, unknown>) => {
    log.push(`${label}:${String((sender as { name?: string } | null)?.name ?? sender)}`);
    return label;
  };
}

class App {
  constructor(readonly name: string) {}
}

describe("Signal.send", () => {
  it("calls the receivers for ANY and for the sender in the order they connected, and returns [receiver, result] pairs", () => {
    const s = new Signal();
    const log: string[] = [];
    const app = new App("app");
    const a = recording(log, "a");
    const b = recording(log, "b");
    const c = recording(log, "c");
    s.connect(a, app);
    s.connect(b);
    s.connect(c, app);
    expect(s.send(app)).toEqual([
      [a, "a"],
      [b, "b"],
      [c, "c"],
    ]);
    expect(s.send(new App("other"))).toEqual([[b, "b"]]);
    expect(log).toEqual(["a:app", "b:app", "c:app", "b:other"]);
  });

  it("keeps a receiver's place when it connects again, and puts it last after a full disconnect", () => {
    const s = new Signal();
    const log: string[] = [];
    const a = recording(log, "a");
    const b = recording(log, "b");
    s.connect(a);
    s.connect(b);
    s.connect(a, "x");
    expect(s.send("x").map(([, r]) => r)).toEqual(["a", "b"]);
    s.disconnect(a);
    s.connect(a);
    expect(s.send("x").map(([, r]) => r)).toEqual(["b", "a"]);
  });

  it("calls a receiver connected for ANY and for the sender once", () => {
    const s = new Signal();
    const log: string[] = [];
    const a = recording(log, "a");
    s.connect(a);
    s.connect(a, "app");
    s.send("app");
    expect(log).toEqual(["a:app"]);
  });

  it("passes the keyword arguments as a fresh object per receiver, and None as the default sender", () => {
    const s = new Signal();
    const seen: unknown[] = [];
    const first = (sender: unknown, kwargs: Record<string, unknown>) => {
      seen.push(sender, { ...kwargs });
      kwargs.count = 99;
    };
    const second = (_sender: unknown, kwargs: Record<string, unknown>) => void seen.push(kwargs.count);
    s.connect(first);
    s.connect(second);
    s.send(null, { count: 1 });
    s.send();
    expect(seen).toEqual([null, { count: 1 }, 1, null, {}, undefined]);
  });

  it("matches str and int senders by value and other senders by identity", () => {
    const s = new Signal();
    const log: string[] = [];
    s.connect(recording(log, "by-str"), "orders");
    s.connect(recording(log, "by-int"), 1);
    const target = new App("one");
    const by_obj = recording(log, "by-obj");
    s.connect(by_obj, target);
    s.send(["ord", "ers"].join(""));
    s.send(true); // Python's True == 1
    s.send(new App("one"));
    s.send(target);
    expect(log).toEqual(["by-str:orders", "by-int:true", "by-obj:one"]);
  });

  it("lets an exception in a receiver propagate, and calls no later receiver", () => {
    const s = new Signal();
    const log: string[] = [];
    const boom = () => {
      throw new RuntimeError("boom");
    };
    const later = recording(log, "later");
    s.connect(boom);
    s.connect(later);
    expect(() => s.send("x")).toThrow("boom");
    expect(log).toEqual([]);
  });

  it("does not call a receiver an earlier receiver disconnected during the same send", () => {
    const s = new Signal();
    const log: string[] = [];
    const second = recording(log, "second");
    const first = () => {
      log.push("first");
      s.disconnect(second);
    };
    s.connect(first);
    s.connect(second);
    expect(s.send("x")).toEqual([[first, undefined]]);
    expect(log).toEqual(["first"]);
  });

  it("refuses a coroutine receiver without _async_wrapper, and calls it through one", async () => {
    const s = new Signal();
    const receiver = async (_sender: unknown, { n }: Record<string, any>) => n * 2;
    s.connect(receiver);
    expect(() => s.send("x", { n: 2 })).toThrow(new RuntimeError("Cannot send to a coroutine function."));
    const wrapped: unknown[] = [];
    const results = s.send("x", { n: 2, _async_wrapper: (fn) => (wrapped.push(fn), (sender, kwargs) => ["wrapped", fn(sender, kwargs)]) });
    expect(wrapped).toEqual([receiver]);
    expect(results[0][1]).toEqual(["wrapped", expect.any(Promise)]);
    expect(await (results[0][1] as [string, Promise<number>])[1]).toBe(4);
  });

  it("send_async awaits coroutine receivers and needs _sync_wrapper for plain ones", async () => {
    const s = new Signal();
    const coroutine = async (_sender: unknown, { n }: Record<string, any>) => n + 1;
    s.connect(coroutine);
    expect(await s.send_async("x", { n: 1 })).toEqual([[coroutine, 2]]);
    const plain = (_sender: unknown, { n }: Record<string, any>) => n + 10;
    s.connect(plain);
    await expect(s.send_async("x", { n: 1 })).rejects.toThrow("Cannot send to a non-coroutine function.");
    expect(await s.send_async("x", { n: 1, _sync_wrapper: (fn) => async (sender, kwargs) => fn(sender, kwargs) })).toEqual([
      [coroutine, 2],
      [plain, 11],
    ]);
  });
});

describe("Signal.disconnect and the receiver book-keeping", () => {
  it("disconnects from one sender only, or (ANY) from every sender", () => {
    const s = new Signal();
    const log: string[] = [];
    const a = recording(log, "a");
    s.connect(a, "x");
    s.connect(a, "y");
    s.disconnect(a, "x");
    s.send("x");
    s.send("y");
    s.disconnect(a);
    s.send("y");
    expect([log, s.receivers.size]).toEqual([["a:y"], 0]);
  });

  it("answers has_receivers_for as blinker does, an emptied sender bucket included", () => {
    const s = new Signal();
    const r = (_s: unknown, _k: Record<string, unknown>) => undefined;
    expect(s.has_receivers_for("a")).toBe(false);
    s.connect(r, "a");
    expect([s.has_receivers_for(ANY), s.has_receivers_for("a"), s.has_receivers_for("b")]).toEqual([false, true, false]);
    s.disconnect(r, "b"); // blinker's defaultdict makes an empty bucket for "b"
    expect(s.has_receivers_for("b")).toBe(true);
    s.disconnect(r, "a");
    expect([s.receivers.size, s.has_receivers_for("a"), [...s.receivers_for("a")]]).toEqual([1, true, []]);
    s._cleanup_bookkeeping();
    expect(s.has_receivers_for("a")).toBe(false);
    s.connect(r);
    expect(s.has_receivers_for(ANY)).toBe(true);
  });

  it("yields the receivers for a sender from the receivers_for generator", () => {
    const s = new Signal();
    const a = (_s: unknown, _k: Record<string, unknown>) => "a";
    const b = (_s: unknown, _k: Record<string, unknown>) => "b";
    s.connect(a, "x");
    s.connect(b);
    const gen = s.receivers_for("x");
    expect(gen.next()).toEqual({ value: a, done: false });
    expect([...gen]).toEqual([b]);
    expect([...s.receivers_for("y")]).toEqual([b]);
  });

  it("sends receiver_connected and receiver_disconnected once something listens to them", () => {
    const s = new Signal();
    const events: unknown[] = [];
    s.receiver_connected.connect((sender, { receiver, sender: for_sender, weak }) => void events.push(["connected", sender === s, (receiver as Function).name, for_sender, weak]));
    s.receiver_disconnected.connect((_sender, { receiver, sender: for_sender }) => void events.push(["disconnected", (receiver as Function).name, for_sender]));
    function on_it(_s: unknown, _k: Record<string, unknown>) {}
    s.connect(on_it, "app", false);
    s.disconnect(on_it);
    expect(events).toEqual([
      ["connected", true, "on_it", "app", false],
      ["disconnected", "on_it", ANY],
    ]);
  });

  it("binds connect's arguments as Python does: positional, a trailing keyword object, and Python's TypeErrors", () => {
    const s = new Signal();
    const r = (_s: unknown, _k: Record<string, unknown>) => "r";
    s.connect(r, { sender: "a", weak: false });
    expect(s.receivers.get(s.receivers.keys().next().value!)).toBe(r); // weak=false: the function itself
    expect(s.send("a")).toEqual([[r, "r"]]);
    expect(() => s.connect(r, "a", true, 3)).toThrow(new PyTypeError("Signal.connect() takes from 2 to 4 positional arguments but 5 were given"));
    expect(() => s.connect(r, "a", { sender: 1 })).toThrow(new PyTypeError("Signal.connect() got multiple values for argument 'sender'"));
    expect(() => s.connect(r, { sendr: 1 })).toThrow(new PyTypeError("Signal.connect() got an unexpected keyword argument 'sendr'"));
    expect(() => (s.connect as (...a: unknown[]) => unknown)()).toThrow(new PyTypeError("Signal.connect() missing 1 required positional argument: 'receiver'"));
  });
});

describe("The decorator and the with-blocks", () => {
  it("connect_via(sender) decorates a receiver, strongly held by default", async () => {
    const s = new Signal();
    const log: string[] = [];
    const returned = s.connect_via("app")(function on_app(sender) {
      log.push(`on_app:${sender}`);
    });
    expect(returned.name).toBe("on_app");
    await collect();
    s.send("app");
    s.send("other");
    expect(log).toEqual(["on_app:app"]);
  });

  it("connected_to(receiver, sender, block) connects for the block, returns its value, and disconnects even when it raises", () => {
    const s = new Signal();
    const log: string[] = [];
    const r = recording(log, "r");
    expect(s.connected_to(r, "app", () => (s.send("app"), s.send("other"), "done"))).toBe("done");
    s.send("app");
    expect(() =>
      s.connected_to(r, () => {
        s.send("any");
        throw new RuntimeError("inside");
      }),
    ).toThrow("inside");
    s.send("any");
    expect([log, s.receivers.size]).toEqual([["r:app", "r:any"], 0]);
  });

  it("connected_to with an async block disconnects when its promise settles", async () => {
    const s = new Signal();
    const log: string[] = [];
    const r = recording(log, "r");
    const pending = s.connected_to(r, async () => {
      await macrotask();
      s.send("late");
      return 7;
    });
    expect(s.receivers.size).toBe(1);
    expect(await pending).toBe(7);
    expect([log, s.receivers.size]).toEqual([["r:late"], 0]);
  });

  it("muted(block) calls no receiver while the block runs", () => {
    const s = new Signal();
    const log: string[] = [];
    s.connect(recording(log, "r"), { weak: false });
    expect(s.muted(() => s.send("x"))).toEqual([]);
    s.send("y");
    expect(log).toEqual(["r:y"]);
  });
});

describe("Weak references", () => {
  it("drop a weakly connected receiver once it is collected, and keep a strong one", async () => {
    const s = new Signal();
    const log: string[] = [];
    s.connect(recording(log, "weak"));
    s.connect(recording(log, "strong"), { weak: false });
    await collect();
    s.send("x");
    expect([log, s.receivers.size]).toEqual([["strong:x"], 1]);
  });

  it("keep a bound method while its object lives (WeakMethod)", async () => {
    const s = new Signal();
    const log: string[] = [];
    class Listener {
      on(sender: unknown) {
        log.push(`on:${sender}`);
      }
    }
    const listener = new Listener();
    const bound = (o: Listener) => Object.assign((...a: [unknown]) => o.on(...a), { __self__: o, __func__: Listener.prototype.on });
    s.connect(bound(listener));
    s.connect(bound(listener)); // the same (function, object): one receiver
    await collect();
    s.send("x");
    expect([log, s.receivers.size]).toEqual([["on:x"], 1]);
    s.disconnect(bound(listener));
    expect(s.receivers.size).toBe(0);
  });

  it("forget the receivers of a sender that was collected", async () => {
    const s = new Signal();
    const r = (_s: unknown, _k: Record<string, unknown>) => undefined;
    s.connect(r, new App("temporary"), false);
    expect(s._by_sender.size).toBe(1);
    await collect();
    expect([s._by_sender.size, s._weak_senders.size, s.receivers.size]).toEqual([0, 0, 1]);
  });
});

describe("Named signals", () => {
  it("are one signal per name in a Namespace, and in the default namespace for signal(name)", () => {
    const ns = new Namespace();
    const saved = ns.signal("model-saved", "Sent after a save.");
    expect([ns.signal("model-saved") === saved, saved instanceof NamedSignal, saved.name, saved.__doc__, [...ns.keys()]]).toEqual([true, true, "model-saved", "Sent after a save.", ["model-saved"]]);
    expect(signal("blinker-test") === signal("blinker-test")).toBe(true);
    expect(default_namespace.get("blinker-test")).toBe(signal("blinker-test"));
    expect(new Namespace().signal("model-saved")).not.toBe(saved);
    default_namespace.delete("blinker-test");
  });

  it("print as blinker prints them, and ANY as its name", () => {
    expect(new NamedSignal("ready").__repr__()).toMatch(/^<blinker\.base\.NamedSignal object at 0x[0-9a-f]{12}; 'ready'>$/);
    expect([ANY.__repr__(), String(ANY), Signal.ANY === ANY]).toEqual(["ANY", "ANY", true]);
  });
});

describe("The trace of a send", () => {
  it("records a signal span, a receiver span per call, and an event per receiver connected for another sender", () => {
    const s = new NamedSignal("model-saved");
    const for_other = function for_other(_s: unknown, _k: Record<string, unknown>) {};
    const on_save = Object.assign(function on_save(_s: unknown, _k: Record<string, unknown>) {
      return "saved";
    }, { __module__: "shop.signals" });
    s.connect(for_other, new App("other"));
    s.connect(on_save, "shop", false);
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      s.send("shop", { created: true });
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans.map((sp) => ({ kind: sp.kind, name: sp.name, parent: sp.parent, attrs: sp.attrs, source: sp.source }));
    expect(spans).toEqual([
      { kind: "signal", name: "model-saved", parent: null, attrs: { method: "send", sender: "shop", kwargs: { created: true } }, source: undefined },
      { kind: "receiver", name: "for_other", parent: 0, attrs: { filtered_out: true, receiver_sender: "<App>", actual_sender: "shop" }, source: undefined },
      { kind: "receiver", name: "on_save", parent: 0, attrs: { sender: "shop", kwargs: { created: true }, response: "saved" }, source: { file: "shop/signals.ts", symbol: "on_save" } },
    ]);
    void for_other;
  });

  it("records nothing for a signal nobody connected to", () => {
    const s = new NamedSignal("quiet");
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      expect(s.send("x", { a: 1 })).toEqual([]);
    } finally {
      set_active_recorder(previous);
    }
    expect(recorder.trace().spans).toEqual([]);
  });
});

describe("A weakly held receiver that was collected", () => {
  it("is named once in the trace of the next send, as not called", async () => {
    const s = new NamedSignal("tick");
    s.connect(function forgotten(_s: unknown, _k: Record<string, unknown>) {});
    await collect();
    expect(s.receivers.size).toBe(0);
    const traces = [0, 1].map(() => {
      const recorder = new Recorder();
      const previous = set_active_recorder(recorder);
      try {
        s.send("x");
      } finally {
        set_active_recorder(previous);
      }
      return recorder.trace().spans.map((sp) => [sp.kind, sp.name, sp.attrs]);
    });
    expect(traces).toEqual([
      [
        ["signal", "tick", { method: "send", sender: "x", kwargs: {} }],
        ["receiver", "forgotten", { dead_reference: true }],
      ],
      [],
    ]);
  });
});

describe("Arguments JavaScript adds", () => {
  it("reads an undefined sender as not given (ANY), and null as Python's None", () => {
    const s = new Signal();
    const log: string[] = [];
    s.connect(recording(log, "any"), undefined);
    s.connect(recording(log, "none"), null, false);
    s.send("x");
    s.send(null);
    expect(log).toEqual(["any:x", "any:null", "none:null"]);
  });
});
