/**
 * Terminal: the project's program — `python manage.py <command>` (Django), `flask <command>`
 * (Flask): the mode's `command_line` — typed into a real terminal (@xterm/xterm, loaded with this
 * panel) → run as a process in the runtime worker, through the checked
 * protocol (`command` messages: `manage`, `manage_input`, `manage_interrupt`). Prompts
 * (createsuperuser, shell, dbshell) pause the process until the next line; ↑/↓ walk the history.
 * Under it, the last command's trace: django.setup(), settings read lazily, apps.populate
 * importing each app and its models, ready(), then the command (and the SQL it ran).
 * Main component: `TerminalPanel`; the state lives in `TerminalModel` (terminal-model.ts), one per
 * session, so the transcript and a paused shell survive switching tabs.
 */
import { useEffect, useMemo, useReducer, useRef } from "react";
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";
import "./terminal.css";
import { useSession } from "../session-context";
import type { Session } from "../session";
import { TerminalModel } from "./terminal-model";
import { visitSpanKind, type Span } from "../../trace/span";
import { KIND_LOOK } from "./kinds";
import { mode_descriptor } from "../../modes/descriptors";

const MODELS = new WeakMap<Session, TerminalModel>();

function modelOf(session: Session): TerminalModel {
  let model = MODELS.get(session);
  if (!model) {
    model = new TerminalModel(
      (command) => session.manage(command),
      () => mode_descriptor(session.store.getState().scenario?.framework ?? "")?.command_line ?? null,
    );
    MODELS.set(session, model);
  }
  return model;
}

/** A few of a span's attributes, short, for the trace list. */
function attrsLine(span: Span): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(span.attrs)) {
    if (value === null || value === undefined || typeof value === "object" || (span.kind === "sql" && key === "sql")) continue;
    const text = String(value);
    parts.push(`${key}=${text.length > 80 ? `${text.slice(0, 79)}…` : text}`);
    if (parts.length === 3) break;
  }
  return parts.join(" ");
}

function CommandTrace({ model }: { model: TerminalModel }) {
  const last = model.last;
  const rows = useMemo(() => {
    if (!last) return [];
    const depth = new Map<number, number>();
    return last.trace.spans.slice(0, 2000).map((s) => {
      const d = s.parent === null ? 0 : (depth.get(s.parent) ?? 0) + 1;
      depth.set(s.id, d);
      return { span: s, depth: d };
    });
  }, [last]);
  if (!last) return <p className="hint">Run a command: its trace shows here — settings read on first access, apps.populate importing each app and its models, ready(), then the command.</p>;
  return (
    <section className="terminal-trace" aria-label="Command trace">
      <h3>
        Trace of <code>{last.title}</code>
        {last.exit_code !== null && <span className="muted"> · exit status {last.exit_code}</span>} <span className="muted">· {last.trace.spans.length} spans</span>
      </h3>
      <ol className="terminal-trace-list">
        {rows.map(({ span, depth }) => {
          const look = visitSpanKind(span, KIND_LOOK);
          return (
            <li key={span.id} style={{ paddingLeft: depth * 14 }} className={[span.kind === "sql" ? "terminal-trace-sql" : "", span.error ? "error-text" : ""].join(" ").trim() || undefined}>
              <span className="terminal-trace-kind" style={{ color: look.color }}>
                {look.label}
              </span>{" "}
              {/* A statement is shown whole (it wraps): it is what the learner came to see. */}
              <span className="mono">{span.kind === "sql" && typeof span.attrs.sql === "string" ? span.attrs.sql : span.name}</span> <span className="muted mono">{attrsLine(span)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export default function TerminalPanel() {
  const session = useSession();
  const model = modelOf(session);
  const program = mode_descriptor(session.store.getState().scenario?.framework ?? "")?.command_line?.invocations[0]?.join(" ") ?? "";
  const host = useRef<HTMLDivElement>(null);
  const [, refresh] = useReducer((n: number) => n + 1, 0);

  useEffect(() => model.subscribe(refresh), [model]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const term = new Terminal({
      convertEol: false,
      cursorBlink: true,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: { background: "#101318", foreground: "#e4e7ec", cursor: "#e4e7ec", selectionBackground: "#26354d" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    const screen = { write: (text: string) => term.write(text), clear: () => term.reset() };
    model.attach(screen);
    const typed = term.onData((data) => void model.input(data));
    const fitNow = () => {
      try {
        fit.fit();
      } catch {
        // Not laid out yet (a hidden tab): the next resize fits it.
      }
    };
    fitNow();
    const observer = new ResizeObserver(fitNow);
    observer.observe(element);
    term.focus();
    return () => {
      observer.disconnect();
      typed.dispose();
      model.detach(screen);
      term.dispose();
    };
  }, [model]);

  return (
    <div className="terminal-panel">
      <div className="terminal-status muted" role="status" aria-label="Terminal status">
        {model.busy ? "Running…" : model.prompt ? `Waiting for input: ${model.prompt.secret ? "(not echoed)" : "type a line, Ctrl-D to end, Ctrl-C to interrupt"}` : `Ready: ${program} <command>`}
      </div>
      <div className="terminal-host" role="group" aria-label="Terminal">
        {/* xterm fits its rows to this box: no padding of its own, or the last row would be cut. */}
        <div className="terminal-screen" ref={host} />
      </div>
      <CommandTrace model={model} />
    </div>
  );
}
