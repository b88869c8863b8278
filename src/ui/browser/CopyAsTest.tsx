/**
 * "Copy as test" for the selected request: a Python test in the project's framework (a Django
 * TestCase, a Flask or FastAPI test client, Werkzeug's for raw WSGI) asserting the status and body
 * the page saw (share/copy-as-test.ts), copied to the clipboard — or shown to copy by hand when the
 * browser refuses the clipboard.
 */
import { useState } from "react";
import { useLab, useLabStore } from "../state/react";
import { Dialog } from "../shell/Dialog";
import { testFor, type GeneratedTest } from "../share/copy-as-test";
import type { Exchange } from "../state/store";

export function CopyAsTest({ exchange }: { exchange: Exchange }) {
  const store = useLabStore();
  const scenario = useLab((s) => s.scenario);
  const [shown, setShown] = useState<GeneratedTest | null>(null);
  if (exchange.outcome.kind !== "response" || !scenario) return null;
  const response = exchange.outcome.result.response;
  const copy = async () => {
    const test = testFor({ mode: scenario.framework, entry: scenario.entry, request: exchange.request, response });
    try {
      await navigator.clipboard.writeText(test.code);
      const text = `Copied ${test.label} for ${exchange.request.method} ${exchange.request.target} to the clipboard.`;
      store.setState({ notice: { tone: "info", text }, announcement: text });
    } catch {
      setShown(test);
    }
  };
  return (
    <>
      <button className="link-button copy-test" title="A Python test of this request in the project's framework, asserting its status and body" onClick={() => void copy()}>
        Copy as test
      </button>
      {shown && (
        <Dialog title="Test for this request" onClose={() => setShown(null)} wide>
          <p>The browser did not allow copying to the clipboard: here is {shown.label}, to copy by hand.</p>
          <textarea className="mono code-input test-code" readOnly aria-label="Generated test" value={shown.code} rows={Math.min(shown.code.split("\n").length + 1, 24)} onFocus={(e) => e.currentTarget.select()} />
        </Dialog>
      )}
    </>
  );
}
