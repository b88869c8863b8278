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

const MAIN = { width: 190, height: 46 };
const SIDE = { width: 132, height: 40 };
const SIDE_GAP = 24;
/** Room right of the main lane for the response edges looping back up, and their label. */
const RESPONSE_ROOM = 64;

type LifecycleData = { node: FlowNode; color: string; selected: boolean };
type LifecycleNode = Node<LifecycleData, "lifecycle">;

const NOUNS: Record<string, [string, string]> = {
  sql: ["query", "queries"],
  orm: ["QuerySet", "QuerySets"],
  templates: ["template", "templates"],
  signals: ["signal", "signals"],
  modules: ["module", "modules"],
  logs: ["line", "lines"],
  forms: ["form", "forms"],
};

/** "8 queries · 3.1 ms" for a side node; the time alone for a main one. */
function metaText(node: FlowNode): string {
  if (node.unreached) return "not reached";
  const noun = NOUNS[node.key];
  if (node.lane === "side" && noun) return `${node.count} ${node.count === 1 ? noun[0] : noun[1]} · ${formatMs(node.ms)}`;
  if (node.lane === "side" && node.count > 1) return `×${node.count} · ${formatMs(node.ms)}`;
  return formatMs(node.ms);
}

const LifecycleNodeView = memo(function LifecycleNodeView({ data }: NodeProps<LifecycleNode>) {
  const { node, color } = data;
  const classes = ["flow-node", node.lane, node.error && "error", node.shortCircuit && "short", node.unreached && "unreached", data.selected && "selected"].filter(Boolean).join(" ");
  return (
    <div className={classes} style={{ borderLeftColor: color }} data-node={node.key}>
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
        <span className="flow-node-count">{metaText(node)}</span>
        {node.threadpool.length > 0 && (
          <span className="badge" title={`run_in_threadpool: ${node.threadpool.join(", ")}`}>
            threadpool
          </span>
        )}
        {node.shortCircuit && <span className="badge warn">returned early</span>}
        {node.error && <span className="badge error">raised</span>}
      </div>
    </div>
  );
});

const NODE_TYPES = { lifecycle: LifecycleNodeView };

function colorOf(node: FlowNode, index: SpanIndex): string {
  const span = index.byId.get(node.spans[0]);
  return span ? visitSpanKind(span, KIND_LOOK).color : node.unreached ? "var(--k-middleware)" : "var(--border)";
}

interface Layout {
  nodes: LifecycleNode[];
  edges: Edge[];
  /** What fitView frames: symmetric around the main lane, so the lane sits in the middle. */
  bounds: { x: number; y: number; width: number; height: number };
}

/**
 * Lay the main lane out with dagre (top to bottom), then put the side nodes in one column to the
 * left of it, each level with the main node it happened in (pushed down when they would overlap).
 * Request edges go down the lane, response edges loop back up its right side; the path is drawn
 * only through the layers that ran, the unreached ones hang dimmed below the short-circuit.
 */
function layout(graph: FlowGraph, index: SpanIndex, selected: string | null): Layout {
  // A trace without lifecycle spans (tracing off) has nothing to lay out; the panel says so.
  if (!graph.main.length) return { nodes: [], edges: [], bounds: { x: 0, y: 0, width: 0, height: 0 } };
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 24, ranksep: 22, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.main) g.setNode(n.key, { ...MAIN });
  const edges: Edge[] = [];
  const ran = graph.main.filter((n) => !n.unreached);
  graph.main.forEach((n, i) => {
    const next = graph.main[i + 1];
    if (next) g.setEdge(n.key, next.key);
  });
  ran.forEach((n, i) => {
    const next = ran[i + 1];
    if (!next) return;
    const adjacent = graph.main.indexOf(next) === graph.main.indexOf(n) + 1;
    if (!adjacent) return;
    edges.push({ id: `down-${n.key}`, source: n.key, target: next.key, sourceHandle: "out", targetHandle: "in", className: "edge-request", label: i === 0 ? "request" : undefined });
    edges.push({ id: `up-${next.key}`, source: next.key, target: n.key, sourceHandle: "back-out", targetHandle: "back-in", type: "smoothstep", className: "edge-response", label: i === 0 ? "response" : undefined });
  });
  graph.main.forEach((n, i) => {
    const next = graph.main[i + 1];
    if (next?.unreached) edges.push({ id: `skip-${next.key}`, source: n.key, target: next.key, sourceHandle: "out", targetHandle: "in", className: "edge-unreached" });
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
  const laneX = g.node(graph.main[0].key).x;
  const sideX = laneX - MAIN.width / 2 - SIDE_GAP - SIDE.width;
  let bottom = -Infinity;
  const order = graph.main.map((n) => n.key);
  const sides = [...graph.side].sort((a, b) => order.indexOf(a.attachedTo ?? "") - order.indexOf(b.attachedTo ?? ""));
  for (const n of sides) {
    const parent = g.node(n.attachedTo ?? graph.main[0].key) ?? g.node(graph.main[0].key);
    const y = Math.max(parent.y - SIDE.height / 2, bottom + 8);
    bottom = y + SIDE.height;
    nodes.push(place(n, sideX, y));
    if (n.attachedTo) edges.push({ id: `side-${n.key}`, source: n.attachedTo, target: n.key, sourceHandle: "side", targetHandle: "side-in", className: "edge-side" });
  }
  const top = Math.min(...nodes.map((n) => n.position.y));
  const end = Math.max(...nodes.map((n) => n.position.y + (n.height ?? 0)));
  const half = Math.max(MAIN.width / 2 + RESPONSE_ROOM, sides.length ? laneX - sideX : 0);
  return { nodes, edges, bounds: { x: laneX - half, y: top, width: 2 * half, height: end - top } };
}

/**
 * The flow graph; `highlight` marks one node (the Step panel's current step) instead of a clicked one.
 * `spotlight`: the view follows the highlighted node at a readable zoom (`spotlightZoom`, 1 by default)
 * and dims the others, rather than shrinking the whole graph into the pane.
 */
function FlowPanel({ index, exchange, highlight, spotlight = false, spotlightZoom = 1 }: PanelProps & { highlight?: string | null; spotlight?: boolean; spotlightZoom?: number }) {
  const graph = useMemo(() => buildFlowGraph(index, exchange.middleware ?? []), [index, exchange]);
  const [clicked, setSelected] = useState<string | null>(null);
  const selected = highlight !== undefined ? highlight : clicked;
  const { nodes, edges, bounds } = useMemo(() => layout(graph, index, selected), [graph, index, selected]);
  // Fit the graph whenever its pane changes size (panes resize, tabs show it after layout).
  const canvas = useRef<HTMLDivElement>(null);
  const flow = useRef<ReactFlowInstance<LifecycleNode> | null>(null);
  const frame = useRef({ bounds, nodes, selected, spotlight, spotlightZoom });
  frame.current = { bounds, nodes, selected, spotlight, spotlightZoom };
  const fit = (animate = false) => {
    const instance = flow.current;
    const el = canvas.current;
    if (!instance || !el) return;
    const { bounds, nodes, selected, spotlight, spotlightZoom } = frame.current;
    const target = spotlight ? nodes.find((n) => n.id === selected) : undefined;
    if (target) {
      // Follow the node down the lane; keep the whole width of the graph in view when the pane is wide enough.
      const fitsAcross = bounds.width * spotlightZoom <= el.clientWidth - 16;
      // Otherwise the node, moved toward the main lane (the graph's middle) as far as keeps it in view with a margin.
      const middle = bounds.x + bounds.width / 2;
      const own = target.position.x + (target.width ?? 0) / 2;
      const room = Math.max(0, (el.clientWidth - 16) / 2 / spotlightZoom - (target.width ?? 0) / 2 - 40);
      const x = fitsAcross ? middle : own + Math.sign(middle - own) * Math.min(Math.abs(middle - own), room);
      void instance.setCenter(x, target.position.y + (target.height ?? 0) / 2, { zoom: spotlightZoom, duration: animate ? 250 : 0 });
      return;
    }
    // Readable first: as wide as the pane allows (never above 1), top-aligned; scroll for the rest.
    const width = el.clientWidth;
    const height = el.clientHeight;
    const zoom = Math.max(Math.min(1, (width - 16) / bounds.width), 0.55);
    if (bounds.height * zoom <= height - 16) {
      void instance.fitBounds(bounds, { padding: 0.06 }).then(() => {
        if ((instance.getZoom() ?? 1) > 1) void instance.zoomTo(1);
      });
      return;
    }
    void instance.setViewport({ x: (width - bounds.width * zoom) / 2 - bounds.x * zoom, y: 12 - bounds.y * zoom, zoom });
  };
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(() => fit());
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const boundsKey = `${bounds.x},${bounds.y},${bounds.width},${bounds.height}`;
  // A click on a node (no spotlight) keeps the view where the reader scrolled it.
  useEffect(() => fit(true), [boundsKey, spotlight ? selected : null, spotlight, spotlightZoom]);
  const node = highlight !== undefined ? undefined : [...graph.main, ...graph.side].find((n) => n.key === selected);
  if (!graph.main.length) return <p className="hint">This trace has no lifecycle spans.</p>;
  return (
    <div className={`flow${spotlight ? " spotlight" : ""}`}>
      <div className="flow-canvas" aria-label="Request flow graph" role="figure" ref={canvas} data-exchange={exchange.id}>
        <ReactFlow key={exchange.id} onInit={(instance) => { flow.current = instance; fit(); }} nodes={nodes} edges={edges} nodeTypes={NODE_TYPES} minZoom={0.3} maxZoom={2.5} proOptions={{ hideAttribution: true }} onNodeClick={(_, n) => setSelected(n.id === selected ? null : n.id)} nodesDraggable={false} nodesConnectable={false} panOnScroll zoomOnScroll={false}>
          <Background gap={16} size={1} />
          <Controls showInteractive={false} position="bottom-right" />
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
