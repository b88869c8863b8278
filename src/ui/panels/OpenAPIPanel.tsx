/**
 * OpenAPI (FastAPI): the document FastAPI generated from the app's declarations — as a tree of
 * operations (method, path, summary, operationId, linked to the handler that declared it) and
 * components, or as the JSON `/openapi.json` serves — with a button that opens `/docs` (Swagger
 * UI, bundled with the page) in the Preview. The document is the last `/openapi.json` response of
 * the session; a button asks for it when there is none yet.
 */
import { useMemo, useState } from "react";
import { useLab } from "../state/react";
import { useSession } from "../session-context";
import type { Exchange } from "../state/store";
import { SourceLink } from "./SourceLink";
import { operationSources, operationsOf } from "./asgi-spans";
import { indexTrace } from "./span-index";
import type { PanelProps } from "./registry";
import "./asgi-panels.css";

/** The OpenAPI document an exchange's response carries, if it is one. */
export function openapiDocumentOf(exchange: Exchange): Record<string, unknown> | null {
  if (exchange.outcome.kind !== "response") return null;
  const { response } = exchange.outcome.result;
  const type = response.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "";
  if (!type.includes("json") || response.status !== 200) return null;
  try {
    const doc = JSON.parse(new TextDecoder().decode(response.body));
    return doc && typeof doc === "object" && typeof doc.openapi === "string" && typeof doc.paths === "object" ? doc : null;
  } catch {
    return null;
  }
}

function Tree({ value, name, depth }: { value: unknown; name: string; depth: number }) {
  if (value === null || typeof value !== "object") {
    return (
      <li>
        <span className="mono openapi-key">{name}</span>: <span className="mono">{JSON.stringify(value)}</span>
      </li>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return (
    <li>
      <details open={depth < 1}>
        <summary>
          <span className="mono openapi-key">{name}</span> <span className="muted">{Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}</span>
        </summary>
        <ul className="openapi-tree">
          {entries.map(([k, v]) => (
            <Tree key={k} name={k} value={v} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export function OpenAPIPanel({ exchange }: PanelProps) {
  const session = useSession();
  const exchanges = useLab((s) => s.exchanges);
  const [view, setView] = useState<"tree" | "json">("tree");
  const source = useMemo(() => {
    for (const e of [exchange, ...[...exchanges].reverse()]) {
      const doc = openapiDocumentOf(e);
      if (doc) return { doc, exchange: e };
    }
    return null;
  }, [exchange, exchanges]);
  const sources = useMemo(() => (source && source.exchange.outcome.kind === "response" ? operationSources(indexTrace(source.exchange.outcome.result.trace)) : new Map()), [source]);
  const open = (target: string) => void session.followFromPreview("GET", target, "", null, "link");
  const buttons = (
    <div className="openapi-actions">
      <button onClick={() => open("/docs")}>Open /docs in the Preview</button>
      <button onClick={() => open("/redoc")}>Open /redoc</button>
      <button onClick={() => open("/openapi.json")}>{source ? "Reload" : "Load"} /openapi.json</button>
    </div>
  );
  if (!source) return (
    <div className="openapi-panel">
      <p className="hint">FastAPI writes the OpenAPI document when <span className="mono">/openapi.json</span> is requested: load it to see it here.</p>
      {buttons}
    </div>
  );
  const { doc } = source;
  const operations = operationsOf(doc, sources);
  const info = (doc.info ?? {}) as Record<string, unknown>;
  const components = (doc.components ?? {}) as Record<string, unknown>;
  return (
    <div className="openapi-panel">
      <p>
        <strong>{String(info.title ?? "")}</strong> <span className="muted">version {String(info.version ?? "")} · OpenAPI {String(doc.openapi)}</span>
      </p>
      {buttons}
      <div className="openapi-tabs" role="tablist">
        <button role="tab" aria-selected={view === "tree"} onClick={() => setView("tree")}>Tree</button>
        <button role="tab" aria-selected={view === "json"} onClick={() => setView("json")}>JSON</button>
      </div>
      {view === "tree" ? (
        <>
          <h3>Operations</h3>
          <ul className="openapi-operations">
            {operations.map((op) => (
              <li key={`${op.method} ${op.path}`} data-operation={op.operationId}>
                <span className={`badge method-${op.method.toLowerCase()}`}>{op.method}</span> <span className="mono">{op.path}</span> <span className="muted">{op.summary}</span>{" "}
                <span className="mono muted">{op.operationId}</span> {op.handler && <span className="mono">→ {op.handler}</span>} <SourceLink source={op.source} />
              </li>
            ))}
          </ul>
          <h3>Document</h3>
          <ul className="openapi-tree">
            <Tree name="paths" value={doc.paths} depth={0} />
            {Object.entries(components).map(([k, v]) => (
              <Tree key={k} name={`components.${k}`} value={v} depth={0} />
            ))}
          </ul>
        </>
      ) : (
        <pre className="mono openapi-json">{JSON.stringify(doc, null, 2)}</pre>
      )}
    </div>
  );
}
