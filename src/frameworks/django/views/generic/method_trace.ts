/**
 * The class-based view's trace: a view class → its methods wrapped so each call becomes a `view`
 * span named after the class that *defined* the method (`BaseListView.get`,
 * `MultipleObjectMixin.get_queryset`), nested as the calls nest, with each `super()` hop marked.
 *
 * `View.as_view()` instruments the class once (every class in its chain, copies included); when
 * tracing is off a wrapped method costs one function call and one flag test. This is what the
 * page's class-based-view panel shows beside the MRO: which methods actually ran, in order.
 */
import { type Attrs, type SourceRef, trace_site, tracing_enabled } from "../../../../trace";
import { PyObject, class_module, class_name, class_path, mro_of, origin_of, type PyClass } from "../../../python/mro";

const VIEW = trace_site("view", "django/views/generic/method_trace.ts", { eager: true });

const WRAPPED = Symbol("traced view method");
const instrumented = new WeakSet<object>();

/** The methods running right now, innermost last: a call of the same method on the same view is a super() hop. */
const frames: { self: unknown; name: string }[] = [];

/** Wrap every own method of every class in `cls`'s chain (once per prototype). */
export function instrument_view_class(cls: PyClass): void {
  for (let c: any = cls; c && c !== PyObject && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const proto = c.prototype as object;
    if (instrumented.has(proto)) continue;
    instrumented.add(proto);
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === "constructor") continue;
      const d = Object.getOwnPropertyDescriptor(proto, key)!;
      if (typeof d.value !== "function" || d.value[WRAPPED]) continue;
      Object.defineProperty(proto, key, { ...d, value: traced_method(origin_of(c), key, d.value) });
    }
  }
}

/** `django.views.generic.list` → `django/views/generic/list.ts#BaseListView.get`. */
function source_of(defined_in: PyClass, name: string): SourceRef | undefined {
  const module = class_module(defined_in);
  if (!module) return undefined;
  return { file: `${module.replace(/\./g, "/")}.ts`, symbol: `${class_name(defined_in)}.${name}` };
}

function traced_method(defined_in: PyClass, name: string, fn: (...a: unknown[]) => unknown) {
  const label = `${class_name(defined_in)}.${name}`;
  const wrapper = function (this: any, ...args: unknown[]) {
    if (!tracing_enabled()) return fn.apply(this, args);
    const top = frames[frames.length - 1];
    const super_hop = !!top && top.self === this && top.name === name;
    const attrs: Record<string, unknown> = { method: name, defined_in: class_path(defined_in), view_class: class_path(this.constructor), super_hop };
    // The outermost call carries the class's MRO, so a saved trace can show it without the code.
    if (!top) attrs.mro = mro_of(this.constructor as PyClass).map((c) => class_path(c));
    return VIEW.run(label,
      attrs as Attrs,
      () => {
        frames.push({ self: this, name });
        try {
          return fn.apply(this, args);
        } finally {
          frames.pop();
        }
      },
      source_of(defined_in, name),
    );
  };
  Object.assign(wrapper, fn); // attributes decorators set on the method (csrf_exempt, …)
  Object.defineProperty(wrapper, WRAPPED, { value: true });
  Object.defineProperty(wrapper, "name", { value: name });
  return wrapper;
}
