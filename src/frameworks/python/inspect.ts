/**
 * Class anatomy, as ccbv.co.uk shows it: a Python class (python/mro.ts) → its bases, MRO, the
 * attributes it defines itself and those it inherits, and for each attribute the class in the
 * MRO that defines it, what kind of thing it is, and which classes further down it overrides.
 *
 * Kinds come from how the TypeScript class declares the name: a prototype method is a `method`,
 * a prototype getter a `property`, a `static` field an `attribute`, a static method a
 * `classmethod`, a static getter a `classproperty`. A class may refine them (Django's
 * `classonlymethod`, `cached_property`) and give Python signatures through `AnatomyHints`.
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
    out.set(name, d.get ? "property" : "method");
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
