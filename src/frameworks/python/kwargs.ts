/**
 * Keyword arguments crossing a dynamic call: `f(1, x=2)` from a template becomes `f(1, {x: 2})`
 * (the trailing options object of ADR 0001). The object's prototype carries a mark, so a callee
 * that accepts Python-style calls (a Jinja macro, a built-in method, `dict(**kw)`) can tell it from
 * a dict passed positionally, while plain functions just read the options they know.
 *
 *   const kw = mark_kwargs({ reverse: true });
 *   split_kwargs([1, kw])   // [[1], { reverse: true }]
 */
export const KWARGS: unique symbol = Symbol.for("python.kwargs");

/** The prototype of every keyword-argument object (compiled templates write `{__proto__: KWARGS_PROTO, …}`). */
export const KWARGS_PROTO: object = Object.create(Object.prototype, { [KWARGS]: { value: true, enumerable: false } });

export type Kwargs = Record<string, unknown>;

/** A keyword-argument object with the same keys as `obj`. */
export function mark_kwargs(obj: Record<string, unknown>): Kwargs {
  return Object.assign(Object.create(KWARGS_PROTO), obj);
}

export function is_kwargs(value: unknown): value is Kwargs {
  return value !== null && typeof value === "object" && (value as { [KWARGS]?: boolean })[KWARGS] === true;
}

/** Split a call's arguments into positional ones and the keyword object (a plain copy, or `{}`). */
export function split_kwargs(args: unknown[]): [unknown[], Record<string, unknown>] {
  const last = args[args.length - 1];
  if (is_kwargs(last)) return [args.slice(0, -1), { ...last }];
  return [args, {}];
}
