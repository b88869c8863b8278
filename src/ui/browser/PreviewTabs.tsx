/**
 * Preview tabs: pages of the site opened beside the response, side by side — the way two browser
 * windows on one chat room make a chat. Each tab is its own document (its scripts, its sockets,
 * named `tab N:…` in the Clients panel) frozen at the response it was opened with; closing a tab
 * closes its sockets.
 */
import { useLab, useLabStore } from "../state/react";
import { HtmlPreview } from "./Preview";

export function PreviewTabs() {
  const store = useLabStore();
  const tabs = useLab((s) => s.previewTabs);
  if (!tabs.length) return null;
  return (
    <section className="preview-tabs" aria-label="Preview tabs">
      {tabs.map((tab) => (
        <div key={tab.id} className="preview-tab" aria-label={`Preview tab ${tab.id}`} role="region">
          <header className="preview-tab-head">
            <span className="mono grow" title={tab.target}>
              tab {tab.id} · {tab.target}
            </span>
            <button className="link-button" aria-label={`Close tab ${tab.id}`} onClick={() => store.setState({ previewTabs: store.getState().previewTabs.filter((t) => t.id !== tab.id) })}>
              ×
            </button>
          </header>
          <HtmlPreview html={tab.html} target={tab.target} exchangeId={tab.exchangeId} socketPrefix={`tab ${tab.id}`} title={`Preview tab ${tab.id}`} />
        </div>
      ))}
    </section>
  );
}

/** Open the response of `exchangeId` in a new Preview tab (numbered after the main Preview, tab 1). */
export function openPreviewTab(store: ReturnType<typeof useLabStore>, exchangeId: number, target: string, html: string): void {
  const tabs = store.getState().previewTabs;
  const id = Math.max(1, ...tabs.map((t) => t.id)) + 1;
  store.setState({ previewTabs: [...tabs, { id, exchangeId, target, html }] });
}
