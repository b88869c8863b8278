/**
 * Python's argument binding: a function's signature + a call's arguments → the `TypeError` CPython
 * raises when they do not fit, or nothing. JavaScript calls anything with any number of arguments;
 * a Python function refuses, and says why in words a learner will search for:
 *
 *   const sig = Signature.parse("do_replace(eval_ctx, s, old, new, count=None)");
 *   sig.bind_error(3, [])          // "do_replace() missing 1 required positional argument: 'new'"
 *   sig.bind_error(6, [])          // "do_replace() takes from 4 to 5 positional arguments but 6 were given"
 *   sig.bind_error(4, ["nope"])    // "do_replace() got an unexpected keyword argument 'nope'"
 *
 * The checks run in CPython's order (3.11, `initialize_locals`): each keyword in turn (unknown,
 * positional-only, or already given by position), then too many positional arguments, then the
 * required ones still missing. Functions written in C check differently and word it differently:
 * `abs()` takes exactly one argument and no keywords (`Signature.builtin_o`), `operator.eq` exactly
 * two (`Signature.builtin_positional`).
 */

/** How the function is implemented, which decides the wording of its errors. */
type Style = "def" | "builtin_o" | "builtin_positional";

export class Signature {
  private constructor(
    /** The name in messages: the function's `__qualname__` (`do_replace`, `sync_do_join`). */
    readonly name: string,
    /** The positional-or-keyword parameters, in order (positional-only ones first). */
    readonly params: readonly string[],
    /** How many of `params` have a default (the last ones). */
    readonly defaults: number,
    /** How many of `params` are positional-only (before a `/`). */
    readonly positional_only: number,
    readonly varargs: boolean,
    readonly varkw: boolean,
    private readonly style: Style,
    /** For a C function checked with `_PyArg_CheckPositional`: its module (`_operator`). */
    private readonly module = "",
  ) {}

  /**
   * `"name(a, b=1, /, c=None, *args, **kwargs)"` → its signature. Defaults are only counted (their
   * values are the function's business); keyword-only parameters are not modelled.
   */
  static parse(text: string): Signature {
    const match = /^([\w.]+)\((.*)\)$/s.exec(text.trim());
    if (!match) throw new Error(`not a signature: ${text}`);
    const params: string[] = [];
    let defaults = 0;
    let positional_only = 0;
    let varargs = false;
    let varkw = false;
    for (const raw of match[2].split(",").map((p) => p.trim()).filter(Boolean)) {
      if (raw === "/") positional_only = params.length;
      else if (raw.startsWith("**")) varkw = true;
      else if (raw.startsWith("*")) varargs = true;
      else {
        const eq = raw.indexOf("=");
        params.push(eq < 0 ? raw : raw.slice(0, eq).trim());
        if (eq >= 0) defaults++;
        else if (defaults) throw new Error(`non-default parameter follows default parameter in ${text}`);
      }
    }
    return new Signature(match[1], params, defaults, positional_only, varargs, varkw, "def");
  }

  /** A C function taking exactly one argument and no keywords (`METH_O`: `abs`, `len`, `callable`). */
  static builtin_o(name: string): Signature {
    return new Signature(name, ["obj"], 0, 1, false, false, "builtin_o");
  }

  /** A C function taking exactly `count` positional arguments (`operator.eq(a, b, /)`). */
  static builtin_positional(module: string, name: string, count: number): Signature {
    return new Signature(name, Array.from({ length: count }, (_, i) => String.fromCharCode(97 + i)), 0, count, false, false, "builtin_positional", module);
  }

  /**
   * The `TypeError` message for a call with `given` positional arguments and these keyword names
   * (in the order written), or null when the call binds.
   */
  bind_error(given: number, keywords: readonly string[]): string | null {
    if (this.style === "builtin_o") {
      if (keywords.length) return `${this.name}() takes no keyword arguments`;
      return given === 1 ? null : `${this.name}() takes exactly one argument (${given} given)`;
    }
    if (this.style === "builtin_positional") {
      if (keywords.length) return `${this.module}.${this.name}() takes no keyword arguments`;
      const count = this.params.length;
      return given === count ? null : `${this.name} expected ${count} argument${count === 1 ? "" : "s"}, got ${given}`;
    }
    const bound = new Set<number>();
    for (let i = 0; i < Math.min(given, this.params.length); i++) bound.add(i);
    const passed_positional_only: string[] = [];
    for (const key of keywords) {
      const index = this.params.indexOf(key);
      if (index < 0 || index < this.positional_only) {
        if (this.varkw) continue;
        if (index >= 0) {
          passed_positional_only.push(key);
          continue;
        }
        return `${this.name}() got an unexpected keyword argument '${key}'`;
      }
      if (bound.has(index)) return `${this.name}() got multiple values for argument '${key}'`;
      bound.add(index);
    }
    if (passed_positional_only.length) return `${this.name}() got some positional-only arguments passed as keyword arguments: '${passed_positional_only.join(", ")}'`;
    const count = this.params.length;
    if (given > count && !this.varargs) {
      const takes = this.defaults ? `from ${count - this.defaults} to ${count}` : String(count);
      const plural = this.defaults || count !== 1 ? "s" : "";
      return `${this.name}() takes ${takes} positional argument${plural} but ${given} ${given === 1 ? "was" : "were"} given`;
    }
    const missing = this.params.slice(0, count - this.defaults).filter((_, i) => !bound.has(i));
    if (missing.length) return `${this.name}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${name_list(missing)}`;
    return null;
  }
}

/** `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: how CPython lists missing arguments. */
function name_list(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length === 1) return quoted[0];
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(", ")}, and ${quoted[quoted.length - 1]}`;
}

const SIGNATURE: unique symbol = Symbol("python.signature");

/** Give a function its Python signature (its calls can then be checked as Python would). */
export function with_signature<F extends Function>(f: F, signature: Signature | string): F {
  Object.defineProperty(f, SIGNATURE, { value: typeof signature === "string" ? Signature.parse(signature) : signature, configurable: true });
  return f;
}

/** The Python signature a function was given, if any. */
export function signature_of(f: unknown): Signature | undefined {
  return typeof f === "function" ? (f as { [SIGNATURE]?: Signature })[SIGNATURE] : undefined;
}
