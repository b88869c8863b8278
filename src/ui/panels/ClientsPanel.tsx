/**
 * Clients: the simulated WebSocket clients of an ASGI project. Open one (a name, a path, the
 * subprotocols to offer, with or without the site's cookies), watch its frame log — what it sent,
 * what the server sent it (text, JSON shown formatted, binary in hex), the close code — and send
 * frames from its composer. A Preview page's sockets are listed too. Each step is an exchange:
 * clicking a log line shows the trace of the step that produced it.
 */
import { useMemo, useState, type FormEvent } from "react";
import { useLab, useLabStore } from "../state/react";
import { useSession } from "../session-context";
import type { FrameEntry, SocketClient } from "../state/store";
import type { ScenarioScriptStep } from "../../scenarios/format";
import { asJson, parseHex } from "../http/websocket";

/** A path to offer first: the lesson's first `connect`, else a generic one. */
function defaultPath(script: ScenarioScriptStep[] | undefined): string {
  const connect = script?.find((step): step is Extract<ScenarioScriptStep, { connect: string }> => "connect" in step);
  return connect?.connect ?? "/ws/";
}

/** The lesson's client names, in order, then "client N". */
function nextName(script: ScenarioScriptStep[] | undefined, taken: SocketClient[]): string {
  const names = [...new Set((script ?? []).flatMap((step) => ("client" in step ? [step.client] : [])))];
  const free = names.find((n) => !taken.some((c) => c.name === n));
  if (free) return free;
  for (let i = 1; ; i++) if (!taken.some((c) => c.name === `client ${i}`)) return `client ${i}`;
}

export function clientCount(clients: SocketClient[]): number | null {
  const open = clients.filter((c) => c.state === "open").length;
  return open || null;
}

export function ClientsPanel() {
  const clients = useLab((s) => s.clients);
  const scenario = useLab((s) => s.scenario);
  const session = useSession();
  const [name, setName] = useState("");
  const [path, setPath] = useState("");
  const [protocols, setProtocols] = useState("");
  const [privateWindow, setPrivateWindow] = useState(false);
  const shownName = name || nextName(scenario?.script, clients);
  const shownPath = path || defaultPath(scenario?.script);

  const connect = (event: FormEvent) => {
    event.preventDefault();
    const target = shownPath.startsWith("/") ? shownPath : `/${shownPath}`;
    const subprotocols = protocols.split(",").map((p) => p.trim()).filter(Boolean);
    setName("");
    void session.openClient(shownName.trim() || "client", target, { subprotocols, private: privateWindow });
  };

  return (
    <div className="clients-panel">
      <form className="client-new" onSubmit={connect} aria-label="New WebSocket client">
        <label className="field">
          <span className="field-label">Name</span>
          <input className="input" value={name} placeholder={shownName} onChange={(e) => setName(e.target.value)} aria-label="Client name" maxLength={40} />
        </label>
        <label className="field grow">
          <span className="field-label">Path</span>
          <input className="input mono" value={path} placeholder={shownPath} onChange={(e) => setPath(e.target.value)} aria-label="WebSocket path" />
        </label>
        <label className="field">
          <span className="field-label">Subprotocols</span>
          <input className="input mono" value={protocols} placeholder="none" onChange={(e) => setProtocols(e.target.value)} aria-label="Subprotocols" size={8} />
        </label>
        <label className="field" title="Connect without the site's cookies (a private window)">
          <input type="checkbox" checked={privateWindow} onChange={(e) => setPrivateWindow(e.target.checked)} /> <span className="field-label">No cookies</span>
        </label>
        <button className="primary" type="submit">
          Connect
        </button>
        {scenario?.script?.some((s) => "client" in s) && (
          <button className="button" type="button" onClick={() => void session.runScript()} title="Run the lesson's script: its requests and client steps, in order">
            Run the lesson's script
          </button>
        )}
      </form>
      {!clients.length && <p className="hint">No clients yet. Connect one (or two, to chat), or open a page whose JavaScript opens a WebSocket in the Preview.</p>}
      <div className="client-list">
        {clients.map((client) => (
          <ClientCard key={client.name} client={client} />
        ))}
      </div>
    </div>
  );
}

function stateLabel(client: SocketClient): string {
  if (client.state === "closed") return client.close ? `closed ${client.close.code}${client.close.reason ? ` ${client.close.reason}` : ""}` : "closed";
  return client.state === "open" ? (client.subprotocol ? `open · ${client.subprotocol}` : "open") : "connecting…";
}

function ClientCard({ client }: { client: SocketClient }) {
  const session = useSession();
  const [text, setText] = useState("");
  const [mode, setMode] = useState<"text" | "json" | "hex">("text");
  const [error, setError] = useState<string | null>(null);
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (mode === "hex") {
      const bytes = parseHex(text);
      if (!bytes) return setError("Hex bytes, like 00 ff 10.");
      setError(null);
      void session.sendFrame(client.name, { bytes });
    } else {
      if (mode === "json") {
        try {
          JSON.parse(text);
        } catch (e) {
          return setError(`Not JSON: ${(e as Error).message}`);
        }
      }
      setError(null);
      void session.sendFrame(client.name, { text });
    }
    setText("");
  };
  const open = client.state === "open";
  return (
    <section className={`client-card client-${client.state}`} aria-label={`Client ${client.name}`}>
      <header className="client-head">
        <span className={`client-dot ${client.state}`} aria-hidden="true" />
        <strong>{client.name}</strong>
        <span className="mono muted grow">
          {client.target}
          {client.port ? ` · port ${client.port}` : ""}
          {client.origin === "preview" ? " · Preview page" : ""}
        </span>
        <span className="client-state muted">{stateLabel(client)}</span>
        {client.state !== "closed" ? (
          <button className="button small" onClick={() => void session.closeClient(client.name)} title="Close the connection (code 1000)">
            Close
          </button>
        ) : (
          <>
            {client.origin === "panel" && (
              <button className="button small" onClick={() => void session.openClient(client.name, client.target)}>
                Reconnect
              </button>
            )}
            <button className="button small" onClick={() => session.removeClient(client.name)} aria-label={`Remove ${client.name}`}>
              ×
            </button>
          </>
        )}
      </header>
      <FrameLog log={client.log} />
      {client.origin === "panel" && (
        <form className="client-composer" onSubmit={send}>
          <input className="input mono grow" value={text} onChange={(e) => setText(e.target.value)} placeholder={mode === "json" ? '{"message": "hello"}' : mode === "hex" ? "00 ff 10" : "a text frame"} aria-label={`Message from ${client.name}`} disabled={!open} />
          <select className="input" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)} aria-label="Frame type" disabled={!open}>
            <option value="text">Text</option>
            <option value="json">JSON</option>
            <option value="hex">Binary (hex)</option>
          </select>
          <button className="button" type="submit" disabled={!open}>
            Send
          </button>
          {error && <span className="error-text">{error}</span>}
        </form>
      )}
    </section>
  );
}

function FrameLog({ log }: { log: FrameEntry[] }) {
  const store = useLabStore();
  if (!log.length) return null;
  return (
    <ol className="frame-log" aria-label="Frames">
      {log.map((entry) => (
        <li key={entry.id} className={`frame frame-${entry.dir} frame-${entry.kind}`}>
          <span className="frame-dir" aria-label={entry.dir === "out" ? "sent" : entry.dir === "in" ? "received" : "note"}>
            {entry.dir === "out" ? "→" : entry.dir === "in" ? "←" : "·"}
          </span>
          <FrameBody entry={entry} />
          {entry.exchange !== null && (
            <button className="link-button muted" onClick={() => store.setState({ selected: entry.exchange, step: null })} title="Show the trace of the step that produced it">
              trace
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}

function FrameBody({ entry }: { entry: FrameEntry }) {
  const json = useMemo(() => (entry.kind === "text" && entry.text ? asJson(entry.text) : undefined), [entry]);
  switch (entry.kind) {
    case "connect":
      return <span className="mono grow">connect {entry.text}</span>;
    case "accept":
      return <span className="grow">accepted {entry.text && <span className="mono muted">{entry.text}</span>}</span>;
    case "refused":
      return <span className="grow error-text">refused: {entry.text}</span>;
    case "close":
      return (
        <span className="grow">
          close <span className="mono">{entry.code}</span> {entry.reason && <span className="muted">{entry.reason}</span>}
        </span>
      );
    case "error":
      return <span className="grow error-text">{entry.text}</span>;
    case "bytes":
      return (
        <span className="grow">
          <span className="chip">binary</span> <span className="mono">{entry.hex}</span> <span className="muted">({entry.size} bytes)</span>
        </span>
      );
    case "text":
      return json !== undefined ? (
        <span className="grow">
          <span className="chip">JSON</span> <code className="mono frame-text">{JSON.stringify(json)}</code>
        </span>
      ) : (
        <code className="mono grow frame-text">{entry.text}</code>
      );
  }
}
