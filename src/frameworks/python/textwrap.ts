/**
 * Python's `textwrap.wrap` and `textwrap.fill` with their defaults: a paragraph → lines of at most
 * `width` characters. argparse wraps every help text with it, so `manage.py help migrate` breaks
 * its lines exactly where Django's does.
 *
 * As CPython does: tabs are expanded and (with `replace_whitespace`, the default) every other
 * whitespace character becomes a space, words are split after the hyphen of a hyphenated word
 * ("non-" + "zero", when letters stand on both sides), lines are filled greedily, whitespace at the
 * start and end of a line is dropped (a run inside a line is kept as it is), and a word longer than
 * a line is cut. argparse collapses runs of whitespace itself before wrapping; click does not.
 *
 *     wrap("Exits with a non-zero status if unapplied migrations exist", 30)
 *     // ["Exits with a non-zero status", "if unapplied migrations exist"]
 */

export interface WrapOptions {
  initial_indent?: string;
  subsequent_indent?: string;
  /** Each whitespace character (newlines included) → one space; False keeps them (click's TextWrapper). */
  replace_whitespace?: boolean;
}

// CPython's TextWrapper.wordsep_re: whitespace, an em-dash between words, or a word that may end
// after the hyphen of a hyphenated word.
const LETTER = "[^\\d\\W]";
const WORD_PUNCT = "[\\w!\"'&.,?]";
const WORDSEP = new RegExp(
  `(\\s+|(?<=${WORD_PUNCT})-{2,}(?=\\w)|\\S+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})|(?=\\s|$)|(?<=${WORD_PUNCT})(?=-{2,}\\w)))`,
  "u",
);

/** Text → chunks: words (hyphenated words in pieces) and runs of whitespace. */
function split_chunks(text: string, replace_whitespace: boolean): string[] {
  const tabs = text.replace(/\t/g, "        ");
  const expanded = replace_whitespace ? tabs.replace(/[\n\v\f\r]/g, " ") : tabs;
  const chunks: string[] = [];
  let rest = expanded;
  while (rest.length) {
    const m = WORDSEP.exec(rest);
    if (!m || m.index !== 0 || m[0].length === 0) {
      // Not at a separator: take everything up to the next match as one chunk.
      const next = m && m.index > 0 ? m.index : rest.length;
      chunks.push(rest.slice(0, next));
      rest = rest.slice(next);
      continue;
    }
    chunks.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  return chunks;
}

/** `textwrap.wrap(text, width)`: the lines, without final newlines. */
export function wrap(text: string, width = 70, options: WrapOptions = {}): string[] {
  const initial = options.initial_indent ?? "";
  const subsequent = options.subsequent_indent ?? "";
  const chunks = split_chunks(text, options.replace_whitespace ?? true).reverse();
  const lines: string[] = [];
  while (chunks.length) {
    const current: string[] = [];
    let length = 0;
    const indent = lines.length ? subsequent : initial;
    const room = width - indent.length;
    // Whitespace at the start of a line (after the first) is dropped.
    if (lines.length && chunks[chunks.length - 1].trim() === "") chunks.pop();
    while (chunks.length) {
      const size = chunks[chunks.length - 1].length;
      if (length + size <= room) {
        current.push(chunks.pop()!);
        length += size;
      } else break;
    }
    // A word too long for any line is cut to fit.
    if (chunks.length && chunks[chunks.length - 1].length > room) {
      const space_left = room < 1 ? 1 : room - length;
      const chunk = chunks.pop()!;
      current.push(chunk.slice(0, space_left));
      chunks.push(chunk.slice(space_left));
      length += space_left;
    }
    // Whitespace at the end of a line is dropped.
    if (current.length && current[current.length - 1].trim() === "") current.pop();
    if (current.length) lines.push(indent + current.join(""));
  }
  return lines;
}

/** `textwrap.fill(text, width)`: `wrap` joined with newlines. */
export function fill(text: string, width = 70, options: WrapOptions = {}): string {
  return wrap(text, width, options).join("\n");
}
