/**
 * A tab bar that stays on one row: the tabs that fit, then a "More" menu with the rest (the selected
 * tab is always among the visible ones). Main component: `OverflowTabs`.
 *
 * Keyboard as the WAI-ARIA tabs pattern: one tab stop (the selected tab), ← → Home End move between
 * the visible tabs; the More menu opens with Enter / ↓ and its items move with ↑ ↓, Escape closes.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface TabItem {
  id: string;
  title: string;
  badge?: ReactNode;
}

interface Props {
  label: string;
  items: TabItem[];
  active: string;
  /** `via`: a click (or the More menu), or the arrow keys moving along the tabs. */
  onSelect: (id: string, via: "click" | "keys") => void;
  /** `id` of each tab is `${idPrefix}${item.id}`; `aria-controls` points at `controls`. */
  idPrefix: string;
  controls: string;
  className?: string;
}

const MORE_WIDTH = 84;

/** Which tabs fit in `width`: a prefix of the list, with the active one swapped in at the end when it would be hidden. */
export function fitTabs(widths: number[], width: number, activeIndex: number, moreWidth = MORE_WIDTH): number[] {
  const total = widths.reduce((a, b) => a + b, 0);
  if (total <= width) return widths.map((_, i) => i);
  const room = width - moreWidth;
  const shown: number[] = [];
  let used = 0;
  for (let i = 0; i < widths.length; i++) {
    if (used + widths[i] > room) break;
    shown.push(i);
    used += widths[i];
  }
  if (activeIndex >= 0 && !shown.includes(activeIndex)) {
    while (shown.length && used + widths[activeIndex] > room) used -= widths[shown.pop()!];
    shown.push(activeIndex);
  }
  return shown.length ? shown : [Math.max(activeIndex, 0)];
}

export function OverflowTabs({ label, items, active, onSelect, idPrefix, controls, className }: Props) {
  const bar = useRef<HTMLDivElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [widths, setWidths] = useState<number[]>([]);
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLUListElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const key = items.map((i) => `${i.id}:${i.title}:${String(i.badge ?? "")}`).join("|");

  useLayoutEffect(() => {
    const el = measure.current;
    if (!el) return;
    setWidths([...el.children].map((c) => (c as HTMLElement).offsetWidth + 2));
  }, [key]);
  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  const activeIndex = items.findIndex((i) => i.id === active);
  const shown = width && widths.length === items.length ? fitTabs(widths, width - 12, activeIndex) : items.map((_, i) => i);
  const hidden = items.filter((_, i) => !shown.includes(i));
  const visible = shown.map((i) => items[i]);

  const close = useCallback((focusButton: boolean) => {
    setOpen(false);
    if (focusButton) moreButton.current?.focus();
  }, []);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== moreButton.current) close(false);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open, close]);

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: visible.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = visible[(to + visible.length) % visible.length];
    onSelect(next.id, "keys");
    requestAnimationFrame(() => document.getElementById(`${idPrefix}${next.id}`)?.focus());
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape" || e.key === "Tab") {
      if (e.key === "Escape") e.preventDefault();
      close(e.key === "Escape");
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      entries[(at + (e.key === "ArrowDown" ? 1 : -1) + entries.length) % entries.length]?.focus();
    }
  };

  return (
    <div className={`tabs tabs-bar${className ? ` ${className}` : ""}`} ref={bar}>
      <div className="tabs-measure" ref={measure} aria-hidden="true">
        {items.map((p) => (
          <span key={p.id} className="tab">
            {p.title}
            {p.badge !== null && p.badge !== undefined && <span className="tab-badge">{p.badge}</span>}
          </span>
        ))}
      </div>
      <div className="tabs-row" role="tablist" aria-label={label}>
        {visible.map((p, i) => (
          <button
            key={p.id}
            role="tab"
            id={`${idPrefix}${p.id}`}
            aria-selected={p.id === active}
            aria-controls={controls}
            tabIndex={p.id === active ? 0 : -1}
            className="tab"
            onClick={() => onSelect(p.id, "click")}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {p.title}
            {p.badge !== null && p.badge !== undefined && <span className="tab-badge">{p.badge}</span>}
          </button>
        ))}
      </div>
      {hidden.length > 0 && (
        <div className="tabs-more">
          <button
            ref={moreButton}
            className="tab more-button"
            aria-haspopup="menu"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                setOpen(true);
              }
            }}
          >
            More
            <span className="visually-hidden"> {label.toLowerCase()}: {hidden.map((h) => h.title).join(", ")}</span>
            <span aria-hidden="true">▾</span>
            <span className="tab-badge" aria-hidden="true">
              {hidden.length}
            </span>
          </button>
          {open && (
            <ul className="menu" role="menu" aria-label={`More ${label.toLowerCase()}`} ref={menu} onKeyDown={onMenuKey}>
              {hidden.map((p) => (
                <li key={p.id} role="none">
                  <button
                    role="menuitem"
                    className="menu-item"
                    onClick={() => {
                      onSelect(p.id, "click");
                      setOpen(false);
                      requestAnimationFrame(() => document.getElementById(`${idPrefix}${p.id}`)?.focus());
                    }}
                  >
                    {p.title}
                    {p.badge !== null && p.badge !== undefined && <span className="tab-badge">{p.badge}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
