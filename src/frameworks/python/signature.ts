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
 * required ones still missing. Functions written in C check differently and word it differently,
 * by how they read their arguments:
 *
 *   Signature.noargs("str.upper")                     "str.upper() takes no arguments (1 given)"
 *   Signature.builtin_o("abs")                        "abs() takes exactly one argument (2 given)"
 *   Signature.positional("replace", 2, 3, "str.replace")   "replace expected at least 2 arguments, got 1"
 *   Signature.varargs("startswith", 1, 3)             "startswith() takes at least 1 argument (0 given)"
 *   Signature.keywords("split", ["sep", "maxsplit"])  "'x' is an invalid keyword argument for split()"
 */

/** How the function is implemented, which decides the wording of its errors. */
type Style = "def" | "noargs" | "builtin_o" | "positional" | "varargs" | "keywords";

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
    /**
     * A C function's bounds on its arguments (for `keywords`: `min` is how many may be given by
     * position, `max` how many in all), and the qualified name some of its messages use.
     */
    private readonly min = 0,
    private readonly max = 0,
    private readonly qualname = name,
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
    for (const raw of split_parameters(match[2])) {
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

  /** A C method taking no arguments (`METH_NOARGS`: `str.upper`, `dict.items`). */
  static noargs(qualname: string): Signature {
    return new Signature(qualname, [], 0, 0, false, false, "noargs");
  }

  /** A C function taking exactly one argument and no keywords (`METH_O`: `abs`, `len`, `str.join`). */
  static builtin_o(qualname: string): Signature {
    return new Signature(qualname, ["obj"], 0, 1, false, false, "builtin_o");
  }

  /**
   * A C function taking `min` to `max` positional arguments, checked by Argument Clinic
   * (`operator.eq`, `str.replace`, `dict.get`, `range`); `keywords` when it also takes any keyword
   * (`dict(a=1)`), else a keyword is refused in the name of `qualname`.
   */
  static positional(name: string, min: number, max: number, qualname: string = name, options: { keywords?: boolean } = {}): Signature {
    return new Signature(name, [], 0, max, false, options.keywords ?? false, "positional", min, max, qualname);
  }

  /** A C function reading `min` to `max` arguments with `PyArg_ParseTuple` (`str.startswith`, `str.find`). */
  static varargs(name: string, min: number, max: number): Signature {
    return new Signature(name, [], 0, max, false, false, "varargs", min, max);
  }

  /**
   * A C function whose parameters can also be named (Argument Clinic with keywords: `str.split(sep,
   * maxsplit)`); `positional` is how many can be given by position (0 for `list.sort(*, key,
   * reverse)`).
   */
  static keywords(name: string, params: string[], positional: number = params.length): Signature {
    return new Signature(name, params, params.length, 0, false, false, "keywords", positional, params.length);
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
    if (this.style === "noargs") {
      if (keywords.length) return `${this.name}() takes no keyword arguments`;
      return given === 0 ? null : `${this.name}() takes no arguments (${given} given)`;
    }
    if (this.style === "positional") {
      if (keywords.length && !this.varkw) return `${this.qualname}() takes no keyword arguments`;
      if (given >= this.min && given <= this.max) return null;
      const bound = this.min === this.max ? this.min : given < this.min ? this.min : this.max;
      const how = this.min === this.max ? "" : given < this.min ? "at least " : "at most ";
      return `${this.name} expected ${how}${bound} argument${bound === 1 ? "" : "s"}, got ${given}`;
    }
    if (this.style === "varargs") {
      if (keywords.length) return `${this.name}() takes no keyword arguments`;
      if (given >= this.min && given <= this.max) return null;
      const bound = given < this.min ? this.min : this.max;
      const how = this.min === this.max ? "exactly" : given < this.min ? "at least" : "at most";
      return `${this.name}() takes ${how} ${bound} argument${bound === 1 ? "" : "s"} (${given} given)`;
    }
    if (this.style === "keywords") {
      const total = given + keywords.length;
      if (total > this.max) return `${this.name}() takes at most ${this.max} argument${this.max === 1 ? "" : "s"} (${total} given)`;
      const positional = this.min;
      if (given > positional) return positional === 0 ? `${this.name}() takes no positional arguments` : `${this.name}() takes at most ${positional} positional argument${positional === 1 ? "" : "s"} (${given} given)`;
      const unknown = keywords.find((k) => !this.params.includes(k));
      return unknown === undefined ? null : `'${unknown}' is an invalid keyword argument for ${this.name}()`;
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

/** The parameter list at its top-level commas (a default may be `', '` or `(1, 2)`). */
function split_parameters(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((p) => p.trim()).filter(Boolean);
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
