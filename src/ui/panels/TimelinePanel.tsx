/** The span tree as a waterfall: one row per span (nesting, duration bar, errors), virtualised. */
import { useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { visitSpanKind, type Span } from "../../trace/span";
import { formatMs } from "../http/message";
import { KIND_LOOK } from "./kinds";
import { duration, type SpanIndex } from "./span-index";
import { SpanDetail } from "./SpanDetail";
import type { PanelProps } from "./registry";

const ROW_HEIGHT = 24;

/** Depth-first order: a parent, then its children in start order. */
function treeOrder(index: SpanIndex): Span[] {
  const out: Span[] = [];
  const visit = (parent: number | null) => {
    for (const child of index.children.get(parent) ?? []) {
      out.push(child);
      visit(child.id);
    }
  };
  visit(null);
  return out;
}

export function TimelinePanel({ index }: PanelProps) {
  const rows = useMemo(() => treeOrder(index), [index]);
  const scroller = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const origin = rows.length ? Math.min(...rows.map((s) => s.start)) : 0;
  // The name column is as wide as the longest label needs (indent included), up to 70 % of the row:
  // labels are read, the bars only compared.
  const labelCh = useMemo(() => Math.max(12, ...rows.map((s) => s.name.length + (index.depth.get(s.id) ?? 0) * 1.25 + 3)), [rows, index]);
  const columns = `min(calc(${labelCh.toFixed(1)}ch + 24px), 70%) minmax(48px, 1fr) 64px`;
  const span = selected !== null ? index.byId.get(selected) : undefined;
  return (
    <div className="timeline">
      <div className="timeline-scroll" ref={scroller} role="tree" aria-label="Span waterfall">
        <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
          {virtual.getVirtualItems().map((item) => {
            const s = rows[item.index];
            const look = visitSpanKind(s, KIND_LOOK);
            const left = ((s.start - origin) / index.total) * 100;
            const width = Math.max((duration(s) / index.total) * 100, 0.4);
            return (
              <div
                key={s.id}
                role="treeitem"
                aria-level={(index.depth.get(s.id) ?? 0) + 1}
                aria-selected={selected === s.id}
                tabIndex={0}
                className={`timeline-row${s.error ? " has-error" : ""}${selected === s.id ? " selected" : ""}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: columns }}
                title={`${s.name} — ${look.label}, ${formatMs(duration(s))}`}
                onClick={() => setSelected(s.id)}
                onKeyDown={(e) => e.key === "Enter" && setSelected(s.id)}
              >
                <span className="timeline-name" style={{ paddingLeft: 6 + (index.depth.get(s.id) ?? 0) * 10 }}>
                  <span className="kind-dot" style={{ background: look.color }} title={look.label} />
                  <span className="mono">{s.name}</span>
                </span>
                <span className="timeline-track">
                  <span className="timeline-bar" style={{ left: `${left}%`, width: `${width}%`, background: s.error ? "var(--error)" : look.color }} />
                </span>
                <span className="timeline-ms mono">{formatMs(duration(s))}</span>
              </div>
            );
          })}
        </div>
      </div>
      {span && <SpanDetail span={span} onClose={() => setSelected(null)} />}
    </div>
  );
}
