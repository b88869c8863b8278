/**
 * django.template.context: the names a template can see, as a stack of dicts.
 *
 * A Context is a stack: the bottom layer holds the builtins (`True`, `False`, `None`), the next the
 * view's dict, and tags push layers while they render (`{% with %}`, `{% for %}`, `{% include
 * with %}`) and pop them after, so a name set inside a loop disappears at `{% endfor %}`. Lookup
 * searches from the top. RequestContext adds a layer filled by the context processors of the
 * engine (`request`, `csrf_token`, …) when it is bound to a template.
 *
 * RenderContext is separate per-render state tags keep for themselves (cycle positions, the
 * block inheritance chain); each template rendered by `{% include %}` gets a fresh layer of it.
 */
import { KeyError, TypeError, ValueError } from "../../python/builtins";
import { is_dict, py_str } from "../../python/operator";
import { to_json } from "../../../trace";
import type { Template } from "./base";

export class ContextPopException extends ValueError {}

type Dict = Record<string, unknown>;

const BUILTINS = () => ({ True: true, False: false, None: null }) as Dict;

function own(d: Dict, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(d, key);
}

/** The stack of dicts a template's names are looked up in. */
export class BaseContext {
  /** Tells Variable lookup this is a Context (looked up by name, not as a dict value). */
  readonly is_context = true;
  dicts: Dict[] = [];
  /** A label per layer, for the Templates panel ("builtins", "view", "with", "for", …). */
  layer_labels: string[] = [];

  constructor(dict_: Dict | null = null) {
    this._reset_dicts(dict_);
  }

  _reset_dicts(value: Dict | null = null): void {
    this.dicts = [BUILTINS()];
    this.layer_labels = ["builtins"];
    if (value !== null) {
      this.dicts.push(value);
      this.layer_labels.push("context");
    }
  }

  /** Push a layer (a copy of the given dicts merged); returns it. Pair with `pop()`. */
  push(values: Dict = {}, label = "push"): Dict {
    const layer: Dict = { ...values };
    this.dicts.push(layer);
    this.layer_labels.push(label);
    return layer;
  }

  pop(): Dict {
    if (this.dicts.length === 1) throw new ContextPopException();
    this.layer_labels.pop();
    return this.dicts.pop()!;
  }

  /** `with context.push(**values): …` */
  with_push<T>(values: Dict, fn: () => T, label = "push"): T {
    const depth = this.dicts.length;
    this.push(values, label);
    try {
      return fn();
    } finally {
      this.dicts.length = depth;
      this.layer_labels.length = depth;
    }
  }

  /** `context[key] = value`: set in the top layer. */
  set(key: string, value: unknown): void {
    this.dicts[this.dicts.length - 1][key] = value;
  }

  /** Set where the name is already defined (or in the top layer); `{% cycle … as x %}` uses it. */
  set_upward(key: string, value: unknown): void {
    let target = this.dicts[this.dicts.length - 1];
    for (let i = this.dicts.length - 1; i >= 0; i--) {
      if (own(this.dicts[i], key)) {
        target = this.dicts[i];
        break;
      }
    }
    target[key] = value;
  }

  /** `context[key]`: the topmost layer that has it; KeyError otherwise. */
  __getitem__(key: string): unknown {
    for (let i = this.dicts.length - 1; i >= 0; i--) if (own(this.dicts[i], key)) return this.dicts[i][key];
    throw new KeyError(key);
  }

  /** `context[key]` as user code spells it (ADR 0001): `response.context.getitem("question")` in a test. */
  getitem(key: string): unknown {
    return this.__getitem__(key);
  }

  has_key(key: string): boolean {
    for (let i = this.dicts.length - 1; i >= 0; i--) if (own(this.dicts[i], key)) return true;
    return false;
  }

  get(key: string, otherwise: unknown = null): unknown {
    for (let i = this.dicts.length - 1; i >= 0; i--) if (own(this.dicts[i], key)) return this.dicts[i][key];
    return otherwise;
  }

  setdefault(key: string, default_: unknown = null): unknown {
    if (this.has_key(key)) return this.__getitem__(key);
    this.set(key, default_);
    return default_;
  }

  delete(key: string): void {
    delete this.dicts[this.dicts.length - 1][key];
  }

  /** Push a layer with these values (Django's `update`). */
  update(other_dict: Dict | BaseContext, label = "update"): Dict {
    if (other_dict instanceof BaseContext) return this.push(other_dict.flatten(), label);
    if (!is_dict(other_dict)) throw new TypeError("other_dict must be a mapping (dictionary-like) object.");
    return this.push(other_dict, label);
  }

  /** All layers merged, top layers winning. */
  flatten(): Dict {
    return Object.assign({}, ...this.dicts);
  }

  /** What each layer holds, for the trace (values as bounded JSON). */
  describe_layers(): { label: string; values: Record<string, unknown> }[] {
    return this.dicts.map((d, i) => ({
      label: this.layer_labels[i] ?? "layer",
      values: Object.fromEntries(Object.entries(d).map(([k, v]) => [k, to_json(v)])),
    }));
  }

  __repr__(): string {
    return `[${this.dicts.map((d) => py_str(d)).join(", ")}]`;
  }

  toString(): string {
    return this.__repr__();
  }
}

/** The context a template renders with: names, plus autoescape and the template being rendered. */
export class Context extends BaseContext {
  autoescape: boolean;
  use_l10n: boolean | null;
  use_tz: boolean | null;
  template_name: string | null = "unknown";
  render_context = new RenderContext();
  template: Template | null = null;

  constructor(dict_: Dict | null = null, options: { autoescape?: boolean; use_l10n?: boolean | null; use_tz?: boolean | null } = {}) {
    super(dict_);
    this.autoescape = options.autoescape ?? true;
    this.use_l10n = options.use_l10n ?? null;
    this.use_tz = options.use_tz ?? null;
  }

  /** Bind the context to the template being rendered for the duration of `fn`. */
  bind_template<T>(template: Template, fn: () => T): T {
    if (this.template !== null) throw new Error("Context is already bound to a template");
    this.template = template;
    try {
      return fn();
    } finally {
      this.template = null;
    }
  }

  /** A context sharing this one's settings and render state but holding only `values`. */
  new(values: Dict | null = null): Context {
    const fresh = Object.create(Object.getPrototypeOf(this)) as Context;
    Object.assign(fresh, this);
    fresh._reset_dicts(values);
    return fresh;
  }
}

/**
 * Per-render state keyed by node (a Map, so nodes can be keys). Only the top layer is visible, so
 * a template rendered through `{% include %}` starts from a clean slate.
 */
export class RenderContext {
  dicts: Map<unknown, unknown>[] = [new Map()];
  template: Template | null = null;

  private top(): Map<unknown, unknown> {
    return this.dicts[this.dicts.length - 1];
  }

  has(key: unknown): boolean {
    return this.top().has(key);
  }

  get(key: unknown, otherwise: unknown = null): unknown {
    return this.top().has(key) ? this.top().get(key) : otherwise;
  }

  set(key: unknown, value: unknown): void {
    this.top().set(key, value);
  }

  setdefault<T>(key: unknown, default_: T): T {
    if (!this.top().has(key)) this.top().set(key, default_);
    return this.top().get(key) as T;
  }

  push(): void {
    this.dicts.push(new Map());
  }

  pop(): void {
    this.dicts.pop();
  }

  /** Render `fn` with `template` current; `isolated_context` gives it a fresh layer. */
  push_state<T>(template: Template, fn: () => T, isolated_context = true): T {
    const initial = this.template;
    this.template = template;
    if (isolated_context) this.push();
    try {
      return fn();
    } finally {
      this.template = initial;
      if (isolated_context) this.pop();
    }
  }
}

export type ContextProcessor = (request: unknown) => Dict;

/**
 * A Context that knows the request. When bound to a template, the engine's context processors
 * (settings.TEMPLATES[…].OPTIONS.context_processors) run and fill their own layer.
 */
export class RequestContext extends Context {
  request: unknown;
  _processors: ContextProcessor[];
  _processors_index: number;

  constructor(
    request: unknown,
    dict_: Dict | null = null,
    processors: ContextProcessor[] | null = null,
    options: { autoescape?: boolean; use_l10n?: boolean | null; use_tz?: boolean | null } = {},
  ) {
    super(dict_, options);
    this.request = request;
    this._processors = processors ?? [];
    this._processors_index = this.dicts.length;
    // A placeholder layer the context processors fill at bind time, then an empty top layer.
    this.update({}, "context processors");
    this.update({}, "context");
  }

  override bind_template<T>(template: Template, fn: () => T): T {
    if (this.template !== null) throw new Error("Context is already bound to a template");
    this.template = template;
    const processors = [...template.engine.template_context_processors, ...this._processors];
    const updates: Dict = {};
    for (const processor of processors) {
      const result = processor(this.request);
      if (!is_dict(result)) throw new TypeError(`Context processor ${processor.name} didn't return a dictionary.`);
      Object.assign(updates, result);
    }
    const index = this._processors_index;
    if (index >= 0) this.dicts[index] = updates;
    try {
      return fn();
    } finally {
      this.template = null;
      if (index >= 0) this.dicts[index] = {};
    }
  }

  override new(values: Dict | null = null): Context {
    const fresh = super.new(values) as RequestContext;
    fresh._processors_index = -1;
    return fresh;
  }
}

/** A dict (and maybe a request) → the Context or RequestContext a backend template renders with. */
export function make_context(context: Dict | null, request: unknown = null, options: { autoescape?: boolean; use_l10n?: boolean | null; use_tz?: boolean | null } = {}): Context {
  if (context !== null && context !== undefined && !is_dict(context))
    throw new TypeError(`context must be a dict rather than ${(context as object).constructor?.name ?? typeof context}.`);
  if (request === null || request === undefined) return new Context(context ?? null, options);
  const ctx = new RequestContext(request, null, null, options);
  if (context && Object.keys(context).length) ctx.push(context, "view context");
  return ctx;
}
