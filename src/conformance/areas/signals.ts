/**
 * Conformance replayer for the `signals` area: a recorded op script → the same ops on our Signal.
 *
 * `kind: "script"` cases build fresh signals, receivers and senders (A, B, A_sub extends A, null),
 * run the ops in order and compare each op's result and the receiver calls it caused.
 * `kind: "model"` cases run ORM operations and record the model signals (signals_model.ts).
 */
import * as v8 from "node:v8";
import * as vm from "node:vm";
import type { AreaReplayer, CaseResult, CorpusCase } from "../area";
import { expect_equal } from "../compare";
import { Signal, bound_method } from "../../frameworks/django/dispatch";
import type { Receiver, Response, SignalKwargs } from "../../frameworks/django/dispatch";
import { settings, override_settings } from "../../frameworks/django/conf";
import { KeyError, RuntimeError, TypeError as PyTypeError, ValueError } from "../../frameworks/python/builtins";
import { error_type } from "../../trace";

interface ReceiverSpec {
  returns?: unknown;
  raises?: "ValueError" | "RuntimeError" | "KeyError";
  message?: string;
  async?: boolean;
  kind?: "method";
  accepts_kwargs?: boolean;
}

interface Call {
  receiver: string;
  signal: string;
  sender: string | null;
  kwargs: Record<string, unknown>;
}

type Op = { op: string; signal?: string; receiver?: string; sender?: string | null; weak?: boolean; dispatch_uid?: string; kwargs?: Record<string, unknown> };

class A {}
class B {}
class A_sub extends A {}
const SENDERS: Record<string, unknown> = { A, B, A_sub };

const ERRORS = { ValueError, RuntimeError, KeyError } as const;

/** `gc()` without the --expose-gc command-line flag. */
const collect_garbage: () => void = (() => {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
})();

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** One case's world: its signals, its receivers (the only strong references) and the calls log. */
class Script {
  signals = new Map<string, Signal>();
  signal_labels = new WeakMap<Signal, string>();
  /** label → the receiver function, or the object owning the bound method. */
  strong = new Map<string, Function | object>();
  labels = new WeakMap<object, string>();
  calls: Call[] = [];

  constructor(signals: string[], receivers: Record<string, ReceiverSpec>) {
    for (const name of signals) {
      const s = new Signal({ name });
      this.signals.set(name, s);
      this.signal_labels.set(s, name);
    }
    for (const [label, spec] of Object.entries(receivers)) this.add_receiver(label, spec);
  }

  add_receiver(label: string, spec: ReceiverSpec): void {
    const body = make_body(label, spec, this.calls, this.signal_labels);
    if (spec.kind === "method") {
      const owner = spec.async ? new AsyncHolder(body) : new Holder(body);
      this.strong.set(label, owner);
      this.labels.set(owner, label);
      return;
    }
    const fn = make_function(label, body, spec);
    this.strong.set(label, fn);
    this.labels.set(fn, label);
  }

  /** A plain function as is; a method as a fresh bound method (Python's `obj.method`). */
  receiver(label: string): Receiver {
    const held = this.strong.get(label);
    if (held === undefined) throw new Error(`receiver ${label} was dropped`);
    if (held instanceof Holder) return bound_method(held, (held.constructor as typeof Holder).prototype.handle);
    return held as Receiver;
  }

  label_of(receiver: Receiver): string {
    const key = (receiver as { __self__?: object }).__self__ ?? receiver;
    return this.labels.get(key) ?? "?";
  }
}

/** The per-receiver object whose bound method is connected (`"kind": "method"`). */
class Holder {
  constructor(readonly body: (sender: unknown, kwargs: SignalKwargs) => unknown) {}
  handle(sender: unknown, kwargs: SignalKwargs): unknown {
    return this.body(sender, kwargs);
  }
}

class AsyncHolder extends Holder {
  override async handle(sender: unknown, kwargs: SignalKwargs): Promise<unknown> {
    await macrotask();
    return this.body(sender, kwargs);
  }
}

type Body = (sender: unknown, kwargs: SignalKwargs) => unknown;

function make_body(label: string, spec: ReceiverSpec, calls: Call[], signal_labels: WeakMap<Signal, string>): Body {
  return (sender, kwargs) => {
    const { signal, ...named } = kwargs;
    calls.push({ receiver: label, signal: signal_labels.get(signal) ?? "?", sender: sender_label(sender), kwargs: named });
    if (spec.raises) throw new ERRORS[spec.raises](spec.message);
    return "returns" in spec ? spec.returns : label;
  };
}

/**
 * A fresh function per receiver. `accepts_kwargs: false` is Python's `def r(signal, sender)`: it
 * declares no kwargs parameter (so DEBUG's connect refuses it), and like the Python function it
 * fails with TypeError, before running, when a send passes any named argument besides `signal`.
 */
function make_function(label: string, body: Body, spec: ReceiverSpec): Receiver {
  if (spec.accepts_kwargs === false)
    return function (sender: unknown) {
      // eslint-disable-next-line prefer-rest-params
      const kwargs = arguments[1] as SignalKwargs;
      const unexpected = Object.keys(kwargs).find((k) => k !== "signal");
      if (unexpected !== undefined) throw new PyTypeError(`${label}() got an unexpected keyword argument '${unexpected}'`);
      return body(sender, kwargs);
    } as Receiver;
  if (spec.async) return async function (sender: unknown, kwargs: SignalKwargs) { await macrotask(); return body(sender, kwargs); };
  return function (sender: unknown, kwargs: SignalKwargs) { return body(sender, kwargs); };
}

function sender_label(sender: unknown): string | null {
  if (sender === null || sender === undefined) return null;
  return Object.entries(SENDERS).find(([, s]) => s === sender)?.[0] ?? String(sender);
}

function sender_of(op: Op): unknown {
  return op.sender === undefined || op.sender === null ? null : SENDERS[op.sender];
}

function describe(value: unknown): unknown {
  if (value instanceof Error) return { error: error_type(value), message: String(value) };
  return value === undefined ? null : value;
}

/** Run one op; the result object without `calls`. */
async function run_op(script: Script, op: Op): Promise<Record<string, unknown>> {
  const signal = op.signal ? script.signals.get(op.signal)! : null;
  switch (op.op) {
    case "connect":
      signal!.connect(script.receiver(op.receiver!), { sender: sender_of(op), weak: op.weak ?? true, dispatch_uid: op.dispatch_uid });
      return { result: null };
    case "disconnect":
      return { result: signal!.disconnect(op.receiver ? script.receiver(op.receiver) : null, { sender: sender_of(op), dispatch_uid: op.dispatch_uid }) };
    case "has_listeners":
      return { result: signal!.has_listeners(sender_of(op)) };
    case "send":
    case "send_robust":
    case "asend":
    case "asend_robust":
      return { responses: await encode_responses(script, await signal![op.op](sender_of(op), op.kwargs ?? {})) };
    case "drop_reference":
      script.strong.delete(op.receiver!);
      await macrotask(); // WeakRef targets stay alive until the current job ends
      collect_garbage();
      await macrotask();
      return { result: null };
    default:
      throw new Error(`unknown op ${op.op}`);
  }
}

/** `[[label, response]]`, awaiting async receivers' responses (a rejection fails the whole send). */
async function encode_responses(script: Script, responses: Response[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [receiver, response] of responses) out.push([script.label_of(receiver), describe(await response)]);
  return out;
}

async function replay_script(input: any): Promise<unknown> {
  const script = new Script(input.signals ?? [], input.receivers ?? {});
  const results: unknown[] = [];
  for (const op of input.ops as Op[]) {
    const before = script.calls.length;
    let result: Record<string, unknown>;
    try {
      result = await run_op(script, op);
    } catch (e) {
      result = describe(e) as Record<string, unknown>;
    }
    let calls = script.calls.slice(before);
    if (op.op.startsWith("asend")) calls = [...calls].sort((x, y) => (x.receiver < y.receiver ? -1 : x.receiver > y.receiver ? 1 : 0));
    results.push({ ...result, calls });
  }
  return { ops: results };
}

/** FORMAT.md: messages of TypeError/AttributeError/KeyError embed Python reprs; compare the class only. */
const INFORMATIONAL = new Set(["TypeError", "AttributeError", "KeyError"]);

function adopt_informational_messages(actual: unknown, expected: unknown): void {
  if (!actual || !expected || typeof actual !== "object" || typeof expected !== "object") return;
  const [a, e] = [actual as Record<string, unknown>, expected as Record<string, unknown>];
  if (typeof e.error === "string" && INFORMATIONAL.has(e.error) && a.error === e.error && "message" in e) e.message = a.message;
  for (const key of Object.keys(e)) if (key in a) adopt_informational_messages(a[key], e[key]);
}

async function replay_case(c: CorpusCase): Promise<CaseResult> {
  if (c.input.kind === "model") return (await import("./signals_model")).replay_model_case(c);
  if (c.input.kind !== "script") return { passed: false, message: `unknown signals case kind ${c.input.kind}` };
  const actual = await override_settings({ DEBUG: c.input.debug === true }, () => replay_script(c.input));
  const expected = structuredClone(c.expect);
  adopt_informational_messages(actual, expected);
  return expect_equal(actual, expected);
}

export const replayer: AreaReplayer = {
  prepare() {
    if (!settings.configured) settings.configure({ SECRET_KEY: "conformance-signals", DEBUG: false });
    return replay_case;
  },
};
