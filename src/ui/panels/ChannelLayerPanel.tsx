/**
 * Channel layer: the groups and who is in them (each member a consumer and its client), how
 * membership changed over the session, and each `group_send` drawn fanning out (@xyflow/react):
 * the sender → the group → every channel it reached → the client that consumer serves. Choose a
 * send in the list to draw it; by default the latest one of the selected step, else the session's
 * latest.
 */
import { useMemo, useState } from "react";
import { Background, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useLab, useLabStore } from "../state/react";
import { channelLabel, layerHistory, type LayerEvent, type LayerHistory } from "./channels-data";
import { showJson } from "./span-index";

type FanNodeData = { label: string; sub: string; role: "sender" | "group" | "recipient" | "full" };
type FanNode = Node<FanNodeData, "fan">;

function FanNodeView({ data }: NodeProps<FanNode>) {
  return (
    <div className={`fan-node ${data.role}`} data-role={data.role}>
      <Handle type="target" position={Position.Top} />
      <div className="fan-node-label">{data.label}</div>
      {data.sub && <div className="fan-node-sub mono muted">{data.sub}</div>}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

const NODE_TYPES = { fan: FanNodeView };
const COLUMN = 180;
const ROW = 78;

/** A group_send → the sender on top, the group below it, the channels it reached in a row under that. */
function fanOut(event: LayerEvent, history: LayerHistory): { nodes: FanNode[]; edges: Edge[] } {
  const reached = [...event.recipients.map((c) => ({ channel: c, full: false })), ...event.full.map((c) => ({ channel: c, full: true }))];
  const width = Math.max(reached.length, 1) * COLUMN;
  const middle = width / 2 - COLUMN / 2;
  const owner_of_sender = event.sender ? history.owners.get(event.sender) : undefined;
  const sender = event.sender ? (owner_of_sender?.client ?? channelLabel(event.sender, history.owners)) : "a view (no consumer)";
  const sender_sub = [owner_of_sender?.consumer, event.message_type].filter(Boolean).join(" · ");
  const nodes: FanNode[] = [
    { id: "sender", type: "fan", position: { x: middle, y: 0 }, data: { label: sender, sub: sender_sub, role: "sender" } },
    { id: "group", type: "fan", position: { x: middle, y: ROW }, data: { label: `group ${event.group}`, sub: `${event.recipients.length} member${event.recipients.length === 1 ? "" : "s"}`, role: "group" } },
    ...reached.map(({ channel, full }, i): FanNode => {
      const owner = history.owners.get(channel);
      return {
        id: `r${i}`,
        type: "fan",
        position: { x: i * COLUMN, y: 2 * ROW },
        data: { label: owner?.client ?? (owner ? owner.consumer : channel), sub: full ? "channel full: skipped" : owner ? `${owner.consumer}.${(event.message_type ?? "").replace(/\./g, "_")}()` : channel, role: full ? "full" : "recipient" },
      };
    }),
  ];
  const edges: Edge[] = [
    { id: "s-g", source: "sender", target: "group", animated: true, label: "group_send" },
    ...reached.map(({ full }, i): Edge => ({ id: `g-r${i}`, source: "group", target: `r${i}`, animated: !full, style: full ? { strokeDasharray: "4 4" } : undefined })),
  ];
  return { nodes, edges };
}

export default function ChannelLayerPanel() {
  const store = useLabStore();
  const exchanges = useLab((s) => s.exchanges);
  const selected = useLab((s) => s.selected);
  const history = useMemo(() => layerHistory(exchanges), [exchanges]);
  const sends = history.events.filter((e) => e.op === "group_send" && !e.error);
  const [chosen, setChosen] = useState<string | null>(null);
  const keyOf = (e: LayerEvent) => `${e.exchange}:${e.span}`;
  const shown = sends.find((e) => keyOf(e) === chosen) ?? [...sends].reverse().find((e) => e.exchange === selected) ?? sends[sends.length - 1] ?? null;
  const graph = useMemo(() => (shown ? fanOut(shown, history) : null), [shown, history]);
  if (!history.events.length) return <p className="hint">Nothing on the channel layer yet: connect clients to a consumer that joins a group.</p>;
  return (
    <div className="channel-layer">
      <section aria-label="Groups">
        <h3>Groups now</h3>
        {history.groups.size === 0 && <p className="muted">No groups: every member has left.</p>}
        <ul className="group-list">
          {[...history.groups].map(([group, members]) => (
            <li key={group} className="group-row" data-group={group}>
              <span className="mono group-name">{group}</span>
              <span className="muted">
                {members.length} member{members.length === 1 ? "" : "s"}:
              </span>
              {members.map((m) => (
                <span key={m} className="chip member" title={m}>
                  {channelLabel(m, history.owners)}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </section>
      {shown && graph && (
        <section aria-label="Fan-out">
          <h3>
            Fan-out: <span className="mono">group_send {shown.group}</span> <span className="muted">→ {shown.recipients.length} consumer{shown.recipients.length === 1 ? "" : "s"}</span>
          </h3>
          <div className="fan-graph">
            <ReactFlow nodes={graph.nodes} edges={graph.edges} nodeTypes={NODE_TYPES} fitView fitViewOptions={{ maxZoom: 1, padding: 0.1 }} proOptions={{ hideAttribution: true }} nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} zoomOnScroll={false} panOnDrag={false}>
              <Background gap={16} size={1} />
            </ReactFlow>
          </div>
          <p className="muted mono fan-message">{showJson(shown.message)}</p>
        </section>
      )}
      <section aria-label="Over time">
        <h3>Over time</h3>
        <ol className="layer-events">
          {history.events.map((e) => (
            <li key={`${e.exchange}-${e.span}`} className={`layer-event op-${e.op}${e === shown ? " shown" : ""}${e.error ? " has-error" : ""}`}>
              <button
                className="layer-event-button"
                onClick={() => {
                  if (e.op === "group_send") setChosen(keyOf(e));
                  store.setState({ selected: e.exchange, step: null });
                }}
              >
                <span className="mono op">{e.op}</span>
                <span className="mono">{e.group ?? (e.channel ? channelLabel(e.channel, history.owners) : "")}</span>
                <span className="muted grow">{describe(e, history)}</span>
              </button>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function describe(e: LayerEvent, history: LayerHistory): string {
  if (e.error) return e.error;
  const who = e.channel ? channelLabel(e.channel, history.owners) : "";
  switch (e.op) {
    case "group_add":
      return `${who} joined · ${e.members?.length ?? "?"} member(s)`;
    case "group_discard":
      return `${who} left · ${e.members?.length ?? 0} member(s)`;
    case "group_send":
      return `${e.message_type ?? "?"} → ${e.recipients.map((c) => channelLabel(c, history.owners)).join(", ") || "nobody"}${e.full.length ? ` (full: ${e.full.length})` : ""}`;
    case "send":
      return `${e.message_type ?? "?"} → ${who}`;
    case "new_channel":
      return `a consumer's own channel`;
    default:
      return "";
  }
}
