/**
 * django.core.management.color: a command's `self.style` — role names (SUCCESS, ERROR, NOTICE,
 * MIGRATE_HEADING, SQL_KEYWORD…) → functions that wrap text in terminal colours, or leave it as it
 * is. Main functions: `color_style`, `no_style`.
 *
 * As Django: colour only when the output is a terminal (`supports_color()`: the Terminal panel,
 * not a script's captured output or the CLI's pipe), with django.utils.termcolors' dark palette.
 *
 *     self.stdout.write(self.style.SUCCESS("Published 3 posts"))   // green and bold in the Terminal
 */
import { stdout } from "../../../python/sys";

type Opt = "bold";
type Colour = "red" | "green" | "yellow" | "cyan" | "magenta";
const FG: Record<Colour, number> = { red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36 };

/** termcolors' DARK_PALETTE, role by role. */
const DARK_PALETTE: Record<string, { fg?: Colour; opts?: Opt[] }> = {
  ERROR: { fg: "red", opts: ["bold"] },
  SUCCESS: { fg: "green", opts: ["bold"] },
  WARNING: { fg: "yellow", opts: ["bold"] },
  NOTICE: { fg: "red" },
  SQL_FIELD: { fg: "green", opts: ["bold"] },
  SQL_COLTYPE: { fg: "green" },
  SQL_KEYWORD: { fg: "yellow" },
  SQL_TABLE: { opts: ["bold"] },
  HTTP_INFO: { opts: ["bold"] },
  HTTP_SUCCESS: {},
  HTTP_REDIRECT: { fg: "green" },
  HTTP_NOT_MODIFIED: { fg: "cyan" },
  HTTP_BAD_REQUEST: { fg: "red", opts: ["bold"] },
  HTTP_NOT_FOUND: { fg: "yellow" },
  HTTP_SERVER_ERROR: { fg: "magenta", opts: ["bold"] },
  MIGRATE_HEADING: { fg: "cyan", opts: ["bold"] },
  MIGRATE_LABEL: { opts: ["bold"] },
};

export type StyleFunction = (text: string) => string;
export type Style = Record<keyof typeof DARK_PALETTE | "ERROR_OUTPUT", StyleFunction>;

/** `termcolors.make_style(fg=…, opts=…)`: ESC[1;31m … ESC[0m. */
function make_style(format: { fg?: Colour; opts?: Opt[] }): StyleFunction {
  const codes = [...(format.opts ?? []).map(() => "1"), ...(format.fg ? [String(FG[format.fg])] : [])];
  if (!codes.length) return (text) => text;
  return (text) => `\x1b[${codes.join(";")}m${text}\x1b[0m`;
}

/** Whether the output can show colours: a terminal. */
export function supports_color(): boolean {
  return stdout.isatty();
}

/** Every role left as plain text. */
export function no_style(): Style {
  const style = Object.fromEntries(Object.keys(DARK_PALETTE).map((role) => [role, (text: string) => text])) as Style;
  style.ERROR_OUTPUT = style.ERROR;
  return style;
}

/** The dark palette when the output supports colour (or `force_color`), else `no_style()`. */
export function color_style(force_color = false): Style {
  if (!force_color && !supports_color()) return no_style();
  const style = Object.fromEntries(Object.entries(DARK_PALETTE).map(([role, format]) => [role, make_style(format)])) as Style;
  style.ERROR_OUTPUT = style.ERROR;
  return style;
}
