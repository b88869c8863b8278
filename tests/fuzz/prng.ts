/**
 * A small seeded PRNG for the fuzz suite (sfc32): the same seed gives the same inputs on every
 * machine, so a failure found in CI or by `npm run fuzz` is replayed by its seed and index.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A uint32. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** [0, 1) */
  float(): number {
    return this.next() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A length that is usually small and sometimes large (lengths of real inputs are skewed). */
  size(max: number): number {
    const r = this.float();
    if (r < 0.6) return this.int(Math.min(max, 8) + 1);
    if (r < 0.9) return this.int(Math.min(max, 64) + 1);
    if (r < 0.99) return this.int(Math.min(max, 1024) + 1);
    return this.int(max + 1);
  }

  /** A child generator for an independent stream (one per input, so inputs can be replayed by index). */
  fork(salt: number): Rng {
    return new Rng((this.next() ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0);
  }
}

/** Characters that break parsers: delimiters, quotes, escapes, controls, non-ASCII, lone surrogates. */
export const NASTY_CHARS = [
  ..."\"'\\/%&=;:,.?#[]{}()<>|!*+-_~`@$^ \t\r\n\0\x0b\x0c\x7f",
  "\u00a0",
  "\u00e9",
  "\u00ff",
  "\u0100",
  "\u2028",
  "\u202e",
  "\ufeff",
  "\ufffd",
  "\ud800",
  "\udfff",
  "\u{1f600}",
  "\u4e2d",
];

/** A random character: mostly printable ASCII, sometimes one of the nasty ones. */
export function random_char(rng: Rng): string {
  const r = rng.float();
  if (r < 0.7) return String.fromCharCode(rng.range(0x20, 0x7e));
  if (r < 0.95) return rng.pick(NASTY_CHARS);
  return String.fromCodePoint(rng.range(0x80, 0x10ffff) & 0xffff || 0x41);
}

export function random_text(rng: Rng, max: number): string {
  const n = rng.size(max);
  let out = "";
  for (let i = 0; i < n; i++) out += random_char(rng);
  return out;
}

/** Letters, digits and `_`: a plausible identifier. */
export function random_name(rng: Rng, max = 8): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz_ABCXYZ0123456789";
  let out = rng.pick([..."abcxyz_"]);
  const n = rng.int(max);
  for (let i = 0; i < n; i++) out += rng.pick([...alphabet]);
  return out;
}
