/**
 * Stepping through a request (the Step panel and presenter mode): the trace's spans in the order
 * they started, the current one, and the code it stands for — its line in the learner's files (a
 * decoration in the editor, the file opened) and the framework source that ran it (presenter mode
 * shows that file read-only beside). Main hooks: `useStepper`, `useStepKeys`.
 */
import { useEffect, useMemo, useState } from "react";
import { useLab, useLabStore } from "../state/react";
import { openFile } from "../state/files";
import type { Span } from "../../trace/span";
import type { SpanIndex } from "./span-index";
import { frameworkPlaceOf, userLineOf, type FrameworkPlace, type UserLine } from "./step-source";

/** The framework files the page can show (a lazy chunk's list); null until it has loaded. */
export function useFrameworkFiles(): ReadonlySet<string> | null {
  const [files, setFiles] = useState<ReadonlySet<string> | null>(null);
  useEffect(() => {
    let live = true;
    void import("../presenter/framework-sources").then((m) => live && setFiles(m.FRAMEWORK_FILES));
    return () => {
      live = false;
    };
  }, []);
  return files;
}

export interface Stepper {
  steps: Span[];
  step: number;
  span: Span | undefined;
  go: (to: number) => void;
  line: UserLine | null;
  place: FrameworkPlace | null;
}

export function useStepper(index: SpanIndex): Stepper {
  const store = useLabStore();
  const files = useLab((s) => s.files);
  const stepState = useLab((s) => s.step);
  const frameworkFiles = useFrameworkFiles();
  const steps = useMemo(() => [...index.spans].sort((a, b) => a.start - b.start || a.id - b.id), [index]);
  const step = Math.min(Math.max(stepState ?? 0, 0), Math.max(steps.length - 1, 0));
  const span = steps[step];
  const go = (to: number) => store.setState({ step: Math.min(Math.max(to, 0), steps.length - 1) });
  const line = span ? userLineOf(span, index, files) : null;
  const place = span && frameworkFiles ? frameworkPlaceOf(span, index, files, (f) => frameworkFiles.has(f)) : null;

  // The editor shows the step's line (a decoration) and presenter mode the framework's; leaving clears both.
  const lineKey = line ? `${line.file}:${line.line}` : "";
  useEffect(() => {
    const at = lineKey ? { file: lineKey.slice(0, lineKey.lastIndexOf(":")), line: Number(lineKey.slice(lineKey.lastIndexOf(":") + 1)) } : null;
    store.setState({ stepLine: at });
    if (at && store.getState().activeFile !== at.file) openFile(store, at.file);
  }, [lineKey, store]);
  const placeKey = place ? JSON.stringify(place) : "";
  useEffect(() => {
    store.setState({ frameworkPlace: placeKey ? (JSON.parse(placeKey) as FrameworkPlace) : null });
  }, [placeKey, store]);
  useEffect(() => () => store.setState({ stepLine: null, frameworkPlace: null }), [store]);
  return { steps, step, span, go, line, place };
}

/** Keys typed into a field, a list or the code editor are theirs, not the stepper's. */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || !!el.closest?.(".monaco-editor, [role=menu], [role=listbox], [role=tablist], [role=tree]"));
}

/**
 * ← → (↑ ↓, and PageUp / PageDown as a presentation clicker sends them) step; Home / End go to the
 * ends. Ignored while typing, and when a focused control already used the key.
 */
export function useStepKeys(step: number, count: number): void {
  const store = useLabStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typingIn(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const to = { ArrowRight: step + 1, ArrowDown: step + 1, PageDown: step + 1, ArrowLeft: step - 1, ArrowUp: step - 1, PageUp: step - 1, Home: 0, End: count - 1 }[e.key];
      if (to === undefined || count === 0) return;
      e.preventDefault();
      store.setState({ step: Math.min(Math.max(to, 0), count - 1) });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [step, count, store]);
}
