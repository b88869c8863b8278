/**
 * Class-based view: the view class's MRO as ccbv.co.uk shows it (asked of the runtime: the classes
 * in order, and for each attribute the class that defines it and what it overrides), beside what no
 * static browser can show — the methods that actually ran in this request, in order and nested as
 * they called each other, each `super()` hop, and the class that defined each method.
 */
import { useEffect, useState } from "react";
import { visitSpanKind, type Span, type SpanKindHandlers } from "../../trace/span";
import type { ClassAnatomyJson } from "../../runtime/protocol";
import { formatMs } from "../http/message";
import { useSession } from "../session-context";
import { duration, showJson, str, type SpanIndex } from "./span-index";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";

type Role = "view" | "method" | null;
const none = (): Role => null;

const ROLE: SpanKindHandlers<Role> = {
  view: (span) => (typeof span.attrs.method === "string" ? "method" : "view"),
  request: none,
  gateway: none,
  handler: none,
  middleware: none,
  resolver: none,
  pattern: none,
  signal: none,
  receiver: none,
  exception: none,
  queryset: none,
  sql: none,
  template: none,
  form: none,
  admin: none,
  session: none,
  auth: none,
  module: none,
  settings: none,
  app: none,
  log: none,
  context: none,
  hook: none,
  asgi: none,
  dependency: none,
  validation: none,
  task: none,
  websocket: none,
  consumer: none,
  channel: none,
  command: none,
  user: none,
};

const roleOf = (span: Span) => visitSpanKind(span, ROLE);
const short = (path: string) => path.split(".").pop() ?? path;

export function viewMethodCount(index: SpanIndex): number | null {
  return index.spans.filter((s) => roleOf(s) === "method").length || null;
}

/** The methods under a span, depth-first in call order, with their nesting depth. */
function methodCalls(index: SpanIndex, root: Span): { span: Span; depth: number }[] {
  const out: { span: Span; depth: number }[] = [];
  const walk = (span: Span, depth: number) => {
    for (const child of index.children.get(span.id) ?? []) {
      if (roleOf(child) === "method") {
        out.push({ span: child, depth });
        walk(child, depth + 1);
      } else walk(child, depth);
    }
  };
  walk(root, 0);
  return out;
}

type AnatomyState = { kind: "loading" } | { kind: "done"; anatomy: ClassAnatomyJson } | { kind: "error"; text: string };

function useAnatomy(path: string): AnatomyState {
  const session = useSession();
  const [state, setState] = useState<AnatomyState>({ kind: "loading" });
  useEffect(() => {
    let live = true;
    setState({ kind: "loading" });
    void session.inspectClass(path).then((outcome) => {
      if (!live) return;
      if (outcome.kind !== "done") setState({ kind: "error", text: outcome.kind === "deadline" ? "The runtime did not answer in time." : outcome.error.message });
      else if (!outcome.value.ok) setState({ kind: "error", text: `${outcome.value.error.type}: ${outcome.value.error.message}` });
      else setState({ kind: "done", anatomy: outcome.value.anatomy });
    });
    return () => {
      live = false;
    };
  }, [session, path]);
  return state;
}

function Mro({ anatomy, ran, fallback }: { anatomy: ClassAnatomyJson | null; ran: Map<string, string[]>; fallback: string[] }) {
  const mro = anatomy?.mro ?? fallback;
  return (
    <ol className="cbv-mro" aria-label="Method resolution order">
      {mro.map((cls) => {
        const methods = ran.get(cls) ?? [];
        const own = anatomy ? Object.entries(anatomy.attributes).filter(([, a]) => a.defined_in === cls).map(([n]) => n) : [];
        return (
          <li key={cls} className={methods.length ? "ran" : ""}>
            <span className="mono cbv-class" title={cls}>
              {short(cls)}
            </span>{" "}
            <span className="muted mono cbv-module">{cls.slice(0, -short(cls).length - 1)}</span>
            {methods.length > 0 && (
              <div className="cbv-ran">
                ran: {methods.map((m) => <span key={m} className="badge mono">{m}</span>)}
              </div>
            )}
            {anatomy && own.length > 0 && <div className="muted cbv-own">defines {own.length}: {own.join(", ")}</div>}
          </li>
        );
      })}
    </ol>
  );
}

function Attributes({ anatomy }: { anatomy: ClassAnatomyJson }) {
  const entries = Object.entries(anatomy.attributes);
  return (
    <details className="cbv-attrs">
      <summary>
        All attributes <span className="muted">({entries.length}, as ccbv.co.uk lists them)</span>
      </summary>
      <table className="tpl-vars">
        <thead>
          <tr>
            <th>name</th>
            <th>kind</th>
            <th>defined in</th>
            <th>value / signature</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([name, a]) => (
            <tr key={name}>
              <td className="mono">{name}</td>
              <td className="muted">{a.kind}</td>
              <td className="mono">
                {short(a.defined_in)}
                {a.overrides?.length ? <span className="muted"> (overrides {a.overrides.map(short).join(", ")})</span> : null}
              </td>
              <td className="mono">{"value" in a ? showJson(a.value as never) : (a.signature ?? "")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Calls({ calls }: { calls: { span: Span; depth: number }[] }) {
  return (
    <ol className="cbv-calls" aria-label="Methods that ran">
      {calls.map(({ span, depth }, i) => {
        const hop = span.attrs.super_hop === true;
        const definedIn = str(span.attrs.defined_in) ?? "";
        return (
          <li key={span.id} style={{ paddingLeft: depth * 18 }} className={hop ? "super-hop" : ""}>
            <span className="muted mono cbv-n">{i + 1}</span>
            {hop && <span className="badge cbv-super" title="called with super() from the same method further up the MRO">super()</span>}
            <span className="mono">
              <span className="cbv-owner">{short(definedIn)}</span>.{str(span.attrs.method)}()
            </span>
            <span className="muted">{formatMs(duration(span))}</span>
            <SourceLink source={span.source} />
            {span.error && <span className="badge error">{span.error.type}</span>}
          </li>
        );
      })}
    </ol>
  );
}

function ViewCard({ index, root }: { index: SpanIndex; root: Span }) {
  const calls = methodCalls(index, root);
  const viewClass = str(calls[0]?.span.attrs.view_class) ?? str(root.attrs.view) ?? root.name;
  const anatomy = useAnatomy(viewClass);
  const ran = new Map<string, string[]>();
  for (const { span } of calls) {
    const owner = str(span.attrs.defined_in) ?? "";
    const list = ran.get(owner) ?? [];
    const method = str(span.attrs.method) ?? "";
    if (!list.includes(method)) list.push(method);
    ran.set(owner, list);
  }
  const fallback = [...new Set([viewClass, ...calls.map((c) => str(c.span.attrs.defined_in) ?? "")])];
  return (
    <section className="cbv-card" aria-label={`Class-based view ${short(viewClass)}`}>
      <header className="kv-section">
        <h3>
          <span className="mono">{viewClass}</span> <span className="muted">{str(root.attrs.route) !== null ? `route "${str(root.attrs.route)}"` : ""}</span>
        </h3>
      </header>
      <div className="cbv-columns">
        <div className="cbv-col">
          <h4>MRO</h4>
          {anatomy.kind === "loading" && <p className="muted">Asking the runtime for the class…</p>}
          {anatomy.kind === "error" && <p className="muted">The runtime could not inspect the class ({anatomy.text}); the classes below are those whose methods ran.</p>}
          <Mro anatomy={anatomy.kind === "done" ? anatomy.anatomy : null} ran={ran} fallback={fallback} />
          {anatomy.kind === "done" && <Attributes anatomy={anatomy.anatomy} />}
        </div>
        <div className="cbv-col">
          <h4>Methods that ran, in order</h4>
          <Calls calls={calls} />
        </div>
      </div>
    </section>
  );
}

export function ViewClassPanel({ index }: PanelProps) {
  const roots = index.spans.filter((s) => roleOf(s) === "view" && methodCalls(index, s).length > 0);
  if (!roots.length) {
    const fn = index.spans.find((s) => roleOf(s) === "view");
    return <p className="hint">{fn ? `${fn.name} is a function view: there is no class to show. Class-based views (View.as_view()) appear here.` : "No view ran during this request."}</p>;
  }
  return (
    <div className="cbv-panel">
      {roots.map((root) => (
        <ViewCard key={root.id} index={index} root={root} />
      ))}
    </div>
  );
}

export default ViewClassPanel;
