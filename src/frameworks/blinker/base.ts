/**
 * blinker.base: a signal → a call to each receiver connected to it, for the sender that sent it or
 * for ANY sender. Main class: `Signal` (with `NamedSignal` and `Namespace`, which Flask's signals
 * are made of); `signal(name)` gives the named signal of the default namespace.
 *
 *   // Python:  template_rendered.connect(record, app)
 *   template_rendered.connect(record, app);
 *   // Python:  def record(sender, template, context, **extra): ...
 *   function record(sender, { template, context }) { ... }
 *   // Python:  template_rendered.send(app, template=template, context=context)
 *   template_rendered.send(app, { template, context });       // → [[record, undefined]]
 *
 * Receivers are kept by receiver (`receivers`, by `make_id`) and indexed both ways: by sender
 * (`_by_sender`: sender id → receiver ids, `ANY_ID` for "any sender") and by receiver. A send
 * calls the receivers connected for ANY or for exactly this sender, in the order they were first
 * connected (blinker leaves the order to `set_class`, Python's unordered `set`; here it is the
 * connection order — docs/adr/0039-blinker-and-flask-signals.md). A receiver is held weakly by
 * default and disconnected some time after it is garbage-collected.
 *
 * Spellings (ADR 0039, after ADR 0002's for Django's signals): a receiver is `(sender, kwargs)`;
 * `send(sender, { name: value })`; `connect(receiver, sender)` or `connect(receiver, { sender,
 * weak })`; a `with` block is a callback: `signal.connected_to(record, app, () => { ... })`.
 *
 * Trace: a send that finds receivers connected is a "signal" span; each receiver called is a
 * "receiver" child span, each receiver connected for another sender (or dead) a "receiver" event.
 * A signal nobody connected to records nothing (Flask sends six of them on every request).
 */
import { RuntimeError, TypeError } from "../python/builtins";
import { keep_with_importing_module } from "../python/importlib";
import { describe_error, span_close, span_fail, span_set, to_json, trace_site, tracing_enabled, type Attrs, type Json, type SourceRef } from "../../trace";
import { Symbol, id, iscoroutinefunction, ismethod, make_id, make_ref, type Id, type Ref } from "./_utilities";

const SEND = trace_site("signal", "blinker/base.ts#Signal.send");
const RECEIVER = trace_site("receiver", "blinker/base.ts#Signal.send");

/** Python's `def receiver(sender, **kwargs)`: the named arguments of the send arrive as one object. */
export type Receiver = (sender: any, kwargs: Record<string, any>) => unknown;

/** `(receiver, return value)`, one per receiver called. */
export type Response = [Receiver, unknown];

/** `send()`'s keyword arguments: what the receivers get, and blinker's own `_async_wrapper`. */
export type SendKwargs = Record<string, unknown> & { _async_wrapper?: ((receiver: Receiver) => Receiver) | null };

/** `send_async()`'s: what the receivers get, and `_sync_wrapper`. */
export type SendAsyncKwargs = Record<string, unknown> & { _sync_wrapper?: ((receiver: Receiver) => (sender: any, kwargs: Record<string, any>) => Promise<unknown>) | null };

/** `ANY`: the sender a receiver is connected for when it wants every sender. */
export const ANY: Symbol = new Symbol("ANY");
/** The id `ANY` is kept under (no object's id is 0). */
export const ANY_ID = 0;

// ---------------------------------------------------------------------------------------------
// Python's arguments: positional as Python allows, and a trailing options object for keywords.

/** An options object: a plain object literal (`{ sender: app, weak: false }`). */
function is_keywords(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Bind `args` to the optional parameters `names` (after the first, required one) as Python binds a
 * call: positional values in order, then a trailing options object by name. Unknown keywords, a
 * value given twice, and too many positional values raise Python's TypeErrors.
 */
function bind(qualname: string, names: readonly string[], defaults: readonly unknown[], args: readonly unknown[]): unknown[] {
  const out = defaults.slice();
  let positional = args.length;
  let keywords: Record<string, unknown> | null = null;
  if (positional > 0 && is_keywords(args[positional - 1])) keywords = args[--positional] as Record<string, unknown>;
  if (positional > names.length)
    throw new TypeError(`${qualname}() takes from 2 to ${names.length + 2} positional arguments but ${positional + 2} were given`);
  for (let i = 0; i < positional; i++) if (args[i] !== undefined) out[i] = args[i]; // undefined: not given (JavaScript's), not None
  if (keywords !== null)
    for (const key of Object.keys(keywords)) {
      const i = names.indexOf(key);
      if (i < 0) throw new TypeError(`${qualname}() got an unexpected keyword argument '${key}'`);
      if (i < positional) throw new TypeError(`${qualname}() got multiple values for argument '${key}'`);
      out[i] = keywords[key];
    }
  return out;
}

function require_callable(qualname: string, receiver: unknown): void {
  if (receiver === undefined) throw new TypeError(`${qualname}() missing 1 required positional argument: 'receiver'`);
}

/** A `with` block given as a callback (ADR 0033): run it, then `exit` — after its promise settles if it returns one. */
function with_block<T>(block: () => T, exit: () => void): T {
  let result: T;
  try {
    result = block();
  } catch (e) {
    exit();
    throw e;
  }
  if (result instanceof Promise) return result.finally(exit) as T;
  exit();
  return result;
}

/** The last argument as the `with` block; the ones before it as the call's arguments. */
function split_block(qualname: string, args: readonly unknown[]): [unknown[], () => unknown] {
  const block = args[args.length - 1];
  if (typeof block !== "function") throw new TypeError(`${qualname}(): the with block is a function given last (\`${qualname.split(".")[1]}(..., () => { ... })\`)`);
  return [args.slice(0, -1), block as () => unknown];
}

// ---------------------------------------------------------------------------------------------

/** `Signal(doc=None)`: a notification emitter. */
export class Signal {
  /** An alias of `ANY`, as `Signal.ANY`. */
  static readonly ANY = ANY;
  readonly ANY = ANY;

  /**
   * The connected receivers by receiver id: the function, or a weak reference to it. Check
   * `signal.receivers.size` where Python checks `if signal.receivers:`.
   */
  receivers = new Map<Id, Receiver | Ref<Receiver>>();
  is_muted = false;
  /** Sender ids per receiver id, and receiver ids per sender id (Python's `defaultdict(set)`; a Set keeps insertion order). */
  _by_receiver = new Map<Id, Set<Id>>();
  _by_sender = new Map<Id, Set<Id>>();
  /** Weak references to the senders receivers were connected for (their receivers go when they are collected). */
  _weak_senders = new Map<Id, Ref<object>>();
  __doc__: string | null = null;
  private _receiver_connected: Signal | null = null;
  private _receiver_disconnected: Signal | null = null;
  /** For the trace only: the receivers' and senders' names, made when they connect. */
  private readonly _labels = new Map<Id, string>();
  private readonly _sources = new Map<Id, SourceRef | undefined>();
  /** Weakly held receivers collected since the last traced send (named in its trace, then forgotten). */
  private readonly _collected = new Set<Id>();

  constructor(doc: string | null = null) {
    if (doc) this.__doc__ = doc;
  }

  /** `receiver_connected`: sent (sender: this signal) at the end of each `connect`, with `receiver`, `sender` and `weak`. */
  get receiver_connected(): Signal {
    return (this._receiver_connected ??= new Signal("Emitted after a receiver connects."));
  }

  /** `receiver_disconnected`: sent at the end of each explicit `disconnect`, with `receiver` and `sender`. */
  get receiver_disconnected(): Signal {
    return (this._receiver_disconnected ??= new Signal("Emitted after a receiver disconnects."));
  }

  /** The name shown in the trace: a NamedSignal's name, or "signal". */
  get _trace_name(): string {
    return "signal";
  }

  /**
   * `connect(receiver, sender=ANY, weak=True)`: call `receiver` when this signal is sent by
   * `sender` (or by anyone, for ANY). `weak` keeps only a weak reference: the receiver goes once
   * it is garbage-collected. Returns the receiver (so it can decorate).
   */
  connect<F extends Receiver>(receiver: F, ...args: unknown[]): F {
    require_callable("Signal.connect", receiver);
    const [sender, weak] = bind("Signal.connect", CONNECT_PARAMS, CONNECT_DEFAULTS, args);
    const receiver_id = make_id(receiver);
    const sender_id = sender === ANY ? ANY_ID : make_id(sender);
    this._collected.delete(receiver_id);
    // A function connected by a module's top level lives as long as the module, as in Python.
    if (weak && !ismethod(receiver)) keep_with_importing_module(receiver);
    this.receivers.set(receiver_id, weak ? make_ref(receiver as Receiver, this._make_cleanup_receiver(receiver_id)) : receiver);
    bucket(this._by_sender, sender_id).add(receiver_id);
    bucket(this._by_receiver, receiver_id).add(sender_id);
    if (sender !== ANY && !this._weak_senders.has(sender_id) && is_referenceable(sender)) this._weak_senders.set(sender_id, make_ref(sender, this._make_cleanup_sender(sender_id)));
    this._labels.set(receiver_id, receiver_label(receiver));
    this._sources.set(receiver_id, receiver_source(receiver));
    if (sender !== ANY && !this._labels.has(sender_id)) this._labels.set(sender_id, String(describe_sender(sender)));
    if (this._receiver_connected !== null && this._receiver_connected.receivers.size) {
      try {
        this._receiver_connected.send(this, { receiver, sender, weak });
      } catch (e) {
        if (e instanceof TypeError) this.disconnect(receiver, sender);
        throw e;
      }
    }
    return receiver;
  }

  /** `connect_via(sender, weak=False)`: `@signal.connect_via(app)` is `signal.connect_via(app)(function f(sender, kwargs) { … })`. */
  connect_via(...args: unknown[]): <F extends Receiver>(fn: F) => F {
    const [sender, weak] = bind("Signal.connect_via", CONNECT_PARAMS, CONNECT_VIA_DEFAULTS, args);
    return (fn) => {
      this.connect(fn, sender, weak);
      return fn;
    };
  }

  /**
   * `with signal.connected_to(receiver, sender=ANY): …` → `signal.connected_to(receiver, sender, () => { … })`:
   * connected (strongly) while the block runs, disconnected from every sender when it ends.
   * Returns what the block returns (a Promise: disconnected when it settles).
   */
  connected_to<T>(receiver: Receiver, ...rest: [...unknown[], () => T]): T {
    require_callable("Signal.connected_to", receiver);
    const [args, block] = split_block("Signal.connected_to", rest);
    const [sender] = bind("Signal.connected_to", DISCONNECT_PARAMS, DISCONNECT_DEFAULTS, args);
    this.connect(receiver, sender, false);
    return with_block(block as () => T, () => this.disconnect(receiver));
  }

  /** `with signal.muted(): …` → `signal.muted(() => { … })`: no receiver is called while the block runs. */
  muted<T>(block: () => T): T {
    this.is_muted = true;
    return with_block(block, () => {
      this.is_muted = false;
    });
  }

  /**
   * `send(sender=None, /, *, _async_wrapper=None, **kwargs)` → `send(sender, { ...kwargs })`: call
   * every receiver connected for ANY or for `sender`, each as `receiver(sender, kwargs)`, and
   * return `[receiver, return value]` pairs. An exception in a receiver propagates (the rest are
   * not called). An `async` receiver is called through `_async_wrapper` (RuntimeError without one).
   */
  send(sender: unknown = null, kwargs: SendKwargs = NO_KWARGS): Response[] {
    if (this.is_muted) return [];
    if (this.receivers.size === 0 && (this._collected.size === 0 || !tracing_enabled())) return [];
    let named: Record<string, unknown> = kwargs;
    let async_wrapper: SendKwargs["_async_wrapper"] = null;
    if ("_async_wrapper" in kwargs) ({ _async_wrapper: async_wrapper = null, ...named } = kwargs);
    if (tracing_enabled()) return this._traced_send(sender, named, async_wrapper ?? null);
    const results: Response[] = [];
    for (const receiver of this.receivers_for(sender)) results.push([receiver, call_receiver(receiver, sender, named, async_wrapper ?? null)]);
    return results;
  }

  /**
   * `send_async(sender=None, /, *, _sync_wrapper=None, **kwargs)`: await each receiver in turn; a
   * plain (non-async) receiver is called through `_sync_wrapper` (RuntimeError without one).
   */
  async send_async(sender: unknown = null, kwargs: SendAsyncKwargs = NO_KWARGS): Promise<Response[]> {
    if (this.is_muted) return [];
    const { _sync_wrapper = null, ...named } = kwargs;
    const results: Response[] = [];
    for (const receiver of this.receivers_for(sender)) {
      let result: unknown;
      if (!iscoroutinefunction(receiver)) {
        if (_sync_wrapper === null) throw new RuntimeError("Cannot send to a non-coroutine function.");
        result = await _sync_wrapper(receiver)(sender, { ...named });
      } else result = await receiver(sender, { ...named });
      results.push([receiver, result]);
    }
    return results;
  }

  /**
   * `has_receivers_for(sender)`: might a send by `sender` call anyone? True when a receiver is
   * connected for ANY, or when `sender` has a bucket — even an emptied one, as in blinker (a
   * sender-specific disconnect leaves it). Weak references are not checked.
   */
  has_receivers_for(sender: unknown): boolean {
    if (this.receivers.size === 0) return false;
    if (bucket(this._by_sender, ANY_ID).size) return true;
    if (sender === ANY) return false;
    return this._by_sender.has(make_id(sender));
  }

  /**
   * `receivers_for(sender)`: a generator of the receivers a send by `sender` calls — those
   * connected for ANY or for `sender`, in connection order; a dead weak reference is disconnected
   * and skipped. Each receiver is looked up when reached, so one disconnected by an earlier
   * receiver during a send is not called.
   */
  *receivers_for(sender: unknown): Generator<Receiver, void, undefined> {
    if (this.receivers.size === 0) return;
    for (const receiver_id of this._receiver_ids(sender)) {
      const receiver = this._live_receiver(receiver_id);
      if (receiver !== undefined) yield receiver;
    }
  }

  /** `disconnect(receiver, sender=ANY)`: from this sender only, or (ANY) from every sender. */
  disconnect(receiver: Receiver, ...args: unknown[]): void {
    require_callable("Signal.disconnect", receiver);
    const [sender] = bind("Signal.disconnect", DISCONNECT_PARAMS, DISCONNECT_DEFAULTS, args);
    const sender_id = sender === ANY ? ANY_ID : make_id(sender);
    this._disconnect(make_id(receiver), sender_id);
    if (this._receiver_disconnected !== null && this._receiver_disconnected.receivers.size) this._receiver_disconnected.send(this, { receiver, sender });
  }

  _disconnect(receiver_id: Id, sender_id: Id): void {
    if (sender_id === ANY_ID) {
      if (this._by_receiver.delete(receiver_id)) for (const receivers of this._by_sender.values()) receivers.delete(receiver_id);
      this.receivers.delete(receiver_id);
      if (!this._collected.has(receiver_id)) this._forget_labels(receiver_id);
    } else {
      bucket(this._by_sender, sender_id).delete(receiver_id);
      bucket(this._by_receiver, receiver_id).delete(sender_id);
    }
  }

  /**
   * The callback of a receiver's weak reference: disconnect it from every sender. The trace of the
   * next send names it once ("its weak reference was garbage-collected"), since in JavaScript that
   * can happen to a function Python would have kept (docs/adr/0039).
   */
  _make_cleanup_receiver(receiver_id: Id): () => void {
    return () => {
      if (this.receivers.has(receiver_id)) this._collected.add(receiver_id);
      this._disconnect(receiver_id, ANY_ID);
    };
  }

  /** The callback of a sender's weak reference: forget the receivers connected for it. */
  _make_cleanup_sender(sender_id: Id): () => void {
    return () => {
      this._weak_senders.delete(sender_id);
      this._labels.delete(sender_id);
      const receivers = this._by_sender.get(sender_id);
      this._by_sender.delete(sender_id);
      if (receivers) for (const receiver_id of receivers) bucket(this._by_receiver, receiver_id).delete(sender_id);
    };
  }

  /** `_cleanup_bookkeeping()`: drop the empty buckets connecting and disconnecting leave behind. */
  _cleanup_bookkeeping(): void {
    for (const mapping of [this._by_sender, this._by_receiver]) for (const [key, set] of [...mapping]) if (set.size === 0) mapping.delete(key);
  }

  /** `_clear_state()`: disconnect every receiver and forget every sender (for tests; the lab's project reset). */
  _clear_state(): void {
    this._weak_senders.clear();
    this.receivers.clear();
    this._by_sender.clear();
    this._by_receiver.clear();
    this._labels.clear();
    this._sources.clear();
    this._collected.clear();
  }

  __repr__(): string {
    return `<blinker.base.${this.constructor.name} object at 0x${id(this).toString(16).padStart(12, "0")}>`;
  }

  /** A receiver's trace name and source, dropped once it is gone (a receiver made per request must not pile up). */
  private _forget_labels(receiver_id: Id): void {
    this._labels.delete(receiver_id);
    this._sources.delete(receiver_id);
  }

  // -------------------------------------------------------------------------------------------
  // Which receivers, in which order.

  /** The ids of the receivers connected for ANY or for `sender`, in connection order. */
  private _receiver_ids(sender: unknown): Id[] {
    const any = this._by_sender.get(ANY_ID);
    const own = this._by_sender.get(make_id(sender));
    const ids: Id[] = [];
    for (const receiver_id of this.receivers.keys()) if (any?.has(receiver_id) || own?.has(receiver_id)) ids.push(receiver_id);
    return ids;
  }

  /** The receiver under this id, its weak reference resolved; a dead one is disconnected (undefined). */
  private _live_receiver(receiver_id: Id): Receiver | undefined {
    const held = this.receivers.get(receiver_id);
    if (held === undefined) return undefined;
    if (typeof held === "function") return held;
    const strong = held.deref();
    if (strong === undefined) this._disconnect(receiver_id, ANY_ID);
    return strong;
  }

  // -------------------------------------------------------------------------------------------
  // The traced send: a span per receiver called, an event per receiver passed over.

  private _traced_send(sender: unknown, named: Record<string, unknown>, async_wrapper: SendKwargs["_async_wrapper"]): Response[] {
    const kept: Kept = { sender: describe_sender(sender), kwargs: keep_kwargs(named) };
    const span = SEND.open_with(this._trace_name, send_attrs, kept);
    const results: Response[] = [];
    try {
      const ids = this._receiver_ids(sender);
      this._trace_passed_over(ids, kept);
      for (const receiver_id of ids) {
        if (!this.receivers.has(receiver_id)) continue; // disconnected by an earlier receiver of this send
        const receiver = this._live_receiver(receiver_id);
        if (receiver === undefined) {
          RECEIVER.event_with(this._labels.get(receiver_id) ?? "receiver", dead_attrs, undefined, undefined, undefined, this._sources.get(receiver_id));
          continue;
        }
        results.push([receiver, this._traced_call(receiver, receiver_id, sender, named, async_wrapper, kept)]);
      }
    } catch (e) {
      span_fail(span, describe_error(e));
      span_close(span);
      throw e;
    }
    span_close(span);
    return results;
  }

  /** Receivers connected only for other senders, and weak ones collected since the last send: what was tried, and why it was not called. */
  private _trace_passed_over(ids: readonly Id[], kept: Kept): void {
    if (this._collected.size) {
      for (const receiver_id of this._collected) {
        RECEIVER.event_with(this._labels.get(receiver_id) ?? "receiver", dead_attrs, undefined, undefined, undefined, this._sources.get(receiver_id));
        if (!this.receivers.has(receiver_id)) this._forget_labels(receiver_id);
      }
      this._collected.clear();
    }
    if (ids.length === this.receivers.size) return;
    for (const receiver_id of this.receivers.keys()) {
      if (ids.includes(receiver_id)) continue;
      const senders = [...(this._by_receiver.get(receiver_id) ?? [])].map((s) => this._labels.get(s) ?? String(s));
      RECEIVER.event_with(this._labels.get(receiver_id) ?? "receiver", filtered_attrs, senders, kept, undefined, this._sources.get(receiver_id));
    }
  }

  private _traced_call(receiver: Receiver, receiver_id: Id, sender: unknown, named: Record<string, unknown>, async_wrapper: SendKwargs["_async_wrapper"], kept: Kept): unknown {
    const span = RECEIVER.open_with(this._labels.get(receiver_id) ?? receiver_label(receiver), receiver_attrs, kept, undefined, undefined, this._sources.get(receiver_id));
    let result: unknown;
    try {
      result = call_receiver(receiver, sender, named, async_wrapper);
    } catch (e) {
      span_fail(span, describe_error(e));
      span_close(span);
      throw e;
    }
    if (span >= 0) span_set(span, result === undefined || result === null ? NO_RESPONSE : { response: to_json(result) });
    span_close(span);
    return result;
  }
}

const CONNECT_PARAMS = ["sender", "weak"] as const;
const CONNECT_DEFAULTS = [ANY, true] as const;
const CONNECT_VIA_DEFAULTS = [ANY, false] as const;
const DISCONNECT_PARAMS = ["sender"] as const;
const DISCONNECT_DEFAULTS = [ANY] as const;
const NO_KWARGS: SendKwargs = Object.freeze({}) as SendKwargs;

/** `defaultdict(set)[key]`: the set under `key`, made (and kept) if missing. */
function bucket(map: Map<Id, Set<Id>>, key: Id): Set<Id> {
  let set = map.get(key);
  if (set === undefined) map.set(key, (set = new Set()));
  return set;
}

/** Python can take a weak reference to most objects, not to `None`, a str or an int. */
function is_referenceable(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

/** `receiver(sender, **kwargs)` — through `_async_wrapper` for an `async` receiver. */
function call_receiver(receiver: Receiver, sender: unknown, named: Record<string, unknown>, async_wrapper: SendKwargs["_async_wrapper"]): unknown {
  if (iscoroutinefunction(receiver)) {
    if (async_wrapper === null || async_wrapper === undefined) throw new RuntimeError("Cannot send to a coroutine function.");
    return async_wrapper(receiver)(sender, { ...named });
  }
  return receiver(sender, { ...named });
}

// ---------------------------------------------------------------------------------------------

/** `NamedSignal(name, doc=None)`: a signal that knows its name (its key in a Namespace). */
export class NamedSignal extends Signal {
  constructor(
    readonly name: string,
    doc: string | null = null,
  ) {
    super(doc);
  }

  override get _trace_name(): string {
    return this.name;
  }

  override __repr__(): string {
    const base = super.__repr__();
    return `${base.slice(0, -1)}; '${this.name}'>`;
  }
}

/** `Namespace()`: a dict of names → NamedSignals; `signal(name)` makes one the first time and returns it after. */
export class Namespace extends Map<string, NamedSignal> {
  signal(name: string, doc: string | null = null): NamedSignal {
    let found = this.get(name);
    if (found === undefined) this.set(name, (found = new NamedSignal(name, doc)));
    return found;
  }
}

/** `default_namespace`: where `signal(name)` keeps its signals. */
export const default_namespace: Namespace = new Namespace();

/** `signal(name, doc=None)`: the NamedSignal of the default namespace with this name (the same one each time). */
export function signal(name: string, doc: string | null = null): NamedSignal {
  return default_namespace.signal(name, doc);
}

// ---------------------------------------------------------------------------------------------
// What the trace keeps of a send: the sender and kwargs as JSON at the call (receivers may change
// them — a before_render_template receiver edits the context), shared by the send and its receivers.

interface Kept {
  sender: Json;
  kwargs: Attrs;
}

function keep_kwargs(named: Record<string, unknown>): Attrs {
  const out: Attrs = {};
  for (const key of Object.keys(named)) out[key] = to_json(named[key]);
  return out;
}

function send_attrs(kept: Kept): Attrs {
  return { method: "send", sender: kept.sender, kwargs: { ...kept.kwargs } };
}

function receiver_attrs(kept: Kept): Attrs {
  return { sender: kept.sender, kwargs: { ...kept.kwargs } };
}

function filtered_attrs(senders: string[], kept: Kept): Attrs {
  return { filtered_out: true, receiver_sender: senders.join(", ") || null, actual_sender: kept.sender };
}

function dead_attrs(): Attrs {
  return { dead_reference: true };
}

const NO_RESPONSE: Attrs = Object.freeze({ response: null }) as Attrs;

/** A receiver's name: `Cls.method` for a bound method, else the function's (qual)name. */
function receiver_label(receiver: unknown): string {
  if (ismethod(receiver)) return `${(receiver.__self__ as { constructor?: { name?: string } }).constructor?.name ?? "object"}.${receiver.__func__.name || "<lambda>"}`;
  const fn = receiver as { __qualname__?: string; name?: string };
  return fn.__qualname__ || fn.name || "<lambda>";
}

/** Where a receiver is in the project: stamped by the runtime (`__source__`, or `__module__` on an exported function). */
function receiver_source(receiver: unknown): SourceRef | undefined {
  const fn = (ismethod(receiver) ? receiver.__func__ : receiver) as { __source__?: SourceRef; __module__?: string };
  if (fn.__source__) return fn.__source__;
  if (typeof fn.__module__ === "string") return { file: `${fn.__module__.replace(/\./g, "/")}.ts`, symbol: receiver_label(receiver) };
  return undefined;
}

/** A sender as the trace shows it: a class or function by its name, anything else as JSON. */
function describe_sender(sender: unknown): Json {
  if (typeof sender === "function") return (sender as { name?: string }).name || "<lambda>";
  return to_json(sender);
}
