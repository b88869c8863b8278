/**
 * werkzeug.routing.matcher: a path → the rule that matches it, by walking a state machine built
 * from every rule's parts. Main class: `StateMachineMatcher`.
 *
 * Each state has *static* transitions (a dict: exact text of the next path segment) and *dynamic*
 * ones (regexes, sorted by weight). Matching `/user/me` splits it into `["", "user", "me"]` (the
 * first item is the subdomain) and tries, at every state, the static transition first, then each
 * dynamic one in order, backtracking on failure. At the end of the path a rule must also accept
 * the method; otherwise its methods are remembered (a 405 instead of a 404). A rule that would
 * match with one more `/` raises `SlashRequired` (a 308 redirect) when it has strict slashes.
 */
import { ValidationError } from "./converters";
import { NoMatch, RequestAliasRedirect, RequestPath } from "./exceptions";
import { compare_weights, parts_equal, type Rule, type RulePart } from "./rules";

/** The path would match with a trailing slash. */
export class SlashRequired extends Error {}

/** One state: the rules that end here, and the transitions to the next states. */
export class State {
  dynamic: [RulePart, State][] = [];
  rules: Rule[] = [];
  static: globalThis.Map<string, State> = new globalThis.Map();
}

const REGEX_CACHE = new globalThis.Map<string, RegExp>();

/** A part's pattern, anchored at the start (Python's `re.match`). */
function compiled(content: string): RegExp {
  let re = REGEX_CACHE.get(content);
  if (!re) {
    re = new RegExp(`^(?:${content})`);
    REGEX_CACHE.set(content, re);
  }
  return re;
}

/** Why the last match attempt failed on conversion (for explaining a rule in the trace). */
export interface MatchNotes {
  validation_error?: boolean;
}

/** Notes nobody reads (a match outside the trace): written to, never looked at. */
const NO_NOTES: MatchNotes = {};

/** What a NoMatch carries: the methods other rules at this path accept, and whether only a websocket rule matched. */
export interface MatchMiss {
  have_match_for: Set<string>;
  websocket_mismatch: boolean;
}

/** `[domain, *path.split("/")]`: what the state machine walks (the domain is the first step). */
function split_path(domain: string, path: string): string[] {
  const parts = [domain];
  let start = 0;
  for (let slash = path.indexOf("/"); slash >= 0; slash = path.indexOf("/", start)) {
    parts.push(path.slice(start, slash));
    start = slash + 1;
  }
  parts.push(path.slice(start));
  return parts;
}

export class StateMachineMatcher {
  readonly _root = new State();
  constructor(public merge_slashes: boolean) {}

  /** `add(rule)`: follow (or create) a transition for each of the rule's parts. */
  add(rule: Rule): void {
    let state = this._root;
    for (const part of rule._parts) {
      if (part.static) {
        if (!state.static.has(part.content)) state.static.set(part.content, new State());
        state = state.static.get(part.content)!;
      } else {
        const found = state.dynamic.find(([test_part]) => parts_equal(test_part, part));
        if (found) state = found[1];
        else {
          const next = new State();
          state.dynamic.push([part, next]);
          state = next;
        }
      }
    }
    state.rules.push(rule);
  }

  /** `update()`: sort every state's dynamic transitions by weight (stable). */
  update(): void {
    const visit = (state: State) => {
      state.dynamic.sort((a, b) => compare_weights(a[0].weight, b[0].weight));
      for (const next of state.static.values()) visit(next);
      for (const [, next] of state.dynamic) visit(next);
    };
    visit(this._root);
  }

  /**
   * `match(domain, path, method, websocket)` → `[rule, values]`. Raises RequestPath (redirect to
   * the path with a slash, or with slashes merged), RequestAliasRedirect, or NoMatch.
   */
  match(domain: string, path: string, method: string, websocket: boolean, notes: MatchNotes = NO_NOTES): [Rule, Record<string, unknown>] {
    const m = this.match_or_miss(domain, path, method, websocket, notes);
    if (!Array.isArray(m)) throw new NoMatch(m.have_match_for, m.websocket_mismatch);
    return m;
  }

  /**
   * `match()` that answers the common miss — no state accepts the path — with what its NoMatch
   * would carry instead of raising it (the trace asks every rule; an exception captures a stack).
   * Redirects, and a converter that refuses the value, still raise as in `match()`.
   */
  match_or_miss(domain: string, path: string, method: string, websocket: boolean, notes: MatchNotes = NO_NOTES): [Rule, Record<string, unknown>] | MatchMiss {
    const have_match_for = new Set<string>();
    const flags = { websocket_mismatch: false };
    let rv: [Rule, string[]] | null;
    try {
      rv = this._match(this._root, split_path(domain, path), 0, [], method, websocket, have_match_for, flags);
    } catch (e) {
      if (e instanceof SlashRequired) throw new RequestPath(`${path}/`);
      throw e;
    }
    if (this.merge_slashes && rv === null) {
      const merged = path.replace(/\/{2,}/g, "/");
      try {
        rv = this._match(this._root, split_path(domain, merged), 0, [], method, websocket, have_match_for, flags);
      } catch (e) {
        if (e instanceof SlashRequired) throw new RequestPath(`${merged}/`);
        throw e;
      }
      if (rv === null || rv[0].merge_slashes === false) return { have_match_for, websocket_mismatch: flags.websocket_mismatch };
      throw new RequestPath(merged);
    }
    if (rv === null) return { have_match_for, websocket_mismatch: flags.websocket_mismatch };
    return this.convert(rv, have_match_for, flags.websocket_mismatch, notes);
  }

  /** The converters' `to_python` on the captured text, then the rule's defaults. */
  private convert([rule, values]: [Rule, string[]], have_match_for: Set<string>, websocket_mismatch: boolean, notes: MatchNotes): [Rule, Record<string, unknown>] {
    const result: Record<string, unknown> = {};
    let i = 0;
    for (const name in rule._converters) {
      try {
        result[name] = rule._converters[name].to_python(values[i++]);
      } catch (e) {
        if (e instanceof ValidationError) {
          notes.validation_error = true;
          throw new NoMatch(have_match_for, websocket_mismatch);
        }
        throw e;
      }
    }
    if (rule.defaults) Object.assign(result, rule.defaults);
    if (rule.alias && rule.map!.redirect_defaults) throw new RequestAliasRedirect(result, rule.endpoint);
    return [rule, result];
  }

  /** The rule of this state that accepts the method (remembering those that do not). */
  private accept(rules: Rule[], method: string, websocket: boolean, have_match_for: Set<string>, flags: { websocket_mismatch: boolean }, skip_strict: boolean): Rule | null {
    for (const rule of rules) {
      if (skip_strict && rule.strict_slashes) continue;
      if (rule.methods !== null && !rule.methods.has(method)) for (const m of rule.methods) have_match_for.add(m);
      else if (rule.websocket !== websocket) flags.websocket_mismatch = true;
      else return rule;
    }
    return null;
  }

  /**
   * `_match(state, parts, values)`: the walk from `state` over `parts[at:]` (Werkzeug slices the
   * list at each step; here the walk moves an index along one list instead of copying its rest).
   */
  private _match(state: State, parts: string[], at: number, values: string[], method: string, websocket: boolean, have_match_for: Set<string>, flags: { websocket_mismatch: boolean }): [Rule, string[]] | null {
    if (at === parts.length) {
      const rule = this.accept(state.rules, method, websocket, have_match_for, flags, false);
      if (rule) return [rule, values];
      // A rule for this path plus "/" exists: redirect (strict slashes) or match anyway.
      const slash = state.static.get("");
      if (slash) {
        for (const r of slash.rules) {
          if (websocket === r.websocket && (r.methods === null || r.methods.has(method))) {
            if (r.strict_slashes) throw new SlashRequired();
            return [r, values];
          }
        }
      }
      return null;
    }
    const part = parts[at];
    const next_static = state.static.get(part);
    if (next_static) {
      const rv = this._match(next_static, parts, at + 1, values, method, websocket, have_match_for, flags);
      if (rv !== null) return rv;
    }
    for (const [test_part, new_state] of state.dynamic) {
      // A final part (`<path:…>`) takes the rest of the path; any other, one segment.
      const target = test_part.final ? parts.slice(at).join("/") : part;
      const match = compiled(test_part.content).exec(target);
      if (match === null) continue;
      let rest = parts;
      let rest_at = test_part.final ? parts.length : at + 1;
      if (test_part.suffixed && match[match.length - 1] === "/") [rest, rest_at] = [[""], 0];
      const groups = Object.entries(match.groups ?? {})
        .filter(([k]) => k.startsWith("__werkzeug_"))
        .sort((a, b) => Number(a[0].slice(11)) - Number(b[0].slice(11)))
        .map(([, v]) => v);
      const rv = this._match(new_state, rest, rest_at, [...values, ...groups], method, websocket, have_match_for, flags);
      if (rv !== null) return rv;
    }
    if (at === parts.length - 1 && part === "") {
      const rule = this.accept(state.rules, method, websocket, have_match_for, flags, true);
      if (rule) return [rule, values];
    }
    return null;
  }
}
