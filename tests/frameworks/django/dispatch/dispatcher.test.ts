import { afterEach, describe, expect, it } from "vitest";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { Signal, bound_method, receiver } from "../../../../src/frameworks/django/dispatch";
import type { SignalKwargs } from "../../../../src/frameworks/django/dispatch";
import { func_accepts_kwargs, parameter_list } from "../../../../src/frameworks/django/dispatch/dispatcher";
import { request_started, request_finished, got_request_exception, setting_changed } from "../../../../src/frameworks/django/core/signals";
import { settings, override_settings } from "../../../../src/frameworks/django/conf";
import { ValueError, TypeError as PyTypeError } from "../../../../src/frameworks/python/builtins";
import { add_handler } from "../../../../src/frameworks/python/logging";
import type { LogRecord } from "../../../../src/frameworks/python/logging";
import { Recorder, set_active_recorder } from "../../../../src/trace";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const macrotask = () => new Promise((r) => setTimeout(r, 0));
async function collect() {
  await macrotask();
  gc();
  await macrotask();
}

class Post {}
class SpecialPost extends Post {}
class Author {}

/** Receivers kept strongly by the test (module-level functions are, in real code). */
function recording(log: string[], label: string) {
  return (sender: unknown, _kwargs: SignalKwargs) => {
    log.push(`${label}:${(sender as { name?: string } | null)?.name ?? "None"}`);
    return label;
  };
}

afterEach(() => settings.reset());

describe("Signal.connect / send", () => {
  it("calls receivers in connection order with (sender, {signal, ...named}) and returns [receiver, response] pairs", () => {
    const s = new Signal();
    const seen: unknown[] = [];
    const r1 = (sender: unknown, kwargs: SignalKwargs) => {
      seen.push([sender, kwargs]);
      return 1;
    };
    const r2 = () => 2;
    s.connect(r1);
    s.connect(r2 as any);
    const post = { title: "x" };
    expect(s.send(Post, { instance: post, created: true })).toEqual([
      [r1, 1],
      [r2, 2],
    ]);
    expect(seen).toEqual([[Post, { signal: s, instance: post, created: true }]]);
  });

  it("matches senders by identity: a subclass is not its base, and a null sender reaches only any-sender receivers", () => {
    const s = new Signal();
    const log: string[] = [];
    const for_post = recording(log, "post");
    const for_any = recording(log, "any");
    s.connect(for_post, { sender: Post });
    s.connect(for_any);
    s.send(Post);
    s.send(SpecialPost);
    s.send(null);
    expect(log).toEqual(["post:Post", "any:Post", "any:SpecialPost", "any:None"]);
  });

  it("ignores a second connect of the same receiver and sender, but not for another sender", () => {
    const s = new Signal();
    const log: string[] = [];
    const r = recording(log, "r");
    s.connect(r);
    s.connect(r);
    s.connect(r, { sender: Post });
    s.send(Post);
    expect(log).toEqual(["r:Post", "r:Post"]);
  });

  it("dedups by dispatch_uid per sender; an empty dispatch_uid is ignored", () => {
    const s = new Signal();
    const log: string[] = [];
    s.connect(recording(log, "a"), { dispatch_uid: "uid" });
    s.connect(recording(log, "b"), { dispatch_uid: "uid" });
    s.connect(recording(log, "c"), { dispatch_uid: "uid", sender: Author });
    s.connect(recording(log, "d"), { dispatch_uid: "" });
    s.connect(recording(log, "e"), { dispatch_uid: "" });
    s.send(Author);
    expect(log).toEqual(["a:Author", "c:Author", "d:Author", "e:Author"]);
  });

  it("disconnect returns whether a connection was removed; by dispatch_uid the receiver is not needed", () => {
    const s = new Signal();
    const r = () => null;
    s.connect(r as any, { dispatch_uid: "u1" });
    expect(s.disconnect(r as any)).toBe(false);
    expect(s.disconnect(null, { dispatch_uid: "u1" })).toBe(true);
    expect(s.disconnect(null, { dispatch_uid: "u1" })).toBe(false);
    s.connect(r as any, { sender: Post });
    expect(s.disconnect(r as any)).toBe(false);
    expect(s.disconnect(r as any, { sender: Post })).toBe(true);
  });

  it("reconnecting after disconnect moves the receiver to the end", () => {
    const s = new Signal();
    const log: string[] = [];
    const [a, b] = [recording(log, "a"), recording(log, "b")];
    s.connect(a);
    s.connect(b);
    s.disconnect(a);
    s.connect(a);
    s.send(null);
    expect(log).toEqual(["b:None", "a:None"]);
  });

  it("has_listeners answers per sender", () => {
    const s = new Signal();
    const r = () => null;
    expect(s.has_listeners()).toBe(false);
    s.connect(r as any, { sender: Post });
    expect([s.has_listeners(Post), s.has_listeners(Author), s.has_listeners()]).toEqual([true, false, false]);
  });

  it("a receiver that raises stops send(); send_robust() returns the exception and logs to django.dispatch", () => {
    const s = new Signal();
    const log: string[] = [];
    const boom = function boom() {
      throw new ValueError("bad");
    };
    s.connect(boom as any);
    s.connect(recording(log, "after"));
    expect(() => s.send(Post)).toThrow(ValueError);
    expect(log).toEqual([]);
    const records: LogRecord[] = [];
    const remove = add_handler((r) => records.push(r));
    try {
      const responses = s.send_robust(Post);
      expect(responses[0][1]).toBeInstanceOf(ValueError);
      expect(responses[1][1]).toBe("after");
    } finally {
      remove();
    }
    expect(records.map((r) => [r.name, r.levelname, r.message])).toEqual([["django.dispatch", "ERROR", "Error calling boom in Signal.send_robust() (bad)"]]);
  });

  it("refuses `signal` among the named arguments, as Python refuses a duplicate keyword", () => {
    const s = new Signal();
    s.connect(function r1(_sender: unknown, _kwargs: SignalKwargs) {});
    expect(() => s.send(Post, { signal: 1 })).toThrow(new PyTypeError("r1() got multiple values for keyword argument 'signal'"));
  });

  it("receiver(signal | signals, options) connects the function to each signal and returns it", () => {
    const [s1, s2] = [new Signal(), new Signal()];
    const fn = (_sender: unknown, _kwargs: SignalKwargs) => "hi";
    expect(receiver([s1, s2], { sender: Post })(fn)).toBe(fn);
    expect(receiver(s1)(fn)).toBe(fn);
    expect(s1.send(Post)).toEqual([[fn, "hi"], [fn, "hi"]]);
    expect(s2.send(Author)).toEqual([]);
  });

  it("django.core.signals defines the four handler/settings signals", () => {
    for (const s of [request_started, request_finished, got_request_exception, setting_changed]) expect(s).toBeInstanceOf(Signal);
    expect(request_started.__repr__()).toBe("<Signal: request_started>");
  });
});

describe("use_caching", () => {
  it("caches the receivers per sender and the no-receiver marker, and clears the cache on connect", () => {
    const s = new Signal({ use_caching: true });
    const log: string[] = [];
    expect(s.send(Post)).toEqual([]);
    s.connect(recording(log, "a"), { sender: Author });
    expect(s.send(Post)).toEqual([]);
    expect(s.sender_receivers_cache.get(Post)).toBeTypeOf("symbol");
    s.connect(recording(log, "b"), { sender: Post });
    expect(s.sender_receivers_cache.get(Post)).toBeUndefined();
    s.send(Post);
    expect(log).toEqual(["b:Post"]);
    expect(s.sender_receivers_cache.get(Post)).toHaveLength(1);
  });
});

describe("weak references", () => {
  it("a weakly connected function nobody else holds is collected and no longer called", async () => {
    const s = new Signal();
    const log: string[] = [];
    s.connect(recording(log, "temporary"));
    const kept = recording(log, "kept");
    s.connect(kept);
    await collect();
    s.send(Post);
    expect(log).toEqual(["kept:Post"]);
    expect(s.has_listeners()).toBe(true);
  });

  it("weak: false keeps the receiver alive", async () => {
    const s = new Signal();
    const log: string[] = [];
    s.connect(recording(log, "strong"), { weak: false });
    await collect();
    s.send(Post);
    expect(log).toEqual(["strong:Post"]);
  });

  it("a bound method lives as long as its object (Python's WeakMethod), and dedups by (object, function)", async () => {
    class Listener {
      constructor(readonly log: string[]) {}
      on_signal(sender: { name: string }, _kwargs: SignalKwargs) {
        this.log.push(`listener:${sender.name}`);
      }
    }
    const s = new Signal();
    const log: string[] = [];
    let listener: Listener | null = new Listener(log);
    s.connect(bound_method(listener, Listener.prototype.on_signal));
    s.connect(bound_method(listener, Listener.prototype.on_signal));
    await collect();
    s.send(Post);
    expect(log).toEqual(["listener:Post"]);
    listener = null;
    await collect();
    s.send(Post);
    expect(log).toEqual(["listener:Post"]);
    expect(s.has_listeners()).toBe(false);
    expect(s.receivers).toHaveLength(0);
    void listener;
  });

  it("an arrow-function property is kept alive by its object, like a bound method", async () => {
    class Listener {
      log: string[] = [];
      handle = (_sender: unknown, _kwargs: SignalKwargs) => this.log.push("called");
    }
    const s = new Signal();
    const listener = new Listener();
    s.connect(listener.handle);
    await collect();
    s.send(Post);
    expect(listener.log).toEqual(["called"]);
  });
});

describe("DEBUG receiver check", () => {
  it("rejects under DEBUG a receiver that cannot take the kwargs object", () => {
    settings.configure({ SECRET_KEY: "x", DEBUG: true });
    const s = new Signal();
    expect(() => s.connect(((sender: unknown) => sender) as any)).toThrow(new ValueError("Signal receivers must accept keyword arguments (**kwargs)."));
    expect(() => s.connect(42 as any)).toThrow(new PyTypeError("Signal receivers must be callable."));
    expect(s.receivers).toHaveLength(0);
    override_settings({ DEBUG: false }, () => s.connect(((sender: unknown) => sender) as any));
    expect(s.receivers).toHaveLength(1);
  });

  it("func_accepts_kwargs: two parameters, a rest parameter, or defaults count; one parameter does not", () => {
    expect(func_accepts_kwargs(function (_sender: unknown, _kwargs: unknown) {})).toBe(true);
    expect(func_accepts_kwargs(function (_sender: unknown) {})).toBe(false);
    expect(func_accepts_kwargs((_sender: unknown) => 1)).toBe(false);
    expect(func_accepts_kwargs(new Function("sender", "return sender"))).toBe(false);
    expect(func_accepts_kwargs(new Function("sender", "kwargs = {}", "return sender"))).toBe(true);
    expect(func_accepts_kwargs(new Function("...args", "return args"))).toBe(true);
    expect(func_accepts_kwargs(new Function("return 1"))).toBe(false);
    expect(func_accepts_kwargs(async (_a: unknown, _b: unknown) => 1)).toBe(true);
    expect(func_accepts_kwargs(Math.max)).toBe(true); // native: no source to read
    expect(func_accepts_kwargs(((_a: unknown) => 1).bind(null))).toBe(true);
  });

  it("parameter_list reads top-level parameters past defaults with commas and brackets", () => {
    expect(parameter_list("function (sender, kwargs = { a: [1, 2] }, x = f(1, ')')) {}")).toEqual(["sender", "kwargs = { a: [1, 2] }", "x = f(1, ')')"]);
    expect(parameter_list("async sender => sender")).toEqual(["sender"]);
    expect(parameter_list("handle(sender, { instance }) { }")).toEqual(["sender", "{ instance }"]);
    expect(parameter_list("function max() { [native code] }")).toBeNull();
  });
});

describe("async receivers", () => {
  const sync_r = (label: string, log: string[]) => (_s: unknown, _k: SignalKwargs) => (log.push(label), label);
  const async_r = (label: string, log: string[], fail = false) => async (_s: unknown, _k: SignalKwargs) => {
    log.push(`${label}:start`);
    await macrotask();
    if (fail) throw new ValueError(`${label} failed`);
    log.push(`${label}:end`);
    return label;
  };

  it("send() calls sync receivers first, then starts async ones together; their responses are promises", async () => {
    const s = new Signal();
    const log: string[] = [];
    const fns = [async_r("a1", log), sync_r("r1", log), async_r("a2", log)];
    fns.forEach((f) => s.connect(f));
    const responses = s.send(Post);
    expect(log).toEqual(["r1", "a1:start", "a2:start"]);
    expect(responses.map(([f]) => fns.indexOf(f as any))).toEqual([1, 0, 2]);
    expect(await Promise.all(responses.map(([, r]) => r))).toEqual(["r1", "a1", "a2"]);
  });

  it("asend() returns sync responses, then async ones, each in connection order", async () => {
    const s = new Signal();
    const log: string[] = [];
    const fns = [async_r("a1", log), sync_r("r1", log), sync_r("r2", log)];
    fns.forEach((f) => s.connect(f));
    const responses = await s.asend(Post);
    expect(responses.map(([, r]) => r)).toEqual(["r1", "r2", "a1"]);
    expect(log).toEqual(["a1:start", "r1", "r2", "a1:end"]);
  });

  it("asend_robust() and send_robust() turn async failures into responses; asend() rejects", async () => {
    const s = new Signal();
    const log: string[] = [];
    s.connect(async_r("a1", log, true));
    s.connect(sync_r("r1", log));
    const robust = await s.asend_robust(Post);
    expect(robust[0][1]).toBe("r1");
    expect(robust[1][1]).toBeInstanceOf(ValueError);
    const sync_robust = s.send_robust(Post);
    expect(await sync_robust[1][1]).toBeInstanceOf(ValueError);
    await expect(s.asend(Post)).rejects.toThrow("a1 failed");
  });
});

describe("trace", () => {
  it("records a signal span, a receiver span per call, and events for receivers filtered out or dead", async () => {
    const s = new Signal({ name: "post_save" });
    const for_author = function for_author(_s: unknown, _k: SignalKwargs) {};
    const on_save = Object.assign(function on_save(_s: unknown, _k: SignalKwargs) { return "saved"; }, { __module__: "blog/signals" });
    s.connect(for_author, { sender: Author });
    s.connect(on_save, { sender: Post });
    s.connect(function gone(_s: unknown, _k: SignalKwargs) {});
    await collect();
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      s.send(Post, { created: true });
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans.map((sp) => ({ kind: sp.kind, name: sp.name, parent: sp.parent, attrs: sp.attrs, source: sp.source }));
    expect(spans).toEqual([
      { kind: "signal", name: "post_save", parent: null, attrs: { method: "send", sender: "Post", kwargs: { created: true } }, source: undefined },
      { kind: "receiver", name: "for_author", parent: 0, attrs: { filtered_out: true, receiver_sender: "Author", actual_sender: "Post" }, source: undefined },
      { kind: "receiver", name: "gone", parent: 0, attrs: { dead_reference: true }, source: undefined },
      { kind: "receiver", name: "on_save", parent: 0, attrs: { sender: "Post", kwargs: { created: true }, response: "saved" }, source: { file: "blog/signals", symbol: "on_save" } },
    ]);
    void for_author;
  });

  it("records nothing when tracing is off", () => {
    const s = new Signal();
    const r = (_s: unknown, _k: SignalKwargs) => 1;
    s.connect(r);
    expect(s.send(Post)).toEqual([[r, 1]]);
  });
});
