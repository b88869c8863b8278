/**
 * Python's functools.wraps: a wrapper function → the same wrapper dressed as the function it wraps
 * (its `name`, its attributes, and `__wrapped__` pointing back), so a decorated view keeps its name
 * in the URL resolver, the trace and the debug page, as `@functools.wraps` keeps `__name__`.
 */

/** `wraps(wrapped)(wrapper)`: copies the name and own attributes of `wrapped` onto `wrapper`. */
export function wraps<W extends Function>(wrapped: Function): (wrapper: W) => W {
  return (wrapper: W) => {
    for (const key of Object.keys(wrapped)) if (!(key in wrapper)) (wrapper as any)[key] = (wrapped as any)[key];
    Object.defineProperty(wrapper, "name", { value: wrapped.name, configurable: true });
    (wrapper as any).__wrapped__ = wrapped;
    return wrapper;
  };
}
