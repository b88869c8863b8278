/** The rendered response: HTML in the sandboxed iframe (navigations come back as messages), other types as text. */
import { useEffect, useMemo, useRef, useState } from "react";
import { useLabStore } from "../state/react";
import { useSession } from "../session-context";
import { PREVIEW_MESSAGE_SOURCE, buildPreviewDocument, inlineLabAssets, labAssetsOf, parsePreviewMessage } from "./preview-document";
import { toNavigationRequest } from "./preview-navigation";

/** A hostile page could post messages in a loop: at most this many navigations per second. */
const MAX_NAVIGATIONS_PER_SECOND = 4;
/** A page's own fetch() calls (a docs page loading its document): a few per second at most. */
const MAX_FETCHES_PER_SECOND = 20;

/** The page with its `lab-asset:` scripts and styles put inline (loaded from the page's own chunks). */
function useInlinedAssets(html: string): string | null {
  const names = useMemo(() => labAssetsOf(html), [html]);
  const [loaded, setLoaded] = useState<{ html: string; text: string } | null>(null);
  useEffect(() => {
    if (!names.length) return;
    let live = true;
    void (async () => {
      const { loadBundledAsset } = await import("./bundled-assets");
      const assets: Record<string, string | null> = {};
      for (const name of names) assets[name] = await loadBundledAsset(name);
      if (live) setLoaded({ html, text: inlineLabAssets(html, assets) });
    })();
    return () => {
      live = false;
    };
  }, [html, names]);
  if (!names.length) return html;
  return loaded?.html === html ? loaded.text : null;
}

export function HtmlPreview({ html, target, exchangeId, socketPrefix, title }: { html: string; target: string; exchangeId: number; socketPrefix: string; title: string }) {
  const store = useLabStore();
  const session = useSession();
  const frame = useRef<HTMLIFrameElement>(null);
  const token = useMemo(() => `${exchangeId}-${crypto.getRandomValues(new Uint32Array(2)).join("")}`, [exchangeId]);
  const page = useInlinedAssets(html);
  const doc = useMemo(() => (page === null ? null : buildPreviewDocument(page, token, target)), [page, token, target]);

  useEffect(() => {
    let recent: number[] = [];
    let fetches: number[] = [];
    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const nav = parsePreviewMessage(event.data, token);
      if (!nav) return;
      if (nav.kind === "fetch") {
        const now = performance.now();
        fetches = fetches.filter((t) => now - t < 1000);
        if (fetches.length >= MAX_FETCHES_PER_SECOND) {
          frame.current?.contentWindow?.postMessage({ source: PREVIEW_MESSAGE_SOURCE, token, kind: "fetch-response", id: nav.id, error: "Too many requests from the preview" }, "*");
          return;
        }
        fetches.push(now);
        // A fetch() from the page (a docs page loading its OpenAPI document): answered in place.
        const reply = (answer: Record<string, unknown>) => frame.current?.contentWindow?.postMessage({ source: PREVIEW_MESSAGE_SOURCE, token, kind: "fetch-response", id: nav.id, ...answer }, "*");
        void session.fetchFromPreview(nav.method, nav.target, nav.headers, nav.body).then(
          (response) => reply(response),
          (error: unknown) => reply({ error: String((error as Error)?.message ?? error) }),
        );
        return;
      }
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

  if (doc === null) return <p className="hint preview-loading">Loading the documentation app (bundled with the page)…</p>;
  return <iframe ref={frame} className="preview-frame" title={title} data-sockets={socketPrefix} sandbox="allow-scripts" srcDoc={doc} referrerPolicy="no-referrer" />;
}
