/**
 * The code editor (a lazy chunk): one Monaco editor, one model per project file. Edits go to the
 * store; store changes (another scenario, a rename) update the models; runtime errors become
 * markers; `reveal` jumps to a file and line.
 *
 * Tab: by default Tab moves focus out of the editor (Monaco's tab-focus mode), so the keyboard can
 * cross the page and never indents code by accident; Ctrl+M (as in VS Code) or the bar's Tab button
 * is the explicit choice to let Tab indent, and each change is announced.
 */
import { useEffect, useRef } from "react";
import { monaco, languageFor, frameworkTypes, revalidateAll, monacoTheme, getTypeScriptWorker } from "./monaco-setup";
import { useLab, useLabStore } from "../state/react";
import { editFile } from "../state/files";
import { setPrefs, toggleTabIndents } from "../state/prefs";
import type { LabStore } from "../state/store";
import { mode_descriptor } from "../../modes/descriptors";
import type { ModeDescriptor } from "../../modes/types";

const uriOf = (path: string) => monaco.Uri.parse(`file:///${path}`);
const pathOf = (model: monaco.editor.ITextModel) => model.uri.path.replace(/^\//, "");

/** Make Monaco's models match the store's files (create, update from outside, dispose) and the mode's languages. */
function syncModels(files: Record<string, string>, templates: ModeDescriptor["template_language"]): void {
  const wanted = new Set(Object.keys(files));
  let structural = false;
  for (const model of monaco.editor.getModels()) {
    if (model.uri.scheme === "file" && !wanted.has(pathOf(model)) && !model.uri.path.startsWith("/node_modules/")) {
      model.dispose();
      structural = true;
    }
  }
  for (const [path, text] of Object.entries(files)) {
    const model = monaco.editor.getModel(uriOf(path));
    const language = languageFor(path, templates);
    if (!model) {
      monaco.editor.createModel(text, language, uriOf(path));
      structural = true;
    } else {
      if (model.getValue() !== text) model.setValue(text);
      if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
    }
  }
  if (structural) revalidateAll();
}

function applyMarkers(store: LabStore): void {
  const { markers } = store.getState();
  for (const model of monaco.editor.getModels()) {
    const list = markers[pathOf(model)] ?? [];
    monaco.editor.setModelMarkers(
      model,
      "runtime",
      list.map((m) => ({ severity: monaco.MarkerSeverity.Error, message: m.message, startLineNumber: m.line, endLineNumber: m.line, startColumn: m.column ?? 1, endColumn: m.column ? m.column + 1 : model.getLineMaxColumn(Math.min(m.line, model.getLineCount())) })),
    );
  }
}

export default function MonacoEditor() {
  const store = useLabStore();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const activeFile = useLab((s) => s.activeFile);
  const files = useLab((s) => s.files);
  const markers = useLab((s) => s.markers);
  const reveal = useLab((s) => s.reveal);
  const theme = useLab((s) => s.theme);
  const stepLine = useLab((s) => s.stepLine);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const prefs = useLab((s) => s.prefs);

  useEffect(() => {
    const { prefs } = store.getState();
    const e = monaco.editor.create(host.current!, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: prefs.fontSize,
      lineHeight: Math.round(prefs.fontSize * 1.54),
      wordWrap: prefs.wordWrap ? "on" : "off",
      tabFocusMode: !prefs.tabIndents,
      scrollBeyondLastLine: false,
      tabSize: 2,
      renderLineHighlight: "line",
      fixedOverflowWidgets: true,
      ariaLabel: "Code editor",
    });
    editor.current = e;
    // Test hook (e2e): the editor and Monaco's API, to place the cursor and read markers; the
    // TypeScript worker, to time Send with it idle and busy (e2e/measure.spec.ts).
    (window as unknown as { __labEditor?: unknown }).__labEditor = { editor: e, monaco, frameworkTypes, typescriptWorker: getTypeScriptWorker };
    const sub = e.onDidChangeModelContent(() => {
      const model = e.getModel();
      if (model) editFile(store, pathOf(model), model.getValue());
    });
    // Ctrl+M: what Tab does (VS Code's "Toggle Tab Key Moves Focus"); Alt+Z: word wrap.
    e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM, () => toggleTabIndents(store));
    e.addCommand(monaco.KeyMod.Alt | monaco.KeyCode.KeyZ, () => setPrefs(store, { wordWrap: !store.getState().prefs.wordWrap }));
    let announced = -Infinity;
    const focus = e.onDidFocusEditorText(() => {
      if (performance.now() - announced < 15000) return;
      announced = performance.now();
      const { tabIndents } = store.getState().prefs;
      store.setState({ announcement: tabIndents ? "Editing code. Tab indents; press Control M, then Tab, to leave the editor." : "Editing code. Tab moves focus out of the editor; press Control M to indent with Tab." });
    });
    return () => {
      sub.dispose();
      focus.dispose();
      e.dispose();
      editor.current = null;
    };
  }, [store]);

  const templates = useLab((s) => mode_descriptor(s.scenario?.framework ?? "")?.template_language ?? "html");
  useEffect(() => syncModels(files, templates), [files, templates]);
  useEffect(() => applyMarkers(store), [markers, files, store]);
  useEffect(() => monaco.editor.setTheme(monacoTheme(theme)), [theme]);
  useEffect(() => {
    editor.current?.updateOptions({ fontSize: prefs.fontSize, lineHeight: Math.round(prefs.fontSize * 1.54), wordWrap: prefs.wordWrap ? "on" : "off", tabFocusMode: !prefs.tabIndents });
  }, [prefs.fontSize, prefs.wordWrap, prefs.tabIndents]);

  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const model = activeFile ? monaco.editor.getModel(uriOf(activeFile)) : null;
    if (e.getModel() !== model) e.setModel(model);
  }, [activeFile, files]);

  // The Step panel's current line: a highlighted band and a gutter mark, scrolled into view.
  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    decorations.current ??= e.createDecorationsCollection();
    const model = e.getModel();
    if (!stepLine || !model || stepLine.file !== activeFile || stepLine.line > model.getLineCount()) {
      decorations.current.clear();
      return;
    }
    decorations.current.set([{ range: new monaco.Range(stepLine.line, 1, stepLine.line, 1), options: { isWholeLine: true, className: "step-line", linesDecorationsClassName: "step-line-gutter", stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges } }]);
    e.revealLineInCenterIfOutsideViewport(stepLine.line);
  }, [stepLine, activeFile, files]);

  useEffect(() => {
    const e = editor.current;
    if (!e || !reveal || reveal.file !== activeFile) return;
    e.revealLineInCenter(reveal.line);
    e.setPosition({ lineNumber: reveal.line, column: 1 });
    e.focus();
  }, [reveal, activeFile]);

  return <div className="monaco-host" ref={host} data-testid="monaco-host" />;
}
