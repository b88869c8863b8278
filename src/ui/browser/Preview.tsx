/**
 * The rendered response: HTML in the Preview frame — a document served by the Preview's service
 * worker with headers that sandbox it and cut it off the network (preview-host.ts) — whose
 * navigations and WebSockets come back as checked messages on a private MessagePort; other types
 * as text.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useLabStore } from "../state/react";
import { useSession } from "../session-context";
import { BRIDGE_HELLO, buildInertPreviewDocument, buildPreviewDocument, inlineLabAssets, labAssetsOf, parsePreviewMessage } from "./preview-document";
import { toNavigationRequest } from "./preview-navigation";
import { previewReady, storePreview } from "./preview-host";
import { PreviewSockets, parseSocketMessage } from "./preview-sockets";

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

type FrameSource = { kind: "url"; url: string } | { kind: "inert"; srcdoc: string };

export function HtmlPreview({ html, target, exchangeId, socketPrefix, title }: { html: string; target: string; exchangeId: number; socketPrefix: string; title: string }) {
  const store = useLabStore();
  const session = useSession();
  const frame = useRef<HTMLIFrameElement>(null);
  const port = useRef<MessagePort | null>(null);
  const sockets = useRef<PreviewSockets | null>(null);
  const page = useInlinedAssets(html);
  const doc = useMemo(() => (page === null ? null : buildPreviewDocument(page, target)), [page, target]);
  const [source, setSource] = useState<FrameSource | null>(null);

  // A new document for every exchange, even with the same HTML: a page loaded again runs its scripts again.
  useEffect(() => {
    if (doc === null) return;
    let live = true;
    void previewReady()
      .then(async (ok) => (ok ? ({ kind: "url", url: await storePreview(doc) } as const) : ({ kind: "inert", srcdoc: buildInertPreviewDocument(html) } as const)))
      .catch(() => ({ kind: "inert", srcdoc: buildInertPreviewDocument(html) }) as const)
      .then((next) => live && setSource(next));
    return () => {
      live = false;
    };
  }, [doc, html, exchangeId]);

  /** The document went away (another one loaded, or the Preview closed): its channel and sockets close. */
  const disconnect = () => {
    sockets.current?.dispose();
    sockets.current = null;
    port.current?.close();
    port.current = null;
  };
  useEffect(() => disconnect, []);

  /** The document loaded: hand its bridge a fresh port (only the bridge, which runs first, can take it). */
  const connect = () => {
    disconnect();
    if (source?.kind !== "url" || !frame.current?.contentWindow) return;
    const channel = new MessageChannel();
    const page = new PreviewSockets(
      session,
      socketPrefix,
      target,
      (socket, event) => channel.port1.postMessage({ kind: "ws_event", socket, event }),
      (text) => store.setState({ notice: { tone: "warn", text } }),
      // The frame's location is this page's host: a socket URL built from it means the simulated site.
      [location.host],
    );
    let recent: number[] = [];
    let fetches: number[] = [];
    channel.port1.onmessage = (event: MessageEvent) => {
      const socketMessage = parseSocketMessage(event.data);
      if (socketMessage) return page.handle(socketMessage);
      const nav = parsePreviewMessage(event.data);
      if (!nav) return;
      if (nav.kind === "fetch") {
        const reply = (answer: Record<string, unknown>) => channel.port1.postMessage({ kind: "fetch-response", id: nav.id, ...answer });
        const now = performance.now();
        fetches = fetches.filter((t) => now - t < 1000);
        if (fetches.length >= MAX_FETCHES_PER_SECOND) return reply({ error: "Too many requests from the preview" });
        fetches.push(now);
        // A fetch() from the page (a docs page loading its OpenAPI document): answered in place.
        void session.fetchFromPreview(nav.method, nav.target, nav.headers, nav.body).then(
          (response) => reply(response),
          (error: unknown) => reply({ error: String((error as Error)?.message ?? error) }),
        );
        return;
      }
      if (nav.kind === "escape") {
        // Back to the Preview tab, just before the frame in the tab order.
        frame.current?.closest(".response")?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
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
      void session.followFromPreview(request.method, request.target, request.body, request.contentType, request.initiator, nav.user);
    };
    port.current = channel.port1;
    sockets.current = page;
    frame.current.contentWindow.postMessage(BRIDGE_HELLO, "*", [channel.port2]);
  };

  if (doc === null) return <p className="hint preview-loading">Loading the documentation app (bundled with the page)…</p>;
  if (!source) return <div className="preview-frame" aria-busy="true" />;
  if (source.kind === "inert") return <iframe ref={frame} className="preview-frame" title={title} sandbox="" srcDoc={source.srcdoc} referrerPolicy="no-referrer" />;
  return <iframe key={source.url} ref={frame} className="preview-frame" title={title} data-sockets={socketPrefix} src={source.url} onLoad={connect} referrerPolicy="no-referrer" />;
}
