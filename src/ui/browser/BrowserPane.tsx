/** The browser pane: address bar, request editors, response, and the Preview tabs opened beside it. */
import { AddressBar } from "./AddressBar";
import { RequestEditor } from "./RequestEditor";
import { ResponseView } from "./ResponseView";
import { ErrorBoundary } from "../shell/ErrorBoundary";
import { useLab } from "../state/react";
import { PreviewTabs } from "./PreviewTabs";

export function BrowserPane() {
  const selected = useLab((s) => s.selected);
  return (
    <div className="pane browser-pane">
      <AddressBar />
      <ErrorBoundary name="The request editor">
        <RequestEditor />
      </ErrorBoundary>
      <ErrorBoundary name="The response" resetKey={selected}>
        <ResponseView />
      </ErrorBoundary>
      <ErrorBoundary name="The Preview tabs">
        <PreviewTabs />
      </ErrorBoundary>
    </div>
  );
}
