/**
 * click.formatting: a command's usage, help text, options and subcommands → the `--help` page,
 * laid out as click lays it out (78 columns on an 80-column terminal, sections indented by two,
 * definition lists in two columns, paragraphs re-wrapped). Main class: `HelpFormatter`; main
 * function: `wrap_text`.
 *
 *   Usage: flask [OPTIONS] COMMAND [ARGS]...
 *
 *     A general utility script for Flask applications.
 *
 *   Options:
 *     --help  Show this message and exit.
 */
import { wrap } from "../python/textwrap";

/** The terminal's width when nothing else says: `shutil.get_terminal_size()` falls back to 80 columns. */
export const TERMINAL_COLUMNS = 80;

/** `_textwrap.TextWrapper.fill` with click's settings (whitespace inside a line kept). */
function fill(text: string, width: number, initial_indent: string, subsequent_indent: string): string {
  return wrap(text, width, { initial_indent, subsequent_indent, replace_whitespace: false }).join("\n");
}

/** `TextWrapper.indent_only(text)`: a `\b` paragraph — each line indented, nothing re-wrapped. */
function indent_only(text: string, initial_indent: string, subsequent_indent: string): string {
  return text
    .split(/\r?\n/)
    .map((line, i) => (i === 0 ? initial_indent : subsequent_indent) + line)
    .join("\n");
}

/**
 * `wrap_text(text, width=78, initial_indent="", subsequent_indent="", preserve_paragraphs=False)`.
 * With `preserve_paragraphs` (help texts): blank lines separate paragraphs, each re-wrapped on its
 * own and indented as its first line was; a paragraph that starts with a line holding only `\b`
 * is kept line for line.
 */
export function wrap_text(text: string, options: { width?: number; initial_indent?: string; subsequent_indent?: string; preserve_paragraphs?: boolean } = {}): string {
  const width = options.width ?? 78;
  const initial = options.initial_indent ?? "";
  const subsequent = options.subsequent_indent ?? "";
  const expanded = text.replace(/\t/g, "        ");
  if (!options.preserve_paragraphs) return fill(expanded, width, initial, subsequent);
  const paragraphs: { indent: number; raw: boolean; text: string }[] = [];
  let buf: string[] = [];
  let indent: number | null = null;
  const flush = () => {
    if (!buf.length) return;
    if (buf[0].trim() === "\b") paragraphs.push({ indent: indent ?? 0, raw: true, text: buf.slice(1).join("\n") });
    else paragraphs.push({ indent: indent ?? 0, raw: false, text: buf.join(" ") });
    buf = [];
  };
  for (let line of expanded.split(/\r\n|\r|\n/)) {
    if (!line) {
      flush();
      indent = null;
      continue;
    }
    if (indent === null) {
      const stripped = line.replace(/^\s+/, "");
      indent = line.length - stripped.length;
      line = stripped;
    }
    buf.push(line);
  }
  flush();
  return paragraphs
    .map((p) => {
      const extra = " ".repeat(p.indent);
      return p.raw ? indent_only(p.text, initial + extra, subsequent + extra) : fill(p.text, width, initial + extra, subsequent + extra);
    })
    .join("\n\n");
}

/** `measure_table(rows)`: the widest cell of each column. */
export function measure_table(rows: readonly (readonly string[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return widths;
}

/** `HelpFormatter(indent_increment=2, width=None, max_width=None)`: collects the help page's lines. */
export class HelpFormatter {
  readonly indent_increment: number;
  readonly width: number;
  current_indent = 0;
  private buffer: string[] = [];

  constructor(options: { indent_increment?: number; width?: number | null; max_width?: number | null } = {}) {
    this.indent_increment = options.indent_increment ?? 2;
    const max_width = options.max_width ?? 80;
    this.width = options.width ?? Math.max(Math.min(TERMINAL_COLUMNS, max_width) - 2, 50);
  }

  write(text: string): void {
    this.buffer.push(text);
  }

  indent(): void {
    this.current_indent += this.indent_increment;
  }

  dedent(): void {
    this.current_indent -= this.indent_increment;
  }

  /** `write_usage(prog, args="", prefix="Usage: ")`: the usage line, wrapped under the program's name. */
  write_usage(prog: string, args = "", prefix = "Usage: "): void {
    const usage_prefix = `${prefix.padStart(this.current_indent)}${prog} `;
    const text_width = this.width - this.current_indent;
    if (text_width >= usage_prefix.length + 20) {
      // Arguments wrap aligned after the program's name.
      this.write(wrap_text(args, { width: text_width, initial_indent: usage_prefix, subsequent_indent: " ".repeat(usage_prefix.length) }));
    } else {
      // The name is too long: the arguments start on the next line, indented.
      this.write(usage_prefix);
      this.write("\n");
      const indent = " ".repeat(Math.max(this.current_indent, prefix.length) + 4);
      this.write(wrap_text(args, { width: text_width, initial_indent: indent, subsequent_indent: indent }));
    }
    this.write("\n");
  }

  /** `write_heading(heading)`: `Options:` */
  write_heading(heading: string): void {
    this.write(`${"".padStart(this.current_indent)}${heading}:\n`);
  }

  /** `write_paragraph()`: a blank line before the next part (not at the very top). */
  write_paragraph(): void {
    if (this.buffer.length) this.write("\n");
  }

  /** `write_text(text)`: a help text, re-wrapped paragraph by paragraph at the current indentation. */
  write_text(text: string): void {
    const indent = " ".repeat(this.current_indent);
    this.write(wrap_text(text, { width: this.width, initial_indent: indent, subsequent_indent: indent, preserve_paragraphs: true }));
    this.write("\n");
  }

  /**
   * `write_dl(rows, col_max=30, col_spacing=2)`: a definition list — the first column as wide as
   * its widest entry (at most 30), the second wrapped beside it; a first-column entry too wide
   * puts its text on the next line.
   */
  write_dl(rows: readonly (readonly [string, string])[], col_max = 30, col_spacing = 2): void {
    const widths = measure_table(rows);
    if (widths.length !== 2) throw new Error("Expected two columns for definition list");
    const first_col = Math.min(widths[0], col_max) + col_spacing;
    for (const [first, second] of rows) {
      this.write(`${"".padStart(this.current_indent)}${first}`);
      if (!second) {
        this.write("\n");
        continue;
      }
      if (first.length <= first_col - col_spacing) this.write(" ".repeat(first_col - first.length));
      else {
        this.write("\n");
        this.write(" ".repeat(first_col + this.current_indent));
      }
      const text_width = Math.max(this.width - first_col - 2, 10);
      const lines = wrap_text(second, { width: text_width, preserve_paragraphs: true }).split("\n");
      this.write(`${lines[0]}\n`);
      for (const line of lines.slice(1)) this.write(`${"".padStart(first_col + this.current_indent)}${line}\n`);
    }
  }

  /** `with formatter.section(name):` — a blank line, the heading, then the body indented. */
  section(name: string, body: () => void): void {
    this.write_paragraph();
    this.write_heading(name);
    this.indent();
    try {
      body();
    } finally {
      this.dedent();
    }
  }

  /** `with formatter.indentation():` */
  indentation(body: () => void): void {
    this.indent();
    try {
      body();
    } finally {
      this.dedent();
    }
  }

  getvalue(): string {
    return this.buffer.join("");
  }
}

/** `split_opt(opt)`: `--name` → [`--`, `name`]; `-n` → [`-`, `n`]; `name` → [``, `name`]. */
export function split_opt(opt: string): [string, string] {
  const first = opt.slice(0, 1);
  if (/^[A-Za-z0-9]$/.test(first) || !first) return ["", opt];
  if (opt.slice(1, 2) === first) return [opt.slice(0, 2), opt.slice(2)];
  return [first, opt.slice(1)];
}

/** `join_options(options)`: `["--app", "-A"]` → `-A, --app` (shortest prefix first), and whether one starts with `/`. */
export function join_options(options: readonly string[]): [string, boolean] {
  let any_prefix_is_slash = false;
  const rv = options.map((opt) => {
    const prefix = split_opt(opt)[0];
    if (prefix === "/") any_prefix_is_slash = true;
    return [prefix.length, opt] as const;
  });
  const sorted = rv.map((x, i) => [x, i] as const).sort((a, b) => a[0][0] - b[0][0] || a[1] - b[1]);
  return [sorted.map(([x]) => x[1]).join(", "), any_prefix_is_slash];
}
