/** Share: the permalink (also put in this page's URL), a copy button, and a file when the link is too long for chat tools. */
import { useMemo, useState } from "react";
import { useLabStore } from "../state/react";
import { useLibrary } from "../session-context";
import { Dialog } from "./Dialog";
import { ScenarioFileButtons } from "./ScenarioFileButtons";
import { LONG_LINK_CHARS } from "../share/permalink";

export function ShareDialog() {
  const store = useLabStore();
  const library = useLibrary();
  const link = useMemo(() => library.share(), [library]);
  const [copied, setCopied] = useState<string | null>(null);
  const close = () => store.setState({ dialog: null });
  if (!link) return null;
  return (
    <Dialog title="Share this scenario" onClose={close}>
      <p>The link holds the files, the scripted requests, the request in the address bar and the trace step. Whoever opens it gets a copy as a new draft.</p>
      <div className="share-row">
        <input className="mono grow" readOnly aria-label="Permalink" value={link.url} onFocus={(e) => e.currentTarget.select()} />
        <button
          className="primary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(link.url);
              setCopied("Copied.");
            } catch {
              setCopied("Copy did not work here: select the link and copy it.");
            }
          }}
        >
          Copy link
        </button>
      </div>
      <p className="muted" aria-live="polite">
        {link.url.length.toLocaleString("en")} characters. {copied}
      </p>
      {link.long && (
        <p className="notice notice-warn" role="alert">
          This link is longer than {LONG_LINK_CHARS.toLocaleString("en")} characters: chat tools and some mail clients cut links that long. Send the scenario as a file instead.
        </p>
      )}
      <ScenarioFileButtons onOpened={close} />
    </Dialog>
  );
}
