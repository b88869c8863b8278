/**
 * Python's functools.wraps: a wrapper function → the same wrapper dressed as the function it wraps
 * (its `name`, its attributes, and `__wrapped__` pointing back), so a decorated view keeps its name
 * in the URL resolver, the trace and the debug page, as `@functools.wraps` keeps `__name__`.
 * And `bounded_cache`, the small `functools.lru_cache(maxsize=N)` the request path uses to spell
 * a header name, a media type or a status the same way every time without recomputing it.
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

/**
 * `functools.lru_cache(maxsize)` for a pure function of one argument: each answer is remembered
 * until `maxsize` are held, then the cache starts afresh. Callers remember a handful of header names,
 * media types and sizes; the bound (not recency order) is what matters, so that a flood of
 * distinct inputs from a stranger's requests cannot grow it.
 */
export function bounded_cache<K, V>(maxsize: number, compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key: K) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= maxsize) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
