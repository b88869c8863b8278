/** The rendered response: HTML in the sandboxed iframe (navigations come back as messages), other types as text. */
import { useEffect, useMemo, useRef } from "react";
import { useLabStore } from "../state/react";
import { useSession } from "../session-context";
import { buildPreviewDocument, parsePreviewMessage } from "./preview-document";
import { toNavigationRequest } from "./preview-navigation";

/** A hostile page could post messages in a loop: at most this many navigations per second. */
const MAX_NAVIGATIONS_PER_SECOND = 4;

export function HtmlPreview({ html, target, exchangeId, socketPrefix, title }: { html: string; target: string; exchangeId: number; socketPrefix: string; title: string }) {
  const store = useLabStore();
  const session = useSession();
  const frame = useRef<HTMLIFrameElement>(null);
  const token = useMemo(() => `${exchangeId}-${crypto.getRandomValues(new Uint32Array(2)).join("")}`, [exchangeId]);
  const doc = useMemo(() => buildPreviewDocument(html, token), [html, token]);

  useEffect(() => {
    let recent: number[] = [];
    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const nav = parsePreviewMessage(event.data, token);
      if (!nav) return;
      if (nav.kind === "escape") {
        // Back to the Preview tab, just before the frame in the tab order.
        frame.current.closest(".response")?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
        return;
      }
      const now = performance.now();
      recent = recent.filter((t) => now - t < 1000);
      if (recent.length >= MAX_NAVIGATIONS_PER_SECOND) return;
      recent.push(now);
      const request = toNavigationRequest(nav, target);
      if ("refused" in request) {
        store.setState({ notice: { tone: "warn", text: request.refused } });
        return;
      }
      void session.followFromPreview(request.method, request.target, request.body, request.contentType, request.initiator);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [token, target, session, store]);

  return <iframe ref={frame} className="preview-frame" title={title} data-sockets={socketPrefix} sandbox="allow-scripts" srcDoc={doc} referrerPolicy="no-referrer" />;
}
