/**
 * Python's multiple inheritance for TypeScript classes: a list of base classes → one class whose
 * prototype chain *is* the C3 method resolution order (MRO), so `super.method()` follows Python's
 * `super()` exactly.
 *
 * JavaScript has single inheritance: a class has one parent, and `super` goes to it. Python's
 * `class ListView(MultipleObjectTemplateResponseMixin, BaseListView)` has two bases, and
 * `super()` inside a mixin goes to whatever class comes next in the *instance's* MRO — which
 * differs from one subclass to the next (in TemplateView, TemplateResponseMixin is followed by
 * ContextMixin; in DetailView by BaseDetailView). So a Python class is written here as a *body*,
 * a function from "the class that comes next" to a class (`(Base) => class X extends Base {...}`),
 * and `python_class(module, bases, body)`:
 *
 *   1. computes the MRO by C3 linearisation of the bases (Python's algorithm, same errors);
 *   2. builds the chain from `object` upwards: it reuses a base class as-is when the rest of the
 *      MRO is exactly that base's own MRO, and otherwise applies the body of each class again
 *      (a *copy* of the class, remembered as `__origin__`, for that position in this chain);
 *   3. applies this class's own body last, and records `__mro__`, `__bases__`, `__module__`,
 *      `__qualname__` and `__body__` on it.
 *
 * `x instanceof ContextMixin` asks the MRO (so copies count), and `mro_of(cls)` also answers for
 * plain `class PostListView extends ListView` subclasses written in user code. Class attributes
 * (Django's `template_name = None`) are `static` fields; `PyObject`'s constructor gives the
 * instance its class attributes, as Python's attribute lookup falls back from instance to class.
 * See docs/adr/0008-class-based-view-mixins.md.
 */
import { TypeError } from "./builtins";

/** Python's `object`: the root of every MRO (`builtins.object`). */
export class PyObject {
  // Python attribute lookup is dynamic; mixins reach attributes their sibling classes define.
  [key: string]: any;
  static [key: string]: any;
  declare static __module__: string;
  declare static __qualname__: string;

  constructor() {
    // Python looks an attribute up on the instance, then along type(self).__mro__. Class attributes
    // are copied once here; an instance attribute set later (`as_view(**initkwargs)`) shadows them.
    const cls = new.target as PyClass;
    for (const name of class_attribute_names(cls)) this[name] = cls[name];
  }

  /** `object.__init__`: accepts nothing (subclasses pass keyword arguments to their own). */
  __init__(_kwargs: Record<string, unknown> = {}): void {}

  /** `isinstance(obj, cls)`: obj's class has cls (or a copy of it) in its MRO. */
  static [Symbol.hasInstance](obj: unknown): boolean {
    if (obj === null || (typeof obj !== "object" && typeof obj !== "function")) return false;
    const ctor = (obj as { constructor?: unknown }).constructor;
    if (typeof ctor !== "function") return false;
    return mro_of(ctor as PyClass).includes(origin_of(this as unknown as PyClass));
  }
}
Object.defineProperties(PyObject, {
  __module__: { value: "builtins" },
  __qualname__: { value: "object" },
  __mro__: { value: [PyObject] },
  __bases__: { value: [] },
});

export type PyClass = typeof PyObject;
export type ClassBody<B extends PyClass = PyClass> = (Base: any) => B;

// The type a body's `Base` parameter has: the instances and static sides of all bases together.
type Instances<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? (H extends abstract new (...a: any[]) => infer I ? I : unknown) & Instances<R>
  : unknown;
type Statics<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R] ? Omit<H, "prototype"> & Statics<R> : unknown;
export type BasesOf<Bases extends readonly PyClass[]> = (new (...args: any[]) => Instances<Bases> & PyObject) & Statics<Bases> & PyClass;

const own = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

/**
 * `class Name(*bases): body` — the Python class statement. `bases` is empty for `(object)`.
 * `body` must return a class expression that extends its argument.
 */
export function python_class<const Bases extends readonly PyClass[], B extends PyClass>(
  module: string,
  bases: Bases,
  body: (Base: BasesOf<Bases>) => B,
): B {
  const base_list: PyClass[] = bases.length ? bases.map(origin_of) : [PyObject];
  const tail = c3_merge(base_list.map((b) => [...mro_of(b)]).concat([base_list]));
  const cls = body(build_chain(tail) as BasesOf<Bases>);
  Object.defineProperties(cls, {
    __module__: { value: module, configurable: true },
    __qualname__: { value: cls.name, configurable: true },
    __mro__: { value: [cls, ...tail], configurable: true },
    __bases__: { value: base_list, configurable: true },
    __body__: { value: body, configurable: true },
  });
  return cls;
}

/**
 * `class TaskCreate(LoginRequiredMixin, CreateView)` in user code:
 *
 *     export class TaskCreate extends bases(LoginRequiredMixin, CreateView) {
 *       static model = Task;
 *     }
 *
 * returns a class to extend whose prototype chain is the C3 MRO of the bases (the same chain
 * `python_class` builds), so `super.dispatch()` in the subclass reaches LoginRequiredMixin, then
 * CreateView, exactly as in Python. The returned class is a marker that stands for the bases list:
 * it never appears in `mro_of(TaskCreate)` (`[TaskCreate, LoginRequiredMixin, AccessMixin,
 * CreateView, …]`) nor in `bases_of(TaskCreate)` (`[LoginRequiredMixin, CreateView]`). ADR 0015.
 */
export function bases<const Bases extends readonly PyClass[]>(...list: Bases): BasesOf<Bases> {
  const base_list: PyClass[] = list.length ? list.map(origin_of) : [PyObject];
  const tail = c3_merge(base_list.map((b) => [...mro_of(b)]).concat([base_list]));
  const chain = build_chain(tail);
  const marker = class extends (chain as any) {} as unknown as PyClass;
  Object.defineProperties(marker, {
    __mro__: { value: tail, configurable: true },
    __bases_list__: { value: base_list, configurable: true },
    name: { value: `(${base_list.map((b) => b.name).join(", ")})`, configurable: true },
  });
  return marker as unknown as BasesOf<Bases>;
}

/**
 * The class chain for an MRO tail `[C1, C2, …, object]`: the longest suffix that is some class's
 * own MRO is that class itself; each class before it is applied again from its body (a copy).
 */
function build_chain(tail: PyClass[]): PyClass {
  let start = tail.length - 1; // `object`
  for (let i = 0; i < tail.length; i++) {
    const mro = mro_of(tail[i]);
    if (mro.length === tail.length - i && mro.every((c, k) => c === tail[i + k])) {
      start = i;
      break;
    }
  }
  let chain = tail[start];
  for (let i = start - 1; i >= 0; i--) {
    const original = tail[i];
    const copy = (original as unknown as { __body__: ClassBody }).__body__(chain);
    Object.defineProperties(copy, {
      __origin__: { value: original },
      __module__: { value: original.__module__ },
      __qualname__: { value: original.__qualname__ },
      __mro__: { value: mro_of(original) },
      __bases__: { value: bases_of(original) },
    });
    chain = copy;
  }
  return chain;
}

/**
 * C3 linearisation: repeatedly take the first head that appears in no other list's tail.
 * Python's error when none exists: "Cannot create a consistent method resolution order (MRO)".
 */
export function c3_merge(sequences: PyClass[][]): PyClass[] {
  const seqs = sequences.map((s) => [...s]).filter((s) => s.length);
  const result: PyClass[] = [];
  while (seqs.length) {
    const head = seqs.map((s) => s[0]).find((candidate) => !seqs.some((s) => s.indexOf(candidate) > 0));
    if (!head) {
      const names = [...new Set(seqs.map((s) => s[0]))].map((c) => c.__qualname__ ?? c.name).join(", ");
      throw new TypeError(`Cannot create a consistent method resolution order (MRO) for bases ${names}`);
    }
    result.push(head);
    for (const s of seqs) if (s[0] === head) s.shift();
    for (let i = seqs.length - 1; i >= 0; i--) if (!seqs[i].length) seqs.splice(i, 1);
  }
  return result;
}

/** The canonical class a (possibly copied) class stands for. */
export function origin_of(cls: PyClass): PyClass {
  return own(cls, "__origin__") ? (cls as unknown as { __origin__: PyClass }).__origin__ : cls;
}

/** `cls.__mro__`; a plain JS subclass (`class X extends ListView`) gets `[X, ...mro of ListView]`. */
export function mro_of(cls: PyClass): PyClass[] {
  if (own(cls, "__mro__")) return (cls as unknown as { __mro__: PyClass[] }).__mro__;
  const parent = Object.getPrototypeOf(cls) as PyClass;
  if (typeof parent !== "function" || parent === Function.prototype) return [cls];
  return [cls, ...mro_of(origin_of(parent))];
}

/** `cls.__bases__`. */
export function bases_of(cls: PyClass): PyClass[] {
  if (own(cls, "__bases__")) return (cls as unknown as { __bases__: PyClass[] }).__bases__;
  const parent = Object.getPrototypeOf(cls) as PyClass;
  if (own(parent, "__bases_list__")) return (parent as unknown as { __bases_list__: PyClass[] }).__bases_list__;
  return [origin_of(parent)];
}

/** `cls.__qualname__` (a plain subclass inherits the static, so only an own one counts). */
export function class_name(cls: PyClass): string {
  const c = origin_of(cls);
  return own(c, "__qualname__") ? c.__qualname__ : c.name;
}

/** `cls.__module__`, or null for a class nobody named a module for. */
export function class_module(cls: PyClass): string | null {
  const c = origin_of(cls);
  return own(c, "__module__") ? c.__module__ : null;
}

/** `builtins.object`, `django.views.generic.list.ListView`, or `blog.views.PostListView`. */
export function class_path(cls: PyClass): string {
  const module = class_module(cls);
  return module ? `${module}.${class_name(cls)}` : class_name(cls);
}

/** Is `key` a class attribute (an own `static` field) of `cls` itself? Static methods are not. */
export function is_class_attribute(cls: PyClass, key: string): boolean {
  const d = Object.getOwnPropertyDescriptor(cls, key);
  return !!d && d.enumerable === true && "value" in d && !key.startsWith("__");
}

const attribute_names = new WeakMap<PyClass, string[]>();

/**
 * Names to copy onto a new instance: each static field, taken from the first class in the MRO that
 * defines the name at all (a method or property further up the MRO hides a base's class attribute).
 */
export function class_attribute_names(cls: PyClass): string[] {
  let names = attribute_names.get(cls);
  if (names) return names;
  const seen = new Set<string>();
  names = [];
  for (let c: any = cls; c && c !== PyObject && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    for (const key of Object.keys(c)) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (is_class_attribute(c, key)) names.push(key);
    }
    for (const key of Object.getOwnPropertyNames(c.prototype ?? {})) seen.add(key);
  }
  attribute_names.set(cls, names);
  return names;
}

/** `hasattr(cls, name)`: a class attribute, a method or a property somewhere in the chain. */
export function class_hasattr(cls: PyClass, name: string): boolean {
  return name in cls || name in cls.prototype;
}
