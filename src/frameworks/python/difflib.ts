/**
 * Python's `difflib`: two sequences → how they differ. `SequenceMatcher` (matching blocks, opcodes,
 * ratios), `get_close_matches`, and `ndiff` (the `- `/`+ `/`? ` line diff unittest prints under a
 * failed `assertEqual` of two strings, lists or dicts).
 *
 * When `url_for` cannot build a URL, Werkzeug's `BuildError` suggests the closest endpoint
 * ("Did you mean 'admin.index' instead?") by scoring every rule with `SequenceMatcher(None, a,
 * b).ratio()`. The algorithm is Ratcliff/Obershelp as CPython implements it: find the longest
 * matching block (the earliest in `a`, then in `b`, on ties), recurse on both sides, and
 * `ratio = 2 * matches / (len(a) + len(b))`. The "autojunk" heuristic only applies to sequences of
 * 200 items or more, which it reproduces too.
 *
 *     new SequenceMatcher(null, "abcd", "bcde").ratio()   // 0.75
 *
 * A sequence is a string (compared character by character) or an array of strings (lines).
 */

export type Block = [a: number, b: number, size: number];
export type Sequence = string | readonly string[];
export type Opcode = [tag: "replace" | "delete" | "insert" | "equal", i1: number, i2: number, j1: number, j2: number];

export class SequenceMatcher {
  private b2j = new Map<string, number[]>();
  /** Elements of b the `isjunk` function rejected: a match may be extended over them, never start on them. */
  private bjunk = new Set<string>();
  private fullbcount: Map<string, number> | null = null;
  private matching_blocks: Block[] | null = null;
  private a_items: string[] = [];
  private b_items: string[] = [];

  constructor(
    readonly isjunk: ((x: string) => boolean) | null,
    a: Sequence = "",
    b: Sequence = "",
    readonly autojunk = true,
  ) {
    this.set_seqs(a, b);
  }

  set_seqs(a: Sequence, b: Sequence): void {
    this.set_seq1(a);
    this.set_seq2(b);
  }

  set_seq1(a: Sequence): void {
    this.a_items = [...a];
    this.matching_blocks = null;
  }

  /** b is the sequence indexed (`b2j`): set it once and vary a, as `ndiff` does. */
  set_seq2(b: Sequence): void {
    this.b_items = [...b];
    this.matching_blocks = null;
    this.fullbcount = null;
    this.chain_b();
  }

  /** Index every element of b; drop junk and "popular" elements (more than 1 % of a 200+ sequence). */
  private chain_b(): void {
    const b = this.b_items;
    this.b2j = new Map();
    this.bjunk = new Set();
    b.forEach((elt, i) => {
      const indices = this.b2j.get(elt);
      if (indices) indices.push(i);
      else this.b2j.set(elt, [i]);
    });
    if (this.isjunk)
      for (const elt of [...this.b2j.keys()])
        if (this.isjunk(elt)) {
          this.bjunk.add(elt);
          this.b2j.delete(elt);
        }
    const n = b.length;
    if (this.autojunk && n >= 200) {
      const ntest = Math.floor(n / 100) + 1;
      for (const [elt, idxs] of [...this.b2j]) if (idxs.length > ntest) this.b2j.delete(elt);
    }
  }

  /**
   * The longest block a[i:i+k] == b[j:j+k] inside a[alo:ahi], b[blo:bhi] (CPython's tie-breaking),
   * then widened over equal neighbours that were left out of the index: popular ones first, then junk.
   */
  find_longest_match(alo: number, ahi: number, blo: number, bhi: number): Block {
    const a = this.a_items;
    const b = this.b_items;
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
    const junk = (x: string) => this.bjunk.has(x);
    for (const want_junk of [false, true]) {
      while (besti > alo && bestj > blo && junk(b[bestj - 1]) === want_junk && a[besti - 1] === b[bestj - 1]) [besti, bestj, bestsize] = [besti - 1, bestj - 1, bestsize + 1];
      while (besti + bestsize < ahi && bestj + bestsize < bhi && junk(b[bestj + bestsize]) === want_junk && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    }
    return [besti, bestj, bestsize];
  }

  /** Every matching block, in order, ending with the sentinel `[len(a), len(b), 0]`. */
  get_matching_blocks(): Block[] {
    if (this.matching_blocks) return this.matching_blocks;
    const la = this.a_items.length;
    const lb = this.b_items.length;
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
    return calculate_ratio(matches, this.a_items.length + this.b_items.length);
  }

  /** An upper bound on `ratio()` from the elements shared, regardless of order. */
  quick_ratio(): number {
    if (this.fullbcount === null) {
      this.fullbcount = new Map();
      for (const elt of this.b_items) this.fullbcount.set(elt, (this.fullbcount.get(elt) ?? 0) + 1);
    }
    const avail = new Map<string, number>();
    let matches = 0;
    for (const elt of this.a_items) {
      const n = avail.has(elt) ? avail.get(elt)! : (this.fullbcount.get(elt) ?? 0);
      avail.set(elt, n - 1);
      if (n > 0) matches++;
    }
    return calculate_ratio(matches, this.a_items.length + this.b_items.length);
  }

  /** A cheaper upper bound still: from the lengths alone. */
  real_quick_ratio(): number {
    const [la, lb] = [this.a_items.length, this.b_items.length];
    return calculate_ratio(Math.min(la, lb), la + lb);
  }

  /** How to turn a into b: `[tag, i1, i2, j1, j2]` steps, tag "replace", "delete", "insert" or "equal". */
  get_opcodes(): Opcode[] {
    let [i, j] = [0, 0];
    const answer: Opcode[] = [];
    for (const [ai, bj, size] of this.get_matching_blocks()) {
      const tag = i < ai && j < bj ? "replace" : i < ai ? "delete" : j < bj ? "insert" : null;
      if (tag) answer.push([tag, i, ai, j, bj]);
      [i, j] = [ai + size, bj + size];
      if (size) answer.push(["equal", ai, i, bj, j]);
    }
    return answer;
  }
}

function calculate_ratio(matches: number, length: number): number {
  return length ? (2.0 * matches) / length : 1.0;
}

/** `difflib.IS_CHARACTER_JUNK`: a blank or a tab (ndiff's default for comparing within lines). */
export function IS_CHARACTER_JUNK(ch: string): boolean {
  return ch === " " || ch === "\t";
}

/**
 * `difflib.ndiff(a, b)`: two lists of lines → Differ's report, one line each: "  " both, "- " only
 * in a, "+ " only in b, and "? " guides marking (^ changed, - removed, + added) the characters that
 * differ between two similar lines. Lines keep their own line ends, as Python's do.
 *
 *     ndiff(["What's new?\n"], ["What's up?\n"])
 *     // ["- What's new?\n", "?        ^^^\n", "+ What's up?\n", "?        ^^\n"]
 */
export function ndiff(a: readonly string[], b: readonly string[]): string[] {
  return new Differ(null, IS_CHARACTER_JUNK).compare(a, b);
}

/** `difflib.Differ`: compares lines, then the characters of lines that look alike. */
export class Differ {
  constructor(
    readonly linejunk: ((line: string) => boolean) | null = null,
    readonly charjunk: ((ch: string) => boolean) | null = null,
  ) {}

  compare(a: readonly string[], b: readonly string[]): string[] {
    const out: string[] = [];
    for (const [tag, alo, ahi, blo, bhi] of new SequenceMatcher(this.linejunk, a, b).get_opcodes()) {
      if (tag === "replace") this.fancy_replace(out, a, alo, ahi, b, blo, bhi);
      else if (tag === "delete") dump(out, "-", a, alo, ahi);
      else if (tag === "insert") dump(out, "+", b, blo, bhi);
      else dump(out, " ", a, alo, ahi);
    }
    return out;
  }

  /** A block of a replaced by a block of b: pair the most similar lines (ratio above 0.75) and mark their differences. */
  private fancy_replace(out: string[], a: readonly string[], alo: number, ahi: number, b: readonly string[], blo: number, bhi: number): void {
    let [best_ratio, best_i, best_j] = [0.74, -1, -1];
    const cutoff = 0.75;
    const cruncher = new SequenceMatcher(this.charjunk);
    let [eqi, eqj] = [-1, -1];
    for (let j = blo; j < bhi; j++) {
      cruncher.set_seq2(b[j]);
      for (let i = alo; i < ahi; i++) {
        if (a[i] === b[j]) {
          if (eqi < 0) [eqi, eqj] = [i, j];
          continue;
        }
        cruncher.set_seq1(a[i]);
        if (cruncher.real_quick_ratio() > best_ratio && cruncher.quick_ratio() > best_ratio && cruncher.ratio() > best_ratio) [best_ratio, best_i, best_j] = [cruncher.ratio(), i, j];
      }
    }
    if (best_ratio < cutoff) {
      if (eqi < 0) return plain_replace(out, a, alo, ahi, b, blo, bhi);
      [best_i, best_j, best_ratio] = [eqi, eqj, 1.0];
    } else eqi = -1;
    this.fancy_helper(out, a, alo, best_i, b, blo, best_j);
    const [aelt, belt] = [a[best_i], b[best_j]];
    if (eqi < 0) {
      let [atags, btags] = ["", ""];
      cruncher.set_seqs(aelt, belt);
      for (const [tag, ai1, ai2, bj1, bj2] of cruncher.get_opcodes()) {
        const [la, lb] = [ai2 - ai1, bj2 - bj1];
        if (tag === "replace") [atags, btags] = [atags + "^".repeat(la), btags + "^".repeat(lb)];
        else if (tag === "delete") atags += "-".repeat(la);
        else if (tag === "insert") btags += "+".repeat(lb);
        else [atags, btags] = [atags + " ".repeat(la), btags + " ".repeat(lb)];
      }
      qformat(out, aelt, belt, atags, btags);
    } else out.push("  " + aelt);
    this.fancy_helper(out, a, best_i + 1, ahi, b, best_j + 1, bhi);
  }

  private fancy_helper(out: string[], a: readonly string[], alo: number, ahi: number, b: readonly string[], blo: number, bhi: number): void {
    if (alo < ahi) {
      if (blo < bhi) this.fancy_replace(out, a, alo, ahi, b, blo, bhi);
      else dump(out, "-", a, alo, ahi);
    } else if (blo < bhi) dump(out, "+", b, blo, bhi);
  }
}

function dump(out: string[], tag: string, x: readonly string[], lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) out.push(`${tag} ${x[i]}`);
}

function plain_replace(out: string[], a: readonly string[], alo: number, ahi: number, b: readonly string[], blo: number, bhi: number): void {
  if (bhi - blo < ahi - alo) {
    dump(out, "+", b, blo, bhi);
    dump(out, "-", a, alo, ahi);
  } else {
    dump(out, "-", a, alo, ahi);
    dump(out, "+", b, blo, bhi);
  }
}

/** The two lines, each followed by its "? " guide when it has marks (tabs and blanks kept so the marks line up). */
function qformat(out: string[], aline: string, bline: string, atags: string, btags: string): void {
  const keep_ws = (line: string, tags: string) => {
    const chars = [...line];
    return [...tags].map((tag, k) => (tag === " " && /\s/.test(chars[k] ?? "") ? chars[k] : tag)).join("").trimEnd();
  };
  atags = keep_ws(aline, atags);
  btags = keep_ws(bline, btags);
  out.push("- " + aline);
  if (atags) out.push(`? ${atags}\n`);
  out.push("+ " + bline);
  if (btags) out.push(`? ${btags}\n`);
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
