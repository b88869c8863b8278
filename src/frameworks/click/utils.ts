/**
 * click.utils: `echo(message)` → text on the program's standard output (or error), with a newline,
 * ANSI styles stripped unless the stream is a terminal. Main function: `echo`.
 *
 * click programs print with `click.echo` rather than `print`: it picks the stream (`err: true`:
 * standard error) and removes colours when the output is not a terminal, as piping
 * `flask routes` into a file does.
 */
import * as sys from "../python/sys";
import { py_str } from "./_compat";

export type { TextStream } from "../python/sys";

/** `echo(message=None, file=None, nl=True, err=False, color=None)` */
export function echo(message: unknown = null, options: { file?: sys.TextStream | null; nl?: boolean; err?: boolean; color?: boolean | null } = {}): void {
  const file = options.file ?? (options.err ? sys.stderr : sys.stdout);
  let out = message === null || message === undefined ? "" : py_str(message);
  if (options.nl ?? true) out += "\n";
  if (!out) {
    file.flush();
    return;
  }
  if (should_strip_ansi(file, options.color ?? null)) out = strip_ansi(out);
  file.write(out);
  file.flush();
}

/** `_compat.should_strip_ansi(stream, color)`: colours only on a terminal, unless `color` says otherwise. */
export function should_strip_ansi(stream: sys.TextStream, color: boolean | null): boolean {
  if (color === null) return !stream.isatty();
  return !color;
}

/** `_compat.strip_ansi(value)`: text without its escape sequences. */
export function strip_ansi(value: string): string {
  return value.replace(/\x1b\[[0-9;]*[mK]/g, "");
}

/** `make_str(value)`: a command-line word as text. */
export function make_str(value: unknown): string {
  return py_str(value);
}
