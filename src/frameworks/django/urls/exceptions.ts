/**
 * django.urls.exceptions: the two ways URL handling fails.
 *
 * `Resolver404` — no pattern matched a path. It is an Http404, so the handler answers 404; it
 * carries `path` (the part left unmatched) and `tried` (every pattern chain tried, in order), which
 * the technical 404 page lists. As in Django, `exc.args[0]` is `{tried, path}` (`tried` missing when
 * the resolver's own prefix did not match).
 * `NoReverseMatch` — `reverse()` found no pattern that can produce a URL for the name and arguments.
 */
import { Exception, py_repr } from "../../python/builtins";
import { Http404 } from "../http/response";

/** Anything `tried` can hold: URLPattern and URLResolver (kept structural to avoid an import cycle). */
export interface TriedPattern {
  pattern: unknown;
  __repr__(): string;
}

export interface Resolver404Info {
  path: string;
  tried?: TriedPattern[][];
}

/** `exc.args[0]` of a Resolver404: `{tried, path}` (`tried` missing when the prefix itself missed). */
export function resolver404_arg(info: Resolver404Info): Record<string, unknown> {
  return info.tried === undefined ? { path: info.path } : { tried: info.tried, path: info.path };
}

export class Resolver404 extends Http404 {
  /** The unmatched part of the path, as Django reports it. */
  readonly path: string;
  /** Every chain of patterns tried, outermost include first; undefined when the prefix itself missed. */
  readonly tried: TriedPattern[][] | undefined;

  constructor(info: Resolver404Info) {
    const arg = resolver404_arg(info);
    super(py_repr(arg));
    this.args = [arg];
    this.path = info.path;
    this.tried = info.tried;
  }
}

export class NoReverseMatch extends Exception {}
