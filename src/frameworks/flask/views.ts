/**
 * flask/views.py: a class → a view function. `View.as_view(name, ...class_args)` turns a class
 * with a `dispatch_request` method into the function `add_url_rule` registers; `MethodView`
 * dispatches to the method named after the request's HTTP method (`get`, `post`, …), and its
 * `methods` (the rule's methods) come from the handlers the class defines.
 *
 *   class UserAPI extends MethodView {                 // Python: class UserAPI(MethodView):
 *     static init_every_request = false;               //             init_every_request = False
 *     constructor(model) { super(); this.model = model; }
 *     get({ id }) { … }                                //             def get(self, id): …
 *   }
 *   app.add_url_rule("/users/<int:id>", { view_func: UserAPI.as_view("user_detail", User) });
 *
 * Class attributes are static fields (ADR 0008, as for Django's class-based views); the arguments
 * after the name are handed to the constructor as they are (`*class_args, **class_kwargs`).
 */
import { AssertionError, NotImplementedError } from "../python/builtins";
import { current_app, request } from "./globals";

type AnyFunction = (...args: any[]) => any;

/** The methods a MethodView maps to its own methods of the same name, lower-cased. */
export const http_method_funcs: ReadonlySet<string> = new Set(["get", "post", "head", "options", "delete", "put", "trace", "patch"]);

/** A View class, whatever its constructor's parameters (they are `as_view`'s arguments). */
export interface ViewClass {
  new (...class_args: any[]): View;
  methods: Iterable<string> | null;
  provide_automatic_options: boolean | null;
  decorators: ((view: AnyFunction) => AnyFunction)[];
  init_every_request: boolean;
}

/** A view function made by `as_view`: it remembers its class and carries the rule's defaults. */
export interface ClassView extends AnyFunction {
  view_class: ViewClass;
  methods: Iterable<string> | null;
  provide_automatic_options: boolean | null;
  __source__?: unknown;
}

/**
 * `View`: subclass it and define `dispatch_request(kwargs)`, which receives the URL's arguments and
 * returns what a view function returns.
 */
export class View {
  /** The methods the rule accepts when `add_url_rule` is not given `methods` (None: GET). */
  static methods: Iterable<string> | null = null;
  /** Whether Flask answers OPTIONS itself for this view (None: unless the view lists OPTIONS). */
  static provide_automatic_options: boolean | null = null;
  /** Decorators applied, in order, to the view function `as_view` makes. */
  static decorators: ((view: AnyFunction) => AnyFunction)[] = [];
  /** Make a new instance for every request (true), or one instance when `as_view` is called. */
  static init_every_request = true;

  /** `dispatch_request(**kwargs)`: the view's body; the URL's arguments come as one object. */
  dispatch_request(_kwargs: Record<string, unknown> = {}): unknown {
    throw new NotImplementedError();
  }

  /**
   * `as_view(name, *class_args, **class_kwargs)`: the view function for `add_url_rule`. It creates
   * an instance (per request, or once) with the given arguments and calls its `dispatch_request`;
   * the class's decorators wrap it; `name` becomes its name, hence the endpoint.
   */
  static as_view(this: ViewClass, name: string, ...class_args: unknown[]): ClassView {
    const cls = this;
    let view: AnyFunction;
    if (cls.init_every_request) {
      // `view` is looked up when a request comes: by then it is the decorated function, which is
      // the one carrying `view_class` (Python's closure reads the rebound name the same way).
      view = function (kwargs: Record<string, unknown> = {}) {
        const self = new (view as ClassView).view_class(...class_args);
        return current_app.ensure_sync(self.dispatch_request.bind(self))(kwargs);
      };
    } else {
      const self = new cls(...class_args);
      view = function (kwargs: Record<string, unknown> = {}) {
        return current_app.ensure_sync(self.dispatch_request.bind(self))(kwargs);
      };
    }
    if (cls.decorators.length > 0) {
      name_function(view, name);
      for (const decorator of cls.decorators) view = decorator(view);
    }
    const made = view as ClassView;
    made.view_class = cls;
    name_function(made, name);
    made.methods = cls.methods;
    made.provide_automatic_options = cls.provide_automatic_options;
    // Where the class is written is where the trace and the debugger point for this view.
    const source = (cls as { __source__?: unknown }).__source__;
    if (source !== undefined) made.__source__ = source;
    return made;
  }
}

/** A function's `__name__` (a JavaScript function's `name`, which the endpoint is made from). */
function name_function(fn: AnyFunction, name: string): void {
  Object.defineProperty(fn, "name", { value: name, configurable: true });
}

/**
 * `MethodView`: `dispatch_request` calls the method named after the request's method (HEAD falls
 * back to `get`); a method the class does not define is an AssertionError, a 500 — the rule's
 * methods, taken from the handlers, keep such requests out with a 405 first.
 */
export class MethodView extends View {
  override dispatch_request(kwargs: Record<string, unknown> = {}): unknown {
    const handlers = this as unknown as Record<string, AnyFunction | undefined>;
    let meth = handlers[request.method.toLowerCase()];
    if (meth === undefined && request.method === "HEAD") meth = handlers.get;
    if (typeof meth !== "function") throw new AssertionError(`Unimplemented method '${request.method}'`);
    return current_app.ensure_sync(meth.bind(this))(kwargs);
  }
}

/**
 * `MethodView.__init_subclass__`: a subclass that does not set `methods` itself gets its bases'
 * methods plus one per handler it has (`get` → GET…), or None when that is empty. Python does
 * this when the class statement runs; here it is worked out when `methods` is read, which is the
 * same answer since a class's handlers are fixed once it is defined. `static methods = […]` in a
 * subclass is its own property, which takes precedence as a class attribute does in Python.
 */
function methods_of_method_view(this: typeof View): Set<string> | null {
  if (this === MethodView) return null;
  const methods = new Set<string>();
  const base = Object.getPrototypeOf(this) as typeof View;
  const inherited = base === MethodView ? null : base.methods;
  if (inherited) for (const m of inherited) methods.add(m); // an empty list adds nothing, as Python's falsy one
  for (const key of http_method_funcs) if (key in this.prototype) methods.add(key.toUpperCase());
  return methods.size > 0 ? methods : null;
}

Object.defineProperty(MethodView, "methods", {
  get: methods_of_method_view,
  set(this: typeof View, value: Iterable<string> | null) {
    Object.defineProperty(this, "methods", { value, writable: true, configurable: true, enumerable: true });
  },
  configurable: true,
});
