/**
 * A project file's source → the CommonJS code the loader runs (loader.ts). Main function:
 * `compile_module`: the build's own compiled code for a built-in file left unchanged
 * (precompiled-source.ts, precompiled.ts), else the transpiler's (sucrase, transpiler-source.ts).
 *
 * The build's table is keyed by the file's path AND its whole source, compared exactly: a file
 * gets the table's code only if its text is, character for character, the text the build compiled
 * with `transpile_module`, so the code is what the transpiler would have produced. The table is
 * part of the worker script the page fetched from its own origin; nothing a project, a draft or a
 * stranger's link holds can add an entry or pick another one (docs/adr/0024-page-start-order.md,
 * fourth round).
 */
import { transpiler } from "./transpiler-source";
import { precompiled_code } from "./precompiled-source";
import type { PrecompiledEntry } from "./precompiled";
import { UserSyntaxError } from "./errors";

/** The extensions the loader evaluates (and the build precompiles). */
export const SOURCE_EXTENSIONS = [".ts", ".js", ".tsx", ".mjs"];

/** TypeScript → CommonJS JavaScript (sucrase keeps every line where it was). */
export function compile_module(path: string, source: string): string {
  return precompiled_code(path, source) ?? transpile_module(path, source);
}

/** What the transpiler makes of a file (the build runs this to make its table). */
export function transpile_module(path: string, source: string): string {
  const transforms: ("typescript" | "imports")[] = path.endsWith(".js") || path.endsWith(".mjs") ? ["imports"] : ["typescript", "imports"];
  try {
    const code = transpiler()(source, { transforms, filePath: path, production: true }).code;
    return transforms.includes("typescript") ? name_enums(code) : code;
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    const message = String((e as Error).message)
      .replace(/^Error transforming [^:]*: /, "")
      .replace(/ \(\d+:\d+\)$/, "");
    throw new UserSyntaxError(message, path, loc?.line ?? null, loc ? loc.column + 1 : null);
  }
}

/**
 * A TS `enum` compiles to an object that has forgotten its name (`var Color; (function (Color) {…})
 * (Color || (Color = {}))`); Pydantic names an Enum's JSON schema after its class (`t.Enum(Color)`
 * → `#/components/schemas/Color`), so the object starts with a hidden `__name__`, as a Python class
 * has. No newline is added: line numbers are kept.
 */
function name_enums(code: string): string {
  return code.replace(/\((\w+) \|\| \(((?:exports\.\w+ = )?)\1 = \{\}\)\)/g, (_m, name: string, exported: string) => `(${name} || (${exported}${name} = Object.defineProperty({}, "__name__", { value: "${name}" })))`);
}

/**
 * The table for some projects' files (the built-in ones'): each file the loader would evaluate,
 * with the code `transpile_module` makes of it, once per distinct path and source. A file the
 * transpiler refuses is left out (it fails at load, as any other would).
 */
export function precompile(projects: readonly Readonly<Record<string, string>>[]): PrecompiledEntry[] {
  const entries: PrecompiledEntry[] = [];
  const seen = new Set<string>();
  for (const files of projects) {
    for (const [path, source] of Object.entries(files)) {
      if (!SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext))) continue;
      const id = `${path.length}:${path}${source}`;
      if (seen.has(id)) continue;
      seen.add(id);
      try {
        entries.push([path, source, transpile_module(path, source)]);
      } catch {
        /* left out: the loader reports it */
      }
    }
  }
  return entries;
}
