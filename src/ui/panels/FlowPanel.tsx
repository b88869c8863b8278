/**
 * Flow: the request's path through the lifecycle as a graph (@xyflow/react), laid out by dagre.
 * Request edges go down the left, response edges come back up the right; a middleware that
 * returned early is marked and the path turns back there. Click a node for its spans.
 */
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps, type ReactFlowInstance } from "@xyflow/react";
import dagre from "@dagrejs/dagre";
import "@xyflow/react/dist/style.css";
import { formatMs } from "../http/message";
import { visitSpanKind } from "../../trace/span";
import { buildFlowGraph, type FlowGraph, type FlowNode } from "./flow-graph";
import { KIND_LOOK } from "./kinds";
import { SpanDetail } from "./SpanDetail";
import type { PanelProps } from "./registry";
import type { SpanIndex } from "./span-index";

const MAIN = { width: 220, height: 46 };
const SIDE = { width: 150, height: 38 };
const SIDE_GAP = 36;

type LifecycleData = { node: FlowNode; color: string; selected: boolean };
type LifecycleNode = Node<LifecycleData, "lifecycle">;

const LifecycleNodeView = memo(function LifecycleNodeView({ data }: NodeProps<LifecycleNode>) {
  const { node, color } = data;
  const count = node.spans.length > 1 ? `×${node.spans.length}` : "";
  return (
    <div className={`flow-node ${node.lane}${node.error ? " error" : ""}${node.shortCircuit ? " short" : ""}${data.selected ? " selected" : ""}`} style={{ borderLeftColor: color }}>
      <Handle type="target" position={Position.Top} id="in" />
      <Handle type="source" position={Position.Bottom} id="out" />
      <Handle type="source" position={Position.Right} id="back-out" style={{ top: "70%" }} />
      <Handle type="target" position={Position.Right} id="back-in" style={{ top: "30%" }} />
      <Handle type="source" position={Position.Left} id="side" />
      <Handle type="target" position={Position.Right} id="side-in" />
      <div className="flow-node-label mono" title={node.label}>
        {node.label}
      </div>
      <div className="flow-node-meta">
        {formatMs(node.ms)} {count}
        {node.shortCircuit && <span className="badge warn">returned early</span>}
        {node.error && <span className="badge error">raised</span>}
      </div>
    </div>
  );
});

const NODE_TYPES = { lifecycle: LifecycleNodeView };

function colorOf(node: FlowNode, index: SpanIndex): string {
  const span = index.byId.get(node.spans[0]);
  return span ? visitSpanKind(span, KIND_LOOK).color : "var(--border)";
}

/**
 * Lay the main lane out with dagre (top to bottom), then put each side node to the left of the
 * main node it happened in, stacked when there are several.
 */
function layout(graph: FlowGraph, index: SpanIndex, selected: string | null): { nodes: LifecycleNode[]; edges: Edge[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 24, ranksep: 22, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.main) g.setNode(n.key, { ...MAIN });
  const edges: Edge[] = [];
  graph.main.forEach((n, i) => {
    const next = graph.main[i + 1];
    if (!next) return;
    g.setEdge(n.key, next.key);
    edges.push({ id: `down-${n.key}`, source: n.key, target: next.key, sourceHandle: "out", targetHandle: "in", className: "edge-request", label: i === 0 ? "request" : undefined });
    edges.push({ id: `up-${next.key}`, source: next.key, target: n.key, sourceHandle: "back-out", targetHandle: "back-in", type: "smoothstep", className: "edge-response", label: i === 0 ? "response" : undefined });
  });
  dagre.layout(g);
  const place = (n: FlowNode, x: number, y: number): LifecycleNode => {
    const size = n.lane === "main" ? MAIN : SIDE;
    return { id: n.key, type: "lifecycle", width: size.width, height: size.height, style: { width: size.width, height: size.height }, position: { x, y }, data: { node: n, color: colorOf(n, index), selected: n.key === selected }, draggable: false, connectable: false };
  };
  const nodes = graph.main.map((n) => {
    const p = g.node(n.key);
    return place(n, p.x - MAIN.width / 2, p.y - MAIN.height / 2);
  });
  const stacked = new Map<string, number>();
  for (const n of graph.side) {
    const parent = g.node(n.attachedTo ?? graph.main[0].key);
    const k = stacked.get(n.attachedTo ?? "") ?? 0;
    stacked.set(n.attachedTo ?? "", k + 1);
    nodes.push(place(n, parent.x - MAIN.width / 2 - SIDE_GAP - SIDE.width - k * (SIDE.width + 12), parent.y - SIDE.height / 2));
    if (n.attachedTo) edges.push({ id: `side-${n.key}`, source: n.attachedTo, target: n.key, sourceHandle: "side", targetHandle: "side-in", className: "edge-side" });
  }
  return { nodes, edges };
}

/** The flow graph; `highlight` marks one node (the Step panel's current step) instead of a clicked one. */
function FlowPanel({ index, exchange, highlight }: PanelProps & { highlight?: string | null }) {
  const graph = useMemo(() => buildFlowGraph(index), [index]);
  const [clicked, setSelected] = useState<string | null>(null);
  const selected = highlight !== undefined ? highlight : clicked;
  const { nodes, edges } = useMemo(() => layout(graph, index, selected), [graph, index, selected]);
  // Fit the graph whenever its pane changes size (panes resize, tabs show it after layout).
  const canvas = useRef<HTMLDivElement>(null);
  const flow = useRef<ReactFlowInstance<LifecycleNode> | null>(null);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(() => void flow.current?.fitView({ padding: 0.12, maxZoom: 1 }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const node = highlight !== undefined ? undefined : [...graph.main, ...graph.side].find((n) => n.key === selected);
  if (!graph.main.length) return <p className="hint">This trace has no lifecycle spans.</p>;
  return (
    <div className="flow">
      <div className="flow-canvas" aria-label="Request flow graph" role="figure" ref={canvas}>
        <ReactFlow key={exchange.id} onInit={(instance) => { flow.current = instance; }} nodes={nodes} edges={edges} nodeTypes={NODE_TYPES} fitView fitViewOptions={{ padding: 0.12, maxZoom: 1 }} minZoom={0.3} maxZoom={1.5} proOptions={{ hideAttribution: true }} onNodeClick={(_, n) => setSelected(n.id === selected ? null : n.id)} nodesDraggable={false} nodesConnectable={false}>
          <Background gap={16} size={1} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      {node && (
        <div className="flow-detail">
          {node.spans.slice(0, 20).map((id) => {
            const span = index.byId.get(id);
            return span ? <SpanDetail key={id} span={span} /> : null;
          })}
          {node.spans.length > 20 && <p className="hint">…and {node.spans.length - 20} more (see Timeline).</p>}
        </div>
      )}
    </div>
  );
}

export default FlowPanel;
