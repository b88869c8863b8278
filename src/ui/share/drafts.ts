/**
 * Saved drafts in IndexedDB (the `idb` wrapper): the files a learner edited, per scenario, with the
 * scenario as it was opened (what "reset" goes back to). Main class: `DraftStore`; `startAutosave`
 * keeps the open draft saved as the store changes.
 *
 * A built-in scenario's edits are saved under its id (and deleted when reset to the original); a
 * permalink or a scenario file opens as a new draft with its own id, so opening one never
 * overwrites saved work.
 *
 * Next to each draft, the database image after its last completed call (`databases` store), so a
 * tab that crashed or ran out of memory reopens with its rows as well as its files. Only the page
 * reads and writes these stores: user code runs in an opaque-origin sandbox with no IndexedDB.
 */
import { openDB, type IDBPDatabase } from "idb";
import type { Scenario } from "../../runtime/protocol";
import type { LabState, LabStore } from "../state/store";

export interface SavedDraft {
  id: string;
  origin: "builtin" | "shared" | "file";
  /** The scenario as opened: reset goes back to its files. */
  original: Scenario;
  files: Record<string, string>;
  folders: string[];
  updated: number;
}

const DB_NAME = "framework-lab";
const STORE = "drafts";
const DATABASES = "databases";

/** A draft's database image (SQLite file bytes) after its last completed call. */
export interface SavedDatabase {
  id: string;
  image: Uint8Array;
  updated: number;
}
const LAST_KEY = "framework-lab:last-draft";

export class DraftStore {
  private constructor(private readonly db: IDBPDatabase) {}

  /** Open the database; null when IndexedDB is unavailable (then nothing is saved, and the page says so). */
  static async open(): Promise<DraftStore | null> {
    try {
      const db = await openDB(DB_NAME, 2, {
        upgrade(db) {
          for (const name of [STORE, DATABASES]) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: "id" });
        },
      });
      return new DraftStore(db);
    } catch {
      return null;
    }
  }

  get(id: string): Promise<SavedDraft | undefined> {
    return this.db.get(STORE, id) as Promise<SavedDraft | undefined>;
  }

  async put(draft: SavedDraft): Promise<void> {
    await this.db.put(STORE, draft);
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(STORE, id);
  }

  async getDatabase(id: string): Promise<Uint8Array | null> {
    const saved = (await this.db.get(DATABASES, id)) as SavedDatabase | undefined;
    return saved?.image instanceof Uint8Array ? saved.image : null;
  }

  async putDatabase(id: string, image: Uint8Array): Promise<void> {
    await this.db.put(DATABASES, { id, image, updated: Date.now() } satisfies SavedDatabase);
  }

  async deleteDatabase(id: string): Promise<void> {
    await this.db.delete(DATABASES, id);
  }

  async list(): Promise<SavedDraft[]> {
    const all = (await this.db.getAll(STORE)) as SavedDraft[];
    return all.sort((a, b) => b.updated - a.updated);
  }

  close(): void {
    this.db.close();
  }
}

/** The draft reopened on the next visit. */
export function lastDraftId(): string | null {
  try {
    return localStorage.getItem(LAST_KEY);
  } catch {
    return null;
  }
}

export function rememberLastDraft(id: string): void {
  try {
    localStorage.setItem(LAST_KEY, id);
  } catch {
    /* storage may be unavailable */
  }
}

export function originOf(id: string): SavedDraft["origin"] {
  return id.startsWith("shared-") ? "shared" : id.startsWith("file-") ? "file" : "builtin";
}

export function newDraftId(origin: "shared" | "file"): string {
  return `${origin}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

function unchanged(state: LabState): boolean {
  const original = state.scenario?.files ?? {};
  const keys = Object.keys(state.files);
  return state.folders.length === 0 && keys.length === Object.keys(original).length && keys.every((k) => original[k] === state.files[k]);
}

/** Refresh the gallery's list of saved drafts. */
export async function refreshSavedDrafts(store: LabStore, drafts: DraftStore | null): Promise<void> {
  if (!drafts) return;
  const list = await drafts.list();
  store.setState({ savedDrafts: list.map((d) => ({ id: d.id, title: d.original.title, origin: d.origin, updated: d.updated })) });
}

/**
 * Save the open draft shortly after each edit. A built-in scenario back at its original files is
 * deleted rather than saved; links and files are kept as they are (they are their own scenarios).
 */
export function startAutosave(store: LabStore, drafts: DraftStore | null, delayMs = 300): () => void {
  if (!drafts) {
    store.setState({ saveState: "off" });
    return () => undefined;
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = async () => {
    timer = null;
    const state = store.getState();
    const id = state.scenarioId;
    if (!id || !state.scenario) return;
    try {
      if (originOf(id) === "builtin" && unchanged(state)) await drafts.delete(id);
      else await drafts.put({ id, origin: originOf(id), original: state.scenario, files: state.files, folders: state.folders, updated: Date.now() });
      if (store.getState().scenarioId === id && !timer) store.setState({ saveState: "saved" });
      await refreshSavedDrafts(store, drafts);
    } catch (e) {
      store.setState({ saveState: "off", notice: { tone: "warn", text: `Your edits could not be saved in this browser: ${String(e)}` } });
    }
  };
  return store.subscribe((state, previous) => {
    if (state.files === previous.files && state.folders === previous.folders && state.scenarioId === previous.scenarioId) return;
    if (!state.scenarioId) return;
    const opened = state.scenarioId !== previous.scenarioId;
    if (opened) rememberLastDraft(state.scenarioId);
    if (timer) clearTimeout(timer);
    // Opening a scenario saves quietly; "Saving…" is for the learner's edits.
    if (!opened && state.saveState !== "saving") store.setState({ saveState: "saving" });
    timer = setTimeout(() => void save(), delayMs);
  });
}
