/**
 * Flow: the request's path through the lifecycle as a graph (@xyflow/react), laid out by dagre.
 * Request edges go down the left, response edges come back up the right; a middleware that
 * returned early is marked and the path turns back there. Click a node for its spans.
 */
import { memo, useMemo, useState } from "react";
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
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
const SIDE = { width: 170, height: 38 };

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

function layout(graph: FlowGraph, index: SpanIndex, selected: string | null): { nodes: LifecycleNode[]; edges: Edge[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 24, ranksep: 26, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.main) g.setNode(n.key, { ...MAIN });
  for (const n of graph.side) g.setNode(n.key, { ...SIDE });
  const edges: Edge[] = [];
  graph.main.forEach((n, i) => {
    const next = graph.main[i + 1];
    if (!next) return;
    g.setEdge(n.key, next.key);
    edges.push({ id: `down-${n.key}`, source: n.key, target: next.key, sourceHandle: "out", targetHandle: "in", animated: true, className: "edge-request", label: i === 0 ? "request" : undefined });
    edges.push({ id: `up-${next.key}`, source: next.key, target: n.key, sourceHandle: "back-out", targetHandle: "back-in", type: "smoothstep", className: "edge-response", label: i === 0 ? "response" : undefined });
  });
  for (const n of graph.side) {
    if (n.attachedTo) {
      g.setEdge(n.attachedTo, n.key, { minlen: 1 });
      edges.push({ id: `side-${n.key}`, source: n.attachedTo, target: n.key, sourceHandle: "side", targetHandle: "in", className: "edge-side" });
    }
  }
  dagre.layout(g);
  const nodes = [...graph.main, ...graph.side].map((n): LifecycleNode => {
    const p = g.node(n.key);
    const size = n.lane === "main" ? MAIN : SIDE;
    return { id: n.key, type: "lifecycle", width: size.width, height: size.height, style: { width: size.width, height: size.height }, position: { x: p.x - size.width / 2, y: p.y - size.height / 2 }, data: { node: n, color: colorOf(n, index), selected: n.key === selected }, draggable: false, connectable: false };
  });
  return { nodes, edges };
}

function FlowPanel({ index }: PanelProps) {
  const graph = useMemo(() => buildFlowGraph(index), [index]);
  const [selected, setSelected] = useState<string | null>(null);
  const { nodes, edges } = useMemo(() => layout(graph, index, selected), [graph, index, selected]);
  const node = [...graph.main, ...graph.side].find((n) => n.key === selected);
  if (!graph.main.length) return <p className="hint">This trace has no lifecycle spans.</p>;
  return (
    <div className="flow">
      <div className="flow-canvas" aria-label="Request flow graph" role="figure">
        <ReactFlow nodes={nodes} edges={edges} nodeTypes={NODE_TYPES} fitView fitViewOptions={{ padding: 0.12, maxZoom: 1 }} minZoom={0.3} maxZoom={1.5} proOptions={{ hideAttribution: true }} onNodeClick={(_, n) => setSelected(n.id === selected ? null : n.id)} nodesDraggable={false} nodesConnectable={false}>
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
