/**
 * Monaco, loaded lazily (this module is only imported by MonacoEditor.tsx, itself a lazy chunk):
 * the slim editor core, TypeScript / CSS / JSON, the Django template highlighter, and the workers.
 * NOTES-stack.md traps 2–4: 0.56+ entry points, `typescriptDefaults` from the feature module, and
 * a worker for every label.
 */
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/typescript/register";
import "monaco-editor/languages/definitions/javascript/register";
import "monaco-editor/languages/definitions/css/register";
import "monaco-editor/languages/definitions/markdown/register";
import { typescriptDefaults, javascriptDefaults, ModuleKind, ScriptTarget, ModuleResolutionKind, getTypeScriptWorker } from "monaco-editor/languages/features/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TsWorker from "monaco-editor/languages/features/typescript/ts.worker?worker";
import { DJANGO_HTML_ID, djangoHtmlConfiguration, djangoHtmlLanguage } from "./django-template-language";
import { JINJA_HTML_ID, jinjaHtmlConfiguration, jinjaHtmlLanguage } from "./jinja-template-language";
import type { ModeDescriptor } from "../../modes/types";

type TemplateLanguage = ModeDescriptor["template_language"];

(globalThis as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === "typescript" || label === "javascript" ? new TsWorker() : new EditorWorker();
  },
};

monaco.languages.register({ id: DJANGO_HTML_ID, extensions: [".html"], aliases: ["Django template"] });
monaco.languages.setMonarchTokensProvider(DJANGO_HTML_ID, djangoHtmlLanguage);
monaco.languages.setLanguageConfiguration(DJANGO_HTML_ID, djangoHtmlConfiguration);
monaco.languages.register({ id: JINJA_HTML_ID, aliases: ["Jinja template"] });
monaco.languages.setMonarchTokensProvider(JINJA_HTML_ID, jinjaHtmlLanguage);
monaco.languages.setLanguageConfiguration(JINJA_HTML_ID, jinjaHtmlConfiguration);

const compilerOptions = {
  target: ScriptTarget.ES2020,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.NodeJs,
  allowNonTsExtensions: true,
  // Project files import each other by bare dotted-path folders ("blog/views"), as the runtime's
  // loader resolves them: the project root is the base for non-relative imports.
  baseUrl: "file:///",
  allowJs: true,
  // Scenario code is loosely typed on purpose (Python-style views take an untyped `request`).
  strict: false,
  noImplicitAny: false,
  noEmit: true,
};
typescriptDefaults.setCompilerOptions(compilerOptions);
javascriptDefaults.setCompilerOptions(compilerOptions);
// Without eager sync the TypeScript worker only sees the models it is asked to check, so
// `import * as views from "./views"` in urls.ts was "Cannot find module" until views.ts had been
// opened: false red errors on untouched built-in code (issue 15). Every project file is a model.
typescriptDefaults.setEagerModelSync(true);
javascriptDefaults.setEagerModelSync(true);

/**
 * Diagnostics that loosely typed lesson code trips without being wrong at run time (values of
 * mixed arrays passed on, assignments across the framework's precise types): shown as nothing.
 * Unresolved imports (2307), unknown names (2304) and syntax errors still show.
 */
// 2416/2417: a class attribute overriding the framework's with a looser literal (`fieldsets` as
// arrays rather than tuples, `success_url = reverse_lazy(...)`), fine at run time as in Python.
const LOOSE_CODES = [2322, 2416, 2417, 2339, 2345, 2349, 2351, 2352, 2353, 2554, 2555, 2556, 2769, 7016, 80001, 80005, 80006, 80007];
// Suggestion diagnostics ("'request' is declared but never read", "could infer a better type") are
// hints for typed codebases; on lesson code they are noise that competes with real errors.
const diagnostics = { noSemanticValidation: true, noSyntaxValidation: false, noSuggestionDiagnostics: true, diagnosticCodesToIgnore: LOOSE_CODES };
typescriptDefaults.setDiagnosticsOptions(diagnostics);
javascriptDefaults.setDiagnosticsOptions(diagnostics);

/**
 * The framework's own declarations (generated at build time from its source, scripts/framework-dts.ts),
 * loaded after the editor so they never delay it; semantic checks start once they are in.
 */
export const frameworkTypes: Promise<number> = import("virtual:framework-dts").then(({ default: libs }) => {
  const list = Object.entries(libs).map(([filePath, content]) => ({ filePath, content }));
  typescriptDefaults.setExtraLibs(list);
  javascriptDefaults.setExtraLibs(list);
  typescriptDefaults.setDiagnosticsOptions({ ...diagnostics, noSemanticValidation: false });
  return list.length;
});

/**
 * Re-check every model: after project files were added or removed (another scenario opened), a
 * model checked while its siblings were still being created keeps a stale "Cannot find module".
 * Re-setting the options is Monaco's one way to ask for every model's diagnostics again.
 */
let revalidateTimer: ReturnType<typeof setTimeout> | null = null;
export function revalidateAll(): void {
  if (revalidateTimer) clearTimeout(revalidateTimer);
  revalidateTimer = setTimeout(() => {
    revalidateTimer = null;
    typescriptDefaults.setDiagnosticsOptions(typescriptDefaults.getDiagnosticsOptions());
    javascriptDefaults.setDiagnosticsOptions(javascriptDefaults.getDiagnosticsOptions());
  }, 300);
}

/**
 * Monaco's themes with the few token colours that fall under WCAG AA contrast (4.5:1) moved just
 * enough to pass — on the plain background and on the Step highlight — so the editor passes the
 * page's accessibility check (e2e/accessibility.spec.ts): comments, types and numbers in light;
 * comments, HTML delimiters and regular expressions in dark.
 */
monaco.editor.defineTheme("lab-light", {
  base: "vs",
  inherit: true,
  rules: [
    { token: "comment", foreground: "006b00" },
    { token: "type", foreground: "006a6a" },
    { token: "number", foreground: "07704a" },
    { token: "attribute.value.number", foreground: "07704a" },
    { token: "attribute.value.unit", foreground: "07704a" },
    { token: "attribute.name", foreground: "b00000" },
    { token: "metatag", foreground: "b00000" },
    { token: "metatag.content.html", foreground: "b00000" },
    { token: "string.sql", foreground: "b00000" },
  ],
  colors: {},
});
monaco.editor.defineTheme("lab-dark", {
  base: "vs-dark",
  inherit: true,
  rules: [
    { token: "comment", foreground: "7fae6a" },
    { token: "delimiter.html", foreground: "a0a0a0" },
    { token: "metatag.html", foreground: "a0a0a0" },
    { token: "metatag.xml", foreground: "a0a0a0" },
    { token: "annotation", foreground: "a0a0a0" },
    { token: "regexp", foreground: "c47aa6" },
    { token: "invalid", foreground: "ff6b61" },
  ],
  colors: {},
});

/** The page theme's Monaco theme. */
export const monacoTheme = (theme: "light" | "dark") => (theme === "dark" ? "lab-dark" : "lab-light");

/** Monaco's language for `.html` files per the mode's template language (src/modes: `template_language`). */
const TEMPLATE_LANGUAGE_IDS: Record<TemplateLanguage, string> = {
  django: DJANGO_HTML_ID,
  jinja: JINJA_HTML_ID,
  html: "html",
};

/** Monaco's language for a project file; `.html` files are templates in the mode's template language. */
export function languageFor(path: string, templates: TemplateLanguage = "django"): string {
  if (/\.(ts|tsx|mts)$/.test(path)) return "typescript";
  if (/\.(js|mjs)$/.test(path)) return "javascript";
  if (/\.(jinja|jinja2|j2)$/.test(path)) return JINJA_HTML_ID;
  if (/\.html?$/.test(path)) return TEMPLATE_LANGUAGE_IDS[templates];
  if (path.endsWith(".css")) return "css";
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".md")) return "markdown";
  return "plaintext";
}

/** `getTypeScriptWorker`: for the page benchmark (e2e/measure.spec.ts), which times Send with the TypeScript worker idle and busy. */
export { monaco, getTypeScriptWorker };
