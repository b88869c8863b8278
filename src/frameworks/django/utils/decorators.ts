/**
 * django.utils.decorators: a function decorator → a method decorator, so a view decorator
 * (`login_required`, `never_cache`, `require_POST`…) can decorate a class-based view's method.
 * Main function: `method_decorator`.
 *
 *   export const Secret = method_decorator(login_required, { name: "dispatch" })(
 *     python_class("blog.views", [TemplateView], (Base) => class Secret extends Base { static template_name = "secret.html"; }),
 *   );
 *   // @method_decorator(login_required, name="dispatch") on the class in Python
 *
 * Given a class and `name`, the class's method of that name (its own or inherited) is replaced on
 * the class by a wrapper; on each call the wrapper binds the method to the instance and hands that
 * bound function to the decorator(s), then calls the result with the call's arguments — so the
 * decorator sees `request` first, as it does on a function view. A list of decorators applies the
 * first outermost, as stacked `@` lines would.
 */
import { TypeError, ValueError, py_repr } from "../../python/builtins";
import { wraps } from "../../python/functools";

type Fn = (...args: any[]) => any;
type Decorator = (fn: Fn) => Fn;

function class_repr(cls: Function): string {
  const module = (cls as { __module__?: string }).__module__;
  return `<class '${module ? `${module}.` : ""}${cls.name}'>`;
}

function is_class(value: unknown): value is Function {
  return typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));
}

/** The method wrapped: per call, bind it to `this`, decorate the bound function, call the result. */
function multi_decorate(decorators: Decorator | Decorator[], method: Fn): Fn {
  const list = Array.isArray(decorators) ? [...decorators].reverse() : [decorators];
  const _wrapper = function (this: unknown, ...args: unknown[]) {
    let bound: Fn = wraps<Fn>(method)((...a: unknown[]) => method.apply(this, a));
    for (const dec of list) bound = dec(bound);
    return bound(...args);
  };
  // Attributes the decorators set on a function (csrf_exempt…) show on the wrapper too: Django
  // decorates a dummy function with each and copies what it got.
  for (const dec of list) {
    const dummy = dec(function dummy() {});
    for (const key of Object.keys(dummy)) if (key !== "__wrapped__" && !(key in _wrapper)) (_wrapper as any)[key] = (dummy as any)[key];
  }
  return wraps<Fn>(method)(_wrapper);
}

/**
 * `method_decorator(decorator, { name })(target)`: with a function, that function as a method
 * decorated by `decorator` (or a list of them); with a class, the class itself, its method `name`
 * replaced by the decorated one.
 */
export function method_decorator(decorator: Decorator | Decorator[], options: { name?: string } = {}): <T>(obj: T) => T {
  const name = options.name ?? "";
  return <T>(obj: T): T => {
    if (!is_class(obj)) return multi_decorate(decorator, obj as unknown as Fn) as unknown as T;
    if (!name || !(name in (obj as Function).prototype))
      throw new ValueError(`The keyword argument \`name\` must be the name of a method of the decorated class: ${class_repr(obj)}. Got '${name}' instead.`);
    const method = ((obj as Function).prototype as Record<string, unknown>)[name];
    if (typeof method !== "function") throw new TypeError(`Cannot decorate '${name}' as it isn't a callable attribute of ${class_repr(obj)} (${py_repr(method)}).`);
    Object.defineProperty((obj as Function).prototype, name, { value: multi_decorate(decorator, method as Fn), writable: true, configurable: true });
    return obj;
  };
}
