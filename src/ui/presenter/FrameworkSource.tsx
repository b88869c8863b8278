/**
 * The framework source a step ran, read-only: the file named by the step's place
 * (`django/urls/resolvers.ts#URLResolver.resolve`) in a second Monaco editor, the line highlighted
 * and centred. Its models live under the `framework:` scheme with their own language id (TypeScript's
 * colours, none of its checking), so the learner's project never sees them.
 */
import { useEffect, useRef, useState } from "react";
import { monaco, monacoTheme } from "../editor/monaco-setup";
import { conf, language } from "monaco-editor/languages/definitions/typescript/typescript";
import { useLab } from "../state/react";
import { lineOfSymbol, type FrameworkPlace } from "../panels/step-source";
import { loadFrameworkSource } from "./framework-sources";

const LANGUAGE = "framework-typescript";
monaco.languages.register({ id: LANGUAGE, aliases: ["Framework source"] });
monaco.languages.setMonarchTokensProvider(LANGUAGE, language as monaco.languages.IMonarchLanguage);
monaco.languages.setLanguageConfiguration(LANGUAGE, conf as monaco.languages.LanguageConfiguration);

function modelFor(file: string, text: string): monaco.editor.ITextModel {
  const uri = monaco.Uri.parse(`framework:///${file}`);
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, LANGUAGE, uri);
}

/** The line a place points at in its file's text (its line, its symbol, or its fallback's). */
async function resolvePlace(place: FrameworkPlace): Promise<{ file: string; text: string; line: number | null } | null> {
  const text = await loadFrameworkSource(place.file);
  if (text === undefined || text === null) return null;
  const line = place.line ?? (place.symbol ? lineOfSymbol(text, place.symbol) : null);
  if (line === null && place.fallback) return (await resolvePlace(place.fallback)) ?? { file: place.file, text, line: null };
  return { file: place.file, text, line };
}

export default function FrameworkSource({ fontSize }: { fontSize: number }) {
  const place = useLab((s) => s.frameworkPlace);
  const theme = useLab((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const [shown, setShown] = useState<{ file: string; line: number | null } | null>(null);

  useEffect(() => {
    const e = monaco.editor.create(host.current!, {
      model: null,
      readOnly: true,
      domReadOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize,
      lineHeight: Math.round(fontSize * 1.5),
      wordWrap: "on",
      scrollBeyondLastLine: false,
      renderLineHighlight: "none",
      tabFocusMode: true,
      ariaLabel: "Framework source (read-only)",
    });
    editor.current = e;
    decorations.current = e.createDecorationsCollection();
    return () => {
      e.dispose();
      editor.current = null;
    };
    // fontSize changes are applied below without recreating the editor.
  }, []);
  useEffect(() => editor.current?.updateOptions({ fontSize, lineHeight: Math.round(fontSize * 1.5) }), [fontSize]);
  useEffect(() => monaco.editor.setTheme(monacoTheme(theme)), [theme]);

  const key = place ? JSON.stringify(place) : "";
  useEffect(() => {
    let live = true;
    if (!key) {
      setShown(null);
      return;
    }
    void resolvePlace(JSON.parse(key) as FrameworkPlace).then((found) => {
      const e = editor.current;
      if (!live || !e || !found) return;
      const model = modelFor(found.file, found.text);
      if (e.getModel() !== model) e.setModel(model);
      setShown({ file: found.file, line: found.line });
      if (found.line) {
        decorations.current?.set([{ range: new monaco.Range(found.line, 1, found.line, 1), options: { isWholeLine: true, className: "step-line", linesDecorationsClassName: "step-line-gutter" } }]);
        e.revealLineInCenter(found.line);
      } else decorations.current?.clear();
    });
    return () => {
      live = false;
    };
  }, [key]);

  return (
    <section className="framework-source" aria-label="Framework source">
      <h2 className="pane-title">
        Framework source{" "}
        <span className="mono muted" data-testid="framework-file">
          {shown ? `${shown.file}${shown.line ? `:${shown.line}` : ""}` : place ? "loading…" : "— no framework code at this step"}
        </span>
      </h2>
      <div className="framework-source-editor" ref={host} data-testid="framework-source" />
    </section>
  );
}
