/**
 * Mutations of seed inputs (the byte-level half of the fuzzer): delete, insert, duplicate, repeat,
 * splice with another seed, truncate, replace with a dictionary token. Strings are mutated as
 * UTF-16 code units, so mutations can also cut a surrogate pair in two.
 */
import { random_char, type Rng } from "./prng";

export interface MutateOptions {
  /** Tokens that mean something to the parser (`{%`, `boundary=`, `%FF`…), inserted whole. */
  dictionary?: readonly string[];
  /** Other seeds to splice in. */
  corpus?: readonly string[];
  /** Keep the result at most this long. */
  max_length: number;
}

export function mutate(rng: Rng, input: string, options: MutateOptions): string {
  let s = input;
  const rounds = rng.range(1, 6);
  for (let i = 0; i < rounds; i++) s = mutate_once(rng, s, options);
  return s.length > options.max_length ? s.slice(0, options.max_length) : s;
}

function mutate_once(rng: Rng, s: string, options: MutateOptions): string {
  const at = rng.int(s.length + 1);
  const span = Math.min(s.length - at, rng.size(64));
  switch (rng.int(9)) {
    case 0: // delete a slice
      return s.slice(0, at) + s.slice(at + span);
    case 1: // insert random characters
      return s.slice(0, at) + Array.from({ length: rng.range(1, 4) }, () => random_char(rng)).join("") + s.slice(at);
    case 2: // insert a dictionary token
      return options.dictionary?.length ? s.slice(0, at) + rng.pick(options.dictionary) + s.slice(at) : s;
    case 3: // duplicate a slice a few times
      return s.slice(0, at + span) + s.slice(at, at + span).repeat(rng.range(1, 8)) + s.slice(at + span);
    case 4: // replace one character
      return at < s.length ? s.slice(0, at) + random_char(rng) + s.slice(at + 1) : s;
    case 5: // splice: this seed's head, another seed's tail
      if (options.corpus?.length) {
        const other = rng.pick(options.corpus);
        return s.slice(0, at) + other.slice(rng.int(other.length + 1));
      }
      return s;
    case 6: // truncate
      return s.slice(0, at);
    case 7: // swap two slices
      if (s.length > 2) {
        const b = rng.int(s.length);
        const [x, y] = at < b ? [at, b] : [b, at];
        return s.slice(0, x) + s.slice(y, y + 1) + s.slice(x + 1, y) + s.slice(x, x + 1) + s.slice(y + 1);
      }
      return s;
    default: // flip the case of a slice
      return s.slice(0, at) + [...s.slice(at, at + span)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("") + s.slice(at + span);
  }
}

/**
 * A pathological input near the size limit: one fragment (a seed slice or dictionary token, maybe
 * mutated) repeated to `length`, with an optional prefix and suffix. This is what finds quadratic
 * parsers: 448 kB of unclosed `{%`, 32k `=` in a cookie, a 2 MB non-ASCII request target.
 */
export function repeat_to(rng: Rng, length: number, fragments: readonly string[], prefix = "", suffix = ""): string {
  let unit = rng.pick(fragments);
  if (rng.chance(0.3)) unit += rng.pick(fragments);
  if (rng.chance(0.3)) unit = mutate(rng, unit, { max_length: 64 });
  if (!unit) unit = "x";
  const room = Math.max(0, length - prefix.length - suffix.length);
  return prefix + unit.repeat(Math.floor(room / unit.length)) + suffix;
}
