/**
 * Crash-loop guard: a marker in localStorage while user code runs. If the page is reopened and the
 * marker is still there, the last run never finished (the tab hung, crashed or was closed), so the
 * page opens without running anything and says why.
 */
const KEY = "framework-lab:running";

export interface RunMarker {
  what: string;
  at: number;
}

export class CrashGuard {
  constructor(private readonly storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null = safeStorage()) {}

  unfinished(): RunMarker | null {
    const raw = this.storage?.getItem(KEY);
    if (!raw) return null;
    try {
      const marker = JSON.parse(raw) as RunMarker;
      return typeof marker.what === "string" ? marker : null;
    } catch {
      return null;
    }
  }

  clear(): void {
    this.storage?.removeItem(KEY);
  }

  /** Mark `what` as running for the duration of `run` (any ending, deadline included, clears it). */
  async around<T>(what: string, run: () => Promise<T>): Promise<T> {
    this.storage?.setItem(KEY, JSON.stringify({ what, at: Date.now() } satisfies RunMarker));
    try {
      return await run();
    } finally {
      this.clear();
    }
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
