/**
 * Class anatomy, as ccbv.co.uk shows it: a Python class (python/mro.ts) → its bases, MRO, the
 * attributes it defines itself and those it inherits, and for each attribute the class in the
 * MRO that defines it, what kind of thing it is, and which classes further down it overrides.
 *
 * Kinds come from how the TypeScript class declares the name: a prototype method is a `method`,
 * a prototype getter a `property`, a `static` field an `attribute`, a static method a
 * `classmethod`, a static getter a `classproperty`. A class may refine them (Django's
 * `classonlymethod`, `cached_property`) and give Python signatures through `AnatomyHints`.
 *
 * Also `getdoc` and `cleandoc`: a function's docstring, the text Python keeps as `__doc__`. In
 * TypeScript it is written where Python writes it — a string alone as the body's first statement
 * (`function init_db_command() { "Clear the existing data and create new tables."; … }`) — or
 * set as `f.__doc__`; click reads it for `--help` (docs/adr/0036-click-and-the-flask-command.md).
 */
import { PyObject, class_path, is_class_attribute, mro_of, bases_of, type PyClass } from "./mro";

export type AttributeKind = "method" | "classmethod" | "classonlymethod" | "staticmethod" | "property" | "cached_property" | "classproperty" | "attribute";

export interface AttributeInfo {
  defined_in: string;
  kind: AttributeKind;
  overrides?: string[];
  value?: unknown;
  signature?: string;
}

export interface ClassAnatomy {
  class: string;
  bases: string[];
  mro: string[];
  own: string[];
  inherited: string[];
  attributes: Record<string, AttributeInfo>;
}

/** What plain TypeScript cannot say: Python signatures and the refined kinds, by `Class.name`. */
export interface AnatomyHints {
  signature?(cls: PyClass, name: string): string | undefined;
  kind?(cls: PyClass, name: string): AttributeKind | undefined;
  /** A class attribute's value as JSON (classes become `"<class dotted.path>"`). */
  value?(value: unknown): unknown;
}

const OBJECT_SIGNATURES: Record<string, string> = { __init__: "(self, /, *args, **kwargs)" };

/** Python considers every name not starting with `__`, plus `__init__`. */
function considered(name: string): boolean {
  return name === "__init__" || !name.startsWith("__");
}

/** The names `cls` itself defines, with the kind its declaration gives each. */
export function own_attributes(cls: PyClass): Map<string, AttributeKind> {
  const out = new Map<string, AttributeKind>();
  for (const name of Object.getOwnPropertyNames(cls.prototype)) {
    if (name === "constructor" || !considered(name)) continue;
    const d = Object.getOwnPropertyDescriptor(cls.prototype, name)!;
    // django.utils.functional.cached_property marks the getter it installs
    out.set(name, d.get ? ((d.get as { __cached_property__?: true }).__cached_property__ ? "cached_property" : "property") : "method");
  }
  for (const name of Object.getOwnPropertyNames(cls)) {
    if (!considered(name) || name === "prototype" || name === "length" || name === "name") continue;
    const d = Object.getOwnPropertyDescriptor(cls, name)!;
    if (is_class_attribute(cls, name)) out.set(name, "attribute");
    else if (d.get) out.set(name, "classproperty");
    else if (typeof d.value === "function") out.set(name, "classmethod");
  }
  return out;
}

/** Python's repr-free view of a class attribute's value. */
export function default_value(value: unknown): unknown {
  if (typeof value === "function") return `<class ${class_path(value as PyClass)}>`;
  if (value === undefined) return null;
  return value;
}

export function class_anatomy(cls: PyClass, hints: AnatomyHints = {}): ClassAnatomy {
  const mro = mro_of(cls);
  const own_by_class = mro.map((c) => own_attributes(c));
  const attributes: Record<string, AttributeInfo> = {};
  // `object`'s own names (its __init__) count only as something a class overrides.
  const names = new Set(own_by_class.filter((_, i) => mro[i] !== PyObject).flatMap((m) => [...m.keys()]));
  for (const name of [...names].sort()) {
    const index = own_by_class.findIndex((m) => m.has(name));
    const owner = mro[index];
    const kind = hints.kind?.(owner, name) ?? own_by_class[index].get(name)!;
    const info: AttributeInfo = { defined_in: class_path(owner), kind };
    const overrides = mro.slice(index + 1).filter((_, k) => own_by_class[index + 1 + k].has(name));
    if (overrides.length) info.overrides = overrides.map(class_path);
    if (kind === "attribute") info.value = (hints.value ?? default_value)((owner as any)[name]);
    else {
      const signature = owner === PyObject ? OBJECT_SIGNATURES[name] : hints.signature?.(owner, name);
      if (signature !== undefined) info.signature = signature;
    }
    attributes[name] = info;
  }
  const own = [...own_by_class[0].keys()].sort();
  return {
    class: class_path(cls),
    bases: bases_of(cls).map(class_path),
    mro: mro.map(class_path),
    own,
    inherited: [...names].filter((n) => !own_by_class[0].has(n)).sort(),
    attributes,
  };
}

/** `inspect.cleandoc(doc)`: a docstring without its first line's leading blanks, the common indentation of the rest, and blank lines around it. */
export function cleandoc(doc: string): string {
  const lines = doc.replace(/\t/g, "        ").split("\n");
  let margin = Infinity;
  for (const line of lines.slice(1)) {
    const content = line.replace(/^ +/, "");
    if (content) margin = Math.min(margin, line.length - content.length);
  }
  const out = [lines[0].replace(/^ +/, ""), ...lines.slice(1).map((line) => (margin === Infinity ? line : line.slice(margin)))];
  while (out.length && !out[0]) out.shift();
  while (out.length && !out[out.length - 1]) out.pop();
  return out.join("\n");
}

/**
 * `inspect.getdoc(f)`: the function's docstring, cleaned — its `__doc__` when set, otherwise a
 * string literal standing alone as the first statement of its body (Python's docstring position),
 * read from the function's source in one pass. null when it has none.
 */
export function getdoc(f: unknown): string | null {
  if (typeof f !== "function") return null;
  const own = (f as { __doc__?: unknown }).__doc__;
  if (typeof own === "string") return cleandoc(own);
  const wrapped = (f as { __wrapped__?: unknown }).__wrapped__;
  const text = leading_string(Function.prototype.toString.call(f));
  if (text !== null) return cleandoc(text);
  return wrapped ? getdoc(wrapped) : null;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };

/** The value of a string literal that opens a function body (`{ "doc"; …`), scanning the source once. */
function leading_string(source: string): string | null {
  const body = body_start(source);
  if (body < 0) return null;
  let i = skip_blanks(source, body);
  const quote = source[i];
  if (quote !== '"' && quote !== "'" && quote !== "`") return null;
  let value = "";
  for (i++; i < source.length; i++) {
    const c = source[i];
    if (c === quote) break;
    if (quote === "`" && c === "$" && source[i + 1] === "{") return null; // a template with holes is computed, not a docstring
    if (c === "\\") {
      const next = source[++i];
      value += ESCAPES[next] ?? (next === "\n" ? "" : next);
    } else value += c;
  }
  if (i >= source.length) return null;
  const after = skip_blanks(source, i + 1);
  // A docstring is a statement of its own: what follows is `;`, the end of the body or a new line.
  return source[after] === ";" || source[after] === "}" || /\n/.test(source.slice(i + 1, after)) ? value : null;
}

/** Where a function's body starts: after the parameter list's closing parenthesis (and `=>`), at `{`. */
function body_start(source: string): number {
  const open = source.indexOf("(");
  if (open < 0) return -1;
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth === 0) {
        let j = skip_blanks(source, i + 1);
        if (source.startsWith("=>", j)) j = skip_blanks(source, j + 2);
        return source[j] === "{" ? j + 1 : -1;
      }
    }
  }
  return -1;
}

/** Past whitespace and comments. */
function skip_blanks(source: string, i: number): number {
  while (i < source.length) {
    if (/\s/.test(source[i])) i++;
    else if (source.startsWith("//", i)) {
      const end = source.indexOf("\n", i);
      i = end < 0 ? source.length : end + 1;
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
    } else break;
  }
  return i;
}
