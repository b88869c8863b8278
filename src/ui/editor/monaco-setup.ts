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
import { typescriptDefaults, javascriptDefaults, ModuleKind, ScriptTarget, ModuleResolutionKind } from "monaco-editor/languages/features/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TsWorker from "monaco-editor/languages/features/typescript/ts.worker?worker";
import { DJANGO_HTML_ID, djangoHtmlConfiguration, djangoHtmlLanguage } from "./django-template-language";

(globalThis as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === "typescript" || label === "javascript" ? new TsWorker() : new EditorWorker();
  },
};

monaco.languages.register({ id: DJANGO_HTML_ID, extensions: [".html"], aliases: ["Django template"] });
monaco.languages.setMonarchTokensProvider(DJANGO_HTML_ID, djangoHtmlLanguage);
monaco.languages.setLanguageConfiguration(DJANGO_HTML_ID, djangoHtmlConfiguration);

const compilerOptions = {
  target: ScriptTarget.ES2020,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.NodeJs,
  allowNonTsExtensions: true,
  strict: false,
  noEmit: true,
};
typescriptDefaults.setCompilerOptions(compilerOptions);
javascriptDefaults.setCompilerOptions(compilerOptions);
// Declarations for the framework modules are not generated yet, so semantic checks would flag every
// `django/...` import: report syntax errors only until they are.
typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });

export function languageFor(path: string): string {
  if (/\.(ts|tsx|mts)$/.test(path)) return "typescript";
  if (/\.(js|mjs)$/.test(path)) return "javascript";
  if (/\.html?$/.test(path)) return DJANGO_HTML_ID;
  if (path.endsWith(".css")) return "css";
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".md")) return "markdown";
  return "plaintext";
}

export { monaco };
