/**
 * The page's side of offline use: register the service worker (src/offline/service-worker.ts,
 * built to sw.js), and say when an update is found — it is used on the next visit, or now if the
 * learner asks — and, on the visit that uses it, that the page was updated. Main function:
 * `registerServiceWorker`.
 *
 * Not in development (Vite serves modules, not a build), and not in an embed (a page inside someone
 * else's site installs nothing).
 */
import type { LabStore } from "../state/store";

const VERSION_KEY = "framework-lab:offline-version";

function remembered(): string | null {
  try {
    return localStorage.getItem(VERSION_KEY);
  } catch {
    return null;
  }
}

function remember(version: string): void {
  try {
    localStorage.setItem(VERSION_KEY, version);
  } catch {
    /* storage refused: the update is said again next time */
  }
}

/** Ask the worker controlling the page which build it serves. */
function versionOf(worker: ServiceWorker): Promise<string | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 3000);
    channel.port1.onmessage = (e: MessageEvent<{ version?: unknown }>) => {
      clearTimeout(timer);
      resolve(typeof e.data?.version === "string" ? e.data.version : null);
    };
    worker.postMessage({ type: "version" }, [channel.port2]);
  });
}

/** "A new version is ready" once a new worker has installed while an older one controls the page. */
function watchForUpdates(store: LabStore, registration: ServiceWorkerRegistration): void {
  const waiting = () => {
    if (!registration.waiting || !navigator.serviceWorker.controller) return;
    store.setState({ notice: { tone: "info", text: "A new version of Framework Lab has been downloaded: it opens on your next visit (close this tab and open the page again).", action: "use-update" } });
  };
  waiting();
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    installing?.addEventListener("statechange", () => installing.state === "installed" && waiting());
  });
}

/** Use the downloaded update now: activate the waiting worker, then reload on the new build. */
export function applyUpdateNow(): void {
  void navigator.serviceWorker.getRegistration().then((registration) => {
    const waiting = registration?.waiting;
    if (!waiting) return location.reload();
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
    waiting.postMessage({ type: "skip-waiting" });
  });
}

export function registerServiceWorker(store: LabStore): void {
  if (!import.meta.env.PROD || store.getState().view === "embed" || !("serviceWorker" in navigator)) return;
  /** Which build serves this visit; said when it is not the last visit's. */
  const record = async () => {
    const controller = navigator.serviceWorker.controller;
    const version = controller ? await versionOf(controller) : null;
    if (!version) return;
    const before = remembered();
    remember(version);
    if (before && before !== version && !store.getState().notice) store.setState({ notice: { tone: "info", text: "Framework Lab was updated since your last visit." } });
  };
  // The first visit's worker takes the page over once it has cached the build (clients.claim()).
  navigator.serviceWorker.addEventListener("controllerchange", () => void record(), { once: true });
  navigator.serviceWorker
    .register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
    .then((registration) => {
      watchForUpdates(store, registration);
      return record();
    })
    .catch(() => {
      /* no offline use here (a private window, a browser without service workers): the page works online */
    });
}
