/**
 * Python's `difflib.SequenceMatcher`, the part Werkzeug uses: `ratio()` of two strings.
 *
 * When `url_for` cannot build a URL, Werkzeug's `BuildError` suggests the closest endpoint
 * ("Did you mean 'admin.index' instead?") by scoring every rule with `SequenceMatcher(None, a,
 * b).ratio()`. The algorithm is Ratcliff/Obershelp as CPython implements it: find the longest
 * matching block (the earliest in `a`, then in `b`, on ties), recurse on both sides, and
 * `ratio = 2 * matches / (len(a) + len(b))`. The "autojunk" heuristic only applies to sequences of
 * 200 items or more, which it reproduces too.
 *
 *     new SequenceMatcher(null, "abcd", "bcde").ratio()   // 0.75
 */

export type Block = [a: number, b: number, size: number];

export class SequenceMatcher {
  private readonly b2j = new Map<string, number[]>();
  private matching_blocks: Block[] | null = null;

  constructor(
    readonly isjunk: ((x: string) => boolean) | null,
    readonly a: string,
    readonly b: string,
    readonly autojunk = true,
  ) {
    this.chain_b();
  }

  /** Index every element of b; drop "popular" elements (more than 1 % of a 200+ sequence). */
  private chain_b(): void {
    const b = [...this.b];
    b.forEach((elt, i) => {
      const indices = this.b2j.get(elt);
      if (indices) indices.push(i);
      else this.b2j.set(elt, [i]);
    });
    if (this.isjunk) for (const elt of [...this.b2j.keys()]) if (this.isjunk(elt)) this.b2j.delete(elt);
    const n = b.length;
    if (this.autojunk && n >= 200) {
      const ntest = Math.floor(n / 100) + 1;
      for (const [elt, idxs] of [...this.b2j]) if (idxs.length > ntest) this.b2j.delete(elt);
    }
  }

  /** The longest block a[i:i+k] == b[j:j+k] inside a[alo:ahi], b[blo:bhi] (CPython's tie-breaking). */
  find_longest_match(alo: number, ahi: number, blo: number, bhi: number): Block {
    const a = [...this.a];
    let [besti, bestj, bestsize] = [alo, blo, 0];
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const newj2len = new Map<number, number>();
      for (const j of this.b2j.get(a[i]) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        newj2len.set(j, k);
        if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
      }
      j2len = newj2len;
    }
    return [besti, bestj, bestsize];
  }

  /** Every matching block, in order, ending with the sentinel `[len(a), len(b), 0]`. */
  get_matching_blocks(): Block[] {
    if (this.matching_blocks) return this.matching_blocks;
    const la = [...this.a].length;
    const lb = [...this.b].length;
    const queue: [number, number, number, number][] = [[0, la, 0, lb]];
    const blocks: Block[] = [];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop()!;
      const [i, j, k] = this.find_longest_match(alo, ahi, blo, bhi);
      if (k) {
        blocks.push([i, j, k]);
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    const merged: Block[] = [];
    let [i1, j1, k1] = [0, 0, 0];
    for (const [i2, j2, k2] of blocks) {
      if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
      else {
        if (k1) merged.push([i1, j1, k1]);
        [i1, j1, k1] = [i2, j2, k2];
      }
    }
    if (k1) merged.push([i1, j1, k1]);
    merged.push([la, lb, 0]);
    this.matching_blocks = merged;
    return merged;
  }

  /** `2.0 * M / T`: 1.0 for identical sequences, 0.0 for nothing in common. */
  ratio(): number {
    const matches = this.get_matching_blocks().reduce((n, block) => n + block[2], 0);
    const total = [...this.a].length + [...this.b].length;
    return total ? (2.0 * matches) / total : 1.0;
  }
}

/**
 * `difflib.get_close_matches(word, possibilities, n=3, cutoff=0.6)`: the best "good enough"
 * matches, best first (ties: the later string first, as `heapq.nlargest` over `(score, x)` pairs).
 * Django's `manage.py` uses it for "Unknown command: 'migrat'. Did you mean migrate?".
 */
export function get_close_matches(word: string, possibilities: Iterable<string>, n = 3, cutoff = 0.6): string[] {
  const scored: [number, string][] = [];
  for (const x of possibilities) {
    const ratio = new SequenceMatcher(null, x, word).ratio();
    if (ratio >= cutoff) scored.push([ratio, x]);
  }
  scored.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
  return scored.slice(0, n).map(([, x]) => x);
}
