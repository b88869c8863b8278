/**
 * django.dispatch.dispatcher: `signal.send(sender, kwargs)` → a call to every connected receiver.
 *
 * The main class is `Signal`. A signal keeps a list of receivers, each stored under a lookup key
 * made of the receiver's identity (or its `dispatch_uid`) and the identity of the sender it wants
 * to hear from (`null` = any sender). `send()` picks the receivers whose sender matches *by
 * identity* (a subclass of `Post` is not `Post`), calls them in connection order and returns
 * `[receiver, response]` pairs:
 *
 *   // Python:  post_save.connect(on_save, sender=Post)
 *   post_save.connect(on_save, { sender: Post });
 *   // Python:  def on_save(sender, instance, created, **kwargs): ...
 *   function on_save(sender, kwargs) { kwargs.instance; kwargs.created; kwargs.signal; }
 *   // Python:  post_save.send(sender=Post, instance=post, created=True)
 *   post_save.send(Post, { instance: post, created: true });   // → [[on_save, undefined]]
 *
 * Receivers are held through weak references by default (docs/adr/0003-signal-weak-references.md), so a
 * receiver that nothing else keeps alive silently disconnects itself once it is garbage-collected.
 * The receiver signature `(sender, kwargs)` is recorded in docs/adr/0002-signal-receiver-signature.md.
 *
 * Trace: every send is a "signal" span; each receiver called is a "receiver" child span; each
 * receiver connected but skipped (sender filter, dead weak reference) is a "receiver" event.
 */
import { TypeError, ValueError } from "../../python/builtins";
import { keep_with_importing_module } from "../../python/importlib";
import { settings } from "../conf";
import { active_recorder, describe_error, fail_on_rejection, is_bounded, kept_copy, span_close, span_fail, span_set, to_json, trace_site, tracing_enabled } from "../../../trace";

// A send's own code is the dispatch loop, bounded; a receiver's is the receiver's — a project's
// (its boundaries read the clock) or one of Django's own (bounded, ADR 0040).
const SEND = trace_site("signal", "django/dispatch/dispatcher.ts#Signal.send", { bounded: true });
const RECEIVER = trace_site("receiver", "django/dispatch/dispatcher.ts#Signal.send");
const OWN_RECEIVER = trace_site("receiver", "django/dispatch/dispatcher.ts#Signal.send", { bounded: true });
import type { Attrs, SourceRef } from "../../../trace";
import { getLogger, log_options } from "../../python/logging";

const logger = getLogger("django.dispatch");

/** What a receiver gets besides the sender: `signal` plus the named arguments of `send()`. */
export type SignalKwargs = { signal: Signal; [name: string]: any };

/** Python's `def receiver(sender, **kwargs)`. */
export type Receiver = (sender: any, kwargs: SignalKwargs) => unknown;

/** `[receiver, response]`, as Django's `send()` returns `(receiver, response)` tuples. */
export type Response = [Receiver, unknown];

export interface ConnectOptions {
  sender?: unknown;
  weak?: boolean;
  dispatch_uid?: unknown;
}

export interface DisconnectOptions {
  sender?: unknown;
  dispatch_uid?: unknown;
}

/** One connection: Django's `(lookup_key, receiver, is_async)` tuple, plus what the trace shows. */
export interface ReceiverEntry {
  lookup_key: readonly [string, string];
  receiver: Receiver | ReceiverRef;
  is_async: boolean;
  /** For the trace only: the receiver's name and the sender it was connected for. */
  label: string;
  sender_label: string | null;
  source?: SourceRef;
}

// ---------------------------------------------------------------------------------------------
// Identity: Python's id(), which Django uses to key receivers and senders.

let next_id = 1;
/** Each object's key, made once (`#1`, `#2`…): a send keys its sender on every call. */
const object_ids = new WeakMap<object, string>();

/** `id(obj)` for objects and functions; a value key for primitives (they have no identity in JS). */
function identity(target: unknown): string {
  if (target === null || target === undefined) return "None";
  if (typeof target === "object" || typeof target === "function") {
    let id = object_ids.get(target);
    if (id === undefined) object_ids.set(target, (id = `#${next_id++}`));
    return id;
  }
  return `${typeof target}:${String(target)}`;
}

/** Django's `_make_id`: a bound method is identified by (its object, its function), not by itself. */
export function _make_id(target: unknown): string {
  if (is_bound_method(target)) return `${identity(target.__self__)}.${identity(target.__func__)}`;
  return identity(target);
}

const NONE_ID = _make_id(null);

/** The async half of `_live_receivers()` while there is none (most signals): shared, never written. */
const NO_ASYNC_RECEIVERS: Receiver[] = Object.freeze([]) as unknown as Receiver[];

/** Marker cached for a sender that has no receivers, so `send()` can return at once. */
const NO_RECEIVERS: unique symbol = Symbol("NO_RECEIVERS");

// ---------------------------------------------------------------------------------------------
// Bound methods and weak references.

/**
 * Python's bound method `obj.method`: a callable that remembers its object (`__self__`) and its
 * function (`__func__`). JavaScript's `fn.bind(obj)` hides both, so Django's WeakMethod could not
 * be modelled on it; `bound_method(obj, Cls.prototype.method)` makes one that can.
 */
export interface BoundMethod extends Receiver {
  __self__: object;
  __func__: Function;
}

export function bound_method(owner: object, func: Function): BoundMethod {
  const method = ((...args: unknown[]) => func.apply(owner, args)) as BoundMethod;
  Object.defineProperty(method, "name", { value: func.name });
  method.__self__ = owner;
  method.__func__ = func;
  return method;
}

export function is_bound_method(value: unknown): value is BoundMethod {
  return typeof value === "function" && "__self__" in value && "__func__" in value;
}

/** A weak reference to a receiver: Python's `weakref.ref` / `weakref.WeakMethod`, called to deref. */
export interface ReceiverRef {
  readonly weak: true;
  deref(): Receiver | undefined;
}

function weak_ref(receiver: Receiver): ReceiverRef {
  const ref = new WeakRef(receiver);
  return { weak: true, deref: () => ref.deref() };
}

/** WeakMethod: alive while the object is; each deref makes a fresh bound method, as Python does. */
function weak_method(method: BoundMethod): ReceiverRef {
  const owner = new WeakRef(method.__self__);
  const func = new WeakRef(method.__func__);
  return {
    weak: true,
    deref() {
      const self = owner.deref();
      const fn = func.deref();
      return self && fn ? bound_method(self, fn) : undefined;
    },
  };
}

function is_ref(receiver: Receiver | ReceiverRef): receiver is ReceiverRef {
  return typeof receiver === "object" && receiver.weak === true;
}

/** True for `async function` / `async () =>` (Python's `iscoroutinefunction`). */
export function is_async_function(fn: unknown): boolean {
  const target = is_bound_method(fn) ? fn.__func__ : fn;
  return typeof target === "function" && Object.prototype.toString.call(target) === "[object AsyncFunction]";
}

// ---------------------------------------------------------------------------------------------
// The per-sender cache (`use_caching=True`): weak for object senders, like a WeakKeyDictionary.

type CachedReceivers = Array<[Receiver | ReceiverRef, boolean]> | typeof NO_RECEIVERS;

export class SenderReceiversCache {
  private objects = new WeakMap<object, CachedReceivers>();
  private values = new Map<unknown, CachedReceivers>();

  get(sender: unknown): CachedReceivers | undefined {
    return is_object(sender) ? this.objects.get(sender) : this.values.get(sender ?? null);
  }

  set(sender: unknown, receivers: CachedReceivers): void {
    if (is_object(sender)) this.objects.set(sender, receivers);
    else this.values.set(sender ?? null, receivers);
  }

  clear(): void {
    this.objects = new WeakMap();
    this.values.clear();
  }
}

function is_object(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

// ---------------------------------------------------------------------------------------------

export class Signal {
  receivers: ReceiverEntry[] = [];
  readonly use_caching: boolean;
  readonly sender_receivers_cache = new SenderReceiversCache();
  /** Framework Lab addition: the name shown in the trace (Python finds it from the variable). */
  readonly name: string;
  _dead_receivers = false;
  /** Python's `weakref.finalize(receiver_object, self._remove_receiver)`. */
  private readonly finalizer = new FinalizationRegistry<null>(() => this._remove_receiver());

  constructor(options: { use_caching?: boolean; name?: string } = {}) {
    this.use_caching = options.use_caching ?? false;
    this.name = options.name ?? "signal";
  }

  __repr__(): string {
    return `<Signal: ${this.name}>`;
  }

  /**
   * Connect `receiver` to this signal, for one sender or (sender `null`) for every sender.
   * A second connect with the same lookup key (same receiver, or same `dispatch_uid`, and same
   * sender) is ignored. Under DEBUG the receiver must be able to take the kwargs object.
   */
  connect(receiver: Receiver, options: ConnectOptions = {}): void {
    const { sender = null, weak = true, dispatch_uid = null } = options;
    if (settings.configured && settings.DEBUG) check_receiver(receiver);
    const lookup_key = this._lookup_key(receiver, sender, dispatch_uid);
    const entry: ReceiverEntry = {
      lookup_key,
      receiver: weak ? this._weak_reference(receiver) : receiver,
      is_async: is_async_function(receiver),
      label: receiver_label(receiver),
      sender_label: sender_label(sender),
      source: receiver_source(receiver),
    };
    this._clear_dead_receivers();
    if (!this.receivers.some((r) => same_key(r.lookup_key, lookup_key))) this.receivers.push(entry);
    this.sender_receivers_cache.clear();
  }

  /** Remove the connection with this lookup key; true if there was one. */
  disconnect(receiver: Receiver | null = null, options: DisconnectOptions = {}): boolean {
    const { sender = null, dispatch_uid = null } = options;
    const lookup_key = this._lookup_key(receiver, sender, dispatch_uid);
    this._clear_dead_receivers();
    const index = this.receivers.findIndex((r) => same_key(r.lookup_key, lookup_key));
    if (index >= 0) this.receivers.splice(index, 1);
    this.sender_receivers_cache.clear();
    return index >= 0;
  }

  has_listeners(sender: unknown = null): boolean {
    const [sync_receivers, async_receivers] = this._live_receivers(sender);
    return sync_receivers.length > 0 || async_receivers.length > 0;
  }

  /**
   * Call every live receiver for `sender`, sync ones first, in connection order; an exception
   * stops the loop and propagates. Async receivers are then started together (Django gathers
   * them through async_to_sync); JavaScript cannot block on them, so their responses are the
   * promises of their results (docs/adr/0002-signal-receiver-signature.md).
   */
  send(sender: unknown, named: Record<string, unknown> = {}): Response[] {
    if (this._nobody_listens(sender)) return this._trace_empty("send", sender, named);
    return this._traced_send("send", sender, named, () => {
      const [sync_receivers, async_receivers] = this._live_receivers(sender);
      const responses: Response[] = sync_receivers.map((r) => [r, this._call(r, sender, named)]);
      for (const r of async_receivers) responses.push([r, this._call(r, sender, named)]);
      return responses;
    });
  }

  /** Like `send()`, but an exception (any Error) raised by a receiver becomes its response. */
  send_robust(sender: unknown, named: Record<string, unknown> = {}): Response[] {
    if (this._nobody_listens(sender)) return this._trace_empty("send_robust", sender, named);
    return this._traced_send("send_robust", sender, named, () => {
      const [sync_receivers, async_receivers] = this._live_receivers(sender);
      const responses: Response[] = sync_receivers.map((r) => [r, this._call_robust(r, sender, named)]);
      for (const r of async_receivers) responses.push([r, this._call_robust(r, sender, named)]);
      return responses;
    });
  }

  /**
   * The async send: async receivers are started together, sync receivers run meanwhile (Django
   * runs them in a thread through sync_to_async), and everything is awaited. Responses come back
   * sync receivers first, then async ones, each group in connection order — as Django returns them.
   */
  async asend(sender: unknown, named: Record<string, unknown> = {}): Promise<Response[]> {
    if (this._nobody_listens(sender)) return this._trace_empty("asend", sender, named);
    return this._traced_send("asend", sender, named, () => this._gather(sender, named, (r) => this._call(r, sender, named)));
  }

  /** `asend()` catching receivers' exceptions, as `send_robust()` does. */
  async asend_robust(sender: unknown, named: Record<string, unknown> = {}): Promise<Response[]> {
    if (this._nobody_listens(sender)) return this._trace_empty("asend_robust", sender, named);
    return this._traced_send("asend_robust", sender, named, () =>
      this._gather(sender, named, (r) => this._call_robust(r, sender, named)),
    );
  }

  /** Start the async receivers, run the sync ones, then await both groups (asyncio.gather). */
  private async _gather(sender: unknown, named: Record<string, unknown>, call: (r: Receiver) => unknown): Promise<Response[]> {
    const [sync_receivers, async_receivers] = this._live_receivers(sender);
    const pending = async_receivers.map((r) => start(() => call(r)));
    let sync_responses: Response[];
    try {
      sync_responses = sync_receivers.map((r) => [r, call(r)]);
    } catch (e) {
      pending.forEach((p) => p.catch(() => undefined));
      throw e;
    }
    const async_responses = await Promise.all(pending);
    return [...sync_responses, ...async_receivers.map((r, i): Response => [r, async_responses[i]])];
  }

  /**
   * The receivers that hear `sender`, with weak references resolved and dead ones dropped,
   * split into [sync, async]. Uses (and fills) the per-sender cache when `use_caching` is on.
   */
  _live_receivers(sender: unknown): [Receiver[], Receiver[]] {
    let receivers: CachedReceivers | undefined;
    if (this.use_caching && !this._dead_receivers) {
      receivers = this.sender_receivers_cache.get(sender);
      if (receivers === NO_RECEIVERS) return [[], []];
    }
    const live: [Receiver[], Receiver[]] = [[], NO_ASYNC_RECEIVERS];
    if (receivers === undefined) {
      this._clear_dead_receivers();
      if (!this.use_caching) {
        // Nothing to cache (request_started, request_finished…): match and dereference in one pass.
        const sender_key = _make_id(sender);
        for (const { lookup_key, receiver, is_async } of this.receivers)
          if (lookup_key[1] === NONE_ID || lookup_key[1] === sender_key) this._add_live(live, receiver, is_async);
        return live;
      }
      receivers = this._matching_receivers(sender);
      this.sender_receivers_cache.set(sender, receivers.length ? receivers : NO_RECEIVERS);
    }
    for (const [receiver, is_async] of receivers as Array<[Receiver | ReceiverRef, boolean]>) this._add_live(live, receiver, is_async);
    return live;
  }

  /** A receiver into [sync, async], its weak reference resolved; a dead one is noted for clearing. */
  private _add_live(live: [Receiver[], Receiver[]], receiver: Receiver | ReceiverRef, is_async: boolean): void {
    const fn = is_ref(receiver) ? receiver.deref() : receiver;
    if (fn === undefined) this._dead_receivers = true;
    else if (!is_async) live[0].push(fn);
    else (live[1] === NO_ASYNC_RECEIVERS ? (live[1] = []) : live[1]).push(fn);
  }

  /** Receivers connected for any sender (`null`) or for exactly this sender. */
  private _matching_receivers(sender: unknown): Array<[Receiver | ReceiverRef, boolean]> {
    const sender_key = _make_id(sender);
    return this.receivers
      .filter(({ lookup_key: [, r_sender_key] }) => r_sender_key === NONE_ID || r_sender_key === sender_key)
      .map((r): [Receiver | ReceiverRef, boolean] => [r.receiver, r.is_async]);
  }

  /** Drop connections whose weak reference died (flagged by the finalizer or a failed deref). */
  _clear_dead_receivers(): void {
    if (!this._dead_receivers) return;
    this._dead_receivers = false;
    this.receivers = this.receivers.filter((r) => !(is_ref(r.receiver) && r.receiver.deref() === undefined));
  }

  /** Called after a weakly referenced receiver (or its object) was garbage-collected. */
  _remove_receiver(): void {
    this._dead_receivers = true;
  }

  private _lookup_key(receiver: unknown, sender: unknown, dispatch_uid: unknown): readonly [string, string] {
    if (dispatch_uid) return [`uid:${identity(dispatch_uid)}`, _make_id(sender)];
    return [_make_id(receiver), _make_id(sender)];
  }

  private _weak_reference(receiver: Receiver): ReceiverRef {
    // A function connected by a module's top level lives as long as the module, as in Python.
    if (!is_bound_method(receiver)) keep_with_importing_module(receiver);
    const owner = is_bound_method(receiver) ? receiver.__self__ : receiver;
    this.finalizer.register(owner, null);
    return is_bound_method(receiver) ? weak_method(receiver) : weak_ref(receiver);
  }

  private _nobody_listens(sender: unknown): boolean {
    return this.receivers.length === 0 || this.sender_receivers_cache.get(sender) === NO_RECEIVERS;
  }

  // -------------------------------------------------------------------------------------------
  // Calling one receiver, and the trace around it.

  /** `receiver(signal=self, sender=sender, **named)`; a "receiver" span when tracing is on. */
  private _call(receiver: Receiver, sender: unknown, named: Record<string, unknown>): unknown {
    const kwargs = receiver_kwargs(this, receiver, named);
    if (!tracing_enabled()) return receiver(sender, kwargs);
    // The receiver may change what it was sent (an instance, the environ): its span shows the kwargs
    // as `send()` was given them, kept when the send's span opened and shared by its receivers.
    // The receiver itself and a class sender are kept as they are and named when the trace is read.
    const kept = sending_named === named && sending_kept !== null ? sending_kept : keep_kwargs(named);
    const span = (is_bounded(receiver) ? OWN_RECEIVER : RECEIVER).open_with(receiver_label, receiver_attrs, receiver, keep_sender(sender), kept, receiver_source(receiver));
    let response: unknown;
    try {
      response = receiver(sender, kwargs);
    } catch (e) {
      span_fail(span, describe_error(e));
      span_close(span);
      throw e;
    }
    record_response(span, response);
    span_close(span);
    if (response instanceof Promise) return fail_on_rejection(span, response);
    return response;
  }

  /** `_call` with the exception as the response (sync throw or async rejection). */
  private _call_robust(receiver: Receiver, sender: unknown, named: Record<string, unknown>): unknown {
    let response: unknown;
    try {
      response = this._call(receiver, sender, named);
    } catch (err) {
      return this._log_robust_failure(receiver, err);
    }
    return response instanceof Promise ? response.catch((err: unknown) => this._log_robust_failure(receiver, err)) : response;
  }

  /** Logged to `django.dispatch` at ERROR; the exception becomes the receiver's response. */
  _log_robust_failure(receiver: Receiver, err: unknown): unknown {
    logger.error("Error calling %s in Signal.send_robust() (%s)", receiver_label(receiver), String(err), log_options({ exc_info: err }));
    return err;
  }

  private _traced_send<T>(method: string, sender: unknown, named: Record<string, unknown>, fn: () => T): T {
    if (!tracing_enabled()) return fn();
    const kept = keep_kwargs(named);
    const span = SEND.open_with(this.name, send_attrs, method, keep_sender(sender), kept);
    const recorder = active_recorder();
    const outer_named = sending_named;
    const outer_kept = sending_kept;
    sending_named = named;
    sending_kept = kept;
    let result: T;
    try {
      this._trace_skipped_receivers(sender);
      result = fn();
    } catch (e) {
      span_fail(span, describe_error(e));
      span_close(span);
      throw e;
    } finally {
      sending_named = outer_named;
      sending_kept = outer_kept;
    }
    span_close(span);
    if (result instanceof Promise) return fail_on_rejection(span, result, recorder) as T;
    return result;
  }

  private _trace_empty(method: string, sender: unknown, named: Record<string, unknown>): [] {
    if (tracing_enabled()) this._traced_send(method, sender, named, () => null);
    return [];
  }

  /** Record what was tried: receivers filtered out by their sender, and dead weak references. */
  private _trace_skipped_receivers(sender: unknown): void {
    const sender_key = _make_id(sender);
    for (const r of this.receivers) {
      const [, r_sender_key] = r.lookup_key;
      if (r_sender_key !== NONE_ID && r_sender_key !== sender_key) RECEIVER.event_with(r.label, filtered_attrs, r.sender_label, keep_sender(sender), undefined, r.source);
      else if (is_ref(r.receiver) && r.receiver.deref() === undefined) RECEIVER.event_with(r.label, dead_attrs, undefined, undefined, undefined, r.source);
    }
  }
}

/** Django's `@receiver(post_save, sender=Post)`: `receiver(post_save, { sender: Post })(fn)` → fn. */
export function receiver<F extends Receiver>(signal: Signal | Signal[], options: ConnectOptions = {}): (fn: F) => F {
  return (fn: F) => {
    for (const s of Array.isArray(signal) ? signal : [signal]) s.connect(fn, options);
    return fn;
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers.

/** Call `fn` and give back a promise, a synchronous throw becoming a rejection (like a coroutine). */
function start(fn: () => unknown): Promise<unknown> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e);
  }
}

function same_key(a: readonly [string, string], b: readonly [string, string]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** A fresh kwargs object per call; Python refuses `signal`/`sender` among the named arguments. */
function receiver_kwargs(signal: Signal, receiver: Receiver, named: Record<string, unknown>): SignalKwargs {
  if ("signal" in named || "sender" in named) {
    const reserved = "signal" in named ? "signal" : "sender";
    throw new TypeError(`${receiver_label(receiver)}() got multiple values for keyword argument '${reserved}'`);
  }
  return { signal, ...named };
}

/** DEBUG-only checks of `connect()` (see ADR 0002 for what "accepts kwargs" means in JS). */
function check_receiver(receiver: unknown): void {
  if (typeof receiver !== "function") throw new TypeError("Signal receivers must be callable.");
  if (!func_accepts_kwargs(receiver)) throw new ValueError("Signal receivers must accept keyword arguments (**kwargs).");
}

/**
 * Django's `django.utils.inspect.func_accepts_kwargs`, for the `(sender, kwargs)` convention: can
 * the function receive a second positional argument? True when it declares two or more parameters
 * or a rest parameter. `fn.length` stops counting at the first default, so the parameter list is
 * read from the source text; native and `fn.bind()` functions show no source and are accepted.
 */
export function func_accepts_kwargs(fn: Function): boolean {
  if (is_bound_method(fn)) return func_accepts_kwargs(fn.__func__);
  if (fn.length >= 2) return true;
  const params = parameter_list(Function.prototype.toString.call(fn));
  if (params === null) return true;
  return params.length >= 2 || params.some((p) => p.startsWith("..."));
}

/** The top-level parameters of a function's source text, or null when there is no source. */
export function parameter_list(source: string): string[] | null {
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) return null;
  const text = source.replace(/^async\s+/, "");
  const single = /^([\p{L}_$][\p{L}\p{N}_$]*)\s*=>/u.exec(text);
  if (single) return [single[1]];
  const open = text.indexOf("(");
  if (open < 0) return null;
  const params: string[] = [];
  let depth = 0;
  let current = "";
  let quote: string | null = null;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") current += ch + text[++i];
      else current += ch;
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch)) {
      if (depth === 0) break;
      depth--;
    } else if (ch === "," && depth === 0) {
      params.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) params.push(current.trim());
  return params;
}

function receiver_label(receiver: unknown): string {
  if (is_bound_method(receiver)) {
    const owner = (receiver.__self__ as { constructor?: { name?: string } }).constructor?.name ?? "object";
    return `${owner}.${receiver.__func__.name || "anonymous"}`;
  }
  const fn = receiver as { __qualname__?: string; name?: string };
  return fn.__qualname__ || fn.name || "anonymous";
}

/** User code may carry `__module__` (set by the runtime's loader); it becomes the span's source. */
function receiver_source(receiver: unknown): SourceRef | undefined {
  const bound = is_bound_method(receiver);
  const fn = (bound ? receiver.__func__ : receiver) as { __module__?: string };
  const module = fn?.__module__;
  if (typeof module !== "string") return undefined;
  if (bound) return { file: module, symbol: receiver_label(receiver) };
  // A function's name does not change: its source is made once (and made again if its module is).
  const known = sources.get(fn as Function);
  if (known !== undefined && known.file === module) return known;
  const source = { file: module, symbol: receiver_label(receiver) };
  sources.set(fn as Function, source);
  return source;
}
const sources = new WeakMap<Function, SourceRef>();

function sender_label(sender: unknown): string | null {
  return sender === null || sender === undefined ? null : String(describe_sender(sender));
}

/** Senders are usually classes: show their name; other values as JSON. */
function describe_sender(sender: unknown) {
  if (typeof sender === "function") return (sender as { name?: string }).name || "anonymous";
  return to_json(sender);
}

// ---------------------------------------------------------------------------------------------
// What the trace keeps of a send: taken at the call only where it may change, described when read.

/**
 * A send's kwargs as its span and its receivers' spans show them (`to_json` of each value as it was
 * sent). A value is copied at the send (as JSON) since receivers and the code after them may change
 * it — except the environ the gateway copied when the request arrived, found unchanged (the same
 * values under the same keys): its copy is shared and described when the trace is read, so a
 * request's environ is copied once, not once by the gateway and again by request_started.
 */
class SentKwargs {
  private described: Attrs | null = null;

  constructor(
    private readonly json: Attrs,
    /** `[key, the gateway's copy]` for each value shared rather than copied, or null. */
    private readonly shared: [string, Copy][] | null,
  ) {}

  /** The kwargs as JSON (made once, when the first span that shows them is read). */
  attrs(): Attrs {
    if (this.shared === null) return this.json;
    if (this.described === null) {
      const out: Attrs = { ...this.json };
      for (const [key, copy] of this.shared) out[key] = copied_json(copy);
      this.described = out;
    }
    return this.described;
  }
}

/** Keys and values, in order (`kept_copy`'s). */
interface Copy {
  keys: readonly string[];
  values: readonly unknown[];
}

const NO_KWARGS_JSON: Attrs = Object.freeze({}) as Attrs;

/** `send()`'s kwargs kept for the trace (see SentKwargs). */
function keep_kwargs(named: Record<string, unknown>): SentKwargs {
  const keys = Object.keys(named);
  if (keys.length === 0) return new SentKwargs(NO_KWARGS_JSON, null);
  const json: Attrs = {};
  let shared: [string, Copy][] | null = null;
  for (const key of keys) {
    const value = named[key];
    if (value !== null && value === kept_copy.of && same_values(value as Record<string, unknown>, kept_copy)) {
      json[key] = null; // its place in the key order; described when read
      (shared ??= []).push([key, { keys: kept_copy.keys, values: kept_copy.values }]);
    } else json[key] = to_json(value);
  }
  return new SentKwargs(json, shared);
}

/** The same keys in the same order, each holding the very same value. */
function same_values(live: Record<string, unknown>, copy: Copy): boolean {
  const keys = Object.keys(live);
  const n = keys.length;
  if (n !== copy.keys.length) return false;
  for (let i = 0; i < n; i++) if (keys[i] !== copy.keys[i]) return false;
  const values = copy.values;
  let i = 0;
  for (const key in live) if (live[key] !== values[i++]) return false;
  return true;
}

/** `to_json` of the object a copy's keys and values describe (a plain object: at most 100 keys, each value one level down). */
function copied_json(copy: Copy): Attrs {
  const out: Attrs = {};
  const n = Math.min(copy.keys.length, 100);
  for (let i = 0; i < n; i++) out[copy.keys[i]] = to_json(copy.values[i], 1);
  return out;
}

/** The sender as the trace keeps it: a class (named when read) as it is, anything else as JSON now. */
function keep_sender(sender: unknown): unknown {
  return typeof sender === "function" ? sender : to_json(sender);
}

/** The send being traced and its kept kwargs, which its sync receivers' spans share; an async receiver started later keeps its own. */
let sending_named: Record<string, unknown> | null = null;
let sending_kept: SentKwargs | null = null;

/** A send span's attributes (when the trace is read). */
function send_attrs(method: string, sender: unknown, kept: SentKwargs): Attrs {
  return { method, sender: describe_sender(sender), kwargs: kwargs_json(kept) };
}

/** A receiver span's attributes (when the trace is read; `response` is set when it returns). */
function receiver_attrs(_receiver: Receiver, sender: unknown, kept: SentKwargs): Attrs {
  return { sender: describe_sender(sender), kwargs: kwargs_json(kept) };
}

/** The kwargs for one span: a fresh `{}` for a send with none (spans do not share a frozen object). */
function kwargs_json(kept: SentKwargs): Attrs {
  const attrs = kept.attrs();
  return attrs === NO_KWARGS_JSON ? {} : attrs;
}

function filtered_attrs(receiver_sender: string | null, sender: unknown): Attrs {
  return { filtered_out: true, receiver_sender, actual_sender: describe_sender(sender) };
}

function dead_attrs(): Attrs {
  return { dead_reference: true };
}

/** A receiver that returned nothing (most do): one attrs object for them all. */
const NO_RESPONSE: Attrs = Object.freeze({ response: null }) as Attrs;

/** Put the response (or, later, the async result) on the receiver span, as JSON now (the receiver's caller may change it). */
function record_response(span: number, response: unknown): void {
  if (span < 0) return;
  if (!(response instanceof Promise)) {
    span_set(span, response === undefined || response === null ? NO_RESPONSE : { response: to_json(response) });
    return;
  }
  span_set(span, { async: true });
  response.then(
    (value) => span_set(span, { response: to_json(value) }),
    () => undefined,
  );
}
