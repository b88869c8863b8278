/**
 * jinja2.defaults: what every new Environment starts with — the built-in filters and tests, the
 * global functions (`range`, `dict`, `lipsum`, `cycler`, `joiner`, `namespace`) and the policies
 * some filters read (`truncate.leeway`, `urlize.rel`, `json.dumps_kwargs`…).
 */
import { IndexError, py_repr, ValueError } from "../python/builtins";
import { split_kwargs } from "../python/kwargs";
import { iterate } from "../python/operator";
import { Signature, with_signature } from "../python/signature";
import { FILTERS } from "./filters";
import { check_items } from "./limits";
import { TESTS } from "./tests";
import { Cycler, generate_lorem_ipsum, Joiner, Namespace } from "./utils";

export const BLOCK_START_STRING = "{%";
export const BLOCK_END_STRING = "%}";
export const VARIABLE_START_STRING = "{{";
export const VARIABLE_END_STRING = "}}";
export const COMMENT_START_STRING = "{#";
export const COMMENT_END_STRING = "#}";
export const TRIM_BLOCKS = false;
export const LSTRIP_BLOCKS = false;
export const NEWLINE_SEQUENCE = "\n";
export const KEEP_TRAILING_NEWLINE = false;

/** Python's `range`: lazy, sized, printed as `range(0, 3)`. */
export class PyRange {
  readonly start: number;
  readonly stop: number;
  readonly step: number;
  constructor(...args: number[]) {
    const [start, stop, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1];
    if (step === 0) throw new ValueError("range() arg 3 must not be zero");
    this.start = start;
    this.stop = stop;
    this.step = step;
  }
  __len__(): number {
    const n = Math.ceil((this.stop - this.start) / this.step);
    return Math.max(0, n);
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = this.__len__();
    check_items("range()", n);
    for (let i = 0; i < n; i++) yield this.start + i * this.step;
  }
  __getitem__(i: number): number {
    const n = this.__len__();
    const at = i < 0 ? i + n : i;
    if (at < 0 || at >= n) throw new IndexError("range object index out of range");
    return this.start + at * this.step;
  }
  __contains__(x: unknown): boolean {
    if (typeof x !== "number" || !Number.isInteger(x)) return false;
    const offset = x - this.start;
    return offset % this.step === 0 && offset / this.step >= 0 && offset / this.step < this.__len__();
  }
  __repr__(): string {
    return this.step === 1 ? `range(${this.start}, ${this.stop})` : `range(${this.start}, ${this.stop}, ${this.step})`;
  }
  toString(): string {
    return this.__repr__();
  }
}
/** Python calls it `range` in its errors (`'range' object has no attribute 'items'`). */
Object.defineProperty(PyRange, "name", { value: "range" });

/** `dict(**kwargs)` / `dict(pairs)`: a plain dict. */
function dict(...args: unknown[]): Record<string, unknown> {
  const [positional, kwargs] = split_kwargs(args);
  const out: Record<string, unknown> = {};
  for (const p of positional) {
    if (p instanceof Map) for (const [k, v] of p) out[String(k)] = v;
    else if (p !== null && typeof p === "object" && !Array.isArray(p)) Object.assign(out, p);
    else for (const pair of iterate(p) as [unknown, unknown][]) out[String(pair[0])] = pair[1];
  }
  return Object.assign(out, kwargs);
}

export const DEFAULT_FILTERS = FILTERS;
export const DEFAULT_TESTS = TESTS;

export const DEFAULT_NAMESPACE: Record<string, unknown> = {
  range: with_signature((...args: number[]) => new PyRange(...args), Signature.positional("range", 1, 3)),
  dict: with_signature(dict, Signature.positional("dict", 0, 1, "dict", { keywords: true })),
  lipsum: with_signature((...args: unknown[]) => {
    const [pos, kw] = split_kwargs(args);
    return generate_lorem_ipsum((pos[0] ?? kw.n ?? 5) as number, (pos[1] ?? kw.html ?? true) as boolean, (pos[2] ?? kw.min ?? 20) as number, (pos[3] ?? kw.max ?? 100) as number);
  }, "generate_lorem_ipsum(n=5, html=True, min=20, max=100)"),
  cycler: (...items: unknown[]) => new Cycler(...items),
  joiner: with_signature((...args: unknown[]) => {
    const [pos, kw] = split_kwargs(args);
    return new Joiner((pos[0] ?? kw.sep ?? ", ") as string);
  }, "Joiner.__init__(self, sep=', ')"),
  // `Namespace(*args, **kwargs)` hands its arguments to `dict()`.
  namespace: with_signature((...args: unknown[]) => new Namespace(...args), Signature.positional("dict", 0, 1, "dict", { keywords: true })),
};

export const DEFAULT_POLICIES: Record<string, unknown> = {
  "compiler.ascii_str": true,
  "urlize.rel": "noopener",
  "urlize.target": null,
  "urlize.extra_schemes": null,
  "truncate.leeway": 5,
  "json.dumps_function": null,
  "json.dumps_kwargs": { sort_keys: true },
  "ext.i18n.trimmed": false,
};

export { py_repr };
