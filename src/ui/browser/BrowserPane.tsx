/** The browser pane: address bar, request editors, response. */
import { AddressBar } from "./AddressBar";
import { RequestEditor } from "./RequestEditor";
import { ResponseView } from "./ResponseView";

export function BrowserPane() {
  return (
    <div className="pane browser-pane">
      <AddressBar />
      <RequestEditor />
      <ResponseView />
    </div>
  );
}
