/**
 * The Lesson pane: the scenario's lesson (Markdown), its scripted requests as a list with their
 * notes, and Run all — every scripted request in order, then each of the scenario's checks shown
 * ✓ or ✗ under the request it checks. A request's line selects its exchange (the panels show its
 * trace); its Send button puts it in the address bar and sends it.
 */
import { lazy, Suspense } from "react";
import { useLab, useLabStore } from "../state/react";
import { useSession } from "../session-context";
import type { ScenarioCheck } from "../../scenarios/format";
import type { CheckOutcome } from "../../scenarios/client";
import { describeCheck } from "./checks";

const LessonMarkdown = lazy(() => import("./LessonMarkdown"));

function CheckLine({ check, outcome, running }: { check: ScenarioCheck; outcome: CheckOutcome | undefined; running: boolean }) {
  const state = outcome ? (outcome.passed ? "passed" : "failed") : running ? "pending" : "not run";
  const mark = outcome ? (outcome.passed ? "✓" : "✗") : "○";
  return (
    <li className={`lesson-check check-${state.replace(" ", "-")}`}>
      <span className="check-mark" aria-hidden="true">
        {mark}
      </span>
      <span>
        <span className="visually-hidden">{state}: </span>
        {describeCheck(check)}
        {outcome && !outcome.passed && <span className="check-why"> — {outcome.message}</span>}
      </span>
    </li>
  );
}

const NO_CHECKS: ScenarioCheck[] = [];

function ScriptedList() {
  const store = useLabStore();
  const session = useSession();
  const scenario = useLab((s) => s.scenario);
  const script = useLab((s) => s.script);
  const runAll = useLab((s) => s.runAll);
  const busy = useLab((s) => s.runtime === "busy" || s.runtime === "loading" || s.runtime === "replacing");
  const checks = scenario?.checks ?? NO_CHECKS;
  if (!scenario?.requests.length) return null;
  const running = runAll?.running === true;
  const results = runAll && !running ? runAll.checks : [];
  const passed = results.filter((c) => c.passed).length;
  const scriptChecks = checks.map((c, j) => ({ check: c, outcome: results[j] })).filter(({ check }) => "script" in check);
  return (
    <section className="lesson-requests" aria-labelledby="lesson-requests-title">
      <div className="lesson-requests-head">
        <h3 id="lesson-requests-title">Scripted requests</h3>
        <button className="primary" onClick={() => void session.runAll()} disabled={running || busy} title="Send every scripted request in order, from a fresh database and an empty cookie jar, and check the responses">
          {running ? "Running…" : "Run all"}
        </button>
      </div>
      <p className="lesson-summary" role="status" aria-label="Run all result">
        {running
          ? "Sending the scripted requests…"
          : runAll
            ? `${passed} of ${results.length} checks passed${runAll.stopped ? `. ${runAll.stopped}` : "."}`
            : checks.length
              ? `${checks.length} checks. Run all sends the requests in order from a fresh database and an empty cookie jar, as the CLI's replay does.`
              : "Run all sends the requests in order from a fresh database and an empty cookie jar."}
      </p>
      <ol className="lesson-request-list">
        {scenario.requests.map((r, i) => {
          const exchangeId = runAll?.exchanges[i] ?? null;
          const mine = checks.map((c, j) => ({ check: c, outcome: results[j] })).filter(({ check }) => "request" in check && check.request === i);
          return (
            <li key={i} className={`lesson-request${script === i ? " current" : ""}`}>
              <div className="lesson-request-line">
                <button
                  className="link-button mono lesson-request-target"
                  title={exchangeId !== null ? "Show this request's response and trace" : "Put this request in the address bar"}
                  onClick={() => (exchangeId !== null ? store.setState({ selected: exchangeId, step: null }) : session.selectScript(i))}
                >
                  {i + 1}. {r.method} {r.target}
                </button>
                {r.no_cookies && <span className="badge">private window</span>}
                {r.form && <span className="badge">form</span>}
                <button
                  className="button small-button"
                  aria-label={`Run request ${i + 1}: ${r.method} ${r.target}`}
                  title="Put this request in the address bar and send it"
                  disabled={running || busy}
                  onClick={() => {
                    session.selectScript(i);
                    void session.sendDraft();
                  }}
                >
                  Run
                </button>
              </div>
              {r.note && <p className="lesson-note">{r.note}</p>}
              {mine.length > 0 && (
                <ul className="lesson-checks" aria-label={`Checks of request ${i + 1}`}>
                  {mine.map(({ check, outcome }, j) => (
                    <CheckLine key={j} check={check} outcome={outcome} running={running} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {scriptChecks.length > 0 && (
        <>
          <h4 className="lesson-script-title">The script{scenario.script ? ` (${scenario.script.length} steps: WebSocket clients and requests)` : ""}</h4>
          <ul className="lesson-checks" aria-label="Checks of the script">
            {scriptChecks.map(({ check, outcome }, j) => (
              <CheckLine key={j} check={check} outcome={outcome} running={running} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function LessonPane() {
  const scenario = useLab((s) => s.scenario);
  if (!scenario) return <p className="hint">Loading…</p>;
  return (
    <div className="lesson" aria-label="Lesson">
      <h2 className="lesson-title">{scenario.title}</h2>
      {scenario.lesson ? (
        <Suspense fallback={<p className="hint">Loading the lesson…</p>}>
          <LessonMarkdown text={scenario.lesson} />
        </Suspense>
      ) : (
        scenario.description && <p className="lesson-text">{scenario.description}</p>
      )}
      <ScriptedList />
    </div>
  );
}
