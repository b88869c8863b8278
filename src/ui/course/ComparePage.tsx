/**
 * The comparison page: the same small app (a list of books, a book's page, a form) in Django,
 * Flask and FastAPI, side by side — each run in a runtime of its own for this page (the learner's
 * session is untouched), each request with its response and its trace, so "batteries included",
 * "bring your own" and "typed async" can be compared span by span.
 */
import { useEffect, useState } from "react";
import { Dialog } from "../shell/Dialog";
import { useLabStore } from "../state/react";
import { useLibrary } from "../session-context";
import { RuntimeClient } from "../../runtime/client";
import type { RequestResult } from "../../runtime/protocol";
import type { Span } from "../../trace/span";
import type { ComparedFramework } from "../../course/compare";
import { build_request, CookieJar } from "../../scenarios/client";

interface Column {
  framework: ComparedFramework;
  results: (RequestResult | null)[];
  error: string | null;
}

const MAX_SPANS = 60;

/** Run each framework's three requests, one framework after the other, in one runtime of the page's own. */
async function runAll(frameworks: readonly ComparedFramework[], update: (columns: Column[]) => void): Promise<void> {
  const columns: Column[] = frameworks.map((framework) => ({ framework, results: framework.scenario.requests.map(() => null), error: null }));
  update([...columns]);
  const client = new RuntimeClient({ deadlineMs: 20_000 });
  try {
    for (const column of columns) {
      const { scenario } = column.framework;
      const loaded = await client.load({ files: scenario.files, entry: scenario.entry, ...(scenario.setup ? { setup: scenario.setup } : {}) });
      if (loaded.kind !== "done" || !loaded.value.ok) {
        column.error = loaded.kind === "done" && !loaded.value.ok ? `${loaded.value.error.type}: ${loaded.value.error.message}` : "the project did not load in time";
        update([...columns]);
        continue;
      }
      const jar = new CookieJar();
      for (const [i, spec] of scenario.requests.entries()) {
        const outcome = await client.request(build_request(spec, jar));
        if (outcome.kind === "done") {
          jar.store_response(outcome.value.response);
          column.results[i] = outcome.value;
        } else column.error = outcome.kind === "deadline" ? "a request ran past the deadline" : outcome.error.message;
        update([...columns]);
      }
    }
  } finally {
    client.dispose();
  }
}

function depths(spans: readonly Span[]): Map<number, number> {
  const depth = new Map<number, number>();
  for (const span of spans) depth.set(span.id, span.parent === null ? 0 : (depth.get(span.parent) ?? 0) + 1);
  return depth;
}

function TraceTree({ result }: { result: RequestResult }) {
  const spans = result.trace.spans;
  const depth = depths(spans);
  const sql = spans.filter((s) => s.kind === "sql").length;
  const root = spans.find((s) => s.parent === null);
  return (
    <div className="compare-trace">
      <p className="muted" aria-label="Trace summary">
        {spans.length} spans · {sql} SQL {sql === 1 ? "query" : "queries"}
        {root ? ` · ${(root.end - root.start).toFixed(1)} ms` : ""}
      </p>
      <ol aria-label="Trace">
        {spans.slice(0, MAX_SPANS).map((span) => (
          <li key={span.id} style={{ paddingLeft: `${(depth.get(span.id) ?? 0) * 0.8}em` }} className={span.error ? "failed" : undefined}>
            <span className={`kind-tag kind-${span.kind}`}>{span.kind}</span> {span.name}
          </li>
        ))}
        {spans.length > MAX_SPANS && <li className="muted">… {spans.length - MAX_SPANS} more</li>}
      </ol>
    </div>
  );
}

export function ComparePage() {
  const store = useLabStore();
  const library = useLibrary();
  const [frameworks, setFrameworks] = useState<readonly ComparedFramework[] | null>(null);
  const [columns, setColumns] = useState<Column[]>([]);
  const [request, setRequest] = useState(0);
  const close = () => store.setState({ dialog: null });
  useEffect(() => {
    let live = true;
    void import("../../course/compare").then(({ COMPARISON }) => {
      if (!live) return;
      setFrameworks(COMPARISON);
      void runAll(COMPARISON, (next) => live && setColumns(next));
    });
    return () => {
      live = false;
    };
  }, []);
  const labels = frameworks?.[0]?.scenario.requests.map((r) => r.note ?? `${r.method} ${r.target}`) ?? [];
  return (
    <Dialog title="Compare: Django, Flask and FastAPI" onClose={close} wide>
      <p>
        The same small app three times: a list of books, a book&apos;s page, and a form that adds one. Pick a request; each column shows what its framework answered
        and every step it took.
      </p>
      <div className="tabs" role="tablist" aria-label="Request to compare">
        {labels.map((label, i) => (
          <button key={label} role="tab" className="tab" aria-selected={request === i} onClick={() => setRequest(i)}>
            {label}
          </button>
        ))}
      </div>
      <div className="compare-columns">
        {columns.map(({ framework, results, error }) => {
          const spec = framework.scenario.requests[request];
          const result = results[request];
          const body = result ? new TextDecoder().decode(result.response.body) : "";
          return (
            <section key={framework.id} className="compare-column" aria-label={framework.title}>
              <h3>{framework.title}</h3>
              <p className="muted">{framework.motto}</p>
              <p>
                <code>
                  {spec.method} {spec.target}
                </code>{" "}
                {result ? (
                  <strong aria-label={`${framework.title} status`}>
                    → {result.response.status} {result.response.reason}
                  </strong>
                ) : error ? (
                  <span className="error-text">{error}</span>
                ) : (
                  <span className="muted">running…</span>
                )}
              </p>
              {result && <pre className="compare-body">{body.length > 600 ? `${body.slice(0, 600)}…` : body || "(no body)"}</pre>}
              {result && <TraceTree result={result} />}
              <details>
                <summary>{framework.main_file}</summary>
                <pre className="compare-source">{framework.scenario.files[framework.main_file]}</pre>
              </details>
              <button
                className="button"
                onClick={() => {
                  void library.openBuiltin(`compare-${framework.id}`);
                  close();
                }}
              >
                Open in the editor
              </button>
            </section>
          );
        })}
      </div>
    </Dialog>
  );
}
