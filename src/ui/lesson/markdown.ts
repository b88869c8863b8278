/**
 * Lesson Markdown → a small document tree, in time linear in the text. Main function: `parseMarkdown`.
 *
 * Lesson text comes from strangers' links, so its parser must stay linear on any input (an
 * adversarial lesson must not freeze the page): the well-kept renderers measured here are not on
 * crafted input (docs/adr/0022-lesson-markdown.md). This one covers what lessons use — headings,
 * paragraphs, bullet and numbered lists (nested by indentation), block quotes, fenced code, rules;
 * inline code, emphasis and strong emphasis, links, images (shown as their text), backslash
 * escapes, hard line breaks — with CommonMark's rules where they matter and simple ones elsewhere.
 * It produces data, never HTML: lesson/LessonMarkdown.tsx renders it as React elements, so raw
 * HTML in a lesson is shown as the text it is.
 *
 * How it stays linear: blocks are read line by line, and nesting (list items, quotes) re-reads a
 * line at most MAX_DEPTH times; inline code spans find their closing run through per-length queues;
 * link destinations are checked against precomputed "next ')'" and "next space" tables; brackets
 * nest at most MAX_BRACKETS deep; emphasis uses one opener stack per delimiter character, and
 * wrapping moves each node once.
 */

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "em" | "strong"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "image"; alt: string }
  | { type: "break" };

export type Block =
  | { type: "heading"; level: number; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "code"; text: string; lang: string }
  | { type: "quote"; children: Block[] }
  | { type: "list"; ordered: boolean; start: number; items: Block[][] }
  | { type: "rule" };

const MAX_DEPTH = 6;
const MAX_BRACKETS = 32;
/** Emphasis nests at most this deep (past it, delimiters stay text): deeper is unreadable, and a deep tree would overflow the renderer's stack. */
export const MAX_EMPHASIS_DEPTH = 16;

// --- blocks ------------------------------------------------------------------------------------

const isBlank = (line: string) => line.trim() === "";
const indentOf = (line: string) => {
  let n = 0;
  while (n < line.length && line[n] === " ") n++;
  return n;
};

function fenceOf(line: string): { char: string; length: number; info: string } | null {
  const indent = indentOf(line);
  if (indent > 3) return null;
  const char = line[indent];
  if (char !== "`" && char !== "~") return null;
  let end = indent;
  while (line[end] === char) end++;
  if (end - indent < 3) return null;
  const info = line.slice(end).trim();
  if (char === "`" && info.includes("`")) return null;
  return { char, length: end - indent, info };
}

function headingOf(line: string): { level: number; text: string } | null {
  const indent = indentOf(line);
  if (indent > 3) return null;
  let end = indent;
  while (line[end] === "#" && end - indent < 7) end++;
  const level = end - indent;
  if (level < 1 || level > 6 || (end < line.length && line[end] !== " " && line[end] !== "\t")) return null;
  let text = line.slice(end).trim();
  // A closing sequence of #s (after a space) is not part of the heading.
  let cut = text.length;
  while (cut > 0 && text[cut - 1] === "#") cut--;
  if (cut === 0 || text[cut - 1] === " ") text = text.slice(0, cut).trim();
  return { level, text };
}

function isRule(line: string): boolean {
  const compact = line.replace(/[ \t]/g, "");
  if (indentOf(line) > 3 || compact.length < 3) return false;
  const char = compact[0];
  if (char !== "-" && char !== "*" && char !== "_") return false;
  for (const c of compact) if (c !== char) return false;
  return true;
}

function quoteOf(line: string): string | null {
  const indent = indentOf(line);
  if (indent > 3 || line[indent] !== ">") return null;
  return line.slice(indent + (line[indent + 1] === " " ? 2 : 1));
}

function listItemOf(line: string): { ordered: boolean; number: number; marker: string; content: number } | null {
  const indent = indentOf(line);
  if (indent > 3) return null;
  let i = indent;
  let ordered = false;
  let number = 1;
  if (line[i] === "-" || line[i] === "*" || line[i] === "+") i++;
  else {
    while (i < line.length && i - indent < 9 && line[i] >= "0" && line[i] <= "9") i++;
    if (i === indent || (line[i] !== "." && line[i] !== ")")) return null;
    ordered = true;
    number = Number(line.slice(indent, i));
    i++;
  }
  const marker = line.slice(indent, i);
  if (i < line.length && line[i] !== " ") return null;
  const spaces = indentOf(line.slice(i));
  const content = i + (i >= line.length ? 1 : spaces >= 5 ? 1 : spaces);
  return { ordered, number, marker: ordered ? marker.slice(-1) : marker, content };
}

/** A line that starts a block of its own, so it ends a paragraph. */
function interrupts(line: string): boolean {
  const item = listItemOf(line);
  return !!fenceOf(line) || !!headingOf(line) || isRule(line) || quoteOf(line) !== null || (!!item && (!item.ordered || item.number === 1) && !isBlank(line.slice(item.content)));
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = fenceOf(line);
    if (fence) {
      const indent = indentOf(line);
      const body: string[] = [];
      i++;
      while (i < lines.length) {
        const close = fenceOf(lines[i]);
        if (close && close.char === fence.char && close.length >= fence.length && close.info === "") {
          i++;
          break;
        }
        body.push(lines[i].slice(Math.min(indent, indentOf(lines[i]))));
        i++;
      }
      blocks.push({ type: "code", text: body.join("\n"), lang: fence.info.split(/\s/)[0] ?? "" });
      continue;
    }
    const heading = headingOf(line);
    if (heading) {
      blocks.push({ type: "heading", level: heading.level, children: parseInline(heading.text) });
      i++;
      continue;
    }
    if (isRule(line)) {
      blocks.push({ type: "rule" });
      i++;
      continue;
    }
    if (depth < MAX_DEPTH && quoteOf(line) !== null) {
      const inner: string[] = [];
      while (i < lines.length && quoteOf(lines[i]) !== null) inner.push(quoteOf(lines[i++])!);
      blocks.push({ type: "quote", children: parseBlocks(inner, depth + 1) });
      continue;
    }
    const item = depth < MAX_DEPTH ? listItemOf(line) : null;
    if (item) {
      const list: Extract<Block, { type: "list" }> = { type: "list", ordered: item.ordered, start: item.number, items: [] };
      while (i < lines.length) {
        const current = listItemOf(lines[i]);
        if (!current || current.ordered !== list.ordered || current.marker !== item.marker) break;
        const body = [lines[i].slice(current.content)];
        i++;
        // The item's own lines: indented to its content, blank lines between them, or a paragraph's continuation.
        while (i < lines.length) {
          const next = lines[i];
          if (isBlank(next)) {
            let j = i;
            while (j < lines.length && isBlank(lines[j])) j++;
            if (j < lines.length && indentOf(lines[j]) >= current.content) {
              for (; i < j; i++) body.push("");
              continue;
            }
            break;
          }
          if (indentOf(next) >= current.content) body.push(next.slice(current.content));
          else if (!isBlank(body[body.length - 1]) && !interrupts(next) && !listItemOf(next)) body.push(next.trim());
          else break;
          i++;
        }
        list.items.push(parseBlocks(body, depth + 1));
        while (i < lines.length && isBlank(lines[i]) && i + 1 < lines.length && listItemOf(lines[i + 1])) i++;
      }
      blocks.push(list);
      continue;
    }
    // Leading spaces go; trailing ones stay (two before a line end make a hard break).
    const paragraph: string[] = [line.replace(/^[ \t]+/, "")];
    i++;
    while (i < lines.length && !isBlank(lines[i]) && !interrupts(lines[i])) paragraph.push(lines[i++].replace(/^[ \t]+/, ""));
    blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n")) });
  }
  return blocks;
}

export function parseMarkdown(text: string): Block[] {
  return parseBlocks(text.replace(/\r\n?/g, "\n").split("\n"), 0);
}

// --- inlines -----------------------------------------------------------------------------------

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const isSpace = (c: string | undefined) => c === undefined || c === " " || c === "\n" || c === "\t";
const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** `next[i]`: the first index ≥ i where `test` holds (text.length when none), in one right-to-left pass. */
function nextTable(text: string, test: (c: string) => boolean): Int32Array {
  const next = new Int32Array(text.length + 1);
  next[text.length] = text.length;
  for (let i = text.length - 1; i >= 0; i--) next[i] = test(text[i]) ? i : next[i + 1];
  return next;
}

/** Code spans: each backtick run → the index of the run that closes it (same length, further on), or -1. */
function codeSpans(text: string): Map<number, { end: number; close: number }> {
  const runs: { at: number; length: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "`" || (i > 0 && text[i - 1] === "\\" && (i < 2 || text[i - 2] !== "\\"))) continue;
    let j = i;
    while (text[j] === "`") j++;
    runs.push({ at: i, length: j - i });
    i = j - 1;
  }
  // For each run, the next run of the same length: one pass from the end, a table by length.
  const following = new Map<number, number>();
  const nextByLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const next = nextByLength.get(runs[k].length);
    if (next !== undefined) following.set(k, next);
    nextByLength.set(runs[k].length, k);
  }
  const spans = new Map<number, { end: number; close: number }>();
  for (let k = 0; k < runs.length; k++) {
    const close = following.get(k);
    if (close === undefined) continue;
    spans.set(runs[k].at, { end: runs[close].at, close: runs[close].at + runs[close].length });
    k = close; // the runs in between are inside the span
  }
  return spans;
}

type Delim = { char: "*" | "_"; count: number; canOpen: boolean; canClose: boolean };
type Piece = Inline | { type: "delim"; delim: Delim };
interface Frame {
  out: Piece[];
  /** Openers still waiting, per character: indices into `out`. */
  openers: { "*": number[]; _: number[] };
  image: boolean;
  at: number;
}

const newFrame = (image: boolean, at: number): Frame => ({ out: [], openers: { "*": [], _: [] }, image, at });

/** How deep each emphasis and link node nests (text and code: 0), set when the node is made. */
const depths = new WeakMap<object, number>();
const depthOf = (piece: Piece) => depths.get(piece) ?? 0;
function deepest(pieces: readonly Piece[], from = 0): number {
  let max = 0;
  for (let k = from; k < pieces.length; k++) max = Math.max(max, depthOf(pieces[k]));
  return max;
}

/** The frame's pieces with emphasis resolved as each closer arrives (see `closeEmphasis`). */
function pushText(frame: Frame, text: string): void {
  const last = frame.out[frame.out.length - 1];
  if (last && last.type === "text") last.text += text;
  else frame.out.push({ type: "text", text });
}

function closeEmphasis(frame: Frame, closer: Delim): void {
  const stack = frame.openers[closer.char];
  while (closer.count > 0 && stack.length) {
    const at = stack[stack.length - 1];
    const opener = (frame.out[at] as { type: "delim"; delim: Delim }).delim;
    // CommonMark's "rule of 3": a run that can both open and close does not pair when the sum is a multiple of 3.
    if ((opener.canClose || closer.canOpen) && (opener.count + closer.count) % 3 === 0 && (opener.count % 3 !== 0 || closer.count % 3 !== 0)) break;
    const inside = deepest(frame.out, at + 1);
    if (inside >= MAX_EMPHASIS_DEPTH) {
      // Too deep: this closer stays text, and so does every opener up to this one (any pair with
      // them would hold these pieces too). Each opener is dropped once; the stacks are in order.
      for (const ch of ["*", "_"] as const) {
        const openers = frame.openers[ch];
        let n = 0;
        while (n < openers.length && openers[n] <= at) n++;
        openers.splice(0, n);
      }
      break;
    }
    const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
    opener.count -= use;
    closer.count -= use;
    const children = frame.out.splice(at + 1) as Inline[];
    const node: Inline = { type: use === 2 ? "strong" : "em", children: children.map(settle) };
    depths.set(node, inside + 1);
    frame.out.push(node);
    // Openers of the other character inside the new node can no longer pair.
    const other = frame.openers[closer.char === "*" ? "_" : "*"];
    while (other.length && other[other.length - 1] > at) other.pop();
    if (opener.count === 0) {
      // Every opener still waiting sits before `at` (those after it are inside the new node, gone):
      // removing the spent run shifts no index anyone holds.
      stack.pop();
      frame.out.splice(at, 1);
    }
  }
}

/** A piece left as it was: a delimiter run that paired with nothing is its characters. */
function settle(piece: Piece): Inline {
  return piece.type === "delim" ? { type: "text", text: piece.delim.char.repeat(piece.delim.count) } : piece;
}

function finish(frame: Frame): Inline[] {
  const out: Inline[] = [];
  for (const piece of frame.out) {
    const inline = settle(piece);
    const last = out[out.length - 1];
    if (inline.type === "text" && last?.type === "text") last.text += inline.text;
    else if (!(inline.type === "text" && inline.text === "")) out.push(inline);
  }
  return out;
}

/** Link destinations a lesson may use: the web, mail, and places on this page. */
export function safeHref(url: string): string {
  const trimmed = url.trim();
  if (/^(https?:|mailto:)/i.test(trimmed) || /^[/#?.]/.test(trimmed) || !/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  return "";
}

function textOf(inlines: Inline[]): string {
  return inlines.map((n) => (n.type === "text" || n.type === "code" ? n.text : n.type === "image" ? n.alt : n.type === "break" ? " " : textOf(n.children))).join("");
}

export function parseInline(text: string): Inline[] {
  const spans = codeSpans(text);
  const nextClose = nextTable(text, (c) => c === ")");
  const nextBad = nextTable(text, (c) => c === " " || c === "\n" || c === "\t" || c === "(" || c === "<");
  const frames: Frame[] = [newFrame(false, -1)];
  const top = () => frames[frames.length - 1];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const frame = top();
    const span = c === "`" ? spans.get(i) : undefined;
    if (span) {
      let length = 0;
      while (text[i + length] === "`") length++;
      let code = text.slice(i + length, span.end).replace(/\n/g, " ");
      if (code.length > 2 && code[0] === " " && code[code.length - 1] === " " && code.trim() !== "") code = code.slice(1, -1);
      frame.out.push({ type: "code", text: code });
      i = span.close;
      continue;
    }
    if (c === "`") {
      let j = i;
      while (text[j] === "`") j++;
      pushText(frame, text.slice(i, j));
      i = j;
      continue;
    }
    if (c === "\\" && i + 1 < text.length) {
      if (text[i + 1] === "\n") frame.out.push({ type: "break" });
      else pushText(frame, PUNCTUATION.test(text[i + 1]) ? text[i + 1] : text.slice(i, i + 2));
      i += 2;
      continue;
    }
    if (c === "\n") {
      // Two spaces before a line end make a hard break (checked from the end: texts grow as lines join).
      const before = frame.out[frame.out.length - 1];
      if (before?.type === "text" && before.text.endsWith("  ")) {
        let cut = before.text.length;
        while (cut > 0 && before.text[cut - 1] === " ") cut--;
        before.text = before.text.slice(0, cut);
        frame.out.push({ type: "break" });
      } else pushText(frame, "\n");
      i++;
      continue;
    }
    if ((c === "[" || (c === "!" && text[i + 1] === "[")) && frames.length < MAX_BRACKETS) {
      const image = c === "!";
      frames.push(newFrame(image, i));
      i += image ? 2 : 1;
      continue;
    }
    if (c === "]" && frames.length > 1 && text[i + 1] === "(" && nextClose[i + 2] < nextBad[i + 2]) {
      const close = nextClose[i + 2];
      const inner = frames.pop()!;
      const children = finish(inner);
      const parent = top();
      if (inner.image) parent.out.push({ type: "image", alt: textOf(children) });
      else {
        const link: Inline = { type: "link", href: safeHref(text.slice(i + 2, close)), children };
        depths.set(link, deepest(children) + 1);
        parent.out.push(link);
      }
      i = close + 1;
      continue;
    }
    if (c === "]" && frames.length > 1) {
      // Brackets that make no link: their text stays, pieces and all.
      const inner = frames.pop()!;
      const parent = top();
      pushText(parent, inner.image ? "![" : "[");
      for (const piece of finish(inner)) if (piece.type === "text") pushText(parent, piece.text);
      else parent.out.push(piece);
      pushText(parent, "]");
      i++;
      continue;
    }
    if (c === "*" || c === "_") {
      let j = i;
      while (text[j] === c) j++;
      const before = text[i - 1];
      const after = text[j];
      const leftFlanking = !isSpace(after) && (!PUNCTUATION.test(after ?? "") || isSpace(before) || PUNCTUATION.test(before ?? ""));
      const rightFlanking = !isSpace(before) && (!PUNCTUATION.test(before ?? "") || isSpace(after) || PUNCTUATION.test(after ?? ""));
      const canOpen = c === "*" ? leftFlanking : leftFlanking && (!rightFlanking || PUNCTUATION.test(before ?? ""));
      const canClose = c === "*" ? rightFlanking : rightFlanking && (!leftFlanking || PUNCTUATION.test(after ?? ""));
      const delim: Delim = { char: c, count: j - i, canOpen: canOpen && !(c === "_" && isWord(before)), canClose: canClose && !(c === "_" && isWord(after)) };
      if (delim.canClose) closeEmphasis(frame, delim);
      if (delim.count > 0) {
        frame.out.push({ type: "delim", delim });
        if (delim.canOpen) frame.openers[c].push(frame.out.length - 1);
      }
      i = j;
      continue;
    }
    let j = i + 1;
    while (j < text.length && !"`\\\n[]!*_".includes(text[j])) j++;
    pushText(frame, text.slice(i, j));
    i = j;
  }
  // Brackets never closed: their text, in order.
  while (frames.length > 1) {
    const inner = frames.pop()!;
    const parent = top();
    pushText(parent, inner.image ? "![" : "[");
    for (const piece of finish(inner)) if (piece.type === "text") pushText(parent, piece.text);
    else parent.out.push(piece);
  }
  return finish(frames[0]);
}
