/**
 * The scenario library: where the open project comes from and goes to — built-in scenarios (with
 * the learner's saved edits), permalinks, .json files, and resets. Main class: `ScenarioLibrary`.
 *
 * Opening a permalink or a file always makes a new draft (never overwrites saved work); a link or
 * file that cannot be read leaves everything as it was and says why. Code from someone else (a
 * link, a file, a draft made from one) opens inert: nothing runs until the learner presses Send.
 * Each draft's database image is persisted beside it as calls change it, and comes back with it.
 */
import type { Scenario } from "../../runtime/protocol";
import { parse_scenario_json, ScenarioFormatError } from "../../scenarios/format";
import type { Session } from "../session";
import type { LabStore } from "../state/store";
import { loadBuiltinScenarios, type ScenarioEntry } from "../scenarios";
import { DraftStore, lastDraftId, newDraftId, originOf, refreshSavedDrafts, startAutosave } from "./drafts";
import { decodePermalink, encodePermalink, isPermalinkHash, LONG_LINK_CHARS, PermalinkError } from "./permalink";
import { courseScenarioId, isCourseHash, isCourseScenarioId, parseCourseHash } from "../course/ids";
import { courseStore, loadCourse } from "../course/progress";

export class ScenarioLibrary {
  private builtins: ScenarioEntry[] = [];

  /** Database images waiting to be written, or null to delete (one write at a time; the latest per draft wins). */
  private pendingDatabases = new Map<string, Uint8Array | null>();
  private writing = false;

  constructor(
    private readonly store: LabStore,
    private readonly session: Session,
    private readonly drafts: DraftStore | null,
  ) {
    session.onDatabaseSnapshot = (id, image) => this.saveDatabase(id, image);
  }

  /** Persist a draft's database image now, or forget it (coalesced while a write is in progress). */
  private saveDatabase(id: string, image: Uint8Array | null): void {
    if (!this.drafts) return;
    this.pendingDatabases.set(id, image);
    if (!this.writing) void this.flushDatabases();
  }

  private async flushDatabases(): Promise<void> {
    this.writing = true;
    try {
      while (this.pendingDatabases.size) {
        const [id, image] = this.pendingDatabases.entries().next().value as [string, Uint8Array | null];
        this.pendingDatabases.delete(id);
        await (image ? this.drafts!.putDatabase(id, image) : this.drafts!.deleteDatabase(id)).catch(() => undefined);
      }
    } finally {
      this.writing = false;
    }
  }

  /** An informative notice, unless the page is paused after a crash (that notice says more). */
  private inform(text: string): void {
    if (this.store.getState().runtime !== "blocked") this.store.setState({ notice: { tone: "info", text } });
  }

  private savedDatabase(id: string): Promise<Uint8Array | null> {
    return this.drafts?.getDatabase(id).catch(() => null) ?? Promise.resolve(null);
  }

  /**
   * First paint is done: list the built-ins, then open the link in the URL, the last draft, or the
   * default scenario. An embed (`?embed`) shows the link's scenario or `?scenario=<built-in id>` as
   * published — never the visitor's saved edits — and saves nothing. `builtins`: the built-ins
   * already being loaded (boot.tsx starts that before it opens the drafts' database).
   */
  async boot(builtins: Promise<ScenarioEntry[]> = loadBuiltinScenarios()): Promise<void> {
    this.builtins = await builtins;
    const listed = this.builtins.filter(({ id }) => !isCourseScenarioId(id) && !id.startsWith("compare-"));
    this.store.setState({ scenarios: listed.map(({ id, scenario }) => ({ id, title: scenario.title, framework: scenario.framework, description: scenario.description })) });
    if (this.store.getState().view === "embed") return this.bootEmbed();
    startAutosave(this.store, this.drafts);
    await refreshSavedDrafts(this.store, this.drafts);
    if (isCourseHash(location.hash) && (await this.openCourseLink(location.hash))) return;
    if (isPermalinkHash(location.hash) && this.openPermalink(location.hash)) return;
    // A link that could not be opened: its message stays over whatever opens instead.
    const failure = this.store.getState().notice;
    // `?scenario=<id>` (an embed's "Open in Framework Lab") opens that built-in, with the learner's edits if any.
    const asked = new URLSearchParams(location.search).get("scenario");
    if (asked && this.builtins.some((e) => e.id === asked)) {
      await this.openBuiltin(asked);
      if (failure) this.store.setState({ notice: failure });
      return;
    }
    const last = lastDraftId();
    if (!(last && (await this.openDraft(last)))) {
      const first = this.builtins[0];
      if (first) await this.openBuiltin(first.id);
    }
    if (failure) this.store.setState({ notice: failure });
  }

  private async bootEmbed(): Promise<void> {
    this.store.setState({ saveState: "off" });
    if (isPermalinkHash(location.hash) && this.openPermalink(location.hash, { embed: true })) return;
    const wanted = new URLSearchParams(location.search).get("scenario");
    const entry = this.builtins.find((e) => e.id === wanted) ?? this.builtins[0];
    if (entry) this.session.openScenario(entry.id, entry.scenario);
  }

  /**
   * A link into the course: `#course/orm/starter` (or `/solution`, `/lesson`: the exercise with its
   * lesson open), `#course` (the path, in the gallery), `#compare` (the comparison page). Returns
   * whether something opened; the hash is cleared either way.
   */
  async openCourseLink(hash: string): Promise<boolean> {
    try {
      const link = parseCourseHash(await loadCourse(), hash);
      if (!link) {
        this.store.setState({ notice: { tone: "error", text: `This course link points at nothing: ${hash}. Nothing was changed.` } });
        return false;
      }
      if (link.kind === "project") {
        if (link.step === "lesson") courseStore.setState({ lessonOpen: true });
        await this.openBuiltin(courseScenarioId(link.project, link.step === "solution" ? "solution" : "starter"));
        return true;
      }
      const last = lastDraftId();
      if (!(last && (await this.openDraft(last))) && this.builtins[0]) await this.openBuiltin(this.builtins[0].id);
      this.store.setState({ dialog: link.kind === "path" ? "gallery" : "compare" });
      return true;
    } finally {
      history.replaceState(null, "", location.pathname + location.search);
    }
  }

  /** A built-in scenario, with the learner's saved edits when there are some. */
  async openBuiltin(id: string): Promise<void> {
    const entry = this.builtins.find((e) => e.id === id);
    if (!entry) return;
    const [saved, database] = await Promise.all([this.drafts?.get(id).catch(() => undefined), this.savedDatabase(id)]);
    this.session.openScenario(id, entry.scenario, { ...(saved ? { files: saved.files, folders: saved.folders } : {}), database });
    if (saved || database) {
      const what = saved && database ? "Your edits to this scenario and its database were restored." : saved ? "Your edits to this scenario were restored." : "This scenario's database was restored as you left it.";
      this.store.setState({ saveState: "saved" });
      this.inform(`${what} Reset brings back the original files; Reset database (Database panel) a fresh database.`);
    }
  }

  /** A saved draft by id (a built-in's edits, or an opened link or file). */
  async openDraft(id: string): Promise<boolean> {
    if (originOf(id) === "builtin") {
      if (!this.builtins.some((e) => e.id === id)) return false;
      await this.openBuiltin(id);
      return true;
    }
    const [saved, database] = await Promise.all([this.drafts?.get(id).catch(() => undefined), this.savedDatabase(id)]);
    if (!saved) return false;
    this.session.openScenario(id, saved.original, { files: saved.files, folders: saved.folders, database, inert: true });
    const from = saved.origin === "shared" ? "a shared link" : "a scenario file";
    this.store.setState({ saveState: "saved" });
    this.inform(`This draft came from ${from}: nothing has run yet. Press Send to run it.`);
    return true;
  }

  async deleteDraft(id: string): Promise<void> {
    await this.drafts?.delete(id);
    await this.drafts?.deleteDatabase(id).catch(() => undefined);
    await refreshSavedDrafts(this.store, this.drafts);
  }

  /** Open a permalink as a new draft; a bad link changes nothing and says why. Returns whether it opened. */
  openPermalink(hash: string, { embed = false }: { embed?: boolean } = {}): boolean {
    try {
      const shared = decodePermalink(hash);
      this.session.openScenario(newDraftId("shared"), shared.scenario, { request: shared.request, pendingStep: shared.step, inert: true });
      if (!embed)
        this.store.setState({
          notice: { tone: "info", text: `Opened a shared link as a new draft: “${shared.scenario.title}”${about(shared.scenario)}. Nothing has run yet: read its code and lesson, then press Send to run it. Your saved work is unchanged (Scenarios lists it).` },
        });
      return true;
    } catch (e) {
      const text = e instanceof PermalinkError ? e.message : `This link could not be opened: ${String(e)}`;
      this.store.setState({ notice: { tone: "error", text: `${text} Nothing was changed.` } });
      return false;
    } finally {
      // The embed keeps its link: its "Open in Framework Lab" passes the same scenario on.
      if (!embed) history.replaceState(null, "", location.pathname + location.search);
    }
  }

  /** A scenario .json file (Open scenario…), as a new draft. */
  openFile(name: string, text: string): boolean {
    let scenario: Scenario;
    try {
      scenario = parse_scenario_json(text);
    } catch (e) {
      const why = e instanceof ScenarioFormatError ? e.message : String(e);
      this.store.setState({ notice: { tone: "error", text: `${name} is not a Framework Lab scenario: ${why}. Nothing was changed.` } });
      return false;
    }
    this.session.openScenario(newDraftId("file"), scenario, { inert: true });
    this.store.setState({ notice: { tone: "info", text: `Opened ${name} as a new draft. Nothing has run yet: press Send to run it.` } });
    return true;
  }

  /** The open project as a scenario: the current files, the scripted requests (plus the address bar's when it is not one of them). */
  current(): { scenario: Scenario; request: number | null } | null {
    const { scenario, files, draft } = this.store.getState();
    if (!scenario) return null;
    const requests = [...scenario.requests];
    let request = requests.findIndex((r) => r.method === draft.method && r.target === draft.target);
    if (request < 0) {
      requests.push({ method: draft.method, target: draft.target });
      request = requests.length - 1;
    }
    return { scenario: { ...scenario, files: { ...files }, requests }, request };
  }

  /** Share: the permalink for the open project, also written into this page's URL hash. */
  share(): { url: string; long: boolean } | null {
    const current = this.current();
    if (!current) return null;
    const hash = encodePermalink({ ...current, step: this.store.getState().step });
    const url = `${location.origin}${location.pathname}#${hash}`;
    history.replaceState(null, "", `#${hash}`);
    return { url, long: url.length > LONG_LINK_CHARS };
  }

  /** The open project as a .json file's text and a file name. */
  download(): { name: string; text: string } | null {
    const current = this.current();
    if (!current) return null;
    const slug = current.scenario.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "scenario";
    return { name: `${slug}.json`, text: JSON.stringify(current.scenario, null, 2) + "\n" };
  }

  /** Back to the original text of one file (a file the scenario did not have is left alone). */
  resetFile(path: string): void {
    const { scenario, files } = this.store.getState();
    const original = scenario?.files[path];
    if (original === undefined) return;
    this.store.setState({ files: { ...files, [path]: original } });
  }

  /** Back to the scenario's original files (empty folders and added files go). */
  resetScenario(): void {
    const { scenario, openTabs, activeFile } = this.store.getState();
    if (!scenario) return;
    const tabs = openTabs.filter((p) => p in scenario.files);
    this.store.setState({ files: { ...scenario.files }, folders: [], openTabs: tabs, activeFile: activeFile && activeFile in scenario.files ? activeFile : (tabs[0] ?? null), markers: {}, notice: { tone: "info", text: "The scenario's original files are back." } });
  }
}

/** A scenario's description for a notice: " — …", cut to a sentence's length. */
function about(scenario: Scenario): string {
  const text = (scenario.description ?? "").replace(/\s+/g, " ").trim();
  if (!text) return "";
  return ` — ${text.length > 300 ? `${text.slice(0, 299)}…` : text}`;
}
