/**
 * Build-time declarations for the editor's IntelliSense: the framework's own source → `.d.ts` text
 * per module, so completions and hovers cannot drift from the code that runs.
 *
 * The TypeScript compiler API (`emitDeclarationOnly`, written to memory) runs over the modules user
 * code may import — the module tables of src/modes (standard-library.ts and each mode's modules.ts) —
 * and everything they import
 * (src/frameworks, src/trace). Each declaration lands at `file:///node_modules/<path under src>`,
 * so the relative imports between them still resolve; each importable name gets a small entry,
 * `file:///node_modules/django/http/index.d.ts` → `export * from "../../frameworks/django/http/index"`.
 *
 * Served to the page as the virtual module `virtual:framework-dts` (a lazy chunk the editor loads):
 * `export default { [uri]: text }`. Nothing is written to disk, so nothing generated is committed.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import type { Plugin } from "vite";

const VIRTUAL_ID = "virtual:framework-dts";
const RESOLVED_ID = "\0" + VIRTUAL_ID;

/** The module-table files: the standard library and each mode's `modules.ts`. */
function moduleTableFiles(root: string): string[] {
  const modes = join(root, "src/modes");
  const perMode = readdirSync(modes, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(modes, d.name, "modules.ts")))
    .map((d) => join(modes, d.name, "modules.ts"));
  return [join(modes, "standard-library.ts"), ...perMode];
}

/** `export * as "django/http" from "../../frameworks/django/http";` → { "django/http": ["src/frameworks/django/http"] }. */
export function frameworkModuleTable(root: string): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const file of moduleTableFiles(root)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/export \* as "([^"]+)" from "([^"]+)";/g)) table[m[1]] = [relative(root, resolve(dirname(file), m[2]))];
    // `python`: the built-ins and the bytes helpers together (one frozen object in the table).
    const python = [...text.matchAll(/import \* as \w+ from "((?:\.\.\/)+frameworks\/python\/[^"]+)";/g)].map((m) => relative(root, resolve(dirname(file), m[1])));
    if (python.length) table.python = python;
  }
  return table;
}

function entryFile(root: string, modulePath: string): string {
  for (const candidate of [`${modulePath}.ts`, `${modulePath}/index.ts`]) {
    try {
      readFileSync(join(root, candidate));
      return join(root, candidate);
    } catch {
      /* try the next */
    }
  }
  throw new Error(`framework-dts: no source for ${modulePath}`);
}

/** Every declaration file and module entry, keyed by its URI in Monaco's file system. */
export function generateFrameworkDts(root: string): Record<string, string> {
  const table = frameworkModuleTable(root);
  const rootNames = [...new Set(Object.values(table).flat().map((p) => entryFile(root, p)))];
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    strict: true,
    useDefineForClassFields: true,
    esModuleInterop: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    noEmitOnError: false,
    removeComments: false,
    types: [],
    rootDir: join(root, "src"),
    outDir: join(root, ".framework-dts"),
  };
  const out: Record<string, string> = {};
  const program = ts.createProgram({ rootNames, options });
  program.emit(undefined, (fileName, text) => {
    const rel = relative(options.outDir!, fileName).replace(/\\/g, "/");
    if (rel.endsWith(".d.ts")) out[`file:///node_modules/${rel}`] = text;
  });
  for (const [name, paths] of Object.entries(table)) {
    const depth = name.split("/").length;
    const up = "../".repeat(depth);
    const lines = paths.map((p) => `export * from "${up}${p.replace(/^src\//, "")}${entryFile(root, p).endsWith("index.ts") && !p.endsWith("index") ? "/index" : ""}";`);
    out[`file:///node_modules/${name}/index.d.ts`] = `// ${name}: the framework module user code imports.\n${lines.join("\n")}\n`;
  }
  return out;
}

/** The Vite plugin: `import("virtual:framework-dts")` → the declarations, generated once per build or dev server. */
export function frameworkDts(): Plugin {
  let root = process.cwd();
  let cached: string | null = null;
  return {
    name: "framework-dts",
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      cached ??= `export default ${JSON.stringify(generateFrameworkDts(root))};`;
      return cached;
    },
    handleHotUpdate(ctx) {
      if (/src[\\/](frameworks|trace)[\\/]/.test(ctx.file) || /src[\\/]modes[\\/]/.test(ctx.file)) cached = null;
    },
  };
}
