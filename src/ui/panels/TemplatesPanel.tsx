/**
 * Templates: every template rendered in the request, as the engine rendered it — the template the
 * view asked for, the parent it `{% extends %}` (with which template provided each block), each
 * `{% include %}` — with its render time, the context it saw (one layer per push: builtins, the
 * context processors, the view's context, loop and include layers) and what each `{{ variable }}`
 * resolved to. A template from the project's files can be edited here and re-rendered by the
 * runtime with the captured context.
 *
 * Jinja renders (Flask) appear the same way: each template span says how it was rendered
 * (`rendered_as`: render, extends, include, import), its block events name the template whose
 * implementation ran (`super()` included), and macro spans (`macro`) list the macros called.
 */
import { useMemo, useState } from "react";
import { visitSpanKind, type Json, type Span, type SpanKindHandlers } from "../../trace/span";
import { formatMs } from "../http/message";
import { useLab } from "../state/react";
import { useSession } from "../session-context";
import { duration, showJson, str, type SpanIndex } from "./span-index";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";

type Role = "template" | "block" | "macro" | null;
const template_or_block = (span: Span): Role =>
  typeof span.attrs.origin === "string" ? "template" : typeof span.attrs.block === "string" ? "block" : typeof span.attrs.macro === "string" ? "macro" : null;
const none = (): Role => null;

const ROLE: SpanKindHandlers<Role> = {
  template: template_or_block,
  request: none,
  gateway: none,
  handler: none,
  middleware: none,
  resolver: none,
  pattern: none,
  view: none,
  signal: none,
  receiver: none,
  exception: none,
  queryset: none,
  sql: none,
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

interface Layer {
  label: string;
  values: Record<string, Json>;
}
interface Variable {
  expr: string;
  line: number | null;
  value: Json;
}

const roleOf = (span: Span) => visitSpanKind(span, ROLE);

export function templateCount(index: SpanIndex): number | null {
  return index.spans.filter((s) => roleOf(s) === "template").length || null;
}

function layersOf(span: Span): Layer[] {
  return Array.isArray(span.attrs.context_layers) ? (span.attrs.context_layers as unknown as Layer[]) : [];
}

function variablesOf(span: Span): Variable[] {
  return Array.isArray(span.attrs.variables) ? (span.attrs.variables as unknown as Variable[]) : [];
}

/** The template spans under `span` (not nested further in another template). */
function childTemplates(index: SpanIndex, span: Span, role: Role): Span[] {
  return (index.children.get(span.id) ?? []).filter((s) => roleOf(s) === role);
}

/** How a template came to be rendered: asked for by the view, extended by a child, included. */
const JINJA_HOW: Record<string, string> = { extends: "{% extends %}", include: "{% include %}", import: "{% import %}" };

/** The nearest enclosing template span (Jinja nests macro spans between templates). */
function enclosingTemplate(index: SpanIndex, span: Span): Span | undefined {
  for (let p = span.parent === null ? undefined : index.byId.get(span.parent); p; p = p.parent === null ? undefined : index.byId.get(p.parent)) if (roleOf(p) === "template") return p;
  return undefined;
}

/**
 * Who asked for a top-level template: the view, or — when no view ran — what did (an error page
 * built by the exception handler, a middleware, the admin). Never "the view" unless one ran.
 */
function renderedBy(index: SpanIndex, span: Span): string {
  for (let p = span.parent === null ? undefined : index.byId.get(span.parent); p; p = p.parent === null ? undefined : index.byId.get(p.parent)) {
    if (p.kind === "view") return `rendered by the view ${p.name}`;
    // A TemplateResponse is rendered lazily: the view returns it unrendered and the handler calls
    // response.render() once the process_template_response hooks have run — still the view's template.
    if (p.kind === "handler" && p.name === "response.render()") {
      const view = (index.children.get(p.parent) ?? []).find((s) => s.kind === "view");
      if (view) return `rendered by the view ${view.name} (its TemplateResponse, rendered once it returned)`;
    }
    if (p.kind === "exception") return `rendered for the error page (${p.name})`;
    if (p.kind === "middleware") return `rendered by the middleware ${p.name}`;
    if (p.kind === "admin") return `rendered by the admin (${p.name})`;
    if (p.kind === "consumer" || p.kind === "command") return `rendered by ${p.name}`;
  }
  return "rendered outside any view";
}

/** `<unknown source>` is Django's name for a template built from a string (`Template("...")`). */
function templateTitle(name: string): string {
  return name === "<unknown source>" ? "a template from a string (<unknown source>)" : name;
}

function howRendered(index: SpanIndex, span: Span): string {
  const how = str(span.attrs.rendered_as);
  if (how && JINJA_HOW[how]) {
    const by = enclosingTemplate(index, span);
    return how === "extends" ? `parent of ${by?.name ?? "?"} (${JINJA_HOW[how]})` : `${how === "import" ? "imported" : "included"} by ${by?.name ?? "?"} (${JINJA_HOW[how]})`;
  }
  const parent = span.parent === null ? undefined : index.byId.get(span.parent);
  if (!parent || roleOf(parent) !== "template") return renderedBy(index, span);
  if (str(parent.attrs.extends) === span.name) return `parent of ${parent.name} ({% extends %})`;
  return `included by ${parent.name}`;
}

/**
 * The context to re-render with: every layer flattened, later layers winning, as a Context looks
 * names up. A child's own snapshot is taken before the context processors run, so a template that
 * extends another uses its parent's snapshot (the same Context, a moment later).
 */
function captured(index: SpanIndex, span: Span): { context: Record<string, Json>; lossy: string[] } {
  const parent = childTemplates(index, span, "template").find((c) => c.name === str(span.attrs.extends));
  const layers = layersOf(parent ?? span).filter((l) => l.label !== "builtins" && l.label !== "block");
  const context: Record<string, Json> = {};
  for (const layer of layers) Object.assign(context, layer.values);
  const lossy = Object.entries(context)
    .filter(([, v]) => typeof v === "string" && /^<.*>$/s.test(v))
    .map(([k]) => k);
  return { context, lossy };
}

function Layers({ layers }: { layers: Layer[] }) {
  return (
    <div className="tpl-layers">
      {layers.map((layer, i) => (
        <div key={i} className="tpl-layer">
          <div className="tpl-layer-label">
            {i + 1}. {layer.label} <span className="muted">({Object.keys(layer.values).length})</span>
          </div>
          {Object.keys(layer.values).length > 0 && (
            <dl className="kv">
              {Object.entries(layer.values).map(([k, v]) => (
                <div className="kv-row" key={k}>
                  <dt className="mono">{k}</dt>
                  <dd className="mono">{showJson(v)}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      ))}
    </div>
  );
}

function Variables({ variables }: { variables: Variable[] }) {
  if (!variables.length) return <p className="muted tpl-none">No variable was resolved directly in this template.</p>;
  return (
    <table className="tpl-vars">
      <thead>
        <tr>
          <th>line</th>
          <th>{"{{ expression }}"}</th>
          <th>resolved to</th>
        </tr>
      </thead>
      <tbody>
        {variables.map((v, i) => (
          <tr key={i}>
            <td className="mono muted">{v.line ?? ""}</td>
            <td className="mono">{v.expr}</td>
            <td className="mono">{v.value === "" ? <span className="muted">"" (empty)</span> : showJson(v.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Jinja: the macros called while this template rendered, with the template defining each. */
function Macros({ index, span }: { index: SpanIndex; span: Span }) {
  const macros = (index.children.get(span.id) ?? []).filter((s) => roleOf(s) === "macro");
  if (!macros.length) return null;
  return (
    <div className="tpl-blocks">
      <span className="muted">Macros called:</span>
      {macros.map((m) => (
        <span key={m.id} className="badge" title={`defined in ${str(m.attrs.defined_in) ?? "this template"}`}>
          {str(m.attrs.macro)}({Array.isArray(m.attrs.arguments) ? (m.attrs.arguments as string[]).join(", ") : ""}) · {formatMs(duration(m))}
        </span>
      ))}
    </div>
  );
}

function Blocks({ index, span }: { index: SpanIndex; span: Span }) {
  const blocks = childTemplates(index, span, "block");
  if (!blocks.length) return null;
  return (
    <div className="tpl-blocks">
      <span className="muted">Blocks:</span>
      {blocks.map((b) => {
        const from = str(b.attrs.overridden_in) ?? "?";
        const own = from === str(span.attrs.origin);
        return (
          <span key={b.id} className={`badge${own ? "" : " tpl-overridden"}`} title={own ? "the parent's own content (or block.super)" : `overridden in ${from}`}>
            {str(b.attrs.block)} ← {from.split("/").pop()}
          </span>
        );
      })}
    </div>
  );
}

type RenderState = { kind: "idle" } | { kind: "busy" } | { kind: "done"; html: string } | { kind: "error"; text: string };

function Rerender({ index, span }: { index: SpanIndex; span: Span }) {
  const session = useSession();
  const origin = str(span.attrs.origin) ?? "";
  const fileSource = useLab((s) => s.files[origin]);
  const [source, setSource] = useState(fileSource ?? "");
  const [state, setState] = useState<RenderState>({ kind: "idle" });
  const { context, lossy } = useMemo(() => captured(index, span), [index, span]);
  if (fileSource === undefined) return <p className="hint">{origin} is not one of the project's files, so it cannot be edited here.</p>;
  const run = async () => {
    setState({ kind: "busy" });
    const outcome = await session.renderTemplate(source, context);
    if (outcome.kind !== "done") setState({ kind: "error", text: outcome.kind === "deadline" ? "The render did not finish before the deadline." : outcome.error.message });
    else if (!outcome.value.ok) setState({ kind: "error", text: `${outcome.value.error.type}: ${outcome.value.error.message}` });
    else setState({ kind: "done", html: outcome.value.html });
  };
  return (
    <div className="tpl-editor">
      <p className="muted">
        Edit {origin} and re-render it with the context this request captured. The edit stays here: change the file in the editor to keep it.
      </p>
      {lossy.length > 0 && (
        <p className="tpl-lossy" role="note">
          Captured as text only (they were objects — QuerySets, model instances, forms — and the trace keeps their repr):{" "}
          <span className="mono">{lossy.join(", ")}</span>. Lookups into them (<span className="mono">page_obj.number</span>) render empty here.
        </p>
      )}
      <textarea className="mono tpl-source" aria-label={`Source of ${origin}`} spellCheck={false} value={source} onChange={(e) => setSource(e.target.value)} rows={Math.min(18, source.split("\n").length + 1)} />
      <div className="tpl-editor-actions">
        <button className="primary" onClick={() => void run()} disabled={state.kind === "busy"}>
          Re-render
        </button>
        <button className="link-button" onClick={() => setSource(fileSource)}>
          Reset to the file
        </button>
        {state.kind === "busy" && <span className="muted">Rendering…</span>}
      </div>
      {state.kind === "error" && <p className="error-text mono">{state.text}</p>}
      {state.kind === "done" && (
        <div className="tpl-output" role="region" aria-label="Re-rendered output">
          <iframe title="Re-rendered template" sandbox="" srcDoc={state.html} />
          <details>
            <summary>HTML ({state.html.length} characters)</summary>
            <pre className="mono">{state.html}</pre>
          </details>
        </div>
      )}
    </div>
  );
}

function TemplateCard({ index, span }: { index: SpanIndex; span: Span }) {
  const [editing, setEditing] = useState(false);
  const origin = str(span.attrs.origin) ?? "";
  const layers = layersOf(span);
  const variables = variablesOf(span);
  const jinja = span.attrs.engine === "jinja2";
  const extendsName = str(span.attrs.extends) ?? (jinja ? childTemplates(index, span, "template").find((c) => c.attrs.rendered_as === "extends")?.name : undefined);
  const depth = (() => {
    let d = 0;
    for (let p = span.parent === null ? undefined : index.byId.get(span.parent); p; p = p.parent === null ? undefined : index.byId.get(p.parent)) if (roleOf(p) === "template") d++;
    return d;
  })();
  return (
    <li className="tpl-card" style={{ marginLeft: depth * 16 }} aria-label={`Template ${span.name}`}>
      <header className="tpl-head">
        <strong className="mono">{templateTitle(span.name)}</strong>
        <span className="muted">{howRendered(index, span)}</span>
        <span className="mono">{formatMs(duration(span))}</span>
        <SourceLink source={{ file: origin }} />
        {!jinja && (
          <button className="link-button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? "Close editor" : "Edit & re-render"}
          </button>
        )}
      </header>
      {extendsName && (
        <div className="tpl-chain">
          <span className="badge">extends</span> <span className="mono">{extendsName}</span>
          {Array.isArray(span.attrs.blocks) && <span className="muted"> · overrides {(span.attrs.blocks as string[]).map((b) => `{% block ${b} %}`).join(", ")}</span>}
        </div>
      )}
      <Blocks index={index} span={span} />
      <Macros index={index} span={span} />
      {span.error && <p className="error-text mono">{span.error.type}: {span.error.message}</p>}
      <details>
        <summary>
          Variables resolved <span className="muted">({variables.length})</span>
        </summary>
        <Variables variables={variables} />
      </details>
      <details>
        <summary>
          Context <span className="muted">({layers.length} layers)</span>
        </summary>
        <Layers layers={layers} />
      </details>
      {editing && <Rerender index={index} span={span} />}
    </li>
  );
}

export function TemplatesPanel({ index }: PanelProps) {
  const templates = index.spans.filter((s) => roleOf(s) === "template");
  if (!templates.length) return <p className="hint">No template was rendered during this request.</p>;
  const total = templates.filter((s) => {
    const parent = s.parent === null ? undefined : index.byId.get(s.parent);
    return !parent || roleOf(parent) !== "template";
  });
  return (
    <div className="tpl-panel">
      <div className="kv-section">
        {templates.length} template render{templates.length === 1 ? "" : "s"} ({new Set(templates.map((t) => t.name)).size} distinct) in {formatMs(total.reduce((ms, s) => ms + duration(s), 0))}. Times include the
        templates each one pulls in.
      </div>
      <ol className="tpl-list">
        {templates.map((span) => (
          <TemplateCard key={span.id} index={index} span={span} />
        ))}
      </ol>
    </div>
  );
}

export default TemplatesPanel;
