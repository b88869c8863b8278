/** The browser pane: address bar, request editors, response, and the Preview tabs opened beside it. */
import { AddressBar } from "./AddressBar";
import { RequestEditor } from "./RequestEditor";
import { ResponseView } from "./ResponseView";
import { PreviewTabs } from "./PreviewTabs";

export function BrowserPane() {
  return (
    <div className="pane browser-pane">
      <AddressBar />
      <RequestEditor />
      <ResponseView />
      <PreviewTabs />
    </div>
  );
}
