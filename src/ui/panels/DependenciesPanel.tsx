/**
 * Dependencies (FastAPI): the request's dependency graph, drawn with @xyflow/react and laid out by
 * dagre — the handler at the top, each dependency under whoever asked for it, numbered in the
 * order FastAPI resolved them (depth first, declaration order), cache hits marked (the same
 * dependency asked for again in one request is served from the cache, not called), `yield`
 * dependencies with their cleanup number (after the response, the newest first), and the
 * background tasks that ran after the response.
 */
import { memo, useMemo } from "react";
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import dagre from "@dagrejs/dagre";
import "@xyflow/react/dist/style.css";
import { dependencyGraph, type DependencyGraph, type DependencyNode } from "./asgi-spans";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";
import "./asgi-panels.css";

const SIZE = { width: 168, height: 58 };

type DepData = { title: string; lines: string[]; classes: string };
type DepNode = Node<DepData, "dep">;

const DepNodeView = memo(function DepNodeView({ data }: NodeProps<DepNode>) {
  return (
    <div className={`dep-node ${data.classes}`}>
      <Handle type="target" position={Position.Top} />
      <Handle type="source" position={Position.Bottom} />
      <div className="mono dep-title" title={data.title}>
        {data.title}
      </div>
      {data.lines.map((line, i) => (
        <div key={i} className="dep-line">
          {line}
        </div>
      ))}
    </div>
  );
});

const NODE_TYPES = { dep: DepNodeView };

function nodeLines(n: DependencyNode): string[] {
  const first = n.cached ? "cache hit (not called again)" : n.order !== null ? `#${n.order} · ${n.kind || "called"}` : n.outcome || "not called";
  const lines = [first];
  if (n.cleanup !== null) lines.push(`cleanup #${n.cleanup}${n.cleanupHow?.startsWith("exception") ? " (with the exception)" : ""}`);
  else if (n.error) lines.push(`raised ${n.error.split(":")[0]}`);
  return lines;
}

function layout(graph: DependencyGraph): { nodes: DepNode[]; edges: Edge[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 14, ranksep: 34 });
  g.setDefaultEdgeLabel(() => ({}));
  g.setNode("endpoint", { ...SIZE });
  for (const n of graph.nodes) g.setNode(String(n.id), { ...SIZE });
  const edges: Edge[] = [];
  for (const n of graph.nodes) {
    const parent = String(n.parent);
    g.setEdge(parent, String(n.id));
    edges.push({ id: `e${n.id}`, source: parent, target: String(n.id), label: n.parameter ?? undefined, className: n.cached ? "edge-cached" : undefined });
  }
  dagre.layout(g);
  const at = (key: string) => {
    const p = g.node(key);
    return { x: p.x - SIZE.width / 2, y: p.y - SIZE.height / 2 };
  };
  const endpoint = graph.endpoint!;
  const nodes: DepNode[] = [
    {
      id: "endpoint",
      type: "dep",
      position: at("endpoint"),
      width: SIZE.width,
      height: SIZE.height,
      style: { width: SIZE.width, height: SIZE.height },
      data: { title: endpoint.name, lines: [endpoint.ran ? "the handler (ran last)" : "the handler (did not run)"], classes: `endpoint${endpoint.ran ? "" : " skipped"}` },
      draggable: false,
      connectable: false,
    },
    ...graph.nodes.map(
      (n): DepNode => ({
        id: String(n.id),
        type: "dep",
        position: at(String(n.id)),
        width: SIZE.width,
        height: SIZE.height,
        style: { width: SIZE.width, height: SIZE.height },
        data: { title: n.name + (n.overridden ? " (override)" : ""), lines: nodeLines(n), classes: [n.cached && "cached", n.error && "error", n.order === null && !n.cached && "skipped"].filter(Boolean).join(" ") },
        draggable: false,
        connectable: false,
      }),
    ),
  ];
  return { nodes, edges };
}

function DependenciesPanel({ index }: PanelProps) {
  const graph = useMemo(() => dependencyGraph(index), [index]);
  const drawn = useMemo(() => (graph.endpoint ? layout(graph) : null), [graph]);
  if (!graph.endpoint || !drawn) return <p className="hint">No FastAPI handler ran in this request.</p>;
  const ordered = [...graph.nodes].filter((n) => n.order !== null).sort((a, b) => a.order! - b.order!);
  return (
    <div className="deps-panel">
      <div className="deps-canvas" role="figure" aria-label="Dependency graph">
        <ReactFlow nodes={drawn.nodes} edges={drawn.edges} nodeTypes={NODE_TYPES} fitView fitViewOptions={{ padding: 0.05 }} minZoom={0.3} maxZoom={1.5} proOptions={{ hideAttribution: true }} nodesDraggable={false} nodesConnectable={false}>
          <Background gap={16} size={1} />
          <Controls showInteractive={false} position="bottom-right" />
        </ReactFlow>
      </div>
      <div className="deps-lists">
        <div>
          <h3>Resolution order</h3>
          <ol>
            {ordered.map((n) => (
              <li key={n.id}>
                <span className="mono">{n.name}</span> <span className="muted">{n.kind}</span> {n.error && <span className="badge error">{n.error}</span>} <SourceLink source={n.source} />
              </li>
            ))}
            {graph.endpoint.ran && (
              <li>
                <span className="mono">{graph.endpoint.name}</span> <span className="muted">the handler</span> <SourceLink source={graph.endpoint.source} />
              </li>
            )}
          </ol>
          {graph.nodes.some((n) => n.cached) && <p className="muted">Cache hits: {graph.nodes.filter((n) => n.cached).map((n) => n.name).join(", ")} — asked for again in this request, served from FastAPI's per-request cache.</p>}
        </div>
        <div>
          <h3>Cleanup (after the response)</h3>
          {graph.cleanups.length ? (
            <ol>
              {graph.cleanups.map((c, i) => (
                <li key={i}>
                  <span className="mono">{c.name}</span> <span className="muted">{c.how}</span> {c.exception && <span className="badge warn">{c.exception}</span>}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">No dependency with <span className="mono">yield</span> ran.</p>
          )}
          {graph.tasks.length > 0 && (
            <>
              <h3>Background tasks</h3>
              <ol>
                {graph.tasks.map((t, i) => (
                  <li key={i} className="mono">
                    {t.name} {t.error && <span className="badge error">{t.error}</span>}
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

export default DependenciesPanel;
