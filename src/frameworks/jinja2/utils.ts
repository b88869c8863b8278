/**
 * jinja2.utils: helpers the rest of the package shares — the `missing` sentinel, the decorators
 * that ask for the context (`pass_context`, `pass_eval_context`, `pass_environment`), the
 * `namespace`, `cycler` and `joiner` globals, `select_autoescape`, `urlize` and lorem ipsum.
 *
 *   select_autoescape(["html", "xml"])("page.html")   // true
 *   const ns = new Namespace({ count: 0 })            // {% set ns.count = ns.count + 1 %}
 */
import { escape, escape_text, Markup } from "../markupsafe";
import { py_repr, RuntimeError } from "../python/builtins";
import { split_kwargs } from "../python/kwargs";
import { is_dict, iterate, py_str } from "../python/operator";

/** The value of a name that is not defined at all (distinct from None). */
export const missing: unique symbol = Symbol("missing");
export type Missing = typeof missing;

export type PassArg = "context" | "eval_context" | "environment";

/** Mark a filter, test or global as wanting the template context as its first argument. */
export function pass_context<F extends Function>(f: F): F {
  (f as any).jinja_pass_arg = "context";
  return f;
}

export function pass_eval_context<F extends Function>(f: F): F {
  (f as any).jinja_pass_arg = "eval_context";
  return f;
}

export function pass_environment<F extends Function>(f: F): F {
  (f as any).jinja_pass_arg = "environment";
  return f;
}

export function pass_arg_of(f: unknown): PassArg | null {
  return (f as { jinja_pass_arg?: PassArg } | null)?.jinja_pass_arg ?? null;
}

/**
 * Name a function's Python parameters (after the passed context and the value) so keyword
 * arguments from templates reach the right position: `params(do_truncate, ["length", …])`.
 */
export function params<F extends Function>(f: F, names: string[]): F {
  (f as any).jinja_params = names;
  return f;
}

/** Python's `type(obj)` in Undefined messages: `'dict object'`, `None`, `'Post object'`. */
export function object_type_repr(obj: unknown): string {
  if (obj === null || obj === undefined) return "None";
  if (typeof obj === "string" || obj instanceof String) return "str object";
  if (typeof obj === "number") return Number.isInteger(obj) ? "int object" : "float object";
  if (typeof obj === "boolean") return "bool object";
  if (Array.isArray(obj)) return obj.constructor.name === "PyTuple" ? "tuple object" : "list object";
  if (is_dict(obj) || obj instanceof Map) return "dict object";
  const cls = (obj as object).constructor as { name?: string; __module__?: string } | undefined;
  const name = cls?.name || "object";
  return cls?.__module__ ? `${cls.__module__}.${name} object` : `${name} object`;
}

/** `{% set ns = namespace(count=0) %}`: an object whose attributes can be assigned in any scope. */
export class Namespace {
  __attrs: Record<string, unknown>;
  constructor(...args: unknown[]) {
    const [positional, kwargs] = split_kwargs(args);
    this.__attrs = Object.create(null);
    for (const p of positional) {
      if (p instanceof Map) for (const [k, v] of p) this.__attrs[py_str(k)] = v;
      else if (is_dict(p)) Object.assign(this.__attrs, p);
      else for (const pair of iterate(p) as [unknown, unknown][]) this.__attrs[py_str(pair[0])] = pair[1];
    }
    Object.assign(this.__attrs, kwargs);
  }
  __getattr__(name: string): unknown {
    if (name in this.__attrs) return this.__attrs[name];
    return missing;
  }
  __setitem__(name: string, value: unknown): void {
    this.__attrs[name] = value;
  }
  __repr__(): string {
    return `<Namespace ${py_repr({ ...this.__attrs })}>`;
  }
  toString(): string {
    return this.__repr__();
  }
}

/** `cycler('odd', 'even')`: `.next()` walks the items round and round; `.current` is the one due. */
export class Cycler {
  private pos = 0;
  readonly items: unknown[];
  constructor(...items: unknown[]) {
    if (!items.length) throw new RuntimeError("at least one item has to be provided");
    this.items = items;
  }
  reset(): void {
    this.pos = 0;
  }
  get current(): unknown {
    return this.items[this.pos];
  }
  next(): unknown {
    const rv = this.current;
    this.pos = (this.pos + 1) % this.items.length;
    return rv;
  }
  __next__(): unknown {
    return this.next();
  }
}

/** `joiner(', ')`: called before each item, it returns "" the first time and the separator after. */
export class Joiner {
  private used = false;
  constructor(readonly sep: string = ", ") {}
  __call__(): string {
    if (!this.used) {
      this.used = true;
      return "";
    }
    return this.sep;
  }
}

/**
 * `select_autoescape(enabled_extensions, disabled_extensions, default_for_string, default)`:
 * a function of the template name saying whether to autoescape, by file extension (case-sensitive).
 */
export function select_autoescape(enabled_extensions: string[] = ["html", "htm", "xml"], disabled_extensions: string[] = [], default_for_string = true, default_ = false): (template_name: string | null) => boolean {
  const enabled = enabled_extensions.map((x) => `.${x.replace(/^\./, "").toLowerCase()}`);
  const disabled = disabled_extensions.map((x) => `.${x.replace(/^\./, "").toLowerCase()}`);
  return (template_name: string | null) => {
    if (template_name === null || template_name === undefined) return default_for_string;
    const name = template_name.toLowerCase();
    if (enabled.some((e) => name.endsWith(e))) return true;
    if (disabled.some((e) => name.endsWith(e))) return false;
    return default_;
  };
}

const LOREM_WORDS = "a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at auctor augue bibendum blandit class commodo condimentum congue consectetuer consequat conubia convallis cras cubilia cum curabitur curae cursus dapibus diam dictum dictumst dignissim dis dolor donec dui duis egestas eget eleifend elementum elit enim erat eros est et etiam eu euismod facilisi facilisis fames faucibus felis fermentum feugiat fringilla fusce gravida habitant habitasse hac hendrerit hymenaeos iaculis id imperdiet in inceptos integer interdum ipsum justo lacinia lacus laoreet lectus leo libero ligula litora lobortis lorem luctus maecenas magna magnis malesuada massa mattis mauris metus mi molestie mollis montes morbi mus nam nascetur natoque nec neque netus nibh nisi nisl non nonummy nostra nulla nullam nunc odio orci ornare parturient pede pellentesque penatibus per pharetra phasellus placerat platea porta porttitor posuere potenti praesent pretium primis proin pulvinar purus quam quis quisque rhoncus ridiculus risus rutrum sagittis sapien scelerisque sed sem semper senectus sit sociis sociosqu sodales sollicitudin suscipit suspendisse taciti tellus tempor tempus tincidunt torquent tortor tristique turpis ullamcorper ultrices ultricies urna ut varius vehicula vel velit venenatis vestibulum vitae vivamus viverra volutpat vulputate".split(" ");

/** `lipsum(n=5, html=True, min=20, max=100)`: n paragraphs of random Latin-looking text. */
export function generate_lorem_ipsum(n = 5, html = true, min = 20, max = 100): string | Markup {
  const pick = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
  const result: string[] = [];
  for (let p = 0; p < n; p++) {
    let next_capitalized = true;
    let last_comma = 0;
    let last_fullstop = 0;
    let last = "";
    const words: string[] = [];
    const count = pick(min, max);
    for (let idx = 0; idx < count; idx++) {
      let word = "";
      do word = LOREM_WORDS[Math.floor(Math.random() * LOREM_WORDS.length)];
      while (word === last);
      last = word;
      if (next_capitalized) {
        word = word[0].toUpperCase() + word.slice(1);
        next_capitalized = false;
      }
      if (idx - pick(3, 8) > last_comma) {
        last_comma = idx;
        last_fullstop += 2;
        word += ",";
      }
      if (idx - pick(10, 20) > last_fullstop) {
        last_comma = last_fullstop = idx;
        word += ".";
        next_capitalized = true;
      }
      words.push(word);
    }
    let text = words.join(" ");
    if (text.endsWith(",")) text = text.slice(0, -1) + ".";
    else if (!text.endsWith(".")) text += ".";
    result.push(text);
  }
  if (!html) return result.join("\n\n");
  return new Markup(result.map((x) => `<p>${escape(x)}</p>`).join("\n"));
}

const TRAIL_PUNCT = /[).,;:!?]+$|(?<![.,;:!?])[)]$/;

/**
 * `urlize(text, trim_url_limit, rel, target, extra_schemes)`: turn URLs and e-mail addresses in
 * plain text into links; the rest of the text is escaped.
 */
export function urlize(text: string, trim_url_limit: number | null = null, rel: string | null = null, target: string | null = null, extra_schemes: string[] | null = null): string {
  const trim = (x: string) => (trim_url_limit !== null && x.length > trim_url_limit ? `${x.slice(0, trim_url_limit)}...` : x);
  const words = text.split(/(\s+)/);
  const rel_attr = rel ? ` rel="${escape_text(rel)}"` : "";
  const target_attr = target ? ` target="${escape_text(target)}"` : "";
  const schemes = ["http://", "https://", ...(extra_schemes ?? [])];
  return words
    .map((word, i) => {
      if (i % 2 === 1 || !word) return word;
      let head = "";
      let middle = word;
      let tail = "";
      const lead = /^[(<]|^&lt;/.exec(middle);
      if (lead) {
        head = lead[0];
        middle = middle.slice(head.length);
      }
      const trail = TRAIL_PUNCT.exec(middle) ?? /(>|&gt;)$/.exec(middle);
      if (trail && trail.index > 0) {
        tail = middle.slice(trail.index);
        middle = middle.slice(0, trail.index);
      }
      if (middle.startsWith("(") === false && middle.endsWith(")") && !middle.includes("(")) {
        tail = ")" + tail;
        middle = middle.slice(0, -1);
      }
      if (schemes.some((s) => middle.startsWith(s)) || /^www\./.test(middle) || /^[\w.+-]+\.(org|net|com)$/.test(middle) && !middle.includes("@")) {
        const href = middle.startsWith("www.") || !schemes.some((s) => middle.startsWith(s)) ? `https://${middle}` : middle;
        return `${escape_text(head)}<a href="${escape_text(href)}"${rel_attr}${target_attr}>${escape_text(trim(middle))}</a>${escape_text(tail)}`;
      }
      if (middle.startsWith("mailto:") || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(middle)) {
        const address = middle.startsWith("mailto:") ? middle.slice(7) : middle;
        if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) return `${escape_text(head)}<a href="mailto:${escape_text(address)}">${escape_text(address)}</a>${escape_text(tail)}`;
      }
      return escape_text(word);
    })
    .join("");
}
