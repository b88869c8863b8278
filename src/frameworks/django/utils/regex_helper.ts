/**
 * django.utils.regex_helper: a URL regex → the URLs it can produce, for `reverse()`.
 *
 * `normalize(pattern)` reads a regular expression the way `reverse()` needs it: as a fill-in-the-
 * blanks template. It returns every *possibility* as `[format, params]`, where `format` is a Python
 * %-format string and `params` the names to fill in:
 *
 *   normalize("^articles/(?P<year>[0-9]{4})/$")   → [["articles/%(year)s/", ["year"]]]
 *   normalize("^opt/(?:page-(?P<page>\\d+)/)?$")  → [["opt/", []], ["opt/page-%(page)s/", ["page"]]]
 *   normalize("^(\\d+)/(\\d+)/$")                 → [["%(_0)s/%(_1)s/", ["_0", "_1"]]]
 *
 * What is read, and how (these are Django's rules, edge cases included):
 *   - a capturing group becomes one parameter (unnamed ones are `_0`, `_1`, …); its contents are skipped;
 *   - `(?P=name)` repeats a parameter without adding it; lookarounds are dropped;
 *   - `(?:…)` is kept as a unit, so a quantifier can apply to it;
 *   - a quantifier with minimum 0 drops the item, or — if the item holds a group — offers both
 *     "absent" and "present once"; otherwise the item is repeated `minimum` times;
 *   - `.`, a class `[…]` and the escapes `\d \D \s \S \w \W` become one representative character
 *     (`.`, the class's first character, `0 x ␠ x x !`); `\A \b \B \Z` vanish;
 *   - `^` is ignored, `$` ends the pattern; a top-level `|` gives up: `[["", []]]`;
 *   - `(?i)` and other inline flags cannot be reversed: ValueError("Non-reversible reg-exp portion: '(?i'").
 */
import { ValueError, IndexError } from "../../python/builtins";

/** One possibility: a %-format string and the parameter names it needs, in order. */
export type Possibility = [format: string, params: string[]];

/** A capturing group, as a format piece; `param` is null for a back-reference `(?P=name)`. */
interface GroupNode {
  kind: "group";
  format: string;
  param: string | null;
}
/** Either nothing (null) or the element: what a `?`/`*` quantifier makes of a group. */
interface ChoiceNode {
  kind: "choice";
  options: (Node | null)[];
}
/** The body of `(?:…)`, kept together so a quantifier applies to all of it. */
interface NonCaptureNode {
  kind: "noncapture";
  items: Node[];
}
type Node = string | GroupNode | ChoiceNode | NonCaptureNode;

/** Signals Django's two early exits: the pattern ran out (keep what was read) or used `|` (give up). */
class EndOfPattern extends Error {}
class Disjunction extends Error {}

/** What an escape stands for when reversing; `null` means it produces nothing. */
const ESCAPE_REPRESENTATIVES: Record<string, string | null> = { A: null, b: null, B: null, d: "0", D: "x", s: " ", S: "x", w: "x", W: "!", Z: null };

/** Yields the pattern's characters as [char, escaped], with escapes already replaced by representatives. */
class PatternReader {
  private i = 0;
  constructor(private readonly pattern: string) {}

  next(): [string, boolean] {
    for (;;) {
      if (this.i >= this.pattern.length) throw new EndOfPattern();
      const ch = this.pattern[this.i++];
      if (ch !== "\\") return [ch, false];
      if (this.i >= this.pattern.length) throw new EndOfPattern();
      const escaped = this.pattern[this.i++];
      const representative = escaped in ESCAPE_REPRESENTATIVES ? ESCAPE_REPRESENTATIVES[escaped] : escaped;
      if (representative !== null) return [representative, true];
    }
  }

  /** Skip to the `)` closing the current group (nested groups counted, escapes ignored). */
  walk_to_end(first: string): void {
    let nesting = first === "(" ? 1 : 0;
    for (;;) {
      const [ch, escaped] = this.next();
      if (escaped) continue;
      if (ch === "(") nesting++;
      else if (ch === ")") {
        if (!nesting) return;
        nesting--;
      }
    }
  }
}

/** Turn a regular expression into the list of (format, params) possibilities `reverse()` can fill. */
export function normalize(pattern: string): Possibility[] {
  let nodes: Node[];
  try {
    nodes = read_nodes(new PatternReader(pattern));
  } catch (e) {
    if (e instanceof Disjunction) return [["", []]];
    throw e;
  }
  const [formats, params] = flatten(nodes);
  return formats.map((f, k) => [f, params[k]]);
}

/** The main walk: one pass that builds the node list. */
function read_nodes(reader: PatternReader): Node[] {
  let result: Node[] = [];
  const non_capturing_starts: number[] = [];
  let positional = 0;
  try {
    let [ch, escaped] = reader.next();
    for (;;) {
      let consume_next = true;
      if (escaped) result.push(ch);
      else if (ch === ".") result.push(".");
      else if (ch === "|") throw new Disjunction();
      else if (ch === "^") {
        // start anchor: nothing to produce
      } else if (ch === "$") break;
      else if (ch === ")") {
        const start = non_capturing_starts.pop();
        if (start === undefined) throw new IndexError("pop from empty list");
        result = [...result.slice(0, start), { kind: "noncapture", items: result.slice(start) }];
      } else if (ch === "[") read_class_representative(reader, result);
      else if (ch === "(") positional = read_group(reader, result, non_capturing_starts, positional);
      else if ("*?+{".includes(ch)) {
        const [count, following] = read_quantifier(ch, reader);
        apply_quantifier(result, count);
        if (following !== null) {
          // Django carries on with the character after the quantifier, reading it as unescaped.
          ch = following;
          escaped = false;
          consume_next = false;
        }
      } else result.push(ch);
      if (consume_next) [ch, escaped] = reader.next();
    }
  } catch (e) {
    if (!(e instanceof EndOfPattern)) throw e;
  }
  return result;
}

/** `[…]`: the first character stands for the class; the rest is skipped. */
function read_class_representative(reader: PatternReader, result: Node[]): void {
  const [first] = reader.next();
  result.push(first);
  let [ch, escaped] = reader.next();
  while (escaped || ch !== "]") [ch, escaped] = reader.next();
}

/** After `(`: a positional group, a named group, a back-reference, `(?:`, or a lookaround. */
function read_group(reader: PatternReader, result: Node[], non_capturing_starts: number[], positional: number): number {
  const [first, escaped] = reader.next();
  if (first !== "?" || escaped) {
    const name = `_${positional}`;
    result.push({ kind: "group", format: `%(${name})s`, param: name });
    reader.walk_to_end(first);
    return positional + 1;
  }
  const [ch] = reader.next();
  if ("!=<".includes(ch)) reader.walk_to_end(ch);
  else if (ch === ":") non_capturing_starts.push(result.length);
  else if (ch !== "P") throw new ValueError(`Non-reversible reg-exp portion: '(?${ch}'`);
  else read_named_group(reader, result);
  return positional;
}

function read_named_group(reader: PatternReader, result: Node[]): void {
  let [ch] = reader.next();
  if (ch !== "<" && ch !== "=") throw new ValueError(`Non-reversible reg-exp portion: '(?P${ch}'`);
  const terminal = ch === "<" ? ">" : ")";
  let name = "";
  [ch] = reader.next();
  while (ch !== terminal) {
    name += ch;
    [ch] = reader.next();
  }
  if (terminal === ">") {
    result.push({ kind: "group", format: `%(${name})s`, param: name });
    reader.walk_to_end(ch);
  } else {
    result.push({ kind: "group", format: `%(${name})s`, param: null });
  }
}

/**
 * Reads a quantifier and returns its minimum count, plus the character that followed it when that
 * character was read ahead and is not a lazy `?` (null means "read the next one normally").
 */
function read_quantifier(ch: string, reader: PatternReader): [number, string | null] {
  if ("*?+".includes(ch)) {
    let following: string | null;
    try {
      [following] = reader.next();
    } catch (e) {
      if (!(e instanceof EndOfPattern)) throw e;
      following = null;
    }
    if (following === "?") following = null;
    return [ch === "+" ? 1 : 0, following];
  }
  let body = "";
  let c = ch;
  while (c !== "}") {
    [c] = reader.next();
    body += c;
  }
  const minimum = body.slice(0, -1).split(",")[0];
  if (!/^\s*[+-]?\d+\s*$/.test(minimum)) throw new ValueError(`invalid literal for int() with base 10: '${minimum}'`);
  let following: string | null;
  try {
    [following] = reader.next();
  } catch (e) {
    if (!(e instanceof EndOfPattern)) throw e;
    following = null;
  }
  if (following === "?") following = null;
  return [parseInt(minimum, 10), following];
}

function apply_quantifier(result: Node[], count: number): void {
  if (!result.length) throw new IndexError("list index out of range");
  const last = result[result.length - 1];
  if (count === 0) {
    if (contains_group(last)) result[result.length - 1] = { kind: "choice", options: [null, last] };
    else result.pop();
  } else if (count > 1) {
    for (let k = 1; k < count; k++) result.push(last);
  }
}

/** Django looks for a group directly, or inside `(?:…)` — not inside an earlier choice. */
function contains_group(node: Node): boolean {
  if (typeof node === "string") return false;
  if (node.kind === "group") return true;
  return node.kind === "noncapture" && node.items.some(contains_group);
}

/** Expand the node list into every (format, params) combination; earlier choices vary slowest. */
function flatten(source: Node | null | Node[]): [string[], string[][]] {
  if (source === null) return [[""], [[]]];
  if (!Array.isArray(source)) {
    if (typeof source === "string") return [[source], [[]]];
    if (source.kind === "group") return [[source.format], [source.param === null ? [] : [source.param]]];
    if (source.kind === "noncapture") return flatten(source.items);
    return flatten_options(source.options);
  }
  let formats = [""];
  let params: string[][] = [[]];
  for (const node of source) {
    if (typeof node === "string" || node.kind === "group") {
      const [[f], [p]] = flatten(node);
      formats = formats.map((s) => s + f);
      params = params.map((ps) => [...ps, ...p]);
      continue;
    }
    const [inner_formats, inner_params] = node.kind === "choice" ? flatten_options(node.options) : flatten(node.items);
    const next_formats: string[] = [];
    const next_params: string[][] = [];
    formats.forEach((f, k) =>
      inner_formats.forEach((g, j) => {
        next_formats.push(f + g);
        next_params.push([...params[k], ...inner_params[j]]);
      }),
    );
    formats = next_formats;
    params = next_params;
  }
  return [formats, params];
}

function flatten_options(options: (Node | null)[]): [string[], string[][]] {
  const formats: string[] = [];
  const params: string[][] = [];
  for (const option of options) {
    const [f, p] = flatten(option);
    formats.push(...f);
    params.push(...p);
  }
  return [formats, params];
}
