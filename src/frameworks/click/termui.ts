/**
 * click.termui: text → styled text (`style("Error", fg="red")` → ANSI escape codes) and `secho`,
 * which styles then echoes. Main functions: `style`, `secho`.
 *
 * The escapes reach the screen only when the stream is a terminal: `echo` strips them otherwise,
 * so `flask --app x routes > routes.txt` holds plain text.
 */
import { TypeError } from "../python/builtins";
import { echo } from "./utils";
import type { TextStream } from "../python/sys";

const COLORS: Record<string, number> = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, reset: 39, bright_black: 90, bright_red: 91, bright_green: 92, bright_yellow: 93, bright_blue: 94, bright_magenta: 95, bright_cyan: 96, bright_white: 97 };

export interface StyleOptions {
  fg?: string | null;
  bg?: string | null;
  bold?: boolean | null;
  dim?: boolean | null;
  underline?: boolean | null;
  italic?: boolean | null;
  blink?: boolean | null;
  reverse?: boolean | null;
  strikethrough?: boolean | null;
  reset?: boolean;
}

function color_code(name: string, offset: number): string {
  const code = COLORS[name];
  if (code === undefined) throw new TypeError(`Unknown color '${name}'`);
  return `\x1b[${code + offset}m`;
}

/** `style(text, fg=None, bg=None, bold=None, …, reset=True)` */
export function style(text: unknown, options: StyleOptions = {}): string {
  const bits: string[] = [];
  if (options.fg) bits.push(color_code(options.fg, 0));
  if (options.bg) bits.push(color_code(options.bg, 10));
  const flag = (value: boolean | null | undefined, on: number, off: number) => {
    if (value !== null && value !== undefined) bits.push(`\x1b[${value ? on : off}m`);
  };
  flag(options.bold, 1, 22);
  flag(options.dim, 2, 22);
  flag(options.underline, 4, 24);
  flag(options.italic, 3, 23);
  flag(options.blink, 5, 25);
  flag(options.reverse, 7, 27);
  flag(options.strikethrough, 9, 29);
  bits.push(String(text));
  if (options.reset ?? true) bits.push("\x1b[0m");
  return bits.join("");
}

/** `unstyle(text)`: the text without its escape codes. */
export function unstyle(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}

/** `secho(message=None, file=None, nl=True, err=False, color=None, **styles)` */
export function secho(message: unknown = null, options: StyleOptions & { file?: TextStream | null; nl?: boolean; err?: boolean; color?: boolean | null } = {}): void {
  const { file, nl, err, color, ...styles } = options;
  const text = message === null || message === undefined ? message : style(message, styles);
  echo(text, { file, nl, err, color });
}
